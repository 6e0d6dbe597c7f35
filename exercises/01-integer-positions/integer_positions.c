/*
 * integer_positions.c — chapter 1: from words to ids to vectors, the
 * order-blind mean, and the first fix (integer positions) with its failure.
 * Contract: include/01-integer-positions.h.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>

#include "01-integer-positions.h"

int tokenize_ids(const char *text, const char *const *vocab /* (v) */, size_t v,
                 int *ids /* (max_n) */, size_t max_n, size_t *n /* (1) */)
{
    /* TODO: check the arguments (see the header); count the tokens (runs of
       non-white-space) and, when they fit in max_n, store the id of each
       lower-cased token (0 when it is not in vocab) and their number. */
    (void)text;
    (void)vocab;
    (void)v;
    (void)ids;
    (void)max_n;
    (void)n;
    return KIT_TODO;
}

int embed_lookup(const int *ids /* (n) */, size_t n, const double *E /* (v, d), row-major */,
                 size_t v, size_t d, double *X /* (n, d), row-major */)
{
    /* TODO: check the arguments (every id must lie in 0 .. v-1 before you
       write anything), then copy row ids[pos] of E into row pos of X. */
    (void)ids;
    (void)n;
    (void)E;
    (void)v;
    (void)d;
    (void)X;
    return KIT_TODO;
}

int mean_pool(const double *X /* (n, d), row-major */, size_t n, size_t d,
              double *m /* (d) */)
{
    /* TODO: check the arguments, then m[j] = the mean of column j of X. */
    (void)X;
    (void)n;
    (void)d;
    (void)m;
    return KIT_TODO;
}

int int_pos_add(double *X /* (n, d), row-major */, size_t n, size_t d)
{
    /* TODO: check the arguments, then add pos to every element of row pos. */
    (void)X;
    (void)n;
    (void)d;
    return KIT_TODO;
}

int int_pos_swamp(const double *X /* (n, d), row-major */, size_t n, size_t d,
                  double *ratio /* (n) */)
{
    /* TODO: check the arguments (every value of X must be finite), then
       ratio[pos] = pos * sqrt(d) / ||X[pos]||, with the zero-row rule of the
       header. */
    (void)X;
    (void)n;
    (void)d;
    (void)ratio;
    return KIT_TODO;
}
