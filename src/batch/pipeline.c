/* pipeline.c — the whole chain on one file (include/sohoa/pipeline.h).
 *
 *   detect (magic numbers) ─┬─ image/PDF ─► OCR (engine created on first use)
 *                           └─ text ──────► read (size limit) ─► decode (auto)
 *   ─► normalise (layout clean-up for OCR text) ─► restore ─► segment
 *
 * The per-file time limit is checked between stages; OCR stops a page
 * inside Tesseract and restoration between its own stages and chunks of
 * words (sohoa_restore_opts.deadline), both in this thread.
 * The source fields (path, sha256, kind, pages, encoding) are filled here.
 * Normalisation of OCR text may join or drop lines; section lines reported
 * by the segmenter are mapped back through the normaliser's line map so that
 * `line` is always a line of the input (or of the OCR text).
 * Invariant: on failure, p->failed names the stage and *out is NULL. */
#include "sohoa/pipeline.h"
#include "sohoa/buf.h"
#include "sohoa/clock.h"
#include "sohoa/encoding.h"
#include "sohoa/file.h"
#include "sohoa/normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

struct sohoa_pipeline {
    sohoa_pipeline_opts o;
    const sohoa_rules *rules;
    const sohoa_restorer *restorer;
    sohoa_ocr *ocr;          /* created on the first image */
    const char *failed;      /* stage of the last failure, static */
    double started;          /* monotonic start of the current file */
};

void sohoa_pipeline_opts_init(sohoa_pipeline_opts *o)
{
    memset(o, 0, sizeof *o);
    o->encoding = 0; /* SOHOA_ENC_AUTO */
    o->restore = 1;
    o->segment = 1;
    o->max_text_bytes = (size_t)64 << 20;
    o->time_limit = 600;
    sohoa_restore_opts_init(&o->ropts);
    sohoa_ocr_opts_init(&o->oopts);
}

int sohoa_pipeline_new(const sohoa_pipeline_opts *o, const sohoa_rules *rules,
                       const sohoa_restorer *restorer, sohoa_pipeline **out, sohoa_err *err)
{
    (void)err;
    sohoa_pipeline *p = sohoa_xcalloc(1, sizeof *p);
    if (o)
        p->o = *o;
    else
        sohoa_pipeline_opts_init(&p->o);
    p->rules = rules;
    p->restorer = restorer;
    *out = p;
    return SOHOA_OK;
}

void sohoa_pipeline_free(sohoa_pipeline *p)
{
    if (!p)
        return;
    if (p->ocr)
        sohoa_ocr_free(p->ocr);
    free(p);
}

const char *sohoa_pipeline_failed_stage(const sohoa_pipeline *p)
{
    return p->failed;
}

/* ---- detection --------------------------------------------------------- */

static int has_prefix(const unsigned char *b, size_t n, const char *magic, size_t m)
{
    return n >= m && memcmp(b, magic, m) == 0;
}

