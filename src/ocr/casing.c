/* casing.c — letters whose capital is the small letter drawn bigger.
 *
 * C, O, S, V, W, X and Z have the shape of c, o, s, v, w, x, z: only their
 * height tells them apart, and on a blurred scan Tesseract sometimes takes
 * the wrong one ("hồ Sơ" for "hồ sơ"). The page shows which it is: the
 * first letter of such a word, measured on the image from its top to the
 * line's baseline, is as tall as the line's small letters (a lower-case
 * letter) or clearly taller (a capital). The line's x-height comes from its
 * words made only of letters without ascenders or marks ("cao", "nào" does
 * not count). Only a word whose first letter is one of these capitals and
 * whose other letters are small letters is looked at. */
#include "ocr_internal.h"

#include <stdlib.h>
#include <string.h>

/* Small letters that reach no higher than the x-height, ơ and ư (whose
 * horns rise only a little) included; s[0..n). */
static int x_only(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n;) {
        if (s[i] && strchr("acemnorsuvwxz", s[i])) {
            i++;
            continue;
        }
        if (i + 1 < n && (unsigned char)s[i] == 0xC6 &&
            ((unsigned char)s[i + 1] == 0xA1 || (unsigned char)s[i + 1] == 0xB0)) {
            i += 2;
            continue;
        }
        return 0;
    }
    return 1;
}

/* Median of a[0..n), n > 0 (sorts it). */
static int median(int *a, size_t n)
{
    ocr_sort_ints(a, n);
    return a[n / 2];
}

/* Height of the line of words v[a..b) above its baseline: the median of
 * its words' tops. Most words hold a capital, an ascender (b, d, h, k, l)
 * or a mark, which all rise to about the same height; 0 when the line has
 * too few words to say. */
static int line_top(const ocr_pword *v, size_t a, size_t b)
{
    int h[64];
    size_t n = 0;
    for (size_t i = a; i < b && n < 64; i++)
        if (v[i].baseline > v[i].y)
            h[n++] = v[i].baseline - v[i].y;
    return n >= 5 ? median(h, n) : 0;
}

/* The same for the page: the median of its lines' heights; 0 if none. */
static int page_top(const ocr_pword *v, size_t n)
{
    int h[256];
    size_t k = 0;
    for (size_t a = 0; a < n && k < 256;) {
        size_t b = a + 1;
        while (b < n && v[b].line == v[a].line)
            b++;
        int t = line_top(v, a, b);
        if (t > 0)
            h[k++] = t;
        a = b;
    }
    return k ? median(h, k) : 0;
}

/* Height above the baseline of the first glyph in the box of w (the
 * columns up to the first blank one), measured on pix; 0 if unsure. */
static int first_glyph_height(PIX *pix, const ocr_pword *w)
{
    unsigned thr;
    int base = w->baseline;
    if (base <= w->y || base > w->y + w->h + 2 || !ocr_box_threshold(pix, w->x, w->y, w->w, base - w->y, &thr))
        return 0;
    int depth = (int)pixGetDepth(pix), top = base, started = 0;
    for (int x = w->x; x < w->x + w->w; x++) {
        int col_top = -1;
        for (int y = w->y; y < base && col_top < 0; y++) {
            l_uint32 v = 0;
            pixGetPixel(pix, x, y, &v);
            if (depth == 1 ? v != 0 : v < thr)
                col_top = y;
        }
        if (col_top < 0) {
            if (started)
                return base - top;
            continue;
        }
        started = 1;
        top = col_top < top ? col_top : top;
    }
    return 0; /* no blank column: the letters touch */
}

void ocr_fix_small_capitals(PIX *pix, ocr_pword *v, size_t n)
{
    int page = -1; /* for lines of too few words */
    for (size_t a = 0; a < n;) {
        size_t b = a + 1;
        while (b < n && v[b].line == v[a].line)
            b++;
        int top = -1;
        for (size_t i = a; i < b; i++) {
            char *t = v[i].text;
            size_t len = strlen(t);
            while (len > 1 && strchr(".,;:", t[len - 1]))
                len--;
            if (!t[0] || !strchr("COSVWXZ", t[0]) || !x_only(t + 1, len - 1))
                continue;
            if (top < 0)
                top = line_top(v, a, b);
            if (top == 0 && page < 0)
                page = page_top(v, n);
            if (top == 0)
                top = page;
            int gh = top > 0 ? first_glyph_height(pix, &v[i]) : 0;
            /* a capital stands about 0.95 of the line's top, a small letter
             * about 0.7 (0.67-0.71 in the three fonts measured) */
            if (gh > 0 && gh * 100 < top * 83)
                t[0] = (char)(t[0] | 32);
        }
        a = b;
    }
}
