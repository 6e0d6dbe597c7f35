/*
 * train.c — chapter 10: the forward and backward pieces of a tiny attention
 * model, and the Adam step. Contract: include/10-train.h.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "10-train.h"

/* BEGIN SOLUTION */
/* 1 when an (a, b) table of doubles fits in size_t bytes (a, b > 0). */
static int fits(size_t a, size_t b)
{
    return a <= SIZE_MAX / sizeof(double) / b;
}

/* 1 when every entry of x (count) is finite. */
static int all_finite(const double *x, size_t count)
{
    for (size_t k = 0; k < count; k++)
        if (!isfinite(x[k]))
            return 0;
    return 1;
}

/* The size checks shared by the attention functions. */
static int attn_sizes(size_t n, size_t d, size_t d_v)
{
    if (n == 0 || d == 0 || d_v == 0)
        return KIT_ERR_SIZE;
    if (!fits(n, n) || !fits(n, d) || !fits(n, d_v))
        return KIT_ERR_SIZE;
    return KIT_OK;
}

/* The size checks shared by the linear layer's two passes. */
static int linear_sizes(size_t n, size_t d_in, size_t d_out)
{
    if (n == 0 || d_in == 0 || d_out == 0)
        return KIT_ERR_SIZE;
    if (!fits(n, d_in) || !fits(d_in, d_out) || !fits(n, d_out))
        return KIT_ERR_SIZE;
    return KIT_OK;
}
/* END SOLUTION */

int tr_xent(const double *z /* (B, C), row-major */, const size_t *y /* (B) */,
            size_t B, size_t C, double *loss /* (1) */, double *dz /* (B, C), row-major */)
{
    /* TODO: check the arguments, then for each row b: p = softmax(z_b) (subtract
       the row's max before exp), add -log p[y_b] to the loss, and store
       dz = (p - onehot(y_b)) / B. The loss is the mean over the B rows. */
    /* BEGIN SOLUTION */
    double total = 0.0;
    if (z == NULL || y == NULL || loss == NULL || dz == NULL)
        return KIT_ERR_NULL;
    if (B == 0 || C == 0 || !fits(B, C))
        return KIT_ERR_SIZE;
    for (size_t b = 0; b < B; b++)
        if (y[b] >= C)
            return KIT_ERR_DOMAIN;
    if (!all_finite(z, B * C))
        return KIT_ERR_DOMAIN;
    for (size_t b = 0; b < B; b++) {
        const double *zb = z + b * C;
        double zmax = zb[0], sum = 0.0;
        /* listing: xent-row */
        for (size_t c = 1; c < C; c++)
            zmax = fmax(zmax, zb[c]);                 /* max_c z_b[c]               */
        for (size_t c = 0; c < C; c++)
            sum += exp(zb[c] - zmax);                  /* sum_c exp(z - max) <= C    */
        total += log(sum) - (zb[y[b]] - zmax);         /* -log p_b[y_b]              */
        for (size_t c = 0; c < C; c++) {
            double p = exp(zb[c] - zmax) / sum;        /* p_b[c]                     */
            dz[b * C + c] = (p - (c == y[b] ? 1.0 : 0.0)) / (double)B; /* (p - onehot) / B */
        }
        /* end listing: xent-row */
    }
    *loss = total / (double)B;                         /* mean over the batch        */
    return KIT_OK;
    /* END SOLUTION */
}

int tr_linear_forward(const double *X /* (n, d_in), row-major */,
                      const double *W /* (d_in, d_out), row-major */,
                      const double *b /* (d_out) */, size_t n, size_t d_in, size_t d_out,
                      double *Y /* (n, d_out), row-major */)
{
    /* TODO: check the arguments, then Y[r][o] = b[o] + sum_i X[r][i] W[i][o]. */
    /* BEGIN SOLUTION */
    int status;
    if (X == NULL || W == NULL || b == NULL || Y == NULL)
        return KIT_ERR_NULL;
    status = linear_sizes(n, d_in, d_out);
    if (status != KIT_OK)
        return status;
    for (size_t r = 0; r < n; r++)
        for (size_t o = 0; o < d_out; o++) {
            double acc = b[o];                               /* the bias          */
            for (size_t i = 0; i < d_in; i++)
                acc += X[r * d_in + i] * W[i * d_out + o];   /* row r of X times column o of W */
            Y[r * d_out + o] = acc;
        }
    return KIT_OK;
    /* END SOLUTION */
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
    /* BEGIN SOLUTION */
    int status;
    if (X == NULL || W == NULL || dY == NULL || dX == NULL || dW == NULL || db == NULL)
        return KIT_ERR_NULL;
    status = linear_sizes(n, d_in, d_out);
    if (status != KIT_OK)
        return status;
    /* listing: linear-backward */
    for (size_t r = 0; r < n; r++)
        for (size_t i = 0; i < d_in; i++) {
            double acc = 0.0;
            for (size_t o = 0; o < d_out; o++)
                acc += dY[r * d_out + o] * W[i * d_out + o];  /* (dY W^T)[r][i]  */
            dX[r * d_in + i] = acc;
        }
    for (size_t i = 0; i < d_in; i++)
        for (size_t o = 0; o < d_out; o++) {
            double acc = 0.0;
            for (size_t r = 0; r < n; r++)
                acc += X[r * d_in + i] * dY[r * d_out + o];   /* (X^T dY)[i][o]  */
            dW[i * d_out + o] = acc;
        }
    for (size_t o = 0; o < d_out; o++) {
        double acc = 0.0;
        for (size_t r = 0; r < n; r++)
            acc += dY[r * d_out + o];                          /* b is added to every row */
        db[o] = acc;
    }
    /* end listing: linear-backward */
    return KIT_OK;
    /* END SOLUTION */
}

