/*
 * 02-unit-interval.h — the second fix: squeeze the positions of a sentence
 * of n tokens into [0, 1], t(pos, n) = pos / (n - 1), and why it fails: the
 * step 1/(n-1) between neighbours depends on n, so an offset of k tokens
 * and a position pos get a different code in every sentence length.
 *
 * Definitions used by every function:
 *     t(pos, n) = pos / (n - 1)      for n >= 2, pos = 0 .. n-1
 *     t(0, 1)   = 0                  a single token sits at 0 (never 0/0)
 * Division is in double, never in integers. Matrices are row-major:
 * element (pos, j) of an n x d matrix x is x[pos*d + j].
 *
 * Every function returns KIT_OK or an error code from kit.h; on an error it
 * writes nothing.
 *
 * n == 0 (nothing to compute, where a function allows it) is checked last:
 * every other argument is checked first, with its usual error (a zero size
 * -> KIT_ERR_SIZE, a bad base -> KIT_ERR_DOMAIN, a pointer needed whatever n
 * is -> KIT_ERR_NULL); only when all of them are good does n == 0 return
 * KIT_OK with nothing written. For example unit_pos_add(NULL, 0, 0) is
 * KIT_ERR_SIZE (d == 0).
 */
#ifndef CH02_UNIT_INTERVAL_H
#define CH02_UNIT_INTERVAL_H

#include <stddef.h>

#include "kit.h"

/* listing: contract-unit-positions */
/* The codes of a sentence of n tokens: t[pos] = t(pos, n), pos = 0 .. n-1,
   so t[0] = 0 and t[n-1] = 1 when n >= 2; n == 1 gives t[0] = 0.
   n == 0 is an empty sentence: KIT_OK, nothing written (t may be NULL).
   Errors: t NULL with n > 0 -> KIT_ERR_NULL. */
int unit_positions(double *t /* (n) */, size_t n);
/* end listing: contract-unit-positions */

/* listing: contract-unit-offset-code */
/* The encoded distance of an offset of k tokens in a sentence of n tokens:
   *delta = t(pos + k, n) - t(pos, n) = k / (n - 1), the same for every pos;
   n == 1 has only the offset k = 0, with *delta = 0.
   Errors, checked in this order (the first that applies is returned):
   delta NULL -> KIT_ERR_NULL; n == 0 -> KIT_ERR_SIZE;
   k >= n (no two positions of the sentence are k apart) -> KIT_ERR_DOMAIN. */
int unit_offset_code(size_t k, size_t n, double *delta /* (1) */);
/* end listing: contract-unit-offset-code */

/* listing: contract-unit-code-range */
/* The codes one position gets across sentence lengths: over every length n
   with n_min <= n <= n_max that has a position pos (n > pos),
   *lo = min t(pos, n) and *hi = max t(pos, n).
   Errors, checked in this order (the first that applies is returned):
   lo or hi NULL -> KIT_ERR_NULL; n_min == 0 or n_min > n_max ->
   KIT_ERR_SIZE; n_max <= pos (no length in the range has position pos) ->
   KIT_ERR_DOMAIN. */
int unit_code_range(size_t pos, size_t n_min, size_t n_max, double *lo /* (1) */,
                    double *hi /* (1) */);
/* end listing: contract-unit-code-range */

/* listing: contract-unit-pos-add */
/* Adds the code of each row's position to every dimension of the row, in
   place: x[pos*d + j] += t(pos, n), pos = 0 .. n-1, j = 0 .. d-1.
   n == 0: KIT_OK, nothing written (x may be NULL).
   Errors: x NULL with n > 0 -> KIT_ERR_NULL; d == 0 or n*d overflowing
   size_t -> KIT_ERR_SIZE. */
int unit_pos_add(double *x /* (n, d), row-major, in-out */, size_t n, size_t d);
/* end listing: contract-unit-pos-add */

#endif /* CH02_UNIT_INTERVAL_H */
