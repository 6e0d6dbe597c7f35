/*
 * kit_check.c — checks that explain a failure: which element, expected what,
 * got what, by how much, and which known mistake the output matches.
 * Messages are printed only in the judge; in the subject a failed check just
 * ends the test, exactly where the judge will fail it.
 */
#define KIT_HARNESS 1 /* the harness itself: see kit_test.h */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit_test.h"
#include "kit_judge.h"
#include "kit_diagnose.h"

const char *kit_current_test = "";
const char *kit_current_functions = "";
const char *kit_current_section = ""; /* the running test's "§N.M" (kit_main.c) */

static void vsay(const char *fmt, va_list ap)
{
    if (!kit_is_judge())
        return;
    fputs("KIT| ", stdout);
    vprintf(fmt, ap);
    fputc('\n', stdout);
    fflush(stdout);
}

void kit_say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsay(fmt, ap);
    va_end(ap);
}

void kit_fail_now(void) { _fail("", 0); }

static void fail_at(const char *file, int line) { _fail(file, line); }

void kit_hint(const char *id, const char *fmt, ...)
{
    va_list ap;
    if (!kit_is_judge())
        return;
    printf("KIT| hint (%s): ", id);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    fputc('\n', stdout);
    fflush(stdout);
}

void kit_check_declared(const char *fn)
{
    const char *p = kit_current_functions;
    size_t len = strlen(fn);
    while ((p = strstr(p, fn)) != NULL) {
        int starts = p == kit_current_functions || p[-1] == ',' || p[-1] == ' ';
        int ends = p[len] == '\0' || p[len] == ',';
        if (starts && ends)
            return;
        p += len;
    }
    kit_say("kit bug: test %s calls %s but its table entry lists only \"%s\".",
            kit_current_test, fn, kit_current_functions);
    kit_fail_now();
}

static const char *status_name(int s)
{
    switch (s) {
    case KIT_OK: return "KIT_OK";
    case KIT_ERR_NULL: return "KIT_ERR_NULL";
    case KIT_ERR_SIZE: return "KIT_ERR_SIZE";
    case KIT_ERR_DOMAIN: return "KIT_ERR_DOMAIN";
    case KIT_TODO: return "KIT_TODO";
    default: return "an unknown status";
    }
}

void kit_expect_status_at(const char *file, int line, const char *fn, int got, int want)
{
    if (got == want)
        return;
    kit_say("%s returned %s (%d), expected %s (%d).", fn, status_name(got), got,
            status_name(want), want);
    fail_at(file, line);
}

void kit_expect_size_at(const char *file, int line, const char *what, size_t got, size_t want)
{
    if (got == want)
        return;
    kit_say("%s: expected %zu, got %zu.", what, want, got);
    fail_at(file, line);
}

/* Cells that still hold the buffer's fill (KIT_SENTINEL_BYTE in all 8 bytes). */
static int never_written(const double *x)
{
    unsigned char fill[sizeof(double)];
    memset(fill, KIT_SENTINEL_BYTE, sizeof fill);
    return memcmp(x, fill, sizeof fill) == 0;
}

int kit_never_written(const double *x) { return never_written(x); }

void kit_expect_near_at(const char *file, int line, const char *what, double got,
                        double want, double tol)
{
    /* got still holding the buffer's fill was never written: wrong whatever
       the tolerance (the fill reads as -2.5e-127), as in kit_expect_table. */
    int unwritten = never_written(&got) && !never_written(&want);
    if (fabs(got - want) <= tol && !unwritten)
        return;
    kit_say("%s: expected %.17g, got %.17g (|diff| = %.3g, tolerance %.1g).", what, want,
            got, fabs(got - want), tol);
    if (unwritten)
        kit_say("hint (shape-unwritten): the value still holds the buffer's initial fill "
                "(%.3g, bytes 0x%02X) -- it was never written: a loop stops early, starts "
                "late or skips it%s%s%s", got, KIT_SENTINEL_BYTE,
                kit_current_section[0] ? " (see " : "", kit_current_section,
                kit_current_section[0] ? ")" : "");
    fail_at(file, line);
}

