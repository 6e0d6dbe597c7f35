/*
 * time_frequency.c — chapter 6: the PE table as a time-frequency plot.
 * Contract: include/06-time-frequency.h.
 */
#include <math.h>
#include <stdint.h>

#include "06-time-frequency.h"

/* BEGIN SOLUTION */
static const double two_pi = 6.283185307179586476925286766559;

/* 1 when the N samples x[0], x[stride], ... are all finite. */
static int all_finite(const double *x, size_t N, size_t stride)
{
    for (size_t n = 0; n < N; n++)
        if (!isfinite(x[n * stride]))
            return 0;
    return 1;
}

/* X_k of the N samples x[0], x[stride], ..., by the plain sum. The index
   k*n is reduced modulo N as it grows (m = k*n mod N), so the angle handed
   to cos and sin stays in [0, 2 pi) and no product k*n can overflow. */
static void dft_bin(const double *x, size_t N, size_t stride, size_t k,
                    double *re_k /* (1) */, double *im_k /* (1) */)
{
    /* listing: dft-bin */
    double re = 0.0, im = 0.0;
    size_t m = 0;                                         /* m = k*n mod N           */
    for (size_t n = 0; n < N; n++) {
        double angle = two_pi * (double)m / (double)N;    /* 2 pi k n / N            */
        re += x[n * stride] * cos(angle);                 /* x_n Re e^{-i angle}     */
        im -= x[n * stride] * sin(angle);                 /* x_n Im e^{-i angle}     */
        m += k;                                           /* next n: m + k ...       */
        if (m >= N)
            m -= N;                                       /* ... reduced modulo N    */
    }
    /* end listing: dft-bin */
    *re_k = re;
    *im_k = im;
}

/* |X_k| of column samples x[0], x[stride], ... */
static double bin_magnitude(const double *x, size_t N, size_t stride, size_t k)
{
    double re, im;
    dft_bin(x, N, stride, k, &re, &im);
    return hypot(re, im);                                 /* |X_k|                   */
}

/* Common checks of tf_dft and tf_fft (pow2: N must be a power of two). */
static int transform_args(const double *x, size_t N, const double *re, const double *im,
                          int pow2)
{
    if (x == NULL || re == NULL || im == NULL)
        return KIT_ERR_NULL;
    if (N == 0 || (pow2 && (N & (N - 1)) != 0))
        return KIT_ERR_SIZE;
    if (!all_finite(x, N, 1))
        return KIT_ERR_DOMAIN;
    return KIT_OK;
}

/* The bit-reversal of t on log2(N) bits (N a power of two). */
static size_t bit_reverse(size_t t, size_t N)
{
    size_t r = 0;
    for (size_t bit = 1; bit < N; bit <<= 1) {
        r = (r << 1) | (t & 1);                           /* take the low bit of t   */
        t >>= 1;
    }
    return r;
}

/* 1 when the table (n, d) fits in memory, size-wise. */
static int table_fits(size_t n, size_t d)
{
    return d > 0 && n <= SIZE_MAX / sizeof(double) / d;
}
/* END SOLUTION */

int tf_dft(const double *x /* (N) */, size_t N, double *re /* (N) */, double *im /* (N) */)
{
    /* TODO: check the arguments, then for every k = 0 .. N-1 store
       re[k] + i im[k] = sum_n x[n] e^{-2 pi i k n / N} (no 1/N). */
    /* BEGIN SOLUTION */
    int status = transform_args(x, N, re, im, 0);
    if (status != KIT_OK)
        return status;
    for (size_t k = 0; k <= N / 2; k++)
        dft_bin(x, N, 1, k, &re[k], &im[k]);
    return KIT_OK;
    /* END SOLUTION */
}

int tf_fft(const double *x /* (N) */, size_t N, double *re /* (N) */, double *im /* (N) */)
{
    /* TODO: check the arguments (N a power of two), put x into re in
       bit-reversed order (im = 0), then combine blocks of length 2, 4, ..., N
       with butterflies whose twiddle factors are e^{-2 pi i t / len}. */
    /* BEGIN SOLUTION */
    int status = transform_args(x, N, re, im, 1);         /* N a power of two        */
    if (status != KIT_OK)
        return status;
    /* listing: fft */
    for (size_t t = 0; t < N; t++) {
        re[bit_reverse(t, N)] = x[t];                     /* decimation in time:     */
        im[t] = 0.0;                                      /* inputs in bit-reversed order */
    }
    for (size_t len = 2; len <= N; len <<= 1) {           /* blocks of len samples   */
        size_t half = len / 2;
        for (size_t t = 0; t < half; t++) {
            double angle = two_pi * (double)t / (double)len;
            double w_re = cos(angle), w_im = -sin(angle); /* w = e^{-2 pi i t / len} */
            for (size_t start = 0; start < N; start += len) {
                size_t a = start + t, b = a + half;
                double v_re = w_re * re[b] - w_im * im[b]; /* v = w * (odd half)     */
                double v_im = w_re * im[b] + w_im * re[b];
                re[b] = re[a] - v_re;                      /* X_{t+half} = E - w O   */
                im[b] = im[a] - v_im;
                re[a] += v_re;                             /* X_t = E + w O          */
                im[a] += v_im;
            }
        }
    }
    /* end listing: fft */
    return KIT_OK;                                        /* FFT done                */
    /* END SOLUTION */
}

