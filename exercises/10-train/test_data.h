/*
 * test_data.h — chapter 10's test data, one source of truth for what the
 * public tests (test_public.c) and the grader's tests share: the inputs of
 * the worked examples, and their golden values (from bc:
 * tests/golden/10-train.bc, checked by `python3 -m kit golden --check`).
 * Only data the public tests show. The golden values exist only in the judge
 * build (KIT_JUDGE); the inputs exist in both.
 */
#ifndef CH10_TRAIN_TEST_DATA_H
#define CH10_TRAIN_TEST_DATA_H

#include <stddef.h>

/* ---- inputs of the worked examples (both builds) ---------------------- */
/* Cross-entropy, section 10.2: B = 2 rows of C = 3 logits and their labels. */
static const double xent_z[6] = { 1, 2, 0.5,
                                  -1, 0, 3 };
static const size_t xent_y[2] = { 1, 2 };

/* Linear layer, section 10.3: n = 2, d_in = 3, d_out = 2. */
static const double lin_X[6] = { 1, -2, 0.5,
                                 3, 0.25, -1 };
static const double lin_W[6] = { 0.5, -1,
                                 2, 0.25,
                                 -0.75, 1.5 };
static const double lin_b[2] = { 0.1, -0.2 };
static const double lin_dY[4] = { 1, -0.5,
                                  0.25, 2 };

/* Attention forward, section 10.4: n = 3, d = 4, d_v = 2, no bias. */
static const double fwd_Q[12] = { 0.5, -1, 0.25, 2,
                                  1, 0, -0.5, 0.75,
                                  -1.5, 0.5, 1, 0 };
static const double fwd_K[12] = { 1, 0.5, -0.5, 1,
                                  0, -1, 2, 0.5,
                                  -0.25, 0.75, 0, -1 };
static const double fwd_V[6] = { 1, 0,
                                 0, 1,
                                 -1, 2 };

/* Attention backward, section 10.5: n = 3, d = 2, d_v = 2; A the weights of
   the forward pass (an input: short decimals whose rows sum to 1, so that
   the example can be followed by hand), dY the incoming gradient. */
static const double bwd_Q[6] = { 0.5, -1,
                                 1.5, 0.25,
                                 -0.75, 1 };
static const double bwd_K[6] = { 1, 0.5,
                                 -1, 2,
                                 0.25, -0.5 };
static const double bwd_V[6] = { 2, -1,
                                 0.5, 1,
                                 -1.5, 0.25 };
static const double bwd_dY[6] = { 1, 0.5,
                                  -2, 0.25,
                                  0.75, -1 };
static const double bwd_A[9] = { 0.5, 0.25, 0.25,
                                 0.1, 0.6, 0.3,
                                 0.2, 0.2, 0.6 };

/* Adam, section 10.6: theta = (1, -2, 0.5), m = v = 0, lr 0.1, betas 0.9
   and 0.999, eps 1e-8; the gradients of steps 1 and 2. */
static const double adam_theta0[3] = { 1, -2, 0.5 };
static const double adam_g1[3] = { 0.5, -0.1, 2 };
static const double adam_g2[3] = { -0.25, 0.3, 1 };

#ifdef KIT_JUDGE
/* ---- golden values (judge only), bc in 60-digit arithmetic ------------ */
static const double golden_xent_loss[1] = {
    0.26512634393268703
};
static const double golden_xent_dz[6] = {
    0.11561194881107453, -0.18573414039411879, 0.070122191583044238, 0.0085739127727601956,
    0.023306311288986945, -0.031880224061747141
};
static const double golden_lin_Y[4] = {
    -3.7749999999999999, -0.94999999999999996, 2.8500000000000001, -4.6375000000000002
};
static const double golden_lin_dX[6] = {
    1, 1.875, -1.5, -1.875,
    1, 2.8125
};
static const double golden_lin_dW[6] = {
    1.75, 5.5, -1.9375, 1.5,
    0.25, -2.25
};
static const double golden_lin_db[2] = {
    1.25, 1.5
};
static const double golden_attn_A[9] = {
    0.40652845172655588, 0.55565851198649663, 0.03781303628694746, 0.67011709562601784,
    0.18035956950874807, 0.14952333486523403, 0.10450672726105584, 0.5307289532359325,
    0.36476431950301164
};
static const double golden_attn_Y[6] = {
    0.3687154154396084, 0.6312845845603916, 0.5205937607607839, 0.47940623923921616,
    -0.26025759224195583, 1.2602575922419559
};
static const double golden_attn_dQ[6] = {
    0.14777426872453239, 0.45022814583362208, 0.19323902504613619, -1.145512985522207,
    0.34383067235195874, 0.35532115754624011
};
static const double golden_attn_dK[6] = {
    -0.61916037527647072, 0.042978834043994843, -0.45619435929988356, -0.16970562748477142,
    1.0753547345763543, 0.12672679344077656
};
static const double golden_attn_dV[6] = {
    0.45000000000000001, 0.074999999999999997, -0.80000000000000004, 0.074999999999999997,
    0.10000000000000001, -0.40000000000000002
};
static const double golden_adam_theta1[3] = {
    0.90000000199999997, -1.900000009999999, 0.40000000050000001
};
static const double golden_adam_theta2[3] = {
    0.87336629870784621, -1.9494189911200659, 0.30678203720850977
};
static const double golden_adam_m2[3] = {
    0.02, 0.021000000000000001, 0.28000000000000003
};
static const double golden_adam_v2[3] = {
    0.00031224999999999997, 9.9989999999999996e-05, 0.0049959999999999996
};
#endif /* KIT_JUDGE */

#endif /* CH10_TRAIN_TEST_DATA_H */
