/*
 * attention.c — chapter 7: scaled dot-product attention, and why it needs
 * positions. Contract: include/07-attention.h.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "07-attention.h"

int attn_scores(const double *Q /* (n, d_k), row-major */, const double *K /* (m, d_k), row-major */,
                size_t n, size_t m, size_t d_k, double *S /* (n, m), row-major */)
{
    /* TODO: check the arguments (see the header), then store
       S[r*m + c] = (q_r . k_c) / sqrt(d_k) for every query r and key c. */
    (void)Q;
    (void)K;
    (void)n;
    (void)m;
    (void)d_k;
    (void)S;
    return KIT_TODO;
}

int attn_softmax(const double *S /* (n, m), row-major */, size_t n, size_t m,
                 double *P /* (n, m), row-major */)
{
    /* TODO: check the arguments (no score may be NaN or +INFINITY), then
       write the softmax of each row of S into P: subtract the row maximum
       before exp, divide by the row sum; an all -INFINITY row is uniform. */
    (void)S;
    (void)n;
    (void)m;
    (void)P;
    return KIT_TODO;
}

int attn_attend(const double *Q /* (n, d_k), row-major */, const double *K /* (m, d_k), row-major */,
                const double *V /* (m, d_v), row-major */, size_t n, size_t m, size_t d_k,
                size_t d_v, double *A /* (n, m), row-major */, double *Y /* (n, d_v), row-major */)
{
    /* TODO: check the arguments, then A = softmax(Q K^T / sqrt(d_k)) row by
       row, and Y = A V. */
    (void)Q;
    (void)K;
    (void)V;
    (void)n;
    (void)m;
    (void)d_k;
    (void)d_v;
    (void)A;
    (void)Y;
    return KIT_TODO;
}

int attn_perm_gap(const double *X /* (n, d), row-major */, const size_t *perm /* (n) */,
                  size_t n, size_t d, int with_pe, double base, double *gap /* (1) */)
{
    /* TODO: check the arguments; build Z_a (the sentence) and Z_b (the
       shuffled sentence), each plus PE when with_pe; run self-attention on
       both; *gap = max |f(Z_b)[pos][j] - f(Z_a)[perm[pos]][j]|. */
    (void)X;
    (void)perm;
    (void)n;
    (void)d;
    (void)with_pe;
    (void)base;
    (void)gap;
    return KIT_TODO;
}
