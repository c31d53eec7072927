/* store_internal.h — what the files of src/store share: the store handle,
 * its prepared-statement cache, and small SQLite helpers. Private to
 * src/store; nothing outside includes it.
 *
 * Invariant: every statement in s->stmt[] is either NULL or prepared on
 * s->db and reset after use (store_stmt resets and clears bindings). */
#ifndef SOHOA_STORE_INTERNAL_H
#define SOHOA_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>
#include "sohoa/error.h"
#include "sohoa/store.h"

/* The schema version this build writes and reads (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 3
/* PRAGMA application_id of a sohoa database: "SoHo" in ASCII. */
#define STORE_APPLICATION_ID 0x536f486f

/* Cached statements, prepared on first use. */
enum store_stmt {
    ST_DOC_BY_SHA,
    ST_DOC_INSERT,
    ST_DOC_UPDATE,
    ST_TEXT_INSERT,
    ST_PATH_INSERT,
    ST_SECTION_INSERT,
    ST_REF_INSERT,
    ST_RECIPIENT_INSERT,
    ST_AGENCY_INSERT,
    ST_REVIEW_INSERT,
    ST_FTS_INSERT,
    ST_FTS_PENDING,
    ST_FTS_DELETE,
    ST_FTS_UNPEND,
    ST_DEL_SECTIONS,
    ST_DEL_REFS,
    ST_DEL_RECIPIENTS,
    ST_DEL_AGENCIES,
    ST_DEL_REVIEW,
    ST_DEL_TEXT,
    ST_FAILURE_CLEAR_DOC,
    ST_PATHS,
    ST_DEL_DOC,
    ST_PATH_HOLDERS,
    ST_PATH_RELEASE,
    ST_PATH_ANY,
    ST_STATS_TERM,
    ST_STATS_PREFIX,
    ST_RANK,
    ST_FILL,
    ST_COUNT
};

struct sohoa_store {
    sqlite3 *db;
    char *path;
    unsigned flags;
    int in_batch; /* inside sohoa_store_begin .. sohoa_store_commit */
    int dirty;    /* the index changed since term_stats was last refreshed */
    char *pipeline_version;
    sqlite3_stmt *stmt[ST_COUNT];
};

/* ---- shared helpers (sql.c) ---------------------------------------------- */

/* The cached statement `which` (prepared from sql on first use), reset and
 * with its bindings cleared; NULL with err filled on failure. */
sqlite3_stmt *store_stmt(sohoa_store *s, int which, const char *sql, sohoa_err *err);

/* Fill err with SQLite's message for the last failure on s->db, prefixed by
 * the database path and `what`. Returns SOHOA_EFORMAT for a damaged file,
 * SOHOA_EBUSY for a lock, SOHOA_EIO otherwise. */
int store_sqlite_err(sohoa_store *s, const char *what, sohoa_err *err);

/* Run SQL without results (several statements allowed). */
int store_exec(sohoa_store *s, const char *sql, sohoa_err *err);

/* Bind a string, or NULL when s is NULL. */
int store_bind_text(sqlite3_stmt *st, int i, const char *s);

/* A malloc'd copy of column i, or NULL when it is NULL. */
char *store_column_dup(sqlite3_stmt *st, int i);

/* The folded key used for issuer/place/cites filters: sohoa_fold of the
 * whole string (malloc'd; NULL for NULL). */
char *store_fold_key(const char *s);

/* Compare two pipeline versions numerically part by part ("0.10" > "0.9");
 * NULL sorts first. */
int store_version_cmp(const char *a, const char *b);

/* The schema: create a fresh database, check an existing one, and migrate
 * an older one forward (schema.c). */
int store_schema_check(sohoa_store *s, int writable, sohoa_err *err);

/* Delete the FTS rows and every child row of document id (claim.c). */
int store_delete_children(sohoa_store *s, int64_t id, sohoa_err *err);

/* Make document id the only holder of path: other documents lose it, and
 * one left with no path is deleted with all its rows (claim.c). Call
 * inside a transaction. */
int store_claim_path(sohoa_store *s, int64_t id, const char *path, sohoa_err *err);

/* Inside a batch, puts queue their sections in temp.fts_pending instead
 * of indexing them (FTS5 writes its in-memory index out as a new segment
 * at every savepoint, and each put is one); sohoa_store_commit indexes
 * them all at once, in the same transaction (put.c). */
int store_fts_flush_pending(sohoa_store *s, sohoa_err *err);

/* Registration of the tokenizer, the rank function and
 * sohoa_exact_match on a connection (fts_register.c). */
int store_fts_ready(sohoa_store *s, sohoa_err *err);

/* term_stats.c: refill term_stats from the index (inside the caller's
 * transaction, or in its own). */
int store_stats_refresh(sohoa_store *s, sohoa_err *err);
struct store_query;
/* The document count of each phrase of q for sohoa_bm25's 5th argument:
 * "n0 n1 ..." (-1 where unknown: a word indexed after the last refresh).
 * Malloc'd; NULL when term_stats is empty. */
char *store_stats_phrase_docs(sohoa_store *s, const struct store_query *q);

#endif
