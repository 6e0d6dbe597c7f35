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

/* BEGIN SOLUTION */
/* 1 when a table of a*b doubles has a byte count that fits in size_t. */
static int fits(size_t a, size_t b)
{
    return a == 0 || b <= SIZE_MAX / sizeof(double) / a;
}

/* 1 when each of the count entries of x is finite and at most limit in
   magnitude (the comparison is false for NaN). */
static int all_within(const double *x /* (count) */, size_t count, double limit)
{
    for (size_t k = 0; k < count; k++)
        if (!(fabs(x[k]) <= limit))
            return 0;
    return 1;
}

/* S = Q K^T / sqrt(d_k), without checks. */
static void scaled_scores(const double *Q /* (n, d_k) */, const double *K /* (m, d_k) */,
                          size_t n, size_t m, size_t d_k, double *S /* (n, m) */)
{
    /* listing: scores */
    double scale = 1.0 / sqrt((double)d_k);               /* 1 / sqrt(d_k)            */
    for (size_t r = 0; r < n; r++) {
        for (size_t c = 0; c < m; c++) {
            double dot = 0.0;                             /* q_r . k_c                */
            for (size_t t = 0; t < d_k; t++)
                dot += Q[r * d_k + t] * K[c * d_k + t];   /* (K^T)[t][c] = K[c][t]    */
            S[r * m + c] = dot * scale;                   /* scaled score of key c    */
        }
    }
    /* end listing: scores */
}

/* Softmax, in place, of the count entries a[0], a[stride], a[2*stride], ...
   None of them is NaN or +INFINITY (the callers check). */
static void softmax_line(double *a /* (count), stride apart */, size_t count, size_t stride)
{
    /* listing: softmax-line */
    double mx = -INFINITY, sum = 0.0;
    for (size_t c = 0; c < count; c++)
        mx = fmax(mx, a[c * stride]);                  /* the row maximum                */
    if (mx == -INFINITY) {                             /* every score is -inf (masked):  */
        for (size_t c = 0; c < count; c++)             /* the limit of equal scores,     */
            a[c * stride] = 1.0 / (double)count;       /* uniform weights                */
        return;
    }
    for (size_t c = 0; c < count; c++) {
        a[c * stride] = exp(a[c * stride] - mx);       /* exp(s - max) in [0, 1]: no overflow */
        sum += a[c * stride];                          /* >= 1: the max contributes exp(0)    */
    }
    for (size_t c = 0; c < count; c++)
        a[c * stride] /= sum;                          /* normalise: the row sums to 1   */
    /* end listing: softmax-line */
}

/* Softmax of every row of the n x m table a, in place. */
static void softmax_rows(double *a /* (n, m) */, size_t n, size_t m)
{
    /* listing: softmax-rows */
    for (size_t r = 0; r < n; r++)        /* one distribution per query row r */
        softmax_line(a + r * m, m, 1);    /* over the m keys: a[r*m + c]      */
    /* end listing: softmax-rows */
}

/* A = softmax(Q K^T / sqrt(d_k)) row-wise and Y = A V, without checks. */
static void attend(const double *Q /* (n, d_k) */, const double *K /* (m, d_k) */,
                   const double *V /* (m, d_v) */, size_t n, size_t m, size_t d_k, size_t d_v,
                   double *A /* (n, m) */, double *Y /* (n, d_v) */)
{
    /* listing: attend */
    scaled_scores(Q, K, n, m, d_k, A);    /* A = Q K^T / sqrt(d_k)  */
    softmax_rows(A, n, m);                /* A = softmax(A), by row */
    for (size_t r = 0; r < n; r++) {
        for (size_t j = 0; j < d_v; j++) {
            double y = 0.0;                           /* output r, column j       */
            for (size_t c = 0; c < m; c++)
                y += A[r * m + c] * V[c * d_v + j];   /* sum_c A[r][c] V[c][j]    */
            Y[r * d_v + j] = y;                       /* a weighted mean of V's rows */
        }
    }
    /* end listing: attend */
}
/* END SOLUTION */

int attn_scores(const double *Q /* (n, d_k), row-major */, const double *K /* (m, d_k), row-major */,
                size_t n, size_t m, size_t d_k, double *S /* (n, m), row-major */)
{
    /* TODO: check the arguments (see the header), then store
       S[r*m + c] = (q_r . k_c) / sqrt(d_k) for every query r and key c. */
    /* BEGIN SOLUTION */
    if (K == NULL || (n > 0 && (Q == NULL || S == NULL)))
        return KIT_ERR_NULL;
    if (m == 0 || d_k == 0 || !fits(n, m) || !fits(n, d_k) || !fits(m, d_k))
        return KIT_ERR_SIZE;
    if (!all_within(Q, n * d_k, ATTN_MAX_ABS) || !all_within(K, m * d_k, ATTN_MAX_ABS))
        return KIT_ERR_DOMAIN;
    scaled_scores(Q, K, n, m, d_k, S);
    return KIT_OK;
    /* END SOLUTION */
}

int attn_softmax(const double *S /* (n, m), row-major */, size_t n, size_t m,
                 double *P /* (n, m), row-major */)
{
    /* TODO: check the arguments (no score may be NaN or +INFINITY), then
       write the softmax of each row of S into P: subtract the row maximum
       before exp, divide by the row sum; an all -INFINITY row is uniform. */
    /* BEGIN SOLUTION */
    if (n > 0 && (S == NULL || P == NULL))
        return KIT_ERR_NULL;
    if (m == 0 || !fits(n, m))
        return KIT_ERR_SIZE;
    for (size_t k = 0; k < n * m; k++)
        if (isnan(S[k]) || S[k] == INFINITY)
            return KIT_ERR_DOMAIN;
    if (n > 0)
        memmove(P, S, n * m * sizeof *P);   /* P = S (S may be P) */
    softmax_rows(P, n, m);
    return KIT_OK;
    /* END SOLUTION */
}

