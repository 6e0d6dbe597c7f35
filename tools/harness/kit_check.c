/*
 * kit_check.c — checks that explain a failure: which element, expected what,
 * got what, by how much, and which known mistake the output matches.
 * Messages are printed only in the judge; in the subject a failed check just
 * ends the test, exactly where the judge will fail it.
 */
#define KIT_HARNESS 1 /* the harness itself: see kit_test.h */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit_test.h"
#include "kit_judge.h"
#include "kit_proxy.h"
#include "kit_diagnose.h"

const char *kit_current_test = "";
const char *kit_current_functions = "";
const char *kit_current_section = ""; /* the running test's "§N.M" (kit_main.c) */

/* Grids of cases (kit_case): while a case runs, message lines are kept
   instead of printed, and a failed check marks the case instead of ending
   the test (kit_grid_end decides, end of this file). */
static int grid_capture(const char *prefix, const char *line);
static int grid_fail(const char *file, int line);
static void grid_flush_current(void);
void kit_table_where(const double *got, const double *want, size_t rows, size_t cols,
                     double tol, const char *axes);

/* Every line goes through here: prefix + text ("KIT| " for a message line,
   "KIT-HINT " for a hint's id: PROTOCOL.md). */
static void emit_line(const char *prefix, const char *text)
{
    if (!kit_is_judge() || grid_capture(prefix, text))
        return;
    printf("%s%s\n", prefix, text);
    fflush(stdout);
}

static void emit(const char *text) { emit_line("KIT| ", text); }

static void vsay(const char *fmt, va_list ap)
{
    char line[2048];
    if (!kit_is_judge())
        return;
    vsnprintf(line, sizeof line, fmt, ap);
    emit(line);
}

void kit_say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsay(fmt, ap);
    va_end(ap);
}

void kit_fail_now(void)
{
    grid_flush_current(); /* a failure that ends the test at once (kit_replay.c) */
    _fail("", 0);
}

static void fail_at(const char *file, int line)
{
    if (grid_fail(file, line))
        return;
    _fail(file, line);
}

void kit_hint(const char *id, const char *fmt, ...)
{
    va_list ap;
    char line[2048];
    int len;
    if (!kit_is_judge())
        return;
    emit_line("KIT-HINT ", id); /* the id as data (PROTOCOL.md); the sentence is for people */
    len = snprintf(line, sizeof line, "hint (%s): ", id);
    va_start(ap, fmt);
    if (len > 0 && (size_t)len < sizeof line)
        vsnprintf(line + len, sizeof line - (size_t)len, fmt, ap);
    va_end(ap);
    emit(line);
}

void kit_check_declared(const char *fn)
{
    const char *p = kit_current_functions;
    size_t len = strlen(fn);
    while ((p = strstr(p, fn)) != NULL) {
        int starts = p == kit_current_functions || p[-1] == ',' || p[-1] == ' ';
        int ends = p[len] == '\0' || p[len] == ',';
        if (starts && ends)
            return;
        p += len;
    }
    kit_say("kit bug: test %s calls %s but its table entry lists only \"%s\".",
            kit_current_test, fn, kit_current_functions);
    kit_fail_now();
}

const char *kit_status_name(int s)
{
    switch (s) {
    case KIT_OK: return "KIT_OK";
    case KIT_ERR_NULL: return "KIT_ERR_NULL";
    case KIT_ERR_SIZE: return "KIT_ERR_SIZE";
    case KIT_ERR_DOMAIN: return "KIT_ERR_DOMAIN";
    case KIT_TODO: return "KIT_TODO";
    default: return "an unknown status";
    }
}

void kit_expect_status_at(const char *file, int line, const char *fn, int got, int want)
{
    if (got == want)
        return;
    kit_say("%s returned %s (%d), expected %s (%d).", fn, kit_status_name(got), got,
            kit_status_name(want), want);
    /* the evidence of a status: the argument case (the call) and the value */
    if (kit_last_call_name()[0] != '\0')
        kit_say("Where the wrong values are: the status of %s: %s where %s belongs.",
                kit_last_call(), kit_status_name(got), kit_status_name(want));
    fail_at(file, line);
}

void kit_expect_size_at(const char *file, int line, const char *what, size_t got, size_t want)
{
    if (got == want)
        return;
    kit_say("%s: expected %zu, got %zu.", what, want, got);
    if (kit_last_call_name()[0] != '\0')
        kit_say("Where the wrong values are: one value, %s, of the test's last call %s.",
                what, kit_last_call());
    fail_at(file, line);
}

