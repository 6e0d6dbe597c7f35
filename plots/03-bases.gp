# Figure: what the base does, three tables side by side.
# data: bases
# size: 1500,560
# source: the kit's chapter 3 (the base is a parameter of pe_table); cf. RoPE's base-scaling discussions
load 'plots/style.gp'
set multiplot layout 1,3 margins 0.06,0.92,0.12,0.88 spacing 0.045,0 title "The same 100 × 64 encoding for three bases — position 0 is the TOP row; smaller base = every column repeats sooner"
set cbrange [-1:1]
set xrange [-0.5:63.5]
set yrange [99.5:-0.5]
set xtics 0,16
set ytics 0,10
set xlabel "dimension j"
set ylabel "position pos (0 at the top)"
unset colorbox
set title "base 10000 (the paper)"
plot DATA.'/pe_10000.dat' matrix with image @IMAGE
set title "base 100"
unset ylabel
plot DATA.'/pe_100.dat' matrix with image @IMAGE
set title "base 20"
set colorbox
set cblabel "PE(pos, j)"
plot DATA.'/pe_20.dat' matrix with image @IMAGE
unset multiplot
