/*
 * plotdata.c — main() of every data program (see plotdata.h).
 *
 *   plotdata list               the figure data this program can make
 *   plotdata make NAME DIR      write the data of NAME into DIR (exit 0),
 *                               or DIR/status.txt (exit 3) when the chapter
 *                               code did not deliver
 *   plotdata diff A B OUT       OUT = B - A, element by element, for two
 *                               matrix files of the same shape; appends
 *                               maxdiff_<B's stem> = max |B - A| to vars.gp
 *                               in OUT's directory
 * Exit 2: a usage or file error (a bug in the kit, not in the student's code).
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plotdata.h"

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "plotdata: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(2);
}

static char *path_of(const char *dir, const char *file)
{
    size_t len = strlen(dir) + strlen(file) + 2;
    char *p = malloc(len);
    if (p == NULL)
        die("out of memory", NULL);
    snprintf(p, len, "%s/%s", dir, file);
    return p;
}

FILE *plot_open(const char *dir, const char *file)
{
    char *p = path_of(dir, file);
    FILE *f = fopen(p, "w");
    if (f == NULL)
        die(p, strerror(errno));
    free(p);
    return f;
}

static void status_line(const char *dir, const char *text)
{
    FILE *f = plot_open(dir, "status.txt");
    fprintf(f, "%s\n", text);
    fclose(f);
}

double *plot_doubles(size_t count)
{
    double *a = malloc((count ? count : 1) * sizeof *a);
    if (a == NULL)
        die("out of memory", NULL);
    for (size_t k = 0; k < count; k++)
        a[k] = NAN;
    return a;
}

static const char *status_name(int status)
{
    switch (status) {
    case KIT_ERR_NULL: return "KIT_ERR_NULL";
    case KIT_ERR_SIZE: return "KIT_ERR_SIZE";
    case KIT_ERR_DOMAIN: return "KIT_ERR_DOMAIN";
    case KIT_TODO: return "KIT_TODO";
    default: return "an unknown status";
    }
}

int plot_ok(const char *dir, const char *call, int status)
{
    char text[512];
    const char *fn_end = strchr(call, '(');
    int fn_len = fn_end ? (int)(fn_end - call) : (int)strlen(call);
    if (status == KIT_OK)
        return 1;
    if (status == KIT_TODO)
        snprintf(text, sizeof text, "%.*s is not written yet (it returns KIT_TODO)", fn_len, call);
    else
        snprintf(text, sizeof text, "%s returned %s (%d) instead of KIT_OK", call,
                 status_name(status), status);
    status_line(dir, text);
    return 0;
}

int plot_finite(const char *dir, const char *fn, const double *a, size_t rows, size_t cols)
{
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < cols; c++) {
            double v = a[r * cols + c];
            if (!isfinite(v)) {
                char text[512];
                char where[64];
                if (rows == 1 || cols == 1)   /* a vector: one index */
                    snprintf(where, sizeof where, "element %zu", rows == 1 ? c : r);
                else
                    snprintf(where, sizeof where, "element (%zu, %zu)", r, c);
                if (isnan(v))
                    snprintf(text, sizeof text, "%s left %s unwritten or NaN", fn, where);
                else
                    snprintf(text, sizeof text, "%s wrote %s at %s", fn,
                             v > 0 ? "+inf" : "-inf", where);
                status_line(dir, text);
                return 0;
            }
        }
    }
    return 1;
}

void plot_matrix(const char *dir, const char *file, const double *a, size_t rows, size_t cols)
{
    plot_matrix_digits(dir, file, a, rows, cols, 9);
}

void plot_matrix_digits(const char *dir, const char *file, const double *a, size_t rows,
                        size_t cols, int digits)
{
    FILE *f = plot_open(dir, file);
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < cols; c++)
            fprintf(f, "%s%.*g", c ? " " : "", digits, a[r * cols + c]);
        fputc('\n', f);
    }
    fclose(f);
}

