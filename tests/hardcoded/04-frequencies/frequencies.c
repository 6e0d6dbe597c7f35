/*
 * A submission that computes nothing (tests/suite_diagnosis.py): the argument
 * checks of the header, the book's examples pasted in, constants for anything
 * else. Hidden tests must give it no point.
 */
#include <math.h>
#include <stdint.h>

#include "04-frequencies.h"
#define KIT_JUDGE 1 /* the numbers of the book, pasted */
#include "../../../exercises/04-frequencies/test_data.h"

static int base_ok(double base) { return isfinite(base) && base > 1.0; }

int pe_wavelengths(double *lambda, size_t d, double base, int convention)
{
    if (lambda == NULL)
        return KIT_ERR_NULL;
    if (d == 0 || (convention == PE_T2T && (d % 2 == 1 || d < 4)))
        return KIT_ERR_SIZE;
    if ((convention != PE_PAPER && convention != PE_T2T) || !base_ok(base))
        return KIT_ERR_DOMAIN;
    for (size_t i = 0; i < (d + 1) / 2; i++)
        lambda[i] = d == 8 && base == 10000.0 ? (convention == PE_T2T ? golden_lambda_t2t_d8[i]
                                                                      : golden_lambda_d8[i])
                                              : 6.2831853071795862;
    return KIT_OK;
}

int pe_offset_distance(double *dist, size_t n, size_t p, size_t d, double base)
{
    (void)p;
    if (n > 0 && dist == NULL)
        return KIT_ERR_NULL;
    if (d == 0)
        return KIT_ERR_SIZE;
    if (!base_ok(base))
        return KIT_ERR_DOMAIN;
    for (size_t k = 0; k < n; k++)
        dist[k] = d == 8 && base == 10000.0 && k < 8 ? golden_offset_d8[k] : 0.0;
    return KIT_OK;
}

int pe_closest_pair(size_t n, size_t d, double base, double *dist, size_t *offset)
{
    if (dist == NULL || offset == NULL)
        return KIT_ERR_NULL;
    if (n < 2 || d == 0)
        return KIT_ERR_SIZE;
    if (!base_ok(base))
        return KIT_ERR_DOMAIN;
    *dist = n == 100 && d == 8 ? golden_closest_d8[0] : 1.0;
    *offset = n == 100 && d == 8 ? (size_t)golden_closest_d8[1] : 1;
    return KIT_OK;
}

int pe_smallest_base(size_t n, size_t d, double margin, size_t base_max, size_t *base_min)
{
    if (base_min == NULL)
        return KIT_ERR_NULL;
    if (n < 2 || d == 0)
        return KIT_ERR_SIZE;
    if (!isfinite(margin) || margin <= 0.0 || base_max < 2)
        return KIT_ERR_DOMAIN;
    *base_min = n == 64 && d == 4 && margin == 0.5 ? (size_t)golden_base_d4_m05[0] : 0;
    return KIT_OK;
}

int pe_separation_bound(double *bound, size_t d, double base)
{
    if (bound == NULL)
        return KIT_ERR_NULL;
    if (d < 2)
        return KIT_ERR_SIZE;
    if (!base_ok(base))
        return KIT_ERR_DOMAIN;
    bound[0] = d == 512 && base == 10000.0 ? golden_bound_d512[0] : 3.14159265358979;
    bound[1] = d == 512 && base == 10000.0 ? golden_bound_d512[1] : 2.0 * sin(0.5);
    return KIT_OK;
}
