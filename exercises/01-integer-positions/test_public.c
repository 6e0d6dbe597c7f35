/*
 * test_public.c — chapter 1's public tests: the running example, from words
 * to ids to vectors, the order-blind mean, and integer positions.
 * Run: make check CHAPTER=1
 *
 * Tolerance: 1e-12 absolute. Values are sums, means and norms of at most a
 * few dozen numbers below 12, whose rounding errors are near 1e-15; 1e-12
 * accepts any order of summation and still catches every real mistake
 * (the smallest one below moves a value by 0.1).
 */
#include <math.h>

#include "kit_test.h"
#include "01-integer-positions.h"

#define TOL 1e-12

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

static void tokenize_running_example(void **state)
{
    int *ids = kit_ints(16);
    size_t *n = kit_sizes(1);
    (void)state;
    kit_expect_status("tokenize_ids", tokenize_ids(sentence, vocab, IP_VOCAB_SIZE, ids, 16, n),
                      KIT_OK);
    kit_expect_size("number of tokens *n", *n, 11);
    for (size_t pos = 0; pos < 11; pos++)
        kit_expect_true(ids[pos] == sentence_ids[pos], "ids[%zu]: expected %d (\"%s\"), got %d",
                        pos, sentence_ids[pos], vocab[sentence_ids[pos]], ids[pos]);
}

static void tokenize_counts_first(void **state)
{
    int *ids = kit_ints(5);
    size_t *n = kit_sizes(1), *needed = kit_sizes(1);
    (void)state;
    /* max_n = 0 and no buffer: a counting call */
    kit_expect_status("tokenize_ids(sentence, vocab, 10, NULL, 0, n)",
                      tokenize_ids(sentence, vocab, IP_VOCAB_SIZE, NULL, 0, needed), KIT_ERR_SIZE);
    kit_expect_size("tokens needed *n", *needed, 11);
    /* a buffer of 5 for 11 tokens: nothing written */
    kit_expect_status("tokenize_ids(sentence, vocab, 10, ids, 5, n)",
                      tokenize_ids(sentence, vocab, IP_VOCAB_SIZE, ids, 5, n), KIT_ERR_SIZE);
    kit_expect_size("tokens needed *n", *n, 11);
    kit_expect_untouched("ids", ids);
}

static void embed_running_example(void **state)
{
    double *X = kit_doubles(11 * 4);
    (void)state;
    kit_expect_status("embed_lookup", embed_lookup(sentence_ids, 11, E, 10, 4, X), KIT_OK);
    kit_expect_table("X", "pos,j", X, golden_X_example, 11, 4, TOL, NULL, 0);
}

static void embed_bad_id(void **state)
{
    const int bad[3] = { 1, 2, 10 };
    double *X = kit_doubles(3 * 4);
    (void)state;
    kit_expect_status("embed_lookup with id 10 for v = 10", embed_lookup(bad, 3, E, 10, 4, X),
                      KIT_ERR_DOMAIN);
    kit_expect_untouched("X", X);
}

static void mean_blind_to_order(void **state)
{
    double *X = kit_copy_doubles(golden_X_example, 44), *S = kit_doubles(44);
    double *m = kit_doubles(4), *ms = kit_doubles(4);
    (void)state;
    for (size_t pos = 0; pos < 11; pos++)      /* the shuffled sentence's rows */
        for (size_t j = 0; j < 4; j++)
            S[pos * 4 + j] = E[shuffled_ids[pos] * 4 + j];
    kit_expect_status("mean_pool(X)", mean_pool(X, 11, 4, m), KIT_OK);
    kit_expect_table("m", "j", m, golden_mean_example, 1, 4, TOL, NULL, 0);
    kit_expect_status("mean_pool(shuffled X)", mean_pool(S, 11, 4, ms), KIT_OK);
    kit_expect_table("m of the shuffled sentence", "j", ms, golden_mean_example, 1, 4, TOL, NULL, 0);
}

static void int_pos_add_example(void **state)
{
    double *X = kit_copy_doubles(golden_X_example, 44);
    (void)state;
    kit_expect_status("int_pos_add(X, 11, 4)", int_pos_add(X, 11, 4), KIT_OK);
    kit_expect_table("X", "pos,j", X, golden_X_plus_pos, 11, 4, TOL, NULL, 0);
}

static void swamp_example(void **state)
{
    double *ratio = kit_doubles(11);
    (void)state;
    kit_expect_status("int_pos_swamp", int_pos_swamp(golden_X_example, 11, 4, ratio), KIT_OK);
    kit_expect_table("ratio", "pos", ratio, golden_ratio_example, 1, 11, TOL, NULL, 0);
}

const struct kit_test kit_tests_public[] = {
    KIT_TEST(tokenize_running_example, 2, "tokenize_ids", "§1.1", "the 11 ids of the running example"),
    KIT_TEST(tokenize_counts_first, 1, "tokenize_ids", "§1.1", "too small a buffer: KIT_ERR_SIZE, *n = 11, no id written"),
    KIT_TEST(embed_running_example, 1, "embed_lookup", "§1.2", "the 11 x 4 matrix of the running example"),
    KIT_TEST(embed_bad_id, 1, "embed_lookup", "§1.2", "an id out of range: KIT_ERR_DOMAIN, nothing written"),
    KIT_TEST(mean_blind_to_order, 2, "mean_pool", "§1.3", "the mean, and the same mean for a shuffled sentence"),
    KIT_TEST(int_pos_add_example, 1, "int_pos_add", "§1.4", "row pos gains pos (bc golden values)"),
    KIT_TEST(swamp_example, 1, "int_pos_swamp", "§1.5", "how much the position outweighs each word"),
    KIT_END_OF_TESTS
};
