/* wide_ctx_train.c — training the wide-context model. Two passes over the
 * corpus (one sentence per line, cut into LM tokens): the first counts the
 * forms of every word whose skeleton has several forms in the LM, which
 * decides the confusion sets (two forms seen min_form times); the second
 * records, at every word of a confusion set, one event per distinct
 * context word (by its form: rs_wide_ctx_hash) at distance gap..window
 * (pair key, form) plus one for the skeleton alone. Events are sorted and
 * grouped; a pair is kept when seen min_count times with a G2 statistic of
 * at least min_llr against the skeleton's distribution. What is stored is
 * not the counts but the terms of the vote, quantised (wide_ctx.h), from
 * the full counts of pass 1 and of the pair. */
#include "wide_ctx.h"
#include "ctx_events.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "lm_internal.h"
#include "sohoa/buf.h"
#include "sohoa/syllable.h"
#include "sohoa/textfile.h"

void sohoa_widectx_train_opts_init(sohoa_widectx_train_opts *o)
{
    o->window = 8;
    o->gap = 1;
    o->min_form = 10;
    o->min_count = 5;
    o->min_llr = 10.0;
}

typedef struct trainer {
    const sohoa_lm *lm;
    uint16_t num_id;     /* the LM id of <num> (UNK when the LM has none) */
    const sohoa_widectx_train_opts *o;
    int pass;            /* 1: form counts, 2: events */
    uint64_t *hash;      /* the line's token hashes (0 = punctuation) */
    uint64_t *chash;     /* ... context hashes */
    uint16_t *id;        /* ... LM ids */
    uint8_t *open;       /* ... a word whose skeleton has several forms */
    size_t n, cap;
    uint32_t *count;     /* per LM id: seen as an open word (pass 1) */
    uint8_t *conf;       /* per LM id: its skeleton is a confusion set */
    double *skel_total;  /* per LM id: its skeleton's total count */
    rs_events ev;        /* (pass 2) */
    uint64_t *ctx;       /* scratch: 2 · window context hashes */
} trainer;

static void on_token(const char *tok, size_t n, int word, int cap, void *ctx)
{
    (void)cap;
    trainer *t = ctx;
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 256;
        t->hash = sohoa_xrealloc(t->hash, t->cap * sizeof *t->hash);
        t->chash = sohoa_xrealloc(t->chash, t->cap * sizeof *t->chash);
        t->id = sohoa_xrealloc(t->id, t->cap * sizeof *t->id);
        t->open = sohoa_xrealloc(t->open, t->cap * sizeof *t->open);
    }
    t->hash[t->n] = word ? rs_skc_tok_hash(tok, n, 1) : 0;
    t->id[t->n] = sohoa_lm_id(t->lm, tok, n);
    t->chash[t->n] = word ? rs_wide_ctx_hash(t->id[t->n], t->num_id, t->hash[t->n]) : t->hash[t->n];
    t->open[t->n] = 0;
    if (word && t->id[t->n] != SOHOA_LM_UNK)
        t->open[t->n] = rs_skc_open_word(t->lm, tok, n);
    t->n++;
}

static void line_events(trainer *t)
{
    for (size_t i = 0; i < t->n; i++) {
        if (!t->open[i] || !t->conf[t->id[i]])
            continue;
        rs_events_add(&t->ev, rs_wide_skel_key(t->hash[i]), t->id[i]);
        size_t nc = rs_wide_contexts(t->chash, 0, t->n, i, t->o->window, t->o->gap, t->ctx);
        for (size_t k = 0; k < nc; k++)
            rs_events_add(&t->ev, rs_wide_pair_key(t->hash[i], t->ctx[k]), t->id[i]);
    }
}

static void on_line(void *ctx, const char *line, size_t n, size_t lineno)
{
    (void)lineno;
    trainer *t = ctx;
    t->n = 0;
    rs_lm_tokens(line, n, on_token, t);
    if (t->pass == 1) {
        for (size_t i = 0; i < t->n; i++)
            if (t->open[i])
                t->count[t->id[i]]++;
    } else {
        line_events(t);
    }
}

