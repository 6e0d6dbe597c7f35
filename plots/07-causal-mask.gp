# Figure: a causal mask alone breaks permutation equivariance: shuffling the words no longer only shuffles the weights.
# data: causal-mask
# size: 1500,560
# source: the kit's chapter 7 §7.6 sentence; Haviv et al. 2022 (NoPE: causal language models without positional encodings)
load 'plots/style.gp'
set multiplot layout 1,3 margins 0.08,0.93,0.16,0.76 spacing 0.09,0 \
    title sprintf("Causal self-attention, NO positions: A = softmax(mask(Z Zᵀ/√4)) of §7.6's sentence and of its shuffle π = (2, 0, 1)\nquery position pos sees the pos + 1 keys 0 .. pos (the others are masked: weight exactly 0); row 0 at the TOP.   Output gap: %.6f with the mask, %.6f without", gap_causal, gap_nomask)
set palette defined (0 '#fff7ec', 0.25 '#fdbb84', 0.5 '#ef6548', 0.75 '#b30000', 1 '#3f0000')
set cbrange [0:1]
set cbtics 0,0.25,1
set xrange [-0.5:2.5]
set yrange [2.5:-0.5]
set size ratio -1
unset colorbox
LAB(f) = sprintf("%s/%s-labels.dat", DATA, f)
MAT(f) = sprintf("%s/%s.dat", DATA, f)
do for [col = 0:2] {
    f = "causal-" . (col == 0 ? "original" : col == 1 ? "shuffled" : "back")
    if (col == 0) {
        set xtics ("0: x₀" 0, "1: x₁" 1, "2: x₂" 2)
        set ytics ("0: x₀" 0, "1: x₁" 1, "2: x₂" 2)
        set title "original X: position pos holds x[pos]"
        set xlabel "key position: word"
        set ylabel "query position: word"
    }
    if (col == 1) {
        set xtics ("0: x₂" 0, "1: x₀" 1, "2: x₁" 2)
        set ytics ("0: x₂" 0, "1: x₀" 1, "2: x₁" 2)
        set title "shuffled: position pos holds x[π(pos)]"
    }
    if (col == 2) {
        set xtics ("x₀ (at 1)" 0, "x₁ (at 2)" 1, "x₂ (at 0)" 2)
        set ytics ("x₀ (at 1)" 0, "x₁ (at 2)" 1, "x₂ (at 0)" 2)
        set title "shuffled, put back in word order\n≠ original: the mask moved with the positions"
        set xlabel "key word (its shuffled position)"
        set ylabel "query word" offset 1.5,0
        set colorbox
        set cblabel "attention weight A[query][key]"
    }
    # the labels come from C as text (%.6f, or "masked"); cells above 0.55 get white text
    plot MAT(f) matrix with image @IMAGE, \
         LAB(f) using 1:2:($4 == 0 ? stringcolumn(3) : "") with labels tc rgb 'black', \
         ''     using 1:2:($4 == 1 ? stringcolumn(3) : "") with labels tc rgb 'white'
    unset colorbox
}
unset multiplot
