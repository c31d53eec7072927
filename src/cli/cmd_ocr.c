/* cmd_ocr.c — `sohoa ocr`: OCR scans and PDFs (Tesseract vie), normalised
 * and restored. A thin front on include/sohoa/ocr.h: options, the tasks (a
 * file; or with -j N in text format one per page of a multi-page file, so
 * the pages of one long TIFF or PDF share the workers, then one that joins
 * and restores them), worker processes (ocr_pool.h) each reusing the engine
 * and the restorer loaded once before they start, so OCR, restoration and
 * rendering all run in the workers while the parent only plans and prints,
 * output in input order, restoration through include/sohoa/normalize.h and
 * include/sohoa/restore.h. Owner: issue #13. */
#include "cli.h"

#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sohoa/buf.h"
#include "sohoa/normalize.h"
#include "sohoa/ocr.h"
#include "sohoa/restore.h"
#include "ocr_parts.h"
#include "ocr_pool.h"

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_ocr = {
    "ocr",
    "OCR scans and PDFs (Tesseract vie), restored",
    "usage: sohoa ocr [OPTIONS] FILE...\n"
    "\n"
    "OCR page images (PNG, JPEG, TIFF incl. multi-page/G4/LZW, PNM) and PDFs.\n"
    "Text goes to stdout, pages separated by a form-feed line (and files too).\n"
    "Each page is measured first and cleaned only as it needs (border crop,\n"
    "median filter, contrast, deskew, rescale, binarisation, orientation); the\n"
    "text is then normalised and restored with the OCR confidences.\n"
    "\n"
    "options:\n"
    "  --raw                  print Tesseract's text untouched (no normalisation/restoration)\n"
    "  --format text|json|hocr  output format (default text; json: one object per file\n"
    "                         per line with pages, reports, lines, words, boxes, confidences)\n"
    "  --lang L               Tesseract languages (default vie; e.g. vie+eng)\n"
    "  --dpi N                resolution of the input (default: from the file, else estimated)\n"
    "  -j, --jobs N           N worker processes, each with its own engine (default 1);\n"
    "                         in text format the pages of a multi-page file are shared\n"
    "                         among them too, and printed in page order\n"
    "  --pdf OUT.pdf          also write a searchable PDF: the original page images (the\n"
    "                         scan stays the record) with the OCR text invisible over\n"
    "                         them, mapped back through cropping and deskew; one FILE only\n"
    "  --pdf-text auto|never|always  use a PDF page's text layer instead of OCR: auto when\n"
    "                         it is genuine Vietnamese (default), never, or always\n"
    "  --max-pixels N         refuse pages larger than N pixels, before decoding (150000000)\n"
    "  --max-pages N          refuse a TIFF or PDF with more pages (2000)\n"
    "  --time-limit S         give up on a file after S seconds, inside Tesseract too\n"
    "                         (default 600; 0: no limit); with -j N, per share of pages\n"
    "  --no-STEP              disable a preprocessing step: gray, border, denoise, contrast,\n"
    "                         deskew, binarize, rescale, orient; --no-preprocess: all\n"
    "  --tessdata DIR         Tesseract's tessdata directory\n"
    "\n"
    "Exit status: 0 all files OCRed, 1 some files failed (one line each on stderr),\n"
    "2 usage error or the engine could not start.\n",
    run,
};

enum { FMT_TEXT, FMT_JSON, FMT_HOCR };

/* Kinds of task. A file is OCRed, restored and rendered as one task, or
 * (with -j N in text format, when it has several pages) OCRed as one task
 * per page and then joined, restored and rendered by a JOIN task, in a
 * worker too, once its pages are all back. */
enum { T_FILE, T_PAGES, T_JOIN };

typedef struct task {
    int kind;
    size_t file;
    int first, count;  /* T_PAGES: pages first..first+count-1 */
    int sent;          /* handed to a worker */
    int status;        /* OCR_POOL_* once done */
    char *blob;        /* T_PAGES once done: its packed OCR (ocr_parts.h), or its error line */
    size_t len;
} task;

