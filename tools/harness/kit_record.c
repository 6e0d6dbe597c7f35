/*
 * kit_record.c — the subject's side: run the student's functions and record,
 * for every call, its arguments, its return value and its output buffers.
 * Records are written with write(2) as soon as they are complete, so a crash
 * or an exit() inside a student function leaves a record that says where.
 */
#define KIT_HARNESS 1 /* the harness itself: see kit_test.h */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kit_test.h"
#include "kit_proxy.h"
#include "kit_protocol.h"

static int log_fd = -1;

/* A growable byte buffer for one record. */
static unsigned char *rec;
static size_t rec_len, rec_cap;

static void put(const void *p, size_t n)
{
    if (rec_len + n > rec_cap) {
        size_t cap = rec_cap ? rec_cap : 256;
        while (cap < rec_len + n)
            cap *= 2;
        rec = realloc(rec, cap);
        if (rec == NULL) {
            fprintf(stderr, "kit: out of memory while recording\n");
            abort();
        }
        rec_cap = cap;
    }
    memcpy(rec + rec_len, p, n);
    rec_len += n;
}

static void flush_record(void)
{
    size_t done = 0;
    while (done < rec_len) {
        ssize_t w = write(log_fd, rec + done, rec_len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            fprintf(stderr, "kit: cannot write the record\n");
            abort();
        }
        done += (size_t)w;
    }
    rec_len = 0;
}

int kit_is_judge(void) { return 0; }

/* log_path: a file, or "fd:N", the write-only end of a socket the grader reads
   (instructor grading: nothing of the test can reopen it, read it back or rewrite
   what it already recorded, as it could a file or a pipe through /proc). */
int kit_side_open(const char *log_path)
{
    if (strncmp(log_path, "fd:", 3) == 0) {
        char *end;
        long fd = strtol(log_path + 3, &end, 10);
        log_fd = (*end == '\0' && fd >= 3 && fd < 1024) ? (int)fd : -1;
        return log_fd < 0 ? -1 : 0;
    }
    log_fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    return log_fd < 0 ? -1 : 0;
}

void kit_side_finish(void)
{
    unsigned char e = 'E';
    put(&e, 1);
    flush_record();
    close(log_fd);
    log_fd = -1;
}

int kit_side_complete(void) { return 1; }

/* kit_nofork.c sets it in a test forked by the fork server when LeakSanitizer is off
   (grading, the self-test's mutants; make check keeps its leak scan at exit). */
int kit_forked_test;
/* Defined (1) by kit_quick_end.o, which build.py links only when the student's object
   references nothing that can run code or hold data at exit (atexit, a FILE of its own,
   a thread, a signal handler, ...): then exit() would do no more than _exit() for the
   verdict, and costs a forked sanitized process about a millisecond (exit handlers, the
   libraries' destructors, their copy-on-write faults). Weak: absent, it reads as 0. */
extern const int kit_quick_end __attribute__((weak));

void kit_side_exit(void)
{
    if (kit_forked_test && &kit_quick_end != NULL && kit_quick_end == 1)
        _exit(0);
}

static uint32_t n_args;
static size_t n_args_at;

static void passes_reset(void);

/* kit_main.c: where a test that stops early (above) returns to in a batch of tests
   (kit_nofork.c), NULL when the process runs one test. */
extern jmp_buf *kit_stop_to;

void kit_call_begin(const char *fn)
{
    unsigned char c = 'C';
    kit_note_call(fn);
    passes_reset();
    uint32_t len = (uint32_t)strlen(fn);
    rec_len = 0;
    put(&c, 1);
    put(&len, sizeof len);
    put(fn, len);
    n_args = 0;
    n_args_at = rec_len;
    put(&n_args, sizeof n_args);
}

/* One argument of the call (kit_arg_* in kit_buffers.c): appended to the call record. */
void kit_side_arg(char type, unsigned long long value)
{
    uint64_t bits = value;
    put(&type, 1);
    put(&bits, sizeof bits);
    n_args++;
    memcpy(rec + n_args_at, &n_args, sizeof n_args);
}

void kit_call_enter(void) { flush_record(); }

static uint32_t n_bufs;
static size_t n_bufs_at;
static int last_rc;

int kit_call_return(int rc)
{
    last_rc = rc;
    unsigned char r = 'R';
    int32_t rc32 = rc;
    rec_len = 0;
    put(&r, 1);
    put(&rc32, sizeof rc32);
    n_bufs = 0;
    n_bufs_at = rec_len;
    put(&n_bufs, sizeof n_bufs);
    return rc;
}

