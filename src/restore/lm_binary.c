/* lm_binary.c — the compact binary model: writing it, and mapping it back
 * with validation.
 *
 * Layout (native little-endian, every section 8-byte aligned):
 *   header        magic "SOHOALM\0", version, order, sizes and section
 *                 offsets, file size, and a 64-bit checksum of every byte
 *                 after the header;
 *   words         uint32 offsets[V+1] + NUL-terminated strings;
 *   vocab hash    uint32 slots (id+1, 0 empty), open addressing;
 *   unigrams      float log10 prob[V], float log10 backoff[V];
 *   orders 2..N   hash tables of rs_entry {fingerprint, quantised prob,
 *                 quantised backoff}: 8 bytes an n-gram, load 0.8 (any
 *                 table size: slots by multiply-shift, linear probing); keys
 *                 are not stored, a 32-bit fingerprint stands for them (a
 *                 false hit needs a fingerprint collision inside one probe
 *                 run: about 1 in 10^9 lookups);
 *   skeletons     rs_skel records, their strings, a hash over them, and the
 *                 uint16 ids of each skeleton's forms, most frequent first.
 * Quantisation: log10 values × 2048 in 16 bits (step 0.0005 in log10).
 * The loader checks magic, version, the file size against the header, every
 * section's bounds, and the checksum, so a truncated or corrupt file is an
 * error naming the path, never a crash. */
#include "lm_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unicode/uchar.h>
#include "sohoa/buf.h"
#include "sohoa/syllable.h"
#include "sohoa/utf8.h"

#define RS_MAGIC "SOHOALM"
#define RS_VERSION 5u
/* Version 4 differs only in its checksum: one chain (lm_internal.h) */
#define RS_VERSION_SERIAL_SUM 4u

typedef struct rs_header {
    char magic[8];
    uint32_t version, order;
    uint64_t file_size, checksum;
    uint32_t nwords, nskel;
    uint64_t count[SOHOA_LM_MAX_ORDER + 1];
    uint64_t slots[SOHOA_LM_MAX_ORDER + 1];
    uint64_t off_word_off, off_word_blob, word_blob_size;
    uint64_t off_vhash, vhash_slots;
    uint64_t off_uni;
    uint64_t off_tab[SOHOA_LM_MAX_ORDER + 1];
    uint64_t off_skel, off_skel_blob, skel_blob_size, off_skel_hash, skel_hash_slots;
    uint64_t off_skel_forms, nskel_forms;
    uint64_t off_case; /* float[2V]: log10 P(lower | w), log10 P(capitalised | w) */
} rs_header;

static uint64_t pow2_slots(uint64_t n)
{
    uint64_t want = n + n / 4 + 2, s = 4;
    while (s < want)
        s <<= 1;
    return s;
}

/* ---- writing --------------------------------------------------------- */

static void pad8(sohoa_buf *b)
{
    while (b->len % 8)
        sohoa_buf_putc(b, 0);
}

static uint16_t qprob(float lp)
{
    double q = -lp * RS_QSCALE;
    if (q < 0)
        q = 0;
    if (q > 65535)
        q = 65535;
    return (uint16_t)lrint(q);
}

static int16_t qbo(float b)
{
    double q = b * RS_QSCALE;
    if (q > 32767)
        q = 32767;
    if (q < -32768)
        q = -32768;
    return (int16_t)lrint(q);
}

typedef struct skel_tmp {
    char *skel;
    uint16_t id;
    float prob;
} skel_tmp;

static int skel_cmp(const void *a, const void *b)
{
    const skel_tmp *x = a, *y = b;
    int c = strcmp(x->skel, y->skel);
    if (c)
        return c;
    return (x->prob < y->prob) - (x->prob > y->prob);
}

/* A word belongs to the skeleton index when it is made of letters only. */
static int all_letters(const char *w)
{
    size_t n = strlen(w);
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(w + i, n - i, &cp);
        if (l == 0 || !u_isalpha((UChar32)cp))
            return 0;
        i += l;
    }
    return 1;
}

