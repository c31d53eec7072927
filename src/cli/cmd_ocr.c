/* cmd_ocr.c — `sohoa ocr`: OCR scans and PDFs (Tesseract vie), normalised
 * and restored. A thin front on include/sohoa/ocr.h: options, one engine per
 * worker thread (-j N), output in input order, restoration through
 * include/sohoa/normalize.h and include/sohoa/restore.h.
 * Owner: issue #13. */
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
    "  -j, --jobs N           N worker threads, each with its own engine (default 1)\n"
    "  --pdf OUT.pdf          also write a searchable PDF (page images + invisible text);\n"
    "                         one input FILE only\n"
    "  --pdf-text auto|never|always  use a PDF page's text layer instead of OCR: auto when\n"
    "                         it is genuine Vietnamese (default), never, or always\n"
    "  --max-pixels N         refuse pages larger than N pixels, before decoding (150000000)\n"
    "  --no-STEP              disable a preprocessing step: gray, border, denoise, contrast,\n"
    "                         deskew, binarize, rescale, orient; --no-preprocess: all\n"
    "  --tessdata DIR         Tesseract's tessdata directory\n"
    "\n"
    "Exit status: 0 all files OCRed, 1 some files failed (one line each on stderr),\n"
    "2 usage error or the engine could not start.\n",
    run,
};

enum { FMT_TEXT, FMT_JSON, FMT_HOCR };

typedef struct job {
    const char *path;
    char *out;     /* what to print for this file */
    char err[1024];
    int failed;
    int done;
} job;

typedef struct ctx {
    sohoa_ocr_opts opts;
    int raw, format;
    const sohoa_restorer *restorer;
    job *jobs;
    size_t njobs, next;
    pthread_mutex_t mu;
    pthread_cond_t cv;
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

static char *render(const ctx *c, sohoa_ocr *e, const sohoa_doc *d)
{
    if (c->format == FMT_JSON)
        return sohoa_ocr_to_json(e, d);
    if (c->format == FMT_HOCR)
        return sohoa_ocr_to_hocr(e, d);
    const char *t = c->raw || !d->text ? d->raw : d->text;
    return sohoa_xstrdup(t ? t : "");
}

static void do_job(ctx *c, sohoa_ocr *e, job *j)
{
    sohoa_err err;
    sohoa_err_clear(&err);
    sohoa_doc *d = sohoa_doc_new();
    int rc = sohoa_ocr_file(e, j->path, d, &err);
    if (!rc && !c->raw)
        rc = restore(c, d, &err);
    if (rc) {
        snprintf(j->err, sizeof j->err, "%s", err.msg);
        j->failed = 1;
    } else {
        j->out = render(c, e, d);
    }
    sohoa_doc_free(d);
}

typedef struct worker {
    ctx *c;
    sohoa_ocr *e;
    pthread_t tid;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    ctx *c = w->c;
    for (;;) {
        pthread_mutex_lock(&c->mu);
        size_t i = c->next++;
        pthread_mutex_unlock(&c->mu);
        if (i >= c->njobs)
            break;
        do_job(c, w->e, &c->jobs[i]);
        pthread_mutex_lock(&c->mu);
        c->jobs[i].done = 1;
        pthread_cond_broadcast(&c->cv);
        pthread_mutex_unlock(&c->mu);
    }
    return NULL;
}

/* Print job i's output (or its error line); returns 1 if it failed. */
static int emit(const ctx *c, job *j, int first)
{
    if (j->failed) {
        cli_error("ocr", "%s", j->err);
        return 1;
    }
    if (c->format == FMT_TEXT && !first)
        fputs("\f\n", stdout); /* files are separated like pages */
    fputs(j->out, stdout);
    if (!*j->out || j->out[strlen(j->out) - 1] != '\n')
        fputc('\n', stdout);
    fflush(stdout);
    free(j->out);
    j->out = NULL;
    return 0;
}

static int run_jobs(ctx *c, sohoa_ocr **engines, int nworkers)
{
    int failed = 0, first = 1;
    if (nworkers == 1) { /* no threads: OCR and print one file at a time */
        for (size_t i = 0; i < c->njobs; i++) {
            do_job(c, engines[0], &c->jobs[i]);
            if (emit(c, &c->jobs[i], first))
                failed = 1;
            else
                first = 0;
        }
        return failed;
    }
    worker *ws = sohoa_xcalloc((size_t)nworkers, sizeof *ws);
    int *started = sohoa_xcalloc((size_t)nworkers, sizeof *started);
    pthread_mutex_init(&c->mu, NULL);
    pthread_cond_init(&c->cv, NULL);
    int nstarted = 0;
    for (int k = 0; k < nworkers; k++) {
        ws[k].c = c, ws[k].e = engines[k];
        started[k] = pthread_create(&ws[k].tid, NULL, work, &ws[k]) == 0;
        nstarted += started[k];
    }
    if (nstarted == 0)
        work(&ws[0]); /* threads unavailable: run here */
    for (size_t i = 0; i < c->njobs; i++) {
        pthread_mutex_lock(&c->mu);
        while (!c->jobs[i].done)
            pthread_cond_wait(&c->cv, &c->mu);
        pthread_mutex_unlock(&c->mu);
        if (emit(c, &c->jobs[i], first))
            failed = 1;
        else
            first = 0;
    }
    for (int k = 0; k < nworkers; k++)
        if (started[k])
            pthread_join(ws[k].tid, NULL);
    pthread_mutex_destroy(&c->mu);
    pthread_cond_destroy(&c->cv);
    free(started);
    free(ws);
    return failed;
}

/* Tesseract's OpenMP threads: one engine per core is faster than one engine
 * spreading over all cores, and OpenMP reads its limit only at start-up, so
 * set it and start again (once). */
static void pin_openmp(int argc, char **argv)
{
    if (getenv("OMP_THREAD_LIMIT"))
        return;
    setenv("OMP_THREAD_LIMIT", "1", 1);
    char **args = sohoa_xcalloc((size_t)argc + 2, sizeof *args);
    args[0] = "sohoa";
    for (int i = 0; i < argc; i++)
        args[i + 1] = argv[i];
    execv("/proc/self/exe", args);
    free(args); /* exec failed: carry on with OpenMP's default */
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
       O_NO_PRE, O_NO_STEP };

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
    };
    int nlo = 10;
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
        case O_NO_PRE: c->opts.steps = 0; break;
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

