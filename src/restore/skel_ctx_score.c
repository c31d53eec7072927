/* skel_ctx_score.c — scoring with the skeleton-context model: the
 * estimate of a form given the skeletons around it, and the per-candidate
 * bonus of a document.
 *
 * The estimate climbs a chain of contexts, each level interpolated with
 * the one below (Witten-Bell: the lower level gets weight B·T / (N + B·T)
 * for a context seen N times with T distinct forms):
 *   P_U  = the centre skeleton's own distribution (add-half smoothed),
 *   P_M  = the mean of the s[i-1..i] and s[i..i+1] levels over P_U,
 *   P_W3 = s[i-1..i+1] over P_M.
 * The score is log10 P_W3 − log10 P_U: the LM already weighs the skeleton's
 * forms, so only what the window adds counts. (Measured on the dev split:
 * a further s[i-2..i+2] level changed nothing, a product of the two sides
 * instead of their mean no better, so neither is kept.) */
#include "skel_ctx.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "restore_int.h"

/* log10 of a probability through the natural logarithm: glibc's log10f
 * goes through a compatibility wrapper to an older algorithm (about 80
 * instructions against 20 for logf), and this one is asked for every
 * candidate of every window (3 % of a restoration's instructions). The two
 * differ by an ulp or so. */
static inline float log10_p(float x)
{
    return logf(x) * 0.43429448190325182f;
}

#define WB_MULT 1.0f /* B above */
#define U_ADD 0.5f   /* add-half for forms of the skeleton seen rarely */

static float count_of(const rs_skc_list *l, uint16_t id)
{
    for (uint32_t k = 0; k < l->n; k++)
        if (l->pair[2 * k] == id)
            return l->pair[2 * k + 1];
    return 0;
}

/* The contexts of one window, fetched once for all its candidates. */
typedef struct win_lists {
    rs_skc_list l[RS_SKC_NPAT];
    int has[RS_SKC_NPAT];
} win_lists;

static void fetch(const rs_skelctx *m, const uint64_t win[3], win_lists *w)
{
    memset(w->has, 0, sizeof w->has);
    uint64_t key[RS_SKC_NPAT];
    rs_skc_keys(win, key);
    for (int p = 0; p < RS_SKC_NPAT; p++) /* the four slots asked for at once */
        rs_skc_prefetch(m, key[p]);
    for (int p = 0; p < RS_SKC_NPAT; p++) {
        w->has[p] = rs_skc_find(m, key[p], &w->l[p]) && w->l[p].total > 0;
        if (p == RS_SKC_U && !w->has[p])
            return; /* nothing on the centre skeleton: no opinion */
    }
}

/* One level: the context's counts over the level below. */
static float level(const win_lists *w, int p, uint16_t id, float below)
{
    if (!w->has[p])
        return below;
    const rs_skc_list *l = &w->l[p];
    float beta = WB_MULT * (float)l->n;
    return (count_of(l, id) + beta * below) / ((float)l->total + beta);
}

/* log10 P_U of ids after a centre's list, remembered: the same centre and
 * form come back in window after window. Direct-mapped by (list, id); a
 * list is named by where its pairs sit in the model. */
#define LU_SLOTS 8192u
typedef struct lu_slot {
    const uint16_t *list; /* NULL = empty */
    uint16_t id;
    float pu, lpu; /* P_U and its log10 */
} lu_slot;

/* The score of id in the window w; *logp gets log10 P_W3 itself, or
 * RS_SKC_NO_VIEW when the model has nothing on the centre skeleton. */
