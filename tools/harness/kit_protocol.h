/*
 * kit_protocol.h — the constants shared across process boundaries (PROTOCOL.md).
 * The Python mirror is kit/core/protocol.py; tests/suite_house.py checks that
 * every #define here has the same value there.
 */
#ifndef KIT_PROTOCOL_H
#define KIT_PROTOCOL_H

/* The record (kit_record.c writes it, kit_replay.c reads it): one byte a kind. */
#define KIT_REC_CALL 'C'   /* a call: name, arguments                       */
#define KIT_REC_RETURN 'R' /* its return: rc, output buffers                */
#define KIT_REC_END 'E'    /* the test ran to its end                       */
#define KIT_REC_FILLS 'F'  /* after a return: what other fills showed      */
#define KIT_ARG_SIZE 'z'
#define KIT_ARG_INT 'i'
#define KIT_ARG_DOUBLE 'd'
#define KIT_ARG_PTR 'p'    /* only whether it is NULL                       */
#define KIT_MAX_RECORD_BYTES ((size_t)1 << 28) /* 256 MiB per buffer outside a kit buffer */

/* The exit codes the sanitizers are told to use (kit/core/run.py, ASAN_OPTIONS). */
#define KIT_ASAN_EXIT 86
#define KIT_UBSAN_EXIT 87

/* The fork server's reply lines (kit_nofork.c): "<letter> <value> <more>". */
#define KIT_SERVER_PID 'P'    /* P <pid> 0: the child runs                   */
#define KIT_SERVER_STATUS 'S' /* S <status> <CPU µs>: it ended               */
#define KIT_SERVER_ERROR 'E'  /* E <errno> 0: no child (a bad line: errno 0) */
#define KIT_SERVER_BATCH 'B'  /* B <pid> <i>: a batch's child runs from test i */

#endif /* KIT_PROTOCOL_H */
