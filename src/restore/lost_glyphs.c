/* lost_glyphs.c — words a PDF text layer broke by losing glyphs.
 *
 * When a PDF's font has no Unicode map for some glyphs, its extracted text
 * keeps every other letter and has a blank (or U+FFFD, a private-use
 * character, or nothing) for each lost one. The lost glyphs are letters
 * with a Vietnamese mark or shape (ì ò ư ợ đ ...): the plain ASCII letters
 * of a font always map. So "tình hình" comes out as "t nh h nh", "phòng"
 * as "ph ng", "được" as "  ợc", "Việt" as "Vi t", "có" as "c", "đã" as
 * nothing but blanks.
 *
 * This file gives the candidates; tokens.c recognises such a text by its
 * bare consonant clusters (nh, ph, tr) and decides where letters may be
 * lost, the decoder chooses, restore.c takes the blanks of letters got
 * back out of the output. Two runs a few blanks apart are one word with a
 * letter per blank between them (rs_lost_join_forms: "tr  ng" → trường,
 * "  i u" → điều); a fragment alone, or a word with blanks beside it
 * beyond the one space, lost letters there (rs_lost_alone_forms: "c" →
 * có, "  ộng" → động); a gap no neighbour can take is a word lost whole
 * (rs_lost_ghost_forms: ở, đã); an unmapped mark touching a letter is a
 * blank (rs_lost_marks_blanked). The candidates are the model's words of
 * that shape that are Vietnamese syllables (not the abbreviations cđ, hđ). */
#include "restore_int.h"

#include <string.h>
#include <unicode/uchar.h>
#include "sohoa/lm.h"
#include "sohoa/syllable.h"
#include "sohoa/utf8.h"

#define PART_MAX 64 /* bytes of a part; longer runs are no fragments */

/* The ASCII letters lost letters fold to (sohoa_fold: ư → u, đ → d). */
static const char FOLDS[] = "aeiouyd";

/* 1 if cp is a vowel letter, with or without marks (y counts). */
static int vowel(uint32_t cp)
{
    char f[8], enc[4];
    size_t el = sohoa_utf8_encode((uint32_t)u_tolower((UChar32)cp), enc);
    size_t fl = sohoa_fold(enc, el, f, sizeof f);
    return fl == 1 && strchr("aeiouy", f[0]) != NULL;
}

int rs_lost_fragment(const char *s, size_t n)
{
    if (n == 0 || n > PART_MAX)
        return 0;
    size_t letters = 0, upper = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { /* ASCII without ICU (every word of stripped text asks) */
            if ((unsigned)((c | 32) - 'a') >= 26 || strchr("aeiouy", c | 32))
                return 0;
            letters++;
            upper += c < 'a';
            i++;
            continue;
        }
        uint32_t cp;
        size_t l = sohoa_utf8_decode(s + i, n - i, &cp);
        if (l == 0 || !u_isalpha((UChar32)cp) || vowel(cp))
            return 0;
        letters++;
        upper += u_isupper((UChar32)cp) != 0;
        i += l;
    }
    /* TP, HCM, KH: an acronym, not a fragment */
    return !(letters >= 2 && upper == letters);
}

/* s[0..n) lower-cased into out (NUL-terminated, cap bytes); its length in
 * code points, or -1 if it does not fit, is not UTF-8, or (letters_only)
 * holds something else than letters. */
static long lower_cps(const char *s, size_t n, char *out, size_t cap, int letters_only)
{
    size_t m = 0;
    long cps = 0;
    for (size_t i = 0; i < n; cps++) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(s + i, n - i, &cp);
        if (l == 0 || (letters_only && !u_isalpha((UChar32)cp)))
            return -1;
        char enc[4];
        size_t el = sohoa_utf8_encode((uint32_t)u_tolower((UChar32)cp), enc);
        if (m + el >= cap)
            return -1;
        memcpy(out + m, enc, el);
        m += el;
        i += l;
    }
    out[m] = '\0';
    return cps;
}

/* s[0..n), letters only, lower-cased into out (NUL-terminated); its length
 * in bytes, or 0 if it does not fit or holds something else. */
static size_t lower_part(const char *s, size_t n, char *out, size_t cap)
{
    return lower_cps(s, n, out, cap, 1) > 0 ? strlen(out) : 0;
}

