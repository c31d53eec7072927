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
#define MAX_FORMS 64 /* forms of a skeleton the vote looks at */

struct rs_wide {
    rs_skelctx *skc;
    unsigned window, gap;
    uint16_t num_id; /* the LM id of <num>, or UNK */
};

int rs_wide_open(const char *path, const sohoa_lm *lm, rs_wide **out, sohoa_err *err)
{
    *out = NULL;
    rs_skelctx *skc;
    int rc = rs_skc_open_as(path, "wide-context model", lm, &skc, err);
    if (rc)
        return rc;
    rs_skc_list p;
    const char *why = NULL;
    if (!rs_skc_find(skc, rs_wide_params_key(), &p) || p.n < 1 || p.pair[0] < 2 ||
        p.pair[0] > MAX_WINDOW || p.pair[1] < 1 || p.pair[1] > p.pair[0])
        why = "it has no valid parameters entry";
    else if (p.n != 2 || p.pair[2] != RS_WIDE_FORMAT || p.pair[3] != RS_WIDE_Q)
        why = "it was made by another version of sohoa lm wide (train it again)";
    if (why) {
        rs_skc_close(skc);
        return rs_model_invalid(err, path, "wide-context model", why);
    }
    rs_wide *m = sohoa_xcalloc(1, sizeof *m);
    m->skc = skc;
    m->window = p.pair[0];
    m->gap = p.pair[1];
    m->num_id = sohoa_lm_id(lm, "<num>", 5);
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

/* The votes of one skeleton in one window, for the forms of its entry:
 * vote(form k) = (nfound · absent[k] + sum[k]) / Q. */
typedef struct wide_votes {
    rs_skc_list u;  /* the skeleton's forms and their absent terms */
    int32_t sum[MAX_FORMS];
    uint32_t nfound; /* pairs found */
} wide_votes;

static int form_index(const rs_skc_list *u, uint16_t id)
{
    for (uint32_t k = 0; k < u->n && k < MAX_FORMS; k++)
        if (u->pair[2 * k] == id)
            return (int)k;
    return -1;
}

/* Add the differences of pair list l to w->sum; both lists are in id order
 * (the training writes them so), so one walk matches them. */
static void add_pair(wide_votes *w, const rs_skc_list *l)
{
    uint32_t nu = w->u.n < MAX_FORMS ? w->u.n : MAX_FORMS, f = 0;
    for (uint32_t j = 0; j < l->n; j++) {
        uint16_t id = l->pair[2 * j];
        while (f < nu && w->u.pair[2 * f] < id)
            f++;
        if (f == nu)
            return;
        if (w->u.pair[2 * f] == id)
            w->sum[f] += (int32_t)l->pair[2 * j + 1] - RS_WIDE_ZERO;
    }
}

/* Look up skeleton s and its pairs with ctx[0..nctx); 0 when s is no
 * confusion set or no context word has a pair. */
static int gather(const rs_wide *m, uint64_t s, const uint64_t *ctx, size_t nctx, wide_votes *w)
{
    if (!rs_skc_find(m->skc, rs_wide_skel_key(s), &w->u) || w->u.n == 0)
        return 0;
    w->nfound = 0;
    memset(w->sum, 0, sizeof w->sum);
    for (size_t k = 0; k < nctx; k++) {
        rs_skc_list l;
        if (rs_skc_find(m->skc, rs_wide_pair_key(s, ctx[k]), &l)) {
            w->nfound++;
            add_pair(w, &l);
        }
    }
    return w->nfound > 0;
}

/* The vote (log10) for the form of entry index f; 0 for f < 0 (a form the
 * training never saw: P(c | form) = P(c | skeleton)). */
static float vote(const wide_votes *w, int f)
{
    if (f < 0)
        return 0;
    int32_t absent = -(int32_t)w->u.pair[2 * f + 1];
    return (float)((int64_t)w->nfound * absent + w->sum[f]) * (1.0f / RS_WIDE_Q);
}

float rs_wide_score(const rs_wide *m, uint64_t s, const uint64_t *ctx, size_t nctx, uint16_t id)
{
    wide_votes w;
    if (!gather(m, s, ctx, nctx, &w))
        return 0;
    return vote(&w, form_index(&w.u, id));
}

/* Whether the chosen candidate of t leads every other by more than the
 * posterior ratio r. The posteriors sum to 1, so a chosen one above
 * r / (1 + r) is ahead without looking at the others. */
static int sure(const rs_doc *d, const rs_tok *t, float r)
{
    float chosen = rs_post(d, t->cand0 + (size_t)t->chosen);
    if (chosen > r * (1 - chosen))
        return 1;
    for (size_t k = 0; k < t->ncand; k++)
        if ((int)k != t->chosen && chosen <= r * rs_post(d, t->cand0 + k))
            return 0;
    return 1;
}

/* Whether the votes v[0..nv) (weighted) of the candidates of t may
 * overturn the first pass's choice: some candidate's vote beats the chosen
 * one's by more than u->min_gain and by more than the chosen one's lead
 * over it (log10 posterior ratio) less u->slack. */
static int may_overturn(const rs_doc *d, const rs_tok *t, const float *v, size_t nv,
                        const rs_wide_use *u)
{
    float vchosen = v[t->chosen], pchosen = rs_post(d, t->cand0 + (size_t)t->chosen);
    for (size_t k = 0; k < nv; k++) {
        float gain = v[k] - vchosen;
        if ((int)k != t->chosen && gain > u->min_gain &&
            rs_post(d, t->cand0 + k) * exp10f(gain + u->slack) > pchosen)
            return 1;
    }
    return 0;
}

/* Bonuses of the words of the segment [from, to) of the tokens at[] of d
 * (its tokens but the transparent ones); ch[k] the context hash of token
 * at[k] (by the form chosen). A word whose chosen form the votes cannot
 * overturn gets none. */
static void segment_bonus(const rs_doc *d, const rs_wide *m, const rs_wide_use *u,
                          const size_t *at, size_t from, size_t to, const uint64_t *ch,
                          float *bonus)
{
    uint64_t ctx[2 * MAX_WINDOW];
    wide_votes w;
    float r = exp10f(u->reach);
    for (size_t i = from; i < to; i++) {
        const rs_tok *t = &d->tok[at[i]];
        if (t->kind != RS_WORD || t->ncand < 2 || t->chosen < 0 || sure(d, t, r))
            continue;
        size_t nc = rs_wide_contexts(ch, from, to, i, m->window, m->gap, ctx);
        uint64_t s = rs_skc_tok_hash(d->text + t->off, t->len, 1);
        if (nc == 0 || !gather(m, s, ctx, nc, &w))
            continue;
        float v[64];
        size_t nv = t->ncand < 64 ? t->ncand : 64;
        if ((size_t)t->chosen >= nv)
            continue;
        for (size_t c = 0; c < nv; c++)
            v[c] = u->weight * vote(&w, form_index(&w.u, d->cand[t->cand0 + c].id));
        if (!may_overturn(d, t, v, nv, u))
            continue;
        for (size_t c = 0; c < nv; c++)
            bonus[t->cand0 + c] += v[c];
    }
}

/* The context hash of token t as the first pass decoded it. */
static uint64_t decoded_hash(const rs_doc *d, const rs_wide *m, const rs_tok *t)
{
    if (t->kind == RS_PUNCT)
        return 0;
    if (t->kind != RS_WORD || t->ncand == 0 || t->chosen < 0)
        return rs_skc_tok_hash(d->text + t->off, t->len, 1);
    const rs_cand *cd = &d->cand[t->cand0 + (size_t)t->chosen];
    /* a known word other than <num> is its LM id: no skeleton needed */
    if (cd->id != SOHOA_LM_UNK && cd->id != m->num_id)
        return rs_wide_ctx_hash(cd->id, m->num_id, 0);
    uint64_t s = cd->form ? rs_skc_tok_hash(cd->form, strlen(cd->form), 1)
                          : rs_skc_tok_hash(d->text + t->off, t->len, 1);
    return rs_wide_ctx_hash(cd->id, m->num_id, s);
}

void rs_wide_doc_bonus(const rs_doc *d, const rs_wide *m, const rs_wide_use *u, float *bonus)
{
    if (!m || d->ntok == 0)
        return;
    /* transparent tokens (page numbers) are left out: the distances to
     * the context words are counted as if the page break were not there */
    uint64_t *ch = sohoa_xmalloc(d->ntok * sizeof *ch);
    size_t *at = sohoa_xmalloc(d->ntok * sizeof *at);
    size_t n = 0, from = 0;
    for (size_t i = 0; i < d->ntok; i++) {
        if (!d->tok[i].transparent) {
            ch[n] = decoded_hash(d, m, &d->tok[i]);
            at[n++] = i;
        }
        if (d->tok[i].ends_context || i + 1 == d->ntok) {
            segment_bonus(d, m, u, at, from, n, ch, bonus);
            from = n;
        }
    }
    free(at);
    free(ch);
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
