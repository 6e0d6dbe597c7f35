/*
 * test_hidden.c — chapter 10's hidden tests: more golden values (bc), edge
 * cases (logits and scores that overflow exp, masks, bad arguments), the
 * known mistakes, each recognised with its own hint, and GRADIENT CHECKS:
 * every backward function is compared with central finite differences of
 * the matching forward computation, which the judge computes from this
 * file's own math (never by calling the reference).
 *
 * Tolerances. Golden values: 1e-12 absolute (values below 10, a few dozen
 * double operations each; see test_public.c). Gradient checks: 1e-6
 * absolute. A central difference (f(x + h) - f(x - h)) / 2h with h = 1e-5
 * is off by h^2 |f'''| / 6 ~ 1e-11 here (every f is a smooth function of
 * size ~1 of inputs of size ~1) plus the rounding of f, ~1e-16 |f| / h ~
 * 1e-11; 1e-6 is far above both and far below every mistake (each moves
 * some gradient entry by more than 1e-3). Known mistakes are named when the
 * output matches the mistake's model within 1e-9.
 *
 * SWEEPS (issue 18): each function also runs over a grid of small sizes
 * (sweep_grid: 1, 2, 3, then bigger), so that a wrong answer is reported at
 * its smallest failing case, with the same known mistakes named.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "kit_test.h"
#include "10-train.h"
#include "../../exercises/10-train/test_data.h"

#define TOL 1e-12
#define FD_TOL 1e-6
#define FD_H 1e-5

/* ---- inputs (both builds) -------------------------------------------- */
/* Cross-entropy with a row near 1000: exp(1000) overflows a double. */
static const double big_z[12] = { 1000, 1002, 999, 1001,
                                  -3, 0.5, 2, -1,
                                  0.25, 0.25, 0.25, 0.25 };
static const size_t big_y[3] = { 3, 0, 2 };

/* The gradient check of tr_attn_backward: n = 4, d = 3, d_v = 2, the bias
   -0.5 |r - c| with keys (0, 3) and (2, 1) masked. */
static const double gc_Q[12] = { 0.3, -0.8, 1.1,
                                 0.6, 0.2, -0.4,
                                 -1.2, 0.7, 0.5,
                                 0.9, -0.3, -0.6 };
static const double gc_K[12] = { -0.5, 0.4, 1,
                                 0.8, -1.1, 0.2,
                                 0.1, 0.6, -0.7,
                                 -0.9, -0.2, 0.4 };
static const double gc_V[8] = { 1, -0.5,
                                0.25, 2,
                                -1.5, 0.75,
                                0.5, -1 };
/* A = softmax(Q K^T / sqrt(d) + M) row by row: the input weights of the
   backward pass, prepared in both builds (the bias M itself is judge-only). */
static void gc_weights(double *A /* (4, 4) */)
{
    static const unsigned char masked[16] = { 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 };
    for (size_t r = 0; r < 4; r++) {
        double smax = -INFINITY, sum = 0.0;
        for (size_t c = 0; c < 4; c++) {
            double dot = 0.0;
            for (size_t t = 0; t < 3; t++)
                dot += gc_Q[r * 3 + t] * gc_K[c * 3 + t];
            A[r * 4 + c] = masked[r * 4 + c] ? -INFINITY
                         : dot / sqrt(3.0) - 0.5 * fabs((double)r - (double)c);
            smax = fmax(smax, A[r * 4 + c]);
        }
        for (size_t c = 0; c < 4; c++)
            sum += (A[r * 4 + c] = exp(A[r * 4 + c] - smax));
        for (size_t c = 0; c < 4; c++)
            A[r * 4 + c] /= sum;
    }
}

/* Adam at step 5 from nonzero moments: lr 0.01, betas 0.8 and 0.99, eps 0.1
   (large, so that where eps goes matters). */
static const double t5_theta[3] = { 0.3, 0.1, -1 };
static const double t5_m[3] = { 0.1, -0.2, 0.05 };
static const double t5_v[3] = { 0.01, 0.04, 0.5 };
static const double t5_g[3] = { 1, -0.5, 0.25 };

/* Softmax of one row of C logits into p (p may be z: in place). */
static void softmax_row(const double *z, size_t C, double *p)
{
    double zmax = -INFINITY, sum = 0.0;
    for (size_t c = 0; c < C; c++)
        zmax = fmax(zmax, z[c]);                 /* max_c z[c]              */
    for (size_t c = 0; c < C; c++)
        sum += (p[c] = exp(z[c] - zmax));        /* exp(z - max), summed     */
    for (size_t c = 0; c < C; c++)
        p[c] /= sum;                             /* the row sums to 1        */
}

/* A kit buffer of count doubles, reproducible values in [lo, hi) from seed. */
static double *filled(size_t count, uint64_t seed, double lo, double hi)
{
    double *x = kit_doubles(count);
    kit_fill(x, count, seed, lo, hi);
    return x;
}

#ifdef KIT_JUDGE
/* The judge's own arrays (wants, the models of mistakes): kit buffers, freed
   when the test ends; but inside a case of a sweep (sweep_grid) heap arrays,
   freed when the case ends, so that a grid of dozens of cases stays within
   the kit's buffers per test (kit_buffers.c). A case that ends its test at
   once (a crash) leaves them held here until the next sweep frees them. */
#define MAX_CASE_ARRAYS 64
static double *case_arrays[MAX_CASE_ARRAYS];
static size_t n_case_arrays;
static int in_sweep_case;

static double *model_doubles(size_t count)
{
    if (!in_sweep_case || n_case_arrays == MAX_CASE_ARRAYS)
        return kit_doubles(count);
    case_arrays[n_case_arrays] = malloc((count > 0 ? count : 1) * sizeof(double));
    if (case_arrays[n_case_arrays] == NULL)
        abort();   /* a few kilobytes: never in practice */
    return case_arrays[n_case_arrays++];
}

static void free_case_arrays(void)
{
    while (n_case_arrays > 0)
        free(case_arrays[--n_case_arrays]);
}
#endif

/* ---- sweeps: a grid of cases, small first (kit_test.h) ----------------- */
/* The sizes of the sweeps: 1, 2, 3, then bigger. */
static const size_t sweep_sizes[5] = { 1, 2, 3, 5, 8 };
static const size_t sweep_no_yes[2] = { 0, 1 };
static const size_t sweep_steps[5] = { 1, 2, 3, 10, 100 };

/* Every case (a, b, c) of the value lists a (na), b (nb) and c (nc; c NULL:
   two values a case, and each gets c = 0) as one grid: a failure is reported
   at its smallest failing case. each runs one case, with a seed of its own
   (each case may use seed .. seed + 9). */
static void sweep_grid(const char *what, const char *names, const size_t *a, size_t na,
                       const size_t *b, size_t nb, const size_t *c, size_t nc,
                       void (*each)(size_t, size_t, size_t, uint64_t), uint64_t seed)
{
    size_t per_b = c != NULL ? nc : 1;
    kit_grid_begin(what);
    for (size_t k = 0; k < na * nb * per_b; k++) {
        size_t v[3] = { a[k / (nb * per_b)], b[k / per_b % nb], c != NULL ? c[k % per_b] : 0 };
        kit_case_at(names, v, c != NULL ? 3 : 2);
#ifdef KIT_JUDGE
        free_case_arrays();
        in_sweep_case = 1;
#endif
        each(v[0], v[1], v[2], seed + 10 * (uint64_t)k);
    }
#ifdef KIT_JUDGE
    free_case_arrays();
    in_sweep_case = 0;
#endif
    kit_grid_end();
}

#ifdef KIT_JUDGE
/* The bias of the gradient check (tr_attn_backward does not take it: only
   the judge's forward pass, for the finite differences, needs it). */
static const double gc_M[16] = { 0, -0.5, -1, -INFINITY,
                                 -0.5, 0, -0.5, -1,
                                 -1, -INFINITY, 0, -0.5,
                                 -1.5, -1, -0.5, 0 };

/* ---- golden values (judge only), bc in 60-digit arithmetic ------------ */
static const double golden_xent_big_loss[1] = {
    2.6910249023969617
};
static const double golden_xent_big_dz[12] = {
    0.029048106247344191, 0.2146380866293241, 0.010686201093361663, -0.25437239397002998,
    -0.33157818680948647, 0.058122470390917218, 0.26048684029202152, 0.01296887612654773,
    0.083333333333333329, 0.083333333333333329, -0.25, 0.083333333333333329
};
static const double golden_attn_mask_A[9] = {
    1, 0, 0, 0.69264198313473613,
    0.30735801686526387, 0, 0.053020488909126473, 0.44393511840650451,
    0.50304439268436896
};
static const double golden_attn_mask_Y[6] = {
    1, 0, 0.69264198313473613, 0.30735801686526387,
    -0.45002390377524254, 1.4500239037752425
};
static const double golden_attn_huge_Y[6] = {
    0, 1, 1, 0,
    0, 1
};
static const double golden_adam_t5_theta[3] = {
    0.29435077066958615, 0.10376616913799423, -1.0004081177718951
};
static const double golden_adam_t5_m[3] = {
    0.28000000000000003, -0.26000000000000001, 0.089999999999999997
};
static const double golden_adam_t5_v[3] = {
    0.019900000000000001, 0.042099999999999999, 0.49562499999999998
};

/* ---- the test's own math: forward passes, finite differences ---------- */
/* Mean softmax cross-entropy of (B, C) logits z with labels y. */
static double xent_loss(const double *z, const size_t *y, size_t B, size_t C)
{
    double total = 0.0;
    for (size_t b = 0; b < B; b++) {
        double zmax = z[b * C], sum = 0.0;
        for (size_t c = 1; c < C; c++)
            zmax = fmax(zmax, z[b * C + c]);
        for (size_t c = 0; c < C; c++)
            sum += exp(z[b * C + c] - zmax);
        total += log(sum) + zmax - z[b * C + y[b]];
    }
    return total / (double)B;
}

/* Attention, the test's own: S = Q K^T * scale + M (M may be NULL), A the
   softmax of each row (of each column when by_columns: a known mistake),
   Y = A V. */
static void attn_model(const double *Q, const double *K, const double *V, const double *M,
                       size_t n, size_t d, size_t dv, double scale, int by_columns,
                       double *A, double *Y)
{
    double *S = malloc(n * n * sizeof *S), *row = malloc(n * sizeof *row);
    double *p = malloc(n * sizeof *p);
    if (S == NULL || row == NULL || p == NULL)
        abort();   /* a few hundred bytes: never in practice */
    for (size_t r = 0; r < n; r++)
        for (size_t c = 0; c < n; c++) {
            double dot = 0.0;
            for (size_t t = 0; t < d; t++)
                dot += Q[r * d + t] * K[c * d + t];
            S[r * n + c] = dot * scale + (M ? M[r * n + c] : 0.0);
        }
    for (size_t a = 0; a < n; a++) {
        for (size_t b = 0; b < n; b++)
            row[b] = by_columns ? S[b * n + a] : S[a * n + b];
        softmax_row(row, n, p);
        for (size_t b = 0; b < n; b++)
            A[by_columns ? b * n + a : a * n + b] = p[b];
    }
    for (size_t r = 0; r < n; r++)
        for (size_t j = 0; j < dv; j++) {
            double acc = 0.0;
            for (size_t c = 0; c < n; c++)
                acc += A[r * n + c] * V[c * dv + j];
            Y[r * dv + j] = acc;
        }
    free(S);
    free(row);
    free(p);
}

