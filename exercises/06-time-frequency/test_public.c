/*
 * test_public.c — chapter 6's public tests: the DFT of a worked example, the
 * FFT against it, the spectral peaks of a PE table, and omega recovered from
 * the table. Run: make check CHAPTER=6
 *
 * Tolerance: 1e-12 absolute for transforms of N <= 64 samples of size <= 2:
 * each X_k is a sum of N terms, each with a rounding error of a few units of
 * 2^-53, so a correct DFT is within ~N * 2 * 4e-16 = 5e-14 of the exact
 * value. For the FFT against the plain sum on N = 256 samples in [-1, 1):
 * 1e-10 (|X_k| <= 256; both sums carry ~log2(N) or N rounding errors of
 * ~256 * 1e-16). omega: 1e-13, the accuracy the contract promises.
 * Expected values and value checks exist only in the judge's build
 * (KIT_JUDGE, see kit_test.h).
 */
#include <math.h>
#include <stdlib.h>

#include "kit_test.h"
#include "06-time-frequency.h"
#include "test_data.h"

#define TOL 1e-12

#ifdef KIT_JUDGE
/* Peak bin of each column of the n = 64, d = 16, base 10000 table (bc). */
static const double golden_peak_64x16[16] = {
    10, 10, 3, 3,
    1, 1, 0, 0,
    0, 0, 0, 0,
    0, 0, 0, 0
};
/* omega_i of the d = 6, base 100 table (bc). */
static const double golden_omega_d6_base100[3] = {
    1, 0.21544346900318836, 0.046415888336127788
};
#endif /* KIT_JUDGE */

static void dft_worked_example(void **state)
{
    double *re = kit_doubles(16), *im = kit_doubles(16);
    (void)state;
    kit_expect_status("tf_dft", tf_dft(signal16, 16, re, im), KIT_OK);
    kit_expect_table("re", "k", re, golden_dft16_re, 1, 16, TOL, NULL, 0);
    kit_expect_table("im", "k", im, golden_dft16_im, 1, 16, TOL, NULL, 0);
}

static void dft_parseval(void **state)
{
    /* Parseval: sum_k |X_k|^2 = N sum_n x_n^2 for the unnormalised DFT. */
    size_t N = 48;
    double *x = kit_doubles(N), *re = kit_doubles(N), *im = kit_doubles(N);
    (void)state;
    kit_fill(x, N, 6, -1.0, 1.0);
    kit_expect_status("tf_dft", tf_dft(x, N, re, im), KIT_OK);
#ifdef KIT_JUDGE
    double energy_x = 0.0, energy_X = 0.0;
    for (size_t k = 0; k < N; k++) {
        energy_x += x[k] * x[k];
        energy_X += re[k] * re[k] + im[k] * im[k];
    }
    kit_expect_true(fabs(energy_X - (double)N * energy_x) <= 1e-10 * energy_X,
                    "sum |X_k|^2 = %.15g but N * sum x_n^2 = %.15g (no 1/N in the forward DFT)",
                    energy_X, (double)N * energy_x);
#endif
}

static void dft_bad_arguments(void **state)
{
    double x[4] = { 1, 2, 3, NAN };
    double *re = kit_doubles(4), *im = kit_doubles(4);
    (void)state;
    kit_expect_status("tf_dft(NULL, 4, re, im)", tf_dft(NULL, 4, re, im), KIT_ERR_NULL);
    kit_expect_status("tf_dft(x, 4, re, NULL)", tf_dft(x, 4, re, NULL), KIT_ERR_NULL);
    kit_expect_status("tf_dft(x, 0, re, im)", tf_dft(x, 0, re, im), KIT_ERR_SIZE);
    kit_expect_status("tf_dft with x[3] = NaN", tf_dft(x, 4, re, im), KIT_ERR_DOMAIN);
    kit_expect_untouched("re", re);
    kit_expect_untouched("im", im);
}

static void fft_worked_example(void **state)
{
    double *re = kit_doubles(16), *im = kit_doubles(16);
    (void)state;
    kit_expect_status("tf_fft", tf_fft(signal16, 16, re, im), KIT_OK);
    kit_expect_table("re", "k", re, golden_dft16_re, 1, 16, TOL, NULL, 0);
    kit_expect_table("im", "k", im, golden_dft16_im, 1, 16, TOL, NULL, 0);
}

