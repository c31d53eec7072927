/* lm_batch.c — model scores of many words after many contexts at once.
 *
 * A decoding step asks for every candidate of a token after every
 * hypothesis: tens of n-gram probes into tables of tens of megabytes, each
 * a cache miss when asked one after the other. Asked together, the misses
 * overlap: all probes of one order are hashed and their slots prefetched
 * first, then resolved, then the backed-off ones go one order down.
 *
 * The answers are those of the memoised scorer of lm_memo.c, float for
 * float: the same backoff arithmetic in the same order, and the same skips
 * (models are prefix-closed: when a context of two or more words is absent,
 * no longer n-gram extends it, its backoff is 0 and its probes are skipped). */
#include "restore_int.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define MAX_PAIRS RS_BATCH_MAX_WORDS /* pairs resolved together (and most words) */

typedef struct ctx_state {
    int k;                             /* context words used: min(n, order - 1) */
    int has[SOHOA_LM_MAX_ORDER];       /* has[j]: the last j words are an n-gram */
    float bo[SOHOA_LM_MAX_ORDER];      /* their backoff */
    uint64_t key[SOHOA_LM_MAX_ORDER];  /* the last j words packed, shifted by 16 */
} ctx_state;

typedef struct probe {
    uint64_t slot;
    uint32_t fp; /* 0: absent by the model's filter, the table not read */
} probe;

/* The probe of key in order k's table, its filter word asked for: the
 * first half of probe_at, for probes made in two passes (probe_issue). */
static probe probe_hash(const sohoa_lm *lm, int k, uint64_t key)
{
    uint64_t h = rs_hash_key(key, k);
    probe p = {rs_range(h, lm->tab_slots[k]), (uint32_t)h};
    if (p.fp == 0)
        p.fp = 1;
    if (lm->filter[k])
        __builtin_prefetch(&lm->filter[k][(p.fp & lm->filter_mask[k]) >> 6]);
    return p;
}

/* The second half: the filter read (fingerprint 0 when it says absent),
 * else the table's slots asked for. */
static void probe_issue(const sohoa_lm *lm, int k, probe *p)
{
    if (!rs_lm_may_have(lm, k, p->fp)) {
        p->fp = 0;
        return;
    }
    /* a miss scans to the next empty slot: about 13 slots at the tables'
     * load of 0.8, so the next line too */
    const rs_entry *e = &lm->tab[k][p->slot];
    __builtin_prefetch(e);
    __builtin_prefetch((const char *)e + 64);
}

static probe probe_at(const sohoa_lm *lm, int k, uint64_t key)
{
    probe p = probe_hash(lm, k, key);
    probe_issue(lm, k, &p);
    return p;
}

#ifdef __SSE2__
/* Of the four slots t[0..4), the first whose fingerprint is want or 0
 * (empty), as a bit mask of those that are (0: none). */
static inline unsigned scan4(const rs_entry *t, __m128i want)
{
    __m128 a = _mm_castsi128_ps(_mm_loadu_si128((const __m128i *)t));
    __m128 b = _mm_castsi128_ps(_mm_loadu_si128((const __m128i *)(t + 2)));
    /* the fingerprints are the even 32-bit lanes */
    __m128i fp = _mm_castps_si128(_mm_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0)));
    __m128i end = _mm_or_si128(_mm_cmpeq_epi32(fp, want), _mm_cmpeq_epi32(fp, _mm_setzero_si128()));
    return (unsigned)_mm_movemask_ps(_mm_castsi128_ps(end));
}
#endif

/* The probe's entry or NULL (as rs_lm_find): the first slot from p.slot on
 * (wrapping at the end) that holds p.fp or is empty decides. */
static const rs_entry *probe_get(const sohoa_lm *lm, int k, probe p)
{
    if (p.fp == 0)
        return NULL;
    const rs_entry *t = lm->tab[k];
    uint64_t slots = lm->tab_slots[k], i = p.slot;
#ifdef __SSE2__
    /* a miss scans about 13 slots: four at a time where they fit */
    __m128i want = _mm_set1_epi32((int)p.fp);
    for (; i + 4 <= slots; i += 4) {
        unsigned m = scan4(t + i, want);
        if (m) {
            const rs_entry *e = &t[i + (unsigned)__builtin_ctz(m)];
            return e->fp ? e : NULL;
        }
    }
#endif
    for (;;) {
        if (t[i].fp == p.fp)
            return &t[i];
        if (t[i].fp == 0)
            return NULL;
        if (++i == slots)
            i = 0;
    }
}

/* Keys of the contexts' suffixes, with the probes of those that can be
 * n-grams of the model issued (their answers come in context_resolve). */
