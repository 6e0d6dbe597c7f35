/*
 * test_hidden.c — chapter 5's hidden tests: golden values, properties, edge
 * cases, and the known mistakes, each recognised with its own hint.
 *
 * Golden values come from bc in 60-digit arithmetic
 * (tests/golden/05-relative-positions.bc). The mistake models below compute
 * what each known mistake produces, so a wrong answer can be named. Both exist
 * only in the judge's build (KIT_JUDGE, see kit_test.h): the subject, which
 * holds the student's code, has no answer in its memory. Encoding tables given
 * as input come from libm (pe_rows in test_data.h): within ~1e-16 of the exact
 * values for small positions, ~1e-13 near position 1000 (angles ~1e3).
 * Tolerance 1e-12 absolute (TOL): angles are at most ~2000 here, where the
 * error of k * omega in double is ~2000 * 2^-53 ~ 2e-13, and sums have at
 * most 16 terms of size <= 1 (random tables: values in [-1, 1), 8 terms).
 * The sweeps (expected values from the definitions) use TOL, plus |k| 2^-50
 * per term for far offsets k (up to 1e5): the rounding of the angle k omega_i
 * in the expected value and in any correct answer.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "kit_test.h"
#include "05-relative-positions.h"
#include "../../exercises/05-relative-positions/test_data.h"

#define TOL 1e-12

#ifdef KIT_JUDGE
static const double golden_m_minus2_d6_base100[36] = {
    -0.41614683654714241, -0.90929742682568171, 0, 0,
    0, 0, 0.90929742682568171, -0.41614683654714241,
    0, 0, 0, 0,
    0, 0, 0.90859565364190553, -0.41767683462581268,
    0, 0, 0, 0,
    0.41767683462581268, 0.90859565364190553, 0, 0,
    0, 0, 0, 0,
    0.99569422412373987, -0.092698500778727225, 0, 0,
    0, 0, 0.092698500778727225, 0.99569422412373987
};

static const double golden_pe_7_10[32] = {
    0.65698659871878906, 0.7539022543433046, 0.64421768723769102, 0.76484218728448838,
    0.069942847337532768, 0.99755100025327959, 0.0069999428334733913, 0.99997550010004155,
    0.98935824662338179, -0.14550003380861354, 0.71735609089952279, 0.69670670934716539,
    0.079914693969172682, 0.99680170630261944, 0.0079999146669397329, 0.99996800017066634,
    0.41211848524175659, -0.91113026188467694, 0.78332690962748341, 0.6216099682706645,
    0.089878549198011054, 0.99595273301199427, 0.0089998785004920742, 0.99995950027337421,
    -0.54402111088936977, -0.83907152907645244, 0.8414709848078965, 0.54030230586813977,
    0.099833416646828155, 0.99500416527802582, 0.0099998333341666645, 0.99995000041666526
};

static const double golden_pe_1995_1996_base100[12] = {
    -0.088548843199741295, -0.99607183594758242, 0.55509142889945418, -0.83178933965419533,
    -0.99701491951356713, -0.077209133315659872, -0.88600869289699835, -0.46366862748190385,
    0.36443817143785706, -0.93122758721970378, -0.99952355438763363, -0.030865259181015688
};

static const double golden_gram_3x4[9] = {
    5.3125, -0.84999999999999998, 0.75, -0.84999999999999998,
    4.3499999999999996, 1.875, 0.75, 1.875,
    3.5625
};

static const double golden_dot_d16_k1000_base100[1] = {
    2.0377718645986986
};

static const double golden_step_norm_d8[1] = {
    0.96409960941505168
};

/* ---- models: the encoding, and what each known mistake computes ---------- */
static double omega_of(size_t i, size_t d, double base)
{
    return pow(base, -2.0 * (double)i / (double)d);
}

/* The d x d block-diagonal matrix whose pair-i block is
   [[cos a, sign * sin a], [-sign * sin a, cos a]], a = kk * omega_i. */
static double *model_rotation(double kk, int sign, size_t d, double base)
{
    double *M = kit_doubles(d * d);
    for (size_t k = 0; k < d * d; k++)
        M[k] = 0.0;
    for (size_t i = 0; i < d / 2; i++) {
        double a = kk * omega_of(i, d, base);
        M[2 * i * d + 2 * i] = cos(a);
        M[2 * i * d + 2 * i + 1] = sign * sin(a);
        M[(2 * i + 1) * d + 2 * i] = -sign * sin(a);
        M[(2 * i + 1) * d + 2 * i + 1] = cos(a);
    }
    return M;
}

/* M_{-k} where M_k belongs: the sin entries' signs exchanged, or, for k < 0
   only, the sign of k lost (|k|, k in an unsigned type). Both models give the
   same matrix, so the hint names both when k < 0. */
static const char *rotation_sign_hint(int k)
{
    return k < 0 ? "your M_k is M_{|k|} = M_{-k}, the transpose of the right one: either the "
                   "sin entries have the wrong signs (with the pair stored as (sin, cos), "
                   "sin(t + a) = cos a sin t + sin a cos t, so the sin row is (cos a, +sin a) "
                   "and the cos row (-sin a, cos a)), or the sign of k is lost (|k|, or k in an "
                   "unsigned type); a positive k tells them apart."
                 : "your M_k is the transpose of the right one (it is M_{-k}): with the pair "
                   "stored as (sin, cos), sin(t + a) = cos a sin t + sin a cos t, so the sin row "
                   "is (cos a, +sin a) and the cos row (-sin a, cos a).";
}
#endif /* KIT_JUDGE */

#ifdef KIT_JUDGE
static double *model_shift(const double *pe, size_t n, size_t d, int k, double base);
#endif

/* ---- a valid call beside the invalid ones ------------------------------
 * A test of the error codes (or of a property a function computing nothing
 * has: the identity is orthogonal, a copy keeps norms) also makes one valid
 * call on the hidden tests' own input and checks its values: a function that
 * computes nothing must not collect those points. */
static void probe_rotation(void)
{
    double *M = kit_doubles(6 * 6);
    kit_expect_status("rel_rotation(M, -4, 6, 50)", rel_rotation(M, -4, 6, 50.0), KIT_OK);
#ifdef KIT_JUDGE
    {
        struct kit_mistake m[1] = { { "rotation-sign", rotation_sign_hint(-4),
                                      model_rotation(4.0, 1, 6, 50.0) } };
        kit_expect_table("M_-4 (d = 6, base 50)", "r,c", M, model_rotation(-4.0, 1, 6, 50.0), 6, 6,
                         TOL, m, 1);
    }
#endif
}

static void probe_shift(void)
{
    double *pe = kit_doubles(2 * 4), *out = kit_doubles(2 * 4);
    kit_fill(pe, 2 * 4, 65, -1.0, 1.0);
    kit_expect_status("rel_shift(pe, 2, 4, 2, 50, out)", rel_shift(pe, 2, 4, 2, 50.0, out), KIT_OK);
#ifdef KIT_JUDGE
    kit_expect_table("out (n = 2, d = 4, k = 2, base 50)", "row,j", out,
                     model_shift(pe, 2, 4, 2, 50.0), 2, 4, TOL, NULL, 0);
#endif
}

