/* doc_cache.c — the per-document cache: names and terms repeat within a
 * document, so a form the first decoding chose with confidence (or that the
 * document printed with its marks intact, in clean or garbled text) makes
 * the same form likelier wherever its skeleton comes back, e.g. a place
 * name decided well in a clear context helps where the context is thin.
 *
 * Evidence per skeleton: confident choices (posterior ≥ 0.8) weigh 1,
 * capitalised ones (names) 2, printed valid marked syllables 1. A skeleton
 * whose leading form has at least 2 of weight and 75 % of it gives that form
 * a bonus of +0.5 (log10) in the second decoding. (The bonus and the
 * confidence were tuned together with the lexicon and case weights on
 * held-out corpus text.)
 *
 * Capitalised words and the others keep their evidence apart: a name
 * shares its skeleton with common words ("Đông Trà" with "kiểm tra", "Vải"
 * with "vai trò"), which outnumber it and decided nothing about it. Kept
 * apart, dev split errors went 1954 -> 1946 and stripped administrative
 * text 49 -> 44 (letting the names' evidence count for other words too
 * gave 1951 and 47).
 *
 * Two-word names also keep evidence as a pair: a name's syllable alone
 * may be split between names ("Vân Điền" and "Văn phòng" both capitalised
 * "Van"), where the pair is not. A two-word name decided confidently
 * (weight 2) gives both its forms a bonus of +1.0 where the same pair of
 * skeletons comes back, on the same 75 % rule; the first word must not be
 * capitalised only for starting a sentence. In the bench's administrative
 * text it mended a place-date line's place from the header's ("Vạn Điền"
 * -> "Vân Điền"), on the held-out corpus split it changed nothing beyond
 * noise (2016 -> 2018 errors: a foreign name decided wrong is now wrong
 * throughout).
 *
 * Other words keep evidence as pairs too, for the same reason: "chữ ký"
 * (signature) and "chu kỳ" (cycle) share their skeletons, and a document
 * about one repeats it where a phrase's context alone leaves it open.
 * Two adjacent lower-case words (the first may be capitalised for starting
 * a sentence), both chosen with a posterior of at least 0.9, are a pair's
 * evidence of weight 1; where the same two skeletons come back, a pair
 * whose forms both hold 75 % of it gives both a bonus of +1.0. Tuned on a
 * split of ../shared/corpus made for it (blocks of 40 lines, every 25th
 * held out of models trained on the rest, so that documents stay whole;
 * news, legal and encyclopaedic text): 3738 -> 3692 errors; posteriors
 * of 0.8 / 0.95: 3705 / 3698; at 0.8, bonuses of 0.75 / 1.25: 3708 /
 * 3709, and evidence of 2 needed: 3718. On the bench's held-out news 1574
 * -> 1511 errors, the real garbled seeds 181 -> 175, stripped
 * administrative text and rendered garble unchanged.
 *
 * Only evidence near a token counts (WINDOW tokens either side): a file
 * may hold many documents with no visible boundary (a news feed, a batch
 * of reports pasted together), and a form decided in one of them says
 * little about another. */
#include "restore_int.h"

#include <stdlib.h>
#include <string.h>
#include "sohoa/buf.h"
#include "sohoa/syllable.h"

#define MAX_FORMS 4
#define CACHE_BONUS 0.5f /* log10 */
#define CONFIDENT 0.8f   /* posterior of a choice that counts as evidence */
#define LEAST 2.0f       /* the weight a skeleton's evidence needs to count */
#define PAIR_BONUS 1.0f  /* log10, for the forms of a two-word name */
#define PAIR_WEIGHT 2.0f /* a confident two-word name, as a confident name */
#define WINDOW ((size_t)1000) /* tokens each side: about two pages */
/* Evidence of the tokens inside the window, kept from entering to leaving:
 * at most 2 * WINDOW + 2 tokens at once. */
#define RING 4096
#define PREFETCH 8 /* tokens ahead */
#define PAIRS_KEPT 4096 /* pairs kept before the table is compacted */

