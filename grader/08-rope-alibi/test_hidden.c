/*
 * test_hidden.c — chapter 8's hidden tests: golden values, the relative
 * property, norms, edge cases, and the known mistakes, each named by a hint.
 *
 * Golden values come from bc in 60-digit arithmetic (tests/golden/08-rope-alibi.bc).
 * The mistake models below compute what each known mistake produces.
 * Tolerance TOL = 1e-12 absolute: angles up to ~10 radians, values up to ~5,
 * sums of at most 16 terms; correct double code is within ~1e-14.
 * TOL_FAR = 1e-11 for positions up to 4096, where pos * theta carries an
 * absolute error of up to ~4096 * 2^-53 ~ 5e-13 per angle.
 * Golden values, models and value checks exist only in the judge's build
 * (KIT_JUDGE, see kit_test.h): the subject, which holds the student's code,
 * has no answer in its memory.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "kit_test.h"
#include "08-rope-alibi.h"
#include "../../exercises/08-rope-alibi/test_data.h"

#define TOL 1e-12
#define TOL_FAR 1e-11

#ifdef KIT_JUDGE
static const double golden_rope_2x5_base100[10] = {
    -2.234741690198506, 0.077003753731396923, 1.6037559266050296, 4.7358174508609645,
    5, -0.54119777685134962, -0.14001773577356838, 2.4586503131426767,
    0.45281192308001, 0.125
};

static const double golden_rope_far[12] = {
    0.74752940125961265, -0.14560149124389132, -0.96569275052164327, 0.56341593125322909,
    -0.53059142388386704, -0.82974257508030203, 0.80399061348584899, -0.59464198760821463,
    -0.99858930085121078, -0.053098100017703695, 0.54280573902587947, -0.97742617607703186
};

static const double golden_slopes_h12[12] = {
    0.5, 0.25, 0.125, 0.0625,
    0.03125, 0.015625, 0.0078125, 0.00390625,
    0.70710678118654757, 0.35355339059327379, 0.17677669529663689, 0.088388347648318447
};

static const double golden_slopes_h3[3] = {
    0.0625, 0.00390625, 0.25
};

static const double golden_alibi_h3_n4[48] = {
    0, -0.0625, -0.125, -0.1875,
    -0.0625, 0, -0.0625, -0.125,
    -0.125, -0.0625, 0, -0.0625,
    -0.1875, -0.125, -0.0625, 0,
    0, -0.00390625, -0.0078125, -0.01171875,
    -0.00390625, 0, -0.00390625, -0.0078125,
    -0.0078125, -0.00390625, 0, -0.00390625,
    -0.01171875, -0.0078125, -0.00390625, 0,
    0, -0.25, -0.5, -0.75,
    -0.25, 0, -0.25, -0.5,
    -0.5, -0.25, 0, -0.25,
    -0.75, -0.5, -0.25, 0
};

/* ---- models: RoPE and what its known mistakes compute ----------------------- */
enum rope_way { ADJACENT, HALVES, WRONG_SIGN };

/* Row (d values) rotated to position pos, the given way, into out. */
static void model_rope_row(const double *row, double pos, size_t d, double base, enum rope_way way,
                           double *out)
{
    for (size_t j = 0; j < d; j++)
        out[j] = row[j];
    for (size_t i = 0; i < d / 2; i++) {
        double a = pos * pow(base, -2.0 * (double)i / (double)d);
        size_t u = 2 * i, v = 2 * i + 1;             /* adjacent pair            */
        if (way == HALVES) {
            u = i;                                   /* rotate_half: (i, i + d/2) */
            v = i + d / 2;
        }
        if (way == WRONG_SIGN)
            a = -a;
        out[u] = row[u] * cos(a) - row[v] * sin(a);
        out[v] = row[u] * sin(a) + row[v] * cos(a);
    }
}

static double *model_rope_table(const double *x, const size_t *pos, size_t n, size_t d, double base,
                                enum rope_way way)
{
    double *t = kit_doubles(n * d);
    for (size_t r = 0; r < n; r++)
        model_rope_row(x + r * d, (double)pos[r], d, base, way, t + r * d);
    return t;
}

#define HINT_HALVES "you paired column i with column i + d/2 (the halves of HF's rotate_half); " \
    "this kit pairs adjacent columns (2i, 2i + 1), as the RoFormer paper does."
#define HINT_SIGN "you rotated the wrong way: x0' = x0 cos a - x1 sin a, x1' = x0 sin a + x1 cos a, " \
    "a = pos * theta_i (a positive angle turns x0 towards x1)."
#endif /* KIT_JUDGE */

/* ---- rope_apply -------------------------------------------------------------- */
static void rope_mistakes(void **state)
{
    const size_t pos[3] = { 0, 1, 5 };
    double *x = kit_copy_doubles(rows_3x4, 12);
    (void)state;
    kit_expect_status("rope_apply(x, pos = (0, 1, 5), 3, 4, 10000)", rope_apply(x, pos, 3, 4, 10000.0),
                      KIT_OK);
#ifdef KIT_JUDGE
    {
        struct kit_mistake m[2] = {
            { "halves", HINT_HALVES, model_rope_table(rows_3x4, pos, 3, 4, 10000.0, HALVES) },
            { "rotation-sign", HINT_SIGN, model_rope_table(rows_3x4, pos, 3, 4, 10000.0, WRONG_SIGN) },
        };
        kit_expect_table("x", "row,j", x, golden_rope_3x4, 3, 4, TOL, m, 2);
    }
#endif
}

static void rope_odd_d(void **state)
{
    const double rows[10] = { 1, 2, 3, 4, 5, -0.5, 0.25, 1.5, -2, 0.125 };
    const size_t pos[2] = { 2, 7 };
    double *x = kit_copy_doubles(rows, 10);
    (void)state;
    kit_overflow_hint("odd-d", "when d is odd the last column d - 1 has no partner: leave it as it "
                      "is, and rotate only the d/2 (rounded down) full pairs.");
    kit_expect_status("rope_apply(x, pos = (2, 7), 2, 5, 100)", rope_apply(x, pos, 2, 5, 100.0), KIT_OK);
#ifdef KIT_JUDGE
    if (x[4] != 5.0 || x[9] != 0.125)
        kit_hint("odd-d", "the last column of each row (j = 4) must be left unchanged when d is odd.");
#endif
    kit_expect_table("x", "row,j", x, golden_rope_2x5_base100, 2, 5, TOL, NULL, 0);
}