static void fft_matches_dft(void **state)
{
    size_t N = 256;
    double *x = kit_doubles(N);
    double *re = kit_doubles(N), *im = kit_doubles(N), *dre = kit_doubles(N), *dim = kit_doubles(N);
    (void)state;
    kit_fill(x, N, 60, -1.0, 1.0);
    kit_expect_status("tf_dft", tf_dft(x, N, dre, dim), KIT_OK);
    kit_expect_status("tf_fft", tf_fft(x, N, re, im), KIT_OK);
#ifdef KIT_JUDGE
    {   /* each against the definition first (long double), so that the
           message names the one that differs */
        double *want_re = kit_doubles(N), *want_im = kit_doubles(N);
        const long double two_pi = 6.283185307179586476925286766559L;
        for (size_t k = 0; k < N; k++) {
            long double sr = 0.0L, si = 0.0L;
            for (size_t t = 0; t < N; t++) {
                long double a = two_pi * (long double)((k * t) % N) / (long double)N;
                sr += (long double)x[t] * cosl(a);
                si -= (long double)x[t] * sinl(a);
            }
            want_re[k] = (double)sr;
            want_im[k] = (double)si;
        }
        kit_expect_table("tf_dft's re vs the DFT's definition", "k", dre, want_re, 1, N, 1e-10, NULL, 0);
        kit_expect_table("tf_dft's im vs the DFT's definition", "k", dim, want_im, 1, N, 1e-10, NULL, 0);
        kit_expect_table("tf_fft's re vs the DFT's definition", "k", re, want_re, 1, N, 1e-10, NULL, 0);
        kit_expect_table("tf_fft's im vs the DFT's definition", "k", im, want_im, 1, N, 1e-10, NULL, 0);
    }
#endif
    kit_expect_table("fft re vs dft re", "k", re, dre, 1, N, 1e-10, NULL, 0);
    kit_expect_table("fft im vs dft im", "k", im, dim, 1, N, 1e-10, NULL, 0);
}

static void peak_of_every_column(void **state)
{
    size_t n = 64, d = 16;
    double *pe = pe_input(0, n, d, 10000.0);
    size_t *k = kit_sizes(1);
    double *f = kit_doubles(1);
    (void)state;
    kit_grid_begin("tf_peak over the columns j = 0 .. 15 of a 64 x 16 table");
    for (size_t j = 0; j < d; j++) {
        kit_case("j", j);
        kit_expect_status("tf_peak", tf_peak(pe, n, d, j, k, f), KIT_OK);
        kit_expect_true((double)*k == golden_peak_64x16[j],
                        "column j = %zu: peak bin %zu, expected %.0f", j, *k, golden_peak_64x16[j]);
        kit_expect_near("f = k / n", *f, golden_peak_64x16[j] / (double)n, 1e-15);
    }
    kit_grid_end();
}

/* Rows 997 .. 1000 alone, d = 6, base 100. */
static void omega_from_four_rows(void **state)
{
    const double *pe = pe_input(997, 4, 6, 100.0);
    double *omega = kit_doubles(3);
    (void)state;
    kit_expect_status("tf_omega", tf_omega(pe, 4, 6, omega), KIT_OK);
    kit_table_omega(6, 100.0);
    kit_expect_table("omega", "i", omega, golden_omega_d6_base100, 1, 3, 1e-13, NULL, 0);
}

const struct kit_test kit_tests_public[] = {
    KIT_TEST(dft_worked_example, 2, "tf_dft", "§6.2", "the DFT of the 16-sample example (bc)"),
    KIT_TEST(dft_parseval, 1, "tf_dft", "§6.2", "Parseval: sum |X_k|^2 = N sum x_n^2"),
    KIT_TEST(dft_bad_arguments, 1, "tf_dft", "§6.2", "NULL, N = 0 and NaN get an error, nothing written"),
    KIT_TEST(fft_worked_example, 2, "tf_fft", "§6.3", "the FFT of the 16-sample example (bc)"),
    KIT_TEST(fft_matches_dft, 1, "tf_fft,tf_dft", "§6.3", "FFT = plain DFT on 256 random samples"),
    KIT_TEST(peak_of_every_column, 2, "tf_peak", "§6.4", "peak bins of the 64 x 16 table (bc)"),
    KIT_TEST(omega_from_four_rows, 2, "tf_omega", "§6.5", "omega_i from rows 997..1000 alone (bc omega)"),
    KIT_END_OF_TESTS
};
