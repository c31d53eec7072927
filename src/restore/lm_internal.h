/* lm_internal.h — what the language-model files of src/restore share: the
 * estimated model in memory (from training or ARPA), the binary layout, and
 * the key packing and hashing. Private to src/restore.
 *
 * Key packing: an n-gram of order k (k ≤ 4) of 16-bit ids w1..wk is the
 * uint64 Σ w_i << 16*(k-i), so w1 sits in the highest used bits. Sorted keys
 * of one order therefore keep every n-gram with the same prefix together
 * (the prefix is key >> 16, the suffix key & ((1 << 16*(k-1)) - 1)). */
#ifndef SOHOA_RESTORE_LM_INTERNAL_H
#define SOHOA_RESTORE_LM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unicode/uchar.h>
#include "sohoa/error.h"
#include "sohoa/textfile.h"
#include "sohoa/lm.h"

#define RS_MAX_VOCAB 65536u

/* The estimated model: per order, sorted keys with log10 probability and
 * log10 backoff (backoff 0 for the highest order). Owned by the struct;
 * release with rs_est_free. */
typedef struct rs_est {
    int order;
    size_t nwords;
    char **words;                          /* nwords strings, id = index */
    size_t n[SOHOA_LM_MAX_ORDER + 1];      /* n-grams per order (n[1] = nwords) */
    uint64_t *key[SOHOA_LM_MAX_ORDER + 1];
    float *prob[SOHOA_LM_MAX_ORDER + 1];
    float *bo[SOHOA_LM_MAX_ORDER + 1];
    /* case statistics per word, inside sentences (after a word on the same
     * line): occurrences and capitalised occurrences; NULL if unknown */
    uint32_t *mid_total, *mid_cap;
} rs_est;

void rs_est_free(rs_est *e);

/* Counted n-grams, the input of Kneser-Ney estimation: per order, sorted
 * unique keys with their raw counts. */
typedef struct rs_counts {
    int order;
    size_t nwords;
    size_t n[SOHOA_LM_MAX_ORDER + 1];
    uint64_t *key[SOHOA_LM_MAX_ORDER + 1];
    uint32_t *count[SOHOA_LM_MAX_ORDER + 1];
} rs_counts;

void rs_counts_free(rs_counts *c);

/* Count every n-gram of orders 1..order in the id stream ids[0..n) (word
 * ids < 65,536), where RS_EOL ends a sentence. Sentences are padded with
 * <s> and </s>; <s> is never counted as a unigram event. */
#define RS_EOL 0xFFFFFFFFu
int rs_count_ngrams(const uint32_t *ids, size_t n, int order, size_t nwords,
                    rs_counts *out, sohoa_err *err);

/* Modified Kneser-Ney with interpolation; n-grams of order k ≥ 2 with raw
 * count below min_count[k] are pruned (backoffs renormalised). counts is
 * left as it was. words (nwords strings) is copied into out. */
int rs_kn_estimate(const rs_counts *c, const unsigned *min_count, char *const *words,
                   rs_est *out, sohoa_err *err);

/* Index of key in sorted keys[0..n), or (size_t)-1. */
size_t rs_key_find(const uint64_t *keys, size_t n, uint64_t key);

/* ARPA text. */
int rs_arpa_write(const rs_est *e, const char *path, sohoa_err *err);
int rs_arpa_read(const char *path, rs_est *out, sohoa_err *err);

/* Binary model (lm_binary.c): write an estimated model. */
int rs_lm_write_binary(const rs_est *e, const char *path, sohoa_err *err);

/* Splitting text into LM tokens (lm_tokens.c): calls fn for each token of
 * line[0..n) in LM form (sohoa_lm_form for word cores; one token per
 * punctuation character). word is 1 for word cores, 0 for punctuation;
 * cap is 1 when the core's first letter is upper case and the rest is not
 * all upper case (a name or a sentence start). */
typedef void (*rs_tok_fn)(const char *tok, size_t n, int word, int cap, void *ctx);
void rs_lm_tokens(const char *line, size_t n, rs_tok_fn fn, void *ctx);

/* 1 if the core s[0..n) is an upper-case Roman numeral the LM reads as
 * "<num>" (lm_numeral.c: I, II, III, IV, VII ... XXI; not V, VI, X, XI). */
