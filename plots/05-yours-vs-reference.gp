# Figure: your chapter 5 functions next to the reference, and the difference.
# data: compare-05
# mode: compare
# functions: rel_rotation, rel_shift, rel_gram, rel_dot_offset
# size: 1500,1800
# source: the kit's own check figure (make plots CHAPTER=5 SRC=exercises)
load 'plots/style.gp'
set multiplot layout 4,3 margins 0.07,0.93,0.04,0.94 spacing 0.10,0.07 \
    title "Chapter 5: yours next to the reference, and the difference (yours − reference); d = 16, base 10000"
TOL = 1e-12
HEAT = 1
SPEC = "matrix with image ".IMAGE

# Row 1: M_5, 2 x 2 blocks on the diagonal.
set xrange [-0.5:15.5]
set yrange [15.5:-0.5]
set xtics 0,2
set ytics 0,2
set xlabel "column c"
set ylabel "row r (0 at the top)"
set cbrange [-1:1]
call 'plots/compare.gp' 'rotation' 'M = rel_rotation(M, 5, 16, 10000)'

# Row 2: PE(pos) made from PE(0) = (0, 1, 0, 1, ...) by shifting it k = pos.
set xrange [-0.5:15.5]
set yrange [49.5:-0.5]
set xtics 0,2
set ytics 0,10
set xlabel "dimension j"
set ylabel "k = pos (0 at the top)"
set cbrange [-1:1]
call 'plots/compare.gp' 'shift' 'rel_shift(PE(0), 1, 16, k, 10000, out)'

# Row 3: the Gram matrix of that table: it depends on q − p only.
set xrange [-0.5:49.5]
set yrange [49.5:-0.5]
set xtics 0,10
set ytics 0,10
set xlabel "position q"
set ylabel "position p (0 at the top)"
set cbrange [-8:8]
call 'plots/compare.gp' 'gram' 'G = rel_gram(table above, 50, 16, G)'

# Row 4: the same dot product in closed form, against the offset.
HEAT = 0
SPEC = "using 0:1 with linespoints pt 7 ps 0.4 lw 1.5 lc rgb '#2166ac' notitle"
set xrange [-1:100]
set yrange [-2:9]
set xtics 0,20
set ytics 0,2
set xlabel "offset k"
set ylabel "PE(p + k) · PE(p)"
call 'plots/compare.gp' 'dot' 'rel_dot_offset(&dot, k, 16, 10000)'
unset multiplot
