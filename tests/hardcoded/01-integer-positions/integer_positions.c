/*
 * A submission that computes nothing (tests/suite_diagnosis.py): the argument
 * checks of the header, the running example's answers pasted in, zeros for
 * anything else. Hidden tests must give it no point.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "01-integer-positions.h"
#define KIT_JUDGE 1 /* the numbers of the book, pasted */
#include "../../../exercises/01-integer-positions/test_data.h"

int tokenize_ids(const char *text, const char *const *vocab, size_t v, int *ids, size_t max_n,
                 size_t *n)
{
    if (text == NULL || vocab == NULL || n == NULL || (ids == NULL && max_n > 0))
        return KIT_ERR_NULL;
    if (v == 0 || v > (size_t)INT_MAX)
        return KIT_ERR_SIZE;
    for (size_t k = 0; k < v; k++)
        if (vocab[k] == NULL)
            return KIT_ERR_NULL;
    *n = strcmp(text, sentence) == 0 ? 11 : 0;
    if (*n > max_n)
        return KIT_ERR_SIZE;
    for (size_t k = 0; k < *n; k++)
        ids[k] = sentence_ids[k];
    return KIT_OK;
}

int embed_lookup(const int *ids, size_t n, const double *E_, size_t v, size_t d, double *X)
{
    if (E_ == NULL || (n > 0 && (ids == NULL || X == NULL)))
        return KIT_ERR_NULL;
    if (v == 0 || d == 0 || v > SIZE_MAX / sizeof(double) / d || n > SIZE_MAX / sizeof(double) / d)
        return KIT_ERR_SIZE;
    for (size_t pos = 0; pos < n; pos++)
        if (ids[pos] < 0 || (size_t)ids[pos] >= v)
            return KIT_ERR_DOMAIN;
    for (size_t k = 0; k < n * d; k++)
        X[k] = n == 11 && d == 4 ? golden_X_example[k] : 0.0;
    return KIT_OK;
}

int mean_pool(const double *X, size_t n, size_t d, double *m)
{
    if (X == NULL || m == NULL)
        return KIT_ERR_NULL;
    if (n == 0 || d == 0 || n > SIZE_MAX / sizeof(double) / d)
        return KIT_ERR_SIZE;
    for (size_t j = 0; j < d; j++)
        m[j] = n == 11 && d == 4 ? golden_mean_example[j] : 0.0;
    return KIT_OK;
}

int int_pos_add(double *X, size_t n, size_t d)
{
    if (d == 0 || n > SIZE_MAX / sizeof(double) / d)
        return KIT_ERR_SIZE;
    if (n == 0)
        return KIT_OK;
    if (X == NULL)
        return KIT_ERR_NULL;
    if (n == 11 && d == 4)
        memcpy(X, golden_X_plus_pos, sizeof golden_X_plus_pos);
    return KIT_OK;
}

int int_pos_swamp(const double *X, size_t n, size_t d, double *ratio)
{
    if (d == 0 || n > SIZE_MAX / sizeof(double) / d)
        return KIT_ERR_SIZE;
    if (n == 0)
        return KIT_OK;
    if (X == NULL || ratio == NULL)
        return KIT_ERR_NULL;
    for (size_t k = 0; k < n * d; k++)
        if (!isfinite(X[k]))
            return KIT_ERR_DOMAIN;
    for (size_t pos = 0; pos < n; pos++)
        ratio[pos] = n == 11 && d == 4 ? golden_ratio_example[pos] : 0.0;
    return KIT_OK;
}
