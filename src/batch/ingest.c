/* ingest.c — batch ingestion into a store (include/sohoa/batch.h).
 *
 * Four phases, under the database's lock:
 *   1. hash     every input file, in parallel (SHA-256 of the content);
 *   2. plan     on the writer's connection, in input order: keep the files of
 *               our shard, skip what is stored (recording the new path) or
 *               has a recorded failure, and fold same-content files of this
 *               run onto the first one (its "leader");
 *   3. process  N workers, each with its own pipeline (and OCR engine), take
 *               the planned files and hand results over a bounded queue;
 *   4. commit   the calling thread is the only writer: each document
 *               (sohoa_store_put), then the leader's duplicate paths,
 *               failures recorded, inbox moves, progress. Each document
 *               commits alone, unless o->commit_docs > 1: then up to that
 *               many results, or COMMIT_SECONDS of them, share a
 *               transaction (sohoa_store_begin), which doubles the store's
 *               insert rate; in inbox mode always alone, because the file
 *               moves right after.
 * Crash safety comes from the store's transactions plus the plan: a rerun
 * skips every committed document and does the rest (a crash loses at most
 * the open batch's work, never a moved file's document). A crash inside the
 * pipeline is pinned on its file by the journal DB.inflight (inflight.h),
 * which the next run reads before it plans.
 * Invariant: only the calling thread touches the store. */
#include "inflight.h"
#include "internal.h"
#include "queue.h"
#include "sohoa/buf.h"
#include "sohoa/clock.h"
#include "sohoa/file.h"
#include "sohoa/store.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

enum item_state { ST_NEW, ST_SELF, ST_HASH_ERR, ST_OTHER_SHARD, ST_UNCHANGED, ST_PREV_FAILED, ST_DUP, ST_TODO,
                  ST_CRASHED /* failed by the journal (read_journal): the plan leaves it */ };

typedef struct item {
    const char *path;    /* borrowed from the caller's file list */
    char sha[65];
    int state;
    char *hash_err;      /* ST_HASH_ERR: the message */
    size_t next_dup;     /* leader → its first duplicate, dup → the next; SIZE_MAX = none */
} item;

typedef struct ingest {
    const sohoa_batch_opts *o;
    item *items;
    size_t n;
    size_t *todo;        /* indices of ST_TODO items, in input order */
    size_t ntodo;
    atomic_size_t next;  /* next index of todo (or of items, while hashing) */
    atomic_int stop;     /* set by the writer on a fatal error */
    batch_queue q;
    sohoa_store *store;
    sohoa_batch_summary *sum;
    batch_inflight *journal; /* DB.inflight: the files being processed, or NULL */
    const char *crash_on;    /* test hook: see test_crash */
    char **killed;           /* hashes of the files a killed run left in flight, sorted */
    size_t nkilled;
    int batch_open;      /* a store batch is open */
    size_t batch_n;      /* results in it */
    double batch_t0;     /* when it opened */
} ingest;

/* A store batch commits once it is this old (or o->commit_docs results). */
#define COMMIT_SECONDS 1.0

void sohoa_batch_opts_init(sohoa_batch_opts *o)
{
    memset(o, 0, sizeof *o);
    sohoa_pipeline_opts_init(&o->popts);
}

static int stop_requested(ingest *g)
{
    return atomic_load(&g->stop) || (g->o->stop && *g->o->stop);
}

static int cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

/* ---- phase 1: hash ---------------------------------------------------------- */

static void *hash_worker(void *arg)
{
    ingest *g = arg;
    size_t i;
    while ((i = atomic_fetch_add(&g->next, 1)) < g->n) {
        sohoa_err e = {0};
        if (g->items[i].state != ST_NEW)
            continue;
        if (sohoa_check_regular(g->items[i].path, &e) != SOHOA_OK ||
            sohoa_sha256_file(g->items[i].path, g->items[i].sha, &e) != SOHOA_OK) {
            g->items[i].state = ST_HASH_ERR;
            g->items[i].hash_err = sohoa_xstrdup(e.msg);
        }
    }
    return NULL;
}

