/* restore_cache.c — the per-document cache (doc_cache.c) on a document
 * built by hand: a form decided confidently twice gets a bonus where its
 * skeleton comes back nearby, not more than a window away (a file may hold
 * many documents), a skeleton with disagreeing decisions gets none, and
 * names keep their evidence apart from other words. */
#include "harness.h"

#include <stdlib.h>
#include <string.h>
#include "../../src/restore/restore_int.h"

/* A stripped document of n word tokens, each with candidates cải, cái
 * (in that order), all undecided (chosen cải, confidence 0.5). */
static void make_doc(rs_doc *d, size_t n)
{
    memset(d, 0, sizeof *d);
    d->mode = RS_MODE_STRIPPED;
    d->text = "";
    d->tok = calloc(n, sizeof *d->tok);
    d->cand = calloc(2 * n, sizeof *d->cand);
    d->ntok = d->cap = n;
    d->ncand = d->ccap = 2 * n;
    for (size_t i = 0; i < n; i++) {
        rs_tok *t = &d->tok[i];
        t->kind = RS_WORD;
        t->cand0 = 2 * i;
        t->ncand = 2;
        t->chosen = 0;
        t->conf = 0.5f;
        d->cand[2 * i] = (rs_cand){5, 0, "cải", 0};
        d->cand[2 * i + 1] = (rs_cand){6, 0, "cái", 0};
    }
}

static void decide(rs_doc *d, size_t i, int cand)
{
    d->tok[i].chosen = cand;
    d->tok[i].conf = 0.95f;
}

TEST(cache_favours_a_form_decided_nearby)
{
    rs_doc d;
    make_doc(&d, 3000);
    decide(&d, 0, 1); /* cái, twice, confidently */
    decide(&d, 1, 1);
    float *b = rs_cache_bonus(&d);
    CHECK(b[2 * 2 + 1] > 0);  /* token 2: cái favoured */
    CHECK(b[2 * 2] == 0);     /* cải not */
    CHECK(b[2 * 900 + 1] > 0); /* 900 tokens on: still within the window */
    CHECK(b[2 * 2500 + 1] == 0); /* 2,500 tokens on: another document */
    CHECK(b[2 * 2500] == 0);
    free(b);
    free(d.tok);
    free(d.cand);
}

TEST(cache_stays_out_of_disagreement)
{
    rs_doc d;
    make_doc(&d, 10);
    decide(&d, 0, 1); /* cái twice, cải twice: 50 % each */
    decide(&d, 1, 1);
    decide(&d, 2, 0);
    decide(&d, 3, 0);
    float *b = rs_cache_bonus(&d);
    for (size_t i = 0; i < d.ncand; i++)
        CHECK(b[i] == 0);
    free(b);
    free(d.tok);
    free(d.cand);
}

/* Capitalised words (names) and the others keep their evidence apart.
 * Tokens 0 and 1, in lower case, are decided cái (weight 1 each); tokens
 * 3 and 4, capitalised, cải (weight 2 each). Mixed, neither form would
 * hold 75 % (cải 4 of 6): apart, lower-case token 6 gets the bonus on cái,
 * capitalised token 5 on cải, and capitalised token 2, with only the
 * lower-case decisions before it and the names after, on cải as well. */
TEST(cache_keeps_names_apart_from_other_words)
{
    rs_doc d;
    make_doc(&d, 8);
    decide(&d, 0, 1);
    decide(&d, 1, 1);
    for (size_t i = 2; i <= 5; i++)
        d.tok[i].upper = 1;
    decide(&d, 3, 0);
    decide(&d, 4, 0);
    float *b = rs_cache_bonus(&d);
    CHECK(b[2 * 6 + 1] > 0 && b[2 * 6] == 0); /* lower case: cái */
    CHECK(b[2 * 5] > 0 && b[2 * 5 + 1] == 0); /* capitalised: cải */
    CHECK(b[2 * 2] > 0 && b[2 * 2 + 1] == 0);
    free(b);
    free(d.tok);
    free(d.cand);
}
