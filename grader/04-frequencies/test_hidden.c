/*
 * test_hidden.c — chapter 4's hidden tests: golden values, edge cases, bad
 * arguments, and the known mistakes, each recognised with its own hint.
 *
 * Golden values come from bc (tests/golden/04-frequencies.bc). The mistake
 * models below compute what each known mistake produces, so a wrong answer
 * can be named; they are never the expected values. Both exist only in the
 * judge's build (KIT_JUDGE, see kit_test.h): the subject, which holds the
 * student's code, has no answer in its memory.
 * Tolerances as in test_public.c: wavelengths 1e-12 relative (they reach
 * 6e4), distances 1e-12 absolute (angles at most ~1e3), integers exact. The
 * sweeps (expected values from the definitions, column by column) use the
 * same, except the offset-distance sweep, whose positions reach 1e6: it adds
 * (p + n) * 2^-50, the rounding of angles up to p + n (~2^-53 each) in the
 * expected value and in any correct answer.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit_test.h"
#include "04-frequencies.h"
#include "../../exercises/04-frequencies/test_data.h"

#define TOL 1e-12
#define TWO_PI 6.283185307179586476925286766559

#ifdef KIT_JUDGE
static const double golden_lambda_d20[10] = {
    6.2831853071795862, 15.782647919764756, 39.644219162949994, 99.581776203206175,
    250.13811247045717, 628.31853071795865, 1578.2647919764756, 3964.4219162949994,
    9958.1776203206173, 25013.811247045716
};
static const double golden_lambda_d7[4] = {
    6.2831853071795862, 87.304576746375346, 1213.0931602724233, 16855.874804534029
};
/* ||PE(5 + k) - PE(5)||, k = 0 .. 5, d = 7, base 100. */
static const double golden_offset_d7_p5[6] = {
    0, 0.9982380311059541, 1.7707289443224008, 2.1548138290995382,
    2.10727258785449, 1.7649385978141658
};
/* n = 100, d = 7  */
static const double golden_closest_d7[2] = {
    0.45717548647360684, 88
};
/* n = 2,   d = 8  */
static const double golden_closest_n2[2] = {
    0.96409960941505168, 1
};
/* n = 64, d = 4, margin 0.7 */
static const double golden_base_d4_m07[1] = {
    30
};
/* n = 64, d = 5, margin 0.6 */
static const double golden_base_d5_m06[1] = {
    21
};
/* {reach, margin} of pe_separation_bound, base 10000 unless said. */
static const double golden_bound_d16[2] = {
    9934.588265796101, 0.95310553942979415
};
static const double golden_bound_d2[2] = {
    3.1415926535897931, 0.95885107720840601
};
static const double golden_bound_d7_base100[2] = {
    43.652288373187673, 0.81807104295179411
};
/* What comparing the squared distance with the margin 0.5 finds instead. */
static const double golden_base_d4_m05_squared[1] = {
    30
};

/* ---- what each known mistake computes ---------------------------------- */
enum mistake { RIGHT, ONE_OVER_OMEGA, D_MINUS_2, NO_LONE, LONE_FROM_0, SQUARED };

static double model_omega(size_t i, size_t d, double base, enum mistake m)
{
    double denominator = (m == D_MINUS_2) ? (double)d - 2.0 : (double)d;
    return pow(base, -2.0 * (double)i / denominator);
}

/* ||PE(p + k) - PE(p)||, as the mistake m computes it. */
static double model_distance(size_t p, size_t k, size_t d, double base, enum mistake m)
{
    double sq = 0.0;
    for (size_t i = 0; i < d / 2; i++) {
        double h = sin((double)k * model_omega(i, d, base, m) / 2.0);
        sq += 4.0 * h * h;
    }
    if (d % 2 == 1 && m != NO_LONE) {
        double w = model_omega(d / 2, d, base, m);
        double u = (m == LONE_FROM_0) ? sin((double)k * w)
                                      : sin((double)(p + k) * w) - sin((double)p * w);
        sq += u * u;
    }
    return m == SQUARED ? sq : sqrt(sq);
}

/* The closest pair of [0, n) as the mistake m finds it (offset into *at). */
static double model_closest(size_t n, size_t d, double base, enum mistake m, size_t *at)
{
    double best = INFINITY;
    for (size_t k = 1; k < n; k++) {
        double v = INFINITY;
        for (size_t p = 0; p + k < n && (p == 0 || d % 2 == 1); p++)
            v = fmin(v, model_distance(p, k, d, base, m));
        if (v < best) {
            best = v;
            *at = k;
        }
    }
    return best;
}

/* The smallest base of pe_smallest_base as the mistake m finds it (SQUARED:
   the squared distance compared with the margin); 0 when none. */
static size_t model_smallest_base(size_t n, size_t d, double margin, size_t base_max,
                                  enum mistake m)
{
    for (size_t b = 2; b <= base_max; b++) {
        size_t at = 0;
        if (model_closest(n, d, (double)b, m, &at) >= margin)
            return b;
    }
    return 0;
}

/* The bound of pe_separation_bound, from its definition. */
static void model_bound(size_t d, double base, double out[2])
{
    double ratio = pow(base, 2.0 / (double)d);
    out[0] = TWO_PI / model_omega(d / 2 - 1, d, base, RIGHT) / 2.0;
    out[1] = 2.0 * sin(0.5);
    if (d / 2 > 1)
        out[1] = fmin(out[1], 2.0 * sin(TWO_PI / (4.0 * ratio)));
}
#endif /* KIT_JUDGE */

/* ---- a valid call beside the invalid ones ------------------------------
 * A test of the error codes (or of an edge a function computing nothing
 * passes) also makes one valid call on the hidden tests' own input and checks
 * its values: a function that computes nothing must not collect its points. */
static void probe_wavelengths(void)
{
    double *lambda = kit_doubles(3);
    kit_expect_status("pe_wavelengths(lambda, 5, 30, PE_PAPER)",
                      pe_wavelengths(lambda, 5, 30.0, PE_PAPER), KIT_OK);
#ifdef KIT_JUDGE
    {
        double want[3];
        for (size_t i = 0; i < 3; i++)
            want[i] = TWO_PI / model_omega(i, 5, 30.0, RIGHT);
        kit_expect_table("lambda (d = 5, base 30)", "i", lambda, want, 1, 3, 1e-12 * want[2], NULL, 0);
    }
#endif
}

static void probe_offset_distance(void)
{
    double *dist = kit_doubles(4);
    kit_expect_status("pe_offset_distance(dist, 4, 2, 5, 30)",
                      pe_offset_distance(dist, 4, 2, 5, 30.0), KIT_OK);
#ifdef KIT_JUDGE
    {
        double want[4];
        for (size_t k = 0; k < 4; k++)
            want[k] = model_distance(2, k, 5, 30.0, RIGHT);
        kit_expect_table("dist (n = 4, p = 2, d = 5, base 30)", "k", dist, want, 1, 4, TOL, NULL, 0);
    }
#endif
}

static void probe_closest_pair(void)
{
    double *dist = kit_doubles(1);
    size_t *offset = kit_sizes(1);
    kit_expect_status("pe_closest_pair(30, 5, 30, dist, offset)",
                      pe_closest_pair(30, 5, 30.0, dist, offset), KIT_OK);
#ifdef KIT_JUDGE
    {
        size_t at = 0;
        double want = model_closest(30, 5, 30.0, RIGHT, &at);
        kit_expect_near("closest distance, n = 30, d = 5, base 30", *dist, want, TOL);
        kit_expect_size("its offset", *offset, at);
    }
#endif
}

/* One valid call of pe_smallest_base, its base checked against the model. */
static void expect_smallest_base(size_t n, size_t d, double margin, size_t base_max)
{
    size_t *base_min = kit_sizes(1);
    char what[96];
    snprintf(what, sizeof what, "pe_smallest_base(%zu, %zu, %g, %zu, base_min)", n, d, margin,
             base_max);
    kit_expect_status(what, pe_smallest_base(n, d, margin, base_max, base_min), KIT_OK);
#ifdef KIT_JUDGE
    snprintf(what, sizeof what, "smallest base, n = %zu, d = %zu, margin %g, base_max = %zu", n, d,
             margin, base_max);
    kit_expect_size(what, *base_min, model_smallest_base(n, d, margin, base_max, RIGHT));
#endif
}

static void probe_smallest_base(void)
{
    expect_smallest_base(20, 3, 0.4, 40);
}

static void probe_separation_bound(void)
{
    double *bound = kit_doubles(2);
    kit_expect_status("pe_separation_bound(bound, 9, 300)", pe_separation_bound(bound, 9, 300.0),
                      KIT_OK);
#ifdef KIT_JUDGE
    {
        double want[2];
        model_bound(9, 300.0, want);
        kit_expect_near("reach, d = 9, base 300", bound[0], want[0], 1e-12 * want[0]);
        kit_expect_near("margin, d = 9, base 300", bound[1], want[1], TOL);
    }
#endif
}

