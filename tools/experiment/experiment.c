/*
 * experiment.c — chapter 10's ablation: one tiny transformer layer, built
 * from the chapter's pieces (include/10-train.h: tr_linear_forward/backward,
 * tr_attn_forward/backward, tr_xent, tr_adam_step), trained with each
 * positional encoding on two synthetic tasks that need positions, then
 * tested on the training lengths and on longer sentences.
 *
 *   make experiment            the full run (a few minutes): chapters/data/10-*.tsv
 *   make experiment QUICK=1    a slice of seconds, compared with chapters/data/10-quick.tsv
 *   make experiment SRC=exercises   the same model built from your own pieces: it
 *                              prints its results (and writes build/experiment/)
 *
 *   experiment [--quick] [--out DIR] [--check FILE]
 *     --out DIR     write DIR/10-results.tsv and DIR/10-curves.tsv (full run) or
 *                   DIR/10-quick.tsv (--quick); default build/experiment
 *     --check FILE  after the run, compare the results with FILE, byte for byte
 *                   (exit 1 when they differ: the run is not deterministic, or
 *                   the code changed and FILE is out of date)
 *
 * The model, for a sentence of n tokens t_0 .. t_{n-1} (width D, one head):
 *   X = E[t] (+ positions),  Q = X Wq + bq,  K = X Wk + bk,  V = X Wv + bv,
 *   (RoPE: rotate Q and K),  A = softmax(Q K^T / sqrt(D) + M),  Y = A V,
 *   H = X + Y Wo + bo  (residual),  logits = readout(H) Wr + br.
 * Tasks (both need order; neither can be solved from the bag of tokens):
 *   order  a sentence holds one A and one B among filler tokens: does A come
 *          first? One answer per sentence, read from the mean of the rows of H.
 *   prev   every position i >= 1 names the token at position i - 1 (copy the
 *          previous token); one answer per position, read from row i of H.
 * Encodings: none; integer (pos added to every dimension, chapter 1); unit
 * (pos/(n-1), chapter 2); sinusoidal (the paper's, base 10000, chapter 3);
 * learned (a trained table P[pos], as BERT and GPT-2); rope (chapter 8);
 * alibi (the symmetric bias -|i - j|/2 of chapter 8, one head, slope 1/2);
 * concat (half the width for the token, half for a sinusoidal code of
 * width D/2, concatenated instead of added).
 * No causal mask anywhere: attention sees the whole sentence.
 *
 * Deterministic: its own PRNG (splitmix64), fixed seeds, one thread.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "10-train.h"

#define D 16              /* model width                                   */
#define VOCAB 8           /* tokens 0 .. 7; in "order", 0 = A and 1 = B      */
#define MAXN 64           /* the longest sentence (4 x the longest L)        */
#define LMIN 4            /* training lengths are LMIN .. L                  */

enum enc { ENC_NONE, ENC_INT, ENC_UNIT, ENC_SIN, ENC_LEARNED, ENC_ROPE, ENC_ALIBI, ENC_CONCAT, N_ENC };
static const char *const enc_name[N_ENC] = { "none", "integer", "unit", "sinusoidal", "learned",
                                             "rope", "alibi", "concat" };
enum task { TASK_ORDER, TASK_PREV, N_TASK };
static const char *const task_name[N_TASK] = { "order", "prev" };

/* ---- the PRNG: splitmix64 ----------------------------------------------- */
struct rng { uint64_t s; };

