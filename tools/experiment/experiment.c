/*
 * experiment.c — chapter 10's length-generalisation study: one tiny attention
 * layer, built from the chapter's pieces (include/10-train.h: tr_linear_forward/
 * backward, tr_attn_forward/backward, tr_xent, tr_adam_step), trained with each
 * positional encoding on two synthetic tasks that need positions, with and
 * without a causal mask, on lengths 4 .. L (L = 8; RoPE also L = 16), then tested
 * at every length from 4 to 4L.
 *
 *   make experiment            the full study (a few minutes on 2 cores): chapters/data/10-*.tsv
 *   make experiment QUICK=1    a slice of seconds, compared with chapters/data/10-quick.tsv
 *   make experiment SRC=exercises   the same model built from your own pieces: it
 *                              prints its results (and writes build/experiment/)
 *
 *   experiment [--quick] [--jobs N] [--seeds N] [--reuse] [--out DIR] [--check FILE]
 *     --quick       the small slice (one seed, few steps, L = 8)
 *     --jobs N      worker processes (default 2); the results do not depend on N
 *     --seeds N     seeds per configuration (default 10; at most 16)
 *     --reuse       no training: the tables again from the results the last run
 *                   saved in build/experiment/results-*.bin
 *     --out DIR     where the .tsv files go; default build/experiment
 *     --check FILE  after the run, compare DIR/10-quick.tsv (or 10-results.tsv)
 *                   with FILE byte for byte (exit 1 when they differ)
 *
 * The model, for a sentence of n tokens t_0 .. t_{n-1} (width D = 16):
 *   X = E[t] (+ positions),  Q = X Wq + bq,  K = X Wk + bk,  V = X Wv + bv,
 *   (RoPE: rotate Q and K),  per head h: A_h = softmax(Q_h K_h^T / sqrt(D/H) + M_h),
 *   Y_h = A_h V_h,  H = X + Y Wo + bo  (residual),  logits = readout(H) Wr + br.
 * One head (H = 1) for every encoding except the two "x4" rows: ALiBi with 4
 * heads of width 4 and chapter 8's slopes 2^(-8h/4), and its control, no
 * encoding with the same 4 heads. No feed-forward block, no LayerNorm.
 * Masks: causal (key j visible to query i only when j <= i: M = -INFINITY
 * above the diagonal) or bidirectional (every key visible).
 * Tasks (neither can be solved from the bag of tokens):
 *   order  a sentence holds one A and one B among filler tokens: does A come
 *          first? One answer per sentence, read from the mean of the rows of H.
 *   prev   every position i >= 1 names the token at position i - 1; one answer
 *          per position, read from row i of H.
 * Encodings: none; integer (pos added to every dimension, chapter 1); unit
 * (pos/(n-1), chapter 2); sinusoidal (base 10000, chapter 3); learned (a
 * trained table P[pos] of MAXN rows; rows >= L are never trained and keep
 * their random initial values; "learned, clamped" is the same trained model
 * tested with every row >= L replaced by row L - 1); rope (chapter 8, base
 * 10000; tested also with position interpolation and NTK-aware base scaling,
 * chapter 8 section 8.5); alibi x4 (causal: -m_h (i - j); bidirectional: the
 * symmetric -m_h |i - j|); none x4; alibi 1/2 (one head, slope 1/2, the
 * steepest slope of chapter 8's H = 8); concat (half the width for the token,
 * half for a sinusoidal code of width D/2).
 *
 * Deterministic: its own PRNG (splitmix64), fixed seeds; each training is a
 * job whose result depends on its number only, so the worker processes
 * (fork) can take the jobs in any order.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "10-train.h"

#define D 16              /* model width                                     */
#define HMAX 4            /* the most heads                                  */
#define VOCAB 8           /* tokens 0 .. 7; in "order", 0 = A and 1 = B        */
#define MAXN 64           /* the longest sentence (4 x the longest L)          */
#define LMIN 4            /* training lengths are LMIN .. L; tests LMIN .. 4L  */
#define NLEN (MAXN - LMIN + 1)
#define NOFF (2 * MAXN - 1)   /* offsets j - i of a key, -(MAXN-1) .. MAXN-1 */
#define NSEED_MAX 16
#define BASE 10000.0
#define PI_VALUE 3.14159265358979323846

enum enc { ENC_NONE, ENC_INT, ENC_UNIT, ENC_SIN, ENC_LEARNED, ENC_ROPE, ENC_ALIBI4, ENC_NONE4,
           ENC_ALIBI1, ENC_CONCAT, N_ENC };
static const char *const enc_name[N_ENC] = { "none", "integer", "unit", "sinusoidal", "learned",
                                             "rope", "alibi x4", "none x4", "alibi 1/2", "concat" };
static const char *const enc_key[N_ENC] = { "none", "integer", "unit", "sinusoidal", "learned",
                                            "rope", "alibi4", "none4", "alibi1", "concat" };
enum task { TASK_ORDER, TASK_PREV, N_TASK };
static const char *const task_name[N_TASK] = { "order", "prev" };
enum mode { MODE_CAUSAL, MODE_BIDIR, N_MODE };
static const char *const mode_name[N_MODE] = { "causal", "bidirectional" };
static const char *const mode_key[N_MODE] = { "causal", "bidir" };
/* Test-time variants of one trained model: as trained; learned: rows >= L
   clamped to row L - 1; rope: position interpolation; rope: NTK-aware base. */
enum variant { VAR_PLAIN, VAR_CLAMP, VAR_PI, VAR_NTK, N_VAR };

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
static double pe_sin_of(size_t pos, size_t j, size_t d)
{
    double omega = pow(BASE, -2.0 * (double)(j / 2) / (double)d);
    return j % 2 == 0 ? sin((double)pos * omega) : cos((double)pos * omega);
}

/* Computed once: PE for width D and for width D/2 (concat), and RoPE's plain
   angles (cos, sin) per position and pair. */
static double pe_table[MAXN][D], pe_half[MAXN][D / 2], rope_c[MAXN][D / 2], rope_s[MAXN][D / 2];

static void init_tables(void)
{
    for (size_t pos = 0; pos < MAXN; pos++) {
        for (size_t j = 0; j < D; j++)
            pe_table[pos][j] = pe_sin_of(pos, j, D);
        for (size_t j = 0; j < D / 2; j++) {
            double a = (double)pos * pow(BASE, -2.0 * (double)j / (double)D);
            pe_half[pos][j] = pe_sin_of(pos, j, D / 2);
            rope_c[pos][j] = cos(a);
            rope_s[pos][j] = sin(a);
        }
    }
}

/* The ALiBi slope of head h = 1 .. H (chapter 8): 2^(-8h/H). */
static double alibi_slope(size_t h, size_t H)
{
    return pow(2.0, -8.0 * (double)h / (double)H);
}

