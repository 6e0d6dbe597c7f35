/*
 * test_hidden.c — chapter 9's hidden tests: golden values from bc, the
 * properties of the recurrence, edge cases, and the known mistakes (no
 * reseeding, float accumulation, wrong recurrence sign, an angle kept in
 * double), each recognised with its hint.
 *
 * Tolerances, justified:
 * - float error against bc: 1.2e-7 (sinf/cosf's final rounding, <= 6e-8, is
 *   the one step bc does not emulate).
 * - small tables against bc: 1e-14 (angles below 10, a few roundings each).
 * - against libm at n = 4096: 1e-12 (libm's own angle pos * omega is rounded
 *   by up to 4.5e-13 there).
 * - unit circle: |s^2 + c^2 - 1| <= 1e-13 for the fast generator (the
 *   contract) and 1e-14 for ps_table_rotate with R = 16. Measured with the
 *   reference: 3.4e-14 (R = 256) and 3.1e-15 (R = 16); never reseeding gives
 *   5.0e-13 at n = 4096, d = 512.
 * - sweeps (the contract's steps computed in the judge): the float error
 *   1.2e-7, as against bc; ps_table_rotate against the contract's recurrence
 *   5e-14 and ps_drift against it 3e-14, at n <= 2048: a fused multiply-add
 *   in the rotation moves a value by at most 8.4e-15 and a drift by 7.2e-15
 *   there (measured), while a wrong R, d or base moves them by >= 1e-13
 *   (libm's angle pos * omega is rounded, the recurrence's is not);
 *   ps_table_fast against libm 1e-12, the contract.
 * Golden values, models, hints and value checks exist only in the judge's
 * build (KIT_JUDGE, see kit_test.h): the subject, which holds the student's
 * code, has no answer in its memory.
 */
#define _POSIX_C_SOURCE 200809L   /* getrlimit, setrlimit, sysconf */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/resource.h>
#include <unistd.h>

#include "kit_test.h"
#include "09-precision-and-speed.h"
#include "../../exercises/09-precision-and-speed/test_data.h"

#ifdef KIT_JUDGE
/* From bc (tests/golden/09-precision-and-speed.bc). */
static const double golden_float_error_d7_base100[1] = {
    0.00010019753859879126
};
static const double golden_pe_7x5[35] = {
    0, 1, 0, 1,
    0, 0.8414709848078965, 0.54030230586813977, 0.025116222909773781,
    0.99968453791520984, 0.00063095730261542027, 0.90929742682568171, -0.41614683654714241,
    0.050216599387465213, 0.99873835069349315, 0.0012619143540422222, 0.14112000805986721,
    -0.98999249660044542, 0.075285292998888961, 0.99716203530723702, 0.001892870903091888,
    -0.7568024953079282, -0.65364362086361194, 0.10030648729934577, 0.99495658629191763,
    0.0025238266985760996, -0.95892427466313845, 0.28366218546322625, 0.12526439581259971,
    0.99212339511862346, 0.0031547814893068383, -0.27941549819892586, 0.96017028665036597,
    0.1501432719909476, 0.98866424931614283, 0.0037857350240964862
};

/* ---- hints shared by the generators -------------------------------------- */
static const char *no_reseed_hint =
    "every value matches the recurrence seeded at row 0 only: the rotation by the rounded "
    "(cos w, sin w) has "
    "determinant 1 + eps, so s^2 + c^2 drifts by ~pos * eps. Reseed (s, c) from libm every "
    "R rows (row pos % R == 0).";
static const char *float_hint =
    "every value matches the contract's recurrence computed in float32 (s, c, cos w and sin w "
    "as floats): keep them in double; a float recurrence loses ~1e-7 per step.";
static const char *sign_hint =
    "every value matches the recurrence with the sign of a sin w term flipped (in s', in c', or "
    "both: turned by -w): check the signs of the angle-addition formulas, sin(a + w) = sin a cos w + cos a sin w and cos(a + w) = "
    "cos a cos w - sin a sin w.";

/* Largest |s^2 + c^2 - 1| over the full pairs of an (n, d) table. */
static double worst_radius(const double *pe, size_t n, size_t d)
{
    double worst = 0.0;
    for (size_t pos = 0; pos < n; pos++)
        for (size_t i = 0; i < d / 2; i++) {
            double s = pe[pos * d + 2 * i], c = pe[pos * d + 2 * i + 1];
            if (fabs(s * s + c * c - 1.0) > worst)
                worst = fabs(s * s + c * c - 1.0);
        }
    return worst;
}

/* ---- recurrences, modelled ----------------------------------------------
 * A hint names a cause only when its model reproduces the whole table (or
 * drift profile): a sign error in the angle-addition step (in s', in c', or
 * both: turned the wrong way), to 1e-9; the contract's recurrence with s, c,
 * cos w and sin w in float (ROT_FLOAT), within the float rounding of the steps
 * since the last seed and with float32 values; the contract's recurrence in
 * double never reseeded (ROT_NO_RESEED), to 1e-9. R: the reseeding period of
 * the call (0 or >= n: row 0 only). */
enum rot_variant { ROT_SIGN, ROT_SIGN_S, ROT_SIGN_C, ROT_FLOAT, ROT_NO_RESEED, ROT_VARIANTS };

static double *model_rotate(size_t n, size_t d, double base, size_t R, enum rot_variant v)
{
    double *t = malloc(n * d * sizeof *t);   /* the caller frees it */
    if (t == NULL)
        return NULL;
    int flip_s = v == ROT_SIGN || v == ROT_SIGN_S, flip_c = v == ROT_SIGN || v == ROT_SIGN_C;
    for (size_t i = 0; 2 * i < d; i++) {
        double w = pow(base, -2.0 * (double)i / (double)d), cw = cos(w), sw = sin(w);
        float cwf = (float)cw, swf = (float)sw, sf = 0.0f, cf = 1.0f;
        double sd = 0.0, cd = 1.0;
        for (size_t pos = 0; pos < n; pos++) {
            if (pos == 0 || (v != ROT_NO_RESEED && R != 0 && pos % R == 0)) {
                sd = sin((double)pos * w);
                cd = cos((double)pos * w);
                sf = (float)sd;
                cf = (float)cd;
            } else if (v == ROT_FLOAT) {
                float s2 = sf * cwf + cf * swf, c2 = cf * cwf - sf * swf;
                sf = s2;
                cf = c2;
            } else {
                double s2 = flip_s ? sd * cw - cd * sw : sd * cw + cd * sw;
                double c2 = flip_c ? cd * cw + sd * sw : cd * cw - sd * sw;
                sd = s2;
                cd = c2;
            }
            t[pos * d + 2 * i] = v == ROT_FLOAT ? (double)sf : sd;
            if (2 * i + 1 < d)
                t[pos * d + 2 * i + 1] = v == ROT_FLOAT ? (double)cf : cd;
        }
    }
    return t;
}

static const char *rot_id(int v)
{
    return v <= ROT_SIGN_C ? "recurrence-sign" : v == ROT_FLOAT ? "float-accumulation" : "no-reseeding";
}