int tf_peak(const double *pe /* (n, d), row-major */, size_t n, size_t d, size_t j,
            size_t *k /* (1) */, double *f /* (1) */)
{
    /* TODO: check the arguments, find the largest |X_k| of column j over
       k = 0 .. n/2, then the smallest k within a factor (1 - 1e-9) of it;
       store k and k / n. */
    /* BEGIN SOLUTION */
    double max = 0.0;
    size_t peak = 0;
    if (pe == NULL || k == NULL || f == NULL)
        return KIT_ERR_NULL;
    if (n == 0 || !table_fits(n, d) || j >= d)
        return KIT_ERR_SIZE;
    if (!all_finite(pe + j, n, d))
        return KIT_ERR_DOMAIN;
    /* listing: peak */
    for (size_t bin = 0; bin <= n / 2; bin++) {           /* largest |X_k|, k <= n/2  */
        double mag = bin_magnitude(pe + j, n, d, bin);
        if (mag > max)
            max = mag;
    }
    for (size_t bin = 0; bin <= n / 2; bin++) {           /* first bin tied with it   */
        if (bin_magnitude(pe + j, n, d, bin) >= (1.0 - 1e-9) * max) {
            peak = bin;
            break;
        }
    }
    *k = peak;
    *f = (double)peak / (double)n;                        /* bin k = k/n cycles/pos   */
    /* end listing: peak */
    return KIT_OK;
    /* END SOLUTION */
}

/* BEGIN SOLUTION */
/* angle wrapped into (-pi, pi]. */
static double wrap(double angle)
{
    while (angle > two_pi / 2)
        angle -= two_pi;
    while (angle <= -two_pi / 2)
        angle += two_pi;
    return angle;
}
/* END SOLUTION */

int tf_omega(const double *pe /* (n, d), row-major */, size_t n, size_t d,
             double *omega /* (d / 2) */)
{
    /* TODO: check the arguments (every value finite, every pair on the unit
       circle), then for each pair i: the angle of row pos is atan2(sin, cos);
       a first estimate from rows 0 and 1, refined with row n - 1. */
    /* BEGIN SOLUTION */
    if (pe == NULL || omega == NULL)
        return KIT_ERR_NULL;
    if (n < 2 || d < 2 || !table_fits(n, d))
        return KIT_ERR_SIZE;
    for (size_t t = 0; t < n * d; t++)
        if (!isfinite(pe[t]))
            return KIT_ERR_DOMAIN;
    for (size_t pos = 0; pos < n; pos++) {
        for (size_t i = 0; i < d / 2; i++) {
            double s = pe[pos * d + 2 * i], c = pe[pos * d + 2 * i + 1];
            if (fabs(s * s + c * c - 1.0) > 1e-6)
                return KIT_ERR_DOMAIN;                    /* not a (sin, cos) pair   */
        }
    }
    /* listing: omega */
    for (size_t i = 0; i < d / 2; i++) {                    /* full pairs only        */
        const double *s = pe + 2 * i, *c = pe + 2 * i + 1; /* column pair i          */
        size_t last = (n - 1) * d;                          /* offset of row n - 1    */
        double phi_0 = atan2(s[0], c[0]);                   /* angle of row 0         */
        double phi_1 = atan2(s[d], c[d]);                   /* angle of row 1         */
        double phi_last = atan2(s[last], c[last]);          /* angle of row n - 1     */
        double delta = wrap(phi_1 - phi_0);                 /* omega mod 2 pi, coarse */
        double span = (double)(n - 1);                      /* rows between 0 and n-1 */
        double turns = round((span * delta - (phi_last - phi_0)) / two_pi); /* m     */
        omega[i] = (phi_last - phi_0 + two_pi * turns) / span; /* unwrapped / (n-1)  */
    }
    /* end listing: omega */
    return KIT_OK;
    /* END SOLUTION */
}