static void probe_gram(void)
{
    double *P = kit_doubles(3 * 2), *G = kit_doubles(3 * 3);
    kit_fill(P, 3 * 2, 66, -1.0, 1.0);
    kit_expect_status("rel_gram(P, 3, 2, G)", rel_gram(P, 3, 2, G), KIT_OK);
#ifdef KIT_JUDGE
    {
        double want[9];
        for (size_t a = 0; a < 3; a++)
            for (size_t b = 0; b < 3; b++)
                want[a * 3 + b] = P[a * 2] * P[b * 2] + P[a * 2 + 1] * P[b * 2 + 1];
        kit_expect_table("G (3 x 2 rows)", "p,q", G, want, 3, 3, TOL, NULL, 0);
    }
#endif
}

static void probe_dot_offset(void)
{
    double *dot = kit_doubles(1);
    kit_expect_status("rel_dot_offset(dot, -3, 6, 50)", rel_dot_offset(dot, -3, 6, 50.0), KIT_OK);
#ifdef KIT_JUDGE
    {
        double want = 0.0;
        for (size_t i = 0; i < 3; i++)
            want += cos(-3.0 * omega_of(i, 6, 50.0));
        kit_expect_near("PE(p - 3) . PE(p), d = 6, base 50", *dot, want, TOL);
    }
#endif
}

static void probe_compose(void)
{
    double *A = kit_doubles(4), *B = kit_doubles(4), *C = kit_doubles(4);
    kit_fill(A, 4, 67, -1.0, 1.0);
    kit_fill(B, 4, 68, -1.0, 1.0);
    kit_expect_status("rel_compose(A, B, 2, C)", rel_compose(A, B, 2, C), KIT_OK);
#ifdef KIT_JUDGE
    {
        const double want[4] = { A[0] * B[0] + A[1] * B[2], A[0] * B[1] + A[1] * B[3],
                                 A[2] * B[0] + A[3] * B[2], A[2] * B[1] + A[3] * B[3] };
        double *ba = kit_doubles(4);
        struct kit_mistake m[1] = { { "compose-order", "you computed B A; matrix products do not "
                                      "commute: C = A B, C[r][c] = sum_t A[r][t] B[t][c].", ba } };
        ba[0] = B[0] * A[0] + B[1] * A[2];
        ba[1] = B[0] * A[1] + B[1] * A[3];
        ba[2] = B[2] * A[0] + B[3] * A[2];
        ba[3] = B[2] * A[1] + B[3] * A[3];
        kit_expect_table("C = A B (2 x 2)", "r,c", C, want, 2, 2, TOL, m, 1);
    }
#endif
}

/* ---- rel_rotation ---------------------------------------------------------- */
static void rotation_mistakes(void **state)
{
    size_t d = 6;
    double *M = kit_doubles(d * d);
    (void)state;
    kit_expect_status("rel_rotation(M, -2, 6, 100)", rel_rotation(M, -2, d, 100.0), KIT_OK);
#ifdef KIT_JUDGE
    struct kit_mistake m[3] = {
        { "rotation-sign", rotation_sign_hint(-2), model_rotation(2.0, 1, d, 100.0) },
        { "offset-off-by-one", "your matrix shifts by k + 1 positions: the angle is k * omega_i.",
          model_rotation(-1.0, 1, d, 100.0) },
        { "offset-off-by-one", "your matrix shifts by k - 1 positions: the angle is k * omega_i.",
          model_rotation(-3.0, 1, d, 100.0) },
    };
    kit_expect_table("M_{-2}", "r,c", M, golden_m_minus2_d6_base100, d, d, TOL, m, 3);
#endif
}

/* M_5, d = 10, base 300 (not the public M_3, d = 8): a positive k, where
   only the sign of the sin entries gives the transpose. */
static void rotation_m3_names_mistakes(void **state)
{
    double *M = kit_doubles(10 * 10);
    (void)state;
    kit_expect_status("rel_rotation(M, 5, 10, 300)", rel_rotation(M, 5, 10, 300.0), KIT_OK);
#ifdef KIT_JUDGE
    struct kit_mistake m[1] = {
        { "rotation-sign", rotation_sign_hint(5), model_rotation(-5.0, 1, 10, 300.0) },
    };
    kit_expect_table("M_5", "r,c", M, model_rotation(5.0, 1, 10, 300.0), 10, 10, TOL, m, 1);
#endif
}

static void rotation_identity_and_inverse(void **state)
{
    size_t d = 16;
    double *I = kit_doubles(d * d), *Mk = kit_doubles(d * d), *Mmk = kit_doubles(d * d);
    (void)state;
    kit_expect_status("rel_rotation(M, 0, 16, 10000)", rel_rotation(I, 0, d, 10000.0), KIT_OK);
    kit_expect_status("rel_rotation(M, 37, 16, 10000)", rel_rotation(Mk, 37, d, 10000.0), KIT_OK);
    kit_expect_status("rel_rotation(M, -37, 16, 10000)", rel_rotation(Mmk, -37, d, 10000.0), KIT_OK);
#ifdef KIT_JUDGE
    double want_I[16 * 16], Mk_T[16 * 16];
    for (size_t r = 0; r < d; r++)
        for (size_t c = 0; c < d; c++)
            want_I[r * d + c] = (r == c) ? 1.0 : 0.0;
    kit_expect_table("M_0 (must be the identity)", "r,c", I, want_I, d, d, TOL, NULL, 0);
    for (size_t r = 0; r < d; r++)
        for (size_t c = 0; c < d; c++)
            Mk_T[r * d + c] = Mk[c * d + r];
    {
        /* M_{-37} equal to M_37: the sign of k lost, or both signs wrong in
           the same way would keep M_{-37} = M_37^T; a layout says nothing. */
        struct kit_mistake m[1] = { { "rotation-sign", rotation_sign_hint(-37), Mk } };
        kit_expect_table("M_{-37} (must be M_37 transposed)", "r,c", Mmk, Mk_T, d, d, TOL, m, 1);
    }
    /* M_k is a rotation: M M^T = I. */
    for (size_t r = 0; r < d; r++)
        for (size_t c = 0; c < d; c++) {
            double sum = 0.0;
            for (size_t t = 0; t < d; t++)
                sum += Mk[r * d + t] * Mk[c * d + t];
            kit_expect_true(fabs(sum - want_I[r * d + c]) <= TOL,
                            "(M_37 M_37^T)[%zu][%zu] = %.15g, not %g: M_k must be orthogonal "
                            "(each block a rotation)", r, c, sum, want_I[r * d + c]);
        }
#endif
    probe_rotation();
}

static void rotation_more_bad_arguments(void **state)
{
    double *M = kit_doubles(4 * 4);
    (void)state;
    kit_expect_status("rel_rotation(M, 1, 1, 10000) (odd d)", rel_rotation(M, 1, 1, 10000.0), KIT_ERR_DOMAIN);
    kit_expect_status("rel_rotation(M, 1, 4, NAN)", rel_rotation(M, 1, 4, NAN), KIT_ERR_DOMAIN);
    kit_expect_status("rel_rotation(M, 1, 4, INFINITY)", rel_rotation(M, 1, 4, INFINITY), KIT_ERR_DOMAIN);
    kit_expect_status("rel_rotation(M, 1, 4, 0.5)", rel_rotation(M, 1, 4, 0.5), KIT_ERR_DOMAIN);
    kit_expect_status("rel_rotation(M, 2, 4, 1.0)", rel_rotation(M, 2, 4, 1.0), KIT_ERR_DOMAIN);
    kit_expect_status("rel_rotation(M, 2, 4, -INFINITY)", rel_rotation(M, 2, 4, -INFINITY),
                      KIT_ERR_DOMAIN);
    kit_expect_status("rel_rotation(M, -1, 3, 500) (odd d)", rel_rotation(M, -1, 3, 500.0),
                      KIT_ERR_DOMAIN);
    kit_expect_status("rel_rotation(NULL, -2, 4, 500)", rel_rotation(NULL, -2, 4, 500.0), KIT_ERR_NULL);
    kit_expect_status("rel_rotation(M, 1, SIZE_MAX / 2 (even), 10000)",
                      rel_rotation(M, 1, (SIZE_MAX / 2) & ~(size_t)1, 10000.0), KIT_ERR_SIZE);
    kit_expect_untouched("M", M);
    probe_rotation();
}

