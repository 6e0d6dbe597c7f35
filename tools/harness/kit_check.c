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

const char *kit_current_test = "";
const char *kit_current_functions = "";
const char *kit_current_section = ""; /* the running test's "§N.M" (kit_main.c) */

/* Grids of cases (kit_case): while a case runs, message lines are kept
   instead of printed, and a failed check marks the case instead of ending
   the test (kit_grid_end decides, end of this file). */
static int grid_capture(const char *line);
static int grid_fail(const char *file, int line);
static void grid_flush_current(void);
void kit_table_where(const double *got, const double *want, size_t rows, size_t cols,
                     double tol, const char *axes);

/* Every message line goes through here: "KIT| " + text. */
static void emit(const char *text)
{
    if (!kit_is_judge() || grid_capture(text))
        return;
    printf("KIT| %s\n", text);
    fflush(stdout);
}

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

/* "The call: f(S, n = 2, m = 0, P)." when the last call of the test is the
   one a check names (its text starts with the function's name). */
static void say_call(const char *what)
{
    const char *fn = kit_last_call_name();
    size_t len = strlen(fn);
    if (len > 0 && strncmp(what, fn, len) == 0 && !(isalnum((unsigned char)what[len]) ||
                                                    what[len] == '_'))
        kit_say("The call: %s.", kit_last_call());
}

static const char *status_name(int s)
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
    kit_say("%s returned %s (%d), expected %s (%d).", fn, status_name(got), got,
            status_name(want), want);
    say_call(fn);
    fail_at(file, line);
}

void kit_expect_size_at(const char *file, int line, const char *what, size_t got, size_t want)
{
    if (got == want)
        return;
    kit_say("%s: expected %zu, got %zu.", what, want, got);
    fail_at(file, line);
}

/* Cells that still hold the buffer's fill (KIT_SENTINEL_BYTE in all 8 bytes). */
static int never_written(const double *x)
{
    unsigned char fill[sizeof(double)];
    memset(fill, KIT_SENTINEL_BYTE, sizeof fill);
    return memcmp(x, fill, sizeof fill) == 0;
}

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
    if (kit_last_call_name()[0] != '\0')
        kit_say("The last call before this check: %s.", kit_last_call());
    if (unwritten)
        kit_say("hint (shape-unwritten): the value still holds the buffer's initial fill "
                "(%.3g, bytes 0x%02X) -- it was never written: a loop stops early, starts "
                "late or skips it%s%s%s", got, KIT_SENTINEL_BYTE,
                kit_current_section[0] ? " (see " : "", kit_current_section,
                kit_current_section[0] ? ")" : "");
    fail_at(file, line);
}

/* What the next table check compares (kit_table_pe / kit_table_omega). */
static struct {
    int kind;          /* 0 none, 1 PE table, 2 omega vector */
    size_t pos0, d;
    double base;
} table_ctx;

void kit_table_pe(size_t pos0, size_t d, double base)
{
    table_ctx.kind = 1;
    table_ctx.pos0 = pos0;
    table_ctx.d = d;
    table_ctx.base = base;
}

void kit_table_omega(size_t d, double base)
{
    table_ctx.kind = 2;
    table_ctx.pos0 = 0;
    table_ctx.d = d;
    table_ctx.base = base;
}

/* A new test starts without context (kit_main.c). */
void kit_table_reset(void) { table_ctx.kind = 0; }

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

/* ---- the shape of a wrong table ----------------------------------------
 * When a table is wrong and no known mistake of the test matches it, each
 * rule below predicts the whole table from the expected one (transposed,
 * shifted, a factor on the angle, another base, ...). A rule speaks only when
 * its prediction matches EVERY compared cell (within PRED_TOL relative, or
 * the test's tolerance if larger; a few rules leave cells they cannot predict
 * unchecked, at most half) and changes at least one. Otherwise one line says
 * that no known shape fits. Output: "hint (shape-RULE): SENTENCE (see §N.M)".
 */
#define PRED_TOL 1e-9
#define EPS_FLOAT 5.9604644775390625e-08 /* 2^-24, float's unit roundoff    */
#define PI 3.14159265358979323846
#define LN10 2.30258509299404568402

