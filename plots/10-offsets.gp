# Figure: prev — where the most-attended key lies (offset j − i of the key the attention weighs most, summed over heads), for right and wrong answers, every test length 4 .. 32, all seeds.
# data: offsets
# size: 1500,800
# source: make experiment (tools/experiment/experiment.c), chapters/data/10-offsets.tsv
load 'plots/style.gp'
ENC = "integer unit sinusoidal rope alibi4"
TITLE = "integer unit sinusoidal rope alibi×4"
set multiplot layout 2,5 margins 0.05,0.99,0.09,0.86 spacing 0.03,0.13 \
    title "prev: the offset j − i of the most-attended key (the right key is at −1), trained on 4 .. 8, tested at 4 .. 32\nshare of all answers (%): right answers up (green), wrong answers down (red)"
set grid xtics ytics lc rgb '#e5e5e5'
set xrange [-32:32]
set xtics -30, 10, 30
set style fill solid 0.8 noborder
set boxwidth 0.9
set xzeroaxis lt 1 lc rgb '#444444'
do for [m = 1:2] {
    MODE = word("causal bidir", m)
    do for [e = 1:5] {
        f = sprintf("%s/offsets-%s-%s.dat", DATA, MODE, word(ENC, e))
        set title sprintf("%s, %s", word(TITLE, e), m == 1 ? "causal" : "bidirectional")
        set ylabel (e == 1 ? "share of answers (%)" : "")
        set xlabel (m == 2 ? "offset of the most-attended key" : "")
        set yrange [*:*]
        set format y "%g"
        plot f using 1:2 with boxes lc rgb '#1b9e77' notitle, \
             f using 1:(-$3) with boxes lc rgb '#d7301f' notitle
    }
}
unset multiplot