int tr_attn_forward(const double *Q /* (n, d), row-major */, const double *K /* (n, d), row-major */,
                    const double *V /* (n, d_v), row-major */, const double *M /* (n, n), row-major */,
                    size_t n, size_t d, size_t d_v,
                    double *A /* (n, n), row-major */, double *Y /* (n, d_v), row-major */)
{
    /* TODO: check the arguments (M may be NULL), then for each query row r:
       S[r][c] = q_r . k_c / sqrt(d) + M[r][c], A[r] = softmax(S[r]) (exp of
       S - rowmax; a -INFINITY bias gives weight 0), and Y[r] = sum_c A[r][c] v_c. */
    /* BEGIN SOLUTION */
    int status;
    double scale;
    if (Q == NULL || K == NULL || V == NULL || A == NULL || Y == NULL)
        return KIT_ERR_NULL;
    status = attn_sizes(n, d, d_v);
    if (status != KIT_OK)
        return status;
    if (!all_finite(Q, n * d) || !all_finite(K, n * d) || !all_finite(V, n * d_v))
        return KIT_ERR_DOMAIN;
    if (M != NULL) {
        for (size_t r = 0; r < n; r++) {
            int open = 0;                      /* does query r see any key? */
            for (size_t c = 0; c < n; c++) {
                double bias = M[r * n + c];
                if (isnan(bias) || bias == INFINITY)
                    return KIT_ERR_DOMAIN;
                open |= bias != -INFINITY;
            }
            if (!open)
                return KIT_ERR_DOMAIN;
        }
    }
    scale = 1.0 / sqrt((double)d); /* the paper's 1/sqrt(d_k) */
    for (size_t r = 0; r < n; r++) {
        double *Ar = A + r * n, smax = -INFINITY, sum = 0.0;
        /* listing: attn-forward-row */
        for (size_t c = 0; c < n; c++) {
            double dot = 0.0;
            for (size_t t = 0; t < d; t++)
                dot += Q[r * d + t] * K[c * d + t];              /* q_r . k_c            */
            Ar[c] = dot * scale + (M != NULL ? M[r * n + c] : 0.0); /* s_rc, scaled + bias */
            smax = fmax(smax, Ar[c]);                            /* finite: a key is open */
        }
        for (size_t c = 0; c < n; c++) {
            Ar[c] = exp(Ar[c] - smax);                           /* exp(-inf) = 0: masked */
            sum += Ar[c];
        }
        for (size_t c = 0; c < n; c++)
            Ar[c] /= sum;                                        /* the row sums to 1     */
        for (size_t j = 0; j < d_v; j++) {
            double acc = 0.0;
            for (size_t c = 0; c < n; c++)
                acc += Ar[c] * V[c * d_v + j];                   /* y_r = sum_c A_rc v_c  */
            Y[r * d_v + j] = acc;
        }
        /* end listing: attn-forward-row */
    }
    return KIT_OK;
    /* END SOLUTION */
}

/* BEGIN SOLUTION */
/* dS of one query row r from dY: dA[c] = dY_r . v_c, then the softmax
   Jacobian dS[c] = A[c] (dA[c] - sum_c' A[c'] dA[c']). dS_r is (n). */
static void score_grad_row(const double *V, const double *Ar, const double *dYr, size_t n,
                           size_t d_v, double *dSr)
{
    double weighted = 0.0;                                 /* sum_c A_rc dA_rc */
    /* listing: softmax-jacobian */
    for (size_t c = 0; c < n; c++) {
        double dA = 0.0;
        for (size_t j = 0; j < d_v; j++)
            dA += dYr[j] * V[c * d_v + j];                 /* dA_rc = dy_r . v_c  */
        dSr[c] = dA;
        weighted += Ar[c] * dA;
    }
    for (size_t c = 0; c < n; c++)
        dSr[c] = Ar[c] * (dSr[c] - weighted);              /* A_rc (dA_rc - sum)  */
    /* end listing: softmax-jacobian */
}
/* END SOLUTION */

