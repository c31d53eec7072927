/* store.h — the SQLite store: documents, sections, references, recipients,
 * agencies, raw and restored text, failures; FTS5 full-text search with a
 * Vietnamese folding tokenizer ("dong thap" finds "Đồng Tháp").
 *
 * WAL mode; schema versioned by PRAGMA user_version with forward migrations;
 * stable views v_documents, v_sections, v_references, v_recipients,
 * v_agencies, v_paths, v_failures for analysts (README: "Database schema").
 * Readers open read-only; one writer commits each document in its own
 * transaction (or several in a batch: sohoa_store_begin). All SQL is
 * parameterised.
 *
 * Ownership: sohoa_store owns its sqlite3 handle; close with
 * sohoa_store_close. One sohoa_store per thread. Every array or string
 * returned through an out-parameter is owned by the caller and released
 * with the matching *_free function named next to it.
 *
 * Errors: functions return SOHOA_OK or a status and fill err (if non-NULL)
 * with one sentence that names the database path. */
#ifndef SOHOA_STORE_H
#define SOHOA_STORE_H

#include <stddef.h>
#include <stdint.h>
#include "sohoa/doc.h"
#include "sohoa/error.h"

typedef struct sohoa_store sohoa_store;

enum { SOHOA_STORE_READONLY = 1, SOHOA_STORE_CREATE = 2 };

/* The pipeline version recorded with each document unless the writer sets
 * another with sohoa_store_set_pipeline_version. */
#define SOHOA_STORE_PIPELINE_VERSION "0.1.0"

/* Open (and with SOHOA_STORE_CREATE create or migrate) the database at path.
 * Without SOHOA_STORE_CREATE a missing file is an error (SOHOA_EIO naming
 * the path). A damaged or foreign file, or a schema version newer than this
 * build (or older, when read-only), gives SOHOA_EFORMAT naming the path. */
int sohoa_store_open(const char *path, unsigned flags, sohoa_store **out, sohoa_err *err);
void sohoa_store_close(sohoa_store *s);
/* The path given to sohoa_store_open (owned by s). */
const char *sohoa_store_path(const sohoa_store *s);
/* The pipeline version written by later puts (copied; NULL = the default). */
void sohoa_store_set_pipeline_version(sohoa_store *s, const char *version);

/* Insert or replace the document with d->sha256 in one transaction (its
 * sections, refs, recipients, agencies, texts, FTS rows). *id (if non-NULL)
 * receives the document id; a re-put keeps the id and replaces every other
 * row. A document already present under another path gains the path.
 * A path belongs to one document: any other document holding d->path
 * loses it (the file's content changed), and one left with no path is
 * deleted with all its rows, in the same transaction.
 * Success also clears any failure recorded for d->path. d->sha256 must be
 * set (SOHOA_EINVAL otherwise). */
int sohoa_store_put(sohoa_store *s, const sohoa_doc *d, int64_t *id, sohoa_err *err);

/* Batches: between sohoa_store_begin and sohoa_store_commit, puts share one
 * transaction (each put is still all-or-nothing, through a savepoint), which
 * is faster for bulk loads; a crash loses the open batch. The batch's
 * sections are indexed for search all at once when it commits (one FTS5
 * segment per batch, not per put), so a search before the commit does
 * not find them. sohoa_store_rollback (and sohoa_store_close) abandons
 * it. Without a batch, each put commits. */
int sohoa_store_begin(sohoa_store *s, sohoa_err *err);
int sohoa_store_commit(sohoa_store *s, sohoa_err *err);
void sohoa_store_rollback(sohoa_store *s);

/* 1 if a document with this sha256 is stored (and then records path for it,
 * when path is non-NULL and the store is writable, taking it from any
 * other document as sohoa_store_put does), 0 if not, a negative
 * status (-SOHOA_E...) with err filled on error. */
int sohoa_store_has(sohoa_store *s, const char *sha256, const char *path, sohoa_err *err);