static void write_skeletons(const rs_est *e, sohoa_buf *b, rs_header *h)
{
    skel_tmp *t = sohoa_xcalloc(e->nwords + 1, sizeof *t);
    size_t m = 0;
    for (size_t w = 0; w < e->nwords; w++) {
        if (!all_letters(e->words[w]))
            continue;
        char sk[256];
        size_t l = sohoa_fold(e->words[w], strlen(e->words[w]), sk, sizeof sk);
        if (l == 0 || l >= sizeof sk)
            continue;
        t[m].skel = sohoa_xstrdup(sk);
        t[m].id = (uint16_t)w;
        t[m].prob = e->prob[1][w];
        m++;
    }
    qsort(t, m, sizeof *t, skel_cmp);
    size_t ns = 0;
    for (size_t i = 0; i < m; i++)
        if (i == 0 || strcmp(t[i].skel, t[i - 1].skel) != 0)
            ns++;
    rs_skel *recs = sohoa_xcalloc(ns + 1, sizeof *recs);
    sohoa_buf blob = SOHOA_BUF_INIT;
    uint16_t *forms = sohoa_xmalloc((m + 1) * sizeof *forms);
    size_t s = 0;
    for (size_t i = 0; i < m; i++) {
        if (i == 0 || strcmp(t[i].skel, t[i - 1].skel) != 0) {
            recs[s].str_off = (uint32_t)blob.len;
            recs[s].forms_off = (uint32_t)i;
            sohoa_buf_append(&blob, t[i].skel, strlen(t[i].skel) + 1);
            s++;
        }
        recs[s - 1].nforms++;
        forms[i] = t[i].id;
    }
    uint64_t slots = pow2_slots(ns);
    uint32_t *hash = sohoa_xcalloc(slots, sizeof *hash);
    for (size_t i = 0; i < ns; i++) {
        const char *str = blob.data + recs[i].str_off;
        uint64_t j = rs_hash_str(str, strlen(str)) & (slots - 1);
        while (hash[j])
            j = (j + 1) & (slots - 1);
        hash[j] = (uint32_t)i + 1;
    }
    h->nskel = (uint32_t)ns;
    pad8(b);
    h->off_skel = b->len;
    sohoa_buf_append(b, recs, ns * sizeof *recs);
    pad8(b);
    h->off_skel_blob = b->len;
    h->skel_blob_size = blob.len;
    sohoa_buf_append(b, blob.data ? blob.data : "", blob.len);
    pad8(b);
    h->off_skel_hash = b->len;
    h->skel_hash_slots = slots;
    sohoa_buf_append(b, hash, slots * sizeof *hash);
    pad8(b);
    h->off_skel_forms = b->len;
    h->nskel_forms = m;
    sohoa_buf_append(b, forms, m * sizeof *forms);
    pad8(b);
    for (size_t i = 0; i < m; i++)
        free(t[i].skel);
    free(t);
    free(recs);
    free(hash);
    free(forms);
    sohoa_buf_free(&blob);
}

static void write_words(const rs_est *e, sohoa_buf *b, rs_header *h)
{
    uint32_t *off = sohoa_xmalloc((e->nwords + 1) * sizeof *off);
    sohoa_buf blob = SOHOA_BUF_INIT;
    for (size_t w = 0; w < e->nwords; w++) {
        off[w] = (uint32_t)blob.len;
        sohoa_buf_append(&blob, e->words[w], strlen(e->words[w]) + 1);
    }
    off[e->nwords] = (uint32_t)blob.len;
    h->off_word_off = b->len;
    sohoa_buf_append(b, off, (e->nwords + 1) * sizeof *off);
    pad8(b);
    h->off_word_blob = b->len;
    h->word_blob_size = blob.len;
    sohoa_buf_append(b, blob.data ? blob.data : "", blob.len);
    pad8(b);
    uint64_t slots = pow2_slots(e->nwords);
    uint32_t *hash = sohoa_xcalloc(slots, sizeof *hash);
    for (size_t w = 0; w < e->nwords; w++) {
        uint64_t j = rs_hash_str(e->words[w], strlen(e->words[w])) & (slots - 1);
        while (hash[j])
            j = (j + 1) & (slots - 1);
        hash[j] = (uint32_t)w + 1;
    }
    h->off_vhash = b->len;
    h->vhash_slots = slots;
    sohoa_buf_append(b, hash, slots * sizeof *hash);
    pad8(b);
    free(off);
    free(hash);
    sohoa_buf_free(&blob);
}

