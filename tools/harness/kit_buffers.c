/* kit_buffers.c — guarded, sentinel-filled buffers for tests (both sides). */
#define KIT_HARNESS 1 /* the harness itself: see kit_test.h */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit_test.h"
#include "kit_proxy.h"
#include "kit_protocol.h"

#define KIT_MAX_REGIONS 256
#define KIT_GUARD_BYTES 64

static struct kit_region regions[KIT_MAX_REGIONS];
static size_t n_regions;

size_t kit_guard_bytes(void) { return KIT_GUARD_BYTES; }

void *kit_buffer(size_t count, size_t elem_size)
{
    size_t usable;
    unsigned char *p;
    if (elem_size == 0 || count > (SIZE_MAX - KIT_GUARD_BYTES) / elem_size) {
        fprintf(stderr, "kit_buffer: size overflow\n");
        abort();
    }
    if (n_regions == KIT_MAX_REGIONS) {
        fprintf(stderr, "kit_buffer: too many buffers in one test\n");
        abort();
    }
    usable = count * elem_size;
    p = malloc(usable + KIT_GUARD_BYTES);
    if (p == NULL) {
        fprintf(stderr, "kit_buffer: out of memory\n");
        abort();
    }
    memset(p, KIT_SENTINEL_BYTE, usable + KIT_GUARD_BYTES);
    regions[n_regions].base = p;
    regions[n_regions].usable = usable;
    regions[n_regions].total = usable + KIT_GUARD_BYTES;
    regions[n_regions].elem_size = elem_size;
    n_regions++;
    return p;
}

double *kit_doubles(size_t count) { return kit_buffer(count, sizeof(double)); }
int *kit_ints(size_t count) { return kit_buffer(count, sizeof(int)); }
size_t *kit_sizes(size_t count) { return kit_buffer(count, sizeof(size_t)); }

double *kit_copy_doubles(const double *src, size_t count)
{
    double *p = kit_doubles(count);
    if (count > 0)
        memcpy(p, src, count * sizeof *p);
    return p;
}

const struct kit_region *kit_region_of(const void *p)
{
    const unsigned char *q = p;
    size_t k;
    for (k = 0; k < n_regions; k++)
        if (q >= regions[k].base && q < regions[k].base + regions[k].total)
            return &regions[k];
    return NULL;
}

int kit_untouched(const void *p)
{
    const struct kit_region *r = kit_region_of(p);
    size_t k;
    if (r == NULL)
        return 0;
    for (k = 0; k < r->total; k++)
        if (r->base[k] != KIT_SENTINEL_BYTE)
            return 0;
    return 1;
}

void kit_free_all(void)
{
    size_t k;
    for (k = 0; k < n_regions; k++)
        free(regions[k].base);
    n_regions = 0;
}

size_t kit_shape(int n, ...)
{
    va_list ap;
    size_t product = 1;
    int k;
    va_start(ap, n);
    for (k = 0; k < n; k++) {
        size_t dim = va_arg(ap, size_t);
        if (dim != 0 && product > SIZE_MAX / dim)
            product = SIZE_MAX;
        else if (product != SIZE_MAX)
            product *= dim;
    }
    va_end(ap);
    return product;
}

/* ---- the last call, for messages (both sides) ------------------------ */
static char call_name[64];
static char call_params[512];
static char call_text[768];
static size_t call_n_args;
static char call_types[32];
static uint64_t call_bits[32];

void kit_note_call(const char *fn)
{
    snprintf(call_name, sizeof call_name, "%s", fn);
    call_params[0] = '\0';
    call_n_args = 0;
}

/* Both sides: only for messages, not part of the record. */
void kit_call_params(const char *names) { snprintf(call_params, sizeof call_params, "%s", names); }

void kit_note_arg(char type, unsigned long long bits)
{
    if (call_n_args < 32) {
        call_types[call_n_args] = type;
        call_bits[call_n_args] = bits;
    }
    call_n_args++;
}

