/* search.c — full-text search over sections, facets, and selecting
 * documents by filter (for export).
 *
 * A search scores every matching section with sohoa_bm25 (title 4,
 * heading 2, body 1: the index's configured rank), given each phrase's
 * document count from term_stats (term_stats.c), keeps the best `limit`
 * ids — or, with `documents`, the best section of each of the first
 * `limit` documents — and only then reads their rows, in one statement
 * without FTS5, and makes their snippets from the parsed query
 * (snippet.c). An --exact search ranks the folded candidates
 * (store_query_candidates) the same way and re-checks them in rank order
 * (query_match.c) only until `limit` pass: a common word has thousands of
 * candidates, and re-checking each one's words cost ten times the ranking.
 * Facets and export count every match, so there sohoa_exact_match
 * re-checks every candidate in SQL. */
#include "filter.h"
#include "query.h"
#include "sohoa/buf.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>


/* An FTS5 query error is the user's, not the database's. */
static int query_err(sohoa_store *s, const char *query, sohoa_err *err)
{
    int ec = sqlite3_errcode(s->db);
    if (ec == SQLITE_ERROR)
        return sohoa_err_set(err, SOHOA_EINVAL,
                             "invalid query '%s': %s (put words with punctuation in double "
                             "quotes, e.g. \"86/KH-UBND\")",
                             query, sqlite3_errmsg(s->db));
    return store_sqlite_err(s, "search failed", err);
}

static int has_query(const char *q) { return q && *q; }

/* A query ready to run: the text MATCH gets (the user's, or for --exact
 * the candidates), the parsed tree (for snippets, phrase counts and the
 * exact check; NULL when a plain query does not parse here, which FTS5
 * then judges), and whether anything can match at all. */
typedef struct pquery {
    const char *text; /* the user's query */
    char *match;      /* what MATCH gets; NULL: nothing can match */
    store_query *tree;
    int exact;
} pquery;

static int pquery_init(const char *text, int exact, pquery *pq, sohoa_err *err)
{
    pq->text = text;
    pq->exact = exact;
    pq->match = NULL;
    char *msg = NULL;
    pq->tree = store_query_parse(text, &msg);
    if (!pq->tree && exact) {
        int rc = sohoa_err_set(err, SOHOA_EINVAL,
                               "invalid query '%s': %s (put words with punctuation in double "
                               "quotes, e.g. \"86/KH-UBND\")",
                               text, msg ? msg : "syntax error");
        free(msg);
        return rc;
    }
    free(msg);
    pq->match = exact ? store_query_candidates(pq->tree) : sohoa_xstrdup(text);
    return SOHOA_OK;
}

static void pquery_free(pquery *pq)
{
    free(pq->match);
    store_query_free(pq->tree);
}

/* Bind MATCH's text and, for --exact, sohoa_exact_match's query, from
 * parameter i; returns the next parameter number. */
static int bind_query(sqlite3_stmt *st, int i, const pquery *pq)
{
    sqlite3_bind_text(st, i++, pq->match, -1, SQLITE_STATIC);
    if (pq->exact)
        sqlite3_bind_text(st, i++, pq->text, -1, SQLITE_STATIC);
    return i;
}

/* FROM ... WHERE ... for a query and filters (no trailing clauses). The
 * query's parameters (bind_query) come first, the filters' after. */
static void from_where(const sohoa_search_opts *o, int need_sections, sohoa_buf *sql,
                       store_binds *b)
{
    if (has_query(o->query)) {
        sohoa_buf_puts(sql, " FROM sections_fts f JOIN sections s ON s.id = f.rowid"
                            " JOIN documents d ON d.id = s.document WHERE f.sections_fts MATCH ?");
        if (o->exact)
            sohoa_buf_puts(sql, " AND sohoa_exact_match(?, d.title, s.heading, s.text)");
    } else if (need_sections) {
        sohoa_buf_puts(sql, " FROM sections s JOIN documents d ON d.id = s.document WHERE 1");
    } else {
        sohoa_buf_puts(sql, " FROM documents d WHERE 1");
    }
    store_filter_sql(&o->filter, sql, b);
}

static int prepare_filtered(sohoa_store *s, const sohoa_search_opts *o, const pquery *pq,
                            sohoa_buf *sql, store_binds *b, sqlite3_stmt **st, sohoa_err *err)
{
    if (sqlite3_prepare_v2(s->db, sohoa_buf_cstr(sql), -1, st, NULL) != SQLITE_OK) {
        int rc = has_query(o->query) ? query_err(s, o->query, err)
                                     : store_sqlite_err(s, "search failed", err);
        store_binds_free(b);
        return rc;
    }
    int first = has_query(o->query) ? bind_query(*st, 1, pq) : 1;
    store_binds_apply(b, *st, first);
    return SOHOA_OK;
}

