/*
 * test_public.c — chapter 3's public tests: the worked example and the
 * properties every correct encoding has. Run: make check CHAPTER=3
 *
 * Tolerance: 1e-12 absolute. Every angle here is below 5, where double
 * sin/cos and pow are accurate to a few units in the last place (~1e-16);
 * 1e-12 leaves room for any correct way of computing omega (pow, exp/log,
 * repeated multiplication) and still catches every real mistake.
 */
#include <math.h>
#include <stdlib.h>

#include "kit_test.h"
#include "03-sinusoidal.h"
#include "test_data.h"

#define TOL 1e-12

static void omega_d8(void **state)
{
    double *omega = kit_doubles(4);
    (void)state;
    kit_expect_status("pe_omega", pe_omega(omega, 8, 10000.0), KIT_OK);
#ifdef KIT_JUDGE
    {
        const double want[4] = { 1.0, 0.1, 0.01, 0.001 }; /* 10000^(-2i/8) */
        kit_table_omega(8, 10000.0); /* what is compared: for the diagnosis of a wrong table */
        kit_expect_table("omega", "i", omega, want, 1, 4, TOL, NULL, 0);
    }
#endif
}

static void table_worked_example(void **state)
{
    double *pe = kit_doubles(5 * 8);
    (void)state;
    kit_expect_status("pe_table", pe_table(pe, 5, 8, 10000.0), KIT_OK);
    kit_table_pe(0, 8, 10000.0);
    kit_expect_table("pe", "pos,j", pe, golden_pe_5x8, 5, 8, TOL, NULL, 0);
}

static void table_row_zero(void **state)
{
    double *pe = kit_doubles(3 * 16);
    (void)state;
    kit_expect_status("pe_table", pe_table(pe, 3, 16, 10000.0), KIT_OK);
    kit_grid_begin("row 0 over j = 0 .. 15");
    for (size_t j = 0; j < 16; j++) {
        kit_case("j", j);
        kit_expect_true(pe[j] == (j % 2 == 0 ? 0.0 : 1.0),
                        "PE(0, %zu) must be %s (sin 0 or cos 0), got %.17g", j,
                        j % 2 == 0 ? "0" : "1", pe[j]);
    }
    kit_grid_end();
}

static void table_bad_arguments(void **state)
{
    double *pe = kit_doubles(5 * 8);
    (void)state;
    kit_expect_status("pe_table(pe, 5, 0, 10000)", pe_table(pe, 5, 0, 10000.0), KIT_ERR_SIZE);
    kit_expect_status("pe_table(NULL, 5, 8, 10000)", pe_table(NULL, 5, 8, 10000.0), KIT_ERR_NULL);
    kit_expect_status("pe_table(pe, 5, 8, 1.0)", pe_table(pe, 5, 8, 1.0), KIT_ERR_DOMAIN);
    kit_expect_untouched("pe", pe);
}

static void add_worked_example(void **state)
{
    double *x = kit_doubles(5 * 8);
    (void)state;
    for (size_t k = 0; k < 40; k++)
        x[k] = 1.0;
    kit_expect_status("pe_add", pe_add(x, 5, 8, 10000.0), KIT_OK);
#ifdef KIT_JUDGE
    {
        double added[40];
        for (size_t k = 0; k < 40; k++)
            added[k] = x[k] - 1.0; /* what pe_add added to the 1s: must be PE */
        kit_table_pe(0, 8, 10000.0);
        kit_expect_table("x - 1", "pos,j", added, golden_pe_5x8, 5, 8, TOL, NULL, 0);
    }
#endif
}

static void order_gap_sees_a_swap(void **state)
{
    /* Two different words at positions 0 and 1: swapping them must move the
       model; the identity "shuffle" must not. */
    double x[2 * 4] = { 0.5, -0.5, 0.25, 1.0,
                        -1.0, 0.75, -0.25, -1.0 };
    size_t identity[2] = { 0, 1 }, swap[2] = { 1, 0 };
    double gap = -1.0;
    (void)state;
    kit_expect_status("pe_order_gap", pe_order_gap(x, identity, 2, 4, 10000.0, &gap), KIT_OK);
    kit_expect_near("gap for the identity permutation", gap, 0.0, TOL);
    kit_expect_status("pe_order_gap", pe_order_gap(x, swap, 2, 4, 10000.0, &gap), KIT_OK);
    kit_expect_true(gap > 0.01, "the gap for a swapped sentence must be clearly above 0, got %.17g", gap);
}

const struct kit_test kit_tests_public[] = {
    KIT_TEST(omega_d8, 1, "pe_omega", "§3.2", "omega_i = 10000^(-2i/8) for d = 8"),
    KIT_TEST(table_worked_example, 3, "pe_table", "§3.3", "all 40 values of the n = 5, d = 8 example"),
    KIT_TEST(table_row_zero, 1, "pe_table", "§3.3", "PE(0) = (0, 1, 0, 1, ...)"),
    KIT_TEST(table_bad_arguments, 1, "pe_table", "§3.3", "bad arguments get an error code and nothing is written"),
    KIT_TEST(add_worked_example, 1, "pe_add", "§3.5", "1 + PE for the worked example"),
    KIT_TEST(order_gap_sees_a_swap, 1, "pe_order_gap", "§3.5", "shuffling moves the model, the identity does not"),
    KIT_END_OF_TESTS
};
