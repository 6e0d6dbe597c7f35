/*
 * bench.c — `make bench`: chapter 9's fast PE table generator against the
 * plain libm loop and against a memset of the same table (the store floor:
 * no generator that writes every element can beat writing zeros).
 *
 * n = 4096 positions, d = 512, base 10000, double. Each timing is the median
 * of several runs, after one untimed run that touches every page. Compiled
 * with -O2, linked with solutions/ (default) or SRC=exercises.
 * Speed claims live here, never in the tests: timings depend on the machine
 * and its load.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "09-precision-and-speed.h"

#define N_POS 4096
#define D 512
#define BASE 10000.0
#define RUNS 21        /* memset and the fast generator */
#define RUNS_LIBM 5    /* the libm loop is ~20x slower */

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *t, size_t count)
{
    qsort(t, count, sizeof *t, by_value);
    return t[count / 2];
}

/* The direct loop: sin and cos from libm for every element. */
static void table_libm(double *pe /* (N_POS, D) */, const double *omega /* (D / 2) */)
{
    for (size_t pos = 0; pos < N_POS; pos++)
        for (size_t i = 0; i < D / 2; i++) {
            double theta = (double)pos * omega[i];
            pe[pos * D + 2 * i] = sin(theta);
            pe[pos * D + 2 * i + 1] = cos(theta);
        }
}

int main(void)
{
    size_t count = (size_t)N_POS * D;
    double *pe = malloc(count * sizeof *pe), *ref = malloc(count * sizeof *ref);
    double omega[D / 2], t_set[RUNS], t_fast[RUNS], t_libm[RUNS_LIBM];
    double max_err = 0.0, sink = 0.0;
    int status;
    if (pe == NULL || ref == NULL) {
        fprintf(stderr, "bench: out of memory\n");
        return 1;
    }
    for (size_t i = 0; i < D / 2; i++)
        omega[i] = pow(BASE, -2.0 * (double)i / (double)D);
    memset(pe, 0, count * sizeof *pe);                  /* touch every page once */
    table_libm(ref, omega);
    status = ps_table_fast(pe, N_POS, D, BASE);
    if (status != KIT_OK) {
        fprintf(stderr, "bench: ps_table_fast returned %d%s\n", status,
                status == KIT_TODO ? " (KIT_TODO: not written yet)" : "");
        return 1;
    }
    for (size_t k = 0; k < count; k++)
        if (fabs(pe[k] - ref[k]) > max_err)
            max_err = fabs(pe[k] - ref[k]);
    for (int r = 0; r < RUNS; r++) {
        double t0 = now();
        memset(pe, 0, count * sizeof *pe);
        double t1 = now();
        sink += pe[(size_t)r * 4099 % count];
        ps_table_fast(pe, N_POS, D, BASE);
        double t2 = now();
        sink += pe[(size_t)r * 4099 % count];
        t_set[r] = t1 - t0;
        t_fast[r] = t2 - t1;
    }
    for (int r = 0; r < RUNS_LIBM; r++) {
        double t0 = now();
        table_libm(pe, omega);
        t_libm[r] = now() - t0;
        sink += pe[(size_t)r * 4099 % count];
    }
    double m_set = median(t_set, RUNS), m_fast = median(t_fast, RUNS), m_libm = median(t_libm, RUNS_LIBM);
    printf("PE table n = %d, d = %d, double (%.1f MiB); median of %d runs (libm: %d)\n", N_POS, D,
           (double)(count * sizeof *pe) / 1048576.0, RUNS, RUNS_LIBM);
    printf("  memset (store floor)   %8.3f ms\n", 1e3 * m_set);
    printf("  ps_table_fast          %8.3f ms   %5.2f x the store floor\n", 1e3 * m_fast, m_fast / m_set);
    printf("  libm sin/cos loop      %8.3f ms   %5.2f x the store floor, %5.1f x ps_table_fast\n",
           1e3 * m_libm, m_libm / m_set, m_libm / m_fast);
    printf("  ps_table_fast max |error| vs libm: %.3g%s\n", max_err,
           max_err <= 1e-12 ? "" : "  (above the 1e-12 of the contract)");
    printf("  target: ps_table_fast <= 2 x the store floor: %s\n",
           m_fast <= 2.0 * m_set ? "met" : "not met on this run");
    if (sink == 12345.678)
        printf("\n");                                   /* keeps the stores alive */
    free(pe);
    free(ref);
    return 0;
}