struct shape {
    const double *got, *want;
    size_t rows, cols, n;
    double ptol;            /* a prediction p fits v when |v - p| <= ptol max(1, |p|) */
    int kind;               /* context: 0 none, 1 PE table, 2 omega vector      */
    size_t pos0, d, pairs;  /* pairs = (d + 1) / 2                              */
    double base;
    double *omega;          /* (pairs) the right omega_i (PE context)           */
    double *trial;          /* (pairs) the omegas a rule predicts               */
    long shift;             /* rule parameters                                  */
    double k, c;
};

static int near_pred(const struct shape *s, double v, double p)
{
    return isfinite(v) && isfinite(p) && fabs(v - p) <= s->ptol * fmax(1.0, fabs(p));
}

/* A prediction of cell (r, c): 1 and *p, or 0 when the rule cannot say. */
typedef int (*predictor)(const struct shape *s, size_t r, size_t c, double *p);

/* 1 when the prediction matches every cell it predicts (at least half of
   them and 2) and differs clearly from the expected table somewhere. */
static int rule_fits(const struct shape *s, predictor f)
{
    size_t r, c, checked = 0, differs = 0;
    for (r = 0; r < s->rows; r++) {
        for (c = 0; c < s->cols; c++) {
            double p, w = s->want[r * s->cols + c];
            if (!f(s, r, c, &p))
                continue;
            checked++;
            if (!near_pred(s, s->got[r * s->cols + c], p))
                return 0;
            if (!(fabs(p - w) <= 10.0 * s->ptol * fmax(1.0, fabs(w))))
                differs++;
        }
    }
    return differs > 0 && checked >= 2 && 2 * checked >= s->n;
}

/* PE(pos, j) with the frequencies om[] (the paper's interleaved layout). */
static double pe_cell(double pos, size_t j, const double *om)
{
    double angle = pos * om[j / 2];
    return j % 2 == 0 ? sin(angle) : cos(angle);
}

static int p_transposed(const struct shape *s, size_t r, size_t c, double *p)
{
    size_t k = r * s->cols + c; /* got[k]: element (k % rows, k / rows) stored column-major */
    *p = s->want[(k % s->rows) * s->cols + k / s->rows];
    return 1;
}

static int p_row_shift(const struct shape *s, size_t r, size_t c, double *p)
{
    long src = (long)r + s->shift;
    if (s->kind == 1) {
        long pos = (long)s->pos0 + src;
        if (pos < 0)
            return 0;
        *p = pe_cell((double)pos, c, s->omega);
        return 1;
    }
    if (src < 0 || src >= (long)s->rows)
        return 0;
    *p = s->want[(size_t)src * s->cols + c];
    return 1;
}

static int p_flat_shift(const struct shape *s, size_t r, size_t c, double *p)
{
    long src = (long)(r * s->cols + c) + s->shift;
    if (src < 0 || src >= (long)s->n)
        return 0;
    *p = s->want[src];
    return 1;
}

static int p_swapped(const struct shape *s, size_t r, size_t c, double *p)
{
    if ((c ^ 1u) >= s->cols)
        return 0;
    *p = s->want[r * s->cols + (c ^ 1u)];
    return 1;
}

static int p_concatenated(const struct shape *s, size_t r, size_t c, double *p)
{
    size_t half = (s->cols + 1) / 2; /* the even columns first, then the odd */
    *p = s->want[r * s->cols + (c < half ? 2 * c : 2 * (c - half) + 1)];
    return 1;
}

static int p_negated(const struct shape *s, size_t r, size_t c, double *p)
{
    *p = -s->want[r * s->cols + c];
    return 1;
}

static int p_scaled(const struct shape *s, size_t r, size_t c, double *p)
{
    *p = s->k * s->want[r * s->cols + c];
    return 1;
}

/* got = c * want^k (sign kept): an exponent scaled by k. */
static int p_power(const struct shape *s, size_t r, size_t c, double *p)
{
    double w = s->want[r * s->cols + c];
    *p = w == 0.0 ? 0.0 : copysign(s->c * pow(fabs(w), s->k), w);
    return 1;
}

static int p_trial_pe(const struct shape *s, size_t r, size_t c, double *p)
{
    *p = pe_cell((double)(s->pos0 + r), c, s->trial);
    return 1;
}

