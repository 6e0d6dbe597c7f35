# message.gp — drawn instead of a figure when the code gave no data for it
# (not written yet, an error status, a crash). Variables: MSG, FIG, HINT.
unset border
unset tics
unset key
unset colorbox
set xrange [0:1]
set yrange [0:1]
set title FIG." — no figure yet" font ",16"
set label 1 MSG at 0.5,0.6 center font ",15" textcolor rgb '#b2182b'
set label 2 HINT at 0.5,0.4 center font ",11"
plot 2 notitle
