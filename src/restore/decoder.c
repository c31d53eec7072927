/* decoder.c — beam search over the candidate lattice.
 *
 * Positions are the document's tokens in order (punctuation and fixed tokens
 * have one candidate: themselves, so they give context). A hypothesis is the
 * last three LM ids and a score: LM (general, optionally interpolated with
 * the domain model) + channel + lexicon and cache bonuses. Hypotheses with
 * the same last order-1 ids are recombined (Viterbi), the best `beam` kept.
 * A context segment (context_breaks.c: up to a blank line or heading) ends with
 * </s>; a very long segment is cut every CHUNK positions (the best path so
 * far is fixed and its last ids carried on), which bounds memory for a 10 MB
 * single line.
 *
 * Confidence of a word: its posterior among its candidates, each candidate
 * scored by the best hypothesis through it that the beam still holds two
 * positions later (so the next two words have had their say); a candidate
 * the beam dropped by then scores below them all.
 *
 * The cache pass (cache_bonus given: the document holds a first decoding
 * with the same options) decodes again only windows around the words where
 * a bonus falls on a candidate the first pass did not choose, each between
 * the first pass's choices: WINDOW positions either side are free, the
 * three before are its context and the three after are scored as the first
 * pass chose them. Elsewhere the first pass's path stands (a bonus on a
 * chosen candidate only makes it likelier) and a bonus only reweighs the
 * posteriors.
 *
 * A deadline (o->deadline) is checked before each chunk, the cache pass's
 * windows included; past it decoding stops and rs_decode says so. */
#include "restore_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "sohoa/buf.h"
#include "sohoa/clock.h"

#define CHUNK 4096
#define PRUNE 3.0f /* drop hypotheses this far (log10) below the best */
#define WINDOW 3   /* the cache pass: free positions either side of a word */
#define FIXED 3    /* ... and the first pass's choices before and after them */

/* A hypothesis in 16 bytes, its context packed in one word so that a step
 * extends and compares it in registers (building a struct of small fields
 * on the stack and copying it stalled on store forwarding): bits 0-47 the
 * last ids, newest in the low 16 bits, unused ones 0; bits 48-55 how many
 * (1 to 3); bits 56-63 the candidate index within its token (< 256). */
typedef struct hyp {
    uint64_t key;
    float score;
    int32_t back;  /* index into the history of the previous step, -1 at start */
} hyp;

#define HYP_N_SHIFT 48
#define HYP_CAND_SHIFT 56

static inline int hyp_n(const hyp *h)
{
    return (int)(h->key >> HYP_N_SHIFT & 0xFF);
}

static inline int hyp_cand(const hyp *h)
{
    return (int)(h->key >> HYP_CAND_SHIFT);
}

/* The newest id of h's context. */
static inline uint16_t hyp_last(const hyp *h)
{
    return (uint16_t)h->key;
}

/* The key of h extended by nothing yet: its ids moved up one place, the
 * oldest dropped when keep (1..3) are there, the count raised, no
 * candidate; an extension by id c adds id | (uint64_t)c << HYP_CAND_SHIFT. */
static inline uint64_t hyp_base(const hyp *h, int keep)
{
    int n = hyp_n(h);
    uint64_t ids = h->key & 0xFFFFFFFFFFFFULL;
    uint64_t mask = keep >= 3 ? 0xFFFFFFFFFFFFULL : ((uint64_t)1 << (16 * keep)) - 1;
    n = n < keep ? n + 1 : keep;
    return ((ids << 16) & mask) | (uint64_t)n << HYP_N_SHIFT;
}

/* A hypothesis of the single id (n = 1). */
static inline hyp hyp_start(uint16_t id)
{
    hyp h = {(uint64_t)1 << HYP_N_SHIFT | id, 0, -1};
    return h;
}

/* The domain mixture log10((1 - lam) 10^g + lam 10^d) of two log10 scores,
 * by table instead of two exp10f and a log10f per pair: with x the smaller
 * score less the larger (x <= 0), it is the larger plus
 * log10(w + v 10^x), (w, v) = (1 - lam, lam) when the general score g is
 * the larger, (lam, 1 - lam) when the domain score is; both functions are
 * tabled every 1/MIX_PER of x down to -MIX_RANGE and read with linear
 * interpolation. Their second derivative is at most ln(10) / 4, so the
 * interpolation is off by at most 0.58 / (8 MIX_PER^2) = 4.4e-6; beyond
 * MIX_RANGE the last entry is used, off by less than
 * 10^-MIX_RANGE max(w / v) / ln(10) (9e-7 for lam >= 0.005; restore.c
 * uses 0.025 and more). */
#define MIX_PER 128
#define MIX_RANGE 8
#define MIX_N (MIX_PER * MIX_RANGE + 2)
typedef struct mix_table {
    float lam;        /* the weight the table holds, < 0: none yet */
    float g[MIX_N];   /* g[i] = log10((1 - lam) + lam 10^(-i / MIX_PER)) */
    float d[MIX_N];   /* d[i] = log10(lam + (1 - lam) 10^(-i / MIX_PER)) */
} mix_table;

