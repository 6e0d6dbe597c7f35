/*
 * test_hidden.c — chapter 1's hidden tests: tokenizer edge cases, bad
 * arguments, the known mistakes, each recognised with its own hint, and one
 * sweep per function (sweep_*: the function alone over a grid of its
 * arguments, random inputs from fixed seeds, expected values computed in the
 * judge from the definitions), so that no argument can be ignored.
 *
 * Golden values come from bc in 60-digit arithmetic
 * (tests/golden/01-integer-positions.bc); token ids are read off the
 * vocabulary. The mistake models below compute what each known mistake
 * produces, so a wrong answer can be named. Tolerance 1e-12 absolute: sums,
 * means and norms of a few dozen numbers below 12 (rounding ~1e-15); the
 * ratios of swamp_long reach 8176, where a relative error of 1e-15 is
 * still below 1e-11, so that test uses 1e-9; sweep_int_pos_swamp scales 1e-12
 * by the largest ratio of each grid point (a short random row makes a large
 * ratio, known to ~1e-15 relative). Golden values, mistake models,
 * expected ids and hint logic exist only in the judge's build (KIT_JUDGE, see
 * kit_test.h): the subject, which holds the student's code, has no answer in
 * its memory.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kit_test.h"
#include "01-integer-positions.h"
#include "../../exercises/01-integer-positions/test_data.h"

#define TOL 1e-12

#ifdef KIT_JUDGE
static const double golden_mean_plus_pos[4] = {
    5.2363636363636363, 5.1545454545454543, 5.081818181818182, 5.1363636363636367
};
static const double golden_ratio_long[4] = {
    16, 160, 1600, 8176
};

#endif /* KIT_JUDGE */

/* ---- tokenizer --------------------------------------------------------- */
#define HINT_LOWER "\"%s\" became <unk>: lower-case each token before looking it up " \
                   "(\"All\" is the word \"all\")."
#define HINT_SPACES "you found %zu token(s) where there are %zu: tabs, newlines, \\v, \\f and \\r " \
                    "separate tokens too, not only spaces."
#define HINT_EMPTY "you found %zu token(s) where there are %zu: a run of several white-space " \
                   "characters is one separator; it does not make empty tokens."
#define HINT_VOCAB_SIZE "\"%s\" became <unk>, but it is entry %d of a vocabulary of v = %zu " \
                        "words: look through all v entries (the vocabulary is an argument, " \
                        "not always the chapter's 10 words)."
#define HINT_PREFIX "token %zu (\"%s\") got id %d (\"%s\"), but only the whole word matches: " \
                    "compare up to the end of both the token and the vocabulary entry."

/* Tokenize text (both builds) into a buffer of 32 ids; *n gets their number. */
static int *tokenized(const char *text, size_t **n)
{
    int *ids = kit_ints(32);
    *n = kit_sizes(1);
    kit_expect_status("tokenize_ids", tokenize_ids(text, vocab, IP_VOCAB_SIZE, ids, 32, *n), KIT_OK);
    return ids;
}

#ifdef KIT_JUDGE
static int has_upper(const char *s)
{
    for (; *s != '\0'; s++)
        if (*s >= 'A' && *s <= 'Z')
            return 1;
    return 0;
}

/* The id of the token start[0 .. len-1] as a lookup mistake finds it (judge
   only): lower = 0 compares the token as it is written; only the first
   vlimit entries are searched; prefix = 1 lets a token match an entry it is a
   prefix of ("a" -> "all"), prefix = 2 an entry that is a prefix of the
   token ("alls" -> "all"); lower = 1, vlimit = v, prefix = 0 is the
   definition. */
static int model_id(const char *start, size_t len, int lower, size_t vlimit, int prefix,
                    const char *const *voc)
{
    for (size_t k = 0; k < vlimit; k++) {
        size_t c = 0, wl = strlen(voc[k]);
        while (c < len && c < wl &&
               ((lower && start[c] >= 'A' && start[c] <= 'Z') ? start[c] - 'A' + 'a'
                                                               : start[c]) == voc[k][c])
            c++;
        if ((c == len && c == wl) || (prefix == 1 && c == len && len > 0) ||
            (prefix == 2 && c == wl))
            return (int)k;
    }
    return 0;
}

/* A model tokenizer (judge only): the tokens of text separated by the chars
   of seps, looked up as model_id(lower, vlimit, prefix) finds them in voc;
   ids[0 .. max-1] get the first ids. empties = 0: a run of separators is one
   separator (with the six white-space chars, the definition); empties = 1:
   only one separator is skipped before a token, so a run of k makes k - 1
   empty tokens wherever it is. Returns the number of tokens. */
static size_t model_split(const char *text, const char *seps, int empties, int lower,
                          size_t vlimit, int prefix, const char *const *voc, int *ids, size_t max)
{
    size_t count = 0;
    const char *s = text;
    for (;;) {
        if (*s != '\0' && strchr(seps, *s) != NULL) {
            s++;
            while (!empties && *s != '\0' && strchr(seps, *s) != NULL)
                s++;
        }
        if (*s == '\0')
            return count;
        const char *start = s;
        while (*s != '\0' && strchr(seps, *s) == NULL)
            s++;
        if (count < max)
            ids[count] = model_id(start, (size_t)(s - start), lower, vlimit, prefix, voc);
        count++;
    }
}

/* A splitting mistake (seps, empties), the lookup right. */
static size_t model_tokens(const char *text, const char *seps, int empties,
                           const char *const *voc, size_t v, int *ids, size_t max)
{
    return model_split(text, seps, empties, 1, v, 0, voc, ids, max);
}

/* A lookup mistake (model_id's lower, vlimit, prefix), the split right. */
static size_t model_lookup(const char *text, int lower, size_t vlimit, int prefix,
                           const char *const *voc, size_t v, int *ids, size_t max)
{
    return model_split(text, " \t\n\v\f\r", 0, lower, vlimit < v ? vlimit : v, prefix, voc,
                       ids, max);
}

/* 1 when model_lookup's mistake gives every id of a wrong answer (n ids,
   count expected, at least one of them different from want). */
static int lookup_fits(const char *text, int lower, size_t vlimit, int prefix, const int *ids,
                       size_t n, size_t count, const int *want, const char *const *voc, size_t v)
{
    int model[64], differs = 0;
    if (n != count || count > 64 ||
        model_lookup(text, lower, vlimit, prefix, voc, v, model, 64) != n)
        return 0;
    for (size_t pos = 0; pos < n; pos++) {
        if (ids[pos] != model[pos])
            return 0;
        differs |= ids[pos] != want[pos];
    }
    return differs;
}

/* 1 when a model (model_tokens' seps, empties) gives every value checked of
   a wrong answer: the count n and the ids among the first count positions. */
static int model_fits(const char *text, const char *seps, int empties, const int *ids, size_t n,
                      size_t count, const char *const *voc, size_t v)
{
    int model[64];
    if (model_tokens(text, seps, empties, voc, v, model, 64) != n || n == count)
        return 0;
    for (size_t pos = 0; pos < n && pos < count && pos < 64; pos++)
        if (ids[pos] != model[pos])
            return 0;
    return 1;
}

/* Compare the n ids of text (tokenized with voc, v entries) with the expected
   ones; name a known mistake only when its model gives every checked value.
   tokens[] are the expected tokens, for the messages; where says which call
   it was ("" or " (v = 5, ...)"). n == SIZE_MAX is the value every test puts
   in *n before the call: *n was never written. */
