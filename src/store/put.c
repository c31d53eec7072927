/* put.c — writing one document: its row, texts, path, sections, references,
 * recipients, agencies, words to review and FTS rows, in one transaction;
 * batches of them.
 *
 * A re-put of the same sha256 keeps the document id, deletes its FTS rows
 * and child rows (claim.c), updates the document row and inserts
 * everything again. The document's path is taken from any other document
 * that held it (a file whose content changed; claim.c). Sections are
 * stored flat in pre-order: ordinal 1, 2, ... and parent = the parent's ordinal (NULL at top level). */
#include "store_internal.h"
#include "sohoa/buf.h"
#include "sohoa/json.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define DOC_COLS                                                                         \
    "sha256, kind, pages, encoding, doc_type, number, symbol, issuer, place, date,"      \
    " date_partial, year, title, signer, signer_role, period, ocr_conf, restore_tokens," \
    " restore_changed, restore_low_conf, restore_mean_conf, pipeline_version,"           \
    " issuer_key, place_key, ingested_at"

static const char sql_doc_insert[] =
    "INSERT INTO documents(" DOC_COLS ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
    " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))";
static const char sql_doc_update[] =
    "UPDATE documents SET (" DOC_COLS ") = (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
    " strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) WHERE id = ?25";

typedef struct put_ctx {
    sohoa_store *s;
    const sohoa_doc *d;
    int64_t id;
    int ordinal;
    sohoa_err *err;
} put_ctx;

static int step_done(put_ctx *c, sqlite3_stmt *st, const char *what)
{
    if (sqlite3_step(st) != SQLITE_DONE)
        return store_sqlite_err(c->s, what, c->err);
    sqlite3_reset(st);
    return SOHOA_OK;
}

static int bind_doc(put_ctx *c, sqlite3_stmt *st)
{
    const sohoa_doc *d = c->d;
    char *ikey = store_fold_key(d->issuer), *pkey = store_fold_key(d->place);
    const char *text[] = {d->sha256, d->kind};
    int i = 1;
    for (size_t k = 0; k < 2; k++)
        store_bind_text(st, i++, text[k]);
    sqlite3_bind_int(st, i++, d->pages);
    const char *meta[] = {d->encoding, d->doc_type, d->number, d->symbol, d->issuer,
                          d->place, d->date, d->date_partial};
    for (size_t k = 0; k < sizeof meta / sizeof meta[0]; k++)
        store_bind_text(st, i++, meta[k]);
    if (d->year)
        sqlite3_bind_int(st, i, d->year);
    i++;
    const char *meta2[] = {d->title, d->signer, d->signer_role, d->period};
    for (size_t k = 0; k < sizeof meta2 / sizeof meta2[0]; k++)
        store_bind_text(st, i++, meta2[k]);
    if (d->ocr_conf >= 0)
        sqlite3_bind_double(st, i, d->ocr_conf);
    i++;
    sqlite3_bind_int64(st, i++, (sqlite3_int64)d->restore.tokens);
    sqlite3_bind_int64(st, i++, (sqlite3_int64)d->restore.changed);
    sqlite3_bind_int64(st, i++, (sqlite3_int64)d->restore.low_conf);
    if (d->restore.tokens)
        sqlite3_bind_double(st, i, d->restore.mean_conf);
    i++;
    sqlite3_bind_text(st, i++, c->s->pipeline_version, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, i++, ikey, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, i++, pkey, -1, SQLITE_TRANSIENT);
    free(ikey);
    free(pkey);
    return i;
}

/* The OCR words as JSON: [{"t":text,"c":conf,"p":page,"l":line,"b":[x,y,w,h]}...]. */
static char *words_json(const sohoa_doc *d)
{
    if (!d->words || !d->nwords)
        return NULL;
    json_t *a = json_array();
    for (size_t i = 0; i < d->nwords; i++) {
        const sohoa_word *w = &d->words[i];
        json_t *o = json_pack("{s:s,s:f,s:i,s:i,s:[iiii]}", "t", w->text ? w->text : "", "c",
                              (double)w->conf, "p", w->page, "l", w->line, "b", w->x, w->y, w->w,
                              w->h);
        json_array_append_new(a, o);
    }
    char *s = json_dumps(a, JSON_COMPACT);
    json_decref(a);
    return s;
}

