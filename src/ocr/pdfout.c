/* pdfout.c — the searchable PDF for archivists (sohoa_ocr_opts.pdf_out):
 * each page is the ORIGINAL page image as decoded from the file (the scan
 * stays the record, not our cleaned copy), losslessly Flate-compressed, with
 * the OCR words over it as invisible text (rendering mode 3) so that they
 * can be selected and searched. Word boxes come from the preprocessed page
 * and are mapped back through what preprocessing did (rescale, deskew,
 * border crop, quarter turns; see sohoa_ocr_page_report).
 *
 * The text uses a glyph-less CID font the way Tesseract's own PDF renderer
 * does: character codes are the UTF-16 code units of the text (Identity-H),
 * every code draws glyph 1 of Tesseract's pdf.ttf (embedded when found in
 * the tessdata directory), and a ToUnicode map sends each code to itself,
 * so any viewer extracts the Vietnamese text as written. Structure from the
 * PDF 1.5 specification. */
#include "ocr_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define FIRST_PAGE_OBJ 9 /* 1 catalog, 2 pages, 3..8 the font */

struct ocr_pdf_writer {
    FILE *f;
    char *path;
    long *offsets;      /* of object i at offsets[i] */
    int nobj, capobj;
    int npages;
    int failed;
};

static void begin_obj(ocr_pdf_writer *w, int id)
{
    if (id >= w->capobj) {
        int cap = w->capobj ? w->capobj * 2 : 64;
        while (cap <= id)
            cap *= 2;
        w->offsets = sohoa_xrealloc(w->offsets, (size_t)cap * sizeof *w->offsets);
        memset(w->offsets + w->capobj, 0, (size_t)(cap - w->capobj) * sizeof *w->offsets);
        w->capobj = cap;
    }
    if (id >= w->nobj)
        w->nobj = id + 1;
    w->offsets[id] = ftell(w->f);
    fprintf(w->f, "%d 0 obj\n", id);
}

/* A stream object: dict entries (without Length) and the bytes. */
static void stream_obj(ocr_pdf_writer *w, int id, const char *dict, const void *data, size_t n)
{
    begin_obj(w, id);
    fprintf(w->f, "<< %s /Length %zu >>\nstream\n", dict, n);
    if (n && fwrite(data, 1, n, w->f) != n)
        w->failed = 1;
    fputs("\nendstream\nendobj\n", w->f);
}

/* zlib-compress data; NULL on failure. */
static unsigned char *deflate_bytes(const void *data, size_t n, size_t *out_n)
{
    uLongf cap = compressBound((uLong)n);
    unsigned char *z = sohoa_xmalloc(cap);
    if (compress2(z, &cap, data, (uLong)n, 6) != Z_OK) {
        free(z);
        return NULL;
    }
    *out_n = cap;
    return z;
}

static char *read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    sohoa_buf b = SOHOA_BUF_INIT;
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
        sohoa_buf_append(&b, chunk, k);
    fclose(f);
    *n = b.len;
    return sohoa_buf_steal(&b);
}

