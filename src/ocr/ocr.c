/* ocr.c — the OCR engine's public face (include/sohoa/ocr.h): creating and
 * freeing engines, and OCRing one file page by page:
 * source → (text layer?) → preprocessing → orientation verdict (orient.c;
 * a page in doubt is read first) → Tesseract. */
#include "ocr_internal.h"
#include "sohoa/clock.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Parameters Tesseract keeps in process globals, not per engine. Set by
 * every engine as it was made, they were written by two worker threads at
 * once in `sohoa ingest -j 2` (a data race ThreadSanitizer reported on
 * debug_file, a C++ string). Now the first engine made sets them, under a
 * lock, and no engine can read them before: an engine reads them only once
 * made, and making one goes through the lock after the first has set them.
 * - debug_file: Tesseract's own messages go nowhere;
 * - textord_all_prop: no fixed-pitch analysis of every row (typewriter
 *   text; administrative documents are set in proportional fonts: about 3 %
 *   of the CPU of a page; it changed no word, box or confidence on the
 *   development pages).
 * The other parameters set here and in engine.c (preserve_interword_spaces,
 * tessedit_do_invert, paragraph_text_based, min_characters_to_try) are
 * members of each engine in Tesseract 5. */
static pthread_mutex_t process_params_lock = PTHREAD_MUTEX_INITIALIZER;
static int process_params_set;

static void set_process_params(TessBaseAPI *api)
{
    pthread_mutex_lock(&process_params_lock);
    if (!process_params_set) {
        TessBaseAPISetVariable(api, "debug_file", "/dev/null");
        TessBaseAPISetVariable(api, "textord_all_prop", "1");
        process_params_set = 1;
    }
    pthread_mutex_unlock(&process_params_lock);
}

int sohoa_ocr_new(const sohoa_ocr_opts *o, sohoa_ocr **out, sohoa_err *err)
{
    sohoa_ocr_global_init();
    *out = NULL;
    sohoa_ocr *e = sohoa_xcalloc(1, sizeof *e);
    if (o)
        e->opts = *o;
    else
        sohoa_ocr_opts_init(&e->opts);
    e->lang = sohoa_xstrdup(e->opts.lang && *e->opts.lang ? e->opts.lang : "vie");
    e->tessdata = e->opts.tessdata ? sohoa_xstrdup(e->opts.tessdata) : NULL;
    e->pdf_out = e->opts.pdf_out ? sohoa_xstrdup(e->opts.pdf_out) : NULL;
    e->opts.lang = e->lang;
    e->opts.tessdata = e->tessdata;
    e->opts.pdf_out = e->pdf_out;
    e->api = TessBaseAPICreate();
    if (!e->api || TessBaseAPIInit3(e->api, e->tessdata, e->lang) != 0) {
        sohoa_ocr_free(e);
        return sohoa_err_set(err, SOHOA_EFORMAT,
                             "Tesseract cannot load language '%s' (is its traineddata installed%s%s?)",
                             o && o->lang ? o->lang : "vie", o && o->tessdata ? " in " : "",
                             o && o->tessdata ? o->tessdata : "");
    }
    set_process_params(e->api);
    /* Keep spaces as they are. */
    TessBaseAPISetVariable(e->api, "preserve_interword_spaces", "0");
    /* Administrative scans carry no white-on-black text: do not re-read
     * every doubtful line inverted (Tesseract 5 does by default; slow). */
    TessBaseAPISetVariable(e->api, "tessedit_do_invert", "0");
    *out = e;
    return SOHOA_OK;
}

void sohoa_ocr_free(sohoa_ocr *e)
{
    if (!e)
        return;
    if (e->pdf)
        ocr_pdf_writer_close(e->pdf, 0, NULL);
    if (e->api) {
        TessBaseAPIEnd(e->api);
        TessBaseAPIDelete(e->api);
    }
    if (e->osd) {
        TessBaseAPIEnd(e->osd);
        TessBaseAPIDelete(e->osd);
    }
    free(e->reports);
    free(e->lines);
    sohoa_buf_free(&e->hocr);
    free(e->lang);
    free(e->tessdata);
    free(e->pdf_out);
    free(e);
}

void sohoa_ocr_set_pdf_out(sohoa_ocr *e, const char *path)
{
    free(e->pdf_out);
    e->pdf_out = path ? sohoa_xstrdup(path) : NULL;
    e->opts.pdf_out = e->pdf_out;
}

const sohoa_ocr_page_report *sohoa_ocr_reports(const sohoa_ocr *e, size_t *n)
{
    *n = e->nreports;
    return e->reports;
}

const sohoa_ocr_line *sohoa_ocr_lines(const sohoa_ocr *e, size_t *n)
{
    *n = e->nlines;
    return e->lines;
}

