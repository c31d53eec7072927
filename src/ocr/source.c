/* source.c — opening the files we OCR: identify them by content (not by
 * extension), count pages, check each page's pixel count from the header
 * before any decoding, and decode one page at a time into a Pix.
 * Images go through Leptonica (PNG, JPEG, TIFF incl. G4/LZW, PNM), told
 * once per process to keep quiet (sohoa_ocr_global_init); PDFs go to
 * pdf.c. */
#include "ocr_internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>
#include <sys/stat.h>

static pthread_once_t global_once = PTHREAD_ONCE_INIT;

static void global_init_once(void)
{
    /* Leptonica reports problems on stderr; we report them through sohoa_err. */
    setMsgSeverity(L_SEVERITY_NONE);
}

int sohoa_ocr_global_init(void)
{
    pthread_once(&global_once, global_init_once);
    return SOHOA_OK;
}

static int is_pdf(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char head[1024];
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    /* The header may follow a little junk; the spec allows it in the first 1024 bytes. */
    for (size_t i = 0; i + 5 <= n; i++)
        if (memcmp(head + i, "%PDF-", 5) == 0)
            return 1;
    return 0;
}

static int is_tiff(int format)
{
    return format == IFF_TIFF || format == IFF_TIFF_PACKBITS || format == IFF_TIFF_RLE ||
           format == IFF_TIFF_G3 || format == IFF_TIFF_G4 || format == IFF_TIFF_LZW ||
           format == IFF_TIFF_ZIP || format == IFF_TIFF_JPEG;
}

static int supported(int format)
{
    return format == IFF_PNG || format == IFF_JFIF_JPEG || format == IFF_PNM || is_tiff(format);
}

