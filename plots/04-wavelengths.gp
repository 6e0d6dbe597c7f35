# Figure: the wavelength of every column, on a log axis.
# data: wavelengths
# size: 1000,560
# source: Vaswani et al. (2017) §3.5: "the wavelengths form a geometric progression from 2π to 10000·2π"
load 'plots/style.gp'
set title sprintf("Wavelength λ = 2π/ω of each column, d = %d, base 10000: a straight line on a log axis", d)
set xlabel "dimension j   (columns 2i and 2i+1 share ωᵢ)"
set ylabel "wavelength λ in positions (log scale)"
set logscale y
set format y "%.0f"
set yrange [3:3e5]
set xrange [-2:d+1]
set xtics 0,16
set key at graph 0.02, graph 0.84 left top box opaque spacing 1.3
set grid ytics mytics lc rgb '#e5e5e5'
set arrow 1 from graph 0, first 2*pi to graph 1, first 2*pi nohead dt 3 lc rgb '#555555'
set arrow 2 from graph 0, first 20000*pi to graph 1, first 20000*pi nohead dt 3 lc rgb '#555555'
set label 1 "2π (shortest)" at graph 0.98, first 2*pi*1.35 right
set label 2 "10000·2π = 62832 (the paper's longest)" at graph 0.02, first 20000*pi*1.35
set label 3 sprintf("paper's formula stops at λ = %.1f", lambda_max_paper) at first d-1, first 2000 right textcolor rgb '#2166ac'
set arrow 3 from first d-3, first 2800 to first d-1, first lambda_max_paper*0.8 lc rgb '#2166ac'
set label 4 sprintf("d−2 variant reaches %.1f", lambda_max_variant) at first d-14, first lambda_max_variant*1.35 right textcolor rgb '#b2182b'
plot DATA.'/lambda.dat' using 1:2 with points pt 7 ps 0.5 lc rgb '#2166ac' title "paper: ωᵢ = 10000^(−2i/d)", \
     ''                 using 1:3 with lines lw 2 lc rgb '#b2182b' title "d−2 variant (tensor2tensor, fairseq): ωᵢ = 10000^(−2i/(d−2))"
