/*
 * test_data.h — chapter 1's test data, one source of truth for what the
 * public tests (test_public.c) and the grader's tests share: example inputs
 * and golden values (from bc: tests/golden/01-integer-positions.bc, checked by
 * `python3 -m kit golden --check`). Only data the public tests show.
 * Expected values exist only in the judge's build (KIT_JUDGE, see kit_test.h);
 * a test that needs the example matrix as an input builds it from E and the
 * ids (example_rows), as embed_lookup would.
 */
#ifndef CH01_INTEGER_POSITIONS_TEST_DATA_H
#define CH01_INTEGER_POSITIONS_TEST_DATA_H

#include "01-integer-positions.h"

static const char *const vocab[IP_VOCAB_SIZE] = IP_VOCAB;

/* The chapter's embedding table E, (v = 10, d = 4), row k = word k. */
static const double E[10 * 4] = {
     0.1, -0.1,  0.1, -0.1,   /* <unk>   */
     0.5,  0.2, -0.3,  0.8,   /* all     */
    -0.6,  0.4,  0.5,  0.1,   /* animals */
     0.2,  0.9,  0.1, -0.3,   /* are     */
     0.7, -0.5,  0.4,  0.2,   /* equal   */
    -0.2, -0.3,  0.8,  0.5,   /* but     */
     0.4,  0.6, -0.6, -0.2,   /* some    */
     0.9,  0.1,  0.2, -0.4,   /* more    */
    -0.3,  0.7, -0.2,  0.6,   /* than    */
     0.1, -0.8, -0.5,  0.3,   /* others  */
};

static const char *const sentence = "All animals are equal but some are more equal than others";
static const int sentence_ids[11] = { 1, 2, 3, 4, 5, 6, 3, 7, 4, 8, 9 };
/* "some animals are equal but all are more equal than others": same words. */
static const int shuffled_ids[11] = { 6, 2, 3, 4, 5, 1, 3, 7, 4, 8, 9 };

/* The input matrix of a sentence of n words: row pos = row ids[pos] of E. */
static inline void example_rows(const int *ids, size_t n, double *X /* (n, 4) */)
{
    for (size_t pos = 0; pos < n; pos++)
        for (size_t j = 0; j < 4; j++)
            X[pos * 4 + j] = E[(size_t)ids[pos] * 4 + j];
}

#ifdef KIT_JUDGE
/* From bc (tests/golden/01-integer-positions.bc). */
static const double golden_X_example[44] = {
    0.5, 0.20000000000000001, -0.29999999999999999, 0.80000000000000004,
    -0.59999999999999998, 0.40000000000000002, 0.5, 0.10000000000000001,
    0.20000000000000001, 0.90000000000000002, 0.10000000000000001, -0.29999999999999999,
    0.69999999999999996, -0.5, 0.40000000000000002, 0.20000000000000001,
    -0.20000000000000001, -0.29999999999999999, 0.80000000000000004, 0.5,
    0.40000000000000002, 0.59999999999999998, -0.59999999999999998, -0.20000000000000001,
    0.20000000000000001, 0.90000000000000002, 0.10000000000000001, -0.29999999999999999,
    0.90000000000000002, 0.10000000000000001, 0.20000000000000001, -0.40000000000000002,
    0.69999999999999996, -0.5, 0.40000000000000002, 0.20000000000000001,
    -0.29999999999999999, 0.69999999999999996, -0.20000000000000001, 0.59999999999999998,
    0.10000000000000001, -0.80000000000000004, -0.5, 0.29999999999999999
};
static const double golden_mean_example[4] = {
    0.23636363636363636, 0.15454545454545454, 0.081818181818181818, 0.13636363636363635
};
static const double golden_X_plus_pos[44] = {
    0.5, 0.20000000000000001, -0.29999999999999999, 0.80000000000000004,
    0.40000000000000002, 1.3999999999999999, 1.5, 1.1000000000000001,
    2.2000000000000002, 2.8999999999999999, 2.1000000000000001, 1.7,
    3.7000000000000002, 2.5, 3.3999999999999999, 3.2000000000000002,
    3.7999999999999998, 3.7000000000000002, 4.7999999999999998, 4.5,
    5.4000000000000004, 5.5999999999999996, 4.4000000000000004, 4.7999999999999998,
    6.2000000000000002, 6.9000000000000004, 6.0999999999999996, 5.7000000000000002,
    7.9000000000000004, 7.0999999999999996, 7.2000000000000002, 6.5999999999999996,
    8.6999999999999993, 7.5, 8.4000000000000004, 8.1999999999999993,
    8.6999999999999993, 9.6999999999999993, 8.8000000000000007, 9.5999999999999996,
    10.1, 9.1999999999999993, 9.5, 10.300000000000001
};
static const double golden_ratio_example[11] = {
    0, 2.2645540682891916, 4.1039134083406168, 6.1885274775527606,
    7.9211803438133943, 10.425720702853738, 12.311740225021849, 13.862065601673441,
    16.502739940140696, 18.182745801939795, 20.100756305184241
};
#endif /* KIT_JUDGE */

#endif /* CH01_INTEGER_POSITIONS_TEST_DATA_H */
