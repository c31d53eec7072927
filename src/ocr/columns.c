/* columns.c — two-column bands of a page (the header and the footer of an
 * administrative document: issuer | national motto, "Nơi nhận:" list |
 * signer block), which Tesseract's layout analysis often reads as one
 * column: it joins a left and a right text into one line and, where the two
 * columns have different line pitches, tears a right-hand line apart (its
 * accents land on one row, its letters on the next: "PHÓ CHỦ TỊCH" read as
 * "ˆ 7m" + "PHO CHỦ TỊCH"). Here: finding such a band from the first
 * pass's word boxes, and putting the lines of its two columns, once re-read
 * one column at a time, back into rows by baseline (a left and a right text
 * that share a baseline form one line, left first: how the page reads
 * across). Pure functions on word boxes; the engine does the re-reading. */
#include "ocr_internal.h"

#include <stdlib.h>
#include <string.h>

/* A gap between two words of one line at least this many line heights wide
 * separates two columns (justified body text leaves about one). */
#define COLUMN_GAP_HEIGHTS 4
/* The channel shared by the rows of a band is at least this many line
 * heights wide. */
#define CHANNEL_MIN_HEIGHTS 1

/* Height of line [a, b) of w: the median height of its words (a fragment
 * that Tesseract glued from several lines is taller than the line). */
static int line_height(const ocr_pword *w, size_t a, size_t b)
{
    int h[64];
    size_t n = 0;
    for (size_t i = a; i < b && n < 64; i++)
        h[n++] = w[i].h;
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && h[j - 1] > h[j]; j--) {
            int t = h[j];
            h[j] = h[j - 1];
            h[j - 1] = t;
        }
    return n ? h[n / 2] : 0;
}

/* End of the line that starts at word a. */
static size_t line_end(const ocr_pword *w, size_t n, size_t a)
{
    size_t b = a + 1;
    while (b < n && w[b].line == w[a].line)
        b++;
    return b;
}

/* The widest gap between neighbouring words of line [a, b) (in reading
 * order) into [*g0, *g1); returns its width (0 if the line has one word). */
static int widest_gap(const ocr_pword *w, size_t a, size_t b, int *g0, int *g1)
{
    int best = 0;
    for (size_t i = a + 1; i < b; i++) {
        int left = w[i - 1].x + w[i - 1].w, gap = w[i].x - left;
        if (gap > best) {
            best = gap;
            *g0 = left, *g1 = w[i].x;
        }
    }
    return best;
}

/* Extent of line [a, b). */
static void line_extent(const ocr_pword *w, size_t a, size_t b, int *x0, int *x1)
{
    *x0 = w[a].x, *x1 = w[a].x + w[a].w;
    for (size_t i = a + 1; i < b; i++) {
        if (w[i].x < *x0)
            *x0 = w[i].x;
        if (w[i].x + w[i].w > *x1)
            *x1 = w[i].x + w[i].w;
    }
}

static void grow_band(ocr_band *band, const ocr_pword *w, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        if (w[i].x < band->left)
            band->left = w[i].x;
        if (w[i].x + w[i].w > band->right)
            band->right = w[i].x + w[i].w;
        if (w[i].y < band->top)
            band->top = w[i].y;
        if (w[i].y + w[i].h > band->bottom)
            band->bottom = w[i].y + w[i].h;
    }
}

