/* localities.c — mending the place names of header values (place, issuer,
 * title, recipients) that restoration left damaged, against the gazetteer
 * (places.c) and what the document itself says.
 *
 * A place name in a value stands after a unit word (rule issuer.unit:
 * "HUYỆN PONG HOA", "thị xã Đông Hoa"), in capitalised words; the unit's
 * level limits the names it may become. The name is
 *   - kept when the gazetteer has it as written at that level, or does not
 *     have it and has nothing near it (an unknown place is left as is);
 *   - respelt when its fold is a gazetteer name at that level with one
 *     spelling (Đông Hoa → Đông Hòa), or replaced by the one gazetteer
 *     name at that level a small edit distance away (Pong Hoa → Đông Hòa:
 *     one edit up to 9 letters, two from 10) —
 * unless the document trusts its own form: it writes that form (folded, or
 * as spelt for a respelling) at least TRUST times and the gazetteer's form
 * less often.
 *
 * The place of the place/date line has no unit word. It takes the name
 * the document's mentions ("thị xã Pong Hoa", "thị xã Đông Hoa", mended
 * as above) vote for, when that name is a small edit away and voted for
 * more often than the place itself (the header "Cộng Hòa, ngày ..." of a
 * document about thị xã Đông Hòa); otherwise it is mended like a name. */
#include "seg.h"

#include "sohoa/normalize.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TRUST 3     /* a form written this often is the document's own */
#define NAME_WORDS 4
#define KEY_CAP 96

typedef struct lctx {
    seg_ctx *ctx;
    const seg_places *places;
    const seg_rule *unit; /* issuer.unit */
    char *low;            /* the folded document, lower case, blanks as ' ' */
    const seg_text *t;
    char *olow;           /* the document, lower case, blanks as ' ' (lazy) */
    struct memo {         /* mend_name's answers, by spelling and levels */
        char *s;
        unsigned levels;
        const seg_place *to;
        int known;
    } *memo;
    size_t nmemo;
} lctx;

#define MEMO_MAX 512 /* names remembered per document */

/* Word-bounded occurrences of w in hay (both lower case). */
static size_t count_in(const char *hay, const char *w)
{
    size_t c = 0, kl = strlen(w);
    if (!kl)
        return 0;
    for (const char *p = hay; (p = strstr(p, w)) != NULL; p += kl)
        if ((p == hay || !isalnum((unsigned char)p[-1])) && !isalnum((unsigned char)p[kl]))
            c++;
    return c;
}

/* How often the document writes key (folded), and a spelling (as written). */
static size_t count_key(const lctx *l, const char *key) { return count_in(l->low, key); }

static size_t count_form(lctx *l, const char *s, size_t n)
{
    if (!l->olow) { /* lower-cased on first use: most documents never need it */
        l->olow = sohoa_to_lower(l->t->o, l->t->olen);
        for (char *p = l->olow; *p; p++)
            if (*p == '\n' || *p == '\t' || *p == '\r')
                *p = ' ';
    }
    char *w = sohoa_to_lower(s, n);
    size_t c = count_in(l->olow, w);
    free(w);
    return c;
}

/* 1 if some entry of key at levels is spelt as s (case and tone placement
 * aside). */
static int spelt_as(const lctx *l, const char *key, unsigned levels, const char *s, size_t n)
{
    const seg_place *e;
    size_t k = seg_places_exact(l->places, key, levels, &e);
    char *sn = seg_new_style(s, n);
    char *a = sohoa_to_lower(sn, strlen(sn));
    int same = 0;
    for (size_t i = 0; i < k && !same; e++) {
        if (strcmp(e->key, key) != 0)
            break;
        if (!(e->levels & levels))
            continue;
        i++;
        char *en = seg_new_style(e->form, strlen(e->form));
        char *b = sohoa_to_lower(en, strlen(en));
        same = strcmp(a, b) == 0;
        free(b);
        free(en);
    }
    free(a);
    free(sn);
    return same;
}

/* The gazetteer entry name s[0..n) (original spelling) should become at
 * levels, or NULL to keep it. *known is set when the name is a gazetteer
 * name at that level (folded). */
