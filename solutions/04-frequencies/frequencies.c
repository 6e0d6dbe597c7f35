/*
 * frequencies.c — chapter 4: the ladder of frequencies, and how far apart it
 * keeps positions. Contract: include/04-frequencies.h.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "04-frequencies.h"

/* BEGIN SOLUTION */
#define TWO_PI 6.283185307179586476925286766559 /* 2 pi */

/* 1 when base can be the base of the encoding: finite and above 1. */
static int base_ok(double base)
{
    return isfinite(base) && base > 1.0;
}

/* omega_i = base^(-2i/denominator): d for the paper, d - 2 for tensor2tensor. */
static double omega_of(size_t i, size_t denominator, double base)
{
    /* listing: omega-ladder */
    double exponent = -2.0 * (double)i / (double)denominator; /* -2i/d         */
    return pow(base, exponent);                                /* base^(-2i/d) */
    /* end listing: omega-ladder */
}

/* The full sin/cos pairs' share of ||PE(p + k) - PE(p)||^2; it does not
   depend on p. */
static double pairs_sq(size_t k, size_t d, double base)
{
    double sum = 0.0;
    /* listing: pairs-sq */
    for (size_t i = 0; i < d / 2; i++) {                  /* full pairs only  */
        double angle = (double)k * omega_of(i, d, base);  /* k omega_i        */
        double half = sin(angle / 2.0);                   /* sin(k omega_i/2) */
        sum += 4.0 * half * half;    /* (dsin)^2 + (dcos)^2 = 2 - 2 cos = 4 sin^2(./2) */
    }
    /* end listing: pairs-sq */
    return sum;
}

/* The lone sin column's share for odd d: (sin((p + k) w) - sin(p w))^2,
   w = omega of pair d/2; 0 for even d. It depends on p, not only on k. */
static double lone_sq(size_t p, size_t k, size_t d, double base)
{
    /* listing: lone-sq */
    if (d % 2 == 0)
        return 0.0;                                       /* no lone column   */
    double w = omega_of(d / 2, d, base);                  /* its frequency    */
    double diff = sin(((double)p + (double)k) * w) - sin((double)p * w); /* dsin */
    return diff * diff;
    /* end listing: lone-sq */
}

/* The squared distance of the closest pair (p, p + k) with offset k, over
   every p with p + k < n: the pairs' share plus the smallest lone share. */
static double offset_min_sq(size_t n, size_t k, size_t d, double base)
{
    double lone = 0.0;
    if (d % 2 == 1) {
        lone = INFINITY;
        for (size_t p = 0; p + k < n; p++)
            lone = fmin(lone, lone_sq(p, k, d, base));    /* min over p       */
    }
    return pairs_sq(k, d, base) + lone;
}

/* The closest pair of [0, n), n >= 2: returns its squared distance and sets
   *offset (the smallest offset on a tie). */
static double closest_sq(size_t n, size_t d, double base, size_t *offset)
{
    double best = INFINITY;
    /* listing: closest-scan */
    for (size_t k = 1; k < n; k++) {                      /* k = 0 is p with p */
        double sq = offset_min_sq(n, k, d, base);         /* best pair at k    */
        if (sq < best) {                                  /* strict: first k wins a tie */
            best = sq;
            *offset = k;
        }
    }
    /* end listing: closest-scan */
    return best;
}
/* END SOLUTION */

int pe_wavelengths(double *lambda /* ((d + 1) / 2) */, size_t d, double base, int convention)
{
    /* TODO: check the arguments (see the header), then store
       lambda[i] = 2 pi / omega_i for i = 0 .. (d+1)/2 - 1, with the exponent
       denominator d (PE_PAPER) or d - 2 (PE_T2T). */
    /* BEGIN SOLUTION */
    size_t denominator = d;
    if (lambda == NULL)
        return KIT_ERR_NULL;
    if (d == 0 || (convention == PE_T2T && (d % 2 == 1 || d < 4)))
        return KIT_ERR_SIZE;
    if ((convention != PE_PAPER && convention != PE_T2T) || !base_ok(base))
        return KIT_ERR_DOMAIN;
    if (convention == PE_T2T)
        denominator = d - 2;                              /* tensor2tensor    */
    /* listing: wavelengths */
    for (size_t i = 0; i < (d + 1) / 2; i++) {
        double omega = omega_of(i, denominator, base);    /* radians/position */
        lambda[i] = TWO_PI / omega;                       /* positions/cycle  */
    }
    /* end listing: wavelengths */
    return KIT_OK;
    /* END SOLUTION */
}

