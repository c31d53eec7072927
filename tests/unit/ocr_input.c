/* ocr_input.c — tests of the OCR stage's inputs (src/ocr/source.c, pdf.c):
 * formats recognised by content, page counts of multi-page TIFF and PDF, and
 * bad inputs refused with a clear error naming the file — huge declared
 * dimensions before anything is decoded. */
#include "harness.h"
#include "../../src/ocr/ocr_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[256];
static char made[32][64];
static int nmade;

static void clean_tmp(void)
{
    char path[2400];
    for (int i = 0; i < nmade; i++) {
        snprintf(path, sizeof path, "%s/%s", tmpdir, made[i]);
        unlink(path);
    }
    rmdir(tmpdir);
}

/* A path in this test's own temporary directory, removed at exit. */
static const char *tmp(const char *name)
{
    static char path[2400];
    if (!tmpdir[0]) {
        snprintf(tmpdir, sizeof tmpdir, "/tmp/sohoa-ocr-input-XXXXXX");
        if (!mkdtemp(tmpdir))
            abort();
        atexit(clean_tmp);
    }
    int known = 0;
    for (int i = 0; i < nmade; i++)
        known |= strcmp(made[i], name) == 0;
    if (!known && nmade < 32)
        snprintf(made[nmade++], sizeof made[0], "%s", name);
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    return path;
}

static const char *fixture(const char *name)
{
    static char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/ocr/%s", harness_srcdir(), name);
    return path;
}

static void write_bytes(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (n)
        fwrite(p, 1, n, f);
    fclose(f);
}

/* Open the source and return the status; fills *npages when ok. */
static int open_status(const char *path, long max_pixels, int *npages, sohoa_err *err)
{
    sohoa_ocr_opts o;
    sohoa_ocr_opts_init(&o);
    if (max_pixels)
        o.max_pixels = max_pixels;
    sohoa_ocr_global_init();
    ocr_source s;
    sohoa_err_clear(err);
    int rc = ocr_source_open(&s, path, &o, err);
    if (rc == SOHOA_OK) {
        *npages = s.npages;
        ocr_source_close(&s);
    }
    return rc;
}

static uint32_t crc32_png(const unsigned char *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
    }
    return c ^ 0xffffffffu;
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = v >> 24, p[1] = v >> 16, p[2] = v >> 8, p[3] = v;
}

/* A PNG that declares w x h pixels and holds no image data. */
static void write_png_header(const char *path, uint32_t w, uint32_t h)
{
    unsigned char b[8 + 25 + 12] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    unsigned char *c = b + 8;
    put32(c, 13);
    memcpy(c + 4, "IHDR", 4);
    put32(c + 8, w);
    put32(c + 12, h);
    c[16] = 8, c[17] = 0, c[18] = 0, c[19] = 0, c[20] = 0; /* 8-bit gray */
    put32(c + 21, crc32_png(c + 4, 17));
    unsigned char *e = c + 25; /* IEND */
    put32(e, 0);
    memcpy(e + 4, "IEND", 4);
    put32(e + 8, crc32_png(e + 4, 4));
    write_bytes(path, b, sizeof b);
}

TEST(formats_are_recognised_by_content)
{
    sohoa_err err;
    int n = 0;
    CHECK_INT(open_status(fixture("line.png"), 0, &n, &err), SOHOA_OK);
    CHECK_INT(n, 1);
    CHECK_INT(open_status(fixture("line.jpg"), 0, &n, &err), SOHOA_OK);
    CHECK_INT(open_status(fixture("line-lzw.tif"), 0, &n, &err), SOHOA_OK);
    CHECK_INT(n, 1);
    /* a PNG named .jpg is still read as what it is */
    FILE *f = fopen(fixture("line.png"), "rb");
    CHECK(f);
    static unsigned char buf[1 << 16];
    size_t len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    write_bytes(tmp("really-a-png.jpg"), buf, len);
    CHECK_INT(open_status(tmp("really-a-png.jpg"), 0, &n, &err), SOHOA_OK);
    CHECK(sohoa_ocr_is_image_file(fixture("pages.pdf")));
    CHECK(sohoa_ocr_is_image_file(fixture("line.png")));
    CHECK(!sohoa_ocr_is_image_file(fixture("make-fixtures.sh")));
}

TEST(multipage_tiff_and_pdf_count_their_pages)
{
    sohoa_err err;
    int n = 0;
    CHECK_INT(open_status(fixture("pages-g4.tif"), 0, &n, &err), SOHOA_OK);
    CHECK_INT(n, 3); /* line, line2, blank: see make-fixtures.sh */
    CHECK_INT(open_status(fixture("pages.pdf"), 0, &n, &err), SOHOA_OK);
    CHECK_INT(n, 2);
}

