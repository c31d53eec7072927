/* store_fts.c — fuzzing the FTS5 tokenizer "sohoa" through SQLite, as
 * analysts reach it, and the --exact query rewriting
 * (sohoa_store_exact_query): the input is inserted as a document (any
 * bytes: SQL users can insert anything), then used as a raw MATCH query,
 * plain and rewritten for exact search.
 * Oracles: the insert and FTS5's own 'integrity-check' succeed (the index
 * agrees with re-tokenising the content); a phrase query made of the
 * document's first word finds the document, folded and exact (the query is
 * tokenised like the document); a raw query runs or fails with an SQLite
 * error, never a crash, and its exact rewrite parses exactly when the
 * original does. */
#include "fuzz.h"
#include "sohoa/store.h"
#include "sohoa/utf8.h"

#include <sqlite3.h>

static sqlite3 *db;

static void exec(const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "store_fts: %s: %s\n", sql, msg);
        abort();
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    if (sqlite3_open(":memory:", &db) != SQLITE_OK || sohoa_fts_register(db) != SQLITE_OK)
        abort();
    exec("CREATE VIRTUAL TABLE f USING fts5(body, tokenize='sohoa');");
    return 0;
}

/* Number of rows of table t matching q; -1 on an SQLite error. */
static int count_matches(const char *t, const char *q, size_t qn)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE %s MATCH ?", t, t);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        abort();
    sqlite3_bind_text(st, 1, q, (int)qn, SQLITE_STATIC);
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

static void insert(const char *t, const uint8_t *data, size_t size)
{
    char sql[64];
    snprintf(sql, sizeof sql, "INSERT INTO %s(rowid, body) VALUES (1, ?)", t);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        abort();
    sqlite3_bind_text(st, 1, (const char *)data, (int)size, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        fprintf(stderr, "insert into %s: %s\n", t, sqlite3_errmsg(db));
    FUZZ_ASSERT(rc == SQLITE_DONE);
}

/* The first whitespace-delimited word of the input if it is plain enough
 * to quote as a phrase: 1..40 bytes of ASCII letters, digits and valid
 * UTF-8 (no quote, no control byte); 0 otherwise. */
static size_t first_word(const uint8_t *d, size_t n, size_t *start)
{
    size_t i = 0;
    while (i < n && (d[i] == ' ' || d[i] == '\n'))
        i++;
    size_t j = i, alnum = 0;
    while (j < n && d[j] != ' ' && d[j] != '\n') {
        if (d[j] < 0x80 && !((d[j] | 0x20) >= 'a' && (d[j] | 0x20) <= 'z') &&
            !(d[j] >= '0' && d[j] <= '9'))
            return 0;
        alnum += d[j] < 0x80;
        j++;
    }
    *start = i;
    /* (valid UTF-8 only: the tokenizer splits at invalid bytes, so a word
     * opening with one loses the exact-search marker to the split) */
    if (sohoa_utf8_invalid_at((const char *)d + i, j - i) != (size_t)-1)
        return 0;
    return j - i <= 40 && alnum ? j - i : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (memchr(data, '\0', size)) /* SQLite text stops at a NUL */
        return 0;
    insert("f", data, size);
    exec("INSERT INTO f(f) VALUES('integrity-check');");
    size_t at, wn = first_word(data, size, &at);
    if (wn) {
        char q[128];
        int qn = snprintf(q, sizeof q, "\"%.*s\"", (int)wn, (const char *)data + at);
        char *x = sohoa_store_exact_query(q);
        int nf = count_matches("f", q, (size_t)qn), ne = count_matches("f", x, strlen(x));
        if (nf != 1 || ne != 1)
            fprintf(stderr, "phrase %s: %d folded, %d exact (%s)\n", q, nf, ne, x);
        FUZZ_ASSERT(nf == 1 && ne == 1);
        free(x);
    }
    /* the input as a raw query, and rewritten: both parse, or neither */
    char *q = fuzz_cstr(data, size < 512 ? size : 512);
    char *x = sohoa_store_exact_query(q);
    int plain = count_matches("f", q, strlen(q)), exact = count_matches("f", x, strlen(x));
    if ((plain < 0) != (exact < 0))
        fprintf(stderr, "query [%s] %s, its exact rewrite [%s] %s\n", q,
                plain < 0 ? "fails" : "runs", x, exact < 0 ? "fails" : "runs");
    FUZZ_ASSERT((plain < 0) == (exact < 0));
    free(x);
    free(q);
    exec("DELETE FROM f;");
    return 0;
}
