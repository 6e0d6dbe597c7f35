/*
 * frequencies.c — chapter 4: the ladder of frequencies, and how far apart it
 * keeps positions. Contract: include/04-frequencies.h.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "04-frequencies.h"

int pe_wavelengths(double *lambda /* ((d + 1) / 2) */, size_t d, double base, int convention)
{
    /* TODO: check the arguments (see the header), then store
       lambda[i] = 2 pi / omega_i for i = 0 .. (d+1)/2 - 1, with the exponent
       denominator d (PE_PAPER) or d - 2 (PE_T2T). */
    (void)lambda;
    (void)d;
    (void)base;
    (void)convention;
    return KIT_TODO;
}

int pe_offset_distance(double *dist /* (n) */, size_t n, size_t p, size_t d, double base)
{
    /* TODO: check the arguments, then store dist[k] = ||PE(p + k) - PE(p)||
       for k = 0 .. n-1, using sum_i 4 sin^2(k omega_i / 2) for the full
       pairs plus the lone sin column's own term when d is odd. */
    (void)dist;
    (void)n;
    (void)p;
    (void)d;
    (void)base;
    return KIT_TODO;
}

int pe_closest_pair(size_t n, size_t d, double base, double *dist /* (1) */,
                    size_t *offset /* (1) */)
{
    /* TODO: check the arguments, then scan the offsets k = 1 .. n-1: the
       distance of (p, p + k) depends on k only (plus, for odd d, the lone
       column's term, smallest over p). Keep the smallest distance and its k. */
    (void)n;
    (void)d;
    (void)base;
    (void)dist;
    (void)offset;
    return KIT_TODO;
}

int pe_smallest_base(size_t n, size_t d, double margin, size_t base_max,
                     size_t *base_min /* (1) */)
{
    /* TODO: check the arguments, then try b = 2, 3, ..., base_max in turn
       and stop at the first whose closest pair over [0, n) is at least
       margin apart; 0 if none is. */
    (void)n;
    (void)d;
    (void)margin;
    (void)base_max;
    (void)base_min;
    return KIT_TODO;
}

int pe_separation_bound(double *bound /* (2) */, size_t d, double base)
{
    /* TODO: check the arguments, then store the reach (half the longest
       full-pair wavelength) and the margin 2 sin(1/2), lowered to
       2 sin(pi / (2 r)) when there are two full pairs or more. */
    (void)bound;
    (void)d;
    (void)base;
    return KIT_TODO;
}