static float score_in(const win_lists *w, uint16_t id, lu_slot *lu, float *logp)
{
    *logp = RS_SKC_NO_VIEW;
    if (!w->has[RS_SKC_U])
        return 0;
    const rs_skc_list *u = &w->l[RS_SKC_U];
    float pu, lpu;
    lu_slot *s = lu ? &lu[rs_mix64((uint64_t)(uintptr_t)u->pair ^ id) & (LU_SLOTS - 1)] : NULL;
    if (s && s->list == u->pair && s->id == id) {
        pu = s->pu;
        lpu = s->lpu;
    } else {
        pu = (count_of(u, id) + U_ADD) / ((float)u->total + U_ADD * (float)(u->n + 1));
        lpu = log10_p(pu);
        if (s)
            *s = (lu_slot){u->pair, id, pu, lpu};
    }
    float pm = 0.5f * (level(w, RS_SKC_L2, id, pu) + level(w, RS_SKC_R2, id, pu));
    float p3 = level(w, RS_SKC_W3, id, pm);
    *logp = log10_p(p3);
    return *logp - lpu;
}

static float score_lu(const rs_skelctx *m, const uint64_t win[3], uint16_t id, lu_slot *lu)
{
    win_lists w;
    float logp;
    fetch(m, win, &w);
    return score_in(&w, id, lu, &logp);
}

float rs_skc_score(const rs_skelctx *m, const uint64_t win[3], uint16_t id)
{
    return score_lu(m, win, id, NULL);
}

/* The window hash of token i of d: its skeleton, or the segment bounds. */
static uint64_t tok_hash(const rs_doc *d, const rs_tok *t)
{
    return rs_skc_tok_hash(d->text + t->off, t->len, t->kind != RS_PUNCT);
}

/* A word's hash comes from the first token with the same bytes (a text
 * has a few thousand distinct words; folding each occurrence cost more
 * than a lookup). */
void rs_skc_doc_hashes(const rs_doc *d, uint64_t *h)
{
    size_t cap = 1024;
    while (cap < 2 * d->ntok)
        cap *= 2;
    uint32_t *slot = sohoa_xcalloc(cap, sizeof *slot); /* token index + 1, 0 = empty */
    for (size_t i = 0; i < d->ntok; i++) {
        const rs_tok *t = &d->tok[i];
        if (t->kind == RS_PUNCT) {
            h[i] = tok_hash(d, t);
            continue;
        }
        const char *s = d->text + t->off;
        size_t j = rs_hash_str(s, t->len) & (cap - 1);
        for (; slot[j]; j = (j + 1) & (cap - 1)) {
            const rs_tok *u = &d->tok[slot[j] - 1];
            if (u->len == t->len && memcmp(d->text + u->off, s, t->len) == 0)
                break;
        }
        if (slot[j]) {
            h[i] = h[slot[j] - 1];
        } else {
            h[i] = tok_hash(d, t);
            slot[j] = (uint32_t)i + 1;
        }
    }
    free(slot);
}

/* The skeleton hash of a candidate's form; memo (indexed by LM id, 0 =
 * not yet known) saves folding the same form again. */
static uint64_t cand_hash(const rs_cand *cd, uint64_t printed, uint64_t *memo)
{
    if (!cd->form)
        return printed;
    if (cd->id == SOHOA_LM_UNK)
        return rs_skc_tok_hash(cd->form, strlen(cd->form), 1);
    if (!memo[cd->id])
        memo[cd->id] = rs_skc_tok_hash(cd->form, strlen(cd->form), 1);
    return memo[cd->id];
}

/* A memo of scores by window: windows repeat a lot in a text, and a
 * word's scores depend only on its window and its candidates, so a word
 * whose window and candidates equal an earlier word's reuses its scores,
 * bit for bit the values computed then. It serves every block of one
 * restoration (rs_skc_memo), each entry keeping a copy of what its
 * candidates are (LM id, whether a form, the text of a form outside the
 * LM) and its log10 P(form | window); past MEMO_BYTES it is emptied before
 * the next block. */
#define MEMO_BYTES ((size_t)64 << 20)
/* A window is remembered the second time it is met, not the first: in
 * text that does not repeat, two windows in three are met once, and
 * keeping them cost about 30 MB of fresh memory a megabyte of text for
 * nothing. A bit per window hash says it was met (a false "met" for a
 * few per cent of new windows only keeps them). Output is unchanged:
 * the memo holds exact scores either way. */
