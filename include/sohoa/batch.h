/* batch.h — batch ingestion into a store, and merging shard stores.
 *
 * An ingest collects its input files (walk folders, globs, or a list), hashes
 * them (SHA-256), keeps those of its shard, skips what the database already
 * holds, runs the pipeline on the rest in N worker threads (one pipeline
 * each, sharing the read-only rules and restorer), and commits every
 * document from a single writer (the calling thread), one transaction per
 * document. A killed ingest leaves a consistent database; a rerun does
 * what is missing. A lock file (DB.lock, flock) keeps two ingests or a merge
 * and an ingest of the same database apart.
 *
 * Ownership: the summary's strings and arrays are owned by the summary and
 * released by sohoa_batch_summary_free. Collected file lists are owned by the
 * caller (sohoa_files_free). No global state; one ingest per call. */
#ifndef SOHOA_BATCH_H
#define SOHOA_BATCH_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include "sohoa/error.h"
#include "sohoa/pipeline.h"

/* ---- input files --------------------------------------------------------- */

typedef struct sohoa_collect_opts {
    int recursive;                 /* descend into folders (else: their files only) */
    const char *const *include;    /* fnmatch globs on the base name; none = all */
    size_t ninclude;
    const char *const *exclude;    /* fnmatch globs on the base name */
    size_t nexclude;
} sohoa_collect_opts;

typedef struct sohoa_files {
    char **paths;                  /* owned */
    size_t n, cap;
} sohoa_files;

/* Append the regular files of paths[0..n): a file is taken as it is, a
 * folder is walked in name order (its subfolders only when recursive).
 * The globs apply to every file, named or found. When walking, hidden
 * entries (".x") and symlinks to folders are skipped. A path that cannot be
 * examined (missing, unreadable) is appended as it is, so that the ingest
 * reports it as a failed file; an unreadable folder met while walking is an
 * error naming it. */
int sohoa_collect(const sohoa_collect_opts *o, const char *const *paths, size_t n,
                  sohoa_files *out, sohoa_err *err);
/* Read paths one a line (blank lines and "# ..." ignored) from list_path
 * ("-" = stdin) and collect them as sohoa_collect does. */
int sohoa_collect_list(const sohoa_collect_opts *o, const char *list_path,
                       sohoa_files *out, sohoa_err *err);
void sohoa_files_add(sohoa_files *f, const char *path);
void sohoa_files_free(sohoa_files *f);

/* ---- shards --------------------------------------------------------------- */

/* Parse "I/N" (0 <= I < N, N >= 1). Returns 0 on success, -1 if malformed. */
int sohoa_shard_parse(const char *s, int *index, int *count);
/* The shard (0..count-1) of a content hash (64 hex digits): the first 16
 * hex digits as an integer, modulo count. Depends on content only, so it is
 * stable under renames, re-runs and added files. */
int sohoa_shard_of(const char *sha256, int count);

/* ---- the database lock ---------------------------------------------------- */

/* Take the exclusive lock of database db_path (flock on "db_path.lock",
 * created if missing). wait = 0: SOHOA_EBUSY at once if another process
 * holds it; wait = 1: block until it is free. *fd receives the lock's file
 * descriptor; release with sohoa_db_unlock. */
int sohoa_db_lock(const char *db_path, int wait, int *fd, sohoa_err *err);
void sohoa_db_unlock(int fd);

/* ---- ingest --------------------------------------------------------------- */

/* What the progress callback sees (called from the writer, after each file). */
typedef struct sohoa_batch_progress {
    size_t done, total;            /* files of this run finished / to process */
    size_t failed;
    long pages;                    /* pages committed so far */
    double elapsed;                /* seconds since processing started */
    const char *path;              /* the file just finished */
} sohoa_batch_progress;

