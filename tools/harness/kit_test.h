/*
 * kit_test.h — what a chapter's tests use: the test table, buffers that
 * catch out-of-bounds and stray writes, and checks that explain failures.
 *
 * A test is an ordinary cmocka test function. It runs twice: once in the
 * "subject" process, linked with the student's code, which records what
 * every call returned; and once in the "judge" process, which has no student
 * code at all, replays those records and decides PASS or FAIL. Tests need
 * not know this, with one rule: a test calls only the functions it lists in
 * its KIT_TEST entry, and is deterministic.
 *
 * Every call of a chapter function is checked by the harness itself, before
 * any check of the test (kit_proxy.h): the function runs three times, its
 * outputs pre-filled with 0.37, with 0 and as the test handed them, and must
 * give the same result each time ("reads its output before writing it"
 * otherwise: += into an unzeroed output, a running max started from it);
 * its const inputs are exact-size heap copies of the test's data (a read
 * past one is an ASan error naming the input; a write into one fails). So a
 * test needs no special care for these mistakes; an output the function
 * must read is marked `in-out` in the header's shape comment.
 */
#ifndef KIT_TEST_H
#define KIT_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "kit.h"

/* One entry of a chapter's test table. */
struct kit_test {
    const char *name;                  /* the test function's name            */
    void (*fn)(void **state);          /* the cmocka test function            */
    int points;                        /* points it is worth                  */
    const char *functions;             /* comma-separated functions it calls  */
    const char *section;               /* the chapter section that teaches it */
    const char *what;                  /* one line: what it checks            */
};

