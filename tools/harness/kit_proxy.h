/*
 * kit_proxy.h — the record/replay layer between tests and student code.
 *
 * kit/core/proxygen.py writes, for every function of a chapter header, one
 * proxy for the subject (calls the student's function through the linker's
 * --wrap and records its return value and outputs) and one for the judge
 * (the same calls, answered from the record). Both sides use this API in
 * the same order, so a record that does not match what the judge expects is
 * detected at once.
 */
#ifndef KIT_PROXY_H
#define KIT_PROXY_H

#include <stddef.h>

/* Start a call record: the function's name, then its scalar arguments. */
void kit_call_begin(const char *fn);
void kit_arg_size(size_t v);
void kit_arg_int(int v);
void kit_arg_double(double v);
void kit_arg_ptr(const void *p);
/* Subject: write the call record (the function is about to run).
   Judge: read it and check it matches. */
void kit_call_enter(void);
/* Subject: remember rc. Judge: return the recorded rc (fails the test when
   the subject ended inside the function). */
int kit_call_return(int rc);
/* One output buffer: param is its name, shape its contract text. */
void kit_ret_buf(const char *param, const char *shape, void *p, size_t elem_size,
                 size_t count);
/* Subject: write the return record. Judge: check for KIT_TODO and for
   writes past the end of a buffer. */
void kit_call_end(void);

/* The product of n dimensions, or SIZE_MAX when it overflows. */
size_t kit_shape(int n, ...);

/* Internal: registry of kit buffers (kit_buffers.c). */
struct kit_region {
    unsigned char *base; /* first byte of the allocation                */
    size_t usable;       /* bytes the test asked for                      */
    size_t total;        /* usable + guard zone                           */
    size_t elem_size;    /* element size, for messages                    */
};
const struct kit_region *kit_region_of(const void *p);
void kit_free_all(void);
size_t kit_guard_bytes(void);

/* Internal: the side's I/O, set up by kit_main.c. */
int kit_side_open(const char *log_path);
void kit_side_finish(void);
/* Judge: 1 when the record ends with the subject's end-of-test mark. */
int kit_side_complete(void);

#endif /* KIT_PROXY_H */