/* Cells that still hold the buffer's fill (KIT_SENTINEL_BYTE in all 8 bytes). */
static int never_written(const double *x)
{
    unsigned char fill[sizeof(double)];
    memset(fill, KIT_SENTINEL_BYTE, sizeof fill);
    return memcmp(x, fill, sizeof fill) == 0;
}

int kit_never_written(const double *x) { return never_written(x); }

void kit_expect_near_at(const char *file, int line, const char *what, double got,
                        double want, double tol)
{
    /* got still holding the buffer's fill was never written: wrong whatever
       the tolerance (the fill is a NaN), as in kit_expect_table. */
    int unwritten = never_written(&got) && !never_written(&want);
    if (fabs(got - want) <= tol && !unwritten)
        return;
    if (isfinite(got) && isfinite(want) && want != 0.0 && got != 0.0)
        kit_say("%s: expected %.17g, got %.17g (|diff| = %.3g, tolerance %.1g; got / expected "
                "= %.6g).", what, want, got, fabs(got - want), tol, got / want);
    else
        kit_say("%s: expected %.17g, got %.17g (|diff| = %.3g, tolerance %.1g).", what, want,
                got, fabs(got - want), tol);
    /* the evidence of a scalar: which value of which call (the arguments) */
    if (kit_last_call_name()[0] != '\0')
        kit_say("Where the wrong values are: one value, %s, of the test's last call %s.",
                what, kit_last_call());
    if (unwritten)
        kit_hint("shape-unwritten", "the value still holds the never-written marker (a NaN, "
                "bytes 0x%02X): it was never assigned -- a loop stops early, starts late or "
                "skips it, or it is only added to (+= into an output not zeroed first: NaN + v "
                "is the marker again)%s%s%s", KIT_SENTINEL_BYTE,
                kit_current_section[0] ? " (see " : "", kit_current_section,
                kit_current_section[0] ? ")" : "");
    fail_at(file, line);
}

/* Max |a - b| over n values; NaN anywhere gives INFINITY. */
static double max_diff(const double *a, const double *b, size_t n)
{
    double m = 0.0;
    size_t k;
    for (k = 0; k < n; k++) {
        double e = fabs(a[k] - b[k]);
        if (!(e <= m))
            m = isnan(e) ? INFINITY : e;
    }
    return m;
}


void kit_expect_table_at(const char *file, int line, const char *what, const char *axes,
                         const double *got, const double *want, size_t rows, size_t cols,
                         double tol, const struct kit_mistake *mistakes, size_t n_mistakes)
{
    size_t n = rows * cols, k, first = 0, n_wrong = 0;
    char row_axis[16] = "", col_axis[16] = "", msg[768], see[40] = "";
    const char *comma = strchr(axes, ','), *id;
    const char *fill;
    double worst;
    for (k = 0; k < n; k++) {
        /* A cell that still holds the buffer's fill was never written: wrong
           whatever the tolerance (the fill is a NaN), unless the expected
           value is that very pattern. */
        if (!(fabs(got[k] - want[k]) <= tol) ||
            (never_written(&got[k]) && !never_written(&want[k]))) {
            if (n_wrong == 0)
                first = k;
            n_wrong++;
        }
    }
    if (n_wrong == 0) {
        kit_table_reset();
        return;
    }
    worst = max_diff(got, want, n);
    fill = never_written(&got[first]) ? " (the buffer's initial fill: never written)" : "";
    if (n == 1) {   /* one value: its name is enough */
        kit_say("%s: expected %.15g, got %.15g%s (|diff| = %.3g, tolerance %.1g).", what, want[0],
                got[0], fill, worst, tol);
    } else if (comma != NULL) {
        snprintf(row_axis, sizeof row_axis, "%.*s", (int)(comma - axes), axes);
        snprintf(col_axis, sizeof col_axis, "%s", comma + 1);
        kit_say("%s[%zu][%zu] (%s = %zu, %s = %zu): expected %.15g, got %.15g%s.", what,
                first / cols, first % cols, row_axis, first / cols, col_axis, first % cols,
                want[first], got[first], fill);
        kit_say("%zu of %zu values are wrong (a %zu x %zu table); max |diff| = %.3g, "
                "tolerance %.1g.", n_wrong, n, rows, cols, worst, tol);
    } else {
        kit_say("%s[%zu] (%s = %zu): expected %.15g, got %.15g%s.", what, first, axes, first,
                want[first], got[first], fill);
        kit_say("%zu of %zu values are wrong; max |diff| = %.3g, tolerance %.1g.", n_wrong, n,
                worst, tol);
    }
    kit_table_where(got, want, rows, cols, tol, axes);
    for (k = 0; k < n_mistakes; k++) {
        /* the model reproduces every value, and explains the difference: it is
           much closer to got than the expected table is (a model equal to the
           expected table here, as a conjugate's real parts, explains nothing) */
        double off = mistakes[k].values != NULL ? max_diff(got, mistakes[k].values, n) : INFINITY;
        if (off <= 1e-9 && 10.0 * off < worst) {
            kit_hint(mistakes[k].id, "%s", mistakes[k].hint);
            break;
        }
    }
    if (k == n_mistakes) { /* no known mistake of this test: the shape of the numbers */
        if (kit_current_section[0] != '\0')
            snprintf(see, sizeof see, " (see %s)", kit_current_section);
        id = kit_diagnose(got, want, rows, cols, tol, msg, sizeof msg);
        if (id != NULL && id[0] == '=') /* a shape that fits, with no cause of its own */
            kit_say("%s%s.", msg, see);
        else if (id != NULL) {
            char hid[64];
            snprintf(hid, sizeof hid, "shape-%s", id);
            kit_hint(hid, "%s%s", msg, see);
        }
        else
            kit_say("no known shape (layout, sign, scale, frequency or precision) fits these "
                    "numbers%s.", see);
    }
    kit_table_reset();
    fail_at(file, line);
}

