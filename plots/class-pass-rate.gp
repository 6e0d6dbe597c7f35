# Class report (make grade): one chapter, the share of students passing each test,
# public tests dark, hidden light. Sees DATA, FILE (index "test" rate hidden), title, ntests.
load 'plots/style.gp'
set title title
set xlabel "students passing (%)"
set xrange [0:112]
set xtics 0,20,100
set yrange [ntests-0.5:-0.5]
set bmargin 5
set ytics scale 0 font ',9'
set grid xtics lc rgb '#e5e5e5'
set style fill solid 0.9 noborder
set key below horizontal samplen 1
plot DATA.'/'.FILE using ($4 == 0 ? $3/2 : NaN):1:($4 == 0 ? $3/2 : NaN):(0.38) \
         with boxxyerror lc rgb '#2166ac' title "public", \
     '' using ($4 == 1 ? $3/2 : NaN):1:($4 == 1 ? $3/2 : NaN):(0.38) with boxxyerror lc rgb '#67a9cf' title "hidden", \
     '' using ($3+1):1:(sprintf("%.0f %%", $3)):ytic(2) with labels left font ',9' notitle
