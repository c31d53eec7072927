/* viqr.c — VIQR (RFC 1456), Vietnamese in 7-bit ASCII: a vowel is followed
 * by its quality mark (^ circumflex, ( breve, + horn) and then its tone mark
 * (' acute, ` grave, ? hook, ~ tilde, . dot); "dd" at the start of a word is
 * đ (and "DD" anywhere, for abbreviations such as HDDND, and "dd" after a
 * marked letter, for words run together); a backslash makes the next
 * character literal.
 *
 * Decoding is ambiguous at the end of a word: "ha." is hạ, or ha and a full
 * stop ("?" and "'" likewise). We take the tone when only the toned word is
 * a syllable, the punctuation when only the bare one is; when both are,
 * a one-letter word before a dot is a list label (I. a.), a dot before a
 * comma or a lower-case word is a tone, then we follow how the same document
 * writes the word elsewhere, and otherwise take the tone, except for a full
 * stop that ends its line. Text that escapes its
 * literal marks (RFC 1456: "a\.") is read strictly. The encoder escapes
 * every full stop, question mark and apostrophe after a letter, so our own
 * output is never ambiguous. */
#include "codecs.h"
#include "letters.h"

#include "sohoa/syllable.h"
#include "sohoa/utf8.h"

#include <string.h>

static int is_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int tone_of_mark(unsigned char c)
{
    switch (c) {
    case '\'': return SOHOA_TONE_ACUTE;
    case '`': return SOHOA_TONE_GRAVE;
    case '?': return SOHOA_TONE_HOOK;
    case '~': return SOHOA_TONE_TILDE;
    case '.': return SOHOA_TONE_DOT;
    default: return 0;
    }
}

/* The quality mark c applied to base, or 0. */
static uint32_t quality(uint32_t base, unsigned char c)
{
    switch (c) {
    case '^': return vn_apply_quality(base, 0x302);
    case '(': return vn_apply_quality(base, 0x306);
    case '+': return vn_apply_quality(base, 0x31B);
    default: return 0;
    }
}

/* 1 if the word out->data[from..] followed by letter cp is a syllable. */
static int word_valid(const sohoa_buf *out, size_t from, uint32_t cp)
{
    char tmp[64];
    size_t len = out->len - from;
    if (len + 4 >= sizeof tmp)
        return 0;
    memcpy(tmp, out->data + from, len);
    len += sohoa_utf8_encode(cp, tmp + len);
    return sohoa_syl_valid(tmp, len);
}

/* Context rule for a word-final '.' or '?' at in[k] when both readings are
 * syllables, from counts on the training corpus: a bare syllable followed
 * by "?" is 240 times rarer than a hook-toned one, and a dot-toned word
 * before a capitalised word is commoner than a sentence end (13391 : 7541),
 * but at the end of a line a full stop wins (3 : 1). So only a '.' that
 * ends its line (or the text) is punctuation. */
static int looks_like_punct(const unsigned char *in, size_t n, size_t k)
{
    if (in[k] != '.')
        return 0;
    size_t j = k + 1;
    while (j < n && (in[j] == ' ' || in[j] == '\t'))
        j++;
    return j >= n || in[j] == '\n' || in[j] == '\r';
}

/* 1 if what follows the mark at in[k] shows the sentence goes on: a
 * comma, semicolon, colon or closing bracket, or a space and a lower-case
 * word or a digit. */
static int continues_sentence(const unsigned char *in, size_t n, size_t k)
{
    size_t j = k + 1;
    if (j < n && strchr(",;:)", in[j]) && in[j])
        return 1;
    if (j >= n || in[j] != ' ')
        return 0;
    while (j < n && in[j] == ' ')
        j++;
    return j < n && ((in[j] >= 'a' && in[j] <= 'z') || (in[j] >= '0' && in[j] <= '9'));
}

/* 1 if the text escapes literal marks ("a\."): then every unescaped mark
 * after a vowel is a tone, as RFC 1456 intends. */
static int uses_escapes(const unsigned char *in, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (in[i] == '\\' && (in[i + 1] == '.' || in[i + 1] == '?' || in[i + 1] == '\''))
            return 1;
    return 0;
}

/* Per-document evidence for an ambiguous "word." (the word's raw bytes
 * in[w0..w1) with a dot after them): elsewhere in the text, is the same word
 * seen bare (followed by a space or , ; : without the dot) or with the dot
 * as a tone (the dot followed by , ; : or by a lower-case word)? Returns
 * > 0 for the tone, < 0 for the bare word, 0 for no evidence. Looks at the
 * first 256 KiB only, so that long texts stay linear. */
#define EVIDENCE_SPAN (256 * 1024)
static int dot_evidence(const unsigned char *in, size_t n, size_t w0, size_t w1)
{
    size_t wl = w1 - w0, lim = n < EVIDENCE_SPAN ? n : EVIDENCE_SPAN;
    int bare = 0, toned = 0;
    if (wl == 0 || wl > 16)
        return 0;
    for (size_t p = 0; p + wl < lim; p++) {
        if (in[p] != in[w0] || p == w0 || memcmp(in + p, in + w0, wl) != 0)
            continue;
        if (p > 0 && (is_alpha(in[p - 1]) || strchr("^(+'`?~.\\", in[p - 1])))
            continue;
        size_t q = p + wl;
        unsigned char c = in[q];
        if (c == ' ' || c == ',' || c == ';' || c == ':')
            bare++;
        else if (c == '.' && q + 1 < lim &&
                 (strchr(",;:", in[q + 1]) ||
                  (in[q + 1] == ' ' && q + 2 < lim && in[q + 2] >= 'a' && in[q + 2] <= 'z')))
            toned++;
    }
    return toned - bare;
}