/* The evidence of one skeleton in one case class. */
typedef struct tally {
    const char *form[MAX_FORMS];
    float w[MAX_FORMS];
    float total;
    const char *dom; /* the dominant form (dominant()), kept up to date */
} tally;

/* The evidence of one skeleton: by_case[0] for its words in lower case,
 * by_case[1] for its capitalised ones (names). */
typedef struct centry {
    char *skel;
    tally by_case[2];
} centry;

/* Skeletons are entries of a growing array (indices stay valid) found by
 * an open-addressing index on the skeleton string; the skeleton of a form
 * is remembered by the form's address, since the same strings (vocabulary
 * words) come back on every token. A form is also known by its canonical
 * address (the first address seen with its text), so that two forms are
 * the same text exactly when their canonical addresses are equal: the
 * evidence holds canonical addresses only. */
typedef struct fslot {
    const char *key;   /* a form address, NULL = empty slot */
    const char *canon; /* the canonical address of its text */
    int32_t entry;     /* its skeleton's entry, -1 = none (too long) */
} fslot;

/* The evidence of one pair of adjacent skeletons (entries a, b of the
 * cache) in one class: by_word[k] for the forms of its word k. */
typedef struct pentry {
    int32_t a, b;
    int cls; /* PAIR_NAME or PAIR_WORDS */
    tally by_word[2];
} pentry;

enum { PAIR_WORDS, PAIR_NAME };

/* What a pair of each class needs and gives. */
static const struct pair_rule {
    float confident; /* both words chosen with at least this posterior */
    float weight;    /* the evidence of a pair so chosen */
    float least;     /* the weight a pair's evidence needs to count */
    float bonus;     /* log10, for its dominant forms */
    int both;        /* 1: only where both its words have one */
} PAIR_RULE[2] = {
    [PAIR_WORDS] = {0.9f, 1.0f, 1.0f, 1.0f, 1}, /* one sure pair is enough */
    [PAIR_NAME] = {CONFIDENT, PAIR_WEIGHT, LEAST, PAIR_BONUS, 0},
};

/* The pairs: a growing array found by an open-addressing index on (a, b,
 * class). */
typedef struct pair_table {
    pentry *e;
    size_t n, cap;
    uint32_t *ix; /* entry index + 1 per slot, 0 = empty */
    size_t ixcap;
} pair_table;

typedef struct cache {
    centry *e;
    size_t n, cap;
    uint32_t *ix; /* entry index + 1 per slot, 0 = empty */
    size_t ixcap;
    fslot *f; /* by form address */
    size_t fn, fcap;
    const char **text; /* canonical addresses by their text, NULL = empty */
    size_t tn, tcap;
} cache;

static int same_form(const char *a, const char *b)
{
    return a == b || strcmp(a, b) == 0;
}

/* The canonical address of form's text (form itself when it is new). */
static const char *canonical(cache *c, const char *form)
{
    if ((c->tn + 1) * 2 > c->tcap) {
        size_t cap = c->tcap ? c->tcap * 2 : 1024;
        const char **t = sohoa_xcalloc(cap, sizeof *t);
        for (size_t i = 0; i < c->tcap; i++)
            if (c->text[i]) {
                size_t j = rs_hash_str(c->text[i], strlen(c->text[i])) & (cap - 1);
                while (t[j])
                    j = (j + 1) & (cap - 1);
                t[j] = c->text[i];
            }
        free(c->text);
        c->text = t;
        c->tcap = cap;
    }
    size_t j = rs_hash_str(form, strlen(form)) & (c->tcap - 1);
    for (; c->text[j]; j = (j + 1) & (c->tcap - 1))
        if (same_form(c->text[j], form))
            return c->text[j];
    c->text[j] = form;
    c->tn++;
    return form;
}

static void index_entry(uint32_t *ix, size_t cap, const centry *e, uint32_t v)
{
    size_t j = rs_hash_str(e->skel, strlen(e->skel)) & (cap - 1);
    while (ix[j])
        j = (j + 1) & (cap - 1);
    ix[j] = v;
}

