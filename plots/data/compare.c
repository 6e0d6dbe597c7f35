/*
 * compare.c — the data of the yours-vs-reference figures
 * (plots/NN-yours-vs-reference.gp, `# mode: compare`).
 *
 * plots.py builds this file once per chapter, with -DPLOT_CHAPTER=N, into a
 * data program that holds chapter N's code alone: the reference's for the
 * left panels, yours for the middle ones (the right ones are the
 * difference). So a figure shows only what its own chapter computes: every
 * input is fixed here (patterns, the chapter's example sentence), never
 * computed by another chapter's function.
 *
 * A figure has rows, one per function (or chain of calls); row STEM writes
 * STEM.dat, a matrix with 17 significant digits (a curve is a matrix with
 * one column per line, one line per x), or, when a call did not deliver,
 * STEM.msg, why (what plot_ok or plot_finite said), so that the rows your
 * code does deliver are drawn while the others say what is missing.
 * The functions always return 0: which rows exist is the answer.
 * The release ships the reference's output of these functions (make dist,
 * plots/reference/), never this file's reference: it has none.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plotdata.h"

#ifndef PLOT_CHAPTER
#error "compile with -DPLOT_CHAPTER=N (plots.py does)"
#endif

/* A NaN or an infinity in a result does not stop its row: the row is drawn
   with its finite values, and the others are marked (row() below). So here
   plot_finite lets every array through. */
static int finite_or_marked(const char *dir, const char *fn, const double *a, size_t rows,
                            size_t cols)
{
    (void)dir;
    (void)fn;
    (void)a;
    (void)rows;
    (void)cols;
    return 1;
}
#define plot_finite finite_or_marked

/* Writes row `stem` of a figure: stem.dat, the (rows, cols) array a, when ok
   (a NaN or an infinity written as NaN, which gnuplot leaves out, and listed
   in stem.bad, one "row column value" line each, for plots.py to mark);
   otherwise stem.msg, the reason the last failed call left in status.txt
   (a row that needs an earlier row's result gets that row's reason). */
static void row(const char *dir, const char *stem, int ok, const double *a, size_t rows,
                size_t cols)
{
    static char reason[512] = "no data";
    char path[4096], file[64];
    FILE *f;
    snprintf(file, sizeof file, "%s.dat", stem);
    if (ok) {
        double *copy = plot_doubles(rows * cols);
        FILE *bad = NULL;
        for (size_t k = 0; k < rows * cols; k++) {
            copy[k] = isfinite(a[k]) ? a[k] : NAN;
            if (!isfinite(a[k])) {
                if (bad == NULL) {
                    snprintf(path, sizeof path, "%s.bad", stem);
                    bad = plot_open(dir, path);
                }
                fprintf(bad, "%zu %zu %s\n", k / cols, k % cols,
                        isnan(a[k]) ? "NaN" : a[k] > 0 ? "+inf" : "-inf");
            }
        }
        if (bad != NULL)
            fclose(bad);
        plot_matrix_digits(dir, file, copy, rows, cols, 17);
        free(copy);
        return;
    }
    snprintf(path, sizeof path, "%s/status.txt", dir);
    if ((f = fopen(path, "r")) != NULL) {
        if (fgets(reason, sizeof reason, f) != NULL)
            reason[strcspn(reason, "\n")] = '\0';
        fclose(f);
        remove(path);
    }
    snprintf(file, sizeof file, "%s.msg", stem);
    f = plot_open(dir, file);
    fprintf(f, "%s\n", reason);
    fclose(f);
}

#if PLOT_CHAPTER == 1 || PLOT_CHAPTER == 2 || PLOT_CHAPTER == 3 || PLOT_CHAPTER == 7 || \
    PLOT_CHAPTER == 10
/* A fixed pattern in [-1, 1] for inputs: 11 levels, (r, c) -> ((5r + 3c) mod 11 - 5) / 5,
   distinct rows for r = 0 .. 10. */
static double pattern(size_t r, size_t c)
{
    return (double)((int)((5 * r + 3 * c) % 11) - 5) / 5.0;
}
#endif

#if PLOT_CHAPTER == 1
#include "01-integer-positions.h"

/* Writes why a result does not hold (not an error status: a wrong count, ...)
   to status.txt, as plot_ok does; returns 0. */
static int refuse(const char *dir, const char *text)
{
    FILE *f = plot_open(dir, "status.txt");
    fprintf(f, "%s\n", text);
    fclose(f);
    return 0;
}