static const char *rot_hint(int v)
{
    return v <= ROT_SIGN_C ? sign_hint : v == ROT_FLOAT ? float_hint : no_reseed_hint;
}

/* a and b the same number: equal (infinities too), both NaN, or within tol
   relative (1 absolute below 1). */
static int same_number(double a, double b, double tol)
{
    return a == b || (isnan(a) && isnan(b)) || fabs(a - b) <= tol * fmax(1.0, fabs(b));
}

/* The reseeding period a free-form generator (ps_table_fast) shows: the first
   row pos >= 2 equal to libm's bit for bit (row 1 is sin w, cos w either way);
   n when there is none. */
static size_t seed_period(const double *pe, size_t n, size_t d, double base)
{
    for (size_t pos = 2; pos < n; pos++) {
        size_t j = 0;
        for (; j < d; j++) {
            double w = pow(base, -2.0 * (double)(j / 2) / (double)d), a = (double)pos * w;
            if (pe[pos * d + j] != (j % 2 == 0 ? sin(a) : cos(a)))
                break;
        }
        if (j == d)
            return pos;
    }
    return n;
}

/* Float rounding accumulated over the steps since row pos's last seed. */
static double float_room(size_t pos, size_t R)
{
    size_t steps = (R == 0 || R > pos) ? pos : pos % R;
    return 8.0 * 0x1p-24 * (1.0 + (double)steps);
}

/* Every value of the (n, d) table within float rounding of sin or cos of its own
   angle pos * w (the angle rounded to float too): a table computed directly in
   float (sinf of a float angle) explains it as well as a float recurrence does, so
   the recurrence is not proven. */
static int direct_float_explains(const double *pe, size_t n, size_t d, double base)
{
    for (size_t pos = 0; pos < n; pos++)
        for (size_t j = 0; j < d; j++) {
            double w = pow(base, -2.0 * (double)(j / 2) / (double)d), a = (double)pos * w;
            double exact = j % 2 == 0 ? sin(a) : cos(a);
            if (!(fabs(pe[pos * d + j] - exact) <= 4.0 * 0x1p-24 * (1.0 + fabs(a))))
                return 0;
        }
    return 1;
}

/* Hints for a generated (n, d) table whose model it reproduces; nothing when
   the table is right (every value within tol of want, and off_circle 0: the
   test's unit-circle check passed). A table never reseeded stays within
   1e-12 of libm at n = 4096 and fails only the circle, so a failed circle
   check alone makes the models worth trying. R: the call's reseeding period,
   SIZE_MAX for ps_table_fast (the period it shows). */
static void generator_hints(const double *pe, const double *want, double tol, int off_circle,
                            size_t n, size_t d, double base, size_t R)
{
    size_t wrong = off_circle != 0;
    for (size_t k = 0; k < n * d && !wrong; k++)
        wrong = !(fabs(pe[k] - want[k]) <= tol);
    if (wrong && R == SIZE_MAX)              /* a free-form generator: its period */
        R = seed_period(pe, n, d, base);
    for (int v = 0; v < ROT_VARIANTS && wrong; v++) {
        double *m = model_rotate(n, d, base, R, (enum rot_variant)v);
        size_t k = 0, floats = 0;
        for (; m != NULL && k < n * d; k++) {
            /* a double model must reproduce the values far more closely than
               the right table does (tol / 100): within 1e-9 every near-libm
               recurrence would "match" the never-reseeded one */
            if (!same_number(pe[k], m[k], v == ROT_FLOAT ? float_room(k / d, R) : tol / 100.0))
                break;
            floats += (double)(float)pe[k] == pe[k];
        }
        free(m);
        if (m != NULL && k == n * d && (v != ROT_FLOAT || (2 * floats >= n * d &&
                                                           !direct_float_explains(pe, n, d, base)))) {
            kit_hint(rot_id(v), "%s", rot_hint(v));
            return;
        }
    }
}

/* Hints for a drift profile: the drift of each variant's free run (the float
   one within the rounding of its steps, at float's level). */
static void drift_hints(const double *drift, size_t n, size_t d, double base)
{
    double *exact = libm_table(n, d, base);
    for (int v = 0; v <= ROT_FLOAT; v++) {
        double *m = model_rotate(n, d, base, 0, (enum rot_variant)v);
        double worst = 0.0;
        size_t pos = 0;
        for (; m != NULL && pos < n; pos++) {
            double want = 0.0;
            for (size_t j = 0; j < d; j++)
                want = fmax(want, fabs(m[pos * d + j] - exact[pos * d + j]));
            worst = fmax(worst, drift[pos]);
            if (!same_number(drift[pos], want, v == ROT_FLOAT ? float_room(pos, 0) : 1e-9))
                break;
        }
        free(m);
        if (m != NULL && pos == n && (v != ROT_FLOAT || worst > 1e-9)) {
            kit_hint(rot_id(v), "%s", rot_hint(v));
            return;
        }
    }
}

/* ---- float error ------------------------------------------------------- */
/* What a float path computes when the angle stays in double: only omega is
   rounded to float. */
static double angle_in_double(size_t pos, size_t d, double base)
{
    double worst = 0.0;
    for (size_t i = 0; 2 * i < d; i++) {
        float omega_f = powf((float)base, -2.0f * (float)i / (float)d);
        double theta_f = (double)pos * (double)omega_f;
        double theta = (double)pos * pow(base, -2.0 * (double)i / (double)d);
        worst = fmax(worst, fabs(sin(theta_f) - sin(theta)));
        if (2 * i + 1 < d)
            worst = fmax(worst, fabs(cos(theta_f) - cos(theta)));
    }
    return worst;
}

static double model_float_error(size_t pos, size_t d, double base);
#endif /* KIT_JUDGE */

static void float_error_golden(void **state)
{
    const size_t pos[4] = { 100, 1000, 100000, 1000000 };
    double *err = kit_doubles(5);
    (void)state;
    for (size_t k = 0; k < 4; k++)
        kit_expect_status("ps_float_error", ps_float_error(pos[k], 512, 10000.0, err + k), KIT_OK);
    kit_expect_status("ps_float_error(12345, 7, 100, err)", ps_float_error(12345, 7, 100.0, err + 4), KIT_OK);
#ifdef KIT_JUDGE
    double want[5], *dbl_angle = kit_doubles(5), *zeros = kit_doubles(5);
    struct kit_mistake m[2] = {
        { "angle-in-double", "your float path keeps the angle pos * omega_f in double: it must be a "
          "float product, (float)pos * omega_f, rounded to 24 bits; that rounding is most of the error.",
          dbl_angle },
        { "no-float", "your error is 0: the float path must use powf, a float angle and sinf/cosf.", zeros },
    };
    for (size_t k = 0; k < 4; k++) {
        want[k] = golden_float_error_d512[k];
        dbl_angle[k] = angle_in_double(pos[k], 512, 10000.0);
        zeros[k] = 0.0;
    }
    want[4] = golden_float_error_d7_base100[0];
    dbl_angle[4] = angle_in_double(12345, 7, 100.0);
    zeros[4] = 0.0;
    kit_expect_table("err at pos = 1e2, 1e3, 1e5, 1e6 (d = 512) and 12345 (d = 7, base 100)", "k",
                     err, want, 1, 5, 1.2e-7, m, 2);
#endif
}

