# Figure: order — accuracy at every test length 4 .. 32 (trained on 4 .. 8), causal and bidirectional, mean of the seeds with a ±sd band.
# data: length
# size: 1400,1000
# source: make experiment (tools/experiment/experiment.c), chapters/data/10-length.tsv
load 'plots/style.gp'
TASK = "order"
# Blocks of length-TASK-MODE.dat (plots/data/ch10.c): 0 none, 1 integer, 2 unit,
# 3 sinusoidal, 4 learned, 5 learned-clamped, 6 concat, 7 rope, 8 alibi4, 9 none4,
# 10 alibi1, 11 baseline; columns n mean sd min max.
NAMES = "none integer unit sinusoidal learned learned(clamped) concat rope alibi×4 none×4 alibi½"
COL = "#777777 #e6ab02 #a6761d #1b9e77 #7570b3 #7570b3 #66a61e #d95f02 #e7298a #999999 #e7298a"
DT = "1 1 1 1 1 2 1 1 1 2 2"
PT = "1 2 3 7 5 4 13 9 11 6 10"
set multiplot layout 2,2 margins 0.06,0.86,0.08,0.88 spacing 0.08,0.12 \
    title sprintf("%s — trained on sentences of 4 .. 8 tokens (dotted line), tested at every length up to 32\nmean over the seeds; the band is ± one standard deviation across seeds", \
                  TASK eq "order" ? "order: does A come before B?" : "prev: name the previous token")
set grid xtics ytics lc rgb '#e5e5e5'
set yrange [0:105]
set xrange [3:33]
set xtics 4, 4, 32
set ylabel "accuracy (%)"
set xlabel "test length n (tokens)"
set style fill transparent solid 0.12 noborder
set arrow 1 from 8, graph 0 to 8, graph 1 nohead dt 3 lc rgb '#555555'
GROUP1 = "0 1 2 3 4 5 6"
GROUP2 = "0 7 8 9 10"
do for [g = 1:2] {
    G = g == 1 ? GROUP1 : GROUP2
    do for [m = 1:2] {
        MODE = word("causal bidir", m)
        f = sprintf("%s/length-%s-%s.dat", DATA, TASK, MODE)
        set title sprintf("%s — %s", m == 1 ? "causal mask" : "bidirectional (no mask)", \
                          g == 1 ? "encodings added to the input" : "in the scores, and controls")
        if (m == 2) { set key at screen 0.995, graph 0.5 right center vertical samplen 2 spacing 1.1 } else { unset key }
        plot for [k = 1:words(G)] f index int(word(G, k)) using 1:($2 - $3):($2 + $3) with filledcurves \
                 lc rgb word(COL, int(word(G, k)) + 1) notitle, \
             for [k = 1:words(G)] f index int(word(G, k)) using 1:2 with linespoints lw 2 ps 0.9 \
                 dt int(word(DT, int(word(G, k)) + 1)) pt int(word(PT, int(word(G, k)) + 1)) \
                 lc rgb word(COL, int(word(G, k)) + 1) title word(NAMES, int(word(G, k)) + 1), \
             f index 11 using 1:2 with lines dt 2 lw 1.5 lc rgb '#222222' \
                 title (TASK eq "order" ? "chance" : "no-position best")
    }
}
unset multiplot