static void expect_ids(const char *text, const int *ids, size_t n, const char *const *tokens,
                       const int *want, size_t count, const char *const *voc, size_t v,
                       const char *where)
{
    int vocab_size, not_lowered, prefix;
    char what[160];
    snprintf(what, sizeof what, "number of tokens *n%s", where);
    if (n == SIZE_MAX) {
        kit_fail("%s was never written: it still holds %zu, the value the test put there "
                 "before the call (expected %zu)", what, n, count);
        return;
    }
    if (model_fits(text, " ", 0, ids, n, count, voc, v))
        kit_hint("spaces-only", HINT_SPACES, n, count);
    else if (model_fits(text, " \t\n\v\f\r", 1, ids, n, count, voc, v))
        kit_hint("empty-tokens", HINT_EMPTY, n, count);
    kit_expect_size(what, n, count);
    /* a cause only when its model gives every id of this text */
    vocab_size = v > IP_VOCAB_SIZE &&
                 lookup_fits(text, 1, IP_VOCAB_SIZE, 0, ids, n, count, want, voc, v);
    not_lowered = lookup_fits(text, 0, v, 0, ids, n, count, want, voc, v);
    prefix = lookup_fits(text, 1, v, 1, ids, n, count, want, voc, v) ||
             lookup_fits(text, 1, v, 2, ids, n, count, want, voc, v);
    for (size_t pos = 0; pos < count; pos++) {
        if (ids[pos] == want[pos])
            continue;
        if (vocab_size && ids[pos] == 0 && want[pos] >= IP_VOCAB_SIZE)
            kit_hint("vocab-size", HINT_VOCAB_SIZE, tokens[pos], want[pos], v);
        else if (not_lowered && ids[pos] == 0 && has_upper(tokens[pos]))
            kit_hint("not-lowered", HINT_LOWER, tokens[pos]);
        else if (prefix && want[pos] == 0 && ids[pos] > 0 && (size_t)ids[pos] < v)
            kit_hint("prefix-match", HINT_PREFIX, pos, tokens[pos], ids[pos], voc[ids[pos]]);
        kit_fail("ids[%zu] (token \"%s\")%s: expected %d, got %d", pos, tokens[pos], where,
                 want[pos], ids[pos]);
    }
}
#endif

static void tokenize_upper_case(void **state)
{
    const char *text = "ALL Animals ARE eQuAl BUT Others";
    size_t *n;
    int *ids = tokenized(text, &n);
    (void)state;
#ifdef KIT_JUDGE
    {
        const char *tokens[6] = { "ALL", "Animals", "ARE", "eQuAl", "BUT", "Others" };
        const int want[6] = { 1, 2, 3, 4, 5, 9 };
        expect_ids(text, ids, *n, tokens, want, 6, vocab, IP_VOCAB_SIZE, "");
    }
#else
    (void)ids;
#endif
}

static void tokenize_white_space(void **state)
{
    const char *text = "all\tanimals\nare\r\nequal\vbut\fsome\t\tmore\n";
    size_t *n;
    int *ids = tokenized(text, &n);
    (void)state;
#ifdef KIT_JUDGE
    {
        const char *tokens[7] = { "all", "animals", "are", "equal", "but", "some", "more" };
        const int want[7] = { 1, 2, 3, 4, 5, 6, 7 };
        expect_ids(text, ids, *n, tokens, want, 7, vocab, IP_VOCAB_SIZE,
                   " of \"all\\tanimals\\nare\\r\\nequal\\vbut\\fsome\\t\\tmore\\n\"");
    }
#else
    (void)ids;
#endif
}

static void tokenize_runs_of_spaces(void **state)
{
    const char *text = "   all  animals     are equal   ";
    size_t *n;
    int *ids = tokenized(text, &n);
    (void)state;
#ifdef KIT_JUDGE
    {
        const char *tokens[4] = { "all", "animals", "are", "equal" };
        const int want[4] = { 1, 2, 3, 4 };
        expect_ids(text, ids, *n, tokens, want, 4, vocab, IP_VOCAB_SIZE, "");
    }
#else
    (void)ids;
#endif
}

static void tokenize_unknown_words(void **state)
{
    /* prefixes and extensions of vocabulary words, punctuation, and the
       literal "<unk>": all unknown, id 0; "than" stays 8. The control chars
       \x1c .. \x1f are not white space (only the header's six separate):
       "are\x1c\x1d\x1e\x1fmore" is one unknown token. */
    const char *text = "a al alls animal equal. <unk> cats than are\x1c\x1d\x1e\x1fmore";
    size_t *n;
    int *ids = tokenized(text, &n);
    (void)state;
#ifdef KIT_JUDGE
    {
        const char *tokens[9] = { "a", "al", "alls", "animal", "equal.", "<unk>", "cats", "than",
                                  "are\\x1c\\x1d\\x1e\\x1fmore" };
        const int want[9] = { 0, 0, 0, 0, 0, 0, 0, 8, 0 };
        expect_ids(text, ids, *n, tokens, want, 9, vocab, IP_VOCAB_SIZE,
                   " of \"a al alls animal equal. <unk> cats than are\\x1c\\x1d\\x1e\\x1fmore\"");
    }
#else
    (void)ids;
#endif
}

/* ---- a valid call beside the invalid ones ------------------------------
 * A test of the error codes also makes one valid call on the hidden tests'
 * own input and checks its values: refusing bad arguments is half of a
 * contract, and a function that computes nothing must not collect the other
 * half's points. */
static const char hidden_text[] = "Some OTHERS are\tmore  equal";
static const int hidden_text_ids[5] = { 6, 9, 3, 7, 4 };
/* A sentence no public test uses: row pos of its matrix is E[hidden_ids[pos]]. */
static const int hidden_ids[7] = { 9, 4, 4, 1, 7, 0, 2 };

static void probe_tokenize(void)
{
    int *ids = kit_ints(5);
    size_t *n = kit_sizes(1);
    kit_expect_status("tokenize_ids(\"Some OTHERS are\\tmore  equal\", ..., 5)",
                      tokenize_ids(hidden_text, vocab, IP_VOCAB_SIZE, ids, 5, n), KIT_OK);
    kit_expect_size("*n", *n, 5);
    for (size_t pos = 0; pos < 5; pos++)
        kit_expect_true(ids[pos] == hidden_text_ids[pos], "ids[%zu]: expected %d (\"%s\"), got %d",
                        pos, hidden_text_ids[pos], vocab[hidden_text_ids[pos]], ids[pos]);
}

static void probe_embed(void)
{
    double *X = kit_doubles(7 * 4);
    kit_expect_status("embed_lookup(ids, 7, E, 10, 4, X)", embed_lookup(hidden_ids, 7, E, 10, 4, X),
                      KIT_OK);
#ifdef KIT_JUDGE
    {
        double want[7 * 4];
        example_rows(hidden_ids, 7, want);
        kit_expect_table("X (7 rows)", "pos,j", X, want, 7, 4, TOL, NULL, 0);
    }
#endif
}

static void probe_mean(void)
{
    double *X = kit_doubles(3 * 5), *m = kit_doubles(5);
    kit_fill(X, 3 * 5, 61, -2.0, 2.0);
    kit_expect_status("mean_pool(X, 3, 5, m)", mean_pool(X, 3, 5, m), KIT_OK);
#ifdef KIT_JUDGE
    {
        double want[5];
        for (size_t j = 0; j < 5; j++)
            want[j] = (X[j] + X[5 + j] + X[10 + j]) / 3.0;
        kit_expect_table("m (3 x 5)", "j", m, want, 1, 5, TOL, NULL, 0);
    }
#endif
}

static void probe_int_pos_add(void)
{
    double *X = kit_doubles(4 * 3);
    kit_fill(X, 4 * 3, 62, -1.0, 1.0);
#ifdef KIT_JUDGE
    double *want = kit_copy_doubles(X, 4 * 3);
    for (size_t k = 0; k < 12; k++)
        want[k] += (double)(k / 3);
#endif
    kit_expect_status("int_pos_add(X, 4, 3)", int_pos_add(X, 4, 3), KIT_OK);
    kit_expect_table("X (4 x 3)", "pos,j", X, want, 4, 3, TOL, NULL, 0);
}

static void probe_swamp(void)
{
    double *X = kit_doubles(3 * 2), *ratio = kit_doubles(3);
    kit_fill(X, 3 * 2, 63, 0.5, 2.0);
    kit_expect_status("int_pos_swamp(X, 3, 2, ratio)", int_pos_swamp(X, 3, 2, ratio), KIT_OK);
#ifdef KIT_JUDGE
    {
        double want[3];
        for (size_t pos = 0; pos < 3; pos++)
            want[pos] = (double)pos * sqrt(2.0) / hypot(X[2 * pos], X[2 * pos + 1]);
        kit_expect_table("ratio (3 x 2)", "pos", ratio, want, 1, 3, TOL, NULL, 0);
    }
#endif
}

