/*
 * test_hidden.c — chapter 2's hidden tests: golden values, the edge cases
 * n = 1 and n = 0, bad arguments, the known mistakes, each recognised with
 * its own hint, and one sweep per function (sweep_*: the function alone over
 * a grid of its arguments, expected values computed in the judge from the
 * definition t_def), so that no argument can be ignored.
 *
 * Golden values come from bc in 60-digit arithmetic (tests/golden/02-unit-interval.bc).
 * The mistake models below compute what each known mistake produces, so a
 * wrong answer can be named. Tolerance 1e-14 absolute: every value is one
 * division in [0, 1] (error <= 2 ulp ~ 2.2e-16 for any correct way of
 * computing it); the mistakes move values by 1e-6 or more. Golden values,
 * mistake models and hint logic exist only in the judge's build (KIT_JUDGE,
 * see kit_test.h): the subject, which holds the student's code, has no
 * answer in its memory.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kit_test.h"
#include "02-unit-interval.h"
#include "../../exercises/02-unit-interval/test_data.h"

#define TOL 1e-14

#ifdef KIT_JUDGE
/* What a test expects: the golden array in the judge, nothing in the subject. */
#define EXPECTED(golden) (golden)
#else
#define EXPECTED(golden) NULL
#endif

#ifdef KIT_JUDGE
static const double golden_t_7[7] = {
    0, 0.16666666666666666, 0.33333333333333331, 0.5,
    0.66666666666666663, 0.83333333333333337, 1
};
static const double golden_t_1000_some[4] = {
    0.001001001001001001, 0.33333333333333331, 0.99899899899899902, 1
};
static const double golden_range_10_11_512[2] = {
    0.019569471624266144, 1
};
static const double golden_range_1_2_1000000[2] = {
    1.0000010000009999e-06, 1
};
static const double golden_range_5_8_20[2] = {
    0.26315789473684209, 0.7142857142857143
};

/* The definition (for the sweeps): t(pos, n) = pos / (n - 1), t(0, 1) = 0. */
static double t_def(size_t pos, size_t n)
{
    return n == 1 ? 0.0 : (double)pos / (double)(n - 1);
}

/* ---- what each known mistake computes ---------------------------------- */
enum mistake { INT_DIV, BY_N, FROM_1 };

static double model(size_t pos, size_t n, enum mistake m)
{
    switch (m) {
    case INT_DIV: return (double)(pos / (n - 1));           /* n >= 2 here */
    case BY_N: return (double)pos / (double)n;
    case FROM_1: return (double)(pos + 1) / (double)(n - 1);
    }
    return 0.0;
}

#define N_MISTAKES 3
static const struct { enum mistake m; const char *id; const char *hint; } catalogue[N_MISTAKES] = {
    { INT_DIV, "integer-division",
      "every code is 0 but the last: in C, pos / (n - 1) on integers drops the fraction. "
      "Divide in double: (double)pos / (double)(n - 1)." },
    { BY_N, "divided-by-n",
      "your last code is (n-1)/n, not 1: divide by n - 1, the distance from the first "
      "position to the last, not by n." },
    { FROM_1, "positions-from-1",
      "your codes are shifted by one step: positions count from 0, so t[0] = 0." },
};

/* The models of every mistake for a table (rows, d) whose row pos gets
   base[pos*d + j] + code(pos, n) (base NULL: 0). */
static void mistakes_for(struct kit_mistake *out, const double *base, size_t n, size_t d)
{
    for (size_t k = 0; k < N_MISTAKES; k++) {
        double *v = kit_doubles(n * d);
        for (size_t pos = 0; pos < n; pos++)
            for (size_t j = 0; j < d; j++)
                v[pos * d + j] = (base ? base[pos * d + j] : 0.0) + model(pos, n, catalogue[k].m);
        out[k].id = catalogue[k].id;
        out[k].hint = catalogue[k].hint;
        out[k].values = v;
    }
}

/* The hint of the known mistake (if any) whose codes of the offsets k[c] in
   n[c] tokens give every one of delta[0 .. count-1], when some delta is wrong. */
static void offset_hint(const size_t *k, const size_t *n, const double *delta, size_t count)
{
    int wrong = 0;
    for (size_t c = 0; c < count; c++)
        wrong |= !(fabs(delta[c] - t_def(k[c], n[c])) <= TOL);
    if (!wrong)
        return;
    for (size_t q = 0; q < N_MISTAKES; q++) {
        int fits = 1;
        for (size_t c = 0; c < count && fits; c++)
            fits = n[c] >= 2 && fabs(delta[c] - model(k[c], n[c], catalogue[q].m)) <= 1e-12;
        if (fits) {
            kit_hint(catalogue[q].id, "%s", catalogue[q].hint);
            return;
        }
    }
}
#endif /* KIT_JUDGE */

