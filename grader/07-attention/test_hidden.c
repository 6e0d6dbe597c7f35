/*
 * test_hidden.c — chapter 7's hidden tests: golden values, edge cases
 * (masked rows, huge scores, a single key or token, bad arguments), and the
 * known mistakes, each recognised with its own hint.
 *
 * Golden values come from bc in 60-digit arithmetic (tests/golden/07-attention.bc).
 * The mistake models below compute what each known mistake produces, so a
 * wrong table can be named (kit_expect_table matches a model within 1e-9).
 * Tolerance 1e-12 absolute, as in the public tests: all checked values are
 * in [-2, 2] and come from short sums of exact-ish double operations
 * (~1e-16 each); every mistake moves some value by more than 1e-3.
 * Golden values, models and value checks exist only in the judge's build
 * (KIT_JUDGE, see kit_test.h): the subject, which holds the student's code,
 * has no answer in its memory.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "kit_test.h"
#include "07-attention.h"
#include "../../exercises/07-attention/test_data.h"

#define TOL 1e-12

static const double S_3x4[12] = { 1, 2, 3, 4,
                                  0.5, -1, 2, 0,
                                  -3, 0, 0, 1.5 };

#ifdef KIT_JUDGE
static const double golden_softmax_huge[6] = {
    0.6652409557748219, 0.24472847105479764, 0.090030573170380462, 0.6652409557748219,
    0.24472847105479764, 0.090030573170380462
};

static const double golden_attend_huge_out[4] = {
    0.75527152894520233, 0.3347590442251781, 0.75527152894520233, 0.90996942682961957
};

/* ---- what each known mistake computes ---------------------------------- */
enum score_mistake { SCORES_RIGHT, NO_SCALE, SCALE_BY_D_K, K_NOT_TRANSPOSED };
enum softmax_mistake { SOFTMAX_RIGHT, COLUMNS, NOT_NORMALISED };

/* S = Q K^T / sqrt(d_k), or what a mistake computes instead. */
static double *model_scores(const double *Q, const double *K, size_t n, size_t m, size_t d_k,
                            enum score_mistake mk)
{
    double *S = kit_doubles(n * m);
    for (size_t r = 0; r < n; r++) {
        for (size_t c = 0; c < m; c++) {
            double dot = 0.0;
            for (size_t t = 0; t < d_k; t++)   /* K^T wrongly read as K stored (d_k, m) */
                dot += Q[r * d_k + t] * (mk == K_NOT_TRANSPOSED ? K[t * m + c] : K[c * d_k + t]);
            S[r * m + c] = mk == NO_SCALE ? dot
                         : mk == SCALE_BY_D_K ? dot / (double)d_k
                         : dot / sqrt((double)d_k);
        }
    }
    return S;
}

/* Row-wise softmax of the n x m table S (no NaN, no +inf; a line of -inf
   only is uniform), or a mistake's version: over columns instead of rows,
   or exp(s - max) left unnormalised. */
static double *model_softmax(const double *S, size_t n, size_t m, enum softmax_mistake mk)
{
    double *P = kit_doubles(n * m);
    size_t lines = mk == COLUMNS ? m : n, count = mk == COLUMNS ? n : m;
    for (size_t a = 0; a < lines; a++) {
        double mx = -INFINITY, sum = 0.0;
        for (size_t b = 0; b < count; b++) {
            size_t k = mk == COLUMNS ? b * m + a : a * m + b;
            mx = fmax(mx, S[k]);
        }
        if (mx == -INFINITY) {                       /* every key masked: uniform */
            for (size_t b = 0; b < count; b++)
                P[mk == COLUMNS ? b * m + a : a * m + b] = 1.0 / (double)count;
            continue;
        }
        for (size_t b = 0; b < count; b++) {
            size_t k = mk == COLUMNS ? b * m + a : a * m + b;
            P[k] = exp(S[k] - mx);
            sum += P[k];
        }
        for (size_t b = 0; b < count && mk != NOT_NORMALISED; b++)
            P[mk == COLUMNS ? b * m + a : a * m + b] /= sum;
    }
    return P;
}

/* Y = A V for an n x m table A. */
static double *model_output(const double *A, const double *V, size_t n, size_t m, size_t d_v)
{
    double *Y = kit_doubles(n * d_v);
    for (size_t r = 0; r < n; r++)
        for (size_t j = 0; j < d_v; j++) {
            double y = 0.0;
            for (size_t c = 0; c < m; c++)
                y += A[r * m + c] * V[c * d_v + j];
            Y[r * d_v + j] = y;
        }
    return Y;
}

/* ---- four softmax shortcuts, modelled (NaN where they make one) ----------
 * NO_MAX: exp(s) / sum exp(s); MAX_FROM_0: the row maximum starts at 0, not at
 * -INFINITY; NO_MASK_RULE: the maximum subtracted, but no uniform rule for a
 * row of -INFINITY; GLOBAL_MAX: the maximum of the whole table subtracted
 * from every row. A hint names a shortcut only when its model gives every
 * value, NaN for NaN, and no other model does. */
enum softmax_way { WAY_NO_MAX, WAY_MAX_FROM_0, WAY_NO_MASK_RULE, WAY_GLOBAL_MAX, WAYS };

static double *softmax_way(const double *S, size_t n, size_t m, enum softmax_way w)
{
    double *P = kit_doubles(n * m), global = -INFINITY;
    for (size_t k = 0; k < n * m; k++)
        global = fmax(global, S[k]);
    for (size_t r = 0; r < n; r++) {
        double mx = w == WAY_MAX_FROM_0 ? 0.0 : -INFINITY, sum = 0.0;
        for (size_t c = 0; c < m && w != WAY_NO_MAX; c++)
            mx = fmax(mx, S[r * m + c]);
        if (w == WAY_GLOBAL_MAX)
            mx = global;
        if (w == WAY_NO_MAX)
            mx = 0.0;
        if (mx == -INFINITY && w != WAY_NO_MASK_RULE) {
            for (size_t c = 0; c < m; c++)
                P[r * m + c] = 1.0 / (double)m;
            continue;
        }
        for (size_t c = 0; c < m; c++)
            sum += (P[r * m + c] = exp(S[r * m + c] - mx));
        for (size_t c = 0; c < m; c++)
            P[r * m + c] /= sum;
    }
    return P;
}

static int same_values(const double *a, const double *b, size_t count)
{
    for (size_t k = 0; k < count; k++)
        if (!(isnan(a[k]) && isnan(b[k])) && !(fabs(a[k] - b[k]) <= 1e-9))
            return 0;
    return 1;
}

/* Hints for the shortcuts whose model gives got: the weights P of scores S
   (V NULL), or the outputs P V (V of m rows, d_v columns). */