/* The entry of skeleton sk[0..l), made (with no evidence) if new. */
static int32_t skel_entry(cache *c, const char *sk, size_t l)
{
    if ((c->n + 1) * 2 > c->ixcap) {
        size_t cap = c->ixcap ? c->ixcap * 2 : 256;
        uint32_t *ix = sohoa_xcalloc(cap, sizeof *ix);
        for (size_t i = 0; i < c->n; i++)
            index_entry(ix, cap, &c->e[i], (uint32_t)i + 1);
        free(c->ix);
        c->ix = ix;
        c->ixcap = cap;
    }
    size_t j = rs_hash_str(sk, l) & (c->ixcap - 1);
    for (; c->ix[j]; j = (j + 1) & (c->ixcap - 1)) {
        const char *k = c->e[c->ix[j] - 1].skel;
        if (strncmp(k, sk, l) == 0 && k[l] == '\0')
            return (int32_t)c->ix[j] - 1;
    }
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 256;
        c->e = sohoa_xrealloc(c->e, c->cap * sizeof *c->e);
    }
    centry *e = &c->e[c->n];
    memset(e, 0, sizeof *e);
    e->skel = sohoa_xstrndup(sk, l);
    c->ix[j] = (uint32_t)++c->n;
    return (int32_t)c->n - 1;
}

/* What is known of the form at this address: its canonical address and its
 * skeleton's entry. */
static const fslot *form_slot(cache *c, const char *form)
{
    if ((c->fn + 1) * 2 > c->fcap) {
        size_t cap = c->fcap ? c->fcap * 2 : 1024;
        fslot *f = sohoa_xcalloc(cap, sizeof *f);
        for (size_t i = 0; i < c->fcap; i++)
            if (c->f[i].key) {
                size_t j = rs_mix64((uintptr_t)c->f[i].key) & (cap - 1);
                while (f[j].key)
                    j = (j + 1) & (cap - 1);
                f[j] = c->f[i];
            }
        free(c->f);
        c->f = f;
        c->fcap = cap;
    }
    size_t j = rs_mix64((uintptr_t)form) & (c->fcap - 1);
    for (; c->f[j].key; j = (j + 1) & (c->fcap - 1))
        if (c->f[j].key == form)
            return &c->f[j];
    char sk[128];
    size_t l = sohoa_fold(form, strlen(form), sk, sizeof sk);
    int32_t e = l >= sizeof sk ? -1 : skel_entry(c, sk, l);
    c->f[j] = (fslot){form, canonical(c, form), e};
    c->fn++;
    return &c->f[j];
}

static size_t pair_hash(int32_t a, int32_t b, int cls)
{
    return (size_t)rs_mix64((uint64_t)(uint32_t)a << 32 ^ (uint32_t)b ^ (uint64_t)cls << 62);
}

/* Index p's entries anew in cap slots (a power of two over 2 * p->n). */
static void pairs_index(pair_table *p, size_t cap)
{
    free(p->ix);
    p->ix = sohoa_xcalloc(cap, sizeof *p->ix);
    p->ixcap = cap;
    for (size_t i = 0; i < p->n; i++) {
        size_t j = pair_hash(p->e[i].a, p->e[i].b, p->e[i].cls) & (cap - 1);
        while (p->ix[j])
            j = (j + 1) & (cap - 1);
        p->ix[j] = (uint32_t)i + 1;
    }
}

/* The entry of skeleton entries a, b as a pair of class cls; -1 if either
 * is none, or if the pair is new and make is 0, else made. */
static int32_t pair_find(pair_table *p, int32_t a, int32_t b, int cls, int make)
{
    if (a < 0 || b < 0)
        return -1;
    if ((p->n + 1) * 2 > p->ixcap)
        pairs_index(p, p->ixcap ? p->ixcap * 2 : 256);
    size_t j = pair_hash(a, b, cls) & (p->ixcap - 1);
    for (; p->ix[j]; j = (j + 1) & (p->ixcap - 1)) {
        const pentry *e = &p->e[p->ix[j] - 1];
        if (e->a == a && e->b == b && e->cls == cls)
            return (int32_t)p->ix[j] - 1;
    }
    if (!make)
        return -1;
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 256;
        p->e = sohoa_xrealloc(p->e, p->cap * sizeof *p->e);
    }
    pentry *e = &p->e[p->n];
    memset(e, 0, sizeof *e);
    e->a = a;
    e->b = b;
    e->cls = cls;
    p->ix[j] = (uint32_t)++p->n;
    return (int32_t)p->n - 1;
}