#ifdef KIT_JUDGE
/* 1 when x still holds the buffers' never-written marker (all bytes 0xFF), a
   NaN that no division makes (0/0 is another NaN): nothing was divided. */
static int is_marker(double x)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    return bits == UINT64_MAX;
}
#endif

#define HINT_N1 "with n = 1 there is no n - 1 to divide by: pos/(n-1) is 0/0, NaN in double " \
                "(a crash in integers). Define it: a single token sits at 0."

/* ---- a valid call beside the invalid ones ------------------------------
 * A test of the error codes (or of an edge that a function computing nothing
 * passes: n = 0, n = 1) also makes one valid call on the hidden tests' own
 * input and checks its value: a function that computes nothing must not
 * collect those points. */
static void probe_positions(void)
{
    double *t = kit_doubles(4);
    kit_expect_status("unit_positions(t, 4)", unit_positions(t, 4), KIT_OK);
#ifdef KIT_JUDGE
    {
        const double want[4] = { 0.0, 1.0 / 3.0, 2.0 / 3.0, 1.0 };
        kit_expect_table("t (n = 4)", "pos", t, want, 1, 4, TOL, NULL, 0);
    }
#endif
}

static void probe_offset(void)
{
    double *delta = kit_doubles(1);
    kit_expect_status("unit_offset_code(4, 13, delta)", unit_offset_code(4, 13, delta), KIT_OK);
#ifdef KIT_JUDGE
    kit_expect_near("the code of an offset of 4 in n = 13", *delta, 4.0 / 12.0, TOL);
#endif
}

static void probe_code_range(void)
{
    double *lo = kit_doubles(1), *hi = kit_doubles(1);
    kit_expect_status("unit_code_range(2, 4, 9, lo, hi)", unit_code_range(2, 4, 9, lo, hi), KIT_OK);
#ifdef KIT_JUDGE
    kit_expect_near("lo (pos = 2, n = 4 .. 9)", *lo, 2.0 / 8.0, TOL);
    kit_expect_near("hi (pos = 2, n = 4 .. 9)", *hi, 2.0 / 3.0, TOL);
#endif
}

static void probe_pos_add(void)
{
    double *x = kit_doubles(3 * 2);
    kit_fill(x, 3 * 2, 64, -1.0, 1.0);
#ifdef KIT_JUDGE
    double *want = kit_copy_doubles(x, 3 * 2);
    for (size_t k = 0; k < 6; k++)
        want[k] += (double)(k / 2) / 2.0;
#endif
    kit_expect_status("unit_pos_add(x, 3, 2)", unit_pos_add(x, 3, 2), KIT_OK);
    kit_expect_table("x (n = 3, d = 2)", "pos,j", x, want, 3, 2, TOL, NULL, 0);
}

/* ---- unit_positions ------------------------------------------------------ */
/* n = 6, not the public n = 5. */
static void positions_mistakes(void **state)
{
    double *t = kit_doubles(6);
    (void)state;
    kit_expect_status("unit_positions(t, 6)", unit_positions(t, 6), KIT_OK);
#ifdef KIT_JUDGE
    {
        struct kit_mistake m[N_MISTAKES];
        double want[6];
        for (size_t pos = 0; pos < 6; pos++)
            want[pos] = t_def(pos, 6);
        mistakes_for(m, NULL, 6, 1);
        kit_expect_table("t", "pos", t, want, 1, 6, TOL, m, N_MISTAKES);
    }
#endif
}

static void positions_sevenths(void **state)
{
    double *t = kit_doubles(7);
    (void)state;
    kit_expect_status("unit_positions(t, 7)", unit_positions(t, 7), KIT_OK);
#ifdef KIT_JUDGE
    {
        struct kit_mistake m[N_MISTAKES];
        mistakes_for(m, NULL, 7, 1);
        kit_expect_table("t", "pos", t, golden_t_7, 1, 7, TOL, m, N_MISTAKES);
    }
#endif
}

static void positions_long_sentence(void **state)
{
    double *t = kit_doubles(1000);
    (void)state;
    kit_expect_status("unit_positions(t, 1000)", unit_positions(t, 1000), KIT_OK);
#ifdef KIT_JUDGE
    {
        const size_t at[4] = { 1, 333, 998, 999 };
        /* the integer-division model: 0 everywhere but t[999] = 1 (every value) */
        int int_div = t[999] == 1.0;
        for (size_t pos = 0; pos < 999 && int_div; pos++)
            int_div = t[pos] == 0.0;
        if (int_div)
            kit_hint("integer-division", "t[1], t[333] and t[998] are 0 and t[999] is 1: pos / "
                     "(n - 1) on integers drops the fraction; divide in double.");
        for (size_t k = 0; k < 4; k++)
            kit_expect_near("t[pos] of n = 1000", t[at[k]], golden_t_1000_some[k], TOL);
    }
#endif
}

