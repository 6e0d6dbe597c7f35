/*
 * 05-relative-positions.h — relative positions in the sinusoidal encoding:
 * "PE(pos + k) is a linear function of PE(pos)" (Vaswani et al., 2017,
 * section 3.5), made exact.
 *
 * Convention (the paper's, as in chapter 3): omega_i = base^(-2i/d),
 * PE(pos, 2i) = sin(pos * omega_i), PE(pos, 2i + 1) = cos(pos * omega_i).
 * With the pair stored as (sin theta, cos theta), a shift by k positions is
 *     sin(theta + k omega) =  cos(k omega) sin theta + sin(k omega) cos theta
 *     cos(theta + k omega) = -sin(k omega) sin theta + cos(k omega) cos theta
 * so PE(pos + k) = M_k PE(pos), where M_k is block diagonal with the 2 x 2
 * block [[cos k omega_i, sin k omega_i], [-sin k omega_i, cos k omega_i]] at
 * rows and columns 2i, 2i + 1. M_k does not depend on pos.
 *
 * The offset k is a signed int: k < 0 shifts towards earlier positions
 * (M_{-k} = M_k^T). Matrices and tables are row-major: element (r, c) of an
 * (R, C) array is a[r*C + c].
 *
 * Odd d: the last column d - 1 is a sin with no cos partner, and
 * sin((pos + k) omega) is not a multiple of sin(pos omega) for all pos, so no
 * M_k exists. Every function built on the pairs (rel_rotation, rel_shift,
 * rel_dot_offset) returns KIT_ERR_DOMAIN for odd d.
 *
 * Every function returns KIT_OK or an error code from kit.h; on an error it
 * writes nothing.
 *
 * n == 0 (nothing to compute, where a function allows it) is checked last:
 * every other argument is checked first, with its usual error (a zero size
 * -> KIT_ERR_SIZE, a bad base -> KIT_ERR_DOMAIN, a pointer needed whatever n
 * is -> KIT_ERR_NULL); only when all of them are good does n == 0 return
 * KIT_OK with nothing written. For example rel_shift(NULL, 0, 4, 1, 0.5,
 * NULL) is KIT_ERR_DOMAIN.
 */
#ifndef CH05_RELATIVE_POSITIONS_H
#define CH05_RELATIVE_POSITIONS_H

#include <stddef.h>

#include "kit.h"

/* listing: contract-rel-rotation */
/* The d x d matrix M_k with PE(pos + k) = M_k PE(pos) for every pos: zero
   except the 2 x 2 blocks [[cos k omega_i, sin k omega_i],
   [-sin k omega_i, cos k omega_i]] at rows/columns 2i, 2i + 1.
   k may be negative or zero (M_0 is the identity).
   Errors: M NULL -> KIT_ERR_NULL; d == 0 or d * d overflows -> KIT_ERR_SIZE;
   d odd, or base not finite or <= 1 -> KIT_ERR_DOMAIN. */
int rel_rotation(double *M /* (d, d), row-major */, int k, size_t d, double base);
/* end listing: contract-rel-rotation */

/* listing: contract-rel-shift */
/* Applies M_k to each of the n rows of pe: out[r] = M_k pe[r], without
   forming M_k. When pe holds PE(p_0), ..., PE(p_{n-1}), out holds
   PE(p_0 + k), ..., PE(p_{n-1} + k). The same k for every row: the result
   for a row never depends on its row index. out may equal pe (in place).
   n == 0: KIT_OK, nothing written (pointers may then be NULL).
   Errors: pe or out NULL (n > 0) -> KIT_ERR_NULL; d == 0 or n * d
   overflows -> KIT_ERR_SIZE; d odd, or base not finite or <= 1 ->
   KIT_ERR_DOMAIN. */
int rel_shift(const double *pe /* (n, d), row-major */, size_t n, size_t d, int k,
              double base, double *out /* (n, d), row-major */);
/* end listing: contract-rel-shift */

/* listing: contract-rel-gram */
/* The n x n Gram matrix of the rows of a table: G[p*n + q] = pe[p] . pe[q]
   (dot product of rows p and q, each of d values). Any table, any d >= 1.
   Errors: pe or G NULL -> KIT_ERR_NULL; n == 0, d == 0, n * d or n * n
   overflows -> KIT_ERR_SIZE. */
int rel_gram(const double *pe /* (n, d), row-major */, size_t n, size_t d,
             double *G /* (n, n), row-major */);
/* end listing: contract-rel-gram */

/* listing: contract-rel-dot-offset */
/* The dot product of two encodings k positions apart, in closed form:
   *dot = PE(p + k) . PE(p) = sum_{i=0}^{d/2-1} cos(k omega_i), the same for
   every p. k may be negative (the value is even in k).
   Errors: dot NULL -> KIT_ERR_NULL; d == 0 -> KIT_ERR_SIZE; d odd, or base
   not finite or <= 1 -> KIT_ERR_DOMAIN. */
int rel_dot_offset(double *dot /* (1) */, int k, size_t d, double base);
/* end listing: contract-rel-dot-offset */

/* listing: contract-rel-compose */
/* The product C = A B of two d x d matrices: C[r*d + c] = sum_t A[r*d + t]
   B[t*d + c]. With A = M_a and B = M_b it gives M_{a+b} (the group law).
   C must not overlap A or B.
   Errors: a NULL pointer -> KIT_ERR_NULL; d == 0 or d * d overflows ->
   KIT_ERR_SIZE. */
int rel_compose(const double *A /* (d, d), row-major */, const double *B /* (d, d), row-major */,
                size_t d, double *C /* (d, d), row-major */);
/* end listing: contract-rel-compose */

#endif /* CH05_RELATIVE_POSITIONS_H */
