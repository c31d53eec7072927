/* restore_widectx.c — the wide-context model (src/restore/wide_ctx*.c):
 * the context words of a position, the confusion sets and pairs counted
 * and pruned on a tiny training text, the votes worked out by hand from
 * those counts, the bonus of a decoded document, and the file checks. */
#include "harness.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "restore_fixture.h"
#include "sohoa/lm.h"
#include "sohoa/restore.h"
#include "sohoa/skelctx.h"
#include "sohoa/widectx.h"
#include "../../src/restore/restore_int.h"
#include "../../src/restore/wide_ctx.h"

/* Skeleton "ban" has two forms: bàn (twice, beside tôi, mua, gỗ) and bán
 * (once, beside họ, nhà); every other skeleton has one form. */
static const char *TRAIN =
    "tôi mua bàn gỗ .\n"
    "tôi mua bàn gỗ .\n"
    "họ bán nhà .\n";

static char dir[64];

static void path_of(char *p, size_t n, const char *name)
{
    snprintf(p, n, "%s/%s", dir, name);
}

/* DIR/sohoa.lm on TRAIN and DIR/sohoa.wide with window 3, gap 1, every
 * form and pair kept unless min_count / min_llr say otherwise. */
static int setup(unsigned min_count, double min_llr)
{
    fx_tmpdir(dir, "sohoa-wide");
    if (fx_train(dir, TRAIN, 3) != SOHOA_OK)
        return 0;
    sohoa_lm *lm = fx_lm(dir);
    if (!lm)
        return 0;
    char t[256], w[256];
    path_of(t, sizeof t, "corpus.txt");
    path_of(w, sizeof w, "sohoa.wide");
    sohoa_widectx_train_opts o;
    sohoa_widectx_train_opts_init(&o);
    o.window = 3;
    o.gap = 1;
    o.min_form = 1;
    o.min_count = min_count;
    o.min_llr = min_llr;
    sohoa_err err;
    const char *tp[1] = {t};
    int rc = sohoa_widectx_train(tp, 1, lm, &o, w, NULL, &err);
    sohoa_lm_close(lm);
    return rc == SOHOA_OK;
}

static void cleanup(void)
{
    const char *names[] = {"corpus.txt", "sohoa.lm", "sohoa.wide", "sohoa.skc"};
    char p[256];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        path_of(p, sizeof p, names[i]);
        remove(p);
    }
    rmdir(dir);
}

static int stat_model(sohoa_widectx_info *in, sohoa_err *err)
{
    sohoa_lm *lm = fx_lm(dir);
    if (!lm)
        return -1;
    char p[256];
    path_of(p, sizeof p, "sohoa.wide");
    int rc = sohoa_widectx_stat(p, lm, in, err);
    sohoa_lm_close(lm);
    return rc;
}

static uint64_t skel(const char *s)
{
    return rs_skc_tok_hash(s, strlen(s), 1);
}

/* The context hash of word s of the LM. */
static uint64_t ctx(const sohoa_lm *lm, const char *s)
{
    return rs_wide_ctx_hash(sohoa_lm_id(lm, s, strlen(s)), sohoa_lm_id(lm, "<num>", 5), skel(s));
}

TEST(wide_contexts_are_distinct_words_in_the_distance_band)
{
    /* 0 is punctuation; 3 is the centre's own hash */
    const uint64_t h[6] = {3, 2, 0, 3, 2, 4};
    uint64_t out[6];
    /* distance 1: h[2] punctuation, h[4] = 2; distance 2: h[1] = 2 again,
     * h[5] = 4; distance 3: h[0] is the centre's hash */
    CHECK_INT(rs_wide_contexts(h, 0, 6, 3, 3, 1, out), 2);
    CHECK(out[0] == 2 && out[1] == 4);
    /* gap 3: only h[0], which is the centre's */
    CHECK_INT(rs_wide_contexts(h, 0, 6, 3, 3, 3, out), 0);
    /* the segment [2, 6) hides h[0] and h[1]; at each distance the left
     * word comes first: h[3] = 3, h[5] = 4, then h[2] is punctuation */
    CHECK_INT(rs_wide_contexts(h, 2, 6, 4, 2, 1, out), 2);
    CHECK(out[0] == 3 && out[1] == 4);
}

