/*
 * test_data.h — chapter 6's test data, one source of truth for what the
 * public tests (test_public.c) and the grader's tests share: example inputs
 * and golden values (from bc: tests/golden/06-time-frequency.bc, checked by
 * `python3 -m kit golden --check`). Only data the public tests show.
 * Expected values exist only in the judge's build (KIT_JUDGE, see kit_test.h);
 * inputs (the signal, an encoding table) are in both.
 */
#ifndef CH06_TIME_FREQUENCY_TEST_DATA_H
#define CH06_TIME_FREQUENCY_TEST_DATA_H

#include <math.h>
#include <stddef.h>

#include "kit_test.h"

/* The signal of section 6.2 and its DFT, from bc in 50-digit arithmetic
   (tests/golden/06-time-frequency.bc). */
static const double signal16[16] = { 1, 0.5, -0.25, 2, 0, -1, 0.75, 0.125,
                                     -2, 1.5, 0.25, -0.5, 1, 0, -0.75, 0.375 };
#ifdef KIT_JUDGE
static const double golden_dft16_re[16] = {
    3, 2.2322688015212542, -0.58578643762690497, 0.89362262430977413,
    -5.9999999999999998e-50, 7.9348045004364156, -3.4142135623730949, 0.93930407373255587,
    -3, 0.93930407373255587, -3.4142135623730949, 7.9348045004364156,
    0, 0.89362262430977413, -0.58578643762690497, 2.2322688015212542
};
static const double golden_dft16_im[16] = {
    0, -0.61457178949711544, -2.8284271247461903, 0.021767783000195579,
    1, 3.4359813453732908, -2.8284271247461903, -1.2003582271240203,
    -4.9999999999999997e-50, 1.2003582271240203, 2.8284271247461903, -3.4359813453732908,
    -1, -0.021767783000195579, 2.8284271247461903, 0.61457178949711544
};
#endif /* KIT_JUDGE */

/* Rows first .. first + n - 1 of the PE table (convention A) as test input,
   from libm: within ~1e-16 of the exact values for small positions, ~1e-13
   near position 1000 (the angle pos * omega carries ~1e3 * 2^-53). */
static double *pe_input(size_t first, size_t n, size_t d, double base)
{
    double *pe = kit_doubles(n * d);
    for (size_t r = 0; r < n; r++)
        for (size_t j = 0; j < d; j++) {
            double omega = pow(base, -2.0 * (double)(j / 2) / (double)d);
            double angle = (double)(first + r) * omega;
            pe[r * d + j] = (j % 2 == 0) ? sin(angle) : cos(angle);
        }
    return pe;
}

#endif /* CH06_TIME_FREQUENCY_TEST_DATA_H */
