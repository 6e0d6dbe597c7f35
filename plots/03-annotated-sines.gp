# Figure: four columns of the table as curves over position.
# data: annotated-sines
# size: 1000,520
# source: The Annotated Transformer (Harvard NLP), the positional-encoding figure: d = 20, dims 4-7
load 'plots/style.gp'
set title sprintf("Columns 4–7 of the encoding over positions 0–99, d = 20 (The Annotated Transformer's figure)")
set xlabel "position pos"
set ylabel "PE(pos, j)"
set xrange [0:99]
set yrange [-1.1:1.45]
set ytics -1,0.5,1
set key top center horizontal box opaque samplen 2
set grid ytics lc rgb '#dddddd'
plot DATA.'/sines.dat' using 1:2 with lines lw 2 lc rgb '#1b9e77' title sprintf("dim 4 (sin, λ = %.2f)", lambda45), \
     ''               using 1:3 with lines lw 2 dt 2 lc rgb '#1b9e77' title sprintf("dim 5 (cos, λ = %.2f)", lambda45), \
     ''               using 1:4 with lines lw 2 lc rgb '#d95f02' title sprintf("dim 6 (sin, λ = %.2f)", lambda67), \
     ''               using 1:5 with lines lw 2 dt 2 lc rgb '#d95f02' title sprintf("dim 7 (cos, λ = %.2f)", lambda67)