/* Max |a - b| over n values; NaN anywhere gives INFINITY. */
static double max_diff(const double *a, const double *b, size_t n)
{
    double m = 0.0;
    size_t k;
    for (k = 0; k < n; k++) {
        double e = fabs(a[k] - b[k]);
        if (!(e <= m))
            m = isnan(e) ? INFINITY : e;
    }
    return m;
}


void kit_expect_table_at(const char *file, int line, const char *what, const char *axes,
                         const double *got, const double *want, size_t rows, size_t cols,
                         double tol, const struct kit_mistake *mistakes, size_t n_mistakes)
{
    size_t n = rows * cols, k, first = 0, n_wrong = 0;
    char row_axis[16] = "", col_axis[16] = "", msg[768], see[40] = "";
    const char *comma = strchr(axes, ','), *id;
    const char *fill;
    double worst;
    for (k = 0; k < n; k++) {
        /* A cell that still holds the buffer's fill was never written: wrong
           whatever the tolerance (the fill reads as -2.5e-127, "0" to any
           tolerance), unless the expected value is that very pattern. */
        if (!(fabs(got[k] - want[k]) <= tol) ||
            (never_written(&got[k]) && !never_written(&want[k]))) {
            if (n_wrong == 0)
                first = k;
            n_wrong++;
        }
    }
    if (n_wrong == 0) {
        kit_table_reset();
        return;
    }
    worst = max_diff(got, want, n);
    fill = never_written(&got[first]) ? " (the buffer's initial fill: never written)" : "";
    if (comma != NULL) {
        snprintf(row_axis, sizeof row_axis, "%.*s", (int)(comma - axes), axes);
        snprintf(col_axis, sizeof col_axis, "%s", comma + 1);
        kit_say("%s[%zu][%zu] (%s = %zu, %s = %zu): expected %.15g, got %.15g%s.", what,
                first / cols, first % cols, row_axis, first / cols, col_axis, first % cols,
                want[first], got[first], fill);
        kit_say("%zu of %zu values are wrong (a %zu x %zu table); max |diff| = %.3g, "
                "tolerance %.1g.", n_wrong, n, rows, cols, worst, tol);
    } else {
        kit_say("%s[%zu] (%s = %zu): expected %.15g, got %.15g%s.", what, first, axes, first,
                want[first], got[first], fill);
        kit_say("%zu of %zu values are wrong; max |diff| = %.3g, tolerance %.1g.", n_wrong, n,
                worst, tol);
    }
    for (k = 0; k < n_mistakes; k++) {
        /* the model reproduces every value, and explains the difference: it is
           much closer to got than the expected table is (a model equal to the
           expected table here, as a conjugate's real parts, explains nothing) */
        double off = mistakes[k].values != NULL ? max_diff(got, mistakes[k].values, n) : INFINITY;
        if (off <= 1e-9 && 10.0 * off < worst) {
            kit_say("hint (%s): %s", mistakes[k].id, mistakes[k].hint);
            break;
        }
    }
    if (k == n_mistakes) { /* no known mistake of this test: the shape of the numbers */
        if (kit_current_section[0] != '\0')
            snprintf(see, sizeof see, " (see %s)", kit_current_section);
        id = kit_diagnose(got, want, rows, cols, tol, msg, sizeof msg);
        if (id != NULL)
            kit_say("hint (shape-%s): %s%s", id, msg, see);
        else
            kit_say("no known shape (layout, sign, scale, frequency or precision) fits these "
                    "numbers%s.", see);
    }
    kit_table_reset();
    fail_at(file, line);
}

void kit_expect_untouched_at(const char *file, int line, const char *what, const void *buf)
{
    if (kit_untouched(buf))
        return;
    kit_say("%s was written to, but on an error a function must write nothing.", what);
    fail_at(file, line);
}

void kit_expect_true_at(const char *file, int line, int cond, const char *fmt, ...)
{
    va_list ap;
    if (cond)
        return;
    va_start(ap, fmt);
    vsay(fmt, ap);
    va_end(ap);
    fail_at(file, line);
}
