# Figure: your chapter 1 functions next to the reference, and the difference.
# data: compare-01
# mode: compare
# functions: tokenize_ids, embed_lookup, int_pos_add
# size: 1500,1000
# source: the kit's own check figure (make plots CHAPTER=1 SRC=exercises)
load 'plots/style.gp'
set multiplot layout 2,3 margins 0.07,0.93,0.07,0.91 spacing 0.12,0.1 \
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
unset multiplot