void kit_expect_untouched_at(const char *file, int line, const char *what, const void *buf)
{
    if (kit_untouched(buf))
        return;
    kit_say("%s was written to, but on an error a function must write nothing.", what);
    fail_at(file, line);
}

void kit_expect_true_at(const char *file, int line, int cond, const char *fmt, ...)
{
    va_list ap;
    if (cond)
        return;
    va_start(ap, fmt);
    vsay(fmt, ap);
    va_end(ap);
    /* the argument case: the call whose results the property is about */
    if (kit_last_call_name()[0] != '\0')
        kit_say("Where the wrong values are: as the line above says; the test's last call "
                "before this check was %s.", kit_last_call());
    fail_at(file, line);
}

/* ---- where the wrong values are: facts, no cause ---------------------- */

static int cell_wrong(double g, double w, double tol)
{
    return !(fabs(g - w) <= tol) || (never_written(&g) && !never_written(&w));
}

/* Describe the set of wrong indices (bad[k] for k < n) along one axis:
   "only the last column (j = 7)", "every odd j", "j = 3 .. 7", ... into buf.
   Returns 0 when every index is wrong (nothing worth saying). */
static int describe_axis(const unsigned char *bad, size_t n, const char *axis, const char *unit,
                         char *buf, size_t len)
{
    size_t k, n_bad = 0, first = n, last = 0, odd = 0, even = 0;
    int contiguous = 1;
    for (k = 0; k < n; k++)
        if (bad[k]) {
            if (n_bad > 0 && k != last + 1)
                contiguous = 0;
            if (first == n)
                first = k;
            last = k;
            n_bad++;
            if (k % 2)
                odd++;
            else
                even++;
        }
    if (n_bad == 0 || n_bad == n)
        return 0;
    if (n_bad == 1 && first == n - 1)
        snprintf(buf, len, "only the last %s (%s = %zu)", unit, axis, first);
    else if (n_bad == 1)
        snprintf(buf, len, "only %s %s = %zu", unit, axis, first);
    else if (n >= 4 && odd == n / 2 && even == 0)
        snprintf(buf, len, "every odd %s (%s = 1, 3, ...) and no even one", axis, axis);
    else if (n >= 4 && even == (n + 1) / 2 && odd == 0)
        snprintf(buf, len, "every even %s (%s = 0, 2, ...) and no odd one", axis, axis);
    else if (contiguous && last == n - 1)
        snprintf(buf, len, "%s = %zu and every %s after it (%s < %zu are right)", axis, first,
                 unit, axis, first);
    else if (contiguous && first == 0)
        snprintf(buf, len, "%s = 0 .. %zu (%s from %zu on are right)", axis, last, axis,
                 last + 1);
    else if (contiguous)
        snprintf(buf, len, "%s = %zu .. %zu only", axis, first, last);
    else {
        size_t at = (size_t)snprintf(buf, len, "%zu of the %zu %ss (%s = ", n_bad, n, unit, axis);
        size_t shown = 0;
        for (k = 0; k < n && at < len; k++)
            if (bad[k]) {
                if (shown == 6) {
                    at += (size_t)snprintf(buf + at, len - at, ", ...");
                    break;
                }
                at += (size_t)snprintf(buf + at, len - at, "%s%zu", shown ? ", " : "", k);
                shown++;
            }
        if (at < len)
            snprintf(buf + at, len - at, ")");
    }
    return 1;
}

