/* missing.c — text lines Tesseract's layout analysis left out (a short
 * line at the bottom of a page, "- Lưu: VT, VP." under a list, a page
 * number alone in the top margin): ink of letter size that no recognised
 * word covers, grouped into lines, for the engine to read again one line
 * at a time. */
#include "ocr_internal.h"

#include <stdlib.h>
#include <string.h>

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Median height of the words (0 if none). */
static int median_height(const ocr_pword *w, size_t n)
{
    if (n == 0)
        return 0;
    int *h = malloc(n * sizeof *h);
    for (size_t i = 0; i < n; i++)
        h[i] = w[i].h;
    qsort(h, n, sizeof *h, cmp_int);
    int m = h[n / 2];
    free(h);
    return m;
}

static int by_left(const void *a, const void *b)
{
    const BOX *x = *(BOX *const *)a, *y = *(BOX *const *)b;
    return (x->x > y->x) - (x->x < y->x);
}

static int by_top(const void *a, const void *b)
{
    const BOX *x = *(BOX *const *)a, *y = *(BOX *const *)b;
    return (x->y > y->y) - (x->y < y->y);
}

size_t ocr_find_missing_lines(PIX *page, const ocr_pword *w, size_t n, BOX *out[], size_t max)
{
    int hm = median_height(w, n);
    if (hm < 8 || max == 0)
        return 0;
    PIX *b = pixGetDepth(page) == 1 ? pixCopy(NULL, page) : pixConvertTo1(page, 128);
    if (!b)
        return 0;
    /* ink that a recognised word covers is accounted for */
    for (size_t i = 0; i < n; i++)
        pixRasterop(b, w[i].x - 4, w[i].y - 4, w[i].w + 8, w[i].h + 8, PIX_CLR, NULL, 0, 0);
    BOXA *cc = pixConnComp(b, NULL, 8);
    pixDestroy(&b);
    int ncc = cc ? boxaGetCount(cc) : 0;
    BOX **keep = malloc(sizeof *keep * (size_t)(ncc ? ncc : 1));
    int nk = 0;
    for (int i = 0; i < ncc; i++) {
        BOX *bx = boxaGetBox(cc, i, L_CLONE);
        /* letter-sized: not a speck, not a rule, not a border */
        if (bx->h * 5 >= hm * 2 && bx->h * 5 <= hm * 8 && bx->w * 8 >= hm && bx->w <= hm * 3)
            keep[nk++] = bx;
        else
            boxDestroy(&bx);
    }
    boxaDestroy(&cc);
    qsort(keep, (size_t)nk, sizeof *keep, by_top);
    size_t nout = 0;
    for (int i = 0; i < nk && nout < max;) {
        /* a row: letters whose tops lie within half a word height of the
         * first one's; in it, a line: neighbours under two word heights apart */
        int j = i + 1;
        while (j < nk && keep[j]->y - keep[i]->y < hm / 2)
            j++;
        qsort(keep + i, (size_t)(j - i), sizeof *keep, by_left);
        for (int k = i; k < j && nout < max;) {
            int x0 = keep[k]->x, y0 = keep[k]->y, x1 = x0 + keep[k]->w, y1 = y0 + keep[k]->h, q;
            for (q = k + 1; q < j && keep[q]->x <= x1 + 2 * hm; q++) {
                x1 = keep[q]->x + keep[q]->w > x1 ? keep[q]->x + keep[q]->w : x1;
                y0 = keep[q]->y < y0 ? keep[q]->y : y0;
                y1 = keep[q]->y + keep[q]->h > y1 ? keep[q]->y + keep[q]->h : y1;
            }
            if (x1 - x0 >= hm / 2)
                out[nout++] = boxCreate(x0, y0, x1 - x0, y1 - y0);
            k = q;
        }
        i = j;
    }
    for (int i = 0; i < nk; i++)
        boxDestroy(&keep[i]);
    free(keep);
    return nout;
}
