/* merge.c — merging a shard database into this one, and rebuilding the FTS
 * index afterwards.
 *
 * Idempotent by content hash: a shard document whose sha256 is absent is
 * copied with a new id; one already present is replaced only when the
 * shard's pipeline version is newer (so merging the same shard twice changes
 * nothing); paths are united either way. The shard is checked by opening it
 * read-only as a store (same damage and version checks as any open), then
 * attached read-only. One transaction per shard. FTS rows are not written
 * here: sohoa_store_rebuild_fts rebuilds the index once at the end. */
#include "store_internal.h"
#include "sohoa/buf.h"

#include <stdlib.h>
#include <string.h>

#define COPY_DOC_COLS                                                                    \
    "sha256, kind, pages, encoding, doc_type, number, symbol, issuer, place, date,"      \
    " date_partial, year, title, signer, signer_role, period, ocr_conf, restore_tokens," \
    " restore_changed, restore_low_conf, restore_mean_conf, pipeline_version,"           \
    " issuer_key, place_key, ingested_at"

typedef struct merge_ctx {
    sohoa_store *s;
    sohoa_err *err;
    size_t added, replaced;
} merge_ctx;

/* Run sql with ?1 = a, ?2 = b (either may be unused). */
static int run2(merge_ctx *m, const char *sql, int64_t a, int64_t b)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(m->s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return store_sqlite_err(m->s, "cannot merge", m->err);
    int np = sqlite3_bind_parameter_count(st);
    if (np >= 1)
        sqlite3_bind_int64(st, 1, a);
    if (np >= 2)
        sqlite3_bind_int64(st, 2, b);
    int rc = sqlite3_step(st) == SQLITE_DONE ? SOHOA_OK
                                             : store_sqlite_err(m->s, "cannot merge", m->err);
    sqlite3_finalize(st);
    return rc;
}

/* Copy the child rows of shard document `from` to main document `to`. */
static int copy_children(merge_ctx *m, int64_t from, int64_t to)
{
    static const char *const sql[] = {
        "INSERT INTO main.document_texts(document, raw, raw_words, text)"
        " SELECT ?2, raw, raw_words, text FROM shard.document_texts WHERE document = ?1",
        "INSERT INTO main.sections(document, ordinal, level, label, heading, kind, kinds, text,"
        " parent, line, page) SELECT ?2, ordinal, level, label, heading, kind, kinds, text,"
        " parent, line, page FROM shard.sections WHERE document = ?1 ORDER BY ordinal",
        "INSERT INTO main.refs(document, ordinal, type, number, number_key, date)"
        " SELECT ?2, ordinal, type, number, number_key, date FROM shard.refs WHERE document = ?1",
        "INSERT INTO main.recipients(document, ordinal, name)"
        " SELECT ?2, ordinal, name FROM shard.recipients WHERE document = ?1",
        "INSERT INTO main.agencies(document, ordinal, name)"
        " SELECT ?2, ordinal, name FROM shard.agencies WHERE document = ?1",
        "INSERT INTO main.review_words(document, ordinal, line, page, original, restored,"
        " confidence, alternatives) SELECT ?2, ordinal, line, page, original, restored,"
        " confidence, alternatives FROM shard.review_words WHERE document = ?1",
    };
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
        int rc = run2(m, sql[i], from, to);
        if (rc)
            return rc;
    }
    return SOHOA_OK;
}

static int delete_children(merge_ctx *m, int64_t id)
{
    static const char *const sql[] = {
        "DELETE FROM main.document_texts WHERE document = ?1",
        "DELETE FROM main.sections WHERE document = ?1",
        "DELETE FROM main.refs WHERE document = ?1",
        "DELETE FROM main.recipients WHERE document = ?1",
        "DELETE FROM main.agencies WHERE document = ?1",
        "DELETE FROM main.review_words WHERE document = ?1",
    };
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
        int rc = run2(m, sql[i], id, 0);
        if (rc)
            return rc;
    }
    return SOHOA_OK;
}

