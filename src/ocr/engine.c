/* engine.c — Tesseract through its C API: recognise one preprocessed page
 * and turn the result iterator into our text and words. One text line of
 * output per OCR line, a blank line between blocks, a line holding only a
 * form feed between pages; every word keeps its confidence (in [0,1]), page,
 * output line and box. Also orientation detection (OSD), the hOCR of each
 * page and the searchable-PDF renderer hook. */
#include "ocr_internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

void ocr_out_free(ocr_out *out)
{
    sohoa_buf_free(&out->raw);
    for (size_t i = 0; i < out->nwords; i++)
        free(out->words[i].text);
    free(out->words);
    memset(out, 0, sizeof *out);
}

/* Start a new output line; returns its 1-based number. */
static int new_line(ocr_out *out)
{
    if (out->line > 0)
        sohoa_buf_putc(&out->raw, '\n');
    else
        sohoa_buf_reserve(&out->raw, 1); /* so raw.data is never NULL */
    return ++out->line;
}

/* Separate pages: a line holding only a form feed. */
static void page_break(ocr_out *out, int page)
{
    if (page > out->first_page) {
        new_line(out);
        sohoa_buf_putc(&out->raw, '\f');
    }
}

static sohoa_word *add_word(ocr_out *out, const char *text, size_t n)
{
    if (out->nwords == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 256;
        out->words = sohoa_xrealloc(out->words, out->cap * sizeof *out->words);
    }
    sohoa_word *w = &out->words[out->nwords++];
    memset(w, 0, sizeof *w);
    w->text = sohoa_xstrndup(text, n);
    w->conf = -1;
    return w;
}

static sohoa_ocr_line *add_line(sohoa_ocr *e)
{
    if (e->nlines == e->caplines) {
        e->caplines = e->caplines ? e->caplines * 2 : 128;
        e->lines = sohoa_xrealloc(e->lines, e->caplines * sizeof *e->lines);
    }
    sohoa_ocr_line *l = &e->lines[e->nlines++];
    memset(l, 0, sizeof *l);
    return l;
}

static void grow_line_box(sohoa_ocr_line *l, const sohoa_word *w)
{
    if (l->nwords == 1) {
        l->x = w->x, l->y = w->y, l->w = w->w, l->h = w->h;
        return;
    }
    int x1 = l->x + l->w, y1 = l->y + l->h;
    int wx1 = w->x + w->w, wy1 = w->y + w->h;
    l->x = w->x < l->x ? w->x : l->x;
    l->y = w->y < l->y ? w->y : l->y;
    l->w = (wx1 > x1 ? wx1 : x1) - l->x;
    l->h = (wy1 > y1 ? wy1 : y1) - l->y;
}

void ocr_out_text_page(sohoa_ocr *e, const char *text, int page, ocr_out *out)
{
    page_break(out, page);
    const char *p = text;
    int first = 1;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len && p[len - 1] == '\r')
            len--;
        int lineno = new_line(out);
        /* page breaks inside a page's text layer are dropped: ours separate pages */
        sohoa_ocr_line *l = add_line(e);
        l->line = lineno, l->page = page, l->block = 1, l->first = out->nwords;
        for (size_t i = 0; i < len;) {
            while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\f'))
                i++;
            size_t b = i;
            while (i < len && p[i] != ' ' && p[i] != '\t' && p[i] != '\f')
                i++;
            if (i > b) {
                if (l->nwords)
                    sohoa_buf_putc(&out->raw, ' ');
                sohoa_buf_append(&out->raw, p + b, i - b);
                sohoa_word *w = add_word(out, p + b, i - b);
                w->page = page, w->line = lineno;
                l->nwords++;
            }
        }
        first = 0;
        p = nl ? nl + 1 : p + len;
    }
    (void)first;
}

int ocr_engine_orientation(sohoa_ocr *e, PIX *pix)
{
    if (e->osd_failed)
        return 0;
    if (!e->osd) {
        e->osd = TessBaseAPICreate();
        if (TessBaseAPIInit3(e->osd, e->tessdata, "osd") != 0) {
            TessBaseAPIDelete(e->osd);
            e->osd = NULL;
            e->osd_failed = 1;
            return 0;
        }
        TessBaseAPISetPageSegMode(e->osd, PSM_OSD_ONLY);
    }
    TessBaseAPISetImage2(e->osd, pix);
    TessBaseAPISetSourceResolution(e->osd, pixGetXRes(pix) > 0 ? pixGetXRes(pix) : 300);
    int deg = 0;
    float conf = 0, sconf = 0;
    const char *script = NULL;
    BOOL ok = TessBaseAPIDetectOrientationScript(e->osd, &deg, &conf, &script, &sconf);
    TessBaseAPIClear(e->osd);
    if (!ok || conf < 2.0f)
        return 0;
    return deg;
}

/* A "word" of only symbols that is speck-sized, or that Tesseract itself
 * barely believes, is noise read as punctuation (":", "_", "`" in margins
 * of dirty scans). Real dashes and bullets are wider and surer. */
