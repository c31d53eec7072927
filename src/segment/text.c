/* text.c — the folded view of a text and its byte map back to the original.
 *
 * Each code point is folded on its own (sohoa_fold_keep_case), so every
 * folded byte knows the original code point it came from: a rule matched on
 * "Ke hoach so 114/KH-UBND" gives back "Kế hoạch số 114/KH-UBND". Combining
 * marks fold to nothing and are counted in the span of the letter before
 * them. Lines are kept one for one ('\n' folds to '\n'). An invalid UTF-8
 * byte folds to '?', so the folded text is always valid UTF-8 (rules match
 * it with PCRE2_NO_UTF_CHECK). */
#include "seg.h"

#include <string.h>

#include "sohoa/syllable.h"
#include "sohoa/utf8.h"

static void push_line(seg_text *t, size_t *cap, size_t ls, size_t le, size_t fs, size_t fe)
{
    if (t->nlines == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        t->ls = sohoa_xrealloc(t->ls, *cap * sizeof *t->ls);
        t->le = sohoa_xrealloc(t->le, *cap * sizeof *t->le);
        t->fs = sohoa_xrealloc(t->fs, *cap * sizeof *t->fs);
        t->fe = sohoa_xrealloc(t->fe, *cap * sizeof *t->fe);
    }
    if (le > ls && t->o[le - 1] == '\r')
        le--;
    while (fe > fs && t->f[fe - 1] == '\r')
        fe--;
    t->ls[t->nlines] = ls;
    t->le[t->nlines] = le;
    t->fs[t->nlines] = fs;
    t->fe[t->nlines] = fe;
    t->nlines++;
}

void seg_text_init(seg_text *t, const char *s, size_t n)
{
    memset(t, 0, sizeof *t);
    t->o = s;
    t->olen = n;
    /* Folding never lengthens a code point's bytes, so n + 1 bounds it all. */
    t->f = sohoa_xmalloc(n + 1);
    t->fo_s = sohoa_xmalloc((n + 1) * sizeof *t->fo_s);
    size_t cap = 0, i = 0, o = 0, line_o = 0, line_f = 0;
    while (i < n) {
        if (s[i] == '\n') {
            push_line(t, &cap, line_o, i, line_f, o);
            t->fo_s[o] = (uint32_t)i;
            t->f[o++] = '\n';
            i++;
            line_o = i;
            line_f = o;
            continue;
        }
        uint32_t cp;
        size_t len = sohoa_utf8_decode(s + i, n - i, &cp);
        char buf[8];
        size_t fl;
        if (len == 0) { /* invalid byte: '?', so the folded text stays valid UTF-8 */
            len = 1;
            buf[0] = '?';
            fl = 1;
        } else {
            fl = sohoa_fold_keep_case(s + i, len, buf, sizeof buf);
            if (fl > len)
                fl = len;
        }
        for (size_t k = 0; k < fl; k++) { /* a mark (fl == 0) joins the letter before it */
            t->fo_s[o] = (uint32_t)i;
            t->f[o++] = buf[k];
        }
        i += len;
    }
    push_line(t, &cap, line_o, n, line_f, o);
    t->f[o] = '\0';
    t->fo_s[o] = (uint32_t)n;
    t->flen = o;
}

void seg_text_free(seg_text *t)
{
    free(t->f);
    free(t->fo_s);
    free(t->ls);
    free(t->le);
    free(t->fs);
    free(t->fe);
    memset(t, 0, sizeof *t);
}

void seg_text_orig(const seg_text *t, size_t a, size_t b, size_t *os, size_t *oe)
{
    if (a > t->flen)
        a = t->flen;
    if (b > t->flen)
        b = t->flen;
    *os = t->fo_s[a];
    if (b == a) {
        *oe = *os;
        return;
    }
    /* the end of the last code point, with the combining marks after it */
    size_t e = t->fo_s[b - 1];
    uint32_t cp;
    size_t l = sohoa_utf8_decode(t->o + e, t->olen - e, &cp);
    e += l ? l : 1;
    while (e < t->olen && (l = sohoa_utf8_decode(t->o + e, t->olen - e, &cp)) && cp >= 0x300 &&
           cp <= 0x36F)
        e += l;
    *oe = e;
}

char *seg_text_copy(const seg_text *t, size_t a, size_t b)
{
    size_t os, oe;
    seg_text_orig(t, a, b, &os, &oe);
    while (os < oe && (t->o[os] == '*' || t->o[os] == '_' || t->o[os] == ' ' || t->o[os] == '\t'))
        os++;
    while (oe > os && (t->o[oe - 1] == '*' || t->o[oe - 1] == '_' || t->o[oe - 1] == ' ' ||
                       t->o[oe - 1] == '\t' || t->o[oe - 1] == '\r'))
        oe--;
    return seg_collapse(t->o + os, oe - os);
}

int seg_line_blank(const seg_text *t, size_t i)
{
    for (size_t k = t->fs[i]; k < t->fe[i]; k++) {
        char c = t->f[k];
        if (c != ' ' && c != '\t' && c != '*' && c != '_' && c != '#' && c != '\r')
            return 0;
    }
    return 1;
}

void seg_line_content(seg_ctx *ctx, const seg_text *t, size_t i, size_t *s, size_t *e)
{
    size_t a = t->fs[i], b = t->fe[i];
    const sohoa_rules *r = ctx->rules;
    seg_ov m;
    for (size_t k = 0; k < r->n; k++) {
        const seg_rule *x = &r->v[k];
        if (seg_rule_in(x, "markup.prefix") &&
            seg_match(ctx, x, t->f + a, b - a, 0, PCRE2_ANCHORED, &m))
            a += m.ov[1];
    }
    for (size_t k = 0; k < r->n; k++) {
        const seg_rule *x = &r->v[k];
        if (seg_rule_in(x, "markup.suffix") && seg_match(ctx, x, t->f + a, b - a, 0, 0, &m) &&
            m.ov[1] == b - a)
            b = a + m.ov[0];
    }
    while (a < b && (t->f[a] == ' ' || t->f[a] == '\t'))
        a++;
    while (b > a && (t->f[b - 1] == ' ' || t->f[b - 1] == '\t'))
        b--;
    *s = a;
    *e = b;
}
