# Figure: your chapter 6 functions next to the reference, and the difference.
# data: compare-06
# mode: compare
# functions: tf_dft, tf_fft
# size: 1500,1000
# source: the kit's own check figure (make plots CHAPTER=6 SRC=exercises)
load 'plots/style.gp'
set multiplot layout 2,3 margins 0.07,0.95,0.07,0.90 spacing 0.08,0.1 \
    title "Chapter 6: yours next to the reference, and the difference (yours − reference)\nx_n = cos(2π·5n/64) + 0.8 sin(2π·12n/64) + 0.4 cos(2π·20.3n/64 + 0.5) + 0.1, n = 0 .. 63"
TOL = 1e-9
HEAT = 0
set key top right samplen 2
SPEC = "using 0:1 with linespoints pt 7 ps 0.5 lw 1.5 title 'Re Xₖ', '' using 0:2 with linespoints pt 6 ps 0.5 lw 1.5 title 'Im Xₖ'"
set xrange [-1:64]
set xtics 0,8
set xlabel "bin k (k/64 cycles per sample)"

set yrange [-32:40]
set ytics auto
set ylabel "Xₖ"
call 'plots/compare.gp' 'dft' 'tf_dft(x, 64, re, im)'

set yrange [-32:40]
set ylabel "Xₖ"
call 'plots/compare.gp' 'fft' 'tf_fft(x, 64, re, im)'
unset multiplot
