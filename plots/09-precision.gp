# Figure: float against double, error against position, log–log.
# data: precision
# size: 1000,600
# source: the kit's chapter 9 (the float error grows like pos · 2^-24: float32 tables break at long positions)
load 'plots/style.gp'
set title sprintf("Largest error of a PE row against libm in double, d = %d, base 10000 (log–log)", d)
set xlabel "position pos (log scale)"
set ylabel "max over j of |PE(pos, j) − libm double|   (log scale)"
set logscale xy
set format x "1e%T"
set format y "1e%T"
set xrange [1:1e7]
set yrange [1e-17:30]
set grid xtics ytics lc rgb '#e5e5e5'
set key top left box opaque
set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead dt 3 lc rgb '#555555'
set label 1 "error 1: the value is noise" at graph 0.66, first 1.8 left
set arrow 2 from graph 0, first 2**-53 to graph 1, first 2**-53 nohead dt 3 lc rgb '#555555'
set label 2 "unit roundoff of double ε₆₄ = 2^-53 ≈ 1.1e-16" at graph 0.98, first 2.2e-16 right
plot DATA.'/float.dat' using 1:2 with linespoints pt 7 ps 0.6 lw 2 lc rgb '#b2182b' title "float path (powf, sinf, cosf): ps_float_error", \
     DATA.'/drift.dat' using 1:2 with linespoints pt 5 ps 0.5 lw 2 lc rgb '#2166ac' title "double rotation recurrence, never reseeded: ps_drift"
