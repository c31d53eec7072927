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

#include <stdlib.h>
#include <string.h>
#include "sohoa/buf.h"
#include "sohoa/syllable.h"

/* Syllable pairs: (a << 16 | b) + 1, open addressing, 0 empty, each with
 * its kind (RS_LEX_CURATED or RS_LEX_GENERAL): one probe answers both.
 *
 * The decoder asks about every (hypothesis, candidate) pair of every step,
 * and nearly every answer is "no": a filter of FILTER_WORDS 64-bit words
 * (256 KB, cache-resident) with two bits set per pair in one word answers
 * most of them without touching the table (about 1 % of absent pairs get
 * through to it). */
#define FILTER_WORDS ((size_t)1 << 15)
typedef struct pair_slot {
    uint32_t v;   /* the pair, 0 = empty */
    uint8_t kind; /* beside it: a probe is one memory access */
} pair_slot;

typedef struct pairset {
    pair_slot *e;
    size_t cap, n;
    uint64_t *filter; /* FILTER_WORDS words */
} pairset;

/* The filter word and its two bits for pair v. */
static inline uint64_t filter_hash(uint32_t v)
{
    return (uint64_t)v * 0x9e3779b97f4a7c15ULL;
}
static inline size_t filter_word(uint64_t h)
{
    return (size_t)(h >> 49); /* the top 15 bits */
}
static inline uint64_t filter_bits(uint64_t h)
{
    return (1ULL << ((h >> 43) & 63)) | (1ULL << ((h >> 37) & 63));
}

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
        pair_slot *p = x->e;
        x->cap = old ? old * 2 : 1024;
        x->e = sohoa_xcalloc(x->cap, sizeof *x->e);
        x->n = 0;
        for (size_t i = 0; i < old; i++)
            if (p[i].v)
                pair_put(x, (uint16_t)((p[i].v - 1) >> 16), (uint16_t)((p[i].v - 1) & 0xFFFF),
                         p[i].kind);
        free(p);
    }
    uint32_t v = (((uint32_t)a << 16) | b) + 1;
    size_t j = rs_mix64(v) & (x->cap - 1);
    while (x->e[j].v) {
        if (x->e[j].v == v) {
            if (kind < x->e[j].kind) /* curated wins */
                x->e[j].kind = kind;
            return;
        }
        j = (j + 1) & (x->cap - 1);
    }
    x->e[j].v = v;
    x->e[j].kind = kind;
    x->n++;
    if (!x->filter)
        x->filter = sohoa_xcalloc(FILTER_WORDS, sizeof *x->filter);
    uint64_t fh = filter_hash(v);
    x->filter[filter_word(fh)] |= filter_bits(fh);
}

int rs_lexicon_pair(const rs_lexicon *x, uint16_t a, uint16_t b)
{
    if (!x || !x->pairs.cap || a == SOHOA_LM_UNK || b == SOHOA_LM_UNK)
        return 0;
    const pairset *p = &x->pairs;
    uint32_t v = (((uint32_t)a << 16) | b) + 1;
    uint64_t fh = filter_hash(v), bits = filter_bits(fh);
    if ((p->filter[filter_word(fh)] & bits) != bits)
        return 0;
    size_t j = rs_mix64(v) & (p->cap - 1);
    while (p->e[j].v) {
        if (p->e[j].v == v)
            return p->e[j].kind;
        j = (j + 1) & (p->cap - 1);
    }
    return 0;
}