static void rope_far_positions(void **state)
{
    const double rows[12] = { 0.3, -0.7, 1.1, 0.2, -0.4, 0.9, 1, 0, 0, 1, -1, 0.5 };
    const size_t pos[2] = { 1000, 4096 };
    double *x = kit_copy_doubles(rows, 12);
    (void)state;
    kit_expect_status("rope_apply(x, pos = (1000, 4096), 2, 6, 10000)", rope_apply(x, pos, 2, 6, 10000.0),
                      KIT_OK);
    kit_expect_table("x", "row,j", x, golden_rope_far, 2, 6, TOL_FAR, NULL, 0);
}

/* RoPE(q, m) . RoPE(k, t) = RoPE(q, m + c) . RoPE(k, t + c), and position 0
   changes nothing. */
static void rope_relative_property(void **state)
{
    size_t d = 12;
    double *x = kit_doubles(4 * d);
    const size_t pos[4] = { 3, 10, 103, 110 };       /* (q at 3, k at 10), shifted by 100 */
    const size_t zero[4] = { 0, 0, 0, 0 };
    (void)state;
    kit_fill(x, d, 41, -1.0, 1.0);                   /* q */
    kit_fill(x + d, d, 42, -1.0, 1.0);               /* k */
    for (size_t j = 0; j < d; j++) {
        x[2 * d + j] = x[j];
        x[3 * d + j] = x[d + j];
    }
#ifdef KIT_JUDGE
    double *orig = kit_copy_doubles(x, 4 * d);   /* before the call: x changes in place */
#endif
    kit_expect_status("rope_apply(x, pos = (0, 0, 0, 0), 4, 12, 10000)", rope_apply(x, zero, 4, d, 10000.0),
                      KIT_OK);
    kit_expect_table("x at position 0 (must be unchanged)", "row,j", x, orig, 4, d, TOL, NULL, 0);
    kit_expect_status("rope_apply(x, pos = (3, 10, 103, 110), 4, 12, 10000)",
                      rope_apply(x, pos, 4, d, 10000.0), KIT_OK);
#ifdef KIT_JUDGE
    double near = 0.0, far = 0.0;
    for (size_t j = 0; j < d; j++) {
        near += x[j] * x[d + j];
        far += x[2 * d + j] * x[3 * d + j];
    }
    kit_expect_near("q_103 . k_110 (must equal q_3 . k_10)", far, near, TOL);
#endif
}

static void rope_edge_cases(void **state)
{
    double *x = kit_doubles(2 * 4);
    const size_t pos[2] = { 1, 2 };
    (void)state;
    kit_expect_status("rope_apply(NULL, NULL, 0, 4, 10000)", rope_apply(NULL, NULL, 0, 4, 10000.0), KIT_OK);
    kit_expect_status("rope_apply(x, NULL, 2, 4, 10000)", rope_apply(x, NULL, 2, 4, 10000.0), KIT_ERR_NULL);
    kit_expect_status("rope_apply(x, pos, SIZE_MAX / 4, 4, 10000)",
                      rope_apply(x, pos, SIZE_MAX / 4, 4, 10000.0), KIT_ERR_SIZE);
    kit_expect_status("rope_apply(x, pos, 2, 4, NAN)", rope_apply(x, pos, 2, 4, NAN), KIT_ERR_DOMAIN);
    kit_expect_status("rope_apply(x, pos, 2, 4, 0.5)", rope_apply(x, pos, 2, 4, 0.5), KIT_ERR_DOMAIN);
    /* n == 0 is checked last (the header's example): the other arguments first */
    kit_expect_status("rope_apply(NULL, NULL, 0, 0, 10000) (n == 0 is checked last: d == 0)",
                      rope_apply(NULL, NULL, 0, 0, 10000.0), KIT_ERR_SIZE);
    kit_expect_status("rope_apply(NULL, NULL, 0, 4, 0.5) (n == 0 is checked last: base 0.5)",
                      rope_apply(NULL, NULL, 0, 4, 0.5), KIT_ERR_DOMAIN);
    kit_expect_untouched("x", x);
}

/* Positions past INT_MAX and UINT32_MAX: pos is a size_t, and pair 0 turns
   by pos radians. A position passed through int or unsigned wraps (2^31 ->
   -2^31: the angle changes sign). Expected values from the contract's
   formula (the judge's own rotation, libm); tolerance 1e-6: an angle of
   ~4e9 radians computed another way (theta by exp and log) moves by ~1e-9. */
static void rope_huge_positions(void **state)
{
    static const double rows[12] = { 0.3, -0.7, 1.1, 0.2, -0.4, 0.9, 1, 0, 0, 1, -1, 0.5 };
    const size_t pos[3] = { (size_t)1 << 31, ((size_t)1 << 32) + 5, 3000000000u };
    double *x = kit_copy_doubles(rows, 12);
    (void)state;
    kit_expect_status("rope_apply(x, pos = (2^31, 2^32 + 5, 3e9), 3, 4, 10000)",
                      rope_apply(x, pos, 3, 4, 10000.0), KIT_OK);
#ifdef KIT_JUDGE
    {   /* the position through a 32-bit int or unsigned: 2^32 wraps to 0 */
        size_t as_int[3], as_unsigned[3];
        double *wrapped_int, *wrapped_unsigned;
        for (size_t r = 0; r < 3; r++)
            as_unsigned[r] = pos[r] & 0xFFFFFFFFu;
        for (size_t r = 0; r < 3; r++)
            as_int[r] = as_unsigned[r];
        wrapped_unsigned = model_rope_table(rows, as_unsigned, 3, 4, 10000.0, ADJACENT);
        wrapped_int = kit_doubles(12);
        for (size_t r = 0; r < 3; r++)   /* an int: values >= 2^31 are negative */
            model_rope_row(rows + 4 * r, (double)as_int[r] - (as_int[r] >= ((size_t)1 << 31) ? 4294967296.0 : 0.0),
                           4, 10000.0, ADJACENT, wrapped_int + 4 * r);
        struct kit_mistake m[2] = {
            { "position-as-int", "every value is that of the positions wrapped to a 32-bit int "
              "(2^31 -> -2^31, 2^32 + 5 -> 5): keep pos a size_t and convert it to double "
              "directly, (double)pos[r].", wrapped_int },
            { "position-as-unsigned", "every value is that of the positions wrapped to 32 bits "
              "(2^32 + 5 -> 5): keep pos a size_t and convert it to double directly.", wrapped_unsigned },
        };
        kit_expect_table("x", "row,j", x, model_rope_table(rows, pos, 3, 4, 10000.0, ADJACENT), 3, 4,
                         1e-6, m, 2);
    }
#endif
}