/* How a trained model is run: the mask, the heads, and the test-time variant. */
struct setup {
    enum task task;
    enum enc enc;
    enum mode mode;
    size_t C, heads, Ltrain;
    enum variant var;
};

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
    double X[MAXN * D], Q[MAXN * D], K[MAXN * D], V[MAXN * D], M[HMAX * MAXN * MAXN];
    double A[HMAX * MAXN * MAXN], Y[MAXN * D], H[MAXN * D], h[D], z[MAXN * C_MAX];
    double Qh[MAXN * D], Kh[MAXN * D], Vh[MAXN * D], Yh[MAXN * D], dYh[MAXN * D];
    double dQh[MAXN * D], dKh[MAXN * D], dVh[MAXN * D];
    double dz[MAXN * C_MAX], dH[MAXN * D], dY[MAXN * D], dQ[MAXN * D], dK[MAXN * D];
    double dV[MAXN * D], dX[MAXN * D], dXp[MAXN * D], dW[D * D], db[D], dWr[D * C_MAX];
    double dbr[C_MAX], dh[D];
    double rc[MAXN * D / 2], rs[MAXN * D / 2];   /* RoPE's cos and sin, per position and pair */
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

/* RoPE's angles for a sentence of n tokens: pair i of position pos turns by
   pos * scale * base^(-2i/D). Plain: scale 1, base 10000. Position
   interpolation (n > L): scale L/n, so the positions stay inside 0 .. L.
   NTK-aware (n > L): base 10000 * s^(D/(D-2)), s = n/L: the fastest pair is
   kept, the slowest is interpolated by s. */
static void rope_angles(const struct setup *st, size_t n, struct work *w)
{
    double scale = 1.0, base = BASE, s = (double)n / (double)st->Ltrain;
    if (n <= st->Ltrain || (st->var != VAR_PI && st->var != VAR_NTK)) {
        for (size_t pos = 0; pos < n; pos++)
            for (size_t i = 0; i < D / 2; i++) {
                w->rc[pos * (D / 2) + i] = rope_c[pos][i];
                w->rs[pos * (D / 2) + i] = rope_s[pos][i];
            }
        return;
    }
    if (st->var == VAR_PI)
        scale = 1.0 / s;
    if (st->var == VAR_NTK)
        base = BASE * pow(s, (double)D / (double)(D - 2));
    for (size_t pos = 0; pos < n; pos++)
        for (size_t i = 0; i < D / 2; i++) {
            double a = (double)pos * scale * pow(base, -2.0 * (double)i / (double)D);
            w->rc[pos * (D / 2) + i] = cos(a);
            w->rs[pos * (D / 2) + i] = sin(a);
        }
}

/* Rotate pair (2i, 2i+1) of row pos by sign * its angle. */
static void rope_rows(double *x, size_t n, double sign, const struct work *w)
{
    for (size_t pos = 0; pos < n; pos++)
        for (size_t i = 0; i < D / 2; i++) {
            double c = w->rc[pos * (D / 2) + i], s = sign * w->rs[pos * (D / 2) + i];
            double u = x[pos * D + 2 * i], v = x[pos * D + 2 * i + 1];
            x[pos * D + 2 * i] = u * c - v * s;
            x[pos * D + 2 * i + 1] = u * s + v * c;
        }
}

/* Columns h*dh .. (h+1)*dh - 1 of an (n, D) matrix, as an (n, dh) one. */
static void take_cols(const double *src, size_t n, size_t h, size_t dh, double *dst)
{
    for (size_t i = 0; i < n; i++)
        memcpy(dst + i * dh, src + i * D + h * dh, dh * sizeof *dst);
}

static void put_cols(const double *src, size_t n, size_t h, size_t dh, double *dst)
{
    for (size_t i = 0; i < n; i++)
        memcpy(dst + i * D + h * dh, src + i * dh, dh * sizeof *dst);
}

/* Forward pass: logits in w->z ((1, C) for order, rows 1 .. n-1 of (n, C) for
   prev); the attention weights of head h in w->A + h*n*n. 0 when the numbers
   are no longer finite. */
