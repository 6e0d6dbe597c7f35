# Figure: your chapter 7 functions next to the reference, and the difference.
# data: compare-07
# mode: compare
# functions: attn_scores, attn_softmax, attn_attend
# size: 1500,1400
# source: the kit's own check figure (make plots CHAPTER=7 SRC=exercises)
load 'plots/style.gp'
set multiplot layout 3,3 margins 0.07,0.93,0.05,0.92 spacing 0.10,0.08 \
    title "Chapter 7: yours next to the reference, and the difference (yours − reference)\n12 queries, 12 keys, d_k = 4, d_v = 3 (fixed inputs)"
TOL = 1e-12
HEAT = 1
SPEC = "matrix with image ".IMAGE
set xrange [-0.5:11.5]
set yrange [11.5:-0.5]
set xtics 0,2
set ytics 0,2
set xlabel "key c"

set ylabel "query r (0 at the top)"
set cbrange [-5:5]
call 'plots/compare.gp' 'scores' 'S = attn_scores(Q, K, 12, 12, 4, S)'

set ylabel "query r (0 at the top)"
set cbrange [-1:1]
call 'plots/compare.gp' 'softmax' 'attn_softmax(causal S, 12, 12, P)'

set ylabel "query r (0 at the top)"
set cbrange [-0.5:0.5]
call 'plots/compare.gp' 'attend' 'weights A of attn_attend(Q, K, V, …)'
unset multiplot
