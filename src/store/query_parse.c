/* query_parse.c — FTS5 query syntax into a tree (query.h), and the tree
 * written back out as the candidate query of an exact search.
 *
 * A recursive-descent reading of FTS5's grammar (fts5parse.y in SQLite
 * 3.40): expr := and (OR and)*; and := not (AND not)*; not := primary
 * (NOT primary)*; primary := ( expr ) | colset : ( expr ) | a run of
 * [colset :] nearsets (implicit AND); nearset := phrase | ^phrase |
 * NEAR( phrase... [, N] ); phrase := string [*] (+ string [*])*. A
 * parenthesised group cannot be followed by a bare term, as in FTS5. */
#include "fts_words.h"
#include "query.h"
#include "sohoa/buf.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { T_EOF, T_LP, T_RP, T_LCP, T_RCP, T_COLON, T_COMMA, T_PLUS, T_STAR, T_MINUS, T_CARET,
       T_STRING, T_AND, T_OR, T_NOT };

typedef struct lexer {
    const char *p;     /* next byte */
    int tok;           /* the current token */
    const char *t;     /* its text */
    size_t tn;
    int quoted;        /* T_STRING from "..." ("" inside stands for ") */
    store_query *q;
    char *err;
} lexer;

static void fail(lexer *x, const char *fmt, ...)
{
    if (x->err)
        return;
    va_list ap;
    va_start(ap, fmt);
    sohoa_buf b = SOHOA_BUF_INIT;
    char tmp[512];
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    sohoa_buf_puts(&b, tmp);
    x->err = sohoa_buf_steal(&b);
}

static int bareword(unsigned char c)
{
    return c >= 0x80 || isalnum(c) || c == '_' || c == 0x1a;
}

static void next(lexer *x)
{
    while (*x->p == ' ' || *x->p == '\t' || *x->p == '\n' || *x->p == '\r' || *x->p == '\v' ||
           *x->p == '\f')
        x->p++;
    static const char single[] = "(){}:,+*-^";
    static const int single_tok[] = {T_LP, T_RP, T_LCP, T_RCP, T_COLON, T_COMMA,
                                     T_PLUS, T_STAR, T_MINUS, T_CARET};
    x->t = x->p;
    x->tn = 1;
    x->quoted = 0;
    if (!*x->p) {
        x->tok = T_EOF;
        x->tn = 0;
        return;
    }
    const char *s = strchr(single, *x->p);
    if (s) {
        x->tok = single_tok[s - single];
        x->p++;
        return;
    }
    if (*x->p == '"') {
        const char *e = x->p + 1;
        while (*e && !(*e == '"' && e[1] != '"'))
            e += *e == '"' ? 2 : 1;
        if (!*e) {
            fail(x, "unterminated string");
            x->tok = T_EOF;
            return;
        }
        x->tok = T_STRING;
        x->quoted = 1;
        x->t = x->p + 1;
        x->tn = (size_t)(e - x->t);
        x->p = e + 1;
        return;
    }
    if (!bareword((unsigned char)*x->p)) {
        fail(x, "syntax error near \"%.1s\"", x->p);
        x->tok = T_EOF;
        return;
    }
    const char *e = x->p;
    while (bareword((unsigned char)*e))
        e++;
    x->tn = (size_t)(e - x->p);
    x->p = e;
    x->tok = T_STRING;
    if (x->tn == 2 && memcmp(x->t, "OR", 2) == 0)
        x->tok = T_OR;
    else if (x->tn == 3 && memcmp(x->t, "AND", 3) == 0)
        x->tok = T_AND;
    else if (x->tn == 3 && memcmp(x->t, "NOT", 3) == 0)
        x->tok = T_NOT;
}

static void syntax(lexer *x)
{
    if (x->tok == T_EOF)
        fail(x, "syntax error near \"\"");
    else
        fail(x, "syntax error near \"%.*s\"", (int)(x->tn > 200 ? 200 : x->tn), x->t);
}

/* The lexer's current token is what comes after a colset name, a "{" list
 * or a "-"? */
