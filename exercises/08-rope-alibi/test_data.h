/*
 * test_data.h — chapter 8's test data, one source of truth for what the
 * public tests (test_public.c) and the grader's tests share: example inputs
 * and golden values (from bc: tests/golden/08-rope-alibi.bc, checked by
 * `python3 -m kit golden --check`). Only data the public tests show.
 * Expected values exist only in the judge's build (KIT_JUDGE, see kit_test.h).
 */
#ifndef CH08_ROPE_ALIBI_TEST_DATA_H
#define CH08_ROPE_ALIBI_TEST_DATA_H

#ifdef KIT_JUDGE
static const double golden_rope_3x4[12] = {
    0.5, -1, 0.25, 2,
    -0.52259244837643881, -0.25864480064350631, -2.0008999841667472, 0.079995333373333199,
    1.2425864601263648, -0.67526208919991215, -1.0362346373479749, 0.69908352602554635
};

static const double golden_rope_scores_3x4[9] = {
    1.875, 1.5972798978058662, -0.24323121658538313, 0.42853047675851486,
    -2.5499999999999998, -0.92602960524965838, 0.15838187341633461, -3.1403435472192958,
    -1.8125
};

static const double golden_slopes_h8[8] = {
    0.5, 0.25, 0.125, 0.0625,
    0.03125, 0.015625, 0.0078125, 0.00390625
};

static const double golden_alibi_h2_n3[18] = {
    -1.75, -1.5625, -1.375, -1.0625,
    -0.75, -0.5625, -0.375, -0.0625,
    0.25, 0.5, 0.74609375, 0.9921875,
    1.24609375, 1.5, 1.74609375, 1.9921875,
    2.24609375, 2.5
};
#endif /* KIT_JUDGE */

/* The three rows used by rope_worked_example, before rotation. */
static const double rows_3x4[12] = { 0.5, -1, 0.25, 2,
                                     -0.5, 0.3, -2, 0.1,
                                     1, 1, -1, 0.75 };

#endif /* CH08_ROPE_ALIBI_TEST_DATA_H */
