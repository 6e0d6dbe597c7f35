/*
 * bench.c — `make bench`: chapter 9's fast PE table generator against the
 * store floor (a memset of the same table: no generator that writes every
 * element can beat writing zeros), a plain C store loop, the recurrence one
 * row at a time, and the plain libm loop.
 *
 * n = 4096 positions, d = 512, base 10000, double (16 MiB). Every page of the
 * table is touched once before anything is timed, and the page faults of the
 * timed runs are counted and printed (0): a first touch costs a page fault
 * per 4 KiB, 20 to 50 times a memset of touched memory, and must not be
 * timed in one loop and not in another. Each loop is timed right after a memset of
 * the same table, in each of RUNS rounds; its ratio to the floor is the
 * median over the rounds of (its time / that memset's), which a busy machine
 * moves less than a ratio of two medians taken far apart.
 * Compiled with -O2 (no -march: SSE2, two doubles per instruction), linked
 * with solutions/ (default) or SRC=exercises. Speed claims live here, never
 * in the tests: timings depend on the machine and its load.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "09-precision-and-speed.h"

#define N_POS 4096
#define D 512
#define BASE 10000.0
#define RESEED 256     /* the one-row loop reseeds as the reference does */
#define RUNS 41        /* rounds of memset + loop */
#define RUNS_LIBM 5    /* the libm loop is ~30x slower */

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static long page_faults(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_minflt + u.ru_majflt;
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

static double least(const double *t, size_t count)
{
    double m = t[0];
    for (size_t k = 1; k < count; k++)
        m = t[k] < m ? t[k] : m;
    return m;
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

/* The stores alone, from C: the table with every row equal to row 0. */
static void table_stores(double *pe /* (N_POS, D) */, const double *omega /* (D / 2) */)
{
    (void)omega;
    for (size_t k = 0; k < (size_t)N_POS * D; k += 2) {
        pe[k] = 0.0;
        pe[k + 1] = 1.0;
    }
}

/* The recurrence one row at a time, each row from the one before and row 1
   (sin w, cos w), reseeded from libm every RESEED rows: §9.5's generator
   before its rows went four at a time. */
static void table_one_row(double *pe /* (N_POS, D) */, const double *omega /* (D / 2) */)
{
    for (size_t pos = 0; pos < N_POS; pos++) {
        double *row = pe + pos * D;
        const double *prev = row - D, *turn = pe + D;
        if (pos % RESEED == 0 || pos == 1) {
            for (size_t i = 0; i < D / 2; i++) {
                row[2 * i] = sin((double)pos * omega[i]);
                row[2 * i + 1] = cos((double)pos * omega[i]);
            }
        } else {
            for (size_t i = 0; i < D / 2; i++) {
                double s = prev[2 * i], c = prev[2 * i + 1];
                row[2 * i] = s * turn[2 * i + 1] + c * turn[2 * i];
                row[2 * i + 1] = c * turn[2 * i + 1] - s * turn[2 * i];
            }
        }
    }
}

static void table_fast(double *pe /* (N_POS, D) */, const double *omega /* (D / 2) */)
{
    (void)omega;
    ps_table_fast(pe, N_POS, D, BASE);
}

struct loop {
    const char *name;
    void (*run)(double *pe, const double *omega);
    const char *why;
    double t[RUNS], ratio[RUNS];
};

int main(void)
{
    size_t count = (size_t)N_POS * D;
    double *pe = malloc(count * sizeof *pe), *ref = malloc(count * sizeof *ref);
    double omega[D / 2], t_set[3 * RUNS], t_libm[RUNS_LIBM];
    double max_err = 0.0, sink = 0.0, t_touch;
    long faults_touch, faults_timed;
    int status;
    struct loop loops[] = {
        { "plain C store loop", table_stores,
          "the same stores from -O2 C (16 bytes each): the floor is the memory, not glibc", { 0 }, { 0 } },
        { "ps_table_fast", table_fast,
#ifdef BENCH_REFERENCE
          "four rows per pass, two pairs per SSE2 instruction: ~9 instructions a pair",
#else
          "yours (the reference: four rows per pass, ~9 instructions a pair)",
#endif
          { 0 }, { 0 } },
        { "one row per pass", table_one_row,
          "the same recurrence a row at a time: ~18 instructions a pair", { 0 }, { 0 } },
    };
    size_t n_loops = sizeof loops / sizeof loops[0], n_set = 0;
    if (pe == NULL || ref == NULL) {
        fprintf(stderr, "bench: out of memory\n");
        return 1;
    }
    for (size_t i = 0; i < D / 2; i++)
        omega[i] = pow(BASE, -2.0 * (double)i / (double)D);
    faults_touch = page_faults();
    t_touch = now();
    memset(pe, 0, count * sizeof *pe);                  /* touch every page once */
    t_touch = now() - t_touch;
    faults_touch = page_faults() - faults_touch;
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
    faults_timed = page_faults();
    for (int r = 0; r < RUNS; r++)
        for (size_t l = 0; l < n_loops; l++) {
            double t0 = now();
            memset(pe, 0, count * sizeof *pe);
            double t1 = now();
            sink += pe[(size_t)r * 4099 % count];
            loops[l].run(pe, omega);
            double t2 = now();
            sink += pe[(size_t)r * 4099 % count];
            t_set[n_set++] = t1 - t0;
            loops[l].t[r] = t2 - t1;
            loops[l].ratio[r] = (t2 - t1) / (t1 - t0);
        }
    for (int r = 0; r < RUNS_LIBM; r++) {
        double t0 = now();
        table_libm(pe, omega);
        t_libm[r] = now() - t0;
        sink += pe[(size_t)r * 4099 % count];
    }
    faults_timed = page_faults() - faults_timed;
    double m_set = median(t_set, n_set), l_set = least(t_set, n_set);
    printf("PE table n = %d, d = %d, double (%.1f MiB), -O2. %d rounds, each loop timed right after\n"
           "a memset of the table; x floor = median over the rounds of loop / that memset.\n",
           N_POS, D, (double)(count * sizeof *pe) / 1048576.0, RUNS);
    printf("  %-22s %8s %9s %8s  %s\n", "", "min ms", "median ms", "x floor", "why");
    printf("  %-22s %8.3f %9.3f %8.2f  %s\n", "memset (store floor)", 1e3 * l_set, 1e3 * m_set, 1.0,
           "glibc's memset (rep stosb here): the stores alone");
    for (size_t l = 0; l < n_loops; l++) {
        double lo = least(loops[l].t, RUNS), mid = median(loops[l].t, RUNS);
        printf("  %-22s %8.3f %9.3f %8.2f  %s\n", loops[l].name, 1e3 * lo, 1e3 * mid,
               median(loops[l].ratio, RUNS), loops[l].why);
    }
    double l_libm = least(t_libm, RUNS_LIBM), m_libm = median(t_libm, RUNS_LIBM);
    printf("  %-22s %8.3f %9.3f %8.1f  %s\n", "libm sin/cos loop", 1e3 * l_libm, 1e3 * m_libm,
           m_libm / m_set, "a sin and a cos call per pair (x floor: of the medians)");
    printf("  %-22s %8.3f %9s %8.1f  %ld page faults; %ld while timing the lines above\n",
           "first touch (memset)", 1e3 * t_touch, "", t_touch / m_set, faults_touch, faults_timed);
    printf("  ps_table_fast max |error| vs libm: %.3g%s\n", max_err,
           max_err <= 1e-12 ? "" : "  (above the 1e-12 of the contract)");
    printf("  target: ps_table_fast <= 2 x the store floor: %s\n",
           median(loops[1].ratio, RUNS) <= 2.0 ? "met on this run" : "not met on this run");
    if (sink == 12345.678)
        printf("\n");                                   /* keeps the stores alive */
    free(pe);
    free(ref);
    return 0;
}
