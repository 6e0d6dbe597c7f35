/*
 * kit_diagnose.h — internal to the harness: what kit_check.c (the evidence)
 * and kit_diagnose.c (the causes) share. Not for tests.
 */
#ifndef KIT_DIAGNOSE_H
#define KIT_DIAGNOSE_H
#include <stddef.h>

/* 1 when the cell still holds the buffer's fill (kit_check.c). */
int kit_never_written(const double *x);

/* Forget a kit_table_pe / kit_table_omega context (kit_diagnose.c). */
void kit_table_reset(void);

/* The shape rule that explains got (its id), or NULL; msg gets its sentence.
   Uses the context of kit_table_pe / kit_table_omega (kit_diagnose.c). */
const char *kit_diagnose(const double *got, const double *want, size_t rows, size_t cols,
                         double tol, char *msg, size_t len);

#endif