static void mix_table_set(mix_table *t, float lam)
{
    if (t->lam == lam)
        return;
    double w = 1.0 - (double)lam;
    for (int i = 0; i < MIX_N; i++) {
        double p = pow(10.0, -(double)i / MIX_PER);
        t->g[i] = (float)log10(w + lam * p);
        t->d[i] = (float)log10(lam + w * p);
    }
    t->lam = lam;
}

/* tab at -x (x <= 0) by linear interpolation, the last entry beyond. */
static inline float mix_read(const float *tab, float x)
{
    float u = -x * MIX_PER;
    if (!(u < MIX_N - 1)) /* far below (or not a number: the far end) */
        return tab[MIX_N - 1];
    int i = (int)u;
    float f = u - (float)i;
    return tab[i] + f * (tab[i + 1] - tab[i]);
}

/* The mixture of general score g and domain score dm, as above. */
static inline float mix_one(const mix_table *t, float g, float dm)
{
    return g >= dm ? g + mix_read(t->g, dm - g) : dm + mix_read(t->d, g - dm);
}

/* Room for the scores of one batch of rows (contexts × words). */
typedef struct scratch {
    rs_ctx *miss;
    size_t *at;
    float *g, *dm;
    uint8_t *known;
    size_t nctx_cap, cap;
    mix_table mix, mix_short; /* the domain model's full and short-context weights */
} scratch;

static void scratch_need(scratch *s, size_t nctx, size_t n)
{
    if (nctx > s->nctx_cap) {
        s->nctx_cap = nctx;
        s->miss = sohoa_xrealloc(s->miss, nctx * sizeof *s->miss);
        s->at = sohoa_xrealloc(s->at, nctx * sizeof *s->at);
        s->known = sohoa_xrealloc(s->known, nctx * sizeof *s->known);
    }
    if (n > s->cap) {
        s->cap = n;
        s->g = sohoa_xrealloc(s->g, n * sizeof *s->g);
        s->dm = sohoa_xrealloc(s->dm, n * sizeof *s->dm);
    }
}

static void scratch_free(scratch *s)
{
    free(s->miss);
    free(s->at);
    free(s->known);
    free(s->g);
    free(s->dm);
}

/* The last ids of ctx[0..n) (n ≤ 3) that the decoder's LM order uses
 * (inline: a step asks once per hypothesis). */
static inline rs_ctx lm_ctx(const rs_decode_opts *o, const uint16_t *ctx, int n)
{
    int cap = o->max_order - 1;
    if (cap > SOHOA_LM_MAX_ORDER - 1)
        cap = SOHOA_LM_MAX_ORDER - 1;
    if (n > cap) {
        ctx += n - cap;
        n = cap;
    }
    rs_ctx c;
    memset(&c, 0, sizeof c);
    if (n > 0) /* element by element: no call to memcpy */
        c.id[0] = ctx[0];
    if (n > 1)
        c.id[1] = ctx[1];
    if (n > 2)
        c.id[2] = ctx[2];
    c.n = (uint8_t)n;
    return c;
}

/* lm_ctx of a hypothesis's context. */
static inline rs_ctx hyp_ctx(const rs_decode_opts *o, const hyp *h)
{
    int cap = o->max_order - 1;
    if (cap > SOHOA_LM_MAX_ORDER - 1)
        cap = SOHOA_LM_MAX_ORDER - 1;
    int n = hyp_n(h);
    if (n > cap)
        n = cap;
    rs_ctx c;
    memset(&c, 0, sizeof c);
    uint64_t k = h->key; /* oldest first */
    if (n == 3) {
        c.id[0] = (uint16_t)(k >> 32);
        c.id[1] = (uint16_t)(k >> 16);
        c.id[2] = (uint16_t)k;
    } else if (n == 2) {
        c.id[0] = (uint16_t)(k >> 16);
        c.id[1] = (uint16_t)k;
    } else if (n == 1) {
        c.id[0] = (uint16_t)k;
    }
    c.n = (uint8_t)n;
    return c;
}

/* Mixed scores of the words w[0..m) (m ≤ 256) after each context ctx[0..nc):
 * out[h * m + i], the general model interpolated with the domain model when
 * used. Rows the memo holds are copied; the others are scored together and
 * remembered. Returns a key naming the list w[0..m) (never 0) for as long
 * as the memo is not cleared: its generation and its id there. */
/* The key mix_rows gives the list w[0..m) (interning it in the memo). */
static uint64_t list_key(const rs_decode_opts *o, const uint16_t *w, size_t m)
{
    rs_row_memo *rows = rs_lm_memo_rows(o->memo);
    uint32_t list = rs_row_memo_list(rows, w, m);
    return (uint64_t)rs_row_memo_gen(rows) << 32 | list;
}

