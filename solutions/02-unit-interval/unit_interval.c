/*
 * unit_interval.c — chapter 2: positions squeezed into [0, 1].
 * Contract: include/02-unit-interval.h.
 */
#include <stdint.h>

#include "02-unit-interval.h"

/* BEGIN SOLUTION */
/* t(pos, n) = pos / (n - 1), computed in double; t(0, 1) = 0. */
static double unit_code(size_t pos, size_t n)
{
    /* listing: unit-code */
    if (n == 1)
        return 0.0;                             /* one token sits at 0: never 0/0 */
    return (double)pos / (double)(n - 1);       /* pos/(n-1), divided in double   */
    /* end listing: unit-code */
}
/* END SOLUTION */

int unit_positions(double *t /* (n) */, size_t n)
{
    /* TODO: check the arguments (see the header), then store t[pos] =
       pos / (n - 1) for pos = 0 .. n-1 -- with n == 1 in mind. */
    /* BEGIN SOLUTION */
    if (n == 0)
        return KIT_OK;
    if (t == NULL)
        return KIT_ERR_NULL;
    for (size_t pos = 0; pos < n; pos++)
        t[pos] = unit_code(pos, n);             /* the code of position pos */
    return KIT_OK;
    /* END SOLUTION */
}

int unit_offset_code(size_t k, size_t n, double *delta /* (1) */)
{
    /* TODO: check the arguments, then store the code distance of an offset
       of k tokens in a sentence of n tokens. */
    /* BEGIN SOLUTION */
    if (delta == NULL)
        return KIT_ERR_NULL;
    if (n == 0)
        return KIT_ERR_SIZE;
    if (k >= n)
        return KIT_ERR_DOMAIN;
    *delta = unit_code(k, n);   /* t(pos + k) - t(pos) = k/(n-1) = t(k, n) */
    return KIT_OK;
    /* END SOLUTION */
}

int unit_code_range(size_t pos, size_t n_min, size_t n_max, double *lo /* (1) */,
                    double *hi /* (1) */)
{
    /* TODO: check the arguments, then find the smallest and the largest code
       of position pos over the lengths n_min .. n_max that contain pos. */
    /* BEGIN SOLUTION */
    if (lo == NULL || hi == NULL)
        return KIT_ERR_NULL;
    if (n_min == 0 || n_min > n_max)
        return KIT_ERR_SIZE;
    if (n_max <= pos)
        return KIT_ERR_DOMAIN;
    /* listing: code-range */
    size_t n_first = (n_min > pos) ? n_min : pos + 1; /* shortest length with pos */
    *hi = unit_code(pos, n_first);   /* t(pos, n) falls as n grows: largest here */
    *lo = unit_code(pos, n_max);     /* ... and smallest at the longest length   */
    /* end listing: code-range */
    return KIT_OK;
    /* END SOLUTION */
}

int unit_pos_add(double *x /* (n, d), row-major */, size_t n, size_t d)
{
    /* TODO: check the arguments, then add t(pos, n) to every element of
       row pos. */
    /* BEGIN SOLUTION */
    if (d == 0 || (n > 0 && n > SIZE_MAX / sizeof(double) / d))
        return KIT_ERR_SIZE;
    if (n == 0)
        return KIT_OK;
    if (x == NULL)
        return KIT_ERR_NULL;
    for (size_t pos = 0; pos < n; pos++) {
        double code = unit_code(pos, n);        /* t(pos, n), once per row */
        for (size_t j = 0; j < d; j++)
            x[pos * d + j] += code;             /* same code in every column */
    }
    return KIT_OK;
    /* END SOLUTION */
}
