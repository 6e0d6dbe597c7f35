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
/* The parameters' names, comma-separated, in order (for messages: the judge
   names the arguments of the call a failed check is about). */
void kit_call_params(const char *names);
void kit_arg_size(size_t v);
void kit_arg_int(int v);
void kit_arg_double(double v);
void kit_arg_ptr(const void *p);
/* Subject: write the call record (the function is about to run).
   Judge: read it and check it matches. */
void kit_call_enter(void);
/*
 * Subject only, between kit_call_enter and kit_call_return: how the student's
 * function is run. Every output is registered (kit_out_buf), then every const
 * input is copied (kit_in_buf, kit_in_string), then
 *     kit_passes_begin(); do rc = F(...); while (kit_pass_next(rc));
 * runs F up to three times: first with the outputs exactly as the test
 * handed them (the kit buffers' never-written fill, KIT_SENTINEL_BYTE), then
 * with every output (not in-out) pre-filled with plausible data (0.37, or 37
 * for integers), then with zeros; in-out buffers are restored to the test's
 * content before each run. A correct function gives the same result each
 * time (a cell it does not write keeps its fill each time). When the results
 * differ, one more run (0.37 again) tells "reads its output before writing
 * it" from "not repeatable", and the judge fails the test at kit_call_end
 * with the evidence (the element, its value with 0 and with 0.37). Three
 * fills, because a running max started from the output is written with 0
 * but not with 0.37 or the NaN marker, and += is written with all three.
 * The buffers are left as the first run (the test's own content) left them.
 * A first run that took more than 50 ms of CPU is the only one (the test's
 * time limit; every function also has small tests), unless an output still
 * holds the never-written marker after it: then the other fills tell "never
 * written" from "added to" (+= into an unzeroed output keeps the NaN).
 * One run only when an output cannot be saved and restored (no kit buffer
 * and a shape too large, as in the overflow-argument tests), or is larger
 * than 4 MiB (time; the function's small tests run three times).
 * inout: the parameter's shape comment says "in-out" (it is read: not filled);
 * an output that is also passed as a const input (in place) counts as in-out.
 * type: 'd' double, 'i' int, 'z' size_t, 'b' anything else (not filled).
 */
void kit_out_buf(const char *param, const char *shape, void *p, size_t elem_size, char type,
                 int inout, int ndims, const size_t *dims);
/* A copy of the const input p (count elements) in a heap buffer of exactly
   that many bytes, so a read past its end is a sanitizer error (ASan
   heap-buffer-overflow) in the student's code; freed at kit_call_end. p itself
   when p is NULL, overlaps an output (in place), or count is absurd (the
   overflow tests); a kit buffer is copied only as far as it reaches. After
   the first run the copy is compared with p: a function that wrote into its
   const input fails ("writes into its input"). */
const void *kit_in_buf(const char *param, const char *shape, const void *p, size_t elem_size,
                       size_t count);
/* The same for a NUL-terminated string (strlen(p) + 1 bytes). */
const char *kit_in_string(const char *param, const char *p);
/* A sanitizer report about an address near a copy names the input on stderr:
   "KIT-SAN| f read past the end of its input K: K (m, d_k) has 12 elements
   here, and element 12 was read." (kit_record.c, __asan_on_error). */
void kit_passes_begin(void);
/* 1: run the function again (the buffers are prepared); 0: done. */
int kit_pass_next(int rc);
/* Subject: remember rc. Judge: return the recorded rc (fails the test when
   the subject ended inside the function). */
int kit_call_return(int rc);
/* One output buffer: param is its name, shape its contract text. */
void kit_ret_buf(const char *param, const char *shape, void *p, size_t elem_size,
                 size_t count);
/* Subject: write the return record (with the evidence of kit_pass_next).
   Judge: check for KIT_TODO, for writes past the end of a buffer and for
   outputs whose result depends on what they held before the call. */
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
/* How much of output buffer p the return piece holds (PROTOCOL.md; both sides):
   1 and *nbytes, or 0 when it holds none of it. */
int kit_recorded_bytes(const void *p, size_t elem_size, size_t count, unsigned long long *nbytes);
void kit_free_all(void);
size_t kit_guard_bytes(void);

/* Internal: the last call's name and arguments as "f(S, n = 2, m = 0, P)"
   (pointer arguments by name, or NULL), "" before the first call. */
const char *kit_last_call(void);
const char *kit_last_call_name(void);
void kit_note_call(const char *fn);                      /* every kit_call_begin */
void kit_note_arg(char type, unsigned long long bits);  /* every kit_arg_* */

/* Internal: the side's I/O, set up by kit_main.c. */
int kit_side_open(const char *log_path);
void kit_side_finish(void);
/* After a test ran to its end and its buffers were freed: the subject forked by the
   grader's server (kit_nofork.c) ends here with _exit(0) when its build allowed it
   (kit_quick_end.c, build.py: nothing the student's object references can run at
   exit); otherwise, and in the judge, it returns (main returns 0: exit()). */
void kit_side_exit(void);
/* Judge: 1 when the record ends with the subject's end-of-test mark. */
int kit_side_complete(void);
/* One argument of the current call, as kit_arg_* (kit_buffers.c) encoded it: its
   type byte (KIT_ARG_*) and 64 bits. Subject: recorded; judge: checked later. */
void kit_side_arg(char type, unsigned long long bits);

#endif /* KIT_PROXY_H */
