/* ocr_preprocess.c — tests of the adaptive page clean-up (src/ocr/preprocess.c)
 * on synthetic pages whose defects we put there ourselves: a clean page is
 * left alone; a tilted page is measured and straightened; a dark border is
 * cropped and deskew still works; salt-and-pepper noise is measured and
 * filtered; a grey low-contrast page is stretched; missing resolution is
 * estimated from text height; a low resolution is raised. */
#include "harness.h"
#include "../../src/ocr/ocr_internal.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* A 1200 x 1600 white page with 24 "text lines" of black word blocks, each
 * 20 px high, at 50 px spacing. */
static PIX *text_page(void)
{
    PIX *p = pixCreate(1200, 1600, 8);
    pixSetAll(p);
    uint32_t x = 7;
    for (int y = 200; y < 1400; y += 50)
        for (int cx = 150; cx < 1050;) {
            int w = 30 + (int)((x = x * 1103515245u + 12345u) >> 16) % 60;
            if (cx + w > 1050)
                break;
            pixRasterop(p, cx, y, w, 20, PIX_CLR, NULL, 0, 0);
            cx += w + 15;
        }
    return p;
}

static PIX *rotated(PIX *p, double deg)
{
    return pixRotate(p, (l_float32)(deg * M_PI / 180.0), L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0);
}

/* Skew measured on a result, in degrees. */
static double skew_of(PIX *g)
{
    PIX *b = pixGetDepth(g) == 1 ? pixClone(g) : pixThresholdToBinary(g, 128);
    l_float32 a = 0, conf = 0;
    pixFindSkew(b, &a, &conf);
    pixDestroy(&b);
    return a;
}

TEST(clean_page_is_left_alone)
{
    PIX *p = text_page();
    sohoa_ocr_page_report r = {0};
    PIX *out = ocr_preprocess(p, 300, 0, SOHOA_PRE_ALL, &r);
    CHECK(out);
    CHECK_INT(r.border[0] + r.border[1] + r.border[2] + r.border[3], 0);
    CHECK(!r.denoised);
    CHECK(!r.contrast_fixed);
    CHECK(!r.deskewed);
    CHECK(!r.binarized);
    CHECK(r.scale == 1.0);
    CHECK(r.noise < 1.0);
    CHECK_INT(pixGetWidth(out), 1200);
    CHECK_INT(pixGetHeight(out), 1600);
    l_int32 same = 0;
    pixEqual(p, out, &same);
    CHECK(same); /* not one pixel changed */
    pixDestroy(&out);
    pixDestroy(&p);
}

TEST(tilted_page_is_measured_and_straightened)
{
    PIX *p = text_page();
    PIX *t = rotated(p, 2.0);
    sohoa_ocr_page_report r = {0};
    PIX *out = ocr_preprocess(t, 300, 0, SOHOA_PRE_ALL, &r);
    CHECK(out);
    CHECK(fabs(fabs(r.skew) - 2.0) < 0.15);
    CHECK(r.deskewed);
    CHECK(fabs(skew_of(out)) < 0.15);
    pixDestroy(&out);
    /* with deskew off, the skew is still reported but not corrected */
    memset(&r, 0, sizeof r);
    out = ocr_preprocess(t, 300, 0, SOHOA_PRE_ALL & ~SOHOA_PRE_DESKEW, &r);
    CHECK(!r.deskewed);
    CHECK(fabs(fabs(skew_of(out)) - 2.0) < 0.15);
    pixDestroy(&out);
    pixDestroy(&t);
    pixDestroy(&p);
}

TEST(dark_border_is_cropped_and_deskew_still_works)
{
    PIX *p = text_page();
    PIX *t = rotated(p, -1.5);
    /* a scanner border: 70 px of near-black along the left edge */
    pixRasterop(t, 0, 0, 70, 1600, PIX_CLR, NULL, 0, 0);
    sohoa_ocr_page_report r = {0};
    PIX *out = ocr_preprocess(t, 300, 0, SOHOA_PRE_ALL, &r);
    CHECK(out);
    CHECK(r.border[0] >= 70 && r.border[0] <= 80);
    CHECK_INT(r.border[1] + r.border[2] + r.border[3], 0);
    CHECK(r.deskewed);
    CHECK(fabs(fabs(r.skew) - 1.5) < 0.15);
    CHECK(pixGetWidth(out) <= 1200 - 70);
    /* nothing dark is left along the left edge */
    l_uint32 v = 0;
    pixGetPixel(out, 1, 800, &v);
    CHECK(v > 200);
    pixDestroy(&out);
    pixDestroy(&t);
    pixDestroy(&p);
}

