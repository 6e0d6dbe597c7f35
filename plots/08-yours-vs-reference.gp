# Figure: your chapter 8 functions next to the reference, and the difference.
# data: compare-08
# mode: compare
# functions: rope_apply, rope_scores, alibi_bias
# size: 1500,1400
# source: the kit's own check figure (make plots CHAPTER=8 SRC=exercises)
load 'plots/style.gp'
set multiplot layout 3,3 margins 0.07,0.93,0.05,0.93 spacing 0.10,0.08 \
    title "Chapter 8: yours next to the reference, and the difference (yours − reference)"
TOL = 1e-12
HEAT = 1
SPEC = "matrix with image ".IMAGE

# Row 1: the row (1, 0, 1, 0, ...) rotated to each position.
set xrange [-0.5:7.5]
set yrange [63.5:-0.5]
set xtics 0,1
set ytics 0,8
set xlabel "column j"
set ylabel "position pos (0 at the top)"
set cbrange [-1:1]
call 'plots/compare.gp' 'rope' 'rope_apply((1, 0, 1, 0, …), pos, 64, 8, 10000)'

# Row 2: the score depends on m − n only: stripes along the diagonal.
set xrange [-0.5:31.5]
set yrange [31.5:-0.5]
set xtics 0,8
set ytics 0,8
set xlabel "key position n"
set ylabel "query position m (0 at the top)"
set cbrange [-6:6]
call 'plots/compare.gp' 'scores' 'rope_scores(q, k, 32, 8, 10000, S)'

# Row 3: ALiBi's bias, four heads side by side.
set xrange [-0.5:63.5]
set yrange [15.5:-0.5]
set xtics ("h = 1" 7.5, "h = 2" 23.5, "h = 3" 39.5, "h = 4" 55.5)
set ytics 0,4
set xlabel "head h, then key position 0 .. 15"
set ylabel "query position (0 at the top)"
set cbrange [-1:1]
call 'plots/compare.gp' 'alibi' 'alibi_bias(0, 4, 16)'
unset multiplot