static uint64_t mix_rows_of(const sohoa_restorer *r, const rs_decode_opts *o, scratch *s,
                            const rs_ctx *ctx, size_t nc, const uint16_t *w, size_t m,
                            float *out, uint64_t key)
{
    rs_row_memo *rows = rs_lm_memo_rows(o->memo);
    uint32_t list = (uint32_t)key;
    scratch_need(s, nc, nc * m);
    size_t nm = rs_row_memo_get_rows(rows, list, ctx, nc, out, s->at);
    if (nm == 0)
        return key;
    for (size_t k = 0; k < nm; k++)
        s->miss[k] = ctx[s->at[k]];
    float *g = s->g;
    rs_lm_score_matrix(r->lm, s->miss, nm, w, m, g);
    if (o->use_domain && r->dom) {
        float *dm = s->dm;
        /* after a context the small domain model knows only the last
         * word of, its estimate is little more than a unigram, counted
         * in a few documents: it has a smaller say */
        rs_lm_score_matrix_known(r->dom, s->miss, nm, w, m, dm, s->known);
        mix_table_set(&s->mix, o->domain_weight);
        mix_table_set(&s->mix_short, o->domain_weight * o->domain_short);
        int top = sohoa_lm_order(r->dom) - 1;
        for (size_t k = 0; k < nm; k++) {
            int full = s->known[k] >= top || s->known[k] >= s->miss[k].n;
            const mix_table *t = full ? &s->mix : &s->mix_short;
            for (size_t i = k * m; i < (k + 1) * m; i++)
                g[i] = mix_one(t, g[i], dm[i]);
        }
    }
    for (size_t k = 0; k < nm; k++) {
        memcpy(out + s->at[k] * m, g + k * m, m * sizeof *g);
        rs_row_memo_put(rows, list, s->miss[k].id, s->miss[k].n, g + k * m);
    }
    return key;
}

static uint64_t mix_rows(const sohoa_restorer *r, const rs_decode_opts *o, scratch *s,
                         const rs_ctx *ctx, size_t nc, const uint16_t *w, size_t m, float *out)
{
    return mix_rows_of(r, o, s, ctx, nc, w, m, out, list_key(o, w, m));
}

float rs_lm_mix(const sohoa_restorer *r, const rs_decode_opts *o, const uint16_t *ctx, int n,
                uint16_t w)
{
    scratch s;
    memset(&s, 0, sizeof s);
    s.mix.lam = s.mix_short.lam = -1;
    rs_ctx c = lm_ctx(o, ctx, n);
    float v;
    mix_rows(r, o, &s, &c, 1, &w, 1, &v);
    scratch_free(&s);
    return v;
}

static uint16_t cand_id(const rs_doc *d, const rs_tok *t, int c)
{
    return t->kind == RS_WORD ? d->cand[t->cand0 + (size_t)c].id : t->fixed_id;
}

static float cand_extra(const rs_doc *d, const rs_tok *t, int c, const rs_decode_opts *o)
{
    if (t->kind != RS_WORD)
        return 0;
    size_t k = t->cand0 + (size_t)c;
    float s = d->cand[k].chan;
    if (o->cache_bonus)
        s += o->cache_bonus[k];
    if (o->place_bonus)
        s += o->place_bonus[k];
    return s;
}

typedef struct beam_state {
    hyp *cur, *next;
    size_t ncur, nnext, cap;
    hyp *hist;        /* every kept hypothesis of the chunk, step by step */
    size_t nhist, hcap;
    size_t *step_at;  /* hist offset of each step's beam */
    int32_t *slot;    /* recombination: per class of cur and candidate, the
                         index into next, -1 none yet */
    size_t slot_cap;
    uint16_t *cls;    /* the class of each hypothesis of cur */
    uint64_t *cls_key; /* each class's extended key (hyp_base) */
    uint64_t *base;   /* the extended key of each hypothesis of cur */
    uint8_t *flag;    /* the cache pass: bonus_flags of each token */
    size_t cls_cap;
    rs_ctx *ctx;      /* the contexts of cur, for scoring */
    float *lm;        /* their rows of scores */
    size_t ctx_cap;
    float fwd_fixed[1]; /* the same for a token that is not a word (unused) */
    float *fwd;       /* per candidate of the document: its best score when its
                         step extended the beam (before pruning) */
    rs_lex_cache *lex_cache; /* remembered lexicon masks */
    scratch sc;
    int stopped;      /* the deadline passed: nothing more is decoded */
} beam_state;

static int by_score(const void *a, const void *b)
{
    float x = ((const hyp *)a)->score, y = ((const hyp *)b)->score;
    return (x < y) - (x > y);
}

/* Keep the best `beam` of next[0..m), best first, hypotheses of equal score
 * in the order they came (what a stable sort and a cut would give); returns
 * how many. */
