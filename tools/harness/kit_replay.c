/*
 * kit_replay.c — the judge's side: answer every call of a test from the
 * subject's record, without running any student code. Anything in the record
 * that is not what the test expects (a missing return, a buffer of the wrong
 * size, a write past the end of a buffer, KIT_TODO) fails the test here,
 * with a message that says what happened.
 */
#define KIT_HARNESS 1 /* the harness itself: see kit_test.h */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit_test.h"
#include "kit_proxy.h"
#include "kit_protocol.h"
#include "kit_judge.h"

static unsigned char *log_bytes; /* the whole record file */
static size_t log_len, log_at;

int kit_is_judge(void) { return 1; }

int kit_side_open(const char *log_path)
{
    FILE *f = fopen(log_path, "rb");
    size_t cap = 0;
    if (f == NULL)
        return -1;
    log_len = 0;
    for (;;) {
        size_t got;
        if (log_len == cap) {
            cap = cap ? 2 * cap : 65536;
            log_bytes = realloc(log_bytes, cap);
            if (log_bytes == NULL)
                abort();
        }
        got = fread(log_bytes + log_len, 1, cap - log_len, f);
        if (got == 0)
            break;
        log_len += got;
    }
    fclose(f);
    log_at = 0;
    return 0;
}

void kit_side_finish(void) {}

void kit_side_exit(void) {}

/* The end mark must be the record's last byte: anything written after it (an
   atexit handler of the student's, a forged end) makes the record incomplete. */
int kit_side_complete(void)
{
    return log_at + 1 == log_len && log_bytes[log_at] == 'E';
}

/* Read n bytes of the record; 0 when the record has ended. */
static int take(void *dst, size_t n)
{
    if (n > log_len - log_at)
        return 0;
    memcpy(dst, log_bytes + log_at, n);
    log_at += n;
    return 1;
}

/* The call being answered. */
static char fn_name[128];
static uint64_t want_args[32];
static char want_types[32];
static uint32_t n_want;
static int32_t call_rc;
static const char *overflow_id, *overflow_text;

static void desync(const char *what)
{
    kit_say("the record of %s does not match the test (%s): the subject process "
            "did not run this test as written.", fn_name, what);
    kit_fail_now();
}

void kit_call_begin(const char *fn)
{
    snprintf(fn_name, sizeof fn_name, "%s", fn);
    kit_note_call(fn);
    n_want = 0;
    kit_check_declared(fn);
}

/* One argument of the call (kit_arg_* in kit_buffers.c): what the record must hold. */
void kit_side_arg(char type, unsigned long long bits)
{
    if (n_want < 32) {
        want_types[n_want] = type;
        want_args[n_want] = bits;
    }
    n_want++;
}

void kit_call_enter(void)
{
    unsigned char tag;
    uint32_t len, n, k;
    char name[128];
    if (!take(&tag, 1)) {
        /* The subject never reached this call: it stopped earlier, after the
           previous call returned (only the test's own code ran since). */
        kit_say("the test process stopped before calling %s.", fn_name);
        printf("KIT-STOPPED-BEFORE %s\n", fn_name);
        kit_fail_now();
    }
    if (tag == 'E')
        desync("the record ends the test here");
    if (tag != 'C' || !take(&len, sizeof len) || len >= sizeof name || !take(name, len))
        desync("bad call record");
    name[len] = '\0';
    if (strcmp(name, fn_name) != 0)
        desync("another function was called");
    if (!take(&n, sizeof n) || n != n_want)
        desync("argument count");
    for (k = 0; k < n; k++) {
        char type;
        uint64_t bits;
        if (!take(&type, 1) || !take(&bits, sizeof bits))
            desync("truncated arguments");
        if (k < 32 && (type != want_types[k] || bits != want_args[k]))
            desync("argument values");
    }
}

int kit_call_return(int rc)
{
    unsigned char tag;
    uint32_t n;
    (void)rc;
    if (!take(&tag, 1)) {
        kit_say("%s did not return: the process ended inside it, in the call %s.", fn_name,
                kit_last_call());
        printf("KIT-ENDED-INSIDE %s\n", fn_name);
        kit_fail_now();
    }
    if (tag != 'R' || !take(&call_rc, sizeof call_rc) || !take(&n, sizeof n))
        desync("bad return record");
    return call_rc;
}

/* First byte of the guard zone after p's usable part that was changed, or
   (size_t)-1. */
static size_t guard_hit(const struct kit_region *r)
{
    size_t k;
    for (k = r->usable; k < r->total; k++)
        if (r->base[k] != KIT_SENTINEL_BYTE)
            return k;
    return (size_t)-1;
}

