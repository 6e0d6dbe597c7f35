/* kit_judge.h — internals shared by the judge's files. */
#ifndef KIT_JUDGE_H
#define KIT_JUDGE_H

/* Print one message line for the report (judge only; silent in the subject). */
void kit_say(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* Fail the running test now (after kit_say lines). */
void kit_fail_now(void);

/* "KIT_OK", "KIT_ERR_NULL", ... for a status code (kit_check.c). */
const char *kit_status_name(int s);
/* Fail unless fn is one of the running test's declared functions. */
void kit_check_declared(const char *fn);

#endif
