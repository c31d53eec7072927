/* wide_ctx_score.c — using the wide-context model: loading it (a
 * skeleton-context file with a parameters entry), the naive-Bayes vote of
 * a word's context words for one of its forms, and the per-candidate bonus
 * of a document (see wide_ctx.h for the formula). */
#include "wide_ctx.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "lm_internal.h"
#include "restore_int.h"

#define MAX_WINDOW 30
#define SMOOTH_M 4.0f   /* M: pseudo-counts of the skeleton's context rate */
#define TERM_CLAMP 0.5f /* one context word moves a form by at most this (log10) */

struct rs_wide {
    rs_skelctx *skc;
    unsigned window, gap;
};

int rs_wide_open(const char *path, const sohoa_lm *lm, rs_wide **out, sohoa_err *err)
{
    *out = NULL;
    rs_skelctx *skc;
    int rc = rs_skc_open(path, lm, &skc, err);
    if (rc)
        return rc;
    rs_skc_list p;
    if (!rs_skc_find(skc, rs_wide_params_key(), &p) || p.n != 1 || p.pair[0] < 2 ||
        p.pair[0] > MAX_WINDOW || p.pair[1] < 1 || p.pair[1] > p.pair[0]) {
        rs_skc_close(skc);
        return rs_model_invalid(err, path, "wide-context model",
                                "it has no valid parameters entry");
    }
    rs_wide *m = sohoa_xcalloc(1, sizeof *m);
    m->skc = skc;
    m->window = p.pair[0];
    m->gap = p.pair[1];
    *out = m;
    return SOHOA_OK;
}

void rs_wide_close(rs_wide *m)
{
    if (!m)
        return;
    rs_skc_close(m->skc);
    free(m);
}

static float clamp(float t)
{
    return t > TERM_CLAMP ? TERM_CLAMP : t < -TERM_CLAMP ? -TERM_CLAMP : t;
}

static float count_of(const rs_skc_list *l, uint16_t id)
{
    for (uint32_t k = 0; k < l->n; k++)
        if (l->pair[2 * k] == id)
            return l->pair[2 * k + 1];
    return 0;
}

/* The lists of one skeleton in one window, fetched once for its forms. */
typedef struct wide_lists {
    rs_skc_list u;
    rs_skc_list pair[2 * MAX_WINDOW];
    size_t n;
} wide_lists;

static int fetch(const rs_wide *m, uint64_t s, const uint64_t *ctx, size_t nctx, wide_lists *w)
{
    w->n = 0;
    if (!rs_skc_find(m->skc, rs_wide_skel_key(s), &w->u) || w->u.total == 0)
        return 0;
    for (size_t k = 0; k < nctx; k++)
        if (rs_skc_find(m->skc, rs_wide_pair_key(s, ctx[k]), &w->pair[w->n]) &&
            w->pair[w->n].total > 0)
            w->n++;
    return 1;
}

static float vote(const wide_lists *w, uint16_t id)
{
    float nf = count_of(&w->u, id), ns = (float)w->u.total, v = 0;
    if (nf == 0)
        return 0; /* a form never seen: P(c | form) = P(c | skeleton) */
    /* the term of a context never seen with the form */
    float absent = clamp(log10f(SMOOTH_M / (nf + SMOOTH_M)));
    for (size_t k = 0; k < w->n; k++) {
        float nfc = count_of(&w->pair[k], id);
        if (nfc == 0) {
            v += absent;
            continue;
        }
        float pcs = (float)w->pair[k].total / ns;
        v += clamp(log10f((nfc + SMOOTH_M * pcs) / ((nf + SMOOTH_M) * pcs)));
    }
    return v;
}

float rs_wide_score(const rs_wide *m, uint64_t s, const uint64_t *ctx, size_t nctx, uint16_t id)
{
    wide_lists w;
    if (nctx > 2 * MAX_WINDOW || !fetch(m, s, ctx, nctx, &w))
        return 0;
    return vote(&w, id);
}