/* Run fn on `threads` threads (the calling thread is one of them). */
static void run_threads(int threads, void *(*fn)(void *), void *arg)
{
    pthread_t *t = sohoa_xcalloc((size_t)threads, sizeof *t);
    int started = 0;
    for (int k = 1; k < threads; k++)
        if (pthread_create(&t[started], NULL, fn, arg) == 0)
            started++;
    fn(arg);
    for (int k = 0; k < started; k++)
        pthread_join(t[k], NULL);
    free(t);
}

/* ---- phase 2: plan ---------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sha256s and the paths with a recorded failure, each sorted (for
 * bsearch). A file that could not even be hashed (a dangling symlink) is
 * known by its path alone. */
typedef struct failed_set {
    char **sha, **path;
    size_t nsha, npath;
} failed_set;

static int failed_load(sohoa_store *s, failed_set *fs, sohoa_err *err)
{
    sohoa_failure *f = NULL;
    size_t nf = 0;
    int rc = sohoa_store_failures(s, &f, &nf, err);
    if (rc != SOHOA_OK)
        return rc;
    fs->sha = sohoa_xcalloc(nf + 1, sizeof *fs->sha);
    fs->path = sohoa_xcalloc(nf + 1, sizeof *fs->path);
    fs->nsha = fs->npath = 0;
    for (size_t i = 0; i < nf; i++) {
        if (f[i].sha256 && f[i].sha256[0])
            fs->sha[fs->nsha++] = sohoa_xstrdup(f[i].sha256);
        if (f[i].path)
            fs->path[fs->npath++] = sohoa_xstrdup(f[i].path);
    }
    sohoa_failures_free(f, nf);
    qsort(fs->sha, fs->nsha, sizeof *fs->sha, cmp_str);
    qsort(fs->path, fs->npath, sizeof *fs->path, cmp_str);
    return SOHOA_OK;
}

static void failed_free(failed_set *fs)
{
    for (size_t i = 0; i < fs->nsha; i++)
        free(fs->sha[i]);
    for (size_t i = 0; i < fs->npath; i++)
        free(fs->path[i]);
    free(fs->sha);
    free(fs->path);
}

static int in_sorted(char **v, size_t n, const char *key)
{
    return n && bsearch(&key, v, n, sizeof *v, cmp_str) != NULL;
}

/* 1 if stored (and then the path is recorded), 0 if not, -1 on error. */
static int stored(ingest *g, const item *it, sohoa_err *err)
{
    sohoa_err e = {0};
    int r = sohoa_store_has(g->store, it->sha, it->path, &e);
    if (e.code != SOHOA_OK || (r != 0 && r != 1)) {
        if (err)
            *err = e;
        return -1;
    }
    return r;
}

typedef struct sha_index {
    const char *sha;
    size_t i;
} sha_index;

