/* lm_memo.c — a memo of language-model answers for one restoration call.
 *
 * The beam search asks the same things again and again: hypotheses that
 * share their last one or two words back off to the same lower-order
 * n-grams, the cache-bonus pass repeats the first pass, and confidences
 * re-score the best path. Each question costs a probe into a table of tens
 * of megabytes (a cache miss); the memo answers repeats from two small
 * direct-mapped tables that stay in the CPU cache:
 *   finds   (model, order, packed key) → the model entry or "absent";
 *   scores  (context of up to 3 ids, word) → the mixed log10 score.
 * A slot holds the last question that hashed to it, so answers are exact
 * (the same as asking the model) and memory is fixed. */
#include "restore_int.h"

#include <math.h>
#include <stdlib.h>
#include "sohoa/buf.h"

#define FIND_BITS 16
#define SCORE_BITS 16

typedef struct find_slot {
    uint64_t key;
    const rs_entry *e; /* the entry, or NULL when absent */
    uint32_t tag;      /* 1 + model * 8 + order; 0 = empty */
} find_slot;

typedef struct score_slot {
    uint64_t key; /* context ids and the word, packed */
    float v;
    uint32_t tag; /* 1 + number of context ids; 0 = empty */
} score_slot;

/* Rows (row_memo.c) of up to ROW_BYTES: a 1 MB block's two decoding
 * passes fit. */
#define ROW_BYTES ((size_t)128 << 20)

struct rs_lm_memo {
    find_slot find[1u << FIND_BITS];
    score_slot score[1u << SCORE_BITS];
    rs_row_memo *rows;
};

rs_lm_memo *rs_lm_memo_new(void)
{
    rs_lm_memo *m = sohoa_xcalloc(1, sizeof(rs_lm_memo));
    m->rows = rs_row_memo_new(ROW_BYTES);
    return m;
}

void rs_lm_memo_free(rs_lm_memo *m)
{
    if (!m)
        return;
    rs_row_memo_free(m->rows);
    free(m);
}

rs_row_memo *rs_lm_memo_rows(rs_lm_memo *m)
{
    return m->rows;
}

static const rs_entry *memo_find(rs_lm_memo *m, const sohoa_lm *lm, int which, int k,
                                 uint64_t key)
{
    uint32_t tag = 1u + (uint32_t)which * 8u + (uint32_t)k;
    find_slot *s = &m->find[rs_mix64(key * 8 + (uint64_t)tag) >> (64 - FIND_BITS)];
    if (s->tag == tag && s->key == key)
        return s->e;
    s->tag = tag;
    s->key = key;
    s->e = rs_lm_find(lm, k, key);
    return s->e;
}

/* sohoa_lm_score_many with memoised probes: the same arithmetic in the same
 * order, so the same floats. Models are prefix-closed (kn.c keeps every
 * n-gram that prefixes a kept longer one), so when a context of two or more
 * words is absent no n-gram extends it: its probes are skipped (its backoff
 * is 0, as the model answers). */
void rs_memo_score_many(rs_lm_memo *m, const sohoa_lm *lm, int which, const uint16_t *ctx,
                        int n, const uint16_t *w, size_t nw, float *out)
{
    int k = n < lm->order - 1 ? n : lm->order - 1;
    float bo[SOHOA_LM_MAX_ORDER];
    uint64_t key[SOHOA_LM_MAX_ORDER];
    int has[SOHOA_LM_MAX_ORDER];
    for (int j = 1; j <= k; j++) {
        uint64_t c = rs_pack(ctx + n - j, j);
        key[j] = c << 16;
        if (j == 1) {
            uint16_t c1 = ctx[n - 1] < lm->nwords ? ctx[n - 1] : SOHOA_LM_UNK;
            bo[j] = lm->uni_bo[c1];
            has[j] = 1;
        } else {
            const rs_entry *h = has[j - 1] ? memo_find(m, lm, which, j, c) : NULL;
            bo[j] = h ? (float)h->bo / RS_QSCALE : 0;
            has[j] = h != NULL;
        }
    }
    for (size_t i = 0; i < nw; i++) {
        uint16_t x = w[i] < lm->nwords ? w[i] : SOHOA_LM_UNK;
        float acc = 0;
        int j = k;
        for (; j >= 1; j--) {
            if (!has[j]) {
                acc += bo[j];
                continue;
            }
            const rs_entry *e = memo_find(m, lm, which, j + 1, key[j] | x);
            if (e) {
                acc -= (float)e->prob / RS_QSCALE;
                break;
            }
            acc += bo[j];
        }
        out[i] = j >= 1 ? acc : acc + lm->uni_prob[x];
    }
}

int rs_memo_score_get(rs_lm_memo *m, const uint16_t *ctx, int n, uint16_t w, float *v)
{
    uint64_t key = (rs_pack(ctx, n) << 16) | w;
    uint32_t tag = 1u + (uint32_t)n;
    score_slot *s = &m->score[rs_mix64(key * 4 + (uint64_t)n) >> (64 - SCORE_BITS)];
    if (s->tag != tag || s->key != key)
        return 0;
    *v = s->v;
    return 1;
}

void rs_memo_score_put(rs_lm_memo *m, const uint16_t *ctx, int n, uint16_t w, float v)
{
    uint64_t key = (rs_pack(ctx, n) << 16) | w;
    score_slot *s = &m->score[rs_mix64(key * 4 + (uint64_t)n) >> (64 - SCORE_BITS)];
    s->tag = 1u + (uint32_t)n;
    s->key = key;
    s->v = v;
}
