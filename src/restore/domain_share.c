/* domain_share.c — how much of a document the domain model explains, so
 * that the restorer weighs the domain model (administrative text) by the
 * document: interpolating it into news or encyclopaedic text costs accuracy
 * there, leaving it out costs accuracy on administrative text.
 *
 * Each restorable word contributes the unigram probability of its
 * candidate set under each model (the sum over its candidates, so no
 * decoding is needed), and expectation-maximisation finds the mixture
 * weight λ of (1 - λ) general + λ domain that makes the words likeliest. */
#include "restore_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "sohoa/buf.h"

#define EM_ROUNDS 30
#define EM_START 0.1

/* Unigram probabilities by LM id, each computed once per call: words
 * repeat, so most candidates are looked up, not recomputed. */
typedef struct uni_memo {
    double *g, *m;
    unsigned char *known;
} uni_memo;

static void unigrams(const sohoa_restorer *r, uni_memo *um, uint16_t id, double *g, double *m)
{
    if (!um->known[id]) {
        um->g[id] = exp10(sohoa_lm_score(r->lm, NULL, 0, id));
        um->m[id] = exp10(sohoa_lm_score(r->dom, NULL, 0, id));
        um->known[id] = 1;
    }
    *g = um->g[id];
    *m = um->m[id];
}

/* The distinct (general, domain) rows of the words, so that a row shared
 * by many words is weighed once per EM round. Found by a hash of the two
 * doubles' bits, open addressing. */
typedef struct rows {
    double *pg, *pd;  /* distinct rows, nu of them */
    size_t nu, cap;   /* cap: of pg/pd */
    size_t *slot;     /* hash table of row indexes + 1 (0 = empty) */
    size_t hcap;
} rows;

static size_t row_hash(const rows *rs, double g, double m)
{
    uint64_t a, b;
    memcpy(&a, &g, sizeof a);
    memcpy(&b, &m, sizeof b);
    uint64_t h = (a * 0x9E3779B97F4A7C15u) ^ (b + (a >> 31));
    h = (h ^ (h >> 29)) * 0xBF58476D1CE4E5B9u;
    return (size_t)(h ^ (h >> 32)) & (rs->hcap - 1);
}

static void rows_rehash(rows *rs)
{
    free(rs->slot);
    rs->hcap *= 2;
    rs->slot = sohoa_xcalloc(rs->hcap, sizeof *rs->slot);
    for (size_t u = 0; u < rs->nu; u++) {
        size_t i = row_hash(rs, rs->pg[u], rs->pd[u]);
        while (rs->slot[i])
            i = (i + 1) & (rs->hcap - 1);
        rs->slot[i] = u + 1;
    }
}

/* The index of row (g, m), added when new. Rows are equal when their
 * bits are (g > 0, never NaN). */
static size_t rows_index(rows *rs, double g, double m)
{
    size_t i = row_hash(rs, g, m);
    for (; rs->slot[i]; i = (i + 1) & (rs->hcap - 1)) {
        size_t u = rs->slot[i] - 1;
        if (rs->pg[u] == g && rs->pd[u] == m)
            return u;
    }
    if (rs->nu == rs->cap) {
        rs->cap *= 2;
        rs->pg = sohoa_xrealloc(rs->pg, rs->cap * sizeof *rs->pg);
        rs->pd = sohoa_xrealloc(rs->pd, rs->cap * sizeof *rs->pd);
    }
    rs->pg[rs->nu] = g;
    rs->pd[rs->nu] = m;
    rs->slot[i] = ++rs->nu;
    if (2 * rs->nu > rs->hcap)
        rows_rehash(rs);
    return rs->nu - 1;
}

/* EM over the words' rows: n words, count[u] of them on distinct row u.
 * Each round sums the rows' terms times their counts, not word by word
 * (that was 2 % of the instructions of a restoration); the share differs
 * from the word-by-word sum in its last bits at most. */
static double em(const rows *rs, const uint32_t *count, size_t n)
{
    double lam = n ? EM_START : 0;
    for (int it = 0; it < EM_ROUNDS && n; it++) {
        double s = 0;
        for (size_t u = 0; u < rs->nu; u++) {
            double mix = (1 - lam) * rs->pg[u] + lam * rs->pd[u];
            if (mix > 0) /* a row of mixture 0 adds nothing */
                s += count[u] * (lam * rs->pd[u] / mix);
        }
        lam = s / (double)n;
    }
    return lam;
}

float rs_domain_share(const rs_doc *d, const sohoa_restorer *r)
{
    if (!r->dom)
        return 0;
    uni_memo um = {sohoa_xmalloc(RS_MAX_VOCAB * sizeof(double)),
                   sohoa_xmalloc(RS_MAX_VOCAB * sizeof(double)), sohoa_xcalloc(RS_MAX_VOCAB, 1)};
    rows rs = {sohoa_xmalloc(256 * sizeof(double)), sohoa_xmalloc(256 * sizeof(double)), 0, 256,
               sohoa_xcalloc(512, sizeof(size_t)), 512};
    size_t n = 0, cap = 256;
    uint32_t *count = sohoa_xcalloc(cap, sizeof *count); /* words on each row */
    for (size_t i = 0; i < d->ntok; i++) {
        const rs_tok *t = &d->tok[i];
        if (t->kind != RS_WORD)
            continue;
        double g = 0, m = 0;
        for (size_t k = 0; k < t->ncand; k++) {
            uint16_t id = d->cand[t->cand0 + k].id;
            if (id == SOHOA_LM_UNK)
                continue;
            double pg, pd;
            unigrams(r, &um, id, &pg, &pd);
            g += pg;
            m += pd;
        }
        if (g <= 0)
            continue;
        size_t u = rows_index(&rs, g, m);
        if (u == cap) {
            count = sohoa_xrealloc(count, 2 * cap * sizeof *count);
            memset(count + cap, 0, cap * sizeof *count);
            cap *= 2;
        }
        count[u]++;
        n++;
    }
    double lam = em(&rs, count, n);
    free(count);
    free(rs.pg);
    free(rs.pd);
    free(rs.slot);
    free(um.g);
    free(um.m);
    free(um.known);
    return (float)lam;
}