static void positions_single(void **state)
{
    double *t = kit_doubles(1);
    (void)state;
    kit_overflow_hint("n-equals-1-overflow", "with n = 1 there is exactly one code to write, t[0].");
    kit_expect_status("unit_positions(t, 1)", unit_positions(t, 1), KIT_OK);
#ifdef KIT_JUDGE
    if (isnan(t[0]) && !is_marker(t[0]))
        kit_hint("n-equals-1", HINT_N1);
    if (is_marker(t[0]))
        kit_fail("n = 1: t[0] must be 0; it was never written (it still holds the buffer's "
                 "initial fill, a NaN)");
#endif
    kit_expect_true(t[0] == 0.0, "n = 1: t[0] must be 0, got %.17g", t[0]);
    probe_positions();
}

static void positions_two(void **state)
{
    double *t = kit_doubles(2), *t5 = kit_doubles(5);
    (void)state;
    kit_expect_status("unit_positions(t, 2)", unit_positions(t, 2), KIT_OK);
    /* a second length, for the model of a hint only (both builds call it) */
    int t5_ok = unit_positions(t5, 5) == KIT_OK;
#ifdef KIT_JUDGE
    if (t[0] == 0.0 && t[1] == 0.5) {  /* the model pos / n: (0, 0.5), and for n = 5 too */
        int fits = t5_ok;
        for (size_t pos = 0; pos < 5 && fits; pos++)
            fits = fabs(t5[pos] - model(pos, 5, BY_N)) <= 1e-15;
        if (fits)
            kit_hint("divided-by-n", "%s", catalogue[1].hint);
    }
#else
    (void)t5_ok;
#endif
    kit_expect_true(t[0] == 0.0 && t[1] == 1.0, "n = 2: t must be (0, 1), got (%.17g, %.17g)",
                    t[0], t[1]);
}

static void positions_empty(void **state)
{
    double *t = kit_doubles(3);
    (void)state;
    kit_expect_status("unit_positions(NULL, 0)", unit_positions(NULL, 0), KIT_OK);
    kit_expect_status("unit_positions(t, 0)", unit_positions(t, 0), KIT_OK);
    kit_expect_untouched("t after n = 0", t);
    kit_expect_status("unit_positions(NULL, 9)", unit_positions(NULL, 9), KIT_ERR_NULL);
    kit_expect_status("unit_positions(NULL, 1)", unit_positions(NULL, 1), KIT_ERR_NULL);
    probe_positions();
}

/* ---- sweeps: each function alone over a grid of its arguments -----------
   Expected values are computed in the judge from the definition t_def,
   never by a chapter function. */
static void sweep_unit_positions(void **state)
{
    const size_t ns[10] = { 1, 2, 3, 4, 6, 9, 16, 33, 100, 257 };
    (void)state;
    kit_grid_begin("unit_positions over the sweep's cases");
    for (size_t a = 0; a < 10; a++) {
        size_t n = ns[a];
        kit_case("n", n);
        double *t = kit_doubles(n);
        kit_expect_status("unit_positions (sweep)", unit_positions(t, n), KIT_OK);
#ifdef KIT_JUDGE
        {
            double want[257];
            char what[48];
            struct kit_mistake m[N_MISTAKES];
            for (size_t pos = 0; pos < n; pos++)
                want[pos] = t_def(pos, n);
            if (n == 1 && isnan(t[0]) && !is_marker(t[0]))
                kit_hint("n-equals-1", HINT_N1);
            if (n >= 2)
                mistakes_for(m, NULL, n, 1);
            snprintf(what, sizeof what, "t (sweep: n = %zu)", n);
            kit_expect_table(what, "pos", t, want, 1, n, TOL, m, n >= 2 ? N_MISTAKES : 0);
        }
#endif
    }
    kit_grid_end();
}

/* ---- unit_offset_code ------------------------------------------------------ */
/* An offset of 3 (not the public 2) in n = 4 .. 2001. */
static void offset_mistakes(void **state)
{
    const size_t lengths[5] = { 4, 6, 13, 151, 2001 }, three[5] = { 3, 3, 3, 3, 3 };
    double got[5];
    char what[80];
    (void)state;
    for (size_t k = 0; k < 5; k++) {
        double *delta = kit_doubles(1);
        snprintf(what, sizeof what, "unit_offset_code(3, %zu, delta)", lengths[k]);
        kit_expect_status(what, unit_offset_code(3, lengths[k], delta), KIT_OK);
        got[k] = *delta;
    }
#ifdef KIT_JUDGE
    offset_hint(three, lengths, got, 5);   /* a cause only when it gives all five */
    for (size_t k = 0; k < 5; k++) {
        snprintf(what, sizeof what, "the code of an offset of 3 tokens in n = %zu", lengths[k]);
        kit_expect_near(what, got[k], t_def(3, lengths[k]), TOL);
    }
#else
    (void)got;
#endif
}