#define SEEN_BITS ((size_t)1 << 22)
typedef struct win_entry {
    uint64_t win[3];
    uint32_t at; /* its scores and candidates: score[at ..], logp[at ..],
                    cand[at ..] */
    uint32_t n;  /* how many */
} win_entry;

typedef struct memo_cand {
    uint16_t id;
    uint8_t has_form;
    uint32_t unk; /* a form outside the LM: its text at text[unk], else 0 */
} memo_cand;

/* A table slot: the entry's index + 1 (0 = empty) and the high half of
 * its window's hash, so that a probe passing other windows does not read
 * their entries (two thirds of the windows of text that does not repeat
 * are new: their probes meet only other windows). */
typedef struct wm_slot {
    uint32_t at;
    uint32_t fp;
} wm_slot;

struct rs_skc_memo {
    wm_slot *slot;
    size_t mask;
    win_entry *e;
    size_t ne, cape;
    float *score;
    float *logp;
    memo_cand *cand;
    size_t nscore, capscore;
    char *text; /* the forms outside the LM, NUL-terminated; text[0] unused */
    size_t ntext, captext;
    lu_slot *lu; /* LU_SLOTS remembered P_U */
    size_t guess; /* the entry after the last one found or added */
    uint64_t *seen; /* SEEN_BITS: windows met once, by hash */
};

static void wm_reset(rs_skc_memo *wm)
{
    free(wm->slot);
    free(wm->e);
    free(wm->score);
    free(wm->logp);
    free(wm->cand);
    free(wm->text);
    wm->mask = 1023;
    wm->slot = sohoa_xcalloc(wm->mask + 1, sizeof *wm->slot);
    wm->cape = 512;
    wm->e = sohoa_xmalloc(wm->cape * sizeof *wm->e);
    wm->ne = 0;
    wm->capscore = 1024;
    wm->score = sohoa_xmalloc(wm->capscore * sizeof *wm->score);
    wm->logp = sohoa_xmalloc(wm->capscore * sizeof *wm->logp);
    wm->cand = sohoa_xmalloc(wm->capscore * sizeof *wm->cand);
    wm->nscore = 0;
    wm->captext = 256;
    wm->text = sohoa_xmalloc(wm->captext);
    wm->ntext = 1;
    wm->guess = 0;
}

rs_skc_memo *rs_skc_memo_new(void)
{
    rs_skc_memo *wm = sohoa_xcalloc(1, sizeof *wm);
    wm_reset(wm);
    wm->lu = sohoa_xcalloc(LU_SLOTS, sizeof *wm->lu);
    wm->seen = sohoa_xcalloc(SEEN_BITS / 64, sizeof *wm->seen);
    return wm;
}

void rs_skc_memo_free(rs_skc_memo *wm)
{
    if (!wm)
        return;
    free(wm->slot);
    free(wm->e);
    free(wm->score);
    free(wm->logp);
    free(wm->cand);
    free(wm->text);
    free(wm->lu);
    free(wm->seen);
    free(wm);
}

size_t rs_skc_memo_entries(const rs_skc_memo *wm)
{
    return wm->ne;
}

static size_t wm_bytes(const rs_skc_memo *wm)
{
    return (wm->mask + 1) * sizeof *wm->slot + wm->cape * sizeof *wm->e +
           wm->capscore * (sizeof *wm->score + sizeof *wm->logp + sizeof *wm->cand) +
           wm->captext;
}

/* The hash of a window: its low bits pick the home slot, its high half is
 * the slot's fingerprint. */
static uint64_t wm_hash(const uint64_t win[3])
{
    uint64_t h = win[0] * 0x9E3779B97F4A7C15u;
    h = (h ^ (h >> 29) ^ win[1]) * 0xBF58476D1CE4E5B9u;
    h = (h ^ (h >> 31) ^ win[2]) * 0x94D049BB133111EBu;
    return h ^ (h >> 32);
}

