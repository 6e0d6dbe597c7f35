/*
 * test_hidden.c — chapter 6's hidden tests: golden values from bc, properties,
 * edge cases, and the known mistakes (conjugate, 1/N, off-by-one bin, missing
 * bit-reversal, DC and Nyquist bins, ties), each recognised with its hint.
 *
 * Tolerances: 1e-12 absolute for transforms of N <= 64 samples of size <= 2
 * (a correct sum is within ~N * 2 * 4e-16 = 5e-14); 1e-9 for the FFT against
 * the plain DFT on N = 1024 random samples (|X_k| <= 1024, each carrying up
 * to ~1024 rounding errors of ~1e-16 * 1024 in the plain sum); 1e-13 for
 * omega, the accuracy the contract promises. A mistake model matches within
 * 1e-9 (kit_expect_table). The sweeps compare with the DFT summed in long
 * double: 1e-12 for the plain DFT (N <= 64, samples in [-3, 3): ~64 * 3 *
 * 4e-16 = 8e-14), 1e-12 * (1 + N / 8) for the FFT (N <= 512, |X_k| grows
 * with N); omega from rows first .. first + n - 1 of a libm table to
 * 1e-13 + (first + n) 2^-51 / (n - 1) (each angle of the input carries
 * ~(first + n) 2^-53, and the method divides the difference of two by n - 1).
 * Golden values and mistake models exist only in the
 * judge's build (KIT_JUDGE, see kit_test.h): the subject, which holds the
 * student's code, has no answer in its memory. Encoding tables given as input
 * come from libm (pe_input in test_data.h).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit_test.h"
#include "06-time-frequency.h"
#include "../../exercises/06-time-frequency/test_data.h"

#define TOL 1e-12
#define TWO_PI 6.283185307179586476925286766559

static const double signal7[7] = { 0.5, -1, 0.25, 1.5, -0.75, 2, -0.125 };

#ifdef KIT_JUDGE
/* From bc in 50-digit arithmetic (tests/golden/06-time-frequency.bc). */
static const double golden_dft7_re[7] = {
    2.375, -1.377824779419597, -0.80922655068553917, 2.749551330105136,
    2.749551330105136, -0.80922655068553917, -1.377824779419597
};
static const double golden_dft7_im[7] = {
    0, 1.4139879804632116, 1.852886215256436, -3.182144625000292,
    3.182144625000292, -1.852886215256436, -1.4139879804632116
};
static const double golden_peak_128x8[8] = {
    20, 20, 6, 6,
    2, 2, 0, 1
};
static const double golden_omega_d9[4] = {
    1, 0.12915496650148839, 0.016681005372000589, 0.0021544346900318838
};

/* ---- what each known mistake computes ---------------------------------- */
/* Mistakes of a DFT, given the right (re, im) of length N. */
static void dft_mistakes(struct kit_mistake *m_re, struct kit_mistake *m_im,
                         const double *re, const double *im, size_t N)
{
    double *conj_re = kit_copy_doubles(re, N), *conj_im = kit_doubles(N);
    double *norm_re = kit_doubles(N), *norm_im = kit_doubles(N);
    double *shift_re = kit_doubles(N), *shift_im = kit_doubles(N);
    for (size_t k = 0; k < N; k++) {
        conj_im[k] = -im[k];                   /* e^{+2 pi i k n / N}: X_k conjugated */
        norm_re[k] = re[k] / (double)N;        /* 1/N applied                          */
        norm_im[k] = im[k] / (double)N;
        shift_re[k] = re[(k + 1) % N];         /* bin k holds X_{k+1}                  */
        shift_im[k] = im[(k + 1) % N];
    }
    static const char *conj_hint = "your spectrum is the complex conjugate of X_k: the exponent "
        "of the forward DFT is -2 pi i k n / N (minus sign), so Im X_k = -sum x_n sin(2 pi k n / N).";
    static const char *norm_hint = "your X_k is N times too small: this kit's forward DFT has no "
        "1/N (the inverse has it). Sum, do not average.";
    static const char *shift_hint = "bin k of your output holds X_{k+1}: the frequency of bin k "
        "is k / N, so the angle is 2 pi k n / N with k counted from 0.";
    m_re[0] = (struct kit_mistake){ "normalised", norm_hint, norm_re };
    m_re[1] = (struct kit_mistake){ "off-by-one-bin", shift_hint, shift_re };
    m_re[2] = (struct kit_mistake){ "conjugate", conj_hint, conj_re };
    m_im[0] = (struct kit_mistake){ "normalised", norm_hint, norm_im };
    m_im[1] = (struct kit_mistake){ "off-by-one-bin", shift_hint, shift_im };
    m_im[2] = (struct kit_mistake){ "conjugate", conj_hint, conj_im };
}

static size_t bit_reverse(size_t t, size_t N)
{
    size_t r = 0;
    for (size_t bit = 1; bit < N; bit <<= 1) {
        r = (r << 1) | (t & 1);
        t >>= 1;
    }
    return r;
}

/* What a decimation-in-time FFT computes when its inputs are not put in
   bit-reversed order first: the same butterflies on x in natural order. */
static void fft_without_reordering(const double *x, size_t N, double *re, double *im)
{
    for (size_t t = 0; t < N; t++) {
        re[t] = x[t];
        im[t] = 0.0;
    }
    for (size_t len = 2; len <= N; len <<= 1)
        for (size_t t = 0; t < len / 2; t++) {
            double w_re = cos(TWO_PI * (double)t / (double)len);
            double w_im = -sin(TWO_PI * (double)t / (double)len);
            for (size_t a = t; a < N; a += len) {
                size_t b = a + len / 2;
                double v_re = w_re * re[b] - w_im * im[b], v_im = w_re * im[b] + w_im * re[b];
                re[b] = re[a] - v_re;
                im[b] = im[a] - v_im;
                re[a] += v_re;
                im[a] += v_im;
            }
        }
}
#endif /* KIT_JUDGE */

/* ---- DFT ----------------------------------------------------------------- */
static void dft_mistakes_16(void **state)
{
    double *re = kit_doubles(16), *im = kit_doubles(16);
    (void)state;
    kit_expect_status("tf_dft", tf_dft(signal16, 16, re, im), KIT_OK);
#ifdef KIT_JUDGE
    struct kit_mistake m_re[3], m_im[3];
    dft_mistakes(m_re, m_im, golden_dft16_re, golden_dft16_im, 16);
    kit_expect_table("re", "k", re, golden_dft16_re, 1, 16, TOL, m_re, 3);
    kit_expect_table("im", "k", im, golden_dft16_im, 1, 16, TOL, m_im, 3);
#endif
}

static void dft_odd_N(void **state)
{
    double *re = kit_doubles(7), *im = kit_doubles(7);
    (void)state;
    kit_overflow_hint("bins-past-N", "there are exactly N bins, k = 0 .. N-1, for odd N too.");
    kit_expect_status("tf_dft", tf_dft(signal7, 7, re, im), KIT_OK);
#ifdef KIT_JUDGE
    struct kit_mistake m_re[3], m_im[3];
    dft_mistakes(m_re, m_im, golden_dft7_re, golden_dft7_im, 7);
    kit_expect_table("re", "k", re, golden_dft7_re, 1, 7, TOL, m_re, 3);
    kit_expect_table("im", "k", im, golden_dft7_im, 1, 7, TOL, m_im, 3);
#endif
}

