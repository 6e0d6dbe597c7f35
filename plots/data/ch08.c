/*
 * ch08.c — the data of chapter 8's figures: the RoPE score of one query and
 * one key against their offset, at several absolute positions (rope_scores),
 * next to the ALiBi bias of a few heads (alibi_slopes, alibi_bias); the
 * learned relative biases that came before (Shaw et al.'s clipped offsets,
 * T5's buckets); RoPE's long-term decay (rope_apply); and what context
 * extension does to RoPE's angles (chapter 4's pe_wavelengths and
 * pe_separation_bound), through include/04-frequencies.h and
 * include/08-rope-alibi.h.
 * needs: 04 08
 */
#include <math.h>
#include <stdlib.h>

#include "plotdata.h"
#include "04-frequencies.h"
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

/* Shaw et al. (2018): the offset key - query clipped to [-k, k], shifted to
   the index 0 .. 2k of one of 2k + 1 learned vectors. */
static long shaw_index(long offset, long k)
{
    return (offset < -k ? -k : offset > k ? k : offset) + k;
}

/* T5's relative_position_bucket (Raffel et al. 2020; the Mesh TensorFlow and
   Hugging Face code), bidirectional: offset = key - query. Half of the
   buckets for keys before the query, half (shifted by buckets/2) for keys
   after; in each half, distances below half of it are their own bucket, the
   rest share log-spaced buckets up to max_distance, and every larger distance
   the last one. In double; `single` repeats the log step in float, as
   PyTorch computes it on a float32 tensor. */
static long t5_bucket(long offset, long buckets, long max_distance, int single)
{
    long half = buckets / 2, exact = half / 2, n = labs(offset), large;
    long bucket = offset > 0 ? half : 0; /* keys after the query: upper half */
    if (n < exact)
        return bucket + n;
    if (single)
        large = exact + (long)(logf((float)n / (float)exact) / (float)log((double)max_distance / exact) *
                               (float)(half - exact));
    else
        large = exact + (long)(log((double)n / exact) / log((double)max_distance / exact) *
                               (double)(half - exact));
    return bucket + (large < half - 1 ? large : half - 1);
}

/* Figure: the index of the learned relative bias for every offset m - n
   (query - key, the chapter's offset; Shaw and T5 compute with key - query,
   its negative) in -160 .. 160: Shaw et al.'s clip at k = 16, and T5's 32 buckets, max
   distance 128. Also the offsets where each T5 bucket starts (t5-edges.dat),
   how many buckets the offsets use, and on how many offsets up to 10^5 the
   double and the float computation disagree. */
static int relative_bias(const char *dir)
{
    enum { K = 16, BUCKETS = 32, MAXD = 128, R = 160 };
    FILE *f = plot_open(dir, "relative.dat");
    FILE *e = plot_open(dir, "t5-edges.dat");
    long disagree = 0, last = -1, used = 0;
    int seen[BUCKETS] = { 0 };
    fprintf(f, "# offset m-n (query-key), Shaw index (k = 16), T5 bucket (32 buckets, max distance 128)\n");
    fprintf(e, "# T5 bucket, first distance |offset| in it (keys before the query: bucket; after: bucket + 16), double\n");
    for (long off = -R; off <= R; off++) { /* off = m - n; key - query = -off */
        long b = t5_bucket(-off, BUCKETS, MAXD, 0);
        disagree += b != t5_bucket(-off, BUCKETS, MAXD, 1);
        used += !seen[b];
        seen[b] = 1;
        fprintf(f, "%ld %ld %ld\n", off, shaw_index(-off, K), b);
    }
    for (long n = 0; n <= 100000; n++) { /* distances before the query */
        long b = t5_bucket(-n, BUCKETS, MAXD, 0);
        if (b != last)
            fprintf(e, "%ld %ld\n", b, n);
        last = b;
    }
    for (long n = R + 1; n <= 100000; n++) /* beyond the figure, too */
        disagree += t5_bucket(n, BUCKETS, MAXD, 0) != t5_bucket(n, BUCKETS, MAXD, 1) ||
                    t5_bucket(-n, BUCKETS, MAXD, 0) != t5_bucket(-n, BUCKETS, MAXD, 1);
    fclose(f);
    fclose(e);
    plot_var(dir, "shaw_k", K);
    plot_var(dir, "t5_disagree", (double)disagree);
    plot_var(dir, "t5_bucket_m64", (double)t5_bucket(-64, BUCKETS, MAXD, 0));
    plot_var(dir, "t5_bucket_m64_float", (double)t5_bucket(-64, BUCKETS, MAXD, 1));
    plot_var(dir, "t5_bucket_p1", (double)t5_bucket(1, BUCKETS, MAXD, 0));
    plot_var(dir, "t5_used", (double)used); /* bucket 16 (after the query, distance 0) never is */
    return 0;
}

