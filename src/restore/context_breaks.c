/* context_breaks.c — where the restorer's context ends, line by line:
 * headings, blank lines, page numbers alone on their lines, and lines
 * whose sentence goes on into the next; and where a sentence starts.
 * Owner: restore (issue #12).
 *
 * Administrative text is hard-wrapped in the middle of sentences, so
 * context is carried across single line breaks, and across blank lines and
 * page numbers before a line that starts in lower case, or with a capital
 * after a line whose sentence is not over (no full stop); a blank line
 * before anything else, or a heading line (I., 1., a), all caps) ends it,
 * as does every line end with SOHOA_RESTORE_NO_CONTEXT. */
#include "restore_int.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include "sohoa/utf8.h"

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!rs_line_space(s[i]))
            return 0;
    return 1;
}

/* A heading: "I. ...", "1. ...", "2.1 ...", "a) ...", or all caps. */
static int heading(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    size_t j = i;
    while (j < n && (strchr("IVXLC", s[j]) || (s[j] >= '0' && s[j] <= '9') || s[j] == '.'))
        j++;
    if (j > i && j < n && (s[j - 1] == '.' || s[j] == ')') && j + 1 < n)
        return 1;
    if (i < n && s[i] >= 'a' && s[i] <= 'z' && i + 1 < n && s[i + 1] == ')')
        return 1;
    return sohoa_case_pattern(s + i, n - i) == 2;
}

/* The first character of the line s[0..n) after blanks, or 0. */
static UChar32 first_char(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && rs_line_space(s[i]))
        i++;
    uint32_t cp;
    return i < n && sohoa_utf8_decode(s + i, n - i, &cp) > 0 ? (UChar32)cp : 0;
}

/* 1 if the line s[0..n) ends, before blanks, with a letter, a digit or a
 * comma: its sentence is not over. */
static int ends_open(const char *s, size_t n)
{
    while (n && rs_line_space(s[n - 1]))
        n--;
    if (!n)
        return 0;
    if (s[n - 1] == ',')
        return 1;
    size_t i = n - 1; /* the last character's first byte */
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    uint32_t cp;
    return sohoa_utf8_decode(s + i, n - i, &cp) > 0 && u_isalnum((UChar32)cp);
}

/* 1 if the line s[0..n) holds a number and nothing else but blanks: a
 * page number. */
static int number_alone(const char *s, size_t n)
{
    size_t i = 0, digits = 0;
    while (i < n && rs_line_space(s[i]))
        i++;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++, digits++;
    while (i < n && rs_line_space(s[i]))
        i++;
    return digits > 0 && i == n;
}

/* Mark where context ends: after heading lines, before blank lines and
 * headings, at every line end without cross-line context. Blank lines and
 * page numbers alone on their lines before a line that starts in lower
 * case, or with a capital after a line that ends in a letter, digit or
 * comma, do not end it: the sentence goes on across them (a page break, or
 * a PDF's text with a blank line after every line; "... huyện / (blank) /
 * Thạch Thành năm 2021."). A page number's tokens are transparent: no
 * context of the words either side. */
void rs_context_breaks(rs_doc *d, const sohoa_restore_opts *o)
{
    unsigned char *brk = sohoa_xcalloc(d->nlines + 1, 1);
    /* each line's kind once: bit 1 heading, bit 2 blank, bit 4 starts in
     * lower case, bit 8 a number alone, bit 16 starts with a capital, bit
     * 32 its sentence is not over */
    unsigned char *kind = sohoa_xmalloc(d->nlines + 1);
    for (size_t l = 0; l < d->nlines; l++) {
        const char *s = d->text + d->line_off[l];
        size_t n = d->line_off[l + 1] - 1 - d->line_off[l];
        int page = number_alone(s, n), head = !page && heading(s, n);
        /* a line starting in lower case goes on with a sentence (a new
         * paragraph, item or heading starts with a capital, a digit or a
         * mark); one starting with a capital may, after a line whose
         * sentence is not over */
        UChar32 c = head ? 0 : first_char(s, n);
        kind[l] = (unsigned char)(head | blank(s, n) << 1 | (c && u_islower(c)) << 2 | page << 3 |
                                  (c && u_isupper(c)) << 4 | (!head && ends_open(s, n)) << 5);
    }
    int next = 0; /* the kind of the first line after l that is neither
                     blank nor a page number */
    for (size_t l = d->nlines; l-- > 0;) {
        int gap = l + 1 < d->nlines && (kind[l + 1] & (2 | 8));
        if (l + 1 < d->nlines && !gap)
            next = kind[l + 1];
        /* in lower case, or with a capital after a sentence not over */
        int goes_on = (next & 4) || ((next & 16) && (kind[l] & 32));
        /* a numbered item is a heading only when the next line does not
         * go on with its sentence in lower case ("1. Phòng ... phối hợp
         * với các cơ quan báo / chí triển khai ...") */
        int head = (kind[l] & 1) && !(next & 4);
        brk[l] = (o->disable & SOHOA_RESTORE_NO_CONTEXT) || o->baseline == 1 || head ||
                 l + 1 >= d->nlines || (kind[l + 1] & 1) || (gap && !goes_on);
    }
    for (size_t i = 0; i < d->ntok; i++)
        d->tok[i].transparent = (kind[d->tok[i].line] & 8) && d->tok[i].kind != RS_WORD;
    free(kind);
    for (size_t i = 0; i < d->ntok; i++) {
        int last = i + 1 == d->ntok || d->tok[i + 1].line != d->tok[i].line;
        if (last && brk[d->tok[i].line])
            d->tok[i].ends_context = 1;
    }
    if (d->ntok)
        d->tok[d->ntok - 1].ends_context = 1;
    free(brk);
}

/* 1 if text[at] starts a sentence: after . ! ?, or first on a line whose
 * line before is blank or ends with . ! ? : (administrative text is
 * wrapped in the middle of sentences), or first in the text. */
int rs_sentence_start(const rs_doc *d, size_t at)
{
    while (at > 0 && (d->text[at - 1] == ' ' || d->text[at - 1] == '\t'))
        at--;
    if (at == 0)
        return 1;
    if (d->text[at - 1] != '\n')
        return strchr(".!?", d->text[at - 1]) != NULL;
    at--; /* the line before: its last mark */
    while (at > 0 && (d->text[at - 1] == ' ' || d->text[at - 1] == '\t' || d->text[at - 1] == '\r'))
        at--;
    return at == 0 || strchr("\n.!?:", d->text[at - 1]) != NULL;
}