void kit_ret_buf(const char *param, const char *shape, void *p, size_t elem_size,
                 size_t count)
{
    unsigned long long bytes;
    unsigned char present = (unsigned char)kit_recorded_bytes(p, elem_size, count, &bytes);
    uint64_t nbytes = bytes;
    (void)param;
    (void)shape;
    put(&present, 1);
    put(&nbytes, sizeof nbytes);
    if (present)
        put(p, (size_t)nbytes);
    n_bufs++;
    memcpy(rec + n_bufs_at, &n_bufs, sizeof n_bufs);
}

/* The judge fails a test at the first KIT_TODO it replays, so the subject
   stops there too: it has no value checks of its own (kit_test.h), and a
   stub's sentinel-filled outputs must not drive the rest of the test. The
   same after a call whose outputs depend on their previous content. */
static void put_findings(void);
static int n_findings;
static void free_copies(void);

void kit_call_end(void)
{
    put_findings();
    flush_record();
    free_copies();
    if (last_rc == KIT_TODO || n_findings > 0) {
        kit_side_finish();
        if (kit_stop_to != NULL) /* a batch (kit_main.c): on to the next test */
            longjmp(*kit_stop_to, 1);
        _exit(0);
    }
}

/* Hints are for the judge; the subject stays quiet. */
void kit_overflow_hint(const char *id, const char *text)
{
    (void)id;
    (void)text;
}

/* ---- running the student's function: three fills (kit_proxy.h) ---------- */

#define KIT_MAX_OUTS 8
#define KIT_MAX_COPIES 16
/* Outputs above 4 MiB get one run (time: a 4096 x 512 table would be saved,
   filled and compared three times); every function also has small tests. */
#define KIT_SNAP_LIMIT ((size_t)1 << 22)
#define KIT_FILL_DOUBLE 0.37
#define KIT_FILL_INT 37

struct out {
    const char *name, *shape;
    unsigned char *p;          /* the output                                */
    size_t elem_size;
    char type;                 /* 'd', 'i', 'z', 'b'                       */
    int inout;                 /* read by the function: restored, not filled */
    int ndims;
    size_t dims[4];
    size_t count;              /* elements from p that are compared/filled   */
    unsigned char *snap_base;  /* what is saved and restored                */
    size_t snap_len;
    unsigned char *orig;       /* the test's content (snap_len bytes)       */
    unsigned char *res0;       /* after the run with the plausible fill     */
    unsigned char *resz;       /* after the run with zeros                  */
    unsigned char *res1;       /* after the run with the test's content     */
};

static struct out outs[KIT_MAX_OUTS];
static int n_outs, one_run, pass;
static int rcs[4];
static void *copies[KIT_MAX_COPIES];
static size_t copy_bytes[KIT_MAX_COPIES], copy_elem[KIT_MAX_COPIES];
static const char *copy_name[KIT_MAX_COPIES], *copy_shape[KIT_MAX_COPIES];
static const void *copy_src[KIT_MAX_COPIES];
static unsigned char copy_written[KIT_MAX_COPIES];
static int n_copies;

/* What the judge is told (the record's 'F' part). */
struct finding {
    unsigned char kind;        /* 1 depends on the fill, 2 not repeatable, 3 status,
                                  4 wrote into a const input                */
    int out;                   /* index into outs (kinds 1 and 2)           */
    int input;                 /* index into the copies (kind 4)            */
    size_t index, n_diff;
    uint64_t v_test, v_fill, v_zero, v_fill2; /* the element in runs 1, 0, 2, 3 */
};
static struct finding findings[KIT_MAX_OUTS + 1 + KIT_MAX_COPIES];

static void passes_reset(void)
{
    int k;
    for (k = 0; k < n_outs; k++) {
        free(outs[k].orig);
        free(outs[k].res0);
        free(outs[k].resz);
        free(outs[k].res1);
    }
    memset(outs, 0, sizeof outs);
    n_outs = 0;
    one_run = 0;
    pass = 0;
    n_findings = 0;
}

static void free_copies(void)
{
    int k;
    for (k = 0; k < n_copies; k++)
        free(copies[k]);
    n_copies = 0;
}

