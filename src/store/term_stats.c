/* term_stats.c — the document count of each indexed word, for ranking.
 *
 * BM25 weighs each phrase by its IDF, which needs the number of rows that
 * hold it. FTS5 keeps no such count: bm25() walks the phrase's whole
 * posting list once more per query (xQueryPhrase), 1-3 ms for a common
 * word of 100,000 sections, more than the match itself. term_stats holds
 * the counts (from the vocabulary table sections_vocab); a writer refills
 * it when it closes after changing the index, or on
 * sohoa_store_update_stats (about 0.3 s per 100,000 sections). Between
 * refreshes the counts lag the index: IDF moves little with a few more
 * documents, and a word absent from the table is counted by the walk as
 * before (-1 below). A phrase's count is its rarest word's (an upper
 * bound of the phrase's own); a prefix's is the sum over its words. */
#include "query.h"
#include "store_internal.h"
#include "sohoa/buf.h"

#include <stdlib.h>

int store_stats_refresh(sohoa_store *s, sohoa_err *err)
{
    int own = !s->in_batch && sqlite3_get_autocommit(s->db);
    int rc = store_exec(s, own ? "BEGIN IMMEDIATE" : "SAVEPOINT stats", err);
    if (!rc)
        rc = store_exec(s, "DELETE FROM term_stats;"
                           "INSERT INTO term_stats(term, docs) SELECT term, doc FROM sections_vocab",
                        err);
    if (!rc)
        rc = store_exec(s, own ? "COMMIT" : "RELEASE stats", err);
    if (rc)
        sqlite3_exec(s->db, own ? "ROLLBACK" : "ROLLBACK TO stats; RELEASE stats", NULL, NULL,
                     NULL);
    else
        s->dirty = 0;
    return rc;
}

int sohoa_store_update_stats(sohoa_store *s, sohoa_err *err)
{
    if (s->flags & SOHOA_STORE_READONLY)
        return sohoa_err_set(err, SOHOA_EINVAL, "%s: the database is open read-only", s->path);
    return store_stats_refresh(s, err);
}

/* The count of one word (or of every word it begins, for a prefix); -1
 * if unknown. */
static long long term_docs(sohoa_store *s, const q_term *t)
{
    sqlite3_stmt *st =
        t->prefix ? store_stmt(s, ST_STATS_PREFIX,
                               "SELECT sum(docs) FROM term_stats"
                               " WHERE term >= ?1 AND term < ?1 || char(1114111)",
                               NULL)
                  : store_stmt(s, ST_STATS_TERM, "SELECT docs FROM term_stats WHERE term = ?",
                               NULL);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, t->skel, -1, SQLITE_STATIC);
    long long n = -1;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return n;
}

static int stats_empty(sohoa_store *s)
{
    sqlite3_stmt *st = NULL;
    int empty = 1;
    if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM term_stats LIMIT 1", -1, &st, NULL) == SQLITE_OK)
        empty = sqlite3_step(st) != SQLITE_ROW;
    sqlite3_finalize(st);
    return empty;
}

char *store_stats_phrase_docs(sohoa_store *s, const store_query *q)
{
    if (!q || !q->nph || stats_empty(s))
        return NULL;
    sohoa_buf b = SOHOA_BUF_INIT;
    for (size_t i = 0; i < q->nph; i++) {
        long long best = -1;
        for (size_t k = 0; k < q->ph[i].n; k++) {
            long long n = term_docs(s, &q->ph[i].t[k]);
            if (n < 0) { /* indexed after the last refresh, or nowhere */
                best = -1;
                break;
            }
            if (best < 0 || n < best)
                best = n;
        }
        sohoa_buf_printf(&b, "%s%lld", i ? " " : "", best);
    }
    return sohoa_buf_steal(&b);
}
