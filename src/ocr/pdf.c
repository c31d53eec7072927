/* pdf.c — PDF pages for OCR through poppler-glib and cairo (poppler is GPL:
 * see README). A page whose only content is one scanned image is taken at
 * the image's own resolution (the scan's pixels, unchanged); any other page
 * is rasterised at 300 dpi on white. The page's text layer is returned on
 * request, so that a genuine Vietnamese layer can be used instead of OCR. */
#include "ocr_internal.h"

#include <cairo.h>
#include <limits.h>
#include <math.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>

#define PDF_RENDER_DPI 300

int ocr_pdf_open(ocr_source *s, const sohoa_ocr_opts *o, sohoa_err *err)
{
    char abs[PATH_MAX];
    if (!realpath(s->path, abs))
        return sohoa_err_set(err, SOHOA_EIO, "%s: cannot resolve the path", s->path);
    GError *gerr = NULL;
    char *uri = g_filename_to_uri(abs, NULL, &gerr);
    if (!uri) {
        int rc = sohoa_err_set(err, SOHOA_EIO, "%s: %s", s->path, gerr ? gerr->message : "bad path");
        if (gerr)
            g_error_free(gerr);
        return rc;
    }
    PopplerDocument *doc = poppler_document_new_from_file(uri, NULL, &gerr);
    g_free(uri);
    if (!doc) {
        int rc;
        if (gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED)
            rc = sohoa_err_set(err, SOHOA_EUNSUPPORTED,
                               "%s: encrypted PDF (a password is needed to open it)", s->path);
        else
            rc = sohoa_err_set(err, SOHOA_EINVAL, "%s: broken PDF (%s)", s->path,
                               gerr ? gerr->message : "poppler cannot open it");
        if (gerr)
            g_error_free(gerr);
        return rc;
    }
    int n = poppler_document_get_n_pages(doc);
    if (n <= 0) {
        g_object_unref(doc);
        return sohoa_err_set(err, SOHOA_EINVAL, "%s: broken PDF (no pages)", s->path);
    }
    if (o->max_pages > 0 && n > o->max_pages) {
        g_object_unref(doc);
        return sohoa_err_set(err, SOHOA_ELIMIT, "%s: %d pages, above the limit of %d", s->path,
                             n, o->max_pages);
    }
    s->pdf = doc;
    s->npages = n;
    return SOHOA_OK;
}

/* Composite a cairo surface on white and take its luminance as 8-bit gray. */
static PIX *surface_to_gray(cairo_surface_t *src, int w, int h)
{
    cairo_surface_t *rgb = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(rgb) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(rgb);
        return NULL;
    }
    cairo_t *cr = cairo_create(rgb);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_surface(cr, src, 0, 0);
    cairo_paint(cr);
    cairo_destroy(cr);
    cairo_surface_flush(rgb);
    PIX *pix = pixCreate(w, h, 8);
    if (pix) {
        const unsigned char *data = cairo_image_surface_get_data(rgb);
        int stride = cairo_image_surface_get_stride(rgb);
        for (int y = 0; y < h; y++) {
            const uint32_t *row = (const uint32_t *)(data + (size_t)y * stride);
            l_uint32 *line = pixGetData(pix) + (size_t)y * pixGetWpl(pix);
            for (int x = 0; x < w; x++) {
                uint32_t v = row[x];
                unsigned r = (v >> 16) & 255, g = (v >> 8) & 255, b = v & 255;
                SET_DATA_BYTE(line, x, (299 * r + 587 * g + 114 * b + 500) / 1000);
            }
        }
    }
    cairo_surface_destroy(rgb);
    return pix;
}

/* The id of the single image that covers (almost) the whole page, or -1. */
static int full_page_image(PopplerPage *page, double pw, double ph)
{
    GList *map = poppler_page_get_image_mapping(page);
    int id = -1, count = 0;
    for (GList *l = map; l; l = l->next) {
        PopplerImageMapping *m = l->data;
        double aw = fabs(m->area.x2 - m->area.x1), ah = fabs(m->area.y2 - m->area.y1);
        count++;
        if (aw * ah >= 0.95 * pw * ph)
            id = m->image_id;
    }
    poppler_page_free_image_mapping(map);
    return count == 1 ? id : -1;
}

