/*
 * 08-rope-alibi.h — two ways to put relative positions into the attention
 * score itself: RoPE (Su et al., "RoFormer", 2021) rotates queries and keys,
 * ALiBi (Press et al., "Train Short, Test Long", 2022) adds a distance
 * penalty to the scores.
 *
 * RoPE, this kit's convention (the RoFormer paper's): columns 2i and 2i + 1
 * form pair i (adjacent pairs), theta_i = base^(-2i/d), and a row at
 * position pos has pair i turned by the angle a = pos * theta_i:
 *     x'[2i]     = x[2i] cos a - x[2i + 1] sin a
 *     x'[2i + 1] = x[2i] sin a + x[2i + 1] cos a
 * Hugging Face's rotate_half pairs column i with column i + d/2 instead
 * (halves); the two conventions differ by a fixed permutation of the columns
 * and are not interchangeable on the same weights.
 * Odd d: the last column d - 1 has no partner and is left unchanged (as when
 * only part of a head is rotated); theta_i keeps the odd d in its exponent.
 *
 * ALiBi: head h = 1 .. H has the slope m_h; the score of query position qpos
 * and key position kpos gets -m_h * |qpos - kpos| added. For H a power of 2,
 * m_h = 2^(-8h/H) (0.5, 0.25, ..., 1/256 for H = 8). For other H, the
 * ALiBi reference code's rule: with P the largest power of 2 not above H, the
 * first P slopes are those of P heads, 2^(-8h/P), h = 1 .. P, followed by the
 * first H - P slopes of 2P heads with odd h, 2^(-4h/P), h = 1, 3, 5, ...
 *
 * Tables are row-major. Every function returns KIT_OK or an error code from
 * kit.h; on an error it writes nothing.
 *
 * n == 0 (nothing to compute, where a function allows it) is checked last:
 * every other argument is checked first, with its usual error (a zero size
 * -> KIT_ERR_SIZE, a bad base -> KIT_ERR_DOMAIN, a pointer needed whatever n
 * is -> KIT_ERR_NULL); only when all of them are good does n == 0 return
 * KIT_OK with nothing written. For example rope_apply(NULL, NULL, 0, 0,
 * 10000) is KIT_ERR_SIZE (d == 0).
 */
#ifndef CH08_ROPE_ALIBI_H
#define CH08_ROPE_ALIBI_H

#include <stddef.h>

#include "kit.h"

/* listing: contract-rope-apply */
/* Rotates row r of x in place by its position pos[r]: pair i (columns 2i,
   2i + 1) turns by pos[r] * theta_i, theta_i = base^(-2i/d); for odd d the
   last column is left unchanged. n == 0: KIT_OK, nothing written (x and pos
   may then be NULL).
   Errors: x or pos NULL (n > 0) -> KIT_ERR_NULL; d == 0 or n * d overflows
   -> KIT_ERR_SIZE; base not finite or <= 1 -> KIT_ERR_DOMAIN. */
int rope_apply(double *x /* (n, d), row-major, in-out */, const size_t *pos /* (n) */, size_t n,
               size_t d, double base);
/* end listing: contract-rope-apply */

/* listing: contract-rope-scores */
/* The raw attention scores of n queries and n keys at positions 0 .. n-1,
   after RoPE: S[qpos*n + kpos] = RoPE(q[qpos], qpos) . RoPE(k[kpos], kpos)
   (no 1/sqrt(d) scaling, no softmax). q and k are not changed.
   Errors: a NULL pointer -> KIT_ERR_NULL; n == 0, d == 0, n * d or n * n
   overflows -> KIT_ERR_SIZE; base not finite or <= 1 -> KIT_ERR_DOMAIN. */
int rope_scores(const double *q /* (n, d), row-major */, const double *k /* (n, d), row-major */,
                size_t n, size_t d, double base, double *S /* (n, n), row-major */);
/* end listing: contract-rope-scores */

/* listing: contract-alibi-slopes */
/* The ALiBi slopes of H heads: slope[h - 1] = m_h, h = 1 .. H (see above:
   2^(-8h/H) when H is a power of 2).
   Errors: slope NULL -> KIT_ERR_NULL; H == 0 or H doubles overflow size_t
   -> KIT_ERR_SIZE. */
int alibi_slopes(double *slope /* (H) */, size_t H);
/* end listing: contract-alibi-slopes */

/* listing: contract-alibi-bias */
/* Adds the ALiBi bias to the scores of H heads, in place:
   scores[((h - 1) * n + qpos) * n + kpos] += -m_h * |qpos - kpos|.
   The symmetric (bidirectional) form; under a causal mask only kpos <= qpos
   is used, where it is the paper's -m_h (qpos - kpos).
   Errors: scores NULL -> KIT_ERR_NULL; H == 0, n == 0 or H * n * n
   overflows -> KIT_ERR_SIZE. */
int alibi_bias(double *scores /* (H, n, n), row-major, in-out */, size_t H, size_t n);
/* end listing: contract-alibi-bias */

#endif /* CH08_ROPE_ALIBI_H */