static const seg_place *mend_name_uncached(lctx *l, const char *s, size_t n,
                                           unsigned levels, int *known)
{
    char key[KEY_CAP];
    seg_place_key(s, n, key, sizeof key);
    const seg_place *e;
    size_t k = seg_places_exact(l->places, key, levels, &e);
    *known = k > 0;
    if (k) { /* the one spelling of that name, unless the text trusts its own */
        if (k > 1 || spelt_as(l, key, levels, s, n))
            return NULL;
        size_t own = count_form(l, s, n);
        return own >= TRUST && count_form(l, e->form, strlen(e->form)) < own ? NULL : e;
    }
    int d;
    e = seg_places_nearest(l->places, key, levels, seg_key_max_edits(key), &d);
    size_t own = count_key(l, key);
    if (!e || (own >= TRUST && count_key(l, e->key) < own))
        return NULL;
    return e;
}

/* mend_name_uncached, remembered: a document names the same places often. */
static const seg_place *mend_name(lctx *l, const char *s, size_t n, unsigned levels, int *known)
{
    for (size_t i = 0; i < l->nmemo; i++)
        if (l->memo[i].levels == levels && strlen(l->memo[i].s) == n &&
            memcmp(l->memo[i].s, s, n) == 0) {
            *known = l->memo[i].known;
            return l->memo[i].to;
        }
    const seg_place *to = mend_name_uncached(l, s, n, levels, known);
    if (l->nmemo < MEMO_MAX) {
        SEG_GROW(l->memo, l->nmemo);
        l->memo[l->nmemo++] = (struct memo){sohoa_xstrndup(s, n), levels, to, *known};
    }
    return to;
}

/* Capitalised words of folded f from p: their count (at most NAME_WORDS)
 * and each one's end in ends[]. "Bà Rịa - Vũng Tàu" is one name. */
static int name_words(const char *f, size_t n, size_t p, size_t *ends)
{
    int k = 0;
    while (k < NAME_WORDS && p < n && isupper((unsigned char)f[p])) {
        size_t e = p;
        while (e < n && isalpha((unsigned char)f[e]))
            e++;
        if (e < n && isdigit((unsigned char)f[e]))
            break;
        ends[k++] = e;
        p = e;
        if (p + 3 < n && f[p] == ' ' && f[p + 1] == '-' && f[p + 2] == ' ')
            p += 3;
        else if (p < n && f[p] == ' ')
            p++;
        else
            break;
    }
    return k;
}

/* The name after unit match [us, ue) of folded value vt: the mended entry
 * for its longest prefix the gazetteer knows (or a near one); fills the
 * folded span replaced. NULL if nothing to change. */
static const seg_place *name_after_unit(lctx *l, const seg_text *vt, size_t us, size_t ue,
                                        size_t *ns, size_t *ne)
{
    unsigned levels = seg_unit_levels(vt->f + us, ue - us);
    size_t p = ue;
    while (p < vt->flen && (vt->f[p] == ' ' || vt->f[p] == '\t' || vt->f[p] == '\n'))
        p++;
    size_t ends[NAME_WORDS];
    int k = levels ? name_words(vt->f, vt->flen, p, ends) : 0;
    const seg_place *fuzzy = NULL;
    size_t fuzzy_end = 0;
    for (int w = k; w >= 1; w--) {
        size_t os, oe;
        seg_text_orig(vt, p, ends[w - 1], &os, &oe);
        int known;
        const seg_place *e = mend_name(l, vt->o + os, oe - os, levels, &known);
        if (known) { /* the longest known name decides */
            *ns = p;
            *ne = ends[w - 1];
            return e;
        }
        if (e && !fuzzy) {
            fuzzy = e;
            fuzzy_end = ends[w - 1];
        }
    }
    *ns = p;
    *ne = fuzzy_end;
    return fuzzy;
}

/* s with the original of folded [a, b) of vt replaced by form (in capitals
 * when the replaced text has no lower-case letter); malloc'd. */
static char *replace_span(const seg_text *vt, size_t a, size_t b, const char *form)
{
    int lower = 0;
    for (size_t i = a; i < b; i++)
        lower |= islower((unsigned char)vt->f[i]) != 0;
    size_t os, oe;
    seg_text_orig(vt, a, b, &os, &oe);
    char *nf = seg_new_style(form, strlen(form));
    char *up = lower ? sohoa_xstrdup(nf) : seg_upper_words(nf);
    free(nf);
    sohoa_buf nb = SOHOA_BUF_INIT;
    sohoa_buf_append(&nb, vt->o, os);
    sohoa_buf_puts(&nb, up);
    sohoa_buf_puts(&nb, vt->o + oe);
    free(up);
    return sohoa_buf_steal(&nb);
}