static void cache_free(cache *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->e[i].skel);
    free(c->e);
    free(c->ix);
    free(c->f);
    free(c->text);
}

/* The form that holds at least 75 % of the entry's weight (at least
 * least), or NULL. */
static const char *dominant(const tally *e, float least)
{
    if (e->total < least)
        return NULL;
    int best = 0;
    for (int i = 1; i < MAX_FORMS; i++)
        if (e->form[i] && e->w[i] > e->w[best])
            best = i;
    return e->w[best] >= 0.75f * e->total ? e->form[best] : NULL;
}

/* Add weight w (negative: take it back) to form's evidence in tally e
 * (form a canonical address), whose evidence counts from weight least. */
static void add(tally *e, const char *form, float w, float least)
{
    e->total += w;
    for (int i = 0; i < MAX_FORMS; i++) {
        if (e->form[i] == form) { /* canonical addresses */
            e->w[i] += w;
            break;
        }
        if (!e->form[i]) {
            if (w > 0) {
                e->form[i] = form;
                e->w[i] = w;
            }
            break;
        }
    }
    e->dom = dominant(e, least);
}

/* The evidence token i gives: up to two forms with their weights and the
 * entries of their skeletons. */
typedef struct evidence {
    const char *form[2];
    float w[2];
    int32_t entry[2];
    int cls; /* the token's case class: 1 capitalised */
    /* the chosen form of a word (canonical; NULL: none) and its skeleton's
     * entry, whatever its posterior: the pairs read them */
    const char *chosen;
    int32_t chosen_entry;
    /* the pair of words ending at this token: its class (-1: none), and
     * when it was chosen with confidence its entry in the pairs (-1:
     * none) and the two forms chosen */
    int pair_cls;
    int32_t pair;
    const char *pair_form[2];
} evidence;

static void token_evidence(const rs_doc *d, cache *c, size_t i, evidence *ev)
{
    memset(ev, 0, sizeof *ev);
    const rs_tok *t = &d->tok[i];
    if (t->kind != RS_WORD || t->ghost) /* a word put back is a guess */
        return;
    ev->cls = t->upper != 0;
    const rs_cand *ch = &d->cand[t->cand0 + (size_t)t->chosen];
    ev->chosen_entry = -1;
    if (ch->form) {
        const fslot *f = form_slot(c, ch->form);
        ev->chosen = f->canon;
        ev->chosen_entry = f->entry;
    }
    if (ev->chosen && t->conf >= CONFIDENT) {
        ev->form[0] = ev->chosen;
        ev->w[0] = t->upper ? 2.0f : 1.0f;
    }
    /* a printed, marked form that the model knows is the document's own
     * spelling */
    if (d->mode != RS_MODE_STRIPPED) {
        char lc[128];
        size_t n = sohoa_lm_form(d->text + t->off, t->len, lc, sizeof lc);
        int marked = 0;
        for (size_t k = 0; k < n; k++)
            marked |= (unsigned char)lc[k] >= 0x80;
        for (size_t k = 0; marked && k < t->ncand; k++) {
            const rs_cand *x = &d->cand[t->cand0 + k];
            if (x->form && strcmp(x->form, lc) == 0 && x->id != SOHOA_LM_UNK) {
                ev->form[1] = x->form;
                ev->w[1] = 1.0f;
                break;
            }
        }
    }
    ev->entry[0] = ev->form[0] ? ev->chosen_entry : -1;
    ev->entry[1] = -1;
    if (ev->form[1]) {
        const fslot *f = form_slot(c, ev->form[1]);
        ev->form[1] = f->canon;
        ev->entry[1] = f->entry;
    }
}

/* Tokens i and i + 1 as a name of two words: both capitalised words to
 * restore, with no context break between them, the first not capitalised
 * only for starting a sentence ("Cùng Nguyễn ...": no name; in capitals
 * throughout, "HUYỆN VÂN ĐIỀN", a heading's words are taken as they are). */
