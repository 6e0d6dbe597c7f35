/*
 * test_public.c — chapter 5's public tests: the shift matrix M_k, shifting
 * rows, the Gram matrix, the dot product by offset and the group law.
 * Run: make check CHAPTER=5
 *
 * Golden values come from bc in 60-digit arithmetic
 * (tests/golden/05-relative-positions.bc), computed from the definitions
 * (sin and cos of the shifted positions, dot products of rows).
 * Tolerance: 1e-12 absolute. Angles here are at most 7 and sums have at most
 * 8 terms of size <= 1, so a correct double computation is within ~1e-15;
 * 1e-12 accepts any correct order of operations and still catches every
 * real mistake (the smallest wrong value seen is off by ~1e-3). Input tables
 * of encodings come from libm (pe_rows, within ~1e-16 here).
 * Expected values and value checks exist only in the judge's build
 * (KIT_JUDGE, see kit_test.h).
 */
#include <math.h>
#include <stdlib.h>

#include "kit_test.h"
#include "05-relative-positions.h"
#include "test_data.h"

#define TOL 1e-12

#ifdef KIT_JUDGE
static const double golden_gram_pe_5x8[25] = {
    4, 3.5352559715628726, 2.5637177479613436, 1.964889526277523,
    2.266609479810918, 3.5352559715628726, 4, 3.5352559715628726,
    2.5637177479613436, 1.964889526277523, 2.5637177479613436, 3.5352559715628726,
    4, 3.5352559715628726, 2.5637177479613436, 1.964889526277523,
    2.5637177479613436, 3.5352559715628726, 4, 3.5352559715628726,
    2.266609479810918, 1.964889526277523, 2.5637177479613436, 3.5352559715628726,
    4
};
#endif /* KIT_JUDGE */

static void rotation_m3_d8(void **state)
{
    double *M = kit_doubles(8 * 8);
    (void)state;
    kit_expect_status("rel_rotation(M, 3, 8, 10000)", rel_rotation(M, 3, 8, 10000.0), KIT_OK);
    kit_expect_table("M_3", "r,c", M, golden_m3_d8, 8, 8, TOL, NULL, 0);
}

/* The chapter's claim: M_3 PE(pos) = PE(pos + 3) for pos = 0 .. 4. */
static void rotation_shifts_pe(void **state)
{
    double *M = kit_doubles(8 * 8);
    (void)state;
    kit_expect_status("rel_rotation(M, 3, 8, 10000)", rel_rotation(M, 3, 8, 10000.0), KIT_OK);
#ifdef KIT_JUDGE
    {
        double got[5 * 8];
        for (size_t pos = 0; pos < 5; pos++)
            for (size_t r = 0; r < 8; r++) {
                double sum = 0.0;
                for (size_t c = 0; c < 8; c++)
                    sum += M[r * 8 + c] * golden_pe_0_4[pos * 8 + c];
                got[pos * 8 + r] = sum;
            }
        kit_table_pe(3, 8, 10000.0);
        kit_expect_table("M_3 PE(pos)", "pos,j", got, golden_pe_3_7, 5, 8, TOL, NULL, 0);
    }
#endif
}

static void rotation_bad_arguments(void **state)
{
    double *M = kit_doubles(8 * 8);
    (void)state;
    kit_expect_status("rel_rotation(NULL, 3, 8, 10000)", rel_rotation(NULL, 3, 8, 10000.0), KIT_ERR_NULL);
    kit_expect_status("rel_rotation(M, 3, 0, 10000)", rel_rotation(M, 3, 0, 10000.0), KIT_ERR_SIZE);
    kit_expect_status("rel_rotation(M, 3, 7, 10000) (odd d)", rel_rotation(M, 3, 7, 10000.0),
                      KIT_ERR_DOMAIN);
    kit_expect_status("rel_rotation(M, 3, 8, 1.0)", rel_rotation(M, 3, 8, 1.0), KIT_ERR_DOMAIN);
    kit_expect_untouched("M", M);
}

static void shift_worked_example(void **state)
{
    const double *pe = pe_rows(0.0, 1.0, 5, 8, 10000.0);
    double *out = kit_doubles(5 * 8);
    (void)state;
    kit_expect_status("rel_shift(PE(0..4), 5, 8, 3, 10000, out)",
                      rel_shift(pe, 5, 8, 3, 10000.0, out), KIT_OK);
    kit_table_pe(3, 8, 10000.0);
    kit_expect_table("out", "row,j", out, golden_pe_3_7, 5, 8, TOL, NULL, 0);
}