static int cmp_sha_index(const void *a, const void *b)
{
    const sha_index *x = a, *y = b;
    int c = strcmp(x->sha, y->sha);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* leader[i] = the first item of this run with the same content as item i. */
static size_t *find_leaders(ingest *g)
{
    size_t *leader = sohoa_xcalloc(g->n + 1, sizeof *leader);
    sha_index *v = sohoa_xcalloc(g->n + 1, sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < g->n; i++) {
        leader[i] = i;
        if (g->items[i].state == ST_NEW)
            v[k++] = (sha_index){g->items[i].sha, i};
    }
    qsort(v, k, sizeof *v, cmp_sha_index);
    for (size_t j = 1; j < k; j++)
        if (strcmp(v[j].sha, v[j - 1].sha) == 0)
            leader[v[j].i] = leader[v[j - 1].i];
    free(v);
    return leader;
}

/* Inbox mode: move path into dir; returns the new path (caller frees) or
 * NULL (not in inbox mode, or the move failed: a warning says why). */
static char *move_to(ingest *g, const char *path, const char *dir)
{
    if (!dir)
        return NULL;
    sohoa_err e = {0};
    char *dest = NULL;
    if (batch_move_into(path, dir, &dest, &e) == SOHOA_OK)
        g->sum->moved++;
    else
        batch_summary_add_warning(g->sum, "%s", e.msg);
    return dest;
}

/* A stored file leaves the inbox for the done folder; the document gains
 * the path where the file now is (the inbox path stays recorded too). */
static void move_done(ingest *g, const char *path, const char *sha)
{
    char *dest = move_to(g, path, g->o->move_done);
    sohoa_err e = {0};
    if (dest && sohoa_store_has(g->store, sha, dest, &e) != 1)
        batch_summary_add_warning(g->sum, "%s: moved to %s, but the new path was not recorded%s%s",
                                  path, dest, e.msg[0] ? ": " : "", e.msg);
    free(dest);
}

/* A failure of the file path, in the summary and recorded in the store
 * under the path at (where it is now). */
static void record_failure(ingest *g, const char *path, const char *at, const char *sha,
                           const char *stage, const char *msg)
{
    batch_summary_add_failure(g->sum, path, stage, msg);
    sohoa_err e = {0};
    if (sohoa_store_record_failure(g->store, at, sha, stage, msg, &e) != SOHOA_OK)
        batch_summary_add_warning(g->sum, "%s: could not record the failure: %s", at, e.msg);
}

/* A file failed: in inbox mode it moves to the failed folder first and the
 * failure is recorded under its new path (where --retry-failed finds it). */
static void fail_file(ingest *g, const char *path, const char *sha, const char *stage,
                      const char *msg)
{
    char *dest = move_to(g, path, g->o->move_failed);
    record_failure(g, path, dest ? dest : path, sha, stage, msg);
    free(dest);
}

/* Decide one item whose hash is known; dups of a pending leader are linked
 * after it. Returns SOHOA_OK or a fatal store error. */
static int plan_item(ingest *g, size_t i, size_t lead, const failed_set *failed, sohoa_err *err)
{
    item *it = &g->items[i];
    const sohoa_batch_opts *o = g->o;
    if (o->shard_count > 1 && sohoa_shard_of(it->sha, o->shard_count) != o->shard_index) {
        it->state = ST_OTHER_SHARD;
        g->sum->other_shard++;
        return SOHOA_OK;
    }
    if (lead != i && g->items[lead].state == ST_TODO) {
        it->state = ST_DUP; /* attach its path once the leader is committed */
        it->next_dup = g->items[lead].next_dup;
        g->items[lead].next_dup = i;
        return SOHOA_OK;
    }
    if (!o->retry_failed && in_sorted(failed->sha, failed->nsha, it->sha)) {
        it->state = ST_PREV_FAILED;
        g->sum->previously_failed++;
        free(move_to(g, it->path, o->move_failed));
        return SOHOA_OK;
    }
    if (!o->force) {
        int r = stored(g, it, err);
        if (r < 0)
            return err && err->code ? err->code : SOHOA_EINTERNAL;
        if (r == 1) {
            it->state = ST_UNCHANGED;
            g->sum->unchanged++;
            move_done(g, it->path, it->sha);
            return SOHOA_OK;
        }
    }
    it->state = ST_TODO;
    g->todo[g->ntodo++] = i;
    return SOHOA_OK;
}

/* The files a killed run had in flight go after the others (in input order
 * among themselves): were one of them the cause (a file that fills memory
 * until the OOM killer comes), the run then stores everything else first. */
static void last_the_killed(ingest *g)
{
    if (!g->nkilled)
        return;
    size_t *later = sohoa_xcalloc(g->ntodo + 1, sizeof *later), k = 0, nl = 0;
    for (size_t t = 0; t < g->ntodo; t++) {
        size_t i = g->todo[t];
        if (in_sorted(g->killed, g->nkilled, g->items[i].sha))
            later[nl++] = i;
        else
            g->todo[k++] = i;
    }
    memcpy(g->todo + k, later, nl * sizeof *later);
    free(later);
}

static int plan(ingest *g, sohoa_err *err)
{
    failed_set failed;
    int rc = failed_load(g->store, &failed, err);
    if (rc != SOHOA_OK)
        return rc;
    size_t *leader = find_leaders(g);
    g->todo = sohoa_xcalloc(g->n + 1, sizeof *g->todo);
    for (size_t i = 0; i < g->n && rc == SOHOA_OK; i++) {
        item *it = &g->items[i];
        if (it->state == ST_HASH_ERR) {
            /* failures stay recorded and are retried only on request */
            if (!g->o->retry_failed && in_sorted(failed.path, failed.npath, it->path)) {
                it->state = ST_PREV_FAILED;
                g->sum->previously_failed++;
            } else {
                fail_file(g, it->path, NULL, "read", it->hash_err);
            }
        } else if (it->state == ST_NEW) {
            rc = plan_item(g, i, leader[i], &failed, err);
        }
    }
    free(leader);
    failed_free(&failed);
    last_the_killed(g);
    return rc;
}

/* ---- phase 3: process --------------------------------------------------------- */

/* 1 if s ends with tail. */
static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return m <= n && strcmp(s + n - m, tail) == 0;
}