static char *kinds_json(const sohoa_section *sec)
{
    json_t *a = json_array();
    for (size_t i = 0; i < sec->nkinds; i++)
        json_array_append_new(a, json_string(sec->kinds[i]));
    if (!sec->nkinds)
        json_array_append_new(a, json_string("other"));
    char *s = json_dumps(a, JSON_COMPACT);
    json_decref(a);
    return s;
}

static int put_fts(put_ctx *c, int64_t sid, const sohoa_section *sec)
{
    if (c->s->in_batch) { /* indexed at commit: store_fts_flush_pending */
        sqlite3_stmt *st = store_stmt(c->s, ST_FTS_PENDING,
                                      "INSERT INTO temp.fts_pending(id) VALUES(?)", c->err);
        if (!st)
            return c->err->code;
        sqlite3_bind_int64(st, 1, sid);
        return step_done(c, st, "cannot index a section");
    }
    sqlite3_stmt *st = store_stmt(
        c->s, ST_FTS_INSERT,
        "INSERT INTO sections_fts(rowid, title, heading, body) VALUES(?,?,?,?)", c->err);
    if (!st)
        return c->err->code;
    sqlite3_bind_int64(st, 1, sid);
    store_bind_text(st, 2, c->d->title);
    store_bind_text(st, 3, sec->heading);
    sqlite3_bind_text(st, 4, sec->text ? sec->text : "", -1, SQLITE_STATIC);
    return step_done(c, st, "cannot index a section");
}

static int put_section(put_ctx *c, const sohoa_section *sec, int parent)
{
    sqlite3_stmt *st = store_stmt(
        c->s, ST_SECTION_INSERT,
        "INSERT INTO sections(document, ordinal, level, label, heading, kind, kinds, text,"
        " parent, line, page) VALUES(?,?,?,?,?,?,?,?,?,?,?)",
        c->err);
    if (!st)
        return c->err->code;
    int ordinal = ++c->ordinal;
    char *kinds = kinds_json(sec);
    sqlite3_bind_int64(st, 1, c->id);
    sqlite3_bind_int(st, 2, ordinal);
    sqlite3_bind_int(st, 3, sec->level);
    store_bind_text(st, 4, sec->label);
    store_bind_text(st, 5, sec->heading);
    sqlite3_bind_text(st, 6, sec->nkinds ? sec->kinds[0] : "other", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, kinds, -1, free);
    sqlite3_bind_text(st, 8, sec->text ? sec->text : "", -1, SQLITE_STATIC);
    if (parent)
        sqlite3_bind_int(st, 9, parent);
    sqlite3_bind_int(st, 10, sec->line);
    if (sec->page)
        sqlite3_bind_int(st, 11, sec->page);
    int rc = step_done(c, st, "cannot store a section");
    if (!rc)
        rc = put_fts(c, sqlite3_last_insert_rowid(c->s->db), sec);
    for (size_t i = 0; !rc && i < sec->nchildren; i++)
        rc = put_section(c, &sec->children[i], ordinal);
    return rc;
}

static int put_strings(put_ctx *c, int which, const char *sql, char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *st = store_stmt(c->s, which, sql, c->err);
        if (!st)
            return c->err->code;
        sqlite3_bind_int64(st, 1, c->id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i + 1);
        sqlite3_bind_text(st, 3, v[i] ? v[i] : "", -1, SQLITE_STATIC);
        int rc = step_done(c, st, "cannot store a name");
        if (rc)
            return rc;
    }
    return SOHOA_OK;
}

