/*
 * ch10.c — the data of chapter 10's figures: the ablation of `make
 * experiment` (tools/experiment/experiment.c), read from the results it
 * checked in, chapters/data/10-results.tsv and chapters/data/10-curves.tsv,
 * and rewritten as gnuplot blocks (one per encoding, in the order below).
 * The figures show the reference model's training, not the student's code:
 * the experiment is built from solutions/10-train (the tests grade yours).
 * needs: 10
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plotdata.h"
#include "10-train.h"

#define N_ENC 8
static const char *const encodings[N_ENC] = { "none", "integer", "unit", "sinusoidal", "learned",
                                              "rope", "alibi", "concat" };
static const char *const tasks[2] = { "order", "prev" };

/* The index of an encoding's name, or -1. */
static int enc_index(const char *name)
{
    for (int k = 0; k < N_ENC; k++)
        if (strcmp(encodings[k], name) == 0)
            return k;
    return -1;
}

/* Opens a checked-in results file, or writes why not to dir/status.txt. */
static FILE *open_results(const char *dir, const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        FILE *s = plot_open(dir, "status.txt");
        fprintf(s, "%s is missing: run make experiment (a few minutes)\n", path);
        fclose(s);
    }
    return f;
}

/* One row of 10-results.tsv: task, encoding, train L, the accuracy (%) at
   n = L, 2L, 3L, 4L ("diverged" reads as NaN). */
struct row { char task[16], enc[16]; int L; double acc[4]; };

static int read_row(FILE *f, struct row *r)
{
    char line[512], cell[4][32];
    if (fgets(line, sizeof line, f) == NULL)
        return 0;
    if (sscanf(line, "%15[^\t]\t%15[^\t]\t%d\t%31[^\t]\t%31[^\t]\t%31[^\t]\t%31[^\t\n]", r->task,
               r->enc, &r->L, cell[0], cell[1], cell[2], cell[3]) != 7)
        return -1;
    for (int t = 0; t < 4; t++)
        r->acc[t] = strcmp(cell[t], "diverged") == 0 ? NAN : atof(cell[t]);
    return 1;
}

/* Figure: accuracy against the test length, one block per encoding, one
   file per task and training length. */
static int length(const char *dir)
{
    FILE *f = open_results(dir, "chapters/data/10-results.tsv");
    struct row rows[64];
    int n = 0;
    char line[512];
    if (f == NULL)
        return 1;
    if (fgets(line, sizeof line, f) == NULL) {   /* the header */
        fclose(f);
        return 1;
    }
    while (n < 64 && read_row(f, &rows[n]) == 1)
        n++;
    fclose(f);
    for (int t = 0; t < 2; t++)
        for (int L = 8; L <= 16; L *= 2) {
            char name[64];
            FILE *o;
            snprintf(name, sizeof name, "length-%s-L%d.dat", tasks[t], L);
            o = plot_open(dir, name);
            for (int e = 0; e < N_ENC; e++) {
                fprintf(o, "# %s\n", encodings[e]);
                for (int k = 0; k < n; k++)
                    if (strcmp(rows[k].task, tasks[t]) == 0 && rows[k].L == L &&
                        enc_index(rows[k].enc) == e)
                        for (int m = 0; m < 4; m++)
                            fprintf(o, "%d %.1f\n", (m + 1) * L, rows[k].acc[m]);
                fprintf(o, "\n\n");
            }
            fclose(o);
        }
    plot_var(dir, "rows", n);
    return 0;
}

/* Figure: the learning curves (seed 0): train loss and accuracy at L
   against the step, one block per encoding, one file per task and L. */
static int curves(const char *dir)
{
    FILE *f = open_results(dir, "chapters/data/10-curves.tsv"), *out[2][2];
    char line[512];
    int last_enc[2][2] = { { -1, -1 }, { -1, -1 } };
    if (f == NULL)
        return 1;
    for (int t = 0; t < 2; t++)
        for (int l = 0; l < 2; l++) {
            char name[64];
            snprintf(name, sizeof name, "curves-%s-L%d.dat", tasks[t], 8 << l);
            out[t][l] = plot_open(dir, name);
        }
    if (fgets(line, sizeof line, f) == NULL)    /* the header */
        line[0] = '\0';
    while (fgets(line, sizeof line, f) != NULL) {
        char task[16], enc[16];
        int L, step, t, l, e;
        double loss, acc;
        if (sscanf(line, "%15[^\t]\t%15[^\t]\t%d\t%d\t%lf\t%lf", task, enc, &L, &step, &loss, &acc) != 6)
            continue;
        t = strcmp(task, "order") == 0 ? 0 : 1;
        l = L == 8 ? 0 : 1;
        e = enc_index(enc);
        if (e < 0)
            continue;
        while (last_enc[t][l] < e) {            /* a block for every encoding, in order */
            if (last_enc[t][l] >= 0)
                fprintf(out[t][l], "\n\n");
            last_enc[t][l]++;
            fprintf(out[t][l], "# %s\n", encodings[last_enc[t][l]]);
        }
        fprintf(out[t][l], "%d %.4f %.1f\n", step, loss, acc);
    }
    fclose(f);
    for (int t = 0; t < 2; t++)
        for (int l = 0; l < 2; l++) {
            fprintf(out[t][l], "\n\n");
            fclose(out[t][l]);
        }
    return 0;
}

const struct plot_figure plot_figures[] = {
    {"length", length},
    {"curves", curves},
    {NULL, NULL}
};
