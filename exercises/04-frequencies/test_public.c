/*
 * test_public.c — chapter 4's public tests: the worked numbers of the chapter
 * and the properties every correct answer has. Run: make check CHAPTER=4
 *
 * Golden values come from bc (tests/golden/04-frequencies.bc), never from C.
 * Tolerances:
 * - wavelengths: 1e-12 relative (tol = 1e-12 times the largest value). They
 *   reach 6e4, where one unit in the last place is 7e-12; pow, exp/log or a
 *   repeated ratio all stay within ~1e-13 relative, while every known mistake
 *   is off by a factor of 2 pi or more.
 * - distances: 1e-12 absolute. The angles are at most ~1e3, so k * omega
 *   carries ~1e-13 and sin/cos ~1e-16. The one exception is the d = 2
 *   near-collision (6.0e-5): computed as sqrt(2 - 2 cos(710)) it loses ~2e-12
 *   to cancellation, a correct way, so that test allows 1e-10.
 * - offsets and bases are integers: exact.
 * Expected values and value checks exist only in the judge's build
 * (KIT_JUDGE, see kit_test.h).
 */
#include <math.h>
#include <stdlib.h>

#include "kit_test.h"
#include "04-frequencies.h"
#include "test_data.h"

#define TOL 1e-12

#ifdef KIT_JUDGE
/* The longest wavelength (the last pair) for d = 8, 20, 128, 512, base 10000. */
static const double golden_lambda_longest[4] = {
    6283.1853071795867, 25013.811247045716, 54410.143130776749, 60611.477166261058
};
/* {distance, offset} of the closest pair. */
/* n = 1000, d = 2  */
static const double golden_closest_d2[2] = {
    6.0288706718976901e-05, 710
};
/* n = 1000, d = 16 */
static const double golden_closest_d16[2] = {
    1.0147253387124024, 1
};
/* {reach, margin} of pe_separation_bound. */
static const double golden_bound_d8[2] = {
    3141.5926535897934, 0.31286893008046174
};
static const double golden_bound_d8_base100[2] = {
    99.345882657961013, 0.95310553942979415
};
#endif /* KIT_JUDGE */

/* §4.1: the ladder is geometric: every wavelength is the same multiple of
   the one before, and the shortest is 2 pi. */
static void wavelengths_geometric(void **state)
{
    size_t d = 16, pairs = 8;
    double *lambda = kit_doubles(pairs);
    (void)state;
    kit_expect_status("pe_wavelengths(lambda, 16, 10000, PE_PAPER)",
                      pe_wavelengths(lambda, d, 10000.0, PE_PAPER), KIT_OK);
    kit_expect_near("lambda[0]", lambda[0], golden_lambda_d8[0], TOL);
#ifdef KIT_JUDGE
    for (size_t i = 1; i + 1 < pairs; i++) {
        double r0 = lambda[1] / lambda[0], r = lambda[i + 1] / lambda[i];
        kit_expect_true(r > 1.0 && fabs(r - r0) <= 1e-12 * r0,
                        "lambda[%zu] / lambda[%zu] = %.15g but lambda[1] / lambda[0] = %.15g: "
                        "a geometric ladder has one ratio", i + 1, i, r, r0);
    }
#endif
}

/* §4.2 */
static void wavelengths_d8(void **state)
{
    double *lambda = kit_doubles(4);
    (void)state;
    kit_expect_status("pe_wavelengths(lambda, 8, 10000, PE_PAPER)",
                      pe_wavelengths(lambda, 8, 10000.0, PE_PAPER), KIT_OK);
    kit_expect_table("lambda", "i", lambda, golden_lambda_d8, 1, 4, 1e-12 * 6283.2, NULL, 0);
}

/* §4.2: not 2 pi * 10000 = 62831.9, but 2 pi * 10000^((d-2)/d). */
static void wavelengths_longest(void **state)
{
    const size_t ds[4] = { 8, 20, 128, 512 };
    (void)state;
    kit_grid_begin("the longest wavelength over d = 8, 20, 128, 512");
    for (size_t k = 0; k < 4; k++) {
        size_t pairs = ds[k] / 2;
        double *lambda = kit_doubles(pairs);
        kit_case("d", ds[k]);
        kit_expect_status("pe_wavelengths(lambda, d, 10000, PE_PAPER)",
                          pe_wavelengths(lambda, ds[k], 10000.0, PE_PAPER), KIT_OK);
        kit_expect_near(ds[k] == 8 ? "longest wavelength, d = 8" :
                        ds[k] == 20 ? "longest wavelength, d = 20" :
                        ds[k] == 128 ? "longest wavelength, d = 128" : "longest wavelength, d = 512",
                        lambda[pairs - 1], golden_lambda_longest[k], 1e-12 * golden_lambda_longest[k]);
    }
    kit_grid_end();
}