/* A name for a constant factor, or NULL. */
static const char *factor_name(double f)
{
    static const struct { double v; const char *name; } known[] = {
        { 2 * PI, "2 pi" }, { 1 / (2 * PI), "1/(2 pi)" }, { PI, "pi" }, { 1 / PI, "1/pi" },
        { PI / 180, "pi/180" }, { 180 / PI, "180/pi" },
        { 1.4142135623730951, "sqrt 2" }, { 0.70710678118654752, "1/sqrt 2" },
        { LN10, "ln 10" }, { 1 / LN10, "1/ln 10" },
    };
    size_t k;
    for (k = 0; k < sizeof known / sizeof known[0]; k++)
        if (known[k].v != 0 && fabs(f - known[k].v) <= 1e-6 * fabs(known[k].v))
            return known[k].name;
    return NULL;
}

static int about(double x, double v) { return fabs(x - v) <= 1e-6 * fmax(1.0, fabs(v)); }

/* 1 when x is a number someone would type: an integer or a power of ten. */
static int round_number(double x)
{
    double l = log10(x);
    return x >= 2 && (fabs(x - round(x)) <= 1e-9 * x || fabs(l - round(l)) <= 1e-9);
}

/* Append one more possible cause to out ("; or " between two). */
static void add_cause(char *out, size_t len, const char *cause)
{
    size_t at = strlen(out);
    snprintf(out + at, len - at, "%s%s", at ? "; or " : "", cause);
}

/* Why an exponent is k times the right one: with a context, the effective
   base eff_base = base^k of omega_i = base^(-2i/d); without, any power law. */
static void exponent_cause(const struct shape *s, double k, double eff_base, char *out,
                           size_t len)
{
    char one[160];
    out[0] = '\0';
    if (about(k, 1 / LN10))
        add_cause(out, len, "log10 is used where ln belongs: exp(x * log10(base)) is "
                  "base^(x / ln 10)");
    else if (about(k, LN10))
        add_cause(out, len, "ln is used where log10 belongs (or exp where 10^x belongs)");
    if (s->kind == 0) {
        if (about(k, -1.0))
            add_cause(out, len, "a reciprocal -- the exponent's sign is flipped, or a division "
                      "is the wrong way round");
        else if (about(k, 2.0))
            add_cause(out, len, "a square too many (a squared distance or norm where the plain "
                      "one belongs?), or an exponent doubled");
        else if (about(k, 0.5))
            add_cause(out, len, "a square root too many, or an exponent halved");
        else if (out[0] == '\0') {
            snprintf(one, sizeof one, "an exponent (or what goes into an exp or a pow) is "
                     "scaled by %.4g", k);
            add_cause(out, len, one);
        }
        return;
    }
    if (fabs(k) < 1e-6)
        add_cause(out, len, "every omega_i is 1: the exponent is 0 for every i (2 * i / d "
                  "computed in integers?)");
    if (about(k, -1.0))
        add_cause(out, len, "the exponent's sign is flipped: omega_i = base^(-2i/d) falls as i "
                  "grows, yours rises");
    if (about(k, 2.0) || about(k, 0.5))
        add_cause(out, len, about(k, 2.0) ? "the exponent is twice the right one (-4i/d for "
                  "-2i/d?)" : "the exponent is half the right one (-i/d for -2i/d?)");
    else if (fabs(k) > 1e-6 && s->d > 0 && (double)s->d / k > 0.5 &&
             about((double)s->d / k, round((double)s->d / k))) {
        snprintf(one, sizeof one, "the exponent is -2i/%.0f where -2i/d = -2i/%zu belongs (a "
                 "wrong denominator)", round((double)s->d / k), s->d);
        add_cause(out, len, one);
    }
    if (eff_base >= 2 && about(eff_base, 10000.0) && !about(s->base, 10000.0))
        add_cause(out, len, "the base argument is ignored (10000 hard-coded?)");
    else if (eff_base >= 2 && round_number(eff_base) && !about(eff_base, s->base)) {
        snprintf(one, sizeof one, "the base argument is ignored or mistyped: your code uses "
                 "%.6g where the test passed %g", eff_base, s->base);
        add_cause(out, len, one);
    }
    if (out[0] == '\0')
        add_cause(out, len, "the exponent -2i/d or the base is wrong");
}

/* "[r][c]", or "[k]" for a vector. */
static const char *cell_name(const struct shape *s, size_t k, char *buf, size_t len)
{
    if (s->rows == 1)
        snprintf(buf, len, "[%zu]", k);
    else
        snprintf(buf, len, "[%zu][%zu]", k / s->cols, k % s->cols);
    return buf;
}

