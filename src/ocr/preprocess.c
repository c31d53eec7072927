/* preprocess.c — adaptive page clean-up with Leptonica before Tesseract.
 *
 * Measure first, act only where the page needs it (what is known: a median
 * filter slightly hurts clean pages; deskew fails while a dark scanner
 * border is in the frame; a local threshold without a median turns
 * salt-and-pepper noise into text). The order is:
 *   gray → border → (noise measured) median → contrast → deskew → rescale → binarise
 * Every decision and measurement goes into the page report. */
#include "ocr_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TARGET_DPI 300
#define NOISE_MEDIAN_PER_MP 400.0 /* tiny specks per megapixel above which we median-filter */
#define MIN_DPI 150   /* below: too few pixels per letter for Tesseract, upscale to TARGET_DPI */
#define MAX_DPI 600   /* above: only slower, downscale to TARGET_DPI */
#define SPREAD_UNEVEN 20 /* paper level range over the page (grey levels) that calls for normalisation */
#define SKEW_MIN_DEG 0.1
#define SKEW_MIN_CONF 2.5

/* Percentile p (0..1) of the gray histogram of an 8-bit image (sampled). */
static int percentile(PIX *g, double p)
{
    NUMA *h = pixGetGrayHistogram(g, 2);
    if (!h)
        return p < 0.5 ? 0 : 255;
    l_float32 total = 0;
    numaGetSum(h, &total);
    double acc = 0;
    int v = 255;
    for (int i = 0; i < 256; i++) {
        l_float32 c = 0;
        numaGetFValue(h, i, &c);
        acc += c;
        if (acc >= p * total) {
            v = i;
            break;
        }
    }
    numaDestroy(&h);
    return v;
}

/* Ink and paper grey levels: the two classes of the grey distribution
 * (Leptonica's Otsu-like split), robust on pages with little text. */
static void ink_paper(PIX *g, int *ink, int *paper)
{
    l_int32 thresh = 128, fg = 0, bg = 255;
    if (pixSplitDistributionFgBg(g, 0.1f, 2, &thresh, &fg, &bg, NULL) != 0) {
        fg = percentile(g, 0.01);
        bg = percentile(g, 0.60);
    }
    *ink = fg;
    *paper = bg;
}

static PIX *to_gray(PIX *pix)
{
    if (pixGetDepth(pix) == 8 && !pixGetColormap(pix))
        return pixClone(pix);
    if (pixGetDepth(pix) == 32)
        return pixConvertRGBToLuminance(pix);
    return pixConvertTo8(pix, 0);
}

/* The pixels of an 8-bit Leptonica row (bytes packed big-end first into
 * 32-bit words) as plain bytes; out holds w rounded up to 4. */
static void unpack_row(const l_uint32 *line, int w, unsigned char *out)
{
    for (int i = 0; i < (w + 3) / 4; i++) {
        l_uint32 v = line[i];
        out[4 * i] = (unsigned char)(v >> 24);
        out[4 * i + 1] = (unsigned char)(v >> 16);
        out[4 * i + 2] = (unsigned char)(v >> 8);
        out[4 * i + 3] = (unsigned char)v;
    }
}

static void pack_row(const unsigned char *in, int w, l_uint32 *line)
{
    for (int i = 0; i < (w + 3) / 4; i++)
        line[i] = (l_uint32)in[4 * i] << 24 | (l_uint32)in[4 * i + 1] << 16 |
                  (l_uint32)in[4 * i + 2] << 8 | in[4 * i + 3];
}

/* --- border ------------------------------------------------------------- */

/* Share of pixels darker than t in column x (or row y when row). */
static double dark_share(PIX *g, int idx, int row, int t)
{
    int w = pixGetWidth(g), h = pixGetHeight(g);
    int n = row ? w : h, dark = 0;
    for (int k = 0; k < n; k += 2) {
        l_uint32 v = 0;
        if (row)
            pixGetPixel(g, k, idx, &v);
        else
            pixGetPixel(g, idx, k, &v);
        if ((int)v < t)
            dark++;
    }
    return dark / (double)((n + 1) / 2);
}

