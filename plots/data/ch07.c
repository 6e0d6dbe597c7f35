/*
 * ch07.c — the data of chapter 7's figures: the attention weights of §7.6's
 * sentence and of its shuffle, without and with chapter 3's encoding
 * (attn_attend on X or X + pe_table's rows, attn_perm_gap for the gap), and
 * the same sentence under a causal mask, without positions (attn_scores,
 * then -INFINITY above the diagonal, then attn_softmax), through
 * include/03-sinusoidal.h and include/07-attention.h.
 * needs: 03 07
 */
#include <math.h>
#include <stdlib.h>

#include "plotdata.h"
#include "03-sinusoidal.h"
#include "07-attention.h"

enum { N = 3, D = 4 };

/* Writes the (N, N) weights W as gnuplot matrix text and as labels
   (x y text dark-cell, six decimals; "masked" for a weight of exactly 0). */
static void weights(const char *dir, const char *name, const double *W)
{
    char file[64];
    snprintf(file, sizeof file, "%s.dat", name);
    plot_matrix(dir, file, W, N, N);
    snprintf(file, sizeof file, "%s-labels.dat", name);
    FILE *f = plot_open(dir, file);
    for (size_t r = 0; r < N; r++)
        for (size_t c = 0; c < N; c++)
            if (W[r * N + c] == 0.0) /* only a masked key gets exactly 0 */
                fprintf(f, "%zu %zu masked 0\n", c, r);
            else
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

/* Causal self-attention of the (N, D) rows Z, no positions: S = attn_scores(Z, Z),
   S[r][c] = -INFINITY for every key c after the query r, W = attn_softmax(S),
   Y = W Z (the values are the rows themselves, as in attn_perm_gap). */
static int causal_attend(const char *dir, const double *Z, double *W, double *Y)
{
    double S[N * N];
    if (!plot_ok(dir, "attn_scores(Z, Z, 3, 3, 4, S)", attn_scores(Z, Z, N, N, D, S)) ||
        !plot_finite(dir, "attn_scores", S, N, N))
        return 0;
    for (size_t r = 0; r < N; r++)
        for (size_t c = r + 1; c < N; c++)
            S[r * N + c] = -INFINITY; /* query r sees the keys 0 .. r only */
    if (!plot_ok(dir, "attn_softmax(S, 3, 3, W)", attn_softmax(S, N, N, W)) ||
        !plot_finite(dir, "attn_softmax", W, N, N))
        return 0;
    for (size_t r = 0; r < N; r++)
        for (size_t j = 0; j < D; j++) {
            double y = 0.0;
            for (size_t c = 0; c < N; c++)
                y += W[r * N + c] * Z[c * D + j];
            Y[r * D + j] = y;
        }
    return 1;
}

/* Figure: §7.6's sentence X and its shuffle pi = (2, 0, 1) under a causal
   mask, no positions. Weights of X, of the shuffle, the shuffle's put back in
   word order (B[pi[r]][pi[c]] = A_b[r][c]), and the gap of attn_perm_gap's
   definition, max |Y_b[pos][j] - Y_a[pi[pos]][j]|, which the mask makes > 0;
   attn_perm_gap (no mask) gives the unmasked gap for comparison. */
static int causal_mask(const char *dir)
{
    static const double X[N * D] = { 0.5, -1, 0.25, 2,  -0.5, 0.3, -2, 0.1,  1, 1, -1, -1 };
    static const size_t perm[N] = { 2, 0, 1 };
    double Xb[N * D], Wa[N * N], Wb[N * N], B[N * N], Ya[N * D], Yb[N * D];
    double gap = 0.0, gap_nomask = NAN, self_a = NAN, self_b = NAN;
    int ok;
    for (size_t pos = 0; pos < N; pos++)
        for (size_t j = 0; j < D; j++)
            Xb[pos * D + j] = X[perm[pos] * D + j];
    ok = causal_attend(dir, X, Wa, Ya) && causal_attend(dir, Xb, Wb, Yb) &&
         plot_ok(dir, "attn_perm_gap(X, perm, 3, 4, 0, 10000, &gap)",
                 attn_perm_gap(X, perm, N, D, 0, 10000.0, &gap_nomask)) &&
         plot_finite(dir, "attn_perm_gap", &gap_nomask, 1, 1);
    if (!ok)
        return 1;
    for (size_t r = 0; r < N; r++)
        for (size_t c = 0; c < N; c++)
            B[perm[r] * N + perm[c]] = Wb[r * N + c];
    for (size_t pos = 0; pos < N; pos++)
        for (size_t j = 0; j < D; j++)
            gap = fmax(gap, fabs(Yb[pos * D + j] - Ya[perm[pos] * D + j]));
    /* word x0: at position 0 in X it sees only itself; in the shuffle it is at 1 */
    self_a = Wa[0];
    self_b = Wb[1 * N + 1];
    weights(dir, "causal-original", Wa);
    weights(dir, "causal-shuffled", Wb);
    weights(dir, "causal-back", B);
    plot_var(dir, "gap_causal", gap);
    plot_var(dir, "gap_nomask", gap_nomask);
    plot_var(dir, "x0_self_original", self_a);
    plot_var(dir, "x0_self_shuffled", self_b);
    {
        /* the output rows, for the prose: Y_a (word order) and Y_b (shuffled order) */
        FILE *f = plot_open(dir, "outputs.dat");
        fprintf(f, "# pos  Y_a[pos] (4 values)  Y_b[pos] (4 values), causal mask, no positions\n");
        for (size_t pos = 0; pos < N; pos++) {
            fprintf(f, "%zu", pos);
            for (size_t j = 0; j < D; j++)
                fprintf(f, " %.17g", Ya[pos * D + j]);
            for (size_t j = 0; j < D; j++)
                fprintf(f, " %.17g", Yb[pos * D + j]);
            fprintf(f, "\n");
        }
        fclose(f);
    }
    return 0;
}

const struct plot_figure plot_figures[] = {
    {"attention-weights", attention_weights},
    {"causal-mask", causal_mask},
    {NULL, NULL}
};
