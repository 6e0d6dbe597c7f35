# Figure: PE(p)·PE(q) depends only on p − q.
# data: gram
# size: 1400,600
# source: Kazemnejad's article (dot product of position embeddings) and the paper §3.5 ("relative positions")
load 'plots/style.gp'
set multiplot layout 1,2 margins 0.06,0.97,0.13,0.87 spacing 0.09,0 title "The dot product of two encodings depends only on their offset (base 10000)"
set title sprintf("Gram matrix PE(p)·PE(q), %d positions, d = %d — position 0 at the TOP LEFT", n, d)
set xlabel "position q"
set ylabel "position p (0 at the top)"
set cblabel "PE(p)·PE(q)"
set palette defined (0 '#fff7ec', 0.25 '#fdbb84', 0.5 '#ef6548', 0.75 '#b30000', 1 '#3f0000')
set cbrange [*:d/2]
set xrange [-0.5:n-0.5]
set yrange [n-0.5:-0.5]
set xtics 0,10
set ytics 0,10
set size ratio -1
plot DATA.'/gram.dat' matrix with image @IMAGE
set size noratio
set title "PE(p+k)·PE(p) against the offset k, divided by its maximum d/2"
set xlabel "offset k = q − p (the same for every p)"
set ylabel "PE(p+k)·PE(p) / (d/2)"
set xrange [0:99]
set yrange [-0.5:1.05]
set ytics auto
set xtics 0,10
set grid ytics lc rgb '#e5e5e5'
set key bottom left box opaque
plot DATA.'/dot.dat' using 1:($2/4)  with linespoints pt 7 ps 0.4 lw 1.5 lc rgb '#1b9e77' title "d = 8 (not monotone)", \
     ''             using 1:($3/32) with lines lw 2 lc rgb '#d95f02' title "d = 64", \
     ''             using 1:($4/64) with lines lw 2 lc rgb '#7570b3' title "d = 128"
unset multiplot