const char *sohoa_ocr_hocr(const sohoa_ocr *e)
{
    return sohoa_buf_cstr(&e->hocr);
}

static sohoa_ocr_page_report *new_report(sohoa_ocr *e, int page)
{
    if (e->nreports == e->capreports) {
        e->capreports = e->capreports ? e->capreports * 2 : 8;
        e->reports = sohoa_xrealloc(e->reports, e->capreports * sizeof *e->reports);
    }
    sohoa_ocr_page_report *r = &e->reports[e->nreports++];
    memset(r, 0, sizeof *r);
    r->page = page;
    r->source = "ocr";
    r->scale = 1;
    return r;
}

/* Ask OSD how the page is turned and, when it is, turn the original pix
 * and preprocess it again into *clean (r then reports the new page).
 * Returns 1 if *clean was replaced. */
static int turn_page(sohoa_ocr *e, PIX *pix, int dpi, PIX **clean, sohoa_ocr_page_report *r)
{
    int deg = ocr_engine_orientation(e, *clean);
    if (deg != 90 && deg != 180 && deg != 270)
        return 0;
    /* OSD reports the clockwise rotation the page suffered; undo it. */
    PIX *turned = pixRotateOrth(pix, (360 - deg) / 90);
    if (!turned)
        return 0;
    sohoa_ocr_page_report keep = *r;
    memset(r, 0, sizeof *r);
    r->page = keep.page, r->source = keep.source;
    PIX *again = ocr_preprocess(turned, dpi, e->opts.dpi, e->opts.steps, r);
    pixDestroy(&turned);
    if (!again) {
        *r = keep;
        return 0;
    }
    pixDestroy(clean);
    *clean = again;
    r->orientation = deg;
    return 1;
}

/* Preprocess, fix the orientation (then preprocess the turned page again)
 * and recognise one page. A page whose orientation is in doubt is read
 * first: only when Tesseract doubts that reading does OSD decide, and a
 * page it turns is read again. Consumes nothing: pix stays the caller's. */
static int ocr_page(sohoa_ocr *e, PIX *pix, int dpi, int page, ocr_out *out,
                    sohoa_ocr_page_report *r, sohoa_err *err)
{
    unsigned steps = e->opts.steps;
    PIX *clean = ocr_preprocess(pix, dpi, e->opts.dpi, steps, r);
    if (!clean)
        return sohoa_err_set(err, SOHOA_ENOMEM, "page %d: preprocessing failed (out of memory?)", page);
    ocr_orient_verdict v = OCR_ORIENT_UPRIGHT;
    if ((steps & SOHOA_PRE_ORIENT) && (steps & SOHOA_PRE_GRAY))
        v = ocr_orient_page(clean, r->dpi);
    if (v == OCR_ORIENT_TURNED)
        turn_page(e, pix, dpi, &clean, r);
    int rc = ocr_engine_read(e, clean, r->dpi, page, out, err);
    if (!rc && v == OCR_ORIENT_READ_FIRST && !ocr_orient_read_upright(ocr_engine_mean_conf(e)) &&
        turn_page(e, pix, dpi, &clean, r))
        rc = ocr_engine_read(e, clean, r->dpi, page, out, err);
    if (!rc)
        rc = ocr_engine_words(e, clean, r->dpi, page, out, r, err);
    pixDestroy(&clean);
    return rc;
}

static int start_pdf(sohoa_ocr *e, sohoa_err *err)
{
    if (!e->pdf_out)
        return SOHOA_OK;
    return ocr_pdf_writer_open(e->pdf_out, TessBaseAPIGetDatapath(e->api), &e->pdf, err);
}

static int finish_pdf(sohoa_ocr *e, int ok, sohoa_err *err)
{
    int rc = ocr_pdf_writer_close(e->pdf, ok, err);
    e->pdf = NULL;
    return rc;
}

static int use_text_layer(const sohoa_ocr *e, const char *text)
{
    if (!text || e->opts.pdf_text == SOHOA_PDF_TEXT_NEVER)
        return 0;
    if (e->opts.pdf_text == SOHOA_PDF_TEXT_ALWAYS)
        return 1;
    return ocr_text_is_vietnamese(text);
}

/* The file's time is up before page `page` starts: say so. */
static int out_of_time(const sohoa_ocr *e, const ocr_out *out, int page, sohoa_err *err)
{
    if (out->deadline <= 0 || sohoa_now() <= out->deadline)
        return SOHOA_OK;
    return sohoa_err_set(err, SOHOA_ELIMIT, "page %d: time limit of %g s exceeded", page,
                         e->opts.time_limit);
}