static const char *rule_nan(struct shape *s, char *msg, size_t len)
{
    char cell[48];
    size_t k, bad = 0, first = 0;
    for (k = 0; k < s->n; k++)
        if (!isfinite(s->got[k]) && isfinite(s->want[k]) && bad++ == 0)
            first = k;
    if (bad == 0)
        return NULL;
    snprintf(msg, len, "%zu of the %zu values are NaN or infinite (the first at %s, %g) "
             "where the expected ones are finite: a division by zero, 0/0, the log or sqrt of "
             "a value <= 0, or an exp that overflows", bad, s->n,
             cell_name(s, first, cell, sizeof cell), s->got[first]);
    return "nan";
}

static const char *rule_unwritten(struct shape *s, char *msg, size_t len, double tol)
{
    size_t r, c, unwritten = 0, first = 0, full_rows = 0, full_cols = 0, row0 = 0, col0 = 0;
    char where[96], cell[48];
    for (r = 0; r < s->n; r++) {
        if (never_written(&s->got[r])) {
            if (unwritten++ == 0)
                first = r;
        } else if (!(fabs(s->got[r] - s->want[r]) <= tol))
            return NULL; /* something else is wrong too */
    }
    if (unwritten == 0)
        return NULL;
    for (r = 0; r < s->rows; r++) {
        for (c = 0; c < s->cols && never_written(&s->got[r * s->cols + c]); c++)
            ;
        if (c == s->cols && full_rows++ == 0)
            row0 = r;
    }
    for (c = 0; c < s->cols; c++) {
        for (r = 0; r < s->rows && never_written(&s->got[r * s->cols + c]); r++)
            ;
        if (r == s->rows && full_cols++ == 0)
            col0 = c;
    }
    if (s->rows > 1 && full_rows == 1 && s->cols == unwritten)
        snprintf(where, sizeof where, "row %zu", row0);
    else if (s->rows > 1 && full_rows * s->cols == unwritten)
        snprintf(where, sizeof where, "%zu whole rows, the first row %zu", full_rows, row0);
    else if (s->cols > 1 && full_cols == 1 && s->rows == unwritten)
        snprintf(where, sizeof where, "column %zu", col0);
    else if (s->cols > 1 && full_cols * s->rows == unwritten)
        snprintf(where, sizeof where, "%zu whole columns, the first column %zu", full_cols, col0);
    else
        snprintf(where, sizeof where, "the first at %s", cell_name(s, first, cell, sizeof cell));
    snprintf(msg, len, "%zu of the %zu cells still hold the buffer's initial fill "
             "(%.3g, bytes 0x%02X) -- they were never written (%s) and every other cell is "
             "right: a loop stops early, starts late or skips cells", unwritten, s->n,
             s->got[first], KIT_SENTINEL_BYTE, where);
    return "unwritten";
}

static const char *rule_signs(struct shape *s, char *msg, size_t len)
{
    size_t r, c, flipped = 0, shown = 0;
    char list[64] = "";
    if (rule_fits(s, p_negated)) {
        snprintf(msg, len, "every value has the right size but the opposite sign (got = "
                 "-expected): a minus sign too many or too few (b - a for a - b, -= for +=)");
        return "sign";
    }
    if (s->cols < 2)
        return NULL;
    for (c = 0; c < s->cols; c++) {
        int plus = 1, minus = 1, differs = 0;
        for (r = 0; r < s->rows; r++) {
            double g = s->got[r * s->cols + c], w = s->want[r * s->cols + c];
            plus = plus && near_pred(s, g, w);
            minus = minus && near_pred(s, g, -w);
            differs = differs || !near_pred(s, w, -w);
        }
        if (!plus && !minus)
            return NULL;
        if (!plus && differs) {
            flipped++;
            if (shown < 6) {
                size_t at = strlen(list);
                snprintf(list + at, sizeof list - at, "%s%zu", shown ? ", " : "", c);
                shown++;
            }
        }
    }
    if (flipped == 0)
        return NULL;
    snprintf(msg, len, "%zu of the %zu columns (%s%s) have the opposite sign of the expected "
             "values and the others are right: a sign error in the formula of those columns",
             flipped, s->cols, list, flipped > shown ? ", ..." : "");
    return "sign";
}

