/*
 * kit_replay.c — the judge's side: answer every call of a test from the
 * subject's record, without running any student code. Anything in the record
 * that is not what the test expects (a missing return, a buffer of the wrong
 * size, a write past the end of a buffer, KIT_TODO) fails the test here,
 * with a message that says what happened.
 */
#define KIT_HARNESS 1 /* the harness itself: see kit_test.h */
#define _POSIX_C_SOURCE 200809L
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

int kit_side_complete(void)
{
    return log_at < log_len && log_bytes[log_at] == 'E';
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
    n_want = 0;
    kit_check_declared(fn);
}

static void arg(char type, uint64_t bits)
{
    if (n_want < 32) {
        want_types[n_want] = type;
        want_args[n_want] = bits;
    }
    n_want++;
}

void kit_arg_size(size_t v) { arg('z', (uint64_t)v); }
void kit_arg_int(int v) { arg('i', (uint64_t)(int64_t)v); }
void kit_arg_double(double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    arg('d', bits);
}
void kit_arg_ptr(const void *p) { arg('p', p != NULL); }

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
        kit_say("%s did not return: the process ended inside it.", fn_name);
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
    unsigned char present, want_present = 0;
    uint64_t nbytes, want_nbytes = 0;
    if (r != NULL) {
        want_nbytes = (uint64_t)(r->base + r->total - (unsigned char *)p);
        want_present = 1;
    } else if (p != NULL && count != SIZE_MAX && count <= KIT_MAX_RECORD_BYTES / elem_size) {
        want_nbytes = (uint64_t)(count * elem_size);
        want_present = 1;
    }
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

void kit_call_end(void)
{
    overflow_id = overflow_text = NULL;
    if (call_rc == KIT_TODO) {
        kit_say("%s is not written yet: it still returns KIT_TODO, as the stub does. "
                "Replace its TODO with your code.", fn_name);
        printf("KIT-TODO %s\n", fn_name);
        kit_fail_now();
    }
}

void kit_overflow_hint(const char *id, const char *text)
{
    overflow_id = id;
    overflow_text = text;
}
