/* fts_register.c — finding FTS5 on a connection and registering our
 * tokenizer and rank function on it (the in-process path; the loadable
 * extension does the same in fts_extension.c through SQLite's extension
 * routines), and the SQL function sohoa_exact_match, with which --exact
 * re-checks the rows the index of folded words finds (query_match.c). */
#include "query.h"
#include "store_internal.h"

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

static void query_free(void *q) { store_query_free(q); }

/* sohoa_exact_match(query, title, heading, body): 1 if the row matches the
 * query with exact forms compared, 0 if not; an error for a query that
 * does not parse. The parsed query is kept for the statement's life. */
static void exact_match_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    store_query *q = sqlite3_get_auxdata(ctx, 0);
    if (!q) {
        const char *text = (const char *)sqlite3_value_text(argv[0]);
        char *msg = NULL;
        q = store_query_parse(text ? text : "", &msg);
        if (!q) {
            sqlite3_result_error(ctx, msg ? msg : "invalid query", -1);
            free(msg);
            return;
        }
        sqlite3_set_auxdata(ctx, 0, q, query_free);
        q = sqlite3_get_auxdata(ctx, 0); /* NULL if SQLite could not keep it */
        if (!q) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
    }
    const char *cols[Q_NCOLS];
    for (int i = 0; i < Q_NCOLS; i++)
        cols[i] = (const char *)sqlite3_value_text(argv[1 + i]);
    q_row r;
    q_row_init(&r, cols, q);
    sqlite3_result_int(ctx, store_query_match(q, &r, 1));
    q_row_free(&r);
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
        rc = sqlite3_create_function(db, "sohoa_exact_match", 4,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                     exact_match_fn, NULL, NULL);
    return rc;
}

int store_fts_ready(sohoa_store *s, sohoa_err *err)
{
    if (sohoa_fts_register(s->db) != SQLITE_OK)
        return sohoa_err_set(err, SOHOA_EUNSUPPORTED,
                             "%s: this SQLite has no FTS5 (full-text search) support", s->path);
    return SOHOA_OK;
}