/* RoFormer §3.4.3: with S_j = sum_{i<j} e^{i r theta_i} (r = m - n), the
   score's upper bound is proportional to (1/(d/2)) sum_{j=1}^{d/2} |S_j|.
   e^{i r theta_i} is pair i of the row (1, 0, 1, 0, ...) after rope_apply at
   position r, so one rope_apply call gives every term. */
static int rope_bound(const char *dir, const size_t *pos, size_t n, size_t d, double *bound)
{
    double *x = plot_doubles(n * d);
    char call[96];
    int ok;
    for (size_t t = 0; t < n * d; t++)
        x[t] = t % 2 == 0 ? 1.0 : 0.0;
    snprintf(call, sizeof call, "rope_apply(x, pos, %zu, %zu, 10000)", n, d);
    ok = plot_ok(dir, call, rope_apply(x, pos, n, d, 10000.0)) &&
         plot_finite(dir, "rope_apply", x, n, d);
    for (size_t r = 0; ok && r < n; r++) {
        double re = 0.0, im = 0.0, sum = 0.0;
        for (size_t i = 0; i < d / 2; i++) {
            re += x[r * d + 2 * i]; /* S_{i+1} = S_i + e^{i r theta_i} */
            im += x[r * d + 2 * i + 1];
            sum += hypot(re, im);
        }
        bound[r] = sum / (double)(d / 2);
    }
    free(x);
    return ok;
}

/* Figure: the relative upper bound of RoFormer's Figure 2, d = 128, base
   10000, at every distance 0 .. 1024; and, for every octave [2^k, 2^(k+1))
   up to 2^16, its mean and its largest value over all the distances in the
   octave (rope_apply on blocks of 4096 consecutive positions). */
static int rope_decay(const char *dir)
{
    enum { D = 128, NLIN = 1025, BLOCK = 4096, OCT = 16 };
    size_t *pos = malloc(BLOCK * sizeof *pos);
    double *bound = plot_doubles(BLOCK);
    double sum[OCT] = { 0 }, top[OCT] = { 0 };
    int ok = 1;
    if (pos == NULL)
        return plot_ok(dir, "malloc", KIT_ERR_SIZE), 1;
    for (size_t start = 0; ok && start < ((size_t)1 << OCT); start += BLOCK) {
        for (size_t r = 0; r < BLOCK; r++)
            pos[r] = start + r;
        ok = rope_bound(dir, pos, BLOCK, D, bound);
        for (size_t r = 0; ok && r < BLOCK; r++) {
            size_t dist = start + r, k = 0;
            if (dist == 0)
                continue;
            while (((size_t)2 << k) <= dist)
                k++; /* 2^k <= dist < 2^(k+1) */
            sum[k] += bound[r];
            top[k] = fmax(top[k], bound[r]);
        }
        if (ok && start == 0) {
            FILE *f = plot_open(dir, "decay.dat");
            size_t rmin = 0;
            fprintf(f, "# distance m-n, (1/(d/2)) sum_j |S_j|   (d = 128, base 10000)\n");
            for (size_t r = 0; r < NLIN; r++) {
                fprintf(f, "%zu %.17g\n", r, bound[r]);
                if (r <= 256 && bound[r] < bound[rmin])
                    rmin = r;
            }
            fclose(f);
            plot_var(dir, "d", D);
            plot_var(dir, "bound_0", bound[0]);
            plot_var(dir, "bound_1", bound[1]);
            plot_var(dir, "bound_10", bound[10]);
            plot_var(dir, "bound_100", bound[100]);
            plot_var(dir, "bound_256", bound[256]);
            plot_var(dir, "bound_1024", bound[1024]);
            plot_var(dir, "bound_min256", bound[rmin]);
            plot_var(dir, "bound_argmin256", (double)rmin);
        }
    }
    if (ok) {
        FILE *f = plot_open(dir, "decay-octaves.dat");
        fprintf(f, "# octave start 2^k, end 2^(k+1) - 1, mean and max of the bound over it\n");
        for (size_t k = 0; k < OCT; k++) {
            char name[32];
            double mean = sum[k] / (double)((size_t)1 << k);
            fprintf(f, "%zu %zu %.17g %.17g\n", (size_t)1 << k, ((size_t)2 << k) - 1, mean, top[k]);
            snprintf(name, sizeof name, "mean_oct%zu", k);
            plot_var(dir, name, mean);
            snprintf(name, sizeof name, "max_oct%zu", k);
            plot_var(dir, name, top[k]);
        }
        fclose(f);
    }
    free(pos);
    free(bound);
    return ok ? 0 : 1;
}

