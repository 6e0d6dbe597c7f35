# Figure: without positions, shuffling a sentence only shuffles its attention weights.
# data: attention-weights
# size: 1500,1000
# source: the kit's chapter 7 §7.6 example (the sentence of attn_perm_gap's public tests) and the paper §3.2.1, §3.5
load 'plots/style.gp'
set multiplot layout 2,3 margins 0.08,0.93,0.08,0.86 spacing 0.08,0.16 \
    title "Self-attention weights A = softmax(Z Zᵀ/√4) of §7.6's sentence (n = 3, d = 4) and of its shuffle π = (2, 0, 1)\nTop: Z = X, no positions.   Bottom: Z = X + PE(pos), base 10000.   Each row (a query) sums to 1; row 0 at the TOP"
set palette defined (0 '#fff7ec', 0.25 '#fdbb84', 0.5 '#ef6548', 0.75 '#b30000', 1 '#3f0000')
set cbrange [0:1]
set cbtics 0,0.25,1
set xrange [-0.5:2.5]
set yrange [2.5:-0.5]
set size ratio -1
unset colorbox
LAB(f) = sprintf("%s/%s-labels.dat", DATA, f)
MAT(f) = sprintf("%s/%s.dat", DATA, f)
orig_tics = "set xtics (\"0: x₀\" 0, \"1: x₁\" 1, \"2: x₂\" 2); set ytics (\"0: x₀\" 0, \"1: x₁\" 1, \"2: x₂\" 2)"
shuf_tics = "set xtics (\"0: x₂\" 0, \"1: x₀\" 1, \"2: x₁\" 2); set ytics (\"0: x₂\" 0, \"1: x₀\" 1, \"2: x₁\" 2)"
back_tics = "set xtics (\"x₀ (at 1)\" 0, \"x₁ (at 2)\" 1, \"x₂ (at 0)\" 2); set ytics (\"x₀ (at 1)\" 0, \"x₁ (at 2)\" 1, \"x₂ (at 0)\" 2)"
do for [row = 0:1] {
    pre = row == 0 ? "nope" : "pe"
    what = row == 0 ? sprintf("no positions (output gap %.6f)", gap_nope) : sprintf("with PE (output gap %.6f)", gap_pe)
    do for [col = 0:2] {
        f = pre . "-" . (col == 0 ? "original" : col == 1 ? "shuffled" : "back")
        if (col == 0) {
            @orig_tics
            set title "original X, " . what
            set xlabel "key position: word"
            set ylabel "query position: word"
        }
        if (col == 1) {
            @shuf_tics
            set title "shuffled: position pos holds word x[π(pos)]"
            set xlabel "key position: word"
            set ylabel "query position: word"
        }
        if (col == 2) {
            @back_tics
            set title (row == 0 ? "shuffled, put back in word order\n= original: only permuted" : "shuffled, put back in word order\n≠ original: order changed the weights")
            set xlabel "key word (its shuffled position)"
            set ylabel "query word"
            set colorbox
            set cblabel "attention weight A[query][key]"
        }
        # the labels come from C as text (%.6f); cells above 0.55 get white text
        plot MAT(f) matrix with image @IMAGE, \
             LAB(f) using 1:2:($4 == 0 ? stringcolumn(3) : "") with labels tc rgb 'black', \
             ''     using 1:2:($4 == 1 ? stringcolumn(3) : "") with labels tc rgb 'white'
        unset colorbox
    }
}
unset multiplot