/* |diff| grows along the wrong indices of an axis: the largest |diff| per
   index rises strictly (over at least 3 wrong indices). */
static int grows(const double *worst, const unsigned char *bad, size_t n, double *lo,
                 double *hi, size_t *from, size_t *to)
{
    size_t k, count = 0;
    double prev = -1.0;
    for (k = 0; k < n; k++) {
        if (!bad[k])
            continue;
        if (!(worst[k] > prev))
            return 0;
        if (count == 0) {
            *lo = worst[k];
            *from = k;
        }
        prev = worst[k];
        *hi = worst[k];
        *to = k;
        count++;
    }
    return count >= 3 && *hi > 4.0 * *lo;
}

void kit_table_where(const double *got, const double *want, size_t rows, size_t cols,
                     double tol, const char *axes)
{
    size_t n = rows * cols, k, n_bad = 0, n_unwritten = 0, n_nan = 0, n_ratio = 0, n_offset = 0;
    unsigned char *row_bad, *col_bad;
    double *row_worst, *col_worst, ratio = 0.0, offset = 0.0, lo = 0, hi = 0;
    double ratio_lo = 0.0, ratio_hi = 0.0, offset_lo = 0.0, offset_hi = 0.0, w_max = 0.0;
    int ratio_ok = 1, offset_ok = 1;
    char row_axis[16] = "row", col_axis[16] = "column", a[200], b[200];
    const char *comma = axes ? strchr(axes, ',') : NULL;
    size_t from = 0, to = 0;
    if (!kit_is_judge() || n == 0)
        return;
    if (comma != NULL) {
        snprintf(row_axis, sizeof row_axis, "%.*s", (int)(comma - axes), axes);
        snprintf(col_axis, sizeof col_axis, "%s", comma + 1);
    } else if (axes != NULL && axes[0] != '\0') {
        snprintf(col_axis, sizeof col_axis, "%s", axes);
    }
    row_bad = calloc(rows, 1);
    col_bad = calloc(cols, 1);
    row_worst = calloc(rows, sizeof *row_worst);
    col_worst = calloc(cols, sizeof *col_worst);
    if (!row_bad || !col_bad || !row_worst || !col_worst)
        goto done;
    for (k = 0; k < n; k++) {
        double g = got[k], w = want[k], diff;
        size_t r = k / cols, c = k % cols;
        if (!cell_wrong(g, w, tol))
            continue;
        n_bad++;
        row_bad[r] = col_bad[c] = 1;
        if (never_written(&g)) {
            n_unwritten++;
            ratio_ok = offset_ok = 0;
            continue;
        }
        if (!isfinite(g)) {
            n_nan++;
            ratio_ok = offset_ok = 0;
            continue;
        }
        diff = fabs(g - w);
        if (diff > row_worst[r])
            row_worst[r] = diff;
        if (diff > col_worst[c])
            col_worst[c] = diff;
        /* a factor or an offset is said only when it reproduces every wrong
           cell to the test's own tolerance: the range of g/w (times the
           largest |w|) and of g - w must fit in 2 tol, and the midpoint is
           what is printed (so it agrees with max |diff| to within tol) */
        if (w != 0.0) {
            if (n_ratio == 0)
                ratio_lo = ratio_hi = g / w;
            ratio_lo = fmin(ratio_lo, g / w);
            ratio_hi = fmax(ratio_hi, g / w);
            w_max = fmax(w_max, fabs(w));
            n_ratio++;
        } else if (g != 0.0) {
            ratio_ok = 0;
        }
        if (n_offset == 0)
            offset_lo = offset_hi = g - w;
        offset_lo = fmin(offset_lo, g - w);
        offset_hi = fmax(offset_hi, g - w);
        n_offset++;
    }
    ratio = 0.5 * (ratio_lo + ratio_hi);
    if (fmax(fabs(ratio_lo), fabs(ratio_hi)) * w_max <= tol)
        ratio = 0.0; /* every got is 0 to the tolerance: 0, not a factor of rounding noise */
    offset = 0.5 * (offset_lo + offset_hi);
    if (!(0.5 * (ratio_hi - ratio_lo) * w_max <= tol))
        ratio_ok = 0;
    /* the same offset in every wrong cell: to the test's tolerance, and to 1e-9 of itself
       (rounding noise of 1e-12 is not a constant offset) */
    if (!(0.5 * (offset_hi - offset_lo) <= fmin(tol, 1e-9 * fabs(offset))))
        offset_ok = 0;
    if (n_bad == 0)
        goto done;
    /* where */
    if (rows > 1 && cols > 1) {
        int ra = describe_axis(row_bad, rows, row_axis, "row", a, sizeof a);
        int ca = describe_axis(col_bad, cols, col_axis, "column", b, sizeof b);
        if (ra && ca)
            kit_say("Where the wrong values are: rows: %s; columns: %s.", a, b);
        else if (ra)
            kit_say("Where the wrong values are: rows: %s; columns: all of them.", a);
        else if (ca)
            kit_say("Where the wrong values are: rows: all of them; columns: %s.", b);
        else if (n_bad < n)
            kit_say("Where the wrong values are: in every row and every column (%zu of %zu "
                    "cells).", n_bad, n);
        else
            kit_say("Where the wrong values are: everywhere.");
    } else if (n > 1) {
        const unsigned char *bad = rows > 1 ? row_bad : col_bad;
        if (describe_axis(bad, n, rows > 1 ? row_axis : col_axis, "element", a, sizeof a))
            kit_say("Where the wrong values are: %s.", a);
        else
            kit_say("Where the wrong values are: everywhere.");
    }
    /* how */
    if (n_unwritten > 0)
        kit_say("%zu of the wrong values still hold the never-written marker (a NaN): those "
                "cells were never written.", n_unwritten);
    if (n_nan > 0)
        kit_say("%zu of the wrong values are NaN or infinite (computed, not the marker).",
                n_nan);
    if (ratio_ok && n_ratio >= 2 && n_ratio == n_bad && fabs(ratio - 1.0) > 1e-6)
        kit_say("In every wrong cell got = %.6g x expected (a constant factor%s).", ratio,
                n_bad == n ? " everywhere" : " in those cells");
    else if (offset_ok && n_offset >= 2 && n_offset == n_bad)
        kit_say("In every wrong cell got - expected = %.6g (a constant offset%s).", offset,
                n_bad == n ? " everywhere" : " in those cells");
    else if (rows >= 3 && grows(row_worst, row_bad, rows, &lo, &hi, &from, &to))
        kit_say("The error grows with %s: max |diff| %.3g at %s = %zu, %.3g at %s = %zu.",
                row_axis, lo, row_axis, from, hi, row_axis, to);
    else if (cols >= 3 && grows(col_worst, col_bad, cols, &lo, &hi, &from, &to))
        kit_say("The error grows with %s: max |diff| %.3g at %s = %zu, %.3g at %s = %zu.",
                col_axis, lo, col_axis, from, hi, col_axis, to);
done:
    free(row_bad);
    free(col_bad);
    free(row_worst);
    free(col_worst);
}