static void dft_one_sample(void **state)
{
    const double x[1] = { -2.5 };
    double *re = kit_doubles(1), *im = kit_doubles(1);
    (void)state;
    kit_expect_status("tf_dft(x, 1, re, im)", tf_dft(x, 1, re, im), KIT_OK);
    kit_expect_near("re[0]", re[0], -2.5, 0.0);
    kit_expect_near("im[0]", im[0], 0.0, 0.0);
}

static void dft_pure_tone(void **state)
{
    /* x_n = cos(2 pi 5 n / 64): X_5 = X_59 = 32, every other bin 0. */
    size_t N = 64;
    double *x = kit_doubles(N), *re = kit_doubles(N), *im = kit_doubles(N);
    (void)state;
    for (size_t n = 0; n < N; n++)
        x[n] = cos(TWO_PI * (double)((5 * n) % N) / (double)N);
    kit_expect_status("tf_dft", tf_dft(x, N, re, im), KIT_OK);
#ifdef KIT_JUDGE
    double want_re[64] = { 0 }, want_im[64] = { 0 };
    double *norm = kit_doubles(N), *shift = kit_doubles(N);
    struct kit_mistake m[2] = {
        { "normalised", "your peaks are N times too small: no 1/N in the forward DFT.", norm },
        { "off-by-one-bin", "your peaks sit one bin too low: bin k holds X_{k+1}.", shift },
    };
    for (size_t n = 0; n < N; n++)
        norm[n] = shift[n] = 0.0;
    want_re[5] = want_re[59] = 32.0;
    norm[5] = norm[59] = 0.5;
    shift[4] = shift[58] = 32.0;
    kit_expect_table("re", "k", re, want_re, 1, N, TOL, m, 2);
    kit_expect_table("im", "k", im, want_im, 1, N, TOL, NULL, 0);
#endif
}

static void dft_real_signal_symmetry(void **state)
{
    /* For a real signal X_{N-k} = conj(X_k), and X_0 = sum x_n. */
    size_t N = 100;
    double *x = kit_doubles(N), *re = kit_doubles(N), *im = kit_doubles(N);
    (void)state;
    kit_fill(x, N, 61, -1.0, 1.0);
    kit_expect_status("tf_dft", tf_dft(x, N, re, im), KIT_OK);
#ifdef KIT_JUDGE
    double sum = 0.0;
    for (size_t n = 0; n < N; n++)
        sum += x[n];
    kit_expect_near("re[0] = sum x_n", re[0], sum, 1e-12);
    kit_expect_near("im[0]", im[0], 0.0, 1e-12);
    for (size_t k = 1; k < N; k++)
        kit_expect_true(fabs(re[N - k] - re[k]) <= 1e-11 && fabs(im[N - k] + im[k]) <= 1e-11,
                        "X_%zu = %.15g%+.15gi but X_%zu = %.15g%+.15gi: for a real signal "
                        "X_{N-k} is the conjugate of X_k", N - k, re[N - k], im[N - k], k, re[k], im[k]);
#endif
}

static void dft_bad_arguments_all(void **state)
{
    double x[3] = { 1, INFINITY, 3 };
    double *re = kit_doubles(3), *im = kit_doubles(3);
    (void)state;
    kit_expect_status("tf_dft(x, 3, NULL, im)", tf_dft(x, 3, NULL, im), KIT_ERR_NULL);
    kit_expect_status("tf_dft with x[1] = inf", tf_dft(x, 3, re, im), KIT_ERR_DOMAIN);
    kit_expect_status("tf_dft(NULL, 0, re, im)", tf_dft(NULL, 0, re, im), KIT_ERR_NULL);
    kit_expect_untouched("re", re);
    kit_expect_untouched("im", im);
}

/* ---- FFT ----------------------------------------------------------------- */
#ifdef KIT_JUDGE
static void expect_dft(const char *who, const double *re, const double *im, const double *x, size_t N,
                       double tol);
#endif

static void fft_mistakes_16(void **state)
{
    size_t N = 16;
    double *re = kit_doubles(N), *im = kit_doubles(N);
    (void)state;
    kit_expect_status("tf_fft", tf_fft(signal16, N, re, im), KIT_OK);
#ifdef KIT_JUDGE
    double *dit_re = kit_doubles(N), *dit_im = kit_doubles(N);
    double *dif_re = kit_doubles(N), *dif_im = kit_doubles(N);
    struct kit_mistake m_re[5], m_im[5];
    static const char *rev_hint = "a radix-2 FFT needs the samples in bit-reversed order before "
        "the butterflies (decimation in time), or its output reordered after them (decimation "
        "in frequency): index t goes to the index whose log2(N) bits are t's reversed.";
    fft_without_reordering(signal16, N, dit_re, dit_im);
    for (size_t k = 0; k < N; k++) {
        dif_re[k] = golden_dft16_re[bit_reverse(k, N)];   /* output left bit-reversed */
        dif_im[k] = golden_dft16_im[bit_reverse(k, N)];
    }
    dft_mistakes(m_re, m_im, golden_dft16_re, golden_dft16_im, N);
    m_re[3] = (struct kit_mistake){ "missing-bit-reversal", rev_hint, dit_re };
    m_re[4] = (struct kit_mistake){ "missing-bit-reversal", rev_hint, dif_re };
    m_im[3] = (struct kit_mistake){ "missing-bit-reversal", rev_hint, dit_im };
    m_im[4] = (struct kit_mistake){ "missing-bit-reversal", rev_hint, dif_im };
    kit_expect_table("re", "k", re, golden_dft16_re, 1, N, TOL, m_re, 5);
    kit_expect_table("im", "k", im, golden_dft16_im, 1, N, TOL, m_im, 5);
#endif
}

static void fft_matches_dft_1024(void **state)
{
    size_t N = 1024;
    double *x = kit_doubles(N);
    double *re = kit_doubles(N), *im = kit_doubles(N), *dre = kit_doubles(N), *dim = kit_doubles(N);
    (void)state;
    kit_fill(x, N, 62, -1.0, 1.0);
    kit_expect_status("tf_dft", tf_dft(x, N, dre, dim), KIT_OK);
    kit_expect_status("tf_fft", tf_fft(x, N, re, im), KIT_OK);
#ifdef KIT_JUDGE
    /* each against the definition first, so that the message names the one
       that differs (a wrong tf_dft is not the FFT's fault) */
    expect_dft("tf_dft's ", dre, dim, x, N, 1e-9);
    expect_dft("tf_fft's ", re, im, x, N, 1e-9);
#endif
    kit_expect_table("fft re vs dft re", "k", re, dre, 1, N, 1e-9, NULL, 0);
    kit_expect_table("fft im vs dft im", "k", im, dim, 1, N, 1e-9, NULL, 0);
}

static void fft_small_N(void **state)
{
    const double x1[1] = { 0.75 }, x2[2] = { 1.5, -0.25 };
    double *re = kit_doubles(2), *im = kit_doubles(2);
    (void)state;
    kit_expect_status("tf_fft(x, 1, re, im)", tf_fft(x1, 1, re, im), KIT_OK);
    kit_expect_near("N = 1: re[0]", re[0], 0.75, 0.0);
    kit_expect_near("N = 1: im[0]", im[0], 0.0, 0.0);
    kit_expect_status("tf_fft(x, 2, re, im)", tf_fft(x2, 2, re, im), KIT_OK);
#ifdef KIT_JUDGE
    {
        const double want_re[2] = { 1.25, 1.75 }, want_im[2] = { 0.0, 0.0 };
        kit_expect_table("N = 2: re", "k", re, want_re, 1, 2, TOL, NULL, 0);
        kit_expect_table("N = 2: im", "k", im, want_im, 1, 2, TOL, NULL, 0);
    }
#endif
}

