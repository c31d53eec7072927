/* coarse_pass.c — a cheap first look at the candidate lattice, so that the
 * decoder need not try what cannot win (issue #12, speed).
 *
 * For each context segment (context_breaks.c: up to a blank line or heading) a
 * forward-backward pass scores the paths through the candidates under the
 * general model's bigrams (the 4-gram model asked with one word of
 * context) plus each candidate's channel score and bonus. A candidate's
 * gap is the score of the best path through it less that of the best path
 * of all (a max-marginal, without exponentials; summed paths pruned no
 * better in a trial: notes/restore-session30.md). Unlike the
 * skeleton-context model, which sees each word alone in a window of
 * skeletons, a path weighs both syllables of a word together: "ăn cắp"
 * stays when "an cấp" leads, since the pair is what the bigram knows.
 * Pruned by these gaps (rs_prune_candidates), the decoder tries a third
 * fewer candidates for the same choices.
 *
 * Owner: restore. */
#include "restore_int.h"

#include <stdlib.h>
#include <string.h>

static inline float best_of(float a, float b)
{
    return a > b ? a : b;
}

/* The candidates' ids and extras of token t (one, its own id, when it is
 * not a word). Returns how many. */
static size_t node(const rs_doc *d, const rs_tok *t, const float *extra, uint16_t *id,
                   float *e)
{
    if (t->kind != RS_WORD) {
        id[0] = t->fixed_id;
        e[0] = 0;
        return 1;
    }
    size_t nc = t->ncand < RS_BATCH_MAX_WORDS ? t->ncand : RS_BATCH_MAX_WORDS;
    for (size_t c = 0; c < nc; c++) {
        const rs_cand *cd = &d->cand[t->cand0 + c];
        id[c] = cd->id;
        e[c] = cd->chan + (extra ? extra[t->cand0 + c] : 0);
    }
    return nc;
}

/* Room for a segment's forward and backward scores, by position, and the
 * bigram scores between each position and the next, asked once for both
 * passes (at most a block's: restore.c cuts text into blocks of about 1 MB,
 * whose pairs take a few megabytes). */
typedef struct lattice {
    size_t *at;     /* each position's first score */
    uint16_t *nc;   /* how many candidates it has */
    size_t *tok;    /* its token */
    size_t *pm;     /* where the scores of each position after the one
                       before start in m */
    float *fw, *bw, *e;
    uint16_t *id;
    float *m;
    size_t cap_pos, cap_sc, cap_m, nm;
    rs_ctx ctx[RS_BATCH_MAX_WORDS];
} lattice;

static void need(lattice *L, size_t npos, size_t nsc)
{
    if (npos > L->cap_pos) {
        L->cap_pos = npos * 2;
        L->at = sohoa_xrealloc(L->at, L->cap_pos * sizeof *L->at);
        L->nc = sohoa_xrealloc(L->nc, L->cap_pos * sizeof *L->nc);
        L->tok = sohoa_xrealloc(L->tok, L->cap_pos * sizeof *L->tok);
        L->pm = sohoa_xrealloc(L->pm, L->cap_pos * sizeof *L->pm);
    }
    if (nsc > L->cap_sc) {
        L->cap_sc = nsc * 2;
        L->fw = sohoa_xrealloc(L->fw, L->cap_sc * sizeof *L->fw);
        L->bw = sohoa_xrealloc(L->bw, L->cap_sc * sizeof *L->bw);
        L->e = sohoa_xrealloc(L->e, L->cap_sc * sizeof *L->e);
        L->id = sohoa_xrealloc(L->id, L->cap_sc * sizeof *L->id);
    }
}

/* The bigram scores of the candidates of position q after each of p's
 * (q = p + 1), kept in L->m for the backward pass. Between two single
 * candidates every path takes the same step: it moves no gap, so it is not
 * asked (0). */
static const float *pair_scores(const sohoa_lm *lm, lattice *L, size_t p, size_t q)
{
    size_t np = L->nc[p], nq = L->nc[q];
    if (L->nm + np * nq > L->cap_m) {
        L->cap_m = (L->nm + np * nq) * 2;
        L->m = sohoa_xrealloc(L->m, L->cap_m * sizeof *L->m);
    }
    float *m = L->m + L->nm;
    L->pm[q] = L->nm;
    L->nm += np * nq;
    if (np == 1 && nq == 1) {
        m[0] = 0;
        return m;
    }
    for (size_t a = 0; a < np; a++) {
        memset(&L->ctx[a], 0, sizeof L->ctx[a]);
        L->ctx[a].id[0] = L->id[L->at[p] + a];
        L->ctx[a].n = 1;
    }
    rs_lm_score_matrix(lm, L->ctx, np, L->id + L->at[q], nq, m);
    return m;
}