/* ---- grids of cases: the smallest failing one ------------------------- */

#define GRID_MAX_CASES 4096
#define GRID_MAX_VALUES 4
#define GRID_MSG 4096

struct grid_case {
    size_t values[GRID_MAX_VALUES];
    unsigned char failed;
};

static struct {
    int active;                /* between kit_grid_begin and kit_grid_end     */
    int in_case;               /* a case has started                          */
    char what[128];
    char names[GRID_MAX_VALUES][24];
    size_t n_names;
    struct grid_case *cases;
    size_t n_cases, n_failed, dropped;
    /* the current case */
    char msg[GRID_MSG];
    size_t msg_len;
    int cur_failed;
    const char *cur_file;
    int cur_line;
    /* hint ids that every failing case so far gave ("\nid\n..."): a cause is
       named for the grid only when its model fits every failing case, not
       only the smallest (whose few values fit more models) */
    char common[512];
    int common_set;
    /* the smallest failing case so far */
    long best;                 /* index into cases, -1 none */
    char best_msg[GRID_MSG];
    const char *best_file;
    int best_line;
} grid;

static void grid_reset(void)
{
    free(grid.cases);
    memset(&grid, 0, sizeof grid);
    grid.best = -1;
}

void kit_grid_begin(const char *what)
{
    grid_reset();
    grid.active = 1;
    snprintf(grid.what, sizeof grid.what, "%s", what ? what : "");
    grid.cases = calloc(GRID_MAX_CASES, sizeof *grid.cases);
    if (grid.cases == NULL)
        abort();
}

