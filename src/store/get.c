/* get.c — reading a stored document back into a sohoa_doc: its row, texts
 * and OCR words, references, recipients, agencies, words to review, paths,
 * and the section tree rebuilt from the flat pre-order rows (parent =
 * parent's ordinal). */
#include "store_internal.h"
#include "sohoa/buf.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prepare sql, bind id to ?1; NULL with err filled on failure. */
static sqlite3_stmt *query_id(sohoa_store *s, const char *sql, int64_t id, sohoa_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        store_sqlite_err(s, "cannot read a document", err);
        return NULL;
    }
    sqlite3_bind_int64(st, 1, id);
    return st;
}

static int finish(sohoa_store *s, sqlite3_stmt *st, int rc, sohoa_err *err)
{
    if (rc != SQLITE_DONE)
        rc = store_sqlite_err(s, "cannot read a document", err);
    else
        rc = SOHOA_OK;
    sqlite3_finalize(st);
    return rc;
}

static int load_row(sohoa_store *s, int64_t id, sohoa_doc *d, sohoa_err *err)
{
    sqlite3_stmt *st = query_id(
        s,
        "SELECT d.sha256, d.kind, d.pages, d.encoding, d.doc_type, d.number, d.symbol,"
        " d.issuer, d.place, d.date, d.date_partial, d.year, d.title, d.signer,"
        " d.signer_role, d.period, d.ocr_conf, d.restore_tokens, d.restore_changed,"
        " d.restore_low_conf, d.restore_mean_conf, t.raw, t.raw_words, t.text"
        " FROM documents d LEFT JOIN document_texts t ON t.document = d.id WHERE d.id = ?1",
        id, err);
    if (!st)
        return err->code;
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        if (rc == SQLITE_DONE)
            return sohoa_err_set(err, SOHOA_EINVAL, "%s: no document %lld", s->path,
                                 (long long)id);
        return store_sqlite_err(s, "cannot read a document", err);
    }
    const char *sha = (const char *)sqlite3_column_text(st, 0);
    snprintf(d->sha256, sizeof d->sha256, "%s", sha ? sha : "");
    d->kind = store_column_dup(st, 1);
    d->pages = sqlite3_column_int(st, 2);
    char **text[] = {&d->encoding, &d->doc_type, &d->number, &d->symbol, &d->issuer,
                     &d->place, &d->date, &d->date_partial};
    for (int i = 0; i < 8; i++)
        *text[i] = store_column_dup(st, 3 + i);
    d->year = sqlite3_column_int(st, 11);
    char **text2[] = {&d->title, &d->signer, &d->signer_role, &d->period};
    for (int i = 0; i < 4; i++)
        *text2[i] = store_column_dup(st, 12 + i);
    d->ocr_conf = sqlite3_column_type(st, 16) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 16);
    d->restore.tokens = (size_t)sqlite3_column_int64(st, 17);
    d->restore.changed = (size_t)sqlite3_column_int64(st, 18);
    d->restore.low_conf = (size_t)sqlite3_column_int64(st, 19);
    d->restore.mean_conf = sqlite3_column_double(st, 20);
    d->raw = store_column_dup(st, 21);
    const char *words = (const char *)sqlite3_column_text(st, 22);
    d->text = store_column_dup(st, 23);
    if (words) {
        json_t *a = json_loads(words, 0, NULL);
        size_t n = json_is_array(a) ? json_array_size(a) : 0;
        d->words = n ? sohoa_xcalloc(n, sizeof *d->words) : NULL;
        for (size_t i = 0; i < n; i++) {
            sohoa_word *w = &d->words[d->nwords];
            const char *t = NULL;
            double c = -1;
            if (json_unpack(json_array_get(a, i), "{s:s,s:F,s:i,s:i,s:[iiii]}", "t", &t, "c",
                            &c, "p", &w->page, "l", &w->line, "b", &w->x, &w->y, &w->w, &w->h) == 0) {
                w->text = sohoa_xstrdup(t);
                w->conf = (float)c;
                d->nwords++;
            }
        }
        json_decref(a);
    }
    sqlite3_finalize(st);
    return SOHOA_OK;
}

static int load_strings(sohoa_store *s, const char *sql, int64_t id, char ***v, size_t *n,
                        sohoa_err *err)
{
    sqlite3_stmt *st = query_id(s, sql, id, err);
    if (!st)
        return err->code;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 4;
            *v = sohoa_xrealloc(*v, cap * sizeof **v);
        }
        (*v)[(*n)++] = store_column_dup(st, 0);
    }
    return finish(s, st, rc, err);
}

