# Figure: the same table transposed, read as a time–frequency picture.
# data: time-frequency
# size: 1100,560
# source: d2l.ai §11.6 "Positional Encoding" / Kazemnejad's article (transposed: time runs left to right)
load 'plots/style.gp'
set title "The encoding as a time–frequency picture: 200 positions × 64 dimensions, base 10000 — dimension 0 (fastest) at the TOP"
set xlabel "position pos (time →)"
set ylabel "dimension j   (0 = highest frequency, at the top)"
set cblabel "PE(pos, j)"
set cbrange [-1:1]
set xrange [-0.5:199.5]
set yrange [63.5:-0.5]
set xtics 0,20
set ytics 0,8
# matrix data: $1 = column (dimension), $2 = row (position); 2:1:3 transposes.
plot DATA.'/pe.dat' matrix using 2:1:3 with image @IMAGE