/* A call that calls itself until the stack runs out (each frame holds a
 * page; the add after the call keeps it from becoming a loop). */
static int __attribute__((noinline)) overflow(volatile char *up, unsigned depth)
{
    volatile char frame[4096];
    frame[0] = (char)depth;
    if (up == frame) /* never: gives the recursion an end the compiler sees */
        return 0;
    return overflow(frame, depth + 1) + frame[0];
}

/* The test hook SOHOA_TEST_CRASH_ON=NAME (tests/e2e/ingest_crash.sh): on a
 * file whose path ends in NAME, crash as a library might, between the
 * journal's start and end: a write to a page without access (a fault),
 * abort() when the value is "abort:NAME", a stack overflow when it is
 * "stack:NAME". */
static void test_crash(const char *hook, const char *path)
{
    int by_abort = strncmp(hook, "abort:", 6) == 0, by_stack = strncmp(hook, "stack:", 6) == 0;
    if (!ends_with(path, hook + (by_abort || by_stack ? 6 : 0)))
        return;
    if (by_abort)
        abort();
    if (by_stack)
        overflow(NULL, 0);
    /* a page no one may touch (address 0 is not enough: some sandboxes map it) */
    int *volatile forbidden = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (forbidden != MAP_FAILED)
        *forbidden = 1;
    abort();
}

/* A worker: takes the planned files in order until none is left. */
static void *process_worker(void *arg)
{
    ingest *g = arg;
    sohoa_pipeline *p = NULL;
    sohoa_err e = {0};
    if (sohoa_pipeline_new(&g->o->popts, g->o->rules, g->o->restorer, &p, &e) != SOHOA_OK)
        p = NULL;
    size_t k;
    while (!stop_requested(g) && (k = atomic_fetch_add(&g->next, 1)) < g->ntodo) {
        batch_result r = {g->todo[k], NULL, NULL, NULL};
        const char *path = g->items[r.item].path;
        batch_inflight_start(g->journal, g->items[r.item].sha, path);
        if (g->crash_on)
            test_crash(g->crash_on, path);
        if (!p) {
            r.stage = "pipeline";
            r.error = sohoa_xstrdup(e.msg);
        } else if (sohoa_pipeline_run(p, path, &r.doc, &e) != SOHOA_OK) {
            const char *st = sohoa_pipeline_failed_stage(p);
            r.stage = st ? st : "pipeline";
            r.error = sohoa_xstrdup(e.msg);
        }
        batch_inflight_end(g->journal, g->items[r.item].sha);
        batch_queue_push(&g->q, &r);
    }
    sohoa_pipeline_free(p);
    batch_queue_worker_done(&g->q);
    return NULL;
}

/* ---- phase 4: commit ------------------------------------------------------------- */

