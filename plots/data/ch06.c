/*
 * ch06.c — the data of chapter 6's figures: the spectrum of a few columns of
 * the PE table (pe_table, pe_omega of include/03-sinusoidal.h) by chapter 6's
 * DFT and peak finder (tf_dft, tf_peak of include/06-time-frequency.h).
 * needs: 03 06
 */
#include <math.h>
#include <stdlib.h>

#include "plotdata.h"
#include "03-sinusoidal.h"
#include "06-time-frequency.h"

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
