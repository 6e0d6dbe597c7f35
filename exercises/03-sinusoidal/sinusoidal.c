/*
 * sinusoidal.c — chapter 3: the sin/cos positional encoding.
 * Contract: include/03-sinusoidal.h.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "03-sinusoidal.h"

int pe_omega(double *omega /* ((d + 1) / 2) */, size_t d, double base)
{
    /* TODO: check the arguments (see the header), then store
       omega[i] = base^(-2i/d) for every pair i = 0 .. (d+1)/2 - 1. */
    (void)omega;
    (void)d;
    (void)base;
    return KIT_TODO;
}

int pe_table(double *pe /* (n, d), row-major */, size_t n, size_t d, double base)
{
    /* TODO: check the arguments, then fill pe[pos*d + j] with sin(pos*omega_i)
       for even j and cos(pos*omega_i) for odd j, where i = j/2. */
    (void)pe;
    (void)n;
    (void)d;
    (void)base;
    return KIT_TODO;
}

int pe_add(double *x /* (n, d), row-major */, size_t n, size_t d, double base)
{
    /* TODO: check the arguments, then add PE(pos, j) to x[pos*d + j]. */
    (void)x;
    (void)n;
    (void)d;
    (void)base;
    return KIT_TODO;
}

int pe_order_gap(const double *x /* (n, d), row-major */, const size_t *perm /* (n) */,
                 size_t n, size_t d, double base, double *gap /* (1) */)
{
    /* TODO: check the arguments (perm must be a permutation), then compute
       || mean_pos relu(x[pos] + PE(pos)) - mean_pos relu(x[perm[pos]] + PE(pos)) ||. */
    (void)x;
    (void)perm;
    (void)n;
    (void)d;
    (void)base;
    (void)gap;
    return KIT_TODO;
}