static void fft_pe_column(void **state)
{
    /* Column 2 of the n = 128, d = 8, base 100 table, omega = 100^(-1/4):
       the FFT's largest bin (k <= 64) is the peak that bc found (6). */
    size_t N = 128;
    double *x = kit_doubles(N), *re = kit_doubles(N), *im = kit_doubles(N);
    double omega = pow(100.0, -0.25);
    (void)state;
    for (size_t pos = 0; pos < N; pos++)
        x[pos] = sin((double)pos * omega);
    kit_expect_status("tf_fft", tf_fft(x, N, re, im), KIT_OK);
#ifdef KIT_JUDGE
    double best = -1.0;
    size_t best_k = 0;
    for (size_t k = 0; k <= N / 2; k++)
        if (hypot(re[k], im[k]) > best) {
            best = hypot(re[k], im[k]);
            best_k = k;
        }
    kit_expect_true((double)best_k == golden_peak_128x8[2],
                    "the largest |X_k| of sin(pos * %.6f) is at k = %zu, expected %.0f "
                    "(omega / (2 pi) * N = %.3f)", omega, best_k, golden_peak_128x8[2],
                    omega / TWO_PI * (double)N);
#endif
}

static void fft_bad_arguments(void **state)
{
    double x[12] = { 0 };
    double *re = kit_doubles(12), *im = kit_doubles(12);
    (void)state;
    x[5] = NAN;
    kit_expect_status("tf_fft(x, 12, re, im)", tf_fft(x, 12, re, im), KIT_ERR_SIZE);
    kit_expect_status("tf_fft(x, 3, re, im)", tf_fft(x, 3, re, im), KIT_ERR_SIZE);
    kit_expect_status("tf_fft(x, 0, re, im)", tf_fft(x, 0, re, im), KIT_ERR_SIZE);
    kit_expect_status("tf_fft(NULL, 8, re, im)", tf_fft(NULL, 8, re, im), KIT_ERR_NULL);
    kit_expect_status("tf_fft(x, 8, re, NULL)", tf_fft(x, 8, re, NULL), KIT_ERR_NULL);
    kit_expect_status("tf_fft with x[5] = NaN", tf_fft(x, 8, re, im), KIT_ERR_DOMAIN);
    kit_expect_untouched("re", re);
    kit_expect_untouched("im", im);
}

/* The stated cost: O(N log N). N = 2^17 samples x_n = 0.5 [n == 0] +
   cos(2 pi 1234 n / N) - 0.25 sin(2 pi 40000 n / N): X_k = 0.5 + N/2 at
   k = 1234 and N - 1234, +- i N/8 at k = 40000 and N - 40000 (Im X_40000 =
   +N/8, Im X_{N-40000} = -N/8), 0.5 elsewhere. A radix-2 FFT takes
   milliseconds; the plain O(N^2) sum (1.7e10 terms) does not end within the
   time limit (TIMEOUT). Tolerance 1e-5 (this test is about the cost):
   |X_k| <= N/2 = 65536, and twiddles made by repeated multiplication
   (w = w * w_m, the textbook iterative FFT) drift by up to ~N/2 roundings,
   65536 * 65536 * 2^-53 = 5e-7. */
static void fft_cost(void **state)
{
    const size_t N = (size_t)1 << 17;
    double *x = kit_doubles(N), *re = kit_doubles(N), *im = kit_doubles(N);
    (void)state;
    for (size_t t = 0; t < N; t++)
        x[t] = (t == 0 ? 0.5 : 0.0) + cos(TWO_PI * (double)((1234 * t) % N) / (double)N) -
               0.25 * sin(TWO_PI * (double)((40000 * t) % N) / (double)N);
    kit_expect_status("tf_fft(x, 2^17, re, im)", tf_fft(x, N, re, im), KIT_OK);
#ifdef KIT_JUDGE
    {
        double *want_re = kit_doubles(N), *want_im = kit_doubles(N);
        for (size_t k = 0; k < N; k++) {
            want_re[k] = 0.5 + (k == 1234 || k == N - 1234 ? (double)N / 2.0 : 0.0);
            want_im[k] = k == 40000 ? (double)N / 8.0 : k == N - 40000 ? -(double)N / 8.0 : 0.0;
        }
        kit_expect_table("re, N = 2^17", "k", re, want_re, 1, N, 1e-5, NULL, 0);
        kit_expect_table("im, N = 2^17", "k", im, want_im, 1, N, 1e-5, NULL, 0);
    }
#endif
}

/* ---- peak ---------------------------------------------------------------- */
#ifdef KIT_JUDGE
/* The peak of n samples x[0], x[stride], ... (DFT magnitudes of bins 0 .. n/2,
   the smallest k within 1e-9 of the maximum), n <= 128, with bin k holding
   X_{k + shift}: shift 0 is the contract's peak, 1 off-by-one-bin's model. */
static size_t spectrum_peak(const double *x, size_t stride, size_t n, size_t shift)
{
    double mag[65], best = 0.0;
    for (size_t k = 0; k <= n / 2; k++) {
        size_t kk = (k + shift) % n;
        double re = 0.0, im = 0.0;
        for (size_t t = 0; t < n; t++) {
            double a = TWO_PI * (double)((kk * t) % n) / (double)n;
            re += x[t * stride] * cos(a);
            im -= x[t * stride] * sin(a);
        }
        mag[k] = hypot(re, im);
        best = fmax(best, mag[k]);
    }
    for (size_t k = 0; k <= n / 2; k++)
        if (mag[k] >= (1.0 - 1e-9) * best)
            return k;
    return 0;
}
#endif

static void peak_base100(void **state)
{
    size_t n = 128, d = 8;
    double *pe = pe_input(0, n, d, 100.0);
    size_t *k = kit_sizes(1);
    double *f = kit_doubles(1);
    size_t got_k[8];
    double got_f[8];
    int shifted = 1, differs = 0;
    (void)state;
    /* off-by-one-bin's model: EVERY column's peak and frequency as a spectrum
       with bin k holding X_{k+1} gives them (shifted_peak); one column off is
       another mistake's (DC skipped, a tie broken the other way) */
    for (size_t j = 0; j < d; j++) {
        kit_expect_status("tf_peak", tf_peak(pe, n, d, j, k, f), KIT_OK);
        got_k[j] = *k;
        got_f[j] = *f;
    }
#ifdef KIT_JUDGE
    for (size_t j = 0; j < d; j++) {
        size_t mk = spectrum_peak(pe + j, d, n, 1);
        shifted = shifted && got_k[j] == mk && fabs(got_f[j] - (double)mk / (double)n) <= 1e-15;
        differs = differs || (double)mk != golden_peak_128x8[j];
    }
    if (shifted && differs)
        kit_hint("off-by-one-bin", "every column's peak is that of a spectrum whose bin k holds "
                 "X_{k+1}: bin k is k / n cycles per position, k counted from 0 (X_0 is the mean "
                 "times n).");
    for (size_t j = 0; j < d; j++) {
        kit_expect_true((double)got_k[j] == golden_peak_128x8[j],
                        "column j = %zu: peak bin %zu, expected %.0f", j, got_k[j],
                        golden_peak_128x8[j]);
        kit_expect_near("f = k / n", got_f[j], golden_peak_128x8[j] / (double)n, 1e-15);
    }
#else
    (void)shifted;
    (void)differs;
    (void)got_f;
#endif
}

#ifdef KIT_JUDGE
/* The contract's peak bin of the n samples x (DFT magnitudes, bins 0 .. n/2,
   the smallest k within 1e-9 of the maximum). */
