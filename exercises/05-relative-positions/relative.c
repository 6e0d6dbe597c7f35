/*
 * relative.c — chapter 5: a shift by k positions is a rotation M_k.
 * Contract: include/05-relative-positions.h.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "05-relative-positions.h"

int rel_rotation(double *M /* (d, d), row-major */, int k, size_t d, double base)
{
    /* TODO: check the arguments (see the header), then write M_k: zeros, and for
       each pair i the block [[cos k w, sin k w], [-sin k w, cos k w]], w = omega_i,
       at rows and columns 2i, 2i + 1. */
    (void)M;
    (void)k;
    (void)d;
    (void)base;
    return KIT_TODO;
}

int rel_shift(const double *pe /* (n, d), row-major */, size_t n, size_t d, int k,
              double base, double *out /* (n, d), row-major */)
{
    /* TODO: check the arguments, then rotate each (sin, cos) pair of each row by
       k * omega_i, as M_k would, keeping both old values until both new ones
       are computed (out may be pe). */
    (void)pe;
    (void)n;
    (void)d;
    (void)k;
    (void)base;
    (void)out;
    return KIT_TODO;
}

int rel_gram(const double *pe /* (n, d), row-major */, size_t n, size_t d,
             double *G /* (n, n), row-major */)
{
    /* TODO: check the arguments, then G[p*n + q] = sum_j pe[p*d + j] * pe[q*d + j]. */
    (void)pe;
    (void)n;
    (void)d;
    (void)G;
    return KIT_TODO;
}

int rel_dot_offset(double *dot /* (1) */, int k, size_t d, double base)
{
    /* TODO: check the arguments, then *dot = sum over pairs i of cos(k * omega_i). */
    (void)dot;
    (void)k;
    (void)d;
    (void)base;
    return KIT_TODO;
}

int rel_compose(const double *A /* (d, d), row-major */, const double *B /* (d, d), row-major */,
                size_t d, double *C /* (d, d), row-major */)
{
    /* TODO: check the arguments, then C = A B (row r of A times column c of B). */
    (void)A;
    (void)B;
    (void)d;
    (void)C;
    return KIT_TODO;
}
