# Figure: the student's table next to the reference and their difference.
# data: compare-table
# mode: compare
# functions: pe_table
# size: 1500,600
# source: the kit's own check figure (make plots CHAPTER=3 SRC=exercises)
load 'plots/style.gp'
set multiplot layout 1,3 margins 0.05,0.93,0.13,0.85 spacing 0.05,0 title "Your pe_table(pe, 50, 32, 10000) next to the reference — position 0 is the TOP row"
set cbrange [-1:1]
set xrange [-0.5:31.5]
set yrange [49.5:-0.5]
set xtics 0,4
set ytics 0,5
set xlabel "dimension j (even: sin, odd: cos)"
set ylabel "position pos (0 at the top)"
unset colorbox
if (strlen(REF_MSG) > 0) {
    set title "reference"
    set label 1 REF_MSG at graph 0.5, graph 0.5 center textcolor rgb '#b2182b'
    plot NaN
    unset label 1
} else {
    set title "reference (blue −1 … white 0 … red +1)"
    plot REF.'/pe.dat' matrix with image @IMAGE
}
unset ylabel
if (strlen(YOURS_MSG) > 0) {
    set title "yours"
    set label 1 YOURS_MSG at graph 0.5, graph 0.55 center font ",12" textcolor rgb '#b2182b'
    set label 2 "nothing to draw yet: write it, then run\nmake plots CHAPTER=3 SRC=exercises" at graph 0.5, graph 0.4 center
    set colorbox
    set cblabel "PE(pos, j)"
    plot NaN
    unset label 1
    unset label 2
} else {
    set title "yours (same colours)"
    if (strlen(REF_MSG) > 0) { set colorbox; set cblabel "PE(pos, j)" }
    plot YOURS.'/pe.dat' matrix with image @IMAGE
    if (strlen(REF_MSG) == 0) {
        maxdiff = maxdiff_pe
        set title (maxdiff < 1e-9 ? sprintf("yours − reference: identical (max |diff| = %.1e)", maxdiff) \
                                  : sprintf("yours − reference: max |diff| = %.3g", maxdiff))
        set cbrange [-2:2]
        set colorbox
        set cblabel "yours − reference (0 = white: the same)"
        plot DATA.'/diff-pe.dat' matrix with image @IMAGE
    }
}
unset multiplot
