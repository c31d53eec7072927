/* ocr_orient.c — tests of the orientation verdicts (src/ocr/orient.c): the
 * rule on Leptonica's up/down and left/right scores (clearly upright,
 * clearly turned, or in doubt: read first), the confidence that settles a
 * page read first, and the verdicts on a page of real text, upright and
 * turned: a turned page is never called upright, an upright one never
 * turned. */
#include "harness.h"
#include "../../src/ocr/ocr_internal.h"

#include <stdio.h>

TEST(clear_upright_scores_are_upright)
{
    CHECK_INT(ocr_orient_judge(30.0f, 2.0f), OCR_ORIENT_UPRIGHT);
    CHECK_INT(ocr_orient_judge(8.0f, -2.5f), OCR_ORIENT_UPRIGHT); /* 8 >= 3 x 2.5 */
    CHECK_INT(ocr_orient_judge(12.0f, 0.0f), OCR_ORIENT_UPRIGHT);
}

TEST(clear_scores_of_another_way_are_turned)
{
    CHECK_INT(ocr_orient_judge(-20.0f, 1.0f), OCR_ORIENT_TURNED); /* upside down */
    CHECK_INT(ocr_orient_judge(1.0f, 25.0f), OCR_ORIENT_TURNED);  /* on its side */
    CHECK_INT(ocr_orient_judge(0.5f, -12.0f), OCR_ORIENT_TURNED); /* the other side */
    CHECK_INT(ocr_orient_judge(-8.0f, 2.0f), OCR_ORIENT_TURNED);
}

TEST(weak_or_mixed_scores_are_read_first)
{
    CHECK_INT(ocr_orient_judge(3.0f, 1.0f), OCR_ORIENT_READ_FIRST);   /* too little text */
    CHECK_INT(ocr_orient_judge(7.9f, 0.0f), OCR_ORIENT_READ_FIRST);   /* just short of sure */
    CHECK_INT(ocr_orient_judge(10.0f, -4.0f), OCR_ORIENT_READ_FIRST); /* up, but 10 < 3 x 4 */
    CHECK_INT(ocr_orient_judge(9.0f, 9.0f), OCR_ORIENT_READ_FIRST);   /* two ways at once */
    CHECK_INT(ocr_orient_judge(-5.0f, -2.0f), OCR_ORIENT_READ_FIRST);
    CHECK_INT(ocr_orient_judge(0.0f, 0.0f), OCR_ORIENT_READ_FIRST);   /* no text */
}

TEST(confident_reading_means_upright)
{
    CHECK(ocr_orient_read_upright(95));
    CHECK(ocr_orient_read_upright(70));
    CHECK(!ocr_orient_read_upright(69));
    CHECK(!ocr_orient_read_upright(35));
    CHECK(!ocr_orient_read_upright(0)); /* nothing read */
}

/* A 300 dpi page of n copies of the two-line fixture, one under another. */
static PIX *text_page(int n)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/ocr/line.png", harness_srcdir());
    PIX *l = pixRead(path);
    if (!l)
        return NULL;
    int w = pixGetWidth(l), h = pixGetHeight(l);
    PIX *p = pixCreate(w, h * n, 8);
    pixSetAll(p);
    pixSetResolution(p, 300, 300);
    for (int i = 0; i < n; i++)
        pixRasterop(p, 0, i * h, w, h, PIX_SRC, l, 0, 0);
    pixDestroy(&l);
    return p;
}

TEST(real_text_is_never_judged_the_wrong_way)
{
    for (int n = 1; n <= 12; n += 11) {
        PIX *p = text_page(n);
        CHECK(p);
        CHECK(ocr_orient_page(p, 300) != OCR_ORIENT_TURNED);
        for (int q = 1; q <= 3; q++) {
            PIX *t = pixRotateOrth(p, q);
            CHECK(ocr_orient_page(t, 300) != OCR_ORIENT_UPRIGHT);
            CHECK(ocr_orient_page(t, 150) != OCR_ORIENT_UPRIGHT); /* scored unreduced */
            pixDestroy(&t);
        }
        pixDestroy(&p);
    }
}