/* A kit buffer from p to the end of its guard zone (a write past the end shows); any
   other pointer its count elements, up to KIT_MAX_RECORD_BYTES; a NULL pointer, an
   absurd count (the overflow tests): nothing. */
int kit_recorded_bytes(const void *p, size_t elem_size, size_t count, unsigned long long *nbytes)
{
    const struct kit_region *r = p ? kit_region_of(p) : NULL;
    *nbytes = 0;
    if (r != NULL) {
        *nbytes = (unsigned long long)(r->base + r->total - (const unsigned char *)p);
        return 1;
    }
    if (p != NULL && count != SIZE_MAX && count <= KIT_MAX_RECORD_BYTES / elem_size) {
        *nbytes = (unsigned long long)(count * elem_size);
        return 1;
    }
    return 0;
}

/* ---- a call's arguments (both sides; kit_proxy.h) ---------------------- */
/* Each argument becomes its record type and 64 bits (PROTOCOL.md, the call piece),
   is noted for messages, then goes to the side: kit_record.c writes it into the
   call record, kit_replay.c keeps it to check against the record. */
static void kit_arg(char type, uint64_t bits)
{
    kit_note_arg(type, bits);
    kit_side_arg(type, bits);
}

void kit_arg_size(size_t v) { kit_arg(KIT_ARG_SIZE, (uint64_t)v); }
void kit_arg_int(int v) { kit_arg(KIT_ARG_INT, (uint64_t)(int64_t)v); }
void kit_arg_double(double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    kit_arg(KIT_ARG_DOUBLE, bits);
}
void kit_arg_ptr(const void *p) { kit_arg(KIT_ARG_PTR, p != NULL); }

const char *kit_last_call_name(void) { return call_name; }

const char *kit_last_call(void)
{
    const char *names = call_params;
    size_t k, len = 0;
    if (call_name[0] == '\0')
        return "";
    len += (size_t)snprintf(call_text, sizeof call_text, "%s(", call_name);
    for (k = 0; k < call_n_args && k < 32 && len < sizeof call_text; k++) {
        const char *comma = strchr(names, ',');
        int nlen = comma ? (int)(comma - names) : (int)strlen(names);
        char val[48];
        double dv;
        switch (call_types[k]) {
        case 'z': snprintf(val, sizeof val, "%llu", (unsigned long long)call_bits[k]); break;
        case 'i': snprintf(val, sizeof val, "%lld", (long long)(int64_t)call_bits[k]); break;
        case 'd':
            memcpy(&dv, &call_bits[k], sizeof dv);
            snprintf(val, sizeof val, "%.17g", dv);
            break;
        default: snprintf(val, sizeof val, "%s", call_bits[k] ? "" : "NULL"); break;
        }
        if (call_types[k] == 'p' && val[0] == '\0')
            len += (size_t)snprintf(call_text + len, sizeof call_text - len, "%s%.*s",
                                    k ? ", " : "", nlen, names);
        else if (call_types[k] == 'p')
            len += (size_t)snprintf(call_text + len, sizeof call_text - len, "%s%.*s = NULL",
                                    k ? ", " : "", nlen, names);
        else
            len += (size_t)snprintf(call_text + len, sizeof call_text - len, "%s%.*s = %s",
                                    k ? ", " : "", nlen, names, val);
        names = comma ? comma + 1 : names + strlen(names);
    }
    if (len < sizeof call_text)
        snprintf(call_text + len, sizeof call_text - len, ")");
    return call_text;
}

void kit_fill(double *x, size_t count, uint64_t seed, double lo, double hi)
{
    uint64_t state = seed * 6364136223846793005u + 1442695040888963407u;
    size_t k;
    for (k = 0; k < count; k++) {
        state = state * 6364136223846793005u + 1442695040888963407u; /* LCG step */
        x[k] = lo + (hi - lo) * (double)(state >> 11) / 9007199254740992.0;
    }
}