TEST(wide_counts_one_confusion_set_and_its_pairs)
{
    CHECK(setup(1, 0));
    sohoa_widectx_info in;
    sohoa_err err;
    CHECK_INT(stat_model(&in, &err), SOHOA_OK);
    CHECK_INT(in.window, 3);
    CHECK_INT(in.gap, 1);
    CHECK_INT(in.skeletons, 1);
    /* (ban, tôi) (ban, mua) (ban, gỗ) for bàn; (ban, họ) (ban, nhà) for bán */
    CHECK_INT(in.pairs, 5);
    cleanup();
}

TEST(wide_min_count_and_min_llr_prune_pairs)
{
    /* the bàn pairs are seen twice, the bán pairs once */
    CHECK(setup(2, 0));
    sohoa_widectx_info in;
    sohoa_err err;
    CHECK_INT(stat_model(&in, &err), SOHOA_OK);
    CHECK_INT(in.pairs, 3);
    cleanup();
    /* G2 of a bàn pair: 2·2·ln(2 / (2 · 2/3)) = 1.62; of a bán pair:
     * 2·1·ln(1 / (1 · 1/3)) = 2.20; a threshold of 2 keeps the bán pairs */
    CHECK(setup(1, 2.0));
    CHECK_INT(stat_model(&in, &err), SOHOA_OK);
    CHECK_INT(in.pairs, 2);
    CHECK_INT(in.skeletons, 1);
    cleanup();
}

/* Votes by hand, M = 4, n(bàn) = 2, n(bán) = 1, n(ban) = 3:
 * (ban, mua) seen 2 times, all bàn: P(mua | ban) = 2/3;
 *   bàn: log10((2 + 4·2/3) / (6 · 2/3)) = log10(7/6) = 0.066947;
 *   bán: never with mua: log10(4 / 5) = -0.096910.
 * (ban, họ) seen once, bán: P(họ | ban) = 1/3;
 *   bán: log10((1 + 4/3) / (5 · 1/3)) = log10(1.4) = 0.146128;
 *   bàn: log10(4 / 6) = -0.176091.
 * The file holds the terms quantised to 1/30000 (two or three roundings
 * per vote here), hence the tolerance of 1e-4. */
TEST(wide_votes_by_hand)
{
    CHECK(setup(1, 0));
    sohoa_lm *lm = fx_lm(dir);
    CHECK(lm != NULL);
    rs_wide *m = NULL;
    sohoa_err err;
    char p[256];
    path_of(p, sizeof p, "sohoa.wide");
    CHECK_INT(rs_wide_open(p, lm, &m, &err), SOHOA_OK);
    uint16_t grave = sohoa_lm_id(lm, "bàn", strlen("bàn"));
    uint16_t acute = sohoa_lm_id(lm, "bán", strlen("bán"));
    uint64_t c2[2] = {ctx(lm, "mua"), ctx(lm, "gỗ")};
    CHECK(fabsf(rs_wide_score(m, skel("ban"), c2, 2, grave) - 2 * 0.066947f) < 1e-4f);
    CHECK(fabsf(rs_wide_score(m, skel("ban"), c2, 2, acute) - 2 * -0.096910f) < 1e-4f);
    uint64_t c1[1] = {ctx(lm, "họ")};
    CHECK(fabsf(rs_wide_score(m, skel("ban"), c1, 1, acute) - 0.146128f) < 1e-4f);
    CHECK(fabsf(rs_wide_score(m, skel("ban"), c1, 1, grave) - -0.176091f) < 1e-4f);
    /* mua and họ together: each form adds its two terms */
    uint64_t c3[2] = {ctx(lm, "mua"), ctx(lm, "họ")};
    CHECK(fabsf(rs_wide_score(m, skel("ban"), c3, 2, grave) - (0.066947f - 0.176091f)) < 1e-4f);
    CHECK(fabsf(rs_wide_score(m, skel("ban"), c3, 2, acute) - (-0.096910f + 0.146128f)) < 1e-4f);
    /* a context the model never saw with the skeleton says nothing */
    uint64_t cx[1] = {skel("xe")};
    CHECK(rs_wide_score(m, skel("ban"), cx, 1, grave) == 0.0f);
    /* nor does a skeleton that is no confusion set, or a form never seen */
    CHECK(rs_wide_score(m, skel("go"), c2, 2, sohoa_lm_id(lm, "gỗ", strlen("gỗ"))) == 0.0f);
    CHECK(rs_wide_score(m, skel("ban"), c2, 2, sohoa_lm_id(lm, "gỗ", strlen("gỗ"))) == 0.0f);
    rs_wide_close(m);
    sohoa_lm_close(lm);
    cleanup();
}