/* §4.2: the tensor2tensor convention runs from 2 pi to exactly 2 pi * 10000. */
static void wavelengths_t2t_d8(void **state)
{
    double *lambda = kit_doubles(4);
    (void)state;
    kit_expect_status("pe_wavelengths(lambda, 8, 10000, PE_T2T)",
                      pe_wavelengths(lambda, 8, 10000.0, PE_T2T), KIT_OK);
    kit_expect_table("lambda (PE_T2T)", "i", lambda, golden_lambda_t2t_d8, 1, 4,
                     1e-12 * 62831.9, NULL, 0);
}

static void wavelengths_bad_arguments(void **state)
{
    double *lambda = kit_doubles(4);
    (void)state;
    kit_expect_status("pe_wavelengths(NULL, 8, 10000, PE_PAPER)",
                      pe_wavelengths(NULL, 8, 10000.0, PE_PAPER), KIT_ERR_NULL);
    kit_expect_status("pe_wavelengths(lambda, 0, 10000, PE_PAPER)",
                      pe_wavelengths(lambda, 0, 10000.0, PE_PAPER), KIT_ERR_SIZE);
    kit_expect_status("pe_wavelengths(lambda, 8, 1.0, PE_PAPER)",
                      pe_wavelengths(lambda, 8, 1.0, PE_PAPER), KIT_ERR_DOMAIN);
    kit_expect_status("pe_wavelengths(lambda, 8, 10000, 7)",
                      pe_wavelengths(lambda, 8, 10000.0, 7), KIT_ERR_DOMAIN);
    kit_expect_untouched("lambda", lambda);
}

/* §4.3: the distance depends on the offset only (even d): the same from
   p = 0 and from p = 1000. */
static void offset_distance_d8(void **state)
{
    double *from0 = kit_doubles(8), *from1000 = kit_doubles(8);
    (void)state;
    kit_expect_status("pe_offset_distance(dist, 8, 0, 8, 10000)",
                      pe_offset_distance(from0, 8, 0, 8, 10000.0), KIT_OK);
    kit_expect_table("dist from p = 0", "k", from0, golden_offset_d8, 1, 8, TOL, NULL, 0);
    kit_expect_status("pe_offset_distance(dist, 8, 1000, 8, 10000)",
                      pe_offset_distance(from1000, 8, 1000, 8, 10000.0), KIT_OK);
    kit_expect_table("dist from p = 1000", "k", from1000, golden_offset_d8, 1, 8, TOL, NULL, 0);
}

/* §4.4: d = 8 — the closest pair is not two neighbours. */
static void closest_pair_d8_not_adjacent(void **state)
{
    double *dist = kit_doubles(1);
    size_t *offset = kit_sizes(1);
    (void)state;
    kit_expect_status("pe_closest_pair(100, 8, 10000, dist, offset)",
                      pe_closest_pair(100, 8, 10000.0, dist, offset), KIT_OK);
    kit_expect_near("closest distance, n = 100, d = 8", *dist, golden_closest_d8[0], TOL);
    kit_expect_size("its offset", *offset, (size_t)golden_closest_d8[1]);
}

/* §4.4: d = 2 — one pair, positions 710 apart almost coincide. */
static void closest_pair_d2_far_collision(void **state)
{
    double *dist = kit_doubles(1);
    size_t *offset = kit_sizes(1);
    (void)state;
    kit_expect_status("pe_closest_pair(1000, 2, 10000, dist, offset)",
                      pe_closest_pair(1000, 2, 10000.0, dist, offset), KIT_OK);
    kit_expect_near("closest distance, n = 1000, d = 2", *dist, golden_closest_d2[0], 1e-10);
    kit_expect_size("its offset", *offset, (size_t)golden_closest_d2[1]);
}

/* §4.4: d = 16 — neighbours are the closest pair. */
static void closest_pair_d16_adjacent(void **state)
{
    double *dist = kit_doubles(1);
    size_t *offset = kit_sizes(1);
    (void)state;
    kit_expect_status("pe_closest_pair(1000, 16, 10000, dist, offset)",
                      pe_closest_pair(1000, 16, 10000.0, dist, offset), KIT_OK);
    kit_expect_near("closest distance, n = 1000, d = 16", *dist, golden_closest_d16[0], TOL);
    kit_expect_size("its offset", *offset, (size_t)golden_closest_d16[1]);
}