typedef struct file_job {
    const char *path;
    size_t first_task, ntasks; /* its T_FILE task, or its T_PAGES tasks */
    size_t ndone;              /* of those, done */
    int ready;                 /* out is final: what to print, or the error line */
    int failed;
    char *out;
} file_job;

typedef struct ctx {
    sohoa_ocr_opts opts;
    int raw, format, jobs;
    const sohoa_restorer *restorer;
    sohoa_ocr *engine;      /* loaded once; each worker process uses its own copy */
    file_job *files;
    size_t nfiles;
    size_t planned;         /* files [0, planned) have their tasks */
    size_t next_print;      /* next file to print */
    task *tasks;
    size_t ntasks, cap;
    size_t next_task;       /* first task that may not have been sent */
    size_t unsent;          /* T_FILE and T_PAGES tasks not yet sent */
    size_t *joins;          /* files whose pages are all OCRed, waiting to be joined */
    size_t njoins, join_head;
    int failed, printed;
} ctx;

/* Number of page-break lines ("\f" alone) of raw before its 1-based line n. */
static int breaks_before(const int *brk, int nbrk, int n)
{
    int k = 0;
    while (k < nbrk && brk[k] < n)
        k++;
    return k;
}

/* The normaliser treats the form-feed lines between pages as layout and
 * drops them; put them back in d->text, where the normalised line that
 * maps to an input line after the i-th break starts page i+1. */
static void restore_page_breaks(sohoa_doc *d, const int *line_map, size_t nlines)
{
    int *brk = NULL, nbrk = 0, line = 1;
    for (const char *p = d->raw; *p; p++) {
        if ((p == d->raw || p[-1] == '\n') && p[0] == '\f' && (p[1] == '\n' || p[1] == '\0')) {
            brk = sohoa_xrealloc(brk, (size_t)(nbrk + 1) * sizeof *brk);
            brk[nbrk++] = line;
        }
        if (*p == '\n')
            line++;
    }
    if (nbrk == 0 || !line_map || !d->text) {
        free(brk);
        return;
    }
    sohoa_buf b = SOHOA_BUF_INIT;
    const char *t = d->text;
    int page = 0;
    for (size_t i = 0; i < nlines && *t; i++) {
        const char *nl = strchr(t, '\n');
        size_t len = nl ? (size_t)(nl - t) : strlen(t);
        for (int want = breaks_before(brk, nbrk, line_map[i]); page < want; page++)
            sohoa_buf_puts(&b, "\f\n");
        sohoa_buf_append(&b, t, len);
        if (nl)
            sohoa_buf_putc(&b, '\n');
        t = nl ? nl + 1 : t + len;
    }
    sohoa_buf_puts(&b, t); /* anything past the mapped lines, unchanged */
    for (; page < nbrk; page++) /* trailing pages left empty by normalisation */
        sohoa_buf_puts(&b, "\f\n");
    free(d->text);
    d->text = sohoa_buf_steal(&b);
    free(brk);
}

/* Normalise and restore d->raw into d->text, keeping the page breaks.
 * Without a restorer: normalised only. */
static int restore(const ctx *c, sohoa_doc *d, sohoa_err *err)
{
    sohoa_norm_result nr;
    int rc = sohoa_normalize(d->raw, strlen(d->raw), SOHOA_NORM_LAYOUT, &nr, err);
    if (rc)
        return sohoa_err_prefix(err, d->path);
    free(d->text);
    d->text = nr.text;
    nr.text = NULL;
    if (c->restorer) {
        sohoa_restore_opts ro;
        sohoa_restore_opts_init(&ro);
        rc = sohoa_restore_doc(c->restorer, &ro, d, err);
    }
    if (!rc)
        restore_page_breaks(d, nr.line_map, nr.nlines);
    sohoa_norm_result_free(&nr);
    return rc ? sohoa_err_prefix(err, d->path) : SOHOA_OK;
}