void plot_var(const char *dir, const char *name, double value)
{
    char *p = path_of(dir, "vars.gp");
    FILE *f = fopen(p, "a");
    if (f == NULL)
        die(p, strerror(errno));
    fprintf(f, "%s = %.17g\n", name, value);
    fclose(f);
    free(p);
}

/* Reads a matrix file written by plot_matrix: *rows lines of *cols numbers. */
static double *read_matrix(const char *path, size_t *rows, size_t *cols)
{
    FILE *f = fopen(path, "r");
    size_t cap = 1024, count = 0, r = 0, c = 0;
    double *a = malloc(cap * sizeof *a);
    int ch;
    if (f == NULL)
        die(path, strerror(errno));
    if (a == NULL)
        die("out of memory", NULL);
    *cols = 0;
    for (;;) {
        double v;
        while ((ch = fgetc(f)) == ' ' || ch == '\t')
            ;
        if (ch == EOF)
            break;
        if (ch == '\n') {
            if (c > 0) {
                if (*cols == 0)
                    *cols = c;
                else if (c != *cols)
                    die(path, "rows of different lengths");
                r++;
            }
            c = 0;
            continue;
        }
        ungetc(ch, f);
        if (fscanf(f, "%lf", &v) != 1)
            die(path, "not a number");
        if (count == cap) {
            cap *= 2;
            a = realloc(a, cap * sizeof *a);
            if (a == NULL)
                die("out of memory", NULL);
        }
        a[count++] = v;
        c++;
    }
    if (c > 0)
        die(path, "last line has no newline");
    fclose(f);
    *rows = r;
    return a;
}

static int diff(const char *a_path, const char *b_path, const char *out_path)
{
    size_t ra, ca, rb, cb;
    double *a = read_matrix(a_path, &ra, &ca);
    double *b = read_matrix(b_path, &rb, &cb);
    FILE *f;
    if (ra != rb || ca != cb)
        die("diff: matrices of different shapes", b_path);
    f = fopen(out_path, "w");
    if (f == NULL)
        die(out_path, strerror(errno));
    for (size_t r = 0; r < ra; r++) {
        for (size_t c = 0; c < ca; c++)
            fprintf(f, "%s%.9g", c ? " " : "", b[r * ca + c] - a[r * ca + c]);
        fputc('\n', f);
    }
    fclose(f);
    {
        /* maxdiff_<stem of B> = max |B - A| into vars.gp next to OUT */
        char dir[4096], name[256] = "maxdiff_";
        const char *slash = strrchr(out_path, '/'), *base = strrchr(b_path, '/');
        size_t len = slash ? (size_t)(slash - out_path) : 1, k = strlen(name);
        double m = 0.0;
        snprintf(dir, sizeof dir, "%.*s", (int)len, slash ? out_path : ".");
        for (base = base ? base + 1 : b_path; *base && *base != '.' && k < sizeof name - 1; base++)
            name[k++] = (isalnum((unsigned char)*base)) ? *base : '_';
        name[k] = '\0';
        for (size_t i = 0; i < ra * ca; i++)
            if (fabs(b[i] - a[i]) > m)
                m = fabs(b[i] - a[i]);
        plot_var(dir, name, m);
    }
    free(a);
    free(b);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "list") == 0) {
        for (const struct plot_figure *p = plot_figures; p->name; p++)
            printf("%s\n", p->name);
        return 0;
    }
    if (argc == 4 && strcmp(argv[1], "make") == 0) {
        for (const struct plot_figure *p = plot_figures; p->name; p++)
            if (strcmp(p->name, argv[2]) == 0)
                return p->make(argv[3]) == 0 ? 0 : 3;
        die("no such figure data", argv[2]);
    }
    if (argc == 5 && strcmp(argv[1], "diff") == 0)
        return diff(argv[2], argv[3], argv[4]);
    die("usage: plotdata list | make NAME DIR | diff A B OUT", NULL);
    return 2;
}