static int render_page(ocr_source *s, PopplerPage *page, int i, const sohoa_ocr_opts *o,
                       PIX **pix, int *dpi, sohoa_err *err)
{
    double pw = 0, ph = 0;
    poppler_page_get_size(page, &pw, &ph);
    if (!(pw > 0 && ph > 0) || pw > 14400 || ph > 14400)
        return sohoa_err_set(err, SOHOA_EINVAL, "%s: page %d has an invalid size (%.0f x %.0f pt)",
                             s->path, i + 1, pw, ph);
    int id = full_page_image(page, pw, ph);
    if (id >= 0) {
        cairo_surface_t *img = poppler_page_get_image(page, id);
        if (img && cairo_surface_status(img) == CAIRO_STATUS_SUCCESS) {
            int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
            if (w > 0 && h > 0 && (o->max_pixels <= 0 || (long)w * h <= o->max_pixels)) {
                *pix = surface_to_gray(img, w, h);
                *dpi = (int)lround(w / (pw / 72.0));
                cairo_surface_destroy(img);
                if (*pix) {
                    pixSetResolution(*pix, *dpi, *dpi);
                    return SOHOA_OK;
                }
            } else {
                cairo_surface_destroy(img);
            }
        } else if (img) {
            cairo_surface_destroy(img);
        }
    }
    long w = lround(pw * PDF_RENDER_DPI / 72.0), h = lround(ph * PDF_RENDER_DPI / 72.0);
    if (o->max_pixels > 0 && w * h > o->max_pixels)
        return sohoa_err_set(err, SOHOA_ELIMIT,
                             "%s: page %d would be %ld x %ld pixels at %d dpi, above the limit of %ld",
                             s->path, i + 1, w, h, PDF_RENDER_DPI, o->max_pixels);
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)w, (int)h);
    if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surf);
        return sohoa_err_set(err, SOHOA_ENOMEM, "%s: page %d: cannot allocate the raster", s->path, i + 1);
    }
    cairo_t *cr = cairo_create(surf);
    cairo_scale(cr, PDF_RENDER_DPI / 72.0, PDF_RENDER_DPI / 72.0);
    poppler_page_render_for_printing(page, cr);
    cairo_destroy(cr);
    cairo_surface_flush(surf);
    *pix = surface_to_gray(surf, (int)w, (int)h);
    cairo_surface_destroy(surf);
    if (!*pix)
        return sohoa_err_set(err, SOHOA_ENOMEM, "%s: page %d: cannot allocate the raster", s->path, i + 1);
    *dpi = PDF_RENDER_DPI;
    pixSetResolution(*pix, *dpi, *dpi);
    return SOHOA_OK;
}

int ocr_pdf_page(ocr_source *s, int i, const sohoa_ocr_opts *o, PIX **pix, int *dpi,
                 int want_text, char **text, sohoa_err *err)
{
    PopplerPage *page = poppler_document_get_page(s->pdf, i);
    if (!page)
        return sohoa_err_set(err, SOHOA_EINVAL, "%s: broken PDF (page %d cannot be read)", s->path, i + 1);
    int rc = SOHOA_OK;
    if (want_text && text) {
        char *t = poppler_page_get_text(page);
        *text = sohoa_xstrdup(t ? t : "");
        g_free(t);
    }
    if (pix)
        rc = render_page(s, page, i, o, pix, dpi, err);
    g_object_unref(page);
    if (rc && text) {
        free(*text);
        *text = NULL;
    }
    return rc;
}

void ocr_pdf_close(ocr_source *s)
{
    if (s->pdf)
        g_object_unref(s->pdf);
    s->pdf = NULL;
}