/* OCR pages [first, last) (0-based) of src into out. */
static int ocr_pages(sohoa_ocr *e, ocr_source *src, int first, int last, ocr_out *out,
                     sohoa_err *err)
{
    for (int i = first; i < last; i++) {
        sohoa_ocr_page_report *r = new_report(e, i + 1);
        int dpi = 0, rc;
        if ((rc = out_of_time(e, out, i + 1, err)) != SOHOA_OK)
            return sohoa_err_prefix(err, src->path);
        /* A searchable PDF needs every page's image: no text-layer shortcut then. */
        if (src->kind == OCR_SRC_PDF && e->opts.pdf_text != SOHOA_PDF_TEXT_NEVER && !e->pdf) {
            char *text = NULL;
            rc = ocr_source_page(src, i, &e->opts, NULL, &dpi, 1, &text, err);
            if (rc)
                return rc;
            int use = use_text_layer(e, text);
            if (use) {
                r->source = "pdf-text";
                ocr_out_text_page(e, text, i + 1, out);
            }
            free(text);
            if (use)
                continue;
        }
        PIX *pix = NULL;
        rc = ocr_source_page(src, i, &e->opts, &pix, &dpi, 0, NULL, err);
        if (rc)
            return rc;
        size_t w0 = out->nwords;
        rc = ocr_page(e, pix, dpi, i + 1, out, r, err);
        if (!rc && e->pdf) /* the original image, the record, under the text */
            rc = ocr_pdf_writer_page(e->pdf, pix, r, out->words + w0, out->nwords - w0, err);
        pixDestroy(&pix);
        if (rc)
            return sohoa_err_prefix(err, src->path);
    }
    return SOHOA_OK;
}

static void reset_results(sohoa_ocr *e)
{
    e->nreports = 0;
    e->nlines = 0;
    sohoa_buf_clear(&e->hocr);
    if (e->hocr.data)
        e->hocr.data[0] = '\0';
}

/* Hand the finished output to the document (only on success). */
static void fill_doc(sohoa_doc *d, const char *path, const ocr_source *src, ocr_out *out)
{
    if (!d->path)
        d->path = sohoa_xstrdup(path);
    sohoa_doc_set(&d->kind, src->kind == OCR_SRC_PDF ? "pdf" : "image");
    d->pages = src->npages;
    free(d->raw);
    d->raw = sohoa_buf_steal(&out->raw);
    for (size_t i = 0; i < d->nwords; i++)
        free(d->words[i].text);
    free(d->words);
    d->words = out->words;
    d->nwords = out->nwords;
    d->ocr_conf = out->nconf ? out->confsum / (double)out->nconf : -1;
    out->words = NULL;
    out->nwords = out->cap = 0;
}

int sohoa_ocr_file_pages(sohoa_ocr *e, const char *path, int first, int count,
                         sohoa_doc *d, sohoa_err *err)
{
    reset_results(e);
    double start = sohoa_now();
    ocr_source src;
    int rc = ocr_source_open(&src, path, &e->opts, err);
    if (rc)
        return rc;
    int last = count > 0 ? first - 1 + count : src.npages;
    if (first < 1 || first > src.npages || last > src.npages) {
        int n = src.npages;
        ocr_source_close(&src);
        return sohoa_err_set(err, SOHOA_EINVAL, "%s: pages %d..%d asked of a file of %d page%s", path,
                             first, last, n, n == 1 ? "" : "s");
    }
    ocr_out out = {0};
    out.first_page = first;
    out.deadline = e->opts.time_limit > 0 ? start + e->opts.time_limit : 0;
    rc = start_pdf(e, err);
    if (!rc)
        rc = ocr_pages(e, &src, first - 1, last, &out, err);
    if (!rc)
        ocr_fix_heading_numerals(e, &out);
    int rc2 = finish_pdf(e, rc == SOHOA_OK, rc ? NULL : err);
    if (!rc)
        rc = rc2;
    if (!rc)
        fill_doc(d, path, &src, &out);
    ocr_out_free(&out);
    ocr_source_close(&src);
    return rc;
}

int sohoa_ocr_file(sohoa_ocr *e, const char *path, sohoa_doc *d, sohoa_err *err)
{
    return sohoa_ocr_file_pages(e, path, 1, 0, d, err);
}

int sohoa_ocr_count_pages(const char *path, const sohoa_ocr_opts *o, int *npages, sohoa_err *err)
{
    sohoa_ocr_opts def;
    if (!o) {
        sohoa_ocr_opts_init(&def);
        o = &def;
    }
    sohoa_ocr_global_init();
    ocr_source src;
    int rc = ocr_source_open(&src, path, o, err);
    if (rc)
        return rc;
    *npages = src.npages;
    ocr_source_close(&src);
    return SOHOA_OK;
}