/* Figure: RoPE's angle per position theta_i = 2 pi / lambda_i of every pair,
   d = 128 (chapter 4's pe_wavelengths), for a model trained on L = 2048
   positions and extended s = 4 times to 8192: base 10000 as trained;
   position interpolation (positions times 1/s: every theta_i / s); NTK-aware
   scaling (base * s^(d/(d-2))); and base 500000 (Llama 3). Plus chapter 4's
   reach lambda_max / 2 and margin for each base. */
static int context_extension(const char *dir)
{
    enum { D = 128, P = D / 2, L = 2048, S = 4 };
    const double ntk = 10000.0 * pow((double)S, (double)D / (D - 2));
    const double bases[3] = { 10000.0, ntk, 500000.0 };
    static const char *names[3] = { "10000", "ntk", "500000" };
    double lambda[3][P], bound[3][2];
    int ok = 1;
    for (int b = 0; ok && b < 3; b++) {
        char call[96];
        snprintf(call, sizeof call, "pe_wavelengths(lambda, 128, %.17g, PE_PAPER)", bases[b]);
        ok = plot_ok(dir, call, pe_wavelengths(lambda[b], D, bases[b], PE_PAPER)) &&
             plot_finite(dir, "pe_wavelengths", lambda[b], 1, P);
        snprintf(call, sizeof call, "pe_separation_bound(bound, 128, %.17g)", bases[b]);
        ok = ok && plot_ok(dir, call, pe_separation_bound(bound[b], D, bases[b])) &&
             plot_finite(dir, "pe_separation_bound", bound[b], 1, 2);
    }
    if (!ok)
        return 1;
    {
        FILE *f = plot_open(dir, "theta.dat");
        fprintf(f, "# pair i, theta_i = 2 pi / lambda_i: base 10000, interpolated (/ %d), NTK base, base 500000\n", S);
        for (size_t i = 0; i < P; i++) {
            double t0 = 2.0 * PLOT_PI / lambda[0][i];
            fprintf(f, "%zu %.17g %.17g %.17g %.17g\n", i, t0, t0 / S, 2.0 * PLOT_PI / lambda[1][i],
                    2.0 * PLOT_PI / lambda[2][i]);
        }
        fclose(f);
    }
    plot_var(dir, "d", D);
    plot_var(dir, "L", L);
    plot_var(dir, "s", S);
    plot_var(dir, "ntk_base", ntk);
    for (int b = 0; b < 3; b++) {
        char name[48];
        snprintf(name, sizeof name, "lambda_max_%s", names[b]);
        plot_var(dir, name, lambda[b][P - 1]);
        snprintf(name, sizeof name, "theta_min_%s", names[b]);
        plot_var(dir, name, 2.0 * PLOT_PI / lambda[b][P - 1]);
        snprintf(name, sizeof name, "reach_%s", names[b]);
        plot_var(dir, name, bound[b][0]);
        snprintf(name, sizeof name, "margin_%s", names[b]);
        plot_var(dir, name, bound[b][1]);
    }
    /* the fastest pair: theta_0 = 1 rad per position; interpolated, 1/s */
    plot_var(dir, "theta0", 2.0 * PLOT_PI / lambda[0][0]);
    plot_var(dir, "theta0_pi", 2.0 * PLOT_PI / lambda[0][0] / S);
    plot_var(dir, "theta0_ntk", 2.0 * PLOT_PI / lambda[1][0]);
    plot_var(dir, "chord0", 2.0 * sin(PLOT_PI / lambda[0][0]));
    plot_var(dir, "chord0_pi", 2.0 * sin(PLOT_PI / lambda[0][0] / S));
    plot_var(dir, "ntk_slowest_ratio", lambda[1][P - 1] / lambda[0][P - 1]);
    plot_var(dir, "theta_one_turn_L", 2.0 * PLOT_PI / L);
    plot_var(dir, "theta_one_turn_sL", 2.0 * PLOT_PI / (S * L));
    return 0;
}

const struct plot_figure plot_figures[] = {
    {"rope-alibi", rope_alibi},
    {"relative-bias", relative_bias},
    {"rope-decay", rope_decay},
    {"context-extension", context_extension},
    {NULL, NULL}
};
