/* search.c — full-text search over sections, facets, and selecting
 * documents by filter (for export).
 *
 * A search runs in two steps. The first walks the FTS5 index in rank order
 * (FTS5 computes BM25 with the weights configured at schema creation: title
 * 4, heading 2, body 1) joined to sections and documents for the filters,
 * and keeps the first `limit` rows — or, with `documents`, the first row of
 * each of the first `limit` documents, which is its best section. The second
 * fetches, for those rows only, the section, the document, the paths and a
 * snippet, so snippets are never computed for rows that are thrown away. */
#include "filter.h"
#include "sohoa/buf.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char *fts_table(int exact) { return exact ? "sections_fts_exact" : "sections_fts"; }

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

/* FROM ... WHERE ... for a query and filters (no trailing clauses). The
 * query, if any, is parameter 1; the filters follow. */
static void from_where(const sohoa_search_opts *o, int need_sections, sohoa_buf *sql,
                       store_binds *b)
{
    const char *t = fts_table(o->exact);
    if (has_query(o->query))
        sohoa_buf_printf(sql,
                         " FROM %s f JOIN sections s ON s.id = f.rowid"
                         " JOIN documents d ON d.id = s.document WHERE f.%s MATCH ?",
                         t, t);
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
    if (has_query(o->query))
        sqlite3_bind_text(*st, first++, o->query, -1, SQLITE_STATIC);
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

static int fill_hit(sohoa_store *s, const sohoa_search_opts *o, sohoa_hit *h, sohoa_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT s.ordinal, s.level, s.label, s.heading, s.kind, s.kinds,"
                           " s.line, s.page, d.doc_type, d.number, d.symbol, d.date, d.year,"
                           " d.title, d.issuer, d.place FROM sections s"
                           " JOIN documents d ON d.id = s.document WHERE s.id = ?",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlite_err(s, "search failed", err);
    sqlite3_bind_int64(st, 1, h->section_id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        h->ordinal = sqlite3_column_int(st, 0);
        h->level = sqlite3_column_int(st, 1);
        h->label = store_column_dup(st, 2);
        h->heading = store_column_dup(st, 3);
        h->kind = store_column_dup(st, 4);
        h->kinds = kinds_of((const char *)sqlite3_column_text(st, 5), &h->nkinds);
        h->line = sqlite3_column_int(st, 6);
        h->page = sqlite3_column_int(st, 7);
        char **f[] = {&h->doc_type, &h->number, &h->symbol, &h->date};
        for (int i = 0; i < 4; i++)
            *f[i] = store_column_dup(st, 8 + i);
        h->year = sqlite3_column_int(st, 12);
        h->title = store_column_dup(st, 13);
        h->issuer = store_column_dup(st, 14);
        h->place = store_column_dup(st, 15);
    }
    sqlite3_finalize(st);
    int rc = sohoa_store_paths(s, h->doc_id, &h->paths, &h->npaths, err);
    if (rc)
        return rc;
    sohoa_buf sql = SOHOA_BUF_INIT;
    const char *t = fts_table(o->exact);
    sohoa_buf_printf(&sql, "SELECT snippet(%s, -1, ?, ?, '…', 16) FROM %s WHERE %s MATCH ? AND rowid = ?",
                     t, t, t);
    rc = sqlite3_prepare_v2(s->db, sohoa_buf_cstr(&sql), -1, &st, NULL);
    sohoa_buf_free(&sql);
    if (rc != SQLITE_OK)
        return store_sqlite_err(s, "search failed", err);
    sqlite3_bind_text(st, 1, o->mark_open ? o->mark_open : "[", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, o->mark_close ? o->mark_close : "]", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, o->query, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, h->section_id);
    if (sqlite3_step(st) == SQLITE_ROW)
        h->snippet = store_column_dup(st, 0);
    sqlite3_finalize(st);
    return SOHOA_OK;
}

static int seen(const sohoa_hit *v, size_t n, int64_t doc)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].doc_id == doc)
            return 1;
    return 0;
}

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
    sohoa_buf_puts(&sql, "SELECT f.rowid, s.document, f.rank");
    from_where(o, 1, &sql, &b);
    sohoa_buf_puts(&sql, " ORDER BY f.rank");
    if (!o->documents)
        sohoa_buf_printf(&sql, " LIMIT %zu", limit);
    sqlite3_stmt *st = NULL;
    int rc = prepare_filtered(s, o, &sql, &b, &st, err);
    sohoa_buf_free(&sql);
    if (rc)
        return rc;
    sohoa_hit *v = sohoa_xcalloc(limit, sizeof *v);
    size_t k = 0;
    while (k < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t doc = sqlite3_column_int64(st, 1);
        if (o->documents && seen(v, k, doc))
            continue;
        v[k].section_id = sqlite3_column_int64(st, 0);
        v[k].doc_id = doc;
        v[k].score = -sqlite3_column_double(st, 2);
        k++;
    }
    if (k < limit && rc != SQLITE_DONE)
        rc = query_err(s, o->query, err);
    else
        rc = SOHOA_OK;
    sqlite3_finalize(st);
    store_binds_free(&b);
    for (size_t i = 0; !rc && i < k; i++)
        rc = fill_hit(s, o, &v[i], err);
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