static uint64_t rng_next(struct rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static double rng_uniform(struct rng *r, double lo, double hi)
{
    return lo + (hi - lo) * (double)(rng_next(r) >> 11) / 9007199254740992.0;
}

static size_t rng_below(struct rng *r, size_t n)
{
    return (size_t)(rng_next(r) % n);
}

/* ---- parameters: one flat vector, for one Adam step over all of them ---- */
enum { C_MAX = VOCAB };   /* classes: 2 (order) or VOCAB (prev) */
struct layout { size_t E, P, Wq, bq, Wk, bk, Wv, bv, Wo, bo, Wr, br, total; };

static struct layout layout_of(size_t C)
{
    struct layout l;
    size_t at = 0;
    l.E = at;  at += VOCAB * D;
    l.P = at;  at += MAXN * D;
    l.Wq = at; at += D * D;
    l.bq = at; at += D;
    l.Wk = at; at += D * D;
    l.bk = at; at += D;
    l.Wv = at; at += D * D;
    l.bv = at; at += D;
    l.Wo = at; at += D * D;
    l.bo = at; at += D;
    l.Wr = at; at += D * C;
    l.br = at; at += C;
    l.total = at;
    return l;
}

/* ---- positions ------------------------------------------------------------ */
/* The paper's PE(pos, j) for width d: sin for even j, cos for odd j. */
static double pe_sin(size_t pos, size_t j, size_t d)
{
    double omega = pow(10000.0, -2.0 * (double)(j / 2) / (double)d);
    return j % 2 == 0 ? sin((double)pos * omega) : cos((double)pos * omega);
}

/* RoPE of chapter 8: rotate pair (2i, 2i+1) of row pos by sign * pos * theta_i. */
static void rope_rows(double *x, size_t n, double sign)
{
    for (size_t pos = 0; pos < n; pos++)
        for (size_t i = 0; i < D / 2; i++) {
            double a = sign * (double)pos * pow(10000.0, -2.0 * (double)i / (double)D);
            double c = cos(a), s = sin(a), u = x[pos * D + 2 * i], v = x[pos * D + 2 * i + 1];
            x[pos * D + 2 * i] = u * c - v * s;
            x[pos * D + 2 * i + 1] = u * s + v * c;
        }
}

/* ---- one sentence: data, forward, backward --------------------------------- */
struct sentence {
    size_t n, tok[MAXN], y[MAXN];   /* order: y[0] (1 when A comes first); prev: y[1..n-1] */
};

static void make_sentence(struct rng *r, enum task task, size_t n, struct sentence *s)
{
    s->n = n;
    if (task == TASK_ORDER) {
        size_t a = rng_below(r, n), b = rng_below(r, n - 1);
        b += b >= a;                                 /* b != a, uniform */
        for (size_t i = 0; i < n; i++)
            s->tok[i] = 2 + rng_below(r, VOCAB - 2); /* fillers 2 .. 7 */
        s->tok[a] = 0;
        s->tok[b] = 1;
        s->y[0] = a < b;
    } else {
        for (size_t i = 0; i < n; i++)
            s->tok[i] = rng_below(r, VOCAB);
        for (size_t i = 1; i < n; i++)
            s->y[i] = s->tok[i - 1];
    }
}

struct work {   /* activations of one sentence and scratch for its gradients */
    double X[MAXN * D], Q[MAXN * D], K[MAXN * D], V[MAXN * D], M[MAXN * MAXN];
    double A[MAXN * MAXN], Y[MAXN * D], H[MAXN * D], h[D], z[MAXN * C_MAX];
    double dz[MAXN * C_MAX], dH[MAXN * D], dY[MAXN * D], dQ[MAXN * D], dK[MAXN * D];
    double dV[MAXN * D], dX[MAXN * D], dXp[MAXN * D], dW[D * D], db[D], dWr[D * C_MAX];
    double dbr[C_MAX], dh[D];
};

/* A status other than KIT_OK: KIT_ERR_DOMAIN means the numbers left the
   finite doubles (a diverged training); anything else is a bug here. */
static int check(int status, const char *what)
{
    if (status == KIT_OK)
        return 1;
    if (status == KIT_TODO) {
        fprintf(stderr, "experiment: %s is not written yet (it returns KIT_TODO): "
                "make check CHAPTER=10 first\n", what);
        exit(2);
    }
    if (status != KIT_ERR_DOMAIN) {
        fprintf(stderr, "experiment: %s returned %d (make check CHAPTER=10 says why)\n", what,
                status);
        exit(2);
    }
    return 0;
}

/* Forward pass: logits in w->z ((1, C) for order, rows 1 .. n-1 of (n, C) for
   prev). 0 when the numbers are no longer finite. */
static int forward(const double *th, const struct layout *L, enum task task, enum enc enc,
                    size_t C, const struct sentence *s, struct work *w)
{
    size_t n = s->n;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < D; j++) {
            double x = th[L->E + s->tok[i] * D + j];           /* the token's embedding */
            switch (enc) {
            case ENC_INT: x += (double)i; break;
            case ENC_UNIT: x += n > 1 ? (double)i / (double)(n - 1) : 0.0; break;
            case ENC_SIN: x += pe_sin(i, j, D); break;
            case ENC_LEARNED: x += th[L->P + i * D + j]; break;
            case ENC_CONCAT: if (j >= D / 2) x = pe_sin(i, j - D / 2, D / 2); break;
            default: break;
            }
            w->X[i * D + j] = x;
        }
    check(tr_linear_forward(w->X, th + L->Wq, th + L->bq, n, D, D, w->Q), "tr_linear_forward");
    check(tr_linear_forward(w->X, th + L->Wk, th + L->bk, n, D, D, w->K), "tr_linear_forward");
    check(tr_linear_forward(w->X, th + L->Wv, th + L->bv, n, D, D, w->V), "tr_linear_forward");
    if (enc == ENC_ROPE) {
        rope_rows(w->Q, n, 1.0);
        rope_rows(w->K, n, 1.0);
    }
    if (enc == ENC_ALIBI)
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++)
                w->M[i * n + j] = -0.5 * fabs((double)i - (double)j);
    if (!check(tr_attn_forward(w->Q, w->K, w->V, enc == ENC_ALIBI ? w->M : NULL, n, D, D, w->A,
                               w->Y), "tr_attn_forward"))
        return 0;
    check(tr_linear_forward(w->Y, th + L->Wo, th + L->bo, n, D, D, w->H), "tr_linear_forward");
    for (size_t k = 0; k < n * D; k++)
        w->H[k] += w->X[k];                                     /* residual */
    if (task == TASK_ORDER) {
        for (size_t j = 0; j < D; j++) {
            double acc = 0.0;
            for (size_t i = 0; i < n; i++)
                acc += w->H[i * D + j];
            w->h[j] = acc / (double)n;                          /* mean of the rows */
        }
        check(tr_linear_forward(w->h, th + L->Wr, th + L->br, 1, D, C, w->z), "tr_linear_forward");
    } else {
        check(tr_linear_forward(w->H + D, th + L->Wr, th + L->br, n - 1, D, C, w->z),
              "tr_linear_forward");
    }
    return 1;
}

