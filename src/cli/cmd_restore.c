/* cmd_restore.c — `sohoa restore`: restore diacritics and correct OCR errors
 * (a thin front on include/sohoa/restore.h), within a size and a time limit
 * per file, with a progress bar for whoever watches a long run. Owner:
 * issue #12 (limits: issue #9). */
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sohoa/buf.h"
#include "sohoa/clock.h"
#include "sohoa/file.h"
#include "sohoa/json.h"
#include "sohoa/restore.h"
#include "sohoa/syllable.h"
#include "progress_bar.h"

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_restore = {
    "restore",
    "restore diacritics and correct OCR errors",
    "usage: sohoa restore [--model DIR] [--dict DIR] [--json] [--tone-style new|old]\n"
    "                     [--baseline trigram|mfs] [--no-context] [--no-cache]\n"
    "                     [--no-lexicon] [--no-domain] [--no-channel] [--no-case]\n"
    "                     [--no-skelctx] [--no-wide] [--no-winnet]\n"
    "                     [--low-conf X] [--max-bytes N] [--time-limit S] [--quiet]\n"
    "                     [FILE...]\n"
    "\n"
    "Restore Vietnamese text whose diacritics are missing (typed without marks)\n"
    "or mangled (OCR with a non-Vietnamese model: \"Tuyén truyén cai cach\").\n"
    "Reads each FILE (or stdin) as UTF-8 and writes the restored text, exactly\n"
    "one output line per input line; case, punctuation, numbers, dates, codes,\n"
    "URLs and abbreviations are kept (QD-TTg becomes QĐ-TTg by the lexicon).\n"
    "In English-model OCR garble, marks the OCR printed for spaces (cudc.tan)\n"
    "become spaces, lone specks (. | ; ° between words) are dropped, symbols\n"
    "printed for letters are read as them ($6: for Số:), and words the OCR ran\n"
    "together are split (do1ngli: đội ngũ).\n"
    "\n"
    "  --model DIR        directory with sohoa.lm (and domain.lm, sohoa.skc,\n"
    "                     sohoa.wide, sohoa.win, names.txt);\n"
    "                     default the data directory's models/; `sohoa lm\n"
    "                     adapt` makes one for your own documents\n"
    "  --dict DIR         lexicon directory (default dictionaries/)\n"
    "  --json             one JSON object per file: the text, statistics, and per\n"
    "                     token the original, the restored form, a confidence,\n"
    "                     the best alternatives and a low-confidence flag\n"
    "  --tone-style S     new (hòa, default) or old (hoà)\n"
    "  --low-conf X       flag tokens below confidence X (default 0.5)\n"
    "  --baseline B       trigram: plain trigram per line; mfs: most frequent\n"
    "                     form per skeleton (for comparison)\n"
    "  --no-context       decode each line alone\n"
    "  --no-cache         no per-document cache\n"
    "  --no-lexicon       no lexicon bonus\n"
    "  --no-domain        no domain model\n"
    "  --no-channel       no OCR edit channel\n"
    "  --no-case          no capitalisation evidence (names)\n"
    "  --no-skelctx       no skeleton-context model (models/sohoa.skc)\n"
    "  --no-wide          no wide-context model (models/sohoa.wide)\n"
    "  --no-winnet        no window network (models/sohoa.win)\n"
    "  --max-bytes N      refuse a file (or stdin) larger than N bytes with an\n"
    "                     error naming it (default 67108864, 64 MiB)\n"
    "  --time-limit S     give up on a file after S seconds with an error naming\n"
    "                     it, and go on with the next (default 600; 0: no limit)\n"
    "  -q, --quiet        no progress bar\n"
    "\n"
    "A progress bar (files, megabytes, MB/s, ETA) is shown on standard error\n"
    "when it is a terminal and the output goes elsewhere (a file, a pipe), for\n"
    "several files or one of more than 1.5 MB.\n"
    "\n"
    "Exit status: 0 ok, 1 some files failed (e.g. invalid UTF-8), 2 usage or a\n"
    "missing or corrupt model.\n",
    run,
};

