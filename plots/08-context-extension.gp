# Figure: context extension of RoPE: position interpolation, NTK-aware base scaling, a larger base.
# data: context-extension
# size: 1200,640
# source: Chen et al. 2023 (position interpolation), bloc97 2023 ("NTK-aware" scaling), Llama 3 (base 500000); chapter 4 §4.5 (why 10000)
load 'plots/style.gp'
set title sprintf("RoPE's angle per position θᵢ for each pair, d = %d, trained on L = %d positions, extended s = %d times to %d", d, L, s, s * L)
set xlabel "pair i (θᵢ = base^(−2i/d) = 2π / λᵢ, from chapter 4's pe_wavelengths)"
set ylabel "θᵢ, radians per position (log scale)"
set logscale y
set format y "1e%T"
set xrange [0:63]
set xtics 0,8,64
set yrange [1e-6:3]
set grid xtics ytics lc rgb '#e5e5e5'
set key bottom left box opaque
set arrow 1 from graph 0, first theta_one_turn_L to graph 1, first theta_one_turn_L nohead dt 2 lc rgb '#555555'
set label 1 sprintf("one turn in L = %d positions", L) at graph 0.01, first theta_one_turn_L * 1.45 left tc rgb "#555555"
set arrow 2 from graph 0, first theta_one_turn_sL to graph 1, first theta_one_turn_sL nohead dt 3 lc rgb '#555555'
set label 2 sprintf("one turn in s L = %d positions", s * L) at graph 0.01, first theta_one_turn_sL / 1.6 left tc rgb "#555555"
plot DATA.'/theta.dat' using 1:2 with linespoints pt 7 ps 0.5 lw 2 lc rgb '#2166ac' title "base 10000, as trained", \
     ''               using 1:3 with linespoints pt 6 ps 0.5 lw 2 lc rgb '#d95f02' title sprintf("position interpolation: pos × L/L' = pos/%d, every θᵢ / %d", s, s), \
     ''               using 1:4 with linespoints pt 4 ps 0.5 lw 2 lc rgb '#1b9e77' title sprintf("NTK-aware: base × s^(d/(d−2)) = %.1f", ntk_base), \
     ''               using 1:5 with linespoints pt 2 ps 0.5 lw 2 lc rgb '#7570b3' title "base 500000 (Llama 3)"
