/* kn.c — interpolated modified Kneser-Ney estimation (Chen & Goodman 1998)
 * with count pruning.
 *
 * Steps, on the sorted unique n-grams of rs_counts:
 *  1. adjusted counts: the highest order keeps raw counts; a lower-order
 *     n-gram gets its continuation count N1+(• g) (distinct left extensions),
 *     except n-grams starting with <s>, which keep raw counts;
 *  2. three discounts per order from the counts-of-counts n1..n4:
 *     Y = n1/(n1+2n2), D1 = 1-2Y n2/n1, D2 = 2-3Y n3/n2, D3+ = 3-4Y n4/n3;
 *  3. interpolated probabilities, order by order:
 *     p(w|h) = (a(hw) - D(a))/Σa(h•) + γ(h) p(w|h'),
 *     γ(h) = (D1 N1(h•) + D2 N2(h•) + D3 N3+(h•)) / Σa(h•),
 *     unigrams interpolated with the uniform distribution;
 *  4. pruning: n-grams of order ≥ 2 seen fewer than min_count[k] times are
 *     dropped unless they prefix a kept longer n-gram;
 *  5. backoff weights renormalised on what is kept, as an ARPA reader will
 *     query: bo(h) = (1 - Σ_kept p(w|h)) / (1 - Σ_kept P(w|h')).
 * Without pruning step 5 gives bo(h) = γ(h) exactly. */
#include "lm_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "sohoa/buf.h"

void rs_est_free(rs_est *e)
{
    if (e->words)
        for (size_t i = 0; i < e->nwords; i++)
            free(e->words[i]);
    free(e->words);
    for (int k = 0; k <= SOHOA_LM_MAX_ORDER; k++) {
        free(e->key[k]);
        free(e->prob[k]);
        free(e->bo[k]);
    }
    free(e->mid_total);
    free(e->mid_cap);
    memset(e, 0, sizeof *e);
}

static uint64_t low_mask(int k)
{
    return k >= 4 ? ~0ULL : ((1ULL << (16 * k)) - 1);
}

/* Adjusted counts of order k (see step 1). */
static uint32_t *adjusted(const rs_counts *c, int k)
{
    size_t n = c->n[k];
    uint32_t *a = sohoa_xcalloc(n ? n : 1, sizeof *a);
    if (k == c->order) {
        memcpy(a, c->count[k], n * sizeof *a);
        return a;
    }
    const uint64_t *up = c->key[k + 1];
    for (size_t i = 0; i < c->n[k + 1]; i++) {
        size_t j = rs_key_find(c->key[k], n, up[i] & low_mask(k));
        if (j != (size_t)-1)
            a[j]++;
    }
    for (size_t i = 0; i < n; i++)
        if ((c->key[k][i] >> (16 * (k - 1))) == SOHOA_LM_BOS)
            a[i] = c->count[k][i];
    return a;
}

static void discounts(const uint32_t *a, size_t n, double D[4])
{
    double nn[5] = {0};
    for (size_t i = 0; i < n; i++)
        if (a[i] >= 1 && a[i] <= 4)
            nn[a[i]]++;
    D[0] = 0;
    D[1] = 0.5;
    D[2] = 1.0;
    D[3] = 1.5; /* defaults for tiny corpora where the formula is undefined */
    if (nn[1] > 0 && nn[2] > 0 && nn[3] > 0 && nn[4] > 0) {
        double Y = nn[1] / (nn[1] + 2 * nn[2]);
        double d1 = 1 - 2 * Y * nn[2] / nn[1];
        double d2 = 2 - 3 * Y * nn[3] / nn[2];
        double d3 = 3 - 4 * Y * nn[4] / nn[3];
        if (d1 > 0.05 && d1 < 1)
            D[1] = d1;
        if (d2 > 0.05 && d2 < 2)
            D[2] = d2;
        if (d3 > 0.05 && d3 < 3)
            D[3] = d3;
    }
}

static double disc(const double D[4], uint32_t a)
{
    return a >= 3 ? D[3] : D[a];
}

/* ARPA-style query on an estimated model: log10 P(g[len-1] | g[0..len-1)). */
static double est_query(const rs_est *e, const uint16_t *g, int len)
{
    double acc = 0;
    for (int start = 0; start < len; start++) {
        int k = len - start;
        size_t idx = rs_key_find(e->key[k], e->n[k], rs_pack(g + start, k));
        if (idx != (size_t)-1)
            return acc + e->prob[k][idx];
        if (k - 1 >= 1) {
            size_t c = rs_key_find(e->key[k - 1], e->n[k - 1], rs_pack(g + start, k - 1));
            if (c != (size_t)-1)
                acc += e->bo[k - 1][c];
        }
    }
    return acc - 99; /* unreachable: every word has a unigram */
}

static void unpack(uint64_t key, int k, uint16_t *g)
{
    for (int i = k - 1; i >= 0; i--) {
        g[i] = (uint16_t)(key & 0xFFFF);
        key >>= 16;
    }
}

/* Step 3 for unigrams: every vocabulary word gets an entry. */
static void unigrams(const rs_counts *c, const uint32_t *a, rs_est *e)
{
    size_t V = c->nwords;
    double D[4];
    discounts(a, c->n[1], D);
    double total = 0, mass = 0;
    for (size_t i = 0; i < c->n[1]; i++) {
        total += a[i];
        mass += disc(D, a[i]);
    }
    double gamma = total > 0 ? mass / total : 1.0;
    size_t Vp = V > 1 ? V - 1 : 1; /* <s> is never predicted */
    e->n[1] = V;
    e->key[1] = sohoa_xmalloc(V * sizeof(uint64_t));
    e->prob[1] = sohoa_xmalloc(V * sizeof(float));
    e->bo[1] = sohoa_xcalloc(V, sizeof(float));
    for (size_t w = 0; w < V; w++) {
        e->key[1][w] = w;
        e->prob[1][w] = (float)log10(gamma / (double)Vp);
    }
    for (size_t i = 0; i < c->n[1]; i++) {
        size_t w = (size_t)c->key[1][i];
        if (w >= V)
            continue;
        double p = (total > 0 ? (a[i] - disc(D, a[i])) / total : 0) + gamma / (double)Vp;
        e->prob[1][w] = (float)log10(p);
    }
    if (V > SOHOA_LM_BOS)
        e->prob[1][SOHOA_LM_BOS] = -99.0f;
}

