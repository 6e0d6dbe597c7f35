# Figure: the chapter's worked example with every value printed.
# data: worked-example
# size: 1100,520
# source: the kit's chapter 3 worked example (the same table as its golden values)
load 'plots/style.gp'
set title "Worked example: PE for n = 5, d = 8, base 10000 (ω = 1, 0.1, 0.01, 0.001) — position 0 is the TOP row"
set xlabel "dimension j   (sin, cos, sin, cos, ...)"
set ylabel "position pos (0 at the top)"
set cblabel "PE(pos, j)"
set cbrange [-1:1]
set xrange [-0.5:7.5]
set yrange [4.5:-0.5]
set xtics 0,1,7
set ytics 0,1,4
set xtics add ("0\nsin ω=1" 0, "1\ncos ω=1" 1, "2\nsin ω=0.1" 2, "3\ncos ω=0.1" 3, "4\nsin ω=0.01" 4, "5\ncos ω=0.01" 5, "6\nsin ω=0.001" 6, "7\ncos ω=0.001" 7)
set bmargin 6.5
set xlabel offset 0,-1.2
# The labels come from labels.dat as text (printed by C with %.6f), not from
# the matrix, which gnuplot stores as float.
plot DATA.'/pe.dat' matrix with image @IMAGE, \
     DATA.'/labels.dat' using 1:2:($4 == 0 ? stringcolumn(3) : "") with labels tc rgb 'black', \
     ''                 using 1:2:($4 == 1 ? stringcolumn(3) : "") with labels tc rgb 'white'