static void softmax_shortcut_hints(const double *got, const double *S, size_t n, size_t m,
                                   const double *V, size_t d_v)
{
    static const char *const id[WAYS] = { "no-max-subtraction", "max-starts-at-0", "all-masked-row",
                                          "global-max" };
    static const char *const hint[WAYS] = {
        "your weights are exp(s) / sum exp(s), the row maximum not subtracted: exp(1000) is "
        "+inf and exp(-1000) is 0 in double, so inf/inf or 0/0 gives NaN. softmax(s) = "
        "softmax(s - max s): subtract the maximum first, and every exp is in [0, 1].",
        "your row maximum starts at 0 instead of -INFINITY (or the first score): in a row whose "
        "scores are all far below 0 the 'maximum' stays 0, every exp(s - 0) underflows to 0, "
        "and 0/0 is NaN.",
        "a row whose scores are all -INFINITY has maximum -INFINITY, and -INFINITY - "
        "(-INFINITY) is NaN. The contract gives that row the uniform weights 1/m: test for it "
        "before subtracting the maximum.",
        "you subtracted the maximum of the whole table from every row, not each row's own "
        "maximum: a row whose scores are all far below the table's maximum underflows to "
        "0/0 = NaN. softmax works row by row: take the maximum of row r for row r.",
    };
    int fits[WAYS], n_fits = 0;
    for (int w = 0; w < WAYS; w++) {
        double *P = softmax_way(S, n, m, (enum softmax_way)w);
        fits[w] = same_values(got, V ? model_output(P, V, n, m, d_v) : P, n * (V ? d_v : m));
        n_fits += fits[w];
    }
    /* Two models that give the same values (rows of -INFINITY or -1e308:
       no maximum and a maximum from 0 both make 0/0 there): this test cannot
       tell which mistake it is, so it names none; the tests whose inputs
       separate them (softmax_overflow, attend_huge_scores) do. */
    for (int w = 0; w < WAYS && n_fits == 1; w++)
        if (fits[w])
            kit_hint(id[w], "%s", hint[w]);
}

/* The gap of attn_perm_gap as causal attention computes it: every key after
   the query masked (a decoder's mask, which attn_perm_gap's contract does not
   have). Self-attention Q = K = V = Z, scores / sqrt(d). */
static void causal_self_attention(const double *Z, size_t n, size_t d, double *Y)
{
    double *S = kit_doubles(n * n), *A;
    for (size_t r = 0; r < n; r++)
        for (size_t c = 0; c < n; c++) {
            double dot = 0.0;
            for (size_t t = 0; t < d; t++)
                dot += Z[r * d + t] * Z[c * d + t];
            S[r * n + c] = c > r ? -INFINITY : dot / sqrt((double)d);
        }
    A = model_softmax(S, n, n, SOFTMAX_RIGHT);
    for (size_t r = 0; r < n; r++)
        for (size_t j = 0; j < d; j++) {
            double y = 0.0;
            for (size_t c = 0; c < n; c++)
                y += A[r * n + c] * Z[c * d + j];
            Y[r * d + j] = y;
        }
}

static double causal_perm_gap(const double *X, const size_t *perm, size_t n, size_t d,
                              int with_pe, double base)
{
    double *Za = kit_doubles(n * d), *Zb = kit_doubles(n * d), *Ya = kit_doubles(n * d);
    double *Yb = kit_doubles(n * d), gap = 0.0;
    for (size_t pos = 0; pos < n; pos++)
        for (size_t j = 0; j < d; j++) {
            double angle = (double)pos * pow(base, -2.0 * (double)(j / 2) / (double)d);
            double p = with_pe ? (j % 2 == 0 ? sin(angle) : cos(angle)) : 0.0;
            Za[pos * d + j] = X[pos * d + j] + p;
            Zb[pos * d + j] = X[perm[pos] * d + j] + p;
        }
    causal_self_attention(Za, n, d, Ya);
    causal_self_attention(Zb, n, d, Yb);
    for (size_t pos = 0; pos < n; pos++)
        for (size_t j = 0; j < d; j++)
            gap = fmax(gap, fabs(Yb[pos * d + j] - Ya[perm[pos] * d + j]));
    return gap;
}

static double model_perm_gap(const double *X, const size_t *perm, size_t n, size_t d, int with_pe,
                             double base);

static const char *const HINT_CAUSAL =
    "your gap is exactly that of causal attention (each query sees only the keys at or before "
    "it, as in a decoder): a causal mask makes attention depend on the order by itself. "
    "attn_perm_gap's f has no mask: every query attends to every key.";

static const char *const HINT_NO_SCALE =
    "your scores are sqrt(d_k) times too large: divide q . k by sqrt(d_k) (the 'scaled' of "
    "scaled dot-product attention).";
static const char *const HINT_SCALE_BY_D_K =
    "you divided by d_k; the paper divides q . k by sqrt(d_k), which keeps the scores' "
    "spread near 1 when q and k have unit-variance entries.";
static const char *const HINT_K_NOT_TRANSPOSED =
    "you read K as if it were already transposed (K[t*m + c]): row c of K is key c, so "
    "the score of query r and key c is sum_t Q[r*d_k + t] * K[c*d_k + t].";
static const char *const HINT_COLUMNS =
    "you normalised each column (over the queries); the softmax runs over each row, i.e. "
    "over the keys of one query, so that every row of weights sums to 1.";
static const char *const HINT_NOT_NORMALISED =
    "your weights do not sum to 1: after exp, divide every entry of the row by the row's sum.";
#endif /* KIT_JUDGE */

/* ---- scores ---------------------------------------------------------------- */
static void scores_mistakes(void **state)
{
    double *S = kit_doubles(2 * 4);
    (void)state;
    kit_expect_status("attn_scores(Q, K, 2, 4, 3, S)", attn_scores(Q_2x3, K_4x3, 2, 4, 3, S), KIT_OK);
#ifdef KIT_JUDGE
    {
        struct kit_mistake m[3] = {
            { "missing-scale", HINT_NO_SCALE, model_scores(Q_2x3, K_4x3, 2, 4, 3, NO_SCALE) },
            { "scale-by-d_k", HINT_SCALE_BY_D_K, model_scores(Q_2x3, K_4x3, 2, 4, 3, SCALE_BY_D_K) },
            { "k-not-transposed", HINT_K_NOT_TRANSPOSED,
              model_scores(Q_2x3, K_4x3, 2, 4, 3, K_NOT_TRANSPOSED) },
        };
        kit_expect_table("S", "r,c", S, golden_scores_2x4, 2, 4, TOL, m, 3);
    }
#endif
}

static void scores_larger(void **state)
{
    /* Random Q (6 x 8), K (5 x 8): the scores must equal the dot products
       divided by sqrt(8); here the expected values are the right model. */
    size_t n = 6, m = 5, d_k = 8;
    double *Q = kit_doubles(n * d_k), *K = kit_doubles(m * d_k), *S = kit_doubles(n * m);
    (void)state;
    kit_fill(Q, n * d_k, 21, -1.0, 1.0);
    kit_fill(K, m * d_k, 22, -1.0, 1.0);
    kit_expect_status("attn_scores(Q, K, 6, 5, 8, S)", attn_scores(Q, K, n, m, d_k, S), KIT_OK);
#ifdef KIT_JUDGE
    {
        double *want = model_scores(Q, K, n, m, d_k, SCORES_RIGHT);
        struct kit_mistake mk[3] = {
            { "missing-scale", HINT_NO_SCALE, model_scores(Q, K, n, m, d_k, NO_SCALE) },
            { "scale-by-d_k", HINT_SCALE_BY_D_K, model_scores(Q, K, n, m, d_k, SCALE_BY_D_K) },
            { "k-not-transposed", HINT_K_NOT_TRANSPOSED, model_scores(Q, K, n, m, d_k, K_NOT_TRANSPOSED) },
        };
        kit_expect_table("S", "r,c", S, want, n, m, TOL, mk, 3);
    }
#endif
}