static void *xmalloc(size_t n)
{
    void *q = malloc(n ? n : 1);
    if (q == NULL) {
        fprintf(stderr, "kit: out of memory\n");
        abort();
    }
    return q;
}

void kit_out_buf(const char *param, const char *shape, void *p, size_t elem_size, char type,
                 int inout, int ndims, const size_t *dims)
{
    struct out *o;
    const struct kit_region *r;
    size_t count = 1, bytes;
    int k;
    if (p == NULL)
        return;
    if (n_outs == KIT_MAX_OUTS) {
        one_run = 1;
        return;
    }
    o = &outs[n_outs++];
    o->name = param;
    o->shape = shape;
    o->p = p;
    o->elem_size = elem_size;
    o->type = type;
    o->inout = inout;
    o->ndims = ndims > 4 ? 4 : ndims;
    for (k = 0; k < ndims; k++) {
        if (k < 4)
            o->dims[k] = dims[k];
        if (dims[k] != 0 && count > SIZE_MAX / dims[k])
            count = SIZE_MAX;
        else if (count != SIZE_MAX)
            count *= dims[k];
    }
    r = kit_region_of(p);
    if (r != NULL) {
        /* a kit buffer: save it whole (the guard zone too), compare only the
           part the shape covers within what the test allocated */
        size_t start = (size_t)(o->p - r->base);
        size_t avail = start < r->usable ? (r->usable - start) / elem_size : 0;
        o->count = count < avail ? count : avail;
        o->snap_base = r->base;
        o->snap_len = r->total;
    } else {
        /* the test's own variable or array: exactly the shape */
        if (count == SIZE_MAX || count > KIT_SNAP_LIMIT / elem_size) {
            one_run = 1;
            o->count = 0;
            return;
        }
        o->count = count;
        o->snap_base = o->p;
        o->snap_len = count * elem_size;
    }
    bytes = o->snap_len;
    if (bytes > KIT_SNAP_LIMIT)
        one_run = 1;
}

/* The output that p (an input) overlaps, or NULL. */
static struct out *aliased(const unsigned char *p, size_t bytes)
{
    int k;
    for (k = 0; k < n_outs; k++) {
        const unsigned char *a = outs[k].p, *b = outs[k].p + outs[k].count * outs[k].elem_size;
        if (p < b && (p + bytes > a || p == a))
            return &outs[k];
    }
    return NULL;
}

const void *kit_in_buf(const char *param, const char *shape, const void *p, size_t elem_size,
                       size_t count)
{
    const struct kit_region *r;
    struct out *o;
    size_t bytes;
    void *q;
    if (p == NULL || count == SIZE_MAX || count > KIT_MAX_RECORD_BYTES / elem_size)
        return p;
    bytes = count * elem_size;
    o = aliased(p, bytes);
    if (o != NULL) { /* in place: the output is an input too */
        o->inout = 1;
        return p;
    }
    r = kit_region_of(p);
    if (r != NULL) { /* never copy past what the test allocated */
        size_t start = (size_t)((const unsigned char *)p - r->base);
        size_t avail = start < r->usable ? r->usable - start : 0;
        if (bytes > avail)
            bytes = avail;
    }
    if (n_copies == KIT_MAX_COPIES)
        return p;
    q = malloc(bytes);
    if (q == NULL)
        return p; /* malloc(0) may be NULL without the sanitizers */
    if (bytes > 0)
        memcpy(q, p, bytes);
    copy_bytes[n_copies] = bytes;
    copy_elem[n_copies] = elem_size;
    copy_name[n_copies] = param;
    copy_shape[n_copies] = shape;
    copy_src[n_copies] = p;
    copy_written[n_copies] = 0;
    copies[n_copies++] = q;
    return q;
}

const char *kit_in_string(const char *param, const char *p)
{
    size_t bytes;
    char *q;
    if (p == NULL || n_copies == KIT_MAX_COPIES)
        return p;
    bytes = strlen(p) + 1;
    q = xmalloc(bytes);
    memcpy(q, p, bytes);
    copy_bytes[n_copies] = bytes;
    copy_elem[n_copies] = 1;
    copy_name[n_copies] = param;
    copy_shape[n_copies] = "(a string)";
    copy_src[n_copies] = p;
    copy_written[n_copies] = 0;
    copies[n_copies++] = q;
    return q;
}

/* AddressSanitizer calls __asan_on_error when it finds an error, before its
   report: when the address is just past (or before) one of the inputs'
   copies, say which input and where, for the test's message (run.py shows
   "KIT-SAN| " lines). Weak: without the sanitizers nothing calls it. */
