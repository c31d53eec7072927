/* ocr_missing.c — tests of the search for text lines that OCR left out
 * (src/ocr/missing.c) on a hand-drawn binary page: letter-sized ink that
 * no recognised word covers, grouped into lines. */
#include "harness.h"
#include "../../src/ocr/ocr_internal.h"

#include <string.h>

static void ink(PIX *p, int x, int y, int w, int h)
{
    pixRasterop(p, x, y, w, h, PIX_SET, NULL, 0, 0);
}

static ocr_pword word(int x, int y, int w, int h)
{
    ocr_pword p;
    memset(&p, 0, sizeof p);
    p.x = x, p.y = y, p.w = w, p.h = h, p.line = 1;
    return p;
}

TEST(uncovered_letters_form_lines_and_covered_ones_do_not)
{
    PIX *p = pixCreate(1000, 500, 1);
    /* a recognised line: four 20x40 letters under one word box */
    for (int x = 100; x < 220; x += 30)
        ink(p, x, 100, 20, 40);
    /* an unread line of four letters, and two more letters 590 px to its right */
    for (int x = 100; x < 220; x += 30)
        ink(p, x, 300, 20, 40);
    ink(p, 800, 302, 20, 38);
    ink(p, 830, 300, 20, 40);
    /* neither a speck nor a rule is a letter */
    ink(p, 500, 200, 3, 3);
    ink(p, 100, 420, 600, 4);
    ocr_pword w[] = {word(98, 98, 114, 44), word(300, 98, 40, 40), word(400, 98, 40, 36)};
    BOX *out[4];
    size_t n = ocr_find_missing_lines(p, w, 3, out, 4);
    CHECK_INT(n, 2);
    CHECK_INT(out[0]->x, 100);
    CHECK_INT(out[0]->y, 300);
    CHECK_INT(out[0]->w, 110);
    CHECK_INT(out[0]->h, 40);
    CHECK_INT(out[1]->x, 800);
    CHECK_INT(out[1]->w, 50);
    for (size_t i = 0; i < n; i++)
        boxDestroy(&out[i]);
    /* at most max boxes */
    CHECK_INT(ocr_find_missing_lines(p, w, 3, out, 1), 1);
    boxDestroy(&out[0]);
    /* no words: no letter size to go by */
    CHECK_INT(ocr_find_missing_lines(p, w, 0, out, 4), 0);
    pixDestroy(&p);
}