/* ---- rel_shift -------------------------------------------------------------- */
/* Rows PE(10 .. 13) shifted by k = -3 must be PE(7 .. 10). */
static void shift_mistakes(void **state)
{
    size_t n = 4, d = 8;
    const double *pe = pe_rows(10.0, 1.0, n, d, 10000.0);
    double *out = kit_doubles(n * d);
    (void)state;
    kit_expect_status("rel_shift(PE(10..13), 4, 8, -3, 10000, out)",
                      rel_shift(pe, n, d, -3, 10000.0, out), KIT_OK);
#ifdef KIT_JUDGE
    struct kit_mistake m[5] = {
        { "rotation-sign", "your rows are PE(pos - k) = PE(pos + 3) for k = -3: the rotation "
          "turns the wrong way. Either the sin terms' signs are exchanged (with the pair (s, c) = "
          "(sin t, cos t): s' = cos(a) s + sin(a) c, c' = -sin(a) s + cos(a) c, a = k omega_i), or "
          "the sign of k is lost (|k|, or k in an unsigned type).", pe_rows(13.0, 1.0, n, d, 10000.0) },
        { "offset-off-by-one", "your rows are PE(pos + k + 1): rotate by k * omega_i, not (k + 1).",
          pe_rows(8.0, 1.0, n, d, 10000.0) },
        { "offset-off-by-one", "your rows are PE(pos + k - 1): rotate by k * omega_i, not (k - 1).",
          pe_rows(6.0, 1.0, n, d, 10000.0) },
        { "row-as-position", "you wrote PE(r + k) for row r, ignoring the input: the rows of pe can "
          "be at any positions; rotate what is there.", pe_rows(-3.0, 1.0, n, d, 10000.0) },
        { "depends-on-pos", "your rotation depends on the row index: M_k rotates by k * omega_i "
          "whatever the position of the row.", pe_rows(7.0, 2.0, n, d, 10000.0) },
    };
    kit_table_pe(7, d, 10000.0);
    kit_expect_table("out", "row,j", out, golden_pe_7_10, n, d, TOL, m, 5);
#endif
}

/* Six copies of one random row: M_k must give six copies of one result,
   and keep the norm of every pair. */
static void shift_same_for_every_row(void **state)
{
    size_t n = 6, d = 16;
    double *pe = kit_doubles(n * d), *out = kit_doubles(n * d);
    (void)state;
    kit_fill(pe, d, 11, -1.0, 1.0);
    for (size_t r = 1; r < n; r++)
        for (size_t j = 0; j < d; j++)
            pe[r * d + j] = pe[j];
    kit_expect_status("rel_shift(6 equal rows, 6, 16, 5, 10000, out)",
                      rel_shift(pe, n, d, 5, 10000.0, out), KIT_OK);
#ifdef KIT_JUDGE
    /* The model of depends-on-pos: every row a rotation of the input row
       (each pair's norm kept, every cell written), by an angle that changes
       with the row. A row left unwritten, or not a rotation, is evidence
       only: no cause is named. */
    int rotations = 1;
    for (size_t r = 0; r < n; r++)
        for (size_t i = 0; i < d / 2; i++)
            if (!(fabs(hypot(out[r * d + 2 * i], out[r * d + 2 * i + 1]) -
                       hypot(pe[2 * i], pe[2 * i + 1])) <= TOL))
                rotations = 0;
    for (size_t r = 1; r < n; r++)
        for (size_t j = 0; j < d; j++)
            if (!(fabs(out[r * d + j] - out[j]) <= TOL)) {
                if (rotations)
                    kit_hint("depends-on-pos", "every row is a rotation of the same input row, "
                             "but rows 0 and %zu were turned by different angles: M_k must not "
                             "depend on the row (position).", r);
                kit_fail("out[%zu][%zu] = %.15g but out[0][%zu] = %.15g: the same input row "
                         "must give the same result in every row", r, j, out[r * d + j], j,
                         out[j]);
            }
    for (size_t i = 0; i < d / 2; i++) {
        double before = hypot(pe[2 * i], pe[2 * i + 1]), after = hypot(out[2 * i], out[2 * i + 1]);
        kit_expect_true(fabs(before - after) <= TOL,
                        "pair %zu: norm %.15g before, %.15g after: a rotation keeps the norm",
                        i, before, after);
    }
#endif
    probe_shift();
}

static void shift_far(void **state)
{
    const double *pe = pe_rows(995.0, 1.0, 2, 6, 100.0);
    double *out = kit_doubles(2 * 6);
    (void)state;
    kit_expect_status("rel_shift(PE(995..996), 2, 6, 1000, 100, out)",
                      rel_shift(pe, 2, 6, 1000, 100.0, out), KIT_OK);
    kit_table_pe(1995, 6, 100.0);
    kit_expect_table("out", "row,j", out, golden_pe_1995_1996_base100, 2, 6, TOL, NULL, 0);
}

/* PE(0 .. 3), d = 6, base 200, shifted by k = 5 in place (not the public
   d = 8 example). */
static void shift_in_place(void **state)
{
    size_t n = 4, d = 6;
    double *x = pe_rows(0.0, 1.0, n, d, 200.0);
    (void)state;
#ifdef KIT_JUDGE
    double *clobber = kit_doubles(n * d), *want = pe_rows(5.0, 1.0, n, d, 200.0);
    const double *before = pe_rows(0.0, 1.0, n, d, 200.0);
    struct kit_mistake m[1] = {
        { "in-place-overwrite", "out may be pe: read both old values of a pair (s, c) before "
          "writing either new one.", clobber },
    };
    /* The mistake: the new sin is written first, then the cos is computed
       from the new sin. */
    for (size_t r = 0; r < n; r++)
        for (size_t i = 0; i < d / 2; i++) {
            double a = 5.0 * omega_of(i, d, 200.0);
            double s0 = before[r * d + 2 * i], c = before[r * d + 2 * i + 1];
            double s2 = cos(a) * s0 + sin(a) * c;
            clobber[r * d + 2 * i] = s2;
            clobber[r * d + 2 * i + 1] = -sin(a) * s2 + cos(a) * c;
        }
#endif
    kit_expect_status("rel_shift(x, 4, 6, 5, 200, x)", rel_shift(x, n, d, 5, 200.0, x), KIT_OK);
    kit_table_pe(5, d, 200.0);
    kit_expect_table("x (in place)", "row,j", x, want, n, d, TOL, m, 1);
}