/* Failures are data: a file that could not be processed, with the stage and
 * the error; attempts counts the runs that failed on it. Failures are keyed
 * by path: recording one for the same path again increments attempts and
 * updates stage, error and last_at; a later success (put) clears it.
 * Times are ISO 8601 UTC ("2026-11-30T06:00:00Z"). */
typedef struct sohoa_failure {
    char *path, *sha256, *stage, *error, *last_at;
    int attempts;
} sohoa_failure;

int sohoa_store_record_failure(sohoa_store *s, const char *path, const char *sha256,
                               const char *stage, const char *error, sohoa_err *err);
int sohoa_store_clear_failure(sohoa_store *s, const char *path, sohoa_err *err);
/* *out is a malloc'd array of *n failures, ordered by path; free with
 * sohoa_failures_free. */
int sohoa_store_failures(sohoa_store *s, sohoa_failure **out, size_t *n, sohoa_err *err);
void sohoa_failures_free(sohoa_failure *f, size_t n);

/* Merge the documents of another database (a shard) into s, idempotently:
 * same sha256 keeps the row of the newer pipeline version (the one already
 * in s on a tie); paths are united; the shard's failures are added unless s
 * holds a document for that path. Refuses a shard of another schema version.
 * The FTS index is rebuilt by sohoa_store_rebuild_fts, once, after all
 * shards (until then searches may miss merged documents). added/replaced
 * (if non-NULL) receive the counts of documents. */
int sohoa_store_merge_from(sohoa_store *s, const char *shard_path, size_t *added,
                           size_t *replaced, sohoa_err *err);
int sohoa_store_rebuild_fts(sohoa_store *s, sohoa_err *err);

/* Refill term_stats (each indexed word's document count, which ranking
 * reads instead of walking posting lists) from the index. A writer that
 * changed the index does it when it closes; call it to have the counts
 * current sooner. About 0.3 s per 100,000 sections. */
int sohoa_store_update_stats(sohoa_store *s, sohoa_err *err);

/* --- reading ------------------------------------------------------------ */

/* Load document id as a sohoa_doc (*out, caller frees with sohoa_doc_free):
 * source, raw text and OCR words, restored text, metadata, refs,
 * recipients, agencies and the section tree. d->path is its first path.
 * SOHOA_EINVAL ("no document N") if absent. */
int sohoa_store_get(sohoa_store *s, int64_t id, sohoa_doc **out, sohoa_err *err);

/* The id of the document named by key: a decimal id, or a sha256 or a
 * unique prefix of one (6+ lower-case hex digits). SOHOA_EINVAL if none. */
int sohoa_store_lookup(sohoa_store *s, const char *key, int64_t *id, sohoa_err *err);

/* Every path of document id, oldest first: *paths is a malloc'd array of *n
 * malloc'd strings; free with sohoa_strv_free. */
int sohoa_store_paths(sohoa_store *s, int64_t id, char ***paths, size_t *n, sohoa_err *err);
void sohoa_strv_free(char **v, size_t n);

/* Filters shared by search, facets and export; NULL / 0 = no filter.
 * doc_type and section_kind are exact codes ("ke_hoach", "budget";
 * section_kind matches any of a section's kinds). issuer and place match a
 * substring, ignoring case and diacritics. from/to are ISO dates or their
 * prefixes ("2023", "2023-05"), inclusive. cites matches a cited document
 * number ignoring diacritics: "2077/QD-UBND" or just "2077". */
typedef struct sohoa_filter {
    const char *doc_type, *section_kind, *issuer, *place, *from, *to, *cites;
    int year;
} sohoa_filter;

typedef struct sohoa_search_opts {
    const char *query;  /* FTS5 query syntax: words, "phrases", prefix*, OR, NOT, NEAR */
    sohoa_filter filter;
    int exact;          /* match diacritics exactly (case still ignored) */
    int documents;      /* one hit per document: its best section */
    size_t limit;       /* 0 = 20 */
    const char *mark_open, *mark_close; /* snippet highlight; NULL = "[" "]" */
} sohoa_search_opts;