/* How many outer columns/rows on each side are mostly dark. */
static void find_border(PIX *g, int t, int out[4])
{
    int w = pixGetWidth(g), h = pixGetHeight(g);
    int lim_x = w / 4, lim_y = h / 4;
    memset(out, 0, 4 * sizeof *out);
    for (int x = 0; x < lim_x && dark_share(g, x, 0, t) > 0.5; x++)
        out[0] = x + 1;
    for (int y = 0; y < lim_y && dark_share(g, y, 1, t) > 0.5; y++)
        out[1] = y + 1;
    for (int x = w - 1; x >= w - lim_x && dark_share(g, x, 0, t) > 0.5; x--)
        out[2] = w - x;
    for (int y = h - 1; y >= h - lim_y && dark_share(g, y, 1, t) > 0.5; y--)
        out[3] = h - y;
}

/* Paint white whatever large dark region still touches the image edge (the
 * tilted remains of a border). Returns 1 if it painted anything. */
static int whiten_edge_regions(PIX *g, int t, int paper)
{
    PIX *b = pixThresholdToBinary(g, t);
    if (!b)
        return 0;
    PIX *edge = pixExtractBorderConnComps(b, 8);
    pixDestroy(&b);
    if (!edge)
        return 0;
    /* Keep only big pieces: a border strip, not a speck of noise at the edge. */
    PIX *big = pixSelectBySize(edge, 40, 40, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE, NULL);
    pixDestroy(&edge);
    if (!big)
        return 0;
    l_int32 cnt = 0;
    pixCountPixels(big, &cnt, NULL);
    if (cnt > 0) {
        PIX *grown = pixDilateBrick(NULL, big, 7, 7);
        pixSetMasked(g, grown, (l_uint32)paper);
        pixDestroy(&grown);
    }
    pixDestroy(&big);
    return cnt > 0;
}

static PIX *remove_border(PIX *g, int t, int paper, sohoa_ocr_page_report *r)
{
    int b[4];
    find_border(g, t, b);
    int w = pixGetWidth(g), h = pixGetHeight(g);
    PIX *out;
    if (b[0] || b[1] || b[2] || b[3]) {
        /* a few pixels more: the border's edge is ragged and may be tilted */
        for (int i = 0; i < 4; i++)
            if (b[i])
                b[i] += 4;
        BOX *box = boxCreate(b[0], b[1], w - b[0] - b[2], h - b[1] - b[3]);
        out = pixClipRectangle(g, box, NULL);
        boxDestroy(&box);
        memcpy(r->border, b, sizeof b);
    } else {
        out = pixCopy(NULL, g);
    }
    whiten_edge_regions(out, t, paper);
    return out;
}

/* --- noise -------------------------------------------------------------- */

/* Tiny isolated specks (≤ 2×2 px) of ink on paper and of paper in ink, per
 * megapixel: salt-and-pepper noise; clean text has almost none.
 *
 * The count is that of the 8-connected components (of pixels darker than t,
 * then of the others) whose box is at most 2×2, found without labelling
 * the page: such a component is all the pixels of its class in the 2×2
 * window at its box's top-left corner (the window's pixels touch each
 * other), and none of the 12 pixels around the window that touch one of
 * them is of the class. Each is counted once, at that corner. The test
 * runs on 64 pixels at a time: rows are bit masks, bit i = pixel i. */

/* Row r of a class mask shifted so that bit i holds pixel i + k
 * (k = -1, 1 or 2); words outside the row are zero. */
static inline uint64_t at(const uint64_t *r, size_t i, int k)
{
    switch (k) {
    case -1:
        return r[i] << 1 | r[i - 1] >> 63;
    case 1:
        return r[i] >> 1 | r[i + 1] << 63;
    default:
        return r[i] >> 2 | r[i + 1] << 62;
    }
}

/* Tiny components of a class mask: rows of nw words (a zero word on
 * each side), two zero rows above and below the h rows of the page. */