static void salt_and_pepper(PIX *p, double share)
{
    int w = pixGetWidth(p), h = pixGetHeight(p);
    uint32_t x = 99;
    long n = (long)(share * w * h);
    for (long i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        int px = (int)((x >> 8) % (uint32_t)w);
        x = x * 1103515245u + 12345u;
        int py = (int)((x >> 8) % (uint32_t)h);
        pixSetPixel(p, px, py, (i & 1) ? 255 : 0);
    }
}

TEST(salt_and_pepper_is_measured_and_filtered)
{
    PIX *p = text_page();
    salt_and_pepper(p, 0.008);
    sohoa_ocr_page_report r = {0};
    PIX *out = ocr_preprocess(p, 300, 0, SOHOA_PRE_ALL, &r);
    CHECK(out);
    /* about 0.4% black specks = 4000 per megapixel, many isolated */
    CHECK(r.noise > 1000);
    CHECK(r.denoised);
    sohoa_ocr_page_report r2 = {0};
    PIX *again = ocr_preprocess(out, 300, 0, SOHOA_PRE_ALL, &r2);
    CHECK(r2.noise < 50);
    CHECK(!r2.denoised);
    pixDestroy(&again);
    pixDestroy(&out);
    /* with the step off, the noise is measured but left */
    memset(&r, 0, sizeof r);
    out = ocr_preprocess(p, 300, 0, SOHOA_PRE_ALL & ~SOHOA_PRE_DENOISE, &r);
    CHECK(r.noise > 1000);
    CHECK(!r.denoised);
    pixDestroy(&out);
    pixDestroy(&p);
}

TEST(grey_low_contrast_page_is_stretched)
{
    PIX *p = text_page();
    /* ink 85, paper 180: like a faded photocopy */
    PIX *grey = pixCopy(NULL, p);
    int w = pixGetWidth(p), h = pixGetHeight(p);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            l_uint32 v;
            pixGetPixel(p, x, y, &v);
            pixSetPixel(grey, x, y, 85 + v * 95 / 255);
        }
    sohoa_ocr_page_report r = {0};
    PIX *out = ocr_preprocess(grey, 300, 0, SOHOA_PRE_ALL, &r);
    CHECK(out);
    CHECK(r.contrast_fixed);
    CHECK(!r.binarized); /* even paper after normalisation: no local threshold needed */
    CHECK(r.ink >= 80 && r.ink <= 90);
    CHECK(r.paper >= 175 && r.paper <= 185);
    l_int32 paper = 0, ink = 0;
    pixGetRankValue(out, 1, 0.5f, (l_uint32 *)&paper);
    pixGetRankValue(out, 1, 0.02f, (l_uint32 *)&ink);
    CHECK(paper >= 230);
    CHECK(ink <= 40);
    pixDestroy(&out);
    pixDestroy(&grey);
    pixDestroy(&p);
}

TEST(missing_resolution_is_estimated_from_text_height)
{
    PIX *p = text_page();
    sohoa_ocr_page_report r = {0};
    PIX *out = ocr_preprocess(p, 0, 0, SOHOA_PRE_ALL & ~SOHOA_PRE_RESCALE, &r);
    CHECK(out);
    CHECK(r.dpi_estimated);
    /* blocks 20 px high read as letters 0.11 inch high: 20 / 0.11 = 182 dpi */
    CHECK(r.dpi >= 180 && r.dpi <= 184);
    pixDestroy(&out);
    /* a resolution in the file is trusted; --dpi overrides both */
    memset(&r, 0, sizeof r);
    out = ocr_preprocess(p, 300, 0, SOHOA_PRE_ALL, &r);
    CHECK(!r.dpi_estimated && r.dpi == 300);
    pixDestroy(&out);
    memset(&r, 0, sizeof r);
    out = ocr_preprocess(p, 300, 400, SOHOA_PRE_ALL, &r);
    CHECK_INT(r.dpi, 400);
    pixDestroy(&out);
    pixDestroy(&p);
}

TEST(low_resolution_is_raised_to_300_dpi)
{
    PIX *p = text_page();
    sohoa_ocr_page_report r = {0};
    PIX *out = ocr_preprocess(p, 100, 0, SOHOA_PRE_ALL, &r);
    CHECK(out);
    CHECK(r.scale == 3.0);
    CHECK_INT(r.dpi, 300);
    CHECK_INT(pixGetWidth(out), 3600);
    CHECK_INT(pixGetXRes(out), 300);
    pixDestroy(&out);
    pixDestroy(&p);
}

