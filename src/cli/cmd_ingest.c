/* cmd_ingest.c — `sohoa ingest`: process files into a database,
 * incrementally, in parallel, crash-safely (a thin front on
 * sohoa_batch_ingest, include/sohoa/batch.h): options, the progress bar on
 * a terminal, the end-of-run report and the JSON summary for nightly jobs. */
#include "cli.h"
#include "pipeline_options.h"
#include "progress_bar.h"
#include "sohoa/batch.h"
#include "sohoa/buf.h"
#include "sohoa/store.h"

#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_ingest = {
    "ingest",
    "process files into a database, incrementally",
    "usage: sohoa ingest --db DB [-j N] [--recursive] [--include GLOB] [--exclude GLOB]\n"
    "                    [--list FILE|-] [--force] [--retry-failed] [--wait] [--quiet]\n"
    "                    [--json-summary FILE] [--move-done DIR --move-failed DIR]\n"
    "                    [--shard I/N] [--commit-every N] [--model DIR] PATH...\n"
    "\n"
    "Runs every file under PATH (files, or folders) through the whole pipeline\n"
    "into the database DB (created if missing), one transaction per document.\n"
    "Files whose content (SHA-256) is already stored are skipped; the same\n"
    "content at two paths is one document with two paths. A killed ingest leaves\n"
    "DB consistent; run it again to finish. A file that fails is recorded (see\n"
    "`sohoa failures`) and the batch goes on; so is, by the next run, a file\n"
    "the program crashed on (stage crash: DB.inflight notes the files in flight).\n"
    "\n"
    "  --db DB              the database (required)\n"
    "  -j, --jobs N         worker threads (default: number of cores)\n"
    "  -r, --recursive      walk subfolders\n"
    "  --include GLOB       only files whose name matches (repeatable)\n"
    "  --exclude GLOB       skip files whose name matches (repeatable)\n"
    "  --list FILE|-        read paths one a line from FILE or stdin\n"
    "  --force              re-process files already stored\n"
    "  --retry-failed       re-process files with a recorded failure (with no\n"
    "                       PATH: every recorded failure)\n"
    "  --wait               wait for another ingest of DB to finish (else exit 2)\n"
    "  -q, --quiet          no progress bar, no report (failures still listed)\n"
    "  --json-summary FILE  write counts, durations and failures as JSON\n"
    "  --move-done DIR      inbox mode: move committed files to DIR ...\n"
    "  --move-failed DIR    ... and failed ones to DIR (same file system)\n"
    "  --shard I/N          only files whose content hash is in shard I of N\n"
    "                       (0 <= I < N); give each shard its own DB\n"
    "  --commit-every N     let up to N documents (or one second's worth) share\n"
    "                       a transaction: faster on many small files; a kill\n"
    "                       loses at most the open batch (default 1; inbox mode\n"
    "                       always commits file by file)\n"
    "  --no-restore         skip diacritic restoration / OCR correction\n"
    "  --encoding E         force the encoding of text files (default: detect)\n"
    "  --time-limit S       give up on a file after S seconds (default 600; 0: no\n"
    "                       limit), stopping OCR and restoration part way\n"
    "  --max-pixels N       refuse pages with more pixels (default 150000000)\n"
    "  --max-bytes N        refuse text files larger than N bytes (default 64 MiB)\n"
    "  --low-conf X         list restored words under confidence X for review\n"
    "                       (default 0.5; 0: none)\n"
    "  --max-pages N        refuse scans and PDFs with more pages (default 2000)\n"
    "  --model DIR          the restorer's models (default the data directory's\n"
    "                       models/; `sohoa lm adapt` makes one for your documents)\n"
    "\n"
    "A progress bar (files, pages/min, ETA, failures) is shown on a terminal.\n"
    "Exit status: 0 all files ok, 1 some failed, 2 usage, fatal error, locked\n"
    "database or interrupted.\n",
    run,
};

