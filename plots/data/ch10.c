/*
 * ch10.c — the data of chapter 10's figures: the study of `make experiment`
 * (tools/experiment/experiment.c), read from the files it checked in,
 * chapters/data/10-length.tsv, 10-offsets.tsv, 10-curves.tsv and
 * 10-chord.tsv, and rewritten as gnuplot blocks. The figures show the
 * reference model's training, not the student's code: the experiment is
 * built from solutions/10-train (the tests grade yours).
 * needs: 10
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plotdata.h"
#include "10-train.h"

#define MAXCELL 12

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

/* Splits a line at its tabs (in place); the number of cells. */
static int split(char *line, char *cell[MAXCELL])
{
    int n = 0;
    char *p = line;
    line[strcspn(line, "\r\n")] = '\0';
    while (n < MAXCELL) {
        char *tab = strchr(p, '\t');
        cell[n++] = p;
        if (tab == NULL)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

/* The encodings of the accuracy figures, in the order of their blocks. */
static const char *const encs[] = { "none", "integer", "unit", "sinusoidal", "learned",
                                    "learned-clamped", "concat", "rope", "alibi4", "none4",
                                    "alibi1", "baseline" };
#define N_ENCS (sizeof encs / sizeof encs[0])

/* Writes the blocks of one (mode, task, L) from 10-length.tsv: one block per
   encoding of encs (n mean sd min max), empty when there is none. */
static int length_blocks(const char *dir, const char *file, const char *mode, const char *task,
                         const char *L, const char *const *which, size_t n_which)
{
    FILE *f = open_results(dir, "chapters/data/10-length.tsv"), *o;
    char line[512], *c[MAXCELL];
    if (f == NULL)
        return 1;
    o = plot_open(dir, file);
    for (size_t e = 0; e < n_which; e++) {
        rewind(f);
        fprintf(o, "# %s\n", which[e]);
        while (fgets(line, sizeof line, f) != NULL)
            if (split(line, c) == 9 && strcmp(c[0], mode) == 0 && strcmp(c[1], task) == 0 &&
                strcmp(c[2], which[e]) == 0 && strcmp(c[3], L) == 0)
                fprintf(o, "%s %s %s %s %s\n", c[4], c[5], c[6], c[7], c[8]);
        fprintf(o, "\n\n");
    }
    fclose(o);
    fclose(f);
    return 0;
}

/* Figure: accuracy at every length, per task: files length-TASK-MODE.dat. */
static int length(const char *dir)
{
    static const char *const modes[2] = { "causal", "bidir" }, *const tasks[2] = { "order", "prev" };
    for (int t = 0; t < 2; t++)
        for (int m = 0; m < 2; m++) {
            char name[64];
            snprintf(name, sizeof name, "length-%s-%s.dat", tasks[t], modes[m]);
            if (length_blocks(dir, name, modes[m], tasks[t], "8", encs, N_ENCS))
                return 1;
        }
    return 0;
}

/* Figure: RoPE on prev: L = 8 and 16, as trained, interpolated, NTK-aware;
   and the chord of its two fastest pairs against the offset. */
static int rope(const char *dir)
{
    static const char *const modes[2] = { "causal", "bidir" };
    static const char *const which[3] = { "rope", "rope-pi", "rope-ntk" };
    FILE *f, *o;
    char line[512], *c[MAXCELL];
    for (int m = 0; m < 2; m++)
        for (int l = 0; l < 2; l++) {
            char name[64];
            snprintf(name, sizeof name, "rope-%s-L%d.dat", modes[m], 8 << l);
            if (length_blocks(dir, name, modes[m], "prev", l == 0 ? "8" : "16", which, 3))
                return 1;
        }
    f = open_results(dir, "chapters/data/10-facts.tsv");
    if (f == NULL)
        return 1;
    while (fgets(line, sizeof line, f) != NULL)
        if (split(line, c) == 2) {
            if (strcmp(c[0], "rope.k") == 0)
                plot_var(dir, "rope_k", atof(c[1]));
            else if (strcmp(c[0], "rope.cliff.causal") == 0)
                plot_var(dir, "cliff_causal", atof(c[1]));
            else if (strcmp(c[0], "rope.cliff.bidir") == 0)
                plot_var(dir, "cliff_bidir", atof(c[1]));
        }
    fclose(f);
    f = open_results(dir, "chapters/data/10-chord.tsv");
    if (f == NULL)
        return 1;
    o = plot_open(dir, "chord.dat");
    while (fgets(line, sizeof line, f) != NULL)
        if (split(line, c) >= 2 && atof(c[0]) > 0)
            fprintf(o, "%s %s\n", c[0], c[1]);
    fclose(o);
    fclose(f);
    return 0;
}

/* Figure: where the most-attended key lies, prev, L = 8, all test lengths:
   offsets-MODE-ENC.dat, columns offset, right, wrong (share of all answers, %). */
static int offsets(const char *dir)
{
    static const char *const modes[2] = { "causal", "bidir" };
    static const char *const which[5] = { "integer", "unit", "sinusoidal", "rope", "alibi4" };
    FILE *f = open_results(dir, "chapters/data/10-offsets.tsv");
    char line[512], *c[MAXCELL];
    if (f == NULL)
        return 1;
    for (int m = 0; m < 2; m++)
        for (int e = 0; e < 5; e++) {
            double right[127] = { 0 }, wrong[127] = { 0 }, total = 0.0;
            char name[64];
            FILE *o;
            rewind(f);
            while (fgets(line, sizeof line, f) != NULL)
                if (split(line, c) == 7 && strcmp(c[0], modes[m]) == 0 && strcmp(c[1], which[e]) == 0 &&
                    strcmp(c[2], "8") == 0) {
                    int off = atoi(c[5]);
                    double count = atof(c[6]);
                    if (off < -63 || off > 63)
                        continue;
                    if (strcmp(c[4], "right") == 0)
                        right[off + 63] += count;
                    else
                        wrong[off + 63] += count;
                    total += count;
                }
            snprintf(name, sizeof name, "offsets-%s-%s.dat", modes[m], which[e]);
            o = plot_open(dir, name);
            for (int k = 0; k < 127; k++)
                if (total > 0)
                    fprintf(o, "%d %.4f %.4f\n", k - 63, 100.0 * right[k] / total,
                            100.0 * wrong[k] / total);
            fclose(o);
        }
    fclose(f);
    return 0;
}

/* Figure: the learning curves (seed 0, L = 8): train loss against the step,
   one block per encoding, one file per task and mask. */
static int curves(const char *dir)
{
    static const char *const modes[2] = { "causal", "bidir" }, *const tasks[2] = { "order", "prev" };
    static const char *const which[10] = { "none", "integer", "unit", "sinusoidal", "learned",
                                           "concat", "rope", "alibi4", "none4", "alibi1" };
    FILE *f = open_results(dir, "chapters/data/10-curves.tsv");
    char line[512], *c[MAXCELL];
    if (f == NULL)
        return 1;
    for (int t = 0; t < 2; t++)
        for (int m = 0; m < 2; m++) {
            char name[64];
            FILE *o;
            snprintf(name, sizeof name, "curves-%s-%s.dat", tasks[t], modes[m]);
            o = plot_open(dir, name);
            for (int e = 0; e < 10; e++) {
                rewind(f);
                fprintf(o, "# %s\n", which[e]);
                while (fgets(line, sizeof line, f) != NULL)
                    if (split(line, c) == 7 && strcmp(c[0], modes[m]) == 0 &&
                        strcmp(c[1], tasks[t]) == 0 && strcmp(c[2], which[e]) == 0 &&
                        strcmp(c[3], "8") == 0)
                        fprintf(o, "%s %s %s\n", c[4], c[5], c[6]);
                fprintf(o, "\n\n");
            }
            fclose(o);
        }
    fclose(f);
    return 0;
}

const struct plot_figure plot_figures[] = {
    {"length", length},
    {"rope", rope},
    {"offsets", offsets},
    {"curves", curves},
    {NULL, NULL}
};