static size_t keep_best(hyp *next, size_t m, size_t beam)
{
    if (m <= beam)
        return m;
    if (beam > 256) {
        qsort(next, m, sizeof *next, by_score);
        return beam;
    }
    float top[256]; /* the beam best scores, best first */
    size_t nt = 0;
    for (size_t i = 0; i < m; i++) {
        float v = next[i].score;
        if (nt == beam && v <= top[nt - 1])
            continue;
        size_t j = nt < beam ? nt++ : nt - 1;
        for (; j > 0 && top[j - 1] < v; j--)
            top[j] = top[j - 1];
        top[j] = v;
    }
    float thr = top[beam - 1];
    size_t above = 0;
    for (size_t i = 0; i < m; i++)
        above += next[i].score > thr;
    size_t eq = beam - above, k = 0;
    for (size_t i = 0; i < m; i++)
        if (next[i].score > thr || (next[i].score == thr && eq && eq--))
            next[k++] = next[i];
    for (size_t i = 1; i < k; i++) { /* stable: equal scores stay in order */
        hyp h = next[i];
        size_t j = i;
        for (; j > 0 && next[j - 1].score < h.score; j--)
            next[j] = next[j - 1];
        next[j] = h;
    }
    return k;
}

/* Append id to h's context, dropping the oldest when keep (1..3) are there. */
static inline void hyp_push(hyp *h, uint16_t id, int keep)
{
    h->key = (h->key & (uint64_t)0xFF << HYP_CAND_SHIFT) | hyp_base(h, keep) | id;
}

/* Classes of the hypotheses of cur (b->cls): two are of one class when
 * their contexts agree once extended by the same id, so that their
 * extensions by one candidate recombine. Sets each one's extended key
 * (b->base, hyp_base) too. Returns how many classes. */
static size_t classes(beam_state *b, int keep)
{
    if (b->cls_cap < b->ncur) {
        b->cls_cap = b->ncur * 2;
        b->cls = sohoa_xrealloc(b->cls, b->cls_cap * sizeof *b->cls);
        b->cls_key = sohoa_xrealloc(b->cls_key, b->cls_cap * sizeof *b->cls_key);
        b->base = sohoa_xrealloc(b->base, b->cls_cap * sizeof *b->base);
    }
    uint64_t *first = b->cls_key;
    size_t n = 0;
    for (size_t i = 0; i < b->ncur; i++) {
        uint64_t e = hyp_base(&b->cur[i], keep);
        b->base[i] = e;
        size_t k = 0;
        while (k < n && first[k] != e)
            k++;
        if (k == n)
            first[n++] = e;
        b->cls[i] = (uint16_t)k;
    }
    return n;
}

/* Room for the contexts of n hypotheses and their rows. */
static void ctx_need(beam_state *b, size_t n)
{
    if (b->ctx_cap < n) {
        b->ctx_cap = n;
        b->ctx = sohoa_xrealloc(b->ctx, n * sizeof *b->ctx);
        b->lm = sohoa_xrealloc(b->lm, n * 256 * sizeof *b->lm);
    }
}

/* Which candidates of a token follow id a along a lexicon pair, as a bit
 * mask (bit c: candidate c gets the bonus), remembered (rs_lex_cache): the
 * same (last id, candidate list) pairs come back step after step, and a
 * row costs a lexicon probe per candidate. A list is named by the id
 * mix_rows gives it in the row memo, so the slots are emptied when the
 * memo's generation changes; lists of more than 64 candidates are not
 * remembered. The slots are prefetched while the step finds its LM rows.
 * Direct-mapped: a slot holds the last tag that fell in it. */
#define LEX_CACHE ((size_t)1 << 17) /* slots (2 MB); lex_slot_of takes 17 bits */
typedef struct lex_slot {
    uint64_t tag; /* lex_tag, 0 = empty */
    uint64_t mask;
} lex_slot;

struct rs_lex_cache {
    lex_slot *slot;
    uint32_t gen; /* the row memo's generation the slots hold lists of */
};

rs_lex_cache *rs_lex_cache_new(void)
{
    rs_lex_cache *c = sohoa_xcalloc(1, sizeof *c);
    c->slot = sohoa_xcalloc(LEX_CACHE, sizeof *c->slot);
    return c;
}

void rs_lex_cache_free(rs_lex_cache *c)
{
    if (!c)
        return;
    free(c->slot);
    free(c);
}

/* The tag of (list key, general word lists allowed, last id a): never 0,
 * as list ids are. */
static inline uint64_t lex_tag(uint64_t list, int general, uint16_t a)
{
    return (uint64_t)(uint32_t)list << 17 | (uint64_t)(general != 0) << 16 | a;
}

static inline lex_slot *lex_slot_of(rs_lex_cache *c, uint64_t tag)
{
    return &c->slot[(tag * 0x9e3779b97f4a7c15ULL) >> (64 - 17)]; /* LEX_CACHE slots */
}

/* The lexicon bonuses of one step: per distinct last id of the beam's
 * hypotheses, which candidates following it get the bonus (bit c of
 * bits[c / 64]). */
#define LEX_ROWS 16
typedef struct lex_rows {
    uint16_t a[LEX_ROWS];
    uint64_t bits[LEX_ROWS][4];
    int n;
    uint64_t spare[4]; /* when more than LEX_ROWS ids come */
    uint64_t list;     /* mix_rows' key of this step's list, 0: not remembered */
    int general;       /* general word lists count (not in garble) */
    rs_lex_cache *cache;
} lex_rows;

