/*
 * test_public.c — chapter 7's public tests: the worked example, the
 * properties every correct softmax and attention have, and the
 * permutation check. Run: make check CHAPTER=7
 *
 * Tolerance: 1e-12 absolute. Every value checked lies in [-2, 2] and comes
 * from a few dozen double operations (dot products of length <= 4, exp of
 * arguments <= 0, sums of <= 5 terms), each accurate to ~1e-16; 1e-12
 * leaves room for any correct order of operations (multiplying by 1/sum or
 * dividing, scaling q or the dot product) and still catches every real
 * mistake, which moves values by more than 1e-3 here.
 * Expected values and value checks exist only in the judge's build
 * (KIT_JUDGE, see kit_test.h).
 */
#include <math.h>
#include <stdlib.h>

#include "kit_test.h"
#include "07-attention.h"
#include "test_data.h"

#define TOL 1e-12

static void scores_worked_example(void **state)
{
    double *S = kit_doubles(2 * 4);
    (void)state;
    kit_expect_status("attn_scores", attn_scores(Q_2x3, K_4x3, 2, 4, 3, S), KIT_OK);
    kit_expect_table("S", "r,c", S, golden_scores_2x4, 2, 4, TOL, NULL, 0);
}

static void softmax_worked_example(void **state)
{
    const double S[12] = { 1, 2, 3, 4,
                           0.5, -1, 2, 0,
                           -3, 0, 0, 1.5 };
    double *P = kit_doubles(3 * 4);
    (void)state;
    kit_expect_status("attn_softmax", attn_softmax(S, 3, 4, P), KIT_OK);
    kit_expect_table("P", "r,c", P, golden_softmax_3x4, 3, 4, TOL, NULL, 0);
}

static void softmax_properties(void **state)
{
    /* Each row is a probability distribution, and adding a constant to a
       row does not change its softmax. */
    size_t n = 4, m = 5;
    double *S = kit_doubles(n * m), *P = kit_doubles(n * m), *P_shift = kit_doubles(n * m);
    (void)state;
    kit_fill(S, n * m, 7, -5.0, 5.0);
    kit_expect_status("attn_softmax", attn_softmax(S, n, m, P), KIT_OK);
#ifdef KIT_JUDGE
    for (size_t r = 0; r < n; r++) {
        double sum = 0.0;
        for (size_t c = 0; c < m; c++) {
            kit_expect_true(P[r * m + c] > 0.0 && P[r * m + c] <= 1.0,
                            "P[%zu][%zu] = %.17g is not in (0, 1]", r, c, P[r * m + c]);
            sum += P[r * m + c];
        }
        kit_expect_true(fabs(sum - 1.0) <= TOL, "row %zu of P sums to %.17g, not 1", r, sum);
    }
#endif
    for (size_t k = 0; k < n * m; k++)
        S[k] += 3.0 * (double)(k / m);   /* row r shifted by 3r */
    kit_expect_status("attn_softmax", attn_softmax(S, n, m, P_shift), KIT_OK);
    kit_expect_table("softmax(S + 3r) vs softmax(S)", "r,c", P_shift, P, n, m, TOL, NULL, 0);
}

static void softmax_bad_arguments(void **state)
{
    const double S[4] = { 0, 1, NAN, 2 };
    double *P = kit_doubles(4);
    (void)state;
    kit_expect_status("attn_softmax(NULL, 2, 2, P)", attn_softmax(NULL, 2, 2, P), KIT_ERR_NULL);
    kit_expect_status("attn_softmax(S, 2, 0, P)", attn_softmax(S, 2, 0, P), KIT_ERR_SIZE);
    kit_expect_status("attn_softmax with a NaN score", attn_softmax(S, 2, 2, P), KIT_ERR_DOMAIN);
    kit_expect_untouched("P", P);
}

