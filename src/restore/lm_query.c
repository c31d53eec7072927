/* lm_query.c — answering questions of a loaded binary model: word ids,
 * n-gram probabilities with ARPA backoff semantics, and the skeleton index
 * (which words fold to a given ASCII skeleton). */
#include "lm_internal.h"

#include <string.h>

int sohoa_lm_order(const sohoa_lm *lm)
{
    return lm->order;
}

size_t sohoa_lm_vocab_size(const sohoa_lm *lm)
{
    return lm->nwords;
}

size_t sohoa_lm_count(const sohoa_lm *lm, int order)
{
    return (order >= 1 && order <= lm->order) ? (size_t)lm->count[order] : 0;
}

size_t sohoa_lm_file_size(const sohoa_lm *lm)
{
    return lm->size;
}

const char *sohoa_lm_word(const sohoa_lm *lm, uint16_t id)
{
    return id < lm->nwords ? lm->word_blob + lm->word_off[id] : "<unk>";
}

/* 1 if the NUL-terminated s is exactly t[0..n): compared here, not by
 * strncmp, because most probes differ in the first byte. */
static int same_str(const char *s, const char *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != t[i] || s[i] == '\0')
            return 0;
    return s[n] == '\0';
}

uint16_t sohoa_lm_id(const sohoa_lm *lm, const char *tok, size_t n)
{
    uint64_t mask = lm->vhash_mask;
    for (uint64_t i = rs_hash_str(tok, n) & mask;; i = (i + 1) & mask) {
        uint32_t v = lm->vhash[i];
        if (v == 0)
            return SOHOA_LM_UNK;
        if (same_str(lm->word_blob + lm->word_off[v - 1], tok, n))
            return (uint16_t)(v - 1);
    }
}

float sohoa_lm_score(const sohoa_lm *lm, const uint16_t *ctx, int n, uint16_t w)
{
    if (w >= lm->nwords)
        w = SOHOA_LM_UNK;
    int k = n < lm->order - 1 ? n : lm->order - 1;
    float acc = 0;
    uint16_t g[SOHOA_LM_MAX_ORDER];
    for (; k >= 1; k--) {
        memcpy(g, ctx + n - k, (size_t)k * sizeof *g);
        g[k] = w;
        const rs_entry *e = rs_lm_find(lm, k + 1, rs_pack(g, k + 1));
        if (e)
            return acc - (float)e->prob / RS_QSCALE;
        if (k == 1) {
            uint16_t c = g[0] < lm->nwords ? g[0] : SOHOA_LM_UNK;
            acc += lm->uni_bo[c];
        } else {
            const rs_entry *h = rs_lm_find(lm, k, rs_pack(g, k));
            if (h)
                acc += (float)h->bo / RS_QSCALE;
        }
    }
    return acc + lm->uni_prob[w];
}

void sohoa_lm_score_many(const sohoa_lm *lm, const uint16_t *ctx, int n, const uint16_t *w,
                         size_t m, float *out)
{
    int k = n < lm->order - 1 ? n : lm->order - 1;
    float bo[SOHOA_LM_MAX_ORDER];     /* bo[j]: backoff of the last j context words */
    uint64_t key[SOHOA_LM_MAX_ORDER]; /* key[j]: the last j context words, shifted */
    for (int j = 1; j <= k; j++) {
        uint64_t c = rs_pack(ctx + n - j, j);
        key[j] = c << 16;
        if (j == 1) {
            uint16_t c1 = ctx[n - 1] < lm->nwords ? ctx[n - 1] : SOHOA_LM_UNK;
            bo[j] = lm->uni_bo[c1];
        } else {
            const rs_entry *h = rs_lm_find(lm, j, c);
            bo[j] = h ? (float)h->bo / RS_QSCALE : 0;
        }
    }
    for (size_t i = 0; i < m; i++) {
        uint16_t x = w[i] < lm->nwords ? w[i] : SOHOA_LM_UNK;
        float acc = 0;
        int j = k;
        for (; j >= 1; j--) {
            const rs_entry *e = rs_lm_find(lm, j + 1, key[j] | x);
            if (e) {
                acc -= (float)e->prob / RS_QSCALE;
                break;
            }
            acc += bo[j];
        }
        out[i] = j >= 1 ? acc : acc + lm->uni_prob[x];
    }
}

size_t sohoa_lm_skeleton_forms(const sohoa_lm *lm, const char *skel, size_t n,
                               const uint16_t **ids)
{
    uint64_t mask = lm->skel_hash_mask;
    *ids = NULL;
    if (lm->nskel == 0)
        return 0;
    for (uint64_t i = rs_hash_str(skel, n) & mask;; i = (i + 1) & mask) {
        uint32_t v = lm->skel_hash[i];
        if (v == 0)
            return 0;
        const rs_skel *r = &lm->skel[v - 1];
        if (same_str(lm->skel_blob + r->str_off, skel, n)) {
            *ids = lm->skel_forms + r->forms_off;
            return r->nforms;
        }
    }
}

float sohoa_lm_case_score(const sohoa_lm *lm, uint16_t id, int capitalised)
{
    return rs_lm_case_lp(lm, id, capitalised);
}

size_t sohoa_lm_skeleton_count(const sohoa_lm *lm)
{
    return lm->nskel;
}

const char *sohoa_lm_skeleton_at(const sohoa_lm *lm, size_t i, size_t *len)
{
    if (i >= lm->nskel)
        return NULL;
    const char *s = lm->skel_blob + lm->skel[i].str_off;
    if (len)
        *len = strlen(s);
    return s;
}