static char **kinds_of(const char *json, size_t *n)
{
    *n = 0;
    json_t *a = json ? json_loads(json, 0, NULL) : NULL;
    size_t m = json_is_array(a) ? json_array_size(a) : 0;
    char **v = sohoa_xcalloc(m ? m : 1, sizeof *v);
    for (size_t i = 0; i < m; i++)
        if (json_is_string(json_array_get(a, i)))
            v[(*n)++] = sohoa_xstrdup(json_string_value(json_array_get(a, i)));
    json_decref(a);
    return v;
}

/* The rank expression: the index's configured rank (schema.c), spelled out
 * so that SQLite, not FTS5, orders by it (see sohoa_store_search), with
 * the phrases' document counts as parameter 1. */
#define RANK_SQL "sohoa_bm25(sections_fts, 4.0, 2.0, 1.0, ?)"

/* The columns of one hit after its ids, in the order fill_hit reads them. */
#define HIT_COLUMNS                                                                    \
    "s.ordinal, s.level, s.label, s.heading, s.kind, s.kinds, s.line, s.page,"         \
    " d.doc_type, d.number, d.symbol, d.date, d.year, d.title, d.issuer, d.place"

/* Fill h from the columns of HIT_COLUMNS, which start at column 1
 * (column 0 is the section id). */
static void fill_hit(sqlite3_stmt *st, sohoa_hit *h)
{
    h->ordinal = sqlite3_column_int(st, 1);
    h->level = sqlite3_column_int(st, 2);
    h->label = store_column_dup(st, 3);
    h->heading = store_column_dup(st, 4);
    h->kind = store_column_dup(st, 5);
    if (!h->kind)
        h->kind = sohoa_xstrdup("other");
    h->kinds = kinds_of((const char *)sqlite3_column_text(st, 6), &h->nkinds);
    h->line = sqlite3_column_int(st, 7);
    h->page = sqlite3_column_int(st, 8);
    char **f[] = {&h->doc_type, &h->number, &h->symbol, &h->date};
    for (int i = 0; i < 4; i++)
        *f[i] = store_column_dup(st, 9 + i);
    h->year = sqlite3_column_int(st, 13);
    h->title = store_column_dup(st, 14);
    h->issuer = store_column_dup(st, 15);
    h->place = store_column_dup(st, 16);
}

static int seen(const sohoa_hit *v, size_t n, int64_t doc)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].doc_id == doc)
            return 1;
    return 0;
}

/* Phase 1: the ids and scores of the best sections, best first, into v
 * (*k of them). SQLite orders by the rank expression with a bounded
 * sorter (LIMIT), scoring each match once; FTS5's own ORDER BY rank sorts
 * every match and then seeks each row again, twice the cost. Only the ids
 * go through the sorter: no per-row columns, joins (unless filters or
 * `documents` need them) or snippets. */
static int rank_ids(sohoa_store *s, const sohoa_search_opts *o, const pquery *pq, size_t limit,
                    sohoa_hit *v, size_t *k, sohoa_err *err)
{
    sohoa_buf sql = SOHOA_BUF_INIT;
    store_binds b = {.n = 0};
    int joins = o->documents || !store_filter_empty(&o->filter);
    sohoa_buf_puts(&sql, "SELECT f.rowid, " RANK_SQL " AS r");
    if (joins) {
        sohoa_buf_puts(&sql, ", s.document");
        from_where(o, 1, &sql, &b);
    } else {
        sohoa_buf_puts(&sql, " FROM sections_fts f WHERE f.sections_fts MATCH ?");
    }
    sohoa_buf_puts(&sql, " ORDER BY r");
    if (!o->documents)
        sohoa_buf_puts(&sql, " LIMIT ?");
    /* the plain search (no filter, no --exact) is one statement, kept */
    sqlite3_stmt *st = NULL;
    int cached = !joins;
    int rc = SQLITE_OK;
    if (cached) {
        sohoa_err local;
        st = store_stmt(s, ST_RANK, sohoa_buf_cstr(&sql), &local);
        rc = st ? SQLITE_OK : SQLITE_ERROR;
    } else {
        rc = sqlite3_prepare_v2(s->db, sohoa_buf_cstr(&sql), -1, &st, NULL);
    }
    sohoa_buf_free(&sql);
    if (rc != SQLITE_OK) {
        store_binds_free(&b);
        return query_err(s, o->query, err);
    }
    char *docs = store_stats_phrase_docs(s, pq->tree);
    sqlite3_bind_text(st, 1, docs, -1, free);
    int next = bind_query(st, 2, pq);
    store_binds_apply(&b, st, next);
    if (!o->documents)
        sqlite3_bind_int64(st, next + (int)b.n, (sqlite3_int64)limit);
    *k = 0;
    while (*k < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t doc = joins ? sqlite3_column_int64(st, 2) : 0;
        if (o->documents && seen(v, *k, doc))
            continue;
        v[*k].section_id = sqlite3_column_int64(st, 0);
        v[*k].score = -sqlite3_column_double(st, 1);
        v[(*k)++].doc_id = doc;
    }
    rc = (*k == limit || rc == SQLITE_DONE) ? SOHOA_OK : query_err(s, o->query, err);
    if (cached) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    } else
        sqlite3_finalize(st);
    store_binds_free(&b);
    return rc;
}

