/*
 * rope_alibi.c — chapter 8: RoPE rotates queries and keys, ALiBi biases
 * the scores. Contract: include/08-rope-alibi.h.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "08-rope-alibi.h"

int rope_apply(double *x /* (n, d), row-major */, const size_t *pos /* (n) */, size_t n,
               size_t d, double base)
{
    /* TODO: check the arguments (see the header), then rotate each adjacent pair
       (2i, 2i + 1) of row r by the angle pos[r] * theta_i; leave the last column
       alone when d is odd. */
    (void)x;
    (void)pos;
    (void)n;
    (void)d;
    (void)base;
    return KIT_TODO;
}

int rope_scores(const double *q /* (n, d), row-major */, const double *k /* (n, d), row-major */,
                size_t n, size_t d, double base, double *S /* (n, n), row-major */)
{
    /* TODO: check the arguments, then rotate a copy of query row qpos to position
       qpos and of key row kpos to position kpos, and store their dot product in
       S[qpos*n + kpos]. Do not change q and k. */
    (void)q;
    (void)k;
    (void)n;
    (void)d;
    (void)base;
    (void)S;
    return KIT_TODO;
}

int alibi_slopes(double *slope /* (H) */, size_t H)
{
    /* TODO: check the arguments, then slope[h - 1] = m_h for h = 1 .. H
       (2^(-8h/H) when H is a power of 2; the header gives the rule for other H). */
    (void)slope;
    (void)H;
    return KIT_TODO;
}

int alibi_bias(double *scores /* (H, n, n), row-major */, size_t H, size_t n)
{
    /* TODO: check the arguments, then add -m_h * |qpos - kpos| to every score of
       head h = 1 .. H (stored at scores[((h - 1) * n + qpos) * n + kpos]). */
    (void)scores;
    (void)H;
    (void)n;
    return KIT_TODO;
}
