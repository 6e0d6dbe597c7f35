/*
 * test_public.c — chapter 10's public tests: the worked example of each
 * piece (golden values from bc) and the properties every correct piece has.
 * Run: make check CHAPTER=10
 *
 * Tolerance: 1e-12 absolute. Every value checked is below 10 in magnitude
 * and comes from a few dozen double operations (exp, log, sqrt and short
 * sums, each accurate to ~1e-16), so a correct implementation is within
 * ~1e-15 of bc; 1e-12 leaves room for any order of summation and still
 * catches every real mistake (the smallest moves a value by more than 1e-4).
 */
#include <math.h>
#include <stdlib.h>

#include "kit_test.h"
#include "10-train.h"
#include "test_data.h"

#define TOL 1e-12

static void xent_worked_example(void **state)
{
    double *loss = kit_doubles(1), *dz = kit_doubles(2 * 3);
    (void)state;
    kit_expect_status("tr_xent", tr_xent(xent_z, xent_y, 2, 3, loss, dz), KIT_OK);
    kit_expect_near("loss", *loss, golden_xent_loss[0], TOL);
    kit_expect_table("dz", "b,c", dz, golden_xent_dz, 2, 3, TOL, NULL, 0);
}

static void xent_gradient_rows_sum_to_0(void **state)
{
    /* p sums to 1 and the one-hot sums to 1: every row of dz sums to 0. */
    double z[4 * 5];
    size_t y[4] = { 0, 4, 2, 2 };
    double *loss = kit_doubles(1), *dz = kit_doubles(4 * 5);
    (void)state;
    kit_fill(z, 4 * 5, 11, -3.0, 3.0);
    kit_expect_status("tr_xent", tr_xent(z, y, 4, 5, loss, dz), KIT_OK);
    kit_expect_true(*loss > 0.0, "the loss of imperfect predictions is above 0, got %.17g", *loss);
#ifdef KIT_JUDGE
    for (size_t b = 0; b < 4; b++) {
        double sum = 0.0;
        for (size_t c = 0; c < 5; c++)
            sum += dz[b * 5 + c];
        kit_expect_true(fabs(sum) <= TOL, "row b = %zu of dz sums to %.3g, not 0: dz is "
                        "(softmax - one-hot) / B, and both sum to 1", b, sum);
        kit_expect_true(dz[b * 5 + y[b]] < 0.0, "dz[%zu][y = %zu] = %.3g must be negative: "
                        "raising the right logit lowers the loss", b, y[b], dz[b * 5 + y[b]]);
    }
#endif
}

static void xent_bad_arguments(void **state)
{
    const size_t bad_y[2] = { 1, 3 };
    double *loss = kit_doubles(1), *dz = kit_doubles(2 * 3);
    (void)state;
    kit_expect_status("tr_xent(NULL, y, 2, 3, loss, dz)", tr_xent(NULL, xent_y, 2, 3, loss, dz),
                      KIT_ERR_NULL);
    kit_expect_status("tr_xent(z, y, 0, 3, loss, dz)", tr_xent(xent_z, xent_y, 0, 3, loss, dz),
                      KIT_ERR_SIZE);
    kit_expect_status("tr_xent with the label 3 >= C = 3", tr_xent(xent_z, bad_y, 2, 3, loss, dz),
                      KIT_ERR_DOMAIN);
    kit_expect_untouched("loss", loss);
    kit_expect_untouched("dz", dz);
}

static void linear_forward_worked_example(void **state)
{
    double *Y = kit_doubles(2 * 2);
    (void)state;
    kit_expect_status("tr_linear_forward", tr_linear_forward(lin_X, lin_W, lin_b, 2, 3, 2, Y), KIT_OK);
    kit_expect_table("Y", "r,o", Y, golden_lin_Y, 2, 2, TOL, NULL, 0);
}

static void linear_backward_worked_example(void **state)
{
    double *dX = kit_doubles(2 * 3), *dW = kit_doubles(3 * 2), *db = kit_doubles(2);
    (void)state;
    kit_expect_status("tr_linear_backward",
                      tr_linear_backward(lin_X, lin_W, lin_dY, 2, 3, 2, dX, dW, db), KIT_OK);
    kit_expect_table("dX", "r,i", dX, golden_lin_dX, 2, 3, TOL, NULL, 0);
    kit_expect_table("dW", "i,o", dW, golden_lin_dW, 3, 2, TOL, NULL, 0);
    kit_expect_table("db", "o", db, golden_lin_db, 1, 2, TOL, NULL, 0);
}

static void attn_forward_worked_example(void **state)
{
    double *A = kit_doubles(3 * 3), *Y = kit_doubles(3 * 2);
    (void)state;
    kit_expect_status("tr_attn_forward(Q, K, V, NULL, 3, 4, 2, A, Y)",
                      tr_attn_forward(fwd_Q, fwd_K, fwd_V, NULL, 3, 4, 2, A, Y), KIT_OK);
    kit_expect_table("A", "r,c", A, golden_attn_A, 3, 3, TOL, NULL, 0);
    kit_expect_table("Y", "r,j", Y, golden_attn_Y, 3, 2, TOL, NULL, 0);
}