/* What to print of d. A joined document (several workers' pages) has no
 * engine state behind it: it is only ever rendered as text. */
static char *render(const ctx *c, sohoa_ocr *e, const sohoa_doc *d)
{
    if (c->format == FMT_JSON)
        return sohoa_ocr_to_json(e, d);
    if (c->format == FMT_HOCR)
        return sohoa_ocr_to_hocr(e, d);
    const char *t = c->raw || !d->text ? d->raw : d->text;
    return sohoa_xstrdup(t ? t : "");
}

/* --- a task's input bytes (native byte order: parent and worker are the
 * same program): int32 kind, first, count, uint64 file; a JOIN then has
 * uint64 nparts and per part int32 first, count, uint64 length, bytes. */

typedef struct msg_reader {
    const char *p, *end;
} msg_reader;

static int msg_get(msg_reader *r, void *out, size_t n)
{
    if ((size_t)(r->end - r->p) < n)
        return -1;
    memcpy(out, r->p, n);
    r->p += n;
    return 0;
}

static void msg_head(sohoa_buf *b, const task *t)
{
    int32_t v[3] = {t->kind, t->first, t->count};
    uint64_t file = t->file;
    sohoa_buf_append(b, v, sizeof v);
    sohoa_buf_append(b, &file, sizeof file);
}

/* --- in a worker (or here with -j 1) --- */

/* A failed task's blob: its error line. */
static int fail(char **blob, size_t *len, const sohoa_err *err)
{
    *blob = sohoa_xstrdup(err->msg);
    *len = strlen(*blob);
    return 1;
}

/* Join the packed page ranges of a JOIN message into d. */
static int join_parts(const char *path, msg_reader *r, sohoa_doc *d, sohoa_err *err)
{
    uint64_t nparts;
    if (msg_get(r, &nparts, sizeof nparts))
        return sohoa_err_set(err, SOHOA_EINTERNAL, "%s: the pages came back damaged from their workers", path);
    for (uint64_t k = 0; k < nparts; k++) {
        int32_t range[2] = {0, 0};
        uint64_t n = 0;
        if (msg_get(r, range, sizeof range) || msg_get(r, &n, sizeof n) ||
            (uint64_t)(r->end - r->p) < n || ocr_part_append(d, r->p, (size_t)n) != 0)
            return sohoa_err_set(err, SOHOA_EINTERNAL, "%s: pages %d..%d came back damaged from their worker",
                                 path, range[0], range[0] + range[1] - 1);
        r->p += n;
    }
    return SOHOA_OK;
}

/* Do one task: a whole file is OCRed, restored and rendered; a page range
 * is OCRed and packed for joining; a JOIN joins the packed pages of a file,
 * restores and renders them. */
static int work(void *arg, size_t id, const char *in, size_t inlen, char **blob, size_t *len)
{
    (void)id;
    ctx *c = arg;
    msg_reader r = {in, in + inlen};
    int32_t v[3];
    uint64_t file;
    if (msg_get(&r, v, sizeof v) || msg_get(&r, &file, sizeof file) || file >= c->nfiles) {
        *blob = sohoa_xstrdup("a work unit came damaged from the parent process");
        *len = strlen(*blob);
        return 1;
    }
    int kind = v[0], first = v[1], count = v[2];
    const char *path = c->files[file].path;
    sohoa_err err;
    sohoa_err_clear(&err);
    sohoa_doc *d = sohoa_doc_new();
    int rc;
    if (kind == T_JOIN) {
        d->path = sohoa_xstrdup(path);
        rc = join_parts(path, &r, d, &err);
    } else {
        rc = kind == T_PAGES ? sohoa_ocr_file_pages(c->engine, path, first, count, d, &err)
                             : sohoa_ocr_file(c->engine, path, d, &err);
    }
    if (!rc && kind != T_PAGES && !c->raw)
        rc = restore(c, d, &err);
    if (rc) {
        sohoa_doc_free(d);
        return fail(blob, len, &err);
    }
    if (kind == T_PAGES) {
        *blob = ocr_part_pack(d, len);
    } else {
        *blob = render(c, c->engine, d);
        *len = strlen(*blob);
    }
    sohoa_doc_free(d);
    return 0;
}

