/* restore_prune.c — rs_prune_candidates (candidates.c) on a document made
 * by hand: a word keeps the candidates within `below` of its best by the
 * skeleton-context model and loses the others, with their parallel
 * bonuses; a word with one candidate, a ghost word, a word with a
 * candidate the model has no view of, and tokens that are not words keep
 * everything; a candidate the token view favours (channel score above 0)
 * stays however unlikely, and so does one a name matched (keep); the
 * ranges stay one after the other. */
#include "harness.h"

#include <string.h>
#include "../../src/restore/restore_int.h"
#include "../../src/restore/skel_ctx.h"

/* tokens: word A (4 candidates), punctuation, word B (1), word C (3, one
 * without a view), ghost word D (2), word E (2) */
enum { NTOK = 6, NCAND = 12 };

static void make_doc(rs_doc *d, rs_tok *tok, rs_cand *cand)
{
    memset(d, 0, sizeof *d);
    memset(tok, 0, NTOK * sizeof *tok);
    memset(cand, 0, NCAND * sizeof *cand);
    const int kind[NTOK] = {RS_WORD, RS_PUNCT, RS_WORD, RS_WORD, RS_WORD, RS_WORD};
    const size_t n[NTOK] = {4, 0, 1, 3, 2, 2};
    size_t at = 0;
    for (size_t i = 0; i < NTOK; i++) {
        tok[i].kind = kind[i];
        tok[i].cand0 = at;
        tok[i].ncand = n[i];
        at += n[i];
    }
    tok[4].ghost = 1;
    for (size_t k = 0; k < NCAND; k++)
        cand[k].id = (uint16_t)(100 + k);
    d->tok = tok;
    d->ntok = NTOK;
    d->cand = cand;
    d->ncand = NCAND;
}

TEST(prune_keeps_what_the_window_finds_likely)
{
    rs_doc d;
    rs_tok tok[NTOK];
    rs_cand cand[NCAND];
    make_doc(&d, tok, cand);
    const float V = RS_SKC_NO_VIEW;
    /* A: -0.1 best; -2.9 is within 3 of it, -3.2 and -5 are not
     * B: alone; C: one without a view; D: a ghost; E: -0.5 and -4.0 */
    float logp[NCAND] = {-3.2f, -0.1f, -2.9f, -5.0f, -9.0f, -0.2f, V, -8.0f,
                         -0.1f, -7.0f, -0.5f, -4.0f};
    float with[NCAND];
    for (size_t k = 0; k < NCAND; k++)
        with[k] = (float)k;
    CHECK_INT(rs_prune_candidates(&d, logp, 3.0f, with, NULL), 3);
    CHECK_INT(d.ncand, 9);
    /* A keeps its 2nd and 3rd candidates, in their order */
    CHECK_INT(tok[0].cand0, 0);
    CHECK_INT(tok[0].ncand, 2);
    CHECK_INT(cand[0].id, 101);
    CHECK_INT(cand[1].id, 102);
    CHECK(with[0] == 1.0f && with[1] == 2.0f);
    CHECK_INT(tok[1].ncand, 0);
    /* B alone (logp -9 is no reason to drop the only reading) */
    CHECK_INT(tok[2].cand0, 2);
    CHECK_INT(tok[2].ncand, 1);
    CHECK_INT(cand[2].id, 104);
    /* C untouched: one candidate without a view */
    CHECK_INT(tok[3].cand0, 3);
    CHECK_INT(tok[3].ncand, 3);
    CHECK_INT(cand[3].id, 105);
    CHECK_INT(cand[5].id, 107);
    CHECK(with[5] == 7.0f);
    /* D, a ghost, untouched */
    CHECK_INT(tok[4].cand0, 6);
    CHECK_INT(tok[4].ncand, 2);
    CHECK_INT(cand[7].id, 109);
    /* E loses -4.0 (3.5 under -0.5) */
    CHECK_INT(tok[5].cand0, 8);
    CHECK_INT(tok[5].ncand, 1);
    CHECK_INT(cand[8].id, 110);
    CHECK(with[8] == 10.0f);
}

TEST(prune_leaves_ranges_out_of_order_alone)
{
    rs_doc d;
    rs_tok tok[NTOK];
    rs_cand cand[NCAND];
    make_doc(&d, tok, cand);
    /* the last word's candidates placed before the first's: no compaction
     * in place is safe, nothing is dropped */
    tok[5].cand0 = 0;
    float logp[NCAND], with[NCAND];
    for (size_t k = 0; k < NCAND; k++) {
        logp[k] = k % 2 ? -0.1f : -6.0f;
        with[k] = 0;
    }
    CHECK_INT(rs_prune_candidates(&d, logp, 3.0f, with, NULL), 0);
    CHECK_INT(d.ncand, NCAND);
    CHECK_INT(tok[0].ncand, 4);
    CHECK_INT(tok[5].ncand, 2);
}

TEST(prune_keeps_a_candidate_the_token_view_favours)
{
    rs_doc d;
    rs_tok tok[NTOK];
    rs_cand cand[NCAND];
    make_doc(&d, tok, cand);
    /* E's -4.0 (3.5 under its best) would go, but its channel score is
     * above 0 (a form the token view favours: a name as typed) */
    float logp[NCAND], with[NCAND];
    for (size_t k = 0; k < NCAND; k++) {
        logp[k] = -0.1f;
        with[k] = 0;
    }
    logp[10] = -0.5f;
    logp[11] = -4.0f;
    cand[11].chan = 2.0f;
    CHECK_INT(rs_prune_candidates(&d, logp, 3.0f, with, NULL), 0);
    CHECK_INT(tok[5].ncand, 2);
    CHECK_INT(cand[11].id, 111);
    make_doc(&d, tok, cand); /* scores 0 again: without the bonus it goes */
    CHECK_INT(rs_prune_candidates(&d, logp, 3.0f, with, NULL), 1);
    CHECK_INT(tok[5].ncand, 1);
}

/* A candidate a name matched (keep set) stays however unlikely, and keep is
 * compacted with the rest: of A's, -3.2 is kept by keep, -5 is not. */
TEST(prune_keeps_what_a_name_matched)
{
    rs_doc d;
    rs_tok tok[NTOK];
    rs_cand cand[NCAND];
    make_doc(&d, tok, cand);
    const float V = RS_SKC_NO_VIEW;
    float logp[NCAND] = {-3.2f, -0.1f, -2.9f, -5.0f, -9.0f, -0.2f, V, -8.0f,
                         -0.1f, -7.0f, -0.5f, -4.0f};
    float with[NCAND] = {0};
    uint8_t keep[NCAND] = {0};
    keep[0] = 1;  /* A's first: -3.2, would go */
    keep[11] = 1; /* E's second: -4.0, would go */
    CHECK_INT(rs_prune_candidates(&d, logp, 3.0f, with, keep), 1);
    CHECK_INT(tok[0].ncand, 3);
    CHECK_INT(cand[0].id, 100);
    CHECK_INT(cand[1].id, 101);
    CHECK_INT(cand[2].id, 102);
    CHECK_INT(keep[0], 1);
    CHECK_INT(keep[1], 0);
    /* E (the last word) keeps both, its second still marked */
    CHECK_INT(tok[5].ncand, 2);
    CHECK_INT(cand[tok[5].cand0 + 1].id, 111);
    CHECK_INT(keep[tok[5].cand0 + 1], 1);
}