/* The candidates ids[0..nc) that follow a along a lexicon pair, as bits. */
static const uint64_t *lex_row(lex_rows *x, const sohoa_restorer *r, uint16_t a,
                               const uint16_t *ids, int nc)
{
    for (int k = 0; k < x->n; k++)
        if (x->a[k] == a)
            return x->bits[k];
    uint64_t *v = x->spare;
    if (x->n < LEX_ROWS) {
        x->a[x->n] = a;
        v = x->bits[x->n++];
    }
    if (!x->list) {
        rs_lexicon_marks(r->lex, a, ids, (size_t)nc, x->general, v);
        return v;
    }
    uint64_t tag = lex_tag(x->list, x->general, a);
    lex_slot *s = lex_slot_of(x->cache, tag);
    if (s->tag != tag) {
        s->tag = tag;
        rs_lexicon_marks(r->lex, a, ids, (size_t)nc, x->general, &s->mask);
    }
    v[0] = s->mask;
    return v;
}

/* 1 if h's last step was along a lexicon pair: its last syllable belongs
 * to that word, and the next step along a pair earns no bonus ("xã do
 * đồng chí" is not đồ đồng + đồng chí, two bonuses for three syllables).
 * Only where the general word lists count: in garble, whose curated
 * entries are few, the rule cost more than it gave. (Dev split 1925 ->
 * 1887 errors, held-out news 1774 -> 1743; in garble too, seeds 000-004
 * 247 -> 250; half a bonus instead of none: 1912.) A chain inside one
 * entry of three syllables (cộng tác viên) loses its second bonus too. */
static int chained(const sohoa_restorer *r, const hyp *h)
{
    if (hyp_n(h) < 2)
        return 0;
    return rs_lexicon_pair(r->lex, (uint16_t)(h->key >> 16), hyp_last(h)) != 0;
}

/* One step: extend every hypothesis of cur with every candidate of t.
 *
 * One hypothesis and one candidate (a third of the steps in stripped text,
 * once the candidates are thinned): whatever the model says of the pair
 * moves the only path by a constant, and every choice and posterior is
 * taken from differences of scores of one step, so the pair is not scored
 * at all. A transparent token (a page number) leaves every hypothesis as
 * it is. */
static void step(beam_state *b, const rs_doc *d, const sohoa_restorer *r, const rs_tok *t,
                 const rs_decode_opts *o, int64_t hist_base, int keep)
{
    b->nnext = 0;
    if (t->transparent) {
        for (size_t i = 0; i < b->ncur; i++)
            b->cur[i].back = hist_base < 0 ? -1 : (int32_t)(hist_base + (int64_t)i);
        return;
    }
    int nc = t->kind == RS_WORD ? (int)t->ncand : 1;
    if (b->ncur == 1 && nc == 1) {
        hyp *h = &b->cur[0];
        h->key = hyp_base(h, keep) | cand_id(d, t, 0);
        h->back = hist_base < 0 ? -1 : (int32_t)hist_base;
        if (t->kind == RS_WORD)
            b->fwd[t->cand0] = h->score;
        return;
    }
    if (b->cap < (size_t)nc * b->ncur + 1) {
        while (b->cap < (size_t)nc * b->ncur + 1)
            b->cap *= 2;
        b->next = sohoa_xrealloc(b->next, b->cap * sizeof *b->next);
        b->cur = sohoa_xrealloc(b->cur, b->cap * sizeof *b->cur);
    }
    size_t ncls = classes(b, keep);
    size_t need = ncls * (size_t)(nc < 256 ? nc : 256);
    if (need > b->slot_cap) {
        b->slot_cap = need;
        b->slot = sohoa_xrealloc(b->slot, need * sizeof *b->slot);
    }
    memset(b->slot, 0xFF, need * sizeof *b->slot);
    uint16_t ids[256];
    float extra[256];
    if (nc > 256)
        nc = 256;
    for (int c = 0; c < nc; c++) {
        ids[c] = cand_id(d, t, c);
        extra[c] = cand_extra(d, t, c, o);
    }
    ctx_need(b, b->ncur);
    for (size_t i = 0; i < b->ncur; i++)
        b->ctx[i] = hyp_ctx(o, &b->cur[i]);
    uint64_t list = list_key(o, ids, (size_t)nc);
    int use_lex = o->use_lexicon && r->lex, general = d->mode != RS_MODE_GARBLE;
    if (use_lex && nc <= 64) {
        if (b->lex_cache->gen != (uint32_t)(list >> 32)) { /* list ids were renamed */
            memset(b->lex_cache->slot, 0, LEX_CACHE * sizeof *b->lex_cache->slot);
            b->lex_cache->gen = (uint32_t)(list >> 32);
        }
        /* the lexicon masks load while the rows are found */
        for (size_t i = 0; i < b->ncur; i++)
            __builtin_prefetch(lex_slot_of(b->lex_cache, lex_tag(list, general, hyp_last(&b->cur[i]))));
    }
    mix_rows_of(r, o, &b->sc, b->ctx, b->ncur, ids, (size_t)nc, b->lm, list);
    float *fwd = b->fwd + (t->kind == RS_WORD ? t->cand0 : 0);
    if (t->kind == RS_WORD)
        for (int c = 0; c < nc; c++)
            fwd[c] = -1e30f;
    else
        fwd = b->fwd_fixed;
    /* an extension PRUNE below the best so far will be pruned: it is not
     * even entered */
    lex_rows lx;
    lx.n = 0;
    lx.cache = b->lex_cache;
    lx.list = nc <= 64 ? list : 0;
    lx.general = general;
    float floor = -1e30f;
    for (size_t i = 0; i < b->ncur; i++) {
        const hyp *h = &b->cur[i];
        const float *lm = b->lm + i * (size_t)nc;
        const uint64_t *lb = use_lex ? lex_row(&lx, r, hyp_last(h), ids, nc) : NULL;
        float lbon = lb && general && chained(r, h) ? 0 : o->lex_bonus;
        int32_t back = hist_base < 0 ? -1 : (int32_t)(hist_base + (int64_t)i);
        int32_t *slot = &b->slot[(size_t)b->cls[i] * (size_t)nc];
        uint64_t base = b->base[i];
        float hs = h->score;
        for (int c0 = 0; c0 < nc; c0 += 64) { /* the lexicon bits of 64 at a time */
            uint64_t marks = lb ? lb[c0 >> 6] : 0;
            int ce = nc - c0 > 64 ? c0 + 64 : nc;
            for (int c = c0; c < ce; c++, marks >>= 1) {
                float v = hs + lm[c] + extra[c];
                if (marks & 1)
                    v += lbon;
                if (v > fwd[c])
                    fwd[c] = v;
                if (v < floor)
                    continue;
                if (v - PRUNE > floor)
                    floor = v - PRUNE;
                /* a hypothesis is made only where it enters next */
                int32_t *at = &slot[c];
                if (*at >= 0 && !(v > b->next[*at].score))
                    continue;
                if (*at < 0)
                    *at = (int32_t)b->nnext++;
                hyp *n = &b->next[*at]; /* field by field: see hyp */
                n->key = base | ids[c] | (uint64_t)c << HYP_CAND_SHIFT;
                n->score = v;
                n->back = back;
            }
        }
    }
    /* floor is now the best score of next less PRUNE, the same float as
     * best - PRUNE: the best extension always enters next, and v1 > v2
     * gives v1 - PRUNE >= v2 - PRUNE */
    size_t m = 0;
    for (size_t i = 0; i < b->nnext; i++)
        if (b->next[i].score >= floor)
            b->next[m++] = b->next[i];
    m = keep_best(b->next, m, (size_t)o->beam);
    hyp *tmp = b->cur;
    b->cur = b->next;
    b->next = tmp;
    b->ncur = m;
}