static void add_to(double *g, const double *x, size_t count, double scale)
{
    for (size_t k = 0; k < count; k++)
        g[k] += scale * x[k];
}

/* Forward + backward of one sentence; adds scale * the gradient to g.
   Returns the sentence's loss. */
static double backward(const double *th, const struct layout *L, enum task task, enum enc enc,
                       size_t C, const struct sentence *s, struct work *w, double *g, double scale)
{
    size_t n = s->n;
    double loss;
    if (!forward(th, L, task, enc, C, s, w))
        return NAN;
    if (task == TASK_ORDER) {
        if (!check(tr_xent(w->z, s->y, 1, C, &loss, w->dz), "tr_xent"))
            return NAN;
        check(tr_linear_backward(w->h, th + L->Wr, w->dz, 1, D, C, w->dh, w->dWr, w->dbr),
              "tr_linear_backward");
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < D; j++)
                w->dH[i * D + j] = w->dh[j] / (double)n;      /* the mean spreads it */
    } else {
        if (!check(tr_xent(w->z, s->y + 1, n - 1, C, &loss, w->dz), "tr_xent"))
            return NAN;
        check(tr_linear_backward(w->H + D, th + L->Wr, w->dz, n - 1, D, C, w->dH + D, w->dWr,
                                 w->dbr), "tr_linear_backward");
        for (size_t j = 0; j < D; j++)
            w->dH[j] = 0.0;                                     /* row 0 has no answer */
    }
    add_to(g + L->Wr, w->dWr, D * C, scale);
    add_to(g + L->br, w->dbr, C, scale);
    /* H = X + Y Wo + bo */
    check(tr_linear_backward(w->Y, th + L->Wo, w->dH, n, D, D, w->dY, w->dW, w->db),
          "tr_linear_backward");
    add_to(g + L->Wo, w->dW, D * D, scale);
    add_to(g + L->bo, w->db, D, scale);
    memcpy(w->dX, w->dH, n * D * sizeof *w->dX);                /* the residual path */
    check(tr_attn_backward(w->Q, w->K, w->V, w->A, w->dY, n, D, D, w->dQ, w->dK, w->dV),
          "tr_attn_backward");
    if (enc == ENC_ROPE) {                                      /* R^T: rotate back */
        rope_rows(w->dQ, n, -1.0);
        rope_rows(w->dK, n, -1.0);
    }
    {
        const double *dP[3] = { w->dQ, w->dK, w->dV };
        const size_t Wo3[3] = { L->Wq, L->Wk, L->Wv }, bo3[3] = { L->bq, L->bk, L->bv };
        for (size_t p = 0; p < 3; p++) {
            check(tr_linear_backward(w->X, th + Wo3[p], dP[p], n, D, D, w->dXp, w->dW, w->db),
                  "tr_linear_backward");
            add_to(g + Wo3[p], w->dW, D * D, scale);
            add_to(g + bo3[p], w->db, D, scale);
            add_to(w->dX, w->dXp, n * D, 1.0);
        }
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < D; j++) {
            if (enc == ENC_CONCAT && j >= D / 2)
                continue;                                       /* fixed code, no gradient */
            g[L->E + s->tok[i] * D + j] += scale * w->dX[i * D + j];
            if (enc == ENC_LEARNED)
                g[L->P + i * D + j] += scale * w->dX[i * D + j];
        }
    return loss;
}

