/*
 * test_data.h — chapter 9's test data, one source of truth for what the
 * public tests (test_public.c) and the grader's tests share: example inputs
 * and golden values (from bc: tests/golden/09-precision-and-speed.bc, checked by
 * `python3 -m kit golden --check`). Only data the public tests show.
 * Expected values exist only in the judge's build (KIT_JUDGE, see kit_test.h).
 */
#ifndef CH09_PRECISION_AND_SPEED_TEST_DATA_H
#define CH09_PRECISION_AND_SPEED_TEST_DATA_H

#include <math.h>
#include <stddef.h>

#include "kit_test.h"

#ifdef KIT_JUDGE
/* From bc (tests/golden/09-precision-and-speed.bc): the float error at
   pos = 1e2, 1e3, 1e5, 1e6 for d = 512, base 10000. */
static const double golden_float_error_d512[4] = {
    4.9118048340940169e-06, 4.13569675540246e-05, 0.0052535551361471726, 0.051588268516298441
};

/* The libm table of the header: what a generator must get. */
static double *libm_table(size_t n, size_t d, double base)
{
    double *pe = kit_doubles(n * d);
    for (size_t pos = 0; pos < n; pos++)
        for (size_t j = 0; j < d; j++) {
            double omega = pow(base, -2.0 * (double)(j / 2) / (double)d);
            pe[pos * d + j] = (j % 2 == 0) ? sin((double)pos * omega) : cos((double)pos * omega);
        }
    return pe;
}
#endif /* KIT_JUDGE */

#endif /* CH09_PRECISION_AND_SPEED_TEST_DATA_H */
