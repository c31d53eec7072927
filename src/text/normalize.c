/* normalize.c — sohoa_normalize (include/sohoa/normalize.h): validate UTF-8,
 * unify look-alike characters (lookalike.c), compose to NFC (nfc.c), place
 * tone marks by one convention on valid syllables, split into lines with a
 * map back to input lines, and optionally clean up OCR layout (layout.c).
 *
 * Hot path: text that is ASCII or already NFC never reaches ICU, unchanged
 * spans are copied whole, and only words that carry a tone and end in oa,
 * oe or uy (the only rhymes whose tone moves between conventions) are
 * re-parsed. */
#include "sohoa/normalize.h"
#include "sohoa/buf.h"
#include "sohoa/syllable.h"
#include "sohoa/utf8.h"
#include "utf8_fast.h"
#include "layout.h"
#include "letters.h"
#include "lookalike.h"
#include "nfc.h"

#include <stdlib.h>
#include <string.h>

/* ---- tone placement ----------------------------------------------------- */

/* The start of the UTF-8 character that ends at w[end) (end > 0). */
static size_t char_start(const char *w, size_t end)
{
    size_t k = end - 1;
    while (k > 0 && ((unsigned char)w[k] & 0xC0) == 0x80)
        k--;
    return k;
}

/* If the word w[0..n) ends in oa, oe or uy (the only rhymes whose tone moves
 * between conventions: hòa/hoà, not hoàn), carries a tone and is a
 * syllable, write it re-toned into tmp and return its length; else 0. */
static size_t retone_word(const char *w, size_t n, int style, char *tmp, size_t cap)
{
    if (n < 2 || n >= 48)
        return 0;
    struct vn_letter last, prev;
    uint32_t cp;
    size_t k = char_start(w, n);
    if (!utf8_next(w + k, n - k, &cp) || !vn_letter_of(cp, &last) || k == 0)
        return 0;
    size_t j = char_start(w, k);
    if (!utf8_next(w + j, k - j, &cp) || !vn_letter_of(cp, &prev))
        return 0;
    if (!((prev.base == 'o' && (last.base == 'a' || last.base == 'e')) ||
          (prev.base == 'u' && last.base == 'y')) || !(prev.tone || last.tone))
        return 0;
    size_t r = sohoa_syl_retone(w, n, style, tmp, cap);
    if (r == 0 || r >= cap || (r == n && memcmp(tmp, w, n) == 0))
        return 0;
    return r;
}

/* 1 for the bytes that make up words: ASCII letters and every byte of a
 * multi-byte character. */
static const unsigned char WORD[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* Copy s to out with tone marks placed by style; returns 0 (and writes
 * nothing) when no word changes. One pass, one table look-up per byte;
 * unchanged spans are copied whole. */
static int place_tones(const char *s, size_t n, int style, sohoa_buf *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t done = 0, start = 0;
    int in_word = 0, changed = 0;
    unsigned high = 0;
    char tmp[64];
    for (size_t i = 0; i <= n; i++) {
        unsigned w = i < n ? WORD[p[i]] : 0;
        if (w) {
            if (!in_word)
                start = i, in_word = 1, high = 0;
            high |= p[i];
            continue;
        }
        if (!in_word)
            continue;
        in_word = 0;
        size_t r = (high & 0x80) ? retone_word(s + start, i - start, style, tmp, sizeof tmp) : 0;
        if (r) {
            if (!changed)
                sohoa_buf_reserve(out, n), changed = 1;
            sohoa_buf_append(out, s + done, start - done);
            sohoa_buf_append(out, tmp, r);
            done = i;
        }
    }
    if (changed)
        sohoa_buf_append(out, s + done, n - done);
    return changed;
}

/* ---- lines ------------------------------------------------------------- */

typedef struct lines {
    nline *v;
    size_t n, cap;
} lines;

static void push_line(lines *L, const char *s, size_t len, int line, int page)
{
    if (L->n == L->cap) {
        L->cap = L->cap ? 2 * L->cap : 256;
        L->v = sohoa_xrealloc(L->v, L->cap * sizeof *L->v);
    }
    L->v[L->n++] = (nline){s, len, NULL, line, page, 0};
}

/* Split text into lines at \n, \r\n and \r; with pages, also at \f (the
 * form feed itself is dropped). Returns 1 if the text ended with a line end. */
static int split_lines(const char *s, size_t n, int pages, lines *L)
{
    int line = 1, page = 0;
    size_t start = 0;
    int has_cr = memchr(s, '\r', n) != NULL, has_ff = pages && memchr(s, '\f', n) != NULL;
    if (!has_cr && !has_ff) { /* the common case: memchr from line to line */
        while (start < n) {
            const char *nl = memchr(s + start, '\n', n - start);
            size_t end = nl ? (size_t)(nl - s) : n;
            push_line(L, s + start, end - start, line++, 0);
            start = end + 1;
        }
        return n > 0 && s[n - 1] == '\n';
    }
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\n' || c == '\r') {
            push_line(L, s + start, i - start, line, page);
            if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
                i++;
            line++;
            start = i + 1;
        } else if (c == '\f' && pages) {
            if (i > start)
                push_line(L, s + start, i - start, line, page);
            page++;
            start = i + 1;
        }
    }
    if (start < n)
        push_line(L, s + start, n - start, line, page);
    return start == n && n > 0;
}

