# Figure: accuracy against the test length, per positional encoding: trained on lengths 4..L, tested at L, 2L, 3L, 4L.
# data: length
# size: 1400,1000
# source: make experiment (tools/experiment/experiment.c), chapters/data/10-results.tsv, mean of 3 seeds
load 'plots/style.gp'
ENC = "none integer unit sinusoidal learned rope alibi concat"
COL = "#999999 #e6ab02 #a6761d #1b9e77 #7570b3 #d95f02 #e7298a #66a61e"
PT = "1 2 3 7 5 9 11 13"
set multiplot layout 2,2 margins 0.06,0.86,0.08,0.88 spacing 0.08,0.14 \
    title "What each encoding learned, and how it carries to longer sentences (one attention layer, d = 16; mean of 3 seeds)\nTrained on sentences of 4 .. L tokens; tested on 500 new sentences of exactly L, 2L, 3L and 4L tokens"
set grid xtics ytics lc rgb '#e5e5e5'
set yrange [0:105]
set ylabel "accuracy (%)"
set xlabel "test length n (tokens)"
do for [t = 1:2] {
    task = word("order prev", t)
    do for [l = 1:2] {
        L = l == 1 ? 8 : 16
        set xrange [L - 2:4 * L + 2]
        set xtics L, L, 4 * L
        set arrow 1 from L, graph 0 to L, graph 1 nohead dt 3 lc rgb '#777777'
        chance = t == 1 ? 50 : 12.5
        set title sprintf("%s, trained on n = 4 .. %d\n%s", t == 1 ? "order: does A come before B?" : "prev: name the previous token", L, t == 1 ? "chance 50 %" : "one of 8 tokens: chance 12.5 %")
        if (l == 2) { set key at screen 0.995, graph 0.5 right center vertical samplen 2 spacing 1.2 title "encoding" } else { unset key }
        plot for [e = 1:8] sprintf("%s/length-%s-L%d.dat", DATA, task, L) index (e - 1) using 1:2 \
             with linespoints lw 2 pt int(word(PT, e)) ps 1.3 lc rgb word(COL, e) title word(ENC, e), \
             chance with lines dt 2 lc rgb '#bbbbbb' title "chance"
    }
}
unset multiplot
