/* garble_letters.c — letters an English OCR model prints as symbols, read
 * back as letters before the words of a garbled text are made (tokens.c).
 *
 *  - '$' for an S at the start of a word: "$6: 38/KH-UBND" for "Số:" at
 *    the head of a document, "$0 Nội vụ" for "Sở", "$b tay" for "sổ tay",
 *    "$6 luong" for "số lượng" (the OCR of the seed scans and of the
 *    rendered scans at medium degradation). Read as 'S' where a capital
 *    stands (the line's first word, after a list dash or a sentence's end,
 *    before a capital), else as 's'. A '$' after a letter or digit (US$)
 *    or before an amount ($50, $1.5: two digits or more, or a decimal
 *    mark) is money and stays.
 *
 * One byte is read for one, so every offset of the text holds for the
 * copy; the output is written from the text as given (restore.c), and a
 * word the restorer leaves alone keeps its '$'.
 *
 * Owner: restore. */
#include "restore_int.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include "sohoa/buf.h"
#include "sohoa/utf8.h"

static int ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* 1 if a capital stands at text[at]: nothing but blanks and a list mark
 * (- + • *) before it on its line, or a sentence's end (. ! ?) and blanks. */
static int capital_place(const char *text, size_t at)
{
    size_t i = at;
    while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t'))
        i--;
    if (i == 0 || text[i - 1] == '\n')
        return 1;
    char c = text[i - 1];
    if (c == '.' || c == '!' || c == '?')
        return i < at; /* "a.$b" is no sentence's end */
    if (c == '-' || c == '+' || c == '*' || (unsigned char)c == 0xA2 /* • is E2 80 A2 */) {
        size_t k = i - 1;
        if ((unsigned char)c == 0xA2) {
            if (k < 2 || memcmp(text + k - 2, "\xE2\x80", 2) != 0)
                return 0;
            k -= 2;
        }
        while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '\t'))
            k--;
        return k == 0 || text[k - 1] == '\n';
    }
    return 0;
}

/* 1 if the '$' at text[at] stands for a letter (see the top). */
static int dollar_letter(const char *text, size_t n, size_t at)
{
    if (at > 0) { /* US$, a symbol inside a word */
        size_t k = at - 1;
        while (k > 0 && ((unsigned char)text[k] & 0xC0) == 0x80)
            k--;
        uint32_t cp;
        if (sohoa_utf8_decode(text + k, at - k, &cp) == 0 || cp == '$' ||
            u_isalnum((UChar32)cp))
            return 0;
    }
    size_t e = at + 1, digits = 0, letters = 0;
    while (e < n && (ascii_alnum((unsigned char)text[e]) || (unsigned char)text[e] >= 0x80)) {
        unsigned char c = (unsigned char)text[e];
        if (c >= 0x80 && (e + 2 < n && memcmp(text + e, "\xE2\x80", 2) == 0))
            break; /* a quote or dash after the word */
        if (c >= '0' && c <= '9')
            digits++;
        else
            letters++;
        e++;
    }
    if (digits + letters == 0 || e - at > 12)
        return 0;
    if (letters == 0) /* $6 (số) but not $50, nor $1.5 */
        return digits == 1 && !(e + 1 < n && (text[e] == '.' || text[e] == ',') &&
                                text[e + 1] >= '0' && text[e + 1] <= '9');
    return 1;
}

char *rs_garble_letters(const char *text, size_t n)
{
    char *copy = NULL;
    for (const char *p = memchr(text, '$', n); p; p = memchr(p + 1, '$', n - (size_t)(p + 1 - text))) {
        size_t at = (size_t)(p - text);
        if (at + 1 >= n || !dollar_letter(text, n, at))
            continue;
        if (!copy) {
            copy = sohoa_xmalloc(n + 1);
            memcpy(copy, text, n);
            copy[n] = '\0';
        }
        unsigned char next = (unsigned char)text[at + 1];
        copy[at] = (next >= 'A' && next <= 'Z') || capital_place(text, at) ? 'S' : 's';
    }
    return copy;
}
