# Figure: learning curves (seed 0, trained on 4 .. 8): the training loss against the step, per encoding, causal and bidirectional.
# data: curves
# size: 1400,1000
# source: make experiment (tools/experiment/experiment.c), chapters/data/10-curves.tsv
load 'plots/style.gp'
ENC = "none integer unit sinusoidal learned concat rope alibi×4 none×4 alibi½"
COL = "#777777 #e6ab02 #a6761d #1b9e77 #7570b3 #66a61e #d95f02 #e7298a #999999 #e7298a"
DT = "1 1 1 1 1 1 1 1 2 2"
set multiplot layout 2,2 margins 0.06,0.86,0.08,0.88 spacing 0.08,0.14 \
    title "Learning curves, trained on sentences of 4 .. 8 tokens (seed 0; Adam, lr 0.003, 16 sentences a step)\ntraining loss, the mean over the last 100 steps"
set grid xtics ytics lc rgb '#e5e5e5'
set xrange [0:*]
set xlabel "training step"
set ylabel "cross-entropy (nats)"
set yrange [0:*]
do for [t = 1:2] {
    do for [m = 1:2] {
        f = sprintf("%s/curves-%s-%s.dat", DATA, word("order prev", t), word("causal bidir", m))
        set title sprintf("%s — %s", t == 1 ? "order" : "prev", m == 1 ? "causal" : "bidirectional")
        if (m == 2) { set key at screen 0.995, graph 0.5 right center vertical samplen 2 spacing 1.2 title "encoding" } else { unset key }
        plot for [e = 1:10] f index (e - 1) using 1:2 with lines lw 2 dt int(word(DT, e)) lc rgb word(COL, e) title word(ENC, e)
    }
}
unset multiplot