static int grid_capture(const char *prefix, const char *line)
{
    size_t len, plen = strlen(prefix);
    if (!grid.active || !grid.in_case)
        return 0;
    if (grid.cur_failed) /* the first failing check of a case is its evidence */
        return 1;
    len = strlen(line);
    if (grid.msg_len + plen + len + 3 < sizeof grid.msg) {
        memcpy(grid.msg + grid.msg_len, prefix, plen);
        memcpy(grid.msg + grid.msg_len + plen, line, len);
        grid.msg[grid.msg_len + plen + len] = '\n';
        grid.msg_len += plen + len + 1;
        grid.msg[grid.msg_len] = '\0';
    }
    return 1;
}

static int grid_fail(const char *file, int line)
{
    if (!grid.active || !grid.in_case)
        return 0;
    if (!grid.cur_failed) {
        grid.cur_failed = 1;
        grid.cur_file = file;
        grid.cur_line = line;
    }
    return 1;
}

static size_t case_size(const struct grid_case *c)
{
    size_t k, sum = 0;
    for (k = 0; k < grid.n_names; k++)
        sum += c->values[k];
    return sum;
}

/* Is case a smaller than case b: a smaller sum of its values, then the
   earlier values smaller. */
static int case_less(const struct grid_case *a, const struct grid_case *b)
{
    size_t k, sa = case_size(a), sb = case_size(b);
    if (sa != sb)
        return sa < sb;
    for (k = 0; k < grid.n_names; k++)
        if (a->values[k] != b->values[k])
            return a->values[k] < b->values[k];
    return 0;
}

static void case_label(const struct grid_case *c, char *buf, size_t len)
{
    size_t k, at = 0;
    buf[0] = '\0';
    for (k = 0; k < grid.n_names && at < len; k++)
        at += (size_t)snprintf(buf + at, len - at, "%s%s = %zu", k ? ", " : "", grid.names[k],
                               c->values[k]);
}

/* 1 when the hint id (len bytes) is in the "\nid\n" list */
static int id_listed(const char *list, const char *id, size_t len)
{
    const char *p = list;
    while ((p = strchr(p, '\n')) != NULL) {
        p++;
        if (strncmp(p, id, len) == 0 && p[len] == '\n')
            return 1;
    }
    return 0;
}

/* Keep in grid.common only the hint ids that msg (a failing case) gives too. */
static void grid_common_hints(const char *msg)
{
    char mine[512] = "\n", kept[512] = "\n";
    const char *p = msg;
    size_t at = 1, kat = 1;
    while ((p = strstr(p, "KIT-HINT ")) != NULL) {
        const char *id = p + 9, *end = strchr(id, '\n');
        size_t len = end ? (size_t)(end - id) : strlen(id);
        if (at + len + 2 < sizeof mine) {
            memcpy(mine + at, id, len);
            at += len;
            mine[at++] = '\n';
            mine[at] = '\0';
        }
        p = id + len;
    }
    if (!grid.common_set) {
        memcpy(grid.common, mine, at + 1);
        grid.common_set = 1;
        return;
    }
    for (p = grid.common + 1; *p != '\0';) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > 0 && id_listed(mine, p, len) && kat + len + 2 < sizeof kept) {
            memcpy(kept + kat, p, len);
            kat += len;
            kept[kat++] = '\n';
            kept[kat] = '\0';
        }
        p += len + (end != NULL);
    }
    memcpy(grid.common, kept, kat + 1);
}

/* Print the smallest case's lines, without the hints that not every failing
   case gave; says how many were left out. */
static void grid_print_best(const char *label)
{
    const char *p = grid.best_msg;
    size_t dropped = 0, idlen = 0;
    char skip_hint[96] = "";
    printf("KIT| In the smallest failing case (%s):\n", label);
    while (*p != '\0') {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p + 1) : strlen(p);
        if (strncmp(p, "KIT-HINT ", 9) == 0) {
            idlen = len - 9 - (end != NULL);
            if (!id_listed(grid.common, p + 9, idlen)) {
                snprintf(skip_hint, sizeof skip_hint, "KIT| hint (%.*s): ", (int)idlen, p + 9);
                dropped++;
                p += len;
                continue;
            }
            skip_hint[0] = '\0';
        } else if (skip_hint[0] != '\0' && strncmp(p, skip_hint, strlen(skip_hint)) == 0) {
            skip_hint[0] = '\0';
            p += len;
            continue;
        }
        fwrite(p, 1, len, stdout);
        p += len;
    }
    if (dropped)
        printf("KIT| (%zu hint%s of this case not shown: %s not given by every failing case of "
               "the grid, so %s model does not fit all of them.)\n", dropped,
               dropped == 1 ? "" : "s", dropped == 1 ? "it is" : "they are",
               dropped == 1 ? "its" : "their");
}

