/* orient.c — is a cleaned page upright? Leptonica's cheap up/down and
 * left/right scores of its text (ascenders against descenders), taken on a
 * binary copy halved in each direction when the page has resolution to
 * spare, give one of three verdicts:
 *   upright    — the scores say so clearly: read the page as it is;
 *   turned     — they clearly point another way: Tesseract's OSD decides
 *                how far to turn it before it is read;
 *   read first — too little evidence either way (short pages, heavy
 *                scans): read the page as it is, and only if Tesseract
 *                doubts what it read (ocr_orient_read_upright) ask OSD.
 * An upright page is never sent to OSD unless Tesseract doubts its text,
 * and OSD (about half a second a page) runs only on turned or unreadable
 * pages. */
#include "ocr_internal.h"

#include <math.h>

/* A score is clear when it reaches ORIENT_SURE and is ORIENT_DOMINANT
 * times the other one. Measured on the cleaned development pages (57
 * upright, and the same turned by 90, 180 and 270 degrees), on the image
 * the verdict is taken on: upright pages score up 8.5 to 34 with |left| at
 * most 7, or less when they carry little text (up -2 to 8.5: read first);
 * turned pages never score up above 6.2, so none is called upright, and
 * most score 8 to 31 the way they were turned. */
#define ORIENT_SURE 8.0f
#define ORIENT_DOMINANT 3.0f
/* At this resolution and above the scores are taken on a 2x reduced copy
 * (4 times fewer pixels); below it, halved letters are too small for
 * Leptonica's tests: a turned 200 dpi development page, halved, scored
 * as upright. */
#define ORIENT_HALVE_DPI 280
/* Tesseract's mean word confidence (0..100) on a page read as it is: the
 * upright development pages read at 81 to 95, the turned ones at 22 to 54. */
#define ORIENT_READ_CONF 70

ocr_orient_verdict ocr_orient_judge(float up, float left)
{
    float aup = fabsf(up), aleft = fabsf(left);
    if (up >= ORIENT_SURE && up >= ORIENT_DOMINANT * aleft)
        return OCR_ORIENT_UPRIGHT;
    if ((-up >= ORIENT_SURE && aup >= ORIENT_DOMINANT * aleft) ||
        (aleft >= ORIENT_SURE && aleft >= ORIENT_DOMINANT * aup))
        return OCR_ORIENT_TURNED;
    return OCR_ORIENT_READ_FIRST;
}

ocr_orient_verdict ocr_orient_page(PIX *clean, int dpi)
{
    PIX *b = pixGetDepth(clean) == 1 ? pixClone(clean) : pixThresholdToBinary(clean, 128);
    if (b && dpi >= ORIENT_HALVE_DPI) {
        PIX *half = pixReduceRankBinary2(b, 1, NULL);
        pixDestroy(&b);
        b = half;
    }
    if (!b)
        return OCR_ORIENT_READ_FIRST;
    l_float32 up = 0, left = 0;
    int ok = pixOrientDetect(b, &up, &left, 0, 0) == 0;
    pixDestroy(&b);
    return ok ? ocr_orient_judge(up, left) : OCR_ORIENT_READ_FIRST;
}

int ocr_orient_read_upright(int mean_conf)
{
    return mean_conf >= ORIENT_READ_CONF;
}