static void offset_counts_steps(void **state)
{
    /* delta(k, n) = k / (n - 1): an offset of k is worth k steps of 1/(n-1). */
    double one = -1.0, three = -1.0;
    (void)state;
    kit_expect_status("unit_offset_code(1, 9, &one)", unit_offset_code(1, 9, &one), KIT_OK);
    kit_expect_status("unit_offset_code(3, 9, &three)", unit_offset_code(3, 9, &three), KIT_OK);
    kit_expect_near("offset 1 in n = 9", one, 0.125, TOL);
    kit_expect_near("offset 3 in n = 9", three, 0.375, TOL);
}

static void offset_edges(void **state)
{
    double zero = -1.0, whole = -1.0, single = -1.0;
    (void)state;
    kit_expect_status("unit_offset_code(0, 7, &zero)", unit_offset_code(0, 7, &zero), KIT_OK);
    kit_expect_true(zero == 0.0, "an offset of 0 has code 0, got %.17g", zero);
    kit_expect_status("unit_offset_code(6, 7, &whole)", unit_offset_code(6, 7, &whole), KIT_OK);
    kit_expect_near("offset n - 1 (first to last)", whole, 1.0, TOL);
    kit_expect_status("unit_offset_code(0, 1, &single)", unit_offset_code(0, 1, &single), KIT_OK);
#ifdef KIT_JUDGE
    if (isnan(single))
        kit_hint("n-equals-1", HINT_N1);
#endif
    kit_expect_true(single == 0.0, "n = 1, k = 0: the code must be 0, got %.17g", single);
}

static void offset_bad_arguments(void **state)
{
    double *delta = kit_doubles(1);
    (void)state;
    kit_expect_status("unit_offset_code(2, 5, NULL)", unit_offset_code(2, 5, NULL), KIT_ERR_NULL);
    kit_expect_status("unit_offset_code(0, 0, delta)", unit_offset_code(0, 0, delta), KIT_ERR_SIZE);
    kit_expect_status("unit_offset_code(5, 5, delta)", unit_offset_code(5, 5, delta), KIT_ERR_DOMAIN);
    kit_expect_status("unit_offset_code(1, 1, delta)", unit_offset_code(1, 1, delta), KIT_ERR_DOMAIN);
    kit_expect_status("unit_offset_code(SIZE_MAX, 5, delta)", unit_offset_code(SIZE_MAX, 5, delta),
                      KIT_ERR_DOMAIN);
    /* several bad arguments: the first error of the contract's list is returned */
    kit_expect_status("unit_offset_code(0, 0, NULL)", unit_offset_code(0, 0, NULL), KIT_ERR_NULL);
    kit_expect_status("unit_offset_code(7, 0, NULL)", unit_offset_code(7, 0, NULL), KIT_ERR_NULL);
    kit_expect_status("unit_offset_code(9, 5, NULL)", unit_offset_code(9, 5, NULL), KIT_ERR_NULL);
    kit_expect_status("unit_offset_code(3, 0, delta)", unit_offset_code(3, 0, delta), KIT_ERR_SIZE);
    kit_expect_untouched("delta", delta);
    probe_offset();
}

static void sweep_unit_offset_code(void **state)
{
    const size_t ns[7] = { 1, 2, 3, 4, 7, 12, 100 }, far[6] = { 0, 1, 2, 49, 98, 99 };
    (void)state;
    kit_grid_begin("unit_offset_code over the sweep's cases");
    for (size_t a = 0; a < 7; a++) {
        size_t n = ns[a], count = n <= 12 ? n : 6;
        kit_case("n", n);
        double *untouched = kit_doubles(1);
        size_t ks[12], nn[12];
        double deltas[12];
        for (size_t b = 0; b < count; b++) {
            ks[b] = n <= 12 ? b : far[b];            /* every offset, or some of n = 100 */
            nn[b] = n;
            deltas[b] = -1.0;
            kit_expect_status("unit_offset_code (sweep)", unit_offset_code(ks[b], n, &deltas[b]),
                              KIT_OK);
        }
#ifdef KIT_JUDGE
        if (n == 1 && isnan(deltas[0]))
            kit_hint("n-equals-1", HINT_N1);
        offset_hint(ks, nn, deltas, count);          /* a cause only when it gives them all */
        for (size_t b = 0; b < count; b++) {
            char what[64];
            snprintf(what, sizeof what, "delta (sweep: k = %zu, n = %zu)", ks[b], n);
            kit_expect_near(what, deltas[b], t_def(ks[b], n), TOL);
        }
#else
        (void)ks, (void)nn;
#endif
        kit_expect_status("unit_offset_code(n, n, delta) (sweep)", unit_offset_code(n, n, untouched),
                          KIT_ERR_DOMAIN);
        kit_expect_status("unit_offset_code(n + 3, n, delta) (sweep)",
                          unit_offset_code(n + 3, n, untouched), KIT_ERR_DOMAIN);
        kit_expect_untouched("delta after KIT_ERR_DOMAIN (sweep)", untouched);
    }
    kit_grid_end();
}