typedef struct ingest_args {
    sohoa_batch_opts b;
    sohoa_collect_opts c;
    const char *list, *summary, *shard;
    int quiet;
    const char **inc, **exc;    /* owned arrays of the --include/--exclude globs */
} ingest_args;

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

static const char **push_glob(const char **v, size_t *n, const char *g)
{
    v = sohoa_xrealloc(v, (*n + 1) * sizeof *v);
    v[(*n)++] = g;
    return v;
}

static int parse_opt(int c, ingest_args *a)
{
    double v;
    int rc = EXIT_OK, known = cli_pipeline_option(&sohoa_cmd_ingest, c, optarg, &a->b.popts);
    if (known)
        return known < 0 ? EXIT_USAGE : EXIT_OK;
    switch (c) {
    case 'd': a->b.db_path = optarg; break;
    case 'j':
        rc = cli_parse_int(&sohoa_cmd_ingest, "-j", optarg, 1, &a->b.jobs);
        break;
    case 'C':
        if ((rc = cli_parse_number(&sohoa_cmd_ingest, "--commit-every", optarg, 1, &v)) == EXIT_OK)
            a->b.commit_docs = (size_t)v;
        break;
    case 'r': a->c.recursive = 1; break;
    case 'i': a->inc = push_glob(a->inc, &a->c.ninclude, optarg); break;
    case 'x': a->exc = push_glob(a->exc, &a->c.nexclude, optarg); break;
    case 'l': a->list = optarg; break;
    case 'F': a->b.force = 1; break;
    case 'T': a->b.retry_failed = 1; break;
    case 'w': a->b.wait_lock = 1; break;
    case 'q': a->quiet = 1; break;
    case 'S': a->summary = optarg; break;
    case 'D': a->b.move_done = optarg; break;
    case 'M': a->b.move_failed = optarg; break;
    case 's':
        a->shard = optarg;
        if (sohoa_shard_parse(optarg, &a->b.shard_index, &a->b.shard_count) != 0)
            rc = cli_usage_error(&sohoa_cmd_ingest, "--shard needs I/N with 0 <= I < N, not '%s'", optarg);
        break;
    default:
        rc = cli_usage_error(&sohoa_cmd_ingest, "unknown option");
    }
    return rc;
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int parse(int argc, char **argv, ingest_args *a)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},          {"jobs", required_argument, NULL, 'j'},
        {"recursive", no_argument, NULL, 'r'},         {"include", required_argument, NULL, 'i'},
        {"exclude", required_argument, NULL, 'x'},     {"list", required_argument, NULL, 'l'},
        {"force", no_argument, NULL, 'F'},             {"retry-failed", no_argument, NULL, 'T'},
        {"wait", no_argument, NULL, 'w'},              {"quiet", no_argument, NULL, 'q'},
        {"json-summary", required_argument, NULL, 'S'}, {"move-done", required_argument, NULL, 'D'},
        {"move-failed", required_argument, NULL, 'M'}, {"shard", required_argument, NULL, 's'},
        {"commit-every", required_argument, NULL, 'C'},
        CLI_PIPELINE_OPTIONS,                          {NULL, 0, NULL, 0}};
    int c, rc;
    optind = 1;
    while ((c = getopt_long(argc, argv, "j:rq", longopts, NULL)) != -1)
        if ((rc = parse_opt(c, a)) != EXIT_OK)
            return rc;
    a->c.include = a->inc;
    a->c.exclude = a->exc;
    if (!a->b.db_path)
        return cli_usage_error(&sohoa_cmd_ingest, "--db DB is required");
    if (!!a->b.move_done != !!a->b.move_failed)
        return cli_usage_error(&sohoa_cmd_ingest, "--move-done and --move-failed go together");
    const char *dirs[] = {a->b.move_done, a->b.move_failed};
    for (int i = 0; i < 2; i++)
        if (dirs[i] && !is_dir(dirs[i]))
            return cli_usage_error(&sohoa_cmd_ingest, "%s: no such folder", dirs[i]);
    if (optind >= argc && !a->list && !a->b.retry_failed)
        return cli_usage_error(&sohoa_cmd_ingest, "no PATH given (or --list FILE)");
    return EXIT_OK;
}

