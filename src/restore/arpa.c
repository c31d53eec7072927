/* arpa.c — the ARPA text format of back-off n-gram models, written from an
 * estimated model and read into one (so models from other toolkits can be
 * converted to our binary format). Orders 1..4, at most 65,536 words; the
 * special words <unk> <s> </s> <num> always get ids 0..3 (added with
 * log10 p = -99 if the file lacks them). */
#include "lm_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sohoa/buf.h"
#include "sohoa/file.h"

static void unpack(uint64_t key, int k, uint16_t *g)
{
    for (int i = k - 1; i >= 0; i--) {
        g[i] = (uint16_t)(key & 0xFFFF);
        key >>= 16;
    }
}

int rs_arpa_write(const rs_est *e, const char *path, sohoa_err *err)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return sohoa_err_set(err, SOHOA_EIO, "%s: %s", path, strerror(errno));
    fprintf(f, "\n\\data\\\n");
    for (int k = 1; k <= e->order; k++)
        fprintf(f, "ngram %d=%zu\n", k, e->n[k]);
    for (int k = 1; k <= e->order; k++) {
        fprintf(f, "\n\\%d-grams:\n", k);
        for (size_t i = 0; i < e->n[k]; i++) {
            uint16_t g[SOHOA_LM_MAX_ORDER];
            unpack(e->key[k][i], k, g);
            fprintf(f, "%.6f\t", e->prob[k][i]);
            for (int j = 0; j < k; j++)
                fprintf(f, "%s%s", j ? " " : "", e->words[g[j]]);
            if (k < e->order)
                fprintf(f, "\t%.6f", e->bo[k][i]);
            fputc('\n', f);
        }
    }
    fprintf(f, "\n\\end\\\n");
    if (fclose(f) != 0)
        return sohoa_err_set(err, SOHOA_EIO, "%s: write failed", path);
    return SOHOA_OK;
}

/* ---- reading ---------------------------------------------------------- */

typedef struct word_ix {
    const char *s;
    uint16_t id;
} word_ix;

static int wcmp(const void *a, const void *b)
{
    return strcmp(((const word_ix *)a)->s, ((const word_ix *)b)->s);
}

typedef struct gram {
    uint64_t key;
    float prob, bo;
} gram;

static int gcmp(const void *a, const void *b)
{
    uint64_t x = ((const gram *)a)->key, y = ((const gram *)b)->key;
    return (x > y) - (x < y);
}

typedef struct reader {
    const char *path;
    char *data;
    size_t len, pos;
    int lineno;
} reader;

/* Next line (NUL-terminated in place), or NULL at the end. */
static char *next_line(reader *r)
{
    if (r->pos >= r->len)
        return NULL;
    char *s = r->data + r->pos;
    char *nl = memchr(s, '\n', r->len - r->pos);
    if (nl) {
        *nl = '\0';
        r->pos = (size_t)(nl - r->data) + 1;
    } else {
        r->pos = r->len;
    }
    size_t l = strlen(s);
    if (l && s[l - 1] == '\r')
        s[l - 1] = '\0';
    r->lineno++;
    return s;
}

static int fail(reader *r, sohoa_err *err, const char *why)
{
    return sohoa_err_set(err, SOHOA_EFORMAT, "%s:%d: %s", r->path, r->lineno, why);
}

static int read_header(reader *r, size_t *counts, int *order, sohoa_err *err)
{
    char *l;
    while ((l = next_line(r)) && strcmp(l, "\\data\\") != 0)
        ;
    if (!l)
        return fail(r, err, "no \\data\\ section: not an ARPA file");
    *order = 0;
    while ((l = next_line(r)) && l[0]) {
        int k;
        size_t c;
        if (sscanf(l, "ngram %d=%zu", &k, &c) != 2)
            return fail(r, err, "expected 'ngram N=COUNT'");
        if (k < 1 || k > SOHOA_LM_MAX_ORDER || k != *order + 1)
            return fail(r, err, "n-gram orders must run 1, 2, ... up to 4");
        counts[k] = c;
        *order = k;
    }
    if (*order == 0)
        return fail(r, err, "no n-gram counts");
    if (counts[1] > RS_MAX_VOCAB - 4)
        return fail(r, err, "more than 65,532 words");
    return SOHOA_OK;
}

/* Split "prob<TAB>w1 w2<TAB>bo" (tabs or spaces). Returns the number of
 * words, or -1. */
static int split(char *l, int k, float *prob, char **w, float *bo)
{
    char *save = NULL;
    char *t = strtok_r(l, " \t", &save);
    if (!t)
        return -1;
    char *end;
    *prob = strtof(t, &end);
    if (*end)
        return -1;
    for (int i = 0; i < k; i++) {
        w[i] = strtok_r(NULL, " \t", &save);
        if (!w[i])
            return -1;
    }
    *bo = 0;
    t = strtok_r(NULL, " \t", &save);
    if (t) {
        *bo = strtof(t, &end);
        if (*end)
            return -1;
    }
    return k;
}

