# Figure: the spectrum of a few columns: one peak each, on a geometric ladder.
# data: spectrum
# size: 1100,580
# source: the kit's chapter 6 (the time–frequency reading of the table, made quantitative by the DFT)
load 'plots/style.gp'
set title sprintf("Spectrum |X_k| of four columns of the %d × %d table (chapter 6's DFT): one peak per column, at ω_i/2π", n, d)
set xlabel "frequency f = k/n (cycles per position, log scale; bin width 1/n)"
set ylabel "|X_k|   (a pure sinusoid peaks near n/2)"
set logscale x
set xrange [1.0/n:0.5]
set format x "%g"
set yrange [0:n*0.72]
set grid xtics ytics lc rgb '#e5e5e5'
set key top right box opaque
c1 = '#1b9e77'; c2 = '#d95f02'; c3 = '#7570b3'; c4 = '#e7298a'
set arrow 1 from first f_true_1, graph 0 to first f_true_1, graph 1 nohead dt 2 lc rgb c1
set arrow 2 from first f_true_2, graph 0 to first f_true_2, graph 1 nohead dt 2 lc rgb c2
set arrow 3 from first f_true_3, graph 0 to first f_true_3, graph 1 nohead dt 2 lc rgb c3
set arrow 4 from first f_true_4, graph 0 to first f_true_4, graph 1 nohead dt 2 lc rgb c4
set label 1 "dashed lines: the true ω_i/2π of each column" at graph 0.02, graph 0.95
plot DATA.'/spectrum.dat' using 2:3 every ::1 with linespoints pt 7 ps 0.5 lc rgb c1 title sprintf("column %d (ω/2π = %.4f, peak %.4f)", col_1, f_true_1, f_peak_1), \
     ''                   using 2:4 every ::1 with linespoints pt 7 ps 0.5 lc rgb c2 title sprintf("column %d (ω/2π = %.4f, peak %.4f)", col_2, f_true_2, f_peak_2), \
     ''                   using 2:5 every ::1 with linespoints pt 7 ps 0.5 lc rgb c3 title sprintf("column %d (ω/2π = %.4f, peak %.4f)", col_3, f_true_3, f_peak_3), \
     ''                   using 2:6 every ::1 with linespoints pt 7 ps 0.5 lc rgb c4 title sprintf("column %d (ω/2π = %.4f, peak %.4f)", col_4, f_true_4, f_peak_4)