/* On an error rope_apply writes nothing: x holds finite values (a rotation
   of the never-written marker, a NaN, would leave a NaN: no evidence), and
   every error case must leave them exactly as they were. */
static void rope_error_keeps_x(void **state)
{
    static const double rows[8] = { 0.5, -1.5, 2, 0.25, -3, 1, 0.75, -0.5 };
    const size_t pos[2] = { 3, 9 };
    double *x = kit_copy_doubles(rows, 8);
    (void)state;
    kit_expect_status("rope_apply(x, pos, 2, 4, NAN)", rope_apply(x, pos, 2, 4, NAN), KIT_ERR_DOMAIN);
    kit_expect_status("rope_apply(x, pos, 2, 4, INFINITY)", rope_apply(x, pos, 2, 4, INFINITY),
                      KIT_ERR_DOMAIN);
    kit_expect_status("rope_apply(x, pos, 2, 4, 1.0)", rope_apply(x, pos, 2, 4, 1.0), KIT_ERR_DOMAIN);
    kit_expect_status("rope_apply(x, pos, 2, 0, 10000)", rope_apply(x, pos, 2, 0, 10000.0), KIT_ERR_SIZE);
    kit_expect_status("rope_apply(x, pos, SIZE_MAX / 2, 4, 10000)",
                      rope_apply(x, pos, SIZE_MAX / 2, 4, 10000.0), KIT_ERR_SIZE);
    kit_expect_status("rope_apply(x, NULL, 2, 4, 10000)", rope_apply(x, NULL, 2, 4, 10000.0), KIT_ERR_NULL);
    kit_expect_table("x after the failed calls (on an error nothing is written)", "row,j", x, rows, 2, 4,
                     0.0, NULL, 0);
}

/* Every error the contracts list, each with every argument that can
   trigger it; the in-out scores of alibi_bias hold finite values (a bias
   added to the never-written marker, a NaN, leaves a NaN: no evidence) and
   must keep them exactly. */
static void rope_apply_every_error(void **state)
{
    const size_t pos[2] = { 4, 7 };
    double x[4] = { 1, 2, 3, 4 };
    (void)state;
    kit_expect_status("rope_apply(x, pos, 4, SIZE_MAX / 2 + 1, 10000) (4 d wraps to 0)",
                      rope_apply(x, pos, 4, SIZE_MAX / 2 + 1, 10000.0), KIT_ERR_SIZE);
    kit_expect_status("rope_apply(NULL, pos, 2, 2, 10000)", rope_apply(NULL, pos, 2, 2, 10000.0), KIT_ERR_NULL);
    kit_expect_status("rope_apply(x, pos, 2, 2, -INFINITY)", rope_apply(x, pos, 2, 2, -INFINITY),
                      KIT_ERR_DOMAIN);
    kit_expect_true(x[0] == 1 && x[1] == 2 && x[2] == 3 && x[3] == 4, "x changed by a call that "
                    "returned an error: x = {%g, %g, %g, %g}", x[0], x[1], x[2], x[3]);
}

static void rope_scores_every_error(void **state)
{
    static const double q[4] = { 1, 0.5, -0.5, 2 }, k[4] = { 0.25, -1, 1, 0.5 };
    double *S = kit_doubles(4);
    (void)state;
    kit_expect_status("rope_scores(q, NULL, 2, 2, 10000, S)", rope_scores(q, NULL, 2, 2, 10000.0, S),
                      KIT_ERR_NULL);
    kit_expect_status("rope_scores(q, k, 2^33, 1, 10000, S) (n * n overflows, n * d does not)",
                      rope_scores(q, k, (size_t)1 << 33, 1, 10000.0, S), KIT_ERR_SIZE);
    kit_expect_status("rope_scores(q, k, 2, SIZE_MAX / 2 + 1, 10000, S) (2 d wraps to 0)",
                      rope_scores(q, k, 2, SIZE_MAX / 2 + 1, 10000.0, S), KIT_ERR_SIZE);
    kit_expect_status("rope_scores(q, k, 2, 2, NAN, S)", rope_scores(q, k, 2, 2, NAN, S), KIT_ERR_DOMAIN);
    kit_expect_status("rope_scores(q, k, 2, 2, INFINITY, S)", rope_scores(q, k, 2, 2, INFINITY, S),
                      KIT_ERR_DOMAIN);
    kit_expect_untouched("S", S);
}

static void alibi_slopes_every_error(void **state)
{
    double *slope = kit_doubles(2);
    (void)state;
    kit_expect_status("alibi_slopes(slope, 0)", alibi_slopes(slope, 0), KIT_ERR_SIZE);
    kit_expect_status("alibi_slopes(slope, SIZE_MAX)", alibi_slopes(slope, SIZE_MAX), KIT_ERR_SIZE);
    kit_expect_untouched("slope", slope);
}

static void alibi_bias_every_error(void **state)
{
    static const double scores0[8] = { 0.5, -1, 2, 0.25, 1, -0.5, 3, 0 };
    double *scores = kit_copy_doubles(scores0, 8);
    (void)state;
    kit_expect_status("alibi_bias(scores, 0, 2)", alibi_bias(scores, 0, 2), KIT_ERR_SIZE);
    kit_expect_status("alibi_bias(scores, 2, 0)", alibi_bias(scores, 2, 0), KIT_ERR_SIZE);
    kit_expect_status("alibi_bias(scores, SIZE_MAX / 2, 2) (H n n overflows)",
                      alibi_bias(scores, SIZE_MAX / 2, 2), KIT_ERR_SIZE);
    kit_expect_status("alibi_bias(scores, 1, 2^32) (n n overflows)", alibi_bias(scores, 1, (size_t)1 << 32),
                      KIT_ERR_SIZE);
    kit_expect_table("scores after the failed calls (on an error nothing is written)", "k", scores, scores0,
                     1, 8, 0.0, NULL, 0);
}

/* ---- rope_scores ------------------------------------------------------------ */
static const double q_3x4[12] = { 0.5, -1, 0.25, 2, -0.5, 0.3, -2, 0.1, 1, 1, -1, 0.75 };
static const double k_3x4[12] = { 1, 0.5, -0.5, 1, 0.2, -1.5, 1, 0, -1, 0.25, 0.5, -0.75 };