/* ---- unit_code_range ------------------------------------------------------- */
/* want = EXPECTED(golden (lo, hi)): NULL in the subject, which only calls. */
#ifdef KIT_JUDGE
/* issue 18: the models of lengths-without-pos, lengths n <= pos included
   (t = pos / (n - 1), 0 for n = 1). Two ways code gets there: a loop that takes
   the range of t over every n of [n_min, n_max], or the end points of the
   range taken at n_min and n_max (t falls as n grows) without moving n_min
   past pos. The hint is named only when one model gives both lo and hi. */
static double t_of(size_t pos, size_t n) { return n == 1 ? 0.0 : (double)pos / (double)(n - 1); }

static int lengths_model_fits(size_t pos, size_t n_min, size_t n_max, double lo, double hi)
{
    double mlo = INFINITY, mhi = -INFINITY;
    for (size_t n = n_min; n <= n_max; n++) {
        mlo = fmin(mlo, t_of(pos, n));
        mhi = fmax(mhi, t_of(pos, n));
    }
    if (fabs(lo - mlo) <= TOL && fabs(hi - mhi) <= TOL)
        return 1;                                         /* the range of every t */
    return fabs(lo - t_of(pos, n_max)) <= TOL && fabs(hi - t_of(pos, n_min)) <= TOL;
}

/* Another model of the same values: pos / (n - 1) in integers (0 for every
   n > pos + 1, 1 at n = pos + 1), over the valid lengths or every length.
   When it gives lo and hi too, the test cannot tell the two apart and names
   neither. */
static int integer_model_fits(size_t pos, size_t n_min, size_t n_max, double lo, double hi)
{
    for (int every = 0; every < 2; every++) {
        double mlo = INFINITY, mhi = -INFINITY;
        for (size_t n = n_min; n <= n_max; n++) {
            double t = n == 1 ? 0.0 : (double)(pos / (n - 1));
            if (!every && n <= pos)
                continue;
            mlo = fmin(mlo, t);
            mhi = fmax(mhi, t);
        }
        if (fabs(lo - mlo) <= TOL && fabs(hi - mhi) <= TOL)
            return 1;
    }
    return 0;
}
#endif

static void expect_range(size_t pos, size_t n_min, size_t n_max, const double *want)
{
    double lo = -1.0, hi = -1.0;
    kit_expect_status("unit_code_range", unit_code_range(pos, n_min, n_max, &lo, &hi), KIT_OK);
#ifdef KIT_JUDGE
    char what_lo[80], what_hi[80];
    snprintf(what_lo, sizeof what_lo, "lo (pos = %zu, n = %zu .. %zu)", pos, n_min, n_max);
    snprintf(what_hi, sizeof what_hi, "hi (pos = %zu, n = %zu .. %zu)", pos, n_min, n_max);
    if (lo > hi && fabs(lo - want[1]) <= TOL && fabs(hi - want[0]) <= TOL)
        kit_hint("lo-hi-swapped", "lo must be the smallest code and hi the largest; yours are "
                 "the other way round. t(pos, n) falls as n grows.");
    else if (n_min <= pos && (fabs(lo - want[0]) > TOL || fabs(hi - want[1]) > TOL) &&
             lengths_model_fits(pos, n_min, n_max, lo, hi) &&
             !integer_model_fits(pos, n_min, n_max, lo, hi))
        kit_hint("lengths-without-pos", "a sentence of n tokens has positions 0 .. n-1 only: "
                 "lengths n <= pos do not have position %zu and must be left out "
                 "(their 'codes' would be above 1, or 0 for n = 1).", pos);
    kit_expect_near(what_lo, lo, want[0], TOL);
    kit_expect_near(what_hi, hi, want[1], TOL);
#else
    (void)want;
#endif
}

static void code_range_skips_short_lengths(void **state)
{
    (void)state;
    /* pos = 4 (not the public 3): lengths 1 .. 4 have no position 4; the range
       is that of 5 .. 13: [4/12, 4/4]. */
#ifdef KIT_JUDGE
    const double want[2] = { 4.0 / 12.0, 1.0 };
#endif
    expect_range(4, 1, 13, EXPECTED(want));
    expect_range(4, 3, 13, EXPECTED(want));
}

static void code_range_golden(void **state)
{
    (void)state;
    expect_range(10, 11, 512, EXPECTED(golden_range_10_11_512));
    expect_range(5, 8, 20, EXPECTED(golden_range_5_8_20));
}

static void code_range_wide(void **state)
{
    (void)state;
    expect_range(1, 2, 1000000, EXPECTED(golden_range_1_2_1000000));
}