/* ||PE(p + 1) - PE(p)|| = 0.964100 for every p when d = 8. */
static void shift_step_norm(void **state)
{
    size_t n = 4, d = 8;
    const double *pe = pe_rows(10.0, 1.0, n, d, 10000.0);
    double *out = kit_doubles(n * d);
    (void)state;
    kit_expect_status("rel_shift(PE(10..13), 4, 8, 1, 10000, out)",
                      rel_shift(pe, n, d, 1, 10000.0, out), KIT_OK);
#ifdef KIT_JUDGE
    for (size_t r = 0; r < n; r++) {
        double sum = 0.0;
        for (size_t j = 0; j < d; j++) {
            double diff = out[r * d + j] - pe[r * d + j];
            sum += diff * diff;
        }
        kit_expect_near("||PE(p + 1) - PE(p)||", sqrt(sum), golden_step_norm_d8[0], TOL);
    }
#endif
}

static void shift_edge_cases(void **state)
{
    double *out = kit_doubles(3 * 7);
    double pe[3 * 7] = { 0 };
    (void)state;
    kit_expect_status("rel_shift(NULL, 0, 8, 1, 10000, NULL)", rel_shift(NULL, 0, 8, 1, 10000.0, NULL),
                      KIT_OK);
    kit_expect_status("rel_shift(pe, 3, 7, 1, 10000, out) (odd d)", rel_shift(pe, 3, 7, 1, 10000.0, out),
                      KIT_ERR_DOMAIN);
    kit_expect_status("rel_shift(NULL, 3, 6, 1, 10000, out)", rel_shift(NULL, 3, 6, 1, 10000.0, out),
                      KIT_ERR_NULL);
    kit_expect_status("rel_shift(pe, 3, 6, 1, 10000, NULL)", rel_shift(pe, 3, 6, 1, 10000.0, NULL),
                      KIT_ERR_NULL);
    kit_expect_status("rel_shift(pe, 3, 0, 1, 10000, out)", rel_shift(pe, 3, 0, 1, 10000.0, out),
                      KIT_ERR_SIZE);
    kit_expect_status("rel_shift(pe, SIZE_MAX / 4, 8, 1, 10000, out)",
                      rel_shift(pe, SIZE_MAX / 4, 8, 1, 10000.0, out), KIT_ERR_SIZE);
    kit_expect_status("rel_shift(pe, 3, 6, 1, 1.0, out)", rel_shift(pe, 3, 6, 1, 1.0, out),
                      KIT_ERR_DOMAIN);
    kit_expect_status("rel_shift(pe, 3, 6, 1, NAN, out)", rel_shift(pe, 3, 6, 1, NAN, out),
                      KIT_ERR_DOMAIN);
    kit_expect_status("rel_shift(pe, 3, 6, 1, INFINITY, out)",
                      rel_shift(pe, 3, 6, 1, INFINITY, out), KIT_ERR_DOMAIN);
    kit_expect_status("rel_shift(pe, 3, 6, 1, -INFINITY, out)",
                      rel_shift(pe, 3, 6, 1, -INFINITY, out), KIT_ERR_DOMAIN);
    kit_expect_status("rel_shift(pe, 2, SIZE_MAX / 2 + 1, 1, 10000, out) (n*d overflows)",
                      rel_shift(pe, 2, SIZE_MAX / 2 + 1, 1, 10000.0, out), KIT_ERR_SIZE);
    kit_expect_status("rel_shift(NULL, 0, 6, -2, INFINITY, NULL) (n == 0 is checked last: base "
                      "infinite)", rel_shift(NULL, 0, 6, -2, INFINITY, NULL), KIT_ERR_DOMAIN);
    kit_expect_status("rel_shift(NULL, 0, 6, -2, 1.0, NULL) (n == 0 is checked last: base 1)",
                      rel_shift(NULL, 0, 6, -2, 1.0, NULL), KIT_ERR_DOMAIN);
    /* n == 0 is checked last (the header's example): the other arguments first */
    kit_expect_status("rel_shift(NULL, 0, 4, 1, 0.5, NULL) (n == 0 is checked last: base 0.5)",
                      rel_shift(NULL, 0, 4, 1, 0.5, NULL), KIT_ERR_DOMAIN);
    kit_expect_status("rel_shift(NULL, 0, 5, 1, 10000, NULL) (n == 0 is checked last: odd d)",
                      rel_shift(NULL, 0, 5, 1, 10000.0, NULL), KIT_ERR_DOMAIN);
    kit_expect_status("rel_shift(NULL, 0, 0, 1, 10000, NULL) (n == 0 is checked last: d == 0)",
                      rel_shift(NULL, 0, 0, 1, 10000.0, NULL), KIT_ERR_SIZE);
    kit_expect_untouched("out", out);
    probe_shift();
}

/* ---- rel_gram --------------------------------------------------------------- */
/* A square random table: the Gram of its rows (P P^T) and of its columns
   (P^T P) have the same shape but different values. */
static void gram_mistakes(void **state)
{
    size_t n = 6;
    double *P = kit_doubles(n * n), *G = kit_doubles(n * n);
    (void)state;
    kit_fill(P, n * n, 5, -1.0, 1.0);
    kit_expect_status("rel_gram(P, 6, 6, G)", rel_gram(P, n, n, G), KIT_OK);
#ifdef KIT_JUDGE
    double *want = kit_doubles(n * n), *cols = kit_doubles(n * n);
    struct kit_mistake m[1] = {
        { "gram-of-columns", "you took dot products of columns (P^T P, d x d); the Gram matrix of "
          "the positions is P P^T, n x n: G[p][q] = sum_j P[p][j] P[q][j].", cols },
    };
    for (size_t a = 0; a < n; a++)
        for (size_t b = 0; b < n; b++) {
            double rows = 0.0, columns = 0.0;
            for (size_t t = 0; t < n; t++) {
                rows += P[a * n + t] * P[b * n + t];
                columns += P[t * n + a] * P[t * n + b];
            }
            want[a * n + b] = rows;
            cols[a * n + b] = columns;
        }
    kit_expect_table("G", "p,q", G, want, n, n, TOL, m, 1);
#endif
}

/* n = 3 rows of d = 4 values: a Gram of the columns would be 4 x 4 and
   write past the 3 x 3 buffer (into its guard zone, where it is seen). */
static void gram_wide_table(void **state)
{
    const double x[3 * 4] = { 0.5, -1, 0.25, 2,
                              -0.5, 0.3, -2, 0.1,
                              1, 1, -1, 0.75 };
    double *G = kit_doubles(3 * 3);
    (void)state;
    kit_overflow_hint("gram-of-columns", "the Gram matrix is n x n (one entry per pair of rows, "
                      "i.e. of positions), not d x d: dot products along each row.");
    kit_expect_status("rel_gram(x, 3, 4, G)", rel_gram(x, 3, 4, G), KIT_OK);
    kit_expect_table("G", "p,q", G, golden_gram_3x4, 3, 3, TOL, NULL, 0);
}


#ifdef KIT_JUDGE
/* gram-half's model: one triangle (p < q, or p > q) never written -- every
   cell of it NaN -- and every other cell the right dot product. */