static void scores_bad_arguments(void **state)
{
    double Q[6] = { 1, 0, 1, 0.5, -1, 2 };
    double K[12] = { 1, 1, 0, 0, 1, 1, 1, 0, -1, -0.5, 2, 0.5 };
    double *S = kit_doubles(8);
    (void)state;
    kit_expect_status("attn_scores(Q, NULL, ...)", attn_scores(Q, NULL, 2, 4, 3, S), KIT_ERR_NULL);
    kit_expect_status("attn_scores(NULL, K, 2, ...)", attn_scores(NULL, K, 2, 4, 3, S), KIT_ERR_NULL);
    kit_expect_status("attn_scores(Q, K, 2, 4, 3, NULL)", attn_scores(Q, K, 2, 4, 3, NULL), KIT_ERR_NULL);
    kit_expect_status("attn_scores with m = 0", attn_scores(Q, K, 2, 0, 3, S), KIT_ERR_SIZE);
    kit_expect_status("attn_scores with d_k = 0", attn_scores(Q, K, 2, 4, 0, S), KIT_ERR_SIZE);
    kit_expect_status("attn_scores with n = SIZE_MAX / 4", attn_scores(Q, K, SIZE_MAX / 4, 4, 3, S),
                      KIT_ERR_SIZE);
    Q[4] = NAN;
    kit_expect_status("attn_scores with a NaN in Q", attn_scores(Q, K, 2, 4, 3, S), KIT_ERR_DOMAIN);
    Q[4] = -1.0;
    K[11] = -INFINITY;
    kit_expect_status("attn_scores with -inf in K", attn_scores(Q, K, 2, 4, 3, S), KIT_ERR_DOMAIN);
    K[11] = 1e101;
    kit_expect_status("attn_scores with 1e101 in K", attn_scores(Q, K, 2, 4, 3, S), KIT_ERR_DOMAIN);
    kit_expect_untouched("S", S);
    K[11] = 0.5;
    kit_expect_status("attn_scores(NULL, K, 0, 4, 3, NULL)", attn_scores(NULL, K, 0, 4, 3, NULL), KIT_OK);
    /* n == 0 is checked last (the header's examples): the other arguments first */
    kit_expect_status("attn_scores(NULL, K, 0, 0, 3, NULL) (n == 0 is checked last: m == 0)",
                      attn_scores(NULL, K, 0, 0, 3, NULL), KIT_ERR_SIZE);
    kit_expect_status("attn_scores(NULL, NULL, 0, 1, 1, NULL) (K is needed whatever n is)",
                      attn_scores(NULL, NULL, 0, 1, 1, NULL), KIT_ERR_NULL);
}

/* ---- softmax --------------------------------------------------------------- */
static void softmax_mistakes(void **state)
{
    double *P = kit_doubles(3 * 4);
    (void)state;
    kit_expect_status("attn_softmax(S, 3, 4, P)", attn_softmax(S_3x4, 3, 4, P), KIT_OK);
#ifdef KIT_JUDGE
    {
        struct kit_mistake m[2] = {
            { "wrong-axis", HINT_COLUMNS, model_softmax(S_3x4, 3, 4, COLUMNS) },
            { "not-normalised", HINT_NOT_NORMALISED, model_softmax(S_3x4, 3, 4, NOT_NORMALISED) },
        };
        kit_expect_table("P", "r,c", P, golden_softmax_3x4, 3, 4, TOL, m, 2);
    }
#endif
}

static void softmax_overflow(void **state)
{
    /* exp(1000) overflows a double (max ~1.8e308 = exp(709.8)) and exp(-1000)
       underflows to 0; the softmax itself is harmless: (0.665, 0.245, 0.090). */
    const double S[6] = { 1000, 999, 998,
                          -1000, -1001, -1002 };
    double *P = kit_doubles(2 * 3);
    (void)state;
    kit_expect_status("attn_softmax on scores +-1000", attn_softmax(S, 2, 3, P), KIT_OK);
#ifdef KIT_JUDGE
    softmax_shortcut_hints(P, S, 2, 3, NULL, 0);
#endif
    kit_expect_table("P", "r,c", P, golden_softmax_huge, 2, 3, TOL, NULL, 0);
}

/* Each row its own maximum: row 0 all far below 0 (a maximum started at 0
   underflows to 0/0 there), row 1 at +1000 (the table's maximum), row 2
   near 0 and row 3 with a negative maximum and a far-below entry (the
   table's maximum subtracted from them underflows to 0/0). The weights are
   those of each row shifted by its own maximum. */
static void softmax_row_maxima(void **state)
{
    const double S[12] = { -1000, -1001, -1002,
                           1000, 999, 998,
                           0.5, -1, -2,
                           -3, -2, -800 };
    double *P = kit_doubles(4 * 3);
    (void)state;
    kit_expect_status("attn_softmax(S, 4, 3, P), rows at -1000, +1000, 0 and -2",
                      attn_softmax(S, 4, 3, P), KIT_OK);
#ifdef KIT_JUDGE
    softmax_shortcut_hints(P, S, 4, 3, NULL, 0);
    kit_expect_table("P", "r,c", P, model_softmax(S, 4, 3, SOFTMAX_RIGHT), 4, 3, TOL, NULL, 0);
#endif
}

/* Every error the contracts list, each with every argument that can
   trigger it (each pointer, size, product, bad value), and the allowed edge
   of ATTN_MAX_ABS (an entry of exactly +-1e100 is accepted). Nothing
   written on an error. */
static void attn_scores_every_error(void **state)
{
    static const double Q[4] = { 1, -0.5, 0.25, 2 }, K[4] = { 0.5, 1, -1, 0.75 };
    static const double Kedge[4] = { 1e100, 0, 0, -1e100 }, Kbig[4] = { 0.5, 1, -1, 2e100 };
    double *S = kit_doubles(4);
    double *ok = kit_doubles(4);
    const size_t big = SIZE_MAX / 4;
    (void)state;
    kit_expect_status("attn_scores(Q, K = {1e100, 0, 0, -1e100}, 2, 2, 2, S) (|entries| <= 1e100 are allowed)",
                      attn_scores(Q, Kedge, 2, 2, 2, ok), KIT_OK);
    kit_expect_status("attn_scores(Q, K, 2, 2, SIZE_MAX / 4, S) (n d_k overflows)",
                      attn_scores(Q, K, 2, 2, big, S), KIT_ERR_SIZE);
    kit_expect_status("attn_scores(Q, K, 0, SIZE_MAX / 4, 2, NULL) (m d_k overflows; n == 0 is checked last)",
                      attn_scores(Q, K, 0, big, 2, NULL), KIT_ERR_SIZE);
    kit_expect_status("attn_scores(Q, K with 2e100, 2, 2, 2, S)", attn_scores(Q, Kbig, 2, 2, 2, S),
                      KIT_ERR_DOMAIN);
    kit_expect_untouched("S", S);
}

static void attn_softmax_every_error(void **state)
{
    static const double Slast[4] = { 0, 1, 2, NAN };
    double *P = kit_doubles(4);
    (void)state;
    kit_expect_status("attn_softmax(S with a NaN last, 2, 2, P)", attn_softmax(Slast, 2, 2, P), KIT_ERR_DOMAIN);
    kit_expect_status("attn_softmax(NULL, 2, 2, P)", attn_softmax(NULL, 2, 2, P), KIT_ERR_NULL);
    kit_expect_untouched("P", P);
}

