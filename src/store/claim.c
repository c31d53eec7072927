/* claim.c — one path, one document.
 *
 * A path names the file as it is now, so it belongs to at most one
 * document: when a document is put or recorded at path P (a file whose
 * content changed, or changed to content stored before), every other
 * document loses P, and a document left with no path at all is deleted
 * with every row that hangs on it (FTS rows, sections, references,
 * recipients, agencies, texts). A document that keeps another path (inbox
 * mode records the done/ path too) stays. The caller holds the
 * transaction. */
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