/* Objects 3..8: the glyph-less font. */
static void write_font(ocr_pdf_writer *w, const char *datadir)
{
    begin_obj(w, 3);
    fputs("<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H\n"
          "   /DescendantFonts [4 0 R] /ToUnicode 7 0 R >>\nendobj\n", w->f);
    begin_obj(w, 4);
    fputs("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont\n"
          "   /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>\n"
          "   /FontDescriptor 5 0 R /CIDToGIDMap 8 0 R /DW 500 >>\nendobj\n", w->f);
    char path[4096];
    size_t dl = datadir ? strlen(datadir) : 0;
    snprintf(path, sizeof path, "%s%spdf.ttf", datadir ? datadir : "",
             dl && datadir[dl - 1] != '/' ? "/" : "");
    size_t nfont = 0;
    char *font = datadir ? read_file(path, &nfont) : NULL;
    begin_obj(w, 5);
    fprintf(w->f, "<< /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5\n"
                  "   /FontBBox [0 0 500 1000] /ItalicAngle 0 /Ascent 1000 /Descent 0\n"
                  "   /CapHeight 1000 /StemV 80%s >>\nendobj\n", font ? " /FontFile2 6 0 R" : "");
    char dict[64];
    snprintf(dict, sizeof dict, "/Length1 %zu", nfont);
    stream_obj(w, 6, dict, font ? font : "", nfont);
    free(font);
    static const char cmap[] =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        "1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\n"
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    stream_obj(w, 7, "", cmap, sizeof cmap - 1);
    /* every CID → glyph 1 */
    unsigned char *map = sohoa_xmalloc(2 * 65536);
    for (size_t i = 0; i < 65536; i++)
        map[2 * i] = 0, map[2 * i + 1] = 1;
    size_t nz = 0;
    unsigned char *z = deflate_bytes(map, 2 * 65536, &nz);
    if (z)
        stream_obj(w, 8, "/Filter /FlateDecode", z, nz);
    else
        stream_obj(w, 8, "", map, 2 * 65536);
    free(z);
    free(map);
}

int ocr_pdf_writer_open(const char *path, const char *datadir, ocr_pdf_writer **out,
                        sohoa_err *err)
{
    *out = NULL;
    FILE *f = fopen(path, "wb");
    if (!f)
        return sohoa_err_set(err, SOHOA_EIO, "%s: cannot write the searchable PDF", path);
    ocr_pdf_writer *w = sohoa_xcalloc(1, sizeof *w);
    w->f = f;
    w->path = sohoa_xstrdup(path);
    fputs("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n", f);
    begin_obj(w, 1);
    fputs("<< /Type /Catalog /Pages 2 0 R >>\nendobj\n", f);
    write_font(w, datadir);
    *out = w;
    return SOHOA_OK;
}

/* --- mapping boxes back to the original image ------------------------------ */

/* A point of the recognised page → the same point in the image as decoded. */
static void map_back(const sohoa_ocr_page_report *r, int ow, int oh, double x, double y,
                     double *ox, double *oy)
{
    /* undo the rescale */
    if (r->scale > 0) {
        x /= r->scale;
        y /= r->scale;
    }
    /* undo the deskew: pixRotate turned the cropped page about its centre by
     * skew degrees, clockwise for positive angles in image coordinates */
    int tw = r->width, th = r->height; /* the (turned) page as preprocessing got it */
    double cw = tw - r->border[0] - r->border[2], ch = th - r->border[1] - r->border[3];
    if (r->deskewed) {
        double a = -r->skew * M_PI / 180.0, cx = cw / 2.0, cy = ch / 2.0;
        double dx = x - cx, dy = y - cy;
        x = cx + dx * cos(a) - dy * sin(a);
        y = cy + dx * sin(a) + dy * cos(a);
    }
    /* undo the border crop */
    x += r->border[0];
    y += r->border[1];
    /* undo the quarter turns: the page was turned clockwise by (360 - orientation) */
    int quads = r->orientation ? (360 - r->orientation) / 90 % 4 : 0;
    int w = tw, h = th;
    for (int q = 0; q < quads; q++) {
        /* one clockwise quarter maps (u,v) of a w'×h' image to (h'-1-v, u);
         * back: (x,y) of the turned image came from (y, h_before-1-x) */
        int wb = h, hb = w; /* size before this quarter */
        double px = y, py = hb - 1 - x;
        x = px, y = py;
        w = wb, h = hb;
    }
    (void)ow, (void)oh;
    *ox = x;
    *oy = y;
}

/* --- one page ----------------------------------------------------------- */

