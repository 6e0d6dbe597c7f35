# Figure: the encoding as a picture, one row per position.
# data: heatmap
# size: 1100,620
# source: Kazemnejad, "Transformer Architecture: The Positional Encoding" (2019), the 50 x 128 heatmap
load 'plots/style.gp'
set title "Sinusoidal positional encoding, 50 positions × 128 dimensions, base 10000 — position 0 is the TOP row"
set xlabel "dimension j   (even j: sin(pos·ωᵢ), odd j: cos(pos·ωᵢ), i = j/2)"
set ylabel "position pos   (0 at the top)"
set cblabel "PE(pos, j)"
set cbrange [-1:1]
set xrange [-0.5:127.5]
set yrange [49.5:-0.5]
set xtics 0,16
set ytics 0,5
plot DATA.'/pe.dat' matrix with image @IMAGE