int attn_attend(const double *Q /* (n, d_k), row-major */, const double *K /* (m, d_k), row-major */,
                const double *V /* (m, d_v), row-major */, size_t n, size_t m, size_t d_k,
                size_t d_v, double *A /* (n, m), row-major */, double *Y /* (n, d_v), row-major */)
{
    /* TODO: check the arguments, then A = softmax(Q K^T / sqrt(d_k)) row by
       row, and Y = A V. */
    /* BEGIN SOLUTION */
    if (K == NULL || V == NULL || (n > 0 && (Q == NULL || A == NULL || Y == NULL)))
        return KIT_ERR_NULL;
    if (m == 0 || d_k == 0 || d_v == 0 || !fits(n, m) || !fits(n, d_k) || !fits(m, d_k) ||
        !fits(m, d_v) || !fits(n, d_v))
        return KIT_ERR_SIZE;
    if (!all_within(Q, n * d_k, ATTN_MAX_ABS) || !all_within(K, m * d_k, ATTN_MAX_ABS) ||
        !all_within(V, m * d_v, DBL_MAX))
        return KIT_ERR_DOMAIN;
    attend(Q, K, V, n, m, d_k, d_v, A, Y);
    return KIT_OK;
    /* END SOLUTION */
}

/* BEGIN SOLUTION */
/* 1 when perm holds each of 0 .. n-1 exactly once; seen is (n) scratch. */
static int is_permutation(const size_t *perm /* (n) */, size_t n, unsigned char *seen /* (n) */)
{
    memset(seen, 0, n);
    for (size_t pos = 0; pos < n; pos++) {
        if (perm[pos] >= n || seen[perm[pos]])
            return 0;
        seen[perm[pos]] = 1;
    }
    return 1;
}

/* Chapter 3's PE(pos, j) (its own copy: chapters do not call each other). */
static double pe_value(size_t pos, size_t j, size_t d, double base)
{
    size_t i = j / 2;                                          /* pair index        */
    double omega = pow(base, -2.0 * (double)i / (double)d);    /* base^(-2i/d)      */
    double angle = (double)pos * omega;                        /* pos * omega_i     */
    return (j % 2 == 0) ? sin(angle) : cos(angle);             /* even sin, odd cos */
}
/* END SOLUTION */

int attn_perm_gap(const double *X /* (n, d), row-major */, const size_t *perm /* (n) */,
                  size_t n, size_t d, int with_pe, double base, double *gap /* (1) */)
{
    /* TODO: check the arguments; build Z_a (the sentence) and Z_b (the
       shuffled sentence), each plus PE when with_pe; run self-attention on
       both; *gap = max |f(Z_b)[pos][j] - f(Z_a)[perm[pos]][j]|. */
    /* BEGIN SOLUTION */
    double *Z_a, *Z_b, *Y_a, *Y_b, *A;
    unsigned char *seen;
    int status = KIT_OK;
    double worst = 0.0;
    if (X == NULL || perm == NULL || gap == NULL)
        return KIT_ERR_NULL;
    if (n == 0 || d == 0 || !fits(n, d) || !fits(n, n))
        return KIT_ERR_SIZE;
    if (!all_within(X, n * d, ATTN_MAX_ABS) || !isfinite(base) || !(base > 1.0))
        return KIT_ERR_DOMAIN;
    seen = malloc(n);
    Z_a = malloc(n * d * sizeof *Z_a);
    Z_b = malloc(n * d * sizeof *Z_b);
    Y_a = malloc(n * d * sizeof *Y_a);
    Y_b = malloc(n * d * sizeof *Y_b);
    A = malloc(n * n * sizeof *A);
    if (!seen || !Z_a || !Z_b || !Y_a || !Y_b || !A)
        status = KIT_ERR_SIZE;
    else if (!is_permutation(perm, n, seen))
        status = KIT_ERR_DOMAIN;
    if (status == KIT_OK) {
        /* listing: perm-gap */
        for (size_t pos = 0; pos < n; pos++) {
            for (size_t j = 0; j < d; j++) {
                double p = with_pe ? pe_value(pos, j, d, base) : 0.0;   /* PE(pos, j) or 0     */
                Z_a[pos * d + j] = X[pos * d + j] + p;                  /* word pos at pos     */
                Z_b[pos * d + j] = X[perm[pos] * d + j] + p;            /* word perm[pos] at pos */
            }
        }
        attend(Z_a, Z_a, Z_a, n, n, d, d, A, Y_a);   /* f(Z_a): Q = K = V = Z_a */
        attend(Z_b, Z_b, Z_b, n, n, d, d, A, Y_b);   /* f(Z_b)                  */
        for (size_t pos = 0; pos < n; pos++)
            for (size_t j = 0; j < d; j++)           /* compare with P f(Z_a)   */
                worst = fmax(worst, fabs(Y_b[pos * d + j] - Y_a[perm[pos] * d + j]));
        /* end listing: perm-gap */
        *gap = worst;
    }
    free(seen);
    free(Z_a);
    free(Z_b);
    free(Y_a);
    free(Y_b);
    free(A);
    return status;
    /* END SOLUTION */
}