#ifdef KIT_JUDGE
/* Scores of the 3 x 4 example with q rotated the way wq, k the way wk;
   rotate_k = 0: k not rotated at all. */
static double *model_scores(enum rope_way wq, enum rope_way wk, int rotate_k)
{
    double *S = kit_doubles(9), qr[4], kr[4];
    for (size_t a = 0; a < 3; a++)
        for (size_t b = 0; b < 3; b++) {
            model_rope_row(q_3x4 + a * 4, (double)a, 4, 10000.0, wq, qr);
            model_rope_row(k_3x4 + b * 4, rotate_k ? (double)b : 0.0, 4, 10000.0, wk, kr);
            S[a * 3 + b] = 0.0;
            for (size_t j = 0; j < 4; j++)
                S[a * 3 + b] += qr[j] * kr[j];
        }
    return S;
}
#endif /* KIT_JUDGE */

static void rope_scores_mistakes(void **state)
{
    double *S = kit_doubles(9);
    (void)state;
    kit_expect_status("rope_scores(q, k, 3, 4, 10000, S)", rope_scores(q_3x4, k_3x4, 3, 4, 10000.0, S),
                      KIT_OK);
#ifdef KIT_JUDGE
    {
        struct kit_mistake m[3] = {
            { "rotation-sign", HINT_SIGN " (Both q and k turned backwards: the scores are still relative, "
              "but S[qpos][kpos] became S[kpos][qpos].)", model_scores(WRONG_SIGN, WRONG_SIGN, 1) },
            { "halves", HINT_HALVES, model_scores(HALVES, HALVES, 1) },
            { "rotate-both", "rotate the keys too, each to its own position kpos: only then does the "
              "score depend on qpos - kpos alone.", model_scores(ADJACENT, ADJACENT, 0) },
        };
        kit_expect_table("S", "qpos,kpos", S, golden_rope_scores_3x4, 3, 3, TOL, m, 3);
    }
#endif
}

/* Odd d = 5: the lone column contributes q[4] * k[4] to every score. */
static void rope_scores_odd_d(void **state)
{
    size_t n = 5, d = 5;
    double *q = kit_doubles(n * d), *k = kit_doubles(n * d), *S = kit_doubles(n * n);
    (void)state;
    kit_fill(q, d, 51, -1.0, 1.0);
    kit_fill(k, d, 52, -1.0, 1.0);
    for (size_t r = 1; r < n; r++)
        for (size_t j = 0; j < d; j++) {
            q[r * d + j] = q[j];
            k[r * d + j] = k[j];
        }
    kit_overflow_hint("odd-d", "when d is odd the last column has no partner: leave it unrotated.");
    kit_expect_status("rope_scores(q, k, 5, 5, 10000, S)", rope_scores(q, k, n, d, 10000.0, S), KIT_OK);
#ifdef KIT_JUDGE
    for (size_t a = 1; a < n; a++)
        for (size_t b = 1; b < n; b++)
            kit_expect_true(fabs(S[a * n + b] - S[(a - 1) * n + b - 1]) <= TOL,
                            "d = 5: S[%zu][%zu] = %.15g but S[%zu][%zu] = %.15g: the score must depend "
                            "only on qpos - kpos", a, b, S[a * n + b], a - 1, b - 1, S[(a - 1) * n + b - 1]);
    {   /* the diagonal: no rotation survives in q_m . k_m */
        double dot = 0.0;
        for (size_t j = 0; j < d; j++)
            dot += q[j] * k[j];
        for (size_t a = 0; a < n; a++)
            kit_expect_near("S[m][m] (= q . k, rotations cancel)", S[a * n + a], dot, TOL);
    }
#endif
}

/* q and k are const inputs: the record holds only outputs, so only the
   subject sees them change. Its status check is real in both builds: a
   changed input ends the test in the subject, and the judge then fails the
   test as unfinished (in the judge itself q and k are never changed). */
static void rope_scores_keeps_inputs(void **state)
{
    double *q = kit_copy_doubles(q_3x4, 12), *k = kit_copy_doubles(k_3x4, 12), *S = kit_doubles(9);
    int same = 1;
    (void)state;
    kit_expect_status("rope_scores(q, k, 3, 4, 10000, S)", rope_scores(q, k, 3, 4, 10000.0, S), KIT_OK);
    for (size_t t = 0; t < 12; t++)
        same = same && q[t] == q_3x4[t] && k[t] == k_3x4[t];
    kit_expect_status("q and k after rope_scores (must be unchanged)", same ? KIT_OK : KIT_ERR_DOMAIN,
                      KIT_OK);
}

static void rope_scores_bad_arguments(void **state)
{
    double *S = kit_doubles(9);
    (void)state;
    kit_expect_status("rope_scores(NULL, k, 3, 4, 10000, S)", rope_scores(NULL, k_3x4, 3, 4, 10000.0, S),
                      KIT_ERR_NULL);
    kit_expect_status("rope_scores(q, k, 3, 4, 10000, NULL)", rope_scores(q_3x4, k_3x4, 3, 4, 10000.0, NULL),
                      KIT_ERR_NULL);
    kit_expect_status("rope_scores(q, k, 0, 4, 10000, S)", rope_scores(q_3x4, k_3x4, 0, 4, 10000.0, S),
                      KIT_ERR_SIZE);
    kit_expect_status("rope_scores(q, k, 3, 0, 10000, S)", rope_scores(q_3x4, k_3x4, 3, 0, 10000.0, S),
                      KIT_ERR_SIZE);
    kit_expect_status("rope_scores(q, k, SIZE_MAX / 8, 1, 10000, S)",
                      rope_scores(q_3x4, k_3x4, SIZE_MAX / 8, 1, 10000.0, S), KIT_ERR_SIZE);
    kit_expect_status("rope_scores(q, k, 3, 4, 1.0, S)", rope_scores(q_3x4, k_3x4, 3, 4, 1.0, S),
                      KIT_ERR_DOMAIN);
    kit_expect_untouched("S", S);
}