static void write_tables(const rs_est *e, sohoa_buf *b, rs_header *h)
{
    h->off_uni = b->len;
    sohoa_buf_append(b, e->prob[1], e->nwords * sizeof(float));
    sohoa_buf_append(b, e->bo[1], e->nwords * sizeof(float));
    pad8(b);
    h->count[1] = e->nwords;
    for (int k = 2; k <= e->order; k++) {
        uint64_t slots = e->n[k] + e->n[k] / 4 + 2; /* load 0.8 */
        rs_entry *t = sohoa_xcalloc(slots, sizeof *t);
        for (size_t i = 0; i < e->n[k]; i++) {
            uint64_t hh = rs_hash_key(e->key[k][i], k);
            uint32_t fp = (uint32_t)hh; /* low half: the slot comes from the high half */
            if (fp == 0)
                fp = 1;
            uint64_t j = rs_range(hh, slots);
            while (t[j].fp)
                if (++j == slots)
                    j = 0;
            t[j].fp = fp;
            t[j].prob = qprob(e->prob[k][i]);
            t[j].bo = qbo(e->bo[k][i]);
        }
        h->count[k] = e->n[k];
        h->slots[k] = slots;
        h->off_tab[k] = b->len;
        sohoa_buf_append(b, t, slots * sizeof *t);
        pad8(b);
        free(t);
    }
}

/* Case statistics as smoothed log10 probabilities; 0 (no information)
 * without statistics. */
static void write_case(const rs_est *e, sohoa_buf *b, rs_header *h)
{
    float *lp = sohoa_xcalloc(2 * e->nwords, sizeof *lp);
    if (e->mid_total)
        for (size_t w = 0; w < e->nwords; w++) {
            double t = e->mid_total[w], c = e->mid_cap[w];
            lp[2 * w] = (float)log10((t - c + 0.5) / (t + 1.0));
            lp[2 * w + 1] = (float)log10((c + 0.5) / (t + 1.0));
        }
    pad8(b);
    h->off_case = b->len;
    sohoa_buf_append(b, lp, 2 * e->nwords * sizeof *lp);
    pad8(b);
    free(lp);
}

int rs_lm_write_binary(const rs_est *e, const char *path, sohoa_err *err)
{
    if (e->nwords > RS_MAX_VOCAB || e->order < 1 || e->order > SOHOA_LM_MAX_ORDER)
        return sohoa_err_set(err, SOHOA_EINVAL, "%s: model has %zu words and order %d (limits %u, 4)",
                             path, e->nwords, e->order, RS_MAX_VOCAB);
    rs_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, RS_MAGIC, 8);
    h.version = RS_VERSION;
    h.order = (uint32_t)e->order;
    h.nwords = (uint32_t)e->nwords;
    sohoa_buf b = SOHOA_BUF_INIT;
    sohoa_buf_append(&b, &h, sizeof h);
    pad8(&b);
    write_words(e, &b, &h);
    write_tables(e, &b, &h);
    write_skeletons(e, &b, &h);
    write_case(e, &b, &h);
    h.file_size = b.len;
    h.checksum = rs_checksum(RS_LM_CHECKSUM_SEED, (const unsigned char *)b.data + sizeof h,
                             b.len - sizeof h);
    memcpy(b.data, &h, sizeof h);

    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        sohoa_buf_free(&b);
        return sohoa_err_set(err, SOHOA_EIO, "%s: %s", tmp, strerror(errno));
    }
    size_t wr = fwrite(b.data, 1, b.len, f);
    int bad = wr != b.len || fflush(f) != 0;
    bad |= fclose(f) != 0;
    sohoa_buf_free(&b);
    if (bad || rename(tmp, path) != 0) {
        remove(tmp);
        return sohoa_err_set(err, SOHOA_EIO, "%s: cannot write the model", path);
    }
    return SOHOA_OK;
}

