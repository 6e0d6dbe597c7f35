# Figure: your chapter 2 functions next to the reference, and the difference.
# data: compare-02
# mode: compare
# functions: unit_positions, unit_code_range, unit_pos_add
# size: 1500,1400
# source: the kit's own check figure (make plots CHAPTER=2 SRC=exercises)
load 'plots/style.gp'
set multiplot layout 3,3 margins 0.07,0.93,0.05,0.93 spacing 0.10,0.08 \
    title "Chapter 2: yours next to the reference, and the difference (yours − reference)"
TOL = 1e-12
set key bottom right samplen 2

# Row 1: t(pos, n) = pos / (n − 1) for four sentence lengths.
HEAT = 0
set xrange [-1:50]
set yrange [-0.05:1.1]
set xtics 0,10
set ytics 0,0.25
set xlabel "position pos"
set ylabel "code t(pos, n)"
SPEC = "using 0:1 with linespoints pt 7 ps 0.6 lw 2 title 'n = 5', '' using 0:2 with linespoints pt 7 ps 0.4 lw 2 title 'n = 10', '' using 0:3 with linespoints pt 7 ps 0.3 lw 2 title 'n = 20', '' using 0:4 with lines lw 2 title 'n = 50'"
call 'plots/compare.gp' 'positions' 'unit_positions(t, n)'

# Row 2: the codes one position gets over the lengths n = 5 .. 50.
set yrange [-0.05:1.1]
set ytics 0,0.25
set ylabel "code of pos over n = 5 .. 50"
SPEC = "using 0:2 with lines lw 2 title 'hi', '' using 0:1 with lines lw 2 title 'lo'"
call 'plots/compare.gp' 'range' 'unit_code_range(pos, 5, 50, &lo, &hi)'

# Row 3: a fixed 11 x 8 x (values in [−1, 1]) after unit_pos_add.
HEAT = 1
SPEC = "matrix with image ".IMAGE
set xrange [-0.5:7.5]
set yrange [10.5:-0.5]
set xtics 0,1
set ytics 0,1
set xlabel "dimension j"
set ylabel "position pos (0 at the top)"
set cbrange [-2:2]
call 'plots/compare.gp' 'add' 'unit_pos_add(x, 11, 8)'
unset multiplot