int rs_lm_roman(const char *s, size_t n);


/* The core of a whitespace token w[0..n): *a..*b spans its letters and
 * digits, from the first to the last (punctuation around it excluded).
 * Returns 0 (and *a = *b = n) when the token has no letter or digit.
 * Shared by training (lm_tokens.c) and decoding (tokens.c), so that both
 * cut words the same way. */
int rs_word_core(const char *w, size_t n, size_t *a, size_t *b);

/* 1 if cp separates tokens: ASCII white space (line breaks included), NBSP,
 * the Unicode spaces U+2000..U+200B and U+3000. */
static inline int rs_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\f' || cp == '\v' ||
           cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x3000;
}

/* u_isalnum of cp. In ASCII that is exactly the letters and the digits,
 * answered here without ICU: most bytes of any text are ASCII. */
static inline int rs_is_alnum(uint32_t cp)
{
    if (cp < 0x80)
        return (cp | 32) - 'a' < 26 || cp - '0' < 10;
    return u_isalnum((UChar32)cp);
}

/* The end of the token that starts at s[i]: the offset of the first
 * separator (rs_is_space) at or after i, or n. Invalid UTF-8 bytes count
 * as one-byte characters. */
size_t rs_token_end(const char *s, size_t n, size_t i);

/* The loaded binary model (lm_binary.c maps and validates it, lm_query.c
 * answers). Every pointer points into the mapping. */
typedef struct rs_entry {
    uint32_t fp;  /* fingerprint (low half of the key's hash), 0 = empty slot */
    uint16_t prob; /* -log10 p × RS_QSCALE */
    int16_t bo;    /* log10 backoff × RS_QSCALE */
} rs_entry;

typedef struct rs_skel {
    uint32_t str_off; /* into skel_blob, NUL-terminated */
    uint32_t forms_off; /* into skel_forms */
    uint32_t nforms;
} rs_skel;

#define RS_QSCALE 2048.0f

struct sohoa_lm {
    void *map;
    size_t size;
    char *path;
    int order;
    uint32_t nwords;
    const uint32_t *word_off;
    const char *word_blob;
    const uint32_t *vhash;
    uint64_t vhash_mask;
    const float *uni_prob, *uni_bo;
    const rs_entry *tab[SOHOA_LM_MAX_ORDER + 1];
    uint64_t tab_slots[SOHOA_LM_MAX_ORDER + 1];
    uint64_t count[SOHOA_LM_MAX_ORDER + 1];
    uint32_t nskel;
    const rs_skel *skel;
    const char *skel_blob;
    const uint32_t *skel_hash;
    uint64_t skel_hash_mask;
    const uint16_t *skel_forms;
    const float *case_lp; /* [2*V]: log10 P(lower | w), log10 P(capitalised | w), inside sentences */
    /* Per order k ≥ 2, built on loading (owned, NULL for none): bit
     * (fp & filter_mask[k]) is set for the fingerprint fp of every n-gram
     * of the table. A probe whose bit is clear is answered "absent" without
     * the table: most probes are misses, and a miss scans about 13 slots of
     * a table of megabytes; the bits fit in the cache. */
    uint64_t *filter[SOHOA_LM_MAX_ORDER + 1];
    uint32_t filter_mask[SOHOA_LM_MAX_ORDER + 1];
};

/* 0 if no n-gram of order k has the fingerprint fp (so a probe for it
 * finds nothing), 1 if one may. */
static inline int rs_lm_may_have(const struct sohoa_lm *lm, int k, uint32_t fp)
{
    const uint64_t *f = lm->filter[k];
    if (!f)
        return 1;
    uint32_t b = fp & lm->filter_mask[k];
    return (int)(f[b >> 6] >> (b & 63) & 1);
}

/* sohoa_lm_case_score, inline: case evidence asks it for every candidate
 * of every word inside a sentence. */
static inline float rs_lm_case_lp(const struct sohoa_lm *lm, uint16_t id, int capitalised)
{
    return id < lm->nwords ? lm->case_lp[2 * (size_t)id + (capitalised ? 1 : 0)] : 0;
}

/* Find the entry of key (order k ≥ 2) or NULL. */
static inline const rs_entry *rs_lm_find(const struct sohoa_lm *lm, int k, uint64_t key);