static json_t *token_json(const sohoa_rtoken *t, double low)
{
    json_t *o = json_object();
    sohoa_json_set_word(o, t->orig, t->restored, t->conf, t->alts);
    json_object_set_new(o, "low_confidence", json_boolean(t->conf < low));
    return o;
}

static void append_json(const char *name, const sohoa_restore_result *res, double low,
                        sohoa_buf *out)
{
    json_t *root = json_object();
    json_object_set_new(root, "file", json_string(name));
    json_object_set_new(root, "text", json_string(res->text));
    json_t *st = json_object();
    json_object_set_new(st, "tokens", json_integer((json_int_t)res->stats.tokens));
    json_object_set_new(st, "changed", json_integer((json_int_t)res->stats.changed));
    json_object_set_new(st, "low_confidence", json_integer((json_int_t)res->stats.low_conf));
    json_object_set_new(st, "mean_confidence", json_real(res->stats.mean_conf));
    json_object_set_new(root, "stats", st);
    json_t *lines = json_array();
    json_t *cur = NULL, *toks = NULL;
    int curline = 0;
    for (size_t i = 0; i < res->ntokens; i++) {
        const sohoa_rtoken *t = &res->tokens[i];
        if (!cur || t->line != curline) {
            cur = json_object();
            curline = t->line;
            json_object_set_new(cur, "line", json_integer(curline));
            toks = json_array();
            json_object_set_new(cur, "tokens", toks);
            json_array_append_new(lines, cur);
        }
        json_array_append_new(toks, token_json(t, low));
    }
    json_object_set_new(root, "lines", lines);
    char *s = json_dumps(root, JSON_COMPACT | JSON_REAL_PRECISION(6));
    if (s) {
        sohoa_buf_puts(out, s);
        sohoa_buf_putc(out, '\n');
        free(s);
    }
    json_decref(root);
}

typedef struct limits {
    size_t max_bytes;  /* refuse larger inputs */
    double time_limit; /* seconds per file; 0 = none */
} limits;

#define DEFAULT_MAX_BYTES ((size_t)64 << 20)
#define DEFAULT_TIME_LIMIT 600.0

/* ---- progress bar ------------------------------------------------------------ */

/* The bar's state over a whole run: files and bytes done, the current
 * file's size, and whether a bar is on the screen. Drawn at most every
 * BAR_EVERY seconds, after a file or a block of a long one. */
typedef struct progress {
    int on;             /* draw at all (a terminal, not --quiet) */
    size_t nfiles, file; /* files in all; files done */
    double bytes;       /* every file's size (stdin: 0 until read) */
    double before;      /* bytes of the files already done */
    double cur;         /* the current file's size */
    double t0, last;    /* start; last draw */
    int drawn;          /* a bar is on the line */
    int shown;          /* a bar was drawn at some time */
} progress;

#define BAR_EVERY 0.1 /* seconds between two draws, at most one */

static void bar_draw(progress *p, double done_in_file, int force)
{
    double t = sohoa_now();
    if (!force && t - p->last < BAR_EVERY)
        return;
    p->last = t;
    double done = p->before + done_in_file, all = p->bytes > done ? p->bytes : done;
    double secs = t - p->t0, rate = secs > 0 ? done / 1e6 / secs : 0;
    char bar[BAR_WIDTH + 1], eta[32];
    bar_cells(bar, done, all);
    bar_eta(eta, sizeof eta, secs, done, all);
    fprintf(stderr, "\r[%s] %zu/%zu files  %.1f/%.1f MB  %.2f MB/s  ETA %s ", bar, p->file,
            p->nfiles, done / 1e6, all / 1e6, rate, eta);
    fflush(stderr);
    p->drawn = p->shown = 1;
}

/* Take the bar off its line, for an error line. */
static void bar_clear(progress *p)
{
    if (p->drawn) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        p->drawn = 0;
    }
}

/* The restorer's call after each block of the current file. */
static void on_block(size_t done, size_t total, void *ctx)
{
    progress *p = ctx;
    if (total > 0 && done < total) /* a long file part way */
        bar_draw(p, p->cur * (double)done / (double)total, 0);
}