/* --- in the parent --- */

static task *add_task(ctx *c, int kind, size_t file, int first, int count)
{
    if (c->ntasks == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->tasks = sohoa_xrealloc(c->tasks, c->cap * sizeof *c->tasks);
    }
    task *t = &c->tasks[c->ntasks++];
    *t = (task){kind, file, first, count, 0, 0, NULL, 0};
    return t;
}

/* The tasks of the next file: one; with several workers and text output,
 * one per page of a multi-page file (joined again before restoration). */
static void plan_next_file(ctx *c)
{
    size_t i = c->planned++;
    file_job *f = &c->files[i];
    int pages = 1;
    sohoa_err err;
    if (c->jobs > 1 && c->format == FMT_TEXT && !c->opts.pdf_out &&
        sohoa_ocr_count_pages(f->path, &c->opts, &pages, &err) != SOHOA_OK)
        pages = 1; /* the worker will report why */
    int split = c->jobs > 1 && c->format == FMT_TEXT && !c->opts.pdf_out && pages > 1;
    f->first_task = c->ntasks;
    for (int p = 0; p < (split ? pages : 1); p++)
        add_task(c, split ? T_PAGES : T_FILE, i, split ? p + 1 : 1, split ? 1 : 0);
    f->ntasks = c->ntasks - f->first_task;
    c->unsent += f->ntasks;
}

/* Plan files until a task is waiting to be sent (or none is left): the
 * parent does this while the workers OCR, not before they start. */
static void plan_ahead(ctx *c)
{
    while (c->unsent == 0 && c->planned < c->nfiles)
        plan_next_file(c);
}

/* A JOIN task's input: the packed pages of file fi in page order (their
 * blobs are freed: the worker that joins them owns the only copy). */
static char *join_message(ctx *c, size_t fi, const task *join, size_t *len)
{
    file_job *f = &c->files[fi];
    sohoa_buf b = SOHOA_BUF_INIT;
    msg_head(&b, join);
    uint64_t nparts = f->ntasks;
    sohoa_buf_append(&b, &nparts, sizeof nparts);
    for (size_t k = 0; k < f->ntasks; k++) {
        task *t = &c->tasks[f->first_task + k];
        int32_t range[2] = {t->first, t->count};
        uint64_t n = t->len;
        sohoa_buf_append(&b, range, sizeof range);
        sohoa_buf_append(&b, &n, sizeof n);
        sohoa_buf_append(&b, t->blob, t->len);
        free(t->blob);
        t->blob = NULL;
    }
    *len = b.len;
    return sohoa_buf_steal(&b);
}

/* The next task for a worker: a file whose pages are all back is joined
 * first (its text can then be printed and its parts freed); then the next
 * file or page in input order. */
static int next(void *arg, size_t *id, char **in, size_t *inlen)
{
    ctx *c = arg;
    if (c->join_head < c->njoins) {
        size_t fi = c->joins[c->join_head++];
        task *t = add_task(c, T_JOIN, fi, 1, 0);
        t->sent = 1;
        *id = c->ntasks - 1;
        *in = join_message(c, fi, t, inlen);
        return 1;
    }
    plan_ahead(c);
    while (c->next_task < c->ntasks && c->tasks[c->next_task].sent)
        c->next_task++;
    if (c->next_task == c->ntasks)
        return 0;
    task *t = &c->tasks[c->next_task++];
    t->sent = 1;
    c->unsent--;
    sohoa_buf b = SOHOA_BUF_INIT;
    msg_head(&b, t);
    *id = (size_t)(t - c->tasks);
    *inlen = b.len;
    *in = sohoa_buf_steal(&b);
    return 1;
}