static void code_range_first_position(void **state)
{
    double lo = -1.0, hi = -1.0, slo = -1.0, shi = -1.0;
    (void)state;
    kit_expect_status("unit_code_range(0, 1, 50, &lo, &hi)", unit_code_range(0, 1, 50, &lo, &hi),
                      KIT_OK);
#ifdef KIT_JUDGE
    if (isnan(lo) || isnan(hi))
        kit_hint("n-equals-1", HINT_N1);
#endif
    kit_expect_true(lo == 0.0 && hi == 0.0, "position 0 is 0 in every sentence: expected "
                    "[0, 0], got [%.17g, %.17g]", lo, hi);
    /* one length only: lo = hi */
    kit_expect_status("unit_code_range(4, 9, 9, &slo, &shi)", unit_code_range(4, 9, 9, &slo, &shi),
                      KIT_OK);
    kit_expect_near("lo for n = 9 only", slo, 0.5, TOL);
    kit_expect_near("hi for n = 9 only", shi, 0.5, TOL);
}

static void code_range_bad_arguments(void **state)
{
    double *lo = kit_doubles(1), *hi = kit_doubles(1);
    (void)state;
    kit_expect_status("unit_code_range(3, 4, 11, NULL, hi)", unit_code_range(3, 4, 11, NULL, hi),
                      KIT_ERR_NULL);
    kit_expect_status("unit_code_range(3, 4, 11, lo, NULL)", unit_code_range(3, 4, 11, lo, NULL),
                      KIT_ERR_NULL);
    kit_expect_status("unit_code_range(3, 0, 11, lo, hi)", unit_code_range(3, 0, 11, lo, hi),
                      KIT_ERR_SIZE);
    kit_expect_status("unit_code_range(3, 12, 11, lo, hi)", unit_code_range(3, 12, 11, lo, hi),
                      KIT_ERR_SIZE);
    kit_expect_status("unit_code_range(3, 1, 3, lo, hi)", unit_code_range(3, 1, 3, lo, hi),
                      KIT_ERR_DOMAIN);
    kit_expect_status("unit_code_range(11, 4, 11, lo, hi)", unit_code_range(11, 4, 11, lo, hi),
                      KIT_ERR_DOMAIN);
    /* several bad arguments: the first error of the contract's list is returned */
    kit_expect_status("unit_code_range(5, 3, 2, lo, hi)", unit_code_range(5, 3, 2, lo, hi),
                      KIT_ERR_SIZE);
    kit_expect_status("unit_code_range(5, 0, 2, lo, hi)", unit_code_range(5, 0, 2, lo, hi),
                      KIT_ERR_SIZE);
    kit_expect_status("unit_code_range(5, 0, 2, NULL, hi)", unit_code_range(5, 0, 2, NULL, hi),
                      KIT_ERR_NULL);
    kit_expect_status("unit_code_range(20, 4, 11, lo, NULL)", unit_code_range(20, 4, 11, lo, NULL),
                      KIT_ERR_NULL);
    kit_expect_status("unit_code_range(2, 9, 6, lo, NULL)", unit_code_range(2, 9, 6, lo, NULL),
                      KIT_ERR_NULL);
    kit_expect_status("unit_code_range(30, 0, 7, lo, hi)", unit_code_range(30, 0, 7, lo, hi),
                      KIT_ERR_SIZE);
    kit_expect_untouched("lo", lo);
    kit_expect_untouched("hi", hi);
    {   /* the allowed edge: n_max = pos + 1, one length has the position */
        double *elo = kit_doubles(1), *ehi = kit_doubles(1);
        kit_expect_status("unit_code_range(10, 4, 11, lo, hi) (n_max = pos + 1)",
                          unit_code_range(10, 4, 11, elo, ehi), KIT_OK);
#ifdef KIT_JUDGE
        kit_expect_near("lo (pos = 10, n = 4 .. 11)", *elo, t_def(10, 11), TOL);
        kit_expect_near("hi (pos = 10, n = 4 .. 11)", *ehi, t_def(10, 11), TOL);
#endif
    }
    probe_code_range();
}