void rs_lexicon_marks(const rs_lexicon *x, uint16_t a, const uint16_t *b, size_t n, int general,
                      uint64_t *bits)
{
    for (size_t w = 0; w < (n + 63) / 64; w++)
        bits[w] = 0;
    if (!x || !x->pairs.cap || a == SOHOA_LM_UNK)
        return;
    const pairset *p = &x->pairs;
    for (size_t c = 0; c < n; c++) {
        if (b[c] == SOHOA_LM_UNK)
            continue;
        uint32_t v = (((uint32_t)a << 16) | b[c]) + 1;
        uint64_t fh = filter_hash(v), fb = filter_bits(fh);
        if ((p->filter[filter_word(fh)] & fb) != fb)
            continue;
        size_t j = rs_mix64(v) & (p->cap - 1);
        while (p->e[j].v && p->e[j].v != v)
            j = (j + 1) & (p->cap - 1);
        if (p->e[j].v && (p->e[j].kind == RS_LEX_CURATED || (general && p->e[j].kind == RS_LEX_GENERAL)))
            bits[c >> 6] |= (uint64_t)1 << (c & 63);
    }
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
        if (sohoa_case_pattern(s, n) == 2) {
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

typedef struct lex_read {
    rs_lexicon *x;
    const sohoa_lm *lm;
    idmemo m;
    int general; /* the current file said "#! general" */
} lex_read;

static void lexicon_line(void *ctx, const char *s, size_t n, size_t lineno)
{
    lex_read *r = ctx;
    if (lineno == 1)
        r->general = 0;
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
        r->general = 1;
    else if (n && s[0] != '#')
        add_entry(r->x, r->lm, &r->m, s, n, r->general);
}

int rs_lexicon_load(const char *dir, const sohoa_lm *lm, rs_lexicon **out, sohoa_err *err)
{
    lex_read r = {sohoa_xcalloc(1, sizeof *r.x), lm,
                  {sohoa_xcalloc(IDMEMO_CAP, sizeof *r.m.key), sohoa_xcalloc(IDMEMO_CAP, sizeof *r.m.id), 0},
                  0};
    /* every *.txt, in name order: the first entry of an abbreviation wins */
    int rc = rs_dict_read(dir, "", lexicon_line, &r, err);
    free(r.m.key);
    free(r.m.id);
    if (rc) {
        rs_lexicon_free(r.x);
        r.x = NULL;
    }
    *out = r.x;
    return rc;
}

/* In a cache: the abbreviations, then the pairs (pair + 1, kind). */
void rs_lexicon_save(const rs_lexicon *x, sohoa_buf *out)
{
    rs_strmap_save(&x->abbrev, out);
    rs_blob_put_u64(out, x->pairs.n);
    for (size_t i = 0; i < x->pairs.cap; i++)
        if (x->pairs.e[i].v) {
            rs_blob_put_u32(out, x->pairs.e[i].v);
            rs_blob_put_u8(out, x->pairs.e[i].kind);
        }
}

rs_lexicon *rs_lexicon_restore(rs_blob *in)
{
    rs_lexicon *x = sohoa_xcalloc(1, sizeof *x);
    int ok = rs_strmap_restore(&x->abbrev, in);
    uint64_t n = ok ? rs_blob_u64(in) : 0;
    ok = ok && !in->bad && n <= (in->n - in->at) / 5; /* a pair takes five bytes */
    if (ok && n) { /* room at once: no growing while they go in */
        x->pairs.cap = 1024;
        while (x->pairs.cap < 2 * (n + 1))
            x->pairs.cap *= 2;
        x->pairs.e = sohoa_xcalloc(x->pairs.cap, sizeof *x->pairs.e);
    }
    for (uint64_t i = 0; ok && i < n; i++) {
        uint32_t v = rs_blob_u32(in);
        uint8_t kind = rs_blob_u8(in);
        ok = !in->bad && v && (kind == RS_LEX_CURATED || kind == RS_LEX_GENERAL);
        if (ok)
            pair_put(&x->pairs, (uint16_t)((v - 1) >> 16), (uint16_t)((v - 1) & 0xFFFF), kind);
    }
    if (!ok || x->pairs.n != n) {
        rs_lexicon_free(x);
        return NULL;
    }
    return x;
}

void rs_lexicon_free(rs_lexicon *x)
{
    if (!x)
        return;
    rs_strmap_free(&x->abbrev);
    free(x->pairs.e);
    free(x->pairs.filter);
    free(x);
}