/* ---- alibi_slopes ------------------------------------------------------------ */
static void alibi_slopes_mistakes(void **state)
{
    double *slope = kit_doubles(8);
    (void)state;
    kit_expect_status("alibi_slopes(slope, 8)", alibi_slopes(slope, 8), KIT_OK);
#ifdef KIT_JUDGE
    {
        double *from0 = kit_doubles(8);
        struct kit_mistake m[1] = {
            { "slopes-from-0", "your first slope is 1: heads count from h = 1, so m_1 = 2^(-8/H) "
              "(0.5 for H = 8) and the last is 2^(-8) = 1/256.", from0 },
        };
        for (size_t h = 0; h < 8; h++)
            from0[h] = pow(2.0, -8.0 * (double)h / 8.0);
        kit_expect_table("slope", "h-1", slope, golden_slopes_h8, 1, 8, TOL, m, 1);
    }
#endif
}

static void alibi_slopes_not_power_of_2(void **state)
{
    double *s12 = kit_doubles(12), *s3 = kit_doubles(3);
    (void)state;
    kit_expect_status("alibi_slopes(slope, 12)", alibi_slopes(s12, 12), KIT_OK);
    kit_expect_status("alibi_slopes(slope, 3)", alibi_slopes(s3, 3), KIT_OK);
#ifdef KIT_JUDGE
    double *plain12 = kit_doubles(12), *plain3 = kit_doubles(3);
    static const char *hint = "for H not a power of 2, ALiBi's reference code does not use "
        "2^(-8h/H): it takes the P = largest-power-of-2 slopes 2^(-8h/P), then every other "
        "slope of 2P heads (h = 1, 3, 5, ...), H - P of them.";
    struct kit_mistake m12[1] = { { "not-power-of-2", hint, plain12 } };
    struct kit_mistake m3[1] = { { "not-power-of-2", hint, plain3 } };
    for (size_t h = 1; h <= 12; h++)
        plain12[h - 1] = pow(2.0, -8.0 * (double)h / 12.0);
    for (size_t h = 1; h <= 3; h++)
        plain3[h - 1] = pow(2.0, -8.0 * (double)h / 3.0);
    kit_expect_table("slope (H = 12)", "h-1", s12, golden_slopes_h12, 1, 12, TOL, m12, 1);
    kit_expect_table("slope (H = 3)", "h-1", s3, golden_slopes_h3, 1, 3, TOL, m3, 1);
#endif
}

static void alibi_slopes_edge_cases(void **state)
{
    double *one = kit_doubles(1), *two = kit_doubles(2), *bad = kit_doubles(2);
    (void)state;
    kit_expect_status("alibi_slopes(slope, 1)", alibi_slopes(one, 1), KIT_OK);
    kit_expect_near("slope for H = 1", one[0], 1.0 / 256.0, TOL);
    kit_expect_status("alibi_slopes(slope, 2)", alibi_slopes(two, 2), KIT_OK);
    kit_expect_near("slope[0] for H = 2", two[0], 1.0 / 16.0, TOL);
    kit_expect_near("slope[1] for H = 2", two[1], 1.0 / 256.0, TOL);
    kit_expect_status("alibi_slopes(NULL, 8)", alibi_slopes(NULL, 8), KIT_ERR_NULL);
    kit_expect_status("alibi_slopes(slope, SIZE_MAX / 4)", alibi_slopes(bad, SIZE_MAX / 4), KIT_ERR_SIZE);
    kit_expect_untouched("slope", bad);
}

/* ---- alibi_bias -------------------------------------------------------------- */
#ifdef KIT_JUDGE
/* What three ALiBi variants compute, from the expected table want = start -
   m_h |qpos - kpos| (start NULL: zero scores; the slope m_h read off want at
   (qpos, kpos) = (0, 1), n >= 2): +m_h |qpos - kpos| (the sign), m_h kpos (the
   ALiBi authors' code: a bias of the key position alone), m_h (kpos - qpos)
   on every entry (the paper's causal form used on all of them). */
enum alibi_variant { ALIBI_PLUS, ALIBI_KEY_POSITION, ALIBI_SIGNED };

static double *alibi_variant(const double *start, const double *want, size_t H, size_t n,
                             enum alibi_variant v)
{
    double *out = kit_doubles(H * n * n);
    for (size_t h = 0; h < H; h++) {
        double m = (start ? start[h * n * n + 1] : 0.0) - want[h * n * n + 1];
        for (size_t a = 0; a < n; a++)
            for (size_t b = 0; b < n; b++) {
                size_t t = (h * n + a) * n + b;
                double s0 = start ? start[t] : 0.0, dist = fabs((double)a - (double)b);
                out[t] = v == ALIBI_PLUS ? s0 + m * dist
                       : v == ALIBI_KEY_POSITION ? s0 + m * (double)b
                       : s0 + m * ((double)b - (double)a);
            }
    }
    return out;
}

static const char *const HINT_KEY_POSITION =
    "your bias is +m_h kpos, a bias of the key position alone, as in the ALiBi authors' own "
    "code (slopes times arange(n), added to causally masked scores). Under a causal mask it is "
    "right in effect: it differs from the paper's -m_h (qpos - kpos) by m_h qpos, the same for "
    "every key of a query, which softmax cancels. alibi_bias's contract is the symmetric form "
    "-m_h |qpos - kpos| on all n x n scores (keys after the query too), which no bias of the "
    "key alone can give.";
static const char *const HINT_SIGNED =
    "your bias is -m_h (qpos - kpos) on every entry: the paper's causal form, right for kpos <= "
    "qpos, but keys after the query got a bonus. The symmetric bias is -m_h |qpos - kpos|.";
static const char *const HINT_PLUS =
    "your bias rewards distance: ALiBi adds -m_h |qpos - kpos|, a penalty, so far keys score "
    "lower.";

/* The right bias of each (h, qpos, kpos), added at (qpos*H + h)*n + kpos: the
   scores taken as (n, H, n), query-major, instead of (H, n, n). */
static double *alibi_query_major(const double *start, const double *want, size_t H, size_t n)
{
    double *out = kit_doubles(H * n * n);
    for (size_t t = 0; t < H * n * n; t++)
        out[t] = start ? start[t] : 0.0;
    for (size_t h = 0; h < H; h++)
        for (size_t a = 0; a < n; a++)
            for (size_t b = 0; b < n; b++) {
                size_t t = (h * n + a) * n + b;
                out[(a * H + h) * n + b] += want[t] - (start ? start[t] : 0.0);
            }
    return out;
}

/* start NULL (zero scores): the bias alone is symmetric in qpos and kpos, so
   the (H*n, n) table stored column-major, element (kpos, h, qpos), gives the
   very same numbers: the hint names both. */