static void attn_attend_every_error(void **state)
{
    static const double Q[4] = { 1, -0.5, 0.25, 2 }, K[4] = { 0.5, 1, -1, 0.75 }, V[4] = { 1, 2, 3, 4 };
    static const double Vminf[4] = { 1, 2, 3, -INFINITY }, Kinf[4] = { 0.5, INFINITY, -1, 0.75 };
    double *A = kit_doubles(4), *Y = kit_doubles(4);
    const size_t big = SIZE_MAX / 4;
    (void)state;
    kit_expect_status("attn_attend(NULL, K, V, 2, 2, 2, 2, A, Y)", attn_attend(NULL, K, V, 2, 2, 2, 2, A, Y),
                      KIT_ERR_NULL);
    kit_expect_status("attn_attend(Q, NULL, V, 2, 2, 2, 2, A, Y)", attn_attend(Q, NULL, V, 2, 2, 2, 2, A, Y),
                      KIT_ERR_NULL);
    kit_expect_status("attn_attend(Q, K, V, 2, 2, 2, 2, A, NULL)", attn_attend(Q, K, V, 2, 2, 2, 2, A, NULL),
                      KIT_ERR_NULL);
    kit_expect_status("attn_attend(Q, K, V, 2, 2, 0, 2, A, Y)", attn_attend(Q, K, V, 2, 2, 0, 2, A, Y),
                      KIT_ERR_SIZE);
    kit_expect_status("attn_attend(Q, K, V, 2, 2, 2, SIZE_MAX / 4, A, Y) (n d_v overflows)",
                      attn_attend(Q, K, V, 2, 2, 2, big, A, Y), KIT_ERR_SIZE);
    kit_expect_status("attn_attend(Q, K, V, 2, 2, SIZE_MAX / 4, 2, A, Y) (n d_k overflows)",
                      attn_attend(Q, K, V, 2, 2, big, 2, A, Y), KIT_ERR_SIZE);
    kit_expect_status("attn_attend(Q, K with +inf, V, 2, 2, 2, 2, A, Y)", attn_attend(Q, Kinf, V, 2, 2, 2, 2, A, Y),
                      KIT_ERR_DOMAIN);
    kit_expect_status("attn_attend(Q, K, V with -inf last, 2, 2, 2, 2, A, Y)",
                      attn_attend(Q, K, Vminf, 2, 2, 2, 2, A, Y), KIT_ERR_DOMAIN);
    kit_expect_untouched("A", A);
    kit_expect_untouched("Y", Y);
}

static void attn_perm_gap_every_error(void **state)
{
    static const double Q[4] = { 1, -0.5, 0.25, 2 };
    static const double X[4] = { 1, -1, 0.5, 2e100 };
    static const size_t perm[2] = { 1, 0 };
    double *gap = kit_doubles(1);
    const size_t big = SIZE_MAX / 4;
    (void)state;
    kit_expect_status("attn_perm_gap(NULL, perm, 2, 2, 1, 10000, gap)",
                      attn_perm_gap(NULL, perm, 2, 2, 1, 10000.0, gap), KIT_ERR_NULL);
    kit_expect_status("attn_perm_gap(X, NULL, 2, 2, 1, 10000, gap)",
                      attn_perm_gap(Q, NULL, 2, 2, 1, 10000.0, gap), KIT_ERR_NULL);
    kit_expect_status("attn_perm_gap(X, perm, 2, SIZE_MAX / 4, 1, 10000, gap) (n d overflows)",
                      attn_perm_gap(Q, perm, 2, big, 1, 10000.0, gap), KIT_ERR_SIZE);
    kit_expect_status("attn_perm_gap(X with 2e100, perm, 2, 2, 0, 10000, gap)",
                      attn_perm_gap(X, perm, 2, 2, 0, 10000.0, gap), KIT_ERR_DOMAIN);
    kit_expect_status("attn_perm_gap(X, perm, 2, 2, 1, +inf, gap)",
                      attn_perm_gap(Q, perm, 2, 2, 1, INFINITY, gap), KIT_ERR_DOMAIN);
    kit_expect_untouched("gap", gap);
}

static void softmax_masked_rows(void **state)
{
    /* Row 0: every key masked (-inf): uniform, by the contract. Row 1: every
       score -1e308, finite and equal: uniform. Row 2: two keys masked: they
       get exactly 0, the two others share equally. */
    const double S[12] = { -INFINITY, -INFINITY, -INFINITY, -INFINITY,
                           -1e308, -1e308, -1e308, -1e308,
                           -INFINITY, 1.0, -INFINITY, 1.0 };
    double *P = kit_doubles(3 * 4);
    (void)state;
    kit_expect_status("attn_softmax on masked rows", attn_softmax(S, 3, 4, P), KIT_OK);
#ifdef KIT_JUDGE
    const double want[12] = { 0.25, 0.25, 0.25, 0.25,
                              0.25, 0.25, 0.25, 0.25,
                              0.0, 0.5, 0.0, 0.5 };
    softmax_shortcut_hints(P, S, 3, 4, NULL, 0);
    kit_expect_table("P", "r,c", P, want, 3, 4, TOL, NULL, 0);
    kit_expect_true(P[8] == 0.0 && P[10] == 0.0,
                    "a masked key (-INFINITY) must get weight exactly 0, got %.17g and %.17g",
                    P[8], P[10]);
#endif
}

static void softmax_one_column(void **state)
{
    /* m = 1: every row is the single weight 1, whatever its score. */
    const double S[4] = { -3.5, 0.0, 1e300, -INFINITY };
    double *P = kit_doubles(4);
    (void)state;
    kit_expect_status("attn_softmax(S, 4, 1, P)", attn_softmax(S, 4, 1, P), KIT_OK);
#ifdef KIT_JUDGE
    {
        const double want[4] = { 1, 1, 1, 1 };
        kit_expect_table("P", "r,c", P, want, 4, 1, TOL, NULL, 0);
    }
#endif
}

static void softmax_more_bad_arguments(void **state)
{
    const double S[4] = { 0, 1, INFINITY, 2 };
    double *P = kit_doubles(4);
    (void)state;
    kit_expect_status("attn_softmax with a +INFINITY score", attn_softmax(S, 2, 2, P), KIT_ERR_DOMAIN);
    kit_expect_status("attn_softmax(S, 2, 2, NULL)", attn_softmax(S, 2, 2, NULL), KIT_ERR_NULL);
    kit_expect_status("attn_softmax with n = SIZE_MAX / 4, m = 8",
                      attn_softmax(S, SIZE_MAX / 4, 8, P), KIT_ERR_SIZE);
    kit_expect_untouched("P", P);
    kit_expect_status("attn_softmax(NULL, 0, 3, NULL)", attn_softmax(NULL, 0, 3, NULL), KIT_OK);
    kit_expect_status("attn_softmax(NULL, 0, 0, NULL) (n == 0 is checked last: m == 0)",
                      attn_softmax(NULL, 0, 0, NULL), KIT_ERR_SIZE);
}