static int at_colset(lexer *x)
{
    if (x->tok == T_LCP || x->tok == T_MINUS)
        return 1;
    if (x->tok != T_STRING)
        return 0;
    const char *p = x->p;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\v' || *p == '\f')
        p++;
    return *p == ':';
}

static unsigned column(lexer *x)
{
    static const char *const names[] = {"title", "heading", "body"};
    for (int i = 0; i < Q_NCOLS; i++)
        if (x->tn == strlen(names[i]) && strncasecmp(x->t, names[i], x->tn) == 0)
            return 1u << i;
    fail(x, "no such column: %.*s", (int)(x->tn > 200 ? 200 : x->tn), x->t);
    return 0;
}

/* colset: name | { name ... } | - colset. The lexer is on its first token;
 * leaves it after the colset. */
static unsigned colset(lexer *x)
{
    int neg = 0;
    if (x->tok == T_MINUS) {
        neg = 1;
        next(x);
    }
    unsigned m = 0;
    if (x->tok == T_LCP) {
        next(x);
        if (x->tok != T_STRING)
            syntax(x);
        while (!x->err && x->tok == T_STRING) {
            m |= column(x);
            next(x);
        }
        if (x->tok != T_RCP)
            syntax(x);
        next(x);
    } else if (x->tok == T_STRING) {
        m = column(x);
        next(x);
    } else {
        syntax(x);
    }
    return neg ? (QCOL_ALL & ~m) : m;
}

static q_node *node(int op, q_node *l, q_node *r)
{
    q_node *n = sohoa_xcalloc(1, sizeof *n);
    n->op = op;
    n->l = l;
    n->r = r;
    return n;
}

static void node_free(q_node *n)
{
    if (!n)
        return;
    node_free(n->l);
    node_free(n->r);
    free(n);
}

/* Append the words of the current string to phrase p. */
static void add_words(lexer *x, q_phrase *p)
{
    char *s = sohoa_xstrndup(x->t, x->tn);
    if (x->quoted) { /* "" stands for " */
        char *w = s;
        for (char *r = s; *r; r++) {
            *w++ = *r;
            if (*r == '"' && r[1] == '"')
                r++;
        }
        *w = '\0';
    }
    size_t n = strlen(s), pos = 0, a, b;
    while (fts_word_next(s, n, &pos, &a, &b)) {
        char *skel = fts_skeleton(s + a, b - a);
        if (!skel || !*skel) { /* marks alone: no word, as in the index */
            free(skel);
            continue;
        }
        p->t = sohoa_xrealloc(p->t, (p->n + 1) * sizeof *p->t);
        q_term *t = &p->t[p->n++];
        t->word = sohoa_xstrndup(s + a, b - a);
        t->skel = skel;
        t->skel_len = strlen(skel);
        t->exact = fts_exact_form(s + a, b - a);
        t->prefix = 0;
    }
    free(s);
}

/* phrase := string [*] (+ string [*])*; returns its index. */
static size_t phrase(lexer *x, unsigned cols, int initial)
{
    store_query *q = x->q;
    q->ph = sohoa_xrealloc(q->ph, (q->nph + 1) * sizeof *q->ph);
    size_t i = q->nph++;
    q_phrase *p = &q->ph[i];
    memset(p, 0, sizeof *p);
    p->cols = cols;
    p->initial = initial;
    for (;;) {
        if (x->tok != T_STRING) {
            syntax(x);
            return i;
        }
        add_words(x, &q->ph[i]);
        next(x);
        if (x->tok == T_STAR) {
            if (q->ph[i].n)
                q->ph[i].t[q->ph[i].n - 1].prefix = 1;
            next(x);
        }
        if (x->tok != T_PLUS)
            return i;
        next(x);
    }
}