static const char *const HINT_QUERY_MAJOR =
    "head h's bias for query qpos and key kpos sits at (qpos*H + h)*n + kpos: you took the "
    "scores as (n, H, n), query-major. They are (H, n, n), head-major: head h's n x n block "
    "first, element (h*n + qpos)*n + kpos.";
static const char *const HINT_QUERY_MAJOR_ZEROS =
    "head h's bias for query qpos and key kpos sits at (qpos*H + h)*n + kpos: you took the "
    "scores as (n, H, n), query-major (on these zero scores the bias is symmetric in qpos and "
    "kpos, so the table stored transposed, kpos*H*n + h*n + qpos, gives the same numbers). "
    "They are (H, n, n), head-major: element (h*n + qpos)*n + kpos.";

/* The mistakes above as kit_expect_table's catalogue (4 entries). */
static void alibi_mistakes(struct kit_mistake *m, const double *start, const double *want,
                           size_t H, size_t n)
{
    m[0] = (struct kit_mistake){ "bias-sign", HINT_PLUS, alibi_variant(start, want, H, n, ALIBI_PLUS) };
    m[1] = (struct kit_mistake){ "alibi-key-position", HINT_KEY_POSITION,
                                 alibi_variant(start, want, H, n, ALIBI_KEY_POSITION) };
    m[2] = (struct kit_mistake){ "signed-distance", HINT_SIGNED,
                                 alibi_variant(start, want, H, n, ALIBI_SIGNED) };
    m[3] = (struct kit_mistake){ "query-major-layout",
                                 start ? HINT_QUERY_MAJOR : HINT_QUERY_MAJOR_ZEROS,
                                 alibi_query_major(start, want, H, n) };
}
#endif /* KIT_JUDGE */

static void alibi_bias_mistakes(void **state)
{
    double *S = kit_doubles(18);
    (void)state;
    for (size_t t = 0; t < 18; t++)
        S[t] = ((double)t - 7.0) / 4.0;
#ifdef KIT_JUDGE
    double start[18];
    double *from0 = kit_doubles(18), *replaced = kit_doubles(18);
    struct kit_mistake m[6];
    for (size_t h = 0; h < 2; h++)
        for (size_t a = 0; a < 3; a++)
            for (size_t b = 0; b < 3; b++) {
                size_t t = (h * 3 + a) * 3 + b;
                double dist = fabs((double)a - (double)b), m_right = pow(2.0, -8.0 * (double)(h + 1) / 2.0);
                start[t] = ((double)t - 7.0) / 4.0;
                from0[t] = start[t] - pow(2.0, -8.0 * (double)h / 2.0) * dist;
                replaced[t] = -m_right * dist;
            }
    alibi_mistakes(m, start, golden_alibi_h2_n3, 2, 3);
    m[4] = (struct kit_mistake){ "slopes-from-0", "your first head has slope 1: heads count from "
                                 "h = 1, m_h = 2^(-8h/H).", from0 };
    m[5] = (struct kit_mistake){ "replaced-not-added", "the bias is added to the scores (+=); "
                                 "you overwrote them.", replaced };
#endif
    kit_expect_status("alibi_bias(S, 2, 3)", alibi_bias(S, 2, 3), KIT_OK);
    kit_expect_table("S + bias", "h*n+qpos,kpos", S, golden_alibi_h2_n3, 6, 3, TOL, m, 6);
}

static void alibi_bias_three_heads(void **state)
{
    double *S = kit_doubles(3 * 4 * 4);
    (void)state;
    for (size_t t = 0; t < 48; t++)
        S[t] = 0.0;
    kit_expect_status("alibi_bias(zeros, 3, 4)", alibi_bias(S, 3, 4), KIT_OK);
#ifdef KIT_JUDGE
    {
        struct kit_mistake m[4];
        alibi_mistakes(m, NULL, golden_alibi_h3_n4, 3, 4);
        kit_expect_table("bias", "h*n+qpos,kpos", S, golden_alibi_h3_n4, 12, 4, TOL, m, 4);
    }
#endif
}

/* H = 8, n = 16 on zero scores: per head symmetric, 0 on the diagonal,
   falling with the distance; head 1 falls fastest. */
static void alibi_bias_properties(void **state)
{
    size_t H = 8, n = 16;
    double *S = kit_doubles(H * n * n);
    (void)state;
    for (size_t t = 0; t < H * n * n; t++)
        S[t] = 0.0;
    kit_expect_status("alibi_bias(zeros, 8, 16)", alibi_bias(S, H, n), KIT_OK);
#ifdef KIT_JUDGE
    {
        /* A variant's model reproducing the whole table names it; otherwise
           the properties below say what differs. */
        double *want = kit_doubles(H * n * n);
        struct kit_mistake m[4];
        for (size_t h = 0; h < H; h++)
            for (size_t a = 0; a < n; a++)
                for (size_t b = 0; b < n; b++)
                    want[(h * n + a) * n + b] = -pow(2.0, -8.0 * (double)(h + 1) / (double)H) *
                                                fabs((double)a - (double)b);
        alibi_mistakes(m, NULL, want, H, n);
        for (size_t k = 0; k < 4; k++) {
            size_t t = 0;
            while (t < H * n * n && fabs(S[t] - m[k].values[t]) <= 1e-9)
                t++;
            if (t == H * n * n)
                kit_expect_table("bias", "h*n+qpos,kpos", S, want, H * n, n, TOL, m, 4);
        }
    }
    for (size_t h = 0; h < H; h++) {
        const double *B = S + h * n * n;
        for (size_t a = 0; a < n; a++) {
            kit_expect_true(B[a * n + a] == 0.0, "head %zu: bias[%zu][%zu] = %g, must be 0 (distance 0)",
                            h + 1, a, a, B[a * n + a]);
            for (size_t b = 0; b < n; b++) {
                kit_expect_true(B[a * n + b] <= 0.0, "head %zu: bias[%zu][%zu] = %g > 0", h + 1, a, b,
                                B[a * n + b]);
                kit_expect_true(fabs(B[a * n + b] - B[b * n + a]) <= TOL,
                                "head %zu: bias[%zu][%zu] = %g but bias[%zu][%zu] = %g (|qpos - kpos| "
                                "is symmetric)", h + 1, a, b, B[a * n + b], b, a, B[b * n + a]);
                if (b > a)
                    kit_expect_true(B[a * n + b] < B[a * n + b - 1],
                                    "head %zu: the bias must fall with the distance", h + 1);
            }
        }
        if (h > 0)
            kit_expect_true(S[(h - 1) * n * n + 1] < B[1],
                            "head %zu falls slower than head %zu: slopes decrease with h", h + 1, h);
    }
#endif
}