/* A file is done (restored or failed). */
static void file_done(progress *p)
{
    p->before += p->cur;
    p->cur = 0;
    p->file++;
    if (p->on && p->nfiles > 1)
        bar_draw(p, 0, 0);
}

/* Restore data[0..len) and print the result on stdout (the restored text,
 * or its JSON line), or one error line. Under a time limit the restorer
 * stops at the deadline and the file is reported; nothing of a file that
 * fails reaches stdout. Returns 0, or 1 if it failed. */
static int restore_print(const sohoa_restorer *r, const sohoa_restore_opts *o, const char *name,
                         const char *data, size_t len, int json, double limit, progress *p)
{
    sohoa_restore_opts ro = *o;
    ro.deadline = limit > 0 ? sohoa_now() + limit : 0;
    if (p->on) {
        ro.progress = on_block;
        ro.progress_ctx = p;
    }
    sohoa_restore_result res;
    sohoa_err err = {0};
    int rc = sohoa_restore_text(r, &ro, data, len, NULL, 0,
                                json ? SOHOA_TOKENS_ALL : SOHOA_TOKENS_NONE, &res, &err);
    if (rc == SOHOA_OK) {
        if (json) {
            sohoa_buf out = SOHOA_BUF_INIT;
            append_json(name, &res, o->low_conf, &out);
            fwrite(sohoa_buf_cstr(&out), 1, out.len, stdout);
            sohoa_buf_free(&out);
        } else {
            fwrite(res.text, 1, res.len, stdout);
        }
        sohoa_restore_result_free(&res);
        return 0;
    }
    bar_clear(p);
    if (rc == SOHOA_ELIMIT) {
        cli_error("restore", "%s: gave up after %g seconds (--time-limit)", name, limit);
    } else {
        cli_error("restore", "%s: %s", name, err.msg);
    }
    return rc != SOHOA_OK;
}

static int restore_one(const sohoa_restorer *r, const sohoa_restore_opts *o, const limits *lim,
                       const char *path, int json, progress *p)
{
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    char *data;
    size_t len;
    sohoa_err err;
    int rc = sohoa_read_file(path, lim->max_bytes, &data, &len, &err);
    if (rc != SOHOA_OK)
        bar_clear(p);
    if (rc == SOHOA_ELIMIT) {
        cli_error("restore", "%s: larger than the --max-bytes limit of %zu bytes", name,
                  lim->max_bytes);
        return 1;
    }
    if (rc != SOHOA_OK) {
        cli_error("restore", "%s", err.msg);
        return 1;
    }
    if (strcmp(path, "-") == 0)
        p->bytes += (double)len; /* its size known only now */
    p->cur = (double)len;
    int failed = restore_print(r, o, name, data, len, json, lim->time_limit, p);
    free(data);
    fflush(stdout);
    return failed;
}