/* A context of up to three ids: id[0..n), oldest first. */
typedef struct rs_ctx {
    uint16_t id[SOHOA_LM_MAX_ORDER - 1];
    uint8_t n;
} rs_ctx;

/* Scores (log10) of the words w[0..nw) after each context ctx[0..nctx):
 * out[h * nw + i] for word i after context h, the same floats as
 * sohoa_lm_score on a valid (prefix-closed) model; the contexts' probes are
 * issued together so their cache misses overlap (lm_batch.c). Words beyond
 * RS_BATCH_MAX_WORDS are not scored: nothing is written then. */
#define RS_BATCH_MAX_WORDS 256
void rs_lm_score_matrix(const struct sohoa_lm *lm, const rs_ctx *ctx, size_t nctx,
                        const uint16_t *w, size_t nw, float *out);
/* The same, and known[h]: how many of context h's last words the model has
 * seen as a context (1 ... its order - 1; 0 for an empty context). */
void rs_lm_score_matrix_known(const struct sohoa_lm *lm, const rs_ctx *ctx, size_t nctx,
                              const uint16_t *w, size_t nw, float *out, uint8_t *known);

/* 64-bit mixing and string hashing. */
static inline uint64_t rs_mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

static inline uint64_t rs_hash_str(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return rs_mix64(h);
}

static inline uint64_t rs_hash_key(uint64_t key, int order)
{
    return rs_mix64(key ^ ((uint64_t)order * 0x9e3779b97f4a7c15ULL));
}

/* The checksum of a model file's body (everything after its header); each
 * format has its own seed, so one format's file never passes as another's.
 *
 * The body's 8-byte words are spread over RS_SUM_LANES chains of
 * multiplies (word k to lane k % 4), each as h = mix(h ^ w) + offset, and
 * the lanes are mixed together at the end, then the bytes after the last
 * whole word. A single chain (the files of sohoa.lm version 4 and sohoa.skc
 * version 1, which are still read) waits on each multiply: a third of the
 * time of loading the models. Four side by side run about four times as
 * fast. Any change to one word changes its lane, since each step is a
 * bijection of the lane. */
#define RS_SUM_LANES 4
#define RS_SUM_AHEAD 4096 /* bytes prefetched ahead of the sum */
typedef struct rs_sum {
    uint64_t lane[RS_SUM_LANES];
    int lanes; /* RS_SUM_LANES, or 1 for the single chain of older files */
} rs_sum;

static inline void rs_sum_init(rs_sum *s, uint64_t seed, int lanes)
{
    s->lanes = lanes;
    for (int k = 0; k < RS_SUM_LANES; k++)
        s->lane[k] = seed + (uint64_t)k * 0x9e3779b97f4a7c15ULL;
}

static inline uint64_t rs_sum_step(uint64_t h, const unsigned char *p, size_t i)
{
    uint64_t w;
    memcpy(&w, p + i, 8);
    return rs_mix64(h ^ w) + i;
}

/* Add the words body[from .. to) (offsets from the body's start, multiples
 * of 8). */
static inline void rs_sum_words(rs_sum *s, const unsigned char *body, size_t from, size_t to)
{
    size_t i = from;
    if (s->lanes == 1) {
        for (; i < to; i += 8)
            s->lane[0] = rs_sum_step(s->lane[0], body, i);
        return;
    }
    for (; i < to && (i / 8) % RS_SUM_LANES; i += 8)
        s->lane[(i / 8) % RS_SUM_LANES] = rs_sum_step(s->lane[(i / 8) % RS_SUM_LANES], body, i);
    uint64_t a = s->lane[0], b = s->lane[1], c = s->lane[2], d = s->lane[3];
    for (; i + 32 <= to; i += 32) {
        /* the file's pages are read once, in order, and the processor's
         * own prefetch stops at each 4 KB page: asked for a page ahead,
         * the loads of the model's checksums stall less (load CPU about
         * 0.90-0.93 of what it was, 30 paired runs each at 1, 4, 8 and
         * 16 KB ahead; 0.94 at 256 bytes). Near the end it asks for the
         * word at hand: a pointer past the body is not one C lets us make. */
        __builtin_prefetch(body + (i + RS_SUM_AHEAD < to ? i + RS_SUM_AHEAD : i));
        a = rs_sum_step(a, body, i);
        b = rs_sum_step(b, body, i + 8);
        c = rs_sum_step(c, body, i + 16);
        d = rs_sum_step(d, body, i + 24);
    }
    s->lane[0] = a, s->lane[1] = b, s->lane[2] = c, s->lane[3] = d;
    for (; i < to; i += 8)
        s->lane[(i / 8) % RS_SUM_LANES] = rs_sum_step(s->lane[(i / 8) % RS_SUM_LANES], body, i);
}