/* --retry-failed with no PATH: the paths of the recorded failures. */
static int failed_paths(const char *db, sohoa_files *out, sohoa_err *err)
{
    if (access(db, F_OK) != 0)
        return SOHOA_OK;
    sohoa_store *s = NULL;
    int rc = sohoa_store_open(db, SOHOA_STORE_READONLY, &s, err);
    if (rc != SOHOA_OK)
        return rc;
    sohoa_failure *f = NULL;
    size_t n = 0;
    rc = sohoa_store_failures(s, &f, &n, err);
    for (size_t i = 0; rc == SOHOA_OK && i < n; i++)
        sohoa_files_add(out, f[i].path);
    sohoa_failures_free(f, n);
    sohoa_store_close(s);
    return rc;
}

static int collect(const ingest_args *a, int argc, char **argv, sohoa_files *files, sohoa_err *err)
{
    int rc = sohoa_collect(&a->c, (const char *const *)argv + optind, (size_t)(argc - optind), files, err);
    if (rc == SOHOA_OK && a->list)
        rc = sohoa_collect_list(&a->c, a->list, files, err);
    if (rc == SOHOA_OK && a->b.retry_failed && optind >= argc && !a->list)
        rc = failed_paths(a->b.db_path, files, err);
    return rc;
}

/* ---- progress bar ------------------------------------------------------------ */

/* What the progress callback does: draw the bar (on a terminal), and for
 * crash-safety tests only, SIGKILL this process right after the k-th
 * finished file when SOHOA_TEST_KILL_AFTER=k is set in the environment. */
typedef struct progress_ctx {
    int bar;
    size_t kill_after;
} progress_ctx;

static void draw_bar(const sohoa_batch_progress *p)
{
    char bar[BAR_WIDTH + 1], eta[32];
    bar_cells(bar, (double)p->done, (double)p->total);
    bar_eta(eta, sizeof eta, p->elapsed, (double)p->done, (double)p->total);
    double ppm = p->elapsed > 0 ? p->pages * 60.0 / p->elapsed : 0;
    fprintf(stderr, "\r[%s] %zu/%zu files  %.1f pages/min  ETA %s  %zu failed ", bar, p->done,
            p->total, ppm, eta, p->failed);
    if (p->done == p->total)
        fputc('\n', stderr);
    fflush(stderr);
}

static void on_progress(const sohoa_batch_progress *p, void *ctx)
{
    const progress_ctx *c = ctx;
    if (c->bar)
        draw_bar(p);
    if (c->kill_after && p->done >= c->kill_after)
        raise(SIGKILL);
}

/* ---- report ------------------------------------------------------------------ */

static void report(const ingest_args *a, const sohoa_batch_summary *s)
{
    for (size_t i = 0; i < s->nfailures; i++)
        fprintf(stderr, "sohoa ingest: failed: %s\n", s->failures[i].error);
    for (size_t i = 0; i < s->nwarnings; i++)
        fprintf(stderr, "sohoa ingest: warning: %s\n", s->warnings[i]);
    if (a->quiet)
        return;
    if (s->processed == 0 && s->failed == 0 && !s->interrupted) {
        fprintf(stderr, "sohoa ingest: nothing to do: %zu file%s unchanged", s->unchanged + s->duplicates,
                s->unchanged + s->duplicates == 1 ? "" : "s");
    } else {
        fprintf(stderr, "sohoa ingest: %zu document%s added (%ld page%s) in %.1f s, %zu unchanged, "
                        "%zu failed",
                s->processed, s->processed == 1 ? "" : "s", s->pages, s->pages == 1 ? "" : "s",
                s->seconds_total, s->unchanged, s->failed);
        if (s->duplicates)
            fprintf(stderr, ", %zu duplicate path%s", s->duplicates, s->duplicates == 1 ? "" : "s");
        if (s->review_words)
            fprintf(stderr, ", %zu word%s to review (sohoa show --review)", s->review_words,
                    s->review_words == 1 ? "" : "s");
    }
    if (s->previously_failed)
        fprintf(stderr, ", %zu previously failed (--retry-failed retries them)", s->previously_failed);
    if (s->other_shard)
        fprintf(stderr, ", %zu in other shards", s->other_shard);
    fputc('\n', stderr);
    if (s->interrupted)
        fprintf(stderr, "sohoa ingest: interrupted; run the same command again to finish\n");
}

