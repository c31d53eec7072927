/* store.h — the SQLite store: documents, sections, references, recipients,
 * agencies, raw and restored text, failures; FTS5 full-text search with a
 * Vietnamese folding tokenizer ("dong thap" finds "Đồng Tháp").
 *
 * WAL mode; schema versioned by PRAGMA user_version with forward migrations;
 * stable views v_documents, v_sections for analysts. Readers open read-only;
 * one writer commits each document in its own transaction.
 * Ownership: sohoa_store owns its sqlite3 handle; close with
 * sohoa_store_close. One sohoa_store per thread. */
#ifndef SOHOA_STORE_H
#define SOHOA_STORE_H

#include <stddef.h>
#include <stdint.h>
#include "sohoa/doc.h"
#include "sohoa/error.h"

typedef struct sohoa_store sohoa_store;

enum { SOHOA_STORE_READONLY = 1, SOHOA_STORE_CREATE = 2 };

/* Open (and with SOHOA_STORE_CREATE create or migrate) the database at path.
 * A damaged or foreign file gives SOHOA_EFORMAT naming the path. */
int sohoa_store_open(const char *path, unsigned flags, sohoa_store **out, sohoa_err *err);
void sohoa_store_close(sohoa_store *s);

/* Insert or replace the document with d->sha256 in one transaction (its
 * sections, refs, recipients, agencies, texts, FTS rows). *id receives the
 * document id. A document already present under another path gains the
 * path. */
int sohoa_store_put(sohoa_store *s, const sohoa_doc *d, int64_t *id, sohoa_err *err);

/* 1 if a document with this sha256 is stored (and records path for it). */
int sohoa_store_has(sohoa_store *s, const char *sha256, const char *path, sohoa_err *err);

/* Failures are data: a file that could not be processed, with the stage and
 * the error; attempts counts the runs that failed on it. Recording a failure
 * for (sha256 or path) again increments attempts; a later success clears it. */
typedef struct sohoa_failure {
    char *path, *sha256, *stage, *error, *last_at;
    int attempts;
} sohoa_failure;

int sohoa_store_record_failure(sohoa_store *s, const char *path, const char *sha256,
                               const char *stage, const char *error, sohoa_err *err);
int sohoa_store_clear_failure(sohoa_store *s, const char *path, sohoa_err *err);
/* *out is a malloc'd array of *n failures; free with sohoa_failures_free. */
int sohoa_store_failures(sohoa_store *s, sohoa_failure **out, size_t *n, sohoa_err *err);
void sohoa_failures_free(sohoa_failure *f, size_t n);

/* Merge the documents of another database (a shard) into s, idempotently:
 * same sha256 keeps the row of the newer pipeline version. Refuses a shard of
 * an incompatible schema version. The FTS index is rebuilt by
 * sohoa_store_rebuild_fts, once, after all shards. */
int sohoa_store_merge_from(sohoa_store *s, const char *shard_path, size_t *added,
                           size_t *replaced, sohoa_err *err);
int sohoa_store_rebuild_fts(sohoa_store *s, sohoa_err *err);

/* Register the FTS5 tokenizer "sohoa" (Vietnamese folding) on a raw sqlite3
 * handle; also what the loadable extension calls. */
struct sqlite3;
int sohoa_fts_register(struct sqlite3 *db);

#endif