static void grid_close_case(void)
{
    struct grid_case *c;
    if (!grid.in_case)
        return;
    grid.in_case = 0;
    if (grid.n_cases == 0 || grid.n_cases > GRID_MAX_CASES)
        return;
    c = &grid.cases[grid.n_cases - 1];
    c->failed = (unsigned char)grid.cur_failed;
    if (!grid.cur_failed)
        return;
    grid_common_hints(grid.msg);
    grid.n_failed++;
    if (grid.best < 0 || case_less(c, &grid.cases[grid.best])) {
        grid.best = (long)(grid.n_cases - 1);
        memcpy(grid.best_msg, grid.msg, grid.msg_len + 1);
        grid.best_file = grid.cur_file;
        grid.best_line = grid.cur_line;
    }
}

void kit_case_at(const char *names, const size_t *values, size_t n_values)
{
    size_t k;
    if (!grid.active)
        kit_grid_begin("");
    grid_close_case();
    if (grid.n_cases == 0) { /* the names, once */
        const char *p = names;
        grid.n_names = 0;
        while (p != NULL && *p != '\0' && grid.n_names < GRID_MAX_VALUES) {
            const char *comma = strchr(p, ',');
            size_t len = comma ? (size_t)(comma - p) : strlen(p);
            while (len > 0 && *p == ' ') {
                p++;
                len--;
            }
            snprintf(grid.names[grid.n_names], sizeof grid.names[0], "%.*s", (int)len, p);
            grid.n_names++;
            p = comma ? comma + 1 : NULL;
        }
        if (grid.n_names > n_values)
            grid.n_names = n_values;
    }
    grid.in_case = 1;
    grid.cur_failed = 0;
    grid.msg_len = 0;
    grid.msg[0] = '\0';
    if (grid.n_cases >= GRID_MAX_CASES) {
        grid.dropped++;
        grid.n_cases++;
        return;
    }
    for (k = 0; k < GRID_MAX_VALUES; k++)
        grid.cases[grid.n_cases].values[k] = k < n_values ? values[k] : 0;
    grid.n_cases++;
}

/* "wrong exactly when p is one of v1, v2, ...": the failing values of p. */
static void grid_list_failing(size_t p, const size_t *vals, const unsigned char *state,
                              size_t n_vals, char *buf, size_t len)
{
    size_t at = (size_t)snprintf(buf, len, "wrong exactly when %s is one of ", grid.names[p]);
    size_t shown = 0, j;
    for (j = 0; j < n_vals && at < len; j++)
        if (state[j] == 1) {
            if (shown == 8) {
                snprintf(buf + at, len - at, ", ...");
                break;
            }
            at += (size_t)snprintf(buf + at, len - at, "%s%zu", shown ? ", " : "", vals[j]);
            shown++;
        }
}

/* Does failing depend on parameter p alone (every value of p: all its cases
   fail or all pass)? Then describe it into buf. */