static void float_error_grows_with_pos(void **state)
{
    /* Roughly ten times more per decade: the angle's rounding grows with it. */
    double *err = kit_doubles(6);
    size_t pos = 10;
    (void)state;
    for (size_t k = 0; k < 6; k++, pos *= 10)
        kit_expect_status("ps_float_error", ps_float_error(pos, 256, 10000.0, err + k), KIT_OK);
#ifdef KIT_JUDGE
    for (size_t k = 2; k < 6; k++)
        kit_expect_true(err[k] > 3.0 * err[k - 1] && err[k] < 30.0 * err[k - 1],
                        "the error at pos = 1e%zu is %.3g, at 1e%zu it is %.3g: expected ~10 times more",
                        k + 1, err[k], k, err[k - 1]);
#endif
}

static void float_error_bad_arguments(void **state)
{
    double *err = kit_doubles(1), *at_max = kit_doubles(1);
    (void)state;
    kit_expect_status("ps_float_error(5, 8, 10000, NULL)", ps_float_error(5, 8, 10000.0, NULL), KIT_ERR_NULL);
    kit_expect_status("ps_float_error(5, 0, 10000, err)", ps_float_error(5, 0, 10000.0, err), KIT_ERR_SIZE);
    kit_expect_status("ps_float_error(5, 8, 1.0, err)", ps_float_error(5, 8, 1.0, err), KIT_ERR_DOMAIN);
    kit_expect_status("ps_float_error(5, 8, NAN, err)", ps_float_error(5, 8, NAN, err), KIT_ERR_DOMAIN);
    kit_expect_status("ps_float_error(5, 8, 1e39, err): base beyond FLT_MAX",
                      ps_float_error(5, 8, 1e39, err), KIT_ERR_DOMAIN);
    kit_expect_untouched("err", err);
    /* the boundary itself: only base > FLT_MAX is out of the domain */
    kit_expect_status("ps_float_error(1000, 8, FLT_MAX, err) (base = FLT_MAX is allowed: only "
                      "base > FLT_MAX is out of the domain)", ps_float_error(1000, 8, FLT_MAX, at_max),
                      KIT_OK);
#ifdef KIT_JUDGE
    kit_expect_near("err at pos = 1000, d = 8, base = FLT_MAX", *at_max,
                    model_float_error(1000, 8, FLT_MAX), 1.2e-7);
#endif
}

/* ---- ps_table_rotate ----------------------------------------------------- */
static void rotate_odd_d(void **state)
{
    double *pe = kit_doubles(7 * 5);
    (void)state;
    kit_overflow_hint("odd-d", "for odd d the last pair has only its sin column (j = d - 1): "
                      "carry its cos, but do not store it.");
    kit_expect_status("ps_table_rotate(pe, 7, 5, 10000, 2)", ps_table_rotate(pe, 7, 5, 10000.0, 2), KIT_OK);
    kit_table_pe(0, 5, 10000.0);
    kit_expect_table("pe", "pos,j", pe, golden_pe_7x5, 7, 5, 1e-14, NULL, 0);
}

static void rotate_R1_is_libm(void **state)
{
    size_t n = 64, d = 16;
    double *pe = kit_doubles(n * d);
    (void)state;
    kit_expect_status("ps_table_rotate(pe, 64, 16, 10000, 1)", ps_table_rotate(pe, n, d, 10000.0, 1), KIT_OK);
#ifdef KIT_JUDGE
    double *want = libm_table(n, d, 10000.0);
    kit_table_pe(0, d, 10000.0);
    kit_expect_table("pe (R = 1: every row from libm)", "pos,j", pe, want, n, d, 2e-14, NULL, 0);
#endif
}

static void rotate_reseeded(void **state)
{
    size_t n = 4096, d = 512;
    double *pe = kit_doubles(n * d);
    (void)state;
    kit_expect_status("ps_table_rotate(pe, 4096, 512, 10000, 16)",
                      ps_table_rotate(pe, n, d, 10000.0, 16), KIT_OK);
#ifdef KIT_JUDGE
    double *want = libm_table(n, d, 10000.0), radius = worst_radius(pe, n, d);
    kit_table_pe(0, d, 10000.0);
    generator_hints(pe, want, 1e-12, !(radius <= 1e-14), n, d, 10000.0, 16);
    kit_expect_table("pe", "pos,j", pe, want, n, d, 1e-12, NULL, 0);
    kit_expect_true(radius <= 1e-14, "a pair is off the unit circle by %.3g (R = 16 keeps it below 1e-14)",
                    radius);
#endif
}

static void rotate_never_reseeded(void **state)
{
    /* R >= n: only row 0 is seeded; the table is then the drift experiment. */
    size_t n = 200, d = 8;
    double *pe = kit_doubles(n * d);
    (void)state;
    kit_expect_status("ps_table_rotate(pe, 200, 8, 10000, 1000)",
                      ps_table_rotate(pe, n, d, 10000.0, 1000), KIT_OK);
#ifdef KIT_JUDGE
    double *want = libm_table(n, d, 10000.0);
    kit_table_pe(0, d, 10000.0);
    generator_hints(pe, want, 1e-13, 0, n, d, 10000.0, 1000);
    kit_expect_table("pe", "pos,j", pe, want, n, d, 1e-13, NULL, 0);
#endif
}

static void rotate_empty_and_overflow(void **state)
{
    double *pe = kit_doubles(8);
    (void)state;
    kit_expect_status("ps_table_rotate(NULL, 0, 8, 10000, 4)", ps_table_rotate(NULL, 0, 8, 10000.0, 4), KIT_OK);
    kit_expect_status("ps_table_rotate(pe, SIZE_MAX / 4, 8, 10000, 4)",
                      ps_table_rotate(pe, SIZE_MAX / 4, 8, 10000.0, 4), KIT_ERR_SIZE);
    kit_expect_status("ps_table_rotate(pe, 1, 8, NAN, 4)", ps_table_rotate(pe, 1, 8, NAN, 4), KIT_ERR_DOMAIN);
    kit_expect_status("ps_table_rotate(pe, 1, 8, 0.5, 0) (R == 0, a size error, before the base)",
                      ps_table_rotate(pe, 1, 8, 0.5, 0), KIT_ERR_SIZE);
    kit_expect_untouched("pe", pe);
    /* pe NULL: the first error in the order NULL, SIZE, DOMAIN; n == 0 only after all the others */
    static const struct { size_t n; double base; size_t R; int want; const char *call; } order[3] = {
        { 5, 10000.0, 0, KIT_ERR_NULL, "ps_table_rotate(NULL, 5, 4, 10000, 0) (pe NULL is checked before R == 0)" },
        { 0, 10000.0, 0, KIT_ERR_SIZE, "ps_table_rotate(NULL, 0, 4, 10000, 0) (n == 0 is checked after R == 0)" },
        { 0, 0.5, 4, KIT_ERR_DOMAIN, "ps_table_rotate(NULL, 0, 4, 0.5, 4) (n == 0 is checked after the base)" },
    };
    for (size_t k = 0; k < 3; k++)
        kit_expect_status(order[k].call, ps_table_rotate(NULL, order[k].n, 4, order[k].base, order[k].R),
                          order[k].want);
}