static int put_refs(put_ctx *c)
{
    for (size_t i = 0; i < c->d->nrefs; i++) {
        const sohoa_ref *r = &c->d->refs[i];
        sqlite3_stmt *st = store_stmt(
            c->s, ST_REF_INSERT,
            "INSERT INTO refs(document, ordinal, type, number, number_key, date)"
            " VALUES(?,?,?,?,?,?)",
            c->err);
        if (!st)
            return c->err->code;
        char *key = store_fold_key(r->number);
        sqlite3_bind_int64(st, 1, c->id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i + 1);
        store_bind_text(st, 3, r->type);
        store_bind_text(st, 4, r->number);
        sqlite3_bind_text(st, 5, key, -1, free);
        store_bind_text(st, 6, r->date);
        int rc = step_done(c, st, "cannot store a reference");
        if (rc)
            return rc;
    }
    return SOHOA_OK;
}

static int put_review(put_ctx *c)
{
    for (size_t i = 0; i < c->d->nreview; i++) {
        const sohoa_review_word *w = &c->d->review[i];
        sqlite3_stmt *st = store_stmt(
            c->s, ST_REVIEW_INSERT,
            "INSERT INTO review_words(document, ordinal, line, page, original, restored,"
            " confidence, alternatives) VALUES(?,?,?,?,?,?,?,?)",
            c->err);
        if (!st)
            return c->err->code;
        json_t *alts = sohoa_json_alternatives(w->alts);
        char *aj = json_dumps(alts, JSON_COMPACT);
        json_decref(alts);
        sqlite3_bind_int64(st, 1, c->id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i + 1);
        sqlite3_bind_int(st, 3, w->line);
        if (w->page)
            sqlite3_bind_int(st, 4, w->page);
        sqlite3_bind_text(st, 5, w->original ? w->original : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, w->restored ? w->restored : "", -1, SQLITE_STATIC);
        sqlite3_bind_double(st, 7, w->conf);
        sqlite3_bind_text(st, 8, aj ? aj : "[]", -1, SQLITE_TRANSIENT);
        free(aj);
        int rc = step_done(c, st, "cannot store a word to review");
        if (rc)
            return rc;
    }
    return SOHOA_OK;
}