/* The checksum, given the n - n % 8 .. n bytes after the last whole word. */
static inline uint64_t rs_sum_end(const rs_sum *s, uint64_t seed, const unsigned char *tail,
                                  size_t ntail)
{
    uint64_t h = s->lane[0];
    if (s->lanes > 1) {
        h = seed;
        for (int k = 0; k < RS_SUM_LANES; k++)
            h = rs_mix64(h ^ s->lane[k]);
    }
    for (size_t i = 0; i < ntail; i++)
        h = rs_mix64(h ^ tail[i]);
    return h;
}

/* The checksum of n bytes at p, with `lanes` lanes (RS_SUM_LANES for the
 * files written now). */
static inline uint64_t rs_checksum_lanes(uint64_t seed, const unsigned char *p, size_t n,
                                         int lanes)
{
    rs_sum s;
    rs_sum_init(&s, seed, lanes);
    size_t words = n - n % 8;
    rs_sum_words(&s, p, 0, words);
    return rs_sum_end(&s, seed, p + words, n - words);
}

static inline uint64_t rs_checksum(uint64_t seed, const unsigned char *p, size_t n)
{
    return rs_checksum_lanes(seed, p, n, RS_SUM_LANES);
}
#define RS_LM_CHECKSUM_SEED 0x6a09e667f3bcc908ULL
#define RS_SKC_CHECKSUM_SEED 0x5be0cd19137e2179ULL
#define RS_WIN_CHECKSUM_SEED 0x1f83d9abfb41bd6bULL

/* Open PATH, check it is a regular file of at least header_size bytes and
 * map it read-only into *map (caller munmaps *size bytes). WHAT names the
 * kind of model in errors ("language model"). SOHOA_EIO or SOHOA_EFORMAT
 * with err naming the path. (model_file.c) */
int rs_map_model(const char *path, const char *what, size_t header_size, void **map,
                 size_t *size, sohoa_err *err);

/* Write the n bytes at data to path by way of PATH.tmp (renamed over path
 * once whole); SOHOA_EIO with err naming the path and the WHAT on failure.
 * (model_file.c) */
int rs_write_model(const char *path, const char *what, const void *data, size_t n,
                   sohoa_err *err);

/* SOHOA_EFORMAT with err "PATH: not a valid sohoa WHAT (WHY)": a model file
 * that fails its format's checks. (model_file.c) */
int rs_model_invalid(sohoa_err *err, const char *path, const char *what, const char *why);

/* A hash mapped onto [0, n) without a power-of-two size (Lemire's
 * multiply-shift), so n-gram tables need not round up. */
static inline uint64_t rs_range(uint64_t h, uint64_t n)
{
    return (uint64_t)(((unsigned __int128)h * n) >> 64);
}

static inline uint64_t rs_pack(const uint16_t *ids, int k)
{
    uint64_t key = 0;
    for (int i = 0; i < k; i++)
        key = (key << 16) | ids[i];
    return key;
}

static inline const rs_entry *rs_lm_find(const struct sohoa_lm *lm, int k, uint64_t key)
{
    uint64_t h = rs_hash_key(key, k);
    uint32_t fp = (uint32_t)h; /* low half: the slot comes from the high half */
    if (fp == 0)
        fp = 1;
    if (!rs_lm_may_have(lm, k, fp))
        return NULL;
    uint64_t slots = lm->tab_slots[k];
    const rs_entry *t = lm->tab[k];
    for (uint64_t i = rs_range(h, slots);;) {
        if (t[i].fp == fp)
            return &t[i];
        if (t[i].fp == 0)
            return NULL;
        if (++i == slots)
            i = 0;
    }
}

#endif