/* The running example through tokenize_ids and embed_lookup (E a fixed
   10 x 8 pattern), then int_pos_add on that X.
   embed.dat (11, 8): X; pos.dat (11, 8): X + pos; swamp.dat (11, 1):
   int_pos_swamp(X, 11, 8, ratio), how much pos outweighs each word of X. */
static int compare_01(const char *dir)
{
    enum { N = 11, D = 8, V = IP_VOCAB_SIZE };
    static const char *const vocab[V] = IP_VOCAB;
    static const char text[] = "All animals are equal but some are more equal than others";
    double E[V * D];            /* (V, D) */
    int ids[N];                 /* (N), -1 = not written */
    size_t n = 0;
    double *X = plot_doubles(N * D); /* (N, D) */
    double X0[N * D];                /* (N, D): X before int_pos_add */
    double *ratio = plot_doubles(N); /* (N) */
    int ok, have_x;
    for (size_t k = 0; k < V; k++)
        for (size_t j = 0; j < D; j++)
            E[k * D + j] = pattern(k, j);
    for (size_t pos = 0; pos < N; pos++)
        ids[pos] = -1;
    ok = plot_ok(dir, "tokenize_ids(text, vocab, 10, ids, 11, &n)",
                 tokenize_ids(text, vocab, V, ids, N, &n));
    if (ok && n != N) {
        char why[128];
        snprintf(why, sizeof why, "tokenize_ids found %zu tokens in the example, not 11", n);
        ok = refuse(dir, why);
    }
    for (size_t pos = 0; ok && pos < N; pos++)
        if (ids[pos] < 0 || ids[pos] >= V) {
            char why[128];
            snprintf(why, sizeof why, "tokenize_ids gave ids[%zu] = %d, not an id 0 .. 9", pos,
                     ids[pos]);
            ok = refuse(dir, why);
        }
    ok = ok && plot_ok(dir, "embed_lookup(ids, 11, E, 10, 8, X)", embed_lookup(ids, N, E, V, D, X)) &&
         plot_finite(dir, "embed_lookup", X, N, D);
    row(dir, "embed", ok, X, N, D);
    have_x = ok;
    if (have_x)
        memcpy(X0, X, sizeof X0);
    ok = ok && plot_ok(dir, "int_pos_add(X, 11, 8)", int_pos_add(X, N, D)) &&
         plot_finite(dir, "int_pos_add", X, N, D);
    row(dir, "pos", ok, X, N, D);
    ok = have_x && plot_ok(dir, "int_pos_swamp(X, 11, 8, ratio)", int_pos_swamp(X0, N, D, ratio)) &&
         plot_finite(dir, "int_pos_swamp", ratio, N, 1);
    row(dir, "swamp", ok, ratio, N, 1);
    free(X);
    free(ratio);
    return 0;
}
#define COMPARE {"compare-01", compare_01},
#endif

#if PLOT_CHAPTER == 2
#include "02-unit-interval.h"

/* positions.dat (50, 4): t = unit_positions(t, n) for n = 5, 10, 20, 50, one
   column each, row pos (nan beyond n - 1); range.dat (50, 2): lo, hi of
   unit_code_range(pos, 5, 50, &lo, &hi), row pos; add.dat (11, 8): a fixed
   pattern x after unit_pos_add(x, 11, 8). */
static int compare_02(const char *dir)
{
    enum { NMAX = 50, W = 4, N = 11, D = 8 };
    static const size_t lengths[W] = { 5, 10, 20, 50 };
    double *P = plot_doubles(NMAX * W); /* (NMAX, W), nan = no such position */
    double *R = plot_doubles(NMAX * 2); /* (NMAX, 2) */
    double *x = plot_doubles(N * D);    /* (N, D) */
    int ok = 1;
    for (size_t w = 0; ok && w < W; w++) {
        double *t = plot_doubles(lengths[w]); /* (n) */
        char call[64];
        snprintf(call, sizeof call, "unit_positions(t, %zu)", lengths[w]);
        ok = plot_ok(dir, call, unit_positions(t, lengths[w])) &&
             plot_finite(dir, "unit_positions", t, 1, lengths[w]);
        for (size_t pos = 0; ok && pos < lengths[w]; pos++)
            P[pos * W + w] = t[pos];
        free(t);
    }
    row(dir, "positions", ok, P, NMAX, W);
    ok = 1;
    for (size_t pos = 0; ok && pos < NMAX; pos++) {
        char call[80];
        snprintf(call, sizeof call, "unit_code_range(%zu, 5, 50, &lo, &hi)", pos);
        ok = plot_ok(dir, call, unit_code_range(pos, 5, NMAX, &R[pos * 2], &R[pos * 2 + 1])) &&
             plot_finite(dir, "unit_code_range", &R[pos * 2], 1, 2);
    }
    row(dir, "range", ok, R, NMAX, 2);
    for (size_t pos = 0; pos < N; pos++)
        for (size_t j = 0; j < D; j++)
            x[pos * D + j] = pattern(pos, j);
    ok = plot_ok(dir, "unit_pos_add(x, 11, 8)", unit_pos_add(x, N, D)) &&
         plot_finite(dir, "unit_pos_add", x, N, D);
    row(dir, "add", ok, x, N, D);
    free(P);
    free(R);
    free(x);
    return 0;
}
#define COMPARE {"compare-02", compare_02},
#endif

