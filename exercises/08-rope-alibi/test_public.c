/*
 * test_public.c — chapter 8's public tests: RoPE (rotate queries and keys)
 * and ALiBi (bias the scores), each against a golden value and the
 * property that makes it relative. Run: make check CHAPTER=8
 *
 * Golden values come from bc in 60-digit arithmetic (tests/golden/08-rope-alibi.bc).
 * Tolerance: 1e-12 absolute. Angles are at most 5 radians here and values at
 * most ~5, so a correct double computation is within ~1e-15; 1e-12 accepts
 * any correct order of operations and still catches every real mistake.
 * The slopes and biases are powers of 2 and their multiples: exact in double.
 * Expected values and value checks exist only in the judge's build
 * (KIT_JUDGE, see kit_test.h).
 */
#include <math.h>
#include <stdlib.h>

#include "kit_test.h"
#include "08-rope-alibi.h"
#include "test_data.h"

#define TOL 1e-12

static void rope_worked_example(void **state)
{
    double *x = kit_copy_doubles(rows_3x4, 12);
    const size_t pos[3] = { 0, 1, 5 };
    (void)state;
    kit_expect_status("rope_apply(x, pos = (0, 1, 5), 3, 4, 10000)", rope_apply(x, pos, 3, 4, 10000.0),
                      KIT_OK);
    kit_expect_table("x", "row,j", x, golden_rope_3x4, 3, 4, TOL, NULL, 0);
}

/* A rotation keeps the length of every row. */
static void rope_keeps_norms(void **state)
{
    size_t n = 8, d = 16;
    double *x = kit_doubles(n * d);
    size_t pos[8];
    (void)state;
    kit_fill(x, n * d, 21, -1.0, 1.0);
    for (size_t r = 0; r < n; r++)
        pos[r] = 37 * r + 3;
#ifdef KIT_JUDGE
    double before[8];   /* before the call: x is rotated in place */
    for (size_t r = 0; r < n; r++) {
        before[r] = 0.0;
        for (size_t j = 0; j < d; j++)
            before[r] += x[r * d + j] * x[r * d + j];
    }
#endif
    kit_expect_status("rope_apply(x, pos, 8, 16, 10000)", rope_apply(x, pos, n, d, 10000.0), KIT_OK);
#ifdef KIT_JUDGE
    for (size_t r = 0; r < n; r++) {
        double after = 0.0;
        for (size_t j = 0; j < d; j++)
            after += x[r * d + j] * x[r * d + j];
        kit_expect_near("||row||^2 after RoPE (must equal before)", after, before[r], TOL);
    }
#endif
}

static void rope_scores_worked_example(void **state)
{
    const double q[12] = { 0.5, -1, 0.25, 2, -0.5, 0.3, -2, 0.1, 1, 1, -1, 0.75 };
    const double k[12] = { 1, 0.5, -0.5, 1, 0.2, -1.5, 1, 0, -1, 0.25, 0.5, -0.75 };
    double *S = kit_doubles(9);
    (void)state;
    kit_expect_status("rope_scores(q, k, 3, 4, 10000, S)", rope_scores(q, k, 3, 4, 10000.0, S), KIT_OK);
    kit_expect_table("S", "qpos,kpos", S, golden_rope_scores_3x4, 3, 3, TOL, NULL, 0);
}

/* The relative property: with one query vector and one key vector at every
   position, S[qpos][kpos] depends only on qpos - kpos. */
static void rope_scores_relative(void **state)
{
    size_t n = 7, d = 8;
    double *q = kit_doubles(n * d), *k = kit_doubles(n * d), *S = kit_doubles(n * n);
    (void)state;
    kit_fill(q, d, 31, -1.0, 1.0);
    kit_fill(k, d, 32, -1.0, 1.0);
    for (size_t r = 1; r < n; r++)
        for (size_t j = 0; j < d; j++) {
            q[r * d + j] = q[j];
            k[r * d + j] = k[j];
        }
    kit_expect_status("rope_scores(q, k, 7, 8, 10000, S)", rope_scores(q, k, n, d, 10000.0, S), KIT_OK);
#ifdef KIT_JUDGE
    for (size_t a = 1; a < n; a++)
        for (size_t b = 1; b < n; b++)
            kit_expect_true(fabs(S[a * n + b] - S[(a - 1) * n + b - 1]) <= TOL,
                            "S[%zu][%zu] = %.15g but S[%zu][%zu] = %.15g: the same q and k at the "
                            "same offset must score the same", a, b, S[a * n + b], a - 1, b - 1,
                            S[(a - 1) * n + b - 1]);
#endif
}

static void alibi_slopes_h8(void **state)
{
    double *slope = kit_doubles(8);
    (void)state;
    kit_expect_status("alibi_slopes(slope, 8)", alibi_slopes(slope, 8), KIT_OK);
    kit_expect_table("slope", "h-1", slope, golden_slopes_h8, 1, 8, TOL, NULL, 0);
}

static void alibi_bias_worked_example(void **state)
{
    double *S = kit_doubles(2 * 3 * 3);
    (void)state;
    for (size_t t = 0; t < 18; t++)
        S[t] = ((double)t - 7.0) / 4.0;
    kit_expect_status("alibi_bias(S, 2, 3)", alibi_bias(S, 2, 3), KIT_OK);
    kit_expect_table("S + bias", "h*n+qpos,kpos", S, golden_alibi_h2_n3, 6, 3, TOL, NULL, 0);
}

static void bad_arguments(void **state)
{
    double *x = kit_doubles(4), *slope = kit_doubles(4);
    const size_t pos[2] = { 0, 1 };
    (void)state;
    kit_expect_status("rope_apply(NULL, pos, 2, 2, 10000)", rope_apply(NULL, pos, 2, 2, 10000.0), KIT_ERR_NULL);
    kit_expect_status("rope_apply(x, pos, 2, 0, 10000)", rope_apply(x, pos, 2, 0, 10000.0), KIT_ERR_SIZE);
    kit_expect_status("rope_apply(x, pos, 2, 2, 1.0)", rope_apply(x, pos, 2, 2, 1.0), KIT_ERR_DOMAIN);
    kit_expect_status("alibi_slopes(slope, 0)", alibi_slopes(slope, 0), KIT_ERR_SIZE);
    kit_expect_untouched("x", x);
    kit_expect_untouched("slope", slope);
}

const struct kit_test kit_tests_public[] = {
    KIT_TEST(rope_worked_example, 2, "rope_apply", "§8.2", "three rows at positions 0, 1, 5 (bc golden)"),
    KIT_TEST(rope_keeps_norms, 1, "rope_apply", "§8.2", "RoPE keeps the length of every row"),
    KIT_TEST(rope_scores_worked_example, 2, "rope_scores", "§8.3", "the 3 x 3 scores of the example (bc golden)"),
    KIT_TEST(rope_scores_relative, 2, "rope_scores", "§8.3", "same q and k: the score depends only on qpos - kpos"),
    KIT_TEST(alibi_slopes_h8, 1, "alibi_slopes", "§8.4", "0.5, 0.25, ..., 1/256 for H = 8"),
    KIT_TEST(alibi_bias_worked_example, 2, "alibi_bias", "§8.4", "two heads, n = 3 (bc golden)"),
    KIT_TEST(bad_arguments, 1, "rope_apply,alibi_slopes", "§8.2", "NULL, d = 0, base 1, H = 0: error, nothing written"),
    KIT_END_OF_TESTS
};
