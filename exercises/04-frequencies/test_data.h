/*
 * test_data.h — chapter 4's test data, one source of truth for what the
 * public tests (test_public.c) and the grader's tests share: example inputs
 * and golden values (from bc: tests/golden/04-frequencies.bc, checked by
 * `python3 -m kit golden --check`). Only data the public tests show.
 * Expected values exist only in the judge's build (KIT_JUDGE, see kit_test.h).
 */
#ifndef CH04_FREQUENCIES_TEST_DATA_H
#define CH04_FREQUENCIES_TEST_DATA_H

#ifdef KIT_JUDGE
static const double golden_lambda_d8[4] = {
    6.2831853071795862, 62.831853071795862, 628.31853071795865, 6283.1853071795867
};
static const double golden_lambda_t2t_d8[4] = {
    6.2831853071795862, 135.36712389686338, 2916.3962761324647, 62831.853071795864
};
/* ||PE(k) - PE(0)||, k = 0 .. 7, d = 8, base 10000, summed column by column. */
static const double golden_offset_d8[8] = {
    0, 0.96409960941505168, 1.6948641550511689, 2.017478859231232,
    1.8619293865176962, 1.2961616351561969, 0.6577409192847159, 0.98359448760033807
};

/* {distance, offset} of the closest pair, n = 100, d = 8. */
static const double golden_closest_d8[2] = {
    0.64529236387135458, 63
};

/* n = 64, d = 4, margin 0.5 */
static const double golden_base_d4_m05[1] = {
    5
};

/* {reach, margin} of pe_separation_bound, d = 512, base 10000. */
static const double golden_bound_d512[2] = {
    30305.738583130529, 0.95885107720840601
};
#endif /* KIT_JUDGE */

#endif /* CH04_FREQUENCIES_TEST_DATA_H */