static void record(beam_state *b, size_t s)
{
    if (b->nhist + b->ncur > b->hcap) {
        while (b->nhist + b->ncur > b->hcap)
            b->hcap *= 2;
        b->hist = sohoa_xrealloc(b->hist, b->hcap * sizeof *b->hist);
    }
    b->step_at[s] = b->nhist;
    memcpy(b->hist + b->nhist, b->cur, b->ncur * sizeof *b->cur);
    b->nhist += b->ncur;
    b->step_at[s + 1] = b->nhist;
}

/* Follow back-pointers from the best final hypothesis and set chosen for
 * the first nset of the nsteps steps (the others are the fixed tail). */
static void backtrack(beam_state *b, rs_doc *d, size_t from, size_t nsteps, size_t nset,
                      const hyp *best)
{
    const hyp *h = best;
    for (size_t s = nsteps; s-- > 0;) {
        if (s < nset)
            d->tok[from + s].chosen = hyp_cand(h);
        if (h->back < 0)
            break;
        h = &b->hist[h->back];
    }
}

/* Confidence and posteriors of the words among the first nset of nsteps
 * recorded steps (tokens from, from + 1, ...): each candidate is scored by
 * the best hypothesis through it two steps later (or at the last step);
 * one the beam no longer holds gets its score when its own step was taken,
 * moved by what the next steps added to the best candidate's, and kept
 * PRUNE below the best. */
static void confidences(beam_state *b, rs_doc *d, size_t from, size_t nsteps, size_t nset)
{
    float sc[256], e[256];
    for (size_t s = 0; s < nset; s++) {
        rs_tok *t = &d->tok[from + s];
        if (t->kind != RS_WORD)
            continue;
        if (t->ncand == 1) {
            rs_doc_posts(d)[t->cand0] = 1;
            t->conf = 1;
            continue;
        }
        size_t nc = t->ncand < 256 ? t->ncand : 256;
        uint64_t held[4] = {0, 0, 0, 0}; /* bit c: sc[c] is set */
        float mx = -1e30f; /* the best score, of candidate best (the first
                              of equals) */
        int best = 0;
        size_t later = s + 2 < nsteps ? s + 2 : nsteps - 1;
        for (size_t k = b->step_at[later]; k < b->step_at[later + 1]; k++) {
            const hyp *h = &b->hist[k];
            float v = h->score;
            for (size_t j = later; j > s; j--)
                h = &b->hist[h->back];
            int c = hyp_cand(h);
            if (!(held[c >> 6] >> (c & 63) & 1) || v > sc[c]) {
                held[c >> 6] |= (uint64_t)1 << (c & 63);
                sc[c] = v;
            }
            if (v > mx || (v == mx && c < best)) {
                mx = v;
                best = c;
            }
        }
        const float *fwd = b->fwd + t->cand0;
        float moved = mx - fwd[best], floor = mx - PRUNE;
        float z = 0; /* summed in candidate order */
        for (size_t c = 0; c < nc; c++) {
            float v = sc[c];
            if (!(held[c >> 6] >> (c & 63) & 1)) {
                v = fwd[c] + moved;
                v = v < floor ? v : floor;
            }
            z += e[c] = exp10f(v - mx);
        }
        float *post = rs_doc_posts(d) + t->cand0;
        for (size_t c = 0; c < nc; c++)
            post[c] = e[c] / z;
        t->conf = (size_t)t->chosen < nc ? post[t->chosen] : 0;
    }
}