/* ---- loading --------------------------------------------------------- */

static int in_bounds(uint64_t off, uint64_t len, uint64_t size)
{
    return off <= size && len <= size - off && off % 8 == 0;
}

static int is_pow2(uint64_t x)
{
    return x >= 2 && (x & (x - 1)) == 0;
}

static int check_sections(const rs_header *h, uint64_t size)
{
    uint64_t V = h->nwords;
    if (V < 4 || V > RS_MAX_VOCAB || h->order < 1 || h->order > SOHOA_LM_MAX_ORDER)
        return 0;
    if (!in_bounds(h->off_word_off, (V + 1) * 4, size) ||
        !in_bounds(h->off_word_blob, h->word_blob_size, size) || !is_pow2(h->vhash_slots) ||
        h->vhash_slots <= V || !in_bounds(h->off_vhash, h->vhash_slots * 4, size) ||
        !in_bounds(h->off_uni, V * 8, size))
        return 0;
    for (uint32_t k = 2; k <= h->order; k++)
        if (h->slots[k] <= h->count[k] ||
            h->slots[k] > size / sizeof(rs_entry) ||
            !in_bounds(h->off_tab[k], h->slots[k] * sizeof(rs_entry), size))
            return 0;
    if (!is_pow2(h->skel_hash_slots) || h->skel_hash_slots <= h->nskel ||
        !in_bounds(h->off_skel, (uint64_t)h->nskel * sizeof(rs_skel), size) ||
        !in_bounds(h->off_skel_blob, h->skel_blob_size, size) ||
        !in_bounds(h->off_skel_hash, h->skel_hash_slots * 4, size) ||
        h->nskel_forms > size || !in_bounds(h->off_skel_forms, h->nskel_forms * 2, size) ||
        !in_bounds(h->off_case, V * 8, size))
        return 0;
    return 1;
}

/* 1 if one of t[0..n) is 0: an open-addressing table's lookup of an
 * absent key runs until it meets an empty slot, so a table with none (no
 * writer makes one: they keep a fifth of the slots empty) would never
 * return. The first empty slot is found within a few slots of the start
 * in any real table. */
static int has_empty_u32(const uint32_t *t, uint64_t n)
{
    for (uint64_t i = 0; i < n; i++)
        if (t[i] == 0)
            return 1;
    return 0;
}

static int has_empty_entry(const rs_entry *t, uint64_t n)
{
    for (uint64_t i = 0; i < n; i++)
        if (t[i].fp == 0)
            return 1;
    return 0;
}

/* Every open-addressing table has an empty slot, and offsets inside the
 * string and form arrays stay inside them. */