/* PNM: "P1".."P7" then whitespace then a digit or a comment. */
static int is_pnm(const unsigned char *b, size_t n)
{
    if (n < 4 || b[0] != 'P' || b[1] < '1' || b[1] > '7')
        return 0;
    if (b[2] != ' ' && b[2] != '\n' && b[2] != '\r' && b[2] != '\t')
        return 0;
    size_t i = 3;
    while (i < n && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t'))
        i++;
    return i < n && ((b[i] >= '0' && b[i] <= '9') || b[i] == '#');
}

/* BMP: "BM", the file size, then four reserved zero bytes (so that a text
 * starting "BM 01" — a form number — stays text). */
static int is_bmp(const unsigned char *b, size_t n)
{
    return n >= 10 && b[0] == 'B' && b[1] == 'M' && !b[6] && !b[7] && !b[8] && !b[9];
}

int sohoa_pipeline_is_image(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    unsigned char b[16];
    size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    return has_prefix(b, n, "\x89PNG\r\n\x1a\n", 8) || has_prefix(b, n, "\xff\xd8\xff", 3) ||
           has_prefix(b, n, "II*\0", 4) || has_prefix(b, n, "MM\0*", 4) ||
           has_prefix(b, n, "%PDF-", 5) || has_prefix(b, n, "GIF87a", 6) ||
           has_prefix(b, n, "GIF89a", 6) || is_bmp(b, n) ||
           (has_prefix(b, n, "RIFF", 4) && n >= 12 && memcmp(b + 8, "WEBP", 4) == 0) ||
           has_prefix(b, n, "\0\0\0\x0cjP  ", 8) || is_pnm(b, n);
}

/* ---- stages ------------------------------------------------------------ */

/* Mark the failure of stage; the stage's own message normally names the
 * file already, otherwise it is prefixed with the path. */
static int fail(sohoa_pipeline *p, const char *stage, const char *path, int rc, sohoa_err *err)
{
    p->failed = stage;
    if (err) {
        if (!err->code)
            err->code = rc;
        if (strncmp(err->msg, path, strlen(path)) != 0)
            sohoa_err_prefix(err, path);
        char tmp[sizeof err->msg];
        snprintf(tmp, sizeof tmp, "%.990s (stage %s)", err->msg, stage);
        memcpy(err->msg, tmp, sizeof tmp);
    }
    return rc;
}

/* The per-file time limit, checked between stages (and by the OCR engine
 * before each page and inside Tesseract: run_ocr). */
static int over_time(sohoa_pipeline *p, const char *path, const char *after, sohoa_err *err)
{
    if (p->o.time_limit <= 0)
        return 0;
    double spent = sohoa_now() - p->started;
    if (spent <= p->o.time_limit)
        return 0;
    sohoa_err_set(err, SOHOA_ELIMIT, "%s: took %.0f s up to %s, over the per-file limit of %.0f s",
                  path, spent, after, p->o.time_limit);
    fail(p, "limit", path, SOHOA_ELIMIT, err);
    return 1;
}

static int is_blank(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r' && *s != '\f' && *s != '\v')
            return 0;
    return 1;
}

static int run_ocr(sohoa_pipeline *p, const char *path, sohoa_doc *d, sohoa_err *err)
{
    int rc;
    if (!p->ocr) {
        /* the per-file limit also stops a runaway page inside Tesseract */
        p->o.oopts.time_limit = p->o.time_limit > 0 ? p->o.time_limit : 0;
        if ((rc = sohoa_ocr_new(&p->o.oopts, &p->ocr, err)) != SOHOA_OK)
            return fail(p, "ocr", path, rc, err);
    }
    if ((rc = sohoa_ocr_file(p->ocr, path, d, err)) != SOHOA_OK)
        return fail(p, rc == SOHOA_ELIMIT ? "limit" : "ocr", path, rc, err);
    if ((rc = sohoa_sha256_file(path, d->sha256, err)) != SOHOA_OK)
        return fail(p, "read", path, rc, err);
    if (!d->kind)
        sohoa_doc_set(&d->kind, "image");
    return SOHOA_OK;
}

static int run_decode(sohoa_pipeline *p, const char *path, sohoa_doc *d, sohoa_err *err)
{
    char *data = NULL, *text = NULL;
    size_t len = 0, tlen = 0;
    int enc = 0;
    int rc = sohoa_read_file(path, p->o.max_text_bytes, &data, &len, err);
    if (rc != SOHOA_OK)
        return fail(p, rc == SOHOA_ELIMIT ? "limit" : "read", path, rc, err);
    sohoa_sha256_hex(data, len, d->sha256);
    if (memchr(data, '\0', len) && !has_prefix((unsigned char *)data, len, "\xff\xfe", 2) &&
        !has_prefix((unsigned char *)data, len, "\xfe\xff", 2)) {
        free(data);
        sohoa_err_set(err, SOHOA_EINVAL, "%s: binary data (NUL bytes), neither text nor an image",
                      path);
        return fail(p, "decode", path, SOHOA_EINVAL, err);
    }
    rc = sohoa_decode(data, len, p->o.encoding, p->o.lenient ? SOHOA_DECODE_LENIENT : 0, &text,
                      &tlen, &enc, err);
    free(data);
    if (rc != SOHOA_OK)
        return fail(p, "decode", path, rc, err);
    d->raw = text;
    sohoa_doc_set(&d->kind, "text");
    sohoa_doc_set(&d->encoding, sohoa_encoding_name(enc));
    d->pages = 1;
    return SOHOA_OK;
}

/* From a line of the normalised text to its line of the input (raw), and
 * from that to its page: page[k] is the page of input line k (1-based),
 * from the OCR words; 0 for text input and for lines without words. */
typedef struct line_pages {
    const int *map;   /* normalised-text line i+1 -> input line map[i] */
    size_t nmap;
    int *page;        /* indexed by input line; NULL without OCR words */
    size_t npage;
} line_pages;

static void line_pages_init(line_pages *lp, const sohoa_doc *d, const sohoa_norm_result *nr)
{
    memset(lp, 0, sizeof *lp);
    lp->map = nr->line_map;
    lp->nmap = nr->nlines;
    for (size_t k = 0; k < d->nwords; k++)
        if (d->words[k].line > 0 && (size_t)d->words[k].line >= lp->npage)
            lp->npage = (size_t)d->words[k].line + 1;
    if (!lp->npage)
        return;
    lp->page = sohoa_xcalloc(lp->npage, sizeof *lp->page);
    for (size_t k = 0; k < d->nwords; k++)
        if (d->words[k].line > 0 && !lp->page[d->words[k].line])
            lp->page[d->words[k].line] = d->words[k].page;
}

/* A normalised-text line to its input line (unchanged if out of range). */
static int input_line(const line_pages *lp, int line)
{
    return line >= 1 && (size_t)line <= lp->nmap ? lp->map[line - 1] : line;
}

static int page_of(const line_pages *lp, int input_line)
{
    return input_line > 0 && (size_t)input_line < lp->npage ? lp->page[input_line] : 0;
}

/* Section lines from normalised-text lines to input lines, and their pages
 * from those (the segmenter saw only the normalised text). */
static void map_section_lines(sohoa_section *s, size_t n, const line_pages *lp)
{
    for (size_t i = 0; i < n; i++) {
        s[i].line = input_line(lp, s[i].line);
        if (lp->page)
            s[i].page = page_of(lp, s[i].line);
        map_section_lines(s[i].children, s[i].nchildren, lp);
    }
}

/* The same for the words to review. */
static void map_review_lines(sohoa_doc *d, const line_pages *lp)
{
    for (size_t i = 0; i < d->nreview; i++) {
        d->review[i].line = input_line(lp, d->review[i].line);
        d->review[i].page = page_of(lp, d->review[i].line);
    }
}

/* Restoration under what is left of the file's time: the restorer stops
 * at the deadline and keeps nothing. Fills d->text and d->restore as
 * sohoa_restore_doc does. */
static int restore_timed(sohoa_pipeline *p, const char *path, sohoa_doc *d, sohoa_err *err)
{
    sohoa_restore_opts ro = p->o.ropts;
    ro.deadline = p->o.time_limit > 0 ? p->started + p->o.time_limit : 0;
    int rc = sohoa_restore_doc(p->restorer, &ro, d, err);
    if (rc == SOHOA_ELIMIT)
        sohoa_err_set(err, SOHOA_ELIMIT,
                      "%s: restoration stopped after %.1f s: over the per-file limit of %g s",
                      path, sohoa_now() - p->started, p->o.time_limit);
    return rc;
}

/* Restore and segment d->text (already normalised); nr maps its lines back. */
static int restore_and_segment(sohoa_pipeline *p, const char *path, sohoa_doc *d,
                               const sohoa_norm_result *nr, sohoa_err *err)
{
    int rc = SOHOA_OK;
    line_pages lp;
    line_pages_init(&lp, d, nr);
    if (p->o.restore && p->restorer) {
        if ((rc = restore_timed(p, path, d, err)) != SOHOA_OK)
            rc = fail(p, rc == SOHOA_ELIMIT ? "limit" : "restore", path, rc, err);
        else if (over_time(p, path, "restoration", err))
            rc = SOHOA_ELIMIT;
        else
            map_review_lines(d, &lp);
    }
    if (rc == SOHOA_OK && p->o.segment && p->rules) {
        if ((rc = sohoa_segment(p->rules, d, err)) != SOHOA_OK)
            rc = fail(p, "segment", path, rc, err);
        else
            map_section_lines(d->sections, d->nsections, &lp);
    }
    free(lp.page);
    return rc;
}

static int run_text_stages(sohoa_pipeline *p, const char *path, sohoa_doc *d, sohoa_err *err)
{
    int is_text = strcmp(d->kind, "text") == 0;
    sohoa_norm_result nr;
    memset(&nr, 0, sizeof nr);
    int rc = sohoa_normalize(d->raw, strlen(d->raw), is_text ? 0 : SOHOA_NORM_LAYOUT, &nr, err);
    if (rc != SOHOA_OK)
        return fail(p, "normalize", path, rc, err);
    d->text = nr.text;
    nr.text = NULL;
    if (is_blank(d->text)) {
        sohoa_err_set(err, SOHOA_EINVAL, "%s: no text found", path);
        rc = fail(p, is_text ? "decode" : "ocr", path, SOHOA_EINVAL, err);
    } else if (over_time(p, path, "normalisation", err)) {
        rc = SOHOA_ELIMIT;
    } else {
        rc = restore_and_segment(p, path, d, &nr, err);
    }
    sohoa_norm_result_free(&nr);
    return rc;
}

int sohoa_pipeline_run(sohoa_pipeline *p, const char *path, sohoa_doc **out, sohoa_err *err)
{
    *out = NULL;
    p->failed = NULL;
    p->started = sohoa_now();
    if (err)
        sohoa_err_clear(err);
    if (strcmp(path, "-") != 0) {
        int rc = sohoa_check_regular(path, err);
        if (rc != SOHOA_OK)
            return fail(p, "read", path, rc, err);
    }
    sohoa_doc *d = sohoa_doc_new();
    sohoa_doc_set(&d->path, path);
    int image = sohoa_pipeline_is_image(path);
    int rc = image ? run_ocr(p, path, d, err) : run_decode(p, path, d, err);
    if (rc == SOHOA_OK)
        rc = over_time(p, path, image ? "OCR" : "decoding", err) ? SOHOA_ELIMIT
                                                                  : run_text_stages(p, path, d, err);
    if (rc != SOHOA_OK) {
        sohoa_doc_free(d);
        return rc;
    }
    *out = d;
    return SOHOA_OK;
}

/* ---- shared resources ---------------------------------------------------- */

int sohoa_pipeline_shared_load(const char *rules_dir, const char *models_dir,
                               const char *dict_dir, sohoa_pipeline_shared *out,
                               sohoa_err *err)
{
    memset(out, 0, sizeof *out);
    int rc;
    if (rules_dir && (rc = sohoa_rules_load(rules_dir, &out->rules, err)) != SOHOA_OK)
        return rc;
    if (models_dir && (rc = sohoa_restorer_open(models_dir, dict_dir, &out->restorer, err)) != SOHOA_OK) {
        sohoa_rules_free(out->rules);
        out->rules = NULL;
        return rc;
    }
    return SOHOA_OK;
}

void sohoa_pipeline_shared_free(sohoa_pipeline_shared *sh)
{
    if (sh->rules)
        sohoa_rules_free(sh->rules);
    if (sh->restorer)
        sohoa_restorer_free(sh->restorer);
    memset(sh, 0, sizeof *sh);
}
