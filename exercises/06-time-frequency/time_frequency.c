/*
 * time_frequency.c — chapter 6: the PE table as a time-frequency plot.
 * Contract: include/06-time-frequency.h.
 */
#include <math.h>
#include <stdint.h>

#include "06-time-frequency.h"

int tf_dft(const double *x /* (N) */, size_t N, double *re /* (N) */, double *im /* (N) */)
{
    /* TODO: check the arguments, then for every k = 0 .. N-1 store
       re[k] + i im[k] = sum_n x[n] e^{-2 pi i k n / N} (no 1/N). */
    (void)x;
    (void)N;
    (void)re;
    (void)im;
    return KIT_TODO;
}

int tf_fft(const double *x /* (N) */, size_t N, double *re /* (N) */, double *im /* (N) */)
{
    /* TODO: check the arguments (N a power of two), put x into re in
       bit-reversed order (im = 0), then combine blocks of length 2, 4, ..., N
       with butterflies whose twiddle factors are e^{-2 pi i t / len}. */
    (void)x;
    (void)N;
    (void)re;
    (void)im;
    return KIT_TODO;
}

int tf_peak(const double *pe /* (n, d), row-major */, size_t n, size_t d, size_t j,
            size_t *k /* (1) */, double *f /* (1) */)
{
    /* TODO: check the arguments, find the largest |X_k| of column j over
       k = 0 .. n/2, then the smallest k within a factor (1 - 1e-9) of it;
       store k and k / n. */
    (void)pe;
    (void)n;
    (void)d;
    (void)j;
    (void)k;
    (void)f;
    return KIT_TODO;
}

int tf_omega(const double *pe /* (n, d), row-major */, size_t n, size_t d,
             double *omega /* (d / 2) */)
{
    /* TODO: check the arguments (every value finite, every pair on the unit
       circle), then for each pair i: the angle of row pos is atan2(sin, cos);
       a first estimate from rows 0 and 1, refined with row n - 1. */
    (void)pe;
    (void)n;
    (void)d;
    (void)omega;
    return KIT_TODO;
}