/* ---- attention ------------------------------------------------------------- */
static void attend_mistakes(void **state)
{
    double *A = kit_doubles(2 * 4), *Y = kit_doubles(2 * 2);
    (void)state;
    kit_expect_status("attn_attend", attn_attend(Q_2x3, K_4x3, V_4x2, 2, 4, 3, 2, A, Y), KIT_OK);
#ifdef KIT_JUDGE
    double *S = model_scores(Q_2x3, K_4x3, 2, 4, 3, SCORES_RIGHT);
    double *A_no_scale = model_softmax(model_scores(Q_2x3, K_4x3, 2, 4, 3, NO_SCALE), 2, 4, SOFTMAX_RIGHT);
    double *A_k = model_softmax(model_scores(Q_2x3, K_4x3, 2, 4, 3, K_NOT_TRANSPOSED), 2, 4,
                                SOFTMAX_RIGHT);
    double *A_cols = model_softmax(S, 2, 4, COLUMNS), *A_raw = model_softmax(S, 2, 4, NOT_NORMALISED);
    double *S_causal = kit_copy_doubles(S, 2 * 4), *A_causal;
    for (size_t r = 0; r < 2; r++)          /* a decoder's mask: keys after the query out */
        for (size_t c = r + 1; c < 4; c++)
            S_causal[r * 4 + c] = -INFINITY;
    A_causal = model_softmax(S_causal, 2, 4, SOFTMAX_RIGHT);
    static const char *const hint_causal = "your weights are those of causal attention: query r "
        "sees only keys 0 .. r (a decoder's mask). attn_attend has no mask: every query attends "
        "to all m keys.";
    struct kit_mistake mA[5] = {
        { "missing-scale", HINT_NO_SCALE, A_no_scale },
        { "k-not-transposed", HINT_K_NOT_TRANSPOSED, A_k },
        { "wrong-axis", HINT_COLUMNS, A_cols },
        { "not-normalised", HINT_NOT_NORMALISED, A_raw },
        { "causal-mask", hint_causal, A_causal },
    };
    struct kit_mistake mY[5] = {
        { "missing-scale", HINT_NO_SCALE, model_output(A_no_scale, V_4x2, 2, 4, 2) },
        { "k-not-transposed", HINT_K_NOT_TRANSPOSED, model_output(A_k, V_4x2, 2, 4, 2) },
        { "wrong-axis", HINT_COLUMNS, model_output(A_cols, V_4x2, 2, 4, 2) },
        { "not-normalised", HINT_NOT_NORMALISED, model_output(A_raw, V_4x2, 2, 4, 2) },
        { "causal-mask", hint_causal, model_output(A_causal, V_4x2, 2, 4, 2) },
    };
    kit_expect_table("A", "r,c", A, golden_attend_weights_2x4, 2, 4, TOL, mA, 5);
    kit_expect_table("Y", "r,j", Y, golden_attend_out_2x2, 2, 2, TOL, mY, 5);
#endif
}

static void attend_huge_scores(void **state)
{
    /* d_k = 1, Q = (1, -1), K = (1000, 999, 998): scores +-1000, which
       overflow a softmax that does not subtract the maximum. */
    const double Q[2] = { 1, -1 }, K[3] = { 1000, 999, 998 };
    const double V[6] = { 1, 0,
                          0, 1,
                          1, 1 };
    double *A = kit_doubles(2 * 3), *Y = kit_doubles(2 * 2);
    (void)state;
    kit_expect_status("attn_attend with scores +-1000", attn_attend(Q, K, V, 2, 3, 1, 2, A, Y), KIT_OK);
#ifdef KIT_JUDGE
    {
        const double S[6] = { 1000, 999, 998, -1000, -999, -998 };   /* Q K^T / sqrt(1) */
        softmax_shortcut_hints(Y, S, 2, 3, V, 2);
    }
#endif
    kit_expect_table("Y", "r,j", Y, golden_attend_huge_out, 2, 2, TOL, NULL, 0);
}

static void attend_single_key(void **state)
{
    /* m = 1: every query puts weight 1 on the only key; every output row is V. */
    size_t n = 3, d_k = 4, d_v = 2;
    double *Q = kit_doubles(n * d_k), *A = kit_doubles(n), *Y = kit_doubles(n * d_v);
    const double K[4] = { 0.5, -0.5, 2.0, 1.0 }, V[2] = { -1.25, 3.0 };
    (void)state;
    kit_fill(Q, n * d_k, 5, -2.0, 2.0);
    kit_expect_status("attn_attend with m = 1", attn_attend(Q, K, V, n, 1, d_k, d_v, A, Y), KIT_OK);
#ifdef KIT_JUDGE
    {
        const double ones[3] = { 1, 1, 1 }, want[6] = { -1.25, 3.0, -1.25, 3.0, -1.25, 3.0 };
        kit_expect_table("A", "r,c", A, ones, n, 1, TOL, NULL, 0);
        kit_expect_table("Y", "r,j", Y, want, n, d_v, TOL, NULL, 0);
    }
#endif
}

static void attend_equal_keys(void **state)
{
    /* All keys equal: every score of a row is the same, the weights are
       uniform and every output row is the mean of V's rows. */
    size_t n = 2, m = 4, d_k = 3, d_v = 3;
    const double K[12] = { 1, -2, 0.5, 1, -2, 0.5, 1, -2, 0.5, 1, -2, 0.5 };
    double *Q = kit_doubles(n * d_k), *V = kit_doubles(m * d_v);
    double *A = kit_doubles(n * m), *Y = kit_doubles(n * d_v);
    (void)state;
    kit_fill(Q, n * d_k, 8, -3.0, 3.0);
    kit_fill(V, m * d_v, 9, -1.0, 1.0);
    kit_expect_status("attn_attend with equal keys", attn_attend(Q, K, V, n, m, d_k, d_v, A, Y), KIT_OK);
#ifdef KIT_JUDGE
    double want[6];
    for (size_t j = 0; j < d_v; j++) {
        double mean = (V[j] + V[d_v + j] + V[2 * d_v + j] + V[3 * d_v + j]) / 4.0;
        want[j] = want[d_v + j] = mean;
    }
    for (size_t k = 0; k < n * m; k++)
        kit_expect_true(fabs(A[k] - 0.25) <= TOL, "A[%zu][%zu] = %.17g, expected 0.25 (equal keys)",
                        k / m, k % m, A[k]);
    kit_expect_table("Y", "r,j", Y, want, n, d_v, TOL, NULL, 0);
#endif
}

static void attend_bad_arguments(void **state)
{
    double Q[6] = { 1, 0, 1, 0.5, -1, 2 };
    double K[12] = { 1, 1, 0, 0, 1, 1, 1, 0, -1, -0.5, 2, 0.5 };
    double V[8] = { 1, 0, 0, 1, 1, 1, -1, 2 };
    double *A = kit_doubles(8), *Y = kit_doubles(4);
    (void)state;
    kit_expect_status("attn_attend with V = NULL", attn_attend(Q, K, NULL, 2, 4, 3, 2, A, Y), KIT_ERR_NULL);
    kit_expect_status("attn_attend with A = NULL", attn_attend(Q, K, V, 2, 4, 3, 2, NULL, Y), KIT_ERR_NULL);
    kit_expect_status("attn_attend with d_v = 0", attn_attend(Q, K, V, 2, 4, 3, 0, A, Y), KIT_ERR_SIZE);
    kit_expect_status("attn_attend with m = 0", attn_attend(Q, K, V, 2, 0, 3, 2, A, Y), KIT_ERR_SIZE);
    kit_expect_status("attn_attend with m = SIZE_MAX / 4", attn_attend(Q, K, V, 2, SIZE_MAX / 4, 3, 2, A, Y),
                      KIT_ERR_SIZE);
    V[5] = NAN;
    kit_expect_status("attn_attend with a NaN in V", attn_attend(Q, K, V, 2, 4, 3, 2, A, Y), KIT_ERR_DOMAIN);
    V[5] = 1.0;
    Q[0] = -1e101;
    kit_expect_status("attn_attend with -1e101 in Q", attn_attend(Q, K, V, 2, 4, 3, 2, A, Y), KIT_ERR_DOMAIN);
    kit_expect_untouched("A", A);
    kit_expect_untouched("Y", Y);
    kit_expect_status("attn_attend with n = 0", attn_attend(NULL, K, V, 0, 4, 3, 2, NULL, NULL), KIT_OK);
    kit_expect_status("attn_attend(NULL, NULL, V, 0, 4, 3, 2, NULL, NULL) (K is needed whatever n is)",
                      attn_attend(NULL, NULL, V, 0, 4, 3, 2, NULL, NULL), KIT_ERR_NULL);
    kit_expect_status("attn_attend(NULL, K, V, 0, 4, 3, 0, NULL, NULL) (n == 0 is checked last: d_v == 0)",
                      attn_attend(NULL, K, V, 0, 4, 3, 0, NULL, NULL), KIT_ERR_SIZE);
}

