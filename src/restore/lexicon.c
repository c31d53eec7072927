/* lexicon.c — the curated lexicons of dictionaries/: abbreviations and
 * multi-syllable words and names.
 *
 * Every .txt file of dictionaries/ is read: one entry a line (text after a TAB and
 * lines starting with '#' ignored). A single all-caps token (UBND, QĐ,
 * HĐND, TTĐT) is an abbreviation: looked up by its fold ("qd" → "QĐ") for
 * all-caps tokens and code segments (QD-TTg → QĐ-TTg). An entry of several
 * syllables (cải cách hành chính, Vân Điền) gives its adjacent syllable
 * pairs, as LM ids, to a set; the decoder gives a bonus to a path that
 * follows such a pair. A file with a line "#! general" (from there on) is a
 * general word list (Viet74K, made by scripts/fetch-viet74k.sh): its pairs
 * are kept apart, since the decoder trusts them only where the letters are
 * sure (not in garbled OCR, where they pull towards real but wrong words). */
#include "restore_int.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include "sohoa/buf.h"
#include "sohoa/file.h"
#include "sohoa/syllable.h"
#include "sohoa/utf8.h"

/* Syllable pairs: (a << 16 | b) + 1, open addressing, 0 empty, each with
 * its kind (RS_LEX_CURATED or RS_LEX_GENERAL): one probe answers both. */
typedef struct pairset {
    uint32_t *v;
    uint8_t *kind;
    size_t cap, n;
} pairset;

struct rs_lexicon {
    rs_strmap abbrev; /* fold of an abbreviation → its printed form */
    pairset pairs;  /* of curated entries and of general word lists */
};

const char *rs_lexicon_abbrev(const rs_lexicon *x, const char *fold, size_t n)
{
    return x ? rs_strmap_get(&x->abbrev, fold, n) : NULL;
}

static void pair_put(pairset *x, uint16_t a, uint16_t b, uint8_t kind)
{
    if ((x->n + 1) * 2 > x->cap) {
        size_t old = x->cap;
        uint32_t *p = x->v;
        uint8_t *k = x->kind;
        x->cap = old ? old * 2 : 1024;
        x->v = sohoa_xcalloc(x->cap, sizeof *x->v);
        x->kind = sohoa_xcalloc(x->cap, sizeof *x->kind);
        x->n = 0;
        for (size_t i = 0; i < old; i++)
            if (p[i])
                pair_put(x, (uint16_t)((p[i] - 1) >> 16), (uint16_t)((p[i] - 1) & 0xFFFF), k[i]);
        free(p);
        free(k);
    }
    uint32_t v = (((uint32_t)a << 16) | b) + 1;
    size_t j = rs_mix64(v) & (x->cap - 1);
    while (x->v[j]) {
        if (x->v[j] == v) {
            if (kind < x->kind[j]) /* curated wins */
                x->kind[j] = kind;
            return;
        }
        j = (j + 1) & (x->cap - 1);
    }
    x->v[j] = v;
    x->kind[j] = kind;
    x->n++;
}

int rs_lexicon_pair(const rs_lexicon *x, uint16_t a, uint16_t b)
{
    if (!x || !x->pairs.cap || a == SOHOA_LM_UNK || b == SOHOA_LM_UNK)
        return 0;
    const pairset *p = &x->pairs;
    uint32_t v = (((uint32_t)a << 16) | b) + 1;
    size_t j = rs_mix64(v) & (p->cap - 1);
    while (p->v[j]) {
        if (p->v[j] == v)
            return p->kind[j];
        j = (j + 1) & (p->cap - 1);
    }
    return 0;
}

size_t rs_lexicon_size(const rs_lexicon *x)
{
    return x ? x->abbrev.n + x->pairs.n : 0;
}

/* The LM ids of the syllables the loader has looked up: a word list
 * repeats the same few thousand syllables, and finding one's LM form
 * (lower case, tone placed) costs much more than a table probe. */
#define IDMEMO_CAP ((size_t)1 << 15)
typedef struct idmemo {
    char (*key)[24];
    uint16_t *id;
    size_t n;
} idmemo;

static uint16_t syllable_id(idmemo *m, const sohoa_lm *lm, const char *s, size_t n)
{
    size_t j = 0;
    int memo = n < sizeof m->key[0] && m->n * 2 < IDMEMO_CAP;
    if (memo) {
        j = rs_hash_str(s, n) & (IDMEMO_CAP - 1);
        while (m->key[j][0]) {
            if (strncmp(m->key[j], s, n) == 0 && m->key[j][n] == '\0')
                return m->id[j];
            j = (j + 1) & (IDMEMO_CAP - 1);
        }
    }
    char form[128];
    size_t fl = sohoa_lm_form(s, n, form, sizeof form);
    uint16_t id = sohoa_lm_id(lm, form, fl);
    if (memo) {
        memcpy(m->key[j], s, n);
        m->key[j][n] = '\0';
        m->id[j] = id;
        m->n++;
    }
    return id;
}

