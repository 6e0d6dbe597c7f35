/*
 * test_public.c — chapter 1's public tests: the running example, from words
 * to ids to vectors, the order-blind mean, and integer positions.
 * Run: make check CHAPTER=1
 *
 * Tolerance: 1e-12 absolute. Values are sums, means and norms of at most a
 * few dozen numbers below 12, whose rounding errors are near 1e-15; 1e-12
 * accepts any order of summation and still catches every real mistake
 * (the smallest one below moves a value by 0.1). Expected values exist only
 * in the judge's build (KIT_JUDGE, see kit_test.h).
 */
#include <math.h>

#include "kit_test.h"
#include "01-integer-positions.h"
#include "test_data.h"

#define TOL 1e-12

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
    double *X = kit_doubles(44), *S = kit_doubles(44);
    double *m = kit_doubles(4), *ms = kit_doubles(4);
    (void)state;
    example_rows(sentence_ids, 11, X);
    example_rows(shuffled_ids, 11, S);         /* the shuffled sentence's rows */
    kit_expect_status("mean_pool(X)", mean_pool(X, 11, 4, m), KIT_OK);
    kit_expect_table("m", "j", m, golden_mean_example, 1, 4, TOL, NULL, 0);
    kit_expect_status("mean_pool(shuffled X)", mean_pool(S, 11, 4, ms), KIT_OK);
    kit_expect_table("m of the shuffled sentence", "j", ms, golden_mean_example, 1, 4, TOL, NULL, 0);
}

static void int_pos_add_example(void **state)
{
    double *X = kit_doubles(44);
    (void)state;
    example_rows(sentence_ids, 11, X);
    kit_expect_status("int_pos_add(X, 11, 4)", int_pos_add(X, 11, 4), KIT_OK);
    kit_expect_table("X", "pos,j", X, golden_X_plus_pos, 11, 4, TOL, NULL, 0);
}

static void swamp_example(void **state)
{
    double *X = kit_doubles(44), *ratio = kit_doubles(11);
    (void)state;
    example_rows(sentence_ids, 11, X);
    kit_expect_status("int_pos_swamp", int_pos_swamp(X, 11, 4, ratio), KIT_OK);
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