/* Mend every place name after a unit word in *value (malloc'd, replaced). */
static void mend_value(lctx *l, char **value)
{
    if (!*value)
        return;
    size_t start = 0;
    for (int rounds = 0; rounds < 16; rounds++) {
        seg_text vt;
        seg_text_init(&vt, *value, strlen(*value));
        seg_ov m;
        char *next = NULL;
        while (!next && start < vt.flen &&
               seg_match(l->ctx, l->unit, vt.f, vt.flen, start, 0, &m)) {
            size_t ns, ne;
            const seg_place *e = name_after_unit(l, &vt, m.ov[0], m.ov[1], &ns, &ne);
            start = m.ov[1] > m.ov[0] ? m.ov[1] : m.ov[0] + 1;
            if (e && ne > ns) {
                next = replace_span(&vt, ns, ne, e->form);
                start = ns + 1; /* past this unit in the new value too */
            }
        }
        seg_text_free(&vt);
        if (!next)
            return;
        free(*value);
        *value = next;
    }
}

/* ---- the place of the place/date line ---------------------------------- */

typedef struct vote {
    const seg_place *to;
    size_t n;
} vote;

/* Tally, over the document, the gazetteer names its unit mentions are (or
 * mend to); *raw counts the mentions of `key` left as written. */
static vote *tally(lctx *l, const seg_text *t, const char *key, size_t *nv, size_t *raw)
{
    vote *v = NULL;
    *nv = *raw = 0;
    size_t start = 0;
    int max = seg_key_max_edits(key);
    seg_ov m;
    while (start < t->flen && seg_match(l->ctx, l->unit, t->f, t->flen, start, 0, &m)) {
        start = m.ov[1] > m.ov[0] ? m.ov[1] : m.ov[0] + 1;
        /* Only a mention within two small edits of the place can vote for a
         * name near it: the rest are not looked up. */
        size_t p = m.ov[1], ends[NAME_WORDS];
        while (p < t->flen && (t->f[p] == ' ' || t->f[p] == '\t' || t->f[p] == '\n'))
            p++;
        int nw = name_words(t->f, t->flen, p, ends), near = 0;
        for (int w = 0; w < nw && !near; w++) {
            char wk[KEY_CAP];
            size_t os, oe;
            seg_text_orig(t, p, ends[w], &os, &oe);
            seg_place_key(t->o + os, oe - os, wk, sizeof wk);
            near = seg_key_distance(key, wk, 2 * max) <= 2 * max;
        }
        if (!near)
            continue;
        size_t ns, ne;
        const seg_place *e = name_after_unit(l, t, m.ov[0], m.ov[1], &ns, &ne);
        if (ne <= ns)
            continue;
        char mk[KEY_CAP];
        size_t os, oe;
        seg_text_orig(t, ns, ne, &os, &oe);
        seg_place_key(t->o + os, oe - os, mk, sizeof mk);
        *raw += !e && strcmp(mk, key) == 0; /* the place's name, kept as written */
        if (!e) { /* known as written: that spelling's entry */
            unsigned levels = seg_unit_levels(t->f + m.ov[0], m.ov[1] - m.ov[0]);
            if (!seg_places_exact(l->places, mk, levels, &e))
                continue;
        }
        size_t i = 0;
        while (i < *nv && strcmp(v[i].to->key, e->key) != 0)
            i++;
        if (i == *nv) {
            SEG_GROW(v, *nv);
            v[(*nv)++] = (vote){e, 0};
        }
        v[i].n++;
    }
    return v;
}

/* 1 if name key b is a small edit (not none) from the place key a. */
static int key_distance_ok(const char *a, const char *b)
{
    int max = seg_key_max_edits(a);
    return max && strcmp(a, b) != 0 && seg_key_distance(a, b, max) <= max;
}