static size_t peak_bin(const double *x, size_t n) { return spectrum_peak(x, 1, n, 0); }
#endif

/* One column as an (n, 1) table. The hint id speaks only when the answer is
   model, the bin its mistake gives on this column (and differs from want). */
static void peak_of(const double *x, size_t n, size_t want, const char *what,
                    const char *id, const char *hint, size_t model)
{
    size_t *k = kit_sizes(1);
    double *f = kit_doubles(1);
    kit_expect_status("tf_peak", tf_peak(x, n, 1, 0, k, f), KIT_OK);
#ifdef KIT_JUDGE
    if (*k != want && id != NULL && *k == model)
        kit_hint(id, "%s", hint);
    kit_expect_true(*k == want, "%s: peak bin %zu, expected %zu", what, *k, want);
    kit_expect_near("f = k / n", *f, (double)want / (double)n, 1e-15);
#else
    (void)want, (void)what, (void)id, (void)hint, (void)model;
#endif
}

static void peak_dc(void **state)
{
    double *x = kit_doubles(32);
    (void)state;
    for (size_t pos = 0; pos < 32; pos++)
        x[pos] = 0.5 + 0.1 * cos(TWO_PI * 3.0 * (double)pos / 32.0);
    peak_of(x, 32, 0, "0.5 + 0.1 cos(2 pi 3 pos / 32)", "skips-dc",
            "bin 0 (DC, the mean) is a candidate: a column of nearly constant values, like the "
            "cos column of a slow pair, has its peak there.", 3 /* the peak of bins 1 .. 16 */);
}

static void peak_nyquist(void **state)
{
    double *x = kit_doubles(16);
    (void)state;
    for (size_t pos = 0; pos < 16; pos++)
        x[pos] = ((pos % 2 == 0) ? 1.0 : -1.0) + 0.3 * cos(TWO_PI * (double)((3 * pos) % 16) / 16.0);
    peak_of(x, 16, 8, "(-1)^pos + 0.3 cos(2 pi 3 pos / 16), n = 16", "misses-nyquist",
            "bins k = 0 .. n/2 are searched, n/2 included: (-1)^pos is half a cycle per "
            "position, bin n/2.", 3 /* the peak of bins 0 .. 7 */);
}

static void peak_ties(void **state)
{
    /* Two tones of equal amplitude at bins 3 and 7 (n = 32): |X_3| = |X_7| =
       16 up to rounding, so both are peaks and the smaller bin wins; three
       at bins 2, 5 and 11 (n = 24, other phases): 2 wins. The hint
       last-of-ties speaks only when both answers are the LAST tied bin (7
       and 11), its model; one wrong answer alone may be any mistake (a
       wrong DFT moves the magnitudes as well). */
    double *x = kit_doubles(32), *y = kit_doubles(24), *z = kit_doubles(20);
    size_t *k = kit_sizes(1), got[2];
    double *f = kit_doubles(1);
    (void)state;
    for (size_t pos = 0; pos < 32; pos++)
        x[pos] = cos(TWO_PI * (double)((3 * pos) % 32) / 32.0) +
                 cos(TWO_PI * (double)((7 * pos) % 32) / 32.0);
    for (size_t pos = 0; pos < 24; pos++)
        y[pos] = cos(TWO_PI * (double)((2 * pos) % 24) / 24.0 + 0.4) +
                 sin(TWO_PI * (double)((5 * pos) % 24) / 24.0) +
                 cos(TWO_PI * (double)((11 * pos) % 24) / 24.0 - 1.0);
    kit_expect_status("tf_peak(x, 32, 1, 0, k, f), equal tones at bins 3 and 7",
                      tf_peak(x, 32, 1, 0, k, f), KIT_OK);
    got[0] = *k;
    kit_expect_status("tf_peak(y, 24, 1, 0, k, f), equal tones at bins 2, 5 and 11",
                      tf_peak(y, 24, 1, 0, k, f), KIT_OK);
    got[1] = *k;
#ifdef KIT_JUDGE
    if ((got[0] != 3 || got[1] != 2) && got[0] == 7 && got[1] == 11)
        kit_hint("last-of-ties", "in both columns your peak is the LAST of the tied bins (7 of 3 "
                 "and 7; 11 of 2, 5 and 11): bins within a factor (1 - 1e-9) of the largest |X_k| "
                 "are tied, and the smallest such k wins.");
    kit_expect_true(got[0] == 3, "equal tones at bins 3 and 7 (n = 32): peak bin %zu, expected 3",
                    got[0]);
    kit_expect_true(got[1] == 2, "equal tones at bins 2, 5 and 11 (n = 24): peak bin %zu, expected 2",
                    got[1]);
#else
    (void)got;
#endif
    for (size_t pos = 0; pos < 20; pos++)
        z[pos] = 0.0;
    peak_of(z, 20, 0, "an all-zero column", "zero-column",
            "every bin of an all-zero column is 0, so all are tied: the answer is k = 0.", SIZE_MAX);
}

/* Near ties: the tie tolerance is 1e-9, relative. Tones at bins 3 and 7
   (n = 32), bin 3 weaker by a factor 1 - 5e-4, 1 - 1e-6, 1 - 2e-8: bin 7 is
   the only peak (a looser tolerance, 1e-3 or 1e-5, takes bin 3); bin 3
   weaker by 1 - 1e-12: tied, bin 3. */
static void peak_near_ties(void **state)
{
    static const double weaker[4] = { 1.0 - 5e-4, 1.0 - 1e-6, 1.0 - 2e-8, 1.0 - 1e-12 };
    static const size_t want[4] = { 7, 7, 7, 3 };
    (void)state;
    for (size_t t = 0; t < 4; t++) {
        double *x = kit_doubles(32);
        char what[96];
        for (size_t pos = 0; pos < 32; pos++)
            x[pos] = weaker[t] * cos(TWO_PI * (double)((3 * pos) % 32) / 32.0) +
                     cos(TWO_PI * (double)((7 * pos) % 32) / 32.0);
        snprintf(what, sizeof what, "tones at bins 3 (amplitude 1 - %.0e) and 7 (amplitude 1)",
                 1.0 - weaker[t]);
        peak_of(x, 32, want[t], what, NULL, NULL, SIZE_MAX);
    }
}

static void peak_odd_n_and_stride(void **state)
{
    /* n = 15 rows, d = 3; column 1 holds cos(2 pi 4 pos / 15), the other
       columns the constant 3 (their peak is DC, so reading them shows). */
    size_t n = 15, d = 3;
    double *pe = kit_doubles(n * d);
    size_t *k = kit_sizes(1);
    double *f = kit_doubles(1);
    (void)state;
    for (size_t pos = 0; pos < n; pos++) {
        pe[pos * d] = pe[pos * d + 2] = 3.0;
        pe[pos * d + 1] = cos(TWO_PI * (double)((4 * pos) % n) / (double)n);
    }
    pe[0] = NAN; /* another column: must not matter */
    kit_expect_status("tf_peak(pe, 15, 3, 1, k, f)", tf_peak(pe, n, d, 1, k, f), KIT_OK);
#ifdef KIT_JUDGE
    {   /* the models of a wrong stride: column j read as pe[j * n + pos] or pe[pos + j] */
        double colmajor[15], stride1[15];
        for (size_t pos = 0; pos < n; pos++) {
            colmajor[pos] = pe[1 * n + pos];
            stride1[pos] = pe[pos + 1];
        }
        if (*k != 4 && (*k == peak_bin(colmajor, n) || *k == peak_bin(stride1, n)))
            kit_hint("stride", "your peak is that of the samples read with a wrong stride: column j "
                     "of a row-major (n, d) table is pe[pos * d + j], pos = 0 .. n-1.");
    }
#endif
    kit_expect_true(*k == 4, "peak bin %zu, expected 4", *k);
    kit_expect_near("f = 4 / 15", *f, 4.0 / 15.0, 1e-15);
}