/* *n (a kit buffer) must be want; a *n still holding the test's fill was
   never written, and the message says so. */
static void expect_count(const char *what, const size_t *n, size_t want)
{
#ifdef KIT_JUDGE
    if (kit_untouched(n)) {
        kit_fail("%s was never written: it still holds %zu, the value the test put there "
                 "before the call (expected %zu)", what, *n, want);
        return;
    }
#endif
    kit_expect_size(what, *n, want);
    (void)what, (void)n, (void)want;
}

static void tokenize_empty_texts(void **state)
{
    int *ids = kit_ints(4);
    size_t *n = kit_sizes(1), *m = kit_sizes(1), *z = kit_sizes(1);
    (void)state;
    kit_expect_status("tokenize_ids(\"\")", tokenize_ids("", vocab, IP_VOCAB_SIZE, ids, 4, n), KIT_OK);
    expect_count("*n for \"\"", n, 0);
    kit_expect_status("tokenize_ids(\" \\t\\n \")", tokenize_ids(" \t\n ", vocab, IP_VOCAB_SIZE, ids, 4, m),
                      KIT_OK);
#ifdef KIT_JUDGE
    {
        int model[4];   /* a hint only when its model gives this very count */
        if (*m == model_tokens(" \t\n ", " ", 0, vocab, IP_VOCAB_SIZE, model, 4))
            kit_hint("spaces-only", "\" \\t\\n \" has no token: tabs and newlines are white "
                     "space too, not only spaces.");
        else if (*m == model_tokens(" \t\n ", " \t\n\v\f\r", 1, vocab, IP_VOCAB_SIZE, model, 4))
            kit_hint("empty-tokens", "a text of white space only has no token at all.");
    }
#endif
    expect_count("*n for white space only (\" \\t\\n \")", m, 0);
    kit_expect_status("tokenize_ids(\"\", ..., NULL, 0, n)",
                      tokenize_ids("", vocab, IP_VOCAB_SIZE, NULL, 0, z), KIT_OK);
    expect_count("*n for \"\" with max_n = 0", z, 0);
    kit_expect_untouched("ids", ids);
    probe_tokenize();
}

static void tokenize_buffer_sizes(void **state)
{
    int *exact = kit_ints(5), *small = kit_ints(4);
    size_t *n = kit_sizes(1), *needed = kit_sizes(1);
    (void)state;
    kit_expect_status("tokenize_ids with max_n = 5 (5 tokens)", tokenize_ids(hidden_text, vocab,
                      IP_VOCAB_SIZE, exact, 5, n), KIT_OK);
    kit_expect_size("*n", *n, 5);
    for (size_t pos = 0; pos < 5; pos++)
        kit_expect_true(exact[pos] == hidden_text_ids[pos], "ids[%zu]: expected %d, got %d", pos,
                        hidden_text_ids[pos], exact[pos]);
    kit_overflow_hint("wrote-before-counting", "count the tokens first: when they do not fit in "
                      "max_n, return KIT_ERR_SIZE before writing any id.");
    kit_expect_status("tokenize_ids with max_n = 4 (5 tokens)", tokenize_ids(hidden_text, vocab,
                      IP_VOCAB_SIZE, small, 4, needed), KIT_ERR_SIZE);
#ifdef KIT_JUDGE
    if (!kit_untouched(small))
        kit_hint("wrote-before-counting", "count the tokens first: when they do not fit in "
                 "max_n, return KIT_ERR_SIZE before writing any id.");
#endif
    kit_expect_untouched("ids", small);
#ifdef KIT_JUDGE
    if (kit_untouched(needed))
        kit_hint("count-on-overflow", "on KIT_ERR_SIZE, *n must say how many tokens are needed, "
                 "so the caller can allocate them and call again.");
#endif
    kit_expect_size("tokens needed *n", *needed, 5);
}

static void tokenize_first_entry_wins(void **state)
{
    /* a vocabulary with a repeated word: the first entry gives the id */
    const char *const twice[4] = { "<unk>", "equal", "are", "equal" };
    int *ids = kit_ints(3);
    size_t *n = kit_sizes(1);
    (void)state;
    kit_expect_status("tokenize_ids", tokenize_ids("Equal are EQUAL", twice, 4, ids, 3, n), KIT_OK);
    kit_expect_size("*n", *n, 3);
    kit_expect_true(ids[0] == 1 && ids[1] == 2 && ids[2] == 1,
                    "ids must be (1, 2, 1), the first matching entry; got (%d, %d, %d)",
                    ids[0], ids[1], ids[2]);
    {
        /* only the token is lower-cased: the entry "All" equals no token */
        const char *const cased[3] = { "<unk>", "All", "all" };
        int *cids = kit_ints(2);
        size_t *cn = kit_sizes(1);
        kit_expect_status("tokenize_ids(\"all ALL\", {\"<unk>\", \"All\", \"all\"}, 3, ids, 2, n)",
                          tokenize_ids("all ALL", cased, 3, cids, 2, cn), KIT_OK);
        kit_expect_size("*n", *cn, 2);
        kit_expect_true(cids[0] == 2 && cids[1] == 2,
                        "tokenize_ids(\"all ALL\", {\"<unk>\", \"All\", \"all\"}, ...): ids must be "
                        "(2, 2), got (%d, %d): both tokens lower-case to \"all\", entry 2; entry 1, "
                        "\"All\", is compared as it is written and equals no lower-cased token",
                        cids[0], cids[1]);
    }
    {
        /* only A-Z change: the punctuation between 'Z' and 'a' ('[' .. '`'),
           '@' just below 'A', digits and bytes >= 0x80 stay as they are */
        const char *const marks[7] = { "<unk>", "[x]", "{y}", "a_b", "`q`", "@t", "caf\xe9" };
        const char *text = "[X] {Y} A_B `Q` [y] @T `t CAF\xc9 caf\xe9 {x}";
        const char *shown[10] = { "[X]", "{Y}", "A_B", "`Q`", "[y]", "@T", "`t", "CAF\\xc9",
                                  "caf\\xe9", "{x}" };
        const int want[10] = { 1, 2, 3, 4, 0, 5, 0, 0, 6, 0 };
        int *mids = kit_ints(10);
        size_t *mn = kit_sizes(1);
        kit_expect_status("tokenize_ids(\"[X] {Y} A_B `Q` [y] @T `t CAF\\xc9 caf\\xe9 {x}\", "
                          "{\"<unk>\", \"[x]\", \"{y}\", \"a_b\", \"`q`\", \"@t\", "
                          "\"caf\\xe9\"}, 7, ids, 10, n)",
                          tokenize_ids(text, marks, 7, mids, 10, mn), KIT_OK);
        kit_expect_size("*n", *mn, 10);
        for (size_t pos = 0; pos < 10 && pos < *mn; pos++)
            kit_expect_true(mids[pos] == want[pos],
                            "token %zu (\"%s\") of \"[X] {Y} A_B `Q` [y] @T `t CAF\\xc9 caf\\xe9 "
                            "{x}\" with the vocabulary {\"<unk>\", \"[x]\", \"{y}\", \"a_b\", "
                            "\"`q`\", \"@t\", \"caf\\xe9\"}: expected id %d, got %d (only the 26 "
                            "letters A-Z are lower-cased; every other character, '[' .. '`', '@' "
                            "and bytes >= 0x80 included, is compared as it is)",
                            pos, shown[pos], want[pos], mids[pos]);
    }
}