/* The slot of win (hash h): its entry's, or the empty one where it goes. */
static size_t wm_lookup(const rs_skc_memo *wm, const uint64_t win[3], uint64_t h)
{
    uint32_t fp = (uint32_t)(h >> 32);
    size_t i = (size_t)h & wm->mask;
    for (; wm->slot[i].at; i = (i + 1) & wm->mask) {
        if (wm->slot[i].fp != fp)
            continue;
        const win_entry *e = &wm->e[wm->slot[i].at - 1];
        if (e->win[0] == win[0] && e->win[1] == win[1] && e->win[2] == win[2])
            break;
    }
    return i;
}

/* Twice the slots once half of them are used. */
static void wm_grow(rs_skc_memo *wm)
{
    free(wm->slot);
    wm->mask = wm->mask * 2 + 1;
    wm->slot = sohoa_xcalloc(wm->mask + 1, sizeof *wm->slot);
    for (size_t k = 0; k < wm->ne; k++) {
        uint64_t h = wm_hash(wm->e[k].win);
        size_t i = (size_t)h & wm->mask;
        while (wm->slot[i].at)
            i = (i + 1) & wm->mask;
        wm->slot[i] = (wm_slot){(uint32_t)k + 1, (uint32_t)(h >> 32)};
    }
}

/* Room for `entries` more entries of `cands` candidates in all. */
static void wm_reserve(rs_skc_memo *wm, size_t entries, size_t cands)
{
    if (wm->nscore + cands > wm->capscore) {
        while (wm->nscore + cands > wm->capscore)
            wm->capscore *= 2;
        wm->score = sohoa_xrealloc(wm->score, wm->capscore * sizeof *wm->score);
        wm->logp = sohoa_xrealloc(wm->logp, wm->capscore * sizeof *wm->logp);
        wm->cand = sohoa_xrealloc(wm->cand, wm->capscore * sizeof *wm->cand);
    }
    if (wm->ne + entries > wm->cape) {
        while (wm->ne + entries > wm->cape)
            wm->cape *= 2;
        wm->e = sohoa_xrealloc(wm->e, wm->cape * sizeof *wm->e);
    }
}

/* Whether entry e was scored for the same candidates as word t: the same
 * LM ids, and for a form outside the LM the same text. */
static int same_cands(const rs_skc_memo *wm, const win_entry *e, const rs_doc *d,
                      const rs_tok *t)
{
    if (e->n != t->ncand)
        return 0;
    for (size_t c = 0; c < t->ncand; c++) {
        const rs_cand *x = &d->cand[t->cand0 + c];
        const memo_cand *y = &wm->cand[e->at + c];
        if (x->id != y->id || !x->form != !y->has_form)
            return 0;
        if (x->form && x->id == SOHOA_LM_UNK && strcmp(x->form, wm->text + y->unk) != 0)
            return 0;
    }
    return 1;
}

/* Copy what the candidates of t are into cand[at ..]. */
static void keep_cands(rs_skc_memo *wm, const rs_doc *d, const rs_tok *t, size_t at)
{
    for (size_t c = 0; c < t->ncand; c++) {
        const rs_cand *x = &d->cand[t->cand0 + c];
        memo_cand *y = &wm->cand[at + c];
        y->id = x->id;
        y->has_form = x->form != NULL;
        y->unk = 0;
        if (x->form && x->id == SOHOA_LM_UNK) {
            size_t l = strlen(x->form) + 1;
            if (wm->ntext + l > wm->captext) {
                while (wm->ntext + l > wm->captext)
                    wm->captext *= 2;
                wm->text = sohoa_xrealloc(wm->text, wm->captext);
            }
            memcpy(wm->text + wm->ntext, x->form, l);
            y->unk = (uint32_t)wm->ntext;
            wm->ntext += l;
        }
    }
}