#if PLOT_CHAPTER == 3
#include "03-sinusoidal.h"

/* pe.dat (50, 32): pe_table(pe, 50, 32, 10000); omega.dat (16, 1):
   pe_omega(omega, 32, 10000); add.dat (50, 32): a fixed pattern x after
   pe_add(x, 50, 32, 10000). */
static int compare_03(const char *dir)
{
    enum { N = 50, D = 32 };
    double *pe = plot_doubles(N * D);    /* (N, D) */
    double *omega = plot_doubles(D / 2); /* (D / 2) */
    int ok = plot_ok(dir, "pe_table(pe, 50, 32, 10000)", pe_table(pe, N, D, 10000.0)) &&
             plot_finite(dir, "pe_table", pe, N, D);
    row(dir, "pe", ok, pe, N, D);
    ok = plot_ok(dir, "pe_omega(omega, 32, 10000)", pe_omega(omega, D, 10000.0)) &&
         plot_finite(dir, "pe_omega", omega, D / 2, 1);
    row(dir, "omega", ok, omega, D / 2, 1);
    for (size_t pos = 0; pos < N; pos++)
        for (size_t j = 0; j < D; j++)
            pe[pos * D + j] = pattern(pos, j);
    ok = plot_ok(dir, "pe_add(x, 50, 32, 10000)", pe_add(pe, N, D, 10000.0)) &&
         plot_finite(dir, "pe_add", pe, N, D);
    row(dir, "add", ok, pe, N, D);
    free(pe);
    free(omega);
    return 0;
}
#define COMPARE {"compare-03", compare_03},
#endif

#if PLOT_CHAPTER == 4
#include "04-frequencies.h"

/* lambda.dat (64, 2): pe_wavelengths for d = 128, base 10000, PE_PAPER and
   PE_T2T, row i; dist.dat (200, 2): pe_offset_distance(dist, 200, 0, d,
   10000) for d = 16 and 64, row k. */
static int compare_04(const char *dir)
{
    enum { D = 128, K = 200 };
    static const size_t widths[2] = { 16, 64 };
    double *lam = plot_doubles(D / 2 * 2); /* (D / 2, 2) */
    double *one = plot_doubles(K);         /* (K): one call's output */
    double *dist = plot_doubles(K * 2);    /* (K, 2) */
    int ok = 1;
    for (int c = 0; ok && c < 2; c++) {
        ok = plot_ok(dir, c ? "pe_wavelengths(lambda, 128, 10000, PE_T2T)"
                            : "pe_wavelengths(lambda, 128, 10000, PE_PAPER)",
                     pe_wavelengths(one, D, 10000.0, c ? PE_T2T : PE_PAPER)) &&
             plot_finite(dir, "pe_wavelengths", one, 1, D / 2);
        for (size_t i = 0; ok && i < D / 2; i++)
            lam[i * 2 + c] = one[i];
    }
    row(dir, "lambda", ok, lam, D / 2, 2);
    ok = 1;
    for (int c = 0; ok && c < 2; c++) {
        char call[80];
        snprintf(call, sizeof call, "pe_offset_distance(dist, 200, 0, %zu, 10000)", widths[c]);
        ok = plot_ok(dir, call, pe_offset_distance(one, K, 0, widths[c], 10000.0)) &&
             plot_finite(dir, "pe_offset_distance", one, 1, K);
        for (size_t k = 0; ok && k < K; k++)
            dist[k * 2 + c] = one[k];
    }
    row(dir, "dist", ok, dist, K, 2);
    free(lam);
    free(one);
    free(dist);
    return 0;
}
#define COMPARE {"compare-04", compare_04},
#endif

