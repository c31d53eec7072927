/* query.h — an FTS5 query as a tree (query_parse.c), so that the store can
 * do with it what FTS5 alone cannot: check diacritics exactly on an index
 * of folded words (query_match.c), mark the matched words in snippets
 * (snippet.c) and look up each phrase's document count (term_stats.c).
 * Private to src/store.
 *
 * The grammar is FTS5's (SQLite 3.40): phrases ("strings", barewords,
 * a + b, prefix*, ^initial), NEAR(p1 p2 ..., N), column filters (col:,
 * {c1 c2}:, -col:), AND, OR, NOT, implicit AND between neighbours,
 * parentheses; precedence NOT > AND > OR. Phrases are numbered from left
 * to right, as FTS5 numbers them. Words are split and folded by the
 * tokenizer's rules (fts_words.h). The columns are the index's: title,
 * heading, body. */
#ifndef SOHOA_STORE_QUERY_H
#define SOHOA_STORE_QUERY_H

#include <stddef.h>

enum { QCOL_TITLE = 1, QCOL_HEADING = 2, QCOL_BODY = 4, QCOL_ALL = 7, Q_NCOLS = 3 };

typedef struct q_term {
    char *word;  /* as typed */
    char *skel;  /* folded: what the index holds */
    size_t skel_len;
    char *exact; /* lower case, NFC, new-style tone: what --exact compares */
    int prefix;  /* word* */
    int bit;     /* this term's bit in q_tok.mask; -1 past the 64th term */
} q_term;

typedef struct q_phrase {
    q_term *t;
    size_t n;      /* 0 for a string with no word in it (FTS5 ignores it) */
    unsigned cols; /* QCOL_* mask the phrase may match in */
    int initial;   /* ^: at the first position of the column */
} q_phrase;

enum { Q_PHRASE, Q_NEAR, Q_AND, Q_OR, Q_NOT };

typedef struct q_node {
    int op;
    size_t first, count; /* Q_PHRASE (count 1) and Q_NEAR: phrases [first, first + count) */
    int near;            /* Q_NEAR: the most tokens between the phrases */
    struct q_node *l, *r;
} q_node;

typedef struct store_query {
    q_node *root; /* NULL: nothing to match (an empty query) */
    q_phrase *ph;
    size_t nph;
    int overflow; /* some term has no bit (more than 64 terms) */
} store_query;

/* Parse q. Returns the query (caller frees with store_query_free), or NULL
 * with *errmsg set to a malloc'd sentence ("syntax error near \"x\"",
 * "no such column: x"; caller frees). */
store_query *store_query_parse(const char *q, char **errmsg);
void store_query_free(store_query *q);

/* The FTS5 query that finds every row the exact reading of q can match:
 * q's tree written out again without the right-hand side of each NOT (a
 * row whose folded words match NOT's operand may still lack its exact
 * words). Malloc'd; NULL when nothing can match. */
char *store_query_candidates(const store_query *q);

/* --- matching a row (query_match.c) ---------------------------------- */

typedef struct q_tok {
    size_t start, end;  /* bytes of the word in its column's text */
    unsigned long long mask; /* bit t set: the skeleton matches term t */
    char *skel;         /* the skeleton, kept only when q->overflow */
    char *exact;        /* computed on first use */
} q_tok;

/* A row's three columns split into the index's words. */
typedef struct q_row {
    const char *text[Q_NCOLS];
    q_tok *tok[Q_NCOLS];
    size_t n[Q_NCOLS];
} q_row;

/* Split the texts (title, heading, body; NULL = empty) into words and
 * note which of q's terms each word's skeleton matches. The texts are
 * borrowed and must outlive the row; free with q_row_free. */
void q_row_init(q_row *r, const char *const text[Q_NCOLS], const store_query *q);
void q_row_free(q_row *r);

/* 1 if phrase p matches at word pos of column col (skeletons compared, or
 * exact forms when exact is set). */
int q_phrase_at(q_row *r, const q_phrase *p, int col, size_t pos, int exact);

/* 1 if the row matches the whole query, comparing exact forms (exact = 1)
 * or skeletons. */
int store_query_match(const store_query *q, q_row *r, int exact);

/* --- snippets (snippet.c) -------------------------------------------- */

/* The snippet of a matched row: up to 16 words of its best column (the one
 * whose best window holds the most distinct phrases, then the most
 * instances; body before heading before title on a tie), each phrase
 * instance (outside NOT's right-hand side) wrapped in open .. close, "…"
 * where the column goes on. q may be NULL (no marks). Malloc'd. */
char *store_snippet(const store_query *q, q_row *r, int exact, const char *open,
                    const char *close);

#endif