/* ---- ps_drift ------------------------------------------------------------ */
static void drift_profile(void **state)
{
    size_t n = 4096, d = 512;
    double *drift = kit_doubles(n);
    (void)state;
    kit_expect_status("ps_drift(drift, 4096, 512, 10000)", ps_drift(drift, n, d, 10000.0), KIT_OK);
#ifdef KIT_JUDGE
    double worst = 0.0, early = 0.0, late = 0.0;
    for (size_t pos = 0; pos < n; pos++) {
        worst = fmax(worst, drift[pos]);
        if (pos < 1024)
            early = fmax(early, drift[pos]);
        if (pos >= 3072)
            late = fmax(late, drift[pos]);
    }
    if (!(worst >= 1e-13 && worst <= 1e-12 && late > 2.0 * early && drift[0] == 0.0 &&
          drift[1] == 0.0))
        drift_hints(drift, n, d, 10000.0);
    kit_expect_near("drift[0]", drift[0], 0.0, 0.0);
    kit_expect_near("drift[1]", drift[1], 0.0, 0.0);
    kit_expect_true(worst >= 1e-13 && worst <= 1e-12,
                    "the largest drift is %.3g; a double recurrence never reseeded drifts to "
                    "between 1e-13 and 1e-12 over 4096 rows of d = 512", worst);
    kit_expect_true(late > 2.0 * early,
                    "the drift must grow along the table: max %.3g over rows 0..1023 but %.3g over "
                    "rows 3072..4095", early, late);
#endif
}

static void drift_matches_rotate(void **state)
{
    /* drift[pos] is max_j |T_R=inf(pos, j) - T_R=1(pos, j)|: the same two
       tables ps_table_rotate builds. */
    size_t n = 300, d = 10;
    double *drift = kit_doubles(n), *free_run = kit_doubles(n * d), *seeded = kit_doubles(n * d);
    (void)state;
    kit_expect_status("ps_drift(drift, 300, 10, 10000)", ps_drift(drift, n, d, 10000.0), KIT_OK);
    kit_expect_status("ps_table_rotate(.., R = 300)", ps_table_rotate(free_run, n, d, 10000.0, n), KIT_OK);
    kit_expect_status("ps_table_rotate(.., R = 1)", ps_table_rotate(seeded, n, d, 10000.0, 1), KIT_OK);
#ifdef KIT_JUDGE
    for (size_t pos = 0; pos < n; pos++) {
        double want = 0.0;
        for (size_t j = 0; j < d; j++)
            want = fmax(want, fabs(free_run[pos * d + j] - seeded[pos * d + j]));
        kit_expect_true(fabs(drift[pos] - want) <= 1e-15,
                        "drift[%zu] = %.3g, but the two tables of ps_table_rotate differ there by %.3g",
                        pos, drift[pos], want);
    }
#endif
}

static void drift_odd_d_and_one_row(void **state)
{
    double *drift = kit_doubles(50), *one = kit_doubles(1);
    (void)state;
    kit_overflow_hint("drift-length", "drift has n elements, one per row.");
    kit_expect_status("ps_drift(drift, 50, 7, 100)", ps_drift(drift, 50, 7, 100.0), KIT_OK);
#ifdef KIT_JUDGE
    for (size_t pos = 0; pos < 50; pos++)
        kit_expect_true(drift[pos] >= 0.0 && drift[pos] < 1e-13, "drift[%zu] = %.3g", pos, drift[pos]);
#endif
    kit_expect_status("ps_drift(one, 1, 7, 100)", ps_drift(one, 1, 7, 100.0), KIT_OK);
    kit_expect_near("drift[0] with n = 1", one[0], 0.0, 0.0);
}

static void drift_bad_arguments(void **state)
{
    double *drift = kit_doubles(4);
    (void)state;
    kit_expect_status("ps_drift(NULL, 4, 8, 10000)", ps_drift(NULL, 4, 8, 10000.0), KIT_ERR_NULL);
    kit_expect_status("ps_drift(drift, 0, 8, 10000)", ps_drift(drift, 0, 8, 10000.0), KIT_ERR_SIZE);
    kit_expect_status("ps_drift(drift, 4, 0, 10000)", ps_drift(drift, 4, 0, 10000.0), KIT_ERR_SIZE);
    kit_expect_status("ps_drift(drift, 4, 8, 0.5)", ps_drift(drift, 4, 8, 0.5), KIT_ERR_DOMAIN);
    kit_expect_status("ps_drift(drift, 4, 0, 0.5) (SIZE comes before DOMAIN)",
                      ps_drift(drift, 4, 0, 0.5), KIT_ERR_SIZE);
    kit_expect_status("ps_drift(NULL, 4, 0, 0.5) (NULL comes first)", ps_drift(NULL, 4, 0, 0.5),
                      KIT_ERR_NULL);
    kit_expect_untouched("drift", drift);
}

/* The stated memory: O(1) beyond drift. The subject's address space is
   capped at 4 MiB above what it uses when the call starts (judge: nothing
   to cap), so a 512 x 2048 table (8 MiB) cannot be allocated: malloc
   returns NULL. The right loop needs no memory at all. */
#ifndef KIT_JUDGE
static struct rlimit memory_before;

static void cap_memory(size_t spare)
{
    long page = sysconf(_SC_PAGESIZE);
    unsigned long long pages = 0;
    FILE *statm = fopen("/proc/self/statm", "r");
    struct rlimit cap;
    getrlimit(RLIMIT_AS, &memory_before);
    if (statm == NULL)
        return;
    if (fscanf(statm, "%llu", &pages) == 1 && page > 0) {
        cap = memory_before;
        cap.rlim_cur = (rlim_t)(pages * (unsigned long long)page + spare);
        if (memory_before.rlim_cur == RLIM_INFINITY || cap.rlim_cur < memory_before.rlim_cur)
            setrlimit(RLIMIT_AS, &cap);
    }
    fclose(statm);
}

static void uncap_memory(void) { setrlimit(RLIMIT_AS, &memory_before); }
#else
static void cap_memory(size_t spare) { (void)spare; }
static void uncap_memory(void) {}
#endif

#ifdef KIT_JUDGE
static double *model_drift(size_t n, size_t d, double base);
#endif

static void drift_memory(void **state)
{
    const size_t n = 512, d = 2048;
    double *drift = kit_doubles(n);
    (void)state;
    cap_memory((size_t)4 << 20);
    kit_expect_status("ps_drift(drift, 512, 2048, 10000) with 4 MiB of memory to spare (a stored "
                      "512 x 2048 table needs 8 MiB)", ps_drift(drift, n, d, 10000.0), KIT_OK);
    uncap_memory();
#ifdef KIT_JUDGE
    kit_expect_table("drift", "pos", drift, model_drift(n, d, 10000.0), 1, n, 3e-14, NULL, 0);
#endif
}