#if PLOT_CHAPTER == 5
#include "05-relative-positions.h"

/* rotation.dat (16, 16): rel_rotation(M, 5, 16, 10000); shift.dat (50, 16):
   row pos = rel_shift of the row PE(0) = (0, 1, 0, 1, ...) by k = pos, i.e.
   PE(pos); gram.dat (50, 50): rel_gram of that table; dot.dat (100, 1):
   rel_dot_offset(&dot, k, 16, 10000), k = 0 .. 99. */
static int compare_05(const char *dir)
{
    enum { N = 50, D = 16 };
    double *M = plot_doubles(D * D);  /* (D, D) */
    double *T = plot_doubles(N * D);  /* (N, D) */
    double *G = plot_doubles(N * N);  /* (N, N) */
    double *dot = plot_doubles(2 * N); /* (2N) */
    double pe0[D];                    /* (1, D): PE(0), sin 0 = 0 and cos 0 = 1 */
    int ok = plot_ok(dir, "rel_rotation(M, 5, 16, 10000)", rel_rotation(M, 5, D, 10000.0)) &&
             plot_finite(dir, "rel_rotation", M, D, D);
    row(dir, "rotation", ok, M, D, D);
    for (size_t j = 0; j < D; j++)
        pe0[j] = (double)(j % 2);
    ok = 1;
    for (size_t pos = 0; ok && pos < N; pos++) {
        char call[80];
        snprintf(call, sizeof call, "rel_shift(PE(0), 1, 16, %zu, 10000, out)", pos);
        ok = plot_ok(dir, call, rel_shift(pe0, 1, D, (int)pos, 10000.0, &T[pos * D])) &&
             plot_finite(dir, "rel_shift", &T[pos * D], 1, D);
    }
    row(dir, "shift", ok, T, N, D);
    ok = ok && plot_ok(dir, "rel_gram(T, 50, 16, G)", rel_gram(T, N, D, G)) &&
         plot_finite(dir, "rel_gram", G, N, N);
    row(dir, "gram", ok, G, N, N);
    ok = 1;
    for (int k = 0; ok && k < 2 * N; k++) {
        char call[64];
        snprintf(call, sizeof call, "rel_dot_offset(&dot, %d, 16, 10000)", k);
        ok = plot_ok(dir, call, rel_dot_offset(&dot[k], k, D, 10000.0)) &&
             plot_finite(dir, "rel_dot_offset", &dot[k], 1, 1);
    }
    row(dir, "dot", ok, dot, 2 * N, 1);
    free(dot);
    free(M);
    free(T);
    free(G);
    return 0;
}
#define COMPARE {"compare-05", compare_05},
#endif

#if PLOT_CHAPTER == 6
#include "06-time-frequency.h"

/* The signal x_n = cos(2 pi 5n/64) + 0.8 sin(2 pi 12n/64)
   + 0.4 cos(2 pi 20.3n/64 + 0.5) + 0.1, n < 64: a cosine and a sine on a bin
   (a real and an imaginary peak), a frequency between bins (both), a mean.
   dft.dat (64, 2): re, im of tf_dft, row k; fft.dat (64, 2): of tf_fft. */
static int compare_06(const char *dir)
{
    enum { N = 64 };
    double x[N], re[N], im[N];
    double *out = plot_doubles(N * 2); /* (N, 2) */
    int ok;
    for (size_t n = 0; n < N; n++)
        x[n] = cos(2.0 * PLOT_PI * 5.0 * (double)n / N) +
               0.8 * sin(2.0 * PLOT_PI * 12.0 * (double)n / N) +
               0.4 * cos(2.0 * PLOT_PI * 20.3 * (double)n / N + 0.5) + 0.1;
    for (int fast = 0; fast < 2; fast++) {
        for (size_t k = 0; k < N; k++)
            re[k] = im[k] = NAN;
        ok = fast ? plot_ok(dir, "tf_fft(x, 64, re, im)", tf_fft(x, N, re, im))
                  : plot_ok(dir, "tf_dft(x, 64, re, im)", tf_dft(x, N, re, im));
        ok = ok && plot_finite(dir, fast ? "tf_fft" : "tf_dft", re, 1, N) &&
             plot_finite(dir, fast ? "tf_fft" : "tf_dft", im, 1, N);
        for (size_t k = 0; ok && k < N; k++) {
            out[k * 2] = re[k];
            out[k * 2 + 1] = im[k];
        }
        row(dir, fast ? "fft" : "dft", ok, out, N, 2);
    }
    free(out);
    return 0;
}
#define COMPARE {"compare-06", compare_06},
#endif