static void peak_bad_arguments(void **state)
{
    double pe[4 * 2] = { 0, 1, 0, 1, 0, 1, 0, 1 };
    size_t *k = kit_sizes(1);
    double *f = kit_doubles(1);
    (void)state;
    kit_expect_status("tf_peak(pe, 4, 2, 2, k, f)", tf_peak(pe, 4, 2, 2, k, f), KIT_ERR_SIZE);
    kit_expect_status("tf_peak(pe, 0, 2, 0, k, f)", tf_peak(pe, 0, 2, 0, k, f), KIT_ERR_SIZE);
    kit_expect_status("tf_peak(pe, 4, 0, 0, k, f)", tf_peak(pe, 4, 0, 0, k, f), KIT_ERR_SIZE);
    kit_expect_status("tf_peak(pe, SIZE_MAX / 4, 2, 0, k, f)",
                      tf_peak(pe, SIZE_MAX / 4, 2, 0, k, f), KIT_ERR_SIZE);
    kit_expect_status("tf_peak(NULL, 4, 2, 0, k, f)", tf_peak(NULL, 4, 2, 0, k, f), KIT_ERR_NULL);
    kit_expect_status("tf_peak(pe, 4, 2, 0, NULL, f)", tf_peak(pe, 4, 2, 0, NULL, f), KIT_ERR_NULL);
    pe[6] = INFINITY;
    kit_expect_status("tf_peak with pe[3*2 + 0] = inf", tf_peak(pe, 4, 2, 0, k, f), KIT_ERR_DOMAIN);
    kit_expect_untouched("k", k);
    kit_expect_untouched("f", f);
}

/* ---- omega --------------------------------------------------------------- */
static void omega_odd_d(void **state)
{
    const double *pe = pe_input(0, 6, 9, 10000.0);
    double *omega = kit_doubles(4);
    (void)state;
    kit_overflow_hint("odd-d", "for odd d there are d / 2 full pairs; the lone sin column d - 1 "
                      "gives no omega, so write d / 2 values.");
    kit_expect_status("tf_omega(pe, 6, 9, omega)", tf_omega(pe, 6, 9, omega), KIT_OK);
    kit_table_omega(9, 10000.0);
    kit_expect_table("omega", "i", omega, golden_omega_d9, 1, 4, 1e-13, NULL, 0);
}

static void omega_large_table(void **state)
{
    size_t n = 4096, d = 512;
    double *pe = pe_input(0, n, d, 10000.0), *omega = kit_doubles(d / 2);
    (void)state;
    kit_expect_status("tf_omega(pe, 4096, 512, omega)", tf_omega(pe, n, d, omega), KIT_OK);
#ifdef KIT_JUDGE
    double *want = kit_doubles(d / 2);
    for (size_t i = 0; i < d / 2; i++)
        want[i] = pow(10000.0, -2.0 * (double)i / (double)d);
    kit_table_omega(d, 10000.0);
    kit_expect_table("omega", "i", omega, want, 1, d / 2, 1e-13, NULL, 0);
#endif
}

static void omega_high_frequencies(void **state)
{
    /* Not a PE table but pairs (sin, cos)(pos * w + 0.3) with w up to 3.1 < pi,
       50 rows: every angle wraps many times. */
    const double w[4] = { 3.1, 2.0, -1.5, 0.7 };
    size_t n = 50, d = 8;
    double *pe = kit_doubles(n * d), *omega = kit_doubles(4);
    (void)state;
    for (size_t pos = 0; pos < n; pos++)
        for (size_t i = 0; i < 4; i++) {
            pe[pos * d + 2 * i] = sin((double)pos * w[i] + 0.3);
            pe[pos * d + 2 * i + 1] = cos((double)pos * w[i] + 0.3);
        }
    kit_expect_status("tf_omega", tf_omega(pe, n, d, omega), KIT_OK);
#ifdef KIT_JUDGE
    for (size_t i = 0; i < 4; i++)
        if (fabs(omega[i] - w[i]) > 1e-9 && fabs(fabs(omega[i] - w[i]) - TWO_PI / 2) < 1e-6)
            kit_hint("atan-not-atan2", "atan(s / c) loses the quadrant (it is only defined modulo "
                     "pi); atan2(s, c) gives the angle modulo 2 pi.");
    /* every omega negated: the phase measured the other way round */
    double neg[4];
    for (size_t i = 0; i < 4; i++)
        neg[i] = -w[i];
    struct kit_mistake m[1] = { { "phase-reversed", "every omega_i is the negative of the "
        "expected one: the angle turns the wrong way. atan2 takes y = sin first, atan2(sin, "
        "cos); atan2(cos, sin) is pi/2 - angle. Or the phase difference is phi_first - "
        "phi_last, or a minus sign too many in omega.", neg } };
    kit_expect_table("omega", "i", omega, w, 1, 4, 1e-13, m, 1);
#endif
}

static void omega_bad_arguments(void **state)
{
    double pe[3 * 4] = { 0, 1, 0, 1,
                         0.8414709848078965, 0.54030230586813977, 0.0099998333341666645, 0.99995000041666526,
                         0.90929742682568171, -0.41614683654714241, 0.019998666693333080, 0.99980000666657776 };
    double *omega = kit_doubles(2);
    (void)state;
    kit_expect_status("tf_omega(pe, 1, 4, omega)", tf_omega(pe, 1, 4, omega), KIT_ERR_SIZE);
    kit_expect_status("tf_omega(pe, 3, 1, omega)", tf_omega(pe, 3, 1, omega), KIT_ERR_SIZE);
    kit_expect_status("tf_omega(pe, SIZE_MAX / 8, 4, omega)", tf_omega(pe, SIZE_MAX / 8, 4, omega),
                      KIT_ERR_SIZE);
    kit_expect_status("tf_omega(NULL, 3, 4, omega)", tf_omega(NULL, 3, 4, omega), KIT_ERR_NULL);
    kit_expect_status("tf_omega(pe, 3, 4, NULL)", tf_omega(pe, 3, 4, NULL), KIT_ERR_NULL);
    kit_expect_status("tf_omega(NULL, 1, 4, omega) (NULL comes before SIZE)", tf_omega(NULL, 1, 4, omega),
                      KIT_ERR_NULL);
    kit_expect_status("tf_omega(pe, 3, 1, NULL) (NULL comes before SIZE)", tf_omega(pe, 3, 1, NULL),
                      KIT_ERR_NULL);
    pe[10] = 0.5; /* pair 1 of row 2 leaves the unit circle */
    kit_expect_status("tf_omega with (s, c) = (0.5, 0.9998)", tf_omega(pe, 3, 4, omega), KIT_ERR_DOMAIN);
    pe[10] = NAN;
    kit_expect_status("tf_omega with a NaN", tf_omega(pe, 3, 4, omega), KIT_ERR_DOMAIN);
    kit_expect_untouched("omega", omega);
}

/* Every error the contracts list, with each argument that can trigger it,
   and pairs of bad arguments: the first error in the order NULL, SIZE,
   DOMAIN is returned; nothing is written. */