/* nearset with the columns cols, the lexer on its first token. */
static q_node *nearset(lexer *x, unsigned cols)
{
    if (x->tok == T_CARET) {
        next(x);
        q_node *n = node(Q_PHRASE, NULL, NULL);
        n->first = phrase(x, cols, 1);
        n->count = 1;
        return n;
    }
    if (x->tok == T_STRING && !x->quoted && x->tn == 4 && memcmp(x->t, "NEAR", 4) == 0) {
        const char *save = x->p;
        next(x);
        if (x->tok == T_LP) {
            next(x);
            q_node *n = node(Q_NEAR, NULL, NULL);
            n->first = x->q->nph;
            n->near = 10;
            while (!x->err && x->tok == T_STRING) {
                phrase(x, cols, 0);
                n->count++;
            }
            if (x->tok == T_COMMA) {
                next(x);
                if (x->tok != T_STRING)
                    syntax(x);
                int d = 0;
                for (size_t k = 0; k < x->tn && !x->err; k++) {
                    if (!isdigit((unsigned char)x->t[k]))
                        fail(x, "expected integer, got \"%.*s\"", (int)x->tn, x->t);
                    else if (d < 100000000)
                        d = d * 10 + (x->t[k] - '0');
                }
                n->near = d;
                next(x);
            }
            if (x->tok != T_RP || n->count == 0)
                syntax(x);
            next(x);
            return n;
        }
        x->p = save; /* "NEAR" alone is a word */
        x->tok = T_STRING;
        x->t = save - 4;
        x->tn = 4;
    }
    q_node *n = node(Q_PHRASE, NULL, NULL);
    n->first = phrase(x, cols, 0);
    n->count = 1;
    if (x->tok == T_LP)
        syntax(x); /* word( is NEAR misspelt */
    return n;
}

static int empty(const store_query *q, const q_node *n)
{
    return n && n->op == Q_PHRASE && q->ph[n->first].n == 0;
}

/* Neighbours joined by an implicit AND: an empty phrase ("" or a string of
 * punctuation) drops out, as in FTS5 (sqlite3Fts5ParseImplicitAnd). Under
 * an explicit operator it stays, and matches nothing ("x AND \"\"" finds
 * nothing, "x OR \"\"" finds x), as in FTS5. */
static q_node *implicit_and(lexer *x, q_node *l, q_node *r)
{
    if (empty(x->q, l)) {
        node_free(l);
        return r;
    }
    if (empty(x->q, r)) {
        node_free(r);
        return l;
    }
    return node(Q_AND, l, r);
}

static q_node *combine(lexer *x, int op, q_node *l, q_node *r)
{
    (void)x;
    if (!l || !r) { /* only after an error */
        node_free(l);
        node_free(r);
        return NULL;
    }
    return node(op, l, r);
}

static q_node *expr(lexer *x, unsigned cols);

static unsigned and_cols(unsigned a, unsigned b) { return a & b; }

/* primary := ( expr ) | colset : ( expr ) | run of [colset :] nearset */
static q_node *primary(lexer *x, unsigned cols)
{
    if (x->tok == T_LP) {
        next(x);
        q_node *n = expr(x, cols);
        if (x->tok != T_RP)
            syntax(x);
        next(x);
        return n;
    }
    q_node *run = NULL;
    int first = 1;
    while (!x->err) {
        unsigned c = cols;
        if (at_colset(x)) {
            c = and_cols(cols, colset(x));
            if (x->tok != T_COLON) {
                syntax(x);
                break;
            }
            next(x);
            if (x->tok == T_LP) {
                if (!first) {
                    syntax(x);
                    break;
                }
                next(x);
                q_node *n = expr(x, c);
                if (x->tok != T_RP)
                    syntax(x);
                next(x);
                return n;
            }
        } else if (x->tok != T_STRING && x->tok != T_CARET) {
            if (first)
                syntax(x);
            break;
        }
        q_node *n = nearset(x, c);
        run = first ? n : implicit_and(x, run, n);
        first = 0;
    }
    return run;
}

static q_node *not_expr(lexer *x, unsigned cols)
{
    q_node *l = primary(x, cols);
    while (!x->err && x->tok == T_NOT) {
        next(x);
        l = combine(x, Q_NOT, l, primary(x, cols));
    }
    return l;
}

