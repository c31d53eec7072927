/* restore_many_forms.c — every form of a skeleton is a candidate, however
 * low the model's Kneser-Ney unigram ranks it. That unigram counts the words
 * a form follows, not how often it occurs, so the second syllable of a fixed
 * word ranks last among its skeleton's forms: here đắn, seen five times but
 * only after đúng, behind twenty forms of "dan" seen twice each after two
 * different words. A cut of the form list at 16 dropped it, and the
 * most-frequent-form baseline took the first of the list. */
#include "harness.h"
#include "restore_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sohoa/lm.h"
#include "sohoa/restore.h"

static const char *FORMS[] = {"dân", "dẫn", "đàn", "dần", "đan", "đạn", "dàn", "đặn", "dán", "đán",
                              "dặn", "dạn", "đản", "dấn", "đần", "dận", "dằn", "dãn", "đận", "dẩn"};

static sohoa_restorer *R;
static char dir[64];

static sohoa_restorer *restorer(void)
{
    if (R)
        return R;
    char corpus[4096] = "";
    for (size_t i = 0; i < sizeof FORMS / sizeof *FORMS; i++) {
        char line[128];
        snprintf(line, sizeof line, "một %s nữa .\nhai %s nữa .\n", FORMS[i], FORMS[i]);
        strcat(corpus, line);
    }
    for (int i = 0; i < 5; i++)
        strcat(corpus, "cách làm đúng đắn .\n");
    R = fx_restorer(dir, "sohoa-manyforms", corpus, 3, NULL);
    return R;
}

TEST(the_fixed_word_ranks_last_by_kneser_ney)
{
    CHECK(restorer() != NULL);
    char m[128];
    snprintf(m, sizeof m, "%s/sohoa.lm", dir);
    sohoa_lm *lm = NULL;
    sohoa_err err;
    CHECK_INT(sohoa_lm_open(m, &lm, &err), SOHOA_OK);
    const uint16_t *ids = NULL;
    size_t n = sohoa_lm_skeleton_forms(lm, "dan", 3, &ids);
    CHECK_INT((int)n, 21);
    CHECK_STR(sohoa_lm_word(lm, ids[n - 1]), "đắn");
    sohoa_lm_close(lm);
}

TEST(a_low_ranked_form_is_still_chosen_in_its_context)
{
    char *got = fx_restore(restorer(), NULL, "cach lam dung dan .");
    CHECK_STR(got, "cách làm đúng đắn .");
    free(got);
}

/* đắn is seen five times, every other form of "dan" twice: the most
 * frequent form, though Kneser-Ney ranks it last */
TEST(baseline_mfs_counts_occurrences_not_contexts)
{
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    o.baseline = 2;
    char *got = fx_restore(restorer(), &o, "dan");
    CHECK_STR(got, "đắn");
    free(got);
}

TEST(zz_cleanup)
{
    sohoa_restorer_free(R);
    R = NULL;
}
