# Figure: learning curves of the ablation (seed 0): training loss and accuracy at the training length L = 16, per encoding.
# data: curves
# size: 1400,1000
# source: make experiment (tools/experiment/experiment.c), chapters/data/10-curves.tsv
load 'plots/style.gp'
ENC = "none integer unit sinusoidal learned rope alibi concat"
COL = "#999999 #e6ab02 #a6761d #1b9e77 #7570b3 #d95f02 #e7298a #66a61e"
set multiplot layout 2,2 margins 0.06,0.86,0.08,0.88 spacing 0.08,0.14 \
    title "Learning curves, trained on sentences of 4 .. 16 tokens (seed 0; Adam, lr 0.003, 16 sentences a step)\nLeft: training loss (mean over the last 100 steps).  Right: accuracy on 200 new sentences of 16 tokens"
set grid xtics ytics lc rgb '#e5e5e5'
set xrange [0:2000]
set xtics 0, 500, 2000
set xlabel "training step"
do for [t = 1:2] {
    task = word("order prev", t)
    f = sprintf("%s/curves-%s-L16.dat", DATA, task)
    set title (t == 1 ? "order: does A come before B?" : "prev: name the previous token") . " — loss"
    set ylabel "cross-entropy (nats)"
    set yrange [0:*]
    unset key
    plot for [e = 1:8] f index (e - 1) using 1:2 with lines lw 2 lc rgb word(COL, e) title word(ENC, e)
    set title (t == 1 ? "order" : "prev") . " — accuracy at n = 16"
    set ylabel "accuracy (%)"
    set yrange [0:105]
    set key at screen 0.995, graph 0.5 right center vertical samplen 2 spacing 1.2 title "encoding"
    plot for [e = 1:8] f index (e - 1) using 1:3 with lines lw 2 lc rgb word(COL, e) title word(ENC, e)
}
unset multiplot