/* L = sum(G .* Y) of attention: dL/dY = G. */
static double attn_loss(const double *Q, const double *K, const double *V, const double *M,
                        const double *G, size_t n, size_t d, size_t dv)
{
    double *A = malloc(n * n * sizeof *A), *Y = malloc(n * dv * sizeof *Y), L = 0.0;
    if (A == NULL || Y == NULL)
        abort();
    attn_model(Q, K, V, M, n, d, dv, 1.0 / sqrt((double)d), 0, A, Y);
    for (size_t k = 0; k < n * dv; k++)
        L += G[k] * Y[k];
    free(A);
    free(Y);
    return L;
}

/* L = sum(G .* (X W + b)) of the linear layer: dL/dY = G. */
static double linear_loss(const double *X, const double *W, const double *b, const double *G,
                          size_t n, size_t d_in, size_t d_out)
{
    double L = 0.0;
    for (size_t r = 0; r < n; r++)
        for (size_t o = 0; o < d_out; o++) {
            double y = b[o];
            for (size_t i = 0; i < d_in; i++)
                y += X[r * d_in + i] * W[i * d_out + o];
            L += G[r * d_out + o] * y;
        }
    return L;
}

/* The central differences of f over every entry of x (count): want[k] =
   (f(x + h e_k) - f(x - h e_k)) / 2h. x is changed and restored; f reads
   the context ctx (which holds x). */
struct fd_ctx {
    double *Q, *K, *V, *X, *W, *b, *z;
    const double *M, *G;
    const size_t *y;
    size_t n, d, dv, d_in, d_out, B, C;
    int which; /* 0: attention, 1: linear, 2: cross-entropy */
};

static double fd_eval(const struct fd_ctx *c)
{
    if (c->which == 0)
        return attn_loss(c->Q, c->K, c->V, c->M, c->G, c->n, c->d, c->dv);
    if (c->which == 1)
        return linear_loss(c->X, c->W, c->b, c->G, c->n, c->d_in, c->d_out);
    return xent_loss(c->z, c->y, c->B, c->C);
}

static double *fd_grad(const struct fd_ctx *c, double *x, size_t count)
{
    double *want = model_doubles(count);
    for (size_t k = 0; k < count; k++) {
        double keep = x[k], plus, minus;
        x[k] = keep + FD_H;
        plus = fd_eval(c);
        x[k] = keep - FD_H;
        minus = fd_eval(c);
        x[k] = keep;
        want[k] = (plus - minus) / (2.0 * FD_H);
    }
    return want;
}

/* ---- what each known mistake of tr_attn_backward computes ------------- */
enum bwd_mistake { BWD_RIGHT, DV_NO_TRANSPOSE, NO_DIAGONAL, DIAGONAL_ONLY, BWD_NO_SCALE,
                   DK_NO_TRANSPOSE };

static void bwd_model(const double *Q, const double *K, const double *V, const double *A,
                      const double *dY, size_t n, size_t d, size_t dv, enum bwd_mistake mk,
                      double *dQ, double *dK, double *dV)
{
    double *dS = model_doubles(n * n);
    double scale = mk == BWD_NO_SCALE ? 1.0 : 1.0 / sqrt((double)d);
    for (size_t c = 0; c < n; c++)
        for (size_t j = 0; j < dv; j++) {
            double acc = 0.0;
            for (size_t r = 0; r < n; r++)
                acc += (mk == DV_NO_TRANSPOSE ? A[c * n + r] : A[r * n + c]) * dY[r * dv + j];
            dV[c * dv + j] = acc;
        }
    for (size_t r = 0; r < n; r++) {
        double weighted = 0.0;
        for (size_t c = 0; c < n; c++) {
            double dA = 0.0;
            for (size_t j = 0; j < dv; j++)
                dA += dY[r * dv + j] * V[c * dv + j];
            dS[r * n + c] = dA;
            weighted += A[r * n + c] * dA;
        }
        for (size_t c = 0; c < n; c++) {
            double a = A[r * n + c], dA = dS[r * n + c];
            dS[r * n + c] = mk == NO_DIAGONAL ? -a * weighted
                          : mk == DIAGONAL_ONLY ? a * dA
                          : a * (dA - weighted);
        }
    }
    for (size_t r = 0; r < n; r++)
        for (size_t t = 0; t < d; t++) {
            double q = 0.0, k = 0.0;
            for (size_t c = 0; c < n; c++) {
                q += dS[r * n + c] * K[c * d + t];
                k += (mk == DK_NO_TRANSPOSE ? dS[r * n + c] * Q[c * d + t]
                                            : dS[c * n + r] * Q[c * d + t]);
            }
            dQ[r * d + t] = q * scale;
            dK[r * d + t] = k * scale;
        }
}

/* ---- what each known mistake of tr_adam_step computes ---------------- */
enum adam_mistake { ADAM_RIGHT, NO_BIAS_CORRECTION, EPS_INSIDE_SQRT, V_NOT_SQUARED,
                    T_PLUS_1, WRONG_SIGN };

static double *adam_model(const double *theta0, const double *g, const double *m0,
                          const double *v0, size_t P, size_t t, double lr, double b1, double b2,
                          double eps, enum adam_mistake mk)
{
    double *theta = model_doubles(P);
    double tt = (double)t + (mk == T_PLUS_1 ? 1.0 : 0.0);
    double c1 = mk == NO_BIAS_CORRECTION ? 1.0 : 1.0 - pow(b1, tt);
    double c2 = mk == NO_BIAS_CORRECTION ? 1.0 : 1.0 - pow(b2, tt);
    for (size_t k = 0; k < P; k++) {
        double m = b1 * m0[k] + (1.0 - b1) * g[k];
        double v = b2 * v0[k] + (1.0 - b2) * (mk == V_NOT_SQUARED ? g[k] : g[k] * g[k]);
        double denom = mk == EPS_INSIDE_SQRT ? sqrt(v / c2 + eps) : sqrt(v / c2) + eps;
        double step = lr * (m / c1) / denom;
        theta[k] = mk == WRONG_SIGN ? theta0[k] + step : theta0[k] - step;
    }
    return theta;
}

#define N_ADAM_MISTAKES 5
static void adam_mistakes(struct kit_mistake *out, const double *theta0, const double *g,
                          const double *m0, const double *v0, size_t P, size_t t, double lr,
                          double b1, double b2, double eps)
{
    static const struct { enum adam_mistake m; const char *id; const char *hint; } cat[N_ADAM_MISTAKES] = {
        { NO_BIAS_CORRECTION, "no-bias-correction",
          "you used m and v directly: divide them by 1 - beta1^t and 1 - beta2^t first "
          "(they start at 0, so without the correction the early steps are wrong)." },
        { EPS_INSIDE_SQRT, "eps-inside-sqrt",
          "eps goes outside the square root: lr * mhat / (sqrt(vhat) + eps)." },
        { V_NOT_SQUARED, "v-not-squared",
          "v is the running mean of the SQUARED gradient: (1 - beta2) * g * g." },
        { T_PLUS_1, "t-off-by-one",
          "the bias correction uses beta^t with t the number of THIS step (1 on the first step), "
          "not t + 1." },
        { WRONG_SIGN, "wrong-sign",
          "theta moved up the gradient: a descent step subtracts lr * mhat / (sqrt(vhat) + eps)." },
    };
    for (size_t k = 0; k < N_ADAM_MISTAKES; k++) {
        out[k].id = cat[k].id;
        out[k].hint = cat[k].hint;
        out[k].values = adam_model(theta0, g, m0, v0, P, t, lr, b1, b2, eps, cat[k].m);
    }
}

/* ---- the right outputs and the known mistakes, for any sizes ---------- */
#define N_XENT_MISTAKES 2
/* tr_xent's right dz (B, C) into want, and what its known mistakes give (m). */
static void xent_models(struct kit_mistake *m, const double *z, const size_t *y, size_t B,
                        size_t C, double *want)
{
    double *no_b = model_doubles(B * C), *no_onehot = model_doubles(B * C), *p = model_doubles(C);
    m[0] = (struct kit_mistake){ "not-divided-by-batch", "your dz is B times too large: the "
             "loss is the MEAN over the batch, so every entry of dz = (p - onehot) is divided "
             "by B.", no_b };
    m[1] = (struct kit_mistake){ "no-onehot", "dz = softmax(z) / B is missing the one-hot: "
             "subtract 1 at the label, dz = (p - onehot(y)) / B.", no_onehot };
    for (size_t b = 0; b < B; b++) {
        softmax_row(z + b * C, C, p);                        /* p_b = softmax(z_b)     */
        for (size_t c = 0; c < C; c++) {
            double onehot = c == y[b] ? 1.0 : 0.0;           /* [c == y_b]             */
            want[b * C + c] = (p[c] - onehot) / (double)B;   /* (p - onehot) / B       */
            no_b[b * C + c] = p[c] - onehot;                 /* not divided by B       */
            no_onehot[b * C + c] = p[c] / (double)B;         /* the one-hot left out   */
        }
    }
}

#define N_LINEAR_MISTAKES 2
/* tr_linear_forward's right Y = X W + b (n, d_out) into want, and what its
   known mistakes give (m). */
static void linear_forward_models(struct kit_mistake *m, const double *X, const double *W,
                                  const double *b, size_t n, size_t d_in, size_t d_out,
                                  double *want)
{
    double *no_bias = model_doubles(n * d_out), *wt = model_doubles(n * d_out);
    m[0] = (struct kit_mistake){ "no-bias", "the bias is missing: Y = X W + b adds b[o] to "
             "every row.", no_bias };
    m[1] = (struct kit_mistake){ "W-transposed", "you multiplied by W^T: W is (d_in, d_out), "
             "so Y[r][o] sums X[r][i] * W[i*d_out + o] over i.", wt };
    for (size_t r = 0; r < n; r++)
        for (size_t o = 0; o < d_out; o++) {
            double acc = 0.0, acc_t = 0.0;
            for (size_t i = 0; i < d_in; i++) {
                acc += X[r * d_in + i] * W[i * d_out + o];     /* (X W)[r][o]            */
                acc_t += X[r * d_in + i] * W[o * d_in + i];    /* W read as (d_out, d_in) */
            }
            want[r * d_out + o] = acc + b[o];                  /* + the bias             */
            no_bias[r * d_out + o] = acc;
            wt[r * d_out + o] = acc_t + b[o];
        }
}

#define N_ATTN_MISTAKES 4
/* What tr_attn_forward's known mistakes give for A (ma, (n, n)) and Y (my,
   (n, dv)); the bias left out only when there is one (M not NULL). Returns
   how many mistakes it wrote. */
static size_t attn_forward_models(struct kit_mistake *ma, struct kit_mistake *my, const double *Q,
                                  const double *K, const double *V, const double *M, size_t n,
                                  size_t d, size_t dv)
{
    static const char *const id[N_ATTN_MISTAKES] = { "no-scale", "scale-by-d",
                                                     "softmax-over-columns", "bias-ignored" };
    static const char *const hint[N_ATTN_MISTAKES] = {
        "the scores are not scaled: divide q . k by sqrt(d).",
        "you divided by d; the paper's scale is 1/sqrt(d).",
        "each ROW of A (one query, all its keys) must sum to 1; yours normalises columns.",
        "the bias M is not added: S = Q K^T / sqrt(d) + M, and a -INFINITY entry must get "
        "weight 0.",
    };
    double right = 1.0 / sqrt((double)d);
    const double scale[N_ATTN_MISTAKES] = { 1.0, 1.0 / (double)d, right, right };
    size_t count = M != NULL ? N_ATTN_MISTAKES : N_ATTN_MISTAKES - 1;
    for (size_t k = 0; k < count; k++) {
        double *A = model_doubles(n * n), *Y = model_doubles(n * dv);
        attn_model(Q, K, V, k == 3 ? NULL : M, n, d, dv, scale[k], k == 2, A, Y);
        ma[k] = (struct kit_mistake){ id[k], hint[k], A };
        my[k] = (struct kit_mistake){ id[k], hint[k], Y };
    }
    return count;
}