static const char *rule_scale(struct shape *s, char *msg, size_t len)
{
    double gw = 0, ww = 0;
    const char *name;
    size_t k;
    for (k = 0; k < s->n; k++) {
        gw += s->got[k] * s->want[k];
        ww += s->want[k] * s->want[k];
    }
    if (!(ww > 0) || !isfinite(gw))
        return NULL;
    s->k = gw / ww;
    if (s->k == 0 || about(s->k, 1.0) || about(s->k, -1.0) || !rule_fits(s, p_scaled))
        return NULL;
    name = factor_name(s->k);
    snprintf(msg, len, "every value is %.6g%s%s%s times the expected one: a constant factor "
             "too many, or one missing", s->k, name ? " (= " : "", name ? name : "",
             name ? ")" : "");
    return "scale";
}

/* got = c * want^k, a power law over the cells with a nonzero value. */
static const char *rule_power(struct shape *s, char *msg, size_t len)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0, x0 = 0, var, eff;
    size_t k, m = 0, spread = 0;
    char cause[400];
    for (k = 0; k < s->n; k++) {
        double w = s->want[k], g = s->got[k], x, y;
        if (w == 0.0)
            continue;
        if (!(g * w > 0) || !isfinite(g))
            return NULL;
        x = log(fabs(w));
        y = log(fabs(g));
        if (m == 0)
            x0 = x;
        else if (fabs(x - x0) > 1e-9 * fmax(1.0, fabs(x0)))
            spread++; /* cells whose size differs from the first one's */
        sx += x; sy += y; sxx += x * x; sxy += x * y;
        m++;
    }
    if (m < 2 || spread < 1)
        return NULL;
    var = sxx - sx * sx / (double)m;
    if (!(var > 0))
        return NULL;
    s->k = (sxy - sx * sy / (double)m) / var;
    s->c = exp((sy - s->k * sx) / (double)m);
    /* k near 0 is a constant table, not an exponent (omegas all 1 excepted) */
    if (!isfinite(s->k) || about(s->k, 1.0) || (fabs(s->k) < 0.05 && s->kind == 0) ||
        !rule_fits(s, p_power))
        return NULL;
    eff = s->kind ? pow(s->base, s->k) : 0.0;
    exponent_cause(s, s->k, eff, cause, sizeof cause);
    /* With two sizes of values any power fits (two values trading places look
       like a reciprocal): only an omega vector, whose omega_0 = 1 pins c = 1,
       may speak then, and only of a known cause. */
    if (spread < 2 && (s->kind != 2 || !about(s->c, 1.0) || strstr(cause, "is wrong") != NULL))
        return NULL;
    if (s->kind == 2 && about(s->c, 1.0))
        snprintf(msg, len, "omega_1 / omega_0 = %.6g where %.6g is expected: your omegas "
                 "are those of base %.6g, not %g -- %s", s->got[1] / s->got[0],
                 s->want[1] / s->want[0], eff, s->base, cause);
    else if (about(s->k, -1.0))
        snprintf(msg, len, "every value is %.6g / (the expected one): %s", s->c, cause);
    else
        snprintf(msg, len, "every value is %.6g x (the expected one)^%.6g: %s", s->c, s->k,
                 cause);
    return "base";
}

/* PE context: the angle of the slowest full pair in the first row pos >= 1. */
static int slow_angle(const struct shape *s, double *w_est, size_t *i_lo)
{
    size_t r = s->pos0 >= 1 ? 0 : 1;
    double pos = (double)(s->pos0 + r);
    const double *row = s->got + r * s->cols;
    if (r >= s->rows)
        return 0;
    if (s->d >= 2) {
        *i_lo = s->d / 2 - 1;
        *w_est = atan2(row[2 * *i_lo], row[2 * *i_lo + 1]) / pos;
    } else {
        *i_lo = 0;
        *w_est = asin(fmax(-1.0, fmin(1.0, row[0]))) / pos;
    }
    return isfinite(*w_est);
}

