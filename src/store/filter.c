/* filter.c — turning a sohoa_filter into SQL conditions with bound
 * parameters (never text pasted into SQL). The conditions refer to the
 * aliases d (documents) and s (sections); callers join those. */
#include "filter.h"
#include "sohoa/buf.h"

#include <stdlib.h>
#include <string.h>

static void add_text(store_binds *b, const char *v, int owned)
{
    if (b->n < STORE_MAX_BINDS) {
        b->v[b->n].text = v;
        b->v[b->n].owned = owned;
        b->v[b->n].is_int = 0;
        b->n++;
    } else if (owned) {
        free((char *)v);
    }
}

static void add_int(store_binds *b, int v)
{
    if (b->n < STORE_MAX_BINDS) {
        b->v[b->n].text = NULL;
        b->v[b->n].owned = 0;
        b->v[b->n].is_int = 1;
        b->v[b->n].i = v;
        b->n++;
    }
}

int store_filter_empty(const sohoa_filter *f)
{
    return !f || (!f->doc_type && !f->section_kind && !f->issuer && !f->place && !f->from &&
                  !f->to && !f->cites && !f->year);
}

int store_filter_needs_sections(const sohoa_filter *f) { return f && f->section_kind; }

void store_filter_sql(const sohoa_filter *f, sohoa_buf *where, store_binds *b)
{
    if (!f)
        return;
    if (f->doc_type) {
        sohoa_buf_puts(where, " AND d.doc_type = ?");
        add_text(b, f->doc_type, 0);
    }
    if (f->year) {
        sohoa_buf_puts(where, " AND d.year = ?");
        add_int(b, f->year);
    }
    if (f->section_kind) {
        sohoa_buf_puts(where, " AND EXISTS (SELECT 1 FROM json_each(s.kinds) WHERE value = ?)");
        add_text(b, f->section_kind, 0);
    }
    if (f->issuer) {
        sohoa_buf_puts(where, " AND instr(d.issuer_key, ?) > 0");
        add_text(b, store_fold_key(f->issuer), 1);
    }
    if (f->place) {
        sohoa_buf_puts(where, " AND instr(d.place_key, ?) > 0");
        add_text(b, store_fold_key(f->place), 1);
    }
    /* Dates compare on the prefix the bound gives: --to 2023 keeps 2023-12-31. */
    if (f->from) {
        sohoa_buf_puts(where, " AND substr(d.date, 1, length(?)) >= ?");
        add_text(b, f->from, 0);
        add_text(b, f->from, 0);
    }
    if (f->to) {
        sohoa_buf_puts(where, " AND substr(d.date, 1, length(?)) <= ?");
        add_text(b, f->to, 0);
        add_text(b, f->to, 0);
    }
    if (f->cites) {
        sohoa_buf_puts(where, " AND EXISTS (SELECT 1 FROM refs r WHERE r.document = d.id AND"
                              " (r.number_key = ? OR substr(r.number_key, 1, length(?) + 1) = ? || '/'))");
        char *k = store_fold_key(f->cites);
        add_text(b, k, 1);
        add_text(b, k, 0);
        add_text(b, k, 0);
    }
}

void store_binds_apply(const store_binds *b, sqlite3_stmt *st, int first)
{
    for (size_t i = 0; i < b->n; i++) {
        if (b->v[i].is_int)
            sqlite3_bind_int(st, first + (int)i, b->v[i].i);
        else
            store_bind_text(st, first + (int)i, b->v[i].text);
    }
}

void store_binds_free(store_binds *b)
{
    for (size_t i = 0; i < b->n; i++)
        if (b->v[i].owned)
            free((char *)b->v[i].text);
    b->n = 0;
}