static long count_tiny(const uint64_t *mask, size_t nw, int h)
{
    long n = 0;
    for (int y = 0; y < h; y++) {
        const uint64_t *u = mask + (size_t)(y + 1) * nw, *r = u + nw, *l = r + nw, *dn = l + nw;
        for (size_t i = 1; i + 1 < nw; i++) {
            uint64_t a = r[i], b = at(r, i, 1), c = l[i], d = at(l, i, 1);
            uint64_t corner = (a | c) & (a | b); /* the box starts at this column and row */
            if (!corner)
                continue;
            uint64_t touched = (at(u, i, -1) & a) | (u[i] & (a | b)) | (at(u, i, 1) & (a | b)) |
                               (at(u, i, 2) & b) | (at(r, i, -1) & (a | c)) | (at(l, i, -1) & (a | c)) |
                               (at(r, i, 2) & (b | d)) | (at(l, i, 2) & (b | d)) | (at(dn, i, -1) & c) |
                               (dn[i] & (c | d)) | (at(dn, i, 1) & (c | d)) | (at(dn, i, 2) & d);
            n += __builtin_popcountll(corner & ~touched);
        }
    }
    return n;
}

double ocr_speck_density(PIX *g, int t)
{
    int w = pixGetWidth(g), h = pixGetHeight(g), wpl = pixGetWpl(g);
    size_t nw = (size_t)(w + 63) / 64 + 2, rows = (size_t)h + 4;
    uint64_t *ink = calloc(nw * rows * 2, sizeof *ink), *paper = ink + nw * rows;
    if (!ink)
        return 0;
    unsigned char *px = malloc((size_t)w + 68);
    if (!px) {
        free(ink);
        return 0;
    }
    const l_uint32 *data = pixGetData(g);
    for (int y = 0; y < h; y++) {
        unpack_row(data + (size_t)y * wpl, w, px);
        uint64_t *ri = ink + (size_t)(y + 2) * nw + 1, *rp = paper + (size_t)(y + 2) * nw + 1;
        for (int x0 = 0; x0 < w; x0 += 64) {
            uint64_t bi = 0;
            int n = w - x0 < 64 ? w - x0 : 64;
            for (int k = 0; k < n; k++)
                bi |= (uint64_t)(px[x0 + k] < t) << k;
            ri[x0 / 64] = bi;
            rp[x0 / 64] = ~bi & (n == 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1);
        }
    }
    free(px);
    long total = count_tiny(ink, nw, h) + count_tiny(paper, nw, h);
    free(ink);
    return total * 1e6 / ((double)w * h);
}

/* --- median ------------------------------------------------------------ */

static inline unsigned char min_u8(unsigned char a, unsigned char b) { return a < b ? a : b; }
static inline unsigned char max_u8(unsigned char a, unsigned char b) { return a > b ? a : b; }
static inline unsigned char med3(unsigned char a, unsigned char b, unsigned char c)
{
    return max_u8(min_u8(a, b), min_u8(max_u8(a, b), c));
}

/* The median runs over blocks of MED_BLOCK columns: loops of a fixed
 * length over buffers that do not overlap, which the compiler turns into
 * vector instructions (the same values, many pixels at a time). */
#define MED_BLOCK 32

/* Sort each column of three rows: lo, mid, hi get its minimum, median
 * and maximum. */
static void sort_columns(const unsigned char *restrict r0, const unsigned char *restrict r1,
                         const unsigned char *restrict r2, unsigned char *restrict lo,
                         unsigned char *restrict mid, unsigned char *restrict hi)
{
    for (int x = 0; x < MED_BLOCK; x++) {
        unsigned char mn = min_u8(r0[x], r1[x]), mx = max_u8(r0[x], r1[x]);
        lo[x] = min_u8(mn, r2[x]);
        hi[x] = max_u8(mx, r2[x]);
        mid[x] = max_u8(mn, min_u8(mx, r2[x]));
    }
}

/* The median of the nine pixels around each column x + 1: the median of
 * (the largest of the three column minima, the median of the column
 * medians, the smallest of the column maxima). */
static void combine_columns(const unsigned char *restrict lo, const unsigned char *restrict mid,
                            const unsigned char *restrict hi, unsigned char *restrict out)
{
    for (int x = 0; x < MED_BLOCK; x++) {
        unsigned char l = max_u8(max_u8(lo[x], lo[x + 1]), lo[x + 2]);
        unsigned char m = med3(mid[x], mid[x + 1], mid[x + 2]);
        unsigned char u = min_u8(min_u8(hi[x], hi[x + 1]), hi[x + 2]);
        out[x] = med3(l, m, u);
    }
}

