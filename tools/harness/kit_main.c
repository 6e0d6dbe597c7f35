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
    t = find(argv[2]);
    if (t == NULL) {
        fprintf(stderr, "no test named %s\n", argv[2]);
        return 2;
    }
    if (kit_side_open(argv[4]) != 0) {
        fprintf(stderr, "cannot open the record %s\n", argv[4]);
        return 2;
    }
    kit_current_test = t->name;
    kit_current_functions = t->functions;
    kit_current_section = t->section;
    setvbuf(stdout, NULL, _IONBF, 0);
    if (!kit_is_judge()) {
        t->fn(NULL);
        kit_side_finish();
        kit_free_all();
        kit_side_exit(); /* grading: may end here (kit_proxy.h) */
        return 0;
    }
    return judge(t);
}