/* §4.5 */
static void smallest_base_d4(void **state)
{
    size_t *base_min = kit_sizes(1);
    (void)state;
    kit_expect_status("pe_smallest_base(64, 4, 0.5, 1000, base_min)",
                      pe_smallest_base(64, 4, 0.5, 1000, base_min), KIT_OK);
    kit_expect_size("smallest base, n = 64, d = 4, margin 0.5", *base_min,
                    (size_t)golden_base_d4_m05[0]);
}

/* §4.5: the reach is half the longest wavelength; at d = 512 the margin is
   the neighbours' floor 2 sin(1/2). */
static void separation_bound_values(void **state)
{
    double *b8 = kit_doubles(2), *b512 = kit_doubles(2);
    (void)state;
    kit_expect_status("pe_separation_bound(bound, 8, 10000)",
                      pe_separation_bound(b8, 8, 10000.0), KIT_OK);
    kit_expect_near("reach, d = 8", b8[0], golden_bound_d8[0], 1e-12 * golden_bound_d8[0]);
    kit_expect_near("margin, d = 8", b8[1], golden_bound_d8[1], TOL);
    kit_expect_status("pe_separation_bound(bound, 512, 10000)",
                      pe_separation_bound(b512, 512, 10000.0), KIT_OK);
    kit_expect_near("reach, d = 512", b512[0], golden_bound_d512[0], 1e-12 * golden_bound_d512[0]);
    kit_expect_near("margin, d = 512", b512[1], golden_bound_d512[1], TOL);
}

/* §4.5: the guarantee holds. d = 8, base 100: reach 99.35, so the offsets
   1 .. 99 of the positions [0, 100) are all covered, and the closest pair
   (1.014671, between neighbours) must be at least the margin 0.9531. */
static void separation_bound_holds(void **state)
{
    double *bound = kit_doubles(2), *dist = kit_doubles(1);
    size_t *offset = kit_sizes(1);
    (void)state;
    kit_expect_status("pe_separation_bound(bound, 8, 100)",
                      pe_separation_bound(bound, 8, 100.0), KIT_OK);
    kit_expect_near("reach, d = 8, base 100", bound[0], golden_bound_d8_base100[0], 1e-12 * 100.0);
    kit_expect_near("margin, d = 8, base 100", bound[1], golden_bound_d8_base100[1], TOL);
    kit_expect_status("pe_closest_pair(100, 8, 100, dist, offset)",
                      pe_closest_pair(100, 8, 100.0, dist, offset), KIT_OK);
    kit_expect_true(*dist >= bound[1] - TOL,
                    "the closest pair of [0, 100) is %.15g apart (offset %zu), below the "
                    "guaranteed margin %.15g", *dist, *offset, bound[1]);
}

const struct kit_test kit_tests_public[] = {
    KIT_TEST(wavelengths_geometric, 1, "pe_wavelengths", "§4.1", "one ratio between neighbouring wavelengths; the shortest is 2 pi"),
    KIT_TEST(wavelengths_d8, 1, "pe_wavelengths", "§4.2", "the four wavelengths for d = 8 (bc golden values)"),
    KIT_TEST(wavelengths_longest, 2, "pe_wavelengths", "§4.2", "the longest wavelength for d = 8, 20, 128, 512"),
    KIT_TEST(wavelengths_t2t_d8, 1, "pe_wavelengths", "§4.2", "the tensor2tensor convention for d = 8"),
    KIT_TEST(wavelengths_bad_arguments, 1, "pe_wavelengths", "§4.2", "bad arguments get an error code and nothing is written"),
    KIT_TEST(offset_distance_d8, 2, "pe_offset_distance", "§4.3", "distances by offset for d = 8, from p = 0 and p = 1000"),
    KIT_TEST(closest_pair_d8_not_adjacent, 2, "pe_closest_pair", "§4.4", "d = 8, n = 100: 0.645292 at offset 63"),
    KIT_TEST(closest_pair_d2_far_collision, 1, "pe_closest_pair", "§4.4", "d = 2, n = 1000: 6.0e-5 at offset 710"),
    KIT_TEST(closest_pair_d16_adjacent, 1, "pe_closest_pair", "§4.4", "d = 16, n = 1000: 1.014725 at offset 1"),
    KIT_TEST(smallest_base_d4, 2, "pe_smallest_base", "§4.5", "n = 64, d = 4, margin 0.5: base 5"),
    KIT_TEST(separation_bound_values, 1, "pe_separation_bound", "§4.5", "reach and margin for d = 8 and d = 512, base 10000"),
    KIT_TEST(separation_bound_holds, 2, "pe_separation_bound,pe_closest_pair", "§4.5", "d = 8, base 100: 100 positions, all at least the margin apart"),
    KIT_END_OF_TESTS
};
