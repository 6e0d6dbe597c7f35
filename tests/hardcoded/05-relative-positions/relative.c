/*
 * A submission that computes nothing (tests/suite_diagnosis.py): the argument
 * checks of the header, the book's examples pasted in, the identity (or a copy
 * of the input) for anything else. Hidden tests must give it no point.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "05-relative-positions.h"
#define KIT_JUDGE 1 /* the numbers of the book, pasted */
#include "../../../exercises/05-relative-positions/test_data.h"

static int base_ok(double base) { return isfinite(base) && base > 1.0; }
static int fits(size_t rows, size_t cols)
{
    return cols > 0 && rows <= SIZE_MAX / sizeof(double) / cols;
}

int rel_rotation(double *M, int k, size_t d, double base)
{
    if (M == NULL)
        return KIT_ERR_NULL;
    if (d == 0 || !fits(d, d))
        return KIT_ERR_SIZE;
    if (d % 2 != 0 || !base_ok(base))
        return KIT_ERR_DOMAIN;
    for (size_t t = 0; t < d * d; t++)
        M[t] = k == 3 && d == 8 && base == 10000.0 ? golden_m3_d8[t] : (t / d == t % d);
    return KIT_OK;
}

int rel_shift(const double *pe, size_t n, size_t d, int k, double base, double *out)
{
    if (d == 0 || !fits(n, d))
        return KIT_ERR_SIZE;
    if (d % 2 != 0 || !base_ok(base))
        return KIT_ERR_DOMAIN;
    if (n > 0 && (pe == NULL || out == NULL))
        return KIT_ERR_NULL;
    if (n == 5 && d == 8 && base == 10000.0 && (k == 3 || k == -3))
        memmove(out, k == 3 ? golden_pe_3_7 : golden_pe_0_4, sizeof golden_pe_3_7);
    else if (n > 0)
        memmove(out, pe, n * d * sizeof *out);
    return KIT_OK;
}

int rel_gram(const double *pe, size_t n, size_t d, double *G)
{
    (void)pe;
    (void)pe_rows; /* the header's helper, unused here */
    if (pe == NULL || G == NULL)
        return KIT_ERR_NULL;
    if (n == 0 || d == 0 || !fits(n, d) || !fits(n, n))
        return KIT_ERR_SIZE;
    for (size_t t = 0; t < n * n; t++)
        G[t] = 0.0;
    return KIT_OK;
}

int rel_dot_offset(double *dot, int k, size_t d, double base)
{
    if (dot == NULL)
        return KIT_ERR_NULL;
    if (d == 0)
        return KIT_ERR_SIZE;
    if (d % 2 != 0 || !base_ok(base))
        return KIT_ERR_DOMAIN;
    *dot = d == 8 && base == 10000.0 && k >= -4 && k <= 4 ? golden_dot_d8[k < 0 ? -k : k]
                                                            : (double)(d / 2);
    return KIT_OK;
}

int rel_compose(const double *A, const double *B, size_t d, double *C)
{
    if (A == NULL || B == NULL || C == NULL)
        return KIT_ERR_NULL;
    if (d == 0 || !fits(d, d))
        return KIT_ERR_SIZE;
    for (size_t t = 0; t < d * d; t++)
        C[t] = d == 3 ? golden_ab_3x3[t] : (t / d == t % d);
    return KIT_OK;
}
