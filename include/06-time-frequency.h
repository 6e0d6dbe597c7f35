/*
 * 06-time-frequency.h — the PE table read as a time-frequency plot, made
 * quantitative with the discrete Fourier transform.
 *
 * Each column j of a sinusoidal PE table (convention A: omega_i = base^(-2i/d),
 * column 2i = sin(pos * omega_i), column 2i + 1 = cos(pos * omega_i)) is a
 * pure sinusoid of omega_i / (2 pi) cycles per position, so its spectrum has
 * one peak. Tables are row-major: element (pos, j) is pe[pos*d + j].
 *
 * DFT convention (numpy's, FFTW's "forward"): for a real signal x of length N,
 *     X_k = sum_{n=0}^{N-1} x_n e^{-2 pi i k n / N},   k = 0 .. N-1,
 * minus sign in the exponent, no normalisation (no 1/N, no 1/sqrt(N)); the
 * inverse carries the 1/N. Bin k is k/N cycles per sample (here: per position).
 *
 * Every function returns KIT_OK or an error code from kit.h; on an error it
 * writes nothing. When several arguments are bad, the first error in the
 * order KIT_ERR_NULL, KIT_ERR_SIZE, KIT_ERR_DOMAIN is returned.
 */
#ifndef CH06_TIME_FREQUENCY_H
#define CH06_TIME_FREQUENCY_H

#include <stddef.h>

#include "kit.h"

/* listing: contract-tf-dft */
/* The DFT of the real signal x (N samples) by the plain O(N^2) sum:
   re[k] = Re X_k, im[k] = Im X_k for k = 0 .. N-1 (convention above).
   re, im and x must not overlap.
   Errors: x, re or im NULL -> KIT_ERR_NULL; N == 0 -> KIT_ERR_SIZE;
   a sample not finite (NaN, inf) -> KIT_ERR_DOMAIN. */
int tf_dft(const double *x /* (N) */, size_t N, double *re /* (N) */, double *im /* (N) */);
/* end listing: contract-tf-dft */

/* listing: contract-tf-fft */
/* The same X_k as tf_dft, by a radix-2 fast Fourier transform in
   O(N log N) operations. N must be a power of two (1, 2, 4, ...).
   Errors: x, re or im NULL -> KIT_ERR_NULL; N == 0 or N not a power of
   two -> KIT_ERR_SIZE; a sample not finite -> KIT_ERR_DOMAIN. */
int tf_fft(const double *x /* (N) */, size_t N, double *re /* (N) */, double *im /* (N) */);
/* end listing: contract-tf-fft */

/* listing: contract-tf-peak */
/* The spectral peak of column j of the (n, d) table pe, a signal of n
   samples x_pos = pe[pos*d + j]. Only bins k = 0 .. n/2 are searched (for a
   real signal |X_{n-k}| = |X_k|); bin 0 (DC, the column's mean) is a
   candidate like any other. Ties: every bin with |X_k| >= (1 - 1e-9) * max
   is a peak, and the smallest such k is returned, so an all-zero column gives
   k = 0. *k = that bin, *f = k / n cycles per position.
   Errors: pe, k or f NULL -> KIT_ERR_NULL; n == 0, d == 0, j >= d or n*d
   overflows -> KIT_ERR_SIZE; a sample of the column not finite ->
   KIT_ERR_DOMAIN. */
int tf_peak(const double *pe /* (n, d), row-major */, size_t n, size_t d, size_t j,
            size_t *k /* (1) */, double *f /* (1) */);
/* end listing: contract-tf-peak */

/* listing: contract-tf-omega */
/* Recovers omega_i, i = 0 .. d/2 - 1, from the (n, d) table alone, from the
   pair (s, c) = (pe[pos*d + 2i], pe[pos*d + 2i + 1]) = (sin, cos)(pos * omega_i).
   Method: the angle of row pos is phi_pos = atan2(s, c); one step gives
   delta = phi_1 - phi_0 wrapped into (-pi, pi]; the last row refines it:
   omega_i = (phi_{n-1} - phi_0 + 2 pi m) / (n - 1), with m the integer that
   brings this closest to delta. Accuracy: |omega - omega_i| <= 1e-13 when
   every table value is within 1e-15 of the exact one and 0 < omega_i < pi.
   For odd d the last column (a lone sin) is ignored.
   Errors: pe or omega NULL -> KIT_ERR_NULL; n < 2, d < 2 or n*d overflows ->
   KIT_ERR_SIZE; a value not finite, or a pair off the unit circle
   (|s^2 + c^2 - 1| > 1e-6) -> KIT_ERR_DOMAIN. */
int tf_omega(const double *pe /* (n, d), row-major */, size_t n, size_t d,
             double *omega /* (d / 2) */);
/* end listing: contract-tf-omega */

#endif /* CH06_TIME_FREQUENCY_H */
