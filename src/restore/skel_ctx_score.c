/* skel_ctx_score.c — scoring with the skeleton-context model: the
 * estimate of a form given the skeletons around it, and the per-candidate
 * bonus of a document.
 *
 * The estimate climbs a chain of contexts, each level interpolated with
 * the one below (Witten-Bell: the lower level gets weight B·T / (N + B·T)
 * for a context seen N times with T distinct forms):
 *   P_U  = the centre skeleton's own distribution (add-half smoothed),
 *   P_M  = the mean of the s[i-1..i] and s[i..i+1] levels over P_U,
 *   P_W3 = s[i-1..i+1] over P_M.
 * The score is log10 P_W3 − log10 P_U: the LM already weighs the skeleton's
 * forms, so only what the window adds counts. (Measured on the dev split:
 * a further s[i-2..i+2] level changed nothing, a product of the two sides
 * instead of their mean no better, so neither is kept.) */
#include "skel_ctx.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "restore_int.h"

#define WB_MULT 1.0f /* B above */
#define U_ADD 0.5f   /* add-half for forms of the skeleton seen rarely */

static float count_of(const rs_skc_list *l, uint16_t id)
{
    for (uint32_t k = 0; k < l->n; k++)
        if (l->pair[2 * k] == id)
            return l->pair[2 * k + 1];
    return 0;
}

/* One level: the context's counts over the level below. */
static float level(const rs_skelctx *m, int p, const uint64_t win[3], uint16_t id, float below)
{
    rs_skc_list l;
    if (!rs_skc_find(m, rs_skc_key(p, win), &l) || l.total == 0)
        return below;
    float beta = WB_MULT * (float)l.n;
    return (count_of(&l, id) + beta * below) / ((float)l.total + beta);
}

float rs_skc_score(const rs_skelctx *m, const uint64_t win[3], uint16_t id)
{
    rs_skc_list u;
    if (!rs_skc_find(m, rs_skc_key(RS_SKC_U, win), &u) || u.total == 0)
        return 0;
    float pu = (count_of(&u, id) + U_ADD) / ((float)u.total + U_ADD * (float)(u.n + 1));
    float pm = 0.5f * (level(m, RS_SKC_L2, win, id, pu) + level(m, RS_SKC_R2, win, id, pu));
    float p3 = level(m, RS_SKC_W3, win, id, pm);
    return log10f(p3) - log10f(pu);
}

/* The window hash of token i of d: its skeleton, or the segment bounds. */
static uint64_t tok_hash(const rs_doc *d, const rs_tok *t)
{
    return rs_skc_tok_hash(d->text + t->off, t->len, t->kind != RS_PUNCT);
}

/* Bonuses of the words of the segment [from, to). */
static void segment_bonus(const rs_doc *d, const rs_skelctx *m, float weight, size_t from,
                          size_t to, const uint64_t *h, float *bonus)
{
    for (size_t i = from; i < to; i++) {
        const rs_tok *t = &d->tok[i];
        if (t->kind != RS_WORD || t->ncand < 2)
            continue;
        uint64_t win[3];
        for (int k = 0; k < 3; k++) {
            ptrdiff_t j = (ptrdiff_t)i + k - 1;
            win[k] = j < (ptrdiff_t)from ? rs_skc_bos() : (size_t)j >= to ? rs_skc_eos() : h[j];
        }
        uint64_t centre = win[1];
        for (size_t c = 0; c < t->ncand; c++) {
            const rs_cand *cd = &d->cand[t->cand0 + c];
            /* a channel candidate of another skeleton is scored with its own */
            win[1] = cd->form ? rs_skc_tok_hash(cd->form, strlen(cd->form), 1) : centre;
            bonus[t->cand0 + c] += weight * rs_skc_score(m, win, cd->id);
        }
    }
}

void rs_skc_doc_bonus(const rs_doc *d, const rs_skelctx *m, float weight, float *bonus)
{
    if (!m || d->ntok == 0)
        return;
    uint64_t *h = sohoa_xmalloc(d->ntok * sizeof *h);
    for (size_t i = 0; i < d->ntok; i++)
        h[i] = tok_hash(d, &d->tok[i]);
    size_t from = 0;
    for (size_t i = 0; i < d->ntok; i++)
        if (d->tok[i].ends_context || i + 1 == d->ntok) {
            segment_bonus(d, m, weight, from, i + 1, h, bonus);
            from = i + 1;
        }
    free(h);
}
