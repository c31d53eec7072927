/* stops.c — full stops and commas that OCR left on the page.
 *
 * Tesseract sometimes reads a word and leaves out the small mark printed
 * right after it: "TT" for "TT.", "VT" for "VT," (a T's overhanging bar
 * makes the gap before the mark look like a space, and the lone mark is
 * then too small to be a word). The mark is still on the page. Between the
 * end of a word that ends with a letter or digit and the next word (or a
 * little way past the line's last word), near the baseline, we look for
 * the ink of exactly one small compact blob: a full stop sits on the
 * baseline, a comma hangs below it. Anything else there — nothing, noise
 * too small to be a mark, a dash, several specks, a blob far from the
 * baseline — leaves the word as read. Sizes are in units of the word's
 * height above the baseline (u: about a capital's height). */
#include "ocr_internal.h"

#include <stdlib.h>
#include <string.h>

/* The bounding box of the ink in [x0, x1) x [y0, y1) of pix, dark below
 * thr on 8-bit images; its pixel count in *ink. 0 if there is none. */
static int ink_box(PIX *pix, unsigned thr, int x0, int y0, int x1, int y1, int *bx0, int *by0,
                   int *bx1, int *by1, int *ink)
{
    int depth = (int)pixGetDepth(pix), n = 0;
    *bx0 = x1, *by0 = y1, *bx1 = x0 - 1, *by1 = y0 - 1;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            l_uint32 v = 0;
            pixGetPixel(pix, x, y, &v);
            if (!(depth == 1 ? v != 0 : v < thr))
                continue;
            n++;
            *bx0 = x < *bx0 ? x : *bx0;
            *bx1 = x > *bx1 ? x : *bx1;
            *by0 = y < *by0 ? y : *by0;
            *by1 = y > *by1 ? y : *by1;
        }
    *ink = n;
    return n > 0;
}

static int ends_alnum(const char *s)
{
    size_t n = strlen(s);
    if (n == 0)
        return 0;
    unsigned char c = (unsigned char)s[n - 1];
    /* any non-ASCII ending is a (marked) letter: the symbols OCR uses for
     * punctuation are ASCII here */
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* Whether column x of pix has ink in rows [y0, y1). */
static int column_ink(PIX *pix, unsigned thr, int x, int y0, int y1)
{
    int depth = (int)pixGetDepth(pix);
    for (int y = y0; y < y1; y++) {
        l_uint32 v = 0;
        pixGetPixel(pix, x, y, &v);
        if (depth == 1 ? v != 0 : v < thr)
            return 1;
    }
    return 0;
}

char ocr_stop_after(PIX *pix, const ocr_pword *w, int next_x)
{
    int u = w->baseline - w->y, right = w->x + w->w;
    if (u < 12 || w->baseline > w->y + w->h + u / 4)
        return 0;
    /* up to a pixel short of the next word, or a little past the line's end */
    int x1 = right + u * 6 / 10;
    if (next_x > w->x && next_x - 1 < x1)
        x1 = next_x - 1;
    /* the band of the marks: from under the x-height to below the baseline */
    int y0 = w->baseline - u * 45 / 100, y1 = w->baseline + u * 3 / 10, top = w->baseline - u * 7 / 10;
    int W = (int)pixGetWidth(pix), H = (int)pixGetHeight(pix);
    x1 = x1 > W ? W : x1;
    y1 = y1 > H ? H : y1;
    /* the threshold from the word's last letters (cheaper than the box) */
    int tx = right - u > w->x ? right - u : w->x;
    unsigned thr;
    if (top < 0 || x1 <= w->x || !ocr_box_threshold(pix, tx, w->y, right - tx, w->h, &thr))
        return 0;
    /* the last blob of ink in the band: columns (blank, last] */
    int last = x1 - 1;
    while (last > w->x && !column_ink(pix, thr, last, y0, y1))
        last--;
    int blank = last;
    while (blank > w->x && column_ink(pix, thr, blank, y0, y1))
        blank--;
    if (blank <= w->x || last - blank > u / 2)
        return 0;
    /* a mark, not a letter: nothing of it at the height of a letter's body */
    for (int x = blank + 1; x <= last; x++)
        if (column_ink(pix, thr, x, top, y0))
            return 0;
    int bx0, by0, bx1, by1, ink;
    if (!ink_box(pix, thr, blank + 1, y0, last + 1, y1, &bx0, &by0, &bx1, &by1, &ink))
        return 0;
    int bw = bx1 - bx0 + 1, bh = by1 - by0 + 1;
    int small = u / 10 > 3 ? u / 10 : 3, big = u * 35 / 100;
    if (bw < small || bw > big || bh < small || bh > u * 6 / 10 || ink * 2 < bw * bh)
        return 0;
    int tol = u / 10 > 2 ? u / 10 : 2;
    /* a full stop: about square, its bottom on the baseline */
    if (bh <= big && bw * 2 >= bh && bh * 2 >= bw && abs(by1 - w->baseline) <= tol)
        return '.';
    /* a comma: taller than wide, from about the baseline to well below it */
    if (bh > bw && by0 <= w->baseline && by0 >= w->baseline - u / 4 && by1 >= w->baseline + tol + 1)
        return ',';
    return 0;
}

void ocr_restore_stops(PIX *pix, ocr_pword *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ocr_pword *w = &v[i];
        if (!ends_alnum(w->text))
            continue;
        int next_x = i + 1 < n && v[i + 1].line == w->line ? v[i + 1].x : -1;
        char c = ocr_stop_after(pix, w, next_x);
        if (!c)
            continue;
        size_t len = strlen(w->text);
        char *t = realloc(w->text, len + 2);
        if (!t)
            continue;
        t[len] = c;
        t[len + 1] = '\0';
        w->text = t;
    }
}