/* How many ids a hypothesis keeps: the LM order's context, 1 to 3. */
static int ctx_keep(const rs_decode_opts *o)
{
    int keep = o->max_order - 1;
    if (keep > 3)
        keep = 3;
    if (keep < 1)
        keep = 1;
    return keep;
}

/* Decode tokens [from, to) after the hypothesis start (its ids the left
 * context), then score the ntail tokens after them as they are chosen now
 * (the cache pass's windows), then </s> if eos. Chosen candidates and
 * confidences are set for [from, to). */
static void decode_run(beam_state *b, rs_doc *d, const sohoa_restorer *r,
                       const rs_decode_opts *o, size_t from, size_t to, hyp start, size_t ntail,
                       int eos)
{
    int keep = ctx_keep(o);
    while (from < to) {
        if (b->stopped || sohoa_past(o->deadline)) {
            b->stopped = 1;
            return;
        }
        size_t end = to - from > CHUNK ? from + CHUNK : to;
        size_t nt = end == to ? ntail : 0; /* the tail follows the last chunk */
        b->cur[0] = start;
        b->ncur = 1;
        b->nhist = 0;
        for (size_t i = from; i < end + nt; i++) {
            /* back pointers refer to the previous step's records */
            int64_t base = i == from ? -1 : (int64_t)b->step_at[i - from - 1];
            rs_tok fixed;
            const rs_tok *t = &d->tok[i];
            if (i >= end && t->kind == RS_WORD) { /* the tail: its choice alone */
                fixed = *t;
                fixed.cand0 += (size_t)t->chosen;
                fixed.ncand = 1;
                t = &fixed;
            }
            step(b, d, r, t, o, base, keep);
            record(b, i - from);
        }
        size_t nsteps = end + nt - from;
        const hyp *best = NULL;
        float bs = -1e30f;
        size_t last = b->step_at[nsteps - 1];
        if (end == to && eos) { /* </s> after every final hypothesis */
            ctx_need(b, b->ncur);
            for (size_t k = 0; k < b->ncur; k++)
                b->ctx[k] = hyp_ctx(o, &b->hist[last + k]);
            uint16_t e = SOHOA_LM_EOS;
            mix_rows(r, o, &b->sc, b->ctx, b->ncur, &e, 1, b->lm);
        }
        for (size_t k = 0; k < b->ncur; k++) {
            float s = b->hist[last + k].score;
            if (end == to && eos)
                s += b->lm[k];
            if (s > bs) {
                bs = s;
                best = &b->hist[last + k];
            }
        }
        backtrack(b, d, from, nsteps, end - from, best);
        confidences(b, d, from, nsteps, end - from);
        /* the next chunk goes on from the best path's hypothesis at end */
        const hyp *h = best;
        for (size_t s = nsteps; s > end - from; s--)
            h = &b->hist[h->back];
        start = *h;
        start.score = 0;
        start.back = -1;
        from = end;
    }
}

/* The hypothesis that starts decoding at token from of the segment that
 * starts at seg: <s> and the chosen ids of up to three tokens before (not
 * transparent ones). */
static hyp start_at(const rs_doc *d, const rs_decode_opts *o, size_t seg, size_t from)
{
    hyp h = hyp_start(SOHOA_LM_BOS);
    int keep = ctx_keep(o);
    size_t i = from, n = 0;
    while (i > seg && n < 3)
        if (!d->tok[--i].transparent)
            n++;
    for (; i < from; i++)
        if (!d->tok[i].transparent)
            hyp_push(&h, cand_id(d, &d->tok[i], d->tok[i].chosen), keep);
    return h;
}

/* Where the cache bonuses of the words of [from, to) fall, in flag[i]
 * for token i: BONUS_ELSEWHERE on a candidate the first pass did not
 * choose, else BONUS_CHOSEN on the chosen one, else 0. */