/* Set word i of d to the candidate spelling form, with posterior post and
 * 1 - post shared by the others (as a first pass leaves them); 0 if it has
 * no such candidate. */
static int choose(rs_doc *d, size_t i, const char *form, float post)
{
    rs_tok *t = &d->tok[i];
    int found = 0;
    float *posts = rs_doc_posts(d);
    for (size_t c = 0; c < t->ncand; c++) {
        rs_cand *cd = &d->cand[t->cand0 + c];
        posts[t->cand0 + c] = t->ncand > 1 ? (1 - post) / (float)(t->ncand - 1) : 1;
        if (cd->form && strcmp(cd->form, form) == 0) {
            t->chosen = (int)c;
            found = 1;
        }
    }
    if (found)
        posts[t->cand0 + (size_t)t->chosen] = post;
    return found;
}

/* d built from text by r (defaults), with the words at[k] chosen as
 * forms[k] at posterior 0.6: 1, or 0 if a word lacks its form. */
static int build_chosen(rs_doc *d, const sohoa_restorer *r, const char *text, const size_t *at,
                        const char *const *forms, size_t n)
{
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    rs_doc_build(d, r, &o, text, strlen(text), NULL, 0);
    for (size_t k = 0; k < n; k++)
        if (at[k] >= d->ntok || !choose(d, at[k], forms[k], 0.6f))
            return 0;
    return 1;
}

/* bonus[] of the candidate of word i spelling form; NAN if it has none. */
static float bonus_of(const rs_doc *d, const float *bonus, size_t i, const char *form)
{
    const rs_tok *t = &d->tok[i];
    for (size_t c = 0; c < t->ncand; c++) {
        const rs_cand *cd = &d->cand[t->cand0 + c];
        if (cd->form && strcmp(cd->form, form) == 0)
            return bonus[t->cand0 + c];
    }
    return NAN;
}

/* "toi mua ban go .": the word ban sees tôi, mua and gỗ (window 3). Chosen
 * as bán at posterior 0.6, the context disagrees: bàn gets 2 × 3 × 0.066947
 * and bán 2 × 3 × -0.096910 (weight 2). Chosen as bàn, it agrees: no bonus.
 * Chosen as bán at 0.999 (at least log10(0.999 / 0.001) ≈ 3 ahead of any
 * other candidate), it is beyond the reach of 1.5: not looked up. */
TEST(wide_bonus_of_a_decoded_document)
{
    CHECK(setup(1, 0));
    sohoa_err err;
    sohoa_restorer *r = NULL;
    CHECK(sohoa_restorer_open(dir, NULL, &r, &err) == SOHOA_OK);
    CHECK(r->wide != NULL);
    rs_doc d;
    const size_t at[4] = {0, 1, 2, 3};
    const char *const forms[4] = {"tôi", "mua", "bán", "gỗ"};
    CHECK(build_chosen(&d, r, "toi mua ban go .", at, forms, 4));
    CHECK_INT(d.ntok, 5);
    float *bonus = calloc(d.ncand ? d.ncand : 1, sizeof *bonus);
    rs_wide_use use = {2.0f, 1.5f, 0.0f, 10.0f};
    rs_wide_doc_bonus(&d, r->wide, &use, bonus);
    CHECK(fabsf(bonus_of(&d, bonus, 2, "bàn") - 6 * 0.066947f) < 1e-4f);
    CHECK(fabsf(bonus_of(&d, bonus, 2, "bán") - 6 * -0.096910f) < 1e-4f);
    for (size_t i = 0; i < d.ntok; i++)
        if (i != 2)
            for (size_t c = 0; c < d.tok[i].ncand; c++)
                CHECK(bonus[d.tok[i].cand0 + c] == 0.0f);
    memset(bonus, 0, (d.ncand ? d.ncand : 1) * sizeof *bonus);
    CHECK(choose(&d, 2, "bàn", 0.6f));
    rs_wide_doc_bonus(&d, r->wide, &use, bonus);
    for (size_t k = 0; k < d.ncand; k++)
        CHECK(bonus[k] == 0.0f);
    CHECK(choose(&d, 2, "bán", 0.999f));
    rs_wide_doc_bonus(&d, r->wide, &use, bonus);
    for (size_t k = 0; k < d.ncand; k++)
        CHECK(bonus[k] == 0.0f);
    /* the same with a reach of 4: looked up again */
    use.reach = 4.0f;
    rs_wide_doc_bonus(&d, r->wide, &use, bonus);
    CHECK(bonus[d.tok[2].cand0 + (size_t)d.tok[2].chosen] < -0.5f);
    free(bonus);
    rs_doc_free(&d);
    sohoa_restorer_free(r);
    cleanup();
}

