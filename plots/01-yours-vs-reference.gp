# Figure: your chapter 1 functions next to the reference, and the difference.
# data: compare-01
# mode: compare
# functions: tokenize_ids, embed_lookup, int_pos_add, int_pos_swamp
# size: 1500,1400
# source: the kit's own check figure (make plots CHAPTER=1 SRC=exercises)
load 'plots/style.gp'
set multiplot layout 3,3 margins 0.07,0.93,0.08,0.93 spacing 0.12,0.09 \
    title "Chapter 1: yours next to the reference, and the difference (yours − reference)\nthe example sentence, E a fixed 10 × 8 table of values in [−1, 1]"
TOL = 1e-12
HEAT = 1
SPEC = "matrix with image ".IMAGE
set xrange [-0.5:7.5]
set yrange [10.5:-0.5]
set xtics 0,1
set ytics ("all" 0, "animals" 1, "are" 2, "equal" 3, "but" 4, "some" 5, "are" 6, "more" 7, \
           "equal" 8, "than" 9, "others" 10)
set xlabel "dimension j"

# Row 1: the embeddings, X[pos] = E[ids[pos]].
set ylabel "position pos: token"
set cbrange [-1:1]
call 'plots/compare.gp' 'embed' 'X = embed_lookup(tokenize_ids(text), E)'

# Row 2: the same X after int_pos_add: pos swamps the word.
set ylabel "position pos: token"
set cbrange [-11:11]
call 'plots/compare.gp' 'pos' 'int_pos_add(X, 11, 8)'

# Row 3: by how much pos outweighs each word of X (row 1).
HEAT = 0
SPEC = "using 0:1 with linespoints pt 7 ps 0.8 lw 2 lc rgb '#b2182b' notitle"
set xrange [-0.5:10.5]
set yrange [0:16]
set xtics ("all" 0, "animals" 1, "are" 2, "equal" 3, "but" 4, "some" 5, "are" 6, "more" 7, \
           "equal" 8, "than" 9, "others" 10) rotate by 45 right
set ytics 0,4
set xlabel "position pos: token"
set ylabel "ratio ||pos · 1|| / ||X[pos]||"
call 'plots/compare.gp' 'swamp' 'int_pos_swamp(X, 11, 8, ratio)'
unset multiplot