/* Fraction of right answers on count sentences of length n (eval seed). */
static double accuracy(const double *th, const struct layout *L, enum task task, enum enc enc,
                       size_t C, size_t n, size_t count, uint64_t seed, struct work *w)
{
    struct rng r = { seed * 1000003u + n };
    size_t right = 0, total = 0;
    struct sentence s;
    for (size_t k = 0; k < count; k++) {
        make_sentence(&r, task, n, &s);
        if (!forward(th, L, task, enc, C, &s, w)) {
            total += task == TASK_ORDER ? 1 : n - 1;           /* all wrong */
            continue;
        }
        for (size_t row = 0; row < (task == TASK_ORDER ? 1 : n - 1); row++) {
            const double *z = w->z + row * C;
            size_t best = 0;
            for (size_t c = 1; c < C; c++)
                if (z[c] > z[best])
                    best = c;
            right += best == s.y[task == TASK_ORDER ? 0 : row + 1] && isfinite(z[best]);
            total++;
        }
    }
    return (double)right / (double)total;
}

/* ---- one training run ------------------------------------------------------ */
struct config {
    size_t seeds, steps, batch, log_every, eval_count, curve_count;
    double lr;
};

struct run_result {
    double acc[4];          /* at n = L, 2L, 3L, 4L */
    int diverged;           /* a non-finite loss stopped the training */
    size_t n_log;
    double log_step[64], log_loss[64], log_acc[64];
};

static void init_params(double *th, const struct layout *L, size_t C, uint64_t seed)
{
    struct rng r = { seed };
    double a = 1.0 / sqrt((double)D);
    for (size_t k = 0; k < L->total; k++)
        th[k] = 0.0;
    for (size_t k = 0; k < VOCAB * D; k++)
        th[L->E + k] = rng_uniform(&r, -1.0, 1.0);
    for (size_t k = 0; k < MAXN * D; k++)
        th[L->P + k] = rng_uniform(&r, -0.1, 0.1);
    {
        const size_t W[4] = { L->Wq, L->Wk, L->Wv, L->Wo };
        for (size_t p = 0; p < 4; p++)
            for (size_t k = 0; k < D * D; k++)
                th[W[p] + k] = rng_uniform(&r, -a, a);
    }
    for (size_t k = 0; k < D * C; k++)
        th[L->Wr + k] = rng_uniform(&r, -a, a);
}