/* ---- §4.2 wavelengths ---------------------------------------------------- */
static void wavelengths_mistakes(void **state)
{
    const size_t ds[2] = { 8, 20 };
    (void)state;
    for (size_t t = 0; t < 2; t++) {
        size_t d = ds[t], pairs = d / 2;
        double *lambda = kit_doubles(pairs);
        kit_expect_status("pe_wavelengths(lambda, d, 10000, PE_PAPER)",
                          pe_wavelengths(lambda, d, 10000.0, PE_PAPER), KIT_OK);
#ifdef KIT_JUDGE
        {
            const double *golden[2] = { golden_lambda_d8, golden_lambda_d20 };
            double *inv = kit_doubles(pairs), *dm2 = kit_doubles(pairs);
            struct kit_mistake m[2] = {
                { "one-over-omega", "a wavelength is 2 pi / omega_i positions, not 1 / omega_i: "
                  "omega is in radians per position, and one cycle is 2 pi radians.", inv },
                { "d-minus-2", "you used base^(-2i/(d-2)), the tensor2tensor/fairseq denominator; "
                  "with PE_PAPER the exponent is -2i/d (the paper's).", dm2 },
            };
            for (size_t i = 0; i < pairs; i++) {
                inv[i] = 1.0 / model_omega(i, d, 10000.0, RIGHT);
                dm2[i] = TWO_PI / model_omega(i, d, 10000.0, D_MINUS_2);
            }
            kit_expect_table(d == 8 ? "lambda, d = 8" : "lambda, d = 20", "i", lambda, golden[t], 1,
                             pairs, 1e-12 * golden[t][pairs - 1], m, 2);
        }
#endif
    }
}

/* d = 12, base 500 (not the public d = 8, base 10000). */
static void wavelengths_t2t_mistakes(void **state)
{
    double *lambda = kit_doubles(6);
    (void)state;
    kit_expect_status("pe_wavelengths(lambda, 12, 500, PE_T2T)",
                      pe_wavelengths(lambda, 12, 500.0, PE_T2T), KIT_OK);
#ifdef KIT_JUDGE
    {
        double *paper = kit_doubles(6), want[6];
        struct kit_mistake m[1] = {
            { "convention-ignored", "with PE_T2T the exponent is -2i/(d-2); you returned the "
              "paper's wavelengths.", paper },
        };
        for (size_t i = 0; i < 6; i++) {
            want[i] = TWO_PI / model_omega(i, 12, 500.0, D_MINUS_2);
            paper[i] = TWO_PI / model_omega(i, 12, 500.0, RIGHT);
        }
        kit_expect_table("lambda (PE_T2T)", "i", lambda, want, 1, 6, 1e-12 * want[5], m, 1);
    }
#endif
}

/* Under PE_T2T the longest wavelength is 2 pi * base for every even d >= 4. */
static void wavelengths_t2t_longest(void **state)
{
    const size_t ds[3] = { 4, 64, 512 };
    (void)state;
    for (size_t t = 0; t < 3; t++) {
        double *lambda = kit_doubles(ds[t] / 2);
        kit_expect_status("pe_wavelengths(lambda, d, 10000, PE_T2T)",
                          pe_wavelengths(lambda, ds[t], 10000.0, PE_T2T), KIT_OK);
        kit_expect_near("longest PE_T2T wavelength (2 pi * 10000)", lambda[ds[t] / 2 - 1],
                        golden_lambda_t2t_d8[3], 1e-12 * golden_lambda_t2t_d8[3]);
    }
}

static void wavelengths_odd_d(void **state)
{
    double *lambda = kit_doubles(4);
    (void)state;
    kit_overflow_hint("odd-d", "for odd d there are (d + 1) / 2 pairs (the last one has only "
                      "its sin column): write exactly that many wavelengths.");
    kit_expect_status("pe_wavelengths(lambda, 7, 10000, PE_PAPER)",
                      pe_wavelengths(lambda, 7, 10000.0, PE_PAPER), KIT_OK);
#ifdef KIT_JUDGE
    /* the model of d / 2 pairs: the first three right, the fourth never
       written (still the buffer's fill, every byte KIT_SENTINEL_BYTE) */
    static const unsigned char fill[sizeof(double)] = { KIT_SENTINEL_BYTE, KIT_SENTINEL_BYTE,
        KIT_SENTINEL_BYTE, KIT_SENTINEL_BYTE, KIT_SENTINEL_BYTE, KIT_SENTINEL_BYTE,
        KIT_SENTINEL_BYTE, KIT_SENTINEL_BYTE };
    int first_three = 1;
    for (size_t i = 0; i < 3; i++)
        first_three &= fabs(lambda[i] - golden_lambda_d7[i]) <= 1e-12 * golden_lambda_d7[i];
    if (first_three && memcmp(&lambda[3], fill, sizeof fill) == 0)
        kit_hint("odd-d-lone-pair", "for odd d the last pair i = (d - 1) / 2 still has its sin "
                 "column, so it has a wavelength too: (d + 1) / 2 of them, not d / 2.");
    kit_expect_table("lambda", "i", lambda, golden_lambda_d7, 1, 4, 1e-12 * 16855.9, NULL, 0);
#endif
}

static void wavelengths_t2t_sizes(void **state)
{
    double *lambda = kit_doubles(4);
    (void)state;
    kit_expect_status("pe_wavelengths(lambda, 7, 10000, PE_T2T)",
                      pe_wavelengths(lambda, 7, 10000.0, PE_T2T), KIT_ERR_SIZE);
    kit_expect_status("pe_wavelengths(lambda, 2, 10000, PE_T2T)",
                      pe_wavelengths(lambda, 2, 10000.0, PE_T2T), KIT_ERR_SIZE);
    kit_expect_status("pe_wavelengths(lambda, 3, 10000, PE_T2T)",
                      pe_wavelengths(lambda, 3, 10000.0, PE_T2T), KIT_ERR_SIZE);
    kit_expect_untouched("lambda", lambda);
    probe_wavelengths();
}

static void wavelengths_bad_domain(void **state)
{
    double *lambda = kit_doubles(4);
    const double bad[7] = { 0.5, 0.0, -10000.0, NAN, INFINITY, 1.0, -INFINITY };
    const char *const shown[7] = { "0.5", "0", "-10000", "NAN", "INFINITY", "1.0", "-INFINITY" };
    char what[80];
    (void)state;
    for (size_t k = 0; k < 7; k++) {
        snprintf(what, sizeof what, "pe_wavelengths(lambda, 8, %s, PE_PAPER)", shown[k]);
        kit_expect_status(what, pe_wavelengths(lambda, 8, bad[k], PE_PAPER), KIT_ERR_DOMAIN);
    }
    kit_expect_status("pe_wavelengths(lambda, 6, 1.0, PE_T2T)",
                      pe_wavelengths(lambda, 6, 1.0, PE_T2T), KIT_ERR_DOMAIN);
    {   /* just above 1 is a valid base: every wavelength is about 2 pi */
        double *near1 = kit_doubles(3);
        kit_expect_status("pe_wavelengths(lambda, 6, nextafter(1, 2), PE_PAPER)",
                          pe_wavelengths(near1, 6, nextafter(1.0, 2.0), PE_PAPER), KIT_OK);
#ifdef KIT_JUDGE
        for (size_t i = 0; i < 3; i++)
            kit_expect_near("lambda_i for base nextafter(1, 2)", near1[i], TWO_PI, 1e-12);
#endif
    }
    kit_expect_status("pe_wavelengths(lambda, 8, 10000, -1)",
                      pe_wavelengths(lambda, 8, 10000.0, -1), KIT_ERR_DOMAIN);
    kit_expect_status("pe_wavelengths(lambda, 8, 10000, 2)",
                      pe_wavelengths(lambda, 8, 10000.0, 2), KIT_ERR_DOMAIN);
    kit_expect_untouched("lambda", lambda);
    probe_wavelengths();
}

/* ---- §4.3 distance by offset ------------------------------------------- */
/* d = 10, base 500, from p = 3 (not the public d = 8, base 10000). */
static void offset_distance_mistakes(void **state)
{
    double *dist = kit_doubles(8);
    (void)state;
    kit_expect_status("pe_offset_distance(dist, 8, 3, 10, 500)",
                      pe_offset_distance(dist, 8, 3, 10, 500.0), KIT_OK);
#ifdef KIT_JUDGE
    {
        double *dm2 = kit_doubles(8), *sq = kit_doubles(8), want[8];
        struct kit_mistake m[2] = {
            { "d-minus-2", "your frequencies use base^(-2i/(d-2)); this kit uses the paper's "
              "base^(-2i/d).", dm2 },
            { "squared-distance", "you returned the squared distance: take the square root of "
              "sum_i 4 sin^2(k omega_i / 2).", sq },
        };
        for (size_t k = 0; k < 8; k++) {
            want[k] = model_distance(3, k, 10, 500.0, RIGHT);
            dm2[k] = model_distance(3, k, 10, 500.0, D_MINUS_2);
            sq[k] = model_distance(3, k, 10, 500.0, SQUARED);
        }
        kit_expect_table("dist", "k", dist, want, 1, 8, TOL, m, 2);
    }
#endif
}

