/* lm_train.c — `sohoa lm train`: corpus files → token ids → n-gram counts →
 * modified Kneser-Ney → binary model (and ARPA text on request).
 *
 * The vocabulary is the special tokens (<unk> <s> </s> <num>) followed by
 * the corpus tokens seen at least vocab_min times, most frequent first, cut
 * at 65,536 words; or, for a domain model, the vocabulary of an existing
 * model, so that both models give a word the same id. */
#include "lm_internal.h"

#include <stdlib.h>
#include <string.h>
#include "sohoa/buf.h"
#include "sohoa/file.h"
#include "sohoa/utf8.h"

void sohoa_lm_train_opts_init(sohoa_lm_train_opts *o)
{
    memset(o, 0, sizeof *o);
    o->order = 4;
    o->min_count[0] = o->min_count[1] = o->min_count[2] = 1;
    o->min_count[3] = 1;
    o->min_count[4] = 2;
    o->vocab_min = 2;
}

/* String interning during training: open addressing over an arena. */
typedef struct intern_ent {
    uint64_t hash;
    uint32_t off, len, count, used;
} intern_ent;

typedef struct intern {
    intern_ent *t;
    size_t cap, n;
    sohoa_buf arena;
    uint32_t *order; /* entry index of each temp id, in creation order */
    size_t norder_cap;
} intern;

static void intern_grow(intern *m)
{
    size_t cap = m->cap ? m->cap * 2 : 1 << 16;
    intern_ent *t = sohoa_xcalloc(cap, sizeof *t);
    for (size_t i = 0; i < m->cap; i++)
        if (m->t[i].used) {
            size_t j = m->t[i].hash & (cap - 1);
            while (t[j].used)
                j = (j + 1) & (cap - 1);
            t[j] = m->t[i];
        }
    free(m->t);
    m->t = t;
    m->cap = cap;
    m->order = sohoa_xrealloc(m->order, cap * sizeof *m->order);
    for (size_t j = 0; j < cap; j++)
        if (t[j].used)
            m->order[t[j].used - 1] = (uint32_t)j;
}

/* Temp id of s[0..n) (created on first sight); counts one occurrence. */
static uint32_t intern_add(intern *m, const char *s, size_t n)
{
    if ((m->n + 1) * 2 > m->cap)
        intern_grow(m);
    uint64_t h = rs_hash_str(s, n);
    size_t j = h & (m->cap - 1);
    while (m->t[j].used) {
        intern_ent *e = &m->t[j];
        if (e->hash == h && e->len == n && memcmp(m->arena.data + e->off, s, n) == 0) {
            e->count++;
            return e->used - 1;
        }
        j = (j + 1) & (m->cap - 1);
    }
    intern_ent *e = &m->t[j];
    e->hash = h;
    e->off = (uint32_t)m->arena.len;
    e->len = (uint32_t)n;
    e->count = 1;
    e->used = (uint32_t)m->n + 1;
    sohoa_buf_append(&m->arena, s, n);
    sohoa_buf_putc(&m->arena, '\0');
    m->order[m->n] = (uint32_t)j;
    m->n++;
    return e->used - 1;
}

typedef struct stream {
    intern words;
    uint32_t *ids;
    size_t n, cap;
    int prev_word;          /* the previous token of the line was a word */
    uint32_t *mid_total, *mid_cap; /* per temp id (case statistics) */
    size_t mid_cap_n;
} stream;

static void push(stream *s, uint32_t id)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 1 << 20;
        s->ids = sohoa_xrealloc(s->ids, s->cap * sizeof *s->ids);
    }
    s->ids[s->n++] = id;
}

static void on_token(const char *tok, size_t n, int word, int cap, void *ctx)
{
    stream *s = ctx;
    uint32_t id = intern_add(&s->words, tok, n);
    push(s, id);
    if (word && s->prev_word) {
        if (id >= s->mid_cap_n) {
            size_t nc = s->mid_cap_n ? s->mid_cap_n : 1 << 16;
            while (nc <= id)
                nc *= 2;
            s->mid_total = sohoa_xrealloc(s->mid_total, nc * sizeof *s->mid_total);
            s->mid_cap = sohoa_xrealloc(s->mid_cap, nc * sizeof *s->mid_cap);
            memset(s->mid_total + s->mid_cap_n, 0, (nc - s->mid_cap_n) * sizeof *s->mid_total);
            memset(s->mid_cap + s->mid_cap_n, 0, (nc - s->mid_cap_n) * sizeof *s->mid_cap);
            s->mid_cap_n = nc;
        }
        s->mid_total[id]++;
        s->mid_cap[id] += cap != 0;
    }
    s->prev_word = word;
}

/* One line of training text: its tokens, then the end of line if it had any. */
static void on_line(void *ctx, const char *line, size_t n, size_t lineno)
{
    (void)lineno;
    stream *s = ctx;
    size_t before = s->n;
    s->prev_word = 0;
    rs_lm_tokens(line, n, on_token, s);
    if (s->n > before)
        push(s, RS_EOL);
}

typedef struct vocab_sort {
    uint32_t tmp, count;
    const char *s;
} vocab_sort;

static int by_count(const void *a, const void *b)
{
    const vocab_sort *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->s, y->s);
}

static const char *const SPECIALS[4] = {"<unk>", "<s>", "</s>", "<num>"};

