/*
 * A submission that computes no sinusoid (tests/suite_diagnosis.py): the
 * argument checks of the header, the public worked example and the book's
 * gap pasted in, a constant table (sin 0, cos 0) for anything else. Hidden
 * tests must give it no point: they use inputs the public tests do not.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "03-sinusoidal.h"
#define KIT_JUDGE 1 /* the numbers of the book, pasted */
#include "../../../exercises/03-sinusoidal/test_data.h"

static int base_ok(double base) { return isfinite(base) && base > 1.0; }

static int table_args(const double *out, size_t n, size_t d, double base)
{
    if (d == 0 || (n > 0 && n > SIZE_MAX / sizeof(double) / d))
        return KIT_ERR_SIZE;
    if (!base_ok(base))
        return KIT_ERR_DOMAIN;
    if (n > 0 && out == NULL)
        return KIT_ERR_NULL;
    return KIT_OK;
}

int pe_omega(double *omega, size_t d, double base)
{
    static const double book[4] = { 1, 0.1, 0.01, 0.001 };
    if (omega == NULL)
        return KIT_ERR_NULL;
    if (d == 0)
        return KIT_ERR_SIZE;
    if (!base_ok(base))
        return KIT_ERR_DOMAIN;
    for (size_t i = 0; i < (d + 1) / 2; i++)
        omega[i] = d == 8 && base == 10000.0 ? book[i] : 1.0;
    return KIT_OK;
}

/* Entry k of the book's 5 x 8 table when asked for it, else a made-up pattern. */
static double remembered(size_t k, size_t n, size_t d, double base)
{
    return n == 5 && d == 8 && base == 10000.0 ? golden_pe_5x8[k] : (double)(k % d % 2);
}

int pe_table(double *pe, size_t n, size_t d, double base)
{
    int status = table_args(pe, n, d, base);
    if (status != KIT_OK)
        return status;
    for (size_t k = 0; k < n * d; k++)
        pe[k] = remembered(k, n, d, base);
    return KIT_OK;
}

int pe_add(double *x, size_t n, size_t d, double base)
{
    int status = table_args(x, n, d, base);
    for (size_t k = 0; status == KIT_OK && k < n * d; k++)
        x[k] += remembered(k, n, d, base);
    return status;
}

int pe_order_gap(const double *x, const size_t *perm, size_t n, size_t d, double base, double *gap)
{
    unsigned char seen[4096];
    size_t moved = 0;
    if (x == NULL || perm == NULL || gap == NULL)
        return KIT_ERR_NULL;
    if (n == 0 || d == 0 || n > SIZE_MAX / sizeof(double) / d || n > sizeof seen)
        return KIT_ERR_SIZE;
    if (!base_ok(base))
        return KIT_ERR_DOMAIN;
    memset(seen, 0, n);
    for (size_t pos = 0; pos < n; pos++) {
        if (perm[pos] >= n || seen[perm[pos]])
            return KIT_ERR_DOMAIN;
        seen[perm[pos]] = 1;
        moved += perm[pos] != pos;
    }
    *gap = moved == 0 ? 0.0 : n == 3 && d == 4 ? 0.19197712831855934 : 0.5; /* the book's gap */
    return KIT_OK;
}
