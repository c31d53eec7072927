/* lm_tokens.c — turning text into language-model tokens.
 *
 * A whitespace-separated word is split into its leading punctuation (one
 * token per character), its core (from the first to the last letter or
 * digit, internal punctuation kept: "86/KH-UBND") and its trailing
 * punctuation. The core is put in LM form: lower case (ICU's simple case
 * mapping), the tone mark placed new style by the shared syllable module,
 * and "<num>" when it holds a digit or is a Roman numeral (lm_numeral.c:
 * "hạng I" is "hạng <num>"). Training, evaluation and decoding all
 * go through here, so they agree on what a token is. */
#include "lm_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include "sohoa/file.h"
#include "sohoa/syllable.h"
#include "sohoa/utf8.h"

size_t sohoa_lm_form(const char *s, size_t n, char *out, size_t cap)
{
    char low[256];
    size_t m = 0;
    if (rs_lm_roman(s, n)) {
        if (cap > 5) {
            memcpy(out, "<num>", 6);
            return 5;
        }
        return 0;
    }
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(s + i, n - i, &cp);
        if (l == 0)
            l = 1;
        if (u_isdigit((UChar32)cp)) {
            if (cap > 5) {
                memcpy(out, "<num>", 6);
                return 5;
            }
            return 0;
        }
        char enc[4];
        size_t el = sohoa_utf8_encode((uint32_t)u_tolower((UChar32)cp), enc);
        if (m + el >= sizeof low)
            break;
        memcpy(low + m, enc, el);
        m += el;
        i += l;
    }
    char re[256];
    size_t rl = sohoa_syl_retone(low, m, SOHOA_TONE_NEW, re, sizeof re);
    const char *src = low;
    if (rl > 0 && rl < sizeof re) {
        src = re;
        m = rl;
    }
    if (cap == 0)
        return 0;
    if (m >= cap)
        m = cap - 1;
    memcpy(out, src, m);
    out[m] = '\0';
    return m;
}

size_t rs_token_end(const char *s, size_t n, size_t i)
{
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { /* ASCII: no multi-byte space to decode */
            if (rs_is_space(c))
                break;
            i++;
            continue;
        }
        uint32_t cp;
        size_t l = sohoa_utf8_decode(s + i, n - i, &cp);
        if (l == 0)
            l = 1;
        if (rs_is_space(cp))
            break;
        i += l;
    }
    return i;
}

/* 1 if the first letter is upper case and not every letter is. */
static int capitalised(const char *s, size_t n)
{
    int letters = 0, uppers = 0, first = -1;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(s + i, n - i, &cp);
        if (l == 0)
            l = 1;
        if (u_isalpha((UChar32)cp)) {
            int up = u_isupper((UChar32)cp);
            if (first < 0)
                first = up;
            letters++;
            uppers += up;
        }
        i += l;
    }
    return first == 1 && !(letters >= 2 && uppers == letters);
}

int rs_word_core(const char *w, size_t n, size_t *a, size_t *b)
{
    int found = 0;
    *a = *b = n;
    for (size_t i = 0; i < n;) {
        uint32_t cp = (unsigned char)w[i];
        size_t l = 1;
        if (cp >= 0x80) {
            l = sohoa_utf8_decode(w + i, n - i, &cp);
            if (l == 0)
                l = 1;
        }
        if (rs_is_alnum(cp)) {
            if (!found)
                *a = i;
            found = 1;
            *b = i + l;
        }
        i += l;
    }
    return found;
}

static void emit_word(const char *w, size_t n, rs_tok_fn fn, void *ctx)
{
    size_t a, b; /* core = w[a..b) */
    int found = rs_word_core(w, n, &a, &b);
    for (size_t i = 0; i < a;) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(w + i, a - i, &cp);
        if (l == 0)
            l = 1;
        fn(w + i, l, 0, 0, ctx);
        i += l;
    }
    if (found) {
        char form[256];
        size_t m = sohoa_lm_form(w + a, b - a, form, sizeof form);
        if (m > 0)
            fn(form, m, 1, capitalised(w + a, b - a), ctx);
    }
    for (size_t i = b; i < n;) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(w + i, n - i, &cp);
        if (l == 0)
            l = 1;
        fn(w + i, l, 0, 0, ctx);
        i += l;
    }
}

void rs_lm_tokens(const char *line, size_t n, rs_tok_fn fn, void *ctx)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(line + i, n - i, &cp);
        if (l == 0)
            l = 1;
        if (rs_is_space(cp)) {
            i += l;
            continue;
        }
        size_t start = i;
        i = rs_token_end(line, n, i);
        emit_word(line + start, i - start, fn, ctx);
    }
}