/* The JSON summary is written after every run that got past the options,
 * fatal ones included (error set), so that a nightly monitor never reads the
 * previous night's file as this one's. */
static void write_summary(const ingest_args *a, const sohoa_batch_summary *s, int status,
                          const char *error)
{
    if (!a->summary)
        return;
    char *js = sohoa_batch_summary_json(s, a->b.db_path, a->shard, status, error);
    sohoa_err err = {0};
    if (sohoa_write_file_atomic(a->summary, js, &err) != SOHOA_OK)
        cli_error("ingest", "%s", err.msg);
    free(js);
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESETHAND; /* a second signal kills: the database stays consistent */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

static int ingest(ingest_args *a, sohoa_files *files)
{
    sohoa_err err = {0};
    sohoa_pipeline_shared sh;
    if (cli_pipeline_load(&sohoa_cmd_ingest, &a->b.popts, &sh, &err) != SOHOA_OK) {
        sohoa_batch_summary empty = {0};
        write_summary(a, &empty, EXIT_USAGE, err.msg);
        return EXIT_USAGE;
    }
    a->b.rules = sh.rules;
    a->b.restorer = sh.restorer;
    const char *kill_after = getenv("SOHOA_TEST_KILL_AFTER");
    progress_ctx pc = {!a->quiet && isatty(STDERR_FILENO),
                       kill_after ? (size_t)strtoul(kill_after, NULL, 10) : 0};
    a->b.progress = on_progress;
    a->b.progress_ctx = &pc;
    a->b.stop = &stop_flag;
    install_signals();
    sohoa_batch_summary s;
    int rc = sohoa_batch_ingest(&a->b, files, &s, &err);
    int status = rc != SOHOA_OK || s.interrupted ? EXIT_USAGE
                 : s.failed                      ? EXIT_SOME_FAILED
                                                 : EXIT_OK;
    if (rc != SOHOA_OK)
        cli_error("ingest", "%s", err.msg);
    else
        report(a, &s);
    write_summary(a, &s, status, rc != SOHOA_OK ? err.msg : NULL);
    sohoa_batch_summary_free(&s);
    sohoa_pipeline_shared_free(&sh);
    return status;
}

static int run(int argc, char **argv)
{
    cli_pin_openmp(argc, argv); /* scans are OCRed one engine per worker */
    ingest_args a;
    memset(&a, 0, sizeof a);
    sohoa_batch_opts_init(&a.b);
    int status = parse(argc, argv, &a);
    sohoa_files files = {0};
    sohoa_err err = {0};
    int lock = -1;
    /* lock first: another run may be moving files out of the inbox */
    sohoa_batch_summary empty = {0};
    if (status == EXIT_OK && sohoa_db_lock(a.b.db_path, a.b.wait_lock, &lock, &err) != SOHOA_OK) {
        cli_error("ingest", "%s", err.msg);
        write_summary(&a, &empty, EXIT_USAGE, err.msg);
        status = EXIT_USAGE;
    }
    a.b.locked = 1;
    if (status == EXIT_OK && collect(&a, argc, argv, &files, &err) != SOHOA_OK) {
        cli_error("ingest", "%s", err.msg);
        write_summary(&a, &empty, EXIT_USAGE, err.msg);
        status = EXIT_USAGE;
    }
    if (status == EXIT_OK)
        status = ingest(&a, &files);
    sohoa_db_unlock(lock);
    sohoa_files_free(&files);
    free(a.inc);
    free(a.exc);
    return status;
}
