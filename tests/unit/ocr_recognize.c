/* ocr_recognize.c — tests of the OCR engine end to end on small fixtures
 * (tests/data/ocr, see make-fixtures.sh): a clean rendered Vietnamese text
 * reads back exactly; words carry confidences, pages, lines and boxes; pages
 * of TIFF and PDF are separated by a form-feed line; an upside-down page is
 * turned; a PDF's genuine Vietnamese text layer is used as is, a garbled one
 * is OCRed instead; one engine serves many files. */
#include "harness.h"
#include "sohoa/ocr.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What the fixtures say, read off the images by eye (make-fixtures.sh). */
#define LINE1 "Ủy ban nhân dân huyện Vân Điền ban hành Kế hoạch"
#define LINE2 "cải cách hành chính năm 2024 như sau:"
#define LINE3 "Tăng cường kiểm tra việc tiếp nhận hồ sơ."

static const char *fixture(const char *name)
{
    static char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/ocr/%s", harness_srcdir(), name);
    return path;
}

static sohoa_ocr *e[3];

/* Free the engines a test made; each test that uses them ends with this
 * (freed at exit instead, they outlived Tesseract's own statics). */
static void free_engines(void)
{
    for (int i = 0; i < 3; i++) {
        sohoa_ocr_free(e[i]);
        e[i] = NULL;
    }
}

/* One engine per --pdf-text mode, created on first use in a test and
 * reused until the test's free_engines(). */
static sohoa_ocr *engine(int pdf_text)
{
    if (!e[pdf_text]) {
        sohoa_ocr_opts o;
        sohoa_ocr_opts_init(&o);
        o.pdf_text = pdf_text;
        sohoa_err err;
        if (sohoa_ocr_new(&o, &e[pdf_text], &err) != SOHOA_OK) {
            fprintf(stderr, "%s\n", err.msg);
            return NULL;
        }
    }
    return e[pdf_text];
}

static sohoa_doc *ocr(const char *path, int pdf_text, sohoa_err *err)
{
    sohoa_ocr *e = engine(pdf_text);
    if (!e)
        return NULL;
    sohoa_doc *d = sohoa_doc_new();
    sohoa_err_clear(err);
    if (sohoa_ocr_file(e, path, d, err) != SOHOA_OK) {
        sohoa_doc_free(d);
        return NULL;
    }
    return d;
}

TEST(clean_vietnamese_lines_read_back_exactly)
{
    sohoa_err err;
    sohoa_doc *d = ocr(fixture("line.png"), SOHOA_PDF_TEXT_AUTO, &err);
    CHECK(d);
    CHECK_STR(d->raw, LINE1 "\n" LINE2);
    CHECK_STR(d->kind, "image");
    CHECK_INT(d->pages, 1);
    CHECK_INT(d->nwords, 11 + 8);
    CHECK_STR(d->words[0].text, "Ủy");
    CHECK_STR(d->words[11].text, "cải");
    CHECK(d->ocr_conf > 0.8 && d->ocr_conf <= 1.0);
    for (size_t i = 0; i < d->nwords; i++) {
        const sohoa_word *w = &d->words[i];
        CHECK(w->conf >= 0 && w->conf <= 1);
        CHECK_INT(w->page, 1);
        CHECK_INT(w->line, i < 11 ? 1 : 2);
        CHECK(w->w > 0 && w->h > 0);
        if (i > 0 && w->line == d->words[i - 1].line)
            CHECK(w->x > d->words[i - 1].x); /* left to right */
    }
    CHECK(d->words[11].y > d->words[0].y + d->words[0].h / 2); /* line 2 below line 1 */
    size_t n;
    const sohoa_ocr_page_report *r = sohoa_ocr_reports(engine(0), &n);
    CHECK_INT(n, 1);
    CHECK_STR(r[0].source, "ocr");
    CHECK_INT(r[0].nwords, 19);
    const sohoa_ocr_line *l = sohoa_ocr_lines(engine(0), &n);
    CHECK_INT(n, 2);
    CHECK_INT(l[1].line, 2);
    CHECK_INT(l[1].first, 11);
    CHECK_INT(l[1].nwords, 8);
    sohoa_doc_free(d);
    free_engines();
}

TEST(other_formats_give_the_same_text)
{
    sohoa_err err;
    const char *files[] = {"line.jpg", "line-lzw.tif"};
    for (int i = 0; i < 2; i++) {
        sohoa_doc *d = ocr(fixture(files[i]), SOHOA_PDF_TEXT_AUTO, &err);
        CHECK(d);
        CHECK_STR(d->raw, LINE1 "\n" LINE2);
        sohoa_doc_free(d);
    }
    free_engines();
}

TEST(multipage_tiff_pages_are_separated_by_form_feeds)
{
    sohoa_err err;
    sohoa_doc *d = ocr(fixture("pages-g4.tif"), SOHOA_PDF_TEXT_AUTO, &err);
    CHECK(d);
    CHECK_INT(d->pages, 3);
    /* page 3 is blank: an empty line after its form feed */
    CHECK_STR(d->raw, LINE1 "\n" LINE2 "\n\f\n" LINE3 "\n\f\n");
    CHECK_STR(d->words[d->nwords - 1].text, "sơ.");
    CHECK_INT(d->words[d->nwords - 1].page, 2);
    CHECK_INT(d->words[d->nwords - 1].line, 4);
    sohoa_doc_free(d);
    free_engines();
}

TEST(image_pdf_pages_are_ocred)
{
    sohoa_err err;
    sohoa_doc *d = ocr(fixture("pages.pdf"), SOHOA_PDF_TEXT_AUTO, &err);
    CHECK(d);
    CHECK_STR(d->kind, "pdf");
    CHECK_INT(d->pages, 2);
    CHECK_STR(d->raw, LINE1 "\n" LINE2 "\n\f\n" LINE3);
    sohoa_doc_free(d);
    free_engines();
}

