/*
 * kit_main.c — main() of both test programs.
 *
 *   PROG --list              one line per test: name, points, kind,
 *                            functions, section, what (tab-separated)
 *   PROG --batch             judge only: read "NAME<TAB>RECORD" lines on stdin
 *                            and judge each, ending each with "KIT-DONE"
 *                            (one process for a whole chapter; grading)
 *   PROG --run NAME --log F  run one test. The subject (linked with the
 *                            student's code) writes the record F; the judge
 *                            (no student code) replays F and decides.
 *
 * The subject calls the test function directly, so a crash, a sanitizer
 * report, an exit() or a hang ends that process and nothing else. The judge
 * runs the test under cmocka and exits 0 for PASS, 1 for FAIL.
 */
#define KIT_HARNESS 1 /* the harness itself: see kit_test.h */
#define _POSIX_C_SOURCE 200809L
#include <fenv.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kit_test.h"
#include "kit_proxy.h"

extern const char *kit_current_test;
extern const char *kit_current_functions;
extern const char *kit_current_section;
void kit_table_reset(void); /* kit_check.c: forget a kit_table_pe/omega context */
int kit_grid_pending(void); /* kit_check.c: close a grid the test left open */
/* kit_nofork.c, in a child that runs a batch of tests (grading): the next test, its
   output, errors and record set up; it never returns when none is left. Weak: the
   judge has no kit_nofork.o. */
const char *kit_batch_next(void) __attribute__((weak));
/* kit_record.c: a test that stops early (KIT_TODO, outputs read before written) goes
   back here in a batch, instead of ending the process */
jmp_buf *kit_stop_to;

static void list(const struct kit_test *t, const char *kind)
{
    for (; t->name != NULL; t++)
        printf("%s\t%d\t%s\t%s\t%s\t%s\n", t->name, t->points, kind, t->functions,
               t->section, t->what);
}

static const struct kit_test *find(const char *name)
{
    const struct kit_test *tables[2] = { kit_tests_public, kit_tests_hidden };
    const struct kit_test *t;
    int k;
    for (k = 0; k < 2; k++)
        for (t = tables[k]; t->name != NULL; t++)
            if (strcmp(t->name, name) == 0)
                return t;
    return NULL;
}

/* Judge one test from its record; 1 when it failed. */
static int judge(const struct kit_test *t)
{
    struct CMUnitTest one[1];
    int failed;
    kit_current_test = t->name;
    kit_current_functions = t->functions;
    kit_current_section = t->section;
    kit_table_reset();
    memset(one, 0, sizeof one);
    one[0].name = t->name;
    one[0].test_func = t->fn;
    failed = _cmocka_run_group_tests(t->name, one, 1, NULL, NULL);
    if (kit_grid_pending() && !failed)
        failed = 1;
    kit_free_all();
    if (!failed && !kit_side_complete()) {
        printf("KIT| every call was answered, but the test process did not finish "
               "the test (it was ended after the last call).\n");
        printf("KIT-UNFINISHED\n");
        failed = 1;
    }
    printf("KIT-VERDICT %s\n", failed ? "FAIL" : "PASS");
    return failed;
}

/* The stack below the test, filled with 0xff before each test, in a process that runs
   one test as in a batch: a local the student's code reads before writing it holds the
   same bytes either way (a NaN as a double, -1 or SIZE_MAX as an integer). The harness
   is not instrumented: these writes are not the sanitizer's business. */
static void __attribute__((noinline)) scrub_stack(void)
{
    volatile uint64_t pad[32768]; /* 256 KiB */
    size_t k;
    for (k = 0; k < sizeof pad / sizeof pad[0]; k++)
        pad[k] = UINT64_MAX;
}

/* The subject's side of one test: run it, finish its record, free its buffers. */
static void __attribute__((noinline)) subject_test(const struct kit_test *t)
{
    kit_current_test = t->name;
    kit_current_functions = t->functions;
    kit_current_section = t->section;
    scrub_stack();
    (void)fesetenv(FE_DFL_ENV); /* the rounding mode and exception flags a test starts with */
    t->fn(NULL);
    kit_side_finish();
    kit_free_all();
}

/* A batch of tests in this one process (kit_nofork.c): each as subject_test runs it
   alone; one that stops early comes back through kit_stop_to. */
static void subject_batch(void)
{
    static jmp_buf stop;
    const char *name;
    setvbuf(stdout, NULL, _IONBF, 0);
    while ((name = kit_batch_next()) != NULL) {
        const struct kit_test *t = find(name);
        if (t == NULL || kit_side_open("fd:3") != 0)
            _exit(2);
        kit_stop_to = &stop;
        if (setjmp(stop) == 0)
            subject_test(t);
        else
            kit_free_all();
        kit_stop_to = NULL;
    }
    _exit(0);
}

/* --batch: one judge process for many tests, one ordered output stream. */
static int batch(void)
{
    char line[4096];
    setvbuf(stdout, NULL, _IONBF, 0);
    dup2(1, 2); /* cmocka's errors (stderr) in order with the rest */
    while (fgets(line, sizeof line, stdin) != NULL) {
        char *tab = strchr(line, '\t'), *nl = strchr(line, '\n');
        const struct kit_test *t;
        if (tab == NULL || nl == NULL)
            continue;
        *tab = '\0';
        *nl = '\0';
        t = find(line);
        if (t == NULL || kit_side_open(tab + 1) != 0)
            printf("KIT| the judge could not open this test's record.\nKIT-NO-RECORD\nKIT-VERDICT FAIL\n");
        else
            judge(t);
        printf("KIT-DONE\n");
    }
    return 0;
}

int main(int argc, char **argv)
{
    const struct kit_test *t;
    if (argc == 2 && strcmp(argv[1], "--batch") == 0 && kit_is_judge())
        return batch();
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        list(kit_tests_public, "public");
        list(kit_tests_hidden, "hidden");
        return 0;
    }
    if (argc != 5 || strcmp(argv[1], "--run") != 0 || strcmp(argv[3], "--log") != 0) {
        fprintf(stderr, "usage: %s --list | --run TEST --log FILE\n", argv[0]);
        return 2;
    }
    if (!kit_is_judge() && strcmp(argv[2], "*") == 0 && kit_batch_next != NULL)
        subject_batch(); /* never returns */
    t = find(argv[2]);
    if (t == NULL) {
        fprintf(stderr, "no test named %s\n", argv[2]);
        return 2;
    }
    if (kit_side_open(argv[4]) != 0) {
        fprintf(stderr, "cannot open the record %s\n", argv[4]);
        return 2;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    if (!kit_is_judge()) {
        subject_test(t);
        kit_side_exit(); /* grading: may end here (kit_proxy.h) */
        return 0;
    }
    kit_current_test = t->name;
    kit_current_functions = t->functions;
    kit_current_section = t->section;
    return judge(t);
}