/* Print one file's text (or its error line). */
static void print_file(ctx *c, const char *text, const char *error)
{
    if (error) {
        cli_error("ocr", "%s", error);
        c->failed = 1;
        return;
    }
    if (c->format == FMT_TEXT && c->printed)
        fputs("\f\n", stdout); /* files are separated like pages */
    fputs(text, stdout);
    if (!*text || text[strlen(text) - 1] != '\n')
        fputc('\n', stdout);
    fflush(stdout);
    c->printed = 1;
}

/* Print every file, in input order, whose result is final. */
static void print_ready(ctx *c)
{
    for (; c->next_print < c->planned && c->files[c->next_print].ready; c->next_print++) {
        file_job *f = &c->files[c->next_print];
        print_file(c, f->failed ? NULL : f->out, f->failed ? f->out : NULL);
        free(f->out);
        f->out = NULL;
    }
}

/* File fi's result (owned from now on) is final. */
static void settle(ctx *c, size_t fi, int failed, char *out)
{
    file_job *f = &c->files[fi];
    f->ready = 1, f->failed = failed, f->out = out;
}

/* Every page of file fi is back: the first failed page (in page order)
 * fails the file; else the pages wait to be joined. */
static void pages_back(ctx *c, size_t fi)
{
    file_job *f = &c->files[fi];
    task *bad = NULL;
    for (size_t k = 0; k < f->ntasks && !bad; k++)
        if (c->tasks[f->first_task + k].status != OCR_POOL_OK)
            bad = &c->tasks[f->first_task + k];
    if (!bad) {
        c->joins = sohoa_xrealloc(c->joins, (c->njoins + 1) * sizeof *c->joins);
        c->joins[c->njoins++] = fi;
        return;
    }
    settle(c, fi, 1, bad->blob);
    bad->blob = NULL;
    for (size_t k = 0; k < f->ntasks; k++) {
        task *t = &c->tasks[f->first_task + k];
        free(t->blob);
        t->blob = NULL;
    }
}

/* Task id is done: keep its result, print what is ready, plan ahead. */
static void done(void *arg, size_t id, int status, char *blob, size_t len)
{
    ctx *c = arg;
    task *t = &c->tasks[id];
    if (status == OCR_POOL_LOST) { /* the pool's message does not name the file */
        char *named = sohoa_xmalloc(strlen(c->files[t->file].path) + len + 3);
        sprintf(named, "%s: %s", c->files[t->file].path, blob);
        free(blob);
        blob = named;
        len = strlen(named);
    }
    t->status = status;
    if (t->kind == T_PAGES) {
        t->blob = blob, t->len = len;
        file_job *f = &c->files[t->file];
        if (++f->ndone == f->ntasks)
            pages_back(c, t->file);
    } else {
        settle(c, t->file, status != OCR_POOL_OK, blob);
    }
    print_ready(c);
    plan_ahead(c);
}

/* Do every task: here, one after the other, or on c->jobs worker processes. */
static void run_tasks(ctx *c)
{
    ocr_pool_cb cb = {next, work, done, c};
    if (c->jobs > 1 && ocr_pool_run(c->jobs, &cb) == 0)
        return;
    /* one job, or no process could be forked: do the work here */
    ocr_pool_run_here(&cb);
}

/* With fewer files than workers, plan them all now: no more workers are
 * started than there are tasks. */
