/* store.c — opening and closing a store, the statement cache, and the small
 * helpers the other files of src/store share (store_internal.h). */
#include "store_internal.h"
#include "sohoa/buf.h"
#include "sohoa/syllable.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int store_sqlite_err(sohoa_store *s, const char *what, sohoa_err *err)
{
    int ec = s->db ? sqlite3_errcode(s->db) : SQLITE_ERROR;
    const char *msg = s->db ? sqlite3_errmsg(s->db) : "out of memory";
    int code = SOHOA_EIO;
    if (ec == SQLITE_CORRUPT || ec == SQLITE_NOTADB)
        code = SOHOA_EFORMAT;
    else if (ec == SQLITE_BUSY || ec == SQLITE_LOCKED)
        code = SOHOA_EBUSY;
    else if (ec == SQLITE_NOMEM)
        code = SOHOA_ENOMEM;
    if (code == SOHOA_EFORMAT)
        return sohoa_err_set(err, code, "%s: %s: the database is damaged or not SQLite (%s)",
                             s->path, what, msg);
    return sohoa_err_set(err, code, "%s: %s: %s", s->path, what, msg);
}

int store_exec(sohoa_store *s, const char *sql, sohoa_err *err)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return store_sqlite_err(s, "SQL failed", err);
    return SOHOA_OK;
}

sqlite3_stmt *store_stmt(sohoa_store *s, int which, const char *sql, sohoa_err *err)
{
    sqlite3_stmt *st = s->stmt[which];
    if (!st) {
        if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) !=
            SQLITE_OK) {
            store_sqlite_err(s, "cannot prepare a statement", err);
            return NULL;
        }
        s->stmt[which] = st;
    } else {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
    return st;
}

int store_bind_text(sqlite3_stmt *st, int i, const char *s)
{
    return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

char *store_column_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? sohoa_xstrdup((const char *)t) : NULL;
}

char *store_fold_key(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    char *out = sohoa_xmalloc(n + 1);
    sohoa_fold(s, n, out, n + 1);
    return out;
}

int store_version_cmp(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    while (*a || *b) {
        if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
            char *ea, *eb;
            unsigned long long x = strtoull(a, &ea, 10), y = strtoull(b, &eb, 10);
            if (x != y)
                return x < y ? -1 : 1;
            a = ea;
            b = eb;
        } else {
            if (*a != *b)
                return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
            a++;
            b++;
        }
    }
    return 0;
}

static int open_db(sohoa_store *s, sohoa_err *err)
{
    int ro = s->flags & SOHOA_STORE_READONLY;
    struct stat st;
    if (stat(s->path, &st) != 0) {
        if (ro || !(s->flags & SOHOA_STORE_CREATE))
            return sohoa_err_set(err, SOHOA_EIO, "%s: cannot open the database: %s", s->path,
                                 strerror(errno));
    } else if (!S_ISREG(st.st_mode)) {
        return sohoa_err_set(err, SOHOA_EIO, "%s: cannot open the database: not a regular file",
                             s->path);
    }
    int oflags = ro ? SQLITE_OPEN_READONLY
                    : SQLITE_OPEN_READWRITE | ((s->flags & SOHOA_STORE_CREATE) ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(s->path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
        return store_sqlite_err(s, "cannot open the database", err);
    sqlite3_extended_result_codes(s->db, 0);
    sqlite3_busy_timeout(s->db, 10000);
    return SOHOA_OK;
}

int sohoa_store_open(const char *path, unsigned flags, sohoa_store **out, sohoa_err *err)
{
    *out = NULL;
    sohoa_store *s = sohoa_xcalloc(1, sizeof *s);
    s->path = sohoa_xstrdup(path);
    s->flags = flags;
    s->pipeline_version = sohoa_xstrdup(SOHOA_STORE_PIPELINE_VERSION);
    int ro = flags & SOHOA_STORE_READONLY;
    int rc = open_db(s, err);
    if (!rc)
        rc = store_fts_ready(s, err);
    if (!rc && !ro) {
        /* WAL: readers and the one writer run at once; NORMAL sync is
         * crash-safe in WAL mode (a power cut may lose the last commits). */
        rc = store_exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                              " PRAGMA cache_size=-16384;"
                              " CREATE TEMP TABLE fts_pending(id INTEGER PRIMARY KEY)",
                        err);
    }
    if (!rc)
        rc = store_schema_check(s, !ro, err);
    /* readers map the file: index pages are read without a copy */
    if (!rc && ro)
        rc = store_exec(s, "PRAGMA query_only=1; PRAGMA mmap_size=1073741824", err);
    if (rc) {
        sohoa_store_close(s);
        return rc;
    }
    *out = s;
    return SOHOA_OK;
}

void sohoa_store_close(sohoa_store *s)
{
    if (!s)
        return;
    sohoa_store_rollback(s); /* an open batch is abandoned */
    if (s->dirty && !(s->flags & SOHOA_STORE_READONLY))
        store_stats_refresh(s, NULL); /* stale counts still rank: no error to give */
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(s->stmt[i]);
    sqlite3_close(s->db);
    free(s->path);
    free(s->pipeline_version);
    free(s);
}

void sohoa_store_set_pipeline_version(sohoa_store *s, const char *version)
{
    free(s->pipeline_version);
    s->pipeline_version = sohoa_xstrdup(version ? version : SOHOA_STORE_PIPELINE_VERSION);
}

const char *sohoa_store_path(const sohoa_store *s) { return s->path; }

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
