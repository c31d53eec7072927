/* ocr_source.c — fuzzing how sohoa opens the files it OCRs (src/ocr:
 * ocr_source_open / ocr_source_page): identification by content, page
 * counting, the pixel limit read from headers before decoding, and the
 * decoding of each page (Leptonica for PNG/JPEG/TIFF/PNM, poppler + cairo
 * for PDF). The input is written to a file, opened with a 4-megapixel and
 * 8-page limit, and every page is decoded.
 * Oracles: a refusal fills the error and names the file; no decoded page
 * is larger than the pixel limit (it is checked before decoding); a PDF
 * page's text layer, when asked for, is a NUL-terminated string. */
#include "fuzz.h"
#include "ocr/ocr_internal.h"

static sohoa_ocr_opts opts;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    sohoa_ocr_global_init();
    sohoa_ocr_opts_init(&opts);
    opts.max_pixels = 4000000;
    opts.max_pages = 8;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write("page.img", data, size);
    ocr_source s;
    memset(&s, 0, sizeof s);
    sohoa_err err = {0};
    if (ocr_source_open(&s, path, &opts, &err) != SOHOA_OK) {
        FUZZ_ASSERT(err.code != SOHOA_OK && strstr(err.msg, "page.img") != NULL);
        return 0;
    }
    FUZZ_ASSERT(s.npages >= 1 && s.npages <= opts.max_pages);
    for (int i = 0; i < s.npages; i++) {
        PIX *pix = NULL;
        int dpi = 0;
        char *text = NULL;
        int want_text = s.kind == OCR_SRC_PDF && (i & 1);
        if (ocr_source_page(&s, i, &opts, &pix, &dpi, want_text, &text, &err) != SOHOA_OK) {
            FUZZ_ASSERT(err.msg[0] != '\0');
            continue;
        }
        if (pix) {
            double px = (double)pixGetWidth(pix) * pixGetHeight(pix);
            FUZZ_ASSERT(px <= (double)opts.max_pixels * 1.01 + 4096);
            pixDestroy(&pix);
        }
        if (text)
            FUZZ_ASSERT(strlen(text) < (size_t)1 << 30);
        free(text);
    }
    ocr_source_close(&s);
    return 0;
}