#define N_BWD_MISTAKES 5
/* What tr_attn_backward's known mistakes give for dQ (mq), dK (mk) and dV (mv). */
static void bwd_mistakes(struct kit_mistake *mq, struct kit_mistake *mk, struct kit_mistake *mv,
                         const double *Q, const double *K, const double *V, const double *A,
                         const double *dY, size_t n, size_t d, size_t dv)
{
    static const struct { enum bwd_mistake m; const char *id; const char *hint; } cat[N_BWD_MISTAKES] = {
        { DV_NO_TRANSPOSE, "dV-missing-transpose",
          "dV = A^T dY: value c collects dY[r] weighted by A[r][c], the weight query r gave "
          "key c (column c of A), not row c." },
        { NO_DIAGONAL, "softmax-no-diagonal",
          "the softmax Jacobian has a diagonal term: dS[r][c] = A[r][c] (dA[r][c] - sum_c' "
          "A[r][c'] dA[r][c']); you kept only the -A[r][c] sum part." },
        { DIAGONAL_ONLY, "softmax-diagonal-only",
          "dS[r][c] = A[r][c] * dA[r][c] treats the softmax as elementwise: subtract "
          "sum_c' A[r][c'] dA[r][c'] (the weights of a row are tied: they sum to 1)." },
        { BWD_NO_SCALE, "no-scale",
          "the forward pass scaled the scores by 1/sqrt(d), so dQ and dK carry the same "
          "factor 1/sqrt(d)." },
        { DK_NO_TRANSPOSE, "dK-missing-transpose",
          "dK = dS^T Q: key c collects dS[r][c] q_r over the queries r (column c of dS), "
          "not row c." },
    };
    for (size_t k = 0; k < N_BWD_MISTAKES; k++) {
        double *q = model_doubles(n * d), *kk = model_doubles(n * d), *v = model_doubles(n * dv);
        bwd_model(Q, K, V, A, dY, n, d, dv, cat[k].m, q, kk, v);
        mq[k] = (struct kit_mistake){ cat[k].id, cat[k].hint, q };
        mk[k] = (struct kit_mistake){ cat[k].id, cat[k].hint, kk };
        mv[k] = (struct kit_mistake){ cat[k].id, cat[k].hint, v };
    }
}

/* 1 when every entry of x (count) is finite. */
static int finite_all(const double *x, size_t count)
{
    for (size_t k = 0; k < count; k++)
        if (!isfinite(x[k]))
            return 0;
    return 1;
}

/* 1 when got (count) is model's values: NaN where model is NaN, the same
   infinity, or within 1e-9. */
static int same_or_nan(const double *got, const double *model, size_t count)
{
    for (size_t k = 0; k < count; k++)
        if (!(isnan(got[k]) && isnan(model[k])) && !(got[k] == model[k]) &&
            !(fabs(got[k] - model[k]) <= 1e-9))
            return 0;
    return 1;
}

/* The softmax of each row of S (rows x cols) with no maximum subtracted:
   exp(s) / sum exp(s), NaN where inf / inf or 0 / 0 makes one. */
static double *softmax_no_max(const double *S, size_t rows, size_t cols)
{
    double *P = kit_doubles(rows * cols);
    for (size_t r = 0; r < rows; r++) {
        double sum = 0.0;
        for (size_t c = 0; c < cols; c++)
            sum += (P[r * cols + c] = exp(S[r * cols + c]));
        for (size_t c = 0; c < cols; c++)
            P[r * cols + c] /= sum;
    }
    return P;
}
#endif /* KIT_JUDGE */

/* ---- tr_xent ---------------------------------------------------------- */
static void xent_mistakes(void **state)
{
    double *loss = kit_doubles(1), *dz = kit_doubles(2 * 3);
#ifdef KIT_JUDGE
    struct kit_mistake m[N_XENT_MISTAKES];
    xent_models(m, xent_z, xent_y, 2, 3, kit_doubles(2 * 3));
#endif
    (void)state;
    kit_expect_status("tr_xent", tr_xent(xent_z, xent_y, 2, 3, loss, dz), KIT_OK);
    kit_expect_table("dz", "b,c", dz, golden_xent_dz, 2, 3, TOL, m, N_XENT_MISTAKES);
#ifdef KIT_JUDGE
    if (fabs(*loss - 2.0 * golden_xent_loss[0]) <= 1e-9)
        kit_hint("loss-sum", "your loss is B times too large: average -log p[y] over the B rows.");
#endif
    kit_expect_near("loss", *loss, golden_xent_loss[0], TOL);
}

static void xent_huge_logits(void **state)
{
    double *loss = kit_doubles(1), *dz = kit_doubles(3 * 4);
    (void)state;
    kit_expect_status("tr_xent with logits near 1000", tr_xent(big_z, big_y, 3, 4, loss, dz), KIT_OK);
#ifdef KIT_JUDGE
    {   /* the model: dz of a softmax with no maximum subtracted */
        double *p = softmax_no_max(big_z, 3, 4);
        for (size_t k = 0; k < 12; k++)
            p[k] = (p[k] - (k % 4 == big_y[k / 4] ? 1.0 : 0.0)) / 3.0;
        if (!finite_all(dz, 12) && same_or_nan(dz, p, 12))
            kit_hint("overflow", "your dz is that of exp(z) / sum exp(z) with no maximum subtracted: "
                     "exp(1000) overflows a double to infinity and inf / inf is NaN. Subtract the "
                     "row's largest logit before exp (softmax(z) = softmax(z - max)).");
    }
#endif
    kit_expect_near("loss", *loss, golden_xent_big_loss[0], TOL);
    kit_expect_table("dz", "b,c", dz, golden_xent_big_dz, 3, 4, TOL, NULL, 0);
    {
        /* The label's logit 800 below the maximum: p[y] = exp(-800) underflows
           to 0, so -log p[y] is +inf; the loss is max - z_y + log sum exp(z - max). */
        const double far_z[3] = { 0.0, 800.0, -5.0 };
        const size_t far_y[1] = { 0 };
        double *far_loss = kit_doubles(1), *far_dz = kit_doubles(3);
        kit_expect_status("tr_xent with the label's logit 800 below the maximum",
                          tr_xent(far_z, far_y, 1, 3, far_loss, far_dz), KIT_OK);
#ifdef KIT_JUDGE
        double lse = 800.0 + log1p(exp(-800.0) + exp(-805.0)), p[3];
        softmax_row(far_z, 3, p);
        const double want_dz[3] = { p[0] - 1.0, p[1], p[2] };
        if (isinf(*far_loss) && *far_loss > 0)   /* the model -log(p[y]) with p[y] = 0 */
            kit_hint("log-of-underflow", "your loss is +inf: the label's probability exp(-800) "
                     "underflows to 0 and -log 0 is inf. Use -log p[y] = (max - z_y) + "
                     "log(sum_c exp(z_c - max)), which never takes the log of an underflow.");
        kit_expect_near("loss, label 800 below the maximum", *far_loss, lse - 0.0, 1e-9);
        kit_expect_table("dz, label 800 below the maximum", "b,c", far_dz, want_dz, 1, 3, TOL,
                         NULL, 0);
#endif
    }
    {
        /* Every logit of the row far below 0 (its maximum -1000): exp(z) underflows to 0
           for all of them unless the row's own maximum is subtracted (a maximum that
           starts at 0 instead of z_b[0] subtracts nothing: 0 / 0). */
        const double low_z[3] = { -1000.0, -1001.0, -1003.0 };
        const size_t low_y[1] = { 1 };
        double *low_loss = kit_doubles(1), *low_dz = kit_doubles(3);
        kit_expect_status("tr_xent with every logit near -1000 (the row's maximum negative)",
                          tr_xent(low_z, low_y, 1, 3, low_loss, low_dz), KIT_OK);
#ifdef KIT_JUDGE
        double p[3];
        softmax_row(low_z, 3, p);
        const double want_dz[3] = { p[0], p[1] - 1.0, p[2] };
        kit_expect_near("loss, every logit near -1000", *low_loss,
                        1.0 + log1p(exp(-1.0) + exp(-3.0)), 1e-12);
        kit_expect_table("dz, every logit near -1000", "b,c", low_dz, want_dz, 1, 3, TOL, NULL, 0);
#endif
    }
}

static void xent_gradient_check(void **state)
{
    enum { B = 4, C = 5 };
    double z[B * C];
    const size_t y[B] = { 3, 0, 4, 1 };
    double *loss = kit_doubles(1), *dz = kit_doubles(B * C);
    (void)state;
    kit_fill(z, B * C, 31, -2.0, 2.0);
    kit_expect_status("tr_xent", tr_xent(z, y, B, C, loss, dz), KIT_OK);
#ifdef KIT_JUDGE
    {
        struct fd_ctx c = { 0 };
        double *zz = kit_copy_doubles(z, B * C), *want;
        c.which = 2;
        c.z = zz;
        c.y = y;
        c.B = B;
        c.C = C;
        want = fd_grad(&c, zz, B * C);
        kit_expect_near("loss", *loss, xent_loss(z, y, B, C), TOL);
        kit_expect_table("dz vs finite differences of the loss", "b,c", dz, want, B, C, FD_TOL,
                         NULL, 0);
    }
#endif
}

static void xent_bad_arguments_more(void **state)
{
    double z[6] = { 1, 2, NAN, 0, 0, 0 };
    const size_t y[2] = { 0, 1 };
    double *loss = kit_doubles(1), *dz = kit_doubles(6);
    (void)state;
    kit_expect_status("tr_xent with a NaN logit", tr_xent(z, y, 2, 3, loss, dz), KIT_ERR_DOMAIN);
    z[2] = INFINITY;
    kit_expect_status("tr_xent with an infinite logit", tr_xent(z, y, 2, 3, loss, dz), KIT_ERR_DOMAIN);
    z[2] = -INFINITY;                /* "NaN or infinite": -inf too */
    kit_expect_status("tr_xent with a -INFINITY logit", tr_xent(z, y, 2, 3, loss, dz), KIT_ERR_DOMAIN);
    kit_expect_status("tr_xent(z, y, 2, 0, loss, dz)", tr_xent(z, y, 2, 0, loss, dz), KIT_ERR_SIZE);
    kit_expect_status("tr_xent with B * C overflowing", tr_xent(z, y, SIZE_MAX / 4, 8, loss, dz),
                      KIT_ERR_SIZE);
    kit_expect_status("tr_xent(z, y, 2, 3, NULL, dz)", tr_xent(z, y, 2, 3, NULL, dz), KIT_ERR_NULL);
    kit_expect_status("tr_xent(z, y, 2, 3, loss, NULL)", tr_xent(z, y, 2, 3, loss, NULL), KIT_ERR_NULL);
    kit_expect_untouched("loss", loss);
    kit_expect_untouched("dz", dz);
}

/* ---- tr_linear_forward / tr_linear_backward --------------------------- */
/* tr_linear_forward on random (n, d_in) X, (d_in, d_out) W and b (seeds
   seed, seed + 1, seed + 2) against Y = X W + b, naming the known mistakes. */
