/*
 * ch08.c — the data of chapter 8's figure: the RoPE score of one query and
 * one key against their offset, at several absolute positions (rope_scores),
 * next to the ALiBi bias of a few heads (alibi_slopes, alibi_bias), through
 * include/08-rope-alibi.h.
 * needs: 08
 */
#include <math.h>
#include <stdlib.h>

#include "plotdata.h"
#include "08-rope-alibi.h"

/* Figure: RoPE, d = 4, base 10000 (theta = 1, 0.01), the query
   (0.5, -1, 0.25, 2) and the key (1, 0.5, -0.5, 1) of §8.3's worked example
   at every position 0 .. 240: S[m][n] for the key positions n = 20, 100, 220
   and the offsets m - n = -20 .. 20. ALiBi, H = 8, n = 41: the bias of the
   query at position 20 against the key at 20 - (m - n), heads 1 .. 8. */
static int rope_alibi(const char *dir)
{
    enum { NP = 241, D = 4, K = 20, NK = 3, H = 8, NA = 2 * K + 1 };
    static const double q0[D] = { 0.5, -1, 0.25, 2 }, k0[D] = { 1, 0.5, -0.5, 1 };
    static const size_t keypos[NK] = { 20, 100, 220 };
    double *q = plot_doubles(NP * D), *k = plot_doubles(NP * D);
    double *S = plot_doubles(NP * NP);
    double *bias = plot_doubles(H * NA * NA);
    double slope[H];
    for (size_t p = 0; p < NP; p++)
        for (size_t j = 0; j < D; j++) {
            q[p * D + j] = q0[j];
            k[p * D + j] = k0[j];
        }
    for (size_t t = 0; t < (size_t)H * NA * NA; t++)
        bias[t] = 0.0; /* scores 0: alibi_bias then leaves the bias alone */
    int ok = plot_ok(dir, "rope_scores(q, k, 241, 4, 10000, S)",
                     rope_scores(q, k, NP, D, 10000.0, S)) &&
             plot_finite(dir, "rope_scores", S, NP, NP) &&
             plot_ok(dir, "alibi_slopes(slope, 8)", alibi_slopes(slope, H)) &&
             plot_finite(dir, "alibi_slopes", slope, 1, H) &&
             plot_ok(dir, "alibi_bias(scores, 8, 41)", alibi_bias(bias, H, NA)) &&
             plot_finite(dir, "alibi_bias", bias, H, NA * NA);
    if (ok) {
        /* spread: the largest difference between the curves of two key positions */
        double spread = 0.0;
        FILE *f = plot_open(dir, "rope.dat");
        fprintf(f, "# offset m-n, then S[n + offset][n] for n = 20, 100, 220\n");
        for (int off = -K; off <= K; off++) {
            fprintf(f, "%d", off);
            for (size_t c = 0; c < NK; c++) {
                double s = S[(size_t)((long)keypos[c] + off) * NP + keypos[c]];
                double s0 = S[(size_t)((long)keypos[0] + off) * NP + keypos[0]];
                spread = fmax(spread, fabs(s - s0));
                fprintf(f, " %.17g", s);
            }
            fprintf(f, "\n");
        }
        fclose(f);
        f = plot_open(dir, "alibi.dat");
        fprintf(f, "# offset m-n, then the bias of the query at 20 and the key at 20 - offset, heads 1 .. 8\n");
        for (int off = -K; off <= K; off++) {
            fprintf(f, "%d", off);
            for (size_t h = 0; h < H; h++)
                fprintf(f, " %.17g", bias[(h * NA + K) * NA + (size_t)(K - off)]);
            fprintf(f, "\n");
        }
        fclose(f);
        plot_var(dir, "rope_spread", spread);
        plot_var(dir, "rope_plus3", S[(keypos[1] + 3) * NP + keypos[1]]);
        plot_var(dir, "rope_minus3", S[(keypos[1] - 3) * NP + keypos[1]]);
        for (size_t h = 0; h < H; h++) {
            char name[16];
            snprintf(name, sizeof name, "slope%zu", h + 1);
            plot_var(dir, name, slope[h]);
        }
    }
    free(q);
    free(k);
    free(S);
    free(bias);
    return ok ? 0 : 1;
}

const struct plot_figure plot_figures[] = {
    {"rope-alibi", rope_alibi},
    {NULL, NULL}
};