static void add_entry(rs_lexicon *x, const sohoa_lm *lm, idmemo *m, const char *s, size_t n,
                      int general)
{
    if (!memchr(s, ' ', n)) {
        if (general)
            return; /* a word list's single words are not abbreviations */
        if (rs_case_of(s, n) == 2) {
            char f[128];
            size_t fl = sohoa_fold(s, n, f, sizeof f);
            char v[128];
            if (fl < sizeof f && n < sizeof v) {
                memcpy(v, s, n);
                v[n] = '\0';
                rs_strmap_put(&x->abbrev, f, v, 0); /* first entry wins */
            }
        }
        return;
    }
    uint16_t prev = SOHOA_LM_UNK;
    for (size_t i = 0; i < n;) {
        while (i < n && s[i] == ' ')
            i++;
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        if (j > i) {
            uint16_t id = syllable_id(m, lm, s + i, j - i);
            if (prev != SOHOA_LM_UNK && id != SOHOA_LM_UNK)
                pair_put(&x->pairs, prev, id, general ? RS_LEX_GENERAL : RS_LEX_CURATED);
            prev = id;
        }
        i = j;
    }
}

static int load_file(rs_lexicon *x, const sohoa_lm *lm, idmemo *m, const char *path,
                     sohoa_err *err)
{
    char *data;
    size_t len;
    int rc = sohoa_read_file(path, 64u << 20, &data, &len, err);
    if (rc)
        return rc;
    size_t bad = sohoa_utf8_invalid_at(data, len);
    if (bad != (size_t)-1) {
        free(data);
        return sohoa_err_set(err, SOHOA_EFORMAT, "%s: invalid UTF-8 at byte %zu", path, bad);
    }
    int general = 0; /* set by a line "#! general" */
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(data + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - data) : len;
        const char *s = data + i;
        size_t n = end - i;
        const char *tab = memchr(s, '\t', n);
        if (tab)
            n = (size_t)(tab - s);
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
            n--;
        while (n && *s == ' ') {
            s++;
            n--;
        }
        if (n >= 10 && memcmp(s, "#! general", 10) == 0)
            general = 1;
        else if (n && s[0] != '#')
            add_entry(x, lm, m, s, n, general);
        i = end + 1;
    }
    free(data);
    return SOHOA_OK;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int rs_lexicon_load(const char *dir, const sohoa_lm *lm, rs_lexicon **out, sohoa_err *err)
{
    rs_lexicon *x = sohoa_xcalloc(1, sizeof *x);
    *out = x;
    DIR *dp = dir ? opendir(dir) : NULL;
    if (!dp)
        return SOHOA_OK;
    char **names = NULL;
    size_t nn = 0;
    struct dirent *de;
    while ((de = readdir(dp))) {
        size_t l = strlen(de->d_name);
        if (l > 4 && strcmp(de->d_name + l - 4, ".txt") == 0 && de->d_name[0] != '.') {
            names = sohoa_xrealloc(names, (nn + 1) * sizeof *names);
            names[nn++] = sohoa_xstrdup(de->d_name);
        }
    }
    closedir(dp);
    if (nn) /* a fixed order: first entry wins */
        qsort(names, nn, sizeof *names, by_name);
    int rc = SOHOA_OK;
    idmemo m = {sohoa_xcalloc(IDMEMO_CAP, sizeof *m.key), sohoa_xcalloc(IDMEMO_CAP, sizeof *m.id), 0};
    for (size_t i = 0; i < nn; i++) {
        if (rc == SOHOA_OK) {
            sohoa_buf p = SOHOA_BUF_INIT;
            sohoa_buf_printf(&p, "%s/%s", dir, names[i]);
            rc = load_file(x, lm, &m, p.data, err);
            sohoa_buf_free(&p);
        }
        free(names[i]);
    }
    free(names);
    free(m.key);
    free(m.id);
    if (rc) {
        rs_lexicon_free(x);
        *out = NULL;
    }
    return rc;
}

void rs_lexicon_free(rs_lexicon *x)
{
    if (!x)
        return;
    rs_strmap_free(&x->abbrev);
    free(x->pairs.v);
    free(x->pairs.kind);
    free(x);
}