static void linear_forward_case(size_t n, size_t d_in, size_t d_out, uint64_t seed)
{
    double *X = filled(n * d_in, seed, -1.0, 1.0);          /* (n, d_in)     */
    double *W = filled(d_in * d_out, seed + 1, -1.0, 1.0);  /* (d_in, d_out) */
    double *b = filled(d_out, seed + 2, -1.0, 1.0);         /* (d_out)       */
    double *Y = kit_doubles(n * d_out);                     /* (n, d_out)    */
    kit_expect_status("tr_linear_forward", tr_linear_forward(X, W, b, n, d_in, d_out, Y), KIT_OK);
#ifdef KIT_JUDGE
    {
        struct kit_mistake m[N_LINEAR_MISTAKES];
        double *want = model_doubles(n * d_out);
        linear_forward_models(m, X, W, b, n, d_in, d_out, want);
        kit_expect_table("Y", "r,o", Y, want, n, d_out, TOL, m, N_LINEAR_MISTAKES);
    }
#endif
}

static void linear_forward_random(void **state)
{
    (void)state;
    linear_forward_case(3, 4, 4, 41);
}

static void linear_forward_bad_arguments(void **state)
{
    double *Y = kit_doubles(2 * 2);
    (void)state;
    kit_expect_status("tr_linear_forward(X, W, NULL, ...)",
                      tr_linear_forward(lin_X, lin_W, NULL, 2, 3, 2, Y), KIT_ERR_NULL);
    kit_expect_status("tr_linear_forward(..., Y = NULL)",
                      tr_linear_forward(lin_X, lin_W, lin_b, 2, 3, 2, NULL), KIT_ERR_NULL);
    kit_expect_status("tr_linear_forward with n = 0",
                      tr_linear_forward(lin_X, lin_W, lin_b, 0, 3, 2, Y), KIT_ERR_SIZE);
    kit_expect_status("tr_linear_forward with d_out = 0",
                      tr_linear_forward(lin_X, lin_W, lin_b, 2, 3, 0, Y), KIT_ERR_SIZE);
    kit_expect_status("tr_linear_forward with n * d_in overflowing",
                      tr_linear_forward(lin_X, lin_W, lin_b, SIZE_MAX / 2, 3, 2, Y), KIT_ERR_SIZE);
    kit_expect_untouched("Y", Y);
}

/* tr_linear_backward on random (n, d_in) X, (d_in, d_out) W and b, and
   dY = G, against the finite differences of L = sum(G .* (X W + b)), naming
   the known mistakes (each model holds for any sizes). */
static void linear_backward_case(size_t n, size_t d_in, size_t d_out, uint64_t seed)
{
    double *X = filled(n * d_in, seed, -1.0, 1.0);          /* (n, d_in)     */
    double *W = filled(d_in * d_out, seed + 1, -1.0, 1.0);  /* (d_in, d_out) */
    double *b = filled(d_out, seed + 2, -1.0, 1.0);         /* (d_out)       */
    double *G = filled(n * d_out, seed + 3, -1.0, 1.0);     /* (n, d_out): dY */
    double *dX = kit_doubles(n * d_in), *dW = kit_doubles(d_in * d_out), *db = kit_doubles(d_out);
    kit_overflow_hint("shapes", "dX is (n, d_in), dW is (d_in, d_out), db is (d_out): "
                      "check the loop bounds of each.");
    kit_expect_status("tr_linear_backward", tr_linear_backward(X, W, G, n, d_in, d_out, dX, dW, db),
                      KIT_OK);
#ifdef KIT_JUDGE
    {
        struct fd_ctx c = { 0 };
        double *want_dX, *want_dW, *want_db;
        double *dX_nt = model_doubles(n * d_in), *dW_t = model_doubles(d_in * d_out);
        double *db_mean = model_doubles(d_out);
        struct kit_mistake mx[1] = { { "missing-transpose", "dX = dY W^T: element (r, i) sums "
                                       "dY[r][o] * W[i][o] over o (row i of W), not W[o][i].", dX_nt } };
        struct kit_mistake mw[1] = { { "dW-transposed", "dW = X^T dY has the shape of W, "
                                       "(d_in, d_out): dW[i][o] = sum_r X[r][i] dY[r][o].", dW_t } };
        struct kit_mistake mb[1] = { { "db-mean", "db is the SUM of the rows of dY (b is added to "
                                       "every row), not their mean.", db_mean } };
        c.which = 1;
        c.X = X;   /* fd_grad changes an entry at a time and restores it */
        c.W = W;
        c.b = b;
        c.G = G;
        c.n = n;
        c.d_in = d_in;
        c.d_out = d_out;
        want_dX = fd_grad(&c, X, n * d_in);
        want_dW = fd_grad(&c, W, d_in * d_out);
        want_db = fd_grad(&c, b, d_out);
        for (size_t r = 0; r < n; r++)
            for (size_t i = 0; i < d_in; i++) {
                double acc = 0.0;
                for (size_t o = 0; o < d_out; o++)
                    acc += G[r * d_out + o] * W[o * d_in + i];  /* W read as (d_out, d_in) */
                dX_nt[r * d_in + i] = acc;
            }
        for (size_t i = 0; i < d_in; i++)
            for (size_t o = 0; o < d_out; o++) {
                double acc = 0.0;
                for (size_t r = 0; r < n; r++)
                    acc += X[r * d_in + i] * G[r * d_out + o];  /* (X^T dY)[i][o] ...      */
                dW_t[o * d_in + i] = acc;                       /* ... stored as (d_out, d_in) */
            }
        for (size_t o = 0; o < d_out; o++) {
            double acc = 0.0;
            for (size_t r = 0; r < n; r++)
                acc += G[r * d_out + o];
            db_mean[o] = acc / (double)n;
        }
        kit_expect_table("dX vs finite differences", "r,i", dX, want_dX, n, d_in, FD_TOL, mx, 1);
        kit_expect_table("dW vs finite differences", "i,o", dW, want_dW, d_in, d_out, FD_TOL, mw, 1);
        kit_expect_table("db vs finite differences", "o", db, want_db, 1, d_out, FD_TOL, mb, 1);
    }
#endif
}

static void linear_backward_gradient_check(void **state)
{
    (void)state;
    linear_backward_case(4, 3, 3, 51);
}

static void linear_backward_not_square(void **state)
{
    (void)state;
    linear_backward_case(3, 2, 5, 61);
}

static void linear_backward_bad_arguments(void **state)
{
    double *dX = kit_doubles(6), *dW = kit_doubles(6), *db = kit_doubles(2);
    (void)state;
    kit_expect_status("tr_linear_backward(..., dW = NULL, ...)",
                      tr_linear_backward(lin_X, lin_W, lin_dY, 2, 3, 2, dX, NULL, db), KIT_ERR_NULL);
    kit_expect_status("tr_linear_backward(X, W, NULL, ...)",
                      tr_linear_backward(lin_X, lin_W, NULL, 2, 3, 2, dX, dW, db), KIT_ERR_NULL);
    kit_expect_status("tr_linear_backward with d_in = 0",
                      tr_linear_backward(lin_X, lin_W, lin_dY, 2, 0, 2, dX, dW, db), KIT_ERR_SIZE);
    kit_expect_status("tr_linear_backward with d_in * d_out overflowing",
                      tr_linear_backward(lin_X, lin_W, lin_dY, 2, SIZE_MAX / 4, 4, dX, dW, db),
                      KIT_ERR_SIZE);
    kit_expect_untouched("dX", dX);
    kit_expect_untouched("dW", dW);
    kit_expect_untouched("db", db);
}

/* ---- tr_attn_forward ---------------------------------------------------- */
static void attn_forward_mask(void **state)
{
    double M[9];
    double *A = kit_doubles(9), *Y = kit_doubles(6);
    (void)state;
    for (size_t r = 0; r < 3; r++)
        for (size_t c = 0; c < 3; c++)   /* causal mask, ALiBi's bias with slope 1/2 */
            M[r * 3 + c] = c > r ? -INFINITY : -0.5 * (double)(r - c);
    kit_expect_status("tr_attn_forward with a causal ALiBi bias",
                      tr_attn_forward(fwd_Q, fwd_K, fwd_V, M, 3, 4, 2, A, Y), KIT_OK);
#ifdef KIT_JUDGE
    {
        struct kit_mistake ma[1] = { { "bias-ignored", "the bias M is not added: S = Q K^T / sqrt(d) "
                                       "+ M, and a -INFINITY entry must get weight 0.", golden_attn_A } };
        struct kit_mistake my[1] = { { "bias-ignored", "the bias M is not added to the scores.",
                                       golden_attn_Y } };
        kit_expect_table("A", "r,c", A, golden_attn_mask_A, 3, 3, TOL, ma, 1);
        kit_expect_table("Y", "r,j", Y, golden_attn_mask_Y, 3, 2, TOL, my, 1);
    }
#endif
}

static void attn_forward_huge_scores(void **state)
{
    double Q[12];
    double *A = kit_doubles(9), *Y = kit_doubles(6);
    (void)state;
    for (size_t k = 0; k < 12; k++)
        Q[k] = 1000.0 * fwd_Q[k];      /* scores in the thousands */
    kit_expect_status("tr_attn_forward with scores in the thousands",
                      tr_attn_forward(Q, fwd_K, fwd_V, NULL, 3, 4, 2, A, Y), KIT_OK);
#ifdef KIT_JUDGE
    {   /* the model: A of a softmax with no maximum subtracted */
        double S[9];
        for (size_t r = 0; r < 3; r++)
            for (size_t c = 0; c < 3; c++) {
                double dot = 0.0;
                for (size_t t = 0; t < 4; t++)
                    dot += Q[r * 4 + t] * fwd_K[c * 4 + t];
                S[r * 3 + c] = dot / 2.0;   /* sqrt(d) = 2 */
            }
        if (!finite_all(A, 9) && same_or_nan(A, softmax_no_max(S, 3, 3), 9))
            kit_hint("overflow", "your weights are exp(s) / sum exp(s) with no maximum subtracted: "
                     "exp of a score in the thousands is infinite and inf / inf is NaN. Subtract "
                     "each row's largest score before exp.");
    }
#endif
    kit_expect_table("Y", "r,j", Y, golden_attn_huge_Y, 3, 2, TOL, NULL, 0);
}

static void attn_forward_mistakes(void **state)
{
    double *A = kit_doubles(9), *Y = kit_doubles(6);
    (void)state;
    kit_expect_status("tr_attn_forward", tr_attn_forward(fwd_Q, fwd_K, fwd_V, NULL, 3, 4, 2, A, Y),
                      KIT_OK);
#ifdef KIT_JUDGE
    {
        struct kit_mistake ma[N_ATTN_MISTAKES], my[N_ATTN_MISTAKES];
        size_t count = attn_forward_models(ma, my, fwd_Q, fwd_K, fwd_V, NULL, 3, 4, 2);
        kit_expect_table("A", "r,c", A, golden_attn_A, 3, 3, TOL, ma, count);
        kit_expect_table("Y", "r,j", Y, golden_attn_Y, 3, 2, TOL, my, count);
    }
#endif
}

static void attn_forward_random(void **state)
{
    enum { N = 5, D = 3, DV = 2 };
    double Q[N * D], K[N * D], V[N * DV], M[N * N];
    double *A = kit_doubles(N * N), *Y = kit_doubles(N * DV);
    (void)state;
    kit_fill(Q, N * D, 81, -2.0, 2.0);
    kit_fill(K, N * D, 82, -2.0, 2.0);
    kit_fill(V, N * DV, 83, -1.0, 1.0);
    kit_fill(M, N * N, 84, -1.0, 0.0);    /* a finite bias on every score */
    kit_expect_status("tr_attn_forward (n = 5, d = 3, d_v = 2, a random bias)",
                      tr_attn_forward(Q, K, V, M, N, D, DV, A, Y), KIT_OK);
#ifdef KIT_JUDGE
    {
        double *want_A = kit_doubles(N * N), *want_Y = kit_doubles(N * DV);
        attn_model(Q, K, V, M, N, D, DV, 1.0 / sqrt((double)D), 0, want_A, want_Y);
        kit_expect_table("A", "r,c", A, want_A, N, N, TOL, NULL, 0);
        kit_expect_table("Y", "r,j", Y, want_Y, N, DV, TOL, NULL, 0);
    }
#endif
}

