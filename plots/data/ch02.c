/*
 * ch02.c — the data of the figure "integer and [0, 1] positions", computed by
 * chapter 1's int_pos_add and int_pos_swamp (include/01-integer-positions.h)
 * and chapter 2's unit_positions, unit_offset_code and unit_code_range
 * (include/02-unit-interval.h).
 * needs: 01 02
 */
#include <math.h>
#include <stdlib.h>

#include "plotdata.h"
#include "01-integer-positions.h"
#include "02-unit-interval.h"

static const size_t lengths[4] = { 5, 10, 20, 50 }; /* sentence lengths n */

/* One sentence of n tokens: the integer code int_pos_add gives each row
   (added to a zero row, d = 1) and the [0, 1] code unit_positions gives it. */
static int sentence(const char *dir, size_t n)
{
    double *x = plot_doubles(n);      /* (n, 1): zero rows, then + pos  */
    double *t = plot_doubles(n);      /* (n)                            */
    double step = NAN;                /* unit_offset_code(1, n)         */
    char call[96], file[32], name[32];
    int ok;
    for (size_t pos = 0; pos < n; pos++)
        x[pos] = 0.0;
    snprintf(call, sizeof call, "int_pos_add(X, %zu, 1)", n);
    ok = plot_ok(dir, call, int_pos_add(x, n, 1)) && plot_finite(dir, "int_pos_add", x, n, 1);
    snprintf(call, sizeof call, "unit_positions(t, %zu)", n);
    ok = ok && plot_ok(dir, call, unit_positions(t, n)) &&
         plot_finite(dir, "unit_positions", t, n, 1);
    snprintf(call, sizeof call, "unit_offset_code(1, %zu, &delta)", n);
    ok = ok && plot_ok(dir, call, unit_offset_code(1, n, &step)) &&
         plot_finite(dir, "unit_offset_code", &step, 1, 1);
    if (ok) {
        FILE *f;
        snprintf(file, sizeof file, "n%zu.dat", n);
        f = plot_open(dir, file);
        fprintf(f, "# pos integer_code unit_code   (n = %zu)\n", n);
        for (size_t pos = 0; pos < n; pos++)
            fprintf(f, "%zu %.9g %.9g\n", pos, x[pos], t[pos]);
        fclose(f);
        snprintf(name, sizeof name, "step_%zu", n);
        plot_var(dir, name, step);
    }
    free(x);
    free(t);
    return ok ? 0 : 1;
}

/* Figure: both fixes over sentences of 5, 10, 20 and 50 tokens. */
static int positions(const char *dir)
{
    enum { N = 50, D = 8 };
    double *X = plot_doubles(N * D); /* (N, D): every row of norm 1 */
    double *ratio = plot_doubles(N); /* (N) */
    double lo = NAN, hi = NAN;
    int ok = 1;
    for (size_t w = 0; ok && w < 4; w++)
        ok = sentence(dir, lengths[w]) == 0;
    /* How much pos outweighs a word vector of norm 1, d = 8. */
    for (size_t k = 0; k < N * D; k++)
        X[k] = 1.0 / sqrt((double)D);
    ok = ok && plot_ok(dir, "int_pos_swamp(X, 50, 8, ratio)", int_pos_swamp(X, N, D, ratio)) &&
         plot_finite(dir, "int_pos_swamp", ratio, 1, N);
    /* The codes position 4 gets over sentence lengths 5 .. 50. */
    ok = ok && plot_ok(dir, "unit_code_range(4, 5, 50, &lo, &hi)",
                       unit_code_range(4, 5, 50, &lo, &hi)) &&
         plot_finite(dir, "unit_code_range", &lo, 1, 1) &&
         plot_finite(dir, "unit_code_range", &hi, 1, 1);
    if (ok) {
        plot_var(dir, "swamp_49", ratio[N - 1]);
        plot_var(dir, "code4_lo", lo);
        plot_var(dir, "code4_hi", hi);
        /* for exercise 2: the spacing of doubles on either side of 1 */
        plot_var(dir, "spacing_below_1", 1.0 - nextafter(1.0, 0.0));
        plot_var(dir, "spacing_above_1", nextafter(1.0, 2.0) - 1.0);
    }
    free(X);
    free(ratio);
    return ok ? 0 : 1;
}

const struct plot_figure plot_figures[] = {
    {"positions", positions},
    {NULL, NULL}
};