/* Every error the contracts list, with each argument that can trigger it,
   and pairs of bad arguments: the first error in the order NULL, SIZE,
   DOMAIN; n == 0 checked last. Bases at the edges: just above 1 and FLT_MAX
   are allowed (float error), +-inf and 2 FLT_MAX are not. Nothing written. */
static void ps_float_error_argument_pairs(void **state)
{
    double *err = kit_doubles(1);
    double *ok_err = kit_doubles(1);
    (void)state;
    kit_expect_status("ps_float_error(5, 8, INFINITY, err)", ps_float_error(5, 8, INFINITY, err),
                      KIT_ERR_DOMAIN);
    kit_expect_status("ps_float_error(5, 8, -INFINITY, err)", ps_float_error(5, 8, -INFINITY, err),
                      KIT_ERR_DOMAIN);
    kit_expect_status("ps_float_error(5, 8, 2 * FLT_MAX, err)", ps_float_error(5, 8, 2.0 * FLT_MAX, err),
                      KIT_ERR_DOMAIN);
    kit_expect_status("ps_float_error(5, 0, 10000, NULL) (NULL comes before SIZE)",
                      ps_float_error(5, 0, 10000.0, NULL), KIT_ERR_NULL);
    kit_expect_untouched("err", err);
    kit_expect_status("ps_float_error(5, 2, 1 + 2^-20, err) (a base just above 1 is allowed)",
                      ps_float_error(5, 2, 1.0 + 0x1p-20, ok_err), KIT_OK);
}

static void ps_table_rotate_argument_pairs(void **state)
{
    double *pe = kit_doubles(4 * 4);
    (void)state;
    kit_expect_status("ps_table_rotate(NULL, 4, 0, 0.5, 0) (NULL comes first)",
                      ps_table_rotate(NULL, 4, 0, 0.5, 0), KIT_ERR_NULL);
    kit_expect_status("ps_table_rotate(pe, 4, 0, 0.5, 2) (SIZE comes before DOMAIN)",
                      ps_table_rotate(pe, 4, 0, 0.5, 2), KIT_ERR_SIZE);
    kit_expect_status("ps_table_rotate(pe, 4, 4, NAN, 0) (R == 0, a SIZE error, before DOMAIN)",
                      ps_table_rotate(pe, 4, 4, NAN, 0), KIT_ERR_SIZE);
    kit_expect_status("ps_table_rotate(pe, SIZE_MAX / 2, 4, 0.5, 2) (SIZE comes before DOMAIN)",
                      ps_table_rotate(pe, SIZE_MAX / 2, 4, 0.5, 2), KIT_ERR_SIZE);
    kit_expect_status("ps_table_rotate(pe, 4, 4, INFINITY, 2)", ps_table_rotate(pe, 4, 4, INFINITY, 2),
                      KIT_ERR_DOMAIN);
    kit_expect_status("ps_table_rotate(pe, 4, 4, 1.0, 2)", ps_table_rotate(pe, 4, 4, 1.0, 2), KIT_ERR_DOMAIN);
    kit_expect_status("ps_table_rotate(NULL, 0, 4, 0.5, 2) (n == 0 is checked last: the base)",
                      ps_table_rotate(NULL, 0, 4, 0.5, 2), KIT_ERR_DOMAIN);
    kit_expect_status("ps_table_rotate(NULL, 0, 4, 10000, 0) (n == 0 is checked last: R == 0)",
                      ps_table_rotate(NULL, 0, 4, 10000.0, 0), KIT_ERR_SIZE);
    kit_expect_status("ps_table_rotate(NULL, 0, 4, 10000, 2) (an empty table)",
                      ps_table_rotate(NULL, 0, 4, 10000.0, 2), KIT_OK);
    kit_expect_untouched("pe", pe);
}

static void ps_drift_argument_pairs(void **state)
{
    double *drift = kit_doubles(4);
    double *ok_drift = kit_doubles(3);
    (void)state;
    kit_expect_status("ps_drift(NULL, 0, 4, 0.5) (NULL comes first)", ps_drift(NULL, 0, 4, 0.5), KIT_ERR_NULL);
    kit_expect_status("ps_drift(drift, 0, 4, 0.5) (SIZE comes before DOMAIN)", ps_drift(drift, 0, 4, 0.5),
                      KIT_ERR_SIZE);
    kit_expect_status("ps_drift(drift, 4, 4, -INFINITY)", ps_drift(drift, 4, 4, -INFINITY), KIT_ERR_DOMAIN);
    kit_expect_status("ps_drift(drift, 4, 4, 1.0)", ps_drift(drift, 4, 4, 1.0), KIT_ERR_DOMAIN);
    kit_expect_status("ps_drift(drift, 3, 2, 1 + 2^-20) (a base just above 1 is allowed)",
                      ps_drift(ok_drift, 3, 2, 1.0 + 0x1p-20), KIT_OK);
    kit_expect_untouched("drift", drift);
}

static void ps_table_fast_argument_pairs(void **state)
{
    double *pe = kit_doubles(4 * 4);
    double *ok_pe = kit_doubles(2 * 2);
    (void)state;
    kit_expect_status("ps_table_fast(pe, 4, 0, NAN) (SIZE comes before DOMAIN)", ps_table_fast(pe, 4, 0, NAN),
                      KIT_ERR_SIZE);
    kit_expect_status("ps_table_fast(pe, SIZE_MAX / 2, 4, 1.0) (SIZE comes before DOMAIN)",
                      ps_table_fast(pe, SIZE_MAX / 2, 4, 1.0), KIT_ERR_SIZE);
    kit_expect_status("ps_table_fast(pe, 4, 4, 1.0)", ps_table_fast(pe, 4, 4, 1.0), KIT_ERR_DOMAIN);
    kit_expect_status("ps_table_fast(NULL, 0, 4, NAN) (n == 0 is checked last: the base)",
                      ps_table_fast(NULL, 0, 4, NAN), KIT_ERR_DOMAIN);
    kit_expect_status("ps_table_fast(pe, 2, 2, 1 + 2^-20) (a base just above 1 is allowed)",
                      ps_table_fast(ok_pe, 2, 2, 1.0 + 0x1p-20), KIT_OK);
    kit_expect_untouched("pe", pe);
}

/* ---- ps_table_fast ------------------------------------------------------- */
static void fast_accuracy_and_circle(void **state)
{
    size_t n = 4096, d = 512;
    double *pe = kit_doubles(n * d);
    (void)state;
    kit_expect_status("ps_table_fast(pe, 4096, 512, 10000)", ps_table_fast(pe, n, d, 10000.0), KIT_OK);
#ifdef KIT_JUDGE
    double *want = libm_table(n, d, 10000.0), radius = worst_radius(pe, n, d);
    kit_table_pe(0, d, 10000.0);
    generator_hints(pe, want, 1e-12, !(radius <= 1e-13), n, d, 10000.0, SIZE_MAX);
    kit_expect_table("pe", "pos,j", pe, want, n, d, 1e-12, NULL, 0);
    kit_expect_true(radius <= 1e-13, "a pair is off the unit circle by %.3g (the contract: 1e-13)", radius);
#endif
}