static void attn_forward_bad_arguments(void **state)
{
    double Q[12], M[9];
    double *A = kit_doubles(9), *Y = kit_doubles(6);
    (void)state;
    for (size_t k = 0; k < 12; k++)
        Q[k] = fwd_Q[k];
    for (size_t k = 0; k < 9; k++)
        M[k] = 0.0;
    kit_expect_status("tr_attn_forward(NULL, K, ...)",
                      tr_attn_forward(NULL, fwd_K, fwd_V, NULL, 3, 4, 2, A, Y), KIT_ERR_NULL);
    kit_expect_status("tr_attn_forward(..., Y = NULL)",
                      tr_attn_forward(Q, fwd_K, fwd_V, NULL, 3, 4, 2, A, NULL), KIT_ERR_NULL);
    kit_expect_status("tr_attn_forward with n = 0",
                      tr_attn_forward(Q, fwd_K, fwd_V, NULL, 0, 4, 2, A, Y), KIT_ERR_SIZE);
    kit_expect_status("tr_attn_forward with d_v = 0",
                      tr_attn_forward(Q, fwd_K, fwd_V, NULL, 3, 4, 0, A, Y), KIT_ERR_SIZE);
    M[4] = NAN;
    kit_expect_status("tr_attn_forward with a NaN bias",
                      tr_attn_forward(Q, fwd_K, fwd_V, M, 3, 4, 2, A, Y), KIT_ERR_DOMAIN);
    M[4] = INFINITY;
    kit_expect_status("tr_attn_forward with a +INFINITY bias",
                      tr_attn_forward(Q, fwd_K, fwd_V, M, 3, 4, 2, A, Y), KIT_ERR_DOMAIN);
    M[3] = M[4] = M[5] = -INFINITY;   /* query 1 sees no key */
    kit_expect_status("tr_attn_forward with row 1 of M all -INFINITY",
                      tr_attn_forward(Q, fwd_K, fwd_V, M, 3, 4, 2, A, Y), KIT_ERR_DOMAIN);
    {   /* an entry of V NaN or infinite: the values are checked too, not only Q and K */
        double V[6];
        for (size_t k = 0; k < 6; k++)
            V[k] = fwd_V[k];
        V[3] = INFINITY;
        kit_expect_status("tr_attn_forward with an infinite value V[1][1]",
                          tr_attn_forward(Q, fwd_K, V, NULL, 3, 4, 2, A, Y), KIT_ERR_DOMAIN);
    }
    Q[5] = NAN;
    kit_expect_status("tr_attn_forward with a NaN query",
                      tr_attn_forward(Q, fwd_K, fwd_V, NULL, 3, 4, 2, A, Y), KIT_ERR_DOMAIN);
    kit_expect_untouched("A", A);
    kit_expect_untouched("Y", Y);
}

/* ---- tr_attn_backward --------------------------------------------------- */
static void attn_backward_gradient_check(void **state)
{
    enum { N = 4, D = 3, DV = 2 };
    double G[N * DV], A[N * N];
    double *dQ = kit_doubles(N * D), *dK = kit_doubles(N * D), *dV = kit_doubles(N * DV);
    (void)state;
    kit_fill(G, N * DV, 71, -1.0, 1.0);
    gc_weights(A);
    kit_expect_status("tr_attn_backward (n = 4, d = 3, d_v = 2, a masked ALiBi bias)",
                      tr_attn_backward(gc_Q, gc_K, gc_V, A, G, N, D, DV, dQ, dK, dV), KIT_OK);
#ifdef KIT_JUDGE
    {
        struct fd_ctx c = { 0 };
        double *QQ = kit_copy_doubles(gc_Q, N * D), *KK = kit_copy_doubles(gc_K, N * D);
        double *VV = kit_copy_doubles(gc_V, N * DV);
        struct kit_mistake mq[N_BWD_MISTAKES], mk[N_BWD_MISTAKES], mv[N_BWD_MISTAKES];
        double *want_dQ, *want_dK, *want_dV;
        bwd_mistakes(mq, mk, mv, gc_Q, gc_K, gc_V, A, G, N, D, DV);
        c.which = 0;
        c.Q = QQ;
        c.K = KK;
        c.V = VV;
        c.M = gc_M;
        c.G = G;
        c.n = N;
        c.d = D;
        c.dv = DV;
        want_dV = fd_grad(&c, VV, N * DV);
        want_dQ = fd_grad(&c, QQ, N * D);
        want_dK = fd_grad(&c, KK, N * D);
        kit_expect_table("dV vs finite differences", "c,j", dV, want_dV, N, DV, FD_TOL, mv,
                         N_BWD_MISTAKES);
        kit_expect_table("dQ vs finite differences", "r,t", dQ, want_dQ, N, D, FD_TOL, mq,
                         N_BWD_MISTAKES);
        kit_expect_table("dK vs finite differences", "c,t", dK, want_dK, N, D, FD_TOL, mk,
                         N_BWD_MISTAKES);
    }
#endif
}

static void attn_backward_single_token(void **state)
{
    /* One token: A = (1), so Y = V whatever Q and K are: dV = dY, dQ = dK = 0. */
    const double Q[3] = { 0.5, -1, 2 }, K[3] = { 1, 1, -0.5 }, V[3] = { 3, -2, 0.5 }, A[1] = { 1 };
    const double dY[3] = { 0.75, -1.25, 2 };
    double *dQ = kit_doubles(3), *dK = kit_doubles(3), *dV = kit_doubles(3);
    (void)state;
    kit_expect_status("tr_attn_backward with n = 1, d = d_v = 3",
                      tr_attn_backward(Q, K, V, A, dY, 1, 3, 3, dQ, dK, dV), KIT_OK);
#ifdef KIT_JUDGE
    {
        const double zero[3] = { 0, 0, 0 };
        kit_expect_table("dV", "c,j", dV, dY, 1, 3, TOL, NULL, 0);
        kit_expect_table("dQ (the weight of the only key is always 1)", "r,t", dQ, zero, 1, 3,
                         TOL, NULL, 0);
        kit_expect_table("dK", "c,t", dK, zero, 1, 3, TOL, NULL, 0);
    }
#endif
}

static void attn_backward_bad_arguments(void **state)
{
    double *dQ = kit_doubles(6), *dK = kit_doubles(6), *dV = kit_doubles(6);
    (void)state;
    kit_expect_status("tr_attn_backward(..., A = NULL, ...)",
                      tr_attn_backward(bwd_Q, bwd_K, bwd_V, NULL, bwd_dY, 3, 2, 2, dQ, dK, dV),
                      KIT_ERR_NULL);
    kit_expect_status("tr_attn_backward(..., dK = NULL, ...)",
                      tr_attn_backward(bwd_Q, bwd_K, bwd_V, bwd_A, bwd_dY, 3, 2, 2, dQ, NULL, dV),
                      KIT_ERR_NULL);
    kit_expect_status("tr_attn_backward with d = 0",
                      tr_attn_backward(bwd_Q, bwd_K, bwd_V, bwd_A, bwd_dY, 3, 0, 2, dQ, dK, dV),
                      KIT_ERR_SIZE);
    kit_expect_status("tr_attn_backward with n * n overflowing",
                      tr_attn_backward(bwd_Q, bwd_K, bwd_V, bwd_A, bwd_dY, SIZE_MAX / 2, 2, 2,
                                       dQ, dK, dV), KIT_ERR_SIZE);
    kit_expect_untouched("dQ", dQ);
    kit_expect_untouched("dK", dK);
    kit_expect_untouched("dV", dV);
}

/* ---- tr_adam_step ------------------------------------------------------- */
/* One step at t = 5 from t5_theta, t5_m, t5_v with the learning rate lr:
   m and v come out as golden_adam_t5_m and _v whatever lr is; theta as
   golden_adam_t5_theta for lr = 0.01, unchanged for lr = 0. */
static void adam_step_5_lr(double lr, const char *call)
{
    double *theta = kit_copy_doubles(t5_theta, 3);
    double *m = kit_copy_doubles(t5_m, 3), *v = kit_copy_doubles(t5_v, 3);
    kit_expect_status(call, tr_adam_step(theta, t5_g, m, v, 3, 5, lr, 0.8, 0.99, 0.1), KIT_OK);
#ifdef KIT_JUDGE
    {
        struct kit_mistake mt[N_ADAM_MISTAKES];
        int moves = lr != 0.0;                /* with lr = 0 every mistake leaves theta too */
        adam_mistakes(mt, t5_theta, t5_g, t5_m, t5_v, 3, 5, lr, 0.8, 0.99, 0.1);
        kit_expect_table(moves ? "theta" : "theta (lr = 0: unchanged)", "k", theta,
                         moves ? golden_adam_t5_theta : t5_theta, 1, 3, TOL, mt,
                         moves ? N_ADAM_MISTAKES : 0);
        kit_expect_table("m", "k", m, golden_adam_t5_m, 1, 3, TOL, NULL, 0);
        kit_expect_table("v", "k", v, golden_adam_t5_v, 1, 3, TOL, NULL, 0);
    }
#endif
}

static void adam_step_5(void **state)
{
    (void)state;
    adam_step_5_lr(0.01, "tr_adam_step, t = 5, eps = 0.1");
}

/* lr = 0 is in the domain (only a negative lr is not): the moments move as
   always, theta stays where it is. */
static void adam_lr_zero(void **state)
{
    (void)state;
    adam_step_5_lr(0.0, "tr_adam_step with lr = 0 (allowed: only a negative lr is out of the "
                   "domain)");
    {
        /* beta1 = beta2 = 0 are in [0, 1) too: m = g, v = g^2, no bias correction left,
           theta moves by lr * g / (|g| + eps) */
        double *theta = kit_copy_doubles(t5_theta, 3);
        double *m = kit_copy_doubles(t5_m, 3), *v = kit_copy_doubles(t5_v, 3);
        kit_expect_status("tr_adam_step with beta1 = beta2 = 0 (allowed: [0, 1))",
                          tr_adam_step(theta, t5_g, m, v, 3, 5, 0.01, 0.0, 0.0, 0.1), KIT_OK);
#ifdef KIT_JUDGE
        double want[3], want_v[3];
        for (size_t k = 0; k < 3; k++) {
            want[k] = t5_theta[k] - 0.01 * t5_g[k] / (fabs(t5_g[k]) + 0.1);
            want_v[k] = t5_g[k] * t5_g[k];
        }
        kit_expect_table("theta, beta1 = beta2 = 0", "k", theta, want, 1, 3, TOL, NULL, 0);
        kit_expect_table("m, beta1 = 0 (= g)", "k", m, t5_g, 1, 3, TOL, NULL, 0);
        kit_expect_table("v, beta2 = 0 (= g^2)", "k", v, want_v, 1, 3, TOL, NULL, 0);
#endif
    }
}