static int name_pair(const rs_doc *d, size_t i)
{
    if (i + 1 >= d->ntok)
        return 0;
    const rs_tok *a = &d->tok[i], *b = &d->tok[i + 1];
    return a->kind == RS_WORD && b->kind == RS_WORD && a->upper && b->upper && !a->ghost &&
           !b->ghost && !a->ends_context && a->ncand > 0 && b->ncand > 0 &&
           !(a->upper == 1 && rs_sentence_start(d, a->off));
}

/* Tokens i and i + 1 as a pair of other words: both lower case (the
 * first may be capitalised for starting a sentence), no context break
 * between them, one of them with a choice. */
static int word_pair(const rs_doc *d, size_t i)
{
    if (i + 1 >= d->ntok)
        return 0;
    const rs_tok *a = &d->tok[i], *b = &d->tok[i + 1];
    return a->kind == RS_WORD && b->kind == RS_WORD && b->upper == 0 && !a->ghost &&
           !b->ghost && !a->ends_context && a->ncand > 0 && b->ncand > 0 &&
           (a->ncand > 1 || b->ncand > 1) &&
           (a->upper == 0 || (a->upper == 1 && rs_sentence_start(d, a->off)));
}

/* The pair evidence token i gives (ev, after token_evidence; prev the
 * evidence of token i - 1): the name or the pair of other words
 * d->tok[i - 1..i] when both were chosen with confidence. */
static void pair_evidence(const rs_doc *d, pair_table *pairs, size_t i, const evidence *prev,
                          evidence *ev)
{
    ev->pair = -1;
    ev->pair_cls = i == 0                 ? -1
                   : name_pair(d, i - 1) ? PAIR_NAME
                   : word_pair(d, i - 1) ? PAIR_WORDS
                                          : -1;
    if (ev->pair_cls < 0 || !prev->chosen || !ev->chosen)
        return;
    float sure = PAIR_RULE[ev->pair_cls].confident;
    if (d->tok[i - 1].conf < sure || d->tok[i].conf < sure)
        return;
    ev->pair = pair_find(pairs, prev->chosen_entry, ev->chosen_entry, ev->pair_cls, 1);
    ev->pair_form[0] = prev->chosen;
    ev->pair_form[1] = ev->chosen;
}

static void apply(cache *c, pair_table *pairs, const evidence *ev, float sign)
{
    for (int k = 0; k < 2; k++)
        if (ev->form[k] && ev->entry[k] >= 0)
            add(&c->e[ev->entry[k]].by_case[ev->cls], ev->form[k], sign * ev->w[k], LEAST);
    if (ev->pair >= 0) {
        pentry *e = &pairs->e[ev->pair];
        const struct pair_rule *rule = &PAIR_RULE[e->cls];
        for (int k = 0; k < 2; k++)
            add(&e->by_word[k], ev->pair_form[k], sign * rule->weight, rule->least);
    }
}

/* Drop the pairs whose evidence has all left the window (weights are
 * whole numbers, so theirs is exactly 0), renumbering the pairs of the
 * evidence of tokens [out, in) in the ring: the table then holds about
 * the window's pairs and stays in the processor's caches, where keeping
 * every pair of a block made its lookups 1.4 % of the restorer's time. */
static void pairs_compact(pair_table *p, evidence *ring, size_t out, size_t in)
{
    int32_t *to = sohoa_xmalloc((p->n ? p->n : 1) * sizeof *to);
    size_t n = 0;
    for (size_t i = 0; i < p->n; i++) {
        to[i] = -1;
        if (p->e[i].by_word[0].total > 0.5f) {
            to[i] = (int32_t)n;
            p->e[n++] = p->e[i];
        }
    }
    p->n = n;
    size_t cap = 256;
    while (cap < 2 * (n + 1))
        cap *= 2;
    pairs_index(p, cap);
    for (size_t j = out; j < in; j++) {
        evidence *ev = &ring[j % RING];
        if (ev->pair >= 0)
            ev->pair = to[ev->pair];
    }
    free(to);
}