/* Step 3 for order k ≥ 2 (all n-grams, before pruning). */
static void higher(const rs_counts *c, const uint32_t *a, int k, rs_est *e)
{
    size_t n = c->n[k];
    double D[4];
    discounts(a, n, D);
    e->n[k] = n;
    e->key[k] = sohoa_xmalloc((n ? n : 1) * sizeof(uint64_t));
    memcpy(e->key[k], c->key[k], n * sizeof(uint64_t));
    e->prob[k] = sohoa_xmalloc((n ? n : 1) * sizeof(float));
    e->bo[k] = sohoa_xcalloc(n ? n : 1, sizeof(float));
    for (size_t i = 0; i < n;) {
        uint64_t h = c->key[k][i] >> 16;
        size_t j = i;
        double total = 0, mass = 0;
        while (j < n && (c->key[k][j] >> 16) == h) {
            total += a[j];
            mass += disc(D, a[j]);
            j++;
        }
        double gamma = mass / total;
        for (size_t t = i; t < j; t++) {
            uint64_t suf = c->key[k][t] & low_mask(k - 1);
            size_t s = rs_key_find(e->key[k - 1], e->n[k - 1], suf);
            double plow = s != (size_t)-1 ? pow(10.0, e->prob[k - 1][s]) : 0;
            double p = (a[t] - disc(D, a[t])) / total + gamma * plow;
            e->prob[k][t] = (float)log10(p);
        }
        i = j;
    }
}

/* Step 4: which n-grams of order k stay. */
static unsigned char *keep_mask(const rs_counts *c, const rs_est *e, int k,
                                const unsigned char *keep_up, const unsigned *min_count)
{
    size_t n = e->n[k];
    unsigned char *keep = sohoa_xmalloc(n ? n : 1);
    unsigned m = min_count ? min_count[k] : 1;
    for (size_t i = 0; i < n; i++)
        keep[i] = c->count[k][i] >= m;
    if (keep_up)
        for (size_t i = 0; i < e->n[k + 1]; i++)
            if (keep_up[i]) {
                size_t p = rs_key_find(e->key[k], n, e->key[k + 1][i] >> 16);
                if (p != (size_t)-1)
                    keep[p] = 1;
            }
    return keep;
}

static void compact(rs_est *e, int k, const unsigned char *keep)
{
    size_t u = 0;
    for (size_t i = 0; i < e->n[k]; i++)
        if (keep[i]) {
            e->key[k][u] = e->key[k][i];
            e->prob[k][u] = e->prob[k][i];
            e->bo[k][u] = e->bo[k][i];
            u++;
        }
    e->n[k] = u;
}

/* Step 5 for the contexts of order k-1 that n-grams of order k extend. */
static void backoffs(rs_est *e, int k)
{
    size_t n = e->n[k];
    uint16_t g[SOHOA_LM_MAX_ORDER];
    for (size_t i = 0; i < n;) {
        uint64_t h = e->key[k][i] >> 16;
        double num = 1, den = 1;
        size_t j = i;
        while (j < n && (e->key[k][j] >> 16) == h) {
            num -= pow(10.0, e->prob[k][j]);
            unpack(e->key[k][j], k, g);
            den -= pow(10.0, est_query(e, g + 1, k - 1));
            j++;
        }
        if (num < 1e-9)
            num = 1e-9;
        if (den < 1e-9)
            den = 1e-9;
        size_t hc = rs_key_find(e->key[k - 1], e->n[k - 1], h);
        if (hc != (size_t)-1)
            e->bo[k - 1][hc] = (float)log10(num / den);
        i = j;
    }
}

int rs_kn_estimate(const rs_counts *c, const unsigned *min_count, char *const *words,
                   rs_est *out, sohoa_err *err)
{
    memset(out, 0, sizeof *out);
    if (c->order < 1 || c->order > SOHOA_LM_MAX_ORDER || c->nwords < 4)
        return sohoa_err_set(err, SOHOA_EINVAL, "cannot estimate: order %d, %zu words", c->order,
                             c->nwords);
    out->order = c->order;
    out->nwords = c->nwords;
    out->words = sohoa_xcalloc(c->nwords, sizeof(char *));
    for (size_t i = 0; i < c->nwords; i++)
        out->words[i] = sohoa_xstrdup(words[i]);
    for (int k = 1; k <= c->order; k++) {
        uint32_t *a = adjusted(c, k);
        if (k == 1)
            unigrams(c, a, out);
        else
            higher(c, a, k, out);
        free(a);
    }
    unsigned char *keep_up = NULL;
    for (int k = c->order; k >= 2; k--) {
        unsigned char *keep = keep_mask(c, out, k, keep_up, min_count);
        if (keep_up)
            compact(out, k + 1, keep_up);
        free(keep_up);
        keep_up = keep;
    }
    if (keep_up)
        compact(out, 2, keep_up);
    free(keep_up);
    for (int k = 2; k <= c->order; k++)
        backoffs(out, k);
    return SOHOA_OK;
}
