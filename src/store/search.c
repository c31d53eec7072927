/* search.c — full-text search over sections, facets, and selecting
 * documents by filter (for export).
 *
 * A search walks the FTS5 index in rank order (FTS5 computes BM25 with the
 * weights configured at schema creation: title 4, heading 2, body 1) joined
 * to sections and documents for the filters, and keeps the first `limit`
 * rows — or, with `documents`, the first row of each of the first `limit`
 * documents, which is its best section. */
#include "filter.h"
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

/* The FTS5 query to run: q, rewritten for exact search if asked
 * (exact_query.c); *owned is set when the caller must free it. */
static const char *fts_query(const char *q, int exact, char **owned)
{
    *owned = NULL;
    if (!exact || !has_query(q))
        return q;
    return *owned = sohoa_store_exact_query(q);
}

/* FROM ... WHERE ... for a query and filters (no trailing clauses). The
 * query, if any, is parameter 1; the filters follow. */
static void from_where(const sohoa_search_opts *o, int need_sections, sohoa_buf *sql,
                       store_binds *b)
{
    if (has_query(o->query))
        sohoa_buf_puts(sql, " FROM sections_fts f JOIN sections s ON s.id = f.rowid"
                            " JOIN documents d ON d.id = s.document WHERE f.sections_fts MATCH ?");
    else if (need_sections)
        sohoa_buf_puts(sql, " FROM sections s JOIN documents d ON d.id = s.document WHERE 1");
    else
        sohoa_buf_puts(sql, " FROM documents d WHERE 1");
    store_filter_sql(&o->filter, sql, b);
}

static int prepare_filtered(sohoa_store *s, const sohoa_search_opts *o, sohoa_buf *sql,
                            store_binds *b, sqlite3_stmt **st, sohoa_err *err)
{
    if (sqlite3_prepare_v2(s->db, sohoa_buf_cstr(sql), -1, st, NULL) != SQLITE_OK) {
        int rc = has_query(o->query) ? query_err(s, o->query, err)
                                     : store_sqlite_err(s, "search failed", err);
        store_binds_free(b);
        return rc;
    }
    int first = 1;
    if (has_query(o->query)) {
        char *owned;
        const char *q = fts_query(o->query, o->exact, &owned);
        sqlite3_bind_text(*st, first++, q, -1, SQLITE_TRANSIENT);
        free(owned);
    }
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

/* The columns of one hit, in the order fill_hit reads them. */
#define HIT_COLUMNS                                                                    \
    "f.rowid, s.document, f.rank, s.ordinal, s.level, s.label, s.heading, s.kind,"     \
    " s.kinds, s.line, s.page, d.doc_type, d.number, d.symbol, d.date, d.year, d.title," \
    " d.issuer, d.place"

static void fill_hit(sqlite3_stmt *st, sohoa_hit *h)
{
    h->section_id = sqlite3_column_int64(st, 0);
    h->doc_id = sqlite3_column_int64(st, 1);
    h->score = -sqlite3_column_double(st, 2);
    h->ordinal = sqlite3_column_int(st, 3);
    h->level = sqlite3_column_int(st, 4);
    h->label = store_column_dup(st, 5);
    h->heading = store_column_dup(st, 6);
    h->kind = store_column_dup(st, 7);
    h->kinds = kinds_of((const char *)sqlite3_column_text(st, 8), &h->nkinds);
    h->line = sqlite3_column_int(st, 9);
    h->page = sqlite3_column_int(st, 10);
    char **f[] = {&h->doc_type, &h->number, &h->symbol, &h->date};
    for (int i = 0; i < 4; i++)
        *f[i] = store_column_dup(st, 11 + i);
    h->year = sqlite3_column_int(st, 15);
    h->title = store_column_dup(st, 16);
    h->issuer = store_column_dup(st, 17);
    h->place = store_column_dup(st, 18);
    h->snippet = store_column_dup(st, 19);
}

static int seen(const sohoa_hit *v, size_t n, int64_t doc)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].doc_id == doc)
            return 1;
    return 0;
}

/* One statement walks the index in rank order (FTS5 consumes ORDER BY rank,
 * so SQLite adds no sorter and stops at LIMIT): the snippet is computed only
 * for the rows returned. With `documents`, rows of a document already seen
 * are skipped (a few snippets wasted, no second query). */
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
    sohoa_buf sql = SOHOA_BUF_INIT;
    store_binds b = {.n = 0};
    sohoa_buf_puts(&sql, "SELECT " HIT_COLUMNS ", snippet(sections_fts, -1, ?, ?, '…', 16)");
    from_where(o, 1, &sql, &b);
    sohoa_buf_puts(&sql, " ORDER BY f.rank");
    if (!o->documents)
        sohoa_buf_printf(&sql, " LIMIT %zu", limit);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sohoa_buf_cstr(&sql), -1, &st, NULL);
    sohoa_buf_free(&sql);
    if (rc != SQLITE_OK) {
        store_binds_free(&b);
        return query_err(s, o->query, err);
    }
    sqlite3_bind_text(st, 1, o->mark_open ? o->mark_open : "[", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, o->mark_close ? o->mark_close : "]", -1, SQLITE_STATIC);
    char *owned;
    sqlite3_bind_text(st, 3, fts_query(o->query, o->exact, &owned), -1, SQLITE_TRANSIENT);
    free(owned);
    store_binds_apply(&b, st, 4);
    sohoa_hit *v = sohoa_xcalloc(limit, sizeof *v);
    size_t k = 0;
    while (k < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (o->documents && seen(v, k, sqlite3_column_int64(st, 1)))
            continue;
        fill_hit(st, &v[k++]);
    }
    rc = (k == limit || rc == SQLITE_DONE) ? SOHOA_OK : query_err(s, o->query, err);
    sqlite3_finalize(st);
    store_binds_free(&b);
    for (size_t i = 0; !rc && i < k; i++)
        rc = sohoa_store_paths(s, v[i].doc_id, &v[i].paths, &v[i].npaths, err);
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
static int facet(sohoa_store *s, const sohoa_search_opts *o, const char *name,
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
    int rc = prepare_filtered(s, o, &sql, &b, &st, err);
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
    int rc = facet(s, o, "type", "d.doc_type", "count(DISTINCT d.id)", "", out, n, &cap, err);
    if (!rc)
        rc = facet(s, o, "year", "CAST(d.year AS TEXT)", "count(DISTINCT d.id)", "", out, n,
                   &cap, err);
    if (!rc)
        rc = facet(s, o, "issuer", "d.issuer", "count(DISTINCT d.id)", "", out, n, &cap, err);
    if (!rc)
        rc = facet(s, o, "section", "j.value", "count(*)", ", json_each(d.skinds) j", out, n,
                   &cap, err);
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
    sohoa_buf sql = SOHOA_BUF_INIT;
    store_binds b = {.n = 0};
    sohoa_buf_puts(&sql, "SELECT DISTINCT d.id");
    from_where(&o, store_filter_needs_sections(f), &sql, &b);
    sohoa_buf_puts(&sql, " ORDER BY d.id");
    sqlite3_stmt *st = NULL;
    int rc = prepare_filtered(s, &o, &sql, &b, &st, err);
    sohoa_buf_free(&sql);
    if (rc)
        return rc;
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
    if (rc) {
        free(*ids);
        *ids = NULL;
        *n = 0;
    }
    return rc;
}
