/*
 * kit_diagnose.c — the diagnosis of a wrong table: which shape (layout, sign,
 * scale, frequency, precision) explains the numbers, named only when a model of
 * it reproduces the values. Split from kit_check.c, which prints the evidence.
 */
#define KIT_HARNESS 1 /* the harness itself: see kit_test.h */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit_test.h"
#include "kit_judge.h"
#include "kit_diagnose.h"

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
    int fitted;             /* parameters of the rule fitted from got: the
                               prediction must differ from the expected value
                               in more cells than that (a factor fitted on one
                               wrong value reproduces it whatever the cause)   */
};

static int near_pred(const struct shape *s, double v, double p)
{
    return isfinite(v) && isfinite(p) && fabs(v - p) <= s->ptol * fmax(1.0, fabs(p));
}

/* A prediction of cell (r, c): 1 and *p, or 0 when the rule cannot say. */
typedef int (*predictor)(const struct shape *s, size_t r, size_t c, double *p);

/* 1 when the prediction matches every cell it predicts (at least half of
   them and 2) and differs clearly from the expected table in more cells than
   the rule has parameters fitted from got (s->fitted): a rule fitted on as
   many wrong values as it has parameters reproduces them by construction,
   which is no evidence. */
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
    return differs > (size_t)s->fitted && checked >= 2 && 2 * checked >= s->n;
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
        return; /* any other k: a fitted curve, not a cause */
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
    /* Only a computed NaN: its causes are the whole list below. An infinity
       has more (an overflow, a division by 0, but also -INFINITY written on
       purpose, as a mask): the evidence says where it is, no cause. The fill
       (a NaN) is rule_unwritten's evidence. */
    for (k = 0; k < s->n; k++)
        if (isnan(s->got[k]) && isfinite(s->want[k]) && !kit_never_written(&s->got[k]) &&
            bad++ == 0)
            first = k;
    if (bad == 0)
        return NULL;
    snprintf(msg, len, "%zu of the %zu values are NaN (the first at %s) where the expected "
             "ones are finite: in double, NaN comes only from 0/0, inf - inf, inf/inf, 0 * inf, "
             "the log or sqrt of a negative number, or a NaN operand", bad, s->n,
             cell_name(s, first, cell, sizeof cell));
    return "nan";
}