enum { BONUS_CHOSEN = 1, BONUS_ELSEWHERE = 2 };
static void bonus_flags(const rs_doc *d, const rs_decode_opts *o, size_t from, size_t to,
                        uint8_t *flag)
{
    for (size_t i = from; i < to; i++) {
        const rs_tok *t = &d->tok[i];
        flag[i] = 0;
        if (t->kind != RS_WORD)
            continue;
        const float *bonus = o->cache_bonus + t->cand0;
        for (size_t k = 0; k < t->ncand; k++)
            if (bonus[k] != 0) {
                if ((int)k != t->chosen) {
                    flag[i] = BONUS_ELSEWHERE;
                    break;
                }
                flag[i] = BONUS_CHOSEN;
            }
    }
}

/* The cache pass outside the windows: the bonuses reweigh the first pass's
 * posteriors of the words in [from, to) (none BONUS_ELSEWHERE: those are
 * in windows). */
static void reweigh(rs_doc *d, const rs_decode_opts *o, const uint8_t *flag, size_t from,
                    size_t to)
{
    for (size_t i = from; i < to; i++) {
        rs_tok *t = &d->tok[i];
        if (flag[i] != BONUS_CHOSEN || t->ncand < 2)
            continue;
        float *post = rs_doc_posts(d) + t->cand0;
        const float *bonus = o->cache_bonus + t->cand0;
        size_t nc = t->ncand < 256 ? t->ncand : 256, c;
        float z = 0;
        for (c = 0; c < nc; c++) {
            if (bonus[c] != 0)
                post[c] *= exp10f(bonus[c]);
            z += post[c];
        }
        if (z > 0)
            for (c = 0; c < nc; c++)
                post[c] /= z;
        t->conf = (size_t)t->chosen < nc ? post[t->chosen] : 0;
    }
}

/* The cache pass over segment [from, to): windows around the words a bonus
 * may change, decoded between the first pass's choices. Windows change
 * only the choices inside them, so the flags of the words after a window
 * are still those of the first pass. */
static void cache_segment(beam_state *b, rs_doc *d, const sohoa_restorer *r,
                          const rs_decode_opts *o, size_t from, size_t to)
{
    uint8_t *flag = b->flag;
    bonus_flags(d, o, from, to, flag);
    size_t i = from, done = from;
    while (i < to) {
        if (flag[i] != BONUS_ELSEWHERE) {
            i++;
            continue;
        }
        size_t lo = i - from > WINDOW ? i - WINDOW : from;
        size_t hi = i + WINDOW + 1 < to ? i + WINDOW + 1 : to;
        /* later words within reach join the window */
        for (size_t j = i + 1; j < to && j < hi + FIXED + WINDOW; j++)
            if (flag[j] == BONUS_ELSEWHERE)
                hi = j + WINDOW + 1 < to ? j + WINDOW + 1 : to;
        if (lo < done)
            lo = done;
        reweigh(d, o, flag, done, lo);
        size_t ntail = to - hi < FIXED ? to - hi : FIXED;
        decode_run(b, d, r, o, lo, hi, start_at(d, o, from, lo), ntail, hi + ntail == to);
        done = hi;
        i = hi;
    }
    reweigh(d, o, flag, done, to);
}

int rs_decode(rs_doc *d, const sohoa_restorer *r, const rs_decode_opts *opts)
{
    rs_decode_opts own = *opts;
    if (!own.memo)
        own.memo = rs_lm_memo_new();
    const rs_decode_opts *o = &own;
    beam_state b;
    memset(&b, 0, sizeof b);
    b.sc.mix.lam = b.sc.mix_short.lam = -1;
    b.cap = 256;
    b.cur = sohoa_xmalloc(b.cap * sizeof *b.cur);
    b.next = sohoa_xmalloc(b.cap * sizeof *b.next);
    b.hcap = 4096;
    b.hist = sohoa_xmalloc(b.hcap * sizeof *b.hist);
    b.step_at = sohoa_xmalloc((CHUNK + FIXED + 2) * sizeof *b.step_at);
    b.fwd = sohoa_xmalloc((d->ncand ? d->ncand : 1) * sizeof *b.fwd);
    /* the caller's masks only with the caller's memo: they name its lists */
    b.flag = o->cache_bonus ? sohoa_xmalloc(d->ntok + 1) : NULL;
    b.lex_cache = opts->memo && opts->lex_cache ? opts->lex_cache : rs_lex_cache_new();
    size_t from = 0;
    hyp bos = hyp_start(SOHOA_LM_BOS);
    for (size_t i = 0; i <= d->ntok && !b.stopped; i++)
        if (i == d->ntok ? from < i : d->tok[i].ends_context) {
            size_t to = i == d->ntok ? i : i + 1;
            if (o->cache_bonus)
                cache_segment(&b, d, r, o, from, to);
            else
                decode_run(&b, d, r, o, from, to, bos, 0, 1);
            from = to;
        }
    free(b.cur);
    free(b.next);
    free(b.hist);
    free(b.step_at);
    free(b.fwd);
    if (b.lex_cache != opts->lex_cache)
        rs_lex_cache_free(b.lex_cache);
    free(b.slot);
    free(b.cls);
    free(b.cls_key);
    free(b.base);
    free(b.flag);
    free(b.ctx);
    free(b.lm);
    scratch_free(&b.sc);
    if (!opts->memo)
        rs_lm_memo_free(own.memo);
    return b.stopped;
}