static void adam_first_step(void **state)
{
    /* From m = v = 0 the bias-corrected first step is lr * g / (|g| + eps):
       about lr * sign(g) whatever the size of g. */
    const double g[4] = { 3, -0.02, 1e-3, -40 };
    double *theta = kit_doubles(4), *m = kit_doubles(4), *v = kit_doubles(4);
    (void)state;
    for (size_t k = 0; k < 4; k++)
        theta[k] = m[k] = v[k] = 0.0;
    kit_expect_status("tr_adam_step, t = 1", tr_adam_step(theta, g, m, v, 4, 1, 0.01, 0.9, 0.999, 1e-8),
                      KIT_OK);
#ifdef KIT_JUDGE
    {
        const double zero[4] = { 0, 0, 0, 0 };
        struct kit_mistake mt[N_ADAM_MISTAKES];
        double want[4];
        adam_mistakes(mt, zero, g, zero, zero, 4, 1, 0.01, 0.9, 0.999, 1e-8);
        for (size_t k = 0; k < 4; k++)
            want[k] = -0.01 * g[k] / (fabs(g[k]) + 1e-8);
        kit_expect_table("theta after the first step (each about -lr * sign(g))", "k", theta, want,
                         1, 4, TOL, mt, N_ADAM_MISTAKES);
    }
#endif
}

static void adam_minimises_a_quadratic(void **state)
{
    /* f(theta) = sum_k (theta_k - c_k)^2 / 2, gradient theta - c: 2000 steps
       of lr 0.01 end within 0.05 of c. */
    const double c[3] = { 1.5, -0.5, 0.25 };
    double *theta = kit_doubles(3), *m = kit_doubles(3), *v = kit_doubles(3), g[3];
    int status = KIT_OK;
    (void)state;
    for (size_t k = 0; k < 3; k++)
        theta[k] = m[k] = v[k] = 0.0;
    for (size_t t = 1; t <= 2000 && status == KIT_OK; t++) {
        for (size_t k = 0; k < 3; k++)
            g[k] = theta[k] - c[k];
        status = tr_adam_step(theta, g, m, v, 3, t, 0.01, 0.9, 0.999, 1e-8);
        kit_expect_status("tr_adam_step", status, KIT_OK);
    }
    for (size_t k = 0; k < 3; k++)
        kit_expect_true(fabs(theta[k] - c[k]) <= 0.05, "after 2000 steps theta[%zu] = %.6g, "
                        "but the minimum is at %.6g", k, theta[k], c[k]);
}

static void adam_bad_arguments(void **state)
{
    const double g[2] = { 1, -1 }, g_nan[2] = { 1, NAN };
    double *theta = kit_doubles(2), *m = kit_doubles(2), *v = kit_doubles(2);
    (void)state;
    kit_expect_status("tr_adam_step(NULL, g, m, v, ...)",
                      tr_adam_step(NULL, g, m, v, 2, 1, 0.1, 0.9, 0.999, 1e-8), KIT_ERR_NULL);
    kit_expect_status("tr_adam_step with v = NULL",
                      tr_adam_step(theta, g, m, NULL, 2, 1, 0.1, 0.9, 0.999, 1e-8), KIT_ERR_NULL);
    kit_expect_status("tr_adam_step with P = 0",
                      tr_adam_step(theta, g, m, v, 0, 1, 0.1, 0.9, 0.999, 1e-8), KIT_ERR_SIZE);
    kit_expect_status("tr_adam_step with t = 0 (steps count from 1)",
                      tr_adam_step(theta, g, m, v, 2, 0, 0.1, 0.9, 0.999, 1e-8), KIT_ERR_DOMAIN);
    kit_expect_status("tr_adam_step with beta1 = 1",
                      tr_adam_step(theta, g, m, v, 2, 1, 0.1, 1.0, 0.999, 1e-8), KIT_ERR_DOMAIN);
    kit_expect_status("tr_adam_step with beta2 = -0.1",
                      tr_adam_step(theta, g, m, v, 2, 1, 0.1, 0.9, -0.1, 1e-8), KIT_ERR_DOMAIN);
    kit_expect_status("tr_adam_step with eps = 0",
                      tr_adam_step(theta, g, m, v, 2, 1, 0.1, 0.9, 0.999, 0.0), KIT_ERR_DOMAIN);
    kit_expect_status("tr_adam_step with lr = NaN",
                      tr_adam_step(theta, g, m, v, 2, 1, NAN, 0.9, 0.999, 1e-8), KIT_ERR_DOMAIN);
    kit_expect_status("tr_adam_step with lr = -0.1",
                      tr_adam_step(theta, g, m, v, 2, 1, -0.1, 0.9, 0.999, 1e-8), KIT_ERR_DOMAIN);
    kit_expect_status("tr_adam_step with a NaN gradient",
                      tr_adam_step(theta, g_nan, m, v, 2, 1, 0.1, 0.9, 0.999, 1e-8), KIT_ERR_DOMAIN);
    kit_expect_untouched("theta", theta);
    kit_expect_untouched("m", m);
    kit_expect_untouched("v", v);
}

/* Every error the contracts list, each with every argument that can
   trigger it (each pointer NULL in turn, each size 0, each product
   overflowing, each bad value); the outputs are never written. */
#define EVERY(call, want) kit_expect_status(#call, call, want)
static void tr_xent_every_error(void **state)
{
    static const double z[4] = { 0.5, -1, 2, 0.25 };
    static const size_t y[2] = { 1, 0 }, y_at_C[2] = { 0, 2 }, y_huge[2] = { SIZE_MAX, 0 };
    double *loss = kit_doubles(1), *dz = kit_doubles(4);
    const size_t big = SIZE_MAX / 4;
    (void)state;
    EVERY(tr_xent(z, NULL, 2, 2, loss, dz), KIT_ERR_NULL);
    EVERY(tr_xent(z, y, 0, 2, loss, dz), KIT_ERR_SIZE);
    EVERY(tr_xent(z, y, 2, big, loss, dz), KIT_ERR_SIZE);
    EVERY(tr_xent(z, y_at_C, 2, 2, loss, dz), KIT_ERR_DOMAIN);
    EVERY(tr_xent(z, y_huge, 2, 2, loss, dz), KIT_ERR_DOMAIN);
    kit_expect_untouched("loss", loss);
    kit_expect_untouched("dz", dz);
}

static void tr_linear_forward_every_error(void **state)
{
    static const double X[4] = { 1, 2, -1, 0.5 };
    static const double W[4] = { 0.5, -0.5, 1, 2 }, bias[2] = { 0.1, -0.1 };
    double *Y = kit_doubles(4);
    const size_t big = SIZE_MAX / 4;
    (void)state;
    EVERY(tr_linear_forward(NULL, W, bias, 2, 2, 2, Y), KIT_ERR_NULL);
    EVERY(tr_linear_forward(X, NULL, bias, 2, 2, 2, Y), KIT_ERR_NULL);
    EVERY(tr_linear_forward(X, W, bias, 2, 0, 2, Y), KIT_ERR_SIZE);
    EVERY(tr_linear_forward(X, W, bias, 2, 2, big, Y), KIT_ERR_SIZE);
    EVERY(tr_linear_forward(X, W, bias, 1, big, 1, Y), KIT_ERR_SIZE);
    EVERY(tr_linear_forward(X, W, bias, big, 1, 1, Y), KIT_ERR_SIZE);
    kit_expect_untouched("Y", Y);
}

static void tr_linear_backward_every_error(void **state)
{
    static const double X[4] = { 1, 2, -1, 0.5 };
    static const double W[4] = { 0.5, -0.5, 1, 2 };
    static const double dY[4] = { 1, -1, 0.5, 2 };
    double *dX = kit_doubles(4);
    double *dW = kit_doubles(4), *db = kit_doubles(2);
    const size_t big = SIZE_MAX / 4;
    (void)state;
    EVERY(tr_linear_backward(NULL, W, dY, 2, 2, 2, dX, dW, db), KIT_ERR_NULL);
    EVERY(tr_linear_backward(X, NULL, dY, 2, 2, 2, dX, dW, db), KIT_ERR_NULL);
    EVERY(tr_linear_backward(X, W, dY, 2, 2, 2, NULL, dW, db), KIT_ERR_NULL);
    EVERY(tr_linear_backward(X, W, dY, 2, 2, 2, dX, dW, NULL), KIT_ERR_NULL);
    EVERY(tr_linear_backward(X, W, dY, 0, 2, 2, dX, dW, db), KIT_ERR_SIZE);
    EVERY(tr_linear_backward(X, W, dY, 2, 2, 0, dX, dW, db), KIT_ERR_SIZE);
    EVERY(tr_linear_backward(X, W, dY, big, 1, 1, dX, dW, db), KIT_ERR_SIZE);
    EVERY(tr_linear_backward(X, W, dY, 1, 1, big, dX, dW, db), KIT_ERR_SIZE);
    kit_expect_untouched("dX", dX);
    kit_expect_untouched("dW", dW);
    kit_expect_untouched("db", db);
}

static void tr_attn_forward_every_error(void **state)
{
    static const double Q[4] = { 1, 0, 0.5, -1 }, K[4] = { 0.5, 1, -1, 0.25 }, V[4] = { 1, 2, 3, 4 };
    double Kinf[4] = { 0.5, 1, -INFINITY, 0.25 }, Vnan[4] = { 1, 2, NAN, 4 };
    double *Y = kit_doubles(4);
    double *A = kit_doubles(4);
    const size_t big = SIZE_MAX / 4;
    (void)state;
    EVERY(tr_attn_forward(Q, NULL, V, NULL, 2, 2, 2, A, Y), KIT_ERR_NULL);
    EVERY(tr_attn_forward(Q, K, NULL, NULL, 2, 2, 2, A, Y), KIT_ERR_NULL);
    EVERY(tr_attn_forward(Q, K, V, NULL, 2, 2, 2, NULL, Y), KIT_ERR_NULL);
    EVERY(tr_attn_forward(Q, K, V, NULL, 2, 0, 2, A, Y), KIT_ERR_SIZE);
    EVERY(tr_attn_forward(Q, K, V, NULL, big, 1, 1, A, Y), KIT_ERR_SIZE);
    EVERY(tr_attn_forward(Q, K, V, NULL, 2, big, 2, A, Y), KIT_ERR_SIZE);
    EVERY(tr_attn_forward(Q, K, V, NULL, 2, 2, big, A, Y), KIT_ERR_SIZE);
    EVERY(tr_attn_forward(Q, Kinf, V, NULL, 2, 2, 2, A, Y), KIT_ERR_DOMAIN);
    EVERY(tr_attn_forward(Q, K, Vnan, NULL, 2, 2, 2, A, Y), KIT_ERR_DOMAIN);
    kit_expect_untouched("A", A);
    kit_expect_untouched("Y", Y);
}

static void tr_attn_backward_every_error(void **state)
{
    static const double Q[4] = { 1, 0, 0.5, -1 }, K[4] = { 0.5, 1, -1, 0.25 }, V[4] = { 1, 2, 3, 4 };
    static const double A2[4] = { 0.5, 0.5, 0.25, 0.75 }, dY[4] = { 1, -1, 0.5, 2 };
    double *dQ = kit_doubles(4);
    double *dK = kit_doubles(4), *dV = kit_doubles(4);
    const size_t big = SIZE_MAX / 4;
    (void)state;
    EVERY(tr_attn_backward(NULL, K, V, A2, dY, 2, 2, 2, dQ, dK, dV), KIT_ERR_NULL);
    EVERY(tr_attn_backward(Q, K, NULL, A2, dY, 2, 2, 2, dQ, dK, dV), KIT_ERR_NULL);
    EVERY(tr_attn_backward(Q, K, V, A2, NULL, 2, 2, 2, dQ, dK, dV), KIT_ERR_NULL);
    EVERY(tr_attn_backward(Q, K, V, A2, dY, 2, 2, 2, NULL, dK, dV), KIT_ERR_NULL);
    EVERY(tr_attn_backward(Q, K, V, A2, dY, 2, 2, 2, dQ, dK, NULL), KIT_ERR_NULL);
    EVERY(tr_attn_backward(Q, K, V, A2, dY, 0, 2, 2, dQ, dK, dV), KIT_ERR_SIZE);
    EVERY(tr_attn_backward(Q, K, V, A2, dY, 2, 2, 0, dQ, dK, dV), KIT_ERR_SIZE);
    EVERY(tr_attn_backward(Q, K, V, A2, dY, 2, big, 2, dQ, dK, dV), KIT_ERR_SIZE);
    EVERY(tr_attn_backward(Q, K, V, A2, dY, 2, 2, big, dQ, dK, dV), KIT_ERR_SIZE);
    kit_expect_untouched("dQ", dQ);
    kit_expect_untouched("dK", dK);
    kit_expect_untouched("dV", dV);
}