/* ---- permutation equivariance --------------------------------------------- */
static void perm_gap_no_positions_many(void **state)
{
    /* Several sizes and shuffles (a reversal, a rotation, a swap): without
       positions, the gap is 0 up to rounding. */
    const size_t sizes[3][2] = { { 2, 3 }, { 6, 4 }, { 9, 8 } };
    (void)state;
    for (size_t s = 0; s < 3; s++) {
        size_t n = sizes[s][0], d = sizes[s][1];
        double *X = kit_doubles(n * d), gap = -1.0;
        size_t *perm = kit_sizes(n);
        kit_fill(X, n * d, 30 + s, -2.0, 2.0);
        for (size_t pos = 0; pos < n; pos++)
            perm[pos] = s == 0 ? n - 1 - pos : s == 1 ? (pos + 2) % n : pos;
        if (s == 2) {
            perm[1] = 7;
            perm[7] = 1;
        }
        kit_expect_status("attn_perm_gap(with_pe = 0)", attn_perm_gap(X, perm, n, d, 0, 10000.0, &gap),
                          KIT_OK);
#ifdef KIT_JUDGE
        /* A cause only when its model gives this very gap: PE added although
           with_pe is 0, or a causal mask. */
        if (!(gap <= TOL) && fabs(gap - model_perm_gap(X, perm, n, d, 1, 10000.0)) <= 1e-9)
            kit_hint("positions-without-pe", "your gap is exactly the gap with positions: with "
                     "with_pe == 0 nothing may depend on the position -- Z_a and Z_b are the plain "
                     "rows, and self-attention of shuffled rows is the shuffled self-attention.");
        else if (!(gap <= TOL) && fabs(gap - causal_perm_gap(X, perm, n, d, 0, 10000.0)) <= 1e-9)
            kit_hint("causal-mask", "%s", HINT_CAUSAL);
#endif
        kit_expect_true(gap <= TOL, "n = %zu, d = %zu: the gap without positions is %.3g, not 0",
                        n, d, gap);
    }
}

static void perm_gap_golden(void **state)
{
    const double X[12] = { 0.5, -1.0, 0.25, 2.0,
                           -0.5, 0.3, -2.0, 0.1,
                           1.0, 1.0, -1.0, -1.0 };
    const size_t perm[3] = { 2, 0, 1 };
    double gap = -1.0;
    (void)state;
    kit_expect_status("attn_perm_gap(with_pe = 1)", attn_perm_gap(X, perm, 3, 4, 1, 10000.0, &gap),
                      KIT_OK);
#ifdef KIT_JUDGE
    /* Both models give a gap of 0 (up to rounding): PE not added, or PE
       shuffled along with the words; a causal mask gives its own gap. */
    if (fabs(gap) <= TOL)
        kit_hint("no-position-signal", "with positions the gap must not be 0. Either PE was not "
                 "added, or it was shuffled along with the words: Z_b[pos] gets PE(pos), the "
                 "position the word now occupies, not PE(perm[pos]).");
    else if (fabs(gap - golden_perm_gap_pe[0]) > TOL &&
             fabs(gap - causal_perm_gap(X, perm, 3, 4, 1, 10000.0)) <= 1e-9)
        kit_hint("causal-mask", "%s", HINT_CAUSAL);
#endif
    kit_expect_near("gap with positions", gap, golden_perm_gap_pe[0], TOL);
}

static void perm_gap_identity_and_single(void **state)
{
    /* The identity shuffle changes nothing, with positions too; a single
       token has only the identity shuffle. */
    size_t n = 4, d = 6;
    double *X = kit_doubles(n * d), gap = -1.0;
    const size_t identity[4] = { 0, 1, 2, 3 }, one[1] = { 0 };
    (void)state;
    kit_fill(X, n * d, 40, -1.0, 1.0);
    kit_expect_status("attn_perm_gap(identity, with_pe = 1)",
                      attn_perm_gap(X, identity, n, d, 1, 10000.0, &gap), KIT_OK);
    kit_expect_near("gap for the identity", gap, 0.0, TOL);
    kit_expect_status("attn_perm_gap(n = 1, with_pe = 1)", attn_perm_gap(X, one, 1, d, 1, 10000.0, &gap),
                      KIT_OK);
    kit_expect_near("gap for a single token", gap, 0.0, TOL);
}

static void perm_gap_bad_arguments(void **state)
{
    double X[6] = { 1, 2, 3, 4, 5, 6 };
    const size_t repeated[3] = { 0, 0, 1 }, too_big[3] = { 0, 1, 3 }, ok[3] = { 2, 0, 1 };
    double *gap = kit_doubles(1);
    (void)state;
    kit_expect_status("attn_perm_gap with perm = (0, 0, 1)",
                      attn_perm_gap(X, repeated, 3, 2, 1, 10000.0, gap), KIT_ERR_DOMAIN);
    kit_expect_status("attn_perm_gap with perm = (0, 1, 3)",
                      attn_perm_gap(X, too_big, 3, 2, 0, 10000.0, gap), KIT_ERR_DOMAIN);
    kit_expect_status("attn_perm_gap with base = 1", attn_perm_gap(X, ok, 3, 2, 1, 1.0, gap),
                      KIT_ERR_DOMAIN);
    /* base is always checked, also when with_pe == 0 does not use it */
    kit_expect_status("attn_perm_gap with with_pe = 0 and base = 0.5",
                      attn_perm_gap(X, ok, 3, 2, 0, 0.5, gap), KIT_ERR_DOMAIN);
    kit_expect_status("attn_perm_gap with with_pe = 0 and base = NaN",
                      attn_perm_gap(X, ok, 3, 2, 0, NAN, gap), KIT_ERR_DOMAIN);
    kit_expect_status("attn_perm_gap with n = 0", attn_perm_gap(X, ok, 0, 2, 1, 10000.0, gap),
                      KIT_ERR_SIZE);
    kit_expect_status("attn_perm_gap with d = 0", attn_perm_gap(X, ok, 3, 0, 1, 10000.0, gap),
                      KIT_ERR_SIZE);
    kit_expect_status("attn_perm_gap with gap = NULL", attn_perm_gap(X, ok, 3, 2, 1, 10000.0, NULL),
                      KIT_ERR_NULL);
    X[3] = INFINITY;
    kit_expect_status("attn_perm_gap with an infinite X", attn_perm_gap(X, ok, 3, 2, 1, 10000.0, gap),
                      KIT_ERR_DOMAIN);
    kit_expect_untouched("gap", gap);
}

/* ---- sweeps: each function alone over a grid of its arguments ------------
   Every size from 1 up, odd and even, bases other than 10000, with_pe other
   than 0 and 1, random inputs (kit_fill, fixed seeds): no argument can be
   ignored or fixed to the value the other tests use. Expected values from
   the models above and below (judge-only), never from the reference. */