static void tokenize_bad_arguments(void **state)
{
    const char *const holey[3] = { "<unk>", NULL, "all" };
    int *ids = kit_ints(16);
    size_t *n = kit_sizes(1);
    (void)state;
    kit_expect_status("tokenize_ids(NULL text)", tokenize_ids(NULL, vocab, 10, ids, 16, n), KIT_ERR_NULL);
    kit_expect_status("tokenize_ids(NULL vocab)", tokenize_ids(sentence, NULL, 10, ids, 16, n), KIT_ERR_NULL);
    kit_expect_status("tokenize_ids(NULL ids, max_n = 16)", tokenize_ids(sentence, vocab, 10, NULL, 16, n),
                      KIT_ERR_NULL);
    kit_expect_status("tokenize_ids(n = NULL)", tokenize_ids(sentence, vocab, 10, ids, 16, NULL), KIT_ERR_NULL);
    kit_expect_status("tokenize_ids(vocab[1] = NULL)", tokenize_ids("all", holey, 3, ids, 16, n), KIT_ERR_NULL);
    kit_expect_status("tokenize_ids(v = 0)", tokenize_ids(sentence, vocab, 0, ids, 16, n), KIT_ERR_SIZE);
    {
        /* v > INT_MAX: ids are int, so KIT_ERR_SIZE, decided before any entry is read
           (the 10 real entries sit in an exact-size buffer) */
        const char **big = kit_buffer(IP_VOCAB_SIZE, sizeof *big);
        for (size_t k = 0; k < IP_VOCAB_SIZE; k++)
            big[k] = vocab[k];
        kit_expect_status("tokenize_ids(\"all\", vocab, v = (size_t)INT_MAX + 1, ids, 16, n)",
                          tokenize_ids("all", big, (size_t)INT_MAX + 1, ids, 16, n), KIT_ERR_SIZE);
        kit_expect_status("tokenize_ids(\"all\", vocab, v = SIZE_MAX, ids, 16, n)",
                          tokenize_ids("all", big, SIZE_MAX, ids, 16, n), KIT_ERR_SIZE);
    }
    kit_expect_untouched("ids", ids);
    kit_expect_untouched("n", n);
    probe_tokenize();
}

/* ---- sweeps: each function alone over a grid of its arguments -----------
   Inputs are made in both builds (fixed seeds); expected values are computed
   in the judge from the definitions, never by a chapter function. */

/* A reproducible stream of small integers (0 .. bound-1) for the inputs. */
static unsigned sweep_next(uint64_t *s, unsigned bound)
{
    *s = *s * 6364136223846793005u + 1442695040888963407u;
    return (unsigned)((*s >> 33) % bound);
}

/* A vocabulary unlike the chapter's: words that are prefixes of others (a, ab,
   abc; position, positions), and entry 11 repeating entry 4. */
static const char *const sweep_vocab[12] = {
    "<unk>", "a", "ab", "abc", "b", "ba", "position", "positions", "sin", "cos", "omega", "b"
};
/* The words a sweep text is made of: entries 1 .. 10, then words of no entry
   (extensions, prefixes, a non-ASCII byte, the literal <unk>). */
#define SWEEP_WORDS 18
static const char *const sweep_words[SWEEP_WORDS] = {
    "a", "ab", "abc", "b", "ba", "position", "positions", "sin", "cos", "omega",
    "abcd", "c", "positionss", "cosine", "caf\xc3\xa9", "<unk>", "si", "x9"
};

#define SWEEP_MAX_WORDS 16
struct sweep_text {
    char text[SWEEP_MAX_WORDS * 14 + 4];
#ifdef KIT_JUDGE
    char token[SWEEP_MAX_WORDS][16];   /* the words as written, for the messages */
    int word[SWEEP_MAX_WORDS];         /* their index in sweep_words            */
#endif
};

/* count words of sweep_words in random case, separated (and maybe preceded
   and followed) by runs of 1 .. 3 white-space characters of every kind. */
static void make_sweep_text(struct sweep_text *t, size_t count, uint64_t seed)
{
    static const char spaces[6] = { ' ', '\t', '\n', '\v', '\f', '\r' };
    uint64_t s = seed;
    size_t at = 0;
    for (size_t w = 0; w <= count; w++) {
        unsigned run = sweep_next(&s, 4);            /* white space before word w */
        if (run == 0 && w > 0 && w < count)
            run = 1;                                 /* words need a separator    */
        for (unsigned r = 0; r < run; r++)
            t->text[at++] = spaces[sweep_next(&s, 6)];
        if (w == count)
            break;
        unsigned k = sweep_next(&s, SWEEP_WORDS);
        size_t len = strlen(sweep_words[k]);
        for (size_t c = 0; c < len; c++) {
            char ch = sweep_words[k][c];
            if (ch >= 'a' && ch <= 'z' && sweep_next(&s, 2))
                ch = (char)(ch - 'a' + 'A');
            t->text[at + c] = ch;
#ifdef KIT_JUDGE
            t->token[w][c] = ch;
#endif
        }
#ifdef KIT_JUDGE
        t->token[w][len] = '\0';
        t->word[w] = (int)k;
#endif
        at += len;
    }
    t->text[at] = '\0';
}

#ifdef KIT_JUDGE
/* The definition: the first entry k < v equal to the (lower-case) word, else 0. */
static int sweep_id(int word, size_t v)
{
    for (size_t k = 0; k < v; k++)
        if (strcmp(sweep_vocab[k], sweep_words[word]) == 0)
            return (int)k;
    return 0;
}
#endif

static void sweep_tokenize_ids(void **state)
{
    const size_t vs[4] = { 1, 4, 5, 12 }, counts[5] = { 0, 1, 3, 8, 14 };
    (void)state;
    kit_grid_begin("tokenize_ids over the sweep's cases");
    for (size_t a = 0; a < 4; a++)
        for (size_t b = 0; b < 5; b++) {
            struct sweep_text t;
            size_t v = vs[a], count = counts[b];
            kit_case("v,count", v, count);
            size_t n_roomy = SIZE_MAX, n_exact = SIZE_MAX, n_short = SIZE_MAX, n_counted = SIZE_MAX;
            int *roomy = kit_ints(count + 2), *exact = kit_ints(count);
            make_sweep_text(&t, count, 100 + 10 * a + b);
            kit_expect_status("tokenize_ids, max_n = count + 2 (sweep)",
                              tokenize_ids(t.text, sweep_vocab, v, roomy, count + 2, &n_roomy), KIT_OK);
            kit_expect_status("tokenize_ids, max_n = count (sweep)",
                              tokenize_ids(t.text, sweep_vocab, v, exact, count, &n_exact), KIT_OK);
            kit_expect_status("tokenize_ids, ids = NULL, max_n = 0 (sweep)",
                              tokenize_ids(t.text, sweep_vocab, v, NULL, 0, &n_counted),
                              count > 0 ? KIT_ERR_SIZE : KIT_OK);
            if (count > 0) {
                int *small = kit_ints(count - 1);
                kit_expect_status("tokenize_ids, max_n = count - 1 (sweep)",
                                  tokenize_ids(t.text, sweep_vocab, v, small, count - 1, &n_short),
                                  KIT_ERR_SIZE);
                kit_expect_untouched("ids after KIT_ERR_SIZE (sweep)", small);
            }
#ifdef KIT_JUDGE
            {
                char where[128];
                const char *tokens[SWEEP_MAX_WORDS];
                int want[SWEEP_MAX_WORDS];
                for (size_t w = 0; w < count; w++) {
                    tokens[w] = t.token[w];
                    want[w] = sweep_id(t.word[w], v);
                }
                snprintf(where, sizeof where, " (sweep: v = %zu, %zu words, max_n = %zu)", v, count,
                         count + 2);
                expect_ids(t.text, roomy, n_roomy, tokens, want, count, sweep_vocab, v, where);
                snprintf(where, sizeof where, " (sweep: v = %zu, %zu words, max_n = %zu)", v, count,
                         count);
                expect_ids(t.text, exact, n_exact, tokens, want, count, sweep_vocab, v, where);
                snprintf(where, sizeof where, "tokens needed *n (sweep: v = %zu, max_n = 0)", v);
                kit_expect_size(where, n_counted, count);
                if (count > 0) {
                    snprintf(where, sizeof where, "tokens needed *n (sweep: v = %zu, max_n = %zu)", v,
                             count - 1);
                    kit_expect_size(where, n_short, count);
                }
            }
#endif
        }
    kit_grid_end();
}

