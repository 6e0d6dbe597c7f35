/*
 * test_data.h — chapter 7's test data, one source of truth for what the
 * public tests (test_public.c) and the grader's tests share: example inputs
 * and golden values (from bc: tests/golden/07-attention.bc, checked by
 * `python3 -m kit golden --check`). Only data the public tests show.
 * Expected values exist only in the judge's build (KIT_JUDGE, see kit_test.h).
 */
#ifndef CH07_ATTENTION_TEST_DATA_H
#define CH07_ATTENTION_TEST_DATA_H

/* The worked example of section 7.2: n = 2 queries, m = 4 keys, d_k = 3,
   d_v = 2. Golden values computed with bc in 60-digit arithmetic
   (tests/golden/07-attention.bc). */
static const double Q_2x3[6] = { 1, 0, 1,
                                 0.5, -1, 2 };
static const double K_4x3[12] = { 1, 1, 0,
                                  0, 1, 1,
                                  1, 0, -1,
                                  -0.5, 2, 0.5 };
static const double V_4x2[8] = { 1, 0,
                                 0, 1,
                                 1, 1,
                                 -1, 2 };

#ifdef KIT_JUDGE
static const double golden_scores_2x4[8] = {
    0.57735026918962573, 0.57735026918962573, 0, 0,
    -0.28867513459481287, 0.57735026918962573, -0.8660254037844386, -0.72168783648703216
};

static const double golden_softmax_3x4[12] = {
    0.032058603280084988, 0.087144318742032573, 0.23688281808991013, 0.64391425988797235,
    0.15844470951497971, 0.035353793408748869, 0.71009992288617418, 0.096101574190097211,
    0.0076226364929702058, 0.15310474673159083, 0.15310474673159083, 0.68616787004384816
};

static const double golden_attend_weights_2x4[8] = {
    0.32022873784031375, 0.32022873784031375, 0.17977126215968625, 0.17977126215968625,
    0.21798940838241343, 0.51825732223783383, 0.12237574724443213, 0.14137752213532059
};

static const double golden_attend_out_2x2[4] = {
    0.32022873784031375, 0.8595425243193725, 0.19898763349152496, 0.92338811375290719
};

static const double golden_perm_gap_pe[1] = {
    1.0267902911582345
};
#endif /* KIT_JUDGE */

#endif /* CH07_ATTENTION_TEST_DATA_H */
