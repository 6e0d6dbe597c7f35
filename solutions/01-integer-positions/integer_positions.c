/*
 * integer_positions.c — chapter 1: from words to ids to vectors, the
 * order-blind mean, and the first fix (integer positions) with its failure.
 * Contract: include/01-integer-positions.h.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>

#include "01-integer-positions.h"

/* BEGIN SOLUTION */
/* 1 for C's white space. Not <ctype.h>'s isspace: its answer depends on the
   locale, and a char with the high bit set is undefined behaviour there. */
static int is_space(char c)
{
    /* listing: is-space */
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
    /* end listing: is-space */
}

/* ASCII lower case: 'A' .. 'Z' become 'a' .. 'z', every other char stays. */
static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* 1 when the token tok[0 .. len-1], lower-cased, equals word. */
static int token_is(const char *tok, size_t len, const char *word)
{
    /* listing: token-is */
    for (size_t c = 0; c < len; c++)
        if (word[c] == '\0' || lower(tok[c]) != word[c]) /* lower-cased, char by char */
            return 0;
    return word[len] == '\0';                /* the word ends where the token ends */
    /* end listing: token-is */
}

/* The id of a token: the first k with vocab[k] equal to it, else 0. */
static int token_id(const char *tok, size_t len, const char *const *vocab, size_t v)
{
    for (size_t k = 0; k < v; k++)
        if (token_is(tok, len, vocab[k]))
            return (int)k;
    return 0;                                /* an unknown word is <unk>, id 0 */
}

/* The next token at or after *p: returns its start (NULL when the text has
   no token left) and stores its length in *len; *p moves past it. */
static const char *next_token(const char **p, size_t *len)
{
    const char *s = *p, *start;
    /* listing: next-token */
    while (*s != '\0' && is_space(*s))       /* skip all the white space before it */
        s++;
    if (*s == '\0')
        return NULL;                         /* no token left                      */
    start = s;
    while (*s != '\0' && !is_space(*s))      /* the token runs to the next space   */
        s++;
    /* end listing: next-token */
    *len = (size_t)(s - start);
    *p = s;
    return start;
}
/* END SOLUTION */

int tokenize_ids(const char *text, const char *const *vocab /* (v) */, size_t v,
                 int *ids /* (max_n) */, size_t max_n, size_t *n /* (1) */)
{
    /* TODO: check the arguments (see the header); count the tokens (runs of
       non-white-space) and, when they fit in max_n, store the id of each
       lower-cased token (0 when it is not in vocab) and their number. */
    /* BEGIN SOLUTION */
    const char *p, *tok;
    size_t len = 0, count = 0;
    if (text == NULL || vocab == NULL || n == NULL || (ids == NULL && max_n > 0))
        return KIT_ERR_NULL;
    if (v == 0 || v > (size_t)INT_MAX)
        return KIT_ERR_SIZE;
    for (size_t k = 0; k < v; k++)
        if (vocab[k] == NULL)
            return KIT_ERR_NULL;
    /* listing: tokenize-count */
    for (p = text; next_token(&p, &len) != NULL;)
        count++;                             /* first pass: count the tokens */
    if (count > max_n) {
        *n = count;                          /* say how many are needed      */
        return KIT_ERR_SIZE;                 /* ... and write no id          */
    }
    /* end listing: tokenize-count */
    count = 0;
    for (p = text; (tok = next_token(&p, &len)) != NULL;)
        ids[count++] = token_id(tok, len, vocab, v); /* second pass: the ids */
    *n = count;
    return KIT_OK;
    /* END SOLUTION */
}