void *__asan_get_report_address(void) __attribute__((weak));
void __asan_on_error(void);
void __asan_on_error(void)
{
    const unsigned char *a;
    int k;
    /* Nothing here may take a sanitizer lock (__asan_locate_address does:
       a crash's report then never ends). Only an address within 16 bytes of
       a copy's ends is blamed on it: ASan keeps at least 16 bytes of redzone
       around every allocation, so no other allocation lies there. */
    if (__asan_get_report_address == NULL)
        return;
    a = __asan_get_report_address();
    for (k = 0; k < n_copies; k++) {
        const unsigned char *b = copies[k];
        size_t n = copy_bytes[k], e = copy_elem[k];
        char line[256];
        int len;
        if (a >= b + n && a < b + n + 16)
            len = snprintf(line, sizeof line, "KIT-SAN| %s read past the end of its input %s: "
                           "%s %s has %zu elements here, and element %zu was read.\n",
                           kit_last_call_name(), copy_name[k], copy_name[k], copy_shape[k],
                           n / e, (size_t)(a - b) / e);
        else if (a < b && a + 16 >= b)
            len = snprintf(line, sizeof line, "KIT-SAN| %s read before the start of its input "
                           "%s %s: a negative index (%zu bytes before element 0).\n",
                           kit_last_call_name(), copy_name[k], copy_shape[k], (size_t)(b - a));
        else
            continue;
        if (len > 0)
            (void)!write(2, line, (size_t)len < sizeof line ? (size_t)len : sizeof line - 1);
        return;
    }
}

static void fill(struct out *o, int zero)
{
    size_t k;
    for (k = 0; k < o->count; k++) {
        unsigned char *e = o->p + k * o->elem_size;
        if (o->type == 'd') {
            double v = zero ? 0.0 : KIT_FILL_DOUBLE;
            memcpy(e, &v, sizeof v);
        } else if (o->type == 'i') {
            int v = zero ? 0 : KIT_FILL_INT;
            memcpy(e, &v, sizeof v);
        } else if (o->type == 'z') {
            size_t v = zero ? 0 : KIT_FILL_INT;
            memcpy(e, &v, sizeof v);
        }
    }
}

/* Restore every output to the test's content, then fill the pure outputs
   (fill: 0 none, 1 plausible, 2 zeros). */
static void prepare(int how)
{
    int k;
    for (k = 0; k < n_outs; k++) {
        struct out *o = &outs[k];
        memcpy(o->snap_base, o->orig, o->snap_len);
        if (how && !o->inout)
            fill(o, how == 2);
    }
}

static unsigned char *save(const struct out *o)
{
    unsigned char *q = xmalloc(o->snap_len);
    memcpy(q, o->snap_base, o->snap_len);
    return q;
}

static double run_start;

