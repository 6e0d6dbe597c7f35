# Figure: the spectrum of a few columns: one peak each, on a geometric ladder.
# data: spectrum
# size: 1100,580
# source: the kit's chapter 6 (the time–frequency reading of the table, made quantitative by the DFT)
load 'plots/style.gp'
set title sprintf("Spectrum |Xₖ| of four columns of the %d × %d table (chapter 6's DFT): one peak per column, at ωᵢ/2π", n, d)
set xlabel sprintf("bin k, frequency f = k/n = k/%d cycles per position (k = 128: f = 1/2)   —   axis log(1 + k): logarithmic, with DC (k = 0) at the left edge", n)
set ylabel "|Xₖ|   (a pure sinusoid peaks near n/2)"
# log(1 + k): a log axis for k >= 1 that still has a place for the DC bin k = 0
set nonlinear x via log10(x + 1) inverse 10**x - 1
set xrange [0:n/2]
set xtics ("0 = DC" 0, "1" 1, "2" 2, "4" 4, "8" 8, "16" 16, "32" 32, "64" 64, "128" 128)
set yrange [0:n*0.72]
set grid xtics ytics lc rgb '#e5e5e5'
set key top right box opaque
c1 = '#1b9e77'; c2 = '#d95f02'; c3 = '#7570b3'; c4 = '#e7298a'
set arrow 1 from first n*f_true_1, graph 0 to first n*f_true_1, graph 1 nohead dt 2 lc rgb c1
set arrow 2 from first n*f_true_2, graph 0 to first n*f_true_2, graph 1 nohead dt 2 lc rgb c2
set arrow 3 from first n*f_true_3, graph 0 to first n*f_true_3, graph 1 nohead dt 2 lc rgb c3
set arrow 4 from first n*f_true_4, graph 0 to first n*f_true_4, graph 1 nohead dt 2 lc rgb c4
set label 1 "dashed lines: the true n ωᵢ/2π of each column" at graph 0.02, graph 0.95
plot DATA.'/spectrum.dat' using 1:3 with linespoints pt 7 ps 0.5 lc rgb c1 title sprintf("column %d (ω/2π = %.4f, peak %.4f)", col_1, f_true_1, f_peak_1), \
     ''                   using 1:4 with linespoints pt 7 ps 0.5 lc rgb c2 title sprintf("column %d (ω/2π = %.4f, peak %.4f)", col_2, f_true_2, f_peak_2), \
     ''                   using 1:5 with linespoints pt 7 ps 0.5 lc rgb c3 title sprintf("column %d (ω/2π = %.4f, peak %.4f)", col_3, f_true_3, f_peak_3), \
     ''                   using 1:6 with linespoints pt 7 ps 0.5 lc rgb c4 title sprintf("column %d (ω/2π = %.4f, peak %.4f)", col_4, f_true_4, f_peak_4)
