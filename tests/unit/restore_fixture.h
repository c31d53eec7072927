/* restore_fixture.h — tiny models for the restorer's unit tests: a
 * temporary directory holding a few sentences written for the test and a
 * model trained on them with every n-gram kept, so a test can work out by
 * hand what the model prefers, whatever the shipped model says.
 * Included by tests/unit/restore_*.c only. */
#ifndef SOHOA_RESTORE_FIXTURE_H
#define SOHOA_RESTORE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "harness.h"
#include "sohoa/lm.h"
#include "sohoa/restore.h"

/* Write text to path (the test stops if it cannot). */
static void fx_write(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        abort();
    fputs(text, f);
    fclose(f);
}

/* The bytes of the file at path (malloc'd; *len its size), or NULL. */
static inline char *fx_read_bytes(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc(*len ? *len : 1);
    if (fread(b, 1, *len, f) != *len)
        *len = 0;
    fclose(f);
    return b;
}

/* Write len bytes to path (the test stops if it cannot). */
static inline void fx_write_bytes(const char *path, const void *b, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(b, 1, len, f);
    fclose(f);
}

/* Rewrite the file at path with byte `at` xor v (none if at is past its
 * end), cut to `cut` bytes if it is longer: a damaged model. */
static inline void fx_damage(const char *path, size_t at, int v, size_t cut)
{
    size_t len;
    char *b = fx_read_bytes(path, &len);
    if (!b)
        abort();
    if (at < len)
        b[at] = (char)(b[at] ^ v);
    fx_write_bytes(path, b, cut < len ? cut : len);
    free(b);
}

/* A new directory $TMPDIR/PREFIX-XXXXXX into dir, taken away when the
 * test binary exits (harness_tmpdir; the test stops if it cannot be made
 * or its name is longer than dir). */
static void fx_tmpdir(char dir[64], const char *prefix)
{
    const char *d = harness_tmpdir(prefix);
    if (strlen(d) >= 64)
        abort();
    strcpy(dir, d);
}

/* Write corpus to DIR/corpus.txt and train DIR/sohoa.lm on it: a model of
 * `order`, every word and every n-gram kept. SOHOA_OK or the training's
 * status. */
static int fx_train(const char *dir, const char *corpus, int order)
{
    char p[256], m[256];
    snprintf(p, sizeof p, "%s/corpus.txt", dir);
    snprintf(m, sizeof m, "%s/sohoa.lm", dir);
    fx_write(p, corpus);
    const char *paths[1] = {p};
    sohoa_lm_train_opts o;
    sohoa_lm_train_opts_init(&o);
    o.order = order;
    o.vocab_min = 1;
    o.min_count[3] = o.min_count[4] = 1;
    sohoa_err err;
    return sohoa_lm_train(paths, 1, &o, m, NULL, &err);
}

/* The model DIR/sohoa.lm that fx_train made, opened; NULL if it cannot be.
 * The caller closes it. */
static inline sohoa_lm *fx_lm(const char *dir)
{
    char m[256];
    snprintf(m, sizeof m, "%s/sohoa.lm", dir);
    sohoa_lm *lm = NULL;
    sohoa_err err;
    if (sohoa_lm_open(m, &lm, &err) != SOHOA_OK)
        return NULL;
    return lm;
}

/* A restorer on a model of `order` trained on corpus in a new directory
 * /tmp/PREFIX-XXXXXX (into dir), with DIR/dict as its dictionaries
 * directory holding abbreviations.txt = abbrev (none if NULL). NULL if
 * training or opening fails. The caller frees it. */
static inline sohoa_restorer *fx_restorer(char dir[64], const char *prefix, const char *corpus,
                                          int order, const char *abbrev)
{
    fx_tmpdir(dir, prefix);
    char d[128];
    snprintf(d, sizeof d, "%s/dict", dir);
    mkdir(d, 0755);
    if (abbrev) {
        char ab[160];
        snprintf(ab, sizeof ab, "%s/abbreviations.txt", d);
        fx_write(ab, abbrev);
    }
    if (fx_train(dir, corpus, order) != SOHOA_OK)
        return NULL;
    sohoa_restorer *r = NULL;
    sohoa_err err;
    if (sohoa_restorer_open(dir, d, &r, &err) != SOHOA_OK)
        return NULL;
    return r;
}

/* A general model of order 3 trained on general + domain text (every word
 * kept) in a new directory /tmp/PREFIX-XXXXXX (into dir), and, if
 * with_domain, the domain model DIR/domain.lm on the domain text with the
 * general model's vocabulary; the restorer on them, or NULL if a step
 * fails. fx_two_models_remove takes the files and the directory away. */
static inline sohoa_restorer *fx_two_models(char dir[64], const char *prefix, const char *general,
                                            const char *domain, int with_domain)
{
    fx_tmpdir(dir, prefix);
    char g[128], d[128], gm[128], dm[128];
    snprintf(g, sizeof g, "%s/general.txt", dir);
    snprintf(d, sizeof d, "%s/domain.txt", dir);
    snprintf(gm, sizeof gm, "%s/sohoa.lm", dir);
    snprintf(dm, sizeof dm, "%s/domain.lm", dir);
    fx_write(g, general);
    fx_write(d, domain);
    const char *paths[2] = {g, d};
    sohoa_lm_train_opts o;
    sohoa_lm_train_opts_init(&o);
    o.order = 3;
    o.vocab_min = 1;
    sohoa_err err;
    if (sohoa_lm_train(paths, 2, &o, gm, NULL, &err) != SOHOA_OK)
        return NULL;
    if (with_domain) {
        sohoa_lm *lm;
        if (sohoa_lm_open(gm, &lm, &err) != SOHOA_OK)
            return NULL;
        o.vocab_from = lm;
        int rc = sohoa_lm_train(paths + 1, 1, &o, dm, NULL, &err);
        sohoa_lm_close(lm);
        if (rc != SOHOA_OK)
            return NULL;
    }
    sohoa_restorer *r = NULL;
    if (sohoa_restorer_open(dir, NULL, &r, &err) != SOHOA_OK)
        return NULL;
    return r;
}

static inline void fx_two_models_remove(const char *dir)
{
    const char *names[] = {"general.txt", "domain.txt", "sohoa.lm", "domain.lm"};
    char p[160];
    for (size_t i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        remove(p);
    }
    rmdir(dir);
}

/* The text r restores in to with options o (NULL: the defaults), malloc'd
 * for the caller; "" when restoration fails. */
static inline char *fx_restore(sohoa_restorer *r, const sohoa_restore_opts *o, const char *in)
{
    sohoa_restore_opts dflt;
    if (!o) {
        sohoa_restore_opts_init(&dflt);
        o = &dflt;
    }
    sohoa_restore_result res;
    sohoa_err err;
    if (!r || sohoa_restore_text(r, o, in, strlen(in), NULL, 0, 0, &res, &err) != SOHOA_OK)
        return strdup("");
    char *t = res.text;
    res.text = NULL;
    sohoa_restore_result_free(&res);
    return t;
}

#endif
