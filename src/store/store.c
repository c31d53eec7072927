/* store.c — opening and closing a store. The helpers every file of
 * src/store shares are in sql.c (store_internal.h). */
#include "store_internal.h"
#include "sohoa/buf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