static void train(enum task task, enum enc enc, size_t Ltrain, uint64_t seed,
                  const struct config *cf, struct run_result *res, struct work *w)
{
    size_t C = task == TASK_ORDER ? 2 : VOCAB;
    struct layout L = layout_of(C);
    double *th = calloc(L.total, sizeof *th), *g = calloc(L.total, sizeof *g);
    double *m = calloc(L.total, sizeof *m), *v = calloc(L.total, sizeof *v);
    struct rng data = { 0x5EED0000u + 100u * (uint64_t)task + Ltrain + 104729u * seed };
    double run_loss = 0.0;
    size_t run_count = 0;
    struct sentence s;
    if (th == NULL || g == NULL || m == NULL || v == NULL) {
        fprintf(stderr, "experiment: out of memory\n");
        exit(2);
    }
    init_params(th, &L, C, 0xC0FFEEu + task + 7919u * seed); /* the same start for every encoding */
    res->diverged = 0;
    res->n_log = 0;
    for (size_t step = 1; step <= cf->steps; step++) {
        double loss = 0.0;
        for (size_t k = 0; k < L.total; k++)
            g[k] = 0.0;
        for (size_t b = 0; b < cf->batch; b++) {
            size_t n = LMIN + rng_below(&data, Ltrain - LMIN + 1);
            make_sentence(&data, task, n, &s);
            loss += backward(th, &L, task, enc, C, &s, w, g, 1.0 / (double)cf->batch);
            if (!isfinite(loss))
                break;
        }
        loss /= (double)cf->batch;
        if (!isfinite(loss) || tr_adam_step(th, g, m, v, L.total, step, cf->lr, 0.9, 0.999, 1e-8)
                                   != KIT_OK) {
            res->diverged = 1;
            break;
        }
        run_loss += loss;
        run_count++;
        if (step % cf->log_every == 0 && res->n_log < 64) {
            res->log_step[res->n_log] = (double)step;
            res->log_loss[res->n_log] = run_loss / (double)run_count;
            res->log_acc[res->n_log] = accuracy(th, &L, task, enc, C, Ltrain, cf->curve_count, 7, w);
            res->n_log++;
            run_loss = 0.0;
            run_count = 0;
        }
    }
    for (size_t t = 0; t < 4; t++)
        res->acc[t] = res->diverged ? NAN
                    : accuracy(th, &L, task, enc, C, (t + 1) * Ltrain, cf->eval_count, 99, w);
    free(th);
    free(g);
    free(m);
    free(v);
}

/* ---- main ------------------------------------------------------------------ */
static FILE *open_out(const char *dir, const char *name)
{
    char path[1024];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "w");
    if (f == NULL) {
        fprintf(stderr, "experiment: cannot write %s\n", path);
        exit(2);
    }
    return f;
}

static int same_file(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int ca, cb, same = fa != NULL && fb != NULL;
    while (same) {
        ca = fgetc(fa);
        cb = fgetc(fb);
        if (ca != cb)
            same = 0;
        if (ca == EOF || cb == EOF)
            break;
    }
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}

static void print_acc(FILE *f, double a)
{
    if (isnan(a))
        fprintf(f, "\tdiverged");
    else
        fprintf(f, "\t%.1f", 100.0 * a);
}