static const char *rule_angle_factor(struct shape *s, char *msg, size_t len)
{
    double cand[8] = { 2 * PI, PI / 180, 180 / PI, 1 / (2 * PI), 2, 0.5, PI, 0 };
    double w_est;
    size_t i, i_lo, k, n_cand = 7;
    if (slow_angle(s, &w_est, &i_lo) && s->omega[i_lo] > 0)
        cand[n_cand++] = w_est / s->omega[i_lo];
    for (k = 0; k < n_cand; k++) {
        double f = cand[k];
        const char *name;
        if (!isfinite(f) || f == 0 || about(f, 1.0))
            continue;
        for (i = 0; i < s->pairs; i++)
            s->trial[i] = f * s->omega[i];
        if (!rule_fits(s, p_trial_pe))
            continue;
        name = factor_name(f);
        if (about(f, 2 * PI))
            snprintf(msg, len, "every angle is 2 pi times pos * omega_i: omega_i is already "
                     "in radians per position, so there is no extra 2 pi");
        else if (about(f, PI / 180))
            snprintf(msg, len, "every angle is pos * omega_i * pi/180, as if it were in "
                     "degrees: pos * omega_i is already in radians, convert nothing");
        else if (about(f, 180 / PI))
            snprintf(msg, len, "every angle is pos * omega_i * 180/pi (converted to degrees), "
                     "but sin and cos take radians");
        else
            snprintf(msg, len, "every angle is %.6g%s%s%s times pos * omega_i: a constant "
                     "factor on the angle", f, name ? " (= " : "", name ? name : "",
                     name ? ")" : "");
        return "angle-factor";
    }
    return NULL;
}

static const char *rule_pe_base(struct shape *s, char *msg, size_t len)
{
    double b = s->base, w_est;
    double cand[14] = { exp(log10(b)), 1 / b, pow(10.0, log(b)), b * b, sqrt(b), 10000, 1000,
                        100, 10, 100000, 1e6, 0, 0, 0 };
    size_t i, i_lo, k, n_cand = 11;
    char cause[400];
    if (s->d >= 3)
        cand[n_cand++] = pow(b, (double)s->d / (double)(s->d - 1));
    if (slow_angle(s, &w_est, &i_lo) && i_lo >= 1 && w_est > 0)
        cand[n_cand++] = pow(w_est, -(double)s->d / (2.0 * (double)i_lo));
    for (k = 0; k < n_cand; k++) {
        double eff = cand[k];
        if (!isfinite(eff) || eff <= 0 || about(eff, b))
            continue;
        for (i = 0; i < s->pairs; i++)
            s->trial[i] = pow(eff, -2.0 * (double)i / (double)s->d);
        if (!rule_fits(s, p_trial_pe))
            continue;
        exponent_cause(s, log(eff) / log(b), eff, cause, sizeof cause);
        snprintf(msg, len, "the frequencies are those of base %.6g, not %g (omega_1 = %.6g "
                 "where %.6g is expected): %s", eff, b, s->trial[1 < s->pairs ? 1 : 0],
                 s->omega[1 < s->pairs ? 1 : 0], cause);
        return "base";
    }
    return NULL;
}

/* Single precision: every error within a few float roundings of the cell's
   size (with a PE context, of its angle too), the wrong cells at least at
   float's level, and rounding's look: the values are floats, or the errors
   go both ways (a systematic tiny bias is not rounding). */
static const char *rule_float(struct shape *s, char *msg, size_t len, double tol)
{
    double scale = 0.0, own = 0.0, worst = 0.0;
    size_t k, wrong = 0, up = 0, down = 0, floats = 0;
    for (k = 0; k < s->n; k++)
        if (isfinite(s->want[k]))
            scale = fmax(scale, fabs(s->want[k]));
    for (k = 0; k < s->n; k++) {
        double w = s->want[k], g = s->got[k], e = fabs(g - w), room;
        if (s->kind == 1) {
            size_t c = k % s->cols;
            room = fabs(w) + 1.0 + fabs((double)(s->pos0 + k / s->cols) * s->omega[c / 2]);
        } else {
            room = fabs(w) + fmax(scale, 1e-300);
        }
        if (!isfinite(g) || !(e <= 8.0 * EPS_FLOAT * room))
            return NULL;
        if (e > tol) {
            wrong++;
            up += g > w;
            down += g < w;
            floats += (double)(float)g == g;
            worst = fmax(worst, e);
            if (w != 0.0)
                own = fmax(own, e / fabs(w));
        }
    }
    if (wrong == 0 || own < 0x1p-30)
        return NULL; /* the wrong cells are closer than float rounding */
    if (floats < wrong && (up == 0 || down == 0))
        return NULL; /* all one way: a bias, not rounding */
    snprintf(msg, len, "every value is off by no more than single-precision rounding (|diff| "
             "up to %.2g): a float variable, a float function (sinf, cosf, powf, expf) or a "
             "float constant in the computation; compute in double", worst);
    return "float";
}