int embed_lookup(const int *ids /* (n) */, size_t n, const double *E /* (v, d), row-major */,
                 size_t v, size_t d, double *X /* (n, d), row-major */)
{
    /* TODO: check the arguments (every id must lie in 0 .. v-1 before you
       write anything), then copy row ids[pos] of E into row pos of X. */
    /* BEGIN SOLUTION */
    if (E == NULL || (n > 0 && (ids == NULL || X == NULL)))
        return KIT_ERR_NULL;
    if (v == 0 || d == 0 || v > SIZE_MAX / sizeof(double) / d ||
        n > SIZE_MAX / sizeof(double) / d)
        return KIT_ERR_SIZE;
    for (size_t pos = 0; pos < n; pos++)
        if (ids[pos] < 0 || (size_t)ids[pos] >= v)
            return KIT_ERR_DOMAIN;           /* every id checked before any write */
    /* listing: embed-rows */
    for (size_t pos = 0; pos < n; pos++)
        for (size_t j = 0; j < d; j++)
            X[pos * d + j] = E[(size_t)ids[pos] * d + j]; /* row ids[pos] of E */
    /* end listing: embed-rows */
    return KIT_OK;
    /* END SOLUTION */
}

int mean_pool(const double *X /* (n, d), row-major */, size_t n, size_t d,
              double *m /* (d) */)
{
    /* TODO: check the arguments, then m[j] = the mean of column j of X. */
    /* BEGIN SOLUTION */
    if (X == NULL || m == NULL)
        return KIT_ERR_NULL;
    if (n == 0 || d == 0 || n > SIZE_MAX / sizeof(double) / d)
        return KIT_ERR_SIZE;
    /* listing: mean-pool */
    for (size_t j = 0; j < d; j++) {
        double sum = 0.0;
        for (size_t pos = 0; pos < n; pos++)
            sum += X[pos * d + j];           /* sum of column j over the sentence */
        m[j] = sum / (double)n;              /* ... divided by n: the mean        */
    }
    /* end listing: mean-pool */
    return KIT_OK;
    /* END SOLUTION */
}

int int_pos_add(double *X /* (n, d), row-major */, size_t n, size_t d)
{
    /* TODO: check the arguments, then add pos to every element of row pos. */
    /* BEGIN SOLUTION */
    if (d == 0 || n > SIZE_MAX / sizeof(double) / d)
        return KIT_ERR_SIZE;
    if (n == 0)
        return KIT_OK;
    if (X == NULL)
        return KIT_ERR_NULL;
    /* listing: int-pos-add */
    for (size_t pos = 0; pos < n; pos++)
        for (size_t j = 0; j < d; j++)
            X[pos * d + j] += (double)pos;   /* the position itself, as a number */
    /* end listing: int-pos-add */
    return KIT_OK;
    /* END SOLUTION */
}

int int_pos_swamp(const double *X /* (n, d), row-major */, size_t n, size_t d,
                  double *ratio /* (n) */)
{
    /* TODO: check the arguments (every value of X must be finite), then
       ratio[pos] = pos * sqrt(d) / ||X[pos]||, with the zero-row rule of the
       header. */
    /* BEGIN SOLUTION */
    if (d == 0 || n > SIZE_MAX / sizeof(double) / d)
        return KIT_ERR_SIZE;
    if (n == 0)
        return KIT_OK;
    if (X == NULL || ratio == NULL)
        return KIT_ERR_NULL;
    for (size_t k = 0; k < n * d; k++)
        if (!isfinite(X[k]))
            return KIT_ERR_DOMAIN;
    /* listing: swamp */
    for (size_t pos = 0; pos < n; pos++) {
        double sq = 0.0;
        for (size_t j = 0; j < d; j++)
            sq += X[pos * d + j] * X[pos * d + j];    /* ||X[pos]||^2                 */
        double added = (double)pos * sqrt((double)d); /* ||pos 1_d|| = pos sqrt(d)    */
        if (sq == 0.0)
            ratio[pos] = (pos == 0) ? 0.0 : INFINITY; /* zero row: defined, not 0/0   */
        else
            ratio[pos] = added / sqrt(sq);            /* ||pos 1_d|| / ||X[pos]||     */
    }
    /* end listing: swamp */
    return KIT_OK;
    /* END SOLUTION */
}
