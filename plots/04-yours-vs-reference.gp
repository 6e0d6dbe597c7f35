# Figure: your chapter 4 functions next to the reference, and the difference.
# data: compare-04
# mode: compare
# functions: pe_wavelengths, pe_offset_distance
# size: 1500,1000
# source: the kit's own check figure (make plots CHAPTER=4 SRC=exercises)
load 'plots/style.gp'
set multiplot layout 2,3 margins 0.07,0.95,0.07,0.91 spacing 0.08,0.1 \
    title "Chapter 4: yours next to the reference, and the difference (yours − reference)"
HEAT = 0
set key top left Left reverse samplen 2

# Row 1: the ladder of wavelengths, d = 128, base 10000 (log scale).
set logscale y
set format y '%.0e'
set xrange [-1:64]
set yrange [1:2e5]
set xtics 0,8
set ytics auto
set xlabel "pair index i"
set ylabel "wavelength λᵢ (positions)"
SPEC = "using 0:1 with lines lw 2 title 'PE_PAPER', '' using 0:2 with lines lw 2 dt 2 title 'PE_T2T (d − 2)'"
TOL = 1e-6
call 'plots/compare.gp' 'lambda' 'pe_wavelengths(λ, 128, 10000, ·)'

# Row 2: how far PE(k) is from PE(0), d = 16 and 64.
unset logscale y
set format y '% h'
set xrange [0:199]
set yrange [0:8.5]
set xtics 0,50
set ytics 0,2
set xlabel "offset k"
set ylabel "||PE(0 + k) − PE(0)||"
SPEC = "using 0:1 with lines lw 2 title 'd = 16', '' using 0:2 with lines lw 2 title 'd = 64'"
TOL = 1e-12
call 'plots/compare.gp' 'dist' 'pe_offset_distance(dist, 200, 0, d, 10000)'
unset multiplot