int sohoa_ocr_is_image_file(const char *path)
{
    if (is_pdf(path))
        return 1;
    l_int32 format = IFF_UNKNOWN;
    sohoa_ocr_global_init();
    if (findFileFormat(path, &format) != 0)
        return 0;
    return supported(format);
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Walk a PNG's chunks to its IEND without decoding anything, so that a
 * truncated file is reported by us (and not half-decoded by libpng). */
static int check_png_chunks(const char *path, sohoa_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return sohoa_err_set(err, SOHOA_EIO, "%s: %s", path, strerror(errno));
    struct stat st;
    long long size = fstat(fileno(f), &st) == 0 ? (long long)st.st_size : 0;
    long long off = 8;
    int rc = SOHOA_OK;
    for (;;) {
        unsigned char h[8];
        if (fseeko(f, off, SEEK_SET) != 0 || fread(h, 1, 8, f) != 8) {
            rc = sohoa_err_set(err, SOHOA_EINVAL, "%s: truncated PNG (ends before its IEND chunk)", path);
            break;
        }
        long long len = be32(h);
        if (len > 0x7fffffffLL || off + 12 + len > size) {
            rc = sohoa_err_set(err, SOHOA_EINVAL, "%s: truncated or corrupt PNG (chunk '%.4s' runs past the end of the file)",
                               path, (const char *)h + 4);
            break;
        }
        /* The CRC covers the type and the data: a damaged chunk is refused
         * here, before libpng prints its own complaint. */
        uLong crc = crc32(0L, h + 4, 4);
        unsigned char buf[65536];
        long long left = len;
        while (left > 0) {
            size_t want = left < (long long)sizeof buf ? (size_t)left : sizeof buf;
            if (fread(buf, 1, want, f) != want)
                break;
            crc = crc32(crc, buf, (uInt)want);
            left -= (long long)want;
        }
        unsigned char c[4];
        if (left > 0 || fread(c, 1, 4, f) != 4 || be32(c) != (uint32_t)crc) {
            rc = sohoa_err_set(err, SOHOA_EINVAL, "%s: corrupt PNG (chunk '%.4s' fails its CRC check)",
                               path, (const char *)h + 4);
            break;
        }
        if (memcmp(h + 4, "IEND", 4) == 0)
            break;
        off += 12 + len;
    }
    fclose(f);
    return rc;
}

/* A complete JPEG ends with its EOI marker (FF D9), maybe followed by
 * padding. Without it the file was cut short; refuse it before libjpeg
 * decodes a partly grey page. */
static int check_jpeg_end(const char *path, sohoa_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return sohoa_err_set(err, SOHOA_EIO, "%s: %s", path, strerror(errno));
    unsigned char tail[4096];
    long n = 0;
    if (fseeko(f, 0, SEEK_END) == 0) {
        long long size = ftello(f);
        long want = size < (long long)sizeof tail ? (long)size : (long)sizeof tail;
        if (fseeko(f, -want, SEEK_END) == 0)
            n = (long)fread(tail, 1, (size_t)want, f);
    }
    fclose(f);
    while (n > 0 && (tail[n - 1] == 0 || tail[n - 1] == '\n' || tail[n - 1] == '\r'))
        n--;
    if (n >= 2 && tail[n - 2] == 0xff && tail[n - 1] == 0xd9)
        return SOHOA_OK;
    return sohoa_err_set(err, SOHOA_EINVAL, "%s: truncated JPEG (no end-of-image marker)", path);
}

/* Walk a JPEG's marker segments from SOI to SOS without decoding, so that
 * a file that is not a JPEG past its first bytes is refused by us, in one
 * line, before libjpeg prints its own warnings. */
static int check_jpeg_markers(const char *path, sohoa_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return sohoa_err_set(err, SOHOA_EIO, "%s: %s", path, strerror(errno));
    unsigned char m[4];
    int rc = SOHOA_OK, frame = 0;
    if (fread(m, 1, 2, f) != 2 || m[0] != 0xff || m[1] != 0xd8)
        rc = sohoa_err_set(err, SOHOA_EINVAL, "%s: corrupt JPEG (no start-of-image marker)", path);
    while (rc == SOHOA_OK) {
        int c = fgetc(f);
        if (c != 0xff) {
            rc = sohoa_err_set(err, SOHOA_EINVAL, "%s: corrupt JPEG (no marker where one is due)", path);
            break;
        }
        while ((c = fgetc(f)) == 0xff) /* fill bytes */
            ;
        if (c == EOF) {
            rc = sohoa_err_set(err, SOHOA_EINVAL, "%s: truncated JPEG (ends in its header)", path);
            break;
        }
        if (c == 0xda) { /* start of scan: the header is complete */
            if (!frame)
                rc = sohoa_err_set(err, SOHOA_EINVAL, "%s: corrupt JPEG (image data before any frame header)", path);
            break;
        }
        if (c == 0xd9 || c == 0x01 || (c >= 0xd0 && c <= 0xd7)) {
            rc = sohoa_err_set(err, SOHOA_EINVAL, "%s: corrupt JPEG (marker 0x%02X in its header)", path, c);
            break;
        }
        if ((c >= 0xc0 && c <= 0xcf && c != 0xc4 && c != 0xc8 && c != 0xcc))
            frame = 1;
        if (fread(m, 1, 2, f) != 2) {
            rc = sohoa_err_set(err, SOHOA_EINVAL, "%s: truncated JPEG (ends in its header)", path);
            break;
        }
        unsigned len = (unsigned)m[0] << 8 | m[1];
        if (len < 2 || fseeko(f, (off_t)len - 2, SEEK_CUR) != 0) {
            rc = sohoa_err_set(err, SOHOA_EINVAL, "%s: corrupt JPEG (bad segment length)", path);
            break;
        }
    }
    fclose(f);
    return rc;
}

static int check_pixels(const char *path, int page, long w, long h, long max, sohoa_err *err)
{
    if (w <= 0 || h <= 0)
        return sohoa_err_set(err, SOHOA_EINVAL, "%s: page %d declares an empty image (%ld x %ld)",
                             path, page, w, h);
    if (max > 0 && w * h > max)
        return sohoa_err_set(err, SOHOA_ELIMIT,
                             "%s: page %d is %ld x %ld pixels, above the limit of %ld pixels "
                             "(raise it with --max-pixels)",
                             path, page, w, h, max);
    return SOHOA_OK;
}

static int open_tiff(ocr_source *s, const sohoa_ocr_opts *o, sohoa_err *err)
{
    FILE *f = fopen(s->path, "rb");
    if (!f)
        return sohoa_err_set(err, SOHOA_EIO, "%s: %s", s->path, strerror(errno));
    l_int32 n = 0;
    int bad = tiffGetCount(f, &n) != 0;
    fclose(f);
    if (bad || n <= 0)
        return sohoa_err_set(err, SOHOA_EINVAL, "%s: corrupt TIFF (no readable page directory)", s->path);
    if (o->max_pages > 0 && n > o->max_pages)
        return sohoa_err_set(err, SOHOA_ELIMIT, "%s: %d pages, above the limit of %d", s->path,
                             (int)n, o->max_pages);
    for (l_int32 i = 0; i < n; i++) {
        l_int32 w = 0, h = 0, bps, spp, res, cmap, fmt;
        if (readHeaderTiff(s->path, i, &w, &h, &bps, &spp, &res, &cmap, &fmt) != 0)
            return sohoa_err_set(err, SOHOA_EINVAL, "%s: corrupt TIFF header of page %d", s->path,
                                 (int)i + 1);
        int rc = check_pixels(s->path, (int)i + 1, w, h, o->max_pixels, err);
        if (rc)
            return rc;
    }
    s->kind = OCR_SRC_TIFF;
    s->npages = (int)n;
    return SOHOA_OK;
}

int ocr_source_open(ocr_source *s, const char *path, const sohoa_ocr_opts *o, sohoa_err *err)
{
    memset(s, 0, sizeof *s);
    s->path = path;
    struct stat st;
    if (stat(path, &st) != 0)
        return sohoa_err_set(err, SOHOA_EIO, "%s: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode))
        return sohoa_err_set(err, SOHOA_EINVAL, "%s: is a directory", path);
    if (st.st_size == 0)
        return sohoa_err_set(err, SOHOA_EINVAL, "%s: empty file (0 bytes), not an image", path);
    FILE *f = fopen(path, "rb");
    if (!f)
        return sohoa_err_set(err, SOHOA_EIO, "%s: %s", path, strerror(errno));
    fclose(f);

    if (is_pdf(path)) {
        s->kind = OCR_SRC_PDF;
        return ocr_pdf_open(s, o, err);
    }
    l_int32 format = IFF_UNKNOWN;
    if (findFileFormat(path, &format) != 0 || !supported(format))
        return sohoa_err_set(err, SOHOA_EINVAL,
                             "%s: not an image we read (expected PNG, JPEG, TIFF, PNM or PDF)", path);
    s->format = format;
    if (is_tiff(format))
        return open_tiff(s, o, err);
    /* A JPEG's structure is checked before its header is read (libjpeg
     * prints its own warnings); a PNG's header is parsed by Leptonica
     * without libpng, so its pixel count is checked first and its chunks
     * after: nothing is decoded before both pass. */
    int rc = format == IFF_JFIF_JPEG ? check_jpeg_markers(path, err) : SOHOA_OK;
    if (!rc && format == IFF_JFIF_JPEG)
        rc = check_jpeg_end(path, err);
    if (rc)
        return rc;
    l_int32 w = 0, h = 0, bps = 0, spp = 0, cmap = 0, fmt = 0;
    if (pixReadHeader(path, &fmt, &w, &h, &bps, &spp, &cmap) != 0)
        return sohoa_err_set(err, SOHOA_EINVAL, "%s: corrupt image header", path);
    rc = check_pixels(path, 1, w, h, o->max_pixels, err);
    if (!rc && format == IFF_PNG)
        rc = check_png_chunks(path, err);
    if (rc)
        return rc;
    s->kind = OCR_SRC_IMAGE;
    s->npages = 1;
    return SOHOA_OK;
}

static PIX *read_image(const ocr_source *s, int i)
{
    if (s->kind == OCR_SRC_TIFF)
        return pixReadTiff(s->path, i);
    if (s->format == IFF_JFIF_JPEG) {
        /* Fail on truncated or corrupt data rather than return a partly grey page. */
        l_int32 nwarn = 0;
        PIX *p = pixReadJpeg(s->path, 0, 1, &nwarn, 0);
        if (p && nwarn > 0) {
            pixDestroy(&p);
            return NULL;
        }
        return p;
    }
    return pixRead(s->path);
}

int ocr_source_page(ocr_source *s, int i, const sohoa_ocr_opts *o, PIX **pix, int *dpi,
                    int want_text, char **text, sohoa_err *err)
{
    if (pix)
        *pix = NULL;
    *dpi = 0;
    if (text)
        *text = NULL;
    if (s->kind == OCR_SRC_PDF)
        return ocr_pdf_page(s, i, o, pix, dpi, want_text, text, err);
    PIX *p = read_image(s, i);
    if (!p)
        return sohoa_err_set(err, SOHOA_EINVAL, "%s: page %d cannot be decoded (truncated or corrupt image data)",
                             s->path, i + 1);
    /* The header said one thing; make sure the decoded page agrees with the limit. */
    int rc = check_pixels(s->path, i + 1, pixGetWidth(p), pixGetHeight(p), o->max_pixels, err);
    if (rc) {
        pixDestroy(&p);
        return rc;
    }
    *dpi = pixGetXRes(p);
    *pix = p;
    return SOHOA_OK;
}

void ocr_source_close(ocr_source *s)
{
    if (s->kind == OCR_SRC_PDF)
        ocr_pdf_close(s);
    memset(s, 0, sizeof *s);
}