static int gram_half_fits(const double *pe, size_t n, size_t d, const double *G)
{
    for (int upper = 0; upper < 2; upper++) {
        int fits = 1;
        for (size_t p = 0; p < n && fits; p++)
            for (size_t q = 0; q < n && fits; q++) {
                double dot = 0.0;
                if (upper ? p < q : p > q) {
                    fits = isnan(G[p * n + q]);
                    continue;
                }
                for (size_t j = 0; j < d; j++)
                    dot += pe[p * d + j] * pe[q * d + j];
                fits = fabs(G[p * n + q] - dot) <= TOL;
            }
        if (fits)
            return 1;
    }
    return 0;
}
#endif

/* The Gram matrix of PE(0 .. 11), d = 16, is symmetric and Toeplitz:
   G[p][q] depends only on p - q. */
static void gram_toeplitz(void **state)
{
    size_t n = 12, d = 16;
    double *pe = pe_rows(0.0, 1.0, n, d, 10000.0), *G = kit_doubles(n * n);
    (void)state;
    kit_expect_status("rel_gram(PE(0..11), 12, 16, G)", rel_gram(pe, n, d, G), KIT_OK);
#ifdef KIT_JUDGE
    for (size_t p = 0; p < n; p++)
        for (size_t q = 0; q < n; q++) {
            if (!(fabs(G[p * n + q] - G[q * n + p]) <= TOL)) {
                /* the model of gram-half: one of the two never written (the
                   marker, a NaN), the other a number; an asymmetric G with
                   both written is another mistake (a wrong stride, say) */
                if (isnan(G[p * n + q]) != isnan(G[q * n + p]) && gram_half_fits(pe, n, d, G))
                    kit_hint("gram-half", "fill every entry: G[q][p] = G[p][q], both must be "
                             "written.");
                kit_fail("G[%zu][%zu] = %.15g but G[%zu][%zu] = %.15g", p, q, G[p * n + q], q, p,
                         G[q * n + p]);
            }
            if (p > 0 && q > 0)
                kit_expect_true(fabs(G[p * n + q] - G[(p - 1) * n + q - 1]) <= TOL,
                                "G[%zu][%zu] = %.15g but G[%zu][%zu] = %.15g: for an encoding "
                                "table G depends only on p - q", p, q, G[p * n + q], p - 1, q - 1,
                                G[(p - 1) * n + q - 1]);
        }
#endif
    kit_expect_near("G[0][0] = ||PE(0)||^2 = d/2", G[0], 8.0, TOL);
}

static void gram_bad_arguments(void **state)
{
    const double x[4] = { 1, 2, 3, 4 };
    double *G = kit_doubles(4);
    (void)state;
    kit_expect_status("rel_gram(NULL, 2, 2, G)", rel_gram(NULL, 2, 2, G), KIT_ERR_NULL);
    kit_expect_status("rel_gram(x, 2, 2, NULL)", rel_gram(x, 2, 2, NULL), KIT_ERR_NULL);
    kit_expect_status("rel_gram(x, 0, 2, G)", rel_gram(x, 0, 2, G), KIT_ERR_SIZE);
    kit_expect_status("rel_gram(x, 2, 0, G)", rel_gram(x, 2, 0, G), KIT_ERR_SIZE);
    kit_expect_status("rel_gram(x, SIZE_MAX / 16, 1, G)", rel_gram(x, SIZE_MAX / 16, 1, G),
                      KIT_ERR_SIZE);
    kit_expect_status("rel_gram(x, 2, SIZE_MAX / 2 + 1, G) (n*d overflows)",
                      rel_gram(x, 2, SIZE_MAX / 2 + 1, G), KIT_ERR_SIZE);
    kit_expect_status("rel_gram(x, (size_t)1 << 33, 1, G) (n*n overflows, n*d does not)",
                      rel_gram(x, (size_t)1 << 33, 1, G), KIT_ERR_SIZE);
    kit_expect_untouched("G", G);
    probe_gram();
}

/* ---- rel_dot_offset --------------------------------------------------------- */
static void dot_offset_mistakes(void **state)
{
    static const int ks[5] = { -4, -3, 0, 2, 7 };
    double dot[5];
    (void)state;
    for (size_t t = 0; t < 5; t++)
        kit_expect_status("rel_dot_offset(dot, k, 8, 10000)",
                          rel_dot_offset(&dot[t], ks[t], 8, 10000.0), KIT_OK);
#ifdef KIT_JUDGE
    double plus1[5], minus1[5], twice[5], want[5];
    struct kit_mistake m[3] = {
        { "offset-off-by-one", "you used offset k + 1: the dot product of PE(p + k) and PE(p) is "
          "sum_i cos(k omega_i).", plus1 },
        { "offset-off-by-one", "you used offset k - 1: the dot product of PE(p + k) and PE(p) is "
          "sum_i cos(k omega_i).", minus1 },
        { "pairs-twice", "your value is twice too large: there are d/2 pairs, and each pair "
          "gives sin.sin + cos.cos = cos(k omega_i) once.", twice },
    };
    for (size_t t = 0; t < 5; t++) {
        plus1[t] = minus1[t] = twice[t] = want[t] = 0.0;
        for (size_t i = 0; i < 4; i++) {
            double w = omega_of(i, 8, 10000.0);
            want[t] += cos(ks[t] * w);
            plus1[t] += cos((ks[t] + 1) * w);
            minus1[t] += cos((ks[t] - 1) * w);
        }
        twice[t] = 2.0 * want[t];
    }
    /* Anchor the model to bc: k = -4, -3, 0, 2 are golden_dot_d8[4], [3], [0], [2]. */
    kit_expect_near("model check", want[0], golden_dot_d8[4], TOL);
    want[0] = golden_dot_d8[4];
    want[1] = golden_dot_d8[3];
    want[2] = golden_dot_d8[0];
    want[3] = golden_dot_d8[2];
    kit_expect_table("dot for k = -4, -3, 0, 2, 7", "k", dot, want, 1, 5, TOL, m, 3);
#endif
}

static void dot_offset_far(void **state)
{
    double dot = -1.0;
    (void)state;
    kit_expect_status("rel_dot_offset(dot, 1000, 16, 100)", rel_dot_offset(&dot, 1000, 16, 100.0), KIT_OK);
    kit_expect_near("PE(p + 1000) . PE(p), d = 16, base 100", dot, golden_dot_d16_k1000_base100[0], TOL);
}

/* The closed form and the table agree: dot(k) = G[p + k][p] for every p. */
static void dot_offset_matches_gram(void **state)
{
    size_t n = 9, d = 12;
    double *pe = pe_rows(20.0, 1.0, n, d, 500.0), *G = kit_doubles(n * n);
    (void)state;
    kit_expect_status("rel_gram(PE(20..28), 9, 12, G)", rel_gram(pe, n, d, G), KIT_OK);
    for (int k = -(int)n + 1; k < (int)n; k++) {
        double dot = -1.0;
        kit_expect_status("rel_dot_offset(dot, k, 12, 500)", rel_dot_offset(&dot, k, d, 500.0), KIT_OK);
#ifdef KIT_JUDGE
        for (size_t q = 0; q < n; q++) {
            long p = (long)q + k;
            if (p < 0 || p >= (long)n)
                continue;
            kit_expect_true(fabs(dot - G[(size_t)p * n + q]) <= TOL,
                            "rel_dot_offset gives %.15g for k = %d but G[%ld][%zu] = %.15g",
                            dot, k, p, q, G[(size_t)p * n + q]);
        }
#endif
    }
}