static void fast_odd_d(void **state)
{
    double *pe = kit_doubles(7 * 5);
    (void)state;
    kit_overflow_hint("odd-d", "for odd d the last column is a lone sin: do not write a cos after it.");
    kit_expect_status("ps_table_fast(pe, 7, 5, 10000)", ps_table_fast(pe, 7, 5, 10000.0), KIT_OK);
    kit_table_pe(0, 5, 10000.0);
    kit_expect_table("pe", "pos,j", pe, golden_pe_7x5, 7, 5, 1e-14, NULL, 0);
}

static void fast_odd_d_long(void **state)
{
    size_t n = 1000, d = 9;
    double *pe = kit_doubles(n * d);
    (void)state;
    kit_expect_status("ps_table_fast(pe, 1000, 9, 10000)", ps_table_fast(pe, n, d, 10000.0), KIT_OK);
#ifdef KIT_JUDGE
    double *want = libm_table(n, d, 10000.0);
    kit_table_pe(0, d, 10000.0);
    generator_hints(pe, want, 1e-12, 0, n, d, 10000.0, SIZE_MAX);
    kit_expect_table("pe", "pos,j", pe, want, n, d, 1e-12, NULL, 0);
#endif
}

static void fast_small_n(void **state)
{
    /* n = 1 and n = 2: no room for a recurrence to hide in. */
    double *one = kit_doubles(6), *two = kit_doubles(2 * 6);
    (void)state;
    kit_expect_status("ps_table_fast(pe, 1, 6, 100)", ps_table_fast(one, 1, 6, 100.0), KIT_OK);
    kit_expect_status("ps_table_fast(pe, 2, 6, 100)", ps_table_fast(two, 2, 6, 100.0), KIT_OK);
#ifdef KIT_JUDGE
    double *want = libm_table(2, 6, 100.0);
    kit_table_pe(0, 6, 100.0);
    kit_expect_table("pe (n = 1)", "pos,j", one, want, 1, 6, 1e-15, NULL, 0);
    kit_table_pe(0, 6, 100.0);
    kit_expect_table("pe (n = 2)", "pos,j", two, want, 2, 6, 1e-15, NULL, 0);
#endif
}

static void fast_bad_arguments(void **state)
{
    double *pe = kit_doubles(4 * 4);
    (void)state;
    kit_expect_status("ps_table_fast(NULL, 0, 4, 10000)", ps_table_fast(NULL, 0, 4, 10000.0), KIT_OK);
    kit_expect_status("ps_table_fast(NULL, 4, 4, 10000)", ps_table_fast(NULL, 4, 4, 10000.0), KIT_ERR_NULL);
    kit_expect_status("ps_table_fast(pe, 4, 0, 10000)", ps_table_fast(pe, 4, 0, 10000.0), KIT_ERR_SIZE);
    kit_expect_status("ps_table_fast(pe, SIZE_MAX / 4, 4, 10000)",
                      ps_table_fast(pe, SIZE_MAX / 4, 4, 10000.0), KIT_ERR_SIZE);
    kit_expect_status("ps_table_fast(pe, 4, 4, INFINITY)", ps_table_fast(pe, 4, 4, INFINITY), KIT_ERR_DOMAIN);
    /* n == 0 is checked last: the header's own example, and a zero d */
    kit_expect_status("ps_table_fast(NULL, 0, 4, 0.5) (n == 0 is checked after the base)",
                      ps_table_fast(NULL, 0, 4, 0.5), KIT_ERR_DOMAIN);
    kit_expect_status("ps_table_fast(NULL, 0, 0, 10000) (n == 0 is checked after d)",
                      ps_table_fast(NULL, 0, 0, 10000.0), KIT_ERR_SIZE);
    kit_expect_untouched("pe", pe);
}

/* ---- sweeps: each function alone over a grid of its arguments ------------
   d from 1 up, odd and even; n = 1; bases from 2.5 to 3e38; positions up to
   2^24 - 1; R from 1 to beyond n. Expected values from the contract's steps
   computed here (judge-only), never from the reference. */
#ifdef KIT_JUDGE
/* ps_float_error by the header's steps: the float path against libm. */
static double model_float_error(size_t pos, size_t d, double base)
{
    double worst = 0.0;
    for (size_t i = 0; 2 * i < d; i++) {
        float e_f = -2.0f * (float)i / (float)d;
        float omega_f = powf((float)base, e_f);
        float theta_f = (float)pos * omega_f;
        double theta = (double)pos * pow(base, -2.0 * (double)i / (double)d);
        worst = fmax(worst, fabs((double)sinf(theta_f) - sin(theta)));
        if (2 * i + 1 < d)
            worst = fmax(worst, fabs((double)cosf(theta_f) - cos(theta)));
    }
    return worst;
}

/* Pair i of the recurrence of the header: (s, c) of rows 0 .. n-1, seeded
   from libm at pos % R == 0, turned by omega_i on the other rows; row pos
   of pair i goes to out[pos * stride]. The libm seeds need not be stored:
   with track != NULL, track[pos] = max(track[pos], |s - sin|, |c - cos|)
   against libm (ps_drift's distance; c only when the pair has its cos). */
static void model_pair(size_t i, size_t n, size_t d, double base, size_t R, double *out,
                       size_t stride, double *track)
{
    double omega = pow(base, -2.0 * (double)i / (double)d);
    double cw = cos(omega), sw = sin(omega), s = 0.0, c = 1.0;
    int has_cos = 2 * i + 1 < d;
    for (size_t pos = 0; pos < n; pos++) {
        double theta = (double)pos * omega;
        if (pos % R == 0) {
            s = sin(theta);
            c = cos(theta);
        } else {
            double s_next = s * cw + c * sw, c_next = c * cw - s * sw;
            s = s_next;
            c = c_next;
        }
        if (out != NULL) {
            out[pos * stride] = s;
            if (has_cos)
                out[pos * stride + 1] = c;
        }
        if (track != NULL) {
            double e = fabs(s - sin(theta));
            if (has_cos)
                e = fmax(e, fabs(c - cos(theta)));
            track[pos] = fmax(track[pos], e);
        }
    }
}

/* The n x d table of ps_table_rotate. */
static double *model_rotate_table(size_t n, size_t d, double base, size_t R)
{
    double *pe = kit_doubles(n * d);
    for (size_t i = 0; 2 * i < d; i++)
        model_pair(i, n, d, base, R, pe + 2 * i, d, NULL);
    return pe;
}

/* The drift of ps_drift: the recurrence never reseeded, against libm. */
static double *model_drift(size_t n, size_t d, double base)
{
    double *drift = kit_doubles(n);
    for (size_t pos = 0; pos < n; pos++)
        drift[pos] = 0.0;
    for (size_t i = 0; 2 * i < d; i++)
        model_pair(i, n, d, base, n, NULL, 0, drift);
    return drift;
}
#endif /* KIT_JUDGE */