/* Bonus for the candidates of the pair d->tok[i..i + 1] (cur and next
 * their evidence) that the pair's dominant forms in the window hold: each
 * word of a name on its own, a pair of other words only when both its
 * words have one (the pair is one reading). */
static void pair_bonus(const rs_doc *d, cache *c, pair_table *pairs, size_t i,
                       const evidence *cur, const evidence *next, float *bonus)
{
    int cls = next->pair_cls;
    int32_t e = pair_find(pairs, cur->chosen_entry, next->chosen_entry, cls, 0);
    if (e < 0)
        return;
    const tally *w = pairs->e[e].by_word;
    if (PAIR_RULE[cls].both && (!w[0].dom || !w[1].dom))
        return;
    float value = PAIR_RULE[cls].bonus;
    for (int k = 0; k < 2; k++) {
        const char *dom = w[k].dom;
        if (!dom)
            continue;
        const rs_tok *t = &d->tok[i + (size_t)k];
        for (size_t j = 0; j < t->ncand; j++) {
            const rs_cand *x = &d->cand[t->cand0 + j];
            if (x->form && form_slot(c, x->form)->canon == dom && bonus[t->cand0 + j] < value)
                bonus[t->cand0 + j] = value;
        }
    }
}

float *rs_cache_bonus(const rs_doc *d)
{
    cache c;
    pair_table pairs;
    memset(&c, 0, sizeof c);
    memset(&pairs, 0, sizeof pairs);
    float *bonus = sohoa_xcalloc(d->ncand ? d->ncand : 1, sizeof *bonus);
    evidence *ring = sohoa_xmalloc(RING * sizeof *ring);
    /* a window of WINDOW tokens each side slides along the document: the
     * evidence of token j counts for token i when |i - j| <= WINDOW */
    size_t in = 0, out = 0; /* next token to enter, next to leave */
    size_t compact_at = PAIRS_KEPT; /* pairs that call for a compaction */
    for (size_t i = 0; i < d->ntok; i++) {
        while (in < d->ntok && in <= i + WINDOW) {
            /* the chosen candidates of tokens entering the window were
             * written long ago (35 MB of candidates a 1 MB block): asked
             * for a few tokens ahead, they are not waited for */
            if (in + PREFETCH < d->ntok) {
                const rs_tok *ahead = &d->tok[in + PREFETCH];
                __builtin_prefetch(&d->cand[ahead->cand0 + (size_t)ahead->chosen]);
            }
            evidence *ev = &ring[in % RING];
            token_evidence(d, &c, in, ev);
            pair_evidence(d, &pairs, in, &ring[(in + RING - 1) % RING], ev);
            in++;
            apply(&c, &pairs, ev, 1);
        }
        while (out + WINDOW < i)
            apply(&c, &pairs, &ring[out++ % RING], -1);
        if (pairs.n >= compact_at) {
            pairs_compact(&pairs, ring, out, in);
            compact_at = 2 * pairs.n > PAIRS_KEPT ? 2 * pairs.n : PAIRS_KEPT;
        }
        /* a pair starting here (before the test below: the second word
         * may have choices); token i + 1 is in the window already */
        if (i + 1 < d->ntok && ring[(i + 1) % RING].pair_cls >= 0)
            pair_bonus(d, &c, &pairs, i, &ring[i % RING], &ring[(i + 1) % RING], bonus);
        const rs_tok *t = &d->tok[i];
        if (t->kind != RS_WORD || t->ncand < 2)
            continue;
        for (size_t k = 0; k < t->ncand; k++) {
            const rs_cand *x = &d->cand[t->cand0 + k];
            if (!x->form)
                continue;
            const fslot *f = form_slot(&c, x->form);
            if (f->entry < 0)
                continue;
            /* canonical; names by names, other words by other words */
            const char *dom = c.e[f->entry].by_case[t->upper != 0].dom;
            if (dom && dom == f->canon && bonus[t->cand0 + k] < CACHE_BONUS)
                bonus[t->cand0 + k] = CACHE_BONUS;
        }
    }
    free(ring);
    cache_free(&c);
    free(pairs.e);
    free(pairs.ix);
    return bonus;
}
