/* snippet.c — the snippet of a search hit, made from the row's own text
 * and the parsed query (query.h) instead of FTS5's snippet(): FTS5 would
 * need the query matched again for each returned row (parsing it and
 * seeking every term's posting lists), which cost more than the ranking
 * itself; here the 20 returned rows are only split into words. The words
 * marked are those of the phrase instances FTS5 would mark, found by the
 * same rules as --exact uses (query_match.c). */
#include "query.h"
#include "sohoa/buf.h"

#include <stdlib.h>
#include <string.h>

#define SNIPPET_WORDS 16
#define ELLIPSIS "…"

typedef struct marks {
    unsigned char *covered, *starts, *ends; /* per word of the column */
} marks;

static void mark_phrases(const store_query *q, const q_node *n, q_row *r, int col, int exact,
                         marks *m, unsigned char *seen)
{
    if (!n)
        return;
    if (n->op == Q_AND || n->op == Q_OR || n->op == Q_NOT) {
        mark_phrases(q, n->l, r, col, exact, m, seen);
        if (n->op != Q_NOT)
            mark_phrases(q, n->r, r, col, exact, m, seen);
        return;
    }
    for (size_t k = 0; k < n->count; k++) {
        const q_phrase *p = &q->ph[n->first + k];
        for (size_t i = 0; i < r->n[col]; i++) {
            if (!q_phrase_at(r, p, col, i, exact))
                continue;
            for (size_t j = i; j < i + p->n; j++) {
                m->covered[j] = 1;
                seen[j] = (unsigned char)(n->first + k + 1 > 255 ? 255 : n->first + k + 1);
            }
            m->starts[i] = 1;
            m->ends[i + p->n - 1] = 1;
        }
    }
}

/* Score of the window [a, a + len): 1000 per distinct phrase, 1 per word. */
static long window_score(const unsigned char *seen, size_t a, size_t len)
{
    unsigned char got[256] = {0};
    long sc = 0;
    for (size_t i = a; i < a + len; i++)
        if (seen[i]) {
            sc += got[seen[i]] ? 1 : 1000;
            got[seen[i]] = 1;
        }
    return sc;
}

static void write_window(sohoa_buf *b, const q_row *r, int col, const marks *m, size_t a,
                         size_t e, const char *open, const char *close)
{
    const char *t = r->text[col];
    const q_tok *tok = r->tok[col];
    size_t n = r->n[col];
    if (a > 0)
        sohoa_buf_puts(b, ELLIPSIS);
    size_t at = a > 0 ? tok[a].start : 0;
    for (size_t i = a; i < e; i++) {
        sohoa_buf_append(b, t + at, tok[i].start - at);
        int op = m->covered[i] && (i == a || !m->covered[i - 1] || (m->starts[i] && m->ends[i - 1]));
        int cl = m->covered[i] &&
                 (i + 1 == e || !m->covered[i + 1] || (m->ends[i] && m->starts[i + 1]));
        if (op)
            sohoa_buf_puts(b, open);
        sohoa_buf_append(b, t + tok[i].start, tok[i].end - tok[i].start);
        if (cl)
            sohoa_buf_puts(b, close);
        at = tok[i].end;
    }
    if (e < n)
        sohoa_buf_puts(b, ELLIPSIS);
    else
        sohoa_buf_puts(b, t + at); /* the column's last words: to its end */
}

char *store_snippet(const store_query *q, q_row *r, int exact, const char *open,
                    const char *close)
{
    static const int order[Q_NCOLS] = {2, 1, 0}; /* body, heading, title */
    int best_col = 2;
    size_t best_a = 0;
    long best = -1;
    for (int oi = 0; oi < Q_NCOLS; oi++) {
        int c = order[oi];
        size_t n = r->n[c];
        if (!n)
            continue;
        unsigned char *seen = calloc(n, 1);
        marks m = {calloc(n, 1), calloc(n, 1), calloc(n, 1)};
        if (q)
            mark_phrases(q, q->root, r, c, exact, &m, seen);
        size_t len = n < SNIPPET_WORDS ? n : SNIPPET_WORDS;
        for (size_t i = 0; i < n; i++) {
            if (!seen[i] && i > 0)
                continue;
            /* a window that starts two words before the hit */
            size_t a = i > 2 ? i - 2 : 0;
            if (a + len > n)
                a = n - len;
            long sc = window_score(seen, a, len);
            if (sc > best) {
                best = sc;
                best_col = c;
                best_a = a;
            }
        }
        free(seen);
        free(m.covered);
        free(m.starts);
        free(m.ends);
    }
    sohoa_buf b = SOHOA_BUF_INIT;
    size_t n = r->n[best_col];
    if (n) {
        unsigned char *seen = calloc(n, 1);
        marks m = {calloc(n, 1), calloc(n, 1), calloc(n, 1)};
        if (q)
            mark_phrases(q, q->root, r, best_col, exact, &m, seen);
        size_t len = n < SNIPPET_WORDS ? n : SNIPPET_WORDS;
        write_window(&b, r, best_col, &m, best_a, best_a + len, open, close);
        free(seen);
        free(m.covered);
        free(m.starts);
        free(m.ends);
    }
    return sohoa_buf_steal(&b);
}
