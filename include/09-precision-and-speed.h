/*
 * 09-precision-and-speed.h — what float costs in accuracy, and how to build
 * the PE table fast without losing double accuracy.
 *
 * Convention A as in chapter 3: omega_i = base^(-2i/d), PE(pos, 2i) =
 * sin(pos * omega_i), PE(pos, 2i + 1) = cos(pos * omega_i); for odd d the
 * last column d - 1 is a lone sin. Tables are row-major: element (pos, j) is
 * pe[pos*d + j]. "libm" below means: omega_i = pow(base, -2.0 * i / d), then
 * sin and cos of (double)pos * omega_i, all in double. Compute omega_i
 * with that pow: another formula (exp(-2i/d * log(base))) rounds it a few
 * ulps differently, pos * omega_i then moves by ~1e-13 at pos 2048, and
 * ps_table_rotate and ps_drift are checked against this recurrence more
 * tightly than that (so that a wrong R shows).
 *
 * Every function returns KIT_OK or an error code from kit.h; on an error it
 * writes nothing. When several arguments are bad, the first error in the
 * order KIT_ERR_NULL, KIT_ERR_SIZE, KIT_ERR_DOMAIN is returned.
 *
 * n == 0 (nothing to compute, where a function allows it) is checked last:
 * every other argument is checked first, with its usual error (a zero size
 * -> KIT_ERR_SIZE, a bad base -> KIT_ERR_DOMAIN, a pointer needed whatever n
 * is -> KIT_ERR_NULL); only when all of them are good does n == 0 return
 * KIT_OK with nothing written. For example ps_table_fast(NULL, 0, 4, 0.5) is
 * KIT_ERR_DOMAIN.
 */
#ifndef CH09_PRECISION_AND_SPEED_H
#define CH09_PRECISION_AND_SPEED_H

#include <stddef.h>

#include "kit.h"

/* listing: contract-ps-float-error */
/* *err = max over j = 0 .. d-1 of |PE_float(pos, j) - PE(pos, j)|, where
   PE is the libm value and PE_float the float path, every step in float:
     e_i     = -2.0f * (float)i / (float)d          (float division)
     omega_f = powf((float)base, e_i)
     theta_f = (float)pos * omega_f                 (a float product)
     PE_float(pos, 2i) = sinf(theta_f), PE_float(pos, 2i + 1) = cosf(theta_f).
   (float)pos is exact for pos < 2^24.
   Errors: err NULL -> KIT_ERR_NULL; d == 0 -> KIT_ERR_SIZE; base not finite,
   base <= 1 or base > FLT_MAX -> KIT_ERR_DOMAIN. */
int ps_float_error(size_t pos, size_t d, double base, double *err /* (1) */);
/* end listing: contract-ps-float-error */

/* listing: contract-ps-table-rotate */
/* The n x d table by the angle-addition (rotation) recurrence, in double.
   Row pos is seeded from libm when pos % R == 0 (so row 0 always is):
   (s, c) = (sin, cos)(pos * omega_i). Any other row is the previous one
   turned by omega_i:
     s' = s cos(omega_i) + c sin(omega_i),  c' = c cos(omega_i) - s sin(omega_i),
   with cos(omega_i), sin(omega_i) from libm. R >= n: only row 0 is seeded.
   For odd d the last pair's c is carried along but not stored.
   n == 0 is an empty table: KIT_OK, nothing written (pe may be NULL).
   Errors: pe NULL (n > 0) -> KIT_ERR_NULL; d == 0, R == 0 or n*d overflows ->
   KIT_ERR_SIZE; base not finite or <= 1 -> KIT_ERR_DOMAIN. */
int ps_table_rotate(double *pe /* (n, d), row-major */, size_t n, size_t d, double base,
                    size_t R);
/* end listing: contract-ps-table-rotate */

/* listing: contract-ps-drift */
/* How far the recurrence drifts when it is never reseeded:
   drift[pos] = max over j of |T(pos, j) - PE(pos, j)|, T the table of
   ps_table_rotate with R >= n (seeded at row 0 only), PE the libm value with
   the same omega_i. drift[0] = drift[1] = 0 exactly (row 1 is sin, cos of
   omega_i itself). No table is stored: memory O(1) beyond drift.
   Errors: drift NULL -> KIT_ERR_NULL; n == 0 or d == 0 -> KIT_ERR_SIZE;
   base not finite or <= 1 -> KIT_ERR_DOMAIN. */
int ps_drift(double *drift /* (n) */, size_t n, size_t d, double base);
/* end listing: contract-ps-drift */

/* listing: contract-ps-table-fast */
/* The n x d table, fast (timed by `make bench`, never by the tests), and as
   accurate as libm where it matters. Promised and tested for n <= 4096:
   every value within 1e-12 of libm, every pair (s, c) on the unit circle to
   |s^2 + c^2 - 1| <= 1e-13, row 0 exactly (0, 1, 0, 1, ...).
   n == 0: KIT_OK, nothing written (pe may be NULL).
   Errors: pe NULL (n > 0) -> KIT_ERR_NULL; d == 0 or n*d overflows ->
   KIT_ERR_SIZE; base not finite or <= 1 -> KIT_ERR_DOMAIN. */
int ps_table_fast(double *pe /* (n, d), row-major */, size_t n, size_t d, double base);
/* end listing: contract-ps-table-fast */

#endif /* CH09_PRECISION_AND_SPEED_H */