static void offset_distance_odd_d(void **state)
{
    double *dist = kit_doubles(6);
    (void)state;
    kit_expect_status("pe_offset_distance(dist, 6, 5, 7, 100)",
                      pe_offset_distance(dist, 6, 5, 7, 100.0), KIT_OK);
#ifdef KIT_JUDGE
    {
        double *nolone = kit_doubles(6), *from0 = kit_doubles(6);
        struct kit_mistake m[2] = {
            { "odd-d-ignored", "for odd d the last column is a sin with no cos partner: it adds "
              "(sin((p+k) w) - sin(p w))^2 to the squared distance, w its pair's omega.", nolone },
            { "lone-from-0", "the lone sin column's term depends on p: it is "
              "(sin((p+k) w) - sin(p w))^2, not sin^2(k w) (that is only the p = 0 case).", from0 },
        };
        for (size_t k = 0; k < 6; k++) {
            nolone[k] = model_distance(5, k, 7, 100.0, NO_LONE);
            from0[k] = model_distance(5, k, 7, 100.0, LONE_FROM_0);
        }
        kit_expect_table("dist from p = 5, d = 7", "k", dist, golden_offset_d7_p5, 1, 6, TOL, m, 2);
    }
#endif
}

static void offset_distance_empty(void **state)
{
    (void)state;
    kit_expect_status("pe_offset_distance(NULL, 0, 0, 8, 10000)",
                      pe_offset_distance(NULL, 0, 0, 8, 10000.0), KIT_OK);
    /* n == 0 is checked last: d == 0 and a bad base keep their errors */
    kit_expect_status("pe_offset_distance(NULL, 0, 3, 0, 500) (d == 0 is checked before n == 0)",
                      pe_offset_distance(NULL, 0, 3, 0, 500.0), KIT_ERR_SIZE);
    kit_expect_status("pe_offset_distance(NULL, 0, 3, 6, 1.0) (the base is checked before n == 0)",
                      pe_offset_distance(NULL, 0, 3, 6, 1.0), KIT_ERR_DOMAIN);
    kit_expect_status("pe_offset_distance(NULL, 0, 3, 6, INFINITY) (the base is checked before "
                      "n == 0)", pe_offset_distance(NULL, 0, 3, 6, INFINITY), KIT_ERR_DOMAIN);
    probe_offset_distance();
}

static void offset_distance_bad_arguments(void **state)
{
    double *dist = kit_doubles(4);
    (void)state;
    kit_expect_status("pe_offset_distance(NULL, 4, 0, 8, 10000)",
                      pe_offset_distance(NULL, 4, 0, 8, 10000.0), KIT_ERR_NULL);
    kit_expect_status("pe_offset_distance(dist, 4, 0, 0, 10000)",
                      pe_offset_distance(dist, 4, 0, 0, 10000.0), KIT_ERR_SIZE);
    kit_expect_status("pe_offset_distance(dist, 4, 0, 8, 1.0)",
                      pe_offset_distance(dist, 4, 0, 8, 1.0), KIT_ERR_DOMAIN);
    kit_expect_status("pe_offset_distance(dist, 4, 0, 8, NAN)",
                      pe_offset_distance(dist, 4, 0, 8, NAN), KIT_ERR_DOMAIN);
    kit_expect_status("pe_offset_distance(dist, 4, 2, 6, INFINITY)",
                      pe_offset_distance(dist, 4, 2, 6, INFINITY), KIT_ERR_DOMAIN);
    kit_expect_status("pe_offset_distance(dist, 4, 2, 6, -INFINITY)",
                      pe_offset_distance(dist, 4, 2, 6, -INFINITY), KIT_ERR_DOMAIN);
    kit_expect_status("pe_offset_distance(dist, 4, 2, 6, 0.5)",
                      pe_offset_distance(dist, 4, 2, 6, 0.5), KIT_ERR_DOMAIN);
    kit_expect_untouched("dist", dist);
    probe_offset_distance();
}

/* ---- §4.4 the closest pair ------------------------------------------------ */
#ifdef KIT_JUDGE
/* A known mistake is named only when its model reproduces both checked
   values, the distance and the offset; otherwise the checks say what
   differs. The models: a scan that includes offset 0 (distance 0 at offset
   0), the squared distance, the lone column ignored, the d - 2 denominator. */
static void expect_closest(const char *what, double dist, size_t offset, const double golden[2],
                           size_t n, size_t d, double base, double tol)
{
    size_t at = 0;
    double v;
    if (dist == 0.0 && offset == 0)
        kit_hint("offset-zero", "distance 0 at offset 0, and no two different positions are 0 "
                 "apart. Two things give exactly this: a scan that includes offset 0 (a "
                 "position paired with itself; the scan starts at k = 1), or a smallest "
                 "distance that starts at 0 instead of +INFINITY (so no pair ever beats it).");
    else if (offset == (size_t)golden[1] && fabs(dist - golden[0] * golden[0]) <= 1e-9 &&
             fabs(dist - golden[0]) > tol)
        kit_hint("squared-distance", "your distance is the square of the right one: return "
                 "the square root of the smallest squared distance.");
    else if (d % 2 == 1 && (v = model_closest(n, d, base, NO_LONE, &at), 1) &&
             fabs(dist - v) <= 1e-9 && offset == at)
        kit_hint("odd-d-ignored", "for odd d the lone sin column adds (sin((p+k) w) - sin(p w))^2, "
                 "which depends on p: take its smallest value over p for each offset.");
    else if (d >= 3 && (at = 0, v = model_closest(n, d, base, D_MINUS_2, &at), 1) &&
             fabs(dist - v) <= 1e-9 && offset == at)
        kit_hint("d-minus-2", "your frequencies use base^(-2i/(d-2)); this kit uses base^(-2i/d).");
    kit_expect_near(what, dist, golden[0], tol);
    kit_expect_size("its offset", offset, (size_t)golden[1]);
}
#endif /* KIT_JUDGE */

static void closest_pair_mistakes(void **state)
{
    double *dist = kit_doubles(1);
    size_t *offset = kit_sizes(1);
    (void)state;
    kit_expect_status("pe_closest_pair(120, 10, 500, dist, offset)",
                      pe_closest_pair(120, 10, 500.0, dist, offset), KIT_OK);
#ifdef KIT_JUDGE
    {   /* not the public n = 100, d = 8: the expected pair from the model */
        size_t at = 0;
        double want[2];
        want[0] = model_closest(120, 10, 500.0, RIGHT, &at);
        want[1] = (double)at;
        expect_closest("closest distance, n = 120, d = 10, base 500", *dist, *offset, want,
                       120, 10, 500.0, TOL);
    }
#endif
}

static void closest_pair_odd_d(void **state)
{
    double *dist = kit_doubles(1);
    size_t *offset = kit_sizes(1);
    (void)state;
    kit_expect_status("pe_closest_pair(100, 7, 10000, dist, offset)",
                      pe_closest_pair(100, 7, 10000.0, dist, offset), KIT_OK);
#ifdef KIT_JUDGE
    expect_closest("closest distance, n = 100, d = 7", *dist, *offset, golden_closest_d7,
                   100, 7, 10000.0, TOL);
#endif
}

/* n = 2: the only pair is (0, 1). */
static void closest_pair_two_positions(void **state)
{
    double *dist = kit_doubles(1);
    size_t *offset = kit_sizes(1);
    (void)state;
    kit_expect_status("pe_closest_pair(2, 8, 10000, dist, offset)",
                      pe_closest_pair(2, 8, 10000.0, dist, offset), KIT_OK);
#ifdef KIT_JUDGE
    expect_closest("closest distance, n = 2, d = 8", *dist, *offset, golden_closest_n2,
                   2, 8, 10000.0, TOL);
#endif
}