/* The image as a PDF image XObject dictionary and its (Flate) data. */
static int image_obj(ocr_pdf_writer *w, int id, PIX *pix)
{
    PIX *p = NULL;
    if (pixGetColormap(pix))
        p = pixRemoveColormap(pix, REMOVE_CMAP_BASED_ON_SRC);
    else if (pixGetDepth(pix) == 1 || pixGetDepth(pix) == 2 || pixGetDepth(pix) == 4 ||
             pixGetDepth(pix) == 16)
        p = pixConvertTo8(pix, 0);
    else
        p = pixClone(pix);
    if (p && pixGetDepth(p) != 8 && pixGetDepth(p) != 32) {
        PIX *q = pixConvertTo8(p, 0);
        pixDestroy(&p);
        p = q;
    }
    L_COMP_DATA *cid = NULL;
    if (!p || pixGenerateCIData(p, L_FLATE_ENCODE, 0, 0, &cid) != 0 || !cid) {
        pixDestroy(&p);
        return -1;
    }
    char dict[512];
    int n = snprintf(dict, sizeof dict,
                     "/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s "
                     "/BitsPerComponent %d /Filter /FlateDecode",
                     cid->w, cid->h, cid->spp == 3 ? "DeviceRGB" : "DeviceGray", cid->bps);
    if (cid->predictor)
        snprintf(dict + n, sizeof dict - (size_t)n,
                 " /DecodeParms << /Predictor 14 /Colors %d /BitsPerComponent %d /Columns %d >>",
                 cid->spp, cid->bps, cid->w);
    stream_obj(w, id, dict, cid->datacomp, cid->nbytescomp);
    l_CIDataDestroy(&cid);
    pixDestroy(&p);
    return 0;
}

/* Append one word as UTF-16BE hex to b; returns its number of code units. */
static int put_utf16(sohoa_buf *b, const char *s)
{
    int units = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        uint32_t cp;
        int len = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : 4;
        cp = len == 1 ? *p : len == 2 ? *p & 0x1F : len == 3 ? *p & 0x0F : *p & 0x07;
        for (int k = 1; k < len; k++) {
            if ((p[k] & 0xC0) != 0x80) {
                len = k;
                cp = 0xFFFD;
                break;
            }
            cp = cp << 6 | (p[k] & 0x3F);
        }
        p += len;
        if (cp > 0xFFFF) {
            uint32_t v = cp - 0x10000;
            sohoa_buf_printf(b, "%04X%04X", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF));
            units += 2;
        } else {
            sohoa_buf_printf(b, "%04X", cp);
            units++;
        }
    }
    return units;
}

/* The bottom and height of the line of words[i]: all its words sit on one
 * baseline, so that viewers read them as one line. */
static void line_extent(const sohoa_word *words, size_t n, size_t i, int *bottom, int *height)
{
    size_t a = i, b = i;
    while (a > 0 && words[a - 1].line == words[i].line)
        a--;
    while (b + 1 < n && words[b + 1].line == words[i].line)
        b++;
    *bottom = 0, *height = 0;
    for (size_t k = a; k <= b; k++) {
        if (words[k].y + words[k].h > *bottom)
            *bottom = words[k].y + words[k].h;
        if (words[k].h > *height)
            *height = words[k].h;
    }
}

/* The invisible text of the page's words, in PDF points (y up). */
static void text_layer(sohoa_buf *c, const sohoa_word *words, size_t n,
                       const sohoa_ocr_page_report *r, int ow, int oh, double dpi)
{
    double k = 72.0 / dpi, page_h = oh * k;
    double scale = r->scale > 0 ? r->scale : 1;
    double tilt = r->deskewed ? r->skew * M_PI / 180.0 : 0;
    double ca = cos(tilt), sa = sin(tilt); /* the text runs along the page's own slant */
    sohoa_buf_puts(c, "BT\n3 Tr\n");
    for (size_t i = 0; i < n; i++) {
        const sohoa_word *wd = &words[i];
        if (wd->w <= 0 || wd->h <= 0 || !wd->text || !*wd->text)
            continue;
        int bottom, height;
        line_extent(words, n, i, &bottom, &height);
        /* the word's ends on the line's baseline, mapped back */
        double x0, y0, x1, y1;
        map_back(r, ow, oh, wd->x, bottom, &x0, &y0);
        map_back(r, ow, oh, wd->x + wd->w, bottom, &x1, &y1);
        double width = hypot(x1 - x0, y1 - y0) * k, size = height / scale * k;
        if (size < 1)
            size = 1;
        int last = i + 1 == n || words[i + 1].line != wd->line;
        sohoa_buf hex = SOHOA_BUF_INIT;
        int units = put_utf16(&hex, wd->text); /* they fill the box ... */
        if (!last)
            put_utf16(&hex, " "); /* ... and a space after them, so copied text keeps its spaces */
        double tz = units ? 100.0 * width / (units * 0.5 * size) : 100;
        sohoa_buf_printf(c, "/F0 %.2f Tf %.2f Tz %.5f %.5f %.5f %.5f %.2f %.2f Tm <%s> Tj\n", size,
                         tz, ca, sa, -sa, ca, x0 * k, page_h - y0 * k, sohoa_buf_cstr(&hex));
        sohoa_buf_free(&hex);
    }
    sohoa_buf_puts(c, "ET\n");
}

