# Figure: your chapter 9 tables next to the reference, and the difference.
# data: compare-09
# mode: compare
# functions: ps_table_fast, ps_table_rotate, ps_drift
# size: 1500,1550
# source: the kit's own check figure (make plots CHAPTER=9 SRC=exercises)
load 'plots/style.gp'
set multiplot layout 3,3 margins 0.07,0.91,0.05,0.93 spacing 0.10,0.08 \
    title "Chapter 9: yours next to the reference, and the difference (yours − reference)\n4096 positions (every 8th drawn), d = 32; ps_table_fast promises 1e-12 of libm, the difference's colours span ±1e-12 at least"
TOL = 1e-12
HEAT = 1
SPEC = "matrix using 1:($2 * 8):3 with image ".IMAGE
set xrange [-0.5:31.5]
set yrange [4092:-4]
set xtics 0,8
set ytics 0,512
set xlabel "dimension j"
set cbrange [-1:1]

set ylabel "position pos (0 at the top)"
call 'plots/compare.gp' 'fast' 'ps_table_fast(pe, 4096, 32, 10000)'

set ylabel "position pos (0 at the top)"
set cbrange [-1:1]
call 'plots/compare.gp' 'rotate' 'ps_table_rotate(pe, 4096, 32, 10000, 64)'

# Row 3: how far the recurrence drifts from libm when it is never reseeded.
HEAT = 0
SPEC = "using 0:1 with lines lw 1.5 lc rgb '#b2182b' notitle"
set xrange [0:4095]
set yrange [0:1e-12]
set format y '%.0e'
set xtics 0,1024
set ytics auto
set xlabel "position pos"
set ylabel "drift[pos] = max_j |T − PE|"
call 'plots/compare.gp' 'drift' 'ps_drift(drift, 4096, 32, 10000)'
unset multiplot