static int read_unigrams(reader *r, size_t n, rs_est *e, word_ix **ix, sohoa_err *err)
{
    e->words = sohoa_xcalloc(n + 4, sizeof(char *));
    e->prob[1] = sohoa_xmalloc((n + 4) * sizeof(float));
    e->bo[1] = sohoa_xcalloc(n + 4, sizeof(float));
    static const char *const sp[4] = {"<unk>", "<s>", "</s>", "<num>"};
    for (int i = 0; i < 4; i++) {
        e->words[i] = sohoa_xstrdup(sp[i]);
        e->prob[1][i] = -99;
    }
    size_t V = 4;
    e->nwords = 4; /* so that rs_est_free releases what is read so far */
    char *l;
    while ((l = next_line(r)) && strcmp(l, "\\1-grams:") != 0)
        ;
    if (!l)
        return fail(r, err, "no \\1-grams: section");
    for (size_t i = 0; i < n; i++) {
        l = next_line(r);
        char *w[1];
        float p, b;
        if (!l)
            return fail(r, err, "the file ends with fewer 1-grams than its header says");
        if (split(l, 1, &p, w, &b) != 1)
            return fail(r, err, "malformed 1-gram line");
        size_t id = V;
        for (int s = 0; s < 4; s++)
            if (strcmp(w[0], sp[s]) == 0)
                id = (size_t)s;
        if (id == V) {
            e->words[V++] = sohoa_xstrdup(w[0]);
            e->nwords = V;
        }
        e->prob[1][id] = p;
        e->bo[1][id] = b;
    }
    e->nwords = V;
    e->n[1] = V;
    e->key[1] = sohoa_xmalloc(V * sizeof(uint64_t));
    *ix = sohoa_xmalloc(V * sizeof **ix);
    for (size_t i = 0; i < V; i++) {
        e->key[1][i] = i;
        (*ix)[i] = (word_ix){e->words[i], (uint16_t)i};
    }
    qsort(*ix, V, sizeof **ix, wcmp);
    return SOHOA_OK;
}

static int read_order(reader *r, int k, size_t n, const word_ix *ix, rs_est *e, sohoa_err *err)
{
    char head[32];
    snprintf(head, sizeof head, "\\%d-grams:", k);
    char *l;
    while ((l = next_line(r)) && strcmp(l, head) != 0)
        ;
    if (!l)
        return fail(r, err, "missing an n-gram section");
    gram *g = sohoa_xmalloc((n ? n : 1) * sizeof *g);
    for (size_t i = 0; i < n; i++) {
        l = next_line(r);
        char *w[SOHOA_LM_MAX_ORDER];
        float p, b;
        if (!l) {
            free(g);
            return fail(r, err, "the file ends with fewer n-grams than its header says");
        }
        if (split(l, k, &p, w, &b) != k) {
            free(g);
            return fail(r, err, "malformed n-gram line");
        }
        uint64_t key = 0;
        for (int j = 0; j < k; j++) {
            word_ix probe = {w[j], 0};
            const word_ix *hit = bsearch(&probe, ix, e->nwords, sizeof *ix, wcmp);
            if (!hit) {
                free(g);
                return fail(r, err, "n-gram with a word missing from the 1-grams");
            }
            key = (key << 16) | hit->id;
        }
        g[i] = (gram){key, p, b};
    }
    qsort(g, n, sizeof *g, gcmp);
    e->n[k] = n;
    e->key[k] = sohoa_xmalloc((n ? n : 1) * sizeof(uint64_t));
    e->prob[k] = sohoa_xmalloc((n ? n : 1) * sizeof(float));
    e->bo[k] = sohoa_xmalloc((n ? n : 1) * sizeof(float));
    for (size_t i = 0; i < n; i++) {
        e->key[k][i] = g[i].key;
        e->prob[k][i] = g[i].prob;
        e->bo[k][i] = k == e->order ? 0 : g[i].bo;
    }
    free(g);
    return SOHOA_OK;
}

int rs_arpa_read(const char *path, rs_est *out, sohoa_err *err)
{
    memset(out, 0, sizeof *out);
    reader r = {path, NULL, 0, 0, 0};
    int rc = sohoa_read_file(path, 0, &r.data, &r.len, err);
    if (rc)
        return rc;
    size_t counts[SOHOA_LM_MAX_ORDER + 1] = {0};
    word_ix *ix = NULL;
    rc = read_header(&r, counts, &out->order, err);
    if (rc == SOHOA_OK)
        rc = read_unigrams(&r, counts[1], out, &ix, err);
    for (int k = 2; rc == SOHOA_OK && k <= out->order; k++)
        rc = read_order(&r, k, counts[k], ix, out, err);
    free(ix);
    free(r.data);
    if (rc)
        rs_est_free(out);
    return rc;
}