#define KIT_TEST(fn, points, functions, section, what) \
    { #fn, fn, points, functions, section, what }
#define KIT_END_OF_TESTS { NULL, NULL, 0, NULL, NULL, NULL }

/* Public tests define kit_tests_public[], hidden tests kit_tests_hidden[];
   each ends with KIT_END_OF_TESTS. */
extern const struct kit_test kit_tests_public[];
extern const struct kit_test kit_tests_hidden[];

/* ---- buffers ---------------------------------------------------------- */
/* A buffer of count elements, every byte set to KIT_SENTINEL_BYTE, followed
   by a guard zone. A write into the guard zone fails the test with the
   index written; freed when the test ends. Never returns NULL.
   The fill is the never-written marker: as a double a NaN with a full payload
   (0xFFFFFFFFFFFFFFFF), which no arithmetic produces (0/0 is 0xFFF8...0), and
   which no tolerance accepts; -1 as an int, SIZE_MAX as a size_t. (Whether a
   function reads an output before writing it is checked apart from this
   marker: every call runs three times, with three fills, see kit_proxy.h.) */
#define KIT_SENTINEL_BYTE 0xFF
void *kit_buffer(size_t count, size_t elem_size);
double *kit_doubles(size_t count);
int *kit_ints(size_t count);
size_t *kit_sizes(size_t count);
/* A copy of src (count doubles) in a guarded buffer. */
double *kit_copy_doubles(const double *src, size_t count);
/* Fill x (count doubles) with reproducible values in [lo, hi) from seed. */
void kit_fill(double *x, size_t count, uint64_t seed, double lo, double hi);
/* 1 when every byte of the kit buffer holding p is still the sentinel. */
int kit_untouched(const void *p);

/* ---- checks (each fails the test with a readable message) ------------- */
/* A known mistake: if the output matches values (within 1e-9) the failure
   message names it and gives its hint. */
struct kit_mistake {
    const char *id;        /* short name, shown as "hint (id)"       */
    const char *hint;      /* what the student probably did         */
    const double *values;  /* the output that mistake produces      */
};

/*
 * Two builds of every test file. The judge is compiled with KIT_JUDGE
 * defined; the subject (the process that holds the student's code) without.
 * Expected values, golden arrays, mistake models and the code that computes
 * a `want` table exist only in the judge: put them inside
 *     #ifdef KIT_JUDGE ... #endif
 * and the subject has no answer to read out of its own memory. In the
 * subject the value checks below compile to nothing (their arguments are
 * not evaluated: never call a chapter function inside one); the status and
 * untouched checks are real in both builds, so put the calls there.
 * (The harness's own files define KIT_HARNESS: they hold no answers.)
 */
#define kit_expect_status(fn, got, want) \
    kit_expect_status_at(__FILE__, __LINE__, fn, got, want)
#define kit_expect_untouched(what, buf) \
    kit_expect_untouched_at(__FILE__, __LINE__, what, buf)
#if defined(KIT_JUDGE) || defined(KIT_HARNESS)
#define kit_expect_size(what, got, want) \
    kit_expect_size_at(__FILE__, __LINE__, what, got, want)
#define kit_expect_near(what, got, want, tol) \
    kit_expect_near_at(__FILE__, __LINE__, what, got, want, tol)
#define kit_expect_table(what, axes, got, want, rows, cols, tol, mistakes, n_mistakes) \
    kit_expect_table_at(__FILE__, __LINE__, what, axes, got, want, rows, cols, tol, mistakes, n_mistakes)
#define kit_expect_true(cond, ...) \
    kit_expect_true_at(__FILE__, __LINE__, (cond) ? 1 : 0, __VA_ARGS__)
#define kit_fail(...) kit_expect_true_at(__FILE__, __LINE__, 0, __VA_ARGS__)
#else
#define kit_expect_size(...) ((void)0)
#define kit_expect_near(...) ((void)0)
#define kit_expect_table(...) ((void)0)
#define kit_expect_true(...) ((void)0)
#define kit_fail(...) ((void)0)
#endif

/* got must equal want; the message names both codes and, as its evidence,
   the test's last call with its arguments ("Where the wrong values are: the
   status of f(x, n = 0, ...)"). */
void kit_expect_status_at(const char *file, int line, const char *fn, int got, int want);
void kit_expect_size_at(const char *file, int line, const char *what, size_t got, size_t want);
/* |got - want| <= tol (NaN never passes). A value that still holds the
   buffers' initial fill (KIT_SENTINEL_BYTE bytes) was never written and
   fails whatever the tolerance (unless want is that very pattern). The
   message's evidence: which value (what) of which call (the test's last
   call, with its arguments). kit_expect_true names that call too. */
void kit_expect_near_at(const char *file, int line, const char *what, double got,
                        double want, double tol);
/* got and want are (rows, cols), row-major. axes names the two indices,
   e.g. "pos,j"; rows == 1 with a single axis name checks a vector. A cell
   that still holds the initial fill was never written: it fails whatever
   the tolerance. On a mismatch: the first wrong element, expected, got, max |diff|,
   where the wrong values are (kit_table_where), and the
   hint of the first mistake whose values match got; when none matches, the
   shape of the numbers (kit_check.c): "hint (shape-RULE): ... (see §N.M)"
   from the rule whose prediction fits every cell (never written,
   transposed, shifted, swapped or concatenated columns, sign, a factor,
   another base or angle factor, float rounding, NaN), or one line saying
   that no known shape fits. */
void kit_expect_table_at(const char *file, int line, const char *what, const char *axes,
                         const double *got, const double *want, size_t rows, size_t cols,
                         double tol, const struct kit_mistake *mistakes, size_t n_mistakes);
/* Optional, judge only: what the next kit_expect_table compares, so that the
   diagnosis of a wrong table can use it (recover omega, the base, an angle
   factor). Cleared by every kit_expect_table.
   kit_table_pe:    rows are positions pos0, pos0+1, ...; columns the paper's
                    interleaved sin/cos of d columns, omega_i = base^(-2i/d).
   kit_table_omega: a vector omega_i = base^(-2i/d), i = 0 .. (d+1)/2 - 1.   */
void kit_table_pe(size_t pos0, size_t d, double base);
void kit_table_omega(size_t d, double base);
/* Judge only: the shape rule ("transposed" for hint shape-transposed, ...) that
   explains got (rows, cols) against want, or NULL when none does; the
   diagnosis kit_expect_table prints when no known mistake matches. It reads
   the context of kit_table_pe / kit_table_omega without clearing it. For a
   test whose own hint needs this evidence first (see chapter 3's
   table_row_independent_of_n). */
const char *kit_table_shape(const double *got, const double *want, size_t rows, size_t cols,
                            double tol);
/* The kit buffer buf must not have been written (an error must write nothing). */
void kit_expect_untouched_at(const char *file, int line, const char *what, const void *buf);
/* cond must hold; the message is printf-style. */
void kit_expect_true_at(const char *file, int line, int cond, const char *fmt, ...)
    CMOCKA_PRINTF_ATTRIBUTE(4, 5);

/* Print a hint line "hint (id): text" (only in the judge). Tests call it
   just before failing when they recognise a mistake. */
void kit_hint(const char *id, const char *fmt, ...) CMOCKA_PRINTF_ATTRIBUTE(2, 3);
#if !defined(KIT_JUDGE) && !defined(KIT_HARNESS)
#define kit_hint(...) ((void)0)
#define kit_table_pe(...) ((void)0)
#define kit_table_omega(...) ((void)0)
#define kit_table_shape(...) ((const char *)0)
#endif
/* ---- grids of cases: the smallest failing input ----------------------- */
/*
 * A test that loops over a grid of cases (n, d, H, pos, ...) marks each case,
 * so that a failure reports the SMALLEST failing case and which parameter
 * decides, instead of the first failing one:
 *
 *     kit_grid_begin("pe_table over n and d");
 *     for (n = 1; n <= 8; n++)
 *         for (d = 1; d <= 16; d++) {
 *             kit_case("n,d", n, d);        (values are converted to size_t)
 *             ... calls and checks of this case ...
 *         }
 *     kit_grid_end();
 *
 * Between kit_grid_begin and kit_grid_end a failed check (any kit_expect_*,
 * kit_fail) does not end the test: it marks its case failed (the first
 * failing check of a case is that case's evidence; later ones are silent).
 * kit_grid_end fails the test when any case failed, with: how many cases
 * failed of how many, the smallest failing case (the smallest sum of its
 * values, then the smallest first value ...), whether one parameter alone
 * decides ("right for every d up to 6, wrong from d = 7 on", "right for
 * every even d, wrong for every odd d"), and that case's own messages.
 * Both builds run the grid (status checks are real in the subject too), so
 * kit_case and kit_grid_* go outside #ifdef KIT_JUDGE. A failure that ends a
 * test at once (KIT_TODO, a crash, an output read before it is written)
 * still does, naming the case it happened in. At most 4 values per case,
 * names comma-separated; grids do not nest.
 */
void kit_grid_begin(const char *what);
void kit_case_at(const char *names, const size_t *values, size_t n_values);
#define kit_case(names, ...) \
    kit_case_at(names, (const size_t[]){ __VA_ARGS__ }, \
                sizeof((const size_t[]){ __VA_ARGS__ }) / sizeof(size_t))
void kit_grid_end(void);

/* Judge only (kit_expect_table prints it): where the wrong cells of got
   (rows, cols) are, as facts: which rows and columns ("only the last
   column", "every odd j", "pos = 3 and every row after it"), how many still
   hold the never-written marker or are NaN, and a constant factor or offset
   or an error that grows along an axis when every wrong cell shows it.
   axes as for kit_expect_table. Prints nothing when every cell is right. */
void kit_table_where(const double *got, const double *want, size_t rows, size_t cols,
                     double tol, const char *axes);
#if !defined(KIT_JUDGE) && !defined(KIT_HARNESS)
#define kit_table_where(...) ((void)0)
#endif

/* Set the hint shown if the next call writes past the end of a buffer. */
void kit_overflow_hint(const char *id, const char *text);
/* 1 in the judge, 0 in the subject. */
int kit_is_judge(void);

#endif /* KIT_TEST_H */
