/* exact_match_fn.h — the SQL function sohoa_exact_match(query, title,
 * heading, body), defined once and compiled into both registration paths:
 * fts_register.c (sohoa itself, linked against SQLite) and
 * fts_extension.c (the loadable extension, where sqlite3ext.h turns every
 * sqlite3_* call below into a call through the host's routines). Include it
 * after the SQLite header of the including file and after query.h.
 *
 * 1 if the row matches the query with exact forms compared, 0 if not; an
 * error for a query that does not parse. The parsed query is kept as
 * auxiliary data for the statement's life (SQLite frees it). */
#ifndef SOHOA_STORE_EXACT_MATCH_FN_H
#define SOHOA_STORE_EXACT_MATCH_FN_H

#include <stdlib.h>

static void exact_match_query_free(void *q) { store_query_free(q); }

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
        sqlite3_set_auxdata(ctx, 0, q, exact_match_query_free);
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

/* Register it on db; an SQLite status. */
static int exact_match_register(sqlite3 *db)
{
    return sqlite3_create_function(db, "sohoa_exact_match", 4,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                   exact_match_fn, NULL, NULL);
}

#endif