static void sweep_ps_float_error(void **state)
{
    static const struct { size_t pos, d; double base; } grid[] = {
        { 0, 1, 10000.0 }, { 1, 1, 100.0 }, { 7, 2, 100.0 }, { 12345, 3, 10000.0 }, { 1000, 33, 2.5 },
        { 100000, 8, 500000.0 }, { 65535, 16, 100.0 }, { 16777215, 4, 10000.0 }, { 300, 512, 1e6 },
        { 54321, 64, 3.0e38 }, { 999, 6, 10000.0 },
        /* bases no float holds: powf((float)base, e_i) and (float)pow(base, e_i)
           differ by an ulp for some i, which pos = 1e6 turns into ~1e-3 */
        { 1000000, 4, 1234.567 }, { 1000000, 15, 1234.567 }, { 1000000, 31, 12345.678 },
    };
    size_t count = sizeof grid / sizeof grid[0];
    double *err = kit_doubles(count);
    char call[80];
    (void)state;
    for (size_t k = 0; k < count; k++) {
        snprintf(call, sizeof call, "ps_float_error(pos = %zu, d = %zu, base = %g, err)", grid[k].pos,
                 grid[k].d, grid[k].base);
        kit_expect_status(call, ps_float_error(grid[k].pos, grid[k].d, grid[k].base, err + k), KIT_OK);
    }
#ifdef KIT_JUDGE
    for (size_t k = 0; k < count; k++) {
        snprintf(call, sizeof call, "err at pos = %zu, d = %zu, base = %g", grid[k].pos, grid[k].d,
                 grid[k].base);
        kit_expect_near(call, err[k], model_float_error(grid[k].pos, grid[k].d, grid[k].base), 1.2e-7);
    }
#endif
}

static void sweep_ps_table_rotate(void **state)
{
    /* The last three: 2048 rows, where a wrong R shows (>= 1.5e-13). */
    static const struct { size_t n, d; double base; size_t R; } grid[] = {
        { 1, 1, 10000.0, 1 }, { 1, 2, 100.0, 7 }, { 5, 3, 2.5, 2 }, { 9, 4, 500000.0, 4 },
        { 12, 7, 100.0, 5 }, { 20, 8, 1e6, 3 }, { 40, 5, 50.0, 100 }, { 300, 6, 100.0, 7 },
        { 64, 9, 10000.0, 64 }, { 2048, 64, 2.5, 3 }, { 2048, 64, 2.5, 100 }, { 2048, 64, 2.5, 5000 },
    };
    char call[96];
    (void)state;
    kit_grid_begin("ps_table_rotate over the sweep's cases");
    for (size_t g = 0; g < sizeof grid / sizeof grid[0]; g++) {
        size_t n = grid[g].n, d = grid[g].d;
        kit_case("n,d", n, d);
        double *pe = kit_doubles(n * d);
        snprintf(call, sizeof call, "ps_table_rotate(pe, n = %zu, d = %zu, base = %g, R = %zu)", n, d,
                 grid[g].base, grid[g].R);
        kit_expect_status(call, ps_table_rotate(pe, n, d, grid[g].base, grid[g].R), KIT_OK);
#ifdef KIT_JUDGE
        double *want = model_rotate_table(n, d, grid[g].base, grid[g].R);
        kit_table_pe(0, d, grid[g].base);
        kit_expect_table(call, "pos,j", pe, want, n, d, 5e-14, NULL, 0);
#endif
    }
    kit_grid_end();
}

static void sweep_ps_drift(void **state)
{
    /* The last case: 2048 rows of d = 64, where a wrong d or base shows. */
    static const struct { size_t n, d; double base; } grid[] = {
        { 1, 1, 100.0 }, { 2, 2, 10000.0 }, { 50, 3, 2.5 }, { 300, 7, 500000.0 }, { 1000, 5, 1e6 },
        { 700, 16, 50.0 }, { 2048, 64, 2.5 },
        /* odd d with a fast lone pair: its carried cos is not a column */
        { 3000, 1, 10000.0 }, { 3000, 3, 10000.0 },
    };
    char call[64];
    (void)state;
    kit_grid_begin("ps_drift over the sweep's cases");
    for (size_t g = 0; g < sizeof grid / sizeof grid[0]; g++) {
        size_t n = grid[g].n, d = grid[g].d;
        kit_case("n,d", n, d);
        double *drift = kit_doubles(n);
        snprintf(call, sizeof call, "ps_drift(drift, n = %zu, d = %zu, base = %g)", n, d, grid[g].base);
        kit_expect_status(call, ps_drift(drift, n, d, grid[g].base), KIT_OK);
        kit_expect_table(call, "pos", drift, model_drift(n, d, grid[g].base), 1, n, 3e-14, NULL, 0);
    }
    kit_grid_end();
}

static void sweep_ps_table_fast(void **state)
{
    static const struct { size_t n, d; double base; } grid[] = {
        { 1, 1, 10000.0 }, { 1, 2, 100.0 }, { 2, 3, 2.5 }, { 7, 4, 500000.0 }, { 30, 7, 100.0 },
        { 300, 5, 50.0 }, { 600, 8, 1e6 }, { 257, 6, 10000.0 }, { 1000, 1, 100.0 }, { 3000, 2, 2.5 },
    };
    char call[80];
    (void)state;
    kit_grid_begin("ps_table_fast over the sweep's cases");
    for (size_t g = 0; g < sizeof grid / sizeof grid[0]; g++) {
        size_t n = grid[g].n, d = grid[g].d;
        kit_case("n,d", n, d);
        double *pe = kit_doubles(n * d);
        snprintf(call, sizeof call, "ps_table_fast(pe, n = %zu, d = %zu, base = %g)", n, d, grid[g].base);
        kit_expect_status(call, ps_table_fast(pe, n, d, grid[g].base), KIT_OK);
#ifdef KIT_JUDGE
        double *want = libm_table(n, d, grid[g].base);
        kit_table_pe(0, d, grid[g].base);
        kit_expect_table(call, "pos,j", pe, want, n, d, 1e-12, NULL, 0);
#endif
    }
    kit_grid_end();
}

/* issue 18: the float path is sinf/cosf of the float angle. For d = 2 the
   only omega is powf(base, 0) = 1, so theta_f = pos exactly and the whole
   error is sinf's and cosf's rounding of the result (a double sin of the
   float angle gives 0). */
static void float_error_rounded_results(void **state)
{
    static const size_t pos[3] = { 1, 3, 7 };
    (void)state;
    for (size_t t = 0; t < 3; t++) {
        double *err = kit_doubles(1);
        kit_expect_status("ps_float_error(pos, 2, 10000, err)",
                          ps_float_error(pos[t], 2, 10000.0, err), KIT_OK);
#ifdef KIT_JUDGE
        {
            float th = (float)pos[t];
            double want = fmax(fabs((double)sinf(th) - sin((double)pos[t])),
                               fabs((double)cosf(th) - cos((double)pos[t])));
            if (*err == 0.0)
                kit_hint("double-libm", "error 0 where theta_f = pos exactly: the float path "
                         "rounds the results too, PE_float = sinf(theta_f) and cosf(theta_f) "
                         "(float functions), not sin((double)theta_f).");
            kit_expect_near(pos[t] == 1 ? "float error, pos = 1, d = 2"
                            : pos[t] == 3 ? "float error, pos = 3, d = 2"
                                          : "float error, pos = 7, d = 2", *err, want, 1e-15);
        }
#endif
    }
}