#if PLOT_CHAPTER == 7
#include "07-attention.h"

/* 12 queries and 12 keys of d_k = 4, values of d_v = 3, fixed patterns.
   scores.dat (12, 12): attn_scores(Q, K); softmax.dat (12, 12):
   attn_softmax of a fixed causal score matrix (-INFINITY above the
   diagonal); attend.dat (12, 12): the weights A of attn_attend(Q, K, V). */
static int compare_07(const char *dir)
{
    enum { N = 12, DK = 4, DV = 3 };
    double Q[N * DK], K[N * DK], V[N * DV], S0[N * N], Y[N * DV];
    double *S = plot_doubles(N * N); /* (N, N) */
    double *P = plot_doubles(N * N); /* (N, N) */
    double *A = plot_doubles(N * N); /* (N, N) */
    int ok;
    for (size_t r = 0; r < N; r++) {
        for (size_t t = 0; t < DK; t++) {
            Q[r * DK + t] = 3.0 * pattern(r, t);
            K[r * DK + t] = 2.0 * pattern(r + 3, 2 * t + 1);
        }
        for (size_t t = 0; t < DV; t++)
            V[r * DV + t] = pattern(r + 7, t);
        for (size_t c = 0; c < N; c++)
            S0[r * N + c] = c <= r ? 2.0 * pattern(r, c) : -INFINITY; /* query r sees keys 0 .. r */
    }
    ok = plot_ok(dir, "attn_scores(Q, K, 12, 12, 4, S)", attn_scores(Q, K, N, N, DK, S)) &&
         plot_finite(dir, "attn_scores", S, N, N);
    row(dir, "scores", ok, S, N, N);
    ok = plot_ok(dir, "attn_softmax(S, 12, 12, P)", attn_softmax(S0, N, N, P)) &&
         plot_finite(dir, "attn_softmax", P, N, N);
    row(dir, "softmax", ok, P, N, N);
    ok = plot_ok(dir, "attn_attend(Q, K, V, 12, 12, 4, 3, A, Y)",
                 attn_attend(Q, K, V, N, N, DK, DV, A, Y)) &&
         plot_finite(dir, "attn_attend", A, N, N);
    row(dir, "attend", ok, A, N, N);
    free(S);
    free(P);
    free(A);
    return 0;
}
#define COMPARE {"compare-07", compare_07},
#endif

#if PLOT_CHAPTER == 8
#include "08-rope-alibi.h"

/* rope.dat (64, 8): rope_apply to 64 copies of the row (1, 0, 1, 0, ...),
   row r at position r, base 10000; scores.dat (32, 32): rope_scores of 32
   copies of a query q0 and of a key k0, d = 8; alibi.dat (16, 64):
   alibi_bias(scores = 0, 4 heads, n = 16), shown as row qpos, column
   h * 16 + kpos (the four heads side by side). */
