/*
 * sinusoidal.c — chapter 3: the sin/cos positional encoding.
 * Contract: include/03-sinusoidal.h.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "03-sinusoidal.h"

/* BEGIN SOLUTION */
/* 1 when base can be the base of the encoding: finite and above 1. */
static int base_ok(double base)
{
    return isfinite(base) && base > 1.0;
}

/* omega_i = base^(-2i/d): the exponent is computed in double, never in
   integers (2 * i / d in size_t would be 0 for every i < d/2). */
static double omega_of(size_t i, size_t d, double base)
{
    /* listing: omega */
    double exponent = -2.0 * (double)i / (double)d; /* -2i/d          */
    return pow(base, exponent);                      /* base^(-2i/d)  */
    /* end listing: omega */
}

/* PE(pos, j): column j belongs to pair i = j / 2; even columns are sin,
   odd columns cos, of the same angle pos * omega_i. */
static double pe_value(size_t pos, size_t j, size_t d, double base)
{
    /* listing: pe-value */
    size_t i = j / 2;                                    /* pair index        */
    double angle = (double)pos * omega_of(i, d, base);   /* pos * omega_i     */
    return (j % 2 == 0) ? sin(angle) : cos(angle);       /* even sin, odd cos */
    /* end listing: pe-value */
}

/* Common argument checks of pe_table and pe_add. */
static int table_args(const double *out, size_t n, size_t d, double base)
{
    if (d == 0 || (n > 0 && n > SIZE_MAX / sizeof(double) / d))
        return KIT_ERR_SIZE;
    if (!base_ok(base))
        return KIT_ERR_DOMAIN;
    if (n > 0 && out == NULL)
        return KIT_ERR_NULL;
    return KIT_OK;
}
/* END SOLUTION */

int pe_omega(double *omega /* ((d + 1) / 2) */, size_t d, double base)
{
    /* TODO: check the arguments (see the header), then store
       omega[i] = base^(-2i/d) for every pair i = 0 .. (d+1)/2 - 1. */
    /* BEGIN SOLUTION */
    if (omega == NULL)
        return KIT_ERR_NULL;
    if (d == 0)
        return KIT_ERR_SIZE;
    if (!base_ok(base))
        return KIT_ERR_DOMAIN;
    for (size_t i = 0; i < (d + 1) / 2; i++)
        omega[i] = omega_of(i, d, base);
    return KIT_OK;
    /* END SOLUTION */
}

int pe_table(double *pe /* (n, d), row-major */, size_t n, size_t d, double base)
{
    /* TODO: check the arguments, then fill pe[pos*d + j] with sin(pos*omega_i)
       for even j and cos(pos*omega_i) for odd j, where i = j/2. */
    /* BEGIN SOLUTION */
    int status = table_args(pe, n, d, base);
    if (status != KIT_OK)
        return status;
    /* listing: pe-table */
    for (size_t pos = 0; pos < n; pos++)
        for (size_t j = 0; j < d; j++)
            pe[pos * d + j] = pe_value(pos, j, d, base); /* row-major (n, d) */
    /* end listing: pe-table */
    return KIT_OK;
    /* END SOLUTION */
}

int pe_add(double *x /* (n, d), row-major */, size_t n, size_t d, double base)
{
    /* TODO: check the arguments, then add PE(pos, j) to x[pos*d + j]. */
    /* BEGIN SOLUTION */
    int status = table_args(x, n, d, base);
    if (status != KIT_OK)
        return status;
    for (size_t pos = 0; pos < n; pos++) {
        for (size_t j = 0; j < d; j++)
            x[pos * d + j] += pe_value(pos, j, d, base);
    }
    return KIT_OK;
    /* END SOLUTION */
}

/* BEGIN SOLUTION */
/* 1 when perm holds each of 0 .. n-1 exactly once; seen is (n) scratch. */
static int is_permutation(const size_t *perm, size_t n, unsigned char *seen)
{
    for (size_t pos = 0; pos < n; pos++)
        seen[pos] = 0;
    for (size_t pos = 0; pos < n; pos++) {
        if (perm[pos] >= n || seen[perm[pos]])
            return 0;
        seen[perm[pos]] = 1;
    }
    return 1;
}

static double relu(double v) { return v > 0.0 ? v : 0.0; }
/* END SOLUTION */

int pe_order_gap(const double *x /* (n, d), row-major */, const size_t *perm /* (n) */,
                 size_t n, size_t d, double base, double *gap /* (1) */)
{
    /* TODO: check the arguments (perm must be a permutation), then compute
       || mean_pos relu(x[pos] + PE(pos)) - mean_pos relu(x[perm[pos]] + PE(pos)) ||. */
    /* BEGIN SOLUTION */
    unsigned char *seen;
    double sum_sq = 0.0;
    if (x == NULL || perm == NULL || gap == NULL)
        return KIT_ERR_NULL;
    if (n == 0 || d == 0 || n > SIZE_MAX / sizeof(double) / d)
        return KIT_ERR_SIZE;
    if (!base_ok(base))
        return KIT_ERR_DOMAIN;
    seen = malloc(n);
    if (seen == NULL)
        return KIT_ERR_SIZE;
    if (!is_permutation(perm, n, seen)) {
        free(seen);
        return KIT_ERR_DOMAIN;
    }
    free(seen);
    /* listing: order-gap */
    for (size_t j = 0; j < d; j++) {
        double diff = 0.0; /* sum_pos relu(A[pos][j]) - relu(B[pos][j]) */
        for (size_t pos = 0; pos < n; pos++) {
            double p = pe_value(pos, j, d, base); /* PE(pos, j) */
            diff += relu(x[pos * d + j] + p) - relu(x[perm[pos] * d + j] + p);
        }
        diff /= (double)n;    /* difference of the two means, column j */
        sum_sq += diff * diff;
    }
    *gap = sqrt(sum_sq);      /* Euclidean norm over the d columns     */
    /* end listing: order-gap */
    return KIT_OK;
    /* END SOLUTION */
}