static void alibi_bias_bad_arguments(void **state)
{
    double *S = kit_doubles(8);
    (void)state;
    kit_expect_status("alibi_bias(NULL, 2, 2)", alibi_bias(NULL, 2, 2), KIT_ERR_NULL);
    kit_expect_status("alibi_bias(S, 0, 2)", alibi_bias(S, 0, 2), KIT_ERR_SIZE);
    kit_expect_status("alibi_bias(S, 2, 0)", alibi_bias(S, 2, 0), KIT_ERR_SIZE);
    kit_expect_status("alibi_bias(S, SIZE_MAX / 64, 4)", alibi_bias(S, SIZE_MAX / 64, 4), KIT_ERR_SIZE);
    kit_expect_status("alibi_bias(S, 2, SIZE_MAX / 2)", alibi_bias(S, 2, SIZE_MAX / 2), KIT_ERR_SIZE);
    kit_expect_untouched("S", S);
}

/* ---- sweeps: each function alone over a grid of its arguments ------------
   d from 1 (no pair: nothing turns) up, odd and even; n = 1; bases from 2.5
   to 500000; positions out of order, repeated and up to 5000; H from 1 to
   100; random inputs (kit_fill, fixed seeds): no argument can be ignored or
   fixed to the value the other tests use. Expected values from the models
   above and below (judge-only), never from the reference. Positions up to
   5000 carry an angle error of ~5000 * 2^-53 ~ 6e-13: TOL_FAR. */
#ifdef KIT_JUDGE
/* S[a*n + b] = RoPE(q[a], a) . RoPE(k[b], b), the header's definition. */
static double *model_rope_scores(const double *q, const double *k, size_t n, size_t d, double base)
{
    double *S = kit_doubles(n * n), *qr = kit_doubles(d), *kr = kit_doubles(d);
    for (size_t a = 0; a < n; a++)
        for (size_t b = 0; b < n; b++) {
            model_rope_row(q + a * d, (double)a, d, base, ADJACENT, qr);
            model_rope_row(k + b * d, (double)b, d, base, ADJACENT, kr);
            S[a * n + b] = 0.0;
            for (size_t j = 0; j < d; j++)
                S[a * n + b] += qr[j] * kr[j];
        }
    return S;
}

/* m_h, h = 1 .. H, by the header's rule: P the largest power of 2 <= H; the
   P slopes 2^(-8h/P), then the odd h = 1, 3, 5, ... of 2P heads, 2^(-4h/P). */
static double model_slope(size_t h, size_t H)
{
    size_t P = 1;
    while (2 * P <= H)
        P *= 2;
    if (h <= P)
        return pow(2.0, -8.0 * (double)h / (double)P);
    return pow(2.0, -4.0 * (double)(2 * (h - P) - 1) / (double)P);
}
#endif /* KIT_JUDGE */

static void sweep_rope_apply(void **state)
{
    static const struct { size_t n, d; double base; size_t pos[4]; } grid[] = {
        { 1, 1, 10000.0, { 5 } }, { 1, 2, 100.0, { 3 } }, { 3, 3, 2.5, { 0, 1, 7 } },
        { 2, 6, 500000.0, { 4096, 17 } }, { 4, 7, 10000.0, { 2, 1000, 0, 33 } },
        { 3, 8, 50.0, { 9, 9, 5000 } }, { 4, 5, 10000.0, { 3, 1, 4, 1 } }, { 2, 4, 1e6, { 250, 11 } },
    };
    char call[96];
    (void)state;
    kit_grid_begin("rope_apply over the sweep's cases");
    for (size_t g = 0; g < sizeof grid / sizeof grid[0]; g++) {
        size_t n = grid[g].n, d = grid[g].d;
        kit_case("n,d", n, d);
        double *x = kit_doubles(n * d);
        kit_fill(x, n * d, 860 + g, -1.0, 1.0);
#ifdef KIT_JUDGE
        double *want = model_rope_table(x, grid[g].pos, n, d, grid[g].base, ADJACENT); /* x changes */
#endif
        snprintf(call, sizeof call, "rope_apply(x, pos, n = %zu, d = %zu, base = %g)", n, d, grid[g].base);
        kit_expect_status(call, rope_apply(x, grid[g].pos, n, d, grid[g].base), KIT_OK);
        kit_expect_table(call, "row,j", x, want, n, d, TOL_FAR, NULL, 0);
    }
    kit_grid_end();
}

static void sweep_rope_scores(void **state)
{
    static const struct { size_t n, d; double base; } grid[] = {
        { 1, 1, 10000.0 }, { 1, 2, 100.0 }, { 2, 3, 2.5 }, { 3, 5, 10000.0 }, { 4, 6, 500000.0 },
        { 5, 8, 50.0 }, { 6, 4, 1e6 }, { 3, 7, 100.0 },
    };
    char call[96];
    (void)state;
    kit_grid_begin("rope_scores over the sweep's cases");
    for (size_t g = 0; g < sizeof grid / sizeof grid[0]; g++) {
        size_t n = grid[g].n, d = grid[g].d;
        kit_case("n,d", n, d);
        double *q = kit_doubles(n * d), *k = kit_doubles(n * d), *S = kit_doubles(n * n);
        kit_fill(q, n * d, 880 + g, -1.0, 1.0);
        kit_fill(k, n * d, 900 + g, -1.0, 1.0);
        snprintf(call, sizeof call, "rope_scores(q, k, n = %zu, d = %zu, base = %g, S)", n, d, grid[g].base);
        kit_expect_status(call, rope_scores(q, k, n, d, grid[g].base, S), KIT_OK);
        kit_expect_table(call, "qpos,kpos", S, model_rope_scores(q, k, n, d, grid[g].base), n, n, TOL,
                         NULL, 0);
    }
    kit_grid_end();
}

static void sweep_alibi_slopes(void **state)
{
    /* H = 1 .. 20 (powers of 2 and not), and 24, 32, 48, 64, 100. */
    static const size_t more[5] = { 24, 32, 48, 64, 100 };
    char call[48];
    (void)state;
    kit_grid_begin("alibi_slopes over the sweep's cases");
    for (size_t g = 0; g < 25; g++) {
        size_t H = g < 20 ? g + 1 : more[g - 20];
        kit_case("H", H);
        double *slope = kit_doubles(H);
        snprintf(call, sizeof call, "alibi_slopes(slope, H = %zu)", H);
        kit_expect_status(call, alibi_slopes(slope, H), KIT_OK);
#ifdef KIT_JUDGE
        double *want = kit_doubles(H);
        for (size_t h = 1; h <= H; h++)
            want[h - 1] = model_slope(h, H);
        kit_expect_table(call, "h-1", slope, want, 1, H, TOL, NULL, 0);
#endif
    }
    kit_grid_end();
}