static int load_refs(sohoa_store *s, int64_t id, sohoa_doc *d, sohoa_err *err)
{
    sqlite3_stmt *st = query_id(
        s, "SELECT type, number, date FROM refs WHERE document = ?1 ORDER BY ordinal", id, err);
    if (!st)
        return err->code;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (d->nrefs == cap) {
            cap = cap ? 2 * cap : 4;
            d->refs = sohoa_xrealloc(d->refs, cap * sizeof *d->refs);
        }
        sohoa_ref *r = &d->refs[d->nrefs++];
        r->type = store_column_dup(st, 0);
        r->number = store_column_dup(st, 1);
        r->date = store_column_dup(st, 2);
    }
    return finish(s, st, rc, err);
}

/* The words to review; alternatives that are not a JSON array of strings
 * (a database edited by hand) are left out, the word kept. */
static int load_review(sohoa_store *s, int64_t id, sohoa_doc *d, sohoa_err *err)
{
    sqlite3_stmt *st = query_id(s,
                                "SELECT line, page, original, restored, confidence, alternatives"
                                " FROM review_words WHERE document = ?1 ORDER BY ordinal",
                                id, err);
    if (!st)
        return err->code;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (d->nreview == cap) {
            cap = cap ? 2 * cap : 16;
            d->review = sohoa_xrealloc(d->review, cap * sizeof *d->review);
        }
        sohoa_review_word *w = &d->review[d->nreview++];
        memset(w, 0, sizeof *w);
        w->line = sqlite3_column_int(st, 0);
        w->page = sqlite3_column_int(st, 1);
        w->original = store_column_dup(st, 2);
        w->restored = store_column_dup(st, 3);
        w->conf = (float)sqlite3_column_double(st, 4);
        const char *aj = (const char *)sqlite3_column_text(st, 5);
        json_t *alts = aj ? json_loads(aj, 0, NULL) : NULL;
        for (size_t a = 0, k = 0; json_is_array(alts) && a < json_array_size(alts) && k < 3; a++)
            if (json_is_string(json_array_get(alts, a)))
                w->alts[k++] = sohoa_xstrdup(json_string_value(json_array_get(alts, a)));
        json_decref(alts);
    }
    return finish(s, st, rc, err);
}

/* Append a section to parent's children (or the document's top level). */
static sohoa_section *add_section(sohoa_doc *d, sohoa_section *parent)
{
    sohoa_section **v = parent ? &parent->children : &d->sections;
    size_t *n = parent ? &parent->nchildren : &d->nsections;
    *v = sohoa_xrealloc(*v, (*n + 1) * sizeof **v);
    memset(&(*v)[*n], 0, sizeof **v);
    return &(*v)[(*n)++];
}

static void fill_section(sohoa_section *sec, sqlite3_stmt *st)
{
    sec->level = sqlite3_column_int(st, 2);
    sec->label = store_column_dup(st, 3);
    sec->heading = store_column_dup(st, 4);
    sec->text = store_column_dup(st, 6);
    sec->line = sqlite3_column_int(st, 7);
    sec->page = sqlite3_column_int(st, 8);
    json_t *a = json_loads((const char *)sqlite3_column_text(st, 5), 0, NULL);
    size_t n = json_is_array(a) ? json_array_size(a) : 0;
    sec->kinds = sohoa_xcalloc(n ? n : 1, sizeof *sec->kinds);
    for (size_t i = 0; i < n; i++)
        if (json_is_string(json_array_get(a, i)))
            sec->kinds[sec->nkinds++] = sohoa_xstrdup(json_string_value(json_array_get(a, i)));
    json_decref(a);
}

/* The tree from pre-order rows: a stack of the open ancestors (by ordinal).
 * Children are appended through the parent's index path, because realloc
 * may move a parent's children array. */
typedef struct open_sec {
    int ordinal;
    size_t index; /* in its parent's children (or d->sections) */
} open_sec;

static sohoa_section *resolve(sohoa_doc *d, const open_sec *stack, size_t depth)
{
    sohoa_section *cur = NULL;
    for (size_t i = 0; i < depth; i++)
        cur = i == 0 ? &d->sections[stack[0].index] : &cur->children[stack[i].index];
    return cur;
}