/* Each column of three is sorted once (sort_columns), then each pixel
 * combines the three columns around it (combine_columns). */
PIX *ocr_median3x3(PIX *g)
{
    int w = pixGetWidth(g), h = pixGetHeight(g), wpl = pixGetWpl(g);
    /* whole blocks over the w + 2 columns (a replicated pixel on each
     * side) and 2 more for the last block's neighbours; zeroed, so the
     * columns past the page compute on defined values */
    size_t nb = ((size_t)w + 2 + MED_BLOCK - 1) / MED_BLOCK, n = nb * MED_BLOCK + 8;
    PIX *d = pixCreateTemplate(g);
    unsigned char *buf = calloc(7, n);
    if (!d || !buf) {
        pixDestroy(&d);
        free(buf);
        return NULL;
    }
    unsigned char *row[3] = {buf, buf + n, buf + 2 * n};
    unsigned char *lo = buf + 3 * n, *mid = lo + n, *hi = mid + n, *out = hi + n;
    const l_uint32 *src = pixGetData(g);
    l_uint32 *dst = pixGetData(d);
    int wpld = pixGetWpl(d);
    /* row[k] + 1 holds image row y - 1 + k (edges replicated) */
    for (int k = 0; k < 3; k++) {
        int yy = k == 0 ? 0 : k - 1 < h ? k - 1 : h - 1;
        unpack_row(src + (size_t)yy * wpl, w, row[k] + 1);
        row[k][0] = row[k][1];
        row[k][w + 1] = row[k][w];
    }
    for (int y = 0; y < h; y++) {
        if (y > 0) { /* roll the rows down by one */
            unsigned char *t = row[0];
            row[0] = row[1], row[1] = row[2], row[2] = t;
            int yy = y + 1 < h ? y + 1 : h - 1;
            unpack_row(src + (size_t)yy * wpl, w, row[2] + 1);
            row[2][0] = row[2][1];
            row[2][w + 1] = row[2][w];
        }
        for (size_t b = 0; b < nb; b++) {
            size_t x = b * MED_BLOCK;
            sort_columns(row[0] + x, row[1] + x, row[2] + x, lo + x, mid + x, hi + x);
        }
        for (size_t x = 0; x < (size_t)w; x += MED_BLOCK)
            combine_columns(lo + x, mid + x, hi + x, out + x);
        memset(out + w, 0, 4); /* the padding of the last word */
        pack_row(out, w, dst + (size_t)y * wpld);
    }
    free(buf);
    return d;
}

/* Paint paper over the faint specks a median leaves behind (noise smeared
 * by JPEG): components of "darker than paper" pixels that nowhere reach a
 * real ink level. Periods and diacritics are as dark as the letters, so
 * they stay. Returns 1 if anything was painted. */
static int remove_faint_specks(PIX *g, int ink, int paper)
{
    int t_light = paper - (paper - ink) / 4, t_dark = ink + (paper - ink) * 2 / 5;
    PIX *light = pixThresholdToBinary(g, t_light);
    PIX *dark = pixThresholdToBinary(g, t_dark);
    PIX *real = light && dark ? pixSeedfillBinary(NULL, dark, light, 8) : NULL;
    PIX *faint = real ? pixSubtract(NULL, light, real) : NULL;
    l_int32 cnt = 0;
    if (faint) {
        pixCountPixels(faint, &cnt, NULL);
        if (cnt > 0) {
            PIX *grown = pixDilateBrick(NULL, faint, 3, 3);
            pixSetMasked(g, grown, (l_uint32)paper);
            pixDestroy(&grown);
        }
    }
    pixDestroy(&faint);
    pixDestroy(&real);
    pixDestroy(&dark);
    pixDestroy(&light);
    return cnt > 0;
}

/* Grain of the paper: median absolute deviation of paper pixels (those
 * lighter than t) from their median, on a sample. Scanner and JPEG noise
 * give a few grey levels; a clean render gives 0. */
