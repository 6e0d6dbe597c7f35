/*
 * 01-integer-positions.h — from a sentence to an n x d matrix, why a model
 * that pools the rows cannot see word order, and the first (failed) fix:
 * add the integer position pos to every dimension of row pos.
 *
 * Running example: "All animals are equal but some are more equal than
 * others" (11 tokens). Tokens are maximal runs of non-white-space characters
 * (white space: space, \t, \n, \v, \f, \r), lower-cased (ASCII A-Z only) and
 * mapped to ids through a vocabulary: the id of a token is the index k of
 * the first vocabulary entry equal to it, or 0 when no entry is; entry 0 is
 * "<unk>", the unknown word. Matrices are row-major: element (pos, j) of an
 * n x d matrix X is X[pos*d + j]; row pos is the vector of the token at
 * position pos = 0 .. n-1.
 *
 * Every function returns KIT_OK or an error code from kit.h; on an error it
 * writes nothing (tokenize_ids' *n on KIT_ERR_SIZE is the one documented
 * exception).
 *
 * n == 0 (nothing to compute, where a function allows it) is checked last:
 * every other argument is checked first, with its usual error (a zero size
 * -> KIT_ERR_SIZE, a bad base -> KIT_ERR_DOMAIN, a pointer needed whatever n
 * is -> KIT_ERR_NULL); only when all of them are good does n == 0 return
 * KIT_OK with nothing written. For example int_pos_add(NULL, 0, 0) is
 * KIT_ERR_SIZE (d == 0), and embed_lookup with E NULL is KIT_ERR_NULL even
 * when n == 0.
 */
#ifndef CH01_INTEGER_POSITIONS_H
#define CH01_INTEGER_POSITIONS_H

#include <stddef.h>

#include "kit.h"

/* listing: vocab */
/* The chapter's vocabulary, v = 10 words; id k is entry k. Use it as
   static const char *const vocab[IP_VOCAB_SIZE] = IP_VOCAB; */
#define IP_VOCAB_SIZE 10
#define IP_VOCAB { "<unk>", "all", "animals", "are", "equal", \
                   "but", "some", "more", "than", "others" }
/* end listing: vocab */

/* listing: contract-tokenize-ids */
/* Splits text into tokens (runs of non-white-space), lower-cases each and
   stores its id in ids[0 .. *n - 1]: the first k in 0 .. v-1 with
   vocab[k] equal to the lower-cased token, else 0 (unknown word).
   *n = the number of tokens (0 for an empty or all-white-space text).
   More than max_n tokens: KIT_ERR_SIZE, ids untouched, and *n = the number
   of tokens needed (so a first call with max_n = 0 counts them).
   ids may be NULL when max_n == 0.
   Errors: text, vocab, n or an entry vocab[k] NULL, or ids NULL with
   max_n > 0 -> KIT_ERR_NULL (nothing written); v == 0, or v > INT_MAX
   (ids are int; decided before any entry vocab[k] is read) -> KIT_ERR_SIZE
   (nothing written). */
int tokenize_ids(const char *text /* a string */, const char *const *vocab /* (v) */, size_t v,
                 int *ids /* (max_n) */, size_t max_n, size_t *n /* (1) */);
/* end listing: contract-tokenize-ids */

/* listing: contract-embed-lookup */
/* Row pos of X is row ids[pos] of the embedding table E (v words, d wide):
   X[pos*d + j] = E[ids[pos]*d + j], for pos < n, j < d.
   n == 0: KIT_OK, nothing written (ids and X may then be NULL).
   Errors: E NULL, or ids or X NULL with n > 0 -> KIT_ERR_NULL; v == 0,
   d == 0, or n*d or v*d overflowing size_t -> KIT_ERR_SIZE; any ids[pos]
   < 0 or >= v -> KIT_ERR_DOMAIN (checked before anything is written). */
int embed_lookup(const int *ids /* (n) */, size_t n, const double *E /* (v, d), row-major */,
                 size_t v, size_t d, double *X /* (n, d), row-major */);
/* end listing: contract-embed-lookup */

/* listing: contract-mean-pool */
/* The mean of the rows: m[j] = (1/n) * sum_pos X[pos*d + j], j < d. This is
   all an order-blind model sees of the sentence.
   Errors: X or m NULL -> KIT_ERR_NULL; n == 0 (no mean), d == 0, or n*d
   overflowing size_t -> KIT_ERR_SIZE. */
int mean_pool(const double *X /* (n, d), row-major */, size_t n, size_t d,
              double *m /* (d) */);
/* end listing: contract-mean-pool */

/* listing: contract-int-pos-add */
/* The first fix: adds the integer position to every dimension of its row,
   in place: X[pos*d + j] += pos, for pos = 0 .. n-1 (row 0 is unchanged).
   n == 0: KIT_OK, nothing written (X may then be NULL).
   Errors: X NULL with n > 0 -> KIT_ERR_NULL; d == 0 or n*d overflowing
   size_t -> KIT_ERR_SIZE. */
int int_pos_add(double *X /* (n, d), row-major, in-out */, size_t n, size_t d);
/* end listing: contract-int-pos-add */

/* listing: contract-int-pos-swamp */
/* How much the position added by int_pos_add outweighs the word, row by row:
   ratio[pos] = ||pos * 1_d|| / ||X[pos]|| = pos * sqrt(d) / ||X[pos]||,
   ||.|| the Euclidean norm and 1_d the all-ones vector of length d.
   Zero rows: ratio[0] = 0 (position 0 adds nothing), and for pos > 0 a
   row with norm 0 gets +INFINITY.
   n == 0: KIT_OK, nothing written (X and ratio may then be NULL).
   Errors: X or ratio NULL with n > 0 -> KIT_ERR_NULL; d == 0 or n*d
   overflowing size_t -> KIT_ERR_SIZE; a NaN or infinite value in X ->
   KIT_ERR_DOMAIN. */
int int_pos_swamp(const double *X /* (n, d), row-major */, size_t n, size_t d,
                  double *ratio /* (n) */);
/* end listing: contract-int-pos-swamp */

#endif /* CH01_INTEGER_POSITIONS_H */
