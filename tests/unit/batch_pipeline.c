/* batch_pipeline.c — tests of the one-file pipeline (src/batch/pipeline.c):
 * detection by content, source fields, errors naming file and stage, limits.
 * Rules and restorer are NULL here (those stages have their own tests), so
 * the document is decoded and normalised only. */
#include "harness.h"
#include "batch_fixture.h"
#include "sohoa/file.h"
#include "sohoa/pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char *dir; /* made by the first fixture, removed by zz_cleanup */

static const char *fixture(const char *name, const void *bytes, size_t n)
{
    static char path[600];
    if (!dir && !(dir = fixture_tmpdir()))
        return NULL;
    return fixture_write(dir, name, bytes, n, path, sizeof path);
}

static sohoa_pipeline *plain_pipeline(size_t max_bytes)
{
    sohoa_pipeline_opts o;
    sohoa_pipeline_opts_init(&o);
    if (max_bytes)
        o.max_text_bytes = max_bytes;
    sohoa_pipeline *p = NULL;
    return sohoa_pipeline_new(&o, NULL, NULL, &p, NULL) == SOHOA_OK ? p : NULL;
}

TEST(magic_numbers_decide_image_or_text)
{
    CHECK_INT(sohoa_pipeline_is_image(fixture("a.txt", "\x89PNG\r\n\x1a\n....", 12)), 1);
    CHECK_INT(sohoa_pipeline_is_image(fixture("b.dat", "\xff\xd8\xff\xe0", 4)), 1);
    CHECK_INT(sohoa_pipeline_is_image(fixture("c", "II*\0\x08\0\0\0", 8)), 1);
    CHECK_INT(sohoa_pipeline_is_image(fixture("d", "%PDF-1.7\n", 9)), 1);
    CHECK_INT(sohoa_pipeline_is_image(fixture("e", "P5\n640 480\n255\n", 15)), 1);
    /* text that merely starts like a PNM header or says PDF */
    CHECK_INT(sohoa_pipeline_is_image(fixture("f.png", "P5 là mã số\n", 13)), 0);
    CHECK_INT(sohoa_pipeline_is_image(fixture("g.pdf", "PDF: báo cáo\n", 14)), 0);
    CHECK_INT(sohoa_pipeline_is_image(fixture("h.txt", "BM 01/KH: biểu mẫu\n", 22)), 0);
    CHECK_INT(sohoa_pipeline_is_image(fixture("i", "BM\x36\0\0\0\0\0\0\0\x36\0", 12)), 1);
    CHECK_INT(sohoa_pipeline_is_image("/nonexistent/x.png"), 0);
}

TEST(text_file_fills_the_source_fields)
{
    const char text[] = "KẾ HOẠCH\nTriển khai năm 2022\n";
    const char *path = fixture("plan.txt", text, sizeof text - 1);
    char want[65];
    sohoa_sha256_hex(text, sizeof text - 1, want);
    sohoa_pipeline *p = plain_pipeline(0);
    CHECK(p);
    sohoa_doc *d = NULL;
    sohoa_err e = {0};
    CHECK_INT(sohoa_pipeline_run(p, path, &d, &e), SOHOA_OK);
    CHECK(sohoa_pipeline_failed_stage(p) == NULL);
    CHECK_STR(d->path, path);
    CHECK_STR(d->sha256, want);
    CHECK_STR(d->kind, "text");
    CHECK_INT(d->pages, 1);
    CHECK_STR(d->encoding, "utf-8");
    CHECK_STR(d->raw, text);
    CHECK_STR(d->text, text);
    sohoa_doc_free(d);
    sohoa_pipeline_free(p);
}

TEST(errors_name_the_file_and_the_stage)
{
    sohoa_pipeline *p = plain_pipeline(16);
    CHECK(p);
    sohoa_doc *d = (sohoa_doc *)1;
    sohoa_err e = {0};
    CHECK(sohoa_pipeline_run(p, "/nonexistent/a.txt", &d, &e) == SOHOA_EIO);
    CHECK(d == NULL);
    CHECK_STR(sohoa_pipeline_failed_stage(p), "read");
    CHECK(strstr(e.msg, "/nonexistent/a.txt") == e.msg);
    CHECK(strstr(e.msg, "(stage read)") != NULL);

    CHECK_INT(sohoa_pipeline_run(p, "/tmp", &d, &e), SOHOA_EINVAL);
    CHECK_STR(sohoa_pipeline_failed_stage(p), "read");
    CHECK(strstr(e.msg, "/tmp: is a directory") == e.msg);

    const char *big = fixture("big.txt", "0123456789abcdefghij\n", 21);
    CHECK_INT(sohoa_pipeline_run(p, big, &d, &e), SOHOA_ELIMIT);
    CHECK_STR(sohoa_pipeline_failed_stage(p), "limit");
    CHECK(strstr(e.msg, "big.txt") != NULL);

    const char *bin = fixture("bin.txt", "ab\0cd", 5);
    CHECK_INT(sohoa_pipeline_run(p, bin, &d, &e), SOHOA_EINVAL);
    CHECK_STR(sohoa_pipeline_failed_stage(p), "decode");

    const char *blank = fixture("blank.txt", " \n\t\n", 4);
    CHECK_INT(sohoa_pipeline_run(p, blank, &d, &e), SOHOA_EINVAL);
    CHECK(strstr(e.msg, "blank.txt: no text found") != NULL);

    /* a success after failures clears the failed stage */
    const char *ok = fixture("ok.txt", "Số 86\n", 7);
    CHECK_INT(sohoa_pipeline_run(p, ok, &d, &e), SOHOA_OK);
    CHECK(sohoa_pipeline_failed_stage(p) == NULL);
    sohoa_doc_free(d);
    sohoa_pipeline_free(p);
}

TEST(zz_cleanup)
{
    if (dir)
        fixture_remove(dir);
    dir = NULL;
}
