# compare.gp — one row of a yours-vs-reference figure (a script with
# `# mode: compare`): three panels, the reference, yours, and yours − reference,
# for the row's data file STEM.dat (written by plots/data/compare.c).
#     call 'plots/compare.gp' 'STEM' 'what the row shows'
# Before each call the figure script sets the row's axes and scales for the
# two value panels (x and y ranges explicit: a panel with a message has no data
# to scale on; a heatmap's cbrange; the last panel changes them, so every row
# sets them again), its ylabel (the first panel's only), and
#   SPEC    how one data file is plotted: "matrix with image ".IMAGE for a
#           heatmap, "using 0:1 with lines title 'n = 5', '' using 0:2 ..." for curves
#   HEAT    1 for a heatmap, 0 for curves
#   TOL     the largest difference that is rounding: the title says so; the
#           difference panel spans ±max(max |diff|, TOL), so a mistake shows at
#           full contrast wherever it is and rounding stays white (or flat)
# plots.py sets REF, YOURS, DATA (directories), REF_MSG and YOURS_MSG (why a
# side has no data at all), YOURS_MSG_<STEM> ("" when your code gave the row,
# else why not), AGAIN (the command that draws the figure) and, in
# DATA/vars.gp, maxdiff_<STEM> = max |yours − reference| when both have the row.
stem = ARG1
what = ARG2
ymsg = exists('YOURS_MSG_'.stem) ? value('YOURS_MSG_'.stem) : (strlen(YOURS_MSG) > 0 ? YOURS_MSG : 'no data')
have_ref = strlen(REF_MSG) == 0
have_yours = strlen(ymsg) == 0
# values of yours that are NaN or ±inf (where the reference has a number): drawn
# without them, each marked: a × on a heatmap, a dashed line at its x on curves
ynote = exists('YOURS_NOTE_'.stem) ? value('YOURS_NOTE_'.stem) : ''
ymark = strlen(ynote) == 0 ? '' : value((HEAT ? 'YOURS_MARK_HEAT_' : 'YOURS_MARK_CURVE_').stem)
unset cblabel
unset colorbox

# 1. the reference (its colour box only when yours is not drawn)
set title "reference: ".what
if (have_ref) {
    if (HEAT && !have_yours) { set colorbox }
    plot REF.'/'.stem.'.dat' @SPEC
} else {
    set label 1 REF_MSG at graph 0.5, graph 0.5 center textcolor rgb '#b2182b'
    plot NaN notitle
    unset label 1
}
unset ylabel

# 2. yours, on the same scale
set title (strlen(ynote) > 0 ? "yours: ".ynote : "yours")
if (have_yours) {
    if (HEAT) { set colorbox }
    if (strlen(ymark) > 0) { eval(ymark) }
    plot YOURS.'/'.stem.'.dat' @SPEC
} else {
    unset colorbox
    set label 1 ymsg at graph 0.5, graph 0.62 center font ",12" textcolor rgb '#b2182b'
    set label 2 "nothing to draw yet; after a change:\n".AGAIN at graph 0.5, graph 0.32 center
    plot NaN notitle
    unset label 1
    unset label 2
}

# 3. yours − reference
if (have_ref && have_yours && exists('maxdiff_'.stem)) {
    dmax = value('maxdiff_'.stem)
    drange = dmax > TOL ? dmax : TOL
    set title (dmax == 0 ? "yours − reference: identical" : \
               dmax <= TOL ? sprintf("yours − reference: max |diff| = %.1e (≤ %.0e: rounding)", dmax, TOL) : \
                             sprintf("yours − reference: max |diff| = %.3g", dmax)) \
              .(strlen(ynote) > 0 ? "\nwhere yours is a number (×: it is not)" : "")
    if (HEAT) {
        set cbrange [-drange:drange]
        set colorbox
        set cblabel "yours − reference (white: the same)"
    } else {
        unset logscale y
        set format y '% h'
        set ytics auto
        set yrange [-1.1 * drange:1.1 * drange]
    }
    plot DATA.'/diff-'.stem.'.dat' @SPEC
    if (strlen(ymark) > 0) { unset label; unset arrow }
} else {
    set title "yours − reference"
    unset colorbox
    set label 1 (have_ref ? "no difference without yours" : "no difference without the reference") \
        at graph 0.5, graph 0.5 center textcolor rgb '#777777'
    plot NaN notitle
    unset label 1
}
unset cblabel
unset colorbox
