/* ngram_count.c — counting n-grams by sorting.
 *
 * For each order k, every window of k ids of every padded sentence
 * (<s> w1 .. wm </s>) is packed into one uint64 key (lm_internal.h), the
 * keys are radix-sorted and equal runs become (key, count) pairs. Memory is
 * one uint64 per token per order at a time, far less than a hash table of
 * n-grams, and the sorted output is exactly what Kneser-Ney estimation
 * wants (n-grams sharing a context are adjacent). */
#include "lm_internal.h"

#include <stdlib.h>
#include <string.h>
#include "sohoa/buf.h"

void rs_counts_free(rs_counts *c)
{
    for (int k = 0; k <= SOHOA_LM_MAX_ORDER; k++) {
        free(c->key[k]);
        free(c->count[k]);
        c->key[k] = NULL;
        c->count[k] = NULL;
        c->n[k] = 0;
    }
}

/* LSD radix sort of a[0..n) on the low `bits` bits, 16 bits a pass. */
static void radix_sort(uint64_t *a, size_t n, int bits)
{
    uint64_t *tmp = sohoa_xmalloc(n * sizeof *tmp);
    size_t *cnt = sohoa_xmalloc(65536 * sizeof *cnt);
    uint64_t *src = a, *dst = tmp;
    for (int shift = 0; shift < bits; shift += 16) {
        memset(cnt, 0, 65536 * sizeof *cnt);
        for (size_t i = 0; i < n; i++)
            cnt[(src[i] >> shift) & 0xFFFF]++;
        size_t sum = 0;
        for (size_t b = 0; b < 65536; b++) {
            size_t c = cnt[b];
            cnt[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            dst[cnt[(src[i] >> shift) & 0xFFFF]++] = src[i];
        uint64_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != a)
        memcpy(a, src, n * sizeof *a);
    free(tmp);
    free(cnt);
}

/* All windows of order k of the padded sentences, unsorted. */
static uint64_t *windows(const uint32_t *ids, size_t n, int k, size_t *nout)
{
    size_t cap = n + 64, m = 0;
    uint64_t *keys = sohoa_xmalloc(cap * sizeof *keys);
    uint16_t hist[SOHOA_LM_MAX_ORDER];
    int have = 0;
    int in_sentence = 0;
    for (size_t i = 0; i <= n; i++) {
        uint16_t w;
        if (!in_sentence) {
            if (i == n)
                break;
            /* open a sentence: <s> is history only */
            hist[0] = SOHOA_LM_BOS;
            have = 1;
            in_sentence = 1;
            if (k == 1) {
                have = 0; /* unigram windows never include <s> */
            }
        }
        int eol = (i == n || ids[i] == RS_EOL);
        w = eol ? SOHOA_LM_EOS : (uint16_t)ids[i];
        if (k == 1) {
            if (m == cap)
                keys = sohoa_xrealloc(keys, (cap *= 2) * sizeof *keys);
            keys[m++] = w;
        } else {
            if (have == k - 1) {
                if (m == cap)
                    keys = sohoa_xrealloc(keys, (cap *= 2) * sizeof *keys);
                keys[m++] = (rs_pack(hist, k - 1) << 16) | w;
                memmove(hist, hist + 1, (size_t)(k - 2) * sizeof *hist);
                hist[k - 2] = w;
            } else {
                hist[have++] = w;
            }
        }
        if (eol)
            in_sentence = 0;
    }
    *nout = m;
    return keys;
}

int rs_count_ngrams(const uint32_t *ids, size_t n, int order, size_t nwords, rs_counts *out,
                    sohoa_err *err)
{
    if (order < 1 || order > SOHOA_LM_MAX_ORDER)
        return sohoa_err_set(err, SOHOA_EINVAL, "n-gram order %d is outside 1..%d", order,
                             SOHOA_LM_MAX_ORDER);
    memset(out, 0, sizeof *out);
    out->order = order;
    out->nwords = nwords;
    for (int k = 1; k <= order; k++) {
        size_t m;
        uint64_t *keys = windows(ids, n, k, &m);
        radix_sort(keys, m, 16 * k);
        size_t u = 0;
        uint32_t *cnt = sohoa_xmalloc((m ? m : 1) * sizeof *cnt);
        for (size_t i = 0; i < m;) {
            size_t j = i;
            while (j < m && keys[j] == keys[i])
                j++;
            keys[u] = keys[i];
            cnt[u] = (uint32_t)(j - i);
            u++;
            i = j;
        }
        out->key[k] = sohoa_xrealloc(keys, (u ? u : 1) * sizeof *keys);
        out->count[k] = sohoa_xrealloc(cnt, (u ? u : 1) * sizeof *cnt);
        out->n[k] = u;
    }
    return SOHOA_OK;
}

size_t rs_key_find(const uint64_t *keys, size_t n, uint64_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (keys[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (lo < n && keys[lo] == key) ? lo : (size_t)-1;
}
