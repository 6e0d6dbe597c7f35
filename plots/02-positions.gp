# Figure: the two naive fixes, integer positions and positions squeezed into [0, 1].
# data: positions
# size: 1400,600
# source: Kazemnejad's article, "why not a single number per position?" (both naive schemes)
load 'plots/style.gp'
set multiplot layout 1,2 margins 0.06,0.98,0.13,0.84 spacing 0.08,0 title "Two naive position codes for sentences of 5, 10, 20 and 50 tokens — and why both fail"
colour(w) = word(" #1b9e77 #d95f02 #7570b3 #e7298a", w)
len(w) = word("5 10 20 50", w)
set title sprintf("Integer positions (chapter 1): the code grows without bound\nat position 49 it is %.1f × the length of a unit word vector (d = 8)", swamp_49)
set xlabel "position pos"
set ylabel "code added to every dimension of row pos"
set xrange [-1:50]
set yrange [-3:52]
set grid ytics lc rgb '#e5e5e5'
set key top left box opaque title "sentence length n"
set object 1 rect from graph 0, first -1 to graph 1, first 1 fc rgb '#fde0c5' fs solid 0.8 noborder behind
set label 1 "word-embedding values live in about [−1, 1]" at first 20, first 3.5 textcolor rgb '#b35806'
plot for [w=1:4] DATA.'/n'.len(w).'.dat' using 1:2 with points pt 7 ps (1.6 - 0.25*w) lc rgb colour(w) title "n = ".len(w)
unset object 1
unset label 1
set title sprintf("Positions in [0, 1] (chapter 2), t = pos/(n−1): the step depends on n\nposition 4 gets every code from %.3f to %.3f as n runs over 5 .. 50", code4_lo, code4_hi)
set ylabel "code t(pos, n)"
set yrange [-0.05:1.12]
set ytics 0,0.25,1
set key bottom right box opaque title "n (step between neighbours)"
set arrow 1 from first 4, first code4_lo to first 4, first code4_hi heads size screen 0.006,90 lw 2 lc rgb 'black'
set label 2 "position 4" at first 4.6, first 1.06
step(w) = value("step_".len(w))
plot for [w=1:4] DATA.'/n'.len(w).'.dat' using 1:3 with linespoints pt 7 ps 0.8 lc rgb colour(w) title sprintf("n = %s (%.3f)", len(w), step(w))
unset multiplot