/* 1 if section sid matches the query with exact forms (its document in
 * *doc); 0 if not, or if the row is gone. st is ROW_SQL, reset here. */
#define ROW_SQL                                                                            \
    "SELECT d.title, s.heading, s.text, s.document FROM sections s"                        \
    " JOIN documents d ON d.id = s.document WHERE s.id = ?"
static int exact_row(sqlite3_stmt *st, const pquery *pq, int64_t sid, int64_t *doc)
{
    int ok = 0;
    sqlite3_bind_int64(st, 1, sid);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *cols[Q_NCOLS];
        for (int c = 0; c < Q_NCOLS; c++)
            cols[c] = (const char *)sqlite3_column_text(st, c);
        *doc = sqlite3_column_int64(st, 3);
        q_row r;
        q_row_init(&r, cols, pq->tree);
        ok = store_query_match(pq->tree, &r, 1);
        q_row_free(&r);
    }
    sqlite3_reset(st);
    return ok;
}

/* Phase 1 of --exact: the candidates' ids and scores, best first, as the
 * folded search ranks them (the same scores: the re-check only removes
 * rows), each re-checked in that order until v holds `limit` (one per
 * document with `documents`). Only filters need the joins here; a row's
 * texts and document are read when it is checked. */
static int rank_exact_ids(sohoa_store *s, const sohoa_search_opts *o, const pquery *pq,
                          size_t limit, sohoa_hit *v, size_t *k, sohoa_err *err)
{
    sohoa_search_opts folded = *o;
    folded.exact = 0; /* from_where: no re-check in SQL */
    pquery fq = *pq;
    fq.exact = 0; /* bind_query: MATCH's text alone */
    sohoa_buf sql = SOHOA_BUF_INIT;
    store_binds b = {.n = 0};
    sohoa_buf_puts(&sql, "SELECT f.rowid, " RANK_SQL " AS r");
    if (!store_filter_empty(&o->filter))
        from_where(&folded, 1, &sql, &b);
    else
        sohoa_buf_puts(&sql, " FROM sections_fts f WHERE f.sections_fts MATCH ?");
    sohoa_buf_puts(&sql, " ORDER BY r");
    sqlite3_stmt *st = NULL, *row = NULL;
    int rc = sqlite3_prepare_v2(s->db, sohoa_buf_cstr(&sql), -1, &st, NULL);
    sohoa_buf_free(&sql);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->db, ROW_SQL, -1, &row, NULL);
    if (rc != SQLITE_OK) {
        rc = query_err(s, o->query, err);
        sqlite3_finalize(st);
        store_binds_free(&b);
        return rc;
    }
    char *docs = store_stats_phrase_docs(s, pq->tree);
    sqlite3_bind_text(st, 1, docs, -1, free);
    store_binds_apply(&b, st, bind_query(st, 2, &fq));
    *k = 0;
    while (*k < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t sid = sqlite3_column_int64(st, 0), doc = 0;
        if (!exact_row(row, pq, sid, &doc) || (o->documents && seen(v, *k, doc)))
            continue;
        v[*k].section_id = sid;
        v[*k].score = -sqlite3_column_double(st, 1);
        v[(*k)++].doc_id = doc;
    }
    rc = (*k == limit || rc == SQLITE_DONE) ? SOHOA_OK : query_err(s, o->query, err);
    sqlite3_finalize(row);
    sqlite3_finalize(st);
    store_binds_free(&b);
    return rc;
}

/* Fill the hit of v whose section is the row's (column 0), with its
 * snippet. */