TEST(pnm_pages_decode_with_their_size)
{
    PIX *p = pixRead(fixture("line2.png"));
    CHECK(p);
    int w = pixGetWidth(p), h = pixGetHeight(p);
    CHECK(pixWrite(tmp("line2.pnm"), p, IFF_PNM) == 0);
    pixDestroy(&p);
    sohoa_ocr_opts o;
    sohoa_ocr_opts_init(&o);
    ocr_source s;
    sohoa_err err;
    CHECK_INT(ocr_source_open(&s, tmp("line2.pnm"), &o, &err), SOHOA_OK);
    PIX *page = NULL;
    int dpi = 0;
    int rc = ocr_source_page(&s, 0, &o, &page, &dpi, 0, NULL, &err);
    ocr_source_close(&s);
    CHECK_INT(rc, SOHOA_OK);
    CHECK_INT(pixGetWidth(page), w);
    CHECK_INT(pixGetHeight(page), h);
    pixDestroy(&page);
}

TEST(zero_byte_file_is_refused)
{
    sohoa_err err;
    int n;
    write_bytes(tmp("empty.png"), "", 0);
    CHECK_INT(open_status(tmp("empty.png"), 0, &n, &err), SOHOA_EINVAL);
    CHECK(strstr(err.msg, "empty.png") && strstr(err.msg, "empty file"));
}

TEST(random_bytes_named_png_are_not_an_image)
{
    sohoa_err err;
    int n;
    unsigned char junk[4096];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (unsigned char)((x = x * 1103515245u + 12345u) >> 16);
    write_bytes(tmp("junk.png"), junk, sizeof junk);
    CHECK_INT(open_status(tmp("junk.png"), 0, &n, &err), SOHOA_EINVAL);
    CHECK(strstr(err.msg, "junk.png") && strstr(err.msg, "not an image"));
    write_bytes(tmp("notes.jpg"), "Kế hoạch số 38\n", 17);
    CHECK_INT(open_status(tmp("notes.jpg"), 0, &n, &err), SOHOA_EINVAL);
}

TEST(truncated_png_fails_to_decode_with_a_reason)
{
    FILE *f = fopen(fixture("line.png"), "rb");
    CHECK(f);
    static unsigned char buf[1 << 16];
    size_t len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    write_bytes(tmp("cut.png"), buf, len / 2);
    sohoa_err err;
    int n;
    /* the header is intact (dimensions fine); the data stops half-way */
    CHECK_INT(open_status(tmp("cut.png"), 0, &n, &err), SOHOA_EINVAL);
    CHECK(strstr(err.msg, "cut.png") && strstr(err.msg, "truncated"));
    /* a JPEG cut short has no end-of-image marker */
    f = fopen(fixture("line.jpg"), "rb");
    CHECK(f);
    len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    write_bytes(tmp("cut.jpg"), buf, len / 2);
    CHECK_INT(open_status(tmp("cut.jpg"), 0, &n, &err), SOHOA_EINVAL);
    CHECK(strstr(err.msg, "cut.jpg") && strstr(err.msg, "truncated JPEG"));
}

TEST(huge_declared_dimensions_are_refused_before_decoding)
{
    sohoa_err err;
    int n;
    /* 100000 x 100000 = 1e10 pixels: decoding would need 10 GB */
    write_png_header(tmp("huge.png"), 100000, 100000);
    CHECK_INT(open_status(tmp("huge.png"), 0, &n, &err), SOHOA_ELIMIT);
    CHECK(strstr(err.msg, "huge.png") && strstr(err.msg, "100000 x 100000"));
    /* the limit is configurable: 1249 x 203 = 253547 pixels */
    CHECK_INT(open_status(fixture("line.png"), 253546, &n, &err), SOHOA_ELIMIT);
    CHECK_INT(open_status(fixture("line.png"), 253547, &n, &err), SOHOA_OK);
}

TEST(encrypted_and_broken_pdfs_say_so)
{
    sohoa_err err;
    int n;
    CHECK_INT(open_status(fixture("encrypted.pdf"), 0, &n, &err), SOHOA_EUNSUPPORTED);
    CHECK(strstr(err.msg, "encrypted.pdf") && strstr(err.msg, "encrypted PDF"));
    const char *broken = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer garbage\n";
    write_bytes(tmp("broken.pdf"), broken, strlen(broken));
    CHECK_INT(open_status(tmp("broken.pdf"), 0, &n, &err), SOHOA_EINVAL);
    CHECK(strstr(err.msg, "broken.pdf") && strstr(err.msg, "broken PDF"));
}

TEST(missing_file_is_an_io_error)
{
    sohoa_err err;
    int n;
    CHECK_INT(open_status(tmp("nowhere.png"), 0, &n, &err), SOHOA_EIO);
    CHECK(strstr(err.msg, "nowhere.png"));
}
