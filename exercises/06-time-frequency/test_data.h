/*
 * test_data.h — chapter 6's test data, one source of truth for what the
 * public tests (test_public.c) and the grader's tests share: example inputs
 * and golden values (from bc: tests/golden/06-time-frequency.bc, checked by
 * `python3 tools/golden.py --check`). Only data the public tests show.
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

/* The PE table (convention A) as test input, from libm. */
static double *pe_input(size_t n, size_t d, double base)
{
    double *pe = kit_doubles(n * d);
    for (size_t pos = 0; pos < n; pos++)
        for (size_t j = 0; j < d; j++) {
            double omega = pow(base, -2.0 * (double)(j / 2) / (double)d);
            pe[pos * d + j] = (j % 2 == 0) ? sin((double)pos * omega) : cos((double)pos * omega);
        }
    return pe;
}

#endif /* CH06_TIME_FREQUENCY_TEST_DATA_H */