static void closest_pair_bad_arguments(void **state)
{
    double *dist = kit_doubles(1);
    size_t *offset = kit_sizes(1);
    (void)state;
    kit_expect_status("pe_closest_pair(10, 8, 10000, NULL, offset)",
                      pe_closest_pair(10, 8, 10000.0, NULL, offset), KIT_ERR_NULL);
    kit_expect_status("pe_closest_pair(10, 8, 10000, dist, NULL)",
                      pe_closest_pair(10, 8, 10000.0, dist, NULL), KIT_ERR_NULL);
    kit_expect_status("pe_closest_pair(1, 8, 10000, dist, offset): one position, no pair",
                      pe_closest_pair(1, 8, 10000.0, dist, offset), KIT_ERR_SIZE);
    kit_expect_status("pe_closest_pair(0, 8, 10000, dist, offset)",
                      pe_closest_pair(0, 8, 10000.0, dist, offset), KIT_ERR_SIZE);
    kit_expect_status("pe_closest_pair(10, 0, 10000, dist, offset)",
                      pe_closest_pair(10, 0, 10000.0, dist, offset), KIT_ERR_SIZE);
    kit_expect_status("pe_closest_pair(10, 8, 1.0, dist, offset)",
                      pe_closest_pair(10, 8, 1.0, dist, offset), KIT_ERR_DOMAIN);
    kit_expect_status("pe_closest_pair(10, 8, INFINITY, dist, offset)",
                      pe_closest_pair(10, 8, INFINITY, dist, offset), KIT_ERR_DOMAIN);
    kit_expect_status("pe_closest_pair(10, 8, NAN, dist, offset)",
                      pe_closest_pair(10, 8, NAN, dist, offset), KIT_ERR_DOMAIN);
    kit_expect_status("pe_closest_pair(7, 4, 0.5, dist, offset)",
                      pe_closest_pair(7, 4, 0.5, dist, offset), KIT_ERR_DOMAIN);
    kit_expect_status("pe_closest_pair(7, 4, -INFINITY, dist, offset)",
                      pe_closest_pair(7, 4, -INFINITY, dist, offset), KIT_ERR_DOMAIN);
    kit_expect_untouched("dist", dist);
    kit_expect_untouched("offset", offset);
    probe_closest_pair();
}

/* ---- §4.5 the smallest base ----------------------------------------------- */
#ifdef KIT_JUDGE
/* any: the same call with the margin 1e-6, which every base's closest pair
   meets unless it is 0 apart -- the evidence of offset 0 in the scan (a
   wrong frequency, say log10 for ln, also finds no base for a large margin,
   but finds one for this). */
static void base_hints(size_t got, size_t want, double squared_answer, size_t any)
{
    if (got == want)
        return;
    if (got == 0 && any == 0)
        kit_hint("offset-zero", "no base passed, not even for the margin 1e-6: a closest "
                 "distance of 0 for every base gives exactly this, as a scan that includes "
                 "offset 0 (a position with itself) or a smallest distance that starts at 0 "
                 "instead of +INFINITY would.");
    else if (got == (size_t)squared_answer)
        kit_hint("squared-distance", "you compared the squared distance with the margin: "
                 "compare the distance itself.");
}
#endif /* KIT_JUDGE */

static void smallest_base_squared(void **state)
{
    size_t *base_min = kit_sizes(1), *any = kit_sizes(1);
    (void)state;
    kit_expect_status("pe_smallest_base(48, 4, 0.55, 1000, base_min)",
                      pe_smallest_base(48, 4, 0.55, 1000, base_min), KIT_OK);
    (void)pe_smallest_base(48, 4, 1e-6, 1000, any); /* evidence for a hint only */
#ifdef KIT_JUDGE
    /* not the public n = 64, margin 0.5: the models, anchored to bc there */
    kit_expect_size("model check (the public case squared, bc)",
                    model_smallest_base(64, 4, 0.5, 1000, SQUARED),
                    (size_t)golden_base_d4_m05_squared[0]);
    size_t want = model_smallest_base(48, 4, 0.55, 1000, RIGHT);
    base_hints(*base_min, want, (double)model_smallest_base(48, 4, 0.55, 1000, SQUARED), *any);
    kit_expect_size("smallest base, n = 48, d = 4, margin 0.55", *base_min, want);
#endif
}

/* margin 0.7: base 30 keeps the positions 0.709 apart, base 31 only 0.613,
   and no base up to 1000 does better than 30 — the first base that works,
   found by a scan, not by a bisection. base_max 29 finds none. */
static void smallest_base_not_monotone(void **state)
{
    size_t *base_min = kit_sizes(1), *capped = kit_sizes(1), *any = kit_sizes(1);
    (void)state;
    kit_expect_status("pe_smallest_base(64, 4, 0.7, 1000, base_min)",
                      pe_smallest_base(64, 4, 0.7, 1000, base_min), KIT_OK);
    (void)pe_smallest_base(64, 4, 1e-6, 1000, any); /* evidence for a hint only */
#ifdef KIT_JUDGE
    base_hints(*base_min, (size_t)golden_base_d4_m07[0], -1.0, *any);
#endif
    kit_expect_size("smallest base, n = 64, d = 4, margin 0.7", *base_min,
                    (size_t)golden_base_d4_m07[0]);
    kit_expect_status("pe_smallest_base(64, 4, 0.7, 29, base_min)",
                      pe_smallest_base(64, 4, 0.7, 29, capped), KIT_OK);
    kit_expect_size("smallest base up to 29 (none: 0)", *capped, 0);
}

static void smallest_base_odd_d(void **state)
{
    size_t *base_min = kit_sizes(1), *any = kit_sizes(1);
    (void)state;
    kit_expect_status("pe_smallest_base(64, 5, 0.6, 1000, base_min)",
                      pe_smallest_base(64, 5, 0.6, 1000, base_min), KIT_OK);
    (void)pe_smallest_base(64, 5, 1e-6, 1000, any); /* evidence for a hint only */
#ifdef KIT_JUDGE
    base_hints(*base_min, (size_t)golden_base_d5_m06[0], -1.0, *any);
    if (*base_min != (size_t)golden_base_d5_m06[0] && *base_min != 0) {
        size_t b = *base_min;
        if (b == model_smallest_base(64, 5, 0.6, 1000, NO_LONE))   /* the model's very base */
            kit_hint("odd-d-ignored", "base %zu passes only without the lone sin column: for odd "
                     "d it adds (sin((p+k) w) - sin(p w))^2, smallest over p.", b);
    }
#endif
    kit_expect_size("smallest base, n = 64, d = 5, margin 0.6", *base_min,
                    (size_t)golden_base_d5_m06[0]);
}

/* d = 2 has one pair, omega_0 = 1 whatever the base: no base helps. */
static void smallest_base_none(void **state)
{
    size_t *base_min = kit_sizes(1);
    (void)state;
    kit_expect_status("pe_smallest_base(64, 2, 0.5, 40, base_min)",
                      pe_smallest_base(64, 2, 0.5, 40, base_min), KIT_OK);
    kit_expect_size("smallest base for d = 2 (none: 0)", *base_min, 0);
    probe_smallest_base();
}

static void smallest_base_bad_arguments(void **state)
{
    size_t *base_min = kit_sizes(1);
    const double bad[4] = { 0.0, -0.5, NAN, INFINITY };
    (void)state;
    kit_expect_status("pe_smallest_base(64, 4, 0.5, 100, NULL)",
                      pe_smallest_base(64, 4, 0.5, 100, NULL), KIT_ERR_NULL);
    kit_expect_status("pe_smallest_base(1, 4, 0.5, 100, base_min)",
                      pe_smallest_base(1, 4, 0.5, 100, base_min), KIT_ERR_SIZE);
    kit_expect_status("pe_smallest_base(64, 0, 0.5, 100, base_min)",
                      pe_smallest_base(64, 0, 0.5, 100, base_min), KIT_ERR_SIZE);
    for (size_t k = 0; k < 4; k++)
        kit_expect_status("pe_smallest_base with margin <= 0, NaN or infinity",
                          pe_smallest_base(64, 4, bad[k], 100, base_min), KIT_ERR_DOMAIN);
    kit_expect_status("pe_smallest_base(64, 4, 0.5, 1, base_min)",
                      pe_smallest_base(64, 4, 0.5, 1, base_min), KIT_ERR_DOMAIN);
    kit_expect_status("pe_smallest_base(64, 4, 0.5, 0, base_min)",
                      pe_smallest_base(64, 4, 0.5, 0, base_min), KIT_ERR_DOMAIN);
    kit_expect_status("pe_smallest_base(64, 4, -INFINITY, 100, base_min)",
                      pe_smallest_base(64, 4, -INFINITY, 100, base_min), KIT_ERR_DOMAIN);
    kit_expect_untouched("base_min", base_min);
    {   /* the domain's allowed edges: base_max = 2, a tiny positive margin */
        size_t *two = kit_sizes(1), *tiny = kit_sizes(1);
        kit_expect_status("pe_smallest_base(6, 4, 1e-300, 2, base_min) (base_max = 2 and a tiny "
                          "margin are valid)", pe_smallest_base(6, 4, 1e-300, 2, two), KIT_OK);
#ifdef KIT_JUDGE
        kit_expect_size("base_min for n = 6, d = 4, margin 1e-300, base_max = 2", *two,
                        model_smallest_base(6, 4, 1e-300, 2, RIGHT));
#endif
        kit_expect_status("pe_smallest_base(5, 2, 0.5, 2, base_min)",
                          pe_smallest_base(5, 2, 0.5, 2, tiny), KIT_OK);
#ifdef KIT_JUDGE
        kit_expect_size("base_min for n = 5, d = 2, margin 0.5, base_max = 2", *tiny,
                        model_smallest_base(5, 2, 0.5, 2, RIGHT));
#endif
    }
    probe_smallest_base();
}

