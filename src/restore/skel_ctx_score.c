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

/* The contexts of one window, fetched once for all its candidates. */
typedef struct win_lists {
    rs_skc_list l[RS_SKC_NPAT];
    int has[RS_SKC_NPAT];
} win_lists;

static void fetch(const rs_skelctx *m, const uint64_t win[3], win_lists *w)
{
    memset(w->has, 0, sizeof w->has);
    for (int p = 0; p < RS_SKC_NPAT; p++) {
        w->has[p] = rs_skc_find(m, rs_skc_key(p, win), &w->l[p]) && w->l[p].total > 0;
        if (p == RS_SKC_U && !w->has[p])
            return; /* nothing on the centre skeleton: no opinion */
    }
}

/* One level: the context's counts over the level below. */
static float level(const win_lists *w, int p, uint16_t id, float below)
{
    if (!w->has[p])
        return below;
    const rs_skc_list *l = &w->l[p];
    float beta = WB_MULT * (float)l->n;
    return (count_of(l, id) + beta * below) / ((float)l->total + beta);
}

static float score_in(const win_lists *w, uint16_t id)
{
    if (!w->has[RS_SKC_U])
        return 0;
    const rs_skc_list *u = &w->l[RS_SKC_U];
    float pu = (count_of(u, id) + U_ADD) / ((float)u->total + U_ADD * (float)(u->n + 1));
    float pm = 0.5f * (level(w, RS_SKC_L2, id, pu) + level(w, RS_SKC_R2, id, pu));
    float p3 = level(w, RS_SKC_W3, id, pm);
    return log10f(p3) - log10f(pu);
}

float rs_skc_score(const rs_skelctx *m, const uint64_t win[3], uint16_t id)
{
    win_lists w;
    fetch(m, win, &w);
    return score_in(&w, id);
}

/* The window hash of token i of d: its skeleton, or the segment bounds. */
static uint64_t tok_hash(const rs_doc *d, const rs_tok *t)
{
    return rs_skc_tok_hash(d->text + t->off, t->len, t->kind != RS_PUNCT);
}

/* The skeleton hash of a candidate's form; memo (indexed by LM id, 0 =
 * not yet known) saves folding the same form again. */
static uint64_t cand_hash(const rs_cand *cd, uint64_t printed, uint64_t *memo)
{
    if (!cd->form)
        return printed;
    if (cd->id == SOHOA_LM_UNK)
        return rs_skc_tok_hash(cd->form, strlen(cd->form), 1);
    if (!memo[cd->id])
        memo[cd->id] = rs_skc_tok_hash(cd->form, strlen(cd->form), 1);
    return memo[cd->id];
}

/* Bonuses of the words of the segment [from, to). */
static void segment_bonus(const rs_doc *d, const rs_skelctx *m, float weight, size_t from,
                          size_t to, const uint64_t *h, uint64_t *memo, float *bonus)
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
        uint64_t printed = win[1];
        win_lists w;
        fetch(m, win, &w);
        for (size_t c = 0; c < t->ncand; c++) {
            const rs_cand *cd = &d->cand[t->cand0 + c];
            uint64_t ch = cand_hash(cd, printed, memo);
            float sc;
            if (ch == printed) {
                sc = score_in(&w, cd->id);
            } else { /* a channel candidate of another skeleton: its own */
                win[1] = ch;
                sc = rs_skc_score(m, win, cd->id);
                win[1] = printed;
            }
            bonus[t->cand0 + c] += weight * sc;
        }
    }
}

void rs_skc_doc_bonus(const rs_doc *d, const rs_skelctx *m, float weight, float *bonus)
{
    if (!m || d->ntok == 0)
        return;
    uint64_t *h = sohoa_xmalloc(d->ntok * sizeof *h);
    uint64_t *memo = sohoa_xcalloc(RS_MAX_VOCAB, sizeof *memo);
    for (size_t i = 0; i < d->ntok; i++)
        h[i] = tok_hash(d, &d->tok[i]);
    size_t from = 0;
    for (size_t i = 0; i < d->ntok; i++)
        if (d->tok[i].ends_context || i + 1 == d->ntok) {
            segment_bonus(d, m, weight, from, i + 1, h, memo, bonus);
            from = i + 1;
        }
    free(memo);
    free(h);
}