/* ---- embed_lookup ------------------------------------------------------ */
static void embed_not_square(void **state)
{
    size_t v = 6, d = 3, n = 5;
    const int ids[5] = { 5, 0, 3, 3, 1 };
    double *T = kit_doubles(v * d), *X = kit_doubles(n * d);
    (void)state;
    kit_fill(T, v * d, 5, -1.0, 1.0);
    kit_expect_status("embed_lookup(ids, 5, E, 6, 3, X)", embed_lookup(ids, n, T, v, d, X), KIT_OK);
#ifdef KIT_JUDGE
    {
        double *want = kit_doubles(n * d), *transposed = kit_doubles(n * d);
        struct kit_mistake m[1] = {
            { "table-transposed", "E is (v, d) row-major: the vector of word id is E[id*d + 0 .. id*d + d-1], "
              "not a column.", transposed },
        };
        for (size_t pos = 0; pos < n; pos++)
            for (size_t j = 0; j < d; j++) {
                want[pos * d + j] = T[(size_t)ids[pos] * d + j];       /* the definition: a copy */
                transposed[pos * d + j] = T[j * v + (size_t)ids[pos]];
            }
        kit_expect_table("X", "pos,j", X, want, n, d, TOL, m, 1);
    }
#endif
}

static void embed_checks_before_writing(void **state)
{
    const int late_bad[4] = { 1, 2, 3, -1 }, high[2] = { 9, 10 };
    double *X = kit_doubles(4 * 4), *Y = kit_doubles(2 * 4);
    (void)state;
    kit_expect_status("embed_lookup with ids (1, 2, 3, -1)", embed_lookup(late_bad, 4, E, 10, 4, X),
                      KIT_ERR_DOMAIN);
#ifdef KIT_JUDGE
    if (!kit_untouched(X))
        kit_hint("check-before-write", "the bad id is the last one, but rows before it were "
                 "written: check every id first, then copy.");
#endif
    kit_expect_untouched("X", X);
    kit_expect_status("embed_lookup with ids (9, 10), v = 10", embed_lookup(high, 2, E, 10, 4, Y),
                      KIT_ERR_DOMAIN);
    kit_expect_untouched("X", Y);
    probe_embed();
}

static void embed_bad_arguments(void **state)
{
    double *X = kit_doubles(11 * 4);
    (void)state;
    kit_expect_status("embed_lookup(E = NULL)", embed_lookup(sentence_ids, 11, NULL, 10, 4, X), KIT_ERR_NULL);
    kit_expect_status("embed_lookup(ids = NULL)", embed_lookup(NULL, 11, E, 10, 4, X), KIT_ERR_NULL);
    kit_expect_status("embed_lookup(X = NULL)", embed_lookup(sentence_ids, 11, E, 10, 4, NULL), KIT_ERR_NULL);
    kit_expect_status("embed_lookup(v = 0)", embed_lookup(sentence_ids, 11, E, 0, 4, X), KIT_ERR_SIZE);
    kit_expect_status("embed_lookup(d = 0)", embed_lookup(sentence_ids, 11, E, 10, 0, X), KIT_ERR_SIZE);
    kit_expect_status("embed_lookup(n = SIZE_MAX / 4)", embed_lookup(sentence_ids, SIZE_MAX / 4, E, 10, 4, X),
                      KIT_ERR_SIZE);
    kit_expect_status("embed_lookup(ids, n = 2, E, v = 10, d = SIZE_MAX / 2 + 1, X: n*d overflows)",
                      embed_lookup(sentence_ids, 2, E, 10, SIZE_MAX / 2 + 1, X), KIT_ERR_SIZE);
    kit_expect_status("embed_lookup(v = SIZE_MAX / 2 + 1, d = 2: v*d overflows)",
                      embed_lookup(sentence_ids, 1, E, SIZE_MAX / 2 + 1, 2, X), KIT_ERR_SIZE);
    kit_expect_status("embed_lookup(E = NULL, n = 0: E is needed whatever n is)",
                      embed_lookup(NULL, 0, NULL, 10, 4, NULL), KIT_ERR_NULL);
    kit_expect_status("embed_lookup(n = 0, NULL ids and X)", embed_lookup(NULL, 0, E, 10, 4, NULL), KIT_OK);
    /* n == 0 is checked last: a bad v or d is still a size error */
    kit_expect_status("embed_lookup(NULL, n = 0, E, v = 10, d = 0, NULL)",
                      embed_lookup(NULL, 0, E, 10, 0, NULL), KIT_ERR_SIZE);
    kit_expect_status("embed_lookup(ids, n = 0, E, v = 0, d = 4, X)",
                      embed_lookup(sentence_ids, 0, E, 0, 4, X), KIT_ERR_SIZE);
    kit_expect_status("embed_lookup(NULL, n = 0, E, v = SIZE_MAX / 2 + 1, d = 2, NULL: v*d overflows)",
                      embed_lookup(NULL, 0, E, SIZE_MAX / 2 + 1, 2, NULL), KIT_ERR_SIZE);
    kit_expect_status("embed_lookup(n = 0)", embed_lookup(sentence_ids, 0, E, 10, 4, X), KIT_OK);
    kit_expect_untouched("X", X);
    probe_embed();
}

static void sweep_embed_lookup(void **state)
{
    const size_t vd[8][2] = { { 1, 1 }, { 1, 4 }, { 2, 2 }, { 3, 1 }, { 7, 3 }, { 13, 2 }, { 5, 8 },
                              { 10, 5 } };
    const size_t ns[4] = { 1, 2, 5, 11 };
    uint64_t s = 7;
    (void)state;
    kit_grid_begin("embed_lookup over the sweep's cases");
    for (size_t a = 0; a < 8; a++)
        for (size_t b = 0; b < 4; b++) {
            size_t v = vd[a][0], d = vd[a][1], n = ns[b];
            kit_case("v,d,n", v, d, n);
            int ids[11], bad[11];
            double *T = kit_doubles(v * d), *X = kit_doubles(n * d), *Y = kit_doubles(n * d);
            kit_fill(T, v * d, 40 + 4 * a + b, -1.0, 1.0);
            for (size_t pos = 0; pos < n; pos++)
                ids[pos] = bad[pos] = (int)sweep_next(&s, (unsigned)v);
            ids[n - 1] = (int)v - 1;                   /* the last row of E          */
            bad[n - 1] = (b % 2 == 1) ? (int)v : -1;   /* one id just out of range   */
            kit_expect_status("embed_lookup (sweep)", embed_lookup(ids, n, T, v, d, X), KIT_OK);
            kit_expect_status("embed_lookup with an id out of range (sweep)",
                              embed_lookup(bad, n, T, v, d, Y), KIT_ERR_DOMAIN);
            kit_expect_untouched("X after KIT_ERR_DOMAIN (sweep)", Y);
#ifdef KIT_JUDGE
            {
                double want[11 * 8], transposed[11 * 8];
                char what[96];
                struct kit_mistake m[1] = {
                    { "table-transposed", "E is (v, d) row-major: the vector of word id is "
                      "E[id*d + 0 .. id*d + d-1], not a column.", transposed },
                };
                for (size_t pos = 0; pos < n; pos++)
                    for (size_t j = 0; j < d; j++) {
                        want[pos * d + j] = T[(size_t)ids[pos] * d + j];   /* a copy of the row */
                        transposed[pos * d + j] = T[j * v + (size_t)ids[pos]];
                    }
                snprintf(what, sizeof what, "X (sweep: n = %zu, v = %zu, d = %zu)", n, v, d);
                kit_expect_table(what, "pos,j", X, want, n, d, TOL, m, 1);
            }
#endif
        }
    kit_grid_end();
}

/* ---- mean_pool ---------------------------------------------------------- */
/* The hidden sentence (7 rows of E), not the public running example. */
static void mean_mistakes(void **state)
{
    double *X = kit_doubles(28), *m = kit_doubles(4);
    (void)state;
    example_rows(hidden_ids, 7, X);
    kit_expect_status("mean_pool(X, 7, 4, m)", mean_pool(X, 7, 4, m), KIT_OK);
#ifdef KIT_JUDGE
    {
        double *want = kit_doubles(4), *sum = kit_doubles(4), *by_d = kit_doubles(4);
        struct kit_mistake mk[2] = {
            { "sum-not-mean", "your values are n = 7 times too large: the mean divides the column sums by n.", sum },
            { "divided-by-d", "you divided by d, the width; the mean over the sentence divides by n, "
              "the number of rows.", by_d },
        };
        for (size_t j = 0; j < 4; j++) {
            sum[j] = 0.0;
            for (size_t pos = 0; pos < 7; pos++)
                sum[j] += X[pos * 4 + j];
            want[j] = sum[j] / 7.0;
            by_d[j] = sum[j] / 4.0;
        }
        kit_expect_table("m", "j", m, want, 1, 4, TOL, mk, 2);
    }
#endif
}