int main(int argc, char **argv)
{
    static struct work w;
    const char *out = "build/experiment", *check_file = NULL;
    int quick = 0;
    const size_t full_L[2] = { 8, 16 }, quick_L[1] = { 8 };
    const size_t *Ls;
    size_t n_L;
    struct config cf;
    struct run_result res;
    FILE *results, *runs, *curves = NULL;
    char results_path[1024];
    clock_t start = clock();
    size_t run = 0, n_runs;
    for (int k = 1; k < argc; k++) {
        if (strcmp(argv[k], "--quick") == 0)
            quick = 1;
        else if (strcmp(argv[k], "--out") == 0 && k + 1 < argc)
            out = argv[++k];
        else if (strcmp(argv[k], "--check") == 0 && k + 1 < argc)
            check_file = argv[++k];
        else {
            fprintf(stderr, "usage: experiment [--quick] [--out DIR] [--check FILE]\n");
            return 2;
        }
    }
    if (quick) {
        cf = (struct config){ 1, 200, 8, 50, 100, 50, 3e-3 };
        Ls = quick_L;
        n_L = 1;
    } else {
        cf = (struct config){ 3, 2000, 16, 100, 500, 200, 3e-3 };
        Ls = full_L;
        n_L = 2;
    }
    n_runs = N_TASK * n_L * N_ENC * cf.seeds;
    snprintf(results_path, sizeof results_path, "%s/%s", out, quick ? "10-quick.tsv" : "10-results.tsv");
    results = open_out(out, quick ? "10-quick.tsv" : "10-results.tsv");
    fprintf(results, "task\tencoding\ttrain L\tn = L\tn = 2L\tn = 3L\tn = 4L\n");
    runs = open_out("build/experiment", quick ? "runs-quick.tsv" : "runs.tsv");
    fprintf(runs, "task\tencoding\ttrain L\tseed\tn = L\tn = 2L\tn = 3L\tn = 4L\n");
    if (!quick) {
        curves = open_out(out, "10-curves.tsv");
        fprintf(curves, "task\tencoding\ttrain L\tstep\ttrain loss\taccuracy at L\n");
    }
    printf("experiment: %s run, %zu trainings (%zu seeds x %zu steps of %zu sentences), D = %d, "
           "lengths %d..L, tests at L, 2L, 3L, 4L\n", quick ? "quick" : "full", n_runs, cf.seeds,
           cf.steps, cf.batch, D, LMIN);
    for (int task = 0; task < N_TASK; task++)
        for (size_t li = 0; li < n_L; li++)
            for (int enc = 0; enc < N_ENC; enc++) {
                double mean[4] = { 0, 0, 0, 0 };
                int diverged = 0;
                for (size_t seed = 0; seed < cf.seeds; seed++) {
                    train((enum task)task, (enum enc)enc, Ls[li], seed, &cf, &res, &w);
                    run++;
                    diverged |= res.diverged;
                    for (size_t t = 0; t < 4; t++)
                        mean[t] += res.acc[t] / (double)cf.seeds;
                    fprintf(runs, "%s\t%s\t%zu\t%zu", task_name[task], enc_name[enc], Ls[li], seed);
                    for (size_t t = 0; t < 4; t++)
                        print_acc(runs, res.acc[t]);
                    fprintf(runs, "\n");
                    for (size_t k = 0; curves && seed == 0 && k < res.n_log; k++)
                        fprintf(curves, "%s\t%s\t%zu\t%.0f\t%.4f\t%.1f\n", task_name[task],
                                enc_name[enc], Ls[li], res.log_step[k], res.log_loss[k],
                                100.0 * res.log_acc[k]);
                    printf("[%2zu/%zu] %5.1f s  %-5s L = %2zu  %-10s seed %zu  accuracy %%:", run,
                           n_runs, (double)(clock() - start) / CLOCKS_PER_SEC, task_name[task],
                           Ls[li], enc_name[enc], seed);
                    for (size_t t = 0; t < 4; t++)
                        print_acc(stdout, res.acc[t]);
                    printf("%s\n", res.diverged ? "  (diverged)" : "");
                    fflush(stdout);
                }
                fprintf(results, "%s\t%s\t%zu", task_name[task], enc_name[enc], Ls[li]);
                for (size_t t = 0; t < 4; t++)
                    print_acc(results, diverged ? NAN : mean[t]);
                fprintf(results, "\n");
            }
    fclose(results);
    fclose(runs);
    if (curves)
        fclose(curves);
    printf("experiment: wrote %s%s in %.1f s of CPU\n", results_path,
           quick ? "" : " and 10-curves.tsv", (double)(clock() - start) / CLOCKS_PER_SEC);
    if (check_file != NULL) {
        if (!same_file(results_path, check_file)) {
            printf("experiment: %s differs from %s: the run is not reproducible, or the model "
                   "changed (then rerun make experiment and commit the new files)\n",
                   results_path, check_file);
            return 1;
        }
        printf("experiment: reproduces %s exactly\n", check_file);
    }
    return 0;
}