static int run(int argc, char **argv)
{
    static const struct option opts[] = {
        {"model", required_argument, 0, 'm'},  {"dict", required_argument, 0, 'd'},
        {"json", no_argument, 0, 'j'},         {"tone-style", required_argument, 0, 't'},
        {"baseline", required_argument, 0, 'b'}, {"low-conf", required_argument, 0, 'l'},
        {"no-context", no_argument, 0, 1},     {"no-cache", no_argument, 0, 2},
        {"no-lexicon", no_argument, 0, 3},     {"no-domain", no_argument, 0, 4},
        {"no-channel", no_argument, 0, 5},     {"no-case", no_argument, 0, 6},
        {"no-skelctx", no_argument, 0, 7},
        {"no-wide", no_argument, 0, 8},        {"no-winnet", no_argument, 0, 9},
        {"max-bytes", required_argument, 0, 'B'}, {"time-limit", required_argument, 0, 'T'},
        {"quiet", no_argument, 0, 'q'},        {0, 0, 0, 0}};
    limits lim = {DEFAULT_MAX_BYTES, DEFAULT_TIME_LIMIT};
    double v;
    int rc;
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    char models[PATH_MAX], dicts[PATH_MAX];
    cli_data_path("models", models, sizeof models);
    cli_data_path("dictionaries", dicts, sizeof dicts);
    int json = 0, quiet = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "m:d:jt:b:l:q", opts, NULL)) != -1) {
        switch (c) {
        case 'm':
            snprintf(models, sizeof models, "%s", optarg);
            break;
        case 'd':
            snprintf(dicts, sizeof dicts, "%s", optarg);
            break;
        case 'j':
            json = 1;
            break;
        case 'q':
            quiet = 1;
            break;
        case 't':
            if (strcmp(optarg, "new") == 0)
                o.tone_style = SOHOA_TONE_NEW;
            else if (strcmp(optarg, "old") == 0)
                o.tone_style = SOHOA_TONE_OLD;
            else
                return cli_usage_error(&sohoa_cmd_restore, "--tone-style must be new or old");
            break;
        case 'b':
            if (strcmp(optarg, "trigram") == 0)
                o.baseline = 1;
            else if (strcmp(optarg, "mfs") == 0)
                o.baseline = 2;
            else
                return cli_usage_error(&sohoa_cmd_restore, "--baseline must be trigram or mfs");
            break;
        case 'l': {
            double v;
            int rc = cli_parse_number(&sohoa_cmd_restore, "--low-conf", optarg, 0, &v);
            if (rc != EXIT_OK)
                return rc;
            o.low_conf = v;
            break;
        }
        case 1: o.disable |= SOHOA_RESTORE_NO_CONTEXT; break;
        case 2: o.disable |= SOHOA_RESTORE_NO_CACHE; break;
        case 3: o.disable |= SOHOA_RESTORE_NO_LEXICON; break;
        case 4: o.disable |= SOHOA_RESTORE_NO_DOMAIN; break;
        case 5: o.disable |= SOHOA_RESTORE_NO_CHANNEL; break;
        case 6: o.disable |= SOHOA_RESTORE_NO_CASE; break;
        case 7: o.disable |= SOHOA_RESTORE_NO_SKELCTX; break;
        case 8: o.disable |= SOHOA_RESTORE_NO_WIDE; break;
        case 9: o.disable |= SOHOA_RESTORE_NO_WINNET; break;
        case 'B':
            if ((rc = cli_parse_number(&sohoa_cmd_restore, "--max-bytes", optarg, 1, &v)) != EXIT_OK)
                return rc;
            lim.max_bytes = v < 1e18 ? (size_t)v : (size_t)1e18; /* no overflow */
            break;
        case 'T':
            if ((rc = cli_parse_number(&sohoa_cmd_restore, "--time-limit", optarg, 0, &v)) != EXIT_OK)
                return rc;
            lim.time_limit = v;
            break;
        default:
            return cli_usage_error(&sohoa_cmd_restore, "bad option");
        }
    }
    sohoa_restorer *r;
    sohoa_err err;
    if (sohoa_restorer_open(models, dicts, &r, &err) != SOHOA_OK) {
        cli_error("restore", "%s", err.msg);
        return EXIT_USAGE;
    }
    /* the bar only where someone watches it and the text goes elsewhere */
    progress p = {0};
    p.on = !quiet && isatty(STDERR_FILENO) && !isatty(STDOUT_FILENO);
    p.nfiles = optind >= argc ? 1 : (size_t)(argc - optind);
    for (int i = optind; i < argc && p.on; i++) {
        struct stat st;
        if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) == 0 && S_ISREG(st.st_mode))
            p.bytes += (double)st.st_size;
    }
    p.t0 = sohoa_now();
    int failed = 0;
    if (optind >= argc) {
        failed += restore_one(r, &o, &lim, "-", json, &p);
        file_done(&p);
    }
    for (int i = optind; i < argc; i++) {
        failed += restore_one(r, &o, &lim, argv[i], json, &p);
        file_done(&p);
    }
    if (p.on && (p.shown || p.nfiles > 1)) { /* the run's bar stays, as a summary */
        bar_draw(&p, 0, 1);
        fputc('\n', stderr);
    }
    fflush(stdout);
    sohoa_restorer_free(r);
    return failed ? EXIT_SOME_FAILED : EXIT_OK;
}
