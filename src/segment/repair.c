/* repair.c — mending residual OCR damage in header values by what the rest
 * of the document says.
 *
 * Restoration leaves a few damaged words ("6 tháng đầu nim 2023", issuer
 * "THỊ TRẤN LÀ CÁCH" over the place "Lai Cách"). The document itself
 * usually repeats the right form, so a value is mended by a vote over the
 * whole text, never by a list of words:
 *   - rules repair.* name a context that predicts a word (group "word"):
 *     "n?m" before a year is the year word; in a value, such a word takes
 *     the form the document uses most often in the same context;
 *   - the issuer's locality (after a unit word: "THỊ TRẤN ...") that is
 *     one or two letters away from the place of the place/date line takes
 *     the place's spelling when the text uses the place's form more often. */
#include "seg.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sohoa/normalize.h"
#include "sohoa/utf8.h"

typedef struct vote {
    char *form; /* original spelling (owned) */
    size_t n;
} vote;

static void vote_add(vote **v, size_t *nv, char *form)
{
    for (size_t i = 0; i < *nv; i++)
        if (strcmp((*v)[i].form, form) == 0) {
            (*v)[i].n++;
            free(form);
            return;
        }
    SEG_GROW(*v, *nv);
    (*v)[(*nv)++] = (vote){form, 1};
}

static size_t vote_count(const vote *v, size_t nv, const char *form)
{
    for (size_t i = 0; i < nv; i++)
        if (strcmp(v[i].form, form) == 0)
            return v[i].n;
    return 0;
}

/* The forms group "word" of rule r takes over the whole text. */
static void collect_votes(seg_ctx *ctx, const seg_rule *r, const seg_text *t, vote **v,
                          size_t *nv)
{
    size_t start = 0, s, e;
    seg_ov m;
    while (start < t->flen && seg_match(ctx, r, t->f, t->flen, start, 0, &m)) {
        if (seg_group(r, &m, "word", &s, &e) && e > s)
            vote_add(v, nv, seg_text_copy(t, s, e));
        start = m.ov[1] > m.ov[0] ? m.ov[1] : m.ov[0] + 1;
    }
}

/* form in the case of the word it replaces (folded wf[0..n)): capitals,
 * a capital first letter, or as the text has it; malloc'd. */
static char *in_case_of(const char *wf, size_t n, const char *form)
{
    size_t up = 0, letters = 0;
    for (size_t i = 0; i < n; i++)
        if (isalpha((unsigned char)wf[i])) {
            letters++;
            up += isupper((unsigned char)wf[i]) != 0;
        }
    if (letters > 1 && up == letters)
        return seg_upper_words(form);
    if (!letters || !isupper((unsigned char)wf[0]))
        return sohoa_xstrdup(form);
    uint32_t cp;
    size_t l = sohoa_utf8_decode(form, strlen(form), &cp);
    if (!l)
        return sohoa_xstrdup(form);
    char *first = sohoa_to_upper(form, l);
    sohoa_buf b = SOHOA_BUF_INIT;
    sohoa_buf_puts(&b, first);
    sohoa_buf_puts(&b, form + l);
    free(first);
    return sohoa_buf_steal(&b);
}

/* Value s with the words of rule r replaced by the document's usual form
 * (votes v[0..nv), the most voted v[best]). */
static char *repair_rule(seg_ctx *ctx, const seg_rule *r, const vote *v, size_t nv, size_t best,
                         const char *s)
{
    sohoa_buf b = SOHOA_BUF_INIT;
    seg_text vt;
    seg_text_init(&vt, s, strlen(s));
    size_t done = 0, start = 0, gs, ge;
    seg_ov m;
    while (nv && start < vt.flen && seg_match(ctx, r, vt.f, vt.flen, start, 0, &m)) {
        start = m.ov[1] > m.ov[0] ? m.ov[1] : m.ov[0] + 1;
        if (!seg_group(r, &m, "word", &gs, &ge) || ge == gs)
            continue;
        char *form = seg_text_copy(&vt, gs, ge);
        size_t have = vote_count(v, nv, form);
        if (v[best].n >= 2 && v[best].n > have && strcmp(form, v[best].form) != 0) {
            size_t os, oe;
            seg_text_orig(&vt, gs, ge, &os, &oe);
            sohoa_buf_append(&b, s + done, os - done);
            char *cased = in_case_of(vt.f + gs, ge - gs, v[best].form);
            sohoa_buf_puts(&b, cased);
            free(cased);
            done = oe;
        }
        free(form);
    }
    sohoa_buf_puts(&b, s + done);
    seg_text_free(&vt);
    return sohoa_buf_steal(&b);
}

