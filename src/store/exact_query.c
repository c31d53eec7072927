/* exact_query.c — rewriting an FTS5 query for diacritic-exact search.
 *
 * The "sohoa" tokenizer indexes every word twice at the same position: its
 * folded skeleton ("dong") and, colocated, its exact form (lower case,
 * marks kept) behind the byte 0x01 ("\x01đồng"). A query word is looked up
 * as its folded form, unless the text FTS5 hands the tokenizer starts with
 * the marker U+E000 (a private-use character, so never in real text): then
 * as its exact form. This file puts that marker in front of every query
 * term — barewords and the inside of "strings" — and leaves FTS5's syntax
 * alone: the operators AND, OR, NOT, NEAR(...), its distance argument,
 * column names before ':' and inside {...}, and the characters ( ) + * ^ :.
 * The rewritten query parses exactly as the original did. */
#include "store_internal.h"
#include "sohoa/buf.h"

#include <string.h>

#define MARK "\xEE\x80\x80" /* U+E000 */

/* FTS5's bareword characters (fts5_expr.c: sqlite3Fts5IsBareword). */
static int bare(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z') || c == '_' || c == 0x1a;
}

static int is_op(const char *w, size_t n)
{
    return (n == 3 && (memcmp(w, "AND", 3) == 0 || memcmp(w, "NOT", 3) == 0)) ||
           (n == 2 && memcmp(w, "OR", 2) == 0);
}

static const char *skip_space(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return p;
}

char *sohoa_store_exact_query(const char *q)
{
    sohoa_buf b = SOHOA_BUF_INIT;
    int in_braces = 0, after_comma = 0;
    const char *p = q;
    while (*p) {
        unsigned char c = (unsigned char)*p;
        if (c == '"') { /* a string: copy it, marker after the opening quote */
            sohoa_buf_puts(&b, "\"" MARK);
            p++;
            while (*p) {
                if (*p == '"' && p[1] == '"') {
                    sohoa_buf_puts(&b, "\"\"");
                    p += 2;
                } else if (*p == '"') {
                    break;
                } else {
                    sohoa_buf_putc(&b, *p++);
                }
            }
            if (*p == '"')
                sohoa_buf_putc(&b, *p++);
            after_comma = 0;
            continue;
        }
        if (bare(c)) {
            const char *w = p;
            while (*p && bare((unsigned char)*p))
                p++;
            size_t n = (size_t)(p - w);
            const char *next = skip_space(p);
            int syntax = in_braces || *next == ':' || is_op(w, n) ||
                         (n == 4 && memcmp(w, "NEAR", 4) == 0 && *next == '(') || after_comma;
            if (!syntax)
                sohoa_buf_puts(&b, MARK);
            sohoa_buf_append(&b, w, n);
            after_comma = 0;
            continue;
        }
        if (c == '{')
            in_braces = 1;
        else if (c == '}')
            in_braces = 0;
        if (c == ',')
            after_comma = 1;
        else if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            after_comma = 0;
        sohoa_buf_putc(&b, (char)c);
        p++;
    }
    return sohoa_buf_steal(&b);
}
