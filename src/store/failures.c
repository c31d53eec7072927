/* failures.c — files that could not be processed, kept as data: the path,
 * its sha256 if known, the stage and error of the last failure, how many
 * runs failed on it, and when. Keyed by path (see store.h). */
#include "store_internal.h"
#include "sohoa/buf.h"

#include <stdlib.h>

int sohoa_store_record_failure(sohoa_store *s, const char *path, const char *sha256,
                               const char *stage, const char *error, sohoa_err *err)
{
    if (!path)
        return sohoa_err_set(err, SOHOA_EINVAL, "%s: a failure needs a path", s->path);
    sqlite3_stmt *st = NULL;
    static const char sql[] =
        "INSERT INTO failures(path, sha256, stage, error, attempts, first_at, last_at)"
        " VALUES(?1, ?2, ?3, ?4, 1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
        " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
        " ON CONFLICT(path) DO UPDATE SET sha256 = coalesce(excluded.sha256, sha256),"
        " stage = excluded.stage, error = excluded.error, attempts = attempts + 1,"
        " last_at = excluded.last_at";
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return store_sqlite_err(s, "cannot record a failure", err);
    store_bind_text(st, 1, path);
    store_bind_text(st, 2, sha256 && *sha256 ? sha256 : NULL);
    store_bind_text(st, 3, stage ? stage : "unknown");
    store_bind_text(st, 4, error ? error : "");
    int rc = sqlite3_step(st) == SQLITE_DONE ? SOHOA_OK
                                             : store_sqlite_err(s, "cannot record a failure", err);
    sqlite3_finalize(st);
    return rc;
}

int sohoa_store_clear_failure(sohoa_store *s, const char *path, sohoa_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "DELETE FROM failures WHERE path = ?", -1, &st, NULL) !=
        SQLITE_OK)
        return store_sqlite_err(s, "cannot clear a failure", err);
    store_bind_text(st, 1, path);
    int rc = sqlite3_step(st) == SQLITE_DONE ? SOHOA_OK
                                             : store_sqlite_err(s, "cannot clear a failure", err);
    sqlite3_finalize(st);
    return rc;
}

int sohoa_store_failures(sohoa_store *s, sohoa_failure **out, size_t *n, sohoa_err *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT path, sha256, stage, error, last_at, attempts FROM failures"
                           " ORDER BY path",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlite_err(s, "cannot list failures", err);
    size_t cap = 0;
    sohoa_failure *v = NULL;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 16;
            v = sohoa_xrealloc(v, cap * sizeof *v);
        }
        sohoa_failure *f = &v[(*n)++];
        f->path = store_column_dup(st, 0);
        f->sha256 = store_column_dup(st, 1);
        f->stage = store_column_dup(st, 2);
        f->error = store_column_dup(st, 3);
        f->last_at = store_column_dup(st, 4);
        f->attempts = sqlite3_column_int(st, 5);
    }
    if (rc != SQLITE_DONE) {
        rc = store_sqlite_err(s, "cannot list failures", err);
        sqlite3_finalize(st);
        sohoa_failures_free(v, *n);
        *n = 0;
        return rc;
    }
    sqlite3_finalize(st);
    *out = v;
    return SOHOA_OK;
}

void sohoa_failures_free(sohoa_failure *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(f[i].path);
        free(f[i].sha256);
        free(f[i].stage);
        free(f[i].error);
        free(f[i].last_at);
    }
    free(f);
}