/* The skeleton hash of a candidate's form (printed: the core's). */
static uint64_t cand_hash(const rs_cand *cd, uint64_t printed)
{
    if (!cd->form)
        return printed;
    return rs_skc_tok_hash(cd->form, strlen(cd->form), 1);
}

/* Bonuses of the words of the segment [from, to): h their skeleton hashes,
 * ch their context hashes (by the forms chosen). A word whose chosen form
 * already has the best vote gets none: the context agrees. */
static void segment_bonus(const rs_doc *d, const rs_wide *m, float weight, size_t from,
                          size_t to, const uint64_t *h, const uint64_t *ch, float *bonus)
{
    uint64_t ctx[2 * MAX_WINDOW];
    wide_lists w;
    for (size_t i = from; i < to; i++) {
        const rs_tok *t = &d->tok[i];
        if (t->kind != RS_WORD || t->ncand < 2)
            continue;
        size_t nc = rs_wide_contexts(ch, from, to, i, m->window, m->gap, ctx);
        if (!fetch(m, h[i], ctx, nc, &w) || w.n == 0)
            continue;
        float v[64], vmax = -1e30f, vchosen = 0;
        size_t nv = t->ncand < 64 ? t->ncand : 64;
        for (size_t c = 0; c < nv; c++) {
            const rs_cand *cd = &d->cand[t->cand0 + c];
            v[c] = cand_hash(cd, h[i]) == h[i] ? weight * vote(&w, cd->id) : 0;
            if ((int)c == t->chosen)
                vchosen = v[c];
            else if (v[c] > vmax)
                vmax = v[c];
        }
        if (vmax <= vchosen)
            continue; /* the context agrees with the first pass */
        for (size_t c = 0; c < nv; c++)
            bonus[t->cand0 + c] += v[c];
    }
}

void rs_wide_doc_bonus(const rs_doc *d, const rs_wide *m, float weight, float *bonus)
{
    if (!m || d->ntok == 0)
        return;
    uint64_t *h = sohoa_xmalloc(d->ntok * sizeof *h);
    uint64_t *ch = sohoa_xmalloc(d->ntok * sizeof *ch);
    for (size_t i = 0; i < d->ntok; i++) {
        const rs_tok *t = &d->tok[i];
        h[i] = t->kind == RS_PUNCT ? 0 : rs_skc_tok_hash(d->text + t->off, t->len, 1);
        ch[i] = h[i];
        if (t->kind == RS_WORD && t->ncand > 0 && t->chosen >= 0) {
            const rs_cand *cd = &d->cand[t->cand0 + (size_t)t->chosen];
            uint64_t s = cd->form ? rs_skc_tok_hash(cd->form, strlen(cd->form), 1) : h[i];
            ch[i] = rs_wide_ctx_hash(cd->id, s);
        }
    }
    size_t from = 0;
    for (size_t i = 0; i < d->ntok; i++)
        if (d->tok[i].ends_context || i + 1 == d->ntok) {
            segment_bonus(d, m, weight, from, i + 1, h, ch, bonus);
            from = i + 1;
        }
    free(ch);
    free(h);
}

int sohoa_widectx_stat(const char *path, const sohoa_lm *lm, sohoa_widectx_info *out,
                       sohoa_err *err)
{
    memset(out, 0, sizeof *out);
    rs_wide *m;
    int rc = rs_wide_open(path, lm, &m, err);
    if (rc)
        return rc;
    out->window = m->window;
    out->gap = m->gap;
    rs_wide_close(m);
    sohoa_skelctx_info in;
    rc = sohoa_skelctx_stat(path, lm, &in, err);
    if (rc)
        return rc;
    out->file_size = in.file_size;
    out->skeletons = in.contexts[RS_SKC_U];
    out->pairs = in.contexts[RS_WIDE_PAIR];
    return SOHOA_OK;
}