void kit_ret_buf(const char *param, const char *shape, void *p, size_t elem_size,
                 size_t count)
{
    const struct kit_region *r = p ? kit_region_of(p) : NULL;
    unsigned long long want_bytes;
    unsigned char present, want_present = (unsigned char)kit_recorded_bytes(p, elem_size, count, &want_bytes);
    uint64_t nbytes, want_nbytes = want_bytes;
    if (!take(&present, 1) || !take(&nbytes, sizeof nbytes) || present != want_present ||
        nbytes != want_nbytes)
        desync("output buffer size");
    if (present) {
        if (nbytes > log_len - log_at)
            desync("truncated output buffer");
        memcpy(p, log_bytes + log_at, (size_t)nbytes);
        log_at += (size_t)nbytes;
    }
    if (r != NULL && call_rc != KIT_TODO) {
        size_t hit = guard_hit(r);
        if (hit != (size_t)-1) {
            size_t start = (size_t)((unsigned char *)p - r->base);
            size_t n_elems = (r->usable - start) / elem_size;
            size_t index = (hit - start) / elem_size;
            kit_say("%s wrote past the end of %s: %s has %zu elements (shape %s), "
                    "but %s[%zu] was changed.", fn_name, param, param, n_elems, shape,
                    param, index);
            if (overflow_id != NULL)
                kit_hint(overflow_id, "%s", overflow_text);
            kit_fail_now();
        }
    }
}

/* One element of a finding, as text. */
static void elem_text(char *buf, size_t size, unsigned char type, uint64_t bits)
{
    double v;
    if (type == 'd') {
        memcpy(&v, &bits, sizeof v);
        if (v != v)
            snprintf(buf, size, "NaN");
        else
            snprintf(buf, size, "%.15g", v);
    } else if (type == 'i') {
        snprintf(buf, size, "%lld", (long long)(int64_t)bits);
    } else {
        snprintf(buf, size, "%llu", (unsigned long long)bits);
    }
}

/* "P[1][3]" for element index of a (dims) array. */
static void index_text(char *buf, size_t size, const char *name, uint64_t ndims,
                       const uint64_t *dims, uint64_t index)
{
    size_t len = (size_t)snprintf(buf, size, "%s", name);
    uint64_t coord[4], rest = index;
    int k;
    if (ndims == 1 && dims[0] == 1) { /* a scalar output */
        snprintf(buf, size, "*%s", name);
        return;
    }
    if (ndims == 0 || ndims > 4) {
        snprintf(buf + len, size - len, "[%llu]", (unsigned long long)index);
        return;
    }
    for (k = (int)ndims - 1; k >= 0; k--) {
        coord[k] = dims[k] ? rest % dims[k] : 0;
        rest = dims[k] ? rest / dims[k] : 0;
    }
    for (k = 0; k < (int)ndims && len < size; k++)
        len += (size_t)snprintf(buf + len, size - len, "[%llu]", (unsigned long long)coord[k]);
}

/* The record's 'F' part (kit_record.c): outputs whose result depends on what
   they held before the call. Fails the test with the evidence. */
