/* domain_share.c — how much of a document the domain model explains, so
 * that the restorer weighs the domain model (administrative text) by the
 * document: interpolating it into news or encyclopaedic text costs accuracy
 * there, leaving it out costs accuracy on administrative text.
 *
 * Each restorable word contributes the unigram probability of its
 * candidate set under each model (the sum over its candidates, so no
 * decoding is needed), and expectation-maximisation finds the mixture
 * weight λ of (1 - λ) general + λ domain that makes the words likeliest. */
#include "restore_int.h"

#include <math.h>
#include <stdlib.h>
#include "sohoa/buf.h"

#define EM_ROUNDS 30
#define EM_START 0.1

float rs_domain_share(const rs_doc *d, const sohoa_restorer *r)
{
    if (!r->dom)
        return 0;
    size_t n = 0, cap = 1024;
    double *pg = sohoa_xmalloc(cap * sizeof *pg), *pd = sohoa_xmalloc(cap * sizeof *pd);
    for (size_t i = 0; i < d->ntok; i++) {
        const rs_tok *t = &d->tok[i];
        if (t->kind != RS_WORD)
            continue;
        double g = 0, m = 0;
        for (size_t k = 0; k < t->ncand; k++) {
            uint16_t id = d->cand[t->cand0 + k].id;
            if (id == SOHOA_LM_UNK)
                continue;
            g += exp10(sohoa_lm_score(r->lm, NULL, 0, id));
            m += exp10(sohoa_lm_score(r->dom, NULL, 0, id));
        }
        if (g <= 0)
            continue;
        if (n == cap) {
            cap *= 2;
            pg = sohoa_xrealloc(pg, cap * sizeof *pg);
            pd = sohoa_xrealloc(pd, cap * sizeof *pd);
        }
        pg[n] = g;
        pd[n++] = m;
    }
    double lam = n ? EM_START : 0;
    for (int it = 0; it < EM_ROUNDS && n; it++) {
        double s = 0;
        for (size_t i = 0; i < n; i++) {
            double mix = (1 - lam) * pg[i] + lam * pd[i];
            if (mix > 0)
                s += lam * pd[i] / mix;
        }
        lam = s / (double)n;
    }
    free(pg);
    free(pd);
    return (float)lam;
}