static int check_contents(const struct sohoa_lm *lm, const rs_header *h)
{
    if (!has_empty_u32(lm->vhash, h->vhash_slots) ||
        (lm->nskel && !has_empty_u32(lm->skel_hash, h->skel_hash_slots)))
        return 0;
    for (uint32_t k = 2; k <= h->order; k++)
        if (!has_empty_entry(lm->tab[k], h->slots[k]))
            return 0;
    for (uint32_t w = 0; w <= lm->nwords; w++)
        if (lm->word_off[w] > h->word_blob_size || (w && lm->word_off[w] <= lm->word_off[w - 1]))
            return 0;
    if (h->word_blob_size == 0 || lm->word_blob[h->word_blob_size - 1] != '\0')
        return 0;
    for (uint64_t i = 0; i < h->vhash_slots; i++)
        if (lm->vhash[i] > lm->nwords)
            return 0;
    for (uint32_t s = 0; s < lm->nskel; s++) {
        const rs_skel *r = &lm->skel[s];
        if (r->str_off >= h->skel_blob_size || r->forms_off > h->nskel_forms ||
            r->nforms > h->nskel_forms - r->forms_off)
            return 0;
    }
    if (lm->nskel && lm->skel_blob[h->skel_blob_size - 1] != '\0')
        return 0;
    for (uint64_t i = 0; i < h->skel_hash_slots; i++)
        if (lm->skel_hash[i] > lm->nskel)
            return 0;
    for (uint64_t i = 0; i < h->nskel_forms; i++)
        if (lm->skel_forms[i] >= lm->nwords)
            return 0;
    return 1;
}

static void attach(struct sohoa_lm *lm, const rs_header *h)
{
    const char *base = lm->map;
    lm->order = (int)h->order;
    lm->nwords = h->nwords;
    lm->word_off = (const uint32_t *)(base + h->off_word_off);
    lm->word_blob = base + h->off_word_blob;
    lm->vhash = (const uint32_t *)(base + h->off_vhash);
    lm->vhash_mask = h->vhash_slots - 1;
    lm->uni_prob = (const float *)(base + h->off_uni);
    lm->uni_bo = lm->uni_prob + h->nwords;
    for (uint32_t k = 2; k <= h->order; k++) {
        lm->tab[k] = (const rs_entry *)(base + h->off_tab[k]);
        lm->tab_slots[k] = h->slots[k];
    }
    for (uint32_t k = 1; k <= h->order; k++)
        lm->count[k] = h->count[k];
    lm->nskel = h->nskel;
    lm->skel = (const rs_skel *)(base + h->off_skel);
    lm->skel_blob = base + h->off_skel_blob;
    lm->skel_hash = (const uint32_t *)(base + h->off_skel_hash);
    lm->skel_hash_mask = h->skel_hash_slots - 1;
    lm->skel_forms = (const uint16_t *)(base + h->off_skel_forms);
    lm->case_lp = (const float *)(base + h->off_case);
}

/* ---- checksum and filters ------------------------------------------------
 * The loader reads every byte of the file for its checksum; the n-gram
 * filters (lm_internal.h) are set from the tables as the checksum passes
 * over them, a block at a time, while the block is still in cache. */

/* Filter bits per n-gram: 4 (about one probe in six of an absent n-gram
 * finds its bit set) keeps the three filters of a 33 MB model in about
 * 2 MB. */
#define FILTER_BITS_PER_GRAM 4

/* Bytes of a table summed, then filtered, at a time. */
#define SUM_BLOCK ((size_t)64 << 10)

/* The words body[from..to) (offsets multiple of 8, counted from the body's
 * start) into the checksum s; when bits is not NULL the words are n-gram
 * slots and their fingerprints are set in bits (mask: index bits). */
static void sum_words(rs_sum *s, const unsigned char *body, size_t from, size_t to,
                      uint64_t *bits, uint32_t mask)
{
    if (!bits) {
        rs_sum_words(s, body, from, to);
        return;
    }
    for (size_t at = from; at < to; at += SUM_BLOCK) {
        size_t end = to - at > SUM_BLOCK ? at + SUM_BLOCK : to;
        rs_sum_words(s, body, at, end);
        for (size_t i = at; i < end; i += 8) {
            uint32_t fp; /* rs_entry.fp, the low half */
            memcpy(&fp, body + i, 4);
            if (fp)
                bits[(fp & mask) >> 6] |= (uint64_t)1 << (fp & mask & 63);
        }
    }
}