static const char *rule_unwritten(struct shape *s, char *msg, size_t len, double tol)
{
    size_t r, c, unwritten = 0, first = 0, full_rows = 0, full_cols = 0, row0 = 0, col0 = 0;
    char where[96], cell[48];
    for (r = 0; r < s->n; r++) {
        if (kit_never_written(&s->got[r])) {
            if (unwritten++ == 0)
                first = r;
        } else if (!(fabs(s->got[r] - s->want[r]) <= tol))
            return NULL; /* something else is wrong too */
    }
    if (unwritten == 0)
        return NULL;
    for (r = 0; r < s->rows; r++) {
        for (c = 0; c < s->cols && kit_never_written(&s->got[r * s->cols + c]); c++)
            ;
        if (c == s->cols && full_rows++ == 0)
            row0 = r;
    }
    for (c = 0; c < s->cols; c++) {
        for (r = 0; r < s->rows && kit_never_written(&s->got[r * s->cols + c]); r++)
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
    /* Two models give these values: cells never written, and cells only
       added to (x += v keeps the marker, a NaN); the three runs of every
       call tell them apart (kit_proxy.h) except for a call run once (slow
       or large), so the message names both. */
    snprintf(msg, len, "%zu of the %zu cells still hold the never-written marker (a NaN, "
             "bytes 0x%02X) (%s) and every other cell is right: those cells were never "
             "assigned -- a loop stops early, starts late or skips cells, or the cells are "
             "only added to (+= into an output that was not zeroed first: NaN + v is the "
             "marker again)", unwritten, s->n, KIT_SENTINEL_BYTE, where);
    return "unwritten";
}

static const char *rule_signs(struct shape *s, char *msg, size_t len)
{
    size_t r, c, flipped = 0, shown = 0;
    char list[64] = "";
    if (rule_fits(s, p_negated)) {
        if (s->kind == 2) /* omegas: every model that negates all of them */
            snprintf(msg, len, "every omega_i is the negative of the expected one: the angle "
                     "turns the wrong way. Either a minus sign too many in omega, or, when "
                     "omega comes from measured phases, the phase taken the other way round: "
                     "atan2(cos, sin) is pi/2 - angle (atan2 takes y = sin first: atan2(sin, "
                     "cos)), or the difference phi_first - phi_last");
        else
            snprintf(msg, len, "every value has the right size but the opposite sign (got = "
                     "-expected): a minus sign too many or too few (b - a for a - b, -= for "
                     "+=)");
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
    s->fitted = 1;
    if (s->k == 0 || about(s->k, 1.0) || about(s->k, -1.0) || !rule_fits(s, p_scaled)) {
        s->fitted = 0;
        return NULL;
    }
    s->fitted = 0;
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
    s->fitted = s->kind == 2 ? 1 : 2; /* c and k (an omega vector pins c = 1) */
    if (!isfinite(s->k) || about(s->k, 1.0) || (fabs(s->k) < 0.05 && s->kind == 0) ||
        !rule_fits(s, p_power)) {
        s->fitted = 0;
        return NULL;
    }
    s->fitted = 0;
    eff = s->kind ? pow(s->base, s->k) : 0.0;
    exponent_cause(s, s->k, eff, cause, sizeof cause);
    if (cause[0] == '\0')
        return NULL; /* no cause whose model has this exponent */
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
        s->fitted = k >= 7; /* the last candidate is fitted from got */
        if (!rule_fits(s, p_trial_pe)) {
            s->fitted = 0;
            continue;
        }
        s->fitted = 0;
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
        else { /* a fact: no cause whose model is a factor of exactly f */
            snprintf(msg, len, "Every value is what PE would be with every angle %.6g%s%s%s "
                     "times pos * omega_i (a fact about the numbers, not a cause: in a "
                     "function that transforms its input a mistake elsewhere can give it)",
                     f, name ? " (= " : "", name ? name : "", name ? ")" : "");
            return "=angle-factor";
        }
        return "angle-factor";
    }
    return NULL;
}

static const char *rule_pe_base(struct shape *s, char *msg, size_t len)
{
    double b = s->base, w_est;
    double cand[15] = { exp(log10(b)), 1 / b, pow(10.0, log(b)), b * b, sqrt(b), 10000, 1000,
                        100, 10, 100000, 1e6, 0, 0, 0 };
    size_t i, i_lo, k, n_cand = 11, n_fixed;
    char cause[400];
    if (s->d >= 3)
        cand[n_cand++] = pow(b, (double)s->d / (double)(s->d - 1));
    if (s->d >= 4)     /* the denominator d - 2: base^(d / (d - 2)) with the paper's d */
        cand[n_cand++] = pow(b, (double)s->d / (double)(s->d - 2));
    n_fixed = n_cand;
    if (slow_angle(s, &w_est, &i_lo) && i_lo >= 1 && w_est > 0)
        cand[n_cand++] = pow(w_est, -(double)s->d / (2.0 * (double)i_lo));
    for (k = 0; k < n_cand; k++) {
        double eff = cand[k];
        if (!isfinite(eff) || eff <= 0 || about(eff, b))
            continue;
        for (i = 0; i < s->pairs; i++)
            s->trial[i] = pow(eff, -2.0 * (double)i / (double)s->d);
        s->fitted = k >= n_fixed; /* the candidate from slow_angle is fitted from got */
        if (!rule_fits(s, p_trial_pe)) {
            s->fitted = 0;
            continue;
        }
        s->fitted = 0;
        exponent_cause(s, log(eff) / log(b), eff, cause, sizeof cause);
        snprintf(msg, len, "the frequencies are those of base %.6g, not %g (omega_1 = %.6g "
                 "where %.6g is expected): %s", eff, b, s->trial[1 < s->pairs ? 1 : 0],
                 s->omega[1 < s->pairs ? 1 : 0], cause);
        return "base";
    }
    return NULL;
}

/* Errors at float's level: a cell's error against its room (the size of the
   value, and with a PE context of its angle) of at least 2^-32 -- double
   arithmetic that rounds differently stays near 2^-50 -- or most of the
   wrong values exactly float32 numbers. Double-precision code that is off
   for another reason is never told it computes in float. */
static int float_like(size_t wrong, size_t floats, double level)
{
    return wrong > 0 && (2 * floats >= wrong || level >= 0x1p-32);
}

/* Single precision: every error within a few float roundings of the cell's
   size (with a PE context, of its angle too), and float-like (above), and
   rounding's look: the values are floats, or the errors go both ways (a
   systematic tiny bias is not rounding). */
static const char *rule_float(struct shape *s, char *msg, size_t len, double tol)
{
    double scale = 0.0, own = 0.0, worst = 0.0, level = 0.0;
    size_t k, wrong = 0, up = 0, down = 0, floats = 0, nonzero = 0;
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
        nonzero += w != 0.0;
        if (e > tol) {
            wrong++;
            up += g > w;
            down += g < w;
            floats += (double)(float)g == g;
            worst = fmax(worst, e);
            level = fmax(level, e / room);
            if (w != 0.0)
                own = fmax(own, e / fabs(w));
        }
    }
    if (wrong == 0 || own < 0x1p-30 || !float_like(wrong, floats, level))
        return NULL; /* the wrong cells are closer than float rounding */
    if (floats < wrong && (up == 0 || down == 0))
        return NULL; /* all one way: a bias, not rounding */
    if (2 * floats >= wrong) {
        snprintf(msg, len, "every value matches the expected one rounded to float32: each is "
                 "within single-precision rounding of it (|diff| up to %.2g) and %zu of the "
                 "%zu wrong values are float32 numbers -- a float variable, a float function "
                 "(sinf, cosf, powf, expf) or a float constant in the computation; compute in "
                 "double", worst, floats, wrong);
        return "float";
    }
    /* The values are not float32 numbers: only an intermediate can be float,
       and no model says which. Rounding in float moves nearly every value it
       touches, in both directions, by amounts with no pattern; a handful of
       wrong values at that level (a few values off by a smooth 1e-7, a
       column that drifts) is not evidence of it. */
    if (wrong < 4 || 4 * wrong < 3 * nonzero)
        return NULL;
    snprintf(msg, len, "%zu of the %zu values are off by single-precision rounding (|diff| up "
             "to %.2g, relative to the value's size about 2^-24, errors both ways) though "
             "none is a float32 number: an intermediate value in float (a float variable, "
             "sinf/cosf/powf/expf, a float constant) while the result is stored in double; "
             "compute in double", wrong, s->n, worst);
    return "float";
}

