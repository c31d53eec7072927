/* lookalike.c — the character pass of normalisation (lookalike.h): one
 * table-free switch over code points, with a fast path that copies runs of
 * printable ASCII. Cyrillic and Greek look-alikes are mapped only inside
 * words that also hold a Latin letter, so Russian or Greek words survive. */
#include "lookalike.h"

#include "sohoa/utf8.h"
#include "utf8_fast.h"

#include <string.h>

/* Latin letter of a Cyrillic or Greek look-alike, or 0. */
static char lookalike_latin(uint32_t cp)
{
    switch (cp) {
    /* Cyrillic */
    case 0x430: return 'a';  case 0x435: return 'e';  case 0x43E: return 'o';
    case 0x440: return 'p';  case 0x441: return 'c';  case 0x443: return 'y';
    case 0x445: return 'x';  case 0x456: return 'i';  case 0x458: return 'j';
    case 0x455: return 's';  case 0x4BB: return 'h';  case 0x501: return 'd';
    case 0x51B: return 'q';  case 0x51D: return 'w';
    case 0x410: return 'A';  case 0x412: return 'B';  case 0x415: return 'E';
    case 0x41A: return 'K';  case 0x41C: return 'M';  case 0x41D: return 'H';
    case 0x41E: return 'O';  case 0x420: return 'P';  case 0x421: return 'C';
    case 0x422: return 'T';  case 0x425: return 'X';  case 0x423: return 'Y';
    case 0x406: return 'I';  case 0x408: return 'J';  case 0x405: return 'S';
    case 0x4BA: return 'H';
    /* Greek */
    case 0x391: return 'A';  case 0x392: return 'B';  case 0x395: return 'E';
    case 0x396: return 'Z';  case 0x397: return 'H';  case 0x399: return 'I';
    case 0x39A: return 'K';  case 0x39C: return 'M';  case 0x39D: return 'N';
    case 0x39F: return 'O';  case 0x3A1: return 'P';  case 0x3A4: return 'T';
    case 0x3A5: return 'Y';  case 0x3A7: return 'X';
    case 0x3BF: return 'o';  case 0x3BD: return 'v';  case 0x3B1: return 'a';
    case 0x3B9: return 'i';  case 0x3BA: return 'k';  case 0x3C1: return 'p';
    case 0x3C5: return 'u';  case 0x3C7: return 'x';
    default: return 0;
    }
}

