/* filter.h — SQL conditions for a sohoa_filter (filter.c). Private to
 * src/store. */
#ifndef SOHOA_STORE_FILTER_H
#define SOHOA_STORE_FILTER_H

#include "store_internal.h"
#include "sohoa/buf.h"

#define STORE_MAX_BINDS 16

/* Parameters in the order of their "?" in the SQL. Owned texts are freed by
 * store_binds_free. */
typedef struct store_binds {
    struct {
        const char *text;
        int owned, is_int, i;
    } v[STORE_MAX_BINDS];
    size_t n;
} store_binds;

/* Append " AND cond" for each filter set in f to where, and their values to
 * b. The conditions use aliases d (documents) and s (sections). */
void store_filter_sql(const sohoa_filter *f, sohoa_buf *where, store_binds *b);
/* 1 if f is NULL or sets no filter. */
int store_filter_empty(const sohoa_filter *f);
/* 1 if f needs the sections table joined (a section-kind filter). */
int store_filter_needs_sections(const sohoa_filter *f);
/* Bind b's values to st starting at parameter number first. */
void store_binds_apply(const store_binds *b, sqlite3_stmt *st, int first);
void store_binds_free(store_binds *b);

#endif