static void tf_dft_argument_pairs(void **state)
{
    double x[8] = { 0.5, -1, 2, 0.25, 1, -0.5, 3, 0 }, nan_x[8] = { 0.5, NAN, 2, 0.25, 1, -0.5, 3, 0 };
    double minf_x[8] = { 0.5, -1, 2, 0.25, 1, -0.5, 3, -INFINITY };
    double *re = kit_doubles(8), *im = kit_doubles(8);
    (void)state;
    kit_expect_status("tf_dft(x, 8, re, NULL)", tf_dft(x, 8, re, NULL), KIT_ERR_NULL);
    kit_expect_status("tf_dft(x with a NaN, 8, NULL, im) (NULL comes before DOMAIN)",
                      tf_dft(nan_x, 8, NULL, im), KIT_ERR_NULL);
    kit_expect_status("tf_dft(x with -inf at the end, 8, re, im)", tf_dft(minf_x, 8, re, im), KIT_ERR_DOMAIN);
    kit_expect_status("tf_dft(x with a NaN, 8, re, im)", tf_dft(nan_x, 8, re, im), KIT_ERR_DOMAIN);
    kit_expect_untouched("re", re);
    kit_expect_untouched("im", im);
}

static void tf_fft_argument_pairs(void **state)
{
    double x[8] = { 0.5, -1, 2, 0.25, 1, -0.5, 3, 0 }, nan_x[8] = { 0.5, NAN, 2, 0.25, 1, -0.5, 3, 0 };
    double minf_x[8] = { 0.5, -1, 2, 0.25, 1, -0.5, 3, -INFINITY };
    double *re = kit_doubles(8), *im = kit_doubles(8);
    (void)state;
    kit_expect_status("tf_fft(x, 8, NULL, im)", tf_fft(x, 8, NULL, im), KIT_ERR_NULL);
    kit_expect_status("tf_fft(NULL, 6, re, im) (NULL comes before SIZE)", tf_fft(NULL, 6, re, im), KIT_ERR_NULL);
    kit_expect_status("tf_fft(x, 0, NULL, im) (NULL comes before SIZE)", tf_fft(x, 0, NULL, im), KIT_ERR_NULL);
    kit_expect_status("tf_fft(x with a NaN, 6, re, im) (SIZE comes before DOMAIN)",
                      tf_fft(nan_x, 6, re, im), KIT_ERR_SIZE);
    kit_expect_status("tf_fft(x with -inf at the end, 8, re, im)", tf_fft(minf_x, 8, re, im), KIT_ERR_DOMAIN);
    kit_expect_untouched("re", re);
    kit_expect_untouched("im", im);
}

static void tf_peak_argument_pairs(void **state)
{
    double pe[4 * 2] = { 0, 1, 0.5, 0.8, -0.25, 0.3, 1, -1 }, nan_pe[4 * 2] = { 0, 1, 0.5, NAN, -0.25, 0.3, 1, -1 };
    double *f = kit_doubles(1);
    size_t *k = kit_sizes(1);
    (void)state;
    kit_expect_status("tf_peak(pe, 4, 2, 0, k, NULL)", tf_peak(pe, 4, 2, 0, k, NULL), KIT_ERR_NULL);
    kit_expect_status("tf_peak(NULL, 0, 2, 0, k, f) (NULL comes before SIZE)",
                      tf_peak(NULL, 0, 2, 0, k, f), KIT_ERR_NULL);
    kit_expect_status("tf_peak(pe, 4, 2, 5, NULL, f) (NULL comes before SIZE)",
                      tf_peak(pe, 4, 2, 5, NULL, f), KIT_ERR_NULL);
    kit_expect_status("tf_peak(pe with a NaN in column 1, 4, 2, 2, k, f) (SIZE comes before DOMAIN)",
                      tf_peak(nan_pe, 4, 2, 2, k, f), KIT_ERR_SIZE);
    kit_expect_status("tf_peak(pe with a NaN in column 1, 0, 2, 1, k, f) (SIZE comes before DOMAIN)",
                      tf_peak(nan_pe, 0, 2, 1, k, f), KIT_ERR_SIZE);
    kit_expect_status("tf_peak(pe with a NaN in column 1, 4, 2, 1, k, f)", tf_peak(nan_pe, 4, 2, 1, k, f),
                      KIT_ERR_DOMAIN);
    kit_expect_untouched("k", k);
    kit_expect_untouched("f", f);
}

static void tf_omega_argument_pairs(void **state)
{
    double pe[4 * 2] = { 0, 1, 0.5, 0.8, -0.25, 0.3, 1, -1 }, nan_pe[4 * 2] = { 0, 1, 0.5, NAN, -0.25, 0.3, 1, -1 };
    double pairs[3 * 2] = { 0, 1, 0.8414709848078965, 0.54030230586813977,
                            0.90929742682568171, -0.41614683654714241 };
    const double lone[2 * 3] = { 0, 1, NAN, 0.8414709848078965, 0.54030230586813977, 0.5 };
    double *omega = kit_doubles(2);
    (void)state;
    kit_expect_status("tf_omega(NULL, 3, 2, NULL)", tf_omega(NULL, 3, 2, NULL), KIT_ERR_NULL);
    kit_expect_status("tf_omega(pe with a NaN, 1, 2, omega) (SIZE comes before DOMAIN)",
                      tf_omega(nan_pe, 1, 2, omega), KIT_ERR_SIZE);
    kit_expect_status("tf_omega(pe off the circle, 4, 1, omega) (SIZE comes before DOMAIN)",
                      tf_omega(pe, 4, 1, omega), KIT_ERR_SIZE);
    kit_expect_status("tf_omega(pe, 4, 2, omega) with a pair (0.5, 0.8) off the circle",
                      tf_omega(pe, 4, 2, omega), KIT_ERR_DOMAIN);
    {   /* the circle's tolerance is 1e-6: a pair 1e-5 off it is refused, one 5e-7 off is not */
        double off[3 * 2], *om = kit_doubles(1);
        memcpy(off, pairs, sizeof off);
        off[4] *= sqrt(1.0 + 1e-5);
        off[5] *= sqrt(1.0 + 1e-5);
        kit_expect_status("tf_omega(pe, 3, 2, omega) with a pair whose s^2 + c^2 is 1 + 1e-5 (off the "
                          "circle: more than 1e-6)", tf_omega(off, 3, 2, om), KIT_ERR_DOMAIN);
        memcpy(off, pairs, sizeof off);
        off[4] *= sqrt(1.0 + 5e-7);
        off[5] *= sqrt(1.0 + 5e-7);
        kit_expect_status("tf_omega(pe, 3, 2, omega) with a pair whose s^2 + c^2 is 1 + 5e-7 (allowed: "
                          "within 1e-6)", tf_omega(off, 3, 2, om), KIT_OK);
    }
    pairs[5] = INFINITY;
    kit_expect_status("tf_omega(pairs with +inf, 3, 2, omega)", tf_omega(pairs, 3, 2, omega), KIT_ERR_DOMAIN);
    kit_expect_status("tf_omega(pe, 2, 3, omega) with a NaN in the lone column (every value is checked: "
                      "'a value not finite')", tf_omega(lone, 2, 3, omega), KIT_ERR_DOMAIN);
    kit_expect_untouched("omega", omega);
}

/* ---- sweeps: each function alone over a grid of its arguments ----------- */
/* Expected values from the definitions, written here (never the reference):
   X_k = sum_n x_n e^{-2 pi i k n / N} in long double with the angle reduced
   (k n mod N), the peak from those |X_k|, omega_i = base^(-2i/d) of the
   table's own generator. */
