/*
 * 10-train.h — train it: the pieces of a one-layer, single-head attention
 * model with a linear readout, forward and backward by hand, and the Adam
 * step that trains it. tools/experiment/ builds the whole model from these
 * pieces and compares the positional encodings on what it learns.
 *
 * Notation (the paper's, section 3.2.1): X holds n rows (tokens), d wide;
 * Q, K hold n query and key rows of width d, V holds n value rows of width
 * d_v. The scores are S = Q K^T / sqrt(d) + M, with M an optional additive
 * bias (an ALiBi bias, or -INFINITY to mask a key); A = softmax(S) row by
 * row; Y = A V. A backward function receives dY = dL/dY, the gradient of a
 * scalar loss L with respect to an output, and returns the gradients with
 * respect to the inputs (dX = dL/dX, ...). Gradients are overwritten, never
 * accumulated into.
 *
 * Matrices are row-major: element (r, c) of an n x m matrix S is S[r*m + c].
 * "a*b overflows" below means that a table of a*b doubles would have more
 * bytes than size_t can count.
 *
 * Every function returns KIT_OK or an error code from kit.h; on an error it
 * writes nothing.
 */
#ifndef CH10_TRAIN_H
#define CH10_TRAIN_H

#include <stddef.h>

#include "kit.h"

/* listing: contract-tr-xent */
/* Softmax cross-entropy of a batch of B rows of C logits z with the labels
   y (0 <= y[b] < C), averaged over the batch:
       p_b = softmax(z_b),  *loss = -(1/B) sum_b log p_b[y_b],
       dz[b*C + c] = (p_b[c] - [c == y_b]) / B   (= dL/dz).
   Computed without overflow for any finite logits (exp(z - max)).
   Errors: a NULL pointer -> KIT_ERR_NULL; B == 0, C == 0 or B*C overflows ->
   KIT_ERR_SIZE; a label >= C or a logit NaN or infinite -> KIT_ERR_DOMAIN. */
int tr_xent(const double *z /* (B, C), row-major */, const size_t *y /* (B) */,
            size_t B, size_t C, double *loss /* (1) */, double *dz /* (B, C), row-major */);
/* end listing: contract-tr-xent */

/* listing: contract-tr-linear-forward */
/* A linear layer: Y = X W + b, Y[r*d_out + o] = b[o] + sum_i X[r*d_in + i] * W[i*d_out + o].
   Errors: a NULL pointer -> KIT_ERR_NULL; n, d_in or d_out == 0, or n*d_in,
   d_in*d_out or n*d_out overflowing -> KIT_ERR_SIZE. */
int tr_linear_forward(const double *X /* (n, d_in), row-major */,
                      const double *W /* (d_in, d_out), row-major */,
                      const double *b /* (d_out) */, size_t n, size_t d_in, size_t d_out,
                      double *Y /* (n, d_out), row-major */);
/* end listing: contract-tr-linear-forward */

/* listing: contract-tr-linear-backward */
/* The backward pass of tr_linear_forward, given dY = dL/dY:
       dX = dY W^T      (n, d_in)
       dW = X^T dY      (d_in, d_out)
       db = sum over the n rows of dY   (d_out)
   Errors: as tr_linear_forward. */
int tr_linear_backward(const double *X /* (n, d_in), row-major */,
                       const double *W /* (d_in, d_out), row-major */,
                       const double *dY /* (n, d_out), row-major */,
                       size_t n, size_t d_in, size_t d_out,
                       double *dX /* (n, d_in), row-major */,
                       double *dW /* (d_in, d_out), row-major */, double *db /* (d_out) */);
/* end listing: contract-tr-linear-backward */

/* listing: contract-tr-attn-forward */
/* Single-head self-attention with an optional additive score bias M:
       S = Q K^T / sqrt(d) + M,   A = softmax(S) over each row,   Y = A V.
   M NULL means no bias. An entry -INFINITY of M masks that key (weight
   exactly 0). Computed as exp(S - rowmax), so finite scores never overflow.
   Errors: Q, K, V, A or Y NULL -> KIT_ERR_NULL; n, d or d_v == 0, or n*n,
   n*d or n*d_v overflowing -> KIT_ERR_SIZE; an entry of Q, K or V NaN or
   infinite, an entry of M NaN or +INFINITY, or a row of M all -INFINITY
   (a query with no key) -> KIT_ERR_DOMAIN. */
int tr_attn_forward(const double *Q /* (n, d), row-major */, const double *K /* (n, d), row-major */,
                    const double *V /* (n, d_v), row-major */, const double *M /* (n, n), row-major */,
                    size_t n, size_t d, size_t d_v,
                    double *A /* (n, n), row-major */, double *Y /* (n, d_v), row-major */);
/* end listing: contract-tr-attn-forward */

/* listing: contract-tr-attn-backward */
/* The backward pass of tr_attn_forward, given its weights A and dY = dL/dY
   (M is a constant: it gets no gradient):
       dV = A^T dY
       dA = dY V^T
       dS[r][c] = A[r][c] * (dA[r][c] - sum_c' A[r][c'] dA[r][c'])   (softmax Jacobian)
       dQ = dS K / sqrt(d),   dK = dS^T Q / sqrt(d)
   Errors: a NULL pointer -> KIT_ERR_NULL; n, d or d_v == 0, or n*n, n*d or
   n*d_v overflowing -> KIT_ERR_SIZE. */
int tr_attn_backward(const double *Q /* (n, d), row-major */, const double *K /* (n, d), row-major */,
                     const double *V /* (n, d_v), row-major */, const double *A /* (n, n), row-major */,
                     const double *dY /* (n, d_v), row-major */, size_t n, size_t d, size_t d_v,
                     double *dQ /* (n, d), row-major */, double *dK /* (n, d), row-major */,
                     double *dV /* (n, d_v), row-major */);
/* end listing: contract-tr-attn-backward */

/* listing: contract-tr-adam-step */
/* One Adam step (Kingma and Ba, 2015, Algorithm 1) on P parameters theta
   with gradient g; m and v are the first and second moment estimates (zero
   before step 1), updated in place; t = 1, 2, ... is the number of this step:
       m = beta1 m + (1 - beta1) g,      v = beta2 v + (1 - beta2) g^2
       mhat = m / (1 - beta1^t),         vhat = v / (1 - beta2^t)
       theta = theta - lr * mhat / (sqrt(vhat) + eps)
   Errors: a NULL pointer -> KIT_ERR_NULL; P == 0 or P overflowing ->
   KIT_ERR_SIZE; t == 0, lr negative or not finite, beta1 or beta2 outside
   [0, 1), eps <= 0 or not finite, or an entry of g NaN or infinite ->
   KIT_ERR_DOMAIN. */
int tr_adam_step(double *theta /* (P), in-out */, const double *g /* (P) */,
                 double *m /* (P), in-out */, double *v /* (P), in-out */, size_t P, size_t t,
                 double lr, double beta1, double beta2, double eps);
/* end listing: contract-tr-adam-step */

#endif /* CH10_TRAIN_H */
