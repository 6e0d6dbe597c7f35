# Figure: RoPE's long-term decay: the upper bound of the relative score against the distance (RoFormer Figure 2).
# data: rope-decay
# size: 1400,580
# source: Su et al., RoFormer (2021) §3.4.3 and Figure 2: the bound (1/(d/2)) sum_j |S_j|, S_j = sum_{i<j} e^{i(m-n)θ_i}
load 'plots/style.gp'
set multiplot layout 1,2 margins 0.06,0.98,0.13,0.82 spacing 0.07,0 \
    title sprintf("RoPE's long-term decay, d = %d, base 10000: the relative upper bound (1/(d/2)) Σⱼ |Sⱼ|, Sⱼ = Σ over i < j of e^(i(m−n)θᵢ)\n(the terms e^(i(m−n)θᵢ) from rope_apply)", d)
set grid xtics ytics lc rgb '#e5e5e5'
set ylabel "relative upper bound"
set yrange [0:34]
set xlabel "relative distance m − n"
set xrange [0:256]
set xtics 0,32,256
set title sprintf("every distance 0 .. 256, as RoFormer's Figure 2:\n%.1f at 0, %.2f at 10, %.2f at 100, %.2f at 256", bound_0, bound_10, bound_100, bound_256)
plot DATA.'/decay.dat' using 1:2 with lines lw 2 lc rgb '#2166ac'
set logscale x 2
set xrange [1:65536]
set xtics ("1" 1, "4" 4, "16" 16, "64" 64, "256" 256, "1024" 1024, "4096" 4096, "16384" 16384, "65536" 65536)
set key top right box opaque
set title sprintf("every distance 1 .. 65535, by octave [2^k, 2^(k+1)) (log scale):\nthe mean levels off near %.2f, the largest value near %.2f", mean_oct15, max_oct15)
plot DATA.'/decay-octaves.dat' using (sqrt($1 * ($2 + 1))):4 with linespoints pt 9 ps 1 lw 2 lc rgb '#d95f02' title "largest in the octave", \
     ''                         using (sqrt($1 * ($2 + 1))):3 with linespoints pt 7 ps 1 lw 2 lc rgb '#2166ac' title "mean over the octave"
unset multiplot