static void trim_right(nline *l)
{
    while (l->len > 0 && (l->s[l->len - 1] == ' ' || l->s[l->len - 1] == '\t'))
        l->len--;
}

int sohoa_normalize(const char *in, size_t n, unsigned flags, sohoa_norm_result *out,
                    sohoa_err *err)
{
    memset(out, 0, sizeof *out);
    size_t bad = (flags & SOHOA_NORM_VALID_UTF8) ? (size_t)-1 : sohoa_utf8_invalid_at(in, n);
    if (bad != (size_t)-1)
        return sohoa_err_set(err, SOHOA_EINVAL, "invalid UTF-8 at byte %zu", bad);
    int style = (flags & SOHOA_NORM_TONE_OLD) ? SOHOA_TONE_OLD : SOHOA_TONE_NEW;
    int layout = (flags & SOHOA_NORM_LAYOUT) != 0;

    /* each pass writes a new buffer only if it changes something */
    sohoa_buf a = SOHOA_BUF_INIT, b = SOHOA_BUF_INIT, c = SOHOA_BUF_INIT;
    const char *t = in;
    size_t tn = n;
    int changed;
    int nfc = sohoa_norm_chars(t, tn, &a, &changed);
    if (changed)
        t = a.data, tn = a.len;
    if (!nfc) {
        sohoa_norm_nfc_into(t, tn, &b);
        t = sohoa_buf_cstr(&b), tn = b.len;
        /* NFC can make a look-alike of what was none (U+1FBE becomes Greek
         * iota, which stands for i inside a Latin word): a second character
         * pass, and NFC again if that changed anything */
        sohoa_buf_clear(&a);
        nfc = sohoa_norm_chars(t, tn, &a, &changed);
        if (changed) {
            t = a.data, tn = a.len;
            if (!nfc) {
                sohoa_buf_clear(&b);
                sohoa_norm_nfc_into(t, tn, &b);
                t = sohoa_buf_cstr(&b), tn = b.len;
            }
        }
    }
    if (place_tones(t, tn, style, &c))
        t = c.data, tn = c.len;

    lines L = {NULL, 0, 0};
    int ended = split_lines(t, tn, layout, &L);
    for (size_t i = 0; i < L.n; i++)
        trim_right(&L.v[i]);
    if (!ended && L.n > 0 && L.v[L.n - 1].len == 0) {
        /* "a\n " : an unterminated last line that trimming empties would
         * leave no trace in the text ("a\n") yet count in nlines; drop it,
         * so the text ends with the line end of the line before. */
        L.n--;
        ended = 1;
    }
    if (layout) {
        layout_drop_running(L.v, L.n);
        layout_join_hyphens(L.v, L.n);
        layout_squeeze_blank(L.v, L.n);
        ended = 1;
    }

    sohoa_buf o = SOHOA_BUF_INIT;
    sohoa_buf_reserve(&o, tn + 1);
    int *map = sohoa_xmalloc((L.n + 1) * sizeof *map);
    size_t k = 0, last = 0;
    for (size_t i = 0; i < L.n; i++) {
        if (L.v[i].drop)
            continue;
        sohoa_buf_append(&o, L.v[i].s, L.v[i].len);
        sohoa_buf_putc(&o, '\n');
        map[k++] = L.v[i].line;
        last = o.len;
    }
    if (!ended && k > 0 && last == o.len)
        o.data[--o.len] = '\0'; /* the input's last line had no line end */
    for (size_t i = 0; i < L.n; i++)
        free(L.v[i].own);
    free(L.v);
    sohoa_buf_free(&a);
    sohoa_buf_free(&b);
    sohoa_buf_free(&c);

    out->len = o.len;
    out->text = sohoa_buf_steal(&o);
    out->line_map = map;
    out->nlines = k;
    return SOHOA_OK;
}

void sohoa_norm_result_free(sohoa_norm_result *r)
{
    if (!r)
        return;
    free(r->text);
    free(r->line_map);
    memset(r, 0, sizeof *r);
}