static void shift_back(void **state)
{
    const double *pe = pe_rows(3.0, 1.0, 5, 8, 10000.0);
    double *out = kit_doubles(5 * 8);
    (void)state;
    kit_expect_status("rel_shift(PE(3..7), 5, 8, -3, 10000, out)",
                      rel_shift(pe, 5, 8, -3, 10000.0, out), KIT_OK);
    kit_table_pe(0, 8, 10000.0);
    kit_expect_table("out", "row,j", out, golden_pe_0_4, 5, 8, TOL, NULL, 0);
}

static void gram_of_pe_table(void **state)
{
    const double *pe = pe_rows(0.0, 1.0, 5, 8, 10000.0);
    double *G = kit_doubles(5 * 5);
    (void)state;
    kit_expect_status("rel_gram(PE(0..4), 5, 8, G)", rel_gram(pe, 5, 8, G), KIT_OK);
    kit_expect_table("G", "p,q", G, golden_gram_pe_5x8, 5, 5, TOL, NULL, 0);
}

static void dot_offset_d8(void **state)
{
    double dot[5];
    (void)state;
    for (int k = 0; k < 5; k++)
        kit_expect_status("rel_dot_offset(dot, k, 8, 10000)",
                          rel_dot_offset(&dot[k], k, 8, 10000.0), KIT_OK);
    kit_expect_table("dot", "k", dot, golden_dot_d8, 1, 5, TOL, NULL, 0);
}

static void compose_3x3(void **state)
{
    const double A[9] = { 1, 2, 0, -1, 0.5, 3, 0, 1, -2 };
    const double B[9] = { 0.25, 0, 1, 2, -1, 0, 1, 1, 0.5 };
    double *C = kit_doubles(9);
    (void)state;
    kit_expect_status("rel_compose(A, B, 3, C)", rel_compose(A, B, 3, C), KIT_OK);
    kit_expect_table("C = A B", "r,c", C, golden_ab_3x3, 3, 3, TOL, NULL, 0);
}

static void compose_group_law(void **state)
{
    double *M2 = kit_doubles(8 * 8), *M3 = kit_doubles(8 * 8), *M5 = kit_doubles(8 * 8);
    double *C = kit_doubles(8 * 8);
    (void)state;
    kit_expect_status("rel_rotation(M, 2, 8, 10000)", rel_rotation(M2, 2, 8, 10000.0), KIT_OK);
    kit_expect_status("rel_rotation(M, 3, 8, 10000)", rel_rotation(M3, 3, 8, 10000.0), KIT_OK);
    kit_expect_status("rel_rotation(M, 5, 8, 10000)", rel_rotation(M5, 5, 8, 10000.0), KIT_OK);
    kit_expect_status("rel_compose(M_2, M_3, 8, C)", rel_compose(M2, M3, 8, C), KIT_OK);
    kit_expect_table("M_2 M_3 (must be M_5)", "r,c", C, M5, 8, 8, TOL, NULL, 0);
}

const struct kit_test kit_tests_public[] = {
    KIT_TEST(rotation_m3_d8, 2, "rel_rotation", "§5.2", "M_3 for d = 8 (bc golden values)"),
    KIT_TEST(rotation_shifts_pe, 2, "rel_rotation", "§5.2", "M_3 PE(pos) = PE(pos + 3), pos = 0..4"),
    KIT_TEST(rotation_bad_arguments, 1, "rel_rotation", "§5.2", "NULL, d = 0, odd d, base 1: error, nothing written"),
    KIT_TEST(shift_worked_example, 2, "rel_shift", "§5.3", "PE(0..4) shifted by k = 3 is PE(3..7)"),
    KIT_TEST(shift_back, 1, "rel_shift", "§5.3", "PE(3..7) shifted by k = -3 is PE(0..4)"),
    KIT_TEST(gram_of_pe_table, 2, "rel_gram", "§5.4", "the 5 x 5 Gram matrix of PE(0..4), d = 8"),
    KIT_TEST(dot_offset_d8, 2, "rel_dot_offset", "§5.5", "PE(p + k) . PE(p) for d = 8, k = 0..4"),
    KIT_TEST(compose_3x3, 1, "rel_compose", "§5.6", "A B for two 3 x 3 matrices (bc golden)"),
    KIT_TEST(compose_group_law, 2, "rel_rotation,rel_compose", "§5.6", "M_2 M_3 = M_5"),
    KIT_END_OF_TESTS
};
