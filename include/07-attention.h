/*
 * 07-attention.h — scaled dot-product attention ("Attention Is All You
 * Need", Vaswani et al., 2017, section 3.2.1), and why it needs positions.
 *
 *     Attention(Q, K, V) = softmax(Q K^T / sqrt(d_k)) V
 *
 * Q holds n query rows, K and V hold m key rows and m value rows; queries
 * and keys have d_k columns, values d_v. The softmax is taken over each row
 * (over the m keys of one query), so every row of the weights A sums to 1.
 * Matrices are row-major: element (r, c) of an n x m matrix S is S[r*m + c].
 * Row r of Q is query r, row c of K is key c (so K^T's column c).
 *
 * Positions, where used, are chapter 3's encoding (the paper's convention):
 * PE(pos, 2i) = sin(pos * omega_i), PE(pos, 2i + 1) = cos(pos * omega_i),
 * omega_i = base^(-2i/d).
 *
 * Every function returns KIT_OK or an error code from kit.h; on an error it
 * writes nothing. "a*b overflowing size_t" below means that a table of a*b
 * doubles would have more bytes than size_t can count.
 *
 * n == 0 (nothing to compute, where a function allows it) is checked last:
 * every other argument is checked first, with its usual error (a zero size
 * -> KIT_ERR_SIZE, a bad base -> KIT_ERR_DOMAIN, a pointer needed whatever n
 * is -> KIT_ERR_NULL); only when all of them are good does n == 0 return
 * KIT_OK with nothing written. For example attn_scores(NULL, NULL, 0, 1, 1,
 * NULL) is KIT_ERR_NULL (K is needed whatever n is) and attn_softmax(NULL,
 * 0, 0, NULL) is KIT_ERR_SIZE (m == 0).
 */
#ifndef CH07_ATTENTION_H
#define CH07_ATTENTION_H

#include <stddef.h>

#include "kit.h"

/* The largest |entry| of Q, K (and of X in attn_perm_gap) that the
   functions accept: with |entries| <= 1e100 every dot product is at most
   d_k * 1e200 in magnitude, finite for any d_k that fits in memory. */
#define ATTN_MAX_ABS 1e100

/* listing: contract-attn-scores */
/* The scaled scores S = Q K^T / sqrt(d_k):
   S[r*m + c] = (sum_t Q[r*d_k + t] * K[c*d_k + t]) / sqrt(d_k),
   r < n (queries), c < m (keys), t < d_k.
   n == 0: KIT_OK, nothing written (Q and S may then be NULL).
   Errors: K NULL, or Q or S NULL with n > 0 -> KIT_ERR_NULL; m == 0,
   d_k == 0, or n*m, n*d_k or m*d_k overflowing size_t -> KIT_ERR_SIZE; an
   entry of Q or K NaN, infinite or above ATTN_MAX_ABS in magnitude ->
   KIT_ERR_DOMAIN. */
int attn_scores(const double *Q /* (n, d_k), row-major */,
                const double *K /* (m, d_k), row-major */,
                size_t n, size_t m, size_t d_k, double *S /* (n, m), row-major */);
/* end listing: contract-attn-scores */

/* listing: contract-attn-softmax */
/* The softmax of each row of S: P[r*m + c] = exp(S[r*m + c]) / sum_c' exp(S[r*m + c']),
   computed as exp(S - rowmax) so that no score overflows. Every row of P
   sums to 1. A score of -INFINITY (a masked key) gets weight exactly 0; a
   row whose scores are all -INFINITY gets the uniform weights 1/m (the
   limit of m equal scores), not NaN.
   n == 0: KIT_OK, nothing written (S and P may then be NULL).
   Errors: S or P NULL with n > 0 -> KIT_ERR_NULL; m == 0 or n*m overflowing
   size_t -> KIT_ERR_SIZE; a score NaN or +INFINITY -> KIT_ERR_DOMAIN. */
int attn_softmax(const double *S /* (n, m), row-major */, size_t n, size_t m,
                 double *P /* (n, m), row-major */);
/* end listing: contract-attn-softmax */

/* listing: contract-attn-attend */
/* Scaled dot-product attention: A = softmax(Q K^T / sqrt(d_k)) (row-wise),
   the n x m attention weights, and Y = A V, the n x d_v output:
   Y[r*d_v + j] = sum_c A[r*m + c] * V[c*d_v + j].
   n == 0: KIT_OK, nothing written (Q, A and Y may then be NULL).
   Errors: K or V NULL, or Q, A or Y NULL with n > 0 -> KIT_ERR_NULL;
   m == 0, d_k == 0, d_v == 0, or a product of two sizes overflowing size_t
   -> KIT_ERR_SIZE; an entry of Q or K NaN, infinite or above ATTN_MAX_ABS
   in magnitude, or an entry of V NaN or infinite -> KIT_ERR_DOMAIN. */
int attn_attend(const double *Q /* (n, d_k), row-major */,
                const double *K /* (m, d_k), row-major */,
                const double *V /* (m, d_v), row-major */,
                size_t n, size_t m, size_t d_k, size_t d_v,
                double *A /* (n, m), row-major */, double *Y /* (n, d_v), row-major */);
/* end listing: contract-attn-attend */

/* listing: contract-attn-perm-gap */
/* Is self-attention permutation-equivariant? With Z the input of a sentence
   X (n x d) and f(Z) = Attention(Z, Z, Z) (d_k = d_v = d):
     with_pe == 0:  Z_a[pos] = X[pos],          Z_b[pos] = X[perm[pos]];
     with_pe != 0:  Z_a[pos] = X[pos] + PE(pos), Z_b[pos] = X[perm[pos]] + PE(pos).
   Z_b is the shuffled sentence, which still gets the positions 0 .. n-1 in
   order. *gap = max over pos, j of |f(Z_b)[pos][j] - f(Z_a)[perm[pos]][j]|:
   0 (up to rounding) exactly when shuffling the input just shuffles the output.
   base is used only when with_pe != 0, but is always checked.
   Errors: a NULL pointer -> KIT_ERR_NULL; n == 0, d == 0, n*d or n*n
   overflowing size_t, or no memory for the scratch tables -> KIT_ERR_SIZE;
   perm not a permutation of 0 .. n-1, an entry of X NaN, infinite or above
   ATTN_MAX_ABS in magnitude, or base not finite or <= 1 -> KIT_ERR_DOMAIN. */
int attn_perm_gap(const double *X /* (n, d), row-major */, const size_t *perm /* (n) */,
                  size_t n, size_t d, int with_pe, double base, double *gap /* (1) */);
/* end listing: contract-attn-perm-gap */

#endif /* CH07_ATTENTION_H */