static void plan_few(ctx *c)
{
    if (c->jobs <= 1 || c->nfiles >= (size_t)c->jobs)
        return;
    while (c->planned < c->nfiles)
        plan_next_file(c);
    if ((size_t)c->jobs > c->ntasks)
        c->jobs = (int)c->ntasks;
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

enum { O_RAW = 256, O_FORMAT, O_LANG, O_DPI, O_PDF, O_PDF_TEXT, O_MAX_PIXELS, O_TESSDATA,
       O_NO_PRE, O_TIME_LIMIT, O_MAX_PAGES, O_NO_STEP };

static const char *const step_opts[] = {"no-gray", "no-border", "no-denoise", "no-contrast",
                                        "no-deskew", "no-binarize", "no-rescale", "no-orient"};

static int parse_args(int argc, char **argv, ctx *c, int *jobs, const char **pdf)
{
    struct option lo[32] = {
        {"raw", no_argument, 0, O_RAW},
        {"format", required_argument, 0, O_FORMAT},
        {"lang", required_argument, 0, O_LANG},
        {"dpi", required_argument, 0, O_DPI},
        {"jobs", required_argument, 0, 'j'},
        {"pdf", required_argument, 0, O_PDF},
        {"pdf-text", required_argument, 0, O_PDF_TEXT},
        {"max-pixels", required_argument, 0, O_MAX_PIXELS},
        {"tessdata", required_argument, 0, O_TESSDATA},
        {"no-preprocess", no_argument, 0, O_NO_PRE},
        {"time-limit", required_argument, 0, O_TIME_LIMIT},
        {"max-pages", required_argument, 0, O_MAX_PAGES},
    };
    int nlo = 12;
    for (int i = 0; i < 8; i++)
        lo[nlo++] = (struct option){step_opts[i], no_argument, 0, O_NO_STEP + i};
    lo[nlo] = (struct option){0, 0, 0, 0};
    long v;
    int opt, idx;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "j:", lo, &idx)) != -1) {
        switch (opt) {
        case O_RAW: c->raw = 1; break;
        case O_FORMAT:
            if (strcmp(optarg, "text") == 0) c->format = FMT_TEXT;
            else if (strcmp(optarg, "json") == 0) c->format = FMT_JSON;
            else if (strcmp(optarg, "hocr") == 0) c->format = FMT_HOCR;
            else return cli_usage_error(&sohoa_cmd_ocr, "--format must be text, json or hocr, not '%s'", optarg);
            break;
        case O_LANG: c->opts.lang = optarg; break;
        case O_TESSDATA: c->opts.tessdata = optarg; break;
        case O_DPI:
            if (parse_int(optarg, 30, 2400, &v))
                return cli_usage_error(&sohoa_cmd_ocr, "--dpi must be a number from 30 to 2400, not '%s'", optarg);
            c->opts.dpi = (int)v;
            break;
        case 'j':
            if (parse_int(optarg, 1, 256, &v))
                return cli_usage_error(&sohoa_cmd_ocr, "-j must be a number from 1 to 256, not '%s'", optarg);
            *jobs = (int)v;
            break;
        case O_PDF: *pdf = optarg; break;
        case O_PDF_TEXT:
            if (strcmp(optarg, "auto") == 0) c->opts.pdf_text = SOHOA_PDF_TEXT_AUTO;
            else if (strcmp(optarg, "never") == 0) c->opts.pdf_text = SOHOA_PDF_TEXT_NEVER;
            else if (strcmp(optarg, "always") == 0) c->opts.pdf_text = SOHOA_PDF_TEXT_ALWAYS;
            else return cli_usage_error(&sohoa_cmd_ocr, "--pdf-text must be auto, never or always, not '%s'", optarg);
            break;
        case O_MAX_PIXELS:
            if (parse_int(optarg, 1, 4000000000L, &v))
                return cli_usage_error(&sohoa_cmd_ocr, "--max-pixels must be a positive number, not '%s'", optarg);
            c->opts.max_pixels = v;
            break;
        case O_MAX_PAGES: {
            int rc = cli_parse_int(&sohoa_cmd_ocr, "--max-pages", optarg, 1, &c->opts.max_pages);
            if (rc)
                return rc;
            break;
        }
        case O_NO_PRE: c->opts.steps = 0; break;
        case O_TIME_LIMIT: {
            int rc = cli_parse_number(&sohoa_cmd_ocr, "--time-limit", optarg, 0, &c->opts.time_limit);
            if (rc)
                return rc;
            break;
        }
        default:
            if (opt >= O_NO_STEP && opt < O_NO_STEP + 8) {
                c->opts.steps &= ~(1u << (opt - O_NO_STEP));
                break;
            }
            return cli_usage_error(&sohoa_cmd_ocr, "unknown option");
        }
    }
    if (optind >= argc)
        return cli_usage_error(&sohoa_cmd_ocr, "no input FILE given");
    if (*pdf && argc - optind != 1)
        return cli_usage_error(&sohoa_cmd_ocr, "--pdf takes exactly one input FILE");
    if (c->format == FMT_HOCR)
        c->opts.want_hocr = 1;
    return 0;
}