/* Forward-backward over the segment [from, to); gaps of its words' candidates. */
static void segment(const rs_doc *d, const sohoa_lm *lm, const float *extra, size_t from,
                    size_t to, lattice *L, float *gap)
{
    /* positions: <s>, the segment's tokens that are not transparent, </s> */
    size_t npos = 0, nsc = 0;
    need(L, to - from + 2, 2);
    L->at[0] = 0, L->nc[0] = 1, L->tok[0] = (size_t)-1;
    npos = 1, nsc = 1;
    for (size_t i = from; i < to; i++) {
        const rs_tok *t = &d->tok[i];
        if (t->transparent)
            continue;
        size_t nc = t->kind == RS_WORD ? t->ncand : 1;
        if (nc > RS_BATCH_MAX_WORDS)
            nc = RS_BATCH_MAX_WORDS;
        if (nc == 0)
            continue;
        need(L, 0, nsc + nc + 1); /* the positions are sized above */
        L->at[npos] = nsc;
        L->tok[npos] = i;
        L->nc[npos] = (uint16_t)node(d, t, extra, L->id + nsc, L->e + nsc);
        nsc += L->nc[npos];
        npos++;
    }
    L->id[0] = SOHOA_LM_BOS;
    L->e[0] = 0;
    L->at[npos] = nsc, L->nc[npos] = 1, L->tok[npos] = (size_t)-1;
    L->id[nsc] = SOHOA_LM_EOS;
    L->e[nsc] = 0;
    nsc++;
    npos++;
    /* forward */
    L->nm = 0;
    L->fw[0] = 0;
    for (size_t q = 1; q < npos; q++) {
        size_t p = q - 1, nq = L->nc[q], np = L->nc[p];
        const float *m = pair_scores(lm, L, p, q);
        for (size_t b = 0; b < nq; b++) {
            float s = -1e30f;
            for (size_t a = 0; a < np; a++)
                s = best_of(s, L->fw[L->at[p] + a] + m[a * nq + b]);
            L->fw[L->at[q] + b] = s + L->e[L->at[q] + b];
        }
    }
    /* backward */
    L->bw[L->at[npos - 1]] = 0;
    for (size_t p = npos - 1; p-- > 0;) {
        size_t q = p + 1, nq = L->nc[q], np = L->nc[p];
        const float *m = L->m + L->pm[q];
        for (size_t a = 0; a < np; a++) {
            float s = -1e30f;
            for (size_t b = 0; b < nq; b++)
                s = best_of(s, m[a * nq + b] + L->e[L->at[q] + b] + L->bw[L->at[q] + b]);
            L->bw[L->at[p] + a] = s;
        }
    }
    /* the gaps of the words */
    for (size_t p = 1; p + 1 < npos; p++) {
        const rs_tok *t = &d->tok[L->tok[p]];
        if (t->kind != RS_WORD)
            continue;
        size_t n = L->nc[p], k0 = L->at[p];
        float best = -1e30f;
        for (size_t c = 0; c < n; c++)
            if (L->fw[k0 + c] + L->bw[k0 + c] > best)
                best = L->fw[k0 + c] + L->bw[k0 + c];
        for (size_t c = 0; c < n; c++)
            gap[t->cand0 + c] = L->fw[k0 + c] + L->bw[k0 + c] - best;
        for (size_t c = n; c < t->ncand; c++)
            gap[t->cand0 + c] = 0; /* beyond the batch: kept */
    }
}

void rs_coarse_gaps(const rs_doc *d, const sohoa_lm *lm, const float *extra, float *gap)
{
    lattice *L = sohoa_xcalloc(1, sizeof *L);
    for (size_t i = 0; i < d->ncand; i++)
        gap[i] = 1; /* no view (transparent words) */
    size_t from = 0;
    for (size_t i = 0; i < d->ntok; i++)
        if (d->tok[i].ends_context || i + 1 == d->ntok) {
            segment(d, lm, extra, from, i + 1, L, gap);
            from = i + 1;
        }
    free(L->at);
    free(L->nc);
    free(L->tok);
    free(L->pm);
    free(L->m);
    free(L->fw);
    free(L->bw);
    free(L->e);
    free(L->id);
    free(L);
}