static void mean_any_order(void **state)
{
    size_t n = 9, d = 5;
    const size_t perm[9] = { 4, 8, 0, 7, 1, 6, 2, 5, 3 };
    double *X = kit_doubles(n * d), *P = kit_doubles(n * d);
    double *m = kit_doubles(d), *mp = kit_doubles(d);
    (void)state;
    kit_fill(X, n * d, 9, -2.0, 2.0);
    for (size_t pos = 0; pos < n; pos++)
        for (size_t j = 0; j < d; j++)
            P[pos * d + j] = X[perm[pos] * d + j];
    kit_expect_status("mean_pool(X)", mean_pool(X, n, d, m), KIT_OK);
    kit_expect_status("mean_pool(shuffled X)", mean_pool(P, n, d, mp), KIT_OK);
    for (size_t j = 0; j < d; j++) {
        kit_expect_true(fabs(m[j]) <= 2.0, "m[%zu] = %.17g leaves [-2, 2], the range of the values", j, m[j]);
        kit_expect_near("mean of a column, rows shuffled", mp[j], m[j], TOL);
    }
#ifdef KIT_JUDGE
    for (size_t j = 0; j < d; j++) {
        double sum = 0.0;
        for (size_t pos = 0; pos < n; pos++)
            sum += X[pos * d + j];
        kit_expect_near("mean of a column", m[j], sum / (double)n, TOL);
    }
#endif
}

static void mean_bad_arguments(void **state)
{
    double *X = kit_doubles(44), *m = kit_doubles(4);
    (void)state;
    example_rows(sentence_ids, 11, X);
    kit_expect_status("mean_pool(X, 0, 4, m)", mean_pool(X, 0, 4, m), KIT_ERR_SIZE);
    kit_expect_status("mean_pool(X, 11, 0, m)", mean_pool(X, 11, 0, m), KIT_ERR_SIZE);
    kit_expect_status("mean_pool(NULL, 11, 4, m)", mean_pool(NULL, 11, 4, m), KIT_ERR_NULL);
    kit_expect_status("mean_pool(X, 11, 4, NULL)", mean_pool(X, 11, 4, NULL), KIT_ERR_NULL);
    kit_expect_status("mean_pool(X, SIZE_MAX / 4, 4, m)", mean_pool(X, SIZE_MAX / 4, 4, m),
                      KIT_ERR_SIZE);
    kit_expect_status("mean_pool(X, 2, SIZE_MAX / 2 + 1, m) (n*d overflows)",
                      mean_pool(X, 2, SIZE_MAX / 2 + 1, m), KIT_ERR_SIZE);
    kit_expect_untouched("m", m);
    probe_mean();
}

static void sweep_mean_pool(void **state)
{
    const size_t ns[5] = { 1, 2, 3, 8, 13 }, ds[5] = { 1, 2, 3, 4, 7 };
    (void)state;
    kit_grid_begin("mean_pool over the sweep's cases");
    for (size_t a = 0; a < 5; a++)
        for (size_t b = 0; b < 5; b++) {
            size_t n = ns[a], d = ds[b];
            kit_case("n,d", n, d);
            double *X = kit_doubles(n * d), *m = kit_doubles(d);
            int shifted = (a + b) % 2 == 1;           /* values in [2, 5): no mean near 0 */
            kit_fill(X, n * d, 70 + 5 * a + b, shifted ? 2.0 : -1.0, shifted ? 5.0 : 1.0);
            kit_expect_status("mean_pool (sweep)", mean_pool(X, n, d, m), KIT_OK);
#ifdef KIT_JUDGE
            {
                double want[7], sum[7], by_d[7];
                char what[96];
                struct kit_mistake mk[2] = {
                    { "sum-not-mean", "your values are n times too large: the mean divides the "
                      "column sums by n.", sum },
                    { "divided-by-d", "you divided by d, the width; the mean over the sentence "
                      "divides by n, the number of rows.", by_d },
                };
                for (size_t j = 0; j < d; j++) {
                    sum[j] = 0.0;
                    for (size_t pos = 0; pos < n; pos++)
                        sum[j] += X[pos * d + j];
                    want[j] = sum[j] / (double)n;
                    by_d[j] = sum[j] / (double)d;
                }
                snprintf(what, sizeof what, "m (sweep: n = %zu, d = %zu)", n, d);
                kit_expect_table(what, "j", m, want, 1, d, TOL, mk, 2);
            }
#endif
        }
    kit_grid_end();
}

/* ---- int_pos_add -------------------------------------------------------- */
/* The hidden sentence (7 rows of E), not the public running example. */
static void int_pos_add_mistakes(void **state)
{
    double *X = kit_doubles(28);
    (void)state;
    example_rows(hidden_ids, 7, X);
    kit_expect_status("int_pos_add(X, 7, 4)", int_pos_add(X, 7, 4), KIT_OK);
#ifdef KIT_JUDGE
    {
        double *rows = kit_doubles(28), *want = kit_doubles(28);
        double *from1 = kit_doubles(28), *replaced = kit_doubles(28), *column = kit_doubles(28);
        struct kit_mistake m[3] = {
            { "positions-from-1", "row pos got pos + 1: positions count from 0, so row 0 is unchanged.", from1 },
            { "replaced-not-added", "X must keep the word vectors: add pos to them (+=), do not overwrite them.", replaced },
            { "column-index", "you added the column index j; every element of row pos gains the row's position pos.", column },
        };
        example_rows(hidden_ids, 7, rows);
        for (size_t k = 0; k < 28; k++) {
            want[k] = rows[k] + (double)(k / 4);
            from1[k] = want[k] + 1.0;
            replaced[k] = (double)(k / 4);
            column[k] = rows[k] + (double)(k % 4);
        }
        kit_expect_table("X", "pos,j", X, want, 7, 4, TOL, m, 3);
    }
#endif
}

static void int_pos_add_bad_arguments(void **state)
{
    double *X = kit_doubles(4 * 4);
    (void)state;
    kit_expect_status("int_pos_add(NULL, 4, 4)", int_pos_add(NULL, 4, 4), KIT_ERR_NULL);
    kit_expect_status("int_pos_add(X, 4, 0)", int_pos_add(X, 4, 0), KIT_ERR_SIZE);
    kit_expect_status("int_pos_add(X, SIZE_MAX / 4, 8)", int_pos_add(X, SIZE_MAX / 4, 8), KIT_ERR_SIZE);
    kit_expect_status("int_pos_add(X, 2, SIZE_MAX / 2 + 1) (n*d overflows)",
                      int_pos_add(X, 2, SIZE_MAX / 2 + 1), KIT_ERR_SIZE);
    kit_expect_status("int_pos_add(NULL, 0, 4)", int_pos_add(NULL, 0, 4), KIT_OK);
    kit_expect_status("int_pos_add(X, 0, 4)", int_pos_add(X, 0, 4), KIT_OK);
    /* n == 0 is checked last: d == 0 is still a size error */
    kit_expect_status("int_pos_add(NULL, 0, 0)", int_pos_add(NULL, 0, 0), KIT_ERR_SIZE);
    kit_expect_status("int_pos_add(X, 0, 0)", int_pos_add(X, 0, 0), KIT_ERR_SIZE);
    kit_expect_untouched("X", X);
    probe_int_pos_add();
}

