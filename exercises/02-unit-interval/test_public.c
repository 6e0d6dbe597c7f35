/*
 * test_public.c — chapter 2's public tests: the worked examples and the
 * properties every [0, 1] position code has. Run: make check CHAPTER=2
 *
 * Tolerance: 1e-14 absolute. Every value is one division pos / (n - 1) in
 * [0, 1]; done in double it is correctly rounded (error <= 1.1e-16), and
 * pos * (1.0 / (n - 1)) is within two units in the last place. 1e-14 accepts
 * both and still catches every real mistake (the smallest one below moves a
 * value by more than 1e-3). Expected values exist only in the judge's build
 * (KIT_JUDGE, see kit_test.h).
 */
#include <math.h>

#include "kit_test.h"
#include "02-unit-interval.h"
#include "test_data.h"

#define TOL 1e-14

#ifdef KIT_JUDGE
/* From bc (tests/golden/02-unit-interval.bc). */
static const double golden_t_11[11] = {
    0, 0.10000000000000001, 0.20000000000000001, 0.29999999999999999,
    0.40000000000000002, 0.5, 0.59999999999999998, 0.69999999999999996,
    0.80000000000000004, 0.90000000000000002, 1
};
#endif

/* The running example has n = 11 tokens. */
static void positions_running_example(void **state)
{
    double *t = kit_doubles(11);
    (void)state;
    kit_expect_status("unit_positions(t, 11)", unit_positions(t, 11), KIT_OK);
    kit_expect_table("t", "pos", t, golden_t_11, 1, 11, TOL, NULL, 0);
}

static void positions_ends_and_order(void **state)
{
    (void)state;
    kit_grid_begin("unit_positions over n = 2 .. 40");
    for (size_t n = 2; n <= 40; n++) {
        double *t = kit_doubles(n);
        kit_case("n", n);
        kit_expect_status("unit_positions", unit_positions(t, n), KIT_OK);
        kit_expect_true(t[0] == 0.0, "n = %zu: t[0] must be 0, got %.17g", n, t[0]);
        kit_expect_true(fabs(t[n - 1] - 1.0) <= TOL, "n = %zu: t[n-1] must be 1, got %.17g", n,
                        t[n - 1]);
        for (size_t pos = 1; pos < n; pos++)
            kit_expect_true(t[pos] > t[pos - 1], "n = %zu: t[%zu] = %.17g is not above t[%zu] = %.17g",
                            n, pos, t[pos], pos - 1, t[pos - 1]);
    }
    kit_grid_end();
}

static void positions_single_token(void **state)
{
    double *t = kit_doubles(1);
    (void)state;
    kit_expect_status("unit_positions(t, 1)", unit_positions(t, 1), KIT_OK);
    kit_expect_true(t[0] == 0.0, "a single token sits at 0, got t[0] = %.17g", t[0]);
}

static void positions_bad_arguments(void **state)
{
    double *t = kit_doubles(4);
    (void)state;
    kit_expect_status("unit_positions(NULL, 4)", unit_positions(NULL, 4), KIT_ERR_NULL);
    kit_expect_status("unit_positions(NULL, 0)", unit_positions(NULL, 0), KIT_OK);
    kit_expect_status("unit_positions(t, 0)", unit_positions(t, 0), KIT_OK);
    kit_expect_untouched("t", t);
}

/* Two words apart: 1 in a sentence of 3 tokens ... 0.002 in one of 1001. */
static void offset_two_words_apart(void **state)
{
    const size_t lengths[5] = { 3, 5, 11, 101, 1001 };
    (void)state;
    for (size_t k = 0; k < 5; k++) {
        double delta = -1.0;
        kit_expect_status("unit_offset_code", unit_offset_code(2, lengths[k], &delta), KIT_OK);
        kit_expect_near("the code of an offset of 2 tokens", delta, golden_offset_2[k], TOL);
    }
}

/* Position 3 over sentences of 4 .. 11 tokens. */
static void code_range_example(void **state)
{
    double lo = -1.0, hi = -1.0;
    (void)state;
    kit_expect_status("unit_code_range(3, 4, 11, &lo, &hi)", unit_code_range(3, 4, 11, &lo, &hi),
                      KIT_OK);
    kit_expect_near("lo", lo, golden_range_3_4_11[0], TOL);
    kit_expect_near("hi", hi, golden_range_3_4_11[1], TOL);
}

static void pos_add_example(void **state)
{
    double *x = kit_doubles(5 * 3);
    (void)state;
    for (size_t k = 0; k < 5 * 3; k++)
        x[k] = 1.0;
    kit_expect_status("unit_pos_add(x, 5, 3)", unit_pos_add(x, 5, 3), KIT_OK);
#ifdef KIT_JUDGE
    {
        double want[5 * 3];
        for (size_t k = 0; k < 5 * 3; k++)
            want[k] = 1.0 + golden_t_5[k / 3];
        kit_expect_table("x", "pos,j", x, want, 5, 3, TOL, NULL, 0);
    }
#endif
}

const struct kit_test kit_tests_public[] = {
    KIT_TEST(positions_running_example, 2, "unit_positions", "§2.1", "t for the 11 tokens of the running example"),
    KIT_TEST(positions_ends_and_order, 1, "unit_positions", "§2.1", "t[0] = 0, t[n-1] = 1, increasing, n = 2 .. 40"),
    KIT_TEST(positions_single_token, 1, "unit_positions", "§2.2", "n = 1: the single token sits at 0"),
    KIT_TEST(positions_bad_arguments, 1, "unit_positions", "§2.2", "NULL with n > 0; n = 0 writes nothing"),
    KIT_TEST(offset_two_words_apart, 2, "unit_offset_code", "§2.3", "an offset of 2 tokens for n = 3 .. 1001"),
    KIT_TEST(code_range_example, 1, "unit_code_range", "§2.4", "the codes of position 3 over n = 4 .. 11"),
    KIT_TEST(pos_add_example, 1, "unit_pos_add", "§2.5", "1 + t for a 5 x 3 matrix of ones"),
    KIT_END_OF_TESTS
};