/* The rule that explains got, or NULL; msg gets its sentence. */
static const char *diagnose(const double *got, const double *want, size_t rows, size_t cols,
                            double tol, char *msg, size_t len)
{
    struct shape s;
    const char *id = NULL;
    size_t i;
    static const struct { long shift; int rows; } shifts[] = {
        { -1, 1 }, { 1, 1 }, { -2, 1 }, { 2, 1 }, { -1, 0 }, { 1, 0 },
    };
    memset(&s, 0, sizeof s);
    s.got = got;
    s.want = want;
    s.rows = rows;
    s.cols = cols;
    s.n = rows * cols;
    s.ptol = fmax(PRED_TOL, tol);
    s.kind = table_ctx.kind;
    s.pos0 = table_ctx.pos0;
    s.d = table_ctx.d;
    s.base = table_ctx.base;
    s.pairs = (s.d + 1) / 2;
    if ((s.kind == 1 && (cols != s.d || s.d == 0)) ||
        (s.kind == 2 && (rows != 1 || cols != s.pairs)) || !(s.base > 1) || !isfinite(s.base))
        s.kind = 0; /* the context does not describe this table */
    if (s.n == 0)
        return NULL;
    if (s.kind == 1) {
        s.omega = malloc(2 * s.pairs * sizeof(double));
        if (s.omega == NULL)
            s.kind = 0;
        else {
            s.trial = s.omega + s.pairs;
            for (i = 0; i < s.pairs; i++)
                s.omega[i] = pow(s.base, -2.0 * (double)i / (double)s.d);
        }
    }
    if ((id = rule_nan(&s, msg, len)) != NULL || (id = rule_unwritten(&s, msg, len, tol)) != NULL)
        goto done;
    if (rows > 1 && cols > 1 && rule_fits(&s, p_transposed)) {
        snprintf(msg, len, "the table is stored transposed (column-major): the value of "
                 "element (r, c) sits at index c * %zu + r, where row-major order puts it at "
                 "r * %zu + c", rows, cols);
        id = "transposed";
        goto done;
    }
    for (i = 0; i < sizeof shifts / sizeof shifts[0]; i++) {
        s.shift = shifts[i].shift;
        if (shifts[i].rows ? (rows < 2 && s.kind != 1) || !rule_fits(&s, p_row_shift)
                           : !rule_fits(&s, p_flat_shift))
            continue;
        if (shifts[i].rows && s.kind == 1 && s.pos0 == 0)
            snprintf(msg, len, "row r holds PE(r %c %ld) where PE(r) belongs: every row is %ld "
                     "position%s off", s.shift < 0 ? '-' : '+', labs(s.shift), labs(s.shift),
                     labs(s.shift) == 1 ? "" : "s");
        else if (shifts[i].rows && s.kind == 1)
            snprintf(msg, len, "row r holds PE(%zu + r %c %ld) where PE(%zu + r) belongs: every "
                     "row is %ld position%s off", s.pos0, s.shift < 0 ? '-' : '+', labs(s.shift),
                     s.pos0, labs(s.shift), labs(s.shift) == 1 ? "" : "s");
        else if (shifts[i].rows)
            snprintf(msg, len, "row r holds what row r %c %ld should: every row is %ld off (an "
                     "off-by-one in the row index)", s.shift < 0 ? '-' : '+', labs(s.shift),
                     labs(s.shift));
        else
            snprintf(msg, len, "every value sits one place %s where it belongs (index k holds "
                     "the value of k %c 1): an off-by-one in the index arithmetic",
                     s.shift > 0 ? "before" : "after", s.shift < 0 ? '-' : '+');
        id = "shifted";
        goto done;
    }
    if (cols >= 2 && s.n >= 4 && rule_fits(&s, p_swapped)) {
        snprintf(msg, len, "in every row columns 2i and 2i + 1 are exchanged (%s)",
                 s.kind == 1 ? "cos where sin belongs and sin where cos belongs"
                             : "the two members of each pair trade places");
        id = "swapped";
        goto done;
    }
    if (cols >= 4 && rule_fits(&s, p_concatenated)) {
        snprintf(msg, len, "each row holds the even columns' values first and the odd "
                 "columns' after (%s): interleave them, column 2i then 2i + 1",
                 s.kind == 1 ? "all sines, then all cosines" : "two halves");
        id = "concatenated";
        goto done;
    }
    if ((id = rule_signs(&s, msg, len)) != NULL || (id = rule_scale(&s, msg, len)) != NULL)
        goto done;
    if (s.kind == 1 && ((id = rule_pe_base(&s, msg, len)) != NULL ||
                        (id = rule_angle_factor(&s, msg, len)) != NULL))
        goto done;
    if (s.kind != 1 && (id = rule_power(&s, msg, len)) != NULL)
        goto done;
    id = rule_float(&s, msg, len, tol);
done:
    free(s.omega);
    return id;
}