/* issue 18: several bad arguments at once: the first in the order NULL,
   size, domain decides; and one valid call whose values are checked. */
static void order_table_fast(void **state)
{
    double *pe = kit_doubles(4), *ok = kit_doubles(6);
    (void)state;
    kit_expect_status("ps_table_fast(NULL, 1, 0, 0.5)", ps_table_fast(NULL, 1, 0, 0.5), KIT_ERR_NULL);
    kit_expect_status("ps_table_fast(NULL, 1, 0, 10000)", ps_table_fast(NULL, 1, 0, 10000.0),
                      KIT_ERR_NULL);
    kit_expect_status("ps_table_fast(pe, 1, 0, 0.5)", ps_table_fast(pe, 1, 0, 0.5), KIT_ERR_SIZE);
    kit_expect_untouched("pe", pe);
    kit_expect_status("ps_table_fast(pe, 3, 2, 30)", ps_table_fast(ok, 3, 2, 30.0), KIT_OK);
#ifdef KIT_JUDGE
    {
        double want[6];
        for (size_t r = 0; r < 3; r++) {
            want[2 * r] = sin((double)r);
            want[2 * r + 1] = cos((double)r);
        }
        kit_expect_table("pe (n = 3, d = 2, base 30)", "pos,j", ok, want, 3, 2, 1e-12, NULL, 0);
    }
#endif
}

static void order_float_error(void **state)
{
    double *err = kit_doubles(1), *ok = kit_doubles(1);
    (void)state;
    kit_expect_status("ps_float_error(1, 0, 0.5, NULL)", ps_float_error(1, 0, 0.5, NULL),
                      KIT_ERR_NULL);
    kit_expect_status("ps_float_error(1, 0, NAN, err)", ps_float_error(1, 0, NAN, err),
                      KIT_ERR_SIZE);
    kit_expect_untouched("err", err);
    kit_expect_status("ps_float_error(5, 2, 30, err)", ps_float_error(5, 2, 30.0, ok), KIT_OK);
#ifdef KIT_JUDGE
    kit_expect_near("float error, pos = 5, d = 2", *ok,
                    fmax(fabs((double)sinf(5.0f) - sin(5.0)), fabs((double)cosf(5.0f) - cos(5.0))),
                    1e-15);
#endif
}

const struct kit_test kit_tests_hidden[] = {
    KIT_TEST(float_error_golden, 3, "ps_float_error", "§9.2", "five float errors against bc"),
    KIT_TEST(float_error_grows_with_pos, 1, "ps_float_error", "§9.2", "~10x per decade of pos"),
    KIT_TEST(float_error_bad_arguments, 1, "ps_float_error", "§9.2", "NULL, d = 0, base 1, NaN, > FLT_MAX; FLT_MAX itself allowed"),
    KIT_TEST(rotate_odd_d, 2, "ps_table_rotate", "§9.3", "7 x 5 (odd d), R = 2 (bc)"),
    KIT_TEST(rotate_R1_is_libm, 1, "ps_table_rotate", "§9.3", "R = 1 seeds every row: libm"),
    KIT_TEST(rotate_reseeded, 2, "ps_table_rotate", "§9.3", "4096 x 512, R = 16: 1e-12 of libm, on the circle"),
    KIT_TEST(rotate_never_reseeded, 1, "ps_table_rotate", "§9.3", "R >= n: only row 0 seeded"),
    KIT_TEST(rotate_empty_and_overflow, 1, "ps_table_rotate", "§9.3", "n = 0 (checked last), n * d overflow, NaN base, NULL before R = 0"),
    KIT_TEST(drift_profile, 2, "ps_drift", "§9.4", "0 at rows 0, 1; 1e-13..1e-12; grows"),
    KIT_TEST(drift_matches_rotate, 1, "ps_drift,ps_table_rotate", "§9.4", "drift = |T(R = inf) - T(R = 1)|"),
    KIT_TEST(drift_odd_d_and_one_row, 1, "ps_drift", "§9.4", "odd d; n = 1"),
    KIT_TEST(drift_bad_arguments, 1, "ps_drift", "§9.4", "NULL, n = 0, d = 0, base 0.5"),
    KIT_TEST(ps_float_error_argument_pairs, 1, "ps_float_error", "§9.1", "every error with each argument, pairs (NULL, SIZE, DOMAIN; n == 0 last), bases at the edges; nothing written"),
    KIT_TEST(ps_table_rotate_argument_pairs, 1, "ps_table_rotate", "§9.1", "every error with each argument, pairs (NULL, SIZE, DOMAIN; n == 0 last), bases at the edges; nothing written"),
    KIT_TEST(ps_drift_argument_pairs, 1, "ps_drift", "§9.1", "every error with each argument, pairs (NULL, SIZE, DOMAIN; n == 0 last), bases at the edges; nothing written"),
    KIT_TEST(ps_table_fast_argument_pairs, 1, "ps_table_fast", "§9.1", "every error with each argument, pairs (NULL, SIZE, DOMAIN; n == 0 last), bases at the edges; nothing written"),
    KIT_TEST(drift_memory, 1, "ps_drift", "§9.4", "the stated memory O(1): n = 512, d = 2048 with 4 MiB to spare (no n x d table)"),
    KIT_TEST(fast_accuracy_and_circle, 3, "ps_table_fast", "§9.5", "4096 x 512: 1e-12 of libm, 1e-13 of the circle"),
    KIT_TEST(fast_odd_d, 1, "ps_table_fast", "§9.5", "7 x 5 (odd d) against bc"),
    KIT_TEST(fast_odd_d_long, 1, "ps_table_fast", "§9.5", "1000 x 9 against libm"),
    KIT_TEST(fast_small_n, 1, "ps_table_fast", "§9.5", "n = 1 and n = 2"),
    KIT_TEST(fast_bad_arguments, 1, "ps_table_fast", "§9.5", "NULL, d = 0, overflow, inf base; n = 0 (checked last)"),
    KIT_TEST(sweep_ps_float_error, 2, "ps_float_error", "§9.2", "pos 0 .. 2^24 - 1, d from 1 up, bases 2.5 .. 3e38"),
    KIT_TEST(sweep_ps_table_rotate, 2, "ps_table_rotate", "§9.3", "n, d from 1 up, bases 2.5 .. 1e6, R from 1 to beyond n"),
    KIT_TEST(sweep_ps_drift, 1, "ps_drift", "§9.4", "n, d from 1 up, bases 2.5 .. 1e6, against the recurrence"),
    KIT_TEST(sweep_ps_table_fast, 2, "ps_table_fast", "§9.5", "n, d from 1 up, bases 2.5 .. 1e6, against libm"),
    KIT_TEST(float_error_rounded_results, 1, "ps_float_error", "§9.2", "d = 2: theta_f = pos exactly, the error is sinf's and cosf's rounding"),
    KIT_TEST(order_table_fast, 1, "ps_table_fast", "§9.5", "several bad arguments at once: the first in the order NULL, size, domain decides"),
    KIT_TEST(order_float_error, 1, "ps_float_error", "§9.2", "several bad arguments at once: the first in the order NULL, size, domain decides"),
    KIT_END_OF_TESTS
};
