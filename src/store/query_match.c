/* query_match.c — does a row match a parsed query (query.h)?
 *
 * What --exact needs on an index of folded words: FTS5 finds the rows
 * whose folded words match, and this file checks each of them with the
 * exact forms (lower case, NFC, new-style tone placement; fts_words.h) of
 * the row's words, with FTS5's meaning of every operator: a phrase is
 * consecutive words in one of its columns (^: the first word); NEAR(p1
 * ... pk, N) holds when instances of every phrase lie in one column with,
 * for the one starting last at M, every other p_i starting at M - len(p_i)
 * - N or later (fts5ExprNearIsMatch); AND, OR, NOT as booleans. A row's
 * words are split as the tokenizer splits them, so positions agree. */
#include "fts_words.h"
#include "query.h"
#include "sohoa/buf.h"
#include "sohoa/syllable.h"

#include <stdlib.h>
#include <string.h>

/* The bits of q's terms that the skeleton skel[0..n) matches. */
static unsigned long long term_mask(const store_query *q, const char *skel, size_t n)
{
    unsigned long long m = 0;
    for (size_t i = 0; q && i < q->nph; i++)
        for (size_t k = 0; k < q->ph[i].n; k++) {
            const q_term *t = &q->ph[i].t[k];
            size_t tn = t->skel_len;
            if (t->bit >= 0 && (t->prefix ? tn <= n : tn == n) && memcmp(skel, t->skel, tn) == 0)
                m |= 1ull << t->bit;
        }
    return m;
}

void q_row_init(q_row *r, const char *const text[Q_NCOLS], const store_query *q)
{
    memset(r, 0, sizeof *r);
    char stackbuf[512];
    for (int c = 0; c < Q_NCOLS; c++) {
        const char *t = text[c] ? text[c] : "";
        r->text[c] = t;
        size_t n = strlen(t), pos = 0, a, b, cap = 0;
        while (fts_word_next(t, n, &pos, &a, &b)) {
            size_t bcap = 2 * (b - a) + 9;
            char *skel = bcap <= sizeof stackbuf ? stackbuf : sohoa_xmalloc(bcap);
            size_t sn = sohoa_fold(t + a, b - a, skel, bcap);
            if (sn >= bcap)
                sn = bcap - 1;
            skel[sn] = '\0';
            if (sn) { /* marks alone are no word */
                if (r->n[c] == cap) {
                    cap = cap ? 2 * cap : 64;
                    r->tok[c] = sohoa_xrealloc(r->tok[c], cap * sizeof *r->tok[c]);
                }
                q_tok *k = &r->tok[c][r->n[c]++];
                *k = (q_tok){a, b, term_mask(q, skel, sn), NULL, NULL};
                if (q && q->overflow)
                    k->skel = sohoa_xstrdup(skel);
            }
            if (skel != stackbuf)
                free(skel);
        }
    }
}

void q_row_free(q_row *r)
{
    for (int c = 0; c < Q_NCOLS; c++) {
        for (size_t i = 0; i < r->n[c]; i++) {
            free(r->tok[c][i].skel);
            free(r->tok[c][i].exact);
        }
        free(r->tok[c]);
    }
    memset(r, 0, sizeof *r);
}

static int term_eq(q_row *r, int col, size_t pos, const q_term *t, int exact)
{
    q_tok *k = &r->tok[col][pos];
    if (t->bit >= 0 ? !(k->mask & (1ull << t->bit))
                    : strncmp(k->skel, t->skel, t->prefix ? strlen(t->skel) : (size_t)-1) != 0)
        return 0; /* the folded forms differ: so do the exact ones */
    if (!exact)
        return 1;
    if (!k->exact)
        k->exact = fts_exact_form(r->text[col] + k->start, k->end - k->start);
    if (!k->exact || !t->exact)
        return 0;
    return t->prefix ? strncmp(k->exact, t->exact, strlen(t->exact)) == 0
                     : strcmp(k->exact, t->exact) == 0;
}

int q_phrase_at(q_row *r, const q_phrase *p, int col, size_t pos, int exact)
{
    if (p->n == 0 || !(p->cols & (1u << col)) || pos + p->n > r->n[col] ||
        (p->initial && pos != 0))
        return 0;
    for (size_t k = 0; k < p->n; k++)
        if (!term_eq(r, col, pos + k, &p->t[k], exact))
            return 0;
    return 1;
}

static int phrase_anywhere(q_row *r, const q_phrase *p, int exact)
{
    for (int c = 0; c < Q_NCOLS; c++)
        for (size_t i = 0; i < r->n[c]; i++)
            if (q_phrase_at(r, p, c, i, exact))
                return 1;
    return 0;
}

/* 1 if phrase p has an instance in col starting in [lo, hi]. */
static int phrase_between(q_row *r, const q_phrase *p, int col, long lo, long hi, int exact)
{
    for (long i = lo < 0 ? 0 : lo; i <= hi && (size_t)i < r->n[col]; i++)
        if (q_phrase_at(r, p, col, (size_t)i, exact))
            return 1;
    return 0;
}

/* NEAR(p1 ... pk, N). A phrase without words (a string of punctuation)
 * is no part of the group, as FTS5 drops it from a nearset
 * (sqlite3Fts5ParseNearset); a group of such phrases alone matches
 * nothing (q_phrase_at is 0 for them). */
static int near_match(const store_query *q, const q_node *n, q_row *r, int exact)
{
    for (int c = 0; c < Q_NCOLS; c++)
        for (size_t k = 0; k < n->count; k++) {
            const q_phrase *pk = &q->ph[n->first + k];
            for (size_t m = 0; m < r->n[c]; m++) {
                if (!q_phrase_at(r, pk, c, m, exact))
                    continue;
                /* m is the last start: every phrase must start in
                 * [m - len - N, m] */
                int all = 1;
                for (size_t i = 0; all && i < n->count; i++) {
                    const q_phrase *pi = &q->ph[n->first + i];
                    if (i != k && pi->n > 0)
                        all = phrase_between(r, pi, c, (long)m - (long)pi->n - n->near,
                                             (long)m, exact);
                }
                if (all)
                    return 1;
            }
        }
    return 0;
}

static int eval(const store_query *q, const q_node *n, q_row *r, int exact)
{
    switch (n->op) {
    case Q_PHRASE:
        return phrase_anywhere(r, &q->ph[n->first], exact);
    case Q_NEAR:
        return near_match(q, n, r, exact);
    case Q_AND:
        return eval(q, n->l, r, exact) && eval(q, n->r, r, exact);
    case Q_OR:
        return eval(q, n->l, r, exact) || eval(q, n->r, r, exact);
    default: /* Q_NOT */
        return eval(q, n->l, r, exact) && !eval(q, n->r, r, exact);
    }
}

int store_query_match(const store_query *q, q_row *r, int exact)
{
    return q->root ? eval(q, q->root, r, exact) : 0;
}
