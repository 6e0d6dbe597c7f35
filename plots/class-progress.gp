# Class report (make grade): per chapter, how many students passed every test,
# some, none, had not started (every function still returns KIT_TODO) or did not
# hand the chapter in. Sees DATA (progress.dat, with a header row), students, ystep.
load 'plots/style.gp'
set title sprintf("Progress per chapter (%d submissions)", students)
set xlabel "chapter"
set ylabel "students"
set yrange [0:*]
set ytics ystep
set grid ytics lc rgb '#e5e5e5'
set style data histograms
set style histogram rowstacked
set style fill solid 0.9 border rgb '#555555'
set boxwidth 0.6
set key outside right top vertical
set key autotitle columnheader
plot DATA.'/progress.dat' using 2:xtic(1) lc rgb '#2166ac', \
     '' using 3 lc rgb '#67a9cf', \
     '' using 4 lc rgb '#b2182b', \
     '' using 5 lc rgb '#ef8a62', \
     '' using 6 lc rgb '#bdbdbd'
