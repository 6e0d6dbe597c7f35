# Figure: your chapter 10 functions next to the reference, and the difference.
# data: compare-10
# mode: compare
# functions: tr_xent, tr_linear_forward, tr_linear_backward, tr_attn_forward, tr_attn_backward, tr_adam_step
# size: 1500,2700
# source: the kit's own check figure (make plots CHAPTER=10 SRC=exercises)
load 'plots/style.gp'
set multiplot layout 6,3 margins 0.07,0.93,0.03,0.95 spacing 0.10,0.045 \
    title "Chapter 10: yours next to the reference, and the difference (yours − reference)\nfixed inputs; every function called on its own (the backward passes get a fixed A and dY, not the forward's)"
TOL = 1e-12
HEAT = 1
HEATMAP = "matrix with image ".IMAGE
# A row with several outputs side by side draws the lines between them as
# part of its plot (a panel with a message has none): HEATMAP.VBAR(...).
VBAR(x, lo, hi) = sprintf(", [t=%g:%g] '+' using (%g):(t) with lines lc rgb '#333333' lw 1.5 notitle", lo, hi, x)
HBAR(y, lo, hi) = sprintf(", [t=%g:%g] '+' using (t):(%g) with lines lc rgb '#333333' lw 1 notitle", lo, hi, y)

# Row 1: dz = (softmax(z) - onehot(y)) / B, negative at each row's label.
SPEC = HEATMAP
set xrange [-0.5:11.5]
set yrange [7.5:-0.5]
set xtics 0,2
set ytics 0,1
set xlabel "class c"
set ylabel "row b of the batch (0 at the top)"
set cbrange [-0.125:0.125]
call 'plots/compare.gp' 'xent' 'dz of tr_xent(z, y, 8, 12, &loss, dz)'

# Row 2: a linear layer, Y = X W + b.
set xrange [-0.5:5.5]
set yrange [8.5:-0.5]
set xtics 0,1
set ytics 0,1
set xlabel "output o"
set ylabel "row r (0 at the top)"
set cbrange [-2:2]
call 'plots/compare.gp' 'linear' 'Y = tr_linear_forward(X, W, b, 9, 8, 6, Y)'

# Row 3: its three gradients; dW and db together are the gradient of W with b as its last row.
SPEC = HEATMAP.VBAR(7.5, -0.5, 8.5).HBAR(7.5, 7.5, 13.5)
set xrange [-0.5:13.5]
set yrange [8.5:-0.5]
set xtics ("dX" 3.5, "dW, db" 10.5)
set ytics ("0" 0, "2" 2, "4" 4, "6" 6, "db" 8)
set xlabel "dX (9 × 8, column i) | dW (8 × 6, column o), db (6) below it"
set ylabel "row r of dX, i of dW"
set cbrange [-4:4]
call 'plots/compare.gp' 'linback' 'tr_linear_backward(X, W, dY, 9, 8, 6, dX, dW, db)'

# Row 4: attention with a causal bias: the weights A (0 above the diagonal), then Y = A V.
SPEC = HEATMAP.VBAR(7.5, -0.5, 7.5)
set xrange [-0.5:11.5]
set yrange [7.5:-0.5]
set xtics ("A" 3.5, "Y" 9.5)
set ytics 0,1
set xlabel "A (8 × 8, key c; causal) | Y (8 × 4, column j)"
set ylabel "query r (0 at the top)"
set cbrange [-1:1]
call 'plots/compare.gp' 'attn' 'tr_attn_forward(Q, K, V, M, 8, 4, 4, A, Y)'

# Row 5: its gradients for the same Q, K, V, a fixed causal A and a fixed dY.
SPEC = HEATMAP.VBAR(3.5, -0.5, 7.5).VBAR(7.5, -0.5, 7.5)
set xrange [-0.5:11.5]
set yrange [7.5:-0.5]
set xtics ("dQ" 1.5, "dK" 5.5, "dV" 9.5)
set ytics 0,1
set xlabel "dQ | dK | dV (8 × 4 each)"
set ylabel "row r (0 at the top)"
set cbrange [-1:1]
call 'plots/compare.gp' 'attnback' 'tr_attn_backward(Q, K, V, A, dY, 8, 4, 4, dQ, dK, dV)'

# Row 6: 40 Adam steps on gradients that change from step to step.
HEAT = 0
set key top left horizontal maxrows 2 samplen 2
SPEC = "using 0:1 with lines lw 1.5 title 'θ₀', '' using 0:2 with lines lw 1.5 title 'θ₁', " . \
       "'' using 0:3 with lines lw 1.5 title 'θ₂', '' using 0:4 with lines lw 1.5 title 'θ₃', " . \
       "'' using 0:5 with lines lw 1.5 title 'θ₄', '' using 0:6 with lines lw 1.5 title 'θ₅'"
set xrange [0:40]
set yrange [-1.5:2.5]
set xtics 0,10
set ytics auto
set xlabel "step t (0: before the first step)"
set ylabel "θₖ"
call 'plots/compare.gp' 'adam' 'tr_adam_step × 40 (lr 0.05, β 0.9, 0.999)'
unset multiplot
