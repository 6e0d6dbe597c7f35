# Class report (make grade, kit/grading/classreport.py): the distribution of the
# students' total scores. Not a chapter figure: make plots does not draw it.
# Sees DATA (GRADES/class: scores.dat = low high students), students, max_points, ystep.
load 'plots/style.gp'
set title sprintf("Total scores of %d submissions (percent of the %d points)", students, max_points)
set xlabel "total score (% of the maximum; the last bin includes 100)"
set ylabel "students"
set xrange [0:100]
set xtics 0,10,100
set yrange [0:*]
set ytics ystep
set offsets 0, 0, graph 0.12, 0
set grid ytics lc rgb '#e5e5e5'
set style fill solid 0.85 border rgb '#08306b'
plot DATA.'/scores.dat' using (($1+$2)/2):3:(($2-$1)*0.9) with boxes lc rgb '#2166ac', \
     ''                 using (($1+$2)/2):3:($3 > 0 ? sprintf("%d", $3) : "") with labels offset 0,0.8