static int compare_08(const char *dir)
{
    enum { N = 64, D = 8, NS = 32, H = 4, NA = 16 };
    static const double q0[D] = { 0.5, -1, 0.25, 2, 1, 0.5, -0.5, 1 };
    static const double k0[D] = { 1, 0.5, -0.5, 1, 0.5, -1, 0.25, 2 };
    double *x = plot_doubles(N * D);        /* (N, D) */
    double *q = plot_doubles(NS * D);       /* (NS, D) */
    double *k = plot_doubles(NS * D);       /* (NS, D) */
    double *S = plot_doubles(NS * NS);      /* (NS, NS) */
    double *bias = plot_doubles(H * NA * NA); /* (H, NA, NA) */
    double *shown = plot_doubles(NA * H * NA); /* (NA, H * NA) */
    size_t pos[N];
    int ok;
    for (size_t r = 0; r < N; r++) {
        pos[r] = r;
        for (size_t j = 0; j < D; j++)
            x[r * D + j] = j % 2 == 0 ? 1.0 : 0.0;
    }
    ok = plot_ok(dir, "rope_apply(x, pos, 64, 8, 10000)", rope_apply(x, pos, N, D, 10000.0)) &&
         plot_finite(dir, "rope_apply", x, N, D);
    row(dir, "rope", ok, x, N, D);
    for (size_t r = 0; r < NS; r++)
        for (size_t j = 0; j < D; j++) {
            q[r * D + j] = q0[j];
            k[r * D + j] = k0[j];
        }
    ok = plot_ok(dir, "rope_scores(q, k, 32, 8, 10000, S)", rope_scores(q, k, NS, D, 10000.0, S)) &&
         plot_finite(dir, "rope_scores", S, NS, NS);
    row(dir, "scores", ok, S, NS, NS);
    for (size_t t = 0; t < (size_t)H * NA * NA; t++)
        bias[t] = 0.0;
    ok = plot_ok(dir, "alibi_bias(scores, 4, 16)", alibi_bias(bias, H, NA)) &&
         plot_finite(dir, "alibi_bias", bias, H * NA, NA);
    for (size_t h = 0; ok && h < H; h++)
        for (size_t r = 0; r < NA; r++)
            for (size_t c = 0; c < NA; c++)
                shown[r * H * NA + h * NA + c] = bias[(h * NA + r) * NA + c];
    row(dir, "alibi", ok, shown, NA, H * NA);
    free(x);
    free(q);
    free(k);
    free(S);
    free(bias);
    free(shown);
    return 0;
}
#define COMPARE {"compare-08", compare_08},
#endif

#if PLOT_CHAPTER == 9
#include "09-precision-and-speed.h"

/* The tables of n = 4096 positions (ps_table_fast's promise: n <= 4096),
   d = 32, base 10000, every 8th position written (an error that grows with
   pos shows all the same): fast.dat (512, 32) of ps_table_fast, rotate.dat
   (512, 32) of ps_table_rotate with R = 64; drift.dat (4096, 1):
   ps_drift(drift, 4096, 32, 10000). 17 digits: the figure looks at
   differences of 1e-12, ps_table_fast's promise. */
static int compare_09(const char *dir)
{
    enum { N = 4096, D = 32, STEP = 8 };
    double *pe = plot_doubles(N * D);          /* (N, D) */
    double *shown = plot_doubles(N / STEP * D); /* (N / STEP, D) */
    for (int rotate = 0; rotate < 2; rotate++) {
        int ok;
        for (size_t t = 0; t < (size_t)N * D; t++)
            pe[t] = NAN;
        ok = rotate ? plot_ok(dir, "ps_table_rotate(pe, 4096, 32, 10000, 64)",
                              ps_table_rotate(pe, N, D, 10000.0, 64))
                    : plot_ok(dir, "ps_table_fast(pe, 4096, 32, 10000)",
                              ps_table_fast(pe, N, D, 10000.0));
        ok = ok && plot_finite(dir, rotate ? "ps_table_rotate" : "ps_table_fast", pe, N, D);
        for (size_t r = 0; ok && r < N / STEP; r++)
            for (size_t j = 0; j < D; j++)
                shown[r * D + j] = pe[r * STEP * D + j];
        row(dir, rotate ? "rotate" : "fast", ok, shown, N / STEP, D);
    }
    {
        int ok = plot_ok(dir, "ps_drift(drift, 4096, 32, 10000)", ps_drift(pe, N, D, 10000.0)) &&
                 plot_finite(dir, "ps_drift", pe, N, 1);
        row(dir, "drift", ok, pe, N, 1);
    }
    free(pe);
    free(shown);
    return 0;
}
#define COMPARE {"compare-09", compare_09},
#endif

#if PLOT_CHAPTER == 10
#include "10-train.h"

/* Copies block (rows, cols) of a into columns c0 .. c0 + cols - 1 of the
   (rows, width) table shown (several outputs of one call side by side). */
static void place(double *shown, size_t width, size_t c0, const double *a, size_t rows,
                  size_t cols)
{
    for (size_t r = 0; r < rows; r++)
        for (size_t c = 0; c < cols; c++)
            shown[r * width + c0 + c] = a[r * cols + c];
}