TEST(gray_off_passes_the_page_through)
{
    PIX *p = text_page();
    PIX *t = rotated(p, 2.0);
    sohoa_ocr_page_report r = {0};
    PIX *out = ocr_preprocess(t, 300, 0, 0, &r);
    CHECK(out);
    l_int32 same = 0;
    pixEqual(t, out, &same);
    CHECK(same);
    CHECK(!r.deskewed && !r.denoised && !r.contrast_fixed);
    pixDestroy(&out);
    pixDestroy(&t);
    pixDestroy(&p);
}

/* Specks counted by hand: on a 100 x 100 white page, five lone black
 * pixels, three black 2 x 2 squares, one diagonal pair (one component in
 * 8-connectivity), a 2 x 3 bar (too tall: not a speck) and a black 20 x 20
 * square holding two lone white pixels and a white 3 x 1 slot (not a
 * speck). That is 9 specks of ink and 2 of paper. */
TEST(specks_are_counted_as_placed)
{
    PIX *p = pixCreate(100, 100, 8);
    pixSetAll(p);
    const int dots[5][2] = {{5, 5}, {90, 10}, {50, 3}, {3, 97}, {97, 97}};
    for (int i = 0; i < 5; i++)
        pixSetPixel(p, dots[i][0], dots[i][1], 0);
    const int squares[3][2] = {{10, 20}, {80, 40}, {0, 60}};
    for (int i = 0; i < 3; i++)
        pixRasterop(p, squares[i][0], squares[i][1], 2, 2, PIX_CLR, NULL, 0, 0);
    pixSetPixel(p, 30, 80, 0);
    pixSetPixel(p, 31, 81, 0);
    pixRasterop(p, 60, 80, 2, 3, PIX_CLR, NULL, 0, 0);
    pixRasterop(p, 40, 40, 20, 20, PIX_CLR, NULL, 0, 0);
    pixSetPixel(p, 45, 45, 255);
    pixSetPixel(p, 50, 52, 255);
    pixRasterop(p, 42, 55, 3, 1, PIX_SET, NULL, 0, 0);
    /* 11 specks on 0.01 megapixel */
    CHECK(fabs(ocr_speck_density(p, 128) - 1100.0) < 1e-9);
    /* a speck touching another speck's corner is not alone any more */
    pixSetPixel(p, 6, 6, 0);
    CHECK(fabs(ocr_speck_density(p, 128) - 1100.0) < 1e-9); /* the pair is one 2 x 2 speck */
    pixSetPixel(p, 7, 7, 0);
    CHECK(fabs(ocr_speck_density(p, 128) - 1000.0) < 1e-9); /* three in a row: 3 x 3 box */
    pixDestroy(&p);
}

/* The 3 x 3 median with replicated edges, worked out by hand on the image
 * 1 2 3 / 4 5 6 / 7 8 9: the centre sees 1..9 (median 5); the top-left
 * corner sees 1 1 2 1 1 2 4 4 5 (median 2); the bottom-right corner sees
 * 5 6 6 8 9 9 8 9 9 (median 8). */
TEST(median_of_a_small_image_by_hand)
{
    PIX *p = pixCreate(3, 3, 8);
    for (int i = 0; i < 9; i++)
        pixSetPixel(p, i % 3, i / 3, (l_uint32)(i + 1));
    PIX *m = ocr_median3x3(p);
    CHECK(m);
    l_uint32 v = 0;
    pixGetPixel(m, 1, 1, &v);
    CHECK_INT(v, 5);
    pixGetPixel(m, 0, 0, &v);
    CHECK_INT(v, 2);
    pixGetPixel(m, 2, 2, &v);
    CHECK_INT(v, 8);
    pixDestroy(&m);
    pixDestroy(&p);
}

/* It replaces Leptonica's rank filter: the same pixels on noisy images of
 * many sizes (odd widths test the packing of the last word). */
TEST(median_equals_leptonica_rank_filter)
{
    uint32_t x = 5;
    for (int k = 0; k < 60; k++) {
        int w = 1 + (int)((x = x * 1103515245u + 12345u) >> 16) % 45;
        int h = 1 + (int)((x = x * 1103515245u + 12345u) >> 16) % 23;
        PIX *p = pixCreate(w, h, 8);
        for (int y = 0; y < h; y++)
            for (int i = 0; i < w; i++)
                pixSetPixel(p, i, y, ((x = x * 1103515245u + 12345u) >> 16) & 255);
        PIX *a = ocr_median3x3(p), *b = pixMedianFilter(p, 3, 3);
        l_int32 same = 0;
        pixEqual(a, b, &same);
        pixDestroy(&a);
        pixDestroy(&b);
        pixDestroy(&p);
        CHECK(same);
    }
}