static void attn_forward_properties(void **state)
{
    /* Rows of A are distributions; a masked key gets weight exactly 0. */
    enum { N = 5, D = 4, DV = 3 };
    double Q[N * D], K[N * D], V[N * DV], M[N * N];
    double *A = kit_doubles(N * N), *Y = kit_doubles(N * DV);
    (void)state;
    kit_fill(Q, N * D, 21, -2.0, 2.0);
    kit_fill(K, N * D, 22, -2.0, 2.0);
    kit_fill(V, N * DV, 23, -1.0, 1.0);
    for (size_t r = 0; r < N; r++)
        for (size_t c = 0; c < N; c++)
            M[r * N + c] = c > r ? -INFINITY : 0.0; /* causal: no key after the query */
    kit_expect_status("tr_attn_forward with a causal mask",
                      tr_attn_forward(Q, K, V, M, N, D, DV, A, Y), KIT_OK);
#ifdef KIT_JUDGE
    for (size_t r = 0; r < N; r++) {
        double sum = 0.0;
        for (size_t c = 0; c < N; c++) {
            sum += A[r * N + c];
            kit_expect_true(c <= r || A[r * N + c] == 0.0, "A[%zu][%zu] = %.3g: a key with "
                            "bias -INFINITY must get weight exactly 0", r, c, A[r * N + c]);
        }
        kit_expect_true(fabs(sum - 1.0) <= TOL, "row %zu of A sums to %.15g, not 1", r, sum);
    }
#endif
    kit_expect_table("Y row 0 (it sees only key 0, so it is v_0)", "j", Y, V, 1, DV, TOL, NULL, 0);
}

static void attn_backward_worked_example(void **state)
{
    double *dQ = kit_doubles(3 * 2), *dK = kit_doubles(3 * 2), *dV = kit_doubles(3 * 2);
    (void)state;
    kit_expect_status("tr_attn_backward",
                      tr_attn_backward(bwd_Q, bwd_K, bwd_V, bwd_A, bwd_dY, 3, 2, 2, dQ, dK, dV),
                      KIT_OK);
    kit_expect_table("dV", "c,j", dV, golden_attn_dV, 3, 2, TOL, NULL, 0);
    kit_expect_table("dQ", "r,t", dQ, golden_attn_dQ, 3, 2, TOL, NULL, 0);
    kit_expect_table("dK", "c,t", dK, golden_attn_dK, 3, 2, TOL, NULL, 0);
}

static void adam_two_steps(void **state)
{
    double *theta = kit_copy_doubles(adam_theta0, 3);
    double *m = kit_doubles(3), *v = kit_doubles(3);
    (void)state;
    for (size_t k = 0; k < 3; k++)
        m[k] = v[k] = 0.0;
    kit_expect_status("tr_adam_step, t = 1",
                      tr_adam_step(theta, adam_g1, m, v, 3, 1, 0.1, 0.9, 0.999, 1e-8), KIT_OK);
    kit_expect_table("theta after step 1", "k", theta, golden_adam_theta1, 1, 3, TOL, NULL, 0);
    kit_expect_status("tr_adam_step, t = 2",
                      tr_adam_step(theta, adam_g2, m, v, 3, 2, 0.1, 0.9, 0.999, 1e-8), KIT_OK);
    kit_expect_table("theta after step 2", "k", theta, golden_adam_theta2, 1, 3, TOL, NULL, 0);
    kit_expect_table("m after step 2", "k", m, golden_adam_m2, 1, 3, TOL, NULL, 0);
    kit_expect_table("v after step 2", "k", v, golden_adam_v2, 1, 3, TOL, NULL, 0);
}

const struct kit_test kit_tests_public[] = {
    KIT_TEST(xent_worked_example, 2, "tr_xent", "§10.2", "loss and dz of the worked example (bc)"),
    KIT_TEST(xent_gradient_rows_sum_to_0, 1, "tr_xent", "§10.2", "each row of dz sums to 0; the label's entry is negative"),
    KIT_TEST(xent_bad_arguments, 1, "tr_xent", "§10.2", "NULL, B = 0, a label >= C; nothing written"),
    KIT_TEST(linear_forward_worked_example, 1, "tr_linear_forward", "§10.3", "Y = X W + b of the worked example (bc)"),
    KIT_TEST(linear_backward_worked_example, 2, "tr_linear_backward", "§10.3", "dX, dW, db of the worked example (bc)"),
    KIT_TEST(attn_forward_worked_example, 2, "tr_attn_forward", "§10.4", "A and Y of the worked example (bc)"),
    KIT_TEST(attn_forward_properties, 1, "tr_attn_forward", "§10.4", "rows of A sum to 1; masked keys get weight 0"),
    KIT_TEST(attn_backward_worked_example, 3, "tr_attn_backward", "§10.5", "dQ, dK, dV of the worked example (bc)"),
    KIT_TEST(adam_two_steps, 2, "tr_adam_step", "§10.6", "theta, m, v after two Adam steps (bc)"),
    KIT_END_OF_TESTS
};
