/*
 * ch09.c — the data of chapter 9's figure: how the error of the float path
 * (ps_float_error) and the drift of the never-reseeded rotation recurrence
 * in double (ps_drift) grow with the position, through
 * include/09-precision-and-speed.h.
 * needs: 09
 */
#include <math.h>
#include <stdlib.h>

#include "plotdata.h"
#include "09-precision-and-speed.h"

/* Figure: d = 512, base 10000. Float error at 10 positions per decade from
   1 to 1e7; double drift at the same positions up to 1e5 - 1. */
static int precision(const char *dir)
{
    enum { D = 512, NDRIFT = 100000 };
    double *drift = plot_doubles(NDRIFT); /* (NDRIFT) */
    FILE *ferr, *fdrift;
    size_t last = 0;
    int ok = plot_ok(dir, "ps_drift(drift, 100000, 512, 10000)",
                     ps_drift(drift, NDRIFT, D, 10000.0)) &&
             plot_finite(dir, "ps_drift", drift, 1, NDRIFT);
    if (!ok) {
        free(drift);
        return 1;
    }
    ferr = plot_open(dir, "float.dat");
    fdrift = plot_open(dir, "drift.dat");
    fprintf(ferr, "# pos max_j |PE_float - PE|   (d = 512)\n");
    fprintf(fdrift, "# pos max_j |T_rotation - PE|   (d = 512; exact zeros left out)\n");
    for (int k = 0; ok && k <= 70; k++) {
        size_t pos = (size_t)llround(pow(10.0, k / 10.0)); /* 1 .. 1e7, log-spaced */
        double err = NAN;
        char call[96];
        if (pos == last)
            continue;
        last = pos;
        snprintf(call, sizeof call, "ps_float_error(%zu, 512, 10000, &err)", pos);
        ok = plot_ok(dir, call, ps_float_error(pos, D, 10000.0, &err)) &&
             plot_finite(dir, "ps_float_error", &err, 1, 1);
        if (ok)
            fprintf(ferr, "%zu %.9g\n", pos, err);
        if (ok && pos < NDRIFT && drift[pos] > 0.0)
            fprintf(fdrift, "%zu %.9g\n", pos, drift[pos]);
    }
    fclose(ferr);
    fclose(fdrift);
    if (ok)
        plot_var(dir, "d", D);
    free(drift);
    return ok ? 0 : 1;
}

const struct plot_figure plot_figures[] = {
    {"precision", precision},
    {NULL, NULL}
};
