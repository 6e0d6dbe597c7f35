/*
 * test_data.h — chapter 2's test data, one source of truth for what the
 * public tests (test_public.c) and the grader's tests share: example inputs
 * and golden values (from bc: tests/golden/02-unit-interval.bc, checked by
 * `python3 -m kit golden --check`). Only data the public tests show.
 * Expected values exist only in the judge's build (KIT_JUDGE, see kit_test.h).
 */
#ifndef CH02_UNIT_INTERVAL_TEST_DATA_H
#define CH02_UNIT_INTERVAL_TEST_DATA_H

#ifdef KIT_JUDGE
static const double golden_t_5[5] = {
    0, 0.25, 0.5, 0.75,
    1
};
static const double golden_offset_2[5] = {
    1, 0.5, 0.20000000000000001, 0.02,
    0.002
};
static const double golden_range_3_4_11[2] = {
    0.29999999999999999, 1
};
#endif /* KIT_JUDGE */

#endif /* CH02_UNIT_INTERVAL_TEST_DATA_H */
