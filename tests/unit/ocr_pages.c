/* ocr_pages.c — tests of page ranges, page counts and the per-file time
 * limit of the OCR engine, on the fixtures of tests/data/ocr: pages-g4.tif
 * holds LINE1+LINE2 on page 1, LINE3 on page 2 and a blank page 3;
 * pages.pdf holds the same two text pages (make-fixtures.sh). */
#include "harness.h"
#include "sohoa/ocr.h"

#include <stdio.h>
#include <string.h>

#define LINE1 "Ủy ban nhân dân huyện Vân Điền ban hành Kế hoạch"
#define LINE2 "cải cách hành chính năm 2024 như sau:"
#define LINE3 "Tăng cường kiểm tra việc tiếp nhận hồ sơ."

static const char *fixture(const char *name)
{
    static char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/ocr/%s", harness_srcdir(), name);
    return path;
}

static sohoa_ocr *new_engine(double time_limit)
{
    sohoa_ocr_opts o;
    sohoa_ocr_opts_init(&o);
    o.time_limit = time_limit;
    sohoa_ocr *e = NULL;
    sohoa_err err;
    if (sohoa_ocr_new(&o, &e, &err) != SOHOA_OK)
        fprintf(stderr, "%s\n", err.msg);
    return e;
}

TEST(page_counts_come_from_the_headers)
{
    sohoa_err err;
    int n = 0;
    CHECK_INT(sohoa_ocr_count_pages(fixture("pages-g4.tif"), NULL, &n, &err), SOHOA_OK);
    CHECK_INT(n, 3);
    CHECK_INT(sohoa_ocr_count_pages(fixture("pages.pdf"), NULL, &n, &err), SOHOA_OK);
    CHECK_INT(n, 2);
    CHECK_INT(sohoa_ocr_count_pages(fixture("line.png"), NULL, &n, &err), SOHOA_OK);
    CHECK_INT(n, 1);
    n = -7;
    CHECK_INT(sohoa_ocr_count_pages(fixture("encrypted.pdf"), NULL, &n, &err), SOHOA_EUNSUPPORTED);
    CHECK_INT(n, -7);
    CHECK(strstr(err.msg, "encrypted.pdf"));
}

TEST(a_page_range_reads_only_its_pages)
{
    sohoa_ocr *e = new_engine(0);
    CHECK(e);
    sohoa_err err;
    sohoa_doc *d = sohoa_doc_new();
    /* page 2 alone: no form feed before it; its words keep page number 2 */
    CHECK_INT(sohoa_ocr_file_pages(e, fixture("pages-g4.tif"), 2, 1, d, &err), SOHOA_OK);
    CHECK_STR(d->raw, LINE3);
    CHECK_INT(d->pages, 3);
    CHECK_INT(d->nwords, 9);
    CHECK_INT(d->words[0].page, 2);
    CHECK_INT(d->words[0].line, 1);
    size_t n;
    const sohoa_ocr_page_report *r = sohoa_ocr_reports(e, &n);
    CHECK_INT(n, 1);
    CHECK_INT(r[0].page, 2);
    sohoa_doc_free(d);
    /* pages 2 to the end (count 0): page 3 is blank, an empty line after its form feed */
    d = sohoa_doc_new();
    CHECK_INT(sohoa_ocr_file_pages(e, fixture("pages-g4.tif"), 2, 0, d, &err), SOHOA_OK);
    CHECK_STR(d->raw, LINE3 "\n\f\n");
    sohoa_doc_free(d);
    /* the PDF's first page only */
    d = sohoa_doc_new();
    CHECK_INT(sohoa_ocr_file_pages(e, fixture("pages.pdf"), 1, 1, d, &err), SOHOA_OK);
    CHECK_STR(d->raw, LINE1 "\n" LINE2);
    sohoa_doc_free(d);
    sohoa_ocr_free(e);
}

TEST(a_range_past_the_last_page_is_refused)
{
    sohoa_ocr *e = new_engine(0);
    CHECK(e);
    sohoa_err err;
    sohoa_doc *d = sohoa_doc_new();
    CHECK_INT(sohoa_ocr_file_pages(e, fixture("pages.pdf"), 2, 2, d, &err), SOHOA_EINVAL);
    CHECK(strstr(err.msg, "pages.pdf"));
    CHECK(strstr(err.msg, "2 pages"));
    CHECK_INT(sohoa_ocr_file_pages(e, fixture("pages.pdf"), 0, 1, d, &err), SOHOA_EINVAL);
    CHECK(d->raw == NULL && d->nwords == 0);
    sohoa_doc_free(d);
    sohoa_ocr_free(e);
}

TEST(a_one_millisecond_time_limit_stops_the_file)
{
    sohoa_ocr *e = new_engine(0.001);
    CHECK(e);
    sohoa_err err;
    sohoa_doc *d = sohoa_doc_new();
    CHECK_INT(sohoa_ocr_file(e, fixture("line.png"), d, &err), SOHOA_ELIMIT);
    CHECK(strstr(err.msg, "line.png"));
    CHECK(strstr(err.msg, "time limit of 0.001 s exceeded"));
    CHECK(d->raw == NULL && d->words == NULL); /* no partial text passed off as done */
    sohoa_doc_free(d);
    sohoa_ocr_free(e);
}

TEST(no_time_limit_reads_the_file)
{
    sohoa_ocr *e = new_engine(0);
    CHECK(e);
    sohoa_err err;
    sohoa_doc *d = sohoa_doc_new();
    CHECK_INT(sohoa_ocr_file(e, fixture("line2.png"), d, &err), SOHOA_OK);
    CHECK_STR(d->raw, LINE3);
    sohoa_doc_free(d);
    sohoa_ocr_free(e);
}
