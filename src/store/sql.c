/* sql.c — what every file of src/store shares (store_internal.h): SQLite
 * errors as sohoa errors naming the database, the statement cache,
 * binding and copying text, the folded key of filters, and the order of
 * pipeline versions. Owner: store. */
#include "store_internal.h"
#include "sohoa/buf.h"
#include "sohoa/syllable.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

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