static double paper_grain(PIX *g, int t)
{
    int w = pixGetWidth(g), h = pixGetHeight(g), wpl = pixGetWpl(g);
    l_uint32 *data = pixGetData(g);
    long hist[256] = {0}, n = 0;
    for (int y = 0; y < h; y += 3) {
        l_uint32 *line = data + (size_t)y * wpl;
        for (int x = 0; x < w; x += 3) {
            int v = GET_DATA_BYTE(line, x);
            if (v > t) {
                hist[v]++;
                n++;
            }
        }
    }
    if (n == 0)
        return 0;
    long acc = 0;
    int med = 255;
    for (int i = 0; i < 256; i++)
        if ((acc += hist[i]) * 2 >= n) {
            med = i;
            break;
        }
    long dev[256] = {0};
    for (int i = 0; i < 256; i++)
        dev[abs(i - med)] += hist[i];
    acc = 0;
    for (int d = 0; d < 256; d++)
        if ((acc += dev[d]) * 2 >= n)
            return d;
    return 0;
}

/* --- contrast ----------------------------------------------------------- */

/* Percentile p (0..1) of a histogram of n samples. */
static int hist_percentile(const long hist[256], long n, double p)
{
    long acc = 0;
    for (int i = 0; i < 256; i++)
        if ((double)(acc += hist[i]) >= p * (double)n)
            return i;
    return 255;
}

/* Spread of the paper level (the 75th percentile of every other pixel of
 * every other row) over an 8x8 grid of tiles (illumination). */
static int paper_spread(PIX *g)
{
    int w = pixGetWidth(g), h = pixGetHeight(g), wpl = pixGetWpl(g), lo = 255, hi = 0;
    int tw = w / 8, th = h / 8;
    if (tw <= 0 || th <= 0)
        return hi - lo;
    const l_uint32 *data = pixGetData(g);
    for (int ty = 0; ty < 8; ty++)
        for (int tx = 0; tx < 8; tx++) {
            int x0 = tx * w / 8, y0 = ty * h / 8;
            long hist[256] = {0}, n = 0;
            for (int y = y0; y < y0 + th; y += 2) {
                const l_uint32 *line = data + (size_t)y * wpl;
                for (int x = x0; x < x0 + tw; x += 2)
                    hist[GET_DATA_BYTE(line, x)]++;
                n += (tw + 1) / 2;
            }
            int p = hist_percentile(hist, n, 0.75);
            if (p < lo)
                lo = p;
            if (p > hi)
                hi = p;
        }
    return hi - lo;
}

static PIX *fix_contrast(PIX *g)
{
    PIX *n = pixBackgroundNormSimple(g, NULL, NULL); /* paper → 200, evenly */
    if (!n)
        return pixClone(g);
    int ink, paper;
    ink_paper(n, &ink, &paper);
    /* Paper dominates a page: its median is the level to lift to white
     * (the class mean of the split can sit above paper that the background
     * estimate left a little grey). */
    int median = percentile(n, 0.5);
    if (median < paper)
        paper = median;
    if (paper <= ink + 10) {
        pixDestroy(&n);
        return pixClone(g);
    }
    /* stretch ink..paper to 0..255 */
    PIX *s = pixGammaTRC(NULL, n, 1.0, ink, paper);
    pixDestroy(&n);
    return s ? s : pixClone(g);
}

/* --- resolution --------------------------------------------------------- */

/* Estimate dpi from the median height of character-sized components:
 * body text of administrative documents is 12–14 pt, whose letters with
 * marks are about 0.11 inch tall. */
static int estimate_dpi(PIX *g, int t)
{
    PIX *b = pixThresholdToBinary(g, t);
    if (!b)
        return 0;
    BOXA *cc = pixConnComp(b, NULL, 8);
    pixDestroy(&b);
    int n = boxaGetCount(cc), k = 0;
    int *hs = malloc(sizeof *hs * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(cc, i, &x, &y, &w, &h);
        if (h >= 6 && h <= 300 && w <= 3 * h && w >= 2)
            hs[k++] = h;
    }
    boxaDestroy(&cc);
    int dpi = 0;
    if (k >= 50) {
        for (int i = 1; i < k; i++) /* insertion sort is fine for a few thousand */
            for (int j = i; j > 0 && hs[j - 1] > hs[j]; j--) {
                int tmp = hs[j];
                hs[j] = hs[j - 1];
                hs[j - 1] = tmp;
            }
        dpi = (int)lround(hs[k / 2] / 0.11);
    }
    free(hs);
    return dpi;
}