/* The leader's duplicates gain their paths (the store attaches a path to a
 * stored document when asked whether it has it). */
static void attach_dups(ingest *g, const item *lead)
{
    for (size_t j = lead->next_dup; j != SIZE_MAX; j = g->items[j].next_dup) {
        item *d = &g->items[j];
        sohoa_err e = {0};
        int r = stored(g, d, &e);
        if (r == 1) {
            g->sum->duplicates++;
            move_done(g, d->path, d->sha);
        } else {
            fail_file(g, d->path, d->sha, "store",
                      r < 0 ? e.msg : "the content changed during the run; run again");
        }
    }
}

static void fail_dups(ingest *g, const item *lead, const char *stage, const char *msg)
{
    for (size_t j = lead->next_dup; j != SIZE_MAX; j = g->items[j].next_dup) {
        sohoa_buf b = SOHOA_BUF_INIT;
        sohoa_buf_printf(&b, "%s: same content as %s, which failed: %s", g->items[j].path,
                         lead->path, msg);
        fail_file(g, g->items[j].path, g->items[j].sha, stage, b.data);
        sohoa_buf_free(&b);
    }
}

/* Open a store batch for the next results unless one is open, batches
 * are off, or files move (inbox mode). Without a batch each put commits
 * on its own. */
static void batch_begin(ingest *g)
{
    if (g->batch_open || g->o->commit_docs <= 1 || g->o->move_done || g->o->move_failed)
        return;
    if (sohoa_store_begin(g->store, NULL) == SOHOA_OK) {
        g->batch_open = 1;
        g->batch_n = 0;
        g->batch_t0 = sohoa_now();
    }
}

/* Commit the open batch when full or old enough (force: now). A batch
 * that does not commit is fatal: its documents are not stored. */
static int batch_close(ingest *g, int force, sohoa_err *err)
{
    if (!g->batch_open)
        return SOHOA_OK;
    if (!force && ++g->batch_n < g->o->commit_docs && sohoa_now() - g->batch_t0 < COMMIT_SECONDS)
        return SOHOA_OK;
    g->batch_open = 0;
    return sohoa_store_commit(g->store, err);
}

/* Commit one result. Returns SOHOA_OK, or a fatal error when the database
 * takes neither the document nor the record of its failure. */
static int commit(ingest *g, batch_result *r, sohoa_err *err)
{
    item *it = &g->items[r->item];
    int rc = SOHOA_OK;
    batch_begin(g);
    if (r->doc) {
        int64_t id = 0;
        sohoa_err e = {0};
        if (sohoa_store_put(g->store, r->doc, &id, &e) == SOHOA_OK) {
            g->sum->processed++;
            g->sum->pages += r->doc->pages;
            g->sum->review_words += r->doc->nreview;
            sohoa_store_clear_failure(g->store, it->path, NULL);
            attach_dups(g, it);
            move_done(g, it->path, r->doc->sha256);
        } else { /* the file stays in the inbox: the next run tries again */
            sohoa_err e2 = {0};
            batch_summary_add_failure(g->sum, it->path, "store", e.msg);
            if (sohoa_store_record_failure(g->store, it->path, it->sha, "store", e.msg, &e2) != SOHOA_OK) {
                if (err)
                    *err = e;
                rc = e.code ? e.code : SOHOA_EIO;
            }
        }
        sohoa_doc_free(r->doc);
    } else {
        fail_file(g, it->path, it->sha, r->stage, r->error);
        fail_dups(g, it, r->stage, r->error);
        free(r->error);
    }
    if (rc == SOHOA_OK)
        rc = batch_close(g, 0, err);
    return rc;
}

static void report_progress(ingest *g, size_t done, double t0, const char *path)
{
    if (!g->o->progress)
        return;
    sohoa_batch_progress p = {done, g->ntodo, g->sum->failed, g->sum->pages, sohoa_now() - t0, path};
    g->o->progress(&p, g->o->progress_ctx);
}

