/* slash.c — one-letter slash abbreviations and list marks as OCR
 * misreads them.
 *
 * Administrative Vietnamese writes short forms as two letters around a
 * slash: "(b/c)" (báo cáo) after each recipient, "V/v" (về việc), "k/t".
 * Two things go wrong in OCR. The second letter c comes out as a symbol of
 * the same shape: "€", "©", "¢" — never letters of Vietnamese. And letters
 * whose capital is only a bigger small letter (c o s v w x z) change case
 * by a pixel of blur: "(b/C)". A word made of one lower-case letter, a
 * slash and one letter (in parentheses or not, trailing punctuation kept)
 * gets c for such a symbol and its second letter in lower case when that
 * letter is one of those. A capital first letter ("V/v", "K/T") leaves
 * the case as read: both forms exist. The same symbols alone before ")"
 * are the list label "c)" (a), b), c), d) ...), and a list dash that
 * noise gave a tilde ("~-") is a dash. */
#include "ocr_internal.h"

#include <stdlib.h>
#include <string.h>

/* Symbols OCR prints for a c (UTF-8). */
static const char *const c_like[] = {"\xe2\x82\xac", "\xc2\xa9", "\xc2\xa2", NULL}; /* € © ¢ */

/* Length of the c-like symbol at s, or 0. */
static size_t c_symbol(const char *s)
{
    for (int k = 0; c_like[k]; k++)
        if (strncmp(s, c_like[k], strlen(c_like[k])) == 0)
            return strlen(c_like[k]);
    return 0;
}

static int ascii_letter(char c)
{
    return (c | 32) >= 'a' && (c | 32) <= 'z';
}

/* Repair one word in place (it never grows); 1 if it changed. */
int ocr_fix_slash_abbrev(char *w)
{
    char *p = w + (w[0] == '(');
    if (!ascii_letter(p[0]) || p[1] != '/')
        return 0;
    char *second = p + 2;
    size_t len = ascii_letter(*second) ? 1 : c_symbol(second);
    if (len == 0)
        return 0;
    /* after the letter: nothing, or a ")" and punctuation only */
    const char *rest = second + len;
    if (strspn(rest, ").,;:") != strlen(rest) || (w[0] == '(') != (strchr(rest, ')') != NULL))
        return 0;
    int lower = p[0] >= 'a' && p[0] <= 'z';
    if (len > 1) {
        *second = lower ? 'c' : 'C';
        memmove(second + 1, rest, strlen(rest) + 1);
        return 1;
    }
    if (lower && strchr("COSVWXZ", *second)) {
        *second = (char)(*second | 32);
        return 1;
    }
    return 0;
}

int ocr_fix_c_label(char *w)
{
    size_t len = c_symbol(w);
    if (len == 0 || strcmp(w + len, ")") != 0)
        return 0;
    strcpy(w, "c)");
    return 1;
}

int ocr_fix_list_dash(char *w)
{
    if (strcmp(w, "~-") != 0 && strcmp(w, "-~") != 0)
        return 0;
    strcpy(w, "-");
    return 1;
}

void ocr_fix_slash_words(ocr_pword *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!ocr_fix_slash_abbrev(v[i].text) && (i == 0 || v[i - 1].line != v[i].line) &&
            !ocr_fix_c_label(v[i].text))
            ocr_fix_list_dash(v[i].text);
}
