/*
 * unit_interval.c — chapter 2: positions squeezed into [0, 1].
 * Contract: include/02-unit-interval.h.
 */
#include <stdint.h>

#include "02-unit-interval.h"

int unit_positions(double *t /* (n) */, size_t n)
{
    /* TODO: check the arguments (see the header), then store t[pos] =
       pos / (n - 1) for pos = 0 .. n-1 -- with n == 1 in mind. */
    (void)t;
    (void)n;
    return KIT_TODO;
}

int unit_offset_code(size_t k, size_t n, double *delta /* (1) */)
{
    /* TODO: check the arguments, then store the code distance of an offset
       of k tokens in a sentence of n tokens. */
    (void)k;
    (void)n;
    (void)delta;
    return KIT_TODO;
}

int unit_code_range(size_t pos, size_t n_min, size_t n_max, double *lo /* (1) */,
                    double *hi /* (1) */)
{
    /* TODO: check the arguments, then find the smallest and the largest code
       of position pos over the lengths n_min .. n_max that contain pos. */
    (void)pos;
    (void)n_min;
    (void)n_max;
    (void)lo;
    (void)hi;
    return KIT_TODO;
}

int unit_pos_add(double *x /* (n, d), row-major */, size_t n, size_t d)
{
    /* TODO: check the arguments, then add t(pos, n) to every element of
       row pos. */
    (void)x;
    (void)n;
    (void)d;
    return KIT_TODO;
}
