/* claim.c — one path, one document.
 *
 * A path names the file as it is now, so it belongs to at most one
 * document: when a document is put or recorded at path P (a file whose
 * content changed, or changed to content stored before), every other
 * document loses P, and a document left with no path at all is deleted
 * with every row that hangs on it (FTS rows, sections, references,
 * recipients, agencies, texts). A document that keeps another path (inbox
 * mode records the done/ path too) stays. The caller holds the
 * transaction. sohoa_store_has records a path for content already stored,
 * claiming it the same way, in a transaction of its own. */
#include "store_internal.h"
#include "sohoa/buf.h"

#include <stdlib.h>

static int step_done(sohoa_store *s, sqlite3_stmt *st, const char *what, sohoa_err *err)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? SOHOA_OK : store_sqlite_err(s, what, err);
}

int store_delete_children(sohoa_store *s, int64_t id, sohoa_err *err)
{
    /* External-content FTS5 needs the old values to delete its rows, so
     * they go before the sections do; sections a batch has not indexed yet
     * (temp.fts_pending, put.c) are only taken off the queue. */
    static const struct {
        int which;
        const char *sql;
    } del[] = {
        {ST_FTS_DELETE,
         "INSERT INTO sections_fts(sections_fts, rowid, title, heading, body)"
         " SELECT 'delete', s.id, d.title, s.heading, s.text FROM sections s"
         " JOIN documents d ON d.id = s.document WHERE s.document = ?"
         " AND s.id NOT IN (SELECT id FROM temp.fts_pending)"},
        {ST_FTS_UNPEND,
         "DELETE FROM temp.fts_pending WHERE id IN (SELECT id FROM sections WHERE document = ?)"},
        {ST_DEL_SECTIONS, "DELETE FROM sections WHERE document = ?"},
        {ST_DEL_REFS, "DELETE FROM refs WHERE document = ?"},
        {ST_DEL_RECIPIENTS, "DELETE FROM recipients WHERE document = ?"},
        {ST_DEL_AGENCIES, "DELETE FROM agencies WHERE document = ?"},
        {ST_DEL_REVIEW, "DELETE FROM review_words WHERE document = ?"},
        {ST_DEL_TEXT, "DELETE FROM document_texts WHERE document = ?"},
    };
    for (size_t i = 0; i < sizeof del / sizeof del[0]; i++) {
        sqlite3_stmt *st = store_stmt(s, del[i].which, del[i].sql, err);
        if (!st)
            return err->code;
        sqlite3_bind_int64(st, 1, id);
        int rc = step_done(s, st, "cannot delete the rows of a document", err);
        if (rc)
            return rc;
    }
    return SOHOA_OK;
}

/* Delete document id and all its rows. */
static int delete_document(sohoa_store *s, int64_t id, sohoa_err *err)
{
    int rc = store_delete_children(s, id, err);
    if (rc)
        return rc;
    sqlite3_stmt *st = store_stmt(s, ST_DEL_DOC, "DELETE FROM documents WHERE id = ?", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    return step_done(s, st, "cannot delete a document", err);
}

/* The other documents holding path: a malloc'd array of *n ids. */
static int holders(sohoa_store *s, int64_t id, const char *path, int64_t **out, size_t *n,
                   sohoa_err *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = store_stmt(s, ST_PATH_HOLDERS,
                                  "SELECT document FROM paths WHERE path = ? AND document <> ?",
                                  err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 4;
            *out = sohoa_xrealloc(*out, cap * sizeof **out);
        }
        (*out)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        return store_sqlite_err(s, "cannot look up a path", err);
    }
    return SOHOA_OK;
}

/* Remove path from document other; delete other if that was its last. */
static int release(sohoa_store *s, int64_t other, const char *path, sohoa_err *err)
{
    sqlite3_stmt *st = store_stmt(s, ST_PATH_RELEASE,
                                  "DELETE FROM paths WHERE document = ? AND path = ?", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, other);
    sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
    int rc = step_done(s, st, "cannot move a path", err);
    if (rc)
        return rc;
    st = store_stmt(s, ST_PATH_ANY, "SELECT 1 FROM paths WHERE document = ? LIMIT 1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, other);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return SOHOA_OK;
    if (rc != SQLITE_DONE)
        return store_sqlite_err(s, "cannot look up a path", err);
    return delete_document(s, other, err);
}

int store_claim_path(sohoa_store *s, int64_t id, const char *path, sohoa_err *err)
{
    int64_t *v;
    size_t n;
    int rc = holders(s, id, path, &v, &n, err);
    for (size_t i = 0; !rc && i < n; i++)
        rc = release(s, v[i], path, err);
    free(v);
    return rc;
}

/* Record path for document id, taking it from any other document, in one
 * transaction (a savepoint inside a batch). */
static int record_path(sohoa_store *s, int64_t id, const char *path, sohoa_err *err)
{
    int rc = store_exec(s, s->in_batch ? "SAVEPOINT has" : "BEGIN IMMEDIATE", err);
    if (rc)
        return rc;
    sqlite3_stmt *ins = store_stmt(s, ST_PATH_INSERT,
                                   "INSERT OR IGNORE INTO paths(document, path, first_seen)"
                                   " VALUES(?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                                   err);
    if (!ins) {
        rc = err->code;
    } else {
        sqlite3_bind_int64(ins, 1, id);
        sqlite3_bind_text(ins, 2, path, -1, SQLITE_STATIC);
        if (sqlite3_step(ins) != SQLITE_DONE)
            rc = store_sqlite_err(s, "cannot record a path", err);
        sqlite3_reset(ins);
    }
    if (!rc)
        rc = store_claim_path(s, id, path, err);
    if (!rc)
        rc = store_exec(s, s->in_batch ? "RELEASE has" : "COMMIT", err);
    if (!rc)
        s->dirty = 1; /* claiming the path may have deleted a document */
    if (rc)
        sqlite3_exec(s->db, s->in_batch ? "ROLLBACK TO has; RELEASE has" : "ROLLBACK", NULL,
                     NULL, NULL);
    return rc;
}

int sohoa_store_has(sohoa_store *s, const char *sha256, const char *path, sohoa_err *err)
{
    sohoa_err local;
    if (!err)
        err = &local;
    sqlite3_stmt *st = store_stmt(s, ST_DOC_BY_SHA,
                                  "SELECT id, pipeline_version FROM documents WHERE sha256 = ?", err);
    if (!st)
        return -err->code;
    sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE)
        return 0;
    if (rc != SQLITE_ROW)
        return -store_sqlite_err(s, "cannot look up a document", err);
    int64_t id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (path && !(s->flags & SOHOA_STORE_READONLY)) {
        int rc2 = record_path(s, id, path, err);
        if (rc2)
            return -rc2;
    }
    return 1;
}