static void sweep_unit_code_range(void **state)
{
    const size_t poss[6] = { 0, 1, 2, 4, 7, 20 };
    const size_t ranges[10][2] = { { 1, 1 }, { 1, 2 }, { 2, 2 }, { 1, 9 }, { 3, 8 }, { 5, 5 },
                                   { 8, 30 }, { 21, 21 }, { 2, 100 }, { 25, 40 } };
    (void)state;
    for (size_t a = 0; a < 6; a++)
        for (size_t b = 0; b < 10; b++) {
            size_t pos = poss[a], n_min = ranges[b][0], n_max = ranges[b][1];
            if (n_max <= pos) {                       /* no length has position pos */
                double *lo = kit_doubles(1), *hi = kit_doubles(1);
                kit_expect_status("unit_code_range with n_max <= pos (sweep)",
                                  unit_code_range(pos, n_min, n_max, lo, hi), KIT_ERR_DOMAIN);
                kit_expect_untouched("lo after KIT_ERR_DOMAIN (sweep)", lo);
                kit_expect_untouched("hi after KIT_ERR_DOMAIN (sweep)", hi);
                continue;
            }
#ifdef KIT_JUDGE
            /* the definition: min and max of t(pos, n) over the lengths n > pos */
            double want[2] = { INFINITY, -INFINITY };
            for (size_t n = n_min; n <= n_max; n++)
                if (n > pos) {
                    want[0] = fmin(want[0], t_def(pos, n));
                    want[1] = fmax(want[1], t_def(pos, n));
                }
#endif
            expect_range(pos, n_min, n_max, EXPECTED(want));
        }
}

/* ---- unit_pos_add ---------------------------------------------------------- */
static void pos_add_random(void **state)
{
    size_t n = 7, d = 5;
    double *x = kit_doubles(n * d);
    (void)state;
    kit_fill(x, n * d, 11, -1.0, 1.0);
#ifdef KIT_JUDGE
    /* before the call: in the judge, the call overwrites x with the record */
    double *before = kit_doubles(n * d), *want = kit_doubles(n * d);
    struct kit_mistake m[N_MISTAKES + 1];
    double *replaced = kit_doubles(n * d);
    for (size_t k = 0; k < n * d; k++) {
        before[k] = x[k];
        want[k] = x[k] + golden_t_7[k / d];
        replaced[k] = golden_t_7[k / d];
    }
    mistakes_for(m, before, n, d);
    m[N_MISTAKES].id = "replaced-not-added";
    m[N_MISTAKES].hint = "x must keep its values: add t(pos, n) to them (x[k] += ...), do not "
                         "overwrite them.";
    m[N_MISTAKES].values = replaced;
#endif
    kit_expect_status("unit_pos_add(x, 7, 5)", unit_pos_add(x, n, d), KIT_OK);
    kit_expect_table("x", "pos,j", x, want, n, d, TOL, m, N_MISTAKES + 1);
}

static void pos_add_single_row(void **state)
{
    double *x = kit_doubles(3);
    (void)state;
    x[0] = 0.5; x[1] = -0.25; x[2] = 2.0;
    kit_expect_status("unit_pos_add(x, 1, 3)", unit_pos_add(x, 1, 3), KIT_OK);
#ifdef KIT_JUDGE
    if (isnan(x[0]))
        kit_hint("n-equals-1", HINT_N1);
#endif
    kit_expect_true(x[0] == 0.5 && x[1] == -0.25 && x[2] == 2.0,
                    "n = 1 adds t(0, 1) = 0: the row must stay (0.5, -0.25, 2), got (%.17g, %.17g, %.17g)",
                    x[0], x[1], x[2]);
    probe_pos_add();
}

static void pos_add_bad_arguments(void **state)
{
    double *x = kit_doubles(4 * 4);
    (void)state;
    kit_expect_status("unit_pos_add(NULL, 4, 4)", unit_pos_add(NULL, 4, 4), KIT_ERR_NULL);
    kit_expect_status("unit_pos_add(x, 4, 0)", unit_pos_add(x, 4, 0), KIT_ERR_SIZE);
    kit_expect_status("unit_pos_add(NULL, 0, 0) (d == 0 is checked before n == 0)",
                      unit_pos_add(NULL, 0, 0), KIT_ERR_SIZE);
    kit_expect_status("unit_pos_add(x, 0, 0) (d == 0 is checked before n == 0)",
                      unit_pos_add(x, 0, 0), KIT_ERR_SIZE);
    kit_expect_status("unit_pos_add(x, SIZE_MAX / 4, 8)", unit_pos_add(x, SIZE_MAX / 4, 8),
                      KIT_ERR_SIZE);
    kit_expect_status("unit_pos_add(x, 2, SIZE_MAX / 2 + 1) (n*d overflows)",
                      unit_pos_add(x, 2, SIZE_MAX / 2 + 1), KIT_ERR_SIZE);
    kit_expect_status("unit_pos_add(NULL, 0, 4)", unit_pos_add(NULL, 0, 4), KIT_OK);
    kit_expect_status("unit_pos_add(x, 0, 4)", unit_pos_add(x, 0, 4), KIT_OK);
    kit_expect_untouched("x", x);
    probe_pos_add();
}