static int load_sections(sohoa_store *s, int64_t id, sohoa_doc *d, sohoa_err *err)
{
    sqlite3_stmt *st = query_id(s,
                                "SELECT ordinal, parent, level, label, heading, kinds, text,"
                                " line, page FROM sections WHERE document = ?1 ORDER BY ordinal",
                                id, err);
    if (!st)
        return err->code;
    open_sec stack[64];
    size_t depth = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int ordinal = sqlite3_column_int(st, 0);
        int parent = sqlite3_column_int(st, 1); /* 0 for NULL */
        while (depth > 0 && stack[depth - 1].ordinal != parent)
            depth--;
        sohoa_section *p = resolve(d, stack, depth);
        sohoa_section *sec = add_section(d, p);
        fill_section(sec, st);
        if (depth < sizeof stack / sizeof stack[0]) {
            stack[depth].ordinal = ordinal;
            stack[depth].index = (p ? p->nchildren : d->nsections) - 1;
            depth++;
        }
    }
    return finish(s, st, rc, err);
}

int sohoa_store_paths(sohoa_store *s, int64_t id, char ***paths, size_t *n, sohoa_err *err)
{
    sohoa_err local;
    if (!err)
        err = &local;
    *paths = NULL;
    *n = 0;
    sqlite3_stmt *st =
        store_stmt(s, ST_PATHS, "SELECT path FROM paths WHERE document = ?1 ORDER BY id", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 4;
            *paths = sohoa_xrealloc(*paths, cap * sizeof **paths);
        }
        (*paths)[(*n)++] = store_column_dup(st, 0);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return store_sqlite_err(s, "cannot read the paths", err);
    return SOHOA_OK;
}

void sohoa_strv_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

int sohoa_store_get(sohoa_store *s, int64_t id, sohoa_doc **out, sohoa_err *err)
{
    sohoa_err local;
    if (!err)
        err = &local;
    *out = NULL;
    sohoa_doc *d = sohoa_doc_new();
    char **paths = NULL;
    size_t npaths = 0;
    int rc = load_row(s, id, d, err);
    if (!rc)
        rc = sohoa_store_paths(s, id, &paths, &npaths, err);
    if (!rc && npaths)
        d->path = sohoa_xstrdup(paths[0]);
    sohoa_strv_free(paths, npaths);
    if (!rc)
        rc = load_sections(s, id, d, err);
    if (!rc)
        rc = load_refs(s, id, d, err);
    if (!rc)
        rc = load_strings(s, "SELECT name FROM recipients WHERE document = ?1 ORDER BY ordinal",
                          id, &d->recipients, &d->nrecipients, err);
    if (!rc)
        rc = load_strings(s, "SELECT name FROM agencies WHERE document = ?1 ORDER BY ordinal", id,
                          &d->agencies, &d->nagencies, err);
    if (!rc)
        rc = load_review(s, id, d, err);
    if (rc) {
        sohoa_doc_free(d);
        return rc;
    }
    *out = d;
    return SOHOA_OK;
}

int sohoa_store_lookup(sohoa_store *s, const char *key, int64_t *id, sohoa_err *err)
{
    sohoa_err local;
    if (!err)
        err = &local;
    size_t n = strlen(key), digits = strspn(key, "0123456789");
    if (n > 0 && digits == n && n < 19) {
        *id = strtoll(key, NULL, 10);
        sqlite3_stmt *st = query_id(s, "SELECT 1 FROM documents WHERE id = ?1", *id, err);
        if (!st)
            return err->code;
        int found = sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
        if (found)
            return SOHOA_OK;
        return sohoa_err_set(err, SOHOA_EINVAL, "%s: no document %s", s->path, key);
    }
    if (n < 6 || n > 64 || strspn(key, "0123456789abcdef") != n)
        return sohoa_err_set(err, SOHOA_EINVAL,
                             "'%s' is neither a document id nor a sha256 prefix (6+ hex digits)",
                             key);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT id FROM documents WHERE sha256 >= ?1 AND sha256 < ?1 || 'g'"
                           " LIMIT 2",
                           -1, &st, NULL) != SQLITE_OK)
        return store_sqlite_err(s, "cannot look up a document", err);
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int found = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        found++;
    }
    sqlite3_finalize(st);
    if (found == 1)
        return SOHOA_OK;
    return sohoa_err_set(err, SOHOA_EINVAL, found ? "%s: sha256 prefix %s is ambiguous"
                                                  : "%s: no document with sha256 %s...",
                         s->path, key);
}
