/* fts_register.c — finding FTS5 on a connection and registering our
 * tokenizer and rank function on it (the in-process path; the loadable
 * extension does the same in fts_extension.c through SQLite's extension
 * routines), and the SQL function sohoa_exact_match, with which --exact
 * re-checks the rows the index of folded words finds (query_match.c;
 * defined in exact_match_fn.h, shared with the extension). */
#include "query.h"
#include "store_internal.h"
#include "exact_match_fn.h"

#include <stdlib.h>

static fts5_api *fts5_api_of(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    return api;
}

int sohoa_fts_register(sqlite3 *db)
{
    fts5_api *api = fts5_api_of(db);
    if (!api)
        return SQLITE_ERROR;
    static const sohoa_fts_host host = {sqlite3_result_double, sqlite3_result_error_code,
                                        sqlite3_value_double, sqlite3_value_text};
    int rc = sohoa_fts_install(api, &host);
    if (rc == SQLITE_OK)
        rc = exact_match_register(db);
    return rc;
}

int store_fts_ready(sohoa_store *s, sohoa_err *err)
{
    if (sohoa_fts_register(s->db) != SQLITE_OK)
        return sohoa_err_set(err, SOHOA_EUNSUPPORTED,
                             "%s: this SQLite has no FTS5 (full-text search) support", s->path);
    return SOHOA_OK;
}