static void sweep_alibi_bias(void **state)
{
    /* (H, n): one head, one position, H a power of 2 and not; random scores. */
    static const size_t grid[][2] = { { 1, 1 }, { 1, 4 }, { 2, 2 }, { 3, 5 }, { 5, 3 }, { 8, 2 },
                                      { 12, 3 }, { 6, 1 }, { 4, 6 } };
    char call[48];
    (void)state;
    kit_grid_begin("alibi_bias over the sweep's cases");
    for (size_t g = 0; g < sizeof grid / sizeof grid[0]; g++) {
        size_t H = grid[g][0], n = grid[g][1];
        kit_case("H,n", H, n);
        double *S = kit_doubles(H * n * n);
        kit_fill(S, H * n * n, 920 + g, -2.0, 2.0);
#ifdef KIT_JUDGE
        double *want = kit_doubles(H * n * n);   /* before the call: S changes in place */
        for (size_t h = 1; h <= H; h++)
            for (size_t a = 0; a < n; a++)
                for (size_t b = 0; b < n; b++) {
                    size_t t = ((h - 1) * n + a) * n + b;
                    want[t] = S[t] - model_slope(h, H) * fabs((double)a - (double)b);
                }
        struct kit_mistake m[4];
        if (n >= 2)
            alibi_mistakes(m, S, want, H, n);   /* from the scores before the call */
#endif
        snprintf(call, sizeof call, "alibi_bias(S, H = %zu, n = %zu)", H, n);
        kit_expect_status(call, alibi_bias(S, H, n), KIT_OK);
        kit_expect_table(call, "h*n+qpos,kpos", S, want, H * n, n, TOL, m, n >= 2 ? 4 : 0);
    }
    kit_grid_end();
}

const struct kit_test kit_tests_hidden[] = {
    KIT_TEST(rope_mistakes, 3, "rope_apply", "§8.2", "the worked example, naming halves pairing and the wrong sign"),
    KIT_TEST(rope_odd_d, 2, "rope_apply", "§8.2", "odd d = 5: the last column stays (bc golden)"),
    KIT_TEST(rope_far_positions, 1, "rope_apply", "§8.2", "positions 1000 and 4096 (bc golden)"),
    KIT_TEST(rope_relative_property, 2, "rope_apply", "§8.2", "position 0 is the identity; q_m . k_t = q_{m+c} . k_{t+c}"),
    KIT_TEST(rope_huge_positions, 1, "rope_apply", "§8.2", "positions 2^31, 2^32 + 5 and 3e9 (a size_t, not an int)"),
    KIT_TEST(rope_error_keeps_x, 1, "rope_apply", "§8.2", "on an error x keeps its (finite) values: bad base, d = 0, overflow, NULL pos"),
    KIT_TEST(rope_apply_every_error, 1, "rope_apply", "§8.2", "every listed error with each argument; x and the scores (finite) unchanged by an error"),
    KIT_TEST(rope_scores_every_error, 1, "rope_scores", "§8.2", "every listed error with each argument; x and the scores (finite) unchanged by an error"),
    KIT_TEST(alibi_slopes_every_error, 1, "alibi_slopes", "§8.2", "every listed error with each argument; x and the scores (finite) unchanged by an error"),
    KIT_TEST(alibi_bias_every_error, 1, "alibi_bias", "§8.2", "every listed error with each argument; x and the scores (finite) unchanged by an error"),
    KIT_TEST(rope_edge_cases, 1, "rope_apply", "§8.2", "n = 0 (checked after the other arguments), NULL pos, overflow, NaN and small base"),
    KIT_TEST(rope_scores_mistakes, 3, "rope_scores", "§8.3", "the 3 x 3 example, naming sign, halves, unrotated keys"),
    KIT_TEST(rope_scores_odd_d, 2, "rope_scores", "§8.3", "odd d: still relative; the diagonal is q . k"),
    KIT_TEST(rope_scores_keeps_inputs, 1, "rope_scores", "§8.3", "q and k are not changed"),
    KIT_TEST(rope_scores_bad_arguments, 1, "rope_scores", "§8.3", "NULL, n = 0, d = 0, overflow, base 1"),
    KIT_TEST(alibi_slopes_mistakes, 2, "alibi_slopes", "§8.4", "H = 8, naming heads counted from 0"),
    KIT_TEST(alibi_slopes_not_power_of_2, 2, "alibi_slopes", "§8.4", "H = 12 and H = 3 (the reference code's rule)"),
    KIT_TEST(alibi_slopes_edge_cases, 1, "alibi_slopes", "§8.4", "H = 1, H = 2, NULL, overflow"),
    KIT_TEST(alibi_bias_mistakes, 3, "alibi_bias", "§8.4", "H = 2, n = 3: sign, h from 0, signed distance, replaced"),
    KIT_TEST(alibi_bias_three_heads, 1, "alibi_bias", "§8.4", "H = 3, n = 4 (not a power of 2; bc golden)"),
    KIT_TEST(alibi_bias_properties, 2, "alibi_bias", "§8.4", "symmetric, 0 on the diagonal, falling; slopes ordered"),
    KIT_TEST(alibi_bias_bad_arguments, 1, "alibi_bias", "§8.4", "NULL, H = 0, n = 0, H * n * n overflow"),
    KIT_TEST(sweep_rope_apply, 2, "rope_apply", "§8.2", "d from 1 up, n = 1, bases 2.5 .. 1e6, positions out of order up to 5000"),
    KIT_TEST(sweep_rope_scores, 2, "rope_scores", "§8.3", "d from 1 up, n = 1, bases 2.5 .. 1e6, random q and k"),
    KIT_TEST(sweep_alibi_slopes, 1, "alibi_slopes", "§8.4", "H = 1 .. 20, 24, 32, 48, 64, 100"),
    KIT_TEST(sweep_alibi_bias, 1, "alibi_bias", "§8.4", "H and n from 1 up, random scores"),
    KIT_END_OF_TESTS
};