#ifdef KIT_JUDGE
/* Chapter 3's PE(pos, j), the paper's convention. */
static double model_pe(size_t pos, size_t j, size_t d, double base)
{
    double omega = pow(base, -2.0 * (double)(j / 2) / (double)d);
    return j % 2 == 0 ? sin((double)pos * omega) : cos((double)pos * omega);
}

/* Self-attention f(Z) = Attention(Z, Z, Z) of an n x d table Z. */
static double *model_self_attention(const double *Z, size_t n, size_t d)
{
    double *A = model_softmax(model_scores(Z, Z, n, n, d, SCORES_RIGHT), n, n, SOFTMAX_RIGHT);
    return model_output(A, Z, n, n, d);
}

/* The gap of attn_perm_gap, from its definition in the header. */
static double model_perm_gap(const double *X, const size_t *perm, size_t n, size_t d, int with_pe,
                             double base)
{
    double *Z_a = kit_doubles(n * d), *Z_b = kit_doubles(n * d), *Y_a, *Y_b, gap = 0.0;
    for (size_t pos = 0; pos < n; pos++)
        for (size_t j = 0; j < d; j++) {
            double p = with_pe ? model_pe(pos, j, d, base) : 0.0;
            Z_a[pos * d + j] = X[pos * d + j] + p;
            Z_b[pos * d + j] = X[perm[pos] * d + j] + p;
        }
    Y_a = model_self_attention(Z_a, n, d);
    Y_b = model_self_attention(Z_b, n, d);
    for (size_t pos = 0; pos < n; pos++)
        for (size_t j = 0; j < d; j++)
            gap = fmax(gap, fabs(Y_b[pos * d + j] - Y_a[perm[pos] * d + j]));
    return gap;
}
#endif /* KIT_JUDGE */

static void sweep_attn_scores(void **state)
{
    /* (n, m, d_k): single query, key or column; odd and even d_k. */
    static const size_t grid[][3] = { { 1, 1, 1 }, { 1, 4, 2 }, { 3, 1, 5 }, { 2, 3, 7 },
                                      { 4, 5, 8 }, { 5, 2, 3 }, { 6, 7, 4 } };
    /* Edge: entries at the limit ATTN_MAX_ABS against tiny ones (n = 2, m = 3, d_k = 1). */
    const double Q_edge[2] = { ATTN_MAX_ABS, -ATTN_MAX_ABS }, K_edge[3] = { 1e-100, 2.5e-100, -4e-100 };
    size_t n_grid = sizeof grid / sizeof grid[0];
    char call[96];
    (void)state;
    kit_grid_begin("attn_scores over the sweep's cases");
    for (size_t g = 0; g <= n_grid; g++) {
        size_t n = g < n_grid ? grid[g][0] : 2, m = g < n_grid ? grid[g][1] : 3;
        kit_case("n,m", n, m);
        size_t d_k = g < n_grid ? grid[g][2] : 1;
        double *Q = kit_doubles(n * d_k), *K = kit_doubles(m * d_k), *S = kit_doubles(n * m);
        if (g < n_grid) {
            kit_fill(Q, n * d_k, 700 + g, -3.0, 3.0);
            kit_fill(K, m * d_k, 720 + g, -3.0, 3.0);
        } else {
            for (size_t t = 0; t < 2; t++)
                Q[t] = Q_edge[t];
            for (size_t t = 0; t < 3; t++)
                K[t] = K_edge[t];
        }
        snprintf(call, sizeof call, "attn_scores(Q, K, n = %zu, m = %zu, d_k = %zu, S)", n, m, d_k);
        kit_expect_status(call, attn_scores(Q, K, n, m, d_k, S), KIT_OK);
#ifdef KIT_JUDGE
        kit_expect_table(call, "r,c", S, model_scores(Q, K, n, m, d_k, SCORES_RIGHT), n, m, TOL, NULL, 0);
#endif
    }
    kit_grid_end();
}

static void sweep_attn_softmax(void **state)
{
    /* (n, m): one row, one column, odd and even m. Some keys masked (-inf),
       one row all masked, one row of huge and of very negative scores. */
    static const size_t grid[][2] = { { 1, 1 }, { 1, 2 }, { 2, 5 }, { 3, 8 }, { 4, 3 }, { 2, 1 }, { 5, 6 } };
    char call[64];
    (void)state;
    kit_grid_begin("attn_softmax over the sweep's cases");
    for (size_t g = 0; g < sizeof grid / sizeof grid[0]; g++) {
        size_t n = grid[g][0], m = grid[g][1];
        kit_case("n,m", n, m);
        double *S = kit_doubles(n * m), *P = kit_doubles(n * m);
        kit_fill(S, n * m, 740 + g, -30.0, 30.0);
        if (m >= 3)
            S[1] = -INFINITY;                          /* a masked key in row 0 */
        if (n == 3)
            for (size_t c = 0; c < m; c++)
                S[2 * m + c] = -INFINITY;              /* row 2: every key masked */
        if (n == 4) {                                  /* row 3: 700, 709.5, -1e300 */
            S[3 * m] = 700.0;
            S[3 * m + 1] = 709.5;
            S[3 * m + 2] = -1e300;
        }
        snprintf(call, sizeof call, "attn_softmax(S, n = %zu, m = %zu, P)", n, m);
        kit_expect_status(call, attn_softmax(S, n, m, P), KIT_OK);
#ifdef KIT_JUDGE
        kit_expect_table(call, "r,c", P, model_softmax(S, n, m, SOFTMAX_RIGHT), n, m, TOL, NULL, 0);
#endif
    }
    kit_grid_end();
}

static void sweep_attn_attend(void **state)
{
    /* (n, m, d_k, d_v): d_v unlike d_k, single query, key or column. */
    static const size_t grid[][4] = { { 1, 1, 1, 1 }, { 1, 3, 2, 1 }, { 2, 4, 3, 5 }, { 3, 2, 1, 4 },
                                      { 4, 5, 6, 2 }, { 2, 6, 4, 3 }, { 5, 1, 2, 2 } };
    char call[112];
    (void)state;
    kit_grid_begin("attn_attend over the sweep's cases");
    for (size_t g = 0; g < sizeof grid / sizeof grid[0]; g++) {
        size_t n = grid[g][0], m = grid[g][1], d_k = grid[g][2], d_v = grid[g][3];
        kit_case("n,m,d_k,d_v", n, m, d_k, d_v);
        double *Q = kit_doubles(n * d_k), *K = kit_doubles(m * d_k), *V = kit_doubles(m * d_v);
        double *A = kit_doubles(n * m), *Y = kit_doubles(n * d_v);
        kit_fill(Q, n * d_k, 760 + g, -2.0, 2.0);
        kit_fill(K, m * d_k, 780 + g, -2.0, 2.0);
        kit_fill(V, m * d_v, 800 + g, -5.0, 5.0);
        snprintf(call, sizeof call, "attn_attend(Q, K, V, n = %zu, m = %zu, d_k = %zu, d_v = %zu, A, Y)",
                 n, m, d_k, d_v);
        kit_expect_status(call, attn_attend(Q, K, V, n, m, d_k, d_v, A, Y), KIT_OK);
#ifdef KIT_JUDGE
        {
            double *want_A = model_softmax(model_scores(Q, K, n, m, d_k, SCORES_RIGHT), n, m, SOFTMAX_RIGHT);
            kit_expect_table("A", "r,c", A, want_A, n, m, TOL, NULL, 0);
            kit_expect_table("Y", "r,j", Y, model_output(want_A, V, n, m, d_v), n, d_v, TOL, NULL, 0);
        }
#endif
    }
    kit_grid_end();
}

