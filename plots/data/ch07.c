/*
 * ch07.c — the data of chapter 7's figure: the attention weights of §7.6's
 * sentence and of its shuffle, without and with chapter 3's encoding
 * (attn_attend on X or X + pe_table's rows, attn_perm_gap for the gap),
 * through include/03-sinusoidal.h and include/07-attention.h.
 * needs: 03 07
 */
#include <stdlib.h>

#include "plotdata.h"
#include "03-sinusoidal.h"
#include "07-attention.h"

enum { N = 3, D = 4 };

/* Writes the (N, N) weights W as gnuplot matrix text and as labels
   (x y text dark-cell, six decimals). */
static void weights(const char *dir, const char *name, const double *W)
{
    char file[64];
    snprintf(file, sizeof file, "%s.dat", name);
    plot_matrix(dir, file, W, N, N);
    snprintf(file, sizeof file, "%s-labels.dat", name);
    FILE *f = plot_open(dir, file);
    for (size_t r = 0; r < N; r++)
        for (size_t c = 0; c < N; c++)
            fprintf(f, "%zu %zu %.6f %d\n", c, r, W[r * N + c], W[r * N + c] > 0.55);
    fclose(f);
}

/* Figure: §7.6's sentence X (n = 3, d = 4), pi = (2, 0, 1), base 10000.
   For with_pe = 0, 1: A_a = weights of Z_a (row pos = X[pos] (+ PE(pos))),
   A_b = weights of Z_b (row pos = X[pi[pos]] (+ PE(pos))), and A_b put back
   in word order, B[pi[r]][pi[c]] = A_b[r][c], which equals A_a exactly
   when shuffling the words only shuffles the weights. */
static int attention_weights(const char *dir)
{
    static const double X[N * D] = { 0.5, -1, 0.25, 2,  -0.5, 0.3, -2, 0.1,  1, 1, -1, -1 };
    static const size_t perm[N] = { 2, 0, 1 };
    double *pe = plot_doubles(N * D);
    double *Z = plot_doubles(N * D);
    double *A = plot_doubles(2 * N * N); /* A_a, then A_b */
    double *Y = plot_doubles(N * D);
    double B[N * N];
    double gap[2] = { 0, 0 };
    int ok = plot_ok(dir, "pe_table(pe, 3, 4, 10000)", pe_table(pe, N, D, 10000.0)) &&
             plot_finite(dir, "pe_table", pe, N, D);
    for (int with_pe = 0; ok && with_pe < 2; with_pe++) {
        for (int shuffled = 0; ok && shuffled < 2; shuffled++) {
            double *W = &A[shuffled * N * N];
            for (size_t pos = 0; pos < N; pos++)
                for (size_t j = 0; j < D; j++)
                    Z[pos * D + j] = X[(shuffled ? perm[pos] : pos) * D + j] +
                                     (with_pe ? pe[pos * D + j] : 0.0);
            ok = plot_ok(dir, "attn_attend(Z, Z, Z, 3, 3, 4, 4, A, Y)",
                         attn_attend(Z, Z, Z, N, N, D, D, W, Y)) &&
                 plot_finite(dir, "attn_attend", W, N, N);
        }
        if (!ok)
            break;
        ok = plot_ok(dir, with_pe ? "attn_perm_gap(X, perm, 3, 4, 1, 10000, &gap)"
                                  : "attn_perm_gap(X, perm, 3, 4, 0, 10000, &gap)",
                     attn_perm_gap(X, perm, N, D, with_pe, 10000.0, &gap[with_pe])) &&
             plot_finite(dir, "attn_perm_gap", &gap[with_pe], 1, 1);
        if (!ok)
            break;
        for (size_t r = 0; r < N; r++)
            for (size_t c = 0; c < N; c++)
                B[perm[r] * N + perm[c]] = A[N * N + r * N + c];
        weights(dir, with_pe ? "pe-original" : "nope-original", A);
        weights(dir, with_pe ? "pe-shuffled" : "nope-shuffled", &A[N * N]);
        weights(dir, with_pe ? "pe-back" : "nope-back", B);
    }
    if (ok) {
        plot_var(dir, "gap_nope", gap[0]);
        plot_var(dir, "gap_pe", gap[1]);
    }
    free(pe);
    free(Z);
    free(A);
    free(Y);
    return ok ? 0 : 1;
}

const struct plot_figure plot_figures[] = {
    {"attention-weights", attention_weights},
    {NULL, NULL}
};