static void dot_offset_bad_arguments(void **state)
{
    double *dot = kit_doubles(1);
    (void)state;
    kit_expect_status("rel_dot_offset(NULL, 1, 8, 10000)", rel_dot_offset(NULL, 1, 8, 10000.0), KIT_ERR_NULL);
    kit_expect_status("rel_dot_offset(dot, 1, 0, 10000)", rel_dot_offset(dot, 1, 0, 10000.0), KIT_ERR_SIZE);
    kit_expect_status("rel_dot_offset(dot, 1, 7, 10000) (odd d)", rel_dot_offset(dot, 1, 7, 10000.0),
                      KIT_ERR_DOMAIN);
    kit_expect_status("rel_dot_offset(dot, 1, 8, NAN)", rel_dot_offset(dot, 1, 8, NAN), KIT_ERR_DOMAIN);
    kit_expect_status("rel_dot_offset(dot, -3, 6, 1.0)", rel_dot_offset(dot, -3, 6, 1.0), KIT_ERR_DOMAIN);
    kit_expect_status("rel_dot_offset(dot, -3, 6, 0.5)", rel_dot_offset(dot, -3, 6, 0.5), KIT_ERR_DOMAIN);
    kit_expect_status("rel_dot_offset(dot, -3, 6, INFINITY)", rel_dot_offset(dot, -3, 6, INFINITY),
                      KIT_ERR_DOMAIN);
    kit_expect_status("rel_dot_offset(dot, -3, 6, -INFINITY)",
                      rel_dot_offset(dot, -3, 6, -INFINITY), KIT_ERR_DOMAIN);
    kit_expect_status("rel_dot_offset(dot, 2, 1, 500) (odd d)", rel_dot_offset(dot, 2, 1, 500.0),
                      KIT_ERR_DOMAIN);
    kit_expect_untouched("dot", dot);
    probe_dot_offset();
}

/* ---- rel_compose ------------------------------------------------------------ */
/* Random 4 x 4 matrices (not the public 3 x 3 example). */
static void compose_mistakes(void **state)
{
    double *A = kit_doubles(16), *B = kit_doubles(16), *C = kit_doubles(16);
    (void)state;
    kit_fill(A, 16, 69, -2.0, 2.0);
    kit_fill(B, 16, 70, -2.0, 2.0);
    kit_expect_status("rel_compose(A, B, 4, C)", rel_compose(A, B, 4, C), KIT_OK);
#ifdef KIT_JUDGE
    double *ab = kit_doubles(16), *ba = kit_doubles(16), *abt = kit_doubles(16);
    struct kit_mistake m[2] = {
        { "compose-order", "you computed B A; matrix products do not commute (rotations of one "
          "encoding happen to): C = A B, C[r][c] = sum_t A[r][t] B[t][c].", ba },
        { "compose-transposed", "you multiplied row r of A by row c of B (A B^T): the second factor "
          "is read down a column, B[t][c].", abt },
    };
    for (size_t r = 0; r < 4; r++)
        for (size_t c = 0; c < 4; c++) {
            ab[r * 4 + c] = ba[r * 4 + c] = abt[r * 4 + c] = 0.0;
            for (size_t t = 0; t < 4; t++) {
                ab[r * 4 + c] += A[r * 4 + t] * B[t * 4 + c];
                ba[r * 4 + c] += B[r * 4 + t] * A[t * 4 + c];
                abt[r * 4 + c] += A[r * 4 + t] * B[c * 4 + t];
            }
        }
    kit_expect_table("C = A B", "r,c", C, ab, 4, 4, TOL, m, 2);
#endif
}

/* M_a M_b = M_{a+b} with a negative a, and M_k M_{-k} = I. */
static void compose_group_law_negative(void **state)
{
    size_t d = 16;
    double *Ma = kit_doubles(d * d), *Mb = kit_doubles(d * d), *Mab = kit_doubles(d * d);
    double *C = kit_doubles(d * d), *D = kit_doubles(d * d);
    (void)state;
    kit_expect_status("rel_rotation(M, -7, 16, 10000)", rel_rotation(Ma, -7, d, 10000.0), KIT_OK);
    kit_expect_status("rel_rotation(M, 12, 16, 10000)", rel_rotation(Mb, 12, d, 10000.0), KIT_OK);
    kit_expect_status("rel_rotation(M, 5, 16, 10000)", rel_rotation(Mab, 5, d, 10000.0), KIT_OK);
    kit_expect_status("rel_compose(M_-7, M_12, 16, C)", rel_compose(Ma, Mb, d, C), KIT_OK);
    kit_expect_table("M_-7 M_12 (must be M_5)", "r,c", C, Mab, d, d, TOL, NULL, 0);
    kit_expect_status("rel_rotation(M, 7, 16, 10000)", rel_rotation(Mb, 7, d, 10000.0), KIT_OK);
    kit_expect_status("rel_compose(M_-7, M_7, 16, D)", rel_compose(Ma, Mb, d, D), KIT_OK);
#ifdef KIT_JUDGE
    double *I = kit_doubles(d * d);
    for (size_t k = 0; k < d * d; k++)
        I[k] = (k / d == k % d) ? 1.0 : 0.0;
    kit_expect_table("M_-7 M_7 (must be I)", "r,c", D, I, d, d, TOL, NULL, 0);
#endif
    probe_rotation();   /* rotations commute: the probe of the factors, not of the order */
}

static void compose_bad_arguments(void **state)
{
    const double A[4] = { 1, 2, 3, 4 };
    double *C = kit_doubles(4);
    (void)state;
    kit_expect_status("rel_compose(NULL, A, 2, C)", rel_compose(NULL, A, 2, C), KIT_ERR_NULL);
    kit_expect_status("rel_compose(A, NULL, 2, C)", rel_compose(A, NULL, 2, C), KIT_ERR_NULL);
    kit_expect_status("rel_compose(A, A, 2, NULL)", rel_compose(A, A, 2, NULL), KIT_ERR_NULL);
    kit_expect_status("rel_compose(A, A, 0, C)", rel_compose(A, A, 0, C), KIT_ERR_SIZE);
    kit_expect_status("rel_compose(A, A, SIZE_MAX / 2, C)", rel_compose(A, A, SIZE_MAX / 2, C),
                      KIT_ERR_SIZE);
    kit_expect_untouched("C", C);
    probe_compose();
}

/* ---- sweeps: each function alone over a grid of its arguments ----------- */
/* Expected values from the definitions, written here (never the reference):
   M_k block by block (model_rotation with the right sign), each pair of a row
   rotated by k omega_i, dot products of rows, PE(p + k) . PE(p) summed over
   the columns, the matrix product. Far offsets k: the angle k omega_i carries
   ~|k| 2^-53, in the expected value and in any correct answer, so those cases
   allow TOL + |k| 2^-50 (per term). */
#ifdef KIT_JUDGE
/* PE(pos, j), convention A. */
static double pe_exact(double pos, size_t j, size_t d, double base)
{
    double angle = pos * omega_of(j / 2, d, base);
    return (j % 2 == 0) ? sin(angle) : cos(angle);
}

/* Each (sin, cos) pair of the n rows of pe rotated by k omega_i. */
static double *model_shift(const double *pe, size_t n, size_t d, int k, double base)
{
    double *out = kit_doubles(n * d);
    for (size_t r = 0; r < n; r++)
        for (size_t i = 0; i < d / 2; i++) {
            double a = (double)k * omega_of(i, d, base);
            double s = pe[r * d + 2 * i], c = pe[r * d + 2 * i + 1];
            out[r * d + 2 * i] = cos(a) * s + sin(a) * c;        /* sin(t + a) */
            out[r * d + 2 * i + 1] = -sin(a) * s + cos(a) * c;   /* cos(t + a) */
        }
    return out;
}
#endif /* KIT_JUDGE */