#ifdef KIT_JUDGE
/* X_k, k = 0 .. K-1, of the N samples x[0], x[stride], ... (long double). */
static void dft_exact(const double *x, size_t N, size_t stride, size_t K, long double *re,
                      long double *im)
{
    long double *c = malloc(N * sizeof *c), *s = malloc(N * sizeof *s);
    const long double two_pi = 6.283185307179586476925286766559L;
    if (c == NULL || s == NULL)
        abort();
    for (size_t m = 0; m < N; m++) {
        c[m] = cosl(two_pi * (long double)m / (long double)N);
        s[m] = sinl(two_pi * (long double)m / (long double)N);
    }
    for (size_t k = 0; k < K; k++) {
        re[k] = im[k] = 0.0L;
        for (size_t n = 0; n < N; n++) {
            size_t m = (size_t)(((unsigned long long)k * n) % N);
            re[k] += (long double)x[n * stride] * c[m];
            im[k] -= (long double)x[n * stride] * s[m];
        }
    }
    free(c);
    free(s);
}

/* re and im (N bins) must be the DFT of x (N samples) within tol. */
static void expect_dft(const char *who, const double *re, const double *im, const double *x, size_t N,
                       double tol)
{
    long double *lre = malloc(N * sizeof *lre), *lim = malloc(N * sizeof *lim);
    double *want_re = kit_doubles(N), *want_im = kit_doubles(N);
    char what[64];
    if (lre == NULL || lim == NULL)
        abort();
    dft_exact(x, N, 1, N, lre, lim);
    for (size_t k = 0; k < N; k++) {
        want_re[k] = (double)lre[k];
        want_im[k] = (double)lim[k];
    }
    free(lre);
    free(lim);
    snprintf(what, sizeof what, "%sre, N = %zu", who, N);
    kit_expect_table(what, "k", re, want_re, 1, N, tol, NULL, 0);
    snprintf(what, sizeof what, "%sim, N = %zu", who, N);
    kit_expect_table(what, "k", im, want_im, 1, N, tol, NULL, 0);
}

/* The contract's peak of column j: the smallest k <= n/2 with
   |X_k| >= (1 - 1e-9) max. */
static size_t peak_want(const double *pe, size_t n, size_t d, size_t j)
{
    size_t K = n / 2 + 1, k = 0;
    long double *re = malloc(K * sizeof *re), *im = malloc(K * sizeof *im), max = 0.0L;
    if (re == NULL || im == NULL)
        abort();
    dft_exact(pe + j, n, d, K, re, im);
    for (size_t b = 0; b < K; b++)
        max = fmaxl(max, hypotl(re[b], im[b]));
    while (hypotl(re[k], im[k]) < (1.0L - 1e-9L) * max)
        k++;
    free(re);
    free(im);
    return k;
}
#endif /* KIT_JUDGE */

static void sweep_tf_dft(void **state)
{
    static const size_t Ns[8] = { 1, 2, 3, 5, 8, 12, 31, 64 };
    (void)state;
    kit_grid_begin("tf_dft over the sweep's cases");
    for (size_t t = 0; t < 8; t++) {
        size_t N = Ns[t];
        kit_case("N", N);
        double *x = kit_doubles(N), *re = kit_doubles(N), *im = kit_doubles(N);
        kit_fill(x, N, 70 + t, -3.0, 3.0);
        kit_expect_status("tf_dft(x, N, re, im)", tf_dft(x, N, re, im), KIT_OK);
#ifdef KIT_JUDGE
        expect_dft("", re, im, x, N, TOL);
#endif
    }
    kit_grid_end();
}

static void sweep_tf_fft(void **state)
{
    static const size_t Ns[7] = { 1, 2, 4, 8, 32, 128, 512 }, bad[3] = { 3, 6, 100 };
    double *x100 = kit_doubles(100), *re100 = kit_doubles(100), *im100 = kit_doubles(100);
    (void)state;
    kit_grid_begin("tf_fft over the sweep's cases");
    for (size_t t = 0; t < 7; t++) {
        size_t N = Ns[t];
        kit_case("N", N);
        double *x = kit_doubles(N), *re = kit_doubles(N), *im = kit_doubles(N);
        kit_fill(x, N, 80 + t, -3.0, 3.0);
        kit_expect_status("tf_fft(x, N, re, im)", tf_fft(x, N, re, im), KIT_OK);
#ifdef KIT_JUDGE
        expect_dft("", re, im, x, N, TOL * (1.0 + (double)N / 8.0));   /* |X_k| grows with N */
#endif
    }
    kit_fill(x100, 100, 87, -3.0, 3.0);
    for (size_t t = 0; t < 3; t++) {   /* N not a power of two, each its own case */
        kit_case("N", bad[t]);
        kit_expect_status("tf_fft(x, N not a power of two, re, im)",
                          tf_fft(x100, bad[t], re100, im100), KIT_ERR_SIZE);
        kit_expect_untouched("re (N not a power of two)", re100);
        kit_expect_untouched("im (N not a power of two)", im100);
    }
    kit_grid_end();
}

static void sweep_tf_peak(void **state)
{
    /* A table whose column c is noise in [-0.1, 0.1) plus a tone
       (1 + c/2) cos(2 pi b_c pos / n + 0.3 c), b_c = (2 + 5c) mod (n/2 + 1):
       the columns peak at different bins. first >= 0: rows of PE instead. */
    static const struct { size_t n, d, j; long first; double base; } cases[] = {
        { 1, 1, 0, -1, 0.0 }, { 2, 3, 2, -1, 0.0 }, { 3, 2, 1, -1, 0.0 }, { 16, 5, 4, -1, 0.0 },
        { 16, 5, 1, -1, 0.0 }, { 45, 8, 3, -1, 0.0 }, { 45, 8, 6, -1, 0.0 }, { 64, 1, 0, -1, 0.0 },
        { 37, 4, 2, -1, 0.0 }, { 64, 6, 0, 5000, 100.0 }, { 64, 6, 3, 5000, 100.0 },
        { 64, 6, 4, 5000, 100.0 }, { 50, 9, 8, 0, 2.0 },
    };
    (void)state;
    kit_grid_begin("tf_peak over the sweep's cases");
    for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++) {
        size_t n = cases[t].n, d = cases[t].d, j = cases[t].j;
        kit_case("n,d,j", n, d, j);
        size_t *k = kit_sizes(1);
        double *f = kit_doubles(1), *pe;
        if (cases[t].first >= 0) {
            pe = pe_input((size_t)cases[t].first, n, d, cases[t].base);
        } else {
            pe = kit_doubles(n * d);
            kit_fill(pe, n * d, 90 + t, -0.1, 0.1);
            for (size_t pos = 0; pos < n; pos++)
                for (size_t c = 0; c < d; c++) {
                    size_t b = (2 + 5 * c) % (n / 2 + 1);
                    pe[pos * d + c] += (1.0 + 0.5 * (double)c) *
                        cos(TWO_PI * (double)((b * pos) % n) / (double)n + 0.3 * (double)c);
                }
        }
        kit_expect_status("tf_peak(pe, n, d, j, k, f)", tf_peak(pe, n, d, j, k, f), KIT_OK);
#ifdef KIT_JUDGE
        {
            size_t want = peak_want(pe, n, d, j);
            char what[80];
            snprintf(what, sizeof what, "peak bin, n = %zu, d = %zu, j = %zu%s", n, d, j,
                     cases[t].first >= 0 ? " (rows of PE)" : "");
            kit_expect_size(what, *k, want);
            kit_expect_near("f = k / n", *f, (double)want / (double)n, 1e-15);
        }
#endif
    }
    kit_grid_end();
}