static int process_and_commit(ingest *g, sohoa_err *err)
{
    int jobs = g->o->jobs > 0 ? g->o->jobs : cores();
    if ((size_t)jobs > g->ntodo)
        jobs = (int)g->ntodo;
    if (jobs == 0)
        return SOHOA_OK;
    atomic_store(&g->next, 0);
    batch_queue_init(&g->q, (size_t)jobs * 2, jobs);
    pthread_t *t = sohoa_xcalloc((size_t)jobs, sizeof *t);
    int started = 0;
    for (int k = 0; k < jobs; k++)
        if (pthread_create(&t[started], NULL, process_worker, g) == 0)
            started++;
    for (int k = started; k < jobs; k++)
        batch_queue_worker_done(&g->q);
    int rc = started ? SOHOA_OK : sohoa_err_set(err, SOHOA_EINTERNAL, "cannot start worker threads");
    double t0 = sohoa_now();
    size_t done = 0;
    batch_result r;
    while (batch_queue_pop(&g->q, &r)) {
        if (rc != SOHOA_OK) { /* fatal: drain */
            sohoa_doc_free(r.doc);
            free(r.error);
            continue;
        }
        if ((rc = commit(g, &r, err)) != SOHOA_OK)
            atomic_store(&g->stop, 1);
        report_progress(g, ++done, t0, g->items[r.item].path);
    }
    if (rc == SOHOA_OK)
        rc = batch_close(g, 1, err);
    else
        sohoa_store_rollback(g->store);
    g->batch_open = 0;
    for (int k = 0; k < started; k++)
        pthread_join(t[k], NULL);
    free(t);
    batch_queue_destroy(&g->q);
    if (rc == SOHOA_OK && done < g->ntodo)
        g->sum->interrupted = 1;
    return rc;
}

/* ---- the whole ingest ------------------------------------------------------------- */

/* The database's own files (DB, -wal, -shm, -journal, .lock, .inflight) are never
 * input, even when DB sits in the folder being ingested. */
static void skip_own_files(ingest *g)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal", ".lock", ".inflight"};
    struct stat own[6];
    int nown = 0;
    sohoa_buf b = SOHOA_BUF_INIT;
    for (size_t k = 0; k < sizeof suffix / sizeof suffix[0]; k++) {
        sohoa_buf_clear(&b);
        sohoa_buf_printf(&b, "%s%s", g->o->db_path, suffix[k]);
        if (stat(b.data, &own[nown]) == 0)
            nown++;
    }
    sohoa_buf_free(&b);
    for (size_t i = 0; i < g->n; i++) {
        struct stat st;
        if (stat(g->items[i].path, &st) != 0)
            continue;
        for (int k = 0; k < nown; k++)
            if (st.st_dev == own[k].st_dev && st.st_ino == own[k].st_ino &&
                g->items[i].state != ST_SELF) {
                g->items[i].state = ST_SELF;
                g->sum->files--;
            }
    }
}

/* What an earlier run left in the journal (inflight.h): a file it crashed
 * on is recorded as failed (stage "crash"), so that the plan skips it, or
 * with --retry-failed tried again with a warning; one it was killed on is
 * tried again after the others (last_the_killed), with a warning. Then this
 * run's journal starts (without one, the run goes on, with a warning). */