static void sweep_rel_rotation(void **state)
{
    static const struct { int k; size_t d; double base; } cases[] = {
        { 0, 2, 10000.0 }, { 1, 2, 2.0 }, { -1, 4, 100.0 }, { 5, 6, 1.5 }, { -7, 10, 10000.0 },
        { 12345, 4, 1e6 }, { -1000, 8, 100.0 }, { 2, 12, 3.0 }, { 3, 2, 10000.0 },
        { 100, 6, 10000.0 },
    };
    static const size_t odd[3] = { 1, 3, 9 };
    double *unwritten = kit_doubles(9 * 9);
    (void)state;
    kit_grid_begin("rel_rotation over the sweep's cases");
    for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++) {
        int k = cases[t].k;
        size_t d = cases[t].d;
        kit_case("d", d);
        double base = cases[t].base;
        double *M = kit_doubles(d * d);
        kit_expect_status("rel_rotation(M, k, d, base)", rel_rotation(M, k, d, base), KIT_OK);
#ifdef KIT_JUDGE
        {
            char what[64];
            struct kit_mistake m[1] = {
                { "rotation-sign", rotation_sign_hint(k), model_rotation(-(double)k, 1, d, base) },
            };
            snprintf(what, sizeof what, "M_%d, d = %zu, base = %g", k, d, base);
            kit_expect_table(what, "r,c", M, model_rotation((double)k, 1, d, base), d, d,
                             TOL + ldexp(fabs((double)k), -50), m, k != 0);
        }
#endif
    }
    for (size_t t = 0; t < 3; t++) {   /* odd d, each its own case of the grid */
        kit_case("d", odd[t]);
        kit_expect_status("rel_rotation(M, 1, odd d, 10000)",
                          rel_rotation(unwritten, 1, odd[t], 10000.0), KIT_ERR_DOMAIN);
        kit_expect_untouched("M (odd d)", unwritten);
    }
    kit_grid_end();
}

static void sweep_rel_shift(void **state)
{
    /* first < 0: random rows (seed -first); else PE(first ..) rows. */
    static const struct { size_t n, d; int k; double base; long first; int in_place; } cases[] = {
        { 1, 2, 1, 10000.0, -21, 0 }, { 2, 4, -1, 100.0, -22, 0 }, { 7, 12, 3, 3.0, -23, 0 },
        { 3, 6, 999, 10000.0, 0, 0 }, { 4, 8, -40, 1e6, 5000, 0 }, { 5, 2, 0, 10000.0, -24, 0 },
        { 6, 10, 17, 50.0, -25, 1 }, { 1, 16, -3, 10000.0, 3, 0 }, { 3, 4, 2, 1.5, 10, 1 },
    };
    double *unwritten = kit_doubles(2 * 3), odd_in[2 * 3] = { 0 };
    (void)state;
    kit_grid_begin("rel_shift over the sweep's cases");
    for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++) {
        size_t n = cases[t].n, d = cases[t].d;
        kit_case("n,d", n, d);
        int k = cases[t].k;
        double base = cases[t].base;
        long first = cases[t].first;
        double *pe, *out;
        if (first < 0) {
            pe = kit_doubles(n * d);
            kit_fill(pe, n * d, (uint64_t)-first, -1.5, 1.5);
        } else {
            pe = pe_rows((double)first, 1.0, n, d, base);
        }
        out = cases[t].in_place ? pe : kit_doubles(n * d);
#ifdef KIT_JUDGE
        double *want = model_shift(pe, n, d, k, base);   /* before the call: out may be pe */
        double *wrong_way = model_shift(pe, n, d, -k, base);
#endif
        kit_expect_status(cases[t].in_place ? "rel_shift(pe, n, d, k, base, pe) (in place)"
                                            : "rel_shift(pe, n, d, k, base, out)",
                          rel_shift(pe, n, d, k, base, out), KIT_OK);
#ifdef KIT_JUDGE
        {
            char what[96];
            snprintf(what, sizeof what, "out, n = %zu, d = %zu, k = %d, base = %g%s", n, d, k,
                     base, first < 0 ? ", random rows" : ", rows of PE");
            struct kit_mistake m[1] = {
                { "rotation-sign", k < 0 ? "your rows are turned by -k: the rotation turns the "
                  "wrong way (the sin terms' signs exchanged), or the sign of k is lost (|k|, or "
                  "k in an unsigned type)." : "your rows are turned by -k: the rotation turns the "
                  "wrong way; s' = cos(a) s + sin(a) c, c' = -sin(a) s + cos(a) c, a = k omega_i.",
                  NULL },
            };
            if (first >= 0)
                kit_table_pe((size_t)(first + k), d, base);
            m[0].values = wrong_way;
            kit_expect_table(what, "row,j", out, want, n, d, TOL + ldexp(fabs((double)k), -50),
                             m, k != 0);
        }
#endif
    }
    kit_case("n,d", 2, 3);                /* odd d: cases of their own */
    kit_expect_status("rel_shift(pe, 2, 3, 1, 10000, out) (odd d)",
                      rel_shift(odd_in, 2, 3, 1, 10000.0, unwritten), KIT_ERR_DOMAIN);
    kit_case("n,d", 2, 1);
    kit_expect_status("rel_shift(pe, 2, 1, 1, 10000, out) (odd d)",
                      rel_shift(odd_in, 2, 1, 1, 10000.0, unwritten), KIT_ERR_DOMAIN);
    kit_expect_untouched("out (odd d)", unwritten);
    kit_grid_end();
}

static void sweep_rel_gram(void **state)
{
    static const struct { size_t n, d; } cases[] = {
        { 1, 1 }, { 1, 5 }, { 2, 1 }, { 3, 7 }, { 5, 2 }, { 8, 3 }, { 4, 16 }, { 6, 6 },
    };
    (void)state;
    kit_grid_begin("rel_gram over the sweep's cases");
    for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++) {
        size_t n = cases[t].n, d = cases[t].d;
        kit_case("n,d", n, d);
        double *pe = kit_doubles(n * d), *G = kit_doubles(n * n);
        kit_fill(pe, n * d, 30 + t, -2.0, 2.0);
        kit_expect_status("rel_gram(pe, n, d, G)", rel_gram(pe, n, d, G), KIT_OK);
#ifdef KIT_JUDGE
        {
            double *want = kit_doubles(n * n);
            char what[48];
            for (size_t p = 0; p < n; p++)
                for (size_t q = 0; q < n; q++) {
                    want[p * n + q] = 0.0;
                    for (size_t j = 0; j < d; j++)
                        want[p * n + q] += pe[p * d + j] * pe[q * d + j];
                }
            snprintf(what, sizeof what, "G, n = %zu, d = %zu", n, d);
            kit_expect_table(what, "p,q", G, want, n, n, TOL, NULL, 0);
        }
#endif
    }
    kit_grid_end();
}