/* --- the pipeline --------------------------------------------------------- */

static void replace(PIX **cur, PIX *next)
{
    if (next && next != *cur) {
        pixDestroy(cur);
        *cur = next;
    }
}

PIX *ocr_preprocess(PIX *pix, int dpi_in, int forced_dpi, unsigned steps,
                    sohoa_ocr_page_report *r)
{
    r->width = pixGetWidth(pix);
    r->height = pixGetHeight(pix);
    r->dpi_in = dpi_in;
    r->scale = 1.0;
    if (!(steps & SOHOA_PRE_GRAY)) {
        r->dpi = forced_dpi > 0 ? forced_dpi : (dpi_in > 0 ? dpi_in : TARGET_DPI);
        return pixClone(pix);
    }
    PIX *g = to_gray(pix);
    if (!g)
        return NULL;
    int ink, paper;
    ink_paper(g, &ink, &paper);
    int t = (ink + paper) / 2;

    if (steps & SOHOA_PRE_BORDER) {
        replace(&g, remove_border(g, t, paper, r));
        ink_paper(g, &ink, &paper);
        t = (ink + paper) / 2;
    }
    r->ink = ink;
    r->paper = paper;

    r->noise = ocr_speck_density(g, t);
    r->grain = paper_grain(g, t);
    if ((steps & SOHOA_PRE_DENOISE) && r->noise > NOISE_MEDIAN_PER_MP) {
        replace(&g, ocr_median3x3(g));
        r->denoised = 1;
    }

    if (steps & SOHOA_PRE_CONTRAST) {
        int spread = paper_spread(g);
        if (paper - ink < 120 || spread > SPREAD_UNEVEN) {
            replace(&g, fix_contrast(g));
            r->contrast_fixed = 1;
            ink_paper(g, &ink, &paper);
            t = (ink + paper) / 2;
        }
    }
    if (r->denoised) {
        remove_faint_specks(g, ink, paper);
    }

    if (steps & SOHOA_PRE_DESKEW) {
        PIX *b = pixThresholdToBinary(g, t);
        l_float32 angle = 0, conf = 0;
        if (b && pixFindSkew(b, &angle, &conf) == 0) {
            r->skew = angle;
            r->skew_conf = conf;
            if (fabs(angle) >= SKEW_MIN_DEG && conf >= SKEW_MIN_CONF) {
                replace(&g, pixRotate(g, (l_float32)(angle * M_PI / 180.0), L_ROTATE_AREA_MAP,
                                      L_BRING_IN_WHITE, 0, 0));
                r->deskewed = 1;
            }
        }
        pixDestroy(&b);
    }

    int dpi = forced_dpi > 0 ? forced_dpi : dpi_in;
    if (dpi < 70 || dpi > 1200) {
        int est = estimate_dpi(g, t);
        r->dpi_estimated = 1;
        dpi = est >= 70 && est <= 1200 ? est : TARGET_DPI;
    }
    if ((steps & SOHOA_PRE_RESCALE) && (dpi < MIN_DPI || dpi > MAX_DPI)) {
        double f = (double)TARGET_DPI / dpi;
        replace(&g, pixScale(g, (l_float32)f, (l_float32)f));
        r->scale = f;
        dpi = TARGET_DPI;
    }
    r->dpi = dpi;
    pixSetResolution(g, dpi, dpi);

    /* Sauvola only where a global threshold must fail: paper still uneven
     * after background normalisation (shadows, stains, folds). */
    if ((steps & SOHOA_PRE_BINARIZE) && paper_spread(g) > SPREAD_UNEVEN) {
        PIX *bin = NULL;
        if (pixSauvolaBinarizeTiled(g, 25, 0.35f, 1, 1, NULL, &bin) == 0 && bin) {
            pixSetResolution(bin, dpi, dpi);
            replace(&g, bin);
            r->binarized = 1;
        }
    }
    return g;
}