static void judge_findings(void)
{
    unsigned char tag;
    uint32_t n, k;
    int failed = 0;
    if (!take(&tag, 1) || tag != KIT_REC_FILLS || !take(&n, sizeof n))
        desync("bad fill record");
    for (k = 0; k < n; k++) {
        unsigned char kind, type;
        uint32_t len;
        char name[64] = "", shape[128] = "", where[160], a[40], b[40], z[40];
        uint64_t ndims, dims[4], count, index, n_diff, v_test, v_fill, v_zero, v_fill2;
        int32_t rc3[3];
        int j;
        if (!take(&kind, 1) || !take(&len, sizeof len) || len >= sizeof name ||
            !take(name, len))
            desync("bad fill record");
        name[len] = '\0';
        if (!take(&len, sizeof len) || len >= sizeof shape || !take(shape, len))
            desync("bad fill record");
        shape[len] = '\0';
        if (!take(&type, 1) || !take(&ndims, sizeof ndims))
            desync("bad fill record");
        for (j = 0; j < 4; j++)
            if (!take(&dims[j], sizeof dims[j]))
                desync("bad fill record");
        if (!take(&count, 8) || !take(&index, 8) || !take(&n_diff, 8) || !take(&v_test, 8) ||
            !take(&v_fill, 8) || !take(&v_zero, 8) || !take(&v_fill2, 8) ||
            !take(rc3, sizeof rc3))
            desync("bad fill record");
        failed = 1;
        index_text(where, sizeof where, name, ndims, dims, index);
        if (kind == 3) {
            kit_say("%s returned %s with its outputs pre-filled with 0.37, %s with them "
                    "pre-filled with 0, and %s with them as the test handed them (the kit's "
                    "never-written marker): a function's status must not depend on what its "
                    "outputs held before the call -- it reads an output before writing it. "
                    "The call: %s.", fn_name, kit_status_name(rc3[0]), kit_status_name(rc3[1]),
                    kit_status_name(rc3[2]), kit_last_call());
            continue;
        }
        if (kind == 4) {
            kit_say("%s writes into its input %s, which the contract makes const (read only): "
                    "element %llu of %s %s was changed (%llu of its %llu elements): a caller's "
                    "data would be destroyed. Compute in the output or in a local array "
                    "instead. The call: %s.", fn_name, name, (unsigned long long)index, name, shape,
                    (unsigned long long)n_diff, (unsigned long long)count, kit_last_call());
            continue;
        }
        if (kind == 2) {
            elem_text(a, sizeof a, type, v_fill);
            elem_text(b, sizeof b, type, v_fill2);
            kit_say("%s is not repeatable: run twice on the same inputs, with %s pre-filled "
                    "the same way, it gave %s = %s, then %s. Its result depends on something "
                    "besides its arguments: a static variable kept between calls, or memory "
                    "read before it was written (an uninitialised local or malloc'd array). "
                    "The call: %s.", fn_name, name, where, a, b, kit_last_call());
            continue;
        }
        elem_text(a, sizeof a, type, v_zero);
        elem_text(b, sizeof b, type, v_fill);
        elem_text(z, sizeof z, type, v_test);
        /* every output is pre-filled at once: what differs in name may come from
           reading another output, so the evidence speaks of the outputs */
        kit_say("%s reads an output before writing it: with the outputs pre-filled with 0, "
                "%s = %s; pre-filled with %s, %s = %s.",
                fn_name, where, a, type == 'd' ? "0.37" : "37", where, b);
        if (count > 1)
            kit_say("%llu of the %llu elements of %s %s depend on what the outputs held "
                    "before the call.", (unsigned long long)n_diff, (unsigned long long)count,
                    name, shape);
        if (type == 'd') {
            double dz, df;
            memcpy(&dz, &v_zero, sizeof dz);
            memcpy(&df, &v_fill, sizeof df);
            if (df == 0.37 && dz != 0.37)
                kit_say("With the fill, %s kept the old value 0.37: the old content won a "
                        "comparison (a running max or min started from the output instead of "
                        "from the first value or -INFINITY), or a cell is written only "
                        "under a condition.", where);
            else if (fabs((df - dz) - 0.37) <= 1e-12 * (1.0 + fabs(df)))
                kit_say("The difference is exactly the fill, 0.37: the old value was added "
                        "to (+= into a buffer the contract says is overwritten, never set "
                        "to 0 first).");
            else if (dz == 0.0 && df != 0.0)
                /* 0 -> 0 fits both a sum and a product started from the output: name both */
                kit_say("With 0 the result is 0, with 0.37 it is %.6g (%.6g times the fill): "
                        "the old value enters the result -- a sum (+=) or a product (*=) "
                        "started from the output instead of from 0 or 1.", df, df / 0.37);
            else if (df == dz) {
                double dt;
                memcpy(&dt, &v_test, sizeof dt);
                kit_say("With 0 and with 0.37 the result is the same; with the outputs as "
                        "the test handed them (the kit's never-written marker, a NaN) it is "
                        "%s: the marker was read and reached %s.", isnan(dt) ? "NaN" : z, name);
            } else if (isfinite(df) && isfinite(dz)) {
                double r = (df - dz) / 0.37, q = r >= 1.0 ? r : 1.0 / r;
                if (r > 0.0 && fabs(q - floor(q + 0.5)) <= 1e-9 * q)
                    kit_say("The difference is %.6g = the fill 0.37 %s %.0f: the old value "
                            "enters the result scaled (e.g. a sum or a mean started from the "
                            "output).", df - dz, r >= 1.0 ? "times" : "divided by",
                            floor(q + 0.5));
                else
                    kit_say("The difference is %.6g.", df - dz);
            }
        }
        kit_say("The contract says %s is overwritten: set every element without reading its "
                "old value (start sums at 0, a max at the first value). The call: %s.", name,
                kit_last_call());
    }
    if (failed) {
        printf("KIT-READS-OUTPUT %s\n", fn_name);
        kit_fail_now();
    }
}

void kit_call_end(void)
{
    overflow_id = overflow_text = NULL;
    if (call_rc == KIT_TODO) {
        kit_say("%s is not written yet: it still returns KIT_TODO, as the stub does. "
                "Replace its TODO with your code.", fn_name);
        printf("KIT-TODO %s\n", fn_name);
        kit_fail_now();
    }
    judge_findings();
}

void kit_overflow_hint(const char *id, const char *text)
{
    overflow_id = id;
    overflow_text = text;
}