int ocr_pdf_writer_page(ocr_pdf_writer *w, PIX *orig, const sohoa_ocr_page_report *r,
                        const sohoa_word *words, size_t n, sohoa_err *err)
{
    int ow = pixGetWidth(orig), oh = pixGetHeight(orig);
    double dpi = r->scale > 0 && r->dpi > 0 ? r->dpi / r->scale : 300;
    double k = 72.0 / dpi;
    int id = FIRST_PAGE_OBJ + 3 * w->npages;
    if (image_obj(w, id + 2, orig) != 0) {
        w->failed = 1;
        return sohoa_err_set(err, SOHOA_ENOMEM, "page %d: cannot compress the page image for the PDF",
                             r->page);
    }
    sohoa_buf c = SOHOA_BUF_INIT;
    sohoa_buf_printf(&c, "q %.3f 0 0 %.3f 0 0 cm /Im0 Do Q\n", ow * k, oh * k);
    text_layer(&c, words, n, r, ow, oh, dpi);
    stream_obj(w, id + 1, "", c.data, c.len);
    sohoa_buf_free(&c);
    begin_obj(w, id);
    fprintf(w->f, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.3f %.3f] /Contents %d 0 R\n"
                  "   /Resources << /XObject << /Im0 %d 0 R >> /Font << /F0 3 0 R >> >> >>\nendobj\n",
            ow * k, oh * k, id + 1, id + 2);
    w->npages++;
    if (ferror(w->f)) {
        w->failed = 1;
        return sohoa_err_set(err, SOHOA_EIO, "%s: cannot write the searchable PDF", w->path);
    }
    return SOHOA_OK;
}

/* Pages object, cross-reference table, trailer. */
static int finish(ocr_pdf_writer *w)
{
    begin_obj(w, 2);
    fputs("<< /Type /Pages /Kids [", w->f);
    for (int i = 0; i < w->npages; i++)
        fprintf(w->f, "%s%d 0 R", i ? " " : "", FIRST_PAGE_OBJ + 3 * i);
    fprintf(w->f, "] /Count %d >>\nendobj\n", w->npages);
    long xref = ftell(w->f);
    fprintf(w->f, "xref\n0 %d\n0000000000 65535 f \n", w->nobj);
    for (int i = 1; i < w->nobj; i++)
        fprintf(w->f, "%010ld 00000 n \n", w->offsets[i]);
    fprintf(w->f, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", w->nobj, xref);
    return ferror(w->f) ? -1 : 0;
}

int ocr_pdf_writer_close(ocr_pdf_writer *w, int keep, sohoa_err *err)
{
    if (!w)
        return SOHOA_OK;
    int bad = keep && !w->failed ? finish(w) : 0;
    if (fclose(w->f) != 0)
        bad = -1;
    int rc = SOHOA_OK;
    if (!keep || w->failed || bad) {
        remove(w->path); /* never leave a partial PDF behind */
        if (keep)
            rc = sohoa_err_set(err, SOHOA_EIO, "%s: cannot write the searchable PDF", w->path);
    }
    free(w->path);
    free(w->offsets);
    free(w);
    return rc;
}