int tr_attn_backward(const double *Q /* (n, d), row-major */, const double *K /* (n, d), row-major */,
                     const double *V /* (n, d_v), row-major */, const double *A /* (n, n), row-major */,
                     const double *dY /* (n, d_v), row-major */, size_t n, size_t d, size_t d_v,
                     double *dQ /* (n, d), row-major */, double *dK /* (n, d), row-major */,
                     double *dV /* (n, d_v), row-major */)
{
    /* TODO: check the arguments, then dV = A^T dY; for each row r the score
       gradient dS_r (dA_rc = dy_r . v_c, then the softmax Jacobian); and
       dQ = dS K / sqrt(d), dK = dS^T Q / sqrt(d). */
    /* BEGIN SOLUTION */
    int status;
    double scale, *dSr;
    if (Q == NULL || K == NULL || V == NULL || A == NULL || dY == NULL || dQ == NULL ||
        dK == NULL || dV == NULL)
        return KIT_ERR_NULL;
    status = attn_sizes(n, d, d_v);
    if (status != KIT_OK)
        return status;
    dSr = malloc(n * sizeof *dSr);
    if (dSr == NULL)
        return KIT_ERR_SIZE;
    scale = 1.0 / sqrt((double)d); /* the forward's scale, again */
    /* listing: attn-backward */
    for (size_t c = 0; c < n; c++)
        for (size_t j = 0; j < d_v; j++) {
            double acc = 0.0;
            for (size_t r = 0; r < n; r++)
                acc += A[r * n + c] * dY[r * d_v + j];      /* (A^T dY)[c][j]           */
            dV[c * d_v + j] = acc;
        }
    for (size_t k = 0; k < n * d; k++)
        dK[k] = 0.0;                                        /* summed over the queries  */
    for (size_t r = 0; r < n; r++) {
        score_grad_row(V, A + r * n, dY + r * d_v, n, d_v, dSr);
        for (size_t t = 0; t < d; t++) {
            double acc = 0.0;
            for (size_t c = 0; c < n; c++) {
                acc += dSr[c] * K[c * d + t];               /* (dS K)[r][t]             */
                dK[c * d + t] += dSr[c] * Q[r * d + t] * scale; /* (dS^T Q)[c][t] / sqrt(d) */
            }
            dQ[r * d + t] = acc * scale;                    /* the scale of the forward */
        }
    }
    /* end listing: attn-backward */
    free(dSr);
    return KIT_OK;
    /* END SOLUTION */
}

int tr_adam_step(double *theta /* (P) */, const double *g /* (P) */, double *m /* (P) */,
                 double *v /* (P) */, size_t P, size_t t, double lr, double beta1, double beta2,
                 double eps)
{
    /* TODO: check the arguments, then update m and v, correct their bias
       with 1 - beta^t, and move theta by -lr * mhat / (sqrt(vhat) + eps). */
    /* BEGIN SOLUTION */
    double c1, c2;
    if (theta == NULL || g == NULL || m == NULL || v == NULL)
        return KIT_ERR_NULL;
    if (P == 0 || !fits(P, 1))
        return KIT_ERR_SIZE;
    if (t == 0 || !isfinite(lr) || lr < 0.0 || !(beta1 >= 0.0 && beta1 < 1.0) ||
        !(beta2 >= 0.0 && beta2 < 1.0) || !isfinite(eps) || eps <= 0.0 || !all_finite(g, P))
        return KIT_ERR_DOMAIN;
    /* listing: adam */
    beta1 = 0.9;                                           /* d2l: hard-coded          */
    beta2 = 0.999;
    eps = 1e-6;
    c1 = 1.0 - pow(beta1, (double)t);                      /* bias correction, 1st moment */
    c2 = 1.0 - pow(beta2, (double)t);                      /* bias correction, 2nd moment */
    for (size_t k = 0; k < P; k++) {
        m[k] = beta1 * m[k] + (1.0 - beta1) * g[k];        /* running mean of g           */
        v[k] = beta2 * v[k] + (1.0 - beta2) * g[k] * g[k]; /* running mean of g^2         */
        theta[k] -= lr * (m[k] / c1) / (sqrt(v[k] / c2) + eps); /* lr mhat / (sqrt(vhat) + eps) */
    }
    /* end listing: adam */
    return KIT_OK;
    /* END SOLUTION */
}