static void sweep_attn_perm_gap(void **state)
{
    /* n, d from 1 up, with_pe 0, 1 and other non-zero values, four bases;
       the shuffle is a rotation of the rows by g + 1 (a reversal for odd g). */
    static const struct { size_t n, d; int with_pe; double base; } grid[] = {
        { 1, 3, 1, 100.0 }, { 2, 1, 1, 10000.0 }, { 2, 2, 1, 100.0 }, { 3, 3, 1, 2.5 },
        { 4, 5, 2, 100.0 }, { 5, 4, -1, 1e6 }, { 5, 4, 1, 100.0 }, { 6, 6, 0, 100.0 },
        { 4, 8, 1, 50.0 }, { 3, 4, 1, 10000.0 },
    };
    char call[96];
    (void)state;
    kit_grid_begin("attn_perm_gap over the sweep's cases");
    for (size_t g = 0; g < sizeof grid / sizeof grid[0]; g++) {
        size_t n = grid[g].n, d = grid[g].d;
        kit_case("n,d", n, d);
        double *X = kit_doubles(n * d), gap = -1.0;
        size_t *perm = kit_sizes(n);
        kit_fill(X, n * d, 820 + g, -1.5, 1.5);
        for (size_t pos = 0; pos < n; pos++)
            perm[pos] = g % 2 ? n - 1 - pos : (pos + g + 1) % n;
        snprintf(call, sizeof call, "attn_perm_gap(X, perm, n = %zu, d = %zu, with_pe = %d, base = %g)",
                 n, d, grid[g].with_pe, grid[g].base);
        kit_expect_status(call, attn_perm_gap(X, perm, n, d, grid[g].with_pe, grid[g].base, &gap), KIT_OK);
        kit_expect_near(call, gap, model_perm_gap(X, perm, n, d, grid[g].with_pe, grid[g].base), TOL);
    }
    kit_grid_end();
}

/* issue 18: V may hold any finite value (only Q and K are bounded by
   ATTN_MAX_ABS): V = 1e200 and 3e200 with equal weights gives 2e200. */
static void attend_huge_values(void **state)
{
    static const double q[1] = { 0.0 }, k[2] = { 0.0, 0.0 }, v[2] = { 1e200, 3e200 };
    double *Q = kit_copy_doubles(q, 1), *K = kit_copy_doubles(k, 2), *V = kit_copy_doubles(v, 2);
    double *A = kit_doubles(2), *Y = kit_doubles(1);
    (void)state;
    kit_expect_status("attn_attend(Q, K, V, 1, 2, 1, 1, A, Y) with V = {1e200, 3e200}",
                      attn_attend(Q, K, V, 1, 2, 1, 1, A, Y), KIT_OK);
    kit_expect_near("A[0][0] (equal scores)", A[0], 0.5, 1e-15);
    kit_expect_near("A[0][1] (equal scores)", A[1], 0.5, 1e-15);
    kit_expect_near("Y[0] = 0.5 * 1e200 + 0.5 * 3e200", Y[0], 2e200, 1e-14 * 2e200);
}

const struct kit_test kit_tests_hidden[] = {
    KIT_TEST(scores_mistakes, 2, "attn_scores", "§7.2", "the worked example, naming any known mistake"),
    KIT_TEST(scores_larger, 1, "attn_scores", "§7.2", "random 6 x 8 queries against 5 keys"),
    KIT_TEST(scores_bad_arguments, 1, "attn_scores", "§7.4", "NULL, zero sizes, overflow, NaN/inf/huge entries; n = 0 (checked after the other arguments)"),
    KIT_TEST(softmax_mistakes, 2, "attn_softmax", "§7.3", "the 3 x 4 example, naming any known mistake"),
    KIT_TEST(attn_scores_every_error, 1, "attn_scores", "§7.4", "every listed error with each argument; entries of exactly 1e100 allowed; nothing written"),
    KIT_TEST(attn_softmax_every_error, 1, "attn_softmax", "§7.4", "every listed error with each argument; entries of exactly 1e100 allowed; nothing written"),
    KIT_TEST(attn_attend_every_error, 1, "attn_attend", "§7.4", "every listed error with each argument; entries of exactly 1e100 allowed; nothing written"),
    KIT_TEST(attn_perm_gap_every_error, 1, "attn_perm_gap", "§7.4", "every listed error with each argument; entries of exactly 1e100 allowed; nothing written"),
    KIT_TEST(softmax_overflow, 2, "attn_softmax", "§7.4", "scores +-1000: no overflow, no NaN (bc)"),
    KIT_TEST(softmax_row_maxima, 1, "attn_softmax", "§7.4", "each row shifted by its own maximum: rows at -1000, +1000, 0, -2"),
    KIT_TEST(softmax_masked_rows, 2, "attn_softmax", "§7.4", "all -inf row uniform; -1e308 row uniform; masked keys 0"),
    KIT_TEST(softmax_one_column, 1, "attn_softmax", "§7.4", "m = 1: every weight is 1"),
    KIT_TEST(softmax_more_bad_arguments, 1, "attn_softmax", "§7.4", "+inf score, NULL P, overflow; n = 0 (checked after the other arguments)"),
    KIT_TEST(attend_mistakes, 2, "attn_attend", "§7.5", "the worked example, naming any known mistake"),
    KIT_TEST(attend_huge_scores, 2, "attn_attend", "§7.4", "scores +-1000 through attention (bc)"),
    KIT_TEST(attend_single_key, 1, "attn_attend", "§7.4", "m = 1: weight 1 and Y = V for every query"),
    KIT_TEST(attend_equal_keys, 1, "attn_attend", "§7.5", "equal keys: uniform weights, Y = mean of V"),
    KIT_TEST(attend_bad_arguments, 1, "attn_attend", "§7.4", "NULL, zero sizes, overflow, NaN in V, huge Q; n = 0 (checked after the other arguments)"),
    KIT_TEST(perm_gap_no_positions_many, 2, "attn_perm_gap", "§7.6", "no positions: gap 0 for three shuffles"),
    KIT_TEST(perm_gap_golden, 2, "attn_perm_gap", "§7.6", "with positions: the bc gap, naming a missing signal"),
    KIT_TEST(perm_gap_identity_and_single, 1, "attn_perm_gap", "§7.4", "identity shuffle and n = 1: gap 0"),
    KIT_TEST(perm_gap_bad_arguments, 1, "attn_perm_gap", "§7.4", "bad perm, base, sizes, NULL, inf in X"),
    KIT_TEST(sweep_attn_scores, 1, "attn_scores", "§7.2", "n, m, d_k from 1 up, random Q and K; entries at ATTN_MAX_ABS"),
    KIT_TEST(sweep_attn_softmax, 1, "attn_softmax", "§7.3", "n, m from 1 up, random scores, masked keys and rows, huge scores"),
    KIT_TEST(sweep_attn_attend, 2, "attn_attend", "§7.5", "n, m, d_k, d_v from 1 up (d_v unlike d_k), random Q, K, V"),
    KIT_TEST(sweep_attn_perm_gap, 2, "attn_perm_gap", "§7.6", "n, d from 1 up, with_pe 0, 1, 2, -1, bases 2.5 .. 1e6"),
    KIT_TEST(attend_huge_values, 1, "attn_attend", "§7.5", "V = 1e200 is allowed (only Q and K are bounded by ATTN_MAX_ABS)"),
    KIT_END_OF_TESTS
};