static void context_keys(const sohoa_lm *lm, const rs_ctx *ctx, size_t nc, ctx_state *st,
                         probe cp[][MAX_PAIRS])
{
    for (size_t h = 0; h < nc; h++) {
        const uint16_t *c = ctx[h].id;
        int n = ctx[h].n;
        ctx_state *s = &st[h];
        s->k = n < lm->order - 1 ? n : lm->order - 1;
        for (int j = 1; j <= s->k; j++)
            s->key[j] = rs_pack(c + n - j, j) << 16;
        for (int j = 2; j <= s->k; j++)
            cp[j][h] = probe_at(lm, j, s->key[j] >> 16);
        if (s->k >= 1) {
            uint16_t c1 = c[n - 1] < lm->nwords ? c[n - 1] : SOHOA_LM_UNK;
            s->bo[1] = lm->uni_bo[c1];
            s->has[1] = 1;
        }
    }
}

/* Backoffs and presence of the contexts' suffixes, shortest first (a
 * suffix whose shorter one is absent is absent, as the memo had it). */
static void context_resolve(const sohoa_lm *lm, size_t nc, ctx_state *st,
                            probe cp[][MAX_PAIRS])
{
    for (size_t h = 0; h < nc; h++) {
        ctx_state *s = &st[h];
        for (int j = 2; j <= s->k; j++) {
            const rs_entry *e = s->has[j - 1] ? probe_get(lm, j, cp[j][h]) : NULL;
            s->bo[j] = e ? (float)e->bo / RS_QSCALE : 0;
            s->has[j] = e != NULL;
        }
    }
}

/* Contexts [0, nc) (at most MAX_PAIRS / nw of them) times words. The
 * contexts' probes are resolved first (few, and mostly in cache: the same
 * contexts come back step after step); then every pair probe that may be
 * needed, of every order, is issued before any answer is read: one wait for
 * memory instead of one per order. */
static void score_group(const sohoa_lm *lm, const rs_ctx *ctx, size_t nc, const uint16_t *w,
                        size_t nw, float *out, uint8_t *known)
{
    ctx_state st[MAX_PAIRS];
    probe cp[SOHOA_LM_MAX_ORDER][MAX_PAIRS];  /* context probes by order */
    probe pp[SOHOA_LM_MAX_ORDER][MAX_PAIRS];  /* pair probes by context length */
    uint8_t open[MAX_PAIRS]; /* still backing off */
    uint16_t x[MAX_PAIRS];
    for (size_t i = 0; i < nw; i++)
        x[i] = w[i] < lm->nwords ? w[i] : SOHOA_LM_UNK;
    /* the contexts first: a pair whose context is not an n-gram of the
     * model cannot be one either, so its probe is not issued at all */
    context_keys(lm, ctx, nc, st, cp);
    context_resolve(lm, nc, st, cp);
    if (known)
        for (size_t h = 0; h < nc; h++) {
            int j = st[h].k;
            while (j > 0 && !st[h].has[j])
                j--;
            known[h] = (uint8_t)j;
        }
    int top = 0;
    for (size_t h = 0; h < nc; h++) {
        const ctx_state *s = &st[h];
        if (s->k > top)
            top = s->k;
        for (size_t i = 0; i < nw; i++) {
            size_t q = h * nw + i;
            out[q] = 0;
            open[q] = 1;
            for (int j = s->k; j >= 1; j--)
                if (s->has[j])
                    pp[j][q] = probe_hash(lm, j + 1, s->key[j] | x[i]);
        }
    }
    /* the filter words asked for above have come (or are coming) */
    for (size_t h = 0; h < nc; h++)
        for (int j = st[h].k; j >= 1; j--)
            if (st[h].has[j])
                for (size_t i = 0; i < nw; i++)
                    probe_issue(lm, j + 1, &pp[j][h * nw + i]);
    for (int j = top; j >= 1; j--) {
        for (size_t h = 0; h < nc; h++) {
            const ctx_state *s = &st[h];
            if (s->k < j)
                continue;
            for (size_t i = 0; i < nw; i++) {
                size_t q = h * nw + i;
                if (!open[q])
                    continue;
                const rs_entry *e = s->has[j] ? probe_get(lm, j + 1, pp[j][q]) : NULL;
                if (e) {
                    out[q] -= (float)e->prob / RS_QSCALE;
                    open[q] = 0;
                } else {
                    out[q] += s->bo[j];
                }
            }
        }
    }
    for (size_t q = 0; q < nc * nw; q++)
        if (open[q])
            out[q] += lm->uni_prob[x[q % nw]];
}

void rs_lm_score_matrix_known(const sohoa_lm *lm, const rs_ctx *ctx, size_t nctx,
                              const uint16_t *w, size_t nw, float *out, uint8_t *known)
{
    if (nw == 0 || nw > RS_BATCH_MAX_WORDS)
        return;
    size_t per = MAX_PAIRS / nw;
    for (size_t h = 0; h < nctx; h += per) {
        size_t g = nctx - h < per ? nctx - h : per;
        score_group(lm, ctx + h, g, w, nw, out + h * nw, known ? known + h : NULL);
    }
}

void rs_lm_score_matrix(const sohoa_lm *lm, const rs_ctx *ctx, size_t nctx, const uint16_t *w,
                        size_t nw, float *out)
{
    rs_lm_score_matrix_known(lm, ctx, nctx, w, nw, out, NULL);
}
