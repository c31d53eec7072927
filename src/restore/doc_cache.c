/* doc_cache.c — the per-document cache: names and terms repeat within a
 * document, so a form the first decoding chose with confidence (or that the
 * document printed with its marks intact, in clean or garbled text) makes
 * the same form likelier wherever its skeleton comes back, e.g. a place
 * name decided well in a clear context helps where the context is thin.
 *
 * Evidence per skeleton: confident choices (posterior ≥ 0.9) weigh 1,
 * capitalised ones (names) 2, printed valid marked syllables 1. A skeleton
 * whose leading form has at least 2 of weight and 75 % of it gives that form
 * a bonus of +0.3 (log10) in the second decoding.
 *
 * Only evidence near a token counts (WINDOW tokens either side): a file
 * may hold many documents with no visible boundary (a news feed, a batch
 * of reports pasted together), and a form decided in one of them says
 * little about another. */
#include "restore_int.h"

#include <stdlib.h>
#include <string.h>
#include "sohoa/buf.h"
#include "sohoa/syllable.h"

#define MAX_FORMS 4
#define CACHE_BONUS 0.3f /* log10 */
#define WINDOW ((size_t)1000) /* tokens each side: about two pages */

typedef struct centry {
    char *skel;
    const char *form[MAX_FORMS];
    float w[MAX_FORMS];
    float total;
} centry;

typedef struct cache {
    centry *t;
    size_t cap, n;
} cache;

static centry *slot(cache *c, const char *skel)
{
    if ((c->n + 1) * 2 > c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        centry *t = sohoa_xcalloc(cap, sizeof *t);
        for (size_t i = 0; i < c->cap; i++)
            if (c->t[i].skel) {
                size_t j = rs_hash_str(c->t[i].skel, strlen(c->t[i].skel)) & (cap - 1);
                while (t[j].skel)
                    j = (j + 1) & (cap - 1);
                t[j] = c->t[i];
            }
        free(c->t);
        c->t = t;
        c->cap = cap;
    }
    size_t j = rs_hash_str(skel, strlen(skel)) & (c->cap - 1);
    while (c->t[j].skel && strcmp(c->t[j].skel, skel) != 0)
        j = (j + 1) & (c->cap - 1);
    return &c->t[j];
}

/* Add weight w (negative: take it back) to form's evidence. */
static void add(cache *c, const char *form, float w)
{
    char sk[128];
    size_t l = sohoa_fold(form, strlen(form), sk, sizeof sk);
    if (l >= sizeof sk)
        return;
    centry *e = slot(c, sk);
    if (!e->skel) {
        e->skel = sohoa_xstrdup(sk);
        c->n++;
    }
    e->total += w;
    for (int i = 0; i < MAX_FORMS; i++) {
        if (e->form[i] && strcmp(e->form[i], form) == 0) {
            e->w[i] += w;
            return;
        }
        if (!e->form[i]) {
            if (w > 0) {
                e->form[i] = form;
                e->w[i] = w;
            }
            return;
        }
    }
}

static const char *dominant(cache *c, const char *skel)
{
    if (!c->cap)
        return NULL;
    size_t j = rs_hash_str(skel, strlen(skel)) & (c->cap - 1);
    while (c->t[j].skel && strcmp(c->t[j].skel, skel) != 0)
        j = (j + 1) & (c->cap - 1);
    centry *e = &c->t[j];
    if (!e->skel || e->total < 2)
        return NULL;
    int best = 0;
    for (int i = 1; i < MAX_FORMS; i++)
        if (e->form[i] && e->w[i] > e->w[best])
            best = i;
    return e->w[best] >= 0.75f * e->total ? e->form[best] : NULL;
}

/* The evidence token i gives: up to two forms with their weights. */
typedef struct evidence {
    const char *form[2];
    float w[2];
} evidence;

static void token_evidence(const rs_doc *d, size_t i, evidence *ev)
{
    memset(ev, 0, sizeof *ev);
    const rs_tok *t = &d->tok[i];
    if (t->kind != RS_WORD)
        return;
    const rs_cand *ch = &d->cand[t->cand0 + (size_t)t->chosen];
    if (ch->form && t->conf >= 0.9f) {
        ev->form[0] = ch->form;
        ev->w[0] = t->upper ? 2.0f : 1.0f;
    }
    /* a printed, marked form that the model knows is the document's own
     * spelling */
    if (d->mode != RS_MODE_STRIPPED) {
        char lc[128];
        size_t n = sohoa_lm_form(d->text + t->off, t->len, lc, sizeof lc);
        int marked = 0;
        for (size_t k = 0; k < n; k++)
            marked |= (unsigned char)lc[k] >= 0x80;
        for (size_t k = 0; marked && k < t->ncand; k++) {
            const rs_cand *x = &d->cand[t->cand0 + k];
            if (x->form && strcmp(x->form, lc) == 0 && x->id != SOHOA_LM_UNK) {
                ev->form[1] = x->form;
                ev->w[1] = 1.0f;
                break;
            }
        }
    }
}

static void apply(cache *c, const evidence *ev, float sign)
{
    for (int k = 0; k < 2; k++)
        if (ev->form[k])
            add(c, ev->form[k], sign * ev->w[k]);
}

float *rs_cache_bonus(const rs_doc *d)
{
    cache c;
    memset(&c, 0, sizeof c);
    float *bonus = sohoa_xcalloc(d->ncand ? d->ncand : 1, sizeof *bonus);
    /* a window of WINDOW tokens each side slides along the document: the
     * evidence of token j counts for token i when |i - j| <= WINDOW */
    size_t in = 0, out = 0; /* next token to enter, next to leave */
    evidence ev;
    for (size_t i = 0; i < d->ntok; i++) {
        while (in < d->ntok && in <= i + WINDOW) {
            token_evidence(d, in++, &ev);
            apply(&c, &ev, 1);
        }
        while (out + WINDOW < i) {
            token_evidence(d, out++, &ev);
            apply(&c, &ev, -1);
        }
        const rs_tok *t = &d->tok[i];
        if (t->kind != RS_WORD || t->ncand < 2)
            continue;
        for (size_t k = 0; k < t->ncand; k++) {
            const rs_cand *x = &d->cand[t->cand0 + k];
            if (!x->form)
                continue;
            char sk[128];
            size_t l = sohoa_fold(x->form, strlen(x->form), sk, sizeof sk);
            if (l >= sizeof sk)
                continue;
            const char *dom = dominant(&c, sk);
            if (dom && strcmp(dom, x->form) == 0)
                bonus[t->cand0 + k] = CACHE_BONUS;
        }
    }
    for (size_t i = 0; i < c.cap; i++)
        free(c.t[i].skel);
    free(c.t);
    return bonus;
}