/* After pass 1: the confusion sets, each id's skeleton total and divisor. */
static size_t confusion_sets(trainer *t)
{
    size_t V = sohoa_lm_vocab_size(t->lm), sets = 0;
    for (size_t w = 0; w < V; w++) {
        if (!t->count[w] || t->skel_total[w] > 0)
            continue;
        const char *s = sohoa_lm_word(t->lm, (uint16_t)w);
        char f[256];
        const uint16_t *ids;
        size_t m = sohoa_fold(s, strlen(s), f, sizeof f);
        size_t nf = m < sizeof f ? sohoa_lm_skeleton_forms(t->lm, f, m, &ids) : 0;
        if (nf < 2)
            continue;
        size_t frequent = 0;
        double total = 0;
        for (size_t k = 0; k < nf; k++) {
            frequent += t->count[ids[k]] >= t->o->min_form;
            total += t->count[ids[k]];
        }
        for (size_t k = 0; k < nf; k++) {
            t->skel_total[ids[k]] = total;
            t->conf[ids[k]] = frequent >= 2;
        }
        sets += frequent >= 2;
    }
    return sets;
}

typedef struct kept {
    rs_skc_entry *ent;
    size_t nent, entcap;
    uint16_t *arena;
    size_t narena, arcap;
    size_t sets, pairs;
} kept;

/* Store key with the pairs (id, value) p[0..2n); nothing when n is 0. */
static void keep(kept *k, uint64_t key, const uint16_t *p, size_t n)
{
    if (n == 0)
        return;
    if (k->nent == k->entcap) {
        k->entcap = k->entcap ? k->entcap * 2 : 1 << 16;
        k->ent = sohoa_xrealloc(k->ent, k->entcap * sizeof *k->ent);
    }
    while (k->narena + 2 * n > k->arcap) {
        k->arcap = k->arcap ? k->arcap * 2 : 1 << 20;
        k->arena = sohoa_xrealloc(k->arena, k->arcap * sizeof *k->arena);
    }
    memcpy(k->arena + k->narena, p, 2 * n * sizeof *p);
    k->ent[k->nent++] = (rs_skc_entry){key, (uint32_t)k->narena, (uint32_t)n};
    k->narena += 2 * n;
}

static double clamp(double x)
{
    return x > RS_WIDE_CLAMP ? RS_WIDE_CLAMP : x < -RS_WIDE_CLAMP ? -RS_WIDE_CLAMP : x;
}

/* The term of a context word never seen with a form seen nf times. */
static double absent_term(double nf)
{
    return clamp(log10(RS_WIDE_SMOOTH / (nf + RS_WIDE_SMOOTH)));
}

/* The term of a context word seen nfc times with a form seen nf times, the
 * word being seen with the skeleton at the rate pcs:
 * log10 P(c | form) − log10 P(c | skeleton), smoothed towards pcs. */
static double pair_term(double nfc, double nf, double pcs)
{
    return clamp(log10((nfc + RS_WIDE_SMOOTH * pcs) / ((nf + RS_WIDE_SMOOTH) * pcs)));
}

static long quantise(double x)
{
    return lround(x * RS_WIDE_Q);
}

/* The skeleton's entry: each form's absent term. */
static size_t skel_values(const trainer *t, const rs_form_count *f, size_t nf, uint16_t *p)
{
    size_t n = 0;
    for (size_t i = 0; i < nf; i++) {
        p[2 * n] = f[i].id;
        p[2 * n + 1] = (uint16_t)-quantise(absent_term(t->count[f[i].id]));
        n++;
    }
    return n;
}

/* A pair's entry: each form's term minus its absent term, when not 0 (one
 * 0 when all are: the pair must still be found, its absent terms count). */
static size_t pair_values(const trainer *t, const rs_form_count *f, size_t nf, double total,
                          uint16_t *p)
{
    double pcs = total / t->skel_total[f[0].id];
    size_t n = 0;
    for (size_t i = 0; i < nf; i++) {
        double nform = t->count[f[i].id];
        long q = quantise(pair_term(f[i].count, nform, pcs) - absent_term(nform));
        if (q == 0)
            continue;
        p[2 * n] = f[i].id;
        p[2 * n + 1] = (uint16_t)(q + RS_WIDE_ZERO);
        n++;
    }
    if (n == 0) {
        p[0] = f[0].id;
        p[1] = RS_WIDE_ZERO;
        n = 1;
    }
    return n;
}

