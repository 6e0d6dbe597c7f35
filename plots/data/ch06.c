/*
 * ch06.c — the data of chapter 6's figures: the spectrum of a few columns of
 * the PE table (pe_table, pe_omega of include/03-sinusoidal.h) by chapter 6's
 * DFT and peak finder (tf_dft, tf_peak of include/06-time-frequency.h); and,
 * for exercise 6, how many peaks the spectrum of the sum of all the columns
 * of a 4096 x 64 table has (tf_fft).
 * needs: 03 06
 */
#include <math.h>
#include <stdlib.h>

#include "plotdata.h"
#include "03-sinusoidal.h"
#include "06-time-frequency.h"

/* 1 when all count values are finite (no status line: see sum_spectrum_counts). */
static int plot_finite_quiet(const double *a, size_t count)
{
    for (size_t k = 0; k < count; k++)
        if (!isfinite(a[k]))
            return 0;
    return 1;
}

/* Exercise 6's numbers: the sum of all 64 columns of the 4096 x 64 table
   (base 10000), its spectrum by tf_fft, and
     pairs_resolved: the pairs with omega_i >= 2 pi / 4096 (a turn or more in
                     the window, §6.4);
     pairs_bins:     how many different bins round(4096 omega_i / 2 pi) >= 1
                     those pairs fall in;
     sum_peaks:      the local maxima of |X_k|, 1 <= k < 2048: bins larger
                     than both neighbours (the smallest of them, smallest_peak,
                     is far above the leakage around it);
     dc:             |X_0|, where the slow pairs' columns end up.
   Written to vars.gp for the chapter; the figure does not draw them (the
   exercise asks for that plot). Returns 0 only when pe_table or pe_omega did
   not deliver (status.txt written); a missing tf_fft just leaves them out. */
static int sum_spectrum_counts(const char *dir)
{
    enum { N = 4096, D = 64 };
    double *pe = plot_doubles((size_t)N * D), *omega = plot_doubles(D / 2);
    double *x = plot_doubles(N), *re = plot_doubles(N), *im = plot_doubles(N);
    double pairs = 0, bins = 0, peaks = 0, last_bin = -1, smallest_peak = INFINITY;
    int ok = plot_ok(dir, "pe_table(pe, 4096, 64, 10000)", pe_table(pe, N, D, 10000.0)) &&
             plot_finite(dir, "pe_table", pe, N, D) &&
             plot_ok(dir, "pe_omega(omega, 64, 10000)", pe_omega(omega, D, 10000.0)) &&
             plot_finite(dir, "pe_omega", omega, 1, D / 2);
    for (size_t pos = 0; ok && pos < N; pos++) {
        x[pos] = 0.0;
        for (size_t j = 0; j < D; j++)
            x[pos] += pe[pos * D + j];
    }
    /* tf_fft is the chapter's stretch exercise: without it (or with a wrong one)
       the numbers are left out, and the figure, which does not use them, is drawn */
    if (ok && tf_fft(x, N, re, im) == KIT_OK && plot_finite_quiet(re, N) &&
        plot_finite_quiet(im, N)) {
        for (size_t i = 0; i < D / 2; i++) {
            double bin = round(N * omega[i] / (2.0 * PLOT_PI));
            if (omega[i] >= 2.0 * PLOT_PI / N) {
                pairs++;
                bins += bin != last_bin;
                last_bin = bin;
            }
        }
        for (size_t k = 1; k < N / 2; k++) {
            double m = hypot(re[k], im[k]);
            if (m > hypot(re[k - 1], im[k - 1]) && m > hypot(re[k + 1], im[k + 1])) {
                peaks++;
                smallest_peak = fmin(smallest_peak, m);
            }
        }
        plot_var(dir, "ex6_pairs_resolved", pairs);
        plot_var(dir, "ex6_pairs_bins", bins);
        plot_var(dir, "ex6_sum_peaks", peaks);
        plot_var(dir, "ex6_smallest_peak", smallest_peak);
        plot_var(dir, "ex6_dc", hypot(re[0], im[0]));
    }
    free(pe);
    free(omega);
    free(x);
    free(re);
    free(im);
    return ok;
}

/* Figure: |X_k| of columns 0, 8, 16, 20 of the 256 x 64 table, k = 0 .. 128,
   with each column's true frequency omega_i / (2 pi) and tf_peak's bin. */
static int spectrum(const char *dir)
{
    enum { N = 256, D = 64, C = 4 };
    static const size_t cols[C] = { 0, 8, 16, 20 };
    double *pe = plot_doubles(N * D);       /* (N, D) */
    double *omega = plot_doubles(D / 2);    /* (D / 2) */
    double *x = plot_doubles(N);            /* (N): one column */
    double *re = plot_doubles(N), *im = plot_doubles(N); /* (N) each */
    double *mag = plot_doubles((N / 2 + 1) * C);          /* (N/2 + 1, C) */
    int ok = plot_ok(dir, "pe_table(pe, 256, 64, 10000)", pe_table(pe, N, D, 10000.0)) &&
             plot_finite(dir, "pe_table", pe, N, D) &&
             plot_ok(dir, "pe_omega(omega, 64, 10000)", pe_omega(omega, D, 10000.0)) &&
             plot_finite(dir, "pe_omega", omega, 1, D / 2);
    for (size_t c = 0; ok && c < C; c++) {
        size_t j = cols[c], k = 0;
        double f = NAN;
        char name[32];
        for (size_t pos = 0; pos < N; pos++)
            x[pos] = pe[pos * D + j];
        ok = plot_ok(dir, "tf_dft(x, 256, re, im)", tf_dft(x, N, re, im)) &&
             plot_finite(dir, "tf_dft", re, 1, N) && plot_finite(dir, "tf_dft", im, 1, N) &&
             plot_ok(dir, "tf_peak(pe, 256, 64, j, &k, &f)", tf_peak(pe, N, D, j, &k, &f)) &&
             plot_finite(dir, "tf_peak", &f, 1, 1);
        if (!ok)
            break;
        for (size_t b = 0; b <= N / 2; b++)
            mag[b * C + c] = sqrt(re[b] * re[b] + im[b] * im[b]);
        snprintf(name, sizeof name, "f_true_%zu", c + 1);
        plot_var(dir, name, omega[j / 2] / (2.0 * PLOT_PI));
        snprintf(name, sizeof name, "f_peak_%zu", c + 1);
        plot_var(dir, name, f);
        snprintf(name, sizeof name, "col_%zu", c + 1);
        plot_var(dir, name, (double)j);
    }
    if (ok) {
        FILE *out = plot_open(dir, "spectrum.dat");
        fprintf(out, "# k f=k/N |X_k| of columns 0 8 16 20\n");
        for (size_t b = 0; b <= N / 2; b++)
            fprintf(out, "%zu %.9g %.9g %.9g %.9g %.9g\n", b, (double)b / N, mag[b * C],
                    mag[b * C + 1], mag[b * C + 2], mag[b * C + 3]);
        fclose(out);
        plot_var(dir, "n", N);
        plot_var(dir, "d", D);
        ok = sum_spectrum_counts(dir);
    }
    free(pe);
    free(omega);
    free(x);
    free(re);
    free(im);
    free(mag);
    return ok ? 0 : 1;
}

const struct plot_figure plot_figures[] = {
    {"spectrum", spectrum},
    {NULL, NULL}
};