/* The filters of lm's tables, made while the body's checksum (as
 * rs_checksum_lanes with `lanes`) is checked: 1 if it matches. The tables
 * are sections of the body in order of their order; were they not (a
 * header no writer makes), the checksum is taken alone and no filter
 * made. */
static int checksum_filters(struct sohoa_lm *lm, const rs_header *h, int lanes)
{
    const unsigned char *body = (const unsigned char *)lm->map + sizeof *h;
    size_t n = lm->size - sizeof *h, words = n - n % 8;
    size_t from[SOHOA_LM_MAX_ORDER + 1], to[SOHOA_LM_MAX_ORDER + 1], at = 0;
    int tables = sizeof *h % 8 == 0;
    for (uint32_t k = 2; tables && k <= h->order; k++) {
        from[k] = h->off_tab[k] - sizeof *h;
        to[k] = from[k] + h->slots[k] * sizeof(rs_entry);
        tables = h->off_tab[k] >= sizeof *h && from[k] >= at && to[k] <= words;
        at = to[k];
    }
    rs_sum sum;
    rs_sum_init(&sum, RS_LM_CHECKSUM_SEED, lanes);
    at = 0;
    for (uint32_t k = 2; tables && k <= h->order; k++) {
        uint64_t bits = 64;
        while (bits < lm->count[k] * FILTER_BITS_PER_GRAM && bits < ((uint64_t)1 << 32))
            bits <<= 1;
        lm->filter[k] = sohoa_xcalloc(bits / 64, sizeof(uint64_t));
        lm->filter_mask[k] = (uint32_t)(bits - 1);
        sum_words(&sum, body, at, from[k], NULL, 0);
        sum_words(&sum, body, from[k], to[k], lm->filter[k], lm->filter_mask[k]);
        at = to[k];
    }
    sum_words(&sum, body, at, words, NULL, 0);
    return rs_sum_end(&sum, RS_LM_CHECKSUM_SEED, body + words, n - words) == h->checksum;
}

int sohoa_lm_open(const char *path, sohoa_lm **out, sohoa_err *err)
{
    *out = NULL;
    void *map;
    size_t size;
    int rc = rs_map_model(path, "language model", sizeof(rs_header), &map, &size, err);
    if (rc)
        return rc;
    rs_header h;
    memcpy(&h, map, sizeof h);
    const char *why = NULL;
    if (memcmp(h.magic, RS_MAGIC, 8) != 0)
        why = "wrong magic number";
    else if (h.version != RS_VERSION && h.version != RS_VERSION_SERIAL_SUM)
        why = "unsupported version";
    else if (h.file_size != size)
        why = h.file_size > size ? "truncated" : "trailing bytes after the model";
    else if (!check_sections(&h, size))
        why = "section sizes out of bounds";
    if (why) {
        munmap(map, size);
        return rs_model_invalid(err, path, "language model", why);
    }
    struct sohoa_lm *lm = sohoa_xcalloc(1, sizeof *lm);
    lm->map = map;
    lm->size = size;
    lm->path = sohoa_xstrdup(path);
    attach(lm, &h);
    if (!checksum_filters(lm, &h, h.version == RS_VERSION_SERIAL_SUM ? 1 : RS_SUM_LANES)) {
        sohoa_lm_close(lm);
        return rs_model_invalid(err, path, "language model", "checksum mismatch");
    }
    if (!check_contents(lm, &h)) {
        sohoa_lm_close(lm);
        return rs_model_invalid(err, path, "language model",
                                "inconsistent offsets or a full hash table");
    }
    madvise(map, size, MADV_WILLNEED);
    *out = lm;
    return SOHOA_OK;
}

void sohoa_lm_close(sohoa_lm *lm)
{
    if (!lm)
        return;
    if (lm->map)
        munmap(lm->map, lm->size);
    for (int k = 0; k <= SOHOA_LM_MAX_ORDER; k++)
        free(lm->filter[k]);
    free(lm->path);
    free(lm);
}