int ocr_find_column_band(const ocr_pword *w, size_t n, size_t from, ocr_band *band)
{
    memset(band, 0, sizeof *band);
    for (size_t a = from; a < n; a = line_end(w, n, a)) {
        size_t b = line_end(w, n, a);
        int h = line_height(w, a, b), c0 = 0, c1 = 0;
        if (h <= 0 || widest_gap(w, a, b, &c0, &c1) < COLUMN_GAP_HEIGHTS * h)
            continue;
        /* a row across two columns: follow the band while the rows below
         * keep a channel at least a line height wide with it, either split
         * across it or lying on one side of it */
        size_t last_split = b;
        int splits = 1, ch0 = c0, ch1 = c1;
        for (size_t k = b; k < n; k = line_end(w, n, k)) {
            size_t kb = line_end(w, n, k);
            int kh = line_height(w, k, kb), g0 = 0, g1 = 0, x0, x1;
            line_extent(w, k, kb, &x0, &x1);
            if (kh > h || kh <= 0)
                kh = h; /* the band's rows are alike: a glued fragment is not a taller row */
            int split = widest_gap(w, k, kb, &g0, &g1) >= COLUMN_GAP_HEIGHTS * kh;
            int n0 = ch0, n1 = ch1;
            if (split) {
                n0 = g0 > ch0 ? g0 : ch0;
                n1 = g1 < ch1 ? g1 : ch1;
            } else if (x1 < (ch0 + ch1) / 2) { /* on the left of the channel's middle */
                n0 = x1 > ch0 ? x1 : ch0;
            } else if (x0 > (ch0 + ch1) / 2) { /* on its right */
                n1 = x0 < ch1 ? x0 : ch1;
            } else {
                break; /* a line across the channel: the band is over */
            }
            if (n1 - n0 < CHANNEL_MIN_HEIGHTS * h)
                break;
            ch0 = n0, ch1 = n1;
            if (split) {
                splits++;
                last_split = kb;
            }
        }
        if (splits < 2)
            continue;
        /* lines after the last split row stay as they are */
        band->found = 1;
        band->first = a, band->last = last_split;
        band->split = (ch0 + ch1) / 2;
        band->left = band->top = 1 << 30;
        band->right = band->bottom = 0;
        band->height = h;
        grow_band(band, w, a, last_split);
        return 1;
    }
    return 0;
}

/* Median of v[0..n) (sorts v). */
static int median(int *v, size_t n)
{
    ocr_sort_ints(v, n);
    return n ? v[n / 2] : 0;
}

/* Median distance between consecutive baselines of the lines of column
 * col among lines[0..n) (sorted by baseline), leaving out gaps over
 * 2.5 line heights (the room for a signature) and under 3/4 of one (a
 * speck read as a line); 0 if none is left. */
static int column_pitch(const ocr_band_line *lines, size_t n, int col, int height)
{
    int *d = malloc(sizeof *d * (n ? n : 1)), prev = -1;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (lines[i].column != col)
            continue;
        int d_ = prev >= 0 ? lines[i].baseline - prev : 0;
        if (d_ >= height * 3 / 4 && d_ <= height * 5 / 2)
            d[k++] = d_;
        prev = lines[i].baseline;
    }
    int p = median(d, k);
    free(d);
    return p;
}

static int by_baseline(const void *a, const void *b)
{
    const ocr_band_line *x = a, *y = b;
    if (x->baseline != y->baseline)
        return x->baseline < y->baseline ? -1 : 1;
    return x->column - y->column;
}

void ocr_band_rows(ocr_band_line *lines, size_t n, int height)
{
    if (n == 0)
        return;
    qsort(lines, n, sizeof *lines, by_baseline);
    int p0 = column_pitch(lines, n, 0, height), p1 = column_pitch(lines, n, 1, height);
    int pitch = p0 && p1 ? (p0 < p1 ? p0 : p1) : p0 ? p0 : p1 ? p1 : height;
    int tol = pitch / 2, row = 0, row_base = lines[0].baseline;
    lines[0].row = 0;
    for (size_t i = 1; i < n; i++) {
        /* a row holds one line of each column, the first one's baseline
         * within half a line pitch */
        int taken = 0;
        for (size_t j = i; j-- > 0 && lines[j].row == row;)
            taken |= lines[j].column == lines[i].column;
        if (taken || lines[i].baseline - row_base >= tol) {
            row++;
            row_base = lines[i].baseline;
        }
        lines[i].row = row;
    }
    /* within a row, the left column first */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && lines[j - 1].row == lines[j].row &&
                           lines[j - 1].column > lines[j].column;
             j--) {
            ocr_band_line t = lines[j];
            lines[j] = lines[j - 1];
            lines[j - 1] = t;
        }
}
