# Figure: the RoPE score depends only on the offset m − n; the ALiBi bias is a line in |m − n| per head.
# data: rope-alibi
# size: 1400,620
# source: the kit's chapter 8 §8.3 worked example (q and k), RoFormer §3.4.2, ALiBi (Press et al., 2022) §3
load 'plots/style.gp'
set multiplot layout 1,2 margins 0.06,0.98,0.13,0.85 spacing 0.08,0 \
    title "Relative positions inside the score: both panels are functions of the offset m − n alone (query at m, key at n; negative: key after the query)"
set grid xtics ytics lc rgb '#e5e5e5'
set xrange [-20.5:20.5]
set xtics -20,5,20
set xlabel "offset m − n (query position − key position)"
set title "RoPE, d = 4, base 10000 (θ = 1, 0.01): q·k after rotation\nthe same q and k as in §8.3, key at n = 20, 100 or 220"
set ylabel "score (R_m q)·(R_n k)"
set yrange [-1:3.5]
set key bottom center horizontal box opaque samplen 2
plot rope = DATA.'/rope.dat', \
     rope using 1:2 with lines lw 5 lc rgb '#c6dbef' title "key at n = 20", \
     ''   using 1:3 with points pt 6 ps 1.6 lw 1.5 lc rgb '#08519c' title "key at n = 100", \
     ''   using 1:4 with points pt 2 ps 1.0 lw 1.5 lc rgb '#d95f02' title "key at n = 220"
set title sprintf("ALiBi, H = 8: bias −m_h·|m − n| added to the score\nslopes m_h = 2^(−h): %g, %g, %g, %g, ..., 1/256", slope1, slope2, slope3, slope4)
set ylabel "bias added to the score"
set yrange [-10.5:0.5]
set key vertical maxrows auto samplen 4 at graph 0.5, graph 0.03 center bottom box opaque title "head h (slope m_h)"
plot for [h in "1 2 3 4 8"] DATA.'/alibi.dat' using 1:(column(int(h) + 1)) with linespoints pt 7 ps 0.5 lw 2 \
     title sprintf("h = %s (%s)", h, h eq "8" ? "1/256" : sprintf("%g", value("slope" . h)))
unset multiplot