static void sweep_int_pos_add(void **state)
{
    const size_t ns[5] = { 1, 2, 3, 9, 17 }, ds[4] = { 1, 2, 3, 6 };
    (void)state;
    kit_grid_begin("int_pos_add over the sweep's cases");
    for (size_t a = 0; a < 5; a++)
        for (size_t b = 0; b < 4; b++) {
            size_t n = ns[a], d = ds[b];
            kit_case("n,d", n, d);
            double *X = kit_doubles(n * d);
            kit_fill(X, n * d, 90 + 4 * a + b, -1.0, 1.0);
#ifdef KIT_JUDGE
            /* before the call: in the judge, the call overwrites X with the record */
            double want[17 * 6], from1[17 * 6], replaced[17 * 6], column[17 * 6];
            char what[96];
            struct kit_mistake m[3] = {
                { "positions-from-1", "row pos got pos + 1: positions count from 0, so row 0 is "
                  "unchanged.", from1 },
                { "replaced-not-added", "X must keep the word vectors: add pos to them (+=), do "
                  "not overwrite them.", replaced },
                { "column-index", "you added the column index j; every element of row pos gains "
                  "the row's position pos.", column },
            };
            for (size_t pos = 0; pos < n; pos++)
                for (size_t j = 0; j < d; j++) {
                    want[pos * d + j] = X[pos * d + j] + (double)pos;
                    from1[pos * d + j] = X[pos * d + j] + (double)(pos + 1);
                    replaced[pos * d + j] = (double)pos;
                    column[pos * d + j] = X[pos * d + j] + (double)j;
                }
            snprintf(what, sizeof what, "X (sweep: n = %zu, d = %zu)", n, d);
#endif
            kit_expect_status("int_pos_add (sweep)", int_pos_add(X, n, d), KIT_OK);
            kit_expect_table(what, "pos,j", X, want, n, d, TOL, m, 3);
        }
    kit_grid_end();
}

/* The bag of words stays a bag: with positions added, the mean of either
   order is the old mean + (n-1)/2 (bc). Order reaches a pooled model only
   through something that is not linear (chapter 3's relu model). */
static void positions_do_not_fix_the_mean(void **state)
{
    double *A = kit_doubles(44), *B = kit_doubles(44);
    double *ma = kit_doubles(4), *mb = kit_doubles(4);
    (void)state;
    example_rows(sentence_ids, 11, A);
    example_rows(shuffled_ids, 11, B);
    kit_expect_status("int_pos_add(A)", int_pos_add(A, 11, 4), KIT_OK);
    kit_expect_status("int_pos_add(B)", int_pos_add(B, 11, 4), KIT_OK);
    kit_expect_status("mean_pool(A)", mean_pool(A, 11, 4, ma), KIT_OK);
    kit_expect_status("mean_pool(B)", mean_pool(B, 11, 4, mb), KIT_OK);
    kit_expect_table("mean of the sentence + positions", "j", ma, golden_mean_plus_pos, 1, 4, TOL, NULL, 0);
    kit_expect_table("mean of the shuffled sentence + positions", "j", mb, golden_mean_plus_pos, 1, 4, TOL,
                     NULL, 0);
}

/* ---- int_pos_swamp ------------------------------------------------------ */
/* The hidden sentence (7 rows of E), not the public running example. */
static void swamp_mistakes(void **state)
{
    double *X = kit_doubles(28), *ratio = kit_doubles(7);
    (void)state;
    example_rows(hidden_ids, 7, X);
    kit_expect_status("int_pos_swamp(X, 7, 4, ratio)", int_pos_swamp(X, 7, 4, ratio), KIT_OK);
#ifdef KIT_JUDGE
    {
        double *rows = kit_doubles(28), *want = kit_doubles(7);
        double *no_sqrt_d = kit_doubles(7), *squared = kit_doubles(7), *from1 = kit_doubles(7);
        struct kit_mistake m[3] = {
            { "no-sqrt-d", "the added vector (pos, ..., pos) has d entries: its norm is pos * sqrt(d), not pos.", no_sqrt_d },
            { "squared-norms", "you divided squared norms: take the square root of each sum of squares.", squared },
            { "positions-from-1", "row pos gains pos, counted from 0: ratio[0] = 0.", from1 },
        };
        example_rows(hidden_ids, 7, rows);
        for (size_t pos = 0; pos < 7; pos++) {
            double norm = 0.0;
            for (size_t j = 0; j < 4; j++)
                norm += rows[pos * 4 + j] * rows[pos * 4 + j];
            norm = sqrt(norm);
            want[pos] = (double)pos * 2.0 / norm;
            no_sqrt_d[pos] = (double)pos / norm;
            squared[pos] = (double)(pos * pos) * 4.0 / (norm * norm);
            from1[pos] = (double)(pos + 1) * 2.0 / norm;
        }
        kit_expect_table("ratio", "pos", ratio, want, 1, 7, TOL, m, 3);
    }
#endif
}

static void swamp_long(void **state)
{
    size_t n = 512, d = 256;
    double *X = kit_doubles(n * d), *ratio = kit_doubles(n);
    (void)state;
    for (size_t k = 0; k < n * d; k++)
        X[k] = 0.0625;                        /* every row has norm exactly 1 */
    kit_expect_status("int_pos_swamp(X, 512, 256, ratio)", int_pos_swamp(X, n, d, ratio), KIT_OK);
#ifdef KIT_JUDGE
    {
        const size_t at[4] = { 1, 10, 100, 511 };
        for (size_t k = 0; k < 4; k++)
            kit_expect_near("ratio[pos] for rows of norm 1, d = 256", ratio[at[k]], golden_ratio_long[k], 1e-9);
    }
#endif
}

static void swamp_zero_rows(void **state)
{
    const double X[3 * 2] = { 0.0, 0.0, 0.6, 0.8, 0.0, 0.0 };
    double *ratio = kit_doubles(3);
    (void)state;
    kit_expect_status("int_pos_swamp(X, 3, 2, ratio)", int_pos_swamp(X, 3, 2, ratio), KIT_OK);
#ifdef KIT_JUDGE
    {   /* the model of dividing by the zero norm: 0/0 = NaN at pos 0 (computed, not
           the buffer's never-written fill), 2 sqrt(2)/0 = +INFINITY at pos 2 */
        static const unsigned char fill[sizeof(double)] = { KIT_SENTINEL_BYTE, KIT_SENTINEL_BYTE,
            KIT_SENTINEL_BYTE, KIT_SENTINEL_BYTE, KIT_SENTINEL_BYTE, KIT_SENTINEL_BYTE,
            KIT_SENTINEL_BYTE, KIT_SENTINEL_BYTE };
        if (isnan(ratio[0]) && memcmp(&ratio[0], fill, sizeof fill) != 0 && isinf(ratio[2]) &&
            ratio[2] > 0 && fabs(ratio[1] - sqrt(2.0)) <= TOL)
            kit_hint("zero-row", "a row of zeros has norm 0: define the ratio (0 at pos 0, "
                     "INFINITY after) instead of dividing 0 by 0.");
    }
#endif
    kit_expect_true(ratio[0] == 0.0, "pos 0, zero row: ratio must be 0, got %.17g", ratio[0]);
    kit_expect_near("pos 1, row (0.6, 0.8)", ratio[1], sqrt(2.0), TOL);
    kit_expect_true(isinf(ratio[2]) && ratio[2] > 0, "pos 2, zero row: ratio must be +INFINITY, got %.17g",
                    ratio[2]);
}