/* ---- §4.5 what the ladder guarantees ------------------------------------- */
#ifdef KIT_JUDGE
static void bound_hints(const double *got, const double golden[2], size_t d, double base)
{
    double lambda_max = TWO_PI / model_omega(d / 2 - 1, d, base, RIGHT);
    double no_floor = 2.0 * sin(TWO_PI / (4.0 * pow(base, 2.0 / (double)d)));
    if (fabs(got[0] - lambda_max) <= 1e-9 * lambda_max && fabs(got[1] - golden[1]) <= TOL)
        kit_hint("full-wavelength", "the reach is half the longest wavelength: past "
                 "lambda_max / 2 the slowest pair turns back towards where it started.");
    if (fabs(got[0] - golden[0]) <= 1e-9 * golden[0] && fabs(got[1] - golden[1]) > TOL &&
        fabs(got[1] - no_floor) <= 1e-9)
        kit_hint("no-floor", "the margin is the smaller of 2 sin(pi / (2r)) and 2 sin(1/2): "
                 "offsets 1, 2, 3 are told apart by pair 0 alone, at least 2 sin(1/2).");
}
#endif /* KIT_JUDGE */

static void separation_bound_mistakes(void **state)
{
    const size_t ds[2] = { 16, 512 };
    (void)state;
    for (size_t t = 0; t < 2; t++) {
        double *bound = kit_doubles(2);
        kit_expect_status("pe_separation_bound(bound, d, 10000)",
                          pe_separation_bound(bound, ds[t], 10000.0), KIT_OK);
#ifdef KIT_JUDGE
        {
            const double *golden[2] = { golden_bound_d16, golden_bound_d512 };
            bound_hints(bound, golden[t], ds[t], 10000.0);
            kit_expect_near(t == 0 ? "reach, d = 16" : "reach, d = 512", bound[0], golden[t][0],
                            1e-12 * golden[t][0]);
            kit_expect_near(t == 0 ? "margin, d = 16" : "margin, d = 512", bound[1], golden[t][1],
                            TOL);
        }
#endif
    }
}

static void separation_bound_one_pair(void **state)
{
    double *bound = kit_doubles(2);
    (void)state;
    kit_expect_status("pe_separation_bound(bound, 2, 10000)",
                      pe_separation_bound(bound, 2, 10000.0), KIT_OK);
#ifdef KIT_JUDGE
    if (fabs(bound[0] - golden_bound_d2[0]) <= TOL &&
        fabs(bound[1] - 2.0 * sin(TWO_PI / (4.0 * 10000.0))) <= 1e-9)   /* the ratio formula */
        kit_hint("one-pair", "with a single pair there is no ratio between neighbours: the "
                 "margin is pair 0's own 2 sin(1/2).");
#endif
    kit_expect_near("reach, d = 2", bound[0], golden_bound_d2[0], TOL);
    kit_expect_near("margin, d = 2", bound[1], golden_bound_d2[1], TOL);
    probe_separation_bound();
}

/* d = 7, base 100: three full pairs; the reach 43.65 covers the offsets of
   [0, 44), and their closest pair must keep the margin 0.818. */
static void separation_bound_odd_d(void **state)
{
    double *bound = kit_doubles(2), *dist = kit_doubles(1), *even = kit_doubles(2);
    size_t *offset = kit_sizes(1);
    (void)state;
    /* evidence for a hint only: the even neighbour d = 6, which has no lone column */
    (void)pe_separation_bound(even, 6, 100.0);
    kit_expect_status("pe_separation_bound(bound, 7, 100)",
                      pe_separation_bound(bound, 7, 100.0), KIT_OK);
#ifdef KIT_JUDGE
    /* the reach of the lone column's wavelength, pair (d - 1) / 2 = 3; for
       odd d that is also pair d / 2, one pair past the last full one: the
       even d = 6 tells the two apart (a cause only when its model gives
       both reaches) */
    double lone_reach = TWO_PI / model_omega(3, 7, 100.0, RIGHT) / 2.0;
    double even_right = TWO_PI / model_omega(2, 6, 100.0, RIGHT) / 2.0;
    double even_past = TWO_PI / model_omega(3, 6, 100.0, RIGHT) / 2.0;
    if (fabs(bound[0] - golden_bound_d7_base100[0]) > 1e-9 * golden_bound_d7_base100[0] &&
        fabs(bound[0] - lone_reach) <= 1e-9 * lone_reach) {
        if (fabs(even[0] - even_right) <= 1e-9 * even_right)
            kit_hint("lone-column-reach", "the reach comes from the full pairs only (d/2 of them); "
                     "the lone sin column of odd d only adds distance, it does not extend the "
                     "guarantee.");
        else if (fabs(even[0] - even_past) <= 1e-9 * even_past)
            kit_hint("pair-past-last", "your reach is half the wavelength of pair d/2 for d = 7 "
                     "and for d = 6 alike: the last full pair is i = d/2 - 1 (pairs are counted "
                     "from 0), so lambda_max = 2 pi base^(2(d/2 - 1)/d).");
    }
#endif
    kit_expect_near("reach, d = 7, base 100", bound[0], golden_bound_d7_base100[0], 1e-12 * 100.0);
    kit_expect_near("margin, d = 7, base 100", bound[1], golden_bound_d7_base100[1], TOL);
    kit_expect_status("pe_closest_pair(44, 7, 100, dist, offset)",
                      pe_closest_pair(44, 7, 100.0, dist, offset), KIT_OK);
    kit_expect_true(*dist >= bound[1] - TOL,
                    "the closest pair of [0, 44) is %.15g apart (offset %zu), below the "
                    "guaranteed margin %.15g", *dist, *offset, bound[1]);
}

static void separation_bound_bad_arguments(void **state)
{
    double *bound = kit_doubles(2);
    (void)state;
    kit_expect_status("pe_separation_bound(NULL, 8, 10000)",
                      pe_separation_bound(NULL, 8, 10000.0), KIT_ERR_NULL);
    kit_expect_status("pe_separation_bound(bound, 1, 10000)",
                      pe_separation_bound(bound, 1, 10000.0), KIT_ERR_SIZE);
    kit_expect_status("pe_separation_bound(bound, 0, 10000)",
                      pe_separation_bound(bound, 0, 10000.0), KIT_ERR_SIZE);
    kit_expect_status("pe_separation_bound(bound, 8, 1.0)",
                      pe_separation_bound(bound, 8, 1.0), KIT_ERR_DOMAIN);
    kit_expect_status("pe_separation_bound(bound, 8, NAN)",
                      pe_separation_bound(bound, 8, NAN), KIT_ERR_DOMAIN);
    kit_expect_status("pe_separation_bound(bound, 6, INFINITY)",
                      pe_separation_bound(bound, 6, INFINITY), KIT_ERR_DOMAIN);
    kit_expect_status("pe_separation_bound(bound, 6, -INFINITY)",
                      pe_separation_bound(bound, 6, -INFINITY), KIT_ERR_DOMAIN);
    kit_expect_status("pe_separation_bound(bound, 6, 0.5)",
                      pe_separation_bound(bound, 6, 0.5), KIT_ERR_DOMAIN);
    kit_expect_untouched("bound", bound);
    probe_separation_bound();
}

/* ---- sweeps: each function alone over a grid of its arguments ----------- */
/* Expected values from the definitions, written here (clean math, never the
   reference): PE(pos, j) column by column, distances as sums over columns,
   the closest pair by brute force over every pair of positions. */
#ifdef KIT_JUDGE
/* PE(pos, j), convention A. */
static double pe_exact(double pos, size_t j, size_t d, double base)
{
    double w = pow(base, -2.0 * (double)(j / 2) / (double)d);
    return (j % 2 == 0) ? sin(pos * w) : cos(pos * w);
}

/* ||PE(q) - PE(p)||, summed column by column. */
static double pe_distance(double p, double q, size_t d, double base)
{
    double sq = 0.0;
    for (size_t j = 0; j < d; j++) {
        double u = pe_exact(q, j, d, base) - pe_exact(p, j, d, base);
        sq += u * u;
    }
    return sqrt(sq);
}

/* The closest pair of [0, n) over every p < q; *offset the smallest q - p
   whose best pair is within 1e-12 of the closest (a tie). */