/* The scores of word t at window win (win[1] its printed skeleton) into
 * out, and log10 P(form | window) into logp (RS_SKC_NO_VIEW for a
 * candidate of another skeleton: its window is not the word's). */
static void word_scores(const rs_doc *d, const rs_skelctx *m, const rs_tok *t, uint64_t win[3],
                        uint64_t *memo, lu_slot *lu, float *out, float *logp)
{
    uint64_t printed = win[1];
    win_lists w;
    fetch(m, win, &w);
    for (size_t c = 0; c < t->ncand; c++) {
        const rs_cand *cd = &d->cand[t->cand0 + c];
        uint64_t ch = cand_hash(cd, printed, memo);
        if (ch == printed) {
            out[c] = score_in(&w, cd->id, lu, &logp[c]);
        } else { /* a channel candidate of another skeleton: its own */
            win[1] = ch;
            out[c] = score_lu(m, win, cd->id, lu);
            logp[c] = RS_SKC_NO_VIEW;
            win[1] = printed;
        }
    }
}

/* The entry of win, or NULL. Repeated text brings its windows back in the
 * order they were remembered, so the entry after the last one found is
 * tried first: a run of them is read in order, without the table. */
static const win_entry *wm_find(rs_skc_memo *wm, const uint64_t win[3], size_t *slot,
                                uint64_t *hash)
{
    const win_entry *e = NULL;
    *slot = (size_t)-1;
    if (wm->guess < wm->ne) {
        const win_entry *g = &wm->e[wm->guess];
        if (g->win[0] == win[0] && g->win[1] == win[1] && g->win[2] == win[2])
            e = g;
    }
    if (!e) {
        *hash = wm_hash(win);
        *slot = wm_lookup(wm, win, *hash);
        if (wm->slot[*slot].at)
            e = &wm->e[wm->slot[*slot].at - 1];
    }
    if (e)
        wm->guess = (size_t)(e - wm->e) + 1;
    return e;
}

/* The scores of word i (token t) at window win, from the memo or computed
 * and remembered; *logp gets where their log10 P(form | window) are. */
static const float *memo_scores(const rs_doc *d, const rs_skelctx *m, size_t i, uint64_t win[3],
                                uint64_t *memo, rs_skc_memo *wm, float *scratch,
                                const float **logp)
{
    const rs_tok *t = &d->tok[i];
    size_t s;
    uint64_t hash = 0;
    const win_entry *found = wm_find(wm, win, &s, &hash);
    if (found) {
        if (same_cands(wm, found, d, t)) {
            *logp = wm->logp + found->at;
            return wm->score + found->at;
        }
        /* rare: not remembered */
        word_scores(d, m, t, win, memo, wm->lu, scratch, scratch + t->ncand);
        *logp = scratch + t->ncand;
        return scratch;
    }
    uint64_t bit = hash >> 32 & (SEEN_BITS - 1);
    if (!(wm->seen[bit / 64] >> (bit % 64) & 1)) { /* met for the first time */
        wm->seen[bit / 64] |= (uint64_t)1 << (bit % 64);
        word_scores(d, m, t, win, memo, wm->lu, scratch, scratch + t->ncand);
        *logp = scratch + t->ncand;
        return scratch;
    }
    wm_reserve(wm, 1, t->ncand);
    win_entry *e = &wm->e[wm->ne];
    memcpy(e->win, win, sizeof e->win);
    e->at = (uint32_t)wm->nscore;
    e->n = (uint32_t)t->ncand;
    word_scores(d, m, t, win, memo, wm->lu, wm->score + e->at, wm->logp + e->at);
    keep_cands(wm, d, t, e->at);
    wm->nscore += t->ncand;
    wm->slot[s] = (wm_slot){(uint32_t)++wm->ne, (uint32_t)(hash >> 32)};
    wm->guess = wm->ne;
    if (wm->ne * 2 > wm->mask + 1)
        wm_grow(wm);
    *logp = wm->logp + e->at;
    return wm->score + e->at;
}

