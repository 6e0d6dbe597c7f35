/*
 * ch03.c — the data of chapter 3's figures, computed by the chapter's own
 * functions (pe_table, pe_omega) through include/03-sinusoidal.h.
 * needs: 03
 */
#include <math.h>
#include <stdlib.h>

#include "plotdata.h"
#include "03-sinusoidal.h"

/* The n x d table for base into dir/file; 0 on success, 1 when pe_table did
   not deliver (dir/status.txt says why). */
static int table(const char *dir, const char *file, size_t n, size_t d, double base)
{
    double *pe = plot_doubles(n * d); /* (n, d), NaN = not written */
    char call[96];
    int ok;
    snprintf(call, sizeof call, "pe_table(pe, %zu, %zu, %g)", n, d, base);
    ok = plot_ok(dir, call, pe_table(pe, n, d, base)) && plot_finite(dir, "pe_table", pe, n, d);
    if (ok)
        plot_matrix(dir, file, pe, n, d);
    free(pe);
    return ok ? 0 : 1;
}

/* Figure 1: 50 positions x 128 dimensions. */
static int heatmap(const char *dir) { return table(dir, "pe.dat", 50, 128, 10000.0); }

/* Figure 2: 200 positions x 64 dimensions (the script transposes). */
static int time_frequency(const char *dir) { return table(dir, "pe.dat", 200, 64, 10000.0); }

/* Figure 7: the worked example, n = 5, d = 8. */
static int worked_example(const char *dir)
{
    enum { N = 5, D = 8 };
    double pe[N * D]; /* (N, D), row-major */
    FILE *f;
    if (table(dir, "pe.dat", N, D, 10000.0) != 0)
        return 1;
    /* The printed values come from C as text: gnuplot keeps matrix data as
       float, which would print cos(0.3) = 0.9553364891 as 0.955337. */
    if (pe_table(pe, N, D, 10000.0) != KIT_OK || (f = plot_open(dir, "labels.dat")) == NULL)
        return 1;
    for (size_t pos = 0; pos < N; pos++)
        for (size_t j = 0; j < D; j++)
            fprintf(f, "%zu %zu %.6f %d\n", j, pos, pe[pos * D + j],
                    fabs(pe[pos * D + j]) > 0.75);  /* x y text dark-cell */
    fclose(f);
    return 0;
}

/* Yours vs reference: a table small enough to see each column. */
static int compare_table(const char *dir) { return table(dir, "pe.dat", 50, 32, 10000.0); }

/* Figure 8: the same 100 x 64 table for three bases. */
static int bases(const char *dir)
{
    return table(dir, "pe_10000.dat", 100, 64, 10000.0) ||
           table(dir, "pe_100.dat", 100, 64, 100.0) ||
           table(dir, "pe_20.dat", 100, 64, 20.0);
}

/* Figure 3: The Annotated Transformer's curves, d = 20, dims 4..7 over
   positions 0..99, with the wavelength lambda_i = 2 pi / omega_i of pairs
   i = 2 (dims 4, 5) and i = 3 (dims 6, 7). */
static int annotated_sines(const char *dir)
{
    enum { N = 100, D = 20 };
    double *pe = plot_doubles(N * D);   /* (N, D) */
    double *omega = plot_doubles(D / 2); /* (D / 2) */
    int ok = plot_ok(dir, "pe_table(pe, 100, 20, 10000)", pe_table(pe, N, D, 10000.0)) &&
             plot_finite(dir, "pe_table", pe, N, D) &&
             plot_ok(dir, "pe_omega(omega, 20, 10000)", pe_omega(omega, D, 10000.0)) &&
             plot_finite(dir, "pe_omega", omega, 1, D / 2);
    if (ok) {
        FILE *f = plot_open(dir, "sines.dat");
        fprintf(f, "# pos PE(pos,4) PE(pos,5) PE(pos,6) PE(pos,7)\n");
        for (size_t pos = 0; pos < N; pos++)
            fprintf(f, "%zu %.9g %.9g %.9g %.9g\n", pos, pe[pos * D + 4], pe[pos * D + 5],
                    pe[pos * D + 6], pe[pos * D + 7]);
        fclose(f);
        plot_var(dir, "lambda45", 2.0 * PLOT_PI / omega[2]); /* dims 4, 5: pair i = 2 */
        plot_var(dir, "lambda67", 2.0 * PLOT_PI / omega[3]); /* dims 6, 7: pair i = 3 */
    }
    free(pe);
    free(omega);
    return ok ? 0 : 1;
}

const struct plot_figure plot_figures[] = {
    {"heatmap", heatmap},
    {"time-frequency", time_frequency},
    {"annotated-sines", annotated_sines},
    {"worked-example", worked_example},
    {"bases", bases},
    {"compare-table", compare_table},
    {NULL, NULL}
};
