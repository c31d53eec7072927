/* restore_coarse.c — rs_coarse_gaps (coarse_pass.c) on documents made by
 * hand over a tiny bigram model: the two syllables of a word are weighed
 * together (the pair the model has seen wins, each of its syllables with
 * gap 0, the other readings below); a candidate's extra moves the best
 * path; a word with one reading has gap 0, a page number (transparent)
 * no view; and a context break ends the lattice. */
#include "restore_fixture.h"

#include "../../src/restore/restore_int.h"

/* "ăn cắp" is a pair of the corpus; "an" and "cấp" are as common as "ăn"
 * and "cắp", but never side by side with either. */
static const char CORPUS[] = "ăn cắp\năn cắp\năn cắp\nan toàn\nan toàn\nan toàn\n"
                             "cấp trên\ncấp trên\ncấp trên\n";

/* Word i of the doc: candidates forms[0..n) from cand[at..]. */
static void word(rs_doc *d, const sohoa_lm *lm, size_t i, const char *const *forms, size_t n)
{
    rs_tok *t = &d->tok[i];
    t->kind = RS_WORD;
    t->cand0 = d->ncand;
    t->ncand = n;
    for (size_t k = 0; k < n; k++) {
        rs_cand *c = &d->cand[d->ncand++];
        c->id = sohoa_lm_id(lm, forms[k], strlen(forms[k]));
        c->form = forms[k];
    }
}

static const char *const AN[] = {"an", "ăn"}, *const CAP[] = {"cấp", "cắp"},
                         *const TREN[] = {"trên"};

/* The bigram model of CORPUS in a new directory, or NULL (the test has
 * failed then). */
static sohoa_lm *corpus_model(void)
{
    char dir[64];
    fx_tmpdir(dir, "sohoa-coarse");
    sohoa_lm *lm = fx_train(dir, CORPUS, 2) == SOHOA_OK ? fx_lm(dir) : NULL;
    if (!lm)
        harness_fail(__FILE__, __LINE__, "the test's bigram model could not be made");
    return lm;
}

/* An empty document of ntok tokens over tok[] and cand[] (ncand of them). */
static void empty_doc(rs_doc *d, rs_tok *tok, size_t ntok, rs_cand *cand, size_t ncand)
{
    memset(d, 0, sizeof *d);
    memset(tok, 0, ntok * sizeof *tok);
    memset(cand, 0, ncand * sizeof *cand);
    d->tok = tok, d->ntok = ntok, d->cand = cand;
}

TEST(the_pair_the_model_has_seen_wins_both_syllables)
{
    sohoa_lm *lm = corpus_model();
    if (!lm)
        return;
    rs_tok tok[2];
    rs_cand cand[4];
    rs_doc d;
    empty_doc(&d, tok, 2, cand, 4);
    word(&d, lm, 0, AN, 2);
    word(&d, lm, 1, CAP, 2);
    CHECK(cand[1].id != SOHOA_LM_UNK && cand[3].id != SOHOA_LM_UNK);
    float gap[4];
    rs_coarse_gaps(&d, lm, NULL, gap);
    /* ăn cắp is the best path: both on it, the others under it */
    CHECK(gap[1] == 0.0f);
    CHECK(gap[3] == 0.0f);
    CHECK(gap[0] < -0.5f);
    CHECK(gap[2] < -0.5f);

    /* a bonus of 10 (log10) on "an" moves the best path through it, and
     * "ăn" falls nearly as far below: no bigram is worth ten */
    float extra[4] = {10.0f, 0, 0, 0};
    rs_coarse_gaps(&d, lm, extra, gap);
    CHECK(gap[0] == 0.0f);
    CHECK(gap[1] < -5.0f);
    sohoa_lm_close(lm);
}

TEST(single_readings_page_numbers_and_segments)
{
    sohoa_lm *lm = corpus_model();
    if (!lm)
        return;
    /* "an cap | 7 tren" with a context break after "cap": the page
     * number after it is transparent, "trên" stands in a segment of its own */
    rs_tok tok[4];
    rs_cand cand[6];
    rs_doc d;
    empty_doc(&d, tok, 4, cand, 6);
    word(&d, lm, 0, AN, 2);
    word(&d, lm, 1, CAP, 2);
    tok[1].ends_context = 1;
    static const char *const SEVEN[] = {"7"};
    word(&d, lm, 2, SEVEN, 1);
    tok[2].transparent = 1;
    word(&d, lm, 3, TREN, 1);
    float gap[6];
    rs_coarse_gaps(&d, lm, NULL, gap);
    CHECK(gap[4] > 0.0f); /* the page number: no view */
    CHECK(gap[5] == 0.0f); /* one reading: its word's best */
    /* the break ends the lattice: the first segment's gaps are those of
     * "an cap" alone, to the bit */
    float alone[4];
    d.ntok = 2;
    d.ncand = 4;
    rs_coarse_gaps(&d, lm, NULL, alone);
    for (int k = 0; k < 4; k++)
        CHECK(gap[k] == alone[k]);
    CHECK(alone[3] == 0.0f && alone[2] < 0.0f);
    sohoa_lm_close(lm);
}