static double brute_closest(size_t n, size_t d, double base, size_t *offset)
{
    double *by_offset = kit_doubles(n), best = INFINITY;
    for (size_t k = 1; k < n; k++) {
        by_offset[k] = INFINITY;
        for (size_t p = 0; p + k < n; p++)
            by_offset[k] = fmin(by_offset[k], pe_distance((double)p, (double)(p + k), d, base));
        best = fmin(best, by_offset[k]);
    }
    for (size_t k = 1; k < n; k++)
        if (by_offset[k] <= best + 1e-12) {
            *offset = k;
            break;
        }
    return best;
}
#endif /* KIT_JUDGE */

static void sweep_pe_wavelengths(void **state)
{
    static const struct { size_t d; double base; int convention; } cases[] = {
        { 1, 10000.0, PE_PAPER }, { 2, 10000.0, PE_PAPER }, { 3, 100.0, PE_PAPER },
        { 4, 2.5, PE_PAPER }, { 7, 1e6, PE_PAPER }, { 8, 10000.0, PE_PAPER },
        { 33, 50.0, PE_PAPER }, { 64, 10000.0, PE_PAPER }, { 4, 10000.0, PE_T2T },
        { 6, 2.5, PE_T2T }, { 8, 100.0, PE_T2T }, { 10, 1e6, PE_T2T }, { 64, 10000.0, PE_T2T },
    };
    (void)state;
    kit_grid_begin("pe_wavelengths over the sweep's cases");
    for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++) {
        size_t d = cases[t].d, pairs = (d + 1) / 2;
        kit_case("d", d);
        double base = cases[t].base;
        int t2t = cases[t].convention == PE_T2T;
        double *lambda = kit_doubles(pairs);
        kit_expect_status(t2t ? "pe_wavelengths(lambda, d, base, PE_T2T)"
                              : "pe_wavelengths(lambda, d, base, PE_PAPER)",
                          pe_wavelengths(lambda, d, base, cases[t].convention), KIT_OK);
#ifdef KIT_JUDGE
        {
            double *want = kit_doubles(pairs), denominator = t2t ? (double)d - 2.0 : (double)d;
            char what[96];
            for (size_t i = 0; i < pairs; i++)      /* 2 pi / base^(-2i/den) */
                want[i] = TWO_PI * pow(base, 2.0 * (double)i / denominator);
            snprintf(what, sizeof what, "lambda, d = %zu, base = %g, %s", d, base,
                     t2t ? "PE_T2T" : "PE_PAPER");
            kit_expect_table(what, "i", lambda, want, 1, pairs, 1e-12 * want[pairs - 1], NULL, 0);
        }
#endif
    }
    kit_grid_end();
}

static void sweep_pe_offset_distance(void **state)
{
    static const struct { size_t n, p, d; double base; } cases[] = {
        { 1, 0, 1, 10000.0 }, { 3, 0, 2, 100.0 }, { 5, 17, 3, 100.0 }, { 12, 1000, 8, 10000.0 },
        { 12, 3, 9, 50.0 }, { 7, 1000000, 1, 10000.0 }, { 7, 1000000, 2, 10000.0 },
        { 4, 999, 5, 1e6 }, { 9, 250, 7, 3.0 }, { 12, 0, 16, 10000.0 }, { 6, 41, 3, 2.0 },
    };
    (void)state;
    kit_grid_begin("pe_offset_distance over the sweep's cases");
    for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++) {
        size_t n = cases[t].n, p = cases[t].p, d = cases[t].d;
        kit_case("n,p,d", n, p, d);
        double base = cases[t].base;
        double *dist = kit_doubles(n);
        kit_expect_status("pe_offset_distance(dist, n, p, d, base)",
                          pe_offset_distance(dist, n, p, d, base), KIT_OK);
#ifdef KIT_JUDGE
        {
            double *want = kit_doubles(n);
            char what[96];
            for (size_t k = 0; k < n; k++)
                want[k] = pe_distance((double)p, (double)(p + k), d, base);
            snprintf(what, sizeof what, "dist, n = %zu, p = %zu, d = %zu, base = %g", n, p, d, base);
            /* angles up to p + n: each carries ~(p + n) * 2^-53 */
            kit_expect_table(what, "k", dist, want, 1, n, TOL + ldexp((double)(p + n), -50), NULL, 0);
        }
#endif
    }
    kit_grid_end();
}

static void sweep_pe_closest_pair(void **state)
{
    static const struct { size_t n, d; double base; } cases[] = {
        { 2, 1, 3.0 }, { 3, 1, 100.0 }, { 10, 2, 100.0 }, { 60, 3, 10000.0 }, { 60, 6, 3.0 },
        { 10, 7, 100.0 }, { 60, 7, 3.0 }, { 25, 8, 10000.0 }, { 60, 2, 10000.0 },
        { 3, 5, 1e6 }, { 17, 9, 50.0 },
    };
    (void)state;
    kit_grid_begin("pe_closest_pair over the sweep's cases");
    for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++) {
        size_t n = cases[t].n, d = cases[t].d;
        kit_case("n,d", n, d);
        double base = cases[t].base;
        double *dist = kit_doubles(1);
        size_t *offset = kit_sizes(1);
        kit_expect_status("pe_closest_pair(n, d, base, dist, offset)",
                          pe_closest_pair(n, d, base, dist, offset), KIT_OK);
#ifdef KIT_JUDGE
        {
            size_t at = 0;
            double want = brute_closest(n, d, base, &at);
            char what[96];
            snprintf(what, sizeof what, "closest distance, n = %zu, d = %zu, base = %g", n, d, base);
            kit_expect_near(what, *dist, want, TOL);
            snprintf(what, sizeof what, "its offset, n = %zu, d = %zu, base = %g", n, d, base);
            kit_expect_size(what, *offset, at);
        }
#endif
    }
    kit_grid_end();
}

static void sweep_pe_smallest_base(void **state)
{
    static const struct { size_t n, d; double margin; size_t base_max; } cases[] = {
        { 2, 1, 0.5, 7 }, { 2, 4, 1.3, 7 }, { 5, 3, 0.6, 50 }, { 16, 2, 0.5, 9 },
        { 20, 4, 0.9, 60 }, { 20, 4, 1.0, 5 }, { 40, 5, 0.9, 60 }, { 40, 5, 0.9, 9 },
        { 40, 4, 0.2, 2 }, { 12, 7, 1.1, 40 }, { 30, 3, 0.25, 30 },
    };
    (void)state;
    kit_grid_begin("pe_smallest_base over the sweep's cases");
    for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++) {
        size_t n = cases[t].n, d = cases[t].d, base_max = cases[t].base_max;
        kit_case("n,d,base_max", n, d, base_max);
        double margin = cases[t].margin;
        size_t *base_min = kit_sizes(1);
        kit_expect_status("pe_smallest_base(n, d, margin, base_max, base_min)",
                          pe_smallest_base(n, d, margin, base_max, base_min), KIT_OK);
#ifdef KIT_JUDGE
        {
            size_t want = 0, at = 0;
            char what[112];
            for (size_t b = 2; b <= base_max && want == 0; b++)
                if (brute_closest(n, d, (double)b, &at) >= margin)
                    want = b;
            snprintf(what, sizeof what, "smallest base, n = %zu, d = %zu, margin %g, base_max %zu "
                     "(0: none)", n, d, margin, base_max);
            kit_expect_size(what, *base_min, want);
        }
#endif
    }
    kit_grid_end();
}

static void sweep_pe_separation_bound(void **state)
{
    static const struct { size_t d; double base; } cases[] = {
        { 2, 1.5 }, { 2, 1e8 }, { 3, 10.0 }, { 4, 1.5 }, { 4, 100.0 }, { 5, 10000.0 },
        { 8, 1e8 }, { 9, 2.0 }, { 64, 10000.0 }, { 513, 100.0 },
    };
    (void)state;
    kit_grid_begin("pe_separation_bound over the sweep's cases");
    for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++) {
        size_t d = cases[t].d;
        kit_case("d", d);
        double base = cases[t].base;
        double *bound = kit_doubles(2);
        kit_expect_status("pe_separation_bound(bound, d, base)",
                          pe_separation_bound(bound, d, base), KIT_OK);
#ifdef KIT_JUDGE
        {
            size_t pairs = d / 2;
            double reach = TWO_PI / 2.0 * pow(base, 2.0 * (double)(pairs - 1) / (double)d);
            double margin = 2.0 * sin(0.5), r = pow(base, 2.0 / (double)d);
            char what[64];
            if (pairs > 1)
                margin = fmin(margin, 2.0 * sin(TWO_PI / (4.0 * r)));
            snprintf(what, sizeof what, "reach, d = %zu, base = %g", d, base);
            kit_expect_near(what, bound[0], reach, 1e-12 * reach);
            snprintf(what, sizeof what, "margin, d = %zu, base = %g", d, base);
            kit_expect_near(what, bound[1], margin, TOL);
        }
#endif
    }
    kit_grid_end();
}

/* ---- issue 18: several bad arguments at once ------------------------------
 * The header fixes the order NULL, size, domain: a call with more than one
 * bad argument returns the code of the first in that order. A cause is named
 * only when the code returned is the one of a later bad argument of the very
 * call (proof that that argument was checked first). */
