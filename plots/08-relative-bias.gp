# Figure: before RoPE, learned relative biases: Shaw et al.'s clipped offsets and T5's log-spaced buckets.
# data: relative-bias
# size: 1400,560
# source: Shaw, Uszkoreit and Vaswani 2018 §3.2 (clipping); Raffel et al. 2020 (T5) §2.1 and its relative_position_bucket code
load 'plots/style.gp'
set multiplot layout 1,2 margins 0.06,0.98,0.13,0.82 spacing 0.07,0 \
    title "Which learned relative-position parameter a query–key pair uses, by its offset m − n = query position − key position (positive: the key comes first)\nboth schemes learn one vector or bias per index, shared by every pair of positions with that index"
set xlabel "offset m − n (query − key)"
set ylabel "index of the learned parameter"
set xrange [-160:160]
set xtics -160,32,160
set grid xtics ytics lc rgb '#e5e5e5'
set yrange [-1:34]
set ytics 0,4,32
set title sprintf("Shaw et al. 2018: clip(n − m, −k, k) + k, here k = %d: %d vectors", shaw_k, 2 * shaw_k + 1)
set label 1 sprintf("key %d or more before: index 0", shaw_k) at 155, 3 right tc rgb "#2166ac"
set label 2 sprintf("key %d or more after: index %d", shaw_k, 2 * shaw_k) at -150, 29 left tc rgb "#2166ac"
plot DATA.'/relative.dat' using 1:2 with steps lw 3 lc rgb '#2166ac'
unset label
set title sprintf("T5: 32 buckets, max distance 128, bidirectional (%d of them used)", t5_used)
set arrow 1 from -128, graph 0 to -128, graph 1 nohead dt 2 lc rgb '#555555'
set arrow 2 from 128, graph 0 to 128, graph 1 nohead dt 2 lc rgb '#555555'
set label 1 "−128" at -126, 33 left tc rgb '#555555'
set label 2 "128" at 126, 33 right tc rgb '#555555'
set label 3 "keys before: buckets 0 .. 15\n0 .. 7 exact, then log-spaced;\nfrom 91 back: bucket 15" at 150, 24 right tc rgb '#d95f02'
set label 4 "keys after: buckets 17 .. 31\n(16 + the same rule)" at -150, 12 left tc rgb '#d95f02'
plot DATA.'/relative.dat' using 1:3 with steps lw 2 lc rgb '#d95f02', \
     ''                   using 1:3 with points pt 7 ps 0.35 lc rgb '#d95f02'
unset multiplot