/* Loading the restorer on a thread of its own while the engine loads on
 * the main one (the two are independent, about 0.1 s of CPU each): the
 * start-up before the workers fork is the one part of a run that no
 * worker shares. The thread is joined before anything else runs. */
typedef struct restorer_load {
    char models[4096], dicts[4096];
    sohoa_restorer *r;
    sohoa_err err;
    int rc;
} restorer_load;

static void *load_restorer(void *arg)
{
    restorer_load *l = arg;
    sohoa_err_clear(&l->err);
    l->rc = sohoa_restorer_open(l->models, l->dicts, &l->r, &l->err);
    return NULL;
}

/* Load the engine into c->engine and, unless --raw, the restorer (at the
 * same time) into c->restorer and *r (the caller frees it). Returns 0, or
 * EXIT_USAGE when the engine cannot start (said on stderr). A restorer
 * that cannot be opened only warns: the text is then normalised only. */
static int load_models(ctx *c, sohoa_restorer **r)
{
    restorer_load l;
    memset(&l, 0, sizeof l);
    cli_data_path("models", l.models, sizeof l.models);
    cli_data_path("dictionaries", l.dicts, sizeof l.dicts);
    pthread_t th;
    int threaded = !c->raw && pthread_create(&th, NULL, load_restorer, &l) == 0;
    sohoa_err err;
    sohoa_err_clear(&err);
    /* One engine, loaded before the workers are forked: they share its pages. */
    int rc = sohoa_ocr_new(&c->opts, &c->engine, &err);
    if (threaded)
        pthread_join(th, NULL);
    else if (!c->raw && rc == SOHOA_OK)
        load_restorer(&l);
    if (rc != SOHOA_OK) {
        if (l.r)
            sohoa_restorer_free(l.r);
        cli_error("ocr", "%s", err.msg);
        return EXIT_USAGE;
    }
    if (!c->raw && l.rc != SOHOA_OK)
        fprintf(stderr, "sohoa ocr: warning: no restoration (%s); printing normalised OCR text\n",
                l.err.msg);
    *r = l.r;
    c->restorer = l.r;
    return 0;
}

static int run(int argc, char **argv)
{
    cli_pin_openmp(argc, argv);
    ctx c;
    memset(&c, 0, sizeof c);
    sohoa_ocr_opts_init(&c.opts);
    c.opts.time_limit = 600; /* as `sohoa process`: no file may hang the run */
    c.jobs = 1;
    const char *pdf = NULL;
    int rc = parse_args(argc, argv, &c, &c.jobs, &pdf);
    if (rc)
        return rc;
    c.opts.pdf_out = pdf;
    sohoa_restorer *r = NULL;
    if ((rc = load_models(&c, &r)) != 0)
        return rc;
    c.nfiles = (size_t)(argc - optind);
    c.files = sohoa_xcalloc(c.nfiles, sizeof *c.files);
    for (size_t i = 0; i < c.nfiles; i++)
        c.files[i].path = argv[optind + (int)i];
    plan_few(&c);
    run_tasks(&c);
    if (r)
        sohoa_restorer_free(r);
    sohoa_ocr_free(c.engine);
    for (size_t i = 0; i < c.ntasks; i++)
        free(c.tasks[i].blob);
    for (size_t i = 0; i < c.nfiles; i++)
        free(c.files[i].out);
    free(c.tasks);
    free(c.joins);
    free(c.files);
    return c.failed ? EXIT_SOME_FAILED : EXIT_OK;
}