void viqr_decode(const char *text, size_t n, sohoa_buf *out)
{
    const unsigned char *in = (const unsigned char *)text;
    size_t word_start = out->len, in_start = 0; /* the word in out and in in */
    int escaped = uses_escapes(in, n);
    sohoa_buf_reserve(out, n);
    for (size_t i = 0; i < n;) {
        unsigned char c = in[i];
        if (c == '\\' && i + 1 < n && in[i + 1] && strchr("^(+'`?~.\\dD", in[i + 1])) {
            sohoa_buf_putc(out, (char)in[i + 1]);
            i += 2;
            word_start = out->len, in_start = i;
            continue;
        }
        if (!is_alpha(c)) {
            if (c >= 0x80)
                sohoa_buf_put_cp(out, cp1252_byte(c));
            else
                sohoa_buf_putc(out, (char)c);
            i++;
            word_start = out->len, in_start = i;
            continue;
        }
        int upper = c < 'a';
        uint32_t base = c | 0x20;
        /* đ: dd or Dd opening a word; DD anywhere (abbreviations: HDDND);
         * dd right after a marked letter (words run together: đểđưa) */
        if (base == 'd' && i + 1 < n && (in[i + 1] | 0x20) == 'd' &&
            (out->len == word_start || (c == 'D' && in[i + 1] == 'D') ||
             (unsigned char)out->data[out->len - 1] >= 0x80)) {
            sohoa_buf_put_cp(out, upper ? 0x110 : 0x111);
            i += 2;
            continue;
        }
        size_t j = i + 1;
        int tone = 0;
        if (vn_is_vowel(base)) {
            uint32_t q = j < n ? quality(base, in[j]) : 0;
            if (q)
                base = q, j++;
            int t = j < n ? tone_of_mark(in[j]) : 0;
            if (t) {
                int final = j + 1 >= n || !is_alpha(in[j + 1]);
                int take = 1;
                if (final && !escaped && (in[j] == '.' || in[j] == '?' || in[j] == '\'')) {
                    int with = word_valid(out, word_start, vn_compose(base, t, upper));
                    int without = word_valid(out, word_start, vn_compose(base, 0, upper));
                    int ev = in[j] == '.' ? dot_evidence(in, n, in_start, j) : 0;
                    if (with != without)
                        take = with;
                    else if (!with)
                        take = 0;
                    else if (in[j] == '.' && j - in_start == 1)
                        take = 0; /* a one-letter word: a list label (I. a.) */
                    else if (in[j] == '.' && continues_sentence(in, n, j))
                        take = 1; /* "thi. tra^'n": no sentence ends there */
                    else if (ev)
                        take = ev > 0; /* how this document writes the word */
                    else
                        take = !looks_like_punct(in, n, j);
                }
                if (take)
                    tone = t, j++;
            }
        }
        sohoa_buf_put_cp(out, vn_compose(base, tone, upper));
        i = j;
    }
}

static const char TONE_MARK[] = "\0`'?~.";

int viqr_encode(const char *utf8, size_t n, sohoa_buf *out, size_t *bad_at)
{
    size_t i = 0;
    int prev_vowel = 0, prev_letter = 0, at_word_start = 1;
    while (i < n) {
        uint32_t base;
        int tone, upper, letter;
        size_t len = vn_split_char(utf8 + i, n - i, &base, &tone, &upper, &letter);
        if (len == 0 || (!letter && base >= 0x80)) {
            *bad_at = i;
            return SOHOA_EINVAL;
        }
        if (!letter) {
            /* marks the decoder would read as part of a letter are escaped */
            if (base == '\\' || (prev_vowel && strchr("^(+`~", (int)base)) ||
                (prev_letter && strchr(".?'", (int)base)))
                sohoa_buf_putc(out, '\\');
            sohoa_buf_putc(out, (char)base);
            prev_vowel = prev_letter = 0;
            at_word_start = 1;
            i += len;
            continue;
        }
        char q = 0;
        uint32_t ascii = base;
        switch (base) {
        case 0xE2: ascii = 'a', q = '^'; break;
        case 0xEA: ascii = 'e', q = '^'; break;
        case 0xF4: ascii = 'o', q = '^'; break;
        case 0x103: ascii = 'a', q = '('; break;
        case 0x1A1: ascii = 'o', q = '+'; break;
        case 0x1B0: ascii = 'u', q = '+'; break;
        case 0x111: ascii = 'd'; break;
        default: break;
        }
        if (base == 0x111) {
            sohoa_buf_puts(out, upper ? "DD" : "dd");
        } else {
            sohoa_buf_putc(out, (char)(upper ? ascii - 32 : ascii));
            /* a literal "dd" opening a word, or "DD", must not read as đ */
            if (ascii == 'd' && i + len < n && (utf8[i + len] | 0x20) == 'd' &&
                (at_word_start || (upper && utf8[i + len] == 'D')))
                sohoa_buf_putc(out, '\\');
        }
        if (q)
            sohoa_buf_putc(out, q);
        if (tone)
            sohoa_buf_putc(out, TONE_MARK[tone]);
        prev_vowel = vn_is_vowel(base);
        prev_letter = 1;
        at_word_start = 0;
        i += len;
    }
    return SOHOA_OK;
}
