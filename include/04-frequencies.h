/*
 * 04-frequencies.h — the frequencies of the sinusoidal encoding: a geometric
 * ladder of wavelengths, how far apart it keeps positions, and what the base
 * (10000 in the paper) has to do with it.
 *
 * Convention (the paper's, called A in chapter 3): for pair index i and width d,
 *     omega_i          = base^(-2i/d)        angular frequency, radians per position
 *     lambda_i         = 2 pi / omega_i      wavelength, positions per cycle
 *     PE(pos, 2i)      = sin(pos * omega_i)
 *     PE(pos, 2i + 1)  = cos(pos * omega_i)
 * For odd d the last column d - 1 is the sin of pair (d - 1) / 2, with no cos.
 * Convention C (tensor2tensor, fairseq) uses omega_i = base^(-2i/(d - 2)).
 * Distances are Euclidean: ||PE(p) - PE(q)|| = sqrt(sum_j (PE(p, j) - PE(q, j))^2).
 *
 * Every function returns KIT_OK or an error code from kit.h; on an error it
 * writes nothing. Arguments are checked in the order NULL, size, domain.
 *
 * n == 0 (nothing to compute, where a function allows it) is checked last:
 * every other argument is checked first, with its usual error (a zero size
 * -> KIT_ERR_SIZE, a bad base -> KIT_ERR_DOMAIN, a pointer needed whatever n
 * is -> KIT_ERR_NULL); only when all of them are good does n == 0 return
 * KIT_OK with nothing written. For example pe_offset_distance(NULL, 0, 0, 0,
 * 10000) is KIT_ERR_SIZE (d == 0).
 */
#ifndef CH04_FREQUENCIES_H
#define CH04_FREQUENCIES_H

#include <stddef.h>

#include "kit.h"

/* The two exponent conventions pe_wavelengths knows. */
#define PE_PAPER 0 /* omega_i = base^(-2i/d): the paper, this kit                */
#define PE_T2T 1   /* omega_i = base^(-2i/(d - 2)): tensor2tensor, fairseq, even d */

/* listing: contract-pe-wavelengths */
/* The wavelengths lambda_i = 2 pi / omega_i, in positions, of every pair
   i = 0 .. (d+1)/2 - 1, under the given convention (PE_PAPER or PE_T2T).
   Errors: lambda NULL -> KIT_ERR_NULL; d == 0, or PE_T2T with d odd or d < 4
   (its d - 2 needs two pairs at least) -> KIT_ERR_SIZE; convention unknown,
   base not finite or base <= 1 -> KIT_ERR_DOMAIN. */
int pe_wavelengths(double *lambda /* ((d + 1) / 2) */, size_t d, double base, int convention);
/* end listing: contract-pe-wavelengths */

/* listing: contract-pe-offset-distance */
/* The distances dist[k] = ||PE(p + k) - PE(p)|| for k = 0 .. n-1, convention A.
   For even d they do not depend on p; for odd d the lone sin column adds
   (sin((p + k) w) - sin(p w))^2 under the root, w the omega of its pair,
   which does. n == 0 (d and base valid): KIT_OK, nothing written (dist may
   then be NULL).
   Errors: dist NULL (n > 0) -> KIT_ERR_NULL; d == 0 -> KIT_ERR_SIZE;
   base not finite or base <= 1 -> KIT_ERR_DOMAIN. */
int pe_offset_distance(double *dist /* (n) */, size_t n, size_t p, size_t d, double base);
/* end listing: contract-pe-offset-distance */

/* listing: contract-pe-closest-pair */
/* The closest two positions of [0, n): *dist = min over 0 <= p < q < n of
   ||PE(q) - PE(p)|| (convention A), *offset = q - p for that pair; when
   several offsets give the same distance, the smallest. Cost O(n d) for even
   d; odd d adds O(n^2) for the lone sin column.
   Errors: dist or offset NULL -> KIT_ERR_NULL; n < 2 (no pair) or d == 0 ->
   KIT_ERR_SIZE; base not finite or base <= 1 -> KIT_ERR_DOMAIN. */
int pe_closest_pair(size_t n, size_t d, double base, double *dist /* (1) */,
                    size_t *offset /* (1) */);
/* end listing: contract-pe-closest-pair */

/* listing: contract-pe-smallest-base */
/* The smallest integer base that keeps every two positions of [0, n) at
   least margin apart: a scan of b = 2, 3, ..., base_max, stopping at the
   first b whose closest pair (pe_closest_pair with base b) is >= margin.
   *base_min = that b, or 0 when no b <= base_max does. A scan, not a
   bisection: the closest distance is not monotone in the base.
   Cost O(b n d) for the b scanned (odd d: O(b n^2)).
   Errors: base_min NULL -> KIT_ERR_NULL; n < 2 or d == 0 -> KIT_ERR_SIZE;
   margin not finite or <= 0, base_max < 2 -> KIT_ERR_DOMAIN. */
int pe_smallest_base(size_t n, size_t d, double margin, size_t base_max,
                     size_t *base_min /* (1) */);
/* end listing: contract-pe-smallest-base */

/* listing: contract-pe-separation-bound */
/* What the ladder guarantees, from its d/2 full pairs alone (a lone sin
   column of odd d can only add distance):
     bound[0] = reach  = lambda_max / 2 = pi * base^(2(d/2 - 1)/d), half the
                         longest full-pair wavelength;
     bound[1] = margin = 2 sin(1/2) if d/2 == 1, else
                         min(2 sin(1/2), 2 sin(pi / (2 r))), r = base^(2/d).
   Any two positions whose offset k satisfies 1 <= k < reach are at least
   margin apart (proof in section 4.5).
   Errors: bound NULL -> KIT_ERR_NULL; d < 2 (no full pair) -> KIT_ERR_SIZE;
   base not finite or base <= 1 -> KIT_ERR_DOMAIN. */
int pe_separation_bound(double *bound /* (2) */, size_t d, double base);
/* end listing: contract-pe-separation-bound */

#endif /* CH04_FREQUENCIES_H */
