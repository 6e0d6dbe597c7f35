/*
 * precision_and_speed.c — chapter 9: float against double, and a fast
 * table generator that keeps double accuracy.
 * Contract: include/09-precision-and-speed.h.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>

#include "09-precision-and-speed.h"

int ps_float_error(size_t pos, size_t d, double base, double *err /* (1) */)
{
    /* TODO: check the arguments, then for every column compare the float
       path (powf, a float angle, sinf/cosf) with the double one; store the
       largest absolute difference. */
    (void)pos;
    (void)d;
    (void)base;
    (void)err;
    return KIT_TODO;
}

int ps_table_rotate(double *pe /* (n, d), row-major */, size_t n, size_t d, double base,
                    size_t R)
{
    /* TODO: check the arguments, then for each pair i: seed (s, c) from libm
       at every row pos with pos % R == 0, turn it by omega_i on the other
       rows, and store s in column 2i, c in column 2i + 1 (if it exists). */
    (void)pe;
    (void)n;
    (void)d;
    (void)base;
    (void)R;
    return KIT_TODO;
}

int ps_drift(double *drift /* (n) */, size_t n, size_t d, double base)
{
    /* TODO: check the arguments, then run the recurrence for each pair from
       (0, 1) without reseeding and keep, per row, the largest distance to
       libm's sin and cos. */
    (void)drift;
    (void)n;
    (void)d;
    (void)base;
    return KIT_TODO;
}

int ps_table_fast(double *pe /* (n, d), row-major */, size_t n, size_t d, double base)
{
    /* TODO: check the arguments, then build the table row by row, each row
       from the previous one by the rotation, reseeding from libm every few
       rows; keep the inner loop free of libm calls and of divisions. */
    (void)pe;
    (void)n;
    (void)d;
    (void)base;
    return KIT_TODO;
}