/* Fixed inputs, patterns in [-1, 1] (scaled), every function called alone
   (no row depends on another row's output).
   xent.dat (8, 12): dz of tr_xent, logits z = 3 pattern, labels (5b + 2) mod 12.
   linear.dat (9, 6): Y of tr_linear_forward, n = 9, d_in = 8, d_out = 6.
   linback.dat (9, 14): tr_linear_backward on the same X, W and a fixed dY:
   columns 0 .. 7 dX (9, 8); columns 8 .. 13 dW (8, 6) in rows 0 .. 7 and
   db (6) in row 8 (the gradient of W with b as its last row).
   attn.dat (8, 12): tr_attn_forward, n = 8, d = d_v = 4, causal bias
   M = -0.25 (r - c) for c <= r, -INFINITY above the diagonal: A (8, 8) in
   columns 0 .. 7, Y (8, 4) in 8 .. 11.
   attnback.dat (8, 12): tr_attn_backward on the same Q, K, V, a fixed causal
   row-stochastic A (not the forward's: a wrong forward does not show here)
   and a fixed dY: dQ, dK, dV (8, 4 each) side by side.
   adam.dat (41, 6): theta of 6 parameters before step 1 and after each of
   40 tr_adam_step calls (lr 0.05, betas 0.9 and 0.999, eps 1e-8) on fixed
   gradients that change from step to step. */