/* ---- the conventions of public implementations (PE context) ------------
 * Each model computes the whole table as a library does: the layout (the
 * paper's interleaved columns, or all sines then all cosines), the
 * frequencies (base^(-2i/d), or tensor2tensor's log_timescale_increment =
 * ln(base) / max(d/2 - 1, 1), i.e. the denominator d - 2), and the precision
 * (double, or float32: every value within float rounding of the model and
 * the errors float-like). A model speaks only when it reproduces every cell;
 * the message names the library and says which precision matched. */
enum conv { CONV_T2T, CONV_CONCAT, CONV_DMINUS2, CONV_FLOAT };

/* Cell (r, c) of the table of convention m (in double), and its angle. */
static double conv_cell(const struct shape *s, enum conv m, size_t r, size_t c, double *angle)
{
    double pos = (double)(s->pos0 + r), om;
    size_t d = s->d, i;
    int is_sin;
    switch (m) {
    case CONV_T2T: {           /* sin_0 .. sin_{h-1}, cos_0 .. cos_{h-1}, 0 for odd d */
        size_t h = d / 2;
        if (c >= 2 * h) {
            *angle = 0.0;
            return 0.0;
        }
        is_sin = c < h;
        i = is_sin ? c : c - h;
        om = exp(-(double)i * (log(s->base) / fmax((double)h - 1.0, 1.0)));
        break;
    }
    case CONV_CONCAT: {        /* the even columns' values first, then the odd ones' */
        size_t half = (d + 1) / 2;
        is_sin = c < half;
        i = is_sin ? c : c - half;
        om = s->omega[i];
        break;
    }
    case CONV_DMINUS2:
        is_sin = c % 2 == 0;
        i = c / 2;
        om = d > 2 ? pow(s->base, -2.0 * (double)i / (double)(d - 2)) : 1.0;
        break;
    default:
        is_sin = c % 2 == 0;
        i = c / 2;
        om = s->omega[i];
        break;
    }
    *angle = pos * om;
    return is_sin ? sin(*angle) : cos(*angle);
}

/* 2 when convention m reproduces every cell at double precision, 1 within
   float rounding (float-like), 0 otherwise; *worst: the largest |diff|,
   *floats: how many values are float32 numbers. */