/* One search result: a section with its document. Strings may be NULL. */
typedef struct sohoa_hit {
    int64_t doc_id, section_id;
    char **paths;
    size_t npaths;
    char *doc_type, *number, *symbol, *date, *title, *issuer, *place;
    int year;
    int ordinal, level, line, page;
    char *label, *heading, *kind;
    char **kinds;
    size_t nkinds;
    char *snippet;
    double score;       /* BM25, higher is better */
} sohoa_hit;

/* Run a search. A query FTS5 cannot parse gives SOHOA_EINVAL with a
 * sentence naming the query. *out: malloc'd array of *n hits, best first;
 * free with sohoa_hits_free. */
int sohoa_store_search(sohoa_store *s, const sohoa_search_opts *o, sohoa_hit **out, size_t *n,
                       sohoa_err *err);
void sohoa_hits_free(sohoa_hit *h, size_t n);

/* Counts for a query (o->query, o->filter, o->exact; limit ignored):
 * facet "type", "year" and "issuer" count matching documents, facet
 * "section" counts matching sections per kind. Ordered by facet, then
 * count descending, then value. */
typedef struct sohoa_facet {
    char *facet, *value; /* value "" for an unknown field */
    int64_t count;
} sohoa_facet;
int sohoa_store_facets(sohoa_store *s, const sohoa_search_opts *o, sohoa_facet **out,
                       size_t *n, sohoa_err *err);
void sohoa_facets_free(sohoa_facet *f, size_t n);

/* The FTS5 query q rewritten so that its terms match diacritics exactly
 * (U+E000 before each term; operators, column names and NEAR distances left
 * as they are). What `exact` does; for analysts' own MATCH in SQL.
 * Returns a malloc'd string (caller frees). */
char *sohoa_store_exact_query(const char *q);

/* Ids of the documents that pass filter f (and match query, if non-NULL
 * and non-empty), in id order: *ids is a malloc'd array (caller frees). */
int sohoa_store_select(sohoa_store *s, const sohoa_filter *f, const char *query, int exact,
                       int64_t **ids, size_t *n, sohoa_err *err);

/* --- the tokenizer ------------------------------------------------------ */

/* Register the FTS5 tokenizer "sohoa" on a raw sqlite3 handle. It indexes
 * each word as its ASCII skeleton (case and diacritics folded, đ→d) and,
 * at the same position, as its exact form (case folded, marks kept, tone
 * placement normalised: hoà = hòa); query words match the skeleton, or the
 * exact form when prefixed with U+E000 (what sohoa_store_exact_query
 * writes). With the option "fold" (tokenize='sohoa fold') it indexes the
 * skeletons only: the store's index since schema version 2, where exact
 * search re-checks the candidates (a U+E000 term matches nothing there).
 * In-process (not in the loadable extension) it also registers the SQL
 * function sohoa_exact_match(query, title, heading, body): 1 if the texts
 * match the FTS5 query with diacritics compared exactly (case ignored).
 * Returns a SQLite result code. */
struct sqlite3;
int sohoa_fts_register(struct sqlite3 *db);

/* The same on an fts5_api pointer, with the SQLite routines the rank
 * function sohoa_bm25 needs (what the loadable extension calls, since it
 * must reach SQLite only through the routines its host gives it). host must
 * outlive the connection (a static). Also registers the FTS5 auxiliary
 * function sohoa_bm25(fts, w_title, w_heading, w_body [, docs]): BM25
 * without length normalisation, the rank of the store's index. docs, if
 * given, is the number of rows holding each phrase of the query ("n0 n1
 * ...", -1 where unknown, as term_stats gives them); without it, or for
 * a -1, the phrase's posting list is walked to count them, as bm25()
 * does. */
struct fts5_api;
struct sqlite3_context;
struct sqlite3_value;
typedef struct sohoa_fts_host {
    void (*result_double)(struct sqlite3_context *, double);
    void (*result_error_code)(struct sqlite3_context *, int);
    double (*value_double)(struct sqlite3_value *);
    const unsigned char *(*value_text)(struct sqlite3_value *);
} sohoa_fts_host;
int sohoa_fts_install(struct fts5_api *api, const sohoa_fts_host *host);

#endif