/* G2 of the pair's form counts against the skeleton's distribution. */
static double g2(const trainer *t, const rs_form_count *f, size_t nf, double total)
{
    double g = 0;
    for (size_t i = 0; i < nf; i++) {
        double p = t->count[f[i].id] / t->skel_total[f[i].id];
        g += f[i].count * log(f[i].count / (total * p));
    }
    return 2 * g;
}

/* What keeps the contexts: the trainer, the kept set, and room for one
 * context's values. */
typedef struct keeper {
    const trainer *t;
    kept *k;
    uint16_t *p;
    size_t pcap;
} keeper;

static void on_context(uint64_t key, rs_form_count *f, size_t nf, uint64_t total, void *ctx)
{
    keeper *w = ctx;
    const trainer *t = w->t;
    if (2 * nf > w->pcap) {
        w->pcap = 2 * nf;
        w->p = sohoa_xrealloc(w->p, w->pcap * sizeof *w->p);
    }
    if (key >> 45 == RS_SKC_U) {
        keep(w->k, key, w->p, skel_values(t, f, nf, w->p));
        w->k->sets++;
    } else if ((double)total >= t->o->min_count &&
               g2(t, f, nf, (double)total) >= t->o->min_llr) {
        keep(w->k, key, w->p, pair_values(t, f, nf, (double)total, w->p));
        w->k->pairs++;
    }
}

static void trainer_free(trainer *t)
{
    free(t->hash);
    free(t->chash);
    free(t->id);
    free(t->open);
    free(t->count);
    free(t->conf);
    free(t->skel_total);
    rs_events_free(&t->ev);
    free(t->ctx);
}

static int write_model(trainer *t, const char *out_path, FILE *progress, sohoa_err *err)
{
    kept k;
    memset(&k, 0, sizeof k);
    keeper w = {t, &k, NULL, 0};
    rs_events_each(&t->ev, on_context, &w);
    free(w.p);
    /* the parameters entry */
    uint16_t par[4] = {(uint16_t)t->o->window, (uint16_t)t->o->gap, RS_WIDE_FORMAT, RS_WIDE_Q};
    keep(&k, rs_wide_params_key(), par, 2);
    if (progress)
        fprintf(progress, "widectx train: %zu events, %zu confusion sets, %zu pairs kept\n",
                t->ev.n, k.sets, k.pairs);
    int rc = rs_skc_write(out_path, t->lm, k.ent, k.nent, k.arena, k.narena, err);
    free(k.ent);
    free(k.arena);
    return rc;
}

int sohoa_widectx_train(const char *const *paths, size_t npaths, const sohoa_lm *lm,
                        const sohoa_widectx_train_opts *o, const char *out_path,
                        FILE *progress, sohoa_err *err)
{
    if (o->window < 2 || o->window > 30 || o->gap < 1 || o->gap > o->window ||
        o->min_form < 1 || o->min_count < 1 || !(o->min_llr >= 0))
        return sohoa_err_set(err, SOHOA_EINVAL,
                             "wide-context training: window must be 2..30, gap 1..window, "
                             "min_form and min_count at least 1, min_llr not negative");
    trainer t;
    memset(&t, 0, sizeof t);
    t.lm = lm;
    t.num_id = sohoa_lm_id(lm, "<num>", 5);
    t.o = o;
    size_t V = sohoa_lm_vocab_size(lm);
    t.count = sohoa_xcalloc(V, sizeof *t.count);
    t.conf = sohoa_xcalloc(V, sizeof *t.conf);
    t.skel_total = sohoa_xcalloc(V, sizeof *t.skel_total);
    t.ctx = sohoa_xmalloc(2 * o->window * sizeof *t.ctx);
    int rc = SOHOA_OK;
    t.pass = 1;
    for (size_t i = 0; i < npaths && rc == SOHOA_OK; i++)
        rc = sohoa_text_lines(paths[i], 0, on_line, &t, err);
    if (rc == SOHOA_OK && confusion_sets(&t) == 0)
        rc = sohoa_err_set(err, SOHOA_EINVAL,
                           "the training text holds no skeleton with two frequent forms");
    t.pass = 2;
    for (size_t i = 0; i < npaths && rc == SOHOA_OK; i++)
        rc = sohoa_text_lines(paths[i], 0, on_line, &t, err);
    if (rc == SOHOA_OK)
        rc = write_model(&t, out_path, progress, err);
    trainer_free(&t);
    return rc;
}
