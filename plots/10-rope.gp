# Figure: RoPE's cliff on prev: left, chapter 4's near-repeat of the two fastest rotation pairs against the offset; right, accuracy at every length for L = 8 and L = 16, as trained, with position interpolation and with NTK-aware base scaling.
# data: rope
# size: 1500,560
# source: make experiment (tools/experiment/experiment.c), chapters/data/10-length.tsv, 10-chord.tsv
load 'plots/style.gp'
set multiplot layout 1,3 margins 0.05,0.99,0.12,0.84 spacing 0.06,0.1 \
    title sprintf("RoPE (d = 16, base 10000) on prev: a key k positions from the right one looks like it when the two fast pairs turn almost whole turns (first at k = %d)\nmean over the seeds; dashed: the first length with a key %d from the right one (bidirectional n = %d, causal n = %d)", rope_k, rope_k, cliff_bidir, cliff_causal)
set grid xtics ytics lc rgb '#e5e5e5'
set title "the two fastest pairs: chord between offsets k apart"
set xlabel "offset k"
set ylabel "chord distance"
set xrange [0:63]
set yrange [0:*]
set arrow 2 from rope_k, graph 0 to rope_k, graph 1 nohead dt 2 lc rgb '#444444'
plot sprintf("%s/chord.dat", DATA) using 1:2 with linespoints pt 7 ps 0.6 lw 1.5 lc rgb '#d95f02' notitle
set yrange [0:105]
set ylabel "accuracy (%)"
set xlabel "test length n (tokens)"
set xrange [3:65]
set xtics 8, 8, 64
set key bottom left
do for [m = 1:2] {
    MODE = word("causal bidir", m)
    set title (m == 1 ? "causal mask" : "bidirectional")
    unset arrow
    CLIFF = m == 1 ? cliff_causal : cliff_bidir
    set arrow 1 from CLIFF, graph 0 to CLIFF, graph 1 nohead dt 2 lc rgb '#444444'
    plot sprintf("%s/rope-%s-L8.dat", DATA, MODE) index 0 using 1:2 with linespoints pt 7 ps 0.6 lw 2 lc rgb '#d95f02' title "L = 8", \
         sprintf("%s/rope-%s-L16.dat", DATA, MODE) index 0 using 1:2 with linespoints pt 5 ps 0.6 lw 2 lc rgb '#7570b3' title "L = 16", \
         sprintf("%s/rope-%s-L8.dat", DATA, MODE) index 1 using 1:2 with lines dt 2 lw 2 lc rgb '#1b9e77' title "L = 8, interpolated", \
         sprintf("%s/rope-%s-L8.dat", DATA, MODE) index 2 using 1:2 with lines dt 4 lw 2 lc rgb '#e7298a' title "L = 8, NTK-aware"
}
unset multiplot
