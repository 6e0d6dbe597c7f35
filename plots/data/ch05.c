/*
 * ch05.c — the data of chapter 5's figures: the Gram matrix of the encoding
 * (rel_gram over pe_table's rows) and the dot product against the offset
 * (rel_dot_offset), through include/03-sinusoidal.h and
 * include/05-relative-positions.h.
 * needs: 03 05
 */
#include <stdlib.h>

#include "plotdata.h"
#include "03-sinusoidal.h"
#include "05-relative-positions.h"

/* Figure: G[p][q] = PE(p) . PE(q) for 100 positions, d = 64, and
   PE(p + k) . PE(p) against k = 0 .. 99 for d = 8, 64 and 128. */
static int gram(const char *dir)
{
    enum { N = 100, D = 64, K = 100 };
    static const size_t widths[3] = { 8, 64, 128 };
    double *pe = plot_doubles(N * D); /* (N, D) */
    double *G = plot_doubles(N * N);  /* (N, N) */
    double *dot = plot_doubles(K * 3); /* (K, 3): column w is widths[w] */
    int ok = plot_ok(dir, "pe_table(pe, 100, 64, 10000)", pe_table(pe, N, D, 10000.0)) &&
             plot_finite(dir, "pe_table", pe, N, D) &&
             plot_ok(dir, "rel_gram(pe, 100, 64, G)", rel_gram(pe, N, D, G)) &&
             plot_finite(dir, "rel_gram", G, N, N);
    for (size_t w = 0; ok && w < 3; w++) {
        for (size_t k = 0; ok && k < K; k++) {
            char call[96];
            snprintf(call, sizeof call, "rel_dot_offset(dot, %zu, %zu, 10000)", k, widths[w]);
            ok = plot_ok(dir, call, rel_dot_offset(&dot[k * 3 + w], (int)k, widths[w], 10000.0)) &&
                 plot_finite(dir, "rel_dot_offset", &dot[k * 3 + w], 1, 1);
        }
    }
    if (ok) {
        FILE *f = plot_open(dir, "dot.dat");
        plot_matrix(dir, "gram.dat", G, N, N);
        fprintf(f, "# k dot(d=8) dot(d=64) dot(d=128)\n");
        for (size_t k = 0; k < K; k++)
            fprintf(f, "%zu %.9g %.9g %.9g\n", k, dot[k * 3], dot[k * 3 + 1], dot[k * 3 + 2]);
        fclose(f);
        plot_var(dir, "n", N);
        plot_var(dir, "d", D);
    }
    free(pe);
    free(G);
    free(dot);
    return ok ? 0 : 1;
}

const struct plot_figure plot_figures[] = {
    {"gram", gram},
    {NULL, NULL}
};
