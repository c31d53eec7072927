/* stems.c — Roman numerals of bare I's, counted on the image.
 *
 * Bold "III" is the label Tesseract reads worst: "II", "I", "HI", "HH",
 * "li" — strokes lost, merged or turned into H. The page itself says how
 * many strokes there are: between the serifs (from a fifth to seven tenths
 * of the glyphs' height, above the dot that follows a label) each I is one
 * upright dark run, at the same place on every row; an H shows its
 * crossbar as one run across both stems, and round or slanted letters (O,
 * U's bowl, N's diagonal) do not keep their runs in place. A word read
 * from the letters OCR confuses with I whose stroke count on the image
 * differs from the strokes of its reading is rewritten as that many I's,
 * its trailing punctuation kept. Digits are never touched ("1." is a list
 * number, whatever its shape). */
#include "ocr_internal.h"

#include <stdlib.h>
#include <string.h>

#define MAX_STEMS 8

/* Dark runs along row y of [x0, x1) (dark: below thr on 8-bit, set on
 * 1-bit); their starts and ends go to a and b. Returns the count, or -1 if
 * there are more than MAX_STEMS. */
static int row_runs(PIX *pix, int y, int x0, int x1, unsigned thr, int *a, int *b)
{
    int depth = (int)pixGetDepth(pix), n = 0, in = 0;
    for (int x = x0; x <= x1; x++) {
        int dark = 0;
        if (x < x1) {
            l_uint32 v = 0;
            pixGetPixel(pix, x, y, &v);
            dark = depth == 1 ? v != 0 : v < thr;
        }
        if (dark && !in) {
            if (n == MAX_STEMS)
                return -1;
            a[n] = x;
            in = 1;
        } else if (!dark && in) {
            b[n++] = x;
            in = 0;
        }
    }
    return n;
}

int ocr_box_threshold(PIX *pix, int x, int y, int w, int h, unsigned *thr)
{
    int W = (int)pixGetWidth(pix), H = (int)pixGetHeight(pix);
    int depth = (int)pixGetDepth(pix);
    *thr = 0;
    if (w <= 0 || h <= 0 || x < 0 || y < 0 || x + w > W || y + h > H || (depth != 1 && depth != 8))
        return 0;
    if (depth == 1)
        return 1;
    unsigned lo = 255, hi = 0; /* halfway between the box's ink and paper */
    for (int yy = y; yy < y + h; yy++)
        for (int xx = x; xx < x + w; xx++) {
            l_uint32 v = 0;
            pixGetPixel(pix, xx, yy, &v);
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
    if (hi < lo + 60)
        return 0; /* no contrast: nothing to measure */
    *thr = (lo + hi) / 2;
    return 1;
}

int ocr_count_stems(PIX *pix, int x, int y, int w, int h)
{
    if (!pix || h < 12 || w < 3 || w > 6 * h)
        return 0;
    unsigned thr;
    if (!ocr_box_threshold(pix, x, y, w, h, &thr))
        return 0;
    int first[MAX_STEMS], a[MAX_STEMS], b[MAX_STEMS], fa[MAX_STEMS], fb[MAX_STEMS];
    int k = -1, rows = 0, bad = 0;
    for (int yy = y + h / 5; yy <= y + h * 7 / 10; yy++, rows++) {
        int n = row_runs(pix, yy, x, x + w, thr, a, b);
        if (k < 0) {
            if (n <= 0)
                return 0;
            k = n;
            memcpy(fa, a, sizeof a);
            memcpy(fb, b, sizeof b);
            for (int i = 0; i < k; i++)
                first[i] = (a[i] + b[i]) / 2;
            continue;
        }
        int ok = n == k;
        for (int i = 0; ok && i < k; i++) {
            /* the same stem: it overlaps the first row's run, centre still */
            int c = (a[i] + b[i]) / 2, sw = fb[i] - fa[i];
            ok = b[i] > fa[i] && a[i] < fb[i] && abs(c - first[i]) * 3 <= sw + 2;
        }
        bad += !ok;
    }
    /* a speck or a broken row may spoil one row in ten, not more */
    if (k <= 0 || bad * 10 > rows)
        return 0;
    for (int i = 0; i < k; i++) /* stems, not a bar: each narrower than the height */
        if ((fb[i] - fa[i]) * 2 > h)
            return 0;
    return k;
}

/* Strokes of a reading made only of letters OCR confuses with I (H two,
 * the others one), the length of that part in *body; 0 if some character
 * is no such letter. Trailing ".", "," and ")" are left out. */
static int reading_strokes(const char *s, size_t *body)
{
    static const char *const ones[] = {"I", "l", "L", "|", "i", "!", "\xc3\x8c", "\xc3\x8d",
                                       "\xe1\xbb\x88", "\xe1\xbb\x8a", "\xc3\xac", "\xc3\xad",
                                       "\xe1\xbb\x89", "\xe1\xbb\x8b", NULL}; /* Ì Í Ỉ Ị ì í ỉ ị */
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ',' || s[n - 1] == ')'))
        n--;
    int strokes = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == 'H') {
            strokes += 2;
            i++;
            continue;
        }
        size_t step = 0;
        for (int k = 0; ones[k] && !step; k++)
            if (strncmp(s + i, ones[k], strlen(ones[k])) == 0)
                step = strlen(ones[k]);
        if (!step)
            return 0;
        strokes++;
        i += step;
    }
    *body = n;
    return strokes;
}

/* Whether a reading of `strokes` strokes (body: its letters) is to be
 * rewritten as k I's: when the counts differ; when they agree, if it holds
 * an H (the image shows no crossbar) or, as a label ending with a dot, any
 * letter other than I ("li." — a word "li" has an i whose dot breaks the
 * stems' rows, so it never counts as two stems). */
static int rewrite(const char *s, size_t body, int strokes, int k)
{
    if (k != strokes)
        return 1;
    if (strspn(s, "I") == body)
        return 0;
    return memchr(s, 'H', body) != NULL || s[body] == '.';
}

void ocr_fix_stem_numerals(PIX *pix, ocr_pword *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ocr_pword *w = &v[i];
        size_t body = 0;
        int strokes = reading_strokes(w->text, &body);
        /* a lone I-like letter is a pronoun, an initial or a list mark more
         * often than a lost numeral: only readings of two strokes or more,
         * or labels ending with a dot */
        if (strokes == 0 || (strokes == 1 && w->text[body] != '.'))
            continue;
        int k = ocr_count_stems(pix, w->x, w->y, w->w, w->h);
        if (k < 1 || k > 3 || !rewrite(w->text, body, strokes, k))
            continue;
        size_t tail = strlen(w->text) - body;
        char *t = malloc((size_t)k + tail + 1);
        if (!t)
            continue;
        memset(t, 'I', (size_t)k);
        memcpy(t + k, w->text + body, tail + 1);
        free(w->text);
        w->text = t;
    }
}