/* Page numbers alone on their lines between "toi mua" and "ban go ." are
 * no words of the context: ban sees mua at distance 1 and tôi at 2, as if
 * the page break were not there, and gets the bonus of the three context
 * words (2 x 3 x 0.066947 for bàn). Counted as tokens, 13 and 12 would
 * stand at distances 1 and 2 and push tôi out of the window of 3. */
TEST(wide_contexts_step_over_page_numbers)
{
    CHECK(setup(1, 0));
    sohoa_err err;
    sohoa_restorer *r = NULL;
    CHECK(sohoa_restorer_open(dir, NULL, &r, &err) == SOHOA_OK);
    rs_doc d;
    const size_t at[4] = {0, 1, 4, 5};
    const char *const forms[4] = {"tôi", "mua", "bán", "gỗ"};
    CHECK(build_chosen(&d, r, "toi mua\n\n12\n\n13\n\nban go .", at, forms, 4));
    CHECK_INT(d.ntok, 7);
    CHECK(d.tok[2].transparent && d.tok[3].transparent);
    float *bonus = calloc(d.ncand ? d.ncand : 1, sizeof *bonus);
    rs_wide_use use = {2.0f, 1.5f, 0.0f, 10.0f};
    rs_wide_doc_bonus(&d, r->wide, &use, bonus);
    CHECK(fabsf(bonus_of(&d, bonus, 4, "bàn") - 6 * 0.066947f) < 1e-4f);
    free(bonus);
    rs_doc_free(&d);
    sohoa_restorer_free(r);
    cleanup();
}

TEST(wide_foreign_corrupt_or_missing_file)
{
    CHECK(setup(1, 0));
    sohoa_widectx_info in;
    sohoa_err err;
    char p[256], skc[256];
    path_of(p, sizeof p, "sohoa.wide");
    path_of(skc, sizeof skc, "sohoa.skc");
    /* a skeleton-context model is no wide-context model */
    sohoa_lm *lm = fx_lm(dir);
    CHECK(lm != NULL);
    sohoa_skelctx_train_opts so;
    sohoa_skelctx_train_opts_init(&so);
    char t[256];
    path_of(t, sizeof t, "corpus.txt");
    const char *tp[1] = {t};
    CHECK_INT(sohoa_skelctx_train(tp, 1, lm, &so, skc, NULL, &err), SOHOA_OK);
    sohoa_lm_close(lm);
    CHECK_INT(rename(skc, p), 0);
    CHECK_INT(stat_model(&in, &err), SOHOA_EFORMAT);
    CHECK(strstr(err.msg, "sohoa.wide") && strstr(err.msg, "parameters"));
    /* a model of the first format (parameters without the format number,
     * counts instead of terms) is refused, saying to train it again */
    lm = fx_lm(dir);
    CHECK(lm != NULL);
    const uint16_t old_params[2] = {3, 1};
    const rs_skc_entry ent = {rs_wide_params_key(), 0, 1};
    CHECK_INT(rs_skc_write(p, lm, &ent, 1, old_params, 2, &err), SOHOA_OK);
    sohoa_lm_close(lm);
    CHECK_INT(stat_model(&in, &err), SOHOA_EFORMAT);
    CHECK(strstr(err.msg, "sohoa.wide") && strstr(err.msg, "train it again"));
    /* not a model at all: the restorer refuses the directory, naming it */
    fx_write(p, "hello");
    CHECK_INT(stat_model(&in, &err), SOHOA_EFORMAT);
    CHECK(strstr(err.msg, "sohoa.wide") && strstr(err.msg, "wide-context model"));
    sohoa_restorer *r = NULL;
    CHECK(sohoa_restorer_open(dir, NULL, &r, &err) == SOHOA_EFORMAT);
    CHECK(r == NULL && strstr(err.msg, "sohoa.wide"));
    /* a missing one turns the feature off */
    remove(p);
    CHECK(sohoa_restorer_open(dir, NULL, &r, &err) == SOHOA_OK);
    CHECK(r->wide == NULL);
    sohoa_restorer_free(r);
    cleanup();
}