static void sweep_rel_dot_offset(void **state)
{
    static const struct { int k; size_t d; double base; } cases[] = {
        { 0, 2, 10000.0 }, { 1, 2, 1.5 }, { -3, 4, 100.0 }, { 7, 6, 1e7 }, { -500, 16, 10000.0 },
        { 100000, 64, 10000.0 }, { 13, 64, 2.0 }, { 2, 10, 50.0 }, { -1, 8, 10000.0 },
    };
    double *unwritten = kit_doubles(1);
    (void)state;
    kit_grid_begin("rel_dot_offset over the sweep's cases");
    for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++) {
        int k = cases[t].k;
        size_t d = cases[t].d;
        kit_case("d", d);
        double base = cases[t].base;
        double *dot = kit_doubles(1);
        kit_expect_status("rel_dot_offset(dot, k, d, base)", rel_dot_offset(dot, k, d, base), KIT_OK);
#ifdef KIT_JUDGE
        {
            double want = 0.0;
            char what[64];
            for (size_t j = 0; j < d; j++)             /* PE(3 + k) . PE(3) */
                want += pe_exact(3.0 + k, j, d, base) * pe_exact(3.0, j, d, base);
            snprintf(what, sizeof what, "PE(p + %d) . PE(p), d = %zu, base = %g", k, d, base);
            kit_expect_near(what, *dot, want, (TOL + ldexp(fabs((double)k) + 3.0, -50)) * (double)(d / 2));
        }
#endif
    }
    kit_case("d", 1);                     /* odd d: cases of their own */
    kit_expect_status("rel_dot_offset(dot, 1, 1, 10000) (odd d)",
                      rel_dot_offset(unwritten, 1, 1, 10000.0), KIT_ERR_DOMAIN);
    kit_case("d", 5);
    kit_expect_status("rel_dot_offset(dot, 1, 5, 10000) (odd d)",
                      rel_dot_offset(unwritten, 1, 5, 10000.0), KIT_ERR_DOMAIN);
    kit_expect_untouched("dot (odd d)", unwritten);
    kit_grid_end();
}

static void sweep_rel_compose(void **state)
{
    static const size_t ds[5] = { 1, 2, 3, 5, 8 };
    (void)state;
    kit_grid_begin("rel_compose over the sweep's cases");
    for (size_t t = 0; t < 5; t++) {
        size_t d = ds[t];
        kit_case("d", d);
        double *A = kit_doubles(d * d), *B = kit_doubles(d * d), *C = kit_doubles(d * d);
        kit_fill(A, d * d, 40 + t, -1.0, 1.0);
        kit_fill(B, d * d, 50 + t, -1.0, 1.0);
        kit_expect_status("rel_compose(A, B, d, C)", rel_compose(A, B, d, C), KIT_OK);
#ifdef KIT_JUDGE
        {
            double *want = kit_doubles(d * d);
            char what[40];
            for (size_t r = 0; r < d; r++)
                for (size_t c = 0; c < d; c++) {
                    want[r * d + c] = 0.0;
                    for (size_t s = 0; s < d; s++)
                        want[r * d + c] += A[r * d + s] * B[s * d + c];
                }
            snprintf(what, sizeof what, "C = A B, d = %zu", d);
            kit_expect_table(what, "r,c", C, want, d, d, TOL, NULL, 0);
        }
#endif
    }
    kit_grid_end();
}

const struct kit_test kit_tests_hidden[] = {
    KIT_TEST(rotation_mistakes, 3, "rel_rotation", "§5.2", "M_{-2}, d = 6, base 100, naming sign and off-by-one mistakes"),
    KIT_TEST(rotation_m3_names_mistakes, 1, "rel_rotation", "§5.2", "M_5, d = 10, base 300, naming the transpose"),
    KIT_TEST(rotation_identity_and_inverse, 2, "rel_rotation", "§5.2", "M_0 = I, M_{-k} = M_k^T, M M^T = I"),
    KIT_TEST(rotation_more_bad_arguments, 1, "rel_rotation", "§5.2", "d = 1 and 3, NaN, infinities, base < 1 and = 1, NULL, d * d overflow"),
    KIT_TEST(shift_mistakes, 3, "rel_shift", "§5.3", "PE(10..13) by k = -3, naming the known mistakes"),
    KIT_TEST(shift_same_for_every_row, 2, "rel_shift", "§5.3", "equal rows give equal results; pair norms kept"),
    KIT_TEST(shift_far, 1, "rel_shift", "§5.3", "PE(995..996) by k = 1000, base 100 (bc golden)"),
    KIT_TEST(shift_in_place, 2, "rel_shift", "§5.3", "out == pe works"),
    KIT_TEST(shift_step_norm, 1, "rel_shift", "§5.3", "||PE(p + 1) - PE(p)|| = 0.964100 for d = 8"),
    KIT_TEST(shift_edge_cases, 1, "rel_shift", "§5.3", "n = 0 (checked after the other arguments), odd d, NULL, d = 0, overflow (by n and by d), bases"),
    KIT_TEST(gram_mistakes, 2, "rel_gram", "§5.4", "a square random table: rows, not columns"),
    KIT_TEST(gram_wide_table, 2, "rel_gram", "§5.4", "n = 3, d = 4: an n x n result (bc golden)"),
    KIT_TEST(gram_toeplitz, 2, "rel_gram", "§5.4", "the Gram of an encoding table is symmetric Toeplitz"),
    KIT_TEST(gram_bad_arguments, 1, "rel_gram", "§5.4", "NULL, n = 0, d = 0, overflow of n * d and of n * n"),
    KIT_TEST(dot_offset_mistakes, 2, "rel_dot_offset", "§5.5", "negative k, k = 0, k = 7; off-by-one named"),
    KIT_TEST(dot_offset_far, 1, "rel_dot_offset", "§5.5", "k = 1000, d = 16, base 100 (bc golden)"),
    KIT_TEST(dot_offset_matches_gram, 2, "rel_gram,rel_dot_offset", "§5.5", "the closed form equals the table's Gram"),
    KIT_TEST(dot_offset_bad_arguments, 1, "rel_dot_offset", "§5.5", "NULL, d = 0, odd d, bases NaN, infinite, 1 and below"),
    KIT_TEST(compose_mistakes, 2, "rel_compose", "§5.6", "random 4 x 4: A B, not B A nor A B^T"),
    KIT_TEST(compose_group_law_negative, 2, "rel_rotation,rel_compose", "§5.6", "M_-7 M_12 = M_5, M_-7 M_7 = I"),
    KIT_TEST(compose_bad_arguments, 1, "rel_compose", "§5.6", "NULL, d = 0, overflow"),
    KIT_TEST(sweep_rel_rotation, 2, "rel_rotation", "§5.2", "d = 2 .. 12, k = -1000 .. 12345, bases 1.5 .. 1e6; odd d refused"),
    KIT_TEST(sweep_rel_shift, 2, "rel_shift", "§5.3", "n = 1 .. 7, d = 2 .. 16, k = -40 .. 999, random and far PE rows, in place; odd d refused"),
    KIT_TEST(sweep_rel_gram, 1, "rel_gram", "§5.4", "random tables, n and d from 1 to 16"),
    KIT_TEST(sweep_rel_dot_offset, 2, "rel_dot_offset", "§5.5", "d = 2 .. 64, k = -500 .. 1e5, bases 1.5 .. 1e7; odd d refused"),
    KIT_TEST(sweep_rel_compose, 1, "rel_compose", "§5.6", "random d x d matrices, d = 1 .. 8"),
    KIT_END_OF_TESTS
};