static int is_noise_word(const char *txt, float conf, int w, int h, int dpi)
{
    for (const unsigned char *p = (const unsigned char *)txt; *p; p++)
        if (*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z'))
            return 0; /* has a letter or digit (any non-ASCII counts as a letter) */
    int speck = dpi / 50;
    return (w <= speck && h <= speck) || conf < 0.2f;
}

/* Append the current page's hOCR (Tesseract's ocr_page div) to e->hocr. */
static void keep_hocr(sohoa_ocr *e, int page)
{
    char *h = TessBaseAPIGetHOCRText(e->api, page - 1);
    if (h) {
        sohoa_buf_puts(&e->hocr, h);
        TessDeleteText(h);
    }
}

double ocr_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Tesseract asks this after each word: stop once the file's time is up. */
static bool past_deadline(void *deadline, int words)
{
    (void)words;
    return ocr_now() > *(const double *)deadline;
}

/* Recognise the page set in e->api; with a deadline, through a progress
 * monitor that cancels the recognition once the time is up. */
static int recognize(sohoa_ocr *e, const ocr_out *out, int page, sohoa_err *err)
{
    ETEXT_DESC *mon = NULL;
    double deadline = out->deadline;
    if (deadline > 0 && (mon = TessMonitorCreate()) != NULL) {
        TessMonitorSetCancelFunc(mon, past_deadline);
        TessMonitorSetCancelThis(mon, &deadline);
    }
    int rc = TessBaseAPIRecognize(e->api, mon);
    if (mon)
        TessMonitorDelete(mon);
    if (deadline > 0 && ocr_now() > deadline)
        return sohoa_err_set(err, SOHOA_ELIMIT, "page %d: time limit of %g s exceeded (recognition stopped)",
                             page, e->opts.time_limit);
    if (rc != 0)
        return sohoa_err_set(err, SOHOA_EINTERNAL, "page %d: Tesseract could not recognise the page", page);
    return SOHOA_OK;
}

int ocr_engine_page(sohoa_ocr *e, PIX *pix, int dpi, int page, ocr_out *out,
                    sohoa_ocr_page_report *r, sohoa_err *err)
{
    TessBaseAPISetImage2(e->api, pix);
    TessBaseAPISetSourceResolution(e->api, dpi);
    int rc = recognize(e, out, page, err);
    if (rc)
        return rc;
    page_break(out, page);
    TessResultIterator *ri = TessBaseAPIGetIterator(e->api);
    double confsum = 0;
    int nconf = 0, block = 0, first_line = 1;
    int new_block = 1, new_textline = 1; /* seen a block/line start not yet written */
    sohoa_ocr_line *line = NULL;
    if (ri) {
        TessPageIterator *pi = TessResultIteratorGetPageIterator(ri);
        do {
            new_block |= TessPageIteratorIsAtBeginningOf(pi, RIL_BLOCK);
            new_textline |= TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE);
            char *txt = TessResultIteratorGetUTF8Text(ri, RIL_WORD);
            if (!txt)
                continue;
            size_t n = strlen(txt);
            float c = TessResultIteratorConfidence(ri, RIL_WORD) / 100.0f;
            int l, t, rr, b;
            if (!TessPageIteratorBoundingBox(pi, RIL_WORD, &l, &t, &rr, &b))
                l = t = rr = b = 0;
            if (n && !is_noise_word(txt, c, rr - l, b - t, dpi)) {
                /* open the block and line only now: a line of noise leaves no trace */
                if (new_block) {
                    block++;
                    if (!first_line)
                        new_line(out); /* blank line between blocks */
                }
                if (new_block || new_textline) {
                    int lineno = new_line(out);
                    first_line = 0;
                    line = add_line(e);
                    line->line = lineno, line->page = page, line->block = block;
                    line->first = out->nwords;
                }
                new_block = new_textline = 0;
                if (line->nwords)
                    sohoa_buf_putc(&out->raw, ' ');
                sohoa_buf_append(&out->raw, txt, n);
                sohoa_word *w = add_word(out, txt, n);
                w->conf = c < 0 ? 0 : c > 1 ? 1 : c;
                w->page = page, w->line = line->line;
                w->x = l, w->y = t, w->w = rr - l, w->h = b - t;
                line->nwords++;
                grow_line_box(line, w);
                confsum += w->conf;
                nconf++;
            }
            TessDeleteText(txt);
        } while (TessPageIteratorNext(pi, RIL_WORD));
        TessResultIteratorDelete(ri);
    }
    if (first_line)
        new_line(out); /* an empty page still has its (empty) line */
    r->nwords = nconf;
    r->conf = nconf ? confsum / nconf : 0;
    out->confsum += confsum;
    out->nconf += (size_t)nconf;
    if (e->opts.want_hocr)
        keep_hocr(e, page);
    if (e->pdf)
        TessResultRendererAddImage(e->pdf, e->api);
    return SOHOA_OK;
}
