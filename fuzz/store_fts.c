/* store_fts.c — fuzzing the store's full-text path as it ships (schema 2),
 * through SQLite, as `sohoa search` and analysts reach it: the FTS5
 * tokenizer "sohoa" with the option fold (sections_fts indexes skeletons
 * only), its rank function sohoa_bm25, and --exact's two steps — FTS5 runs
 * the candidate query (store_query_candidates, query.h) and the SQL
 * function sohoa_exact_match re-checks each row it finds.
 * The input is split at newlines: the first line is a query, the next two
 * the title and the heading, the rest the body; the row is inserted as is
 * (any bytes but NUL: SQL users can insert anything).
 * Oracles:
 *   the insert and FTS5's 'integrity-check' succeed (the index agrees with
 *   re-tokenising the content);
 *   a phrase of the row's first word finds the row folded (FTS5 alone),
 *   typed without diacritics, and exact (candidates + re-check);
 *   the query runs or fails with an SQLite error, never a crash; when
 *   FTS5 runs it and the store's parser accepts it (and it holds no
 *   U+E000, schema 1's exact-form marker), the store's matcher on
 *   skeletons agrees with FTS5 on whether the row matches (--exact relies
 *   on the two reading a query alike), and when the exact reading
 *   matches, the candidate query with the re-check finds the row; ranking
 *   with sohoa_bm25 (given document counts read from junk, as term_stats'
 *   text could be) gives a finite score to every row FTS5 matched. */
#include "fuzz.h"
#include "sohoa/buf.h"
#include "sohoa/store.h"
#include "store/fts_words.h"
#include "store/query.h"

#include <math.h>
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
    (void)argc;
    (void)argv;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK || sohoa_fts_register(db) != SQLITE_OK)
        abort();
    /* sections_fts of schema 2 (src/store/schema.c), with its own content */
    exec("CREATE VIRTUAL TABLE f USING fts5(title, heading, body, tokenize='sohoa fold');"
         "INSERT INTO f(f, rank) VALUES('rank', 'sohoa_bm25(4.0, 2.0, 1.0)');");
    return 0;
}

static sqlite3_stmt *prepare(const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "store_fts: %s: %s\n", sql, sqlite3_errmsg(db));
        abort();
    }
    return st;
}