static double cpu_seconds(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
        return 0.0;
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Leave every output as the run with the test's own content left it. */
static void restore_test_run(void)
{
    int k;
    for (k = 0; k < n_outs; k++)
        memcpy(outs[k].snap_base, outs[k].res1, outs[k].snap_len);
}

void kit_passes_begin(void)
{
    int k, fillable = 0;
    pass = 0;
    for (k = 0; k < n_outs; k++)
        if (!outs[k].inout && outs[k].type != 'b' && outs[k].count > 0)
            fillable = 1;
    if (!fillable)
        one_run = 1;
    if (one_run)
        return;
    for (k = 0; k < n_outs; k++)
        outs[k].orig = save(&outs[k]);
    run_start = cpu_seconds();
}

static const unsigned char *elem_at(const struct out *o, const unsigned char *snap, size_t k);

static uint64_t elem_bits(const struct out *o, const unsigned char *snap, size_t index)
{
    uint64_t bits = 0;
    const unsigned char *e = elem_at(o, snap, index);
    if (o->type == 'i') {
        int v;
        memcpy(&v, e, sizeof v);
        bits = (uint64_t)(int64_t)v;
    } else if (o->elem_size <= sizeof bits) {
        memcpy(&bits, e, o->elem_size);
    }
    return bits;
}

/* Element k of output o in snapshot snap. */
static const unsigned char *elem_at(const struct out *o, const unsigned char *snap, size_t k)
{
    return snap + (size_t)(o->p - o->snap_base) + k * o->elem_size;
}

/* The same value: the same bytes, or two NaNs (a computed NaN's payload
   depends on the operands: no evidence either way). */
static int same(const struct out *o, const unsigned char *a, const unsigned char *b)
{
    double da, db;
    if (memcmp(a, b, o->elem_size) == 0)
        return 1;
    if (o->type != 'd')
        return 0;
    memcpy(&da, a, sizeof da);
    memcpy(&db, b, sizeof db);
    return da != da && db != db;
}

/* Is e the plausible (zero == 0) or the zero (zero == 1) fill of o? */
static int is_fill(const struct out *o, const unsigned char *e, int zero)
{
    unsigned char want[8];
    struct out tmp = *o;
    if (o->elem_size > sizeof want)
        return 0;
    tmp.p = want;
    tmp.count = 1;
    fill(&tmp, zero);
    return memcmp(e, want, o->elem_size) == 0;
}

/* Elements of output o whose result depends on the fill: runs A (plausible
   fill), Z (zeros) and T (the test's content) must give the same value, or
   leave each its own fill (a cell not written at all). The first in *first. */
static size_t depends(const struct out *o, const unsigned char *A, const unsigned char *Z,
                      const unsigned char *T, size_t *first)
{
    size_t k, n = 0;
    for (k = 0; k < o->count; k++) {
        const unsigned char *a = elem_at(o, A, k), *z = elem_at(o, Z, k), *t = elem_at(o, T, k);
        if (same(o, a, z) && same(o, z, t))
            continue;
        if (!o->inout && is_fill(o, a, 0) && is_fill(o, z, 1) &&
            memcmp(t, elem_at(o, o->orig, k), o->elem_size) == 0)
            continue; /* never written in any run */
        if (n == 0)
            *first = k;
        n++;
    }
    return n;
}

/* Elements that differ between two runs with the same fill. */
static size_t unrepeatable(const struct out *o, const unsigned char *a, const unsigned char *b,
                           size_t *first)
{
    size_t k, n = 0;
    for (k = 0; k < o->count; k++)
        if (!same(o, elem_at(o, a, k), elem_at(o, b, k))) {
            if (n == 0)
                *first = k;
            n++;
        }
    return n;
}

/* After the first run: did the function write into one of its const inputs
   (its copy)? Then the judge is told, and there is no other run. */
static void inputs_written(void)
{
    int k;
    for (k = 0; k < n_copies; k++) {
        const unsigned char *a = copies[k], *b = copy_src[k];
        size_t j, e = copy_elem[k];
        if (copy_bytes[k] == 0 || memcmp(a, b, copy_bytes[k]) == 0)
            continue;
        if (!copy_written[k]) {
            struct finding *f = &findings[n_findings++];
            memset(f, 0, sizeof *f);
            f->kind = 4;
            f->out = -1;
            f->input = k;
            for (j = 0; j < copy_bytes[k] && a[j] == b[j]; j++)
                ;
            f->index = j / e;
            for (f->n_diff = 0, j = 0; j + e <= copy_bytes[k]; j += e)
                f->n_diff += memcmp(a + j, b + j, e) != 0;
            if (e <= sizeof f->v_test) {
                memcpy(&f->v_test, b + f->index * e, e);
                memcpy(&f->v_fill, a + f->index * e, e);
            }
            copy_written[k] = 1;
        }
        memcpy(copies[k], copy_src[k], copy_bytes[k]);
    }
}

/* 1 when a pure output still holds the never-written marker somewhere
   (KIT_SENTINEL_BYTE in every byte of an element) after the first run. */
static int marker_left(void)
{
    int k;
    for (k = 0; k < n_outs; k++) {
        const struct out *o = &outs[k];
        size_t i, b;
        if (o->inout || o->type == 'b')
            continue;
        for (i = 0; i < o->count; i++) {
            for (b = 0; b < o->elem_size && o->p[i * o->elem_size + b] == KIT_SENTINEL_BYTE; b++)
                ;
            if (b == o->elem_size)
                return 1;
        }
    }
    return 0;
}

/* The runs: 0 the test's content (what the test goes on with), 1 the
   plausible fill (0.37), 2 zeros; on a difference 3, the plausible fill
   again (is it repeatable at all?). A first run that took more than
   KIT_SLOW_RUN of CPU is the only one (time: the test's limit). */
#define KIT_SLOW_RUN 0.05
int kit_pass_next(int rc)
{
    int k, any = 0;
    if (pass == 0) {
        inputs_written(); /* once: a write into an input ends the runs */
        for (k = 0; k < n_findings; k++)
            if (findings[k].kind == 4)
                one_run = 1;
    }
    if (one_run)
        return 0;
    rcs[pass] = rc;
    switch (pass) {
    case 0:
        for (k = 0; k < n_outs; k++)
            outs[k].res1 = save(&outs[k]);
        if (rc == KIT_TODO || (cpu_seconds() - run_start > KIT_SLOW_RUN && !marker_left()))
            return 0; /* slow: one run, unless a cell still holds the marker (never
                         written, or += into it: only the other fills tell which) */
        prepare(1);
        pass = 1;
        return 1;
    case 1:
        for (k = 0; k < n_outs; k++)
            outs[k].res0 = save(&outs[k]);
        prepare(2);
        pass = 2;
        return 1;
    case 2: /* compare */
        for (k = 0; k < n_outs; k++) {
            struct out *o = &outs[k];
            struct finding *f = &findings[n_findings];
            o->resz = save(o);
            f->n_diff = depends(o, o->res0, o->resz, o->res1, &f->index);
            if (f->n_diff > 0) {
                f->kind = 1;
                f->out = k;
                f->input = -1;
                f->v_fill = elem_bits(o, o->res0, f->index);
                f->v_zero = elem_bits(o, o->resz, f->index);
                f->v_test = elem_bits(o, o->res1, f->index);
                n_findings++;
                any = 1;
            }
        }
        if (rcs[0] != rcs[1] || rcs[0] != rcs[2]) {
            findings[n_findings].kind = 3;
            findings[n_findings].out = -1;
            findings[n_findings].input = -1;
            n_findings++;
            any = 1;
        }
        if (!any) {
            restore_test_run();
            return 0;
        }
        prepare(1);
        pass = 3;
        return 1;
    default:
        for (k = 0; k < n_findings; k++)
            if (findings[k].out >= 0) {
                struct out *o = &outs[findings[k].out];
                size_t first = 0;
                unsigned char *res3 = save(o);
                findings[k].v_fill2 = elem_bits(o, res3, findings[k].index);
                if (unrepeatable(o, o->res0, res3, &first) > 0) {
                    findings[k].kind = 2;
                    findings[k].index = first;
                    findings[k].v_fill = elem_bits(o, o->res0, first);
                    findings[k].v_fill2 = elem_bits(o, res3, first);
                }
                free(res3);
            }
        restore_test_run();
        return 0;
    }
}

static void put_u64(uint64_t v) { put(&v, sizeof v); }

/* The record's 'F' part: 'F', count, then each finding. */
static void put_findings(void)
{
    unsigned char tag = KIT_REC_FILLS;
    uint32_t n = (uint32_t)n_findings;
    int k, j;
    put(&tag, 1);
    put(&n, sizeof n);
    for (k = 0; k < n_findings; k++) {
        const struct finding *f = &findings[k];
        const struct out *o = f->out >= 0 ? &outs[f->out] : NULL;
        const char *name = o ? o->name : f->input >= 0 ? copy_name[f->input] : "";
        const char *shape = o ? o->shape : f->input >= 0 ? copy_shape[f->input] : "";
        uint32_t len = (uint32_t)strlen(name);
        unsigned char type = o ? (unsigned char)o->type : 0;
        int32_t rc3[3];
        put(&f->kind, 1);
        put(&len, sizeof len);
        if (len)
            put(name, len);
        len = (uint32_t)strlen(shape);
        put(&len, sizeof len);
        if (len)
            put(shape, len);
        put(&type, 1);
        put_u64(o ? (uint64_t)o->ndims : 0);
        for (j = 0; j < 4; j++)
            put_u64(o ? (uint64_t)o->dims[j] : 0);
        put_u64(o ? (uint64_t)o->count : f->input >= 0 ?
                (uint64_t)(copy_bytes[f->input] / copy_elem[f->input]) : 0);
        put_u64((uint64_t)f->index);
        put_u64((uint64_t)f->n_diff);
        put_u64(f->v_test);
        put_u64(f->v_fill);
        put_u64(f->v_zero);
        put_u64(f->v_fill2);
        rc3[0] = rcs[1]; /* 0.37 */
        rc3[1] = rcs[2]; /* 0    */
        rc3[2] = rcs[0]; /* the test's content */
        put(rc3, sizeof rc3);
    }
}