/* The window of token i in the segment [from, to) of token hashes h: its
 * neighbours, stepping over transparent tokens (page numbers, which are no
 * context: context_breaks.c). */
static void window_of(const rs_doc *d, const uint64_t *h, size_t i, size_t from, size_t to,
                      uint64_t win[3])
{
    size_t a = i, b = i + 1;
    while (a > from && d->tok[a - 1].transparent)
        a--;
    while (b < to && d->tok[b].transparent)
        b++;
    win[0] = a > from ? h[a - 1] : rs_skc_bos();
    win[1] = h[i];
    win[2] = b < to ? h[b] : rs_skc_eos();
}

/* How many tokens ahead the memo's slot of a window is asked for (the
 * slots are read at random in a table of megabytes). */
#define AHEAD 4

/* Bonuses of the words of the segment [from, to). */
static void segment_bonus(const rs_doc *d, const rs_skelctx *m, float weight, size_t from,
                          size_t to, const uint64_t *h, uint64_t *memo, rs_skc_memo *wm,
                          float *scratch, float *bonus, float *logp)
{
    for (size_t i = from; i < to; i++) {
        if (i + AHEAD < to) {
            uint64_t ahead[3];
            window_of(d, h, i + AHEAD, from, to, ahead);
            __builtin_prefetch(&wm->slot[(size_t)wm_hash(ahead) & wm->mask]);
        }
        const rs_tok *t = &d->tok[i];
        if (t->kind != RS_WORD || t->ncand < 2)
            continue;
        uint64_t win[3];
        window_of(d, h, i, from, to, win);
        const float *lp;
        const float *sc = memo_scores(d, m, i, win, memo, wm, scratch, &lp);
        for (size_t c = 0; c < t->ncand; c++)
            bonus[t->cand0 + c] += weight * sc[c];
        if (logp)
            memcpy(logp + t->cand0, lp, t->ncand * sizeof *logp);
    }
}

void rs_skc_doc_bonus_memo(const rs_doc *d, const rs_skelctx *m, const uint64_t *hash,
                           float weight, float *bonus, float *logp, rs_skc_memo *wm)
{
    if (!m || d->ntok == 0)
        return;
    if (wm_bytes(wm) > MEMO_BYTES)
        wm_reset(wm);
    uint64_t *memo = sohoa_xcalloc(RS_MAX_VOCAB, sizeof *memo);
    size_t maxc = 1, words = 0, cands = 0;
    for (size_t i = 0; i < d->ntok; i++) {
        const rs_tok *t = &d->tok[i];
        if (t->ncand > maxc)
            maxc = t->ncand;
        if (t->kind == RS_WORD && t->ncand >= 2) {
            words++;
            cands += t->ncand;
        }
    }
    /* room for every word of the block at once: grown step by step, the
     * arrays were copied several times a block (a tenth of the page faults) */
    wm_reserve(wm, words, cands);
    float *scratch = sohoa_xmalloc(2 * maxc * sizeof *scratch);
    size_t from = 0;
    for (size_t i = 0; i < d->ntok; i++)
        if (d->tok[i].ends_context || i + 1 == d->ntok) {
            segment_bonus(d, m, weight, from, i + 1, hash, memo, wm, scratch, bonus, logp);
            from = i + 1;
        }
    free(scratch);
    free(memo);
}

void rs_skc_doc_bonus(const rs_doc *d, const rs_skelctx *m, float weight, float *bonus)
{
    if (!m || d->ntok == 0)
        return;
    uint64_t *hash = sohoa_xmalloc(d->ntok * sizeof *hash);
    rs_skc_doc_hashes(d, hash);
    rs_skc_memo *wm = rs_skc_memo_new();
    rs_skc_doc_bonus_memo(d, m, hash, weight, bonus, NULL, wm);
    rs_skc_memo_free(wm);
    free(hash);
}