static int forward(const double *th, const struct layout *L, const struct setup *st,
                   const struct sentence *s, struct work *w)
{
    size_t n = s->n, C = st->C, H = st->heads, dh = D / H;
    enum enc enc = st->enc;
    int alibi = enc == ENC_ALIBI4 || enc == ENC_ALIBI1;
    int masked = st->mode == MODE_CAUSAL || alibi;
    for (size_t i = 0; i < n; i++) {
        size_t prow = i;                                        /* the learned table's row */
        if (st->var == VAR_CLAMP && prow >= st->Ltrain)
            prow = st->Ltrain - 1;
        for (size_t j = 0; j < D; j++) {
            double x = th[L->E + s->tok[i] * D + j];           /* the token's embedding */
            switch (enc) {
            case ENC_INT: x += (double)i; break;
            case ENC_UNIT: x += n > 1 ? (double)i / (double)(n - 1) : 0.0; break;
            case ENC_SIN: x += pe_table[i][j]; break;
            case ENC_LEARNED: x += th[L->P + prow * D + j]; break;
            case ENC_CONCAT: if (j >= D / 2) x = pe_half[i][j - D / 2]; break;
            default: break;
            }
            w->X[i * D + j] = x;
        }
    }
    check(tr_linear_forward(w->X, th + L->Wq, th + L->bq, n, D, D, w->Q), "tr_linear_forward");
    check(tr_linear_forward(w->X, th + L->Wk, th + L->bk, n, D, D, w->K), "tr_linear_forward");
    check(tr_linear_forward(w->X, th + L->Wv, th + L->bv, n, D, D, w->V), "tr_linear_forward");
    if (enc == ENC_ROPE) {
        rope_angles(st, n, w);
        rope_rows(w->Q, n, 1.0, w);
        rope_rows(w->K, n, 1.0, w);
    }
    if (masked)
        for (size_t h = 0; h < H; h++) {
            /* ALiBi: chapter 8's slopes for H heads; "alibi 1/2": one head, slope 1/2 */
            double m = enc == ENC_ALIBI4 ? alibi_slope(h + 1, H) : enc == ENC_ALIBI1 ? 0.5 : 0.0;
            double *Mh = w->M + h * n * n;
            for (size_t i = 0; i < n; i++)
                for (size_t j = 0; j < n; j++)
                    Mh[i * n + j] = st->mode == MODE_CAUSAL && j > i ? -INFINITY
                                  : -m * fabs((double)i - (double)j);
        }
    for (size_t h = 0; h < H; h++) {
        const double *Mh = masked ? w->M + h * n * n : NULL;
        if (H == 1) {
            if (!check(tr_attn_forward(w->Q, w->K, w->V, Mh, n, D, D, w->A, w->Y),
                       "tr_attn_forward"))
                return 0;
            continue;
        }
        take_cols(w->Q, n, h, dh, w->Qh);
        take_cols(w->K, n, h, dh, w->Kh);
        take_cols(w->V, n, h, dh, w->Vh);
        if (!check(tr_attn_forward(w->Qh, w->Kh, w->Vh, Mh, n, dh, dh, w->A + h * n * n, w->Yh),
                   "tr_attn_forward"))
            return 0;
        put_cols(w->Yh, n, h, dh, w->Y);
    }
    check(tr_linear_forward(w->Y, th + L->Wo, th + L->bo, n, D, D, w->H), "tr_linear_forward");
    for (size_t k = 0; k < n * D; k++)
        w->H[k] += w->X[k];                                     /* residual */
    if (st->task == TASK_ORDER) {
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
static double backward(const double *th, const struct layout *L, const struct setup *st,
                       const struct sentence *s, struct work *w, double *g, double scale)
{
    size_t n = s->n, C = st->C, H = st->heads, dh = D / H;
    enum enc enc = st->enc;
    double loss;
    if (!forward(th, L, st, s, w))
        return NAN;
    if (st->task == TASK_ORDER) {
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
    if (H == 1) {
        check(tr_attn_backward(w->Q, w->K, w->V, w->A, w->dY, n, D, D, w->dQ, w->dK, w->dV),
              "tr_attn_backward");
    } else {
        for (size_t h = 0; h < H; h++) {
            take_cols(w->Q, n, h, dh, w->Qh);
            take_cols(w->K, n, h, dh, w->Kh);
            take_cols(w->V, n, h, dh, w->Vh);
            take_cols(w->dY, n, h, dh, w->dYh);
            check(tr_attn_backward(w->Qh, w->Kh, w->Vh, w->A + h * n * n, w->dYh, n, dh, dh,
                                   w->dQh, w->dKh, w->dVh), "tr_attn_backward");
            put_cols(w->dQh, n, h, dh, w->dQ);
            put_cols(w->dKh, n, h, dh, w->dK);
            put_cols(w->dVh, n, h, dh, w->dV);
        }
    }
    if (enc == ENC_ROPE) {                                      /* R^T: rotate back */
        rope_rows(w->dQ, n, -1.0, w);
        rope_rows(w->dK, n, -1.0, w);
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

/* ---- tests of a trained model ----------------------------------------------- */
struct hist {   /* where the most-attended key of an answer of "prev" lies */
    uint32_t off[2][2][NOFF];   /* [n <= L, n > L][right, wrong][offset j - i + MAXN - 1] */
    uint32_t ends[2][2];        /* ... of which at an end of what the query sees */
};

struct score { double s; int y; };

static int by_score(const void *a, const void *b)
{
    double x = ((const struct score *)a)->s, y = ((const struct score *)b)->s;
    return (x > y) - (x < y);
}

/* The area under the ROC curve of the scores s (label 1 should score
   higher): the probability that a random positive outscores a random
   negative, ties counting 1/2 (ranks, with mid-ranks for ties). */
static double auc(struct score *sc, size_t m)
{
    double rank_sum = 0.0, pos = 0.0;
    qsort(sc, m, sizeof *sc, by_score);
    for (size_t k = 0; k < m;) {
        size_t e = k;
        while (e + 1 < m && sc[e + 1].s == sc[k].s)
            e++;
        for (size_t q = k; q <= e; q++)
            if (sc[q].y) {
                rank_sum += 0.5 * (double)(k + e) + 1.0;
                pos += 1.0;
            }
        k = e + 1;
    }
    if (pos == 0.0 || pos == (double)m)
        return NAN;
    return (rank_sum - pos * (pos + 1.0) / 2.0) / (pos * ((double)m - pos));
}

/* Accuracy (and for order the AUC of z[1] - z[0]) on count sentences of length
   n; for prev, where the most-attended key lies (into hist, if not NULL). */
static void test_length(const double *th, const struct layout *L, const struct setup *st,
                        size_t n, size_t count, struct work *w, double *acc, double *area,
                        struct hist *hist)
{
    struct rng r = { 0xE7A1u * 1000003u + 7919u * n + 31u * st->task };  /* the same sentences for all */
    size_t right = 0, total = 0;
    struct sentence s;
    struct score *sc = malloc(count * sizeof *sc);
    int past = n > st->Ltrain;
    if (sc == NULL) {
        fprintf(stderr, "experiment: out of memory\n");
        exit(2);
    }
    for (size_t k = 0; k < count; k++) {
        size_t answers = st->task == TASK_ORDER ? 1 : n - 1;
        make_sentence(&r, st->task, n, &s);
        if (!forward(th, L, st, &s, w)) {
            total += answers;                                   /* all wrong */
            sc[k].s = 0.0;
            sc[k].y = (int)s.y[0];
            continue;
        }
        if (st->task == TASK_ORDER) {
            sc[k].s = w->z[1] - w->z[0];
            sc[k].y = (int)s.y[0];
        }
        for (size_t row = 0; row < answers; row++) {
            const double *z = w->z + row * st->C;
            size_t best = 0, i = row + 1, seen, jbest = 0;
            int ok;
            for (size_t c = 1; c < st->C; c++)
                if (z[c] > z[best])
                    best = c;
            ok = best == s.y[st->task == TASK_ORDER ? 0 : i] && isfinite(z[best]);
            right += (size_t)ok;
            total++;
            if (st->task != TASK_PREV || hist == NULL)
                continue;
            seen = st->mode == MODE_CAUSAL ? i + 1 : n;         /* keys 0 .. seen - 1 */
            {
                double wbest = -1.0;
                for (size_t j = 0; j < seen; j++) {
                    double a = 0.0;
                    for (size_t h = 0; h < st->heads; h++)
                        a += w->A[h * n * n + i * n + j];
                    if (a > wbest) {
                        wbest = a;
                        jbest = j;
                    }
                }
            }
            hist->off[past][!ok][jbest + MAXN - 1 - i]++;
            hist->ends[past][!ok] += jbest == 0 || jbest == seen - 1;
        }
    }
    *acc = (double)right / (double)total;
    if (area != NULL)
        *area = st->task == TASK_ORDER ? auc(sc, count) : NAN;
    free(sc);
}

/* ---- one training run (a job) --------------------------------------------- */
struct config {
    size_t seeds, steps, batch, log_every, count_order, count_prev, curve_count;
    double lr;
    size_t n_L, Ls[2];
};

struct job {
    enum mode mode;
    enum task task;
    enum enc enc;
    size_t L, seed;
    int fixed;      /* trained at the one length n = L (a control of "unit") */
};

struct result {
    int diverged;
    double acc[N_VAR][NLEN], area[N_VAR][NLEN];    /* [variant][n - LMIN]; NaN: not tested */
    struct hist hist;
    size_t n_log;
    double log_step[40], log_loss[40], log_acc[40];
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

static void run_job(const struct job *jb, const struct config *cf, struct result *res,
                    struct work *w)
{
    struct setup st = { jb->task, jb->enc, jb->mode, jb->task == TASK_ORDER ? 2 : VOCAB,
                        jb->enc == ENC_ALIBI4 || jb->enc == ENC_NONE4 ? 4 : 1, jb->L, VAR_PLAIN };
    struct layout L = layout_of(st.C);
    double *th = calloc(L.total, sizeof *th), *g = calloc(L.total, sizeof *g);
    double *m = calloc(L.total, sizeof *m), *v = calloc(L.total, sizeof *v);
    /* the same sentences for every encoding and both masks */
    struct rng data = { 0x5EED0000u + 100u * (uint64_t)jb->task + jb->L + 104729u * jb->seed };
    double run_loss = 0.0;
    size_t run_count = 0;
    struct sentence s;
    if (th == NULL || g == NULL || m == NULL || v == NULL) {
        fprintf(stderr, "experiment: out of memory\n");
        exit(2);
    }
    memset(res, 0, sizeof *res);
    for (size_t a = 0; a < N_VAR; a++)
        for (size_t k = 0; k < NLEN; k++)
            res->acc[a][k] = res->area[a][k] = NAN;
    /* the same start for every encoding and both masks */
    init_params(th, &L, st.C, 0xC0FFEEu + jb->task + 7919u * jb->seed);
    for (size_t step = 1; step <= cf->steps; step++) {
        double loss = 0.0;
        for (size_t k = 0; k < L.total; k++)
            g[k] = 0.0;
        for (size_t b = 0; b < cf->batch; b++) {
            size_t n = jb->fixed ? jb->L : LMIN + rng_below(&data, jb->L - LMIN + 1);
            make_sentence(&data, jb->task, n, &s);
            loss += backward(th, &L, &st, &s, w, g, 1.0 / (double)cf->batch);
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
        if (jb->seed == 0 && !jb->fixed && step % cf->log_every == 0 && res->n_log < 40) {
            double a;
            test_length(th, &L, &st, jb->L, cf->curve_count, w, &a, NULL, NULL);
            res->log_step[res->n_log] = (double)step;
            res->log_loss[res->n_log] = run_loss / (double)run_count;
            res->log_acc[res->n_log] = a;
            res->n_log++;
            run_loss = 0.0;
            run_count = 0;
        }
    }
    if (!res->diverged)
        for (size_t a = 0; a < N_VAR; a++) {
            if ((a == VAR_CLAMP && jb->enc != ENC_LEARNED) ||
                ((a == VAR_PI || a == VAR_NTK) && jb->enc != ENC_ROPE))
                continue;
            st.var = (enum variant)a;
            for (size_t n = LMIN; n <= (jb->fixed ? jb->L : 4 * jb->L); n++) {
                if (jb->fixed && n != jb->L)
                    continue;
                if (a != VAR_PLAIN && n <= jb->L)               /* the same model within L */
                    continue;
                test_length(th, &L, &st, n,
                            jb->task == TASK_ORDER ? cf->count_order : cf->count_prev, w,
                            &res->acc[a][n - LMIN], &res->area[a][n - LMIN],
                            a == VAR_PLAIN ? &res->hist : NULL);
            }
        }
    free(th);
    free(g);
    free(m);
    free(v);
}

/* ---- exact baselines ---------------------------------------------------------- */
/* The expected largest count among m tokens drawn uniformly from VOCAB:
   sum_{t >= 1} P(max >= t), with P(max <= c) = m!/V^m [x^m] (sum_{k<=c} x^k/k!)^V. */
static double expected_max_count(size_t m)
{
    double e = 0.0;
    if (m == 0)
        return 0.0;
    for (size_t c = 0; c < m; c++) {            /* P(max >= c + 1) = 1 - P(max <= c) */
        double poly[MAXN + 1] = { 0 }, term[MAXN + 1], next[MAXN + 1], fact = 1.0, p;
        poly[0] = 1.0;
        for (size_t k = 0; k <= m; k++)
            term[k] = 0.0;
        {
            double f = 1.0;
            for (size_t k = 0; k <= c && k <= m; k++) {
                if (k > 0)
                    f *= (double)k;
                term[k] = 1.0 / f;
            }
        }
        for (int v = 0; v < VOCAB; v++) {
            for (size_t k = 0; k <= m; k++) {
                double acc = 0.0;
                for (size_t q = 0; q <= k; q++)
                    acc += poly[q] * term[k - q];
                next[k] = acc;
            }
            memcpy(poly, next, (m + 1) * sizeof *poly);
        }
        for (size_t k = 2; k <= m; k++)
            fact *= (double)k;
        p = poly[m] * fact / pow((double)VOCAB, (double)m);
        e += 1.0 - p;
    }
    return e;
}

/* The best accuracy on prev at length n of a model that knows only which
   tokens it can see, not where they are: the most frequent of the others.
   Bidirectional: the other n - 1 tokens; causal: the i tokens before position i. */
static double prev_baseline(enum mode mode, size_t n)
{
    if (mode == MODE_BIDIR)
        return expected_max_count(n - 1) / (double)(n - 1);
    {
        double sum = 0.0;
        for (size_t i = 1; i < n; i++)
            sum += expected_max_count(i) / (double)i;
        return sum / (double)(n - 1);
    }
}

/* The best accuracy on prev of a mirror-symmetric model (bidirectional,
   a bias that depends on |i - j| only, no other position): at positions
   1 .. n-2 the two neighbours are indistinguishable, right when they are
   equal (1/V) and half the time otherwise; position n - 1 has one neighbour. */
static double mirror_cap(size_t n)
{
    double inner = 1.0 / VOCAB + (1.0 - 1.0 / VOCAB) / 2.0;
    return ((double)(n - 2) * inner + 1.0) / (double)(n - 1);
}

/* Chapter 4's near-repeat, for the two fastest RoPE pairs: the chord distance
   between offsets k apart, sqrt(sum_{i<2} (2 sin(k theta_i / 2))^2). */
static double fast_chord(size_t k)
{
    double sum = 0.0;
    for (size_t i = 0; i < 2; i++) {
        double c = 2.0 * sin(0.5 * (double)k * pow(BASE, -2.0 * (double)i / (double)D));
        sum += c * c;
    }
    return sqrt(sum);
}

/* ---- output ----------------------------------------------------------------- */
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

struct stats { double mean, sd, min, max; size_t count; };

/* Over the seeds of one (mode, task, enc, L), the values v(seed); NaN values
   (diverged or not tested) make the whole statistic NaN. */
static struct stats stats_of(const double *v, size_t count)
{
    struct stats s = { 0.0, 0.0, INFINITY, -INFINITY, count };
    for (size_t k = 0; k < count; k++) {
        s.mean += v[k] / (double)count;
        s.min = v[k] < s.min ? v[k] : s.min;
        s.max = v[k] > s.max ? v[k] : s.max;
    }
    for (size_t k = 0; k < count; k++)
        s.sd += (v[k] - s.mean) * (v[k] - s.mean);
    s.sd = count > 1 ? sqrt(s.sd / (double)(count - 1)) : 0.0;
    if (isnan(s.mean))
        s.min = s.max = s.sd = NAN;
    return s;
}

/* "mean ± sd" in percent (one decimal), or "diverged". */
static void cell(FILE *f, struct stats s, double scale, int digits)
{
    if (isnan(s.mean))
        fprintf(f, "\tdiverged");
    else if (s.count > 1)
        fprintf(f, "\t%.*f ± %.*f", digits, scale * s.mean, digits, scale * s.sd);
    else
        fprintf(f, "\t%.*f", digits, scale * s.mean);
}

/* ---- the job list and the workers --------------------------------------------- */
static const enum enc main_encs[] = { ENC_NONE, ENC_INT, ENC_UNIT, ENC_SIN, ENC_LEARNED, ENC_ROPE,
                                      ENC_ALIBI4, ENC_NONE4, ENC_ALIBI1, ENC_CONCAT };
#define N_MAIN (sizeof main_encs / sizeof main_encs[0])

static size_t make_jobs(const struct config *cf, int quick, struct job *jobs)
{
    size_t n = 0;
    for (int mode = 0; mode < N_MODE; mode++)
        for (int task = 0; task < N_TASK; task++)
            for (size_t li = 0; li < cf->n_L; li++)
                for (size_t e = 0; e < N_MAIN; e++)
                    for (size_t seed = 0; seed < cf->seeds; seed++)
                        if (li == 0 || main_encs[e] == ENC_ROPE)   /* L = 16: RoPE's cliff only */
                            jobs[n++] = (struct job){ (enum mode)mode, (enum task)task, main_encs[e],
                                                  cf->Ls[li], seed, 0 };
    if (!quick)   /* unit at one fixed length: is it the varying length that breaks it? */
        for (int mode = 0; mode < N_MODE; mode++)
            for (size_t seed = 0; seed < cf->seeds; seed++)
                jobs[n++] = (struct job){ (enum mode)mode, TASK_PREV, ENC_UNIT, cf->Ls[0], seed, 1 };
    return n;
}

/* Runs the jobs k = worker, worker + workers, ... in a child process and
   writes their results, in job order, to a file; the parent reads them all
   back. With workers = 1 it all happens in this process. */
static void run_all(const struct job *jobs, size_t n_jobs, const struct config *cf,
                    size_t workers, const char *tmpdir, struct result *results)
{
    static struct work w;
    pid_t pid[8], parent = getpid();   /* part files of this run only */
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (workers > 8)
        workers = 8;
    for (size_t wk = 0; wk < workers; wk++) {
        pid[wk] = workers == 1 ? 0 : fork();
        if (pid[wk] < 0) {
            perror("experiment: fork");
            exit(2);
        }
        if (pid[wk] == 0) {
            char path[1024];
            FILE *f = NULL;
            if (workers > 1) {
                snprintf(path, sizeof path, "%s/part-%ld-%zu.bin", tmpdir, (long)parent, wk);
                f = fopen(path, "wb");
                if (f == NULL) {
                    fprintf(stderr, "experiment: cannot write %s\n", path);
                    _exit(2);
                }
            }
            double cpu = 0.0;
            for (size_t k = wk; k < n_jobs; k += workers) {
                const struct job *jb = &jobs[k];
                struct result *r = workers > 1 ? &results[0] : &results[k];
                struct timespec t;
                clock_t c0 = clock();
                run_job(jb, cf, r, &w);
                cpu += (double)(clock() - c0) / CLOCKS_PER_SEC;
                if (f != NULL && fwrite(r, sizeof *r, 1, f) != 1) {
                    fprintf(stderr, "experiment: cannot write %s\n", path);
                    _exit(2);
                }
                clock_gettime(CLOCK_MONOTONIC, &t);
                printf("[%3zu/%zu] %6.1f s (%5.2f s CPU)  %-13s %-5s L = %2zu  %-10s seed %zu%s  accuracy at L: %.1f %%%s\n",
                       k + 1, n_jobs, (double)(t.tv_sec - t0.tv_sec) + 1e-9 * (double)(t.tv_nsec - t0.tv_nsec),
                       (double)(clock() - c0) / CLOCKS_PER_SEC, mode_name[jb->mode], task_name[jb->task], jb->L, enc_name[jb->enc], jb->seed,
                       jb->fixed ? " (n = L only)" : "", 100.0 * r->acc[VAR_PLAIN][jb->L - LMIN],
                       r->diverged ? "  (diverged)" : "");
                fflush(stdout);
            }
            printf("experiment: worker %zu done, %.1f s of CPU\n", wk, cpu);
            fflush(stdout);
            if (f != NULL) {
                fclose(f);
                _exit(0);
            }
        }
    }
    if (workers == 1)
        return;
    for (size_t wk = 0; wk < workers; wk++) {
        int status;
        if (waitpid(pid[wk], &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "experiment: worker %zu failed\n", wk);
            exit(2);
        }
    }
    for (size_t wk = 0; wk < workers; wk++) {
        char path[1024];
        FILE *f;
        snprintf(path, sizeof path, "%s/part-%ld-%zu.bin", tmpdir, (long)parent, wk);
        f = fopen(path, "rb");
        if (f == NULL) {
            fprintf(stderr, "experiment: cannot read %s\n", path);
            exit(2);
        }
        for (size_t k = wk; k < n_jobs; k += workers)
            if (fread(&results[k], sizeof results[k], 1, f) != 1) {
                fprintf(stderr, "experiment: %s is short\n", path);
                exit(2);
            }
        fclose(f);
        remove(path);
    }
}

/* The seeds' values of one (mode, task, enc, L) at length n, variant a. */
static size_t gather(const struct job *jobs, const struct result *res, size_t n_jobs, enum mode mode,
                     enum task task, enum enc enc, size_t L, int fixed, enum variant a, size_t n,
                     int want_area, double *v)
{
    size_t count = 0;
    for (size_t k = 0; k < n_jobs; k++)
        if (jobs[k].mode == mode && jobs[k].task == task && jobs[k].enc == enc && jobs[k].L == L &&
            jobs[k].fixed == fixed)
            v[count++] = res[k].diverged ? NAN
                       : want_area ? res[k].area[a][n - LMIN] : res[k].acc[a][n - LMIN];
    return count;
}

static struct stats stat_at(const struct job *jobs, const struct result *res, size_t n_jobs,
                            enum mode mode, enum task task, enum enc enc, size_t L,
                            enum variant a, size_t n, int want_area)
{
    double v[NSEED_MAX];
    size_t count = gather(jobs, res, n_jobs, mode, task, enc, L, 0, a, n, want_area, v);
    return stats_of(v, count);
}

/* 1 when (enc, L) was trained (the second L is RoPE's alone). */
static int trained(const struct job *jobs, size_t n_jobs, enum enc enc, size_t L)
{
    for (size_t k = 0; k < n_jobs; k++)
        if (jobs[k].enc == enc && jobs[k].L == L && !jobs[k].fixed)
            return 1;
    return 0;
}

/* The variant a of a row: within L every variant is the plain model. */
static enum variant at(enum variant a, size_t n, size_t L)
{
    return n <= L ? VAR_PLAIN : a;
}

struct row { const char *name, *key; enum enc enc; enum variant var; };

/* The row w's statistics at length n (its variant past L), accuracy or AUC. */
static struct stats curve_at(const struct job *jobs, const struct result *res, size_t n_jobs,
                             int mode, int task, struct row w, size_t L, size_t n, int want_area)
{
    return stat_at(jobs, res, n_jobs, (enum mode)mode, (enum task)task, w.enc, L, at(w.var, n, L), n,
                   want_area);
}

/* The four cells of a table row, at n = L, 2L, 3L, 4L (variant var past L), and the line's end. */
static void cells_to_4L(FILE *f, const struct job *jobs, const struct result *res, size_t n_jobs,
                        enum mode mode, enum task task, enum enc enc, size_t L, enum variant var,
                        int want_area, double scale, int digits)
{
    for (size_t t = 1; t <= 4; t++)
        cell(f, stat_at(jobs, res, n_jobs, mode, task, enc, L, at(var, t * L, L), t * L, want_area),
             scale, digits);
    fprintf(f, "\n");
}

static const struct row rows[] = {
    { "none", "none", ENC_NONE, VAR_PLAIN }, { "integer", "integer", ENC_INT, VAR_PLAIN },
    { "unit", "unit", ENC_UNIT, VAR_PLAIN }, { "sinusoidal", "sinusoidal", ENC_SIN, VAR_PLAIN },
    { "learned (random rows past L)", "learned", ENC_LEARNED, VAR_PLAIN },
    { "learned (clamped to row L-1)", "learned-clamped", ENC_LEARNED, VAR_CLAMP },
    { "rope", "rope", ENC_ROPE, VAR_PLAIN }, { "alibi x4", "alibi4", ENC_ALIBI4, VAR_PLAIN },
    { "none x4", "none4", ENC_NONE4, VAR_PLAIN }, { "alibi 1/2 (1 head)", "alibi1", ENC_ALIBI1, VAR_PLAIN },
    { "concat", "concat", ENC_CONCAT, VAR_PLAIN },
};
#define N_ROWS (sizeof rows / sizeof rows[0])

/* Row r of the tables for r < N_ROWS; N_ROWS and N_ROWS + 1: RoPE with position
   interpolation and with the NTK-aware base (the figures' extra curves). */
static struct row row_or_extension(size_t r)
{
    static const struct row ext[2] = { { "rope PI", "rope-pi", ENC_ROPE, VAR_PI },
                                       { "rope NTK", "rope-ntk", ENC_ROPE, VAR_NTK } };
    return r < N_ROWS ? rows[r] : ext[r - N_ROWS];
}

static void fact(FILE *f, const char *key, const char *fmt, double x)
{
    fprintf(f, "%s\t", key);
    fprintf(f, fmt, x);
    fprintf(f, "\n");
}

int main(int argc, char **argv)
{
    const char *out = "build/experiment", *check_file = NULL;
    int quick = 0, reuse = 0;
    size_t workers = 2, n_jobs, seeds = 0;
    struct config cf;
    struct job *jobs;
    struct result *res;
    FILE *f, *facts = NULL;
    char path[1024];
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int k = 1; k < argc; k++) {
        if (strcmp(argv[k], "--quick") == 0)
            quick = 1;
        else if (strcmp(argv[k], "--out") == 0 && k + 1 < argc)
            out = argv[++k];
        else if (strcmp(argv[k], "--check") == 0 && k + 1 < argc)
            check_file = argv[++k];
        else if (strcmp(argv[k], "--reuse") == 0)
            reuse = 1;
        else if (strcmp(argv[k], "--seeds") == 0 && k + 1 < argc && atoi(argv[k + 1]) > 0)
            seeds = (size_t)atoi(argv[++k]);
        else if (strcmp(argv[k], "--jobs") == 0 && k + 1 < argc && atoi(argv[k + 1]) > 0)
            workers = (size_t)atoi(argv[++k]);
        else {
            fprintf(stderr, "usage: experiment [--quick] [--jobs N] [--seeds N] [--reuse] [--out DIR] [--check FILE]\n");
            return 2;
        }
    }
    if (quick)
        cf = (struct config){ 1, 150, 8, 50, 40, 8, 20, 3e-3, 1, { 8, 0 } };
    else
        cf = (struct config){ 10, 2000, 16, 100, 100, 20, 100, 3e-3, 2, { 8, 16 } };
    if (seeds > 0 && seeds <= NSEED_MAX)
        cf.seeds = seeds;
    init_tables();
    jobs = calloc(N_MODE * N_TASK * 2 * N_MAIN * NSEED_MAX + N_MODE * NSEED_MAX, sizeof *jobs);
    if (jobs == NULL) {
        fprintf(stderr, "experiment: out of memory\n");
        return 2;
    }
    n_jobs = make_jobs(&cf, quick, jobs);
    res = calloc(n_jobs, sizeof *res);
    if (jobs == NULL || res == NULL) {
        fprintf(stderr, "experiment: out of memory\n");
        return 2;
    }
    printf("experiment: %s run, %zu trainings (%zu seeds x %zu steps of %zu sentences), D = %d, "
           "lengths %d..L, tests at every length %d..4L, %zu worker%s\n", quick ? "quick" : "full",
           n_jobs, cf.seeds, cf.steps, cf.batch, D, LMIN, LMIN, workers, workers > 1 ? "s" : "");
    fflush(stdout);
    snprintf(path, sizeof path, "build/experiment/results-%s.bin", quick ? "quick" : "full");
    if (reuse) {   /* the tables again from the last run's saved results, no training */
        FILE *r = fopen(path, "rb");
        size_t saved = 0, size = 0;
        if (r == NULL || fread(&saved, sizeof saved, 1, r) != 1 || fread(&size, sizeof size, 1, r) != 1 ||
            saved != n_jobs || size != sizeof *res || fread(res, sizeof *res, n_jobs, r) != n_jobs) {
            fprintf(stderr, "experiment: %s is missing or from another version: run without --reuse\n", path);
            return 2;
        }
        fclose(r);
    } else {
        FILE *r;
        size_t size = sizeof *res;
        run_all(jobs, n_jobs, &cf, workers, "build/experiment", res);
        r = fopen(path, "wb");
        if (r == NULL || fwrite(&n_jobs, sizeof n_jobs, 1, r) != 1 || fwrite(&size, sizeof size, 1, r) != 1 ||
            fwrite(res, sizeof *res, n_jobs, r) != n_jobs) {
            fprintf(stderr, "experiment: cannot write %s\n", path);
            return 2;
        }
        fclose(r);
    }

    /* The tables: mean ± sd over the seeds at L, 2L, 3L, 4L. */
    f = open_out(out, quick ? "10-quick.tsv" : "10-results.tsv");
    fprintf(f, "table\tencoding\ttrain L\tn = L\tn = 2L\tn = 3L\tn = 4L\n");
    for (int mode = 0; mode < N_MODE; mode++)
        for (int task = 0; task < N_TASK; task++)
            for (size_t r = 0; r < N_ROWS; r++)
                for (size_t li = 0; li < cf.n_L; li++) {
                    size_t L = cf.Ls[li];
                    if (li > 0)   /* RoPE at L = 16: in 10-extension.tsv */
                        continue;
                    fprintf(f, "%s %s\t%s\t%zu", mode_key[mode], task_name[task], rows[r].name, L);
                    cells_to_4L(f, jobs, res, n_jobs, (enum mode)mode,
                                (enum task)task, rows[r].enc, L, rows[r].var, 0, 100.0, 1);
                }
    if (quick) {   /* the quick slice: one file, also the AUC and the extensions */
        for (int mode = 0; mode < N_MODE; mode++)
            for (size_t r = 0; r < N_ROWS; r++) {
                fprintf(f, "%s order AUC\t%s\t8", mode_key[mode], rows[r].name);
                cells_to_4L(f, jobs, res, n_jobs, (enum mode)mode,
                            TASK_ORDER, rows[r].enc, 8, rows[r].var, 1, 1.0, 3);
            }
        for (int mode = 0; mode < N_MODE; mode++)
            for (int task = 0; task < N_TASK; task++)
                for (int a = VAR_PI; a <= VAR_NTK; a++) {
                    fprintf(f, "%s %s\trope %s\t8", mode_key[mode], task_name[task],
                            a == VAR_PI ? "PI" : "NTK");
                    cells_to_4L(f, jobs, res, n_jobs, (enum mode)mode,
                                (enum task)task, ENC_ROPE, 8, (enum variant)a, 0, 100.0, 1);
                }
    }
    fclose(f);

    if (!quick) {
        /* AUC of order, mean ± sd */
        f = open_out(out, "10-auc.tsv");
        fprintf(f, "table\tencoding\ttrain L\tn = L\tn = 2L\tn = 3L\tn = 4L\n");
        for (int mode = 0; mode < N_MODE; mode++)
            for (size_t r = 0; r < N_ROWS; r++)
                for (size_t li = 0; li < cf.n_L; li++) {
                    size_t L = cf.Ls[li];
                    if (li > 0)
                        continue;
                    fprintf(f, "%s order AUC\t%s\t%zu", mode_key[mode], rows[r].name, L);
                    cells_to_4L(f, jobs, res, n_jobs, (enum mode)mode,
                                TASK_ORDER, rows[r].enc, L, rows[r].var, 1, 1.0, 3);
                }
        fclose(f);

        /* Context extension of RoPE at test time (10-extension.tsv), and every length for
           the figures (10-length.tsv): mean, sd, min, max over the seeds, and the
           position-free baseline of prev. One pass, a file each. */
        f = open_out(out, "10-extension.tsv");
        fprintf(f, "table\tRoPE at test time\ttrain L\tn = L\tn = 2L\tn = 3L\tn = 4L\n");
        FILE *fl = open_out(out, "10-length.tsv");
        fprintf(fl, "mode\ttask\tencoding\ttrain L\tn\tmean\tsd\tmin\tmax\n");
        for (int mode = 0; mode < N_MODE; mode++)
            for (int task = 0; task < N_TASK; task++)
                for (size_t li = 0; li < cf.n_L; li++) {
                    size_t L = cf.Ls[li];
                    for (int a = VAR_PLAIN; a < N_VAR; a++) {
                        if (a == VAR_CLAMP)
                            continue;
                        fprintf(f, "%s %s\t%s\t%zu", mode_key[mode], task_name[task],
                                a == VAR_PLAIN ? "as trained" : a == VAR_PI ? "position interpolation"
                                : "NTK-aware base", L);
                        cells_to_4L(f, jobs, res, n_jobs, (enum mode)mode, (enum task)task, ENC_ROPE, L,
                                    (enum variant)a, 0, 100.0, 1);
                    }
                    for (size_t r = 0; r < N_ROWS + 2; r++) {
                        struct row w = row_or_extension(r);
                        if (!trained(jobs, n_jobs, w.enc, L))
                            continue;
                        for (size_t n = LMIN; n <= 4 * L; n++) {
                            struct stats s = curve_at(jobs, res, n_jobs, mode, task, w, L, n, 0);
                            fprintf(fl, "%s\t%s\t%s\t%zu\t%zu\t%.2f\t%.2f\t%.2f\t%.2f\n", mode_key[mode],
                                    task_name[task], w.key, L, n, 100.0 * s.mean, 100.0 * s.sd,
                                    100.0 * s.min, 100.0 * s.max);
                        }
                    }
                    for (size_t n = LMIN; n <= 4 * L; n++) {
                        double base = task == TASK_ORDER ? 50.0 : 100.0 * prev_baseline((enum mode)mode, n);
                        fprintf(fl, "%s\t%s\tbaseline\t%zu\t%zu\t%.2f\t0.00\t%.2f\t%.2f\n", mode_key[mode],
                                task_name[task], L, n, base, base, base);
                    }
                }
        fclose(f);
        fclose(fl);

        /* Where the most-attended key lies (prev), summed over the seeds. */
        f = open_out(out, "10-offsets.tsv");
        fprintf(f, "mode\tencoding\ttrain L\tlengths\tanswer\toffset\tcount\n");
        for (int mode = 0; mode < N_MODE; mode++)
            for (size_t e = 0; e < N_MAIN; e++)
                for (size_t li = 0; li < cf.n_L; li++)
                    for (int past = 0; past < 2; past++)
                        for (int wrong = 0; wrong < 2; wrong++)
                            for (size_t o = 0; o < NOFF; o++) {
                                uint64_t c = 0;
                                for (size_t k = 0; k < n_jobs; k++)
                                    if ((int)jobs[k].mode == mode && jobs[k].task == TASK_PREV &&
                                        jobs[k].enc == main_encs[e] && jobs[k].L == cf.Ls[li] &&
                                        !jobs[k].fixed)
                                        c += res[k].hist.off[past][wrong][o];
                                if (c > 0)
                                    fprintf(f, "%s\t%s\t%zu\t%s\t%s\t%d\t%llu\n", mode_key[mode],
                                            enc_key[main_encs[e]], cf.Ls[li], past ? "past L" : "up to L",
                                            wrong ? "wrong" : "right", (int)o - (MAXN - 1),
                                            (unsigned long long)c);
                            }
        fclose(f);

        /* Chapter 4's near-repeat for RoPE's two fastest pairs, offset by offset */
        f = open_out(out, "10-chord.tsv");
        fprintf(f, "offset k\tchord of the two fastest pairs\n");
        for (size_t k = 0; k < MAXN; k++)
            fprintf(f, "%zu\t%.4f\n", k, fast_chord(k));
        fclose(f);

        /* Learning curves, seed 0 */
        f = open_out(out, "10-curves.tsv");
        fprintf(f, "mode\ttask\tencoding\ttrain L\tstep\ttrain loss\taccuracy at L\n");
        for (size_t k = 0; k < n_jobs; k++)
            for (size_t q = 0; q < res[k].n_log; q++)
                fprintf(f, "%s\t%s\t%s\t%zu\t%.0f\t%.4f\t%.1f\n", mode_key[jobs[k].mode],
                        task_name[jobs[k].task], enc_key[jobs[k].enc], jobs[k].L, res[k].log_step[q],
                        res[k].log_loss[q], 100.0 * res[k].log_acc[q]);
        fclose(f);

        facts = open_out(out, "10-facts.tsv");
        fprintf(facts, "key\tvalue\n");
    }

    if (facts != NULL) {
        /* every cell of the tables: acc.MODE.TASK.ENC.L.nN (percent), sd., auc. */
        fact(facts, "seeds", "%.0f", (double)cf.seeds);
        fact(facts, "steps", "%.0f", (double)cf.steps);
        fact(facts, "batch", "%.0f", (double)cf.batch);
        fact(facts, "count.order", "%.0f", (double)cf.count_order);
        fact(facts, "count.prev", "%.0f", (double)cf.count_prev);
        fact(facts, "trainings", "%.0f", (double)n_jobs);
        for (int mode = 0; mode < N_MODE; mode++)
            for (int task = 0; task < N_TASK; task++)
                for (size_t r = 0; r < N_ROWS + 2; r++)
                    for (size_t li = 0; li < cf.n_L; li++) {
                        size_t L = cf.Ls[li];
                        struct row w = row_or_extension(r);
                        if (!trained(jobs, n_jobs, w.enc, L))
                            continue;
                        for (size_t n = LMIN; n <= 4 * L; n++) {
                            struct stats s = curve_at(jobs, res, n_jobs, mode, task, w, L, n, 0);
                            char k1[128];
                            snprintf(k1, sizeof k1, "%s.%s.%s.%zu.n%zu", mode_key[mode], task_name[task],
                                     w.key, L, n);
                            fprintf(facts, "%s\t%.1f\n", k1, 100.0 * s.mean);
                            if (n % L != 0)
                                continue;
                            fprintf(facts, "%s.sd\t%.1f\n", k1, 100.0 * s.sd);
                            fprintf(facts, "%s.min\t%.1f\n", k1, 100.0 * s.min);
                            fprintf(facts, "%s.max\t%.1f\n", k1, 100.0 * s.max);
                            if (task == TASK_ORDER) {
                                s = curve_at(jobs, res, n_jobs, mode, task, w, L, n, 1);
                                fprintf(facts, "%s.auc\t%.3f\n", k1, s.mean);
                            }
                        }
                        /* the last length up to which every mean is at least 99 % */
                        {
                            size_t last = 0;
                            for (size_t n = LMIN; n <= 4 * L; n++) {
                                struct stats s = curve_at(jobs, res, n_jobs, mode, task, w, L, n, 0);
                                if (!(s.mean >= 0.99))
                                    break;
                                last = n;
                            }
                            fprintf(facts, "%s.%s.%s.%zu.perfect\t%zu\n", mode_key[mode],
                                    task_name[task], w.key, L, last);
                        }
                        /* the first length at which the mean falls below 90 % */
                        for (size_t n = LMIN; n <= 4 * L; n++) {
                            struct stats s = curve_at(jobs, res, n_jobs, mode, task, w, L, n, 0);
                            if (s.mean < 0.9 || n == 4 * L) {
                                fprintf(facts, "%s.%s.%s.%zu.below90\t", mode_key[mode],
                                        task_name[task], w.key, L);
                                if (s.mean < 0.9)
                                    fprintf(facts, "%zu\n", n);
                                else
                                    fprintf(facts, "none up to %zu\n", 4 * L);
                                break;
                            }
                        }
                    }
        /* prev baselines */
        for (int mode = 0; mode < N_MODE; mode++)
            for (size_t n = LMIN; n <= MAXN; n++) {
                char k1[64];
                snprintf(k1, sizeof k1, "baseline.%s.n%zu", mode_key[mode], n);
                fact(facts, k1, "%.1f", 100.0 * prev_baseline((enum mode)mode, n));
            }
        for (size_t n = LMIN; n <= MAXN; n++) {
            char k1[64];
            snprintf(k1, sizeof k1, "mirror.n%zu", n);
            fact(facts, k1, "%.1f", 100.0 * mirror_cap(n));
        }
        fact(facts, "mirror.inner", "%.2f", 100.0 * (1.0 / VOCAB + (1.0 - 1.0 / VOCAB) / 2.0));
        /* RoPE's near-repeat of its two fastest pairs, and the cliff it predicts */
        {
            size_t kbest = 2;
            for (size_t k = 2; k < MAXN; k++)
                if (fast_chord(k) < fast_chord(kbest))
                    kbest = k;
            fact(facts, "rope.k", "%.0f", (double)kbest);
            fact(facts, "rope.k.chord", "%.3f", fast_chord(kbest));
            fact(facts, "rope.k1.chord", "%.3f", fast_chord(1));
            fact(facts, "rope.k.turns0", "%.3f", (double)kbest / (2.0 * PI_VALUE));
            fact(facts, "rope.k.turns1", "%.3f", (double)kbest * pow(BASE, -2.0 / D) / (2.0 * PI_VALUE));
            fact(facts, "rope.cliff.bidir", "%.0f", (double)kbest + 1.0);
            fact(facts, "rope.cliff.causal", "%.0f", (double)kbest + 2.0);
        }
        /* the histograms, summarised: share of answers whose most-attended key
           is at offset -1 (right key), and for wrong answers past L, the most
           common offset and its share; at an end of the visible keys */
        for (int mode = 0; mode < N_MODE; mode++)
            for (size_t e = 0; e < N_MAIN; e++)
                for (size_t li = 0; li < cf.n_L; li++)
                    for (int past = 0; past < 2; past++)
                        for (int wrong = 0; wrong < 2; wrong++) {
                            uint64_t c[NOFF] = { 0 }, total = 0, ends = 0;
                            size_t mode_o = 0;
                            char k1[128];
                            if (!trained(jobs, n_jobs, main_encs[e], cf.Ls[li]))
                                continue;
                            for (size_t k = 0; k < n_jobs; k++)
                                if ((int)jobs[k].mode == mode && jobs[k].task == TASK_PREV &&
                                    jobs[k].enc == main_encs[e] && jobs[k].L == cf.Ls[li] && !jobs[k].fixed) {
                                    for (size_t o = 0; o < NOFF; o++)
                                        c[o] += res[k].hist.off[past][wrong][o];
                                    ends += res[k].hist.ends[past][wrong];
                                }
                            for (size_t o = 0; o < NOFF; o++) {
                                total += c[o];
                                if (c[o] > c[mode_o])
                                    mode_o = o;
                            }
                            snprintf(k1, sizeof k1, "att.%s.%s.%zu.%s.%s", mode_key[mode],
                                     enc_key[main_encs[e]], cf.Ls[li], past ? "past" : "in",
                                     wrong ? "wrong" : "right");
                            fprintf(facts, "%s.count\t%llu\n", k1, (unsigned long long)total);
                            if (total == 0)
                                continue;
                            fprintf(facts, "%s.prev\t%.1f\n", k1,
                                    100.0 * (double)c[MAXN - 2] / (double)total);
                            fprintf(facts, "%s.self\t%.1f\n", k1,
                                    100.0 * (double)c[MAXN - 1] / (double)total);
                            fprintf(facts, "%s.ends\t%.1f\n", k1, 100.0 * (double)ends / (double)total);
                            fprintf(facts, "%s.mode\t%d\n", k1, (int)mode_o - (MAXN - 1));
                            fprintf(facts, "%s.mode.share\t%.1f\n", k1,
                                    100.0 * (double)c[mode_o] / (double)total);
                            fprintf(facts, "%s.k19\t%.1f\n", k1,   /* 19 from the right key, either side */
                                    100.0 * (double)(c[MAXN - 2 - 19] + c[MAXN - 2 + 19]) / (double)total);
                        }
        /* unit at one fixed length */
        for (int mode = 0; mode < N_MODE; mode++) {
            double v[NSEED_MAX];
            size_t count = gather(jobs, res, n_jobs, (enum mode)mode, TASK_PREV, ENC_UNIT, cf.Ls[0], 1,
                                  VAR_PLAIN, cf.Ls[0], 0, v);
            struct stats s = stats_of(v, count);
            char k1[64];
            snprintf(k1, sizeof k1, "unitfixed.%s.%zu", mode_key[mode], cf.Ls[0]);
            fact(facts, k1, "%.1f", 100.0 * s.mean);
            snprintf(k1, sizeof k1, "unitfixed.%s.%zu.sd", mode_key[mode], cf.Ls[0]);
            fact(facts, k1, "%.1f", 100.0 * s.sd);
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        fclose(facts);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    snprintf(path, sizeof path, "%s/%s", out, quick ? "10-quick.tsv" : "10-results.tsv");
    printf("experiment: wrote %s%s in %.1f s (wall clock)\n", path, quick ? "" : " and the other 10-*.tsv",
           (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec));
    free(jobs);
    free(res);
    if (check_file != NULL) {
        if (!same_file(path, check_file)) {
            printf("experiment: %s differs from %s: the run is not reproducible, or the model "
                   "changed (then rerun make experiment and commit the new files)\n", path, check_file);
            return 1;
        }
        printf("experiment: reproduces %s exactly\n", check_file);
    }
    return 0;
}