int pe_offset_distance(double *dist /* (n) */, size_t n, size_t p, size_t d, double base)
{
    /* TODO: check the arguments, then store dist[k] = ||PE(p + k) - PE(p)||
       for k = 0 .. n-1, using sum_i 4 sin^2(k omega_i / 2) for the full
       pairs plus the lone sin column's own term when d is odd. */
    /* BEGIN SOLUTION */
    if (n > 0 && dist == NULL)
        return KIT_ERR_NULL;
    if (d == 0)
        return KIT_ERR_SIZE;
    if (!base_ok(base))
        return KIT_ERR_DOMAIN;
    /* listing: offset-distance */
    for (size_t k = 0; k < n; k++)
        dist[k] = sqrt(pairs_sq(k, d, base) + lone_sq(p, k, d, base));
    /* end listing: offset-distance */
    return KIT_OK;
    /* END SOLUTION */
}

int pe_closest_pair(size_t n, size_t d, double base, double *dist /* (1) */,
                    size_t *offset /* (1) */)
{
    /* TODO: check the arguments, then scan the offsets k = 1 .. n-1: the
       distance of (p, p + k) depends on k only (plus, for odd d, the lone
       column's term, smallest over p). Keep the smallest distance and its k. */
    /* BEGIN SOLUTION */
    size_t at = 0;
    double best;
    if (dist == NULL || offset == NULL)
        return KIT_ERR_NULL;
    if (n < 2 || d == 0)
        return KIT_ERR_SIZE;
    if (!base_ok(base))
        return KIT_ERR_DOMAIN;
    best = closest_sq(n, d, base, &at);
    *dist = sqrt(best);                                   /* a distance, not its square */
    *offset = at;
    return KIT_OK;
    /* END SOLUTION */
}

int pe_smallest_base(size_t n, size_t d, double margin, size_t base_max,
                     size_t *base_min /* (1) */)
{
    /* TODO: check the arguments, then try b = 2, 3, ..., base_max in turn
       and stop at the first whose closest pair over [0, n) is at least
       margin apart; 0 if none is. */
    /* BEGIN SOLUTION */
    if (base_min == NULL)
        return KIT_ERR_NULL;
    if (n < 2 || d == 0)
        return KIT_ERR_SIZE;
    if (!isfinite(margin) || margin <= 0.0 || base_max < 2)
        return KIT_ERR_DOMAIN;
    /* listing: base-scan */
    for (size_t b = 2; b <= base_max; b++) {
        size_t at = 0;
        double best = closest_sq(n, d, (double)b, &at);   /* closest pair at base b */
        if (sqrt(best) >= margin) {                       /* compare distances      */
            *base_min = b;
            return KIT_OK;
        }
    }
    /* end listing: base-scan */
    *base_min = 0;                                        /* no base up to base_max */
    return KIT_OK;
    /* END SOLUTION */
}

int pe_separation_bound(double *bound /* (2) */, size_t d, double base)
{
    /* TODO: check the arguments, then store the reach (half the longest
       full-pair wavelength) and the margin 2 sin(1/2), lowered to
       2 sin(pi / (2 r)) when there are two full pairs or more. */
    /* BEGIN SOLUTION */
    if (bound == NULL)
        return KIT_ERR_NULL;
    if (d < 2)
        return KIT_ERR_SIZE;
    if (!base_ok(base))
        return KIT_ERR_DOMAIN;
    /* listing: separation-bound */
    size_t pairs = d / 2;                                 /* full pairs only      */
    double lambda_max = TWO_PI / omega_of(pairs - 1, d, base); /* slowest full pair */
    double ratio = pow(base, 2.0 / (double)d);            /* lambda_{i+1} / lambda_i */
    double margin = 2.0 * sin(0.5);                       /* pair 0 at k = 1, 2, 3 */
    if (pairs > 1)
        margin = fmin(margin, 2.0 * sin(TWO_PI / (4.0 * ratio))); /* 2 sin(pi/(2r)) */
    bound[0] = lambda_max / 2.0;                          /* the slowest pair's half turn */
    bound[1] = margin;
    /* end listing: separation-bound */
    return KIT_OK;
    /* END SOLUTION */
}