static void sweep_unit_pos_add(void **state)
{
    const size_t ns[5] = { 1, 2, 3, 7, 12 }, ds[5] = { 1, 2, 3, 4, 9 };
    (void)state;
    kit_grid_begin("unit_pos_add over the sweep's cases");
    for (size_t a = 0; a < 5; a++)
        for (size_t b = 0; b < 5; b++) {
            size_t n = ns[a], d = ds[b];
            kit_case("n,d", n, d);
            double *x = kit_doubles(n * d);
            kit_fill(x, n * d, 200 + 5 * a + b, -1.0, 1.0);
#ifdef KIT_JUDGE
            /* before the call: in the judge, the call overwrites x with the record */
            double want[12 * 9], replaced[12 * 9];
            char what[48];
            struct kit_mistake m[N_MISTAKES + 1];
            size_t n_m = 0;
            for (size_t pos = 0; pos < n; pos++)
                for (size_t j = 0; j < d; j++) {
                    want[pos * d + j] = x[pos * d + j] + t_def(pos, n);
                    replaced[pos * d + j] = t_def(pos, n);
                }
            if (n >= 2) {
                mistakes_for(m, x, n, d);
                n_m = N_MISTAKES;
            }
            m[n_m].id = "replaced-not-added";
            m[n_m].hint = "x must keep its values: add t(pos, n) to them (x[k] += ...), do not "
                          "overwrite them.";
            m[n_m].values = replaced;
            n_m++;
            snprintf(what, sizeof what, "x (sweep: n = %zu, d = %zu)", n, d);
#endif
            kit_expect_status("unit_pos_add (sweep)", unit_pos_add(x, n, d), KIT_OK);
#ifdef KIT_JUDGE
            if (n == 1 && isnan(x[0]))
                kit_hint("n-equals-1", HINT_N1);
#endif
            kit_expect_table(what, "pos,j", x, want, n, d, TOL, m, n_m);
        }
    kit_grid_end();
}

const struct kit_test kit_tests_hidden[] = {
    KIT_TEST(positions_mistakes, 2, "unit_positions", "§2.1", "n = 6, naming any known mistake"),
    KIT_TEST(positions_sevenths, 1, "unit_positions", "§2.1", "n = 7: sixths (bc golden values)"),
    KIT_TEST(positions_long_sentence, 1, "unit_positions", "§2.1", "n = 1000 (bc golden values)"),
    KIT_TEST(positions_single, 2, "unit_positions", "§2.2", "n = 1: t[0] = 0, not NaN, no crash"),
    KIT_TEST(positions_two, 1, "unit_positions", "§2.2", "n = 2: (0, 1)"),
    KIT_TEST(positions_empty, 1, "unit_positions", "§2.2", "n = 0: KIT_OK, nothing written; t NULL with n > 0"),
    KIT_TEST(sweep_unit_positions, 1, "unit_positions", "§2.1", "t for n = 1 .. 257"),
    KIT_TEST(offset_mistakes, 2, "unit_offset_code", "§2.3", "offset 3 for n = 4 .. 2001, naming mistakes"),
    KIT_TEST(offset_counts_steps, 1, "unit_offset_code", "§2.3", "offsets 1 and 3 in n = 9"),
    KIT_TEST(offset_edges, 1, "unit_offset_code", "§2.3", "k = 0, k = n - 1, and n = 1"),
    KIT_TEST(offset_bad_arguments, 1, "unit_offset_code", "§2.3", "NULL, n = 0, k >= n, in the contract's order"),
    KIT_TEST(sweep_unit_offset_code, 2, "unit_offset_code", "§2.3", "every offset k < n for n = 1 .. 12, some of n = 100; k = n, n + 3"),
    KIT_TEST(code_range_skips_short_lengths, 2, "unit_code_range", "§2.4", "lengths without the position are left out"),
    KIT_TEST(code_range_golden, 1, "unit_code_range", "§2.4", "two ranges (bc golden values)"),
    KIT_TEST(code_range_wide, 1, "unit_code_range", "§2.4", "position 1 over n = 2 .. 10^6"),
    KIT_TEST(code_range_first_position, 1, "unit_code_range", "§2.4", "position 0 is always 0; a single length"),
    KIT_TEST(code_range_bad_arguments, 1, "unit_code_range", "§2.4", "NULL, n_min = 0, n_min > n_max, n_max <= pos, in the contract's order"),
    KIT_TEST(sweep_unit_code_range, 2, "unit_code_range", "§2.4", "pos = 0 .. 20 over 10 ranges of lengths, 1 .. 100"),
    KIT_TEST(pos_add_random, 2, "unit_pos_add", "§2.5", "x + t on random x, in place, naming mistakes"),
    KIT_TEST(pos_add_single_row, 1, "unit_pos_add", "§2.5", "n = 1 leaves the row as it is"),
    KIT_TEST(pos_add_bad_arguments, 1, "unit_pos_add", "§2.5", "bad arguments; n = 0"),
    KIT_TEST(sweep_unit_pos_add, 2, "unit_pos_add", "§2.5", "random x, n = 1 .. 12, d = 1 .. 9"),
    KIT_END_OF_TESTS
};
