/*
 * relative.c — chapter 5: a shift by k positions is a rotation M_k.
 * Contract: include/05-relative-positions.h.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "05-relative-positions.h"

/* BEGIN SOLUTION */
/* 1 when base can be the base of the encoding: finite and above 1. */
static int base_ok(double base)
{
    return isfinite(base) && base > 1.0;
}

/* omega_i = base^(-2i/d), the exponent in double. */
static double omega_of(size_t i, size_t d, double base)
{
    double exponent = -2.0 * (double)i / (double)d; /* -2i/d         */
    return pow(base, exponent);                      /* base^(-2i/d) */
}

/* 1 when rows * cols doubles fit in size_t bytes. */
static int fits(size_t rows, size_t cols)
{
    return cols > 0 && rows <= SIZE_MAX / sizeof(double) / cols;
}
/* END SOLUTION */

int rel_rotation(double *M /* (d, d), row-major */, int k, size_t d, double base)
{
    /* TODO: check the arguments (see the header), then write M_k: zeros, and for
       each pair i the block [[cos k w, sin k w], [-sin k w, cos k w]], w = omega_i,
       at rows and columns 2i, 2i + 1. */
    /* BEGIN SOLUTION */
    if (M == NULL)
        return KIT_ERR_NULL;
    if (d == 0 || !fits(d, d))
        return KIT_ERR_SIZE;
    if (d % 2 != 0 || !base_ok(base)) /* no M_k for odd d */
        return KIT_ERR_DOMAIN;
    for (size_t r = 0; r < d * d; r++)
        M[r] = 0.0;                                       /* off the blocks: 0 */
    /* listing: rotation-block */
    for (size_t i = 0; i < d / 2; i++) {
        double phi = (double)k * omega_of(i, d, base);   /* k * omega_i       */
        size_t s = 2 * i, c = 2 * i + 1;                 /* sin row, cos row  */
        M[s * d + s] = cos(phi);                         /* sin' = cos.sin    */
        M[s * d + c] = sin(phi);                         /*      + sin.cos    */
        M[c * d + s] = -sin(phi);                        /* cos' = -sin.sin   */
        M[c * d + c] = cos(phi);                         /*      + cos.cos    */
    }
    /* end listing: rotation-block */
    return KIT_OK;
    /* END SOLUTION */
}

int rel_shift(const double *pe /* (n, d), row-major */, size_t n, size_t d, int k,
              double base, double *out /* (n, d), row-major */)
{
    /* TODO: check the arguments, then rotate each (sin, cos) pair of each row by
       k * omega_i, as M_k would, keeping both old values until both new ones
       are computed (out may be pe). */
    /* BEGIN SOLUTION */
    if (d == 0 || !fits(n, d))
        return KIT_ERR_SIZE;
    if (d % 2 != 0 || !base_ok(base)) /* pairs only */
        return KIT_ERR_DOMAIN;
    if (n > 0 && (pe == NULL || out == NULL))
        return KIT_ERR_NULL;
    /* listing: shift-rows */
    for (size_t i = 0; i < d / 2; i++) {
        double phi = (double)k * omega_of(i, d, base);   /* k * omega_i, no pos */
        double cs = cos(phi), sn = sin(phi);
        for (size_t r = 0; r < n; r++) {
            double s = pe[r * d + 2 * i];                /* sin theta           */
            double c = pe[r * d + 2 * i + 1];            /* cos theta           */
            out[r * d + 2 * i] = cs * s + sn * c;        /* sin(theta + phi)    */
            out[r * d + 2 * i + 1] = -sn * s + cs * c;   /* cos(theta + phi)    */
        }
    }
    /* end listing: shift-rows */
    return KIT_OK;
    /* END SOLUTION */
}

int rel_gram(const double *pe /* (n, d), row-major */, size_t n, size_t d,
             double *G /* (n, n), row-major */)
{
    /* TODO: check the arguments, then G[p*n + q] = sum_j pe[p*d + j] * pe[q*d + j]. */
    /* BEGIN SOLUTION */
    if (pe == NULL || G == NULL)
        return KIT_ERR_NULL;
    if (n == 0 || d == 0 || !fits(n, d) || !fits(n, n))
        return KIT_ERR_SIZE;
    /* listing: gram */
    for (size_t p = 0; p < n; p++) {
        for (size_t q = 0; q < n; q++) {
            double sum = 0.0;                            /* PE(p) . PE(q)       */
            for (size_t j = 0; j < d; j++)
                sum += pe[p * d + j] * pe[q * d + j];    /* along a row: j      */
            G[p * n + q] = sum;                          /* (n, n): rows x rows */
        }
    }
    /* end listing: gram */
    return KIT_OK;
    /* END SOLUTION */
}

int rel_dot_offset(double *dot /* (1) */, int k, size_t d, double base)
{
    /* TODO: check the arguments, then *dot = sum over pairs i of cos(k * omega_i). */
    /* BEGIN SOLUTION */
    double sum = 0.0;
    if (dot == NULL)
        return KIT_ERR_NULL;
    if (d == 0)
        return KIT_ERR_SIZE;
    if (d % 2 != 0 || !base_ok(base)) /* the closed form needs pairs */
        return KIT_ERR_DOMAIN;
    /* listing: dot-offset */
    for (size_t i = 0; i < d / 2; i++) {
        double phi = (double)k * omega_of(i, d, base);   /* k * omega_i              */
        sum += cos(phi);                                 /* sin.sin + cos.cos of pair */
    }
    /* end listing: dot-offset */
    *dot = sum;
    return KIT_OK;
    /* END SOLUTION */
}

int rel_compose(const double *A /* (d, d), row-major */, const double *B /* (d, d), row-major */,
                size_t d, double *C /* (d, d), row-major */)
{
    /* TODO: check the arguments, then C = A B (row r of A times column c of B). */
    /* BEGIN SOLUTION */
    if (A == NULL || B == NULL || C == NULL)
        return KIT_ERR_NULL;
    if (d == 0 || !fits(d, d))
        return KIT_ERR_SIZE;
    for (size_t r = 0; r < d; r++) {
        for (size_t c = 0; c < d; c++) {
            double sum = 0.0;                            /* (A B)[r][c]         */
            for (size_t t = 0; t < d; t++)
                sum += A[r * d + t] * B[t * d + c];      /* row r . column c    */
            C[r * d + c] = sum;
        }
    }
    return KIT_OK;
    /* END SOLUTION */
}