static void tr_adam_step_every_error(void **state)
{
    double g[2] = { 0.5, INFINITY }, th[2] = { 1, 2 }, mm[2] = { 0.1, 0.2 }, vv[2] = { 0.01, 0.02 };
    const size_t big = SIZE_MAX / 4;
    (void)state;
    EVERY(tr_adam_step(th, NULL, mm, vv, 2, 1, 0.1, 0.9, 0.999, 1e-8), KIT_ERR_NULL);
    EVERY(tr_adam_step(th, g, NULL, vv, 2, 1, 0.1, 0.9, 0.999, 1e-8), KIT_ERR_NULL);
    EVERY(tr_adam_step(th, g, mm, vv, big, 1, 0.1, 0.9, 0.999, 1e-8), KIT_ERR_SIZE);
    EVERY(tr_adam_step(th, g, mm, vv, 1, 1, -INFINITY, 0.9, 0.999, 1e-8), KIT_ERR_DOMAIN);
    EVERY(tr_adam_step(th, g, mm, vv, 1, 1, 0.1, 0.9, NAN, 1e-8), KIT_ERR_DOMAIN);
    EVERY(tr_adam_step(th, g, mm, vv, 1, 1, 0.1, NAN, 0.999, 1e-8), KIT_ERR_DOMAIN);
    EVERY(tr_adam_step(th, g, mm, vv, 1, 1, 0.1, 0.9, 0.999, -1e-8), KIT_ERR_DOMAIN);
    EVERY(tr_adam_step(th, g, mm, vv, 1, 1, 0.1, 0.9, 0.999, NAN), KIT_ERR_DOMAIN);
    EVERY(tr_adam_step(th, g, mm, vv, 2, 1, 0.1, 0.9, 0.999, 1e-8), KIT_ERR_DOMAIN);
    kit_expect_true(th[0] == 1 && th[1] == 2 && mm[0] == 0.1 && mm[1] == 0.2 && vv[0] == 0.01 &&
                    vv[1] == 0.02, "theta, m or v changed by a call that returned an error: theta = "
                    "{%.17g, %.17g}, m = {%.17g, %.17g}, v = {%.17g, %.17g}", th[0], th[1], mm[0], mm[1],
                    vv[0], vv[1]);
}
#undef EVERY

/* On an error tr_adam_step writes nothing: theta, m and v hold finite
   values (an update of the never-written marker, a NaN, leaves a NaN: no
   evidence), and a bad gradient entry anywhere, the LAST one too, or any
   bad scalar must leave every one of them exactly as it was (a gradient
   checked inside the update loop has already moved the entries before it). */
static void adam_error_keeps_state(void **state)
{
    static const double theta0[4] = { 0.5, -0.25, 2.0, 1.5 }, m0[4] = { 0.1, -0.2, 0.3, 0.05 };
    static const double v0[4] = { 0.01, 0.02, 0.03, 0.04 };
    static const double g_last_nan[4] = { 1, -1, 0.5, NAN }, g_mid_inf[4] = { 1, -INFINITY, 0.5, 2 };
    double *theta = kit_copy_doubles(theta0, 4), *m = kit_copy_doubles(m0, 4);
    double *v = kit_copy_doubles(v0, 4);
    (void)state;
    kit_expect_status("tr_adam_step(theta, g = {1, -1, 0.5, NaN}, m, v, 4, 3, ...)",
                      tr_adam_step(theta, g_last_nan, m, v, 4, 3, 0.1, 0.9, 0.999, 1e-8), KIT_ERR_DOMAIN);
    kit_expect_status("tr_adam_step(theta, g = {1, -inf, 0.5, 2}, m, v, 4, 3, ...)",
                      tr_adam_step(theta, g_mid_inf, m, v, 4, 3, 0.1, 0.9, 0.999, 1e-8), KIT_ERR_DOMAIN);
    kit_expect_status("tr_adam_step with lr = +inf",
                      tr_adam_step(theta, g_mid_inf + 2, m, v, 2, 3, INFINITY, 0.9, 0.999, 1e-8),
                      KIT_ERR_DOMAIN);
    kit_expect_status("tr_adam_step with beta2 = 1",
                      tr_adam_step(theta, g_mid_inf + 2, m, v, 2, 3, 0.1, 0.9, 1.0, 1e-8), KIT_ERR_DOMAIN);
    kit_expect_status("tr_adam_step with eps = +inf",
                      tr_adam_step(theta, g_mid_inf + 2, m, v, 2, 3, 0.1, 0.9, 0.999, INFINITY),
                      KIT_ERR_DOMAIN);
    kit_expect_status("tr_adam_step with beta1 = -0.1",
                      tr_adam_step(theta, g_mid_inf + 2, m, v, 2, 3, 0.1, -0.1, 0.999, 1e-8), KIT_ERR_DOMAIN);
    kit_expect_table("theta after the failed calls (on an error nothing is written)", "i", theta, theta0,
                     1, 4, 0.0, NULL, 0);
    kit_expect_table("m after the failed calls", "i", m, m0, 1, 4, 0.0, NULL, 0);
    kit_expect_table("v after the failed calls", "i", v, v0, 1, 4, 0.0, NULL, 0);
}

/* issue 18: finite scores far below 0 (a bias M of -1000 everywhere, which
   the header allows): softmax(S) = softmax(S - rowmax) gives the weights of
   S + 1000. A running maximum started at 0 instead of the row's first
   score gives exp(-999) = exp(-1000) = 0 in double, and 0/0. */
static void attn_forward_all_negative_bias(void **state)
{
    static const double q[2] = { 1.0, 0.0 }, k[2] = { 1.0, 0.0 }, v[2] = { 1.0, 2.0 };
    static const double m[4] = { -1000.0, -1000.0, -1000.0, -1000.0 };
    double *Q = kit_copy_doubles(q, 2), *K = kit_copy_doubles(k, 2), *V = kit_copy_doubles(v, 2);
    double *M = kit_copy_doubles(m, 4), *A = kit_doubles(4), *Y = kit_doubles(2);
    (void)state;
    kit_expect_status("tr_attn_forward(Q, K, V, M, 2, 1, 1, A, Y) with M all -1000",
                      tr_attn_forward(Q, K, V, M, 2, 1, 1, A, Y), KIT_OK);
#ifdef KIT_JUDGE
    {
        double e = exp(-1.0), want_a[4], want_y[2];
        want_a[0] = 1.0 / (1.0 + e);
        want_a[1] = e / (1.0 + e);
        want_a[2] = 0.5;
        want_a[3] = 0.5;
        want_y[0] = want_a[0] * 1.0 + want_a[1] * 2.0;
        want_y[1] = 1.5;
        if (isnan(A[0]) && isnan(A[1]) && isnan(A[2]) && isnan(A[3]))
            kit_hint("max-starts-at-0", "every weight is NaN, as a row maximum started at 0 gives "
                     "(and so would no maximum subtracted at all): scores near -1000 are all below "
                     "0, every exp(s - 0) underflows to 0, and 0/0 is NaN. Start the maximum at the "
                     "row's first score (or -INFINITY).");
        kit_expect_table("A (M all -1000)", "r,c", A, want_a, 2, 2, 1e-12, NULL, 0);
        kit_expect_table("Y (M all -1000)", "r,j", Y, want_y, 2, 1, 1e-12, NULL, 0);
    }
#endif
}

/* ---- sweeps: each function over a grid of sizes (issue 18) -------------- */
/* tr_xent on random (B, C) logits in [-2, 2) and labels spread over 0 .. C-1. */
static void xent_case(size_t B, size_t C, size_t unused, uint64_t seed)
{
    double *z = filled(B * C, seed, -2.0, 2.0);                /* (B, C) logits */
    size_t *y = kit_sizes(B);                                  /* (B) labels    */
    double *loss = kit_doubles(1), *dz = kit_doubles(B * C);   /* (1), (B, C)   */
    (void)unused;
    for (size_t b = 0; b < B; b++)
        y[b] = (size_t)((seed + 3 * b) % C);                   /* 0 <= y_b < C  */
    kit_expect_status("tr_xent", tr_xent(z, y, B, C, loss, dz), KIT_OK);
#ifdef KIT_JUDGE
    {
        struct kit_mistake mz[N_XENT_MISTAKES], ml[1];
        double *want_dz = model_doubles(B * C);
        double want_loss = xent_loss(z, y, B, C);              /* the mean of -log p_b[y_b] */
        double summed = (double)B * want_loss;                 /* summed, not averaged      */
        ml[0] = (struct kit_mistake){ "loss-sum", "your loss is B times too large: average "
                  "-log p[y] over the B rows.", &summed };
        xent_models(mz, z, y, B, C, want_dz);
        kit_expect_table("dz", "b,c", dz, want_dz, B, C, TOL, mz, N_XENT_MISTAKES);
        kit_expect_table("loss", "loss", loss, &want_loss, 1, 1, TOL, ml, 1);
    }
#endif
}

static void sweep_xent(void **state)
{
    (void)state;
    sweep_grid("tr_xent over B and C", "B,C", sweep_sizes, 5, sweep_sizes, 5, NULL, 0,
               xent_case, 1100);
}

static void sweep_linear_forward(void **state)
{
    (void)state;
    sweep_grid("tr_linear_forward over n, d_in and d_out", "n,d_in,d_out", sweep_sizes, 4,
               sweep_sizes, 4, sweep_sizes, 3, linear_forward_case, 1400);
}

static void sweep_linear_backward(void **state)
{
    (void)state;
    sweep_grid("tr_linear_backward over n, d_in and d_out", "n,d_in,d_out", sweep_sizes, 3,
               sweep_sizes, 3, sweep_sizes, 4, linear_backward_case, 2100);
}

/* tr_attn_forward on random (n, d) Q and K in [-2, 2) and (n, 2) V, with no
   bias (masked 0) or a causal mask with ALiBi's bias, slope 1/2 (masked 1). */
static void attn_forward_case(size_t n, size_t d, size_t masked, uint64_t seed)
{
    enum { DV = 2 };
    double *Q = filled(n * d, seed, -2.0, 2.0);                /* (n, d)  */
    double *K = filled(n * d, seed + 1, -2.0, 2.0);            /* (n, d)  */
    double *V = filled(n * DV, seed + 2, -1.0, 1.0);           /* (n, DV) */
    double *M = masked ? kit_doubles(n * n) : NULL;            /* (n, n) or no bias */
    double *A = kit_doubles(n * n), *Y = kit_doubles(n * DV);  /* (n, n), (n, DV)   */
    for (size_t r = 0; r < n && M != NULL; r++)
        for (size_t c = 0; c < n; c++)                         /* key c after query r: masked */
            M[r * n + c] = c > r ? -INFINITY : -0.5 * (double)(r - c);
    kit_expect_status("tr_attn_forward", tr_attn_forward(Q, K, V, M, n, d, DV, A, Y), KIT_OK);
#ifdef KIT_JUDGE
    {
        struct kit_mistake ma[N_ATTN_MISTAKES], my[N_ATTN_MISTAKES];
        double *want_A = model_doubles(n * n), *want_Y = model_doubles(n * DV);
        size_t count = attn_forward_models(ma, my, Q, K, V, M, n, d, DV);
        attn_model(Q, K, V, M, n, d, DV, 1.0 / sqrt((double)d), 0, want_A, want_Y);
        kit_expect_table("A", "r,c", A, want_A, n, n, TOL, ma, count);
        kit_expect_table("Y", "r,j", Y, want_Y, n, DV, TOL, my, count);
    }
#endif
}