/* Build the vocabulary and map temp ids to word ids (written into map). */
static char **build_vocab(const intern *m, const sohoa_lm_train_opts *o, uint32_t *map,
                          size_t *nwords)
{
    if (o->vocab_from) {
        size_t V = sohoa_lm_vocab_size(o->vocab_from);
        char **words = sohoa_xcalloc(V, sizeof *words);
        for (size_t w = 0; w < V; w++)
            words[w] = sohoa_xstrdup(sohoa_lm_word(o->vocab_from, (uint16_t)w));
        for (size_t i = 0; i < m->n; i++) {
            const intern_ent *e = &m->t[m->order[i]];
            map[i] = sohoa_lm_id(o->vocab_from, m->arena.data + e->off, e->len);
        }
        *nwords = V;
        return words;
    }
    vocab_sort *v = sohoa_xmalloc((m->n + 1) * sizeof *v);
    size_t nv = 0;
    for (size_t i = 0; i < m->n; i++) {
        const intern_ent *e = &m->t[m->order[i]];
        const char *s = m->arena.data + e->off;
        map[i] = SOHOA_LM_UNK;
        int special = -1;
        for (int k = 0; k < 4; k++)
            if (strcmp(s, SPECIALS[k]) == 0)
                special = k;
        if (special >= 0) {
            map[i] = (uint32_t)special;
            continue;
        }
        if (e->count >= o->vocab_min)
            v[nv++] = (vocab_sort){(uint32_t)i, e->count, s};
    }
    qsort(v, nv, sizeof *v, by_count);
    if (nv > RS_MAX_VOCAB - 4)
        nv = RS_MAX_VOCAB - 4;
    char **words = sohoa_xcalloc(nv + 4, sizeof *words);
    for (int k = 0; k < 4; k++)
        words[k] = sohoa_xstrdup(SPECIALS[k]);
    for (size_t i = 0; i < nv; i++) {
        words[i + 4] = sohoa_xstrdup(v[i].s);
        map[v[i].tmp] = (uint32_t)(i + 4);
    }
    free(v);
    *nwords = nv + 4;
    return words;
}

int sohoa_lm_train(const char *const *paths, size_t npaths, const sohoa_lm_train_opts *o,
                   const char *out_path, FILE *progress, sohoa_err *err)
{
    if (o->order < 1 || o->order > SOHOA_LM_MAX_ORDER)
        return sohoa_err_set(err, SOHOA_EINVAL, "order %d is outside 1..%d", o->order,
                             SOHOA_LM_MAX_ORDER);
    stream s;
    memset(&s, 0, sizeof s);
    int rc = SOHOA_OK;
    for (size_t i = 0; i < npaths && rc == SOHOA_OK; i++)
        rc = sohoa_text_lines(paths[i], 0, on_line, &s, err);
    char **words = NULL;
    size_t nwords = 0;
    rs_counts counts;
    memset(&counts, 0, sizeof counts);
    rs_est est;
    memset(&est, 0, sizeof est);
    uint32_t *mid_total = NULL, *mid_cap = NULL;
    if (rc == SOHOA_OK && s.n == 0)
        rc = sohoa_err_set(err, SOHOA_EINVAL, "the training text holds no tokens");
    if (rc == SOHOA_OK) {
        uint32_t *map = sohoa_xmalloc((s.words.n + 1) * sizeof *map);
        words = build_vocab(&s.words, o, map, &nwords);
        for (size_t i = 0; i < s.n; i++)
            if (s.ids[i] != RS_EOL)
                s.ids[i] = map[s.ids[i]];
        mid_total = sohoa_xcalloc(nwords, sizeof *mid_total);
        mid_cap = sohoa_xcalloc(nwords, sizeof *mid_cap);
        for (size_t t = 0; t < s.words.n && t < s.mid_cap_n; t++) {
            mid_total[map[t]] += s.mid_total[t];
            mid_cap[map[t]] += s.mid_cap[t];
        }
        free(map);
        if (progress)
            fprintf(progress, "lm train: %zu tokens, %zu distinct, vocabulary %zu\n", s.n,
                    s.words.n, nwords);
        rc = rs_count_ngrams(s.ids, s.n, o->order, nwords, &counts, err);
    }
    free(s.ids);
    free(s.mid_total);
    free(s.mid_cap);
    free(s.words.t);
    free(s.words.order);
    sohoa_buf_free(&s.words.arena);
    if (rc == SOHOA_OK)
        rc = rs_kn_estimate(&counts, o->min_count, words, &est, err);
    if (rc == SOHOA_OK) {
        est.mid_total = mid_total;
        est.mid_cap = mid_cap;
        mid_total = mid_cap = NULL;
    }
    free(mid_total);
    free(mid_cap);
    rs_counts_free(&counts);
    if (rc == SOHOA_OK && progress) {
        fprintf(progress, "lm train: n-grams kept:");
        for (int k = 1; k <= est.order; k++)
            fprintf(progress, " %d:%zu", k, est.n[k]);
        fprintf(progress, "\n");
    }
    if (rc == SOHOA_OK)
        rc = rs_lm_write_binary(&est, out_path, err);
    if (rc == SOHOA_OK && o->arpa_out)
        rc = rs_arpa_write(&est, o->arpa_out, err);
    rs_est_free(&est);
    if (words)
        for (size_t i = 0; i < nwords; i++)
            free(words[i]);
    free(words);
    return rc;
}

int sohoa_lm_from_arpa(const char *arpa_path, const char *out_path, sohoa_err *err)
{
    rs_est est;
    int rc = rs_arpa_read(arpa_path, &est, err);
    if (rc)
        return rc;
    rc = rs_lm_write_binary(&est, out_path, err);
    rs_est_free(&est);
    return rc;
}