static void swamp_bad_arguments(void **state)
{
    const double with_nan[2 * 2] = { 0.5, NAN, 0.1, 0.2 }, with_inf[2 * 2] = { 0.5, 0.1, -INFINITY, 0.2 };
    const double with_pinf[2 * 2] = { 0.5, 0.1, 0.3, INFINITY };
    double *X = kit_doubles(44), *ratio = kit_doubles(11);
    (void)state;
    example_rows(sentence_ids, 11, X);
    kit_expect_status("int_pos_swamp(NULL X)", int_pos_swamp(NULL, 11, 4, ratio), KIT_ERR_NULL);
    kit_expect_status("int_pos_swamp(NULL ratio)", int_pos_swamp(X, 11, 4, NULL), KIT_ERR_NULL);
    kit_expect_status("int_pos_swamp(d = 0)", int_pos_swamp(X, 11, 0, ratio), KIT_ERR_SIZE);
    kit_expect_status("int_pos_swamp(a NaN in X)", int_pos_swamp(with_nan, 2, 2, ratio), KIT_ERR_DOMAIN);
    kit_expect_status("int_pos_swamp(-INFINITY in X)", int_pos_swamp(with_inf, 2, 2, ratio), KIT_ERR_DOMAIN);
    kit_expect_status("int_pos_swamp(+INFINITY in X)", int_pos_swamp(with_pinf, 2, 2, ratio), KIT_ERR_DOMAIN);
    kit_expect_status("int_pos_swamp(X, n = SIZE_MAX / 4, d = 8, ratio: n*d overflows)",
                      int_pos_swamp(X, SIZE_MAX / 4, 8, ratio), KIT_ERR_SIZE);
    kit_expect_status("int_pos_swamp(n = 0, NULL, NULL)", int_pos_swamp(NULL, 0, 4, NULL), KIT_OK);
    kit_expect_status("int_pos_swamp(X, n = 0, d = 4, NULL)", int_pos_swamp(X, 0, 4, NULL), KIT_OK);
    /* n == 0 is checked last: d == 0 is still a size error */
    kit_expect_status("int_pos_swamp(NULL, n = 0, d = 0, NULL)", int_pos_swamp(NULL, 0, 0, NULL),
                      KIT_ERR_SIZE);
    kit_expect_status("int_pos_swamp(X, n = 0, d = 0, ratio)", int_pos_swamp(X, 0, 0, ratio),
                      KIT_ERR_SIZE);
    kit_expect_untouched("ratio", ratio);
    probe_swamp();
}

static void sweep_int_pos_swamp(void **state)
{
    const size_t ns[4] = { 1, 2, 3, 10 }, ds[5] = { 1, 2, 3, 5, 16 };
    (void)state;
    kit_grid_begin("int_pos_swamp over the sweep's cases");
    for (size_t a = 0; a < 4; a++)
        for (size_t b = 0; b < 5; b++) {
            size_t n = ns[a], d = ds[b];
            kit_case("n,d", n, d);
            double *X = kit_doubles(n * d), *ratio = kit_doubles(n);
            kit_fill(X, n * d, 120 + 5 * a + b, -2.0, 2.0);
            if (d == 3)
                for (size_t j = 0; j < d; j++)
                    X[j] = 0.0;                       /* a zero row at pos 0: ratio 0 */
            kit_expect_status("int_pos_swamp (sweep)", int_pos_swamp(X, n, d, ratio), KIT_OK);
#ifdef KIT_JUDGE
            {
                double want[10], no_sqrt_d[10], squared[10], from1[10], top = 1.0;
                char what[96];
                struct kit_mistake m[3] = {
                    { "no-sqrt-d", "the added vector (pos, ..., pos) has d entries: its norm is "
                      "pos * sqrt(d), not pos.", no_sqrt_d },
                    { "squared-norms", "you divided squared norms: take the square root of each "
                      "sum of squares.", squared },
                    { "positions-from-1", "row pos gains pos, counted from 0: ratio[0] = 0.", from1 },
                };
                for (size_t pos = 0; pos < n; pos++) {
                    double sq = 0.0, p = (double)pos;
                    for (size_t j = 0; j < d; j++)
                        sq += X[pos * d + j] * X[pos * d + j];
                    if (sq == 0.0) {                  /* only row 0 here */
                        want[pos] = no_sqrt_d[pos] = squared[pos] = from1[pos] = 0.0;
                        continue;
                    }
                    want[pos] = p * sqrt((double)d) / sqrt(sq);
                    no_sqrt_d[pos] = p / sqrt(sq);
                    squared[pos] = p * p * (double)d / sq;
                    from1[pos] = (p + 1.0) * sqrt((double)d) / sqrt(sq);
                    if (want[pos] > top)
                        top = want[pos];
                }
                snprintf(what, sizeof what, "ratio (sweep: n = %zu, d = %zu)", n, d);
                kit_expect_table(what, "pos", ratio, want, 1, n, TOL * top, m, 3);
            }
#endif
        }
    kit_grid_end();
}

const struct kit_test kit_tests_hidden[] = {
    KIT_TEST(tokenize_upper_case, 2, "tokenize_ids", "§1.1", "upper-case words are looked up lower-cased"),
    KIT_TEST(tokenize_white_space, 2, "tokenize_ids", "§1.1", "tabs, newlines, \\r, \\v, \\f separate tokens"),
    KIT_TEST(tokenize_runs_of_spaces, 1, "tokenize_ids", "§1.1", "leading, trailing and repeated spaces"),
    KIT_TEST(tokenize_unknown_words, 1, "tokenize_ids", "§1.1", "prefixes, extensions, punctuation, \\x1c .. \\x1f inside a token: <unk>"),
    KIT_TEST(tokenize_empty_texts, 1, "tokenize_ids", "§1.1", "empty and all-white-space texts have 0 tokens"),
    KIT_TEST(tokenize_buffer_sizes, 2, "tokenize_ids", "§1.1", "a hidden text: max_n = n fits; max_n = n - 1: KIT_ERR_SIZE, *n, no id"),
    KIT_TEST(tokenize_first_entry_wins, 1, "tokenize_ids", "§1.1", "a repeated vocabulary word: the first entry; an upper-case entry matches no token; only A-Z are lower-cased"),
    KIT_TEST(tokenize_bad_arguments, 1, "tokenize_ids", "§1.1", "NULL pointers, a NULL entry, v = 0, v > INT_MAX"),
    KIT_TEST(sweep_tokenize_ids, 2, "tokenize_ids", "§1.1", "random texts, v = 1 .. 12 of another vocabulary, max_n around the count"),
    KIT_TEST(embed_not_square, 2, "embed_lookup", "§1.2", "a 6 x 3 table: rows, not columns"),
    KIT_TEST(embed_checks_before_writing, 1, "embed_lookup", "§1.2", "a bad last id: nothing written"),
    KIT_TEST(embed_bad_arguments, 1, "embed_lookup", "§1.2", "NULL pointers (E even with n = 0), v = 0, d = 0, n*d and v*d overflow, n = 0 checked last"),
    KIT_TEST(sweep_embed_lookup, 2, "embed_lookup", "§1.2", "random tables, n = 1 .. 11, v = 1 .. 13, d = 1 .. 8; ids v - 1 and v"),
    KIT_TEST(mean_mistakes, 2, "mean_pool", "§1.3", "a hidden sentence's mean, naming any known mistake"),
    KIT_TEST(mean_any_order, 1, "mean_pool", "§1.3", "a random 9 x 5 matrix and a shuffle of its rows"),
    KIT_TEST(mean_bad_arguments, 1, "mean_pool", "§1.3", "n = 0 has no mean; d = 0; NULL; overflow"),
    KIT_TEST(sweep_mean_pool, 1, "mean_pool", "§1.3", "random matrices, n = 1 .. 13, d = 1 .. 7"),
    KIT_TEST(int_pos_add_mistakes, 2, "int_pos_add", "§1.4", "a hidden sentence + pos, naming any known mistake"),
    KIT_TEST(int_pos_add_bad_arguments, 1, "int_pos_add", "§1.4", "NULL, d = 0, overflow, n = 0"),
    KIT_TEST(sweep_int_pos_add, 2, "int_pos_add", "§1.4", "random matrices, n = 1 .. 17, d = 1 .. 6"),
    KIT_TEST(positions_do_not_fix_the_mean, 1, "int_pos_add,mean_pool", "§1.4", "with positions, both orders still have one mean"),
    KIT_TEST(swamp_mistakes, 2, "int_pos_swamp", "§1.5", "a hidden sentence's ratios, naming any known mistake"),
    KIT_TEST(swamp_long, 1, "int_pos_swamp", "§1.5", "512 rows of norm 1, d = 256: ratio = 16 pos"),
    KIT_TEST(swamp_zero_rows, 1, "int_pos_swamp", "§1.5", "zero rows: 0 at pos 0, INFINITY after"),
    KIT_TEST(swamp_bad_arguments, 1, "int_pos_swamp", "§1.5", "NULL, d = 0, overflow, NaN or infinity in X, n = 0 checked last"),
    KIT_TEST(sweep_int_pos_swamp, 1, "int_pos_swamp", "§1.5", "random matrices, n = 1 .. 10, d = 1 .. 16, a zero row 0"),
    KIT_END_OF_TESTS
};