long rs_lost_got_back(const char *form, const char *core, size_t n, int at_end)
{
    char f[256], c[256]; /* forms are lower case already; cores not */
    long fn = lower_cps(form, strlen(form), f, sizeof f, 0);
    long cn = lower_cps(core, n, c, sizeof c, 0);
    if (fn < 0 || cn < 0 || fn <= cn)
        return 0;
    size_t fl = strlen(f), cl = strlen(c);
    if (memchr(c, ' ', cl)) /* joined across blanks (rs_lost_join_forms): */
        return at_end ? 0 : fn - cn; /* a letter each, the rest before it */
    return memcmp(at_end ? f : f + fl - cl, c, cl) == 0 ? fn - cn : 0;
}

/* The bytes of the first k letters of s[0..n) if none of them is ASCII,
 * else 0 (also when s has fewer than k letters). */
static size_t lost_prefix(const char *s, size_t n, int k)
{
    size_t i = 0;
    for (int j = 0; j < k; j++) {
        uint32_t cp;
        size_t l = i < n ? sohoa_utf8_decode(s + i, n - i, &cp) : 0;
        if (l == 0 || cp < 0x80 || !u_isalpha((UChar32)cp))
            return 0;
        i += l;
    }
    return i;
}

/* A word's shape: pre lost letters, a, mid lost letters, b, post lost
 * letters (a and b lower case, kept letter for letter). */
typedef struct shape {
    const char *a, *b;
    size_t an, bn;
    int pre, mid, post;
} shape;

/* 1 if w[0..wl) has shape s. */
static int has_shape(const char *w, size_t wl, const shape *s)
{
    size_t i = s->pre ? lost_prefix(w, wl, s->pre) : 0;
    if ((s->pre && i == 0) || wl - i < s->an || memcmp(w + i, s->a, s->an) != 0)
        return 0;
    i += s->an;
    size_t l = s->mid ? lost_prefix(w + i, wl - i, s->mid) : 0;
    if (s->mid && l == 0)
        return 0;
    i += l;
    if (wl - i < s->bn || memcmp(w + i, s->b, s->bn) != 0)
        return 0;
    i += s->bn;
    l = s->post ? lost_prefix(w + i, wl - i, s->post) : 0;
    if (s->post && l == 0)
        return 0;
    return i + l == wl;
}

/* 1 if id is already among d's candidates from index from on. */
static int listed(const rs_doc *d, size_t from, uint16_t id)
{
    for (size_t k = from; k < d->ncand; k++)
        if (d->cand[k].id == id)
            return 1;
    return 0;
}

/* Append (from index from on, without repeats) the model's words of shape
 * s that are Vietnamese syllables (lost glyphs cut Vietnamese words: cđ,
 * hđ are no repair): every skeleton y + a' + x + b' + z is looked up, the
 * lost letters' folds over FOLDS. */
static void add_shaped(rs_doc *d, const sohoa_lm *lm, size_t from, const shape *s)
{
    char fa[PART_MAX + 1], fb[PART_MAX + 1], skel[2 * PART_MAX + RS_LOST_MAX + 1];
    size_t fal = sohoa_fold(s->a, s->an, fa, sizeof fa);
    size_t fbl = sohoa_fold(s->b, s->bn, fb, sizeof fb);
    int lost = s->pre + s->mid + s->post;
    if (fal >= sizeof fa || fbl >= sizeof fb || lost < 1 || lost > RS_LOST_MAX)
        return;
    size_t nf = sizeof FOLDS - 1, combos = 1;
    for (int j = 0; j < lost; j++)
        combos *= nf;
    for (size_t x = 0; x < combos; x++) {
        size_t m = 0, v = x;
        for (int j = 0; j < s->pre; j++, v /= nf)
            skel[m++] = FOLDS[v % nf];
        memcpy(skel + m, fa, fal);
        m += fal;
        for (int j = 0; j < s->mid; j++, v /= nf)
            skel[m++] = FOLDS[v % nf];
        memcpy(skel + m, fb, fbl);
        m += fbl;
        for (int j = 0; j < s->post; j++, v /= nf)
            skel[m++] = FOLDS[v % nf];
        const uint16_t *ids;
        size_t nids = sohoa_lm_skeleton_forms(lm, skel, m, &ids);
        for (size_t k = 0; k < nids; k++) {
            const char *w = sohoa_lm_word(lm, ids[k]);
            size_t wl = strlen(w);
            if (has_shape(w, wl, s) && sohoa_syl_valid(w, wl) && !listed(d, from, ids[k]))
                rs_doc_add_cand(d, ids[k], 0.0f, w);
        }
    }
}

