/*
 * train.c — chapter 10: the forward and backward pieces of a tiny attention
 * model, and the Adam step. Contract: include/10-train.h.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "10-train.h"

int tr_xent(const double *z /* (B, C), row-major */, const size_t *y /* (B) */,
            size_t B, size_t C, double *loss /* (1) */, double *dz /* (B, C), row-major */)
{
    /* TODO: check the arguments, then for each row b: p = softmax(z_b) (subtract
       the row's max before exp), add -log p[y_b] to the loss, and store
       dz = (p - onehot(y_b)) / B. The loss is the mean over the B rows. */
    (void)z;
    (void)y;
    (void)B;
    (void)C;
    (void)loss;
    (void)dz;
    return KIT_TODO;
}

int tr_linear_forward(const double *X /* (n, d_in), row-major */,
                      const double *W /* (d_in, d_out), row-major */,
                      const double *b /* (d_out) */, size_t n, size_t d_in, size_t d_out,
                      double *Y /* (n, d_out), row-major */)
{
    /* TODO: check the arguments, then Y[r][o] = b[o] + sum_i X[r][i] W[i][o]. */
    (void)X;
    (void)W;
    (void)b;
    (void)n;
    (void)d_in;
    (void)d_out;
    (void)Y;
    return KIT_TODO;
}

int tr_linear_backward(const double *X /* (n, d_in), row-major */,
                       const double *W /* (d_in, d_out), row-major */,
                       const double *dY /* (n, d_out), row-major */,
                       size_t n, size_t d_in, size_t d_out,
                       double *dX /* (n, d_in), row-major */,
                       double *dW /* (d_in, d_out), row-major */, double *db /* (d_out) */)
{
    /* TODO: check the arguments, then dX = dY W^T, dW = X^T dY and db = the
       column sums of dY (overwrite the three outputs). */
    (void)X;
    (void)W;
    (void)dY;
    (void)n;
    (void)d_in;
    (void)d_out;
    (void)dX;
    (void)dW;
    (void)db;
    return KIT_TODO;
}

int tr_attn_forward(const double *Q /* (n, d), row-major */, const double *K /* (n, d), row-major */,
                    const double *V /* (n, d_v), row-major */, const double *M /* (n, n), row-major */,
                    size_t n, size_t d, size_t d_v,
                    double *A /* (n, n), row-major */, double *Y /* (n, d_v), row-major */)
{
    /* TODO: check the arguments (M may be NULL), then for each query row r:
       S[r][c] = q_r . k_c / sqrt(d) + M[r][c], A[r] = softmax(S[r]) (exp of
       S - rowmax; a -INFINITY bias gives weight 0), and Y[r] = sum_c A[r][c] v_c. */
    (void)Q;
    (void)K;
    (void)V;
    (void)M;
    (void)n;
    (void)d;
    (void)d_v;
    (void)A;
    (void)Y;
    return KIT_TODO;
}

int tr_attn_backward(const double *Q /* (n, d), row-major */, const double *K /* (n, d), row-major */,
                     const double *V /* (n, d_v), row-major */, const double *A /* (n, n), row-major */,
                     const double *dY /* (n, d_v), row-major */, size_t n, size_t d, size_t d_v,
                     double *dQ /* (n, d), row-major */, double *dK /* (n, d), row-major */,
                     double *dV /* (n, d_v), row-major */)
{
    /* TODO: check the arguments, then dV = A^T dY; for each row r the score
       gradient dS_r (dA_rc = dy_r . v_c, then the softmax Jacobian); and
       dQ = dS K / sqrt(d), dK = dS^T Q / sqrt(d). */
    (void)Q;
    (void)K;
    (void)V;
    (void)A;
    (void)dY;
    (void)n;
    (void)d;
    (void)d_v;
    (void)dQ;
    (void)dK;
    (void)dV;
    return KIT_TODO;
}

int tr_adam_step(double *theta /* (P) */, const double *g /* (P) */, double *m /* (P) */,
                 double *v /* (P) */, size_t P, size_t t, double lr, double beta1, double beta2,
                 double eps)
{
    /* TODO: check the arguments, then update m and v, correct their bias
       with 1 - beta^t, and move theta by -lr * mhat / (sqrt(vhat) + eps). */
    (void)theta;
    (void)g;
    (void)m;
    (void)v;
    (void)P;
    (void)t;
    (void)lr;
    (void)beta1;
    (void)beta2;
    (void)eps;
    return KIT_TODO;
}