static int conv_fits(const struct shape *s, enum conv m, double *worst, size_t *floats)
{
    size_t r, c, wrong = 0, differs = 0;
    double level = 0.0;
    *worst = 0.0;
    *floats = 0;
    for (r = 0; r < s->rows; r++)
        for (c = 0; c < s->cols; c++) {
            double a, p = conv_cell(s, m, r, c, &a), g = s->got[r * s->cols + c];
            double w = s->want[r * s->cols + c], e = fabs(g - p), room = fabs(p) + 1.0 + fabs(a);
            if (!isfinite(g) || !(e <= 8.0 * EPS_FLOAT * room))
                return 0;
            if (!(fabs(p - w) <= 10.0 * s->ptol * fmax(1.0, fabs(w))) ||
                !(fabs(g - w) <= s->ptol * fmax(1.0, fabs(w))))
                differs++;
            if (!near_pred(s, g, p)) {
                *floats += (double)(float)g == g;
                wrong++;
                level = fmax(level, e / room);
            }
            *worst = fmax(*worst, e);
        }
    if (differs == 0)
        return 0;
    if (wrong == 0)
        return m == CONV_FLOAT ? 0 : 2;
    /* float32 values, or (an intermediate in float) most values moved */
    if (2 * *floats < wrong && (wrong < 4 || 4 * wrong < 3 * s->n))
        return 0;
    return float_like(wrong, *floats, level) ? 1 : 0;
}

static const char *rule_conventions(struct shape *s, char *msg, size_t len)
{
    /* (interleaved with d - 2 is rule_pe_base's: the same table as another base) */
    static const enum conv order[3] = { CONV_T2T, CONV_CONCAT, CONV_FLOAT };
    char prec[200];
    size_t k, floats;
    double worst;
    for (k = 0; k < 3; k++) {
        int fit = conv_fits(s, order[k], &worst, &floats);
        if (fit == 0)
            continue;
        if (fit == 2)
            snprintf(prec, sizeof prec, "computed in double");
        else
            snprintf(prec, sizeof prec, "computed in float32: every value within "
                     "single-precision rounding of it (|diff| up to %.2g; %zu of the values "
                     "that differ from it are float32 numbers)", worst, floats);
        switch (order[k]) {
        case CONV_T2T:
            snprintf(msg, len, "every value matches tensor2tensor's get_timing_signal_1d (the "
                     "table of fairseq's SinusoidalPositionalEmbedding too), %s: all sines, then "
                     "all cosines%s, with omega_i = base^(-i/(d/2 - 1)) (log_timescale_increment "
                     "= ln(base) / (d/2 - 1), the denominator d - 2). This kit uses the paper's "
                     "convention: column 2i = sin, 2i + 1 = cos, omega_i = base^(-2i/d)%s", prec,
                     s->d % 2 ? ", then a zero column" : "",
                     fit == 1 ? ", in double" : "");
            return "tensor2tensor";
        case CONV_CONCAT:
            if (fit == 2)
                return NULL; /* the plain layout: the concatenated rule's */
            snprintf(msg, len, "every value matches the TensorFlow tutorial's "
                     "positional_encoding, %s: all sines, then all cosines (np.concatenate), "
                     "omega_i = base^(-2i/d), cast to tf.float32. This kit interleaves them, "
                     "column 2i = sin, 2i + 1 = cos, in double", prec);
            return "tf-tutorial";
        case CONV_DMINUS2:
            snprintf(msg, len, "every value matches the paper's layout with omega_i = "
                     "base^(-2i/(d - 2)), %s: the denominator d - 2 of tensor2tensor and "
                     "fairseq (which also put all sines first); this kit uses base^(-2i/d)%s",
                     prec, fit == 1 ? ", in double" : "");
            return "d-minus-2";
        default:
            snprintf(msg, len, "every value matches the expected table %s -- a float variable, "
                     "a float function (sinf, cosf, powf, expf) or a float constant in the "
                     "computation; compute in double", prec);
            return "float";
        }
    }
    return NULL;
}

/* The rule that explains got, or NULL; msg gets its sentence. */
const char *kit_diagnose(const double *got, const double *want, size_t rows, size_t cols,
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
        (s.kind == 2 && (rows != 1 || (cols != s.pairs && cols != s.d / 2))) ||
        !(s.base > 1) || !isfinite(s.base))
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
                 s.kind == 1 ? "all sines, then all cosines, with omega_i = base^(-2i/d): the "
                 "layout of Hugging Face's sinusoidal embeddings and the TensorFlow tutorial, "
                 "here computed in double" : "two halves");
        id = "concatenated";
        goto done;
    }
    if (s.kind == 1 && s.d >= 2 && (id = rule_conventions(&s, msg, len)) != NULL)
        goto done;
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
    return kit_diagnose(got, want, rows, cols, tol, msg, sizeof msg);
}