/* Merge one shard document. */
static int merge_doc(merge_ctx *m, int64_t from, const char *sha, const char *version)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(m->s->db,
                           "SELECT id, pipeline_version FROM main.documents WHERE sha256 = ?",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlite_err(m->s, "cannot merge", m->err);
    sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
    int found = sqlite3_step(st) == SQLITE_ROW;
    int64_t to = found ? sqlite3_column_int64(st, 0) : 0;
    int newer = found && store_version_cmp(version, (const char *)sqlite3_column_text(st, 1)) > 0;
    sqlite3_finalize(st);
    int rc = SOHOA_OK;
    if (!found) {
        rc = run2(m, "INSERT INTO main.documents(" COPY_DOC_COLS ") SELECT " COPY_DOC_COLS
                     " FROM shard.documents WHERE id = ?1", from, 0);
        to = sqlite3_last_insert_rowid(m->s->db);
        if (!rc)
            rc = copy_children(m, from, to);
        m->added++;
    } else if (newer) {
        rc = run2(m, "UPDATE main.documents SET (" COPY_DOC_COLS ") = (SELECT " COPY_DOC_COLS
                     " FROM shard.documents WHERE id = ?1) WHERE id = ?2", from, to);
        if (!rc)
            rc = delete_children(m, to);
        if (!rc)
            rc = copy_children(m, from, to);
        m->replaced++;
    }
    if (!rc)
        rc = run2(m, "INSERT OR IGNORE INTO main.paths(document, path, first_seen)"
                     " SELECT ?2, path, first_seen FROM shard.paths WHERE document = ?1 ORDER BY id",
                 from, to);
    return rc;
}

static int merge_failures(merge_ctx *m)
{
    int rc = run2(m, "DELETE FROM main.failures WHERE path IN (SELECT path FROM shard.paths)",
                  0, 0);
    if (rc)
        return rc;
    return run2(m,
                "INSERT INTO main.failures(path, sha256, stage, error, attempts, first_at, last_at)"
                " SELECT path, sha256, stage, error, attempts, first_at, last_at"
                " FROM shard.failures f WHERE NOT EXISTS"
                " (SELECT 1 FROM main.paths p WHERE p.path = f.path) AND true"
                " ON CONFLICT(path) DO UPDATE SET attempts = max(attempts, excluded.attempts),"
                " stage = CASE WHEN excluded.last_at > last_at THEN excluded.stage ELSE stage END,"
                " error = CASE WHEN excluded.last_at > last_at THEN excluded.error ELSE error END,"
                " last_at = max(last_at, excluded.last_at)",
                0, 0);
}

static int merge_all(merge_ctx *m)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(m->s->db,
                           "SELECT id, sha256, pipeline_version FROM shard.documents ORDER BY id",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlite_err(m->s, "cannot read the shard", m->err);
    int rc = SOHOA_OK, step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        char *sha = store_column_dup(st, 1), *version = store_column_dup(st, 2);
        rc = merge_doc(m, sqlite3_column_int64(st, 0), sha ? sha : "", version);
        free(sha);
        free(version);
    }
    if (!rc && step != SQLITE_DONE)
        rc = store_sqlite_err(m->s, "cannot read the shard", m->err);
    sqlite3_finalize(st);
    if (!rc)
        rc = merge_failures(m);
    return rc;
}

int sohoa_store_merge_from(sohoa_store *s, const char *shard_path, size_t *added,
                           size_t *replaced, sohoa_err *err)
{
    sohoa_err local;
    if (!err)
        err = &local;
    sohoa_store *shard = NULL;
    int rc = sohoa_store_open(shard_path, SOHOA_STORE_READONLY, &shard, err);
    if (rc)
        return rc;
    sohoa_store_close(shard);
    merge_ctx m = {s, err, 0, 0};
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "ATTACH ? AS shard", -1, &st, NULL) != SQLITE_OK)
        return store_sqlite_err(s, "cannot attach a shard", err);
    sqlite3_bind_text(st, 1, shard_path, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    sqlite3_finalize(st);
    if (step != SQLITE_DONE)
        return store_sqlite_err(s, "cannot attach a shard", err);
    rc = store_exec(s, "BEGIN IMMEDIATE", err);
    if (!rc) {
        rc = merge_all(&m);
        if (!rc)
            rc = store_exec(s, "COMMIT", err);
        if (rc)
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    }
    sqlite3_exec(s->db, "DETACH shard", NULL, NULL, NULL);
    if (rc)
        return sohoa_err_prefix(err, shard_path);
    s->dirty = 1;
    if (added)
        *added = m.added;
    if (replaced)
        *replaced = m.replaced;
    return SOHOA_OK;
}

int sohoa_store_rebuild_fts(sohoa_store *s, sohoa_err *err)
{
    /* the rebuild indexes what a batch had queued */
    int rc = store_exec(s, "INSERT INTO sections_fts(sections_fts) VALUES('rebuild');"
                           "DELETE FROM temp.fts_pending", err);
    return rc ? rc : store_stats_refresh(s, err);
}
