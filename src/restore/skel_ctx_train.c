/* skel_ctx_train.c — training the skeleton-context model: every line of
 * the corpus (a sentence) is cut into LM tokens, each token hashed by its
 * skeleton; at every word whose skeleton has several forms in the LM, one
 * event (context key, the word's LM id) per pattern. Events are sorted and
 * grouped; a context other than the skeleton alone is kept when seen
 * min_count times, with its max_forms most frequent forms. */
#include "ctx_events.h"
#include "skel_ctx.h"

#include <stdlib.h>
#include <string.h>
#include "lm_internal.h"
#include "sohoa/buf.h"
#include "sohoa/file.h"
#include "sohoa/utf8.h"

void sohoa_skelctx_train_opts_init(sohoa_skelctx_train_opts *o)
{
    o->min_count = 2;
    o->max_forms = 8;
}

/* The tokens of one line. */
typedef struct line_toks {
    uint64_t *hash;
    uint16_t *id;
    uint8_t *open; /* a word whose skeleton has several forms */
    size_t n, cap;
} line_toks;

typedef struct trainer {
    const sohoa_lm *lm;
    line_toks line;
    rs_events ev;
} trainer;

static void on_token(const char *tok, size_t n, int word, int cap, void *ctx)
{
    (void)cap;
    trainer *t = ctx;
    line_toks *l = &t->line;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 256;
        l->hash = sohoa_xrealloc(l->hash, l->cap * sizeof *l->hash);
        l->id = sohoa_xrealloc(l->id, l->cap * sizeof *l->id);
        l->open = sohoa_xrealloc(l->open, l->cap * sizeof *l->open);
    }
    l->hash[l->n] = rs_skc_tok_hash(tok, n, word);
    l->id[l->n] = sohoa_lm_id(t->lm, tok, n);
    l->open[l->n] = 0;
    if (word)
        l->open[l->n] = rs_skc_open_word(t->lm, tok, n);
    l->n++;
}

/* The events of the line just cut. */
static void line_events(trainer *t)
{
    const line_toks *l = &t->line;
    for (size_t i = 0; i < l->n; i++) {
        if (!l->open[i])
            continue;
        uint64_t win[3];
        for (int k = 0; k < 3; k++) {
            ptrdiff_t j = (ptrdiff_t)i + k - 1;
            win[k] = j < 0 ? rs_skc_bos() : (size_t)j >= l->n ? rs_skc_eos() : l->hash[j];
        }
        for (int p = 0; p < RS_SKC_NPAT; p++)
            rs_events_add(&t->ev, rs_skc_key(p, win), l->id[i]);
    }
}

static void on_line(void *ctx, const char *line, size_t n, size_t lineno)
{
    (void)lineno;
    trainer *t = ctx;
    t->line.n = 0;
    rs_lm_tokens(line, n, on_token, t);
    line_events(t);
}

static int by_count(const void *a, const void *b)
{
    const rs_form_count *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return (x->id > y->id) - (x->id < y->id);
}

typedef struct kept {
    rs_skc_entry *ent;
    size_t nent, entcap;
    uint16_t *arena;
    size_t narena, arcap;
} kept;

/* Keep the context of forms f[0..nf) (counts summing to total) if o
 * allows it. */
static void keep_context(kept *k, uint64_t key, rs_form_count *f, size_t nf, uint64_t total,
                         const sohoa_skelctx_train_opts *o)
{
    if ((key >> 45) != RS_SKC_U && total < o->min_count)
        return;
    qsort(f, nf, sizeof *f, by_count);
    if (nf > o->max_forms)
        nf = o->max_forms;
    if (k->nent == k->entcap) {
        k->entcap = k->entcap ? k->entcap * 2 : 1 << 16;
        k->ent = sohoa_xrealloc(k->ent, k->entcap * sizeof *k->ent);
    }
    if (k->narena + 2 * nf > k->arcap) {
        while (k->narena + 2 * nf > k->arcap)
            k->arcap = k->arcap ? k->arcap * 2 : 1 << 20;
        k->arena = sohoa_xrealloc(k->arena, k->arcap * sizeof *k->arena);
    }
    k->ent[k->nent++] = (rs_skc_entry){key, (uint32_t)k->narena, (uint32_t)nf};
    for (size_t i = 0; i < nf; i++) {
        k->arena[k->narena++] = f[i].id;
        k->arena[k->narena++] = (uint16_t)(f[i].count > 65535 ? 65535 : f[i].count);
    }
}

/* What keeps the contexts: the kept set and the options. */
typedef struct keeper {
    kept *k;
    const sohoa_skelctx_train_opts *o;
} keeper;

static void on_context(uint64_t key, rs_form_count *f, size_t nf, uint64_t total, void *ctx)
{
    const keeper *w = ctx;
    keep_context(w->k, key, f, nf, total, w->o);
}

int sohoa_skelctx_train(const char *const *paths, size_t npaths, const sohoa_lm *lm,
                        const sohoa_skelctx_train_opts *o, const char *out_path,
                        FILE *progress, sohoa_err *err)
{
    if (o->min_count < 1 || o->max_forms < 1 || o->max_forms > 65535)
        return sohoa_err_set(err, SOHOA_EINVAL,
                             "skeleton-context training: min_count and max_forms must be at "
                             "least 1");
    trainer t;
    memset(&t, 0, sizeof t);
    t.lm = lm;
    int rc = SOHOA_OK;
    for (size_t i = 0; i < npaths && rc == SOHOA_OK; i++)
        rc = sohoa_text_lines(paths[i], 0, on_line, &t, err);
    free(t.line.hash);
    free(t.line.id);
    free(t.line.open);
    if (rc == SOHOA_OK && t.ev.n == 0)
        rc = sohoa_err_set(err, SOHOA_EINVAL,
                           "the training text holds no word with several forms");
    kept k;
    memset(&k, 0, sizeof k);
    if (rc == SOHOA_OK) {
        rs_events_each(&t.ev, on_context, &(keeper){&k, o});
        if (progress)
            fprintf(progress, "skelctx train: %zu events, %zu contexts kept\n", t.ev.n, k.nent);
        rc = rs_skc_write(out_path, lm, k.ent, k.nent, k.arena, k.narena, err);
    }
    rs_events_free(&t.ev);
    free(k.ent);
    free(k.arena);
    return rc;
}
