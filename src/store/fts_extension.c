/* fts_extension.c — sohoa_fts.so, a SQLite loadable extension that gives
 * analysts the tokenizer "sohoa" (so MATCH works on a sohoa database
 * outside sohoa: 'dong thap' finds "Đồng Tháp") and the SQL function
 * sohoa_fold(TEXT), and sohoa_exact_match(query, title, heading, body),
 * the exact re-check of --exact (exact_match_fn.h):
 *
 *   SELECT rowid FROM sections_fts WHERE sections_fts MATCH 'tuyen truyen'
 *     AND sohoa_exact_match('tuyên truyền', title, heading, body);
 *
 *   sqlite3 archive.db
 *   sqlite> .load ./sohoa_fts
 *   sqlite> SELECT rowid FROM sections_fts WHERE sections_fts MATCH 'dong thap';
 *
 *   import sqlite3; db = sqlite3.connect("archive.db")
 *   db.enable_load_extension(True); db.load_extension("./sohoa_fts")
 *
 * Built only into the extension (the Makefile links it with
 * fts_tokenizer.c, the query parser and matcher, src/text and src/core).
 * Every SQLite call here goes through the routines the host passes in
 * (sqlite3ext.h), as SQLite requires of extensions. */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include <stdlib.h>
#include <string.h>

#include "sohoa/store.h"
#include "sohoa/syllable.h"
#include "query.h"
#include "exact_match_fn.h"

static void fold_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    const char *s = (const char *)sqlite3_value_text(argv[0]);
    int n = sqlite3_value_bytes(argv[0]);
    char *out = sqlite3_malloc(n + 1);
    if (!out) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    size_t len = sohoa_fold(s ? s : "", (size_t)n, out, (size_t)n + 1);
    sqlite3_result_text(ctx, out, (int)(len <= (size_t)n ? len : (size_t)n), sqlite3_free);
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_extension_init(sqlite3 *db, char **errmsg, const sqlite3_api_routines *api)
{
    SQLITE_EXTENSION_INIT2(api);
    fts5_api *fts = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(st, 1, (void *)&fts, "fts5_api_ptr", NULL);
        sqlite3_step(st);
    }
    sqlite3_finalize(st);
    if (!fts) {
        *errmsg = sqlite3_mprintf("sohoa_fts: this SQLite has no FTS5");
        return SQLITE_ERROR;
    }
    static sohoa_fts_host host; /* the host's routines, set on first load */
    host.result_double = sqlite3_result_double;
    host.result_error_code = sqlite3_result_error_code;
    host.value_double = sqlite3_value_double;
    host.value_text = sqlite3_value_text;
    int rc = sohoa_fts_install(fts, &host);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function(db, "sohoa_fold", 1,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                     NULL, fold_fn, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = exact_match_register(db);
    return rc;
}
