/*
 * ch04.c — the data of chapter 4's figures, computed by the chapter's own
 * functions (pe_wavelengths) through include/04-frequencies.h.
 * needs: 04
 */
#include <stdlib.h>

#include "plotdata.h"
#include "04-frequencies.h"

/* Figure: the wavelength of every column j for d = 128, under the paper's
   omega_i = base^(-2i/d) and under the d - 2 variant (tensor2tensor,
   fairseq) omega_i = base^(-2i/(d-2)). */
static int wavelengths(const char *dir)
{
    enum { D = 128 };
    double *paper = plot_doubles(D / 2); /* (D / 2) */
    double *t2t = plot_doubles(D / 2);   /* (D / 2) */
    int ok = plot_ok(dir, "pe_wavelengths(lambda, 128, 10000, PE_PAPER)",
                     pe_wavelengths(paper, D, 10000.0, PE_PAPER)) &&
             plot_finite(dir, "pe_wavelengths", paper, 1, D / 2) &&
             plot_ok(dir, "pe_wavelengths(lambda, 128, 10000, PE_T2T)",
                     pe_wavelengths(t2t, D, 10000.0, PE_T2T)) &&
             plot_finite(dir, "pe_wavelengths", t2t, 1, D / 2);
    if (ok) {
        FILE *f = plot_open(dir, "lambda.dat");
        fprintf(f, "# j lambda_paper lambda_d-2\n");
        for (size_t j = 0; j < D; j++)
            fprintf(f, "%zu %.9g %.9g\n", j, paper[j / 2], t2t[j / 2]);
        fclose(f);
        plot_var(dir, "d", D);
        plot_var(dir, "lambda_max_paper", paper[D / 2 - 1]);
        plot_var(dir, "lambda_max_variant", t2t[D / 2 - 1]);
    }
    free(paper);
    free(t2t);
    return ok ? 0 : 1;
}

const struct plot_figure plot_figures[] = {
    {"wavelengths", wavelengths},
    {NULL, NULL}
};
