/*
 * plotdata.h — the small library behind the figures' data programs.
 *
 * A data program is plotdata.c (main) + one plots/data/chNN.c + the chapter
 * sources it calls (the reference in solutions/, or the student's own files),
 * built with the kit's strict flags by plots/plots.py. chNN.c defines
 *     const struct plot_figure plot_figures[] = { {"name", fn}, ..., {NULL, NULL} };
 * (the yours-vs-reference figures: plots/data/compare.c, built once per
 * chapter with -DPLOT_CHAPTER=N, defines it for chapter N's functions alone)
 * and each fn(dir) writes the data of one figure into the directory dir:
 * matrices and columns as plain text for gnuplot, and gnuplot variables in
 * dir/vars.gp. When a chapter function does not deliver (KIT_TODO, an error
 * status, a value it did not write or that is not finite), fn writes one line
 * to dir/status.txt and returns 1: the figure then shows that message instead.
 */
#ifndef PLOTDATA_H
#define PLOTDATA_H

#include <stddef.h>
#include <stdio.h>

#include "kit.h"

/* pi to double precision (M_PI is not in C11). */
#define PLOT_PI 3.14159265358979323846

struct plot_figure {
    const char *name;              /* the `# data:` name in the figure's .gp */
    int (*make)(const char *dir);  /* 0: data written; 1: status.txt written */
};

extern const struct plot_figure plot_figures[]; /* in chNN.c, ended by {NULL, NULL} */

/* count doubles, every one NaN (= "not written"); exits on out-of-memory. */
double *plot_doubles(size_t count);

/* 1 when status is KIT_OK; otherwise writes why `call` did not deliver to
   dir/status.txt and returns 0. */
int plot_ok(const char *dir, const char *call, int status);

/* 1 when every a[r*cols + c] is finite; otherwise writes the first bad
   element of what `fn` produced to dir/status.txt and returns 0. */
int plot_finite(const char *dir, const char *fn, const double *a, size_t rows, size_t cols);

/* Writes a (rows, cols) row-major array as gnuplot `matrix` text: one line
   per row. */
void plot_matrix(const char *dir, const char *file, const double *a, size_t rows, size_t cols);

/* The same with `digits` significant digits (17: every double exactly; NaN
   is written as nan, which gnuplot leaves out of a curve). */
void plot_matrix_digits(const char *dir, const char *file, const double *a, size_t rows,
                        size_t cols, int digits);

/* Opens dir/file for writing; exits on failure. */
FILE *plot_open(const char *dir, const char *file);

/* Appends `name = value` (17 significant digits) to dir/vars.gp. */
void plot_var(const char *dir, const char *name, double value);

#endif /* PLOTDATA_H */