TEST(upside_down_page_is_turned)
{
    PIX *p = pixRead(fixture("line.png"));
    CHECK(p);
    PIX *r = pixRotateOrth(p, 2);
    char path[] = "/tmp/sohoa-ocr-upside-XXXXXX.png";
    int fd = mkstemps(path, 4);
    CHECK(fd >= 0);
    close(fd);
    pixWrite(path, r, IFF_PNG);
    pixDestroy(&r);
    pixDestroy(&p);
    sohoa_err err;
    sohoa_doc *d = ocr(path, SOHOA_PDF_TEXT_AUTO, &err);
    unlink(path);
    CHECK(d);
    CHECK_STR(d->raw, LINE1 "\n" LINE2);
    size_t n;
    CHECK_INT(sohoa_ocr_reports(engine(0), &n)[0].orientation, 180);
    sohoa_doc_free(d);
    free_engines();
}

/* A one-page PDF whose text layer holds the given lines (cairo, DejaVu Serif). */
static void write_text_pdf(const char *path, const char *const *lines, int n)
{
    cairo_surface_t *s = cairo_pdf_surface_create(path, 420, 60 + 24 * n);
    cairo_t *cr = cairo_create(s);
    cairo_select_font_face(cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 14);
    for (int i = 0; i < n; i++) {
        cairo_move_to(cr, 20, 40 + 24 * i);
        cairo_show_text(cr, lines[i]);
    }
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
}

TEST(genuine_vietnamese_text_layer_is_used_as_is)
{
    const char *lines[] = {LINE1, LINE2, LINE3};
    char path[] = "/tmp/sohoa-ocr-layer-XXXXXX.pdf";
    int fd = mkstemps(path, 4);
    CHECK(fd >= 0);
    close(fd);
    write_text_pdf(path, lines, 3);
    sohoa_err err;
    sohoa_doc *d = ocr(path, SOHOA_PDF_TEXT_AUTO, &err);
    CHECK(d);
    CHECK_STR(d->raw, LINE1 "\n" LINE2 "\n" LINE3);
    size_t n;
    CHECK_STR(sohoa_ocr_reports(engine(0), &n)[0].source, "pdf-text");
    CHECK(d->words[0].conf < 0); /* no OCR confidence for a text layer */
    sohoa_doc_free(d);
    /* --pdf-text never: the page is rasterised and OCRed all the same */
    d = ocr(path, SOHOA_PDF_TEXT_NEVER, &err);
    unlink(path);
    CHECK(d);
    CHECK_STR(sohoa_ocr_reports(engine(SOHOA_PDF_TEXT_NEVER), &n)[0].source, "ocr");
    CHECK(strstr(d->raw, "Tăng cường kiểm tra"));
    sohoa_doc_free(d);
    free_engines();
}

TEST(garbled_text_layer_is_ocred_instead)
{
    /* What a TCVN3 font without a ToUnicode map extracts as: not Vietnamese. */
    const char *lines[] = {"Uû ban nh©n d©n huyÖn V©n §iÒn ban hµnh KÕ ho¹ch",
                           "c¶i c¸ch hµnh chÝnh n¨m 2024 nh­ sau:"};
    char path[] = "/tmp/sohoa-ocr-garbled-XXXXXX.pdf";
    int fd = mkstemps(path, 4);
    CHECK(fd >= 0);
    close(fd);
    write_text_pdf(path, lines, 2);
    sohoa_err err;
    sohoa_doc *d = ocr(path, SOHOA_PDF_TEXT_AUTO, &err);
    CHECK(d);
    size_t n;
    CHECK_STR(sohoa_ocr_reports(engine(0), &n)[0].source, "ocr");
    sohoa_doc_free(d);
    /* --pdf-text always takes the layer whatever it says */
    d = ocr(path, SOHOA_PDF_TEXT_ALWAYS, &err);
    unlink(path);
    CHECK(d);
    CHECK(strstr(d->raw, "nh©n d©n"));
    sohoa_doc_free(d);
    free_engines();
}

TEST(failure_leaves_the_document_untouched)
{
    sohoa_err err;
    sohoa_doc *d = sohoa_doc_new();
    CHECK_INT(sohoa_ocr_file(engine(0), fixture("encrypted.pdf"), d, &err), SOHOA_EUNSUPPORTED);
    CHECK(d->raw == NULL && d->words == NULL && d->nwords == 0);
    sohoa_doc_free(d);
    /* and the engine still works afterwards */
    d = ocr(fixture("line.png"), SOHOA_PDF_TEXT_AUTO, &err);
    CHECK(d);
    CHECK_STR(d->raw, LINE1 "\n" LINE2);
    sohoa_doc_free(d);
    free_engines();
}

TEST(step_names_round_trip)
{
    CHECK_STR(sohoa_ocr_step_name(SOHOA_PRE_DESKEW), "deskew");
    CHECK_INT(sohoa_ocr_step_bit("border"), SOHOA_PRE_BORDER);
    CHECK_INT(sohoa_ocr_step_bit("sharpen"), 0);
    CHECK(sohoa_ocr_step_name(3) == NULL);
}

TEST(unknown_language_is_a_clear_error)
{
    sohoa_ocr_opts o;
    sohoa_ocr_opts_init(&o);
    o.lang = "xyz";
    sohoa_ocr *e = NULL;
    sohoa_err err;
    CHECK_INT(sohoa_ocr_new(&o, &e, &err), SOHOA_EFORMAT);
    CHECK(e == NULL);
    CHECK(strstr(err.msg, "'xyz'"));
}
