/* restore_place_prior.c — the place-name syllable prior (place_prior.c): a
 * gazetteer of three names written here (Đông Trà, Hải Trà, Trà Lĩnh) and
 * a tiny model; after a unit word (the gazetteer's own or a village's)
 * and before the ", ngày" of a date line, each capitalised word's
 * candidates get log10((n + 1) / (N + k)), n the names holding the form,
 * N their sum over the word's candidates, k how many candidates; nothing
 * for words in lower case, for "XÃ HỘI" (a lexicon word), in text with
 * its marks printed, or without a gazetteer. Expectations worked out by hand from the three names. */
#include "harness.h"
#include "restore_fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "../../src/restore/restore_int.h"

static char dir[64];
static sohoa_restorer *R;

/* Every form of the skeletons the tests use, so each word has several
 * candidates. */
static const char *CORPUS = "thôn đông trà có trà xanh .\n"
                            "tra cứu và trả lời .\n"
                            "đồng chí có động lực .\n"
                            "xã hội và hải sản của hai người .\n"
                            "ngày 15 ở huyện .\n";

static sohoa_restorer *restorer(int with_gazetteer)
{
    if (R)
        sohoa_restorer_free(R);
    R = NULL;
    fx_tmpdir(dir, "sohoa-prior");
    char d[128], f[160];
    snprintf(d, sizeof d, "%s/dict", dir);
    mkdir(d, 0755);
    if (with_gazetteer) {
        snprintf(f, sizeof f, "%s/places-test.txt", d);
        fx_write(f, "# three names\n"
                    "Đông Trà\txã\tTiền Hải, Thái Bình\n"
                    "Hải Trà\tphường\n"
                    "Trà Lĩnh\thuyện\n");
    }
    snprintf(f, sizeof f, "%s/terms.txt", d);
    fx_write(f, "xã hội\n");
    if (fx_train(dir, CORPUS, 3) != SOHOA_OK)
        return NULL;
    sohoa_err err;
    if (sohoa_restorer_open(dir, d, &R, &err) != SOHOA_OK)
        return NULL;
    return R;
}

/* The prior (weight 1) of text's candidates into a new array; *d built. */
static float *prior_of(sohoa_restorer *r, const char *text, rs_doc *d, size_t *runs)
{
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    rs_doc_build(d, r, &o, text, strlen(text), NULL, 0);
    float *b = calloc(d->ncand ? d->ncand : 1, sizeof *b);
    *runs = rs_place_prior_bonus(d, r->places, r->lex, 1.0f, b);
    return b;
}

/* Names holding form, by hand from the three. */
static int names_with(const char *form)
{
    if (form && strcmp(form, "trà") == 0)
        return 3;
    if (form && (strcmp(form, "đông") == 0 || strcmp(form, "hải") == 0))
        return 1;
    return 0;
}

/* 1 if every candidate of token i got the prior of its form. */
static int has_prior(const rs_doc *d, const float *b, size_t i)
{
    const rs_tok *t = &d->tok[i];
    int total = 0;
    for (size_t k = 0; k < t->ncand; k++)
        total += names_with(d->cand[t->cand0 + k].form);
    if (t->ncand < 2 || total == 0)
        return 0;
    for (size_t k = 0; k < t->ncand; k++) {
        float want = log10f((float)(names_with(d->cand[t->cand0 + k].form) + 1) /
                            (float)(total + (int)t->ncand));
        if (fabsf(b[t->cand0 + k] - want) > 1e-5f)
            return 0;
    }
    return 1;
}

static int untouched(const rs_doc *d, const float *b, size_t i)
{
    const rs_tok *t = &d->tok[i];
    for (size_t k = 0; k < t->ncand; k++)
        if (b[t->cand0 + k] != 0)
            return 0;
    return 1;
}

/* 1 if text gets the prior on no word (runs 0, every candidate 0), its
 * mode being mode (or any, when -1). */
static int no_prior(sohoa_restorer *r, const char *text, int mode)
{
    rs_doc d;
    size_t runs;
    float *b = prior_of(r, text, &d, &runs);
    int ok = runs == 0 && (mode < 0 || d.mode == mode);
    for (size_t i = 0; i < d.ntok; i++)
        ok &= untouched(&d, b, i);
    free(b);
    rs_doc_free(&d);
    return ok;
}

/* 1 if text gets the prior on runs names, on the words with[0..n), and
 * on no other word. */
static int prior_on(sohoa_restorer *r, const char *text, size_t runs_want, const size_t *with,
                    size_t n)
{
    rs_doc d;
    size_t runs;
    float *b = prior_of(r, text, &d, &runs);
    int ok = runs == runs_want;
    for (size_t i = 0; i < d.ntok; i++) {
        int listed = 0;
        for (size_t k = 0; k < n; k++)
            listed |= with[k] == i;
        ok &= listed ? has_prior(&d, b, i) : untouched(&d, b, i);
    }
    free(b);
    rs_doc_free(&d);
    return ok;
}

TEST(prior_after_a_unit_word_and_before_a_date)
{
    sohoa_restorer *r = restorer(1);
    CHECK(r != NULL && rs_places_size(r->places) == 3);
    /* thôn is a village's unit word (not in the gazetteer): Dong Tra (1,
     * 2) after it; Hai (5) before ", ngay 15"; trà leads tra by log10(4/6)
     * against log10(1/6) with three candidates */
    const size_t with[3] = {1, 2, 5};
    CHECK(prior_on(r, "thon Dong Tra co tra\nHai, ngay 15", 2, with, 3));
    /* the gazetteer's unit words count too: xa (xã) before Dong Tra */
    const size_t after_xa[2] = {2, 3};
    CHECK(prior_on(r, "o xa Dong Tra", 1, after_xa, 2));
    /* a unit of three words (tổ dân phố) is a unit too */
    const size_t after_to[2] = {3, 4};
    CHECK(prior_on(r, "to dan pho Dong Tra", 1, after_to, 2));
}

/* Text that lost glyphs keeps marks on the letters left, but its names
 * are as unsure as unmarked ones: the prior applies ("nh", "ph": what
 * lost vowels leave). */
TEST(prior_in_text_that_lost_glyphs)
{
    sohoa_restorer *r = restorer(1);
    CHECK(r != NULL);
    rs_doc d;
    size_t runs;
    float *b = prior_of(r, "thôn Dong Tra có nh ph nh ph", &d, &runs);
    CHECK(d.mode == RS_MODE_CLEAN && d.lossy);
    CHECK_INT((long)runs, 1);
    CHECK(has_prior(&d, b, 1) && has_prior(&d, b, 2));
    free(b);
    rs_doc_free(&d);
}

TEST(no_prior_in_lower_case_in_marked_text_or_on_a_word_the_unit_makes)
{
    sohoa_restorer *r = restorer(1);
    CHECK(r != NULL);
    /* a name in lower case is prose; XÃ HỘI is the word xã hội */
    CHECK(no_prior(r, "thon dong tra. XA HOI", -1));
    /* text with its marks printed trusts them */
    CHECK(no_prior(r, "thôn Đông Tra có trà xanh", RS_MODE_CLEAN));
}

TEST(no_gazetteer_no_prior)
{
    sohoa_restorer *r = restorer(0);
    CHECK(r != NULL);
    CHECK(no_prior(r, "thon Dong Tra", -1));
    sohoa_restorer_free(R);
    R = NULL;
}
