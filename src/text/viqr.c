/* viqr.c — VIQR (RFC 1456), Vietnamese in 7-bit ASCII: a vowel is followed
 * by its quality mark (^ circumflex, ( breve, + horn) and then its tone mark
 * (' acute, ` grave, ? hook, ~ tilde, . dot); "dd" at the start of a word is
 * đ (and "DD" anywhere, for abbreviations such as HDDND); a backslash makes
 * the next character literal.
 *
 * Decoding is ambiguous at the end of a word: "ha." is hạ, or ha and a full
 * stop ("?" and "'" likewise). We take the tone when only the toned word is
 * a syllable, the punctuation when only the bare one is, and otherwise read
 * the context: before the end of a line or a capitalised word it is
 * punctuation. Text that escapes its literal marks (RFC 1456: "a\.") is
 * read strictly. The encoder escapes every full stop, question mark and
 * apostrophe after a letter, so our own output is never ambiguous. */
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
 * syllables. Punctuation right after it (ha.,) means the mark was a tone;
 * a capitalised word after a space means a sentence ended (unless the text
 * is in capitals); at the end of a line a full stop is likelier than the
 * dot tone, while a question mark is rarer there than the hook (counted on
 * the training corpus). */
static int looks_like_punct(const unsigned char *in, size_t n, size_t k, int caps)
{
    size_t j = k + 1;
    if (j >= n || in[j] == '\n' || in[j] == '\r')
        return in[k] == '.';
    if (in[j] != ' ' && in[j] != '\t')
        return 0;
    while (j < n && (in[j] == ' ' || in[j] == '\t'))
        j++;
    if (j >= n || in[j] == '\n' || in[j] == '\r')
        return in[k] == '.';
    return !caps && in[j] >= 'A' && in[j] <= 'Z';
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

/* 1 if the word out->data[from..] is in capitals (two letters or more). */
static int all_caps(const sohoa_buf *out, size_t from, int upper)
{
    size_t letters = 1;
    for (size_t i = from; i < out->len; i++) {
        unsigned char c = (unsigned char)out->data[i];
        if (c >= 'a' && c <= 'z')
            return 0;
        letters += c < 0x80 || (c & 0xC0) == 0xC0;
    }
    return upper && letters >= 2;
}

void viqr_decode(const char *text, size_t n, sohoa_buf *out)
{
    const unsigned char *in = (const unsigned char *)text;
    size_t word_start = out->len;
    int escaped = uses_escapes(in, n);
    sohoa_buf_reserve(out, n);
    for (size_t i = 0; i < n;) {
        unsigned char c = in[i];
        if (c == '\\' && i + 1 < n && in[i + 1] && strchr("^(+'`?~.\\dD", in[i + 1])) {
            sohoa_buf_putc(out, (char)in[i + 1]);
            i += 2;
            word_start = out->len;
            continue;
        }
        if (!is_alpha(c)) {
            if (c >= 0x80)
                sohoa_buf_put_cp(out, cp1252_byte(c));
            else
                sohoa_buf_putc(out, (char)c);
            i++;
            word_start = out->len;
            continue;
        }
        int upper = c < 'a';
        uint32_t base = c | 0x20;
        /* đ: dd or Dd opening a word; DD anywhere (abbreviations: HDDND) */
        if (base == 'd' && i + 1 < n && (in[i + 1] | 0x20) == 'd' &&
            (out->len == word_start || (c == 'D' && in[i + 1] == 'D'))) {
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
                    if (with != without)
                        take = with;
                    else if (!with)
                        take = 0;
                    else /* an apostrophe after a syllable is the acute */
                        take = in[j] == '\'' ||
                               !looks_like_punct(in, n, j, all_caps(out, word_start, upper));
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