static void sweep_tf_omega(void **state)
{
    static const struct { size_t first, n, d; double base; } cases[] = {
        { 0, 3, 2, 10000.0 }, { 1, 3, 3, 50.0 }, { 777, 5, 4, 2.0 }, { 0, 50, 10, 10000.0 },
        { 12, 4, 7, 100.0 }, { 3, 2, 6, 1e6 }, { 100, 9, 2, 10000.0 }, { 40, 3, 12, 1.5 },
    };
    size_t n = 6, d = 8;
    double *w = kit_doubles(d / 2), *phase = kit_doubles(d / 2);
    double *pairs = kit_doubles(n * d), *omega_w = kit_doubles(d / 2);
    (void)state;
    kit_grid_begin("tf_omega over the sweep's cases");
    for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++) {
        size_t first = cases[t].first, rows = cases[t].n, cols = cases[t].d;
        kit_case("first,rows,cols", first, rows, cols);
        double base = cases[t].base;
        const double *pe = pe_input(first, rows, cols, base);
        double *omega = kit_doubles(cols / 2);
        kit_expect_status("tf_omega(pe, n, d, omega)", tf_omega(pe, rows, cols, omega), KIT_OK);
#ifdef KIT_JUDGE
        {
            double *want = kit_doubles(cols / 2);
            char what[80];
            for (size_t i = 0; i < cols / 2; i++)
                want[i] = pow(base, -2.0 * (double)i / (double)cols);
            snprintf(what, sizeof what, "omega, rows %zu .. %zu, d = %zu, base = %g", first,
                     first + rows - 1, cols, base);
            kit_table_omega(cols, base);
            /* the table's angles carry ~(first + n) 2^-53 each */
            kit_expect_table(what, "i", omega, want, 1, cols / 2,
                             1e-13 + ldexp((double)(first + rows), -51) / (double)(rows - 1), NULL, 0);
        }
#endif
    }
    /* Not a PE table: pairs (sin, cos)(pos w_i + phase_i), random w_i in (0.05, 3). */
    kit_fill(w, d / 2, 100, 0.05, 3.0);
    kit_fill(phase, d / 2, 101, -3.0, 3.0);
    for (size_t pos = 0; pos < n; pos++)
        for (size_t i = 0; i < d / 2; i++) {
            pairs[pos * d + 2 * i] = sin((double)pos * w[i] + phase[i]);
            pairs[pos * d + 2 * i + 1] = cos((double)pos * w[i] + phase[i]);
        }
    kit_case("first,rows,cols", 0, n, d);  /* its own case of the grid */
    kit_expect_status("tf_omega(pairs, 6, 8, omega)", tf_omega(pairs, n, d, omega_w), KIT_OK);
    kit_expect_table("omega of random pairs", "i", omega_w, w, 1, d / 2, 1e-13, NULL, 0);
    kit_grid_end();
}

const struct kit_test kit_tests_hidden[] = {
    KIT_TEST(dft_mistakes_16, 3, "tf_dft", "§6.2", "the 16-sample example, naming a known mistake"),
    KIT_TEST(dft_odd_N, 2, "tf_dft", "§6.2", "N = 7 (bc): no Nyquist bin, nothing past the end"),
    KIT_TEST(dft_one_sample, 1, "tf_dft", "§6.2", "N = 1: X_0 = x_0"),
    KIT_TEST(dft_pure_tone, 1, "tf_dft", "§6.2", "cos(2 pi 5 n / 64): X_5 = X_59 = 32, the rest 0"),
    KIT_TEST(dft_real_signal_symmetry, 1, "tf_dft", "§6.2", "X_0 = sum x_n; X_{N-k} = conj(X_k)"),
    KIT_TEST(dft_bad_arguments_all, 1, "tf_dft", "§6.2", "NULL outputs, inf, NULL with N = 0"),
    KIT_TEST(fft_mistakes_16, 3, "tf_fft", "§6.3", "the 16-sample example, naming a known mistake"),
    KIT_TEST(fft_matches_dft_1024, 2, "tf_fft,tf_dft", "§6.3", "FFT = plain DFT on 1024 random samples"),
    KIT_TEST(fft_small_N, 1, "tf_fft", "§6.3", "N = 1 and N = 2"),
    KIT_TEST(fft_pe_column, 1, "tf_fft", "§6.3", "a PE column's largest bin is bc's peak"),
    KIT_TEST(fft_bad_arguments, 1, "tf_fft", "§6.3", "N not a power of two, NULL, NaN"),
    KIT_TEST(fft_cost, 1, "tf_fft", "§6.3", "the stated cost O(N log N): N = 2^17 (the plain O(N^2) sum runs out of time)"),
    KIT_TEST(peak_base100, 2, "tf_peak", "§6.4", "peak bins of the 128 x 8, base 100 table (bc)"),
    KIT_TEST(peak_dc, 1, "tf_peak", "§6.4", "bin 0 (DC) is a candidate"),
    KIT_TEST(peak_nyquist, 1, "tf_peak", "§6.4", "bin n/2 (Nyquist) is a candidate"),
    KIT_TEST(peak_ties, 1, "tf_peak", "§6.4", "ties go to the smallest bin; all-zero column: 0"),
    KIT_TEST(peak_near_ties, 1, "tf_peak", "§6.4", "the tie tolerance is 1e-9: magnitudes 5e-4, 1e-6, 2e-8 apart are no tie, 1e-12 apart are"),
    KIT_TEST(peak_odd_n_and_stride, 1, "tf_peak", "§6.4", "odd n, a column of a d = 3 table"),
    KIT_TEST(peak_bad_arguments, 1, "tf_peak", "§6.4", "j >= d, n = 0, overflow, NULL, inf"),
    KIT_TEST(omega_odd_d, 1, "tf_omega", "§6.5", "odd d = 9 (bc): d / 2 values"),
    KIT_TEST(omega_large_table, 2, "tf_omega", "§6.5", "all 256 omega_i of a 4096 x 512 table to 1e-13"),
    KIT_TEST(omega_high_frequencies, 1, "tf_omega", "§6.5", "omega up to 3.1 and negative, many wraps"),
    KIT_TEST(omega_bad_arguments, 1, "tf_omega", "§6.5", "n < 2, d < 2, overflow, NULL, off circle, NaN"),
    KIT_TEST(tf_dft_argument_pairs, 1, "tf_dft", "§6.2", "every error with each argument, and pairs: NULL before SIZE before DOMAIN; nothing written"),
    KIT_TEST(tf_fft_argument_pairs, 1, "tf_fft", "§6.2", "every error with each argument, and pairs: NULL before SIZE before DOMAIN; nothing written"),
    KIT_TEST(tf_peak_argument_pairs, 1, "tf_peak", "§6.2", "every error with each argument, and pairs: NULL before SIZE before DOMAIN; nothing written"),
    KIT_TEST(tf_omega_argument_pairs, 1, "tf_omega", "§6.2", "every error with each argument, and pairs: NULL before SIZE before DOMAIN; nothing written"),
    KIT_TEST(sweep_tf_dft, 2, "tf_dft", "§6.2", "random signals, N = 1 .. 64, odd and even"),
    KIT_TEST(sweep_tf_fft, 2, "tf_fft", "§6.3", "random signals, N = 1 .. 512; N not a power of two refused"),
    KIT_TEST(sweep_tf_peak, 2, "tf_peak", "§6.4", "n = 1 .. 64, d = 1 .. 9, every kind of j, noisy tones and far PE rows"),
    KIT_TEST(sweep_tf_omega, 2, "tf_omega", "§6.5", "n = 2 .. 50, d = 2 .. 12, bases 1.5 .. 1e6, rows from 0 to 777; random pairs"),
    KIT_END_OF_TESTS
};