static int put_texts_and_path(put_ctx *c)
{
    sqlite3_stmt *st = store_stmt(
        c->s, ST_TEXT_INSERT,
        "INSERT INTO document_texts(document, raw, raw_words, text) VALUES(?,?,?,?)", c->err);
    if (!st)
        return c->err->code;
    sqlite3_bind_int64(st, 1, c->id);
    store_bind_text(st, 2, c->d->raw);
    char *words = words_json(c->d);
    if (words)
        sqlite3_bind_text(st, 3, words, -1, free);
    store_bind_text(st, 4, c->d->text);
    int rc = step_done(c, st, "cannot store the text");
    if (rc || !c->d->path)
        return rc;
    st = store_stmt(c->s, ST_PATH_INSERT,
                    "INSERT OR IGNORE INTO paths(document, path, first_seen)"
                    " VALUES(?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                    c->err);
    if (!st)
        return c->err->code;
    sqlite3_bind_int64(st, 1, c->id);
    sqlite3_bind_text(st, 2, c->d->path, -1, SQLITE_STATIC);
    if ((rc = step_done(c, st, "cannot record the path")) ||
        (rc = store_claim_path(c->s, c->id, c->d->path, c->err)))
        return rc;
    st = store_stmt(c->s, ST_FAILURE_CLEAR_DOC, "DELETE FROM failures WHERE path = ?", c->err);
    if (!st)
        return c->err->code;
    sqlite3_bind_text(st, 1, c->d->path, -1, SQLITE_STATIC);
    return step_done(c, st, "cannot clear a failure");
}

/* The document row: update the existing one (keeping its id) or insert. */
static int put_document(put_ctx *c)
{
    int found = sohoa_store_has(c->s, c->d->sha256, NULL, c->err);
    if (found < 0)
        return -found;
    if (found) {
        sqlite3_stmt *q = c->s->stmt[ST_DOC_BY_SHA]; /* prepared by sohoa_store_has */
        sqlite3_reset(q);
        sqlite3_bind_text(q, 1, c->d->sha256, -1, SQLITE_STATIC);
        if (sqlite3_step(q) != SQLITE_ROW)
            return store_sqlite_err(c->s, "cannot look up a document", c->err);
        c->id = sqlite3_column_int64(q, 0);
        sqlite3_reset(q);
        int rc = store_delete_children(c->s, c->id, c->err);
        if (rc)
            return rc;
    }
    sqlite3_stmt *st = found ? store_stmt(c->s, ST_DOC_UPDATE, sql_doc_update, c->err)
                             : store_stmt(c->s, ST_DOC_INSERT, sql_doc_insert, c->err);
    if (!st)
        return c->err->code;
    bind_doc(c, st);
    if (found)
        sqlite3_bind_int64(st, 25, c->id);
    int rc = step_done(c, st, "cannot store a document");
    if (!rc && !found)
        c->id = sqlite3_last_insert_rowid(c->s->db);
    return rc;
}

static int put_all(put_ctx *c)
{
    int rc = put_document(c);
    if (!rc)
        rc = put_texts_and_path(c);
    for (size_t i = 0; !rc && i < c->d->nsections; i++)
        rc = put_section(c, &c->d->sections[i], 0);
    if (!rc)
        rc = put_refs(c);
    if (!rc)
        rc = put_strings(c, ST_RECIPIENT_INSERT,
                         "INSERT INTO recipients(document, ordinal, name) VALUES(?,?,?)",
                         c->d->recipients, c->d->nrecipients);
    if (!rc)
        rc = put_strings(c, ST_AGENCY_INSERT,
                         "INSERT INTO agencies(document, ordinal, name) VALUES(?,?,?)",
                         c->d->agencies, c->d->nagencies);
    if (!rc)
        rc = put_review(c);
    return rc;
}

int sohoa_store_put(sohoa_store *s, const sohoa_doc *d, int64_t *id, sohoa_err *err)
{
    sohoa_err local;
    if (!err)
        err = &local;
    if (s->flags & SOHOA_STORE_READONLY)
        return sohoa_err_set(err, SOHOA_EINVAL, "%s: the database is open read-only", s->path);
    if (strlen(d->sha256) != 64)
        return sohoa_err_set(err, SOHOA_EINVAL, "%s: cannot store %s: its sha256 is not set",
                             s->path, d->path ? d->path : "a document");
    put_ctx c = {s, d, 0, 0, err};
    int rc = store_exec(s, s->in_batch ? "SAVEPOINT put" : "BEGIN IMMEDIATE", err);
    if (rc)
        return rc;
    rc = put_all(&c);
    if (!rc)
        rc = store_exec(s, s->in_batch ? "RELEASE put" : "COMMIT", err);
    if (rc) {
        sqlite3_exec(s->db, s->in_batch ? "ROLLBACK TO put; RELEASE put" : "ROLLBACK", NULL,
                     NULL, NULL);
        return rc;
    }
    s->dirty = 1;
    if (id)
        *id = c.id;
    return SOHOA_OK;
}

int sohoa_store_begin(sohoa_store *s, sohoa_err *err)
{
    if (s->in_batch)
        return sohoa_err_set(err, SOHOA_EINTERNAL, "%s: a batch is already open", s->path);
    int rc = store_exec(s, "BEGIN IMMEDIATE", err);
    s->in_batch = rc == SOHOA_OK;
    return rc;
}

int store_fts_flush_pending(sohoa_store *s, sohoa_err *err)
{
    return store_exec(s,
                      "INSERT INTO sections_fts(rowid, title, heading, body)"
                      " SELECT id, title, heading, body FROM fts_source"
                      " WHERE id IN (SELECT id FROM temp.fts_pending) ORDER BY id;"
                      "DELETE FROM temp.fts_pending",
                      err);
}

int sohoa_store_commit(sohoa_store *s, sohoa_err *err)
{
    if (!s->in_batch)
        return sohoa_err_set(err, SOHOA_EINTERNAL, "%s: no batch is open", s->path);
    int rc = store_fts_flush_pending(s, err);
    if (!rc)
        rc = store_exec(s, "COMMIT", err);
    if (rc)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->in_batch = 0;
    return rc;
}

void sohoa_store_rollback(sohoa_store *s)
{
    if (s->in_batch)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->in_batch = 0;
}