static void place_row(sqlite3_stmt *st, const sohoa_search_opts *o, const pquery *pq,
                      sohoa_hit *v, size_t k)
{
    int64_t sid = sqlite3_column_int64(st, 0);
    for (size_t i = 0; i < k; i++)
        if (v[i].section_id == sid && !v[i].kind) {
            fill_hit(st, &v[i]);
            v[i].doc_id = sqlite3_column_int64(st, 18);
            /* the indexed columns: title, heading, body */
            const char *cols[Q_NCOLS] = {(const char *)sqlite3_column_text(st, 14),
                                         (const char *)sqlite3_column_text(st, 4),
                                         (const char *)sqlite3_column_text(st, 17)};
            q_row r;
            q_row_init(&r, cols, pq->tree);
            v[i].snippet = store_snippet(pq->tree, &r, pq->exact,
                                         o->mark_open ? o->mark_open : "[",
                                         o->mark_close ? o->mark_close : "]");
            q_row_free(&r);
            return;
        }
}

/* Phase 2: the section and document of each hit, in one statement over
 * the tables (no FTS5: matching the query again for the returned rows cost
 * as much as ranking them), and the snippets (snippet.c). */
static int fill_hits(sohoa_store *s, const sohoa_search_opts *o, const pquery *pq,
                     sohoa_hit *v, size_t k, sohoa_err *err)
{
    if (!k)
        return SOHOA_OK;
    sohoa_buf ids = SOHOA_BUF_INIT;
    for (size_t i = 0; i < k; i++)
        sohoa_buf_printf(&ids, "%s%lld", i ? "," : "[", (long long)v[i].section_id);
    sohoa_buf_putc(&ids, ']');
    int rc = SOHOA_OK;
    sqlite3_stmt *st = store_stmt(s, ST_FILL,
                                  "SELECT s.id, " HIT_COLUMNS ", s.text, s.document"
                                  " FROM sections s JOIN documents d ON d.id = s.document"
                                  " WHERE s.id IN (SELECT value FROM json_each(?))",
                                  err);
    if (!st) {
        rc = err->code;
    } else {
        sqlite3_bind_text(st, 1, sohoa_buf_cstr(&ids), -1, SQLITE_STATIC);
        int r;
        while ((r = sqlite3_step(st)) == SQLITE_ROW)
            place_row(st, o, pq, v, k);
        if (r != SQLITE_DONE)
            rc = store_sqlite_err(s, "search failed", err);
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
    sohoa_buf_free(&ids);
    for (size_t i = 0; !rc && i < k; i++)
        rc = sohoa_store_paths(s, v[i].doc_id, &v[i].paths, &v[i].npaths, err);
    return rc;
}

/* Two phases (rank_ids, fill_hits): the ranking touches each matching
 * section once and only for its score; the joins and snippets are done
 * for the `limit` rows returned. */
int sohoa_store_search(sohoa_store *s, const sohoa_search_opts *o, sohoa_hit **out, size_t *n,
                       sohoa_err *err)
{
    sohoa_err local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    if (!has_query(o->query))
        return sohoa_err_set(err, SOHOA_EINVAL, "an empty query matches nothing");
    size_t limit = o->limit ? o->limit : 20;
    pquery pq;
    int rc = pquery_init(o->query, o->exact, &pq, err);
    if (rc)
        return rc;
    sohoa_hit *v = sohoa_xcalloc(limit, sizeof *v);
    size_t k = 0;
    if (pq.match)
        rc = o->exact ? rank_exact_ids(s, o, &pq, limit, v, &k, err)
                      : rank_ids(s, o, &pq, limit, v, &k, err);
    if (!rc)
        rc = fill_hits(s, o, &pq, v, k, err);
    pquery_free(&pq);
    if (rc) {
        sohoa_hits_free(v, k);
        return rc;
    }
    *out = v;
    *n = k;
    return SOHOA_OK;
}

void sohoa_hits_free(sohoa_hit *h, size_t n)
{
    if (!h)
        return;
    for (size_t i = 0; i < n; i++) {
        sohoa_strv_free(h[i].paths, h[i].npaths);
        char *f[] = {h[i].doc_type, h[i].number, h[i].symbol, h[i].date, h[i].title,
                     h[i].issuer, h[i].place, h[i].label, h[i].heading, h[i].kind,
                     h[i].snippet};
        for (size_t j = 0; j < sizeof f / sizeof f[0]; j++)
            free(f[j]);
        sohoa_strv_free(h[i].kinds, h[i].nkinds);
    }
    free(h);
}

/* One facet: SELECT value, count ... GROUP BY value, appended to *v. */
static int facet(sohoa_store *s, const sohoa_search_opts *o, const pquery *pq, const char *name,
                 const char *value_sql, const char *count_sql, const char *extra_from,
                 sohoa_facet **v, size_t *n, size_t *cap, sohoa_err *err)
{
    sohoa_buf sql = SOHOA_BUF_INIT;
    store_binds b = {.n = 0};
    sohoa_buf_printf(&sql, "SELECT coalesce(%s, ''), %s FROM (SELECT d.*, s.kinds AS skinds",
                     value_sql, count_sql);
    from_where(o, 1, &sql, &b);
    sohoa_buf_printf(&sql, ") d%s GROUP BY 1 ORDER BY 2 DESC, 1", extra_from);
    sqlite3_stmt *st = NULL;
    int rc = prepare_filtered(s, o, pq, &sql, &b, &st, err);
    sohoa_buf_free(&sql);
    if (rc)
        return rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == *cap) {
            *cap = *cap ? 2 * *cap : 32;
            *v = sohoa_xrealloc(*v, *cap * sizeof **v);
        }
        (*v)[*n].facet = sohoa_xstrdup(name);
        (*v)[*n].value = store_column_dup(st, 0);
        (*v)[*n].count = sqlite3_column_int64(st, 1);
        (*n)++;
    }
    rc = rc == SQLITE_DONE ? SOHOA_OK
                           : (has_query(o->query) ? query_err(s, o->query, err)
                                                  : store_sqlite_err(s, "facets failed", err));
    sqlite3_finalize(st);
    store_binds_free(&b);
    return rc;
}