typedef struct sohoa_batch_opts {
    const char *db_path;
    int jobs;                      /* worker threads; <= 0: number of cores */
    int force;                     /* re-process files already stored */
    int retry_failed;              /* re-process files with a recorded failure */
    int wait_lock;                 /* wait for the lock instead of failing */
    int locked;                    /* the caller holds the lock (sohoa_db_lock) */
    int shard_index, shard_count;  /* shard_count 0: no sharding */
    const char *move_done;         /* inbox mode: rename committed files here */
    const char *move_failed;       /* ... and failed ones here (same file system) */
    sohoa_pipeline_opts popts;
    const sohoa_rules *rules;      /* borrowed; may be NULL */
    const sohoa_restorer *restorer;/* borrowed; may be NULL */
    void (*progress)(const sohoa_batch_progress *p, void *ctx);
    void *progress_ctx;
    volatile sig_atomic_t *stop;   /* if set and non-zero: finish in-flight files, stop */
    size_t commit_docs;            /* > 1: up to this many files share a store transaction
                                      (or 1 s of them; twice the insert rate; a crash loses
                                      the open one); 0 or 1: each commits alone. Inbox mode
                                      always commits each alone. */
} sohoa_batch_opts;

void sohoa_batch_opts_init(sohoa_batch_opts *o);

typedef struct sohoa_batch_failure {
    char *path, *stage, *error;
} sohoa_batch_failure;

typedef struct sohoa_batch_summary {
    size_t files;                  /* input files collected */
    size_t other_shard;            /* left to other shards */
    size_t processed;              /* committed by this run */
    size_t unchanged;              /* skipped: already in the database */
    size_t previously_failed;      /* skipped: failure recorded (see --retry-failed) */
    size_t duplicates;             /* same content as another file of this run */
    size_t failed;                 /* failed in this run */
    size_t moved;                  /* inbox mode: files renamed */
    long pages;                    /* pages committed */
    size_t review_words;           /* words to review in the documents committed */
    int interrupted;               /* stopped through opts.stop */
    double seconds_scan;           /* collecting + hashing + checking */
    double seconds_process;        /* pipeline + commits */
    double seconds_total;
    sohoa_batch_failure *failures; /* this run's failures, in input order */
    size_t nfailures;
    char **warnings;               /* e.g. a file that could not be moved */
    size_t nwarnings;
} sohoa_batch_summary;

/* Ingest files[0..n) into o->db_path (created if missing). Per-file failures
 * are recorded in the database and in *sum, and do not fail the call;
 * SOHOA_EBUSY if the database is locked (and !wait_lock), other codes for
 * fatal errors (unopenable database, disk full...), with err set. *sum is
 * filled in every case (free with sohoa_batch_summary_free). */
int sohoa_batch_ingest(const sohoa_batch_opts *o, const sohoa_files *files,
                       sohoa_batch_summary *sum, sohoa_err *err);
void sohoa_batch_summary_free(sohoa_batch_summary *sum);

/* The summary as one JSON object (for --json-summary); malloc'd, caller
 * frees. db and shard (e.g. "1/3", or NULL) are echoed; exit_status too;
 * error (or NULL) is the fatal error that ended the run, if any. */
char *sohoa_batch_summary_json(const sohoa_batch_summary *sum, const char *db,
                               const char *shard, int exit_status, const char *error);
/* Write text to path atomically (path.tmp, fsync, rename). */
int sohoa_write_file_atomic(const char *path, const char *text, sohoa_err *err);

/* ---- merge ------------------------------------------------------------------ */

typedef struct sohoa_merge_summary {
    size_t shards;
    size_t added, replaced;        /* summed over the shards */
    double seconds;
} sohoa_merge_summary;

/* Merge the shard databases into out_path atomically: the existing out_path
 * (if any) and every shard go into "out_path.tmp", the FTS index is rebuilt
 * once, and the result is renamed over out_path; on any error out_path is
 * untouched and the temporary file removed. Idempotent: merging the same
 * shards again changes nothing. Holds out_path's lock meanwhile. */
int sohoa_batch_merge(const char *out_path, const char *const *shards, size_t n,
                      int wait_lock, sohoa_merge_summary *sum, sohoa_err *err);

#endif
