/* ocr_json.c — the OCR result of one file as JSON (pages, preprocessing
 * reports, lines and words with boxes and confidences, raw and restored
 * text) and as an hOCR document. Field names are a public interface. */
#include "ocr_internal.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static json_t *box_json(int x, int y, int w, int h)
{
    return json_pack("[iiii]", x, y, w, h);
}

static json_t *report_json(const sohoa_ocr_page_report *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "width", json_integer(r->width));
    json_object_set_new(o, "height", json_integer(r->height));
    json_object_set_new(o, "dpi", json_integer(r->dpi));
    json_object_set_new(o, "dpi_in_file", json_integer(r->dpi_in));
    json_object_set_new(o, "dpi_estimated", json_boolean(r->dpi_estimated));
    json_object_set_new(o, "scale", json_real(r->scale));
    json_object_set_new(o, "border_cropped", box_json(r->border[0], r->border[1], r->border[2], r->border[3]));
    json_object_set_new(o, "noise_specks_per_mp", json_real(r->noise));
    json_object_set_new(o, "paper_grain", json_real(r->grain));
    json_object_set_new(o, "denoised", json_boolean(r->denoised));
    json_object_set_new(o, "ink", json_integer(r->ink));
    json_object_set_new(o, "paper", json_integer(r->paper));
    json_object_set_new(o, "contrast_fixed", json_boolean(r->contrast_fixed));
    json_object_set_new(o, "skew_degrees", json_real(r->skew));
    json_object_set_new(o, "skew_confidence", json_real(r->skew_conf));
    json_object_set_new(o, "deskewed", json_boolean(r->deskewed));
    json_object_set_new(o, "binarized", json_boolean(r->binarized));
    json_object_set_new(o, "rotated", json_integer(r->orientation));
    return o;
}

static json_t *line_json(const sohoa_ocr_line *l, const sohoa_doc *d)
{
    json_t *o = json_object();
    json_object_set_new(o, "line", json_integer(l->line));
    json_object_set_new(o, "block", json_integer(l->block));
    json_object_set_new(o, "box", box_json(l->x, l->y, l->w, l->h));
    json_t *words = json_array();
    size_t tlen = 0;
    for (size_t i = l->first; i < l->first + l->nwords && i < d->nwords; i++)
        tlen += strlen(d->words[i].text) + 1;
    char *text = sohoa_xcalloc(tlen + 1, 1);
    for (size_t i = l->first; i < l->first + l->nwords && i < d->nwords; i++) {
        const sohoa_word *w = &d->words[i];
        if (i > l->first)
            strcat(text, " ");
        strcat(text, w->text);
        json_t *wo = json_object();
        json_object_set_new(wo, "text", json_string(w->text));
        json_object_set_new(wo, "conf", w->conf < 0 ? json_null() : json_real(w->conf));
        json_object_set_new(wo, "box", box_json(w->x, w->y, w->w, w->h));
        json_array_append_new(words, wo);
    }
    json_object_set_new(o, "text", json_string(text));
    free(text);
    json_object_set_new(o, "words", words);
    return o;
}

char *sohoa_ocr_to_json(const sohoa_ocr *e, const sohoa_doc *d)
{
    json_t *o = json_object();
    json_object_set_new(o, "path", d->path ? json_string(d->path) : json_null());
    json_object_set_new(o, "kind", d->kind ? json_string(d->kind) : json_null());
    json_t *pages = json_array();
    size_t li = 0;
    for (size_t p = 0; p < e->nreports; p++) {
        const sohoa_ocr_page_report *r = &e->reports[p];
        json_t *po = json_object();
        json_object_set_new(po, "page", json_integer(r->page));
        json_object_set_new(po, "source", json_string(r->source));
        if (strcmp(r->source, "ocr") == 0) {
            json_object_set_new(po, "report", report_json(r));
            json_object_set_new(po, "conf", json_real(r->conf));
        }
        json_t *lines = json_array();
        for (; li < e->nlines && e->lines[li].page == r->page; li++)
            json_array_append_new(lines, line_json(&e->lines[li], d));
        json_object_set_new(po, "lines", lines);
        json_array_append_new(pages, po);
    }
    json_object_set_new(o, "pages", pages);
    json_object_set_new(o, "ocr_conf", d->ocr_conf < 0 ? json_null() : json_real(d->ocr_conf));
    json_object_set_new(o, "raw", json_string(d->raw ? d->raw : ""));
    json_object_set_new(o, "text", d->text ? json_string(d->text) : json_null());
    if (d->text) {
        json_t *rs = json_object();
        json_object_set_new(rs, "tokens", json_integer((json_int_t)d->restore.tokens));
        json_object_set_new(rs, "changed", json_integer((json_int_t)d->restore.changed));
        json_object_set_new(rs, "low_conf", json_integer((json_int_t)d->restore.low_conf));
        json_object_set_new(rs, "mean_conf", json_real(d->restore.mean_conf));
        json_object_set_new(o, "restore", rs);
    }
    char *s = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return s ? s : sohoa_xstrdup("{}");
}

char *sohoa_ocr_to_hocr(const sohoa_ocr *e, const sohoa_doc *d)
{
    sohoa_buf b = SOHOA_BUF_INIT;
    sohoa_buf_puts(&b,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"\n"
                   "    \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
                   "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"vi\" lang=\"vi\">\n"
                   " <head>\n  <title></title>\n"
                   "  <meta http-equiv=\"Content-Type\" content=\"text/html;charset=utf-8\"/>\n"
                   "  <meta name=\"ocr-system\" content=\"sohoa (tesseract)\"/>\n"
                   "  <meta name=\"ocr-capabilities\" content=\"ocr_page ocr_carea ocr_par ocr_line ocrx_word\"/>\n"
                   " </head>\n <body>\n");
    (void)d;
    sohoa_buf_puts(&b, sohoa_ocr_hocr(e));
    sohoa_buf_puts(&b, " </body>\n</html>\n");
    return sohoa_buf_steal(&b);
}