const char *kit_table_shape(const double *got, const double *want, size_t rows, size_t cols,
                            double tol)
{
    char msg[768];
    return diagnose(got, want, rows, cols, tol, msg, sizeof msg);
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
        table_ctx.kind = 0;
        return;
    }
    worst = max_diff(got, want, n);
    fill = never_written(&got[first]) ? " (the buffer's initial fill: never written)" : "";
    if (comma != NULL) {
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
        if (mistakes[k].values != NULL && max_diff(got, mistakes[k].values, n) <= 1e-9) {
            kit_say("hint (%s): %s", mistakes[k].id, mistakes[k].hint);
            break;
        }
    }
    if (k == n_mistakes) { /* no known mistake of this test: the shape of the numbers */
        if (kit_current_section[0] != '\0')
            snprintf(see, sizeof see, " (see %s)", kit_current_section);
        id = diagnose(got, want, rows, cols, tol, msg, sizeof msg);
        if (id != NULL)
            kit_say("hint (shape-%s): %s%s", id, msg, see);
        else
            kit_say("no known shape (layout, sign, scale, frequency or precision) fits these "
                    "numbers%s.", see);
    }
    table_ctx.kind = 0;
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
        if (w != 0.0) {
            if (n_ratio == 0)
                ratio = g / w;
            else if (fabs(g / w - ratio) > 1e-9 * fabs(ratio))
                ratio_ok = 0;
            n_ratio++;
        } else if (g != 0.0) {
            ratio_ok = 0;
        }
        if (n_offset == 0)
            offset = g - w;
        else if (fabs((g - w) - offset) > 1e-9 * (1.0 + fabs(offset)))
            offset_ok = 0;
        n_offset++;
    }
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
    if (ratio_ok && n_ratio >= 2 && n_ratio == n_bad && ratio != 1.0)
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

static int grid_capture(const char *line)
{
    size_t len;
    if (!grid.active || !grid.in_case)
        return 0;
    if (grid.cur_failed) /* the first failing check of a case is its evidence */
        return 1;
    len = strlen(line);
    if (grid.msg_len + len + 8 < sizeof grid.msg) {
        memcpy(grid.msg + grid.msg_len, "KIT| ", 5);
        memcpy(grid.msg + grid.msg_len + 5, line, len);
        grid.msg[grid.msg_len + 5 + len] = '\n';
        grid.msg_len += len + 6;
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
    if (max_pass < min_fail)
        snprintf(buf, len, "right for every %s up to %zu, wrong from %s = %zu on",
                 grid.names[p], max_pass, grid.names[p], min_fail);
    else if (odd_fail && !even_fail && !odd_pass && even_pass)
        snprintf(buf, len, "right for every even %s, wrong for every odd %s (from %s = %zu)",
                 grid.names[p], grid.names[p], grid.names[p], min_fail);
    else if (even_fail && !odd_fail && odd_pass && !even_pass)
        snprintf(buf, len, "right for every odd %s, wrong for every even %s (from %s = %zu)",
                 grid.names[p], grid.names[p], grid.names[p], min_fail);
    else {
        size_t at = (size_t)snprintf(buf, len, "wrong exactly when %s is one of ", grid.names[p]);
        size_t shown = 0;
        for (j = 0; j < n_vals && at < len; j++)
            if (state[j] == 1) {
                if (shown == 8) {
                    at += (size_t)snprintf(buf + at, len - at, ", ...");
                    break;
                }
                at += (size_t)snprintf(buf + at, len - at, "%s%zu", shown ? ", " : "", vals[j]);
                shown++;
            }
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
        printf("KIT| In the smallest failing case (%s):\n%s", label, grid.best_msg);
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