void seg_repair(seg_ctx *ctx, const seg_text *t, char **values, size_t n)
{
    size_t have = 0;
    for (size_t i = 0; i < n; i++)
        have += values[i] != NULL;
    if (!have)
        return;
    for (size_t k = 0; k < ctx->rules->n; k++) {
        const seg_rule *r = &ctx->rules->v[k];
        if (!seg_rule_in(r, "repair"))
            continue;
        vote *v = NULL; /* the votes over the text, once for every value */
        size_t nv = 0, best = 0;
        collect_votes(ctx, r, t, &v, &nv);
        for (size_t i = 1; i < nv; i++)
            if (v[i].n > v[best].n)
                best = i;
        for (size_t i = 0; i < n && nv; i++) {
            if (!values[i])
                continue;
            char *fixed = repair_rule(ctx, r, v, nv, best, values[i]);
            free(values[i]);
            values[i] = fixed;
        }
        for (size_t i = 0; i < nv; i++)
            free(v[i].form);
        free(v);
    }
}

/* Letters of folded s[0..n), lower-cased, into out (at most cap-1). */
static size_t letters(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++)
        if (isalpha((unsigned char)s[i]))
            out[k++] = (char)tolower((unsigned char)s[i]);
    out[k] = '\0';
    return k;
}

/* Case-insensitive count of word-bounded occurrences of folded w in t. */
static size_t count_in(const seg_text *t, const char *w, size_t n)
{
    size_t c = 0;
    if (!n)
        return 0;
    for (size_t i = 0; i + n <= t->flen; i++)
        if (strncasecmp(t->f + i, w, n) == 0 && (i == 0 || !isalnum((unsigned char)t->f[i - 1])) &&
            (i + n == t->flen || !isalnum((unsigned char)t->f[i + n])))
            c++;
    return c;
}

void seg_issuer_place(seg_ctx *ctx, const seg_text *t, sohoa_doc *d)
{
    if (!d->issuer || !d->place)
        return;
    const seg_rule *unit = NULL;
    for (size_t k = 0; k < ctx->rules->n && !unit; k++)
        if (seg_rule_in(&ctx->rules->v[k], "issuer.unit"))
            unit = &ctx->rules->v[k];
    if (!unit)
        return;
    seg_text it, pt;
    seg_text_init(&it, d->issuer, strlen(d->issuer));
    seg_text_init(&pt, d->place, strlen(d->place));
    size_t start = 0, tail = 0;
    seg_ov m;
    while (start < it.flen && seg_match(ctx, unit, it.f, it.flen, start, 0, &m)) {
        tail = m.ov[1];
        start = m.ov[1] > m.ov[0] ? m.ov[1] : m.ov[0] + 1;
    }
    while (tail < it.flen && it.f[tail] == ' ')
        tail++;
    char a[64], b[64];
    size_t la = letters(it.f + tail, it.flen - tail, a, sizeof a);
    size_t lb = letters(pt.f, pt.flen, b, sizeof b);
    int allowed = lb > 8 ? 2 : 1;
    int dist = la && lb ? seg_key_distance(a, b, allowed) : 0;
    if (tail > 0 && la >= 3 && lb >= 3 && dist > 0 && dist <= allowed &&
        count_in(t, pt.f, pt.flen) > count_in(t, it.f + tail, it.flen - tail)) {
        size_t os, oe;
        seg_text_orig(&it, tail, it.flen, &os, &oe);
        char *up = seg_upper_words(d->place);
        sohoa_buf nb = SOHOA_BUF_INIT;
        sohoa_buf_append(&nb, d->issuer, os);
        sohoa_buf_puts(&nb, up);
        free(up);
        free(d->issuer);
        d->issuer = sohoa_buf_steal(&nb);
    }
    seg_text_free(&it);
    seg_text_free(&pt);
}
