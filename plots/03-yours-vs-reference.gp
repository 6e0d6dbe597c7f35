# Figure: your chapter 3 functions next to the reference, and the difference.
# data: compare-03
# mode: compare
# functions: pe_table, pe_omega, pe_add
# size: 1500,1450
# source: the kit's own check figure (make plots CHAPTER=3 SRC=exercises)
load 'plots/style.gp'
set multiplot layout 3,3 margins 0.06,0.93,0.05,0.93 spacing 0.10,0.08 \
    title "Chapter 3: yours next to the reference, and the difference (yours − reference)"
TOL = 1e-12

# Row 1: the table, position 0 at the top.
set xrange [-0.5:31.5]
set yrange [49.5:-0.5]
set xtics 0,4
set ytics 0,5
set xlabel "dimension j (even: sin, odd: cos)"
set ylabel "position pos (0 at the top)"
HEAT = 1
SPEC = "matrix with image ".IMAGE
set cbrange [-1:1]
call 'plots/compare.gp' 'pe' 'pe_table(pe, 50, 32, 10000)'

# Row 2: the frequencies, on a log scale: a straight line of slope -2 ln(base)/d.
set xrange [-0.5:15.5]
set yrange [1e-4:2]
set logscale y
set format y "%.0e"
set xtics 0,2
set ytics auto
set xlabel "pair index i"
set ylabel "ωᵢ (radians per position)"
HEAT = 0
SPEC = "using 0:1 with linespoints pt 7 ps 0.7 lw 2 lc rgb '#2166ac' notitle"
call 'plots/compare.gp' 'omega' 'pe_omega(omega, 32, 10000)'

# Row 3: a fixed x (values in [−1, 1]) after pe_add.
unset logscale y
set format y '% h'
HEAT = 1
SPEC = "matrix with image ".IMAGE
set xrange [-0.5:31.5]
set yrange [49.5:-0.5]
set xtics 0,4
set ytics 0,5
set xlabel "dimension j"
set ylabel "position pos (0 at the top)"
set cbrange [-2:2]
call 'plots/compare.gp' 'add' 'pe_add(x, 50, 32, 10000)'
unset multiplot