static void attend_worked_example(void **state)
{
    double *A = kit_doubles(2 * 4), *Y = kit_doubles(2 * 2);
    (void)state;
    kit_expect_status("attn_attend", attn_attend(Q_2x3, K_4x3, V_4x2, 2, 4, 3, 2, A, Y), KIT_OK);
    kit_expect_table("A", "r,c", A, golden_attend_weights_2x4, 2, 4, TOL, NULL, 0);
    kit_expect_table("Y", "r,j", Y, golden_attend_out_2x2, 2, 2, TOL, NULL, 0);
}

static void attend_single_token(void **state)
{
    /* n = m = 1: the only key gets all the weight, the output is its value. */
    const double q[2] = { 3.0, -1.0 }, k[2] = { -2.0, 0.5 }, v[3] = { 0.25, -4.0, 7.0 };
    double *A = kit_doubles(1), *Y = kit_doubles(3);
    (void)state;
    kit_expect_status("attn_attend", attn_attend(q, k, v, 1, 1, 2, 3, A, Y), KIT_OK);
    kit_expect_near("A[0][0]", A[0], 1.0, TOL);
    kit_expect_table("Y", "r,j", Y, v, 1, 3, TOL, NULL, 0);
}

static void perm_gap_without_positions(void **state)
{
    /* Without positions, shuffling the input rows only shuffles the output
       rows: the gap is 0 up to rounding. */
    size_t n = 5, d = 4;
    const size_t perm[5] = { 3, 0, 4, 1, 2 };
    double *X = kit_doubles(n * d), gap = -1.0;
    (void)state;
    kit_fill(X, n * d, 11, -1.5, 1.5);
    kit_expect_status("attn_perm_gap(with_pe = 0)", attn_perm_gap(X, perm, n, d, 0, 10000.0, &gap),
                      KIT_OK);
    kit_expect_near("gap without positions", gap, 0.0, TOL);
}

static void perm_gap_with_positions(void **state)
{
    /* Chapter 3's sentence (section 3.5), n = 3, d = 4, perm = (2, 0, 1):
       with positions the output is no longer a shuffle of the original
       output. bc value (section 7.6). */
    const double X[12] = { 0.5, -1.0, 0.25, 2.0,
                           -0.5, 0.3, -2.0, 0.1,
                           1.0, 1.0, -1.0, -1.0 };
    const size_t perm[3] = { 2, 0, 1 };
    double gap = -1.0;
    (void)state;
    kit_expect_status("attn_perm_gap(with_pe = 1)", attn_perm_gap(X, perm, 3, 4, 1, 10000.0, &gap),
                      KIT_OK);
    kit_expect_near("gap with positions", gap, golden_perm_gap_pe[0], TOL);
}

const struct kit_test kit_tests_public[] = {
    KIT_TEST(scores_worked_example, 2, "attn_scores", "§7.2", "Q K^T / sqrt(d_k) for the worked example"),
    KIT_TEST(softmax_worked_example, 2, "attn_softmax", "§7.3", "row-wise softmax of a 3 x 4 table (bc)"),
    KIT_TEST(softmax_properties, 1, "attn_softmax", "§7.3", "rows sum to 1; a constant per row changes nothing"),
    KIT_TEST(softmax_bad_arguments, 1, "attn_softmax", "§7.4", "NULL, m = 0, a NaN score; nothing written"),
    KIT_TEST(attend_worked_example, 3, "attn_attend", "§7.5", "weights and output of the worked example (bc)"),
    KIT_TEST(attend_single_token, 1, "attn_attend", "§7.4", "n = m = 1: weight 1, output = the value"),
    KIT_TEST(perm_gap_without_positions, 1, "attn_perm_gap", "§7.6", "no positions: the gap is 0"),
    KIT_TEST(perm_gap_with_positions, 2, "attn_perm_gap", "§7.6", "with positions: the gap of chapter 3's sentence (bc)"),
    KIT_END_OF_TESTS
};