static int is_latin(uint32_t cp)
{
    return (cp < 0x80 && ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')) ||
           (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
           (cp >= 0x1E00 && cp <= 0x1EFF);
}

/* Letters that may form one word with Latin letters in OCR or mixed text. */
static int is_word_cp(uint32_t cp)
{
    return is_latin(cp) || (cp >= 0x300 && cp <= 0x3FF) || (cp >= 0x400 && cp <= 0x52F);
}

/* 1 if this pass deletes cp outright (zero-width characters, the soft
 * hyphen inside a line, control characters). */
static int is_deleted(uint32_t cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' && cp != '\f') ||
           (cp >= 0x7F && cp < 0xA0) || cp == 0xAD || cp == 0x200B || cp == 0x200C ||
           cp == 0x200D || cp == 0x2060 || cp == 0xFEFF;
}

/* 1 if the word around the look-alike at s[at] holds a Latin letter. The
 * text before it is s[done..at) (not yet copied) and, before that, out. */
static int word_has_latin(const sohoa_buf *out, const char *s, size_t n, size_t at,
                          size_t done)
{
    uint32_t cp;
    size_t i = at + utf8_next(s + at, n - at, &cp);
    while (i < n) {
        size_t l = utf8_next(s + i, n - i, &cp);
        if (l == 0)
            break;
        i += l;
        if (is_deleted(cp))
            continue; /* dropped by this pass: the word goes on across it */
        if (!is_word_cp(cp))
            break;
        if (is_latin(cp))
            return 1;
    }
    /* backwards, one code point at a time: first s[done..at), then out */
    const char *base = s + done;
    size_t j = at - done;
    for (int part = 0; part < 2; part++) {
        while (j > 0) {
            size_t k = j - 1;
            while (k > 0 && ((unsigned char)base[k] & 0xC0) == 0x80)
                k--;
            if (sohoa_utf8_decode(base + k, j - k, &cp) == 0 || !is_word_cp(cp))
                return 0;
            if (is_latin(cp))
                return 1;
            j = k;
        }
        base = out->data, j = out->len;
    }
    return 0;
}

static int at_line_end(const char *s, size_t n, size_t i)
{
    return i >= n || s[i] == '\n' || s[i] == '\r' || s[i] == '\f';
}

/* 1 if NFC leaves the code point (as the first of a sequence) alone for
 * certain: ASCII, Latin-1, the Latin Extended blocks, Vietnamese and general
 * punctuation. Anything else (combining marks above all) goes to ICU. */
static int surely_nfc_cp(uint32_t cp)
{
    return cp < 0x300 || (cp >= 0x1EA0 && cp <= 0x1EFF) || (cp >= 0x2000 && cp <= 0x20CF);
}

int sohoa_norm_chars(const char *s, size_t n, sohoa_buf *out, int *changed)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, done = 0; /* s[done..i) is pending, copied unchanged */
    int nfc = 1;
    *changed = 0;
    /* nothing is written until the first change */
#define FLUSH(upto)                                                            \
    do {                                                                       \
        if (!*changed)                                                         \
            sohoa_buf_reserve(out, n), *changed = 1;                           \
        sohoa_buf_append(out, s + done, (upto) - done);                        \
    } while (0)
    while (i < n) {
        if (p[i] < 0x80) {
            unsigned char c = p[i];
            if ((c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                i++;
                continue;
            }
            FLUSH(i); /* other control characters and DEL are dropped */
            done = ++i;
            continue;
        }
        uint32_t cp;
        size_t l = utf8_next(s + i, n - i, &cp);
        if (l == 0) { /* not UTF-8: callers validate first; keep the byte */
            i++;
            continue;
        }
        size_t at = i;
        i += l;
        if (cp < 0xA0) { /* C1 controls are dropped */
            FLUSH(at);
            done = i;
            continue;
        }
        if ((cp >= 0xC0 && cp < 0x300 && cp != 0xD0 && cp != 0xF0 && cp != 0x189) ||
            (cp >= 0x1EA0 && cp <= 0x1EFF))
            continue; /* Latin and Vietnamese letters: kept, and NFC already */
        const char *rep = NULL;
        uint32_t rcp = 0;
        char lat;
        switch (cp) {
        case 0xD0: case 0x189: rcp = 0x110; break; /* Ð Ɖ → Đ */
        case 0xF0: rcp = 0x111; break;             /* ð → đ */
        case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x2035:
            rep = "'";
            break;
        case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0xAB:
        case 0xBB:
            rep = "\"";
            break;
        case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
        case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
            rep = "-";
            break;
        case 0x2026: rep = "..."; break;
        case 0xA0: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
        case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A:
        case 0x202F: case 0x205F: case 0x3000:
            rep = " ";
            break;
        case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
            rep = ""; /* zero-width */
            break;
        case 0xAD: /* soft hyphen: a hyphen where it ends a line, else nothing */
            rep = at_line_end(s, n, i) ? "-" : "";
            break;
        default:
            lat = lookalike_latin(cp);
            if (lat && word_has_latin(out, s, n, at, done))
                rcp = (uint32_t)lat;
            else if (!surely_nfc_cp(cp))
                nfc = 0;
        }
        if (rep || rcp) {
            FLUSH(at);
            if (rep)
                sohoa_buf_puts(out, rep);
            else
                sohoa_buf_put_cp(out, rcp);
            done = i;
        }
    }
    if (*changed)
        FLUSH(n);
#undef FLUSH
    return nfc;
}