/* Rows matching q (FTS5 alone); -1 on an SQLite error (a bad query). */
static int folded_count(const char *q)
{
    sqlite3_stmt *st = prepare("SELECT count(*) FROM f WHERE f MATCH ?");
    sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

/* Rows the store's --exact keeps for q: its candidates matched by FTS5,
 * re-checked by sohoa_exact_match. -1: q does not parse or the candidates
 * fail in FTS5; 0 when nothing can match. */
static int exact_count(const char *q)
{
    char *msg = NULL;
    store_query *t = store_query_parse(q, &msg);
    free(msg);
    if (!t)
        return -1;
    char *cand = store_query_candidates(t);
    store_query_free(t);
    if (!cand)
        return 0;
    sqlite3_stmt *st = prepare("SELECT count(*) FROM f WHERE f MATCH ?1"
                               " AND sohoa_exact_match(?2, title, heading, body)");
    sqlite3_bind_text(st, 1, cand, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, q, -1, SQLITE_STATIC);
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    free(cand);
    return n;
}

static void insert(const char *const col[Q_NCOLS])
{
    sqlite3_stmt *st = prepare("INSERT INTO f(rowid, title, heading, body) VALUES (1, ?, ?, ?)");
    for (int i = 0; i < Q_NCOLS; i++)
        sqlite3_bind_text(st, i + 1, col[i], -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE)
        fprintf(stderr, "insert: %s\n", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    FUZZ_ASSERT(rc == SQLITE_DONE);
}

/* The first word of the row with a non-empty skeleton, as a malloc'd
 * string; NULL if it has none. *skel receives its skeleton. */
static char *first_word(const char *const col[Q_NCOLS], char **skel)
{
    for (int c = 0; c < Q_NCOLS; c++) {
        size_t n = strlen(col[c]), pos = 0, a, b;
        while (fts_word_next(col[c], n, &pos, &a, &b)) {
            *skel = fts_skeleton(col[c] + a, b - a);
            if (*skel && **skel)
                return sohoa_xstrndup(col[c] + a, b - a);
            free(*skel);
        }
    }
    *skel = NULL;
    return NULL;
}

/* A phrase of the row's first word finds the row in each reading. */
static void check_first_word(const char *const col[Q_NCOLS])
{
    char *skel, *w = first_word(col, &skel);
    if (!w)
        return;
    sohoa_buf q = SOHOA_BUF_INIT, qs = SOHOA_BUF_INIT;
    sohoa_buf_printf(&q, "\"%s\"", w); /* a word holds no quote */
    sohoa_buf_printf(&qs, "\"%s\"", skel);
    int nf = folded_count(q.data), ns = folded_count(qs.data), ne = exact_count(q.data);
    if (nf != 1 || ns != 1 || ne != 1)
        fprintf(stderr, "phrase %s (%s): %d folded, %d unaccented, %d exact\n", q.data, qs.data,
                nf, ns, ne);
    FUZZ_ASSERT(nf == 1 && ns == 1 && ne == 1);
    sohoa_buf_free(&q);
    sohoa_buf_free(&qs);
    free(w);
    free(skel);
}

/* Rank the rows q matches with sohoa_bm25, the phrases' document counts
 * read from docs; every score is finite. Returns the rows ranked. */
static int ranked(const char *q, const char *docs)
{
    sqlite3_stmt *st = prepare("SELECT sohoa_bm25(f, 4.0, 2.0, 1.0, ?2) AS r FROM f"
                               " WHERE f MATCH ?1 ORDER BY r");
    sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, docs, -1, SQLITE_STATIC);
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        FUZZ_ASSERT(isfinite(sqlite3_column_double(st, 0)));
        n++;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? n : -1;
}

/* The query line against the row: FTS5 and the store's reading agree. */
static void check_query(const char *q, const char *const col[Q_NCOLS], const char *docs)
{
    /* U+E000 before a word is schema 1's exact-form marker: the tokenizer
     * then looks the word up by its exact form, which an index of folded
     * words does not hold (store.h: such a term matches nothing there),
     * while the store's parser reads the marker as a separator. Queries
     * with it are run, but not compared. */
    int marker = strstr(q, "\xEE\x80\x80") != NULL;
    int plain = folded_count(q);
    char *msg = NULL;
    store_query *t = store_query_parse(q, &msg);
    free(msg);
    if (plain < 0 || !t || marker) {
        store_query_free(t);
        return;
    }
    q_row r;
    q_row_init(&r, col, t);
    int folded = store_query_match(t, &r, 0), exact = store_query_match(t, &r, 1);
    q_row_free(&r);
    store_query_free(t);
    if (folded != plain)
        fprintf(stderr, "query [%s]: FTS5 %s the row, the store's matcher %s\n", q,
                plain ? "matches" : "does not match", folded ? "matches" : "does not");
    FUZZ_ASSERT(folded == plain);
    /* (the exact reading may match where the folded one does not: NOT
     * ngan excludes ngân folded, not exact) */
    if (exact)
        FUZZ_ASSERT(exact_count(q) == 1);
    FUZZ_ASSERT(ranked(q, docs) == plain);
}

/* The n-th newline-separated field of s (n = 3: the rest), malloc'd. */
static char *field(const char *s, int n)
{
    for (int i = 0; i < n; i++) {
        const char *nl = strchr(s, '\n');
        if (!nl)
            return sohoa_xstrdup("");
        s = nl + 1;
    }
    const char *nl = n < 3 ? strchr(s, '\n') : NULL;
    return sohoa_xstrndup(s, nl ? (size_t)(nl - s) : strlen(s));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (memchr(data, '\0', size)) /* SQLite text stops at a NUL */
        return 0;
    char *in = fuzz_cstr(data, size);
    char *query = field(in, 0);
    char *f[Q_NCOLS] = {field(in, 1), field(in, 2), field(in, 3)};
    const char *col[Q_NCOLS] = {f[0], f[1], f[2]};
    insert(col);
    exec("INSERT INTO f(f) VALUES('integrity-check');");
    check_first_word(col);
    if (strlen(query) <= 512)
        check_query(query, col, f[1]); /* the heading as junk counts */
    exec("DELETE FROM f;");
    for (int i = 0; i < Q_NCOLS; i++)
        free(f[i]);
    free(query);
    free(in);
    return 0;
}
