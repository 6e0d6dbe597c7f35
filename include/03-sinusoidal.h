/*
 * 03-sinusoidal.h — the sinusoidal positional encoding of "Attention Is All
 * You Need" (Vaswani et al., 2017, section 3.5).
 *
 * Convention (the paper's, called A in the chapter): for position pos, pair
 * index i and width d,
 *     omega_i          = base^(-2i/d)
 *     PE(pos, 2i)      = sin(pos * omega_i)      even columns: sin
 *     PE(pos, 2i + 1)  = cos(pos * omega_i)      odd columns:  cos
 * Other conventions exist: tensor2tensor and fairseq put all sines first and
 * all cosines after (concatenated) and use base^(-i/(d/2 - 1)), i.e. the
 * denominator d - 2. Tables are row-major: element (pos, j) is out[pos*d + j].
 * For odd d the last column d - 1 is a sin with no cos partner.
 *
 * Every function returns KIT_OK or an error code from kit.h; on an error it
 * writes nothing.
 *
 * n == 0 (nothing to compute, where a function allows it) is checked last:
 * every other argument is checked first, with its usual error (a zero size
 * -> KIT_ERR_SIZE, a bad base -> KIT_ERR_DOMAIN, a pointer needed whatever n
 * is -> KIT_ERR_NULL); only when all of them are good does n == 0 return
 * KIT_OK with nothing written. For example pe_table(NULL, 0, 4, 0.5) is
 * KIT_ERR_DOMAIN and pe_table(NULL, 0, 0, 10000) is KIT_ERR_SIZE.
 */
#ifndef CH03_SINUSOIDAL_H
#define CH03_SINUSOIDAL_H

#include <stddef.h>

#include "kit.h"

/* listing: contract-pe-omega */
/* The angular frequencies omega_i = base^(-2i/d), i = 0 .. ceil(d/2) - 1.
   Errors: omega NULL -> KIT_ERR_NULL; d == 0 -> KIT_ERR_SIZE;
   base not finite or base <= 1 -> KIT_ERR_DOMAIN. */
int pe_omega(double *omega /* ((d + 1) / 2) */, size_t d, double base);
/* end listing: contract-pe-omega */

/* listing: contract-pe-table */
/* The n x d table PE(pos, j) for pos = 0 .. n-1, j = 0 .. d-1.
   n == 0 is an empty table: KIT_OK, nothing written (pe may then be NULL).
   Errors: pe NULL (n > 0) -> KIT_ERR_NULL; d == 0 or n*d overflows ->
   KIT_ERR_SIZE; base not finite or base <= 1 -> KIT_ERR_DOMAIN. */
int pe_table(double *pe /* (n, d), row-major */, size_t n, size_t d, double base);
/* end listing: contract-pe-table */

/* listing: contract-pe-add */
/* Adds PE(pos, j) to x in place: x[pos*d + j] += PE(pos, j).
   n == 0: KIT_OK, nothing written. Errors as pe_table (x for pe). */
int pe_add(double *x /* (n, d), row-major, in-out */, size_t n, size_t d, double base);
/* end listing: contract-pe-add */

/* listing: contract-pe-order-gap */
/* How far a tiny order-blind model moves when the sentence is shuffled, once
   positions are added. The model is f(X) = mean over rows of relu(X[pos]),
   relu(v) = max(v, 0) per element. With A[pos] = x[pos] + PE(pos) and
   B[pos] = x[perm[pos]] + PE(pos), *gap = || f(A) - f(B) ||_2.
   Errors: a NULL pointer -> KIT_ERR_NULL; n == 0, d == 0 or n*d overflows ->
   KIT_ERR_SIZE; perm not a permutation of 0 .. n-1, or base not finite or
   <= 1 -> KIT_ERR_DOMAIN. */
int pe_order_gap(const double *x /* (n, d), row-major */, const size_t *perm /* (n) */,
                 size_t n, size_t d, double base, double *gap /* (1) */);
/* end listing: contract-pe-order-gap */

#endif /* CH03_SINUSOIDAL_H */
