/*
 * A submission that computes nothing (tests/suite_diagnosis.py): the argument
 * checks of the header, the book's examples pasted in, zeros for anything
 * else. Hidden tests must give it no point.
 */
#include <stdint.h>

#include "02-unit-interval.h"
#define KIT_JUDGE 1 /* the numbers of the book, pasted */
#include "../../../exercises/02-unit-interval/test_data.h"

int unit_positions(double *t, size_t n)
{
    if (n == 0)
        return KIT_OK;
    if (t == NULL)
        return KIT_ERR_NULL;
    for (size_t pos = 0; pos < n; pos++)
        t[pos] = n == 5 ? golden_t_5[pos] : 0.0;
    return KIT_OK;
}

int unit_offset_code(size_t k, size_t n, double *delta)
{
    if (delta == NULL)
        return KIT_ERR_NULL;
    if (n == 0)
        return KIT_ERR_SIZE;
    if (k >= n)
        return KIT_ERR_DOMAIN;
    static const size_t book_n[5] = { 3, 5, 11, 101, 1001 };
    *delta = 0.0;
    for (size_t t = 0; t < 5; t++)
        if (k == 2 && n == book_n[t])
            *delta = golden_offset_2[t];
    return KIT_OK;
}

int unit_code_range(size_t pos, size_t n_min, size_t n_max, double *lo, double *hi)
{
    if (lo == NULL || hi == NULL)
        return KIT_ERR_NULL;
    if (n_min == 0 || n_min > n_max)
        return KIT_ERR_SIZE;
    if (n_max <= pos)
        return KIT_ERR_DOMAIN;
    *lo = golden_range_3_4_11[0];
    *hi = golden_range_3_4_11[1];
    return KIT_OK;
}

int unit_pos_add(double *x, size_t n, size_t d)
{
    if (d == 0 || (n > 0 && n > SIZE_MAX / sizeof(double) / d))
        return KIT_ERR_SIZE;
    if (n == 0)
        return KIT_OK;
    if (x == NULL)
        return KIT_ERR_NULL;
    for (size_t pos = 0; pos < n; pos++)
        for (size_t j = 0; j < d; j++)
            x[pos * d + j] += n == 5 ? golden_t_5[pos] : 0.0;
    return KIT_OK;
}