static int grid_follows(size_t p, char *buf, size_t len)
{
    size_t k, j, n = grid.n_cases < GRID_MAX_CASES ? grid.n_cases : GRID_MAX_CASES;
    size_t vals[64], n_vals = 0, n_fail_vals = 0;
    unsigned char state[64]; /* 1 fail, 2 pass */
    size_t min_fail = SIZE_MAX, max_pass = 0, odd_fail = 0, even_fail = 0, odd_pass = 0,
           even_pass = 0;
    for (k = 0; k < n; k++) {
        size_t v = grid.cases[k].values[p];
        unsigned char st = grid.cases[k].failed ? 1 : 2;
        for (j = 0; j < n_vals && vals[j] != v; j++)
            ;
        if (j == n_vals) {
            if (n_vals == 64)
                return 0;
            vals[n_vals] = v;
            state[n_vals] = st;
            n_vals++;
        } else if (state[j] != st) {
            return 0;
        }
    }
    if (n_vals < 2)
        return 0;
    for (j = 0; j < n_vals; j++) {
        if (state[j] == 1) {
            n_fail_vals++;
            if (vals[j] < min_fail)
                min_fail = vals[j];
            if (vals[j] % 2)
                odd_fail++;
            else
                even_fail++;
        } else {
            if (vals[j] > max_pass)
                max_pass = vals[j];
            if (vals[j] % 2)
                odd_pass++;
            else
                even_pass++;
        }
    }
    if (n_fail_vals == 0 || n_fail_vals == n_vals)
        return 0;
    if (n_fail_vals == 1)   /* one value: no pattern (a threshold, a parity) to claim */
        snprintf(buf, len, "wrong only when %s = %zu, right for every other %s", grid.names[p],
                 min_fail, grid.names[p]);
    else if (max_pass < min_fail)
        snprintf(buf, len, "right for every %s up to %zu, wrong from %s = %zu on",
                 grid.names[p], max_pass, grid.names[p], min_fail);
    else if (odd_fail && !even_fail && !odd_pass && even_pass)
        snprintf(buf, len, "right for every even %s, wrong for every odd %s (from %s = %zu)",
                 grid.names[p], grid.names[p], grid.names[p], min_fail);
    else if (even_fail && !odd_fail && odd_pass && !even_pass)
        snprintf(buf, len, "right for every odd %s, wrong for every even %s (from %s = %zu)",
                 grid.names[p], grid.names[p], grid.names[p], min_fail);
    else if ((odd_fail && !even_fail) || (even_fail && !odd_fail)) {
        /* one parity, from a threshold on? every value of that parity at or
           above the smallest failing one fails */
        int parity = odd_fail ? 1 : 0, ok = 1;
        for (j = 0; j < n_vals; j++)
            if (vals[j] % 2 == (size_t)parity && vals[j] >= min_fail && state[j] != 1)
                ok = 0;
        if (ok)
            snprintf(buf, len, "wrong for every %s %s from %s = %zu on; right for every %s %s "
                     "and for %s < %zu", parity ? "odd" : "even", grid.names[p], grid.names[p],
                     min_fail, parity ? "even" : "odd", grid.names[p], grid.names[p], min_fail);
        else   /* some of one parity: no rule, the values themselves */
            grid_list_failing(p, vals, state, n_vals, buf, len);
    } else {
        grid_list_failing(p, vals, state, n_vals, buf, len);
    }
    return 1;
}

void kit_grid_end(void)
{
    char label[160], follows[256];
    const char *file;
    int line;
    size_t p;
    int said = 0;
    if (!grid.active)
        return;
    grid_close_case();
    if (grid.n_failed == 0) {
        grid_reset();
        return;
    }
    grid.active = 0; /* print from here on */
    if (kit_is_judge()) {
        case_label(&grid.cases[grid.best], label, sizeof label);
        kit_say("%s%swrong in %zu of %zu cases; the smallest failing case is %s.", grid.what,
                grid.what[0] ? ": " : "", grid.n_failed, grid.n_cases, label);
        for (p = 0; p < grid.n_names; p++)
            if (grid_follows(p, follows, sizeof follows)) {
                kit_say("The failures follow %s alone: %s.", grid.names[p], follows);
                said = 1;
                break;
            }
        if (!said && grid.n_names > 1)
            kit_say("No single one of %zu parameters decides it.", grid.n_names);
        grid_print_best(label);
        fflush(stdout);
    }
    file = grid.best_file;
    line = grid.best_line;
    grid_reset();
    _fail(file ? file : "", line);
}

/* A failure that ends the test inside a case (a crash's record, KIT_TODO,
   an output read before written): show what the case has said so far. */
static void grid_flush_current(void)
{
    char label[160];
    if (!grid.active)
        return;
    if (grid.in_case && kit_is_judge() && grid.n_cases > 0 && grid.n_cases <= GRID_MAX_CASES) {
        case_label(&grid.cases[grid.n_cases - 1], label, sizeof label);
        printf("KIT| In the case %s%s%s:\n%s", label, grid.what[0] ? " of " : "", grid.what,
               grid.msg);
    }
    grid_reset();
}

/* kit_main.c, after each test: a grid the test did not end (a cmocka assert
   jumped out of it, or kit_grid_end is missing) is closed here; returns 1
   when it held a failed case (the test must fail), printing its evidence. */
int kit_grid_pending(void)
{
    char label[160];
    int failed;
    if (!grid.active)
        return 0;
    grid_close_case();
    failed = grid.n_failed > 0;
    if (failed && kit_is_judge()) {
        case_label(&grid.cases[grid.best], label, sizeof label);
        printf("KIT| kit bug: the test left its grid of cases open (no kit_grid_end); %zu of "
               "%zu cases failed, the smallest %s:\n%s", grid.n_failed, grid.n_cases, label,
               grid.best_msg);
    }
    grid_reset();
    return failed;
}