static int compare_10(const char *dir)
{
    enum { B = 8, C = 12, N = 9, DI = 8, DO = 6, NA = 8, D = 4, DV = 4, P = 6, T = 40 };
    double z[B * C], X[N * DI], W[DI * DO], bias[DO], dY[N * DO];
    double Q[NA * D], K[NA * D], V[NA * DV], M[NA * NA], A0[NA * NA], dYa[NA * DV];
    double g[P], m[P], v[P];
    size_t y[B];
    double loss = NAN;
    double *dz = plot_doubles(B * C);           /* (B, C) */
    double *Y = plot_doubles(N * DO);           /* (N, DO) */
    double *dX = plot_doubles(N * DI);          /* (N, DI) */
    double *dW = plot_doubles(DI * DO);         /* (DI, DO) */
    double *db = plot_doubles(DO);              /* (DO) */
    double *A = plot_doubles(NA * NA);          /* (NA, NA) */
    double *Ya = plot_doubles(NA * DV);         /* (NA, DV) */
    double *dQ = plot_doubles(NA * D);          /* (NA, D) */
    double *dK = plot_doubles(NA * D);          /* (NA, D) */
    double *dV = plot_doubles(NA * DV);         /* (NA, DV) */
    double *theta = plot_doubles(P);            /* (P) */
    double *lb = plot_doubles(N * (DI + DO));   /* (N, DI + DO): dX | [dW; db] */
    double *two = plot_doubles(NA * (NA + DV)); /* (NA, NA + DV): A | Y */
    double *three = plot_doubles(NA * 3 * D);   /* (NA, 3 D): dQ | dK | dV */
    double *path = plot_doubles((T + 1) * P);   /* (T + 1, P): theta before and after each step */
    int ok;

    for (size_t b = 0; b < B; b++) {
        y[b] = (5 * b + 2) % C;
        for (size_t c = 0; c < C; c++)
            z[b * C + c] = 3.0 * pattern(b, c);
    }
    ok = plot_ok(dir, "tr_xent(z, y, 8, 12, &loss, dz)", tr_xent(z, y, B, C, &loss, dz)) &&
         plot_finite(dir, "tr_xent", dz, B, C);
    row(dir, "xent", ok, dz, B, C);

    for (size_t r = 0; r < N; r++) {
        for (size_t i = 0; i < DI; i++)
            X[r * DI + i] = pattern(r, i);
        for (size_t o = 0; o < DO; o++)
            dY[r * DO + o] = pattern(r + 4, o + 1);
    }
    for (size_t i = 0; i < DI; i++)
        for (size_t o = 0; o < DO; o++)
            W[i * DO + o] = 0.5 * pattern(i + 2, 2 * o + 1);
    for (size_t o = 0; o < DO; o++)
        bias[o] = pattern(o, 7);
    ok = plot_ok(dir, "tr_linear_forward(X, W, b, 9, 8, 6, Y)",
                 tr_linear_forward(X, W, bias, N, DI, DO, Y)) &&
         plot_finite(dir, "tr_linear_forward", Y, N, DO);
    row(dir, "linear", ok, Y, N, DO);
    ok = plot_ok(dir, "tr_linear_backward(X, W, dY, 9, 8, 6, dX, dW, db)",
                 tr_linear_backward(X, W, dY, N, DI, DO, dX, dW, db)) &&
         plot_finite(dir, "tr_linear_backward (dX)", dX, N, DI) &&
         plot_finite(dir, "tr_linear_backward (dW)", dW, DI, DO) &&
         plot_finite(dir, "tr_linear_backward (db)", db, 1, DO);
    if (ok) {
        place(lb, DI + DO, 0, dX, N, DI);
        place(lb, DI + DO, DI, dW, DI, DO);
        place(lb + DI * (DI + DO), DI + DO, DI, db, 1, DO);
    }
    row(dir, "linback", ok, lb, N, DI + DO);

    for (size_t r = 0; r < NA; r++) {
        double sum = 0.0;
        for (size_t t = 0; t < D; t++) {
            Q[r * D + t] = 2.0 * pattern(r, t);
            K[r * D + t] = 1.5 * pattern(r + 3, 2 * t + 1);
        }
        for (size_t t = 0; t < DV; t++) {
            V[r * DV + t] = pattern(r + 7, t);
            dYa[r * DV + t] = pattern(r + 2, t + 5);
        }
        for (size_t c = 0; c < NA; c++) {
            M[r * NA + c] = c <= r ? -0.25 * (double)(r - c) : -INFINITY;
            A0[r * NA + c] = c <= r ? 1.0 + 0.5 * pattern(r, c) : 0.0; /* weights in [0.5, 1.5] */
            sum += A0[r * NA + c];
        }
        for (size_t c = 0; c < NA; c++)
            A0[r * NA + c] /= sum;                                     /* each row sums to 1 */
    }
    ok = plot_ok(dir, "tr_attn_forward(Q, K, V, M, 8, 4, 4, A, Y)",
                 tr_attn_forward(Q, K, V, M, NA, D, DV, A, Ya)) &&
         plot_finite(dir, "tr_attn_forward (A)", A, NA, NA) &&
         plot_finite(dir, "tr_attn_forward (Y)", Ya, NA, DV);
    if (ok) {
        place(two, NA + DV, 0, A, NA, NA);
        place(two, NA + DV, NA, Ya, NA, DV);
    }
    row(dir, "attn", ok, two, NA, NA + DV);
    ok = plot_ok(dir, "tr_attn_backward(Q, K, V, A, dY, 8, 4, 4, dQ, dK, dV)",
                 tr_attn_backward(Q, K, V, A0, dYa, NA, D, DV, dQ, dK, dV)) &&
         plot_finite(dir, "tr_attn_backward (dQ)", dQ, NA, D) &&
         plot_finite(dir, "tr_attn_backward (dK)", dK, NA, D) &&
         plot_finite(dir, "tr_attn_backward (dV)", dV, NA, DV);
    if (ok) {
        place(three, 3 * D, 0, dQ, NA, D);
        place(three, 3 * D, D, dK, NA, D);
        place(three, 3 * D, 2 * D, dV, NA, DV);
    }
    row(dir, "attnback", ok, three, NA, 3 * D);

    for (size_t k = 0; k < P; k++) {
        theta[k] = pattern(k, 3);
        m[k] = v[k] = 0.0;
        path[k] = theta[k];
    }
    ok = 1;
    for (size_t t = 1; ok && t <= T; t++) {
        char call[96];
        for (size_t k = 0; k < P; k++)
            g[k] = pattern(t, 2 * k) + 0.5 * pattern(k, 1); /* a drift per parameter, and noise */
        snprintf(call, sizeof call, "tr_adam_step(theta, g, m, v, 6, %zu, 0.05, 0.9, 0.999, 1e-8)",
                 t);
        ok = plot_ok(dir, call, tr_adam_step(theta, g, m, v, P, t, 0.05, 0.9, 0.999, 1e-8)) &&
             plot_finite(dir, "tr_adam_step", theta, 1, P);
        for (size_t k = 0; ok && k < P; k++)
            path[t * P + k] = theta[k];
    }
    row(dir, "adam", ok, path, T + 1, P);

    free(dz);
    free(Y);
    free(dX);
    free(dW);
    free(db);
    free(A);
    free(Ya);
    free(dQ);
    free(dK);
    free(dV);
    free(theta);
    free(lb);
    free(two);
    free(three);
    free(path);
    return 0;
}
#define COMPARE {"compare-10", compare_10},
#endif

#ifndef COMPARE
#define COMPARE /* no yours-vs-reference figure for this chapter */
#endif

const struct plot_figure plot_figures[] = {
    COMPARE
    {NULL, NULL}
};
