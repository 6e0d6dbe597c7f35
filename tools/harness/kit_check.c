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
#include <string.h>

#include "kit_test.h"
#include "kit_judge.h"

const char *kit_current_test = "";
const char *kit_current_functions = "";

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

void kit_expect_near_at(const char *file, int line, const char *what, double got,
                        double want, double tol)
{
    if (fabs(got - want) <= tol)
        return;
    kit_say("%s: expected %.17g, got %.17g (|diff| = %.3g, tolerance %.1g).", what, want,
            got, fabs(got - want), tol);
    fail_at(file, line);
}

/* What the next table check compares (kit_table_pe / kit_table_omega). */
static struct {
    int kind;          /* 0 none, 1 PE table, 2 omega vector */
    size_t pos0, d;
    double base;
} table_ctx;

void kit_table_pe(size_t pos0, size_t d, double base)
{
    table_ctx.kind = 1;
    table_ctx.pos0 = pos0;
    table_ctx.d = d;
    table_ctx.base = base;
}

void kit_table_omega(size_t d, double base)
{
    table_ctx.kind = 2;
    table_ctx.pos0 = 0;
    table_ctx.d = d;
    table_ctx.base = base;
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
    char row_axis[16] = "", col_axis[16] = "";
    const char *comma = strchr(axes, ',');
    double worst;
    int ctx = table_ctx.kind;
    table_ctx.kind = 0;
    (void)ctx; /* (the shape diagnosis reads it) */
    for (k = 0; k < n; k++) {
        if (!(fabs(got[k] - want[k]) <= tol)) {
            if (n_wrong == 0)
                first = k;
            n_wrong++;
        }
    }
    if (n_wrong == 0)
        return;
    worst = max_diff(got, want, n);
    if (comma != NULL) {
        snprintf(row_axis, sizeof row_axis, "%.*s", (int)(comma - axes), axes);
        snprintf(col_axis, sizeof col_axis, "%s", comma + 1);
        kit_say("%s[%zu][%zu] (%s = %zu, %s = %zu): expected %.15g, got %.15g.", what,
                first / cols, first % cols, row_axis, first / cols, col_axis, first % cols,
                want[first], got[first]);
        kit_say("%zu of %zu values are wrong (a %zu x %zu table); max |diff| = %.3g, "
                "tolerance %.1g.", n_wrong, n, rows, cols, worst, tol);
    } else {
        kit_say("%s[%zu] (%s = %zu): expected %.15g, got %.15g.", what, first, axes, first,
                want[first], got[first]);
        kit_say("%zu of %zu values are wrong; max |diff| = %.3g, tolerance %.1g.", n_wrong, n,
                worst, tol);
    }
    for (k = 0; k < n_mistakes; k++) {
        if (mistakes[k].values != NULL && max_diff(got, mistakes[k].values, n) <= 1e-9) {
            kit_say("hint (%s): %s", mistakes[k].id, mistakes[k].hint);
            break;
        }
    }
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