static q_node *and_expr(lexer *x, unsigned cols)
{
    q_node *l = not_expr(x, cols);
    while (!x->err && x->tok == T_AND) {
        next(x);
        l = combine(x, Q_AND, l, not_expr(x, cols));
    }
    return l;
}

static q_node *expr(lexer *x, unsigned cols)
{
    q_node *l = and_expr(x, cols);
    while (!x->err && x->tok == T_OR) {
        next(x);
        l = combine(x, Q_OR, l, and_expr(x, cols));
    }
    return l;
}

store_query *store_query_parse(const char *text, char **errmsg)
{
    *errmsg = NULL;
    store_query *q = sohoa_xcalloc(1, sizeof *q);
    lexer x = {.p = text, .q = q};
    next(&x);
    q_node *root = x.err ? NULL : expr(&x, QCOL_ALL);
    if (!x.err && x.tok != T_EOF)
        syntax(&x);
    if (empty(q, root)) {
        node_free(root);
        root = NULL;
    }
    q->root = root;
    int bit = 0;
    for (size_t i = 0; i < q->nph; i++)
        for (size_t k = 0; k < q->ph[i].n; k++) {
            q->ph[i].t[k].bit = bit < 64 ? bit++ : -1;
            q->overflow |= q->ph[i].t[k].bit < 0;
        }
    if (x.err) {
        *errmsg = x.err;
        store_query_free(q);
        return NULL;
    }
    return q;
}

void store_query_free(store_query *q)
{
    if (!q)
        return;
    node_free(q->root);
    for (size_t i = 0; i < q->nph; i++) {
        for (size_t k = 0; k < q->ph[i].n; k++) {
            free(q->ph[i].t[k].word);
            free(q->ph[i].t[k].skel);
            free(q->ph[i].t[k].exact);
        }
        free(q->ph[i].t);
    }
    free(q->ph);
    free(q);
}

/* --- the candidate query ------------------------------------------------ */

static void put_cols(sohoa_buf *b, unsigned cols)
{
    if (cols == QCOL_ALL)
        return;
    static const char *const names[] = {"title", "heading", "body"};
    sohoa_buf_putc(b, '{');
    for (int i = 0; i < Q_NCOLS; i++)
        if (cols & (1u << i))
            sohoa_buf_printf(b, " %s", names[i]);
    sohoa_buf_puts(b, " } : ");
}

static void put_phrase(sohoa_buf *b, const q_phrase *p)
{
    if (p->n == 0) {
        sohoa_buf_puts(b, "\"\"");
        return;
    }
    for (size_t k = 0; k < p->n; k++)
        sohoa_buf_printf(b, "%s\"%s\"%s", k ? " + " : "", p->t[k].word, p->t[k].prefix ? "*" : "");
}

static void put_node(sohoa_buf *b, const store_query *q, const q_node *n)
{
    const q_phrase *p = &q->ph[n->first];
    switch (n->op) {
    case Q_PHRASE:
        put_cols(b, p->cols);
        if (p->initial)
            sohoa_buf_putc(b, '^');
        put_phrase(b, p);
        break;
    case Q_NEAR:
        put_cols(b, p->cols);
        sohoa_buf_puts(b, "NEAR(");
        for (size_t i = 0; i < n->count; i++) {
            if (i)
                sohoa_buf_putc(b, ' ');
            put_phrase(b, &q->ph[n->first + i]);
        }
        sohoa_buf_printf(b, ", %d)", n->near);
        break;
    case Q_NOT:
        put_node(b, q, n->l);
        break;
    default:
        sohoa_buf_putc(b, '(');
        put_node(b, q, n->l);
        sohoa_buf_puts(b, n->op == Q_AND ? ") AND (" : ") OR (");
        put_node(b, q, n->r);
        sohoa_buf_putc(b, ')');
    }
}

char *store_query_candidates(const store_query *q)
{
    if (!q->root)
        return NULL;
    sohoa_buf b = SOHOA_BUF_INIT;
    put_node(&b, q, q->root);
    return sohoa_buf_steal(&b);
}