static void mend_place(lctx *l, const seg_text *t, char **place)
{
    char key[KEY_CAP];
    seg_place_key(*place, strlen(*place), key, sizeof key);
    size_t nv, raw;
    vote *v = tally(l, t, key, &nv, &raw);
    const seg_place *best = NULL;
    size_t bestn = 0;
    int tie = 0;
    for (size_t i = 0; i < nv; i++) {
        if (!key_distance_ok(key, v[i].to->key))
            continue;
        if (v[i].n > bestn) {
            best = v[i].to;
            bestn = v[i].n;
            tie = 0;
        } else if (v[i].n == bestn) {
            tie = 1;
        }
    }
    free(v);
    if (best && !tie && bestn > raw) {
        free(*place);
        *place = seg_new_style(best->form, strlen(best->form));
        return;
    }
    int known;
    const seg_place *e = mend_name(l, *place, strlen(*place), SEG_LEVEL_ANY, &known);
    if (e) {
        free(*place);
        *place = seg_new_style(e->form, strlen(e->form));
    }
}

/* ---- entry points ------------------------------------------------------ */

static int lctx_init(lctx *l, seg_ctx *ctx, const seg_text *t)
{
    memset(l, 0, sizeof *l);
    l->ctx = ctx;
    l->places = ctx->rules->places;
    for (size_t k = 0; k < ctx->rules->n && !l->unit; k++)
        if (seg_rule_in(&ctx->rules->v[k], "issuer.unit"))
            l->unit = &ctx->rules->v[k];
    if (!l->places || !seg_places_count(l->places) || !l->unit)
        return 0;
    l->low = sohoa_xmalloc(t->flen + 1);
    for (size_t i = 0; i < t->flen; i++) {
        unsigned char c = (unsigned char)t->f[i];
        l->low[i] = (c == '\n' || c == '\t' || c == '\r') ? ' ' : (char)tolower(c);
    }
    l->low[t->flen] = '\0';
    l->t = t;
    return 1;
}

static void lctx_free(lctx *l)
{
    free(l->low);
    free(l->olow);
    for (size_t i = 0; i < l->nmemo; i++)
        free(l->memo[i].s);
    free(l->memo);
}

void seg_mend_place(seg_ctx *ctx, const seg_text *t, sohoa_doc *d)
{
    lctx l;
    if (!d->place || !lctx_init(&l, ctx, t))
        return;
    mend_place(&l, t, &d->place);
    lctx_free(&l);
}

/* The issuer's locality (after its last unit word) spelt as the place when
 * the two fold alike and the place is a gazetteer name as spelt ("HUYỆN
 * ĐÔNG TRA", place "Đông Trà" → "HUYỆN ĐÔNG TRÀ"). */
static void issuer_as_place(lctx *l, sohoa_doc *d)
{
    if (!d->issuer || !d->place)
        return;
    char pk[KEY_CAP];
    seg_place_key(d->place, strlen(d->place), pk, sizeof pk);
    if (!pk[0] || !spelt_as(l, pk, SEG_LEVEL_ANY, d->place, strlen(d->place)))
        return;
    seg_text it;
    seg_text_init(&it, d->issuer, strlen(d->issuer));
    size_t start = 0, tail = 0;
    seg_ov m;
    while (start < it.flen && seg_match(l->ctx, l->unit, it.f, it.flen, start, 0, &m)) {
        tail = m.ov[1];
        start = m.ov[1] > m.ov[0] ? m.ov[1] : m.ov[0] + 1;
    }
    while (tail < it.flen && it.f[tail] == ' ')
        tail++;
    size_t os, oe;
    seg_text_orig(&it, tail, it.flen, &os, &oe);
    char ik[KEY_CAP];
    seg_place_key(d->issuer + os, oe - os, ik, sizeof ik);
    char *next = NULL;
    if (tail > 0 && tail < it.flen && strcmp(ik, pk) == 0 &&
        !spelt_as(l, pk, SEG_LEVEL_ANY, d->issuer + os, oe - os))
        next = replace_span(&it, tail, it.flen, d->place);
    seg_text_free(&it);
    if (next) {
        free(d->issuer);
        d->issuer = next;
    }
}

void seg_mend_localities(seg_ctx *ctx, const seg_text *t, sohoa_doc *d)
{
    lctx l;
    if (!lctx_init(&l, ctx, t))
        return;
    issuer_as_place(&l, d);
    mend_value(&l, &d->issuer);
    mend_value(&l, &d->title);
    for (size_t i = 0; i < d->nrecipients; i++)
        mend_value(&l, &d->recipients[i]);
    lctx_free(&l);
}