static void expect_first_error(const char *call, int got, int want, int later1, int later2,
                               int alone)
{
    /* error-order's model: the function has the check of the first bad
       argument (a call with that argument alone bad returns want) but runs a
       later one first. When the lone call does not return want, the check is
       missing, not misplaced: no cause named here (the lone call's own
       status is evidence the bad_arguments tests show). */
    if (got != want && got == KIT_OK && got == later1 && alone == want)
        kit_hint("error-order", "%s has n == 0 and a bad argument, and you returned KIT_OK: the "
                 "header checks n == 0 last, so the bad argument's code (%d) comes first (the "
                 "same call with n > 0 returns it).", call, want);
    else if (got != want && (got == later1 || got == later2) && alone == want)
        kit_hint("error-order", "%s has more than one bad argument and you returned the code of "
                 "a later one (%d): the header checks in the order NULL (-1), size (-2), domain "
                 "(-3), and the first bad argument decides.", call, got);
    kit_expect_status(call, got, want);
}

static void order_wavelengths(void **state)
{
    double *lambda = kit_doubles(4);
    double *scratch = kit_doubles(4);
    int alone;
    (void)state;
    alone = 99; /* a NULL alone may crash code without the check: no probe */
    expect_first_error("pe_wavelengths(NULL, 0, 0.5, 7)", pe_wavelengths(NULL, 0, 0.5, 7),
                       KIT_ERR_NULL, KIT_ERR_SIZE, KIT_ERR_DOMAIN, alone);
    alone = pe_wavelengths(scratch, 0, 10000.0, PE_PAPER);
    expect_first_error("pe_wavelengths(lambda, 0, 0.5, PE_PAPER)",
                       pe_wavelengths(lambda, 0, 0.5, PE_PAPER), KIT_ERR_SIZE, KIT_ERR_DOMAIN, 99, alone);
    alone = pe_wavelengths(scratch, 0, 10000.0, PE_PAPER);
    expect_first_error("pe_wavelengths(lambda, 0, 10000, 7)",
                       pe_wavelengths(lambda, 0, 10000.0, 7), KIT_ERR_SIZE, KIT_ERR_DOMAIN, 99, alone);
    alone = pe_wavelengths(scratch, 7, 10000.0, PE_T2T);
    expect_first_error("pe_wavelengths(lambda, 7, NAN, PE_T2T)",
                       pe_wavelengths(lambda, 7, NAN, PE_T2T), KIT_ERR_SIZE, KIT_ERR_DOMAIN, 99, alone);
    kit_expect_untouched("lambda", lambda);
    probe_wavelengths();
}

static void order_offset_distance(void **state)
{
    double *dist = kit_doubles(4);
    double *scratch = kit_doubles(4);
    int alone;
    (void)state;
    alone = 99; /* a NULL alone may crash code without the check: no probe */
    expect_first_error("pe_offset_distance(NULL, 4, 0, 0, 1.0)",
                       pe_offset_distance(NULL, 4, 0, 0, 1.0), KIT_ERR_NULL, KIT_ERR_SIZE,
                       KIT_ERR_DOMAIN, alone);
    alone = pe_offset_distance(scratch, 4, 0, 0, 10000.0);
    expect_first_error("pe_offset_distance(dist, 4, 0, 0, NAN)",
                       pe_offset_distance(dist, 4, 0, 0, NAN), KIT_ERR_SIZE, KIT_ERR_DOMAIN, 99, alone);
    alone = pe_offset_distance(scratch, 4, 0, 8, 0.5);
    expect_first_error("pe_offset_distance(NULL, 0, 0, 8, 0.5)",
                       pe_offset_distance(NULL, 0, 0, 8, 0.5), KIT_ERR_DOMAIN, KIT_OK, 99, alone);
    kit_expect_untouched("dist", dist);
    probe_offset_distance();
}

static void order_closest_pair(void **state)
{
    double *closest = kit_doubles(1);
    size_t *offset = kit_sizes(1);
    double *scratch = kit_doubles(4);
    size_t *scratch_off = kit_sizes(1);
    int alone;
    (void)state;
    alone = 99; /* a NULL alone may crash code without the check: no probe */
    expect_first_error("pe_closest_pair(1, 0, 1.0, NULL, offset)",
                       pe_closest_pair(1, 0, 1.0, NULL, offset), KIT_ERR_NULL, KIT_ERR_SIZE,
                       KIT_ERR_DOMAIN, alone);
    alone = pe_closest_pair(1, 8, 10000.0, scratch, scratch_off);
    expect_first_error("pe_closest_pair(1, 8, 1.0, closest, offset)",
                       pe_closest_pair(1, 8, 1.0, closest, offset), KIT_ERR_SIZE, KIT_ERR_DOMAIN, 99, alone);
    alone = pe_closest_pair(10, 0, 10000.0, scratch, scratch_off);
    expect_first_error("pe_closest_pair(10, 0, INFINITY, closest, offset)",
                       pe_closest_pair(10, 0, INFINITY, closest, offset), KIT_ERR_SIZE,
                       KIT_ERR_DOMAIN, 99, alone);
    kit_expect_untouched("closest", closest);
    kit_expect_untouched("offset", offset);
    probe_closest_pair();
}

static void order_smallest_base(void **state)
{
    size_t *base_min = kit_sizes(1);
    size_t *scratch_off = kit_sizes(1);
    int alone;
    (void)state;
    alone = 99; /* a NULL alone may crash code without the check: no probe */
    expect_first_error("pe_smallest_base(1, 0, -1, 1, NULL)",
                       pe_smallest_base(1, 0, -1.0, 1, NULL), KIT_ERR_NULL, KIT_ERR_SIZE,
                       KIT_ERR_DOMAIN, alone);
    alone = pe_smallest_base(1, 4, 0.5, 2, scratch_off);
    expect_first_error("pe_smallest_base(1, 4, NAN, 1, base_min)",
                       pe_smallest_base(1, 4, NAN, 1, base_min), KIT_ERR_SIZE, KIT_ERR_DOMAIN, 99, alone);
    alone = pe_smallest_base(64, 0, 0.5, 2, scratch_off);
    expect_first_error("pe_smallest_base(64, 0, 0.5, 1, base_min)",
                       pe_smallest_base(64, 0, 0.5, 1, base_min), KIT_ERR_SIZE, KIT_ERR_DOMAIN, 99, alone);
    kit_expect_untouched("base_min", base_min);
    probe_smallest_base();
}

static void order_separation_bound(void **state)
{
    double *bound = kit_doubles(2);
    double *scratch = kit_doubles(4);
    int alone;
    (void)state;
    alone = 99; /* a NULL alone may crash code without the check: no probe */
    expect_first_error("pe_separation_bound(NULL, 1, 1.0)", pe_separation_bound(NULL, 1, 1.0),
                       KIT_ERR_NULL, KIT_ERR_SIZE, KIT_ERR_DOMAIN, alone);
    alone = pe_separation_bound(scratch, 0, 10000.0);
    expect_first_error("pe_separation_bound(bound, 0, NAN)", pe_separation_bound(bound, 0, NAN),
                       KIT_ERR_SIZE, KIT_ERR_DOMAIN, 99, alone);
    kit_expect_untouched("bound", bound);
    probe_separation_bound();
}

/* A tie: "the first b whose closest pair is >= margin". For d = 2 the only
   omega is base^0 = 1, so every base gives the same closest pair; with your
   own pe_closest_pair distance as the margin, base 2 already meets it (a
   strict > finds none). The margin 0.95, just below that distance
   2 sin(1/2) = 0.958851, is met by base 2 under > and >= alike (not by a
   squared distance, 0.919): the hint names > only when both answers are the
   model's. */
static void smallest_base_exact_tie(void **state)
{
    double *dist = kit_doubles(1);
    size_t *offset = kit_sizes(1), *base_min = kit_sizes(1), *below = kit_sizes(1);
    (void)state;
    kit_expect_status("pe_closest_pair(3, 2, 2, dist, offset)",
                      pe_closest_pair(3, 2, 2.0, dist, offset), KIT_OK);
    kit_expect_near("closest distance, n = 3, d = 2 (2 sin(1/2))", *dist, 2.0 * sin(0.5), TOL);
    kit_expect_status("pe_smallest_base(3, 2, margin = that distance, 9, base_min)",
                      pe_smallest_base(3, 2, *dist, 9, base_min), KIT_OK);
    kit_expect_status("pe_smallest_base(3, 2, 0.95, 9, base_min)",
                      pe_smallest_base(3, 2, 0.95, 9, below), KIT_OK);
    kit_expect_size("pe_smallest_base(3, 2, 0.95, 9): smallest base, margin just below the "
                    "closest distance 0.958851", *below, 2);
#ifdef KIT_JUDGE
    if (*base_min == 0 && *below == 2)
        kit_hint("strict-margin", "the margin was exactly your pe_closest_pair's closest "
                 "distance, the same for every base (d = 2: omega_0 = 1 whatever the base), "
                 "and you found no base, though a margin just below it finds base 2. Two "
                 "things give exactly this: comparing with > where the header says >= margin, "
                 "or comparing a distance that is not pe_closest_pair's own value (computed "
                 "another way it can come out one rounding step smaller); the header's b is "
                 "the first whose pe_closest_pair distance is >= margin.");
#endif
    kit_expect_size("smallest base, n = 3, d = 2, margin = the closest distance itself",
                    *base_min, 2);
}