size_t rs_lost_join_forms(rs_doc *d, const sohoa_lm *lm, const char *a, size_t an,
                          const char *b, size_t bn, int lost, int before)
{
    char la[PART_MAX + 1], lb[PART_MAX + 1];
    size_t lal = lower_part(a, an, la, sizeof la), lbl = lower_part(b, bn, lb, sizeof lb);
    size_t from = d->ncand;
    if (!lal || !lbl || lost < 1)
        return 0;
    for (int pre = 0; pre <= before && pre + lost <= RS_LOST_MAX; pre++) {
        shape s = {la, lb, lal, lbl, pre, lost, 0};
        add_shaped(d, lm, from, &s);
    }
    return d->ncand - from;
}

size_t rs_lost_alone_forms(rs_doc *d, const sohoa_lm *lm, const char *s, size_t n,
                           const rs_lost_sides *at)
{
    char low[PART_MAX + 1];
    size_t m = lower_part(s, n, low, sizeof low);
    size_t from = d->ncand;
    if (m == 0)
        return 0;
    for (int k = 1; k <= at->before; k++) {
        shape sh = {low, "", m, 0, k, 0, 0};
        add_shaped(d, lm, from, &sh);
    }
    for (size_t cut = 0; at->inside && cut < m;) { /* at each letter boundary */
        uint32_t cp;
        size_t l = sohoa_utf8_decode(low + cut, m - cut, &cp);
        cut += l ? l : 1;
        for (int k = 1; cut < m && k <= at->inside; k++) {
            shape sh = {low, low + cut, cut, m - cut, 0, k, 0};
            add_shaped(d, lm, from, &sh);
        }
    }
    for (int k = 1; k <= at->after; k++) {
        shape sh = {low, "", m, 0, 0, 0, k};
        add_shaped(d, lm, from, &sh);
    }
    return d->ncand - from;
}

size_t rs_lost_ghost_forms(rs_doc *d, const sohoa_lm *lm, int lost)
{
    size_t from = d->ncand;
    shape sh = {"", "", 0, 0, lost, 0, 0};
    add_shaped(d, lm, from, &sh);
    return d->ncand - from;
}

/* 1 if cp is what an extraction prints for a glyph it could not map: the
 * replacement character or a private-use character. */
static int unmapped(uint32_t cp)
{
    return cp == 0xFFFD || (cp >= 0xE000 && cp <= 0xF8FF);
}

char *rs_lost_marks_blanked(const char *text, size_t n, size_t *len)
{
    /* both kinds of unmapped character are encoded with a lead byte 0xEE
     * or 0xEF (U+E000..U+F8FF, U+FFFD), which no Vietnamese letter has: a
     * text without either byte has nothing to blank */
    if (!memchr(text, 0xEE, n) && !memchr(text, 0xEF, n))
        return NULL;
    size_t i = 0, m = 0;
    int prev_letter = 0; /* the last character kept was a letter */
    char *out = NULL;
    while (i < n) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(text + i, n - i, &cp);
        if (l == 0)
            l = 1;
        int blank = 0;
        if (unmapped(cp)) {
            /* next to a letter, or to another such mark next to one */
            uint32_t nx = 0;
            size_t j = i + l;
            while (j < n) {
                size_t k = sohoa_utf8_decode(text + j, n - j, &nx);
                if (k == 0 || !unmapped(nx))
                    break;
                j += k;
            }
            blank = prev_letter || (j < n && u_isalpha((UChar32)nx));
        }
        if (blank && !out) {
            out = sohoa_xmalloc(n + 1);
            memcpy(out, text, i);
            m = i;
        }
        if (out) {
            if (blank)
                out[m++] = ' ';
            else {
                memcpy(out + m, text + i, l);
                m += l;
            }
        }
        if (!blank) /* a run of marks after a letter stays after it */
            prev_letter = u_isalpha((UChar32)cp) != 0;
        i += l;
    }
    if (out) {
        out[m] = '\0';
        *len = m;
    }
    return out;
}