static void read_journal(ingest *g)
{
    batch_suspect *s = NULL;
    size_t n = 0;
    sohoa_err e = {0};
    if (batch_inflight_read(g->o->db_path, &s, &n, &e) != SOHOA_OK)
        batch_summary_add_warning(g->sum, "%s; files an earlier run crashed on are not known",
                                  e.msg);
    for (size_t i = 0; i < n; i++) {
        if (!s[i].signo) {
            batch_summary_add_warning(g->sum,
                                      "%s: the last run was stopped (killed?) while processing "
                                      "it; trying it again, after the other files",
                                      s[i].path);
            g->killed = sohoa_xrealloc(g->killed, (g->nkilled + 1) * sizeof *g->killed);
            g->killed[g->nkilled++] = sohoa_xstrdup(s[i].sha);
            continue;
        }
        if (g->o->retry_failed) {
            batch_summary_add_warning(g->sum,
                                      "%s: the last run crashed (%s) while processing it; "
                                      "trying it again (--retry-failed)",
                                      s[i].path, strsignal(s[i].signo));
            continue;
        }
        sohoa_buf b = SOHOA_BUF_INIT;
        sohoa_buf_printf(&b,
                         "%s: the program crashed (%s) while processing it; skipped until "
                         "--retry-failed (stage crash)",
                         s[i].path, strsignal(s[i].signo));
        if (access(s[i].path, F_OK) == 0)
            fail_file(g, s[i].path, s[i].sha, "crash", b.data);
        else /* gone from where it was: recorded, nothing to move */
            record_failure(g, s[i].path, s[i].path, s[i].sha, "crash", b.data);
        sohoa_buf_free(&b);
        for (size_t k = 0; k < g->n; k++)
            if (g->items[k].state == ST_NEW && strcmp(g->items[k].path, s[i].path) == 0)
                g->items[k].state = ST_CRASHED;
    }
    batch_suspects_free(s, n);
    if (g->nkilled)
        qsort(g->killed, g->nkilled, sizeof *g->killed, cmp_str);
    sohoa_err e3 = {0};
    if (batch_inflight_open(g->o->db_path, &g->journal, &e3) != SOHOA_OK)
        batch_summary_add_warning(g->sum, "%s; files that crash the program are not noted",
                                  e3.msg);
}

static int ingest_locked(ingest *g, sohoa_err *err)
{
    const sohoa_batch_opts *o = g->o;
    double t0 = sohoa_now();
    int rc = sohoa_store_open(o->db_path, SOHOA_STORE_CREATE, &g->store, err);
    if (rc != SOHOA_OK)
        return rc;
    skip_own_files(g);
    int threads = o->jobs > 0 ? o->jobs : cores();
    atomic_store(&g->next, 0);
    run_threads(threads < 1 ? 1 : threads, hash_worker, g);
    read_journal(g);
    rc = plan(g, err);
    double t1 = sohoa_now();
    g->sum->seconds_scan = t1 - t0;
    if (rc == SOHOA_OK)
        rc = process_and_commit(g, err);
    g->sum->seconds_process = sohoa_now() - t1;
    batch_inflight_close(g->journal); /* every worker is back */
    g->journal = NULL;
    sohoa_store_close(g->store);
    g->store = NULL;
    return rc;
}

int sohoa_batch_ingest(const sohoa_batch_opts *o, const sohoa_files *files,
                       sohoa_batch_summary *sum, sohoa_err *err)
{
    memset(sum, 0, sizeof *sum);
    double t0 = sohoa_now();
    int lock = -1;
    int rc = o->locked ? SOHOA_OK : sohoa_db_lock(o->db_path, o->wait_lock, &lock, err);
    if (rc != SOHOA_OK)
        return rc;
    ingest g;
    memset(&g, 0, sizeof g);
    g.o = o;
    g.sum = sum;
    g.crash_on = getenv("SOHOA_TEST_CRASH_ON");
    if (g.crash_on && !*g.crash_on)
        g.crash_on = NULL;
    g.n = files->n;
    g.items = sohoa_xcalloc(g.n + 1, sizeof *g.items);
    for (size_t i = 0; i < g.n; i++) {
        g.items[i].path = files->paths[i];
        g.items[i].next_dup = SIZE_MAX;
    }
    sum->files = g.n;
    rc = ingest_locked(&g, err);
    for (size_t i = 0; i < g.n; i++)
        free(g.items[i].hash_err);
    for (size_t i = 0; i < g.nkilled; i++)
        free(g.killed[i]);
    free(g.killed);
    free(g.items);
    free(g.todo);
    sohoa_db_unlock(lock);
    sum->seconds_total = sohoa_now() - t0;
    return rc;
}