/* The stated cost: O(n d) for even d. n = 50000, d = 8, base 10000: the
   closest pair is 0.073818 apart at offset 31416 (about 5 periods of the
   slowest pair, 2 pi 1000), the runner-up 0.11235 at 37699. A scan of the
   n - 1 offsets with O(d) work each takes milliseconds; a scan of every pair
   p < q (n^2 / 2 = 1.25e9 pairs, times d) does not end within the time
   limit (TIMEOUT). Expected values from the definition (the judge's own
   O(n d) scan); angles reach 5e4 here, so the tolerance adds n 2^-50, their
   rounding in the expected value and in any correct answer. */
static void closest_pair_cost(void **state)
{
    const size_t n = 50000, d = 8;
    double *dist = kit_doubles(1);
    size_t *offset = kit_sizes(1);
    (void)state;
    kit_expect_status("pe_closest_pair(50000, 8, 10000, dist, offset)",
                      pe_closest_pair(n, d, 10000.0, dist, offset), KIT_OK);
#ifdef KIT_JUDGE
    {
        size_t at = 0;
        double want[2];
        want[0] = model_closest(n, d, 10000.0, RIGHT, &at);
        want[1] = (double)at;
        expect_closest("pe_closest_pair(50000, 8, 10000): closest distance", *dist, *offset, want,
                       n, d, 10000.0, TOL + (double)n * 0x1p-50);
    }
#endif
}

/* The stated cost O(b n d) of pe_smallest_base for even d: n = 20000, d = 8,
   margin 0.3, scanned from base 2 up to the first that works (7 with the
   reference; the expected base comes from the judge's model). A closest pair
   found over every pair, O(b n^2 d), runs out of time. */
static void smallest_base_cost(void **state)
{
    (void)state;
    expect_smallest_base(20000, 8, 0.3, 40);
}

const struct kit_test kit_tests_hidden[] = {
    KIT_TEST(wavelengths_mistakes, 2, "pe_wavelengths", "§4.2", "d = 8 and 20, naming a missing 2 pi or the d - 2 denominator"),
    KIT_TEST(wavelengths_t2t_mistakes, 1, "pe_wavelengths", "§4.2", "PE_T2T is not the paper's ladder"),
    KIT_TEST(wavelengths_t2t_longest, 1, "pe_wavelengths", "§4.2", "PE_T2T's longest wavelength is 2 pi * 10000 for d = 4, 64, 512"),
    KIT_TEST(wavelengths_odd_d, 1, "pe_wavelengths", "§4.2", "odd d = 7: four wavelengths, nothing past the end"),
    KIT_TEST(wavelengths_t2t_sizes, 1, "pe_wavelengths", "§4.2", "PE_T2T needs an even d >= 4"),
    KIT_TEST(wavelengths_bad_domain, 1, "pe_wavelengths", "§4.2", "base <= 1 (1 itself), NaN, infinities; unknown convention; just above 1 is valid"),
    KIT_TEST(offset_distance_mistakes, 2, "pe_offset_distance", "§4.3", "d = 10, base 500 from p = 3, naming d - 2 or a squared distance"),
    KIT_TEST(offset_distance_odd_d, 2, "pe_offset_distance", "§4.3", "odd d = 7 from p = 5: the lone sin column depends on p"),
    KIT_TEST(offset_distance_empty, 1, "pe_offset_distance", "§4.3", "n = 0 is an empty result, checked after d and the base"),
    KIT_TEST(offset_distance_bad_arguments, 1, "pe_offset_distance", "§4.3", "NULL, d = 0, base 1, below 1, NaN or infinite"),
    KIT_TEST(closest_pair_mistakes, 2, "pe_closest_pair", "§4.4", "d = 10, n = 120, base 500, naming offset 0, squares or d - 2"),
    KIT_TEST(closest_pair_odd_d, 2, "pe_closest_pair", "§4.4", "odd d = 7, n = 100: 0.457175 at offset 88"),
    KIT_TEST(closest_pair_two_positions, 1, "pe_closest_pair", "§4.4", "n = 2: the pair (0, 1)"),
    KIT_TEST(closest_pair_bad_arguments, 1, "pe_closest_pair", "§4.4", "NULL outputs, n < 2, d = 0, bad bases (NaN, infinities, below 1)"),
    KIT_TEST(smallest_base_squared, 2, "pe_smallest_base", "§4.5", "n = 48, margin 0.55, naming a squared distance"),
    KIT_TEST(smallest_base_not_monotone, 2, "pe_smallest_base", "§4.5", "margin 0.7: base 30 works, 31 does not; capped at 29, none"),
    KIT_TEST(smallest_base_odd_d, 1, "pe_smallest_base", "§4.5", "odd d = 5, margin 0.6: base 21"),
    KIT_TEST(smallest_base_none, 1, "pe_smallest_base", "§4.5", "d = 2: no base separates 64 positions by 0.5"),
    KIT_TEST(smallest_base_bad_arguments, 1, "pe_smallest_base", "§4.5", "NULL, n < 2, d = 0, bad margin, base_max < 2; base_max = 2 and a tiny margin are valid"),
    KIT_TEST(separation_bound_mistakes, 2, "pe_separation_bound", "§4.5", "d = 16 and 512, naming a full wavelength or a missing floor"),
    KIT_TEST(separation_bound_one_pair, 1, "pe_separation_bound", "§4.5", "d = 2: one pair, reach pi, margin 2 sin(1/2)"),
    KIT_TEST(separation_bound_odd_d, 2, "pe_separation_bound,pe_closest_pair", "§4.5", "odd d = 7, base 100: full pairs only, and the guarantee holds"),
    KIT_TEST(separation_bound_bad_arguments, 1, "pe_separation_bound", "§4.5", "NULL, d < 2, bad bases (NaN, infinities, below 1)"),
    KIT_TEST(sweep_pe_wavelengths, 2, "pe_wavelengths", "§4.2", "d = 1 .. 64, odd and even, bases 2.5 .. 1e6, both conventions"),
    KIT_TEST(sweep_pe_offset_distance, 2, "pe_offset_distance", "§4.3", "n = 1 .. 12, p up to 1e6, d = 1 .. 16, bases 2 .. 1e6"),
    KIT_TEST(sweep_pe_closest_pair, 2, "pe_closest_pair", "§4.4", "n = 2 .. 60, d = 1 .. 9, bases 3 .. 1e6, against every pair"),
    KIT_TEST(sweep_pe_smallest_base, 2, "pe_smallest_base", "§4.5", "n = 2 .. 40, d = 1 .. 7, margins 0.2 .. 1.3, base_max 2 .. 60"),
    KIT_TEST(sweep_pe_separation_bound, 1, "pe_separation_bound", "§4.5", "d = 2 .. 513, bases 1.5 .. 1e8"),
    KIT_TEST(order_wavelengths, 1, "pe_wavelengths", "§4.2", "several bad arguments at once: the first in the order NULL, size, domain decides"),
    KIT_TEST(order_offset_distance, 1, "pe_offset_distance", "§4.3", "several bad arguments at once: the first in the order NULL, size, domain decides"),
    KIT_TEST(order_closest_pair, 1, "pe_closest_pair", "§4.4", "several bad arguments at once: the first in the order NULL, size, domain decides"),
    KIT_TEST(order_smallest_base, 1, "pe_smallest_base", "§4.5", "several bad arguments at once: the first in the order NULL, size, domain decides"),
    KIT_TEST(order_separation_bound, 1, "pe_separation_bound", "§4.5", "several bad arguments at once: the first in the order NULL, size, domain decides"),
    KIT_TEST(smallest_base_exact_tie, 1, "pe_closest_pair,pe_smallest_base", "§4.5", "a margin equal to the closest distance is met (>=, not >)"),
    KIT_TEST(smallest_base_cost, 1, "pe_smallest_base", "§4.5", "the stated cost O(b n d) for even d: n = 20000, d = 8, margin 0.3 (every pair, O(b n^2 d), runs out of time)"),
    KIT_TEST(closest_pair_cost, 1, "pe_closest_pair", "§4.4", "the stated cost O(n d) for even d: n = 50000, d = 8 (every pair, O(n^2 d), runs out of time)"),
    KIT_END_OF_TESTS
};