static void sweep_attn_forward(void **state)
{
    (void)state;
    sweep_grid("tr_attn_forward over n and d (d_v = 2), without and with a causal mask",
               "n,d,mask", sweep_sizes, 4, sweep_sizes, 4, sweep_no_yes, 2, attn_forward_case,
               2900);
}

/* tr_attn_backward on random (n, d) Q and K, (n, d_v) V and dY, and A the
   softmax of random scores, row by row; against the closed form of the
   header (bwd_model). */
static void attn_backward_case(size_t n, size_t d, size_t d_v, uint64_t seed)
{
    double *Q = filled(n * d, seed, -2.0, 2.0);                /* (n, d)   */
    double *K = filled(n * d, seed + 1, -2.0, 2.0);            /* (n, d)   */
    double *V = filled(n * d_v, seed + 2, -1.0, 1.0);          /* (n, d_v) */
    double *dY = filled(n * d_v, seed + 3, -1.0, 1.0);         /* (n, d_v) */
    double *A = filled(n * n, seed + 4, -2.0, 2.0);            /* (n, n) scores ... */
    double *dQ = kit_doubles(n * d), *dK = kit_doubles(n * d), *dV = kit_doubles(n * d_v);
    for (size_t r = 0; r < n; r++)
        softmax_row(A + r * n, n, A + r * n);                  /* ... their softmax: weights */
    kit_expect_status("tr_attn_backward", tr_attn_backward(Q, K, V, A, dY, n, d, d_v, dQ, dK, dV),
                      KIT_OK);
#ifdef KIT_JUDGE
    {
        struct kit_mistake mq[N_BWD_MISTAKES], mk[N_BWD_MISTAKES], mv[N_BWD_MISTAKES];
        double *want_dQ = model_doubles(n * d), *want_dK = model_doubles(n * d);
        double *want_dV = model_doubles(n * d_v);
        bwd_mistakes(mq, mk, mv, Q, K, V, A, dY, n, d, d_v);
        bwd_model(Q, K, V, A, dY, n, d, d_v, BWD_RIGHT, want_dQ, want_dK, want_dV);
        kit_expect_table("dV", "c,j", dV, want_dV, n, d_v, TOL, mv, N_BWD_MISTAKES);
        kit_expect_table("dQ", "r,t", dQ, want_dQ, n, d, TOL, mq, N_BWD_MISTAKES);
        kit_expect_table("dK", "c,t", dK, want_dK, n, d, TOL, mk, N_BWD_MISTAKES);
    }
#endif
}

static void sweep_attn_backward(void **state)
{
    (void)state;
    sweep_grid("tr_attn_backward over n, d and d_v", "n,d,d_v", sweep_sizes, 4, sweep_sizes, 3,
               sweep_sizes, 2, attn_backward_case, 3300);
}

/* tr_adam_step at step t from random theta, g in [-1, 1) and moments m in
   [-0.5, 0.5), v in [0, 0.5): lr 0.01, betas 0.8 and 0.99, eps 0.1. */
static void adam_case(size_t P, size_t t, size_t unused, uint64_t seed)
{
    const double lr = 0.01, b1 = 0.8, b2 = 0.99, eps = 0.1;
    double *theta0 = filled(P, seed, -1.0, 1.0), *g = filled(P, seed + 1, -1.0, 1.0); /* (P) */
    double *m0 = filled(P, seed + 2, -0.5, 0.5), *v0 = filled(P, seed + 3, 0.0, 0.5);  /* (P) */
    double *theta = kit_copy_doubles(theta0, P);               /* (P), in-out */
    double *m = kit_copy_doubles(m0, P), *v = kit_copy_doubles(v0, P);
    (void)unused;
    kit_expect_status("tr_adam_step", tr_adam_step(theta, g, m, v, P, t, lr, b1, b2, eps), KIT_OK);
#ifdef KIT_JUDGE
    {
        struct kit_mistake mt[N_ADAM_MISTAKES];
        double *want = adam_model(theta0, g, m0, v0, P, t, lr, b1, b2, eps, ADAM_RIGHT);
        double *want_m = model_doubles(P), *want_v = model_doubles(P);
        adam_mistakes(mt, theta0, g, m0, v0, P, t, lr, b1, b2, eps);
        for (size_t k = 0; k < P; k++) {
            want_m[k] = b1 * m0[k] + (1.0 - b1) * g[k];          /* running mean of g   */
            want_v[k] = b2 * v0[k] + (1.0 - b2) * g[k] * g[k];   /* running mean of g^2 */
        }
        kit_expect_table("theta", "k", theta, want, 1, P, TOL, mt, N_ADAM_MISTAKES);
        kit_expect_table("m", "k", m, want_m, 1, P, TOL, NULL, 0);
        kit_expect_table("v", "k", v, want_v, 1, P, TOL, NULL, 0);
    }
#endif
}

static void sweep_adam_step(void **state)
{
    (void)state;
    sweep_grid("tr_adam_step over P and the step t", "P,t", sweep_sizes, 5, sweep_steps, 5, NULL,
               0, adam_case, 3700);
}

const struct kit_test kit_tests_hidden[] = {
    KIT_TEST(xent_mistakes, 2, "tr_xent", "§10.2", "the worked example, naming a known mistake"),
    KIT_TEST(xent_huge_logits, 2, "tr_xent", "§10.2", "logits near 1000 do not overflow (bc golden)"),
    KIT_TEST(xent_gradient_check, 3, "tr_xent", "§10.2", "dz against finite differences of the loss"),
    KIT_TEST(xent_bad_arguments_more, 1, "tr_xent", "§10.2", "NaN and infinite logits, C = 0, overflow, NULL outputs"),
    KIT_TEST(sweep_xent, 1, "tr_xent", "§10.2", "random logits, B and C = 1 .. 8 (25 cases)"),
    KIT_TEST(linear_forward_random, 1, "tr_linear_forward", "§10.3", "Y = X W + b on random data"),
    KIT_TEST(linear_forward_bad_arguments, 1, "tr_linear_forward", "§10.3", "NULL, zero sizes, overflow; nothing written"),
    KIT_TEST(sweep_linear_forward, 1, "tr_linear_forward", "§10.3", "random X, W, b; n, d_in = 1 .. 5, d_out = 1 .. 3 (48 cases)"),
    KIT_TEST(linear_backward_gradient_check, 3, "tr_linear_backward", "§10.3", "dX, dW, db against finite differences"),
    KIT_TEST(linear_backward_not_square, 1, "tr_linear_backward", "§10.3", "finite differences with d_in != d_out"),
    KIT_TEST(linear_backward_bad_arguments, 1, "tr_linear_backward", "§10.3", "NULL, zero sizes, overflow; nothing written"),
    KIT_TEST(sweep_linear_backward, 1, "tr_linear_backward", "§10.3", "finite differences; n, d_in = 1 .. 3, d_out = 1 .. 5 (36 cases)"),
    KIT_TEST(attn_forward_mask, 2, "tr_attn_forward", "§10.4", "a causal mask with ALiBi's bias (bc golden)"),
    KIT_TEST(attn_forward_huge_scores, 1, "tr_attn_forward", "§10.4", "scores in the thousands do not overflow"),
    KIT_TEST(attn_forward_mistakes, 2, "tr_attn_forward", "§10.4", "the worked example, naming a known mistake"),
    KIT_TEST(attn_forward_random, 1, "tr_attn_forward", "§10.4", "n = 5, d = 3, d_v = 2 with a random bias"),
    KIT_TEST(attn_forward_bad_arguments, 1, "tr_attn_forward", "§10.4", "NULL, zero sizes, bad biases, a NaN query"),
    KIT_TEST(sweep_attn_forward, 1, "tr_attn_forward", "§10.4", "n, d = 1 .. 5, d_v = 2, without and with a causal mask (32 cases)"),
    KIT_TEST(attn_backward_gradient_check, 4, "tr_attn_backward", "§10.5", "dQ, dK, dV against finite differences, masked bias"),
    KIT_TEST(attn_backward_single_token, 1, "tr_attn_backward", "§10.5", "n = 1: dV = dY, dQ = dK = 0"),
    KIT_TEST(attn_backward_bad_arguments, 1, "tr_attn_backward", "§10.5", "NULL, d = 0, overflow; nothing written"),
    KIT_TEST(sweep_attn_backward, 1, "tr_attn_backward", "§10.5", "random weights; n = 1 .. 5, d = 1 .. 3, d_v = 1, 2 (24 cases)"),
    KIT_TEST(adam_step_5, 2, "tr_adam_step", "§10.6", "a step from nonzero moments at t = 5 (bc golden)"),
    KIT_TEST(adam_lr_zero, 1, "tr_adam_step", "§10.6", "the allowed edges: lr = 0 (m and v move, theta does not), beta1 = beta2 = 0"),
    KIT_TEST(adam_first_step, 1, "tr_adam_step", "§10.6", "the first step is about lr * sign(g)"),
    KIT_TEST(adam_minimises_a_quadratic, 1, "tr_adam_step", "§10.6", "2000 steps reach the minimum of a quadratic"),
    KIT_TEST(tr_xent_every_error, 1, "tr_xent", "§10.6", "every listed error with each argument: each pointer NULL, each size 0, each product overflowing, each bad value; nothing written"),
    KIT_TEST(tr_linear_forward_every_error, 1, "tr_linear_forward", "§10.6", "every listed error with each argument: each pointer NULL, each size 0, each product overflowing, each bad value; nothing written"),
    KIT_TEST(tr_linear_backward_every_error, 1, "tr_linear_backward", "§10.6", "every listed error with each argument: each pointer NULL, each size 0, each product overflowing, each bad value; nothing written"),
    KIT_TEST(tr_attn_forward_every_error, 1, "tr_attn_forward", "§10.6", "every listed error with each argument: each pointer NULL, each size 0, each product overflowing, each bad value; nothing written"),
    KIT_TEST(tr_attn_backward_every_error, 1, "tr_attn_backward", "§10.6", "every listed error with each argument: each pointer NULL, each size 0, each product overflowing, each bad value; nothing written"),
    KIT_TEST(tr_adam_step_every_error, 1, "tr_adam_step", "§10.6", "every listed error with each argument: each pointer NULL, each size 0, each product overflowing, each bad value; nothing written"),
    KIT_TEST(adam_error_keeps_state, 1, "tr_adam_step", "§10.6", "on an error theta, m, v keep their (finite) values: a NaN or -inf gradient entry, lr, beta, eps"),
    KIT_TEST(adam_bad_arguments, 1, "tr_adam_step", "§10.6", "NULL, P = 0, t = 0, bad betas, eps, lr, a NaN gradient"),
    KIT_TEST(sweep_adam_step, 1, "tr_adam_step", "§10.6", "random moments; P = 1 .. 8, t = 1 .. 100 (25 cases)"),
    KIT_TEST(attn_forward_all_negative_bias, 1, "tr_attn_forward", "§10.4", "a bias of -1000 everywhere: finite scores far below 0 (the row maximum is negative)"),
    KIT_END_OF_TESTS
};