/* Open the restorer; when its model is absent, warn once and go on. */
static sohoa_restorer *open_restorer(void)
{
    char models[4096], dicts[4096];
    cli_data_path("models", models, sizeof models);
    cli_data_path("dictionaries", dicts, sizeof dicts);
    sohoa_restorer *r = NULL;
    sohoa_err err;
    sohoa_err_clear(&err);
    if (sohoa_restorer_open(models, dicts, &r, &err) != SOHOA_OK) {
        fprintf(stderr, "sohoa ocr: warning: no restoration (%s); printing normalised OCR text\n",
                err.msg);
        return NULL;
    }
    return r;
}

static int run(int argc, char **argv)
{
    pin_openmp(argc, argv);
    ctx c;
    memset(&c, 0, sizeof c);
    sohoa_ocr_opts_init(&c.opts);
    int jobs = 1;
    const char *pdf = NULL;
    int rc = parse_args(argc, argv, &c, &jobs, &pdf);
    if (rc)
        return rc;
    c.opts.pdf_out = pdf;
    c.njobs = (size_t)(argc - optind);
    c.jobs = sohoa_xcalloc(c.njobs, sizeof *c.jobs);
    for (size_t i = 0; i < c.njobs; i++)
        c.jobs[i].path = argv[optind + (int)i];
    if ((size_t)jobs > c.njobs)
        jobs = (int)c.njobs;

    sohoa_ocr **engines = sohoa_xcalloc((size_t)jobs, sizeof *engines);
    int status = EXIT_OK;
    for (int k = 0; k < jobs; k++) {
        sohoa_err err;
        sohoa_err_clear(&err);
        if (sohoa_ocr_new(&c.opts, &engines[k], &err) != SOHOA_OK) {
            cli_error("ocr", "%s", err.msg);
            status = EXIT_USAGE;
            break;
        }
    }
    sohoa_restorer *r = NULL;
    if (status == EXIT_OK && !c.raw)
        c.restorer = r = open_restorer();
    if (status == EXIT_OK && run_jobs(&c, engines, jobs))
        status = EXIT_SOME_FAILED;
    if (r)
        sohoa_restorer_free(r);
    for (int k = 0; k < jobs; k++)
        sohoa_ocr_free(engines[k]);
    free(engines);
    free(c.jobs);
    return status;
}