int sohoa_store_facets(sohoa_store *s, const sohoa_search_opts *o, sohoa_facet **out,
                       size_t *n, sohoa_err *err)
{
    sohoa_err local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    pquery pq = {0};
    int rc = has_query(o->query) ? pquery_init(o->query, o->exact, &pq, err) : SOHOA_OK;
    if (rc || (has_query(o->query) && !pq.match)) {
        pquery_free(&pq);
        return rc;
    }
    static const struct {
        const char *name, *value, *count, *from;
    } f[] = {
        {"type", "d.doc_type", "count(DISTINCT d.id)", ""},
        {"year", "CAST(d.year AS TEXT)", "count(DISTINCT d.id)", ""},
        {"issuer", "d.issuer", "count(DISTINCT d.id)", ""},
        {"section", "j.value", "count(*)", ", json_each(d.skinds) j"},
    };
    for (size_t i = 0; !rc && i < sizeof f / sizeof f[0]; i++)
        rc = facet(s, o, &pq, f[i].name, f[i].value, f[i].count, f[i].from, out, n, &cap, err);
    pquery_free(&pq);
    if (rc) {
        sohoa_facets_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

void sohoa_facets_free(sohoa_facet *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(f[i].facet);
        free(f[i].value);
    }
    free(f);
}

int sohoa_store_select(sohoa_store *s, const sohoa_filter *f, const char *query, int exact,
                       int64_t **ids, size_t *n, sohoa_err *err)
{
    sohoa_err local;
    if (!err)
        err = &local;
    *ids = NULL;
    *n = 0;
    sohoa_search_opts o = {.query = query, .exact = exact};
    if (f)
        o.filter = *f;
    pquery pq = {0};
    int rc = has_query(query) ? pquery_init(query, exact, &pq, err) : SOHOA_OK;
    if (rc || (has_query(query) && !pq.match)) {
        pquery_free(&pq);
        return rc;
    }
    sohoa_buf sql = SOHOA_BUF_INIT;
    store_binds b = {.n = 0};
    sohoa_buf_puts(&sql, "SELECT DISTINCT d.id");
    from_where(&o, store_filter_needs_sections(f), &sql, &b);
    sohoa_buf_puts(&sql, " ORDER BY d.id");
    sqlite3_stmt *st = NULL;
    rc = prepare_filtered(s, &o, &pq, &sql, &b, &st, err);
    sohoa_buf_free(&sql);
    if (rc) {
        pquery_free(&pq);
        return rc;
    }
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 256;
            *ids = sohoa_xrealloc(*ids, cap * sizeof **ids);
        }
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    rc = rc == SQLITE_DONE ? SOHOA_OK
                           : (has_query(query) ? query_err(s, query, err)
                                               : store_sqlite_err(s, "export failed", err));
    sqlite3_finalize(st);
    store_binds_free(&b);
    pquery_free(&pq);
    if (rc) {
        free(*ids);
        *ids = NULL;
        *n = 0;
    }
    return rc;
}
