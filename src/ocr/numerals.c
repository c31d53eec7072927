/* numerals.c — heading numbers that OCR misreads.
 *
 * Administrative documents number their top-level headings with Roman
 * numerals in sequence (I., II., III., IV. ...) set in bold capitals, and
 * Tesseract often reads a bold "II" as "H", "III" as "HI", "IH" or "II", "I"
 * as "l", "L" or "1". Knowing the sequence, we can repair a line's first word when
 * it is a label the next numeral explains: after mapping H→II and l/1/|→I,
 * it equals the expected numeral, or does with one "I" more or less (after
 * heading I, a label of bare I's is the next numeral whatever its count). Only
 * heading lines qualify: the label ends with "." and the next word is all
 * capitals. Lines of PDF text layers are not touched. */
#include "ocr_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sohoa/normalize.h"

static const char *const romans[] = {"",   "I",   "II",   "III", "IV",  "V",    "VI",
                                     "VII", "VIII", "IX", "X",   "XI",  "XII",  "XIII",
                                     "XIV", "XV",  "XVI", "XVII", "XVIII", "XIX", "XX"};
#define NROMANS ((int)(sizeof romans / sizeof romans[0]))

static int roman_value(const char *s, size_t n)
{
    for (int v = 1; v < NROMANS; v++)
        if (strlen(romans[v]) == n && memcmp(romans[v], s, n) == 0)
            return v;
    return 0;
}

/* The label's body mapped through OCR's usual confusions; 0 if some
 * character has nothing to do with a Roman numeral. */
static int map_label(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = NULL;
        char same[2] = {s[i], 0};
        switch (s[i]) {
        case 'I': case 'V': case 'X': rep = same; break;
        case 'H': rep = "II"; break;
        case 'l': case 'L': case '1': case '|': rep = "I"; break;
        default: return 0;
        }
        size_t m = strlen(rep);
        if (k + m + 1 > cap)
            return 0;
        memcpy(out + k, rep, m);
        k += m;
    }
    out[k] = '\0';
    return k > 0;
}

/* a equals b with at most one "I" inserted or deleted. */
static int one_i_apart(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la == lb)
        return strcmp(a, b) == 0;
    if (la + 1 == lb) {
        const char *t = a;
        a = b, b = t;
        size_t tl = la;
        la = lb, lb = tl;
    }
    if (la != lb + 1)
        return 0;
    for (size_t skip = 0; skip < la; skip++)
        if (a[skip] == 'I' && strncmp(a, b, skip) == 0 && strcmp(a + skip + 1, b + skip) == 0)
            return 1;
    return 0;
}

static int only_i(const char *s)
{
    return *s && strspn(s, "I") == strlen(s);
}

static int all_caps(const char *w)
{
    char *up = sohoa_to_upper(w, strlen(w));
    int has_letter = 0;
    for (const unsigned char *p = (const unsigned char *)w; *p; p++)
        has_letter |= *p >= 0x80 || ((*p | 32) >= 'a' && (*p | 32) <= 'z');
    int same = up && strcmp(up, w) == 0;
    free(up);
    return has_letter && same;
}

/* Replace the first word of raw line `lineno` (1-based), old → new. */
static void patch_raw(sohoa_buf *raw, int lineno, const char *old, const char *new)
{
    char *p = raw->data;
    for (int l = 1; p && l < lineno; l++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    size_t lo = strlen(old), ln = strlen(new);
    if (!p || strncmp(p, old, lo) != 0)
        return;
    size_t at = (size_t)(p - raw->data);
    sohoa_buf tail = SOHOA_BUF_INIT;
    sohoa_buf_puts(&tail, raw->data + at + lo);
    raw->len = at;
    sohoa_buf_append(raw, new, ln);
    sohoa_buf_append(raw, tail.data, tail.len);
    sohoa_buf_free(&tail);
}

void ocr_fix_heading_numerals(sohoa_ocr *e, ocr_out *out)
{
    int prev = 0;
    for (size_t i = 0; i < e->nlines; i++) {
        const sohoa_ocr_line *l = &e->lines[i];
        /* reports[0] is the first page OCRed (a range may start past page 1) */
        int rep = e->nreports ? l->page - e->reports[0].page : -1;
        if (l->nwords < 2 || rep < 0 || (size_t)rep >= e->nreports ||
            strcmp(e->reports[rep].source, "ocr") != 0)
            continue;
        sohoa_word *w = &out->words[l->first];
        size_t n = strlen(w->text);
        if (n < 2 || n > 7 || w->text[n - 1] != '.' || !all_caps(out->words[l->first + 1].text))
            continue;
        int value = roman_value(w->text, n - 1);
        int expected = prev + 1;
        if (expected >= NROMANS)
            break;
        if (value >= expected) {
            prev = value; /* as expected, or the file starts mid-sequence: trust it */
            continue;
        }
        char mapped[32];
        /* Bold "III" often loses strokes ("II", "I"): after heading I or II,
         * a label of bare I's can only be the next numeral. */
        if (map_label(w->text, n - 1, mapped, sizeof mapped) &&
            (one_i_apart(mapped, romans[expected]) ||
             (prev >= 1 && only_i(mapped) && only_i(romans[expected])))) {
            char fixed[32];
            snprintf(fixed, sizeof fixed, "%s.", romans[expected]);
            patch_raw(&out->raw, l->line, w->text, fixed);
            free(w->text);
            w->text = sohoa_xstrdup(fixed);
            prev = expected;
        } else if (value) {
            prev = value; /* a numeral out of sequence: follow the document */
        } else if (strchr(w->text, 'H') && map_label(w->text, n - 1, mapped, sizeof mapped) &&
                   roman_value(mapped, strlen(mapped)) > prev) {
            /* "HI." cannot be a label as it stands; where the sequence is
             * unknown (a file that starts mid-document), its reading is. */
            char fixed[sizeof mapped + 1];
            snprintf(fixed, sizeof fixed, "%s.", mapped);
            patch_raw(&out->raw, l->line, w->text, fixed);
            free(w->text);
            w->text = sohoa_xstrdup(fixed);
            prev = roman_value(mapped, strlen(mapped));
        }
    }
}
