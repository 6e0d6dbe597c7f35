/*
 * rope_alibi.c — chapter 8: RoPE rotates queries and keys, ALiBi biases
 * the scores. Contract: include/08-rope-alibi.h.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "08-rope-alibi.h"

/* BEGIN SOLUTION */
/* 1 when base can be the base of the rotation speeds: finite and above 1. */
static int base_ok(double base)
{
    return isfinite(base) && base > 1.0;
}

/* theta_i = base^(-2i/d), the exponent in double. */
static double theta_of(size_t i, size_t d, double base)
{
    double exponent = -2.0 * (double)i / (double)d; /* -2i/d         */
    return pow(base, exponent);                      /* base^(-2i/d) */
}

/* 1 when rows * cols doubles fit in size_t bytes (cols > 0). */
static int fits(size_t rows, size_t cols)
{
    return cols > 0 && rows <= SIZE_MAX / sizeof(double) / cols;
}

/* Rotates one row of d values (in place) to position pos. */
static void rope_row(double *row /* (d) */, double pos, size_t d, double base)
{
    /* listing: rope-row */
    for (size_t i = 0; i < d / 2; i++) {                 /* odd d: column d-1 stays */
        double a = pos * theta_of(i, d, base);           /* pos * theta_i           */
        double x0 = row[2 * i], x1 = row[2 * i + 1];     /* adjacent pair (2i, 2i+1) */
        row[2 * i] = x0 * cos(a) - x1 * sin(a);          /* x0' = x0 cos - x1 sin   */
        row[2 * i + 1] = x0 * sin(a) + x1 * cos(a);      /* x1' = x0 sin + x1 cos   */
    }
    /* end listing: rope-row */
}
/* END SOLUTION */

int rope_apply(double *x /* (n, d), row-major */, const size_t *pos /* (n) */, size_t n,
               size_t d, double base)
{
    /* TODO: check the arguments (see the header), then rotate each adjacent pair
       (2i, 2i + 1) of row r by the angle pos[r] * theta_i; leave the last column
       alone when d is odd. */
    /* BEGIN SOLUTION */
    if (d == 0 || !fits(n, d))
        return KIT_ERR_SIZE;
    if (!base_ok(base))
        return KIT_ERR_DOMAIN;
    if (n > 0 && (x == NULL || pos == NULL))
        return KIT_ERR_NULL;
    for (size_t r = 0; r < n; r++)
        rope_row(x + r * d, (double)pos[r], d, base);    /* row r at position pos[r] */
    return KIT_OK;
    /* END SOLUTION */
}

int rope_scores(const double *q /* (n, d), row-major */, const double *k /* (n, d), row-major */,
                size_t n, size_t d, double base, double *S /* (n, n), row-major */)
{
    /* TODO: check the arguments, then rotate a copy of query row qpos to position
       qpos and of key row kpos to position kpos, and store their dot product in
       S[qpos*n + kpos]. Do not change q and k. */
    /* BEGIN SOLUTION */
    double *qr, *kr;
    if (n == 0)
        return KIT_OK;
    if (q == NULL || k == NULL || S == NULL)
        return KIT_ERR_NULL;
    if (d == 0 || !fits(n, d) || !fits(n, n))
        return KIT_ERR_SIZE;
    if (!base_ok(base))
        return KIT_ERR_DOMAIN;
    qr = malloc(n * d * sizeof *qr);                     /* rotated queries (n, d) */
    kr = malloc(n * d * sizeof *kr);                     /* rotated keys (n, d)    */
    if (qr == NULL || kr == NULL) {
        free(qr);
        free(kr);
        return KIT_ERR_SIZE;
    }
    /* listing: rope-scores */
    for (size_t r = 0; r < n; r++) {
        for (size_t j = 0; j < d; j++) {
            qr[r * d + j] = q[r * d + j];
            kr[r * d + j] = k[r * d + j];
        }
        rope_row(qr + r * d, (double)r, d, base);        /* query at position r */
        rope_row(kr + r * d, (double)r, d, base);        /* key at position r   */
    }
    for (size_t qpos = 0; qpos < n; qpos++)
        for (size_t kpos = 0; kpos < n; kpos++) {
            double sum = 0.0;                            /* q_qpos . k_kpos     */
            for (size_t j = 0; j < d; j++)
                sum += qr[qpos * d + j] * kr[kpos * d + j];
            S[qpos * n + kpos] = sum;
        }
    /* end listing: rope-scores */
    free(qr);
    free(kr);
    return KIT_OK;
    /* END SOLUTION */
}

/* BEGIN SOLUTION */
/* m_h for head h = 1 .. H, by the rule in the header. */
static double slope_of(size_t h, size_t H)
{
    /* listing: alibi-slope */
    size_t P = 1;
    while (P * 2 <= H)
        P *= 2;                                          /* largest power of 2 <= H  */
    if (h <= P)
        return pow(2.0, -8.0 * (double)h / (double)P);   /* 2^(-8h/P), h = 1 .. P    */
    h = 2 * (h - P) - 1;                                 /* odd h = 1, 3, ... of 2P  */
    return pow(2.0, -8.0 * (double)h / (double)(2 * P)); /* 2^(-8h/(2P))             */
    /* end listing: alibi-slope */
}
/* END SOLUTION */

int alibi_slopes(double *slope /* (H) */, size_t H)
{
    /* TODO: check the arguments, then slope[h - 1] = m_h for h = 1 .. H
       (2^(-8h/H) when H is a power of 2; the header gives the rule for other H). */
    /* BEGIN SOLUTION */
    if (slope == NULL)
        return KIT_ERR_NULL;
    if (H == 0 || !fits(H, 1))
        return KIT_ERR_SIZE;
    for (size_t h = 1; h <= H; h++)
        slope[h - 1] = slope_of(h, H);                   /* heads count from 1 */
    return KIT_OK;
    /* END SOLUTION */
}

int alibi_bias(double *scores /* (H, n, n), row-major */, size_t H, size_t n)
{
    /* TODO: check the arguments, then add -m_h * |qpos - kpos| to every score of
       head h = 1 .. H (stored at scores[((h - 1) * n + qpos) * n + kpos]). */
    /* BEGIN SOLUTION */
    if (scores == NULL)
        return KIT_ERR_NULL;
    if (H == 0 || n == 0 || !fits(n, n) || H > SIZE_MAX / sizeof(double) / (n * n))
        return KIT_ERR_SIZE;
    /* listing: alibi-bias */
    for (size_t h = 1; h <= H; h++) {
        double m = slope_of(h, H);                       /* this head's slope     */
        double *S = scores + (h - 1) * n * n;            /* head h's (n, n) block */
        for (size_t qpos = 0; qpos < n; qpos++)
            for (size_t kpos = 0; kpos < n; kpos++) {
                size_t dist = qpos > kpos ? qpos - kpos : kpos - qpos; /* |qpos - kpos| */
                S[qpos * n + kpos] += -m * (double)dist; /* penalty grows with distance */
            }
    }
    /* end listing: alibi-bias */
    return KIT_OK;
    /* END SOLUTION */
}
