/* restore_channel.c — the learned OCR channel table (channel_table.c) and
 * its use by the channel (channel.c): readings scored from the counts, best
 * first; learned character costs replacing the hand-written ones; a missing
 * table falls back to the hand model; damaged tables are refused with the
 * path. A tiny model and tables written here, expectations worked by hand. */
#include "harness.h"
#include "restore_fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "../../src/restore/restore_int.h"
#include "sohoa/lm.h"
#include "sohoa/restore.h"

static char dir[64];

static const char *CORPUS = "thực hiện nhiệm vụ .\n"
                            "thủ tục hành chính .\n"
                            "nhà nước và nhân dân .\n"
                            "thực hiện thủ tục .\n";

/* A directory with a tiny model (once), path of a file in it into p. */
static const char *model_dir(void)
{
    if (dir[0])
        return dir;
    fx_tmpdir(dir, "sohoa-chan");
    if (fx_train(dir, CORPUS, 3) != SOHOA_OK)
        abort();
    return dir;
}

static sohoa_lm *open_lm(void)
{
    sohoa_lm *lm = fx_lm(model_dir());
    if (!lm)
        abort();
    return lm;
}

static char *table_path(const char *name)
{
    static char p[160];
    snprintf(p, sizeof p, "%s/%s", model_dir(), name);
    return p;
}

/* thy was read for thực 6 times of 10 and for thủ 2 times of 40:
 * log10(6/10) + 0.3 = 0.08 → capped at 0; log10(2/40) + 0.3 = -1.0.
 * "thy thuc 1" is below the minimum count of 2 and is ignored; "tok xyz
 * qqq 5": qqq is no word of the model and is dropped. */
static const char *TABLE = "sohoa-channel\t1\n"
                           "tok\tthy\tthủ\t2\n"
                           "tok\tthy\tthực\t6\n"
                           "tok\tthy\tthuc\t1\n"
                           "tok\txyz\tqqq\t5\n"
                           "syl\tthực\t10\n"
                           "syl\tthủ\t40\n"
                           "sub\tk\th\t0.150\n"
                           "del\t'\t0.100\n"
                           "pair\trn\tm\t0.200\n"
                           "end\t9\n";

TEST(table_readings_best_first)
{
    sohoa_lm *lm = open_lm();
    fx_write(table_path("t1.tsv"), TABLE);
    rs_chan_table *t = NULL;
    sohoa_err err;
    CHECK(rs_chan_table_load(table_path("t1.tsv"), lm, &t, &err) == SOHOA_OK);
    CHECK(t != NULL);
    CHECK(rs_chan_table_size(t) == 1); /* thy only: xyz's syllable is unknown */
    const rs_chan_reading *rd;
    size_t n = rs_chan_table_readings(t, "thy", 3, &rd);
    CHECK(n == 2);
    CHECK_STR(sohoa_lm_word(lm, rd[0].id), "thực");
    CHECK(rd[0].score == 0);
    CHECK(rd[0].count == 6);
    CHECK_STR(sohoa_lm_word(lm, rd[1].id), "thủ");
    CHECK(fabsf(rd[1].score - (-1.0f)) < 0.01f);
    CHECK(rs_chan_table_readings(t, "thu", 3, &rd) == 0);
    const rs_chan_costs *c = rs_chan_table_costs(t);
    CHECK(fabsf(c->sub['k']['h'] - 0.15f) < 1e-4f);
    CHECK(c->sub['h']['k'] < 0); /* not learned */
    CHECK(fabsf(c->del['\''] - 0.1f) < 1e-4f);
    CHECK(c->npair == 1 && c->pair_any['r']['n'] && c->pair[0].s == 'm');
    rs_chan_table_free(t);
    sohoa_lm_close(lm);
}

TEST(missing_table_is_the_hand_model)
{
    sohoa_lm *lm = open_lm();
    rs_chan_table *t = (rs_chan_table *)1;
    sohoa_err err;
    CHECK(rs_chan_table_load(table_path("none.tsv"), lm, &t, &err) == SOHOA_OK);
    CHECK(t == NULL);
    CHECK(rs_chan_table_costs(NULL) == NULL);
    const rs_chan_reading *rd;
    CHECK(rs_chan_table_readings(NULL, "thy", 3, &rd) == 0);
    sohoa_lm_close(lm);
}

/* Each damaged table is refused with its path and a reason. */
static int refused(const char *text, const char *why)
{
    sohoa_lm *lm = open_lm();
    fx_write(table_path("bad.tsv"), text);
    rs_chan_table *t = NULL;
    sohoa_err err;
    int rc = rs_chan_table_load(table_path("bad.tsv"), lm, &t, &err);
    sohoa_lm_close(lm);
    return rc == SOHOA_EFORMAT && t == NULL && strstr(err.msg, table_path("bad.tsv")) &&
           strstr(err.msg, why);
}

TEST(damaged_tables_are_refused)
{
    CHECK(refused("sohoa-lm\t1\nend\t0\n", "not a sohoa channel table"));
    CHECK(refused("sohoa-channel\t1\nsyl\tthực\t10\n", "no end record"));
    CHECK(refused("sohoa-channel\t1\nsyl\tthực\t10\nend\t2\n", "record count"));
    CHECK(refused("sohoa-channel\t1\nsyl\tthực\t10\nend\t1", "truncated"));
    CHECK(refused("sohoa-channel\t1\nsub\tk\th\t-3\nend\t1\n", "line 2"));
    CHECK(refused("sohoa-channel\t1\nsub\tkk\th\t0.5\nend\t1\n", "not a record"));
    CHECK(refused("sohoa-channel\t1\ntok\tthy\tthực\tmany\nend\t1\n", "count"));
    CHECK(refused("sohoa-channel\t1\nsyl\tth\xff\t3\nend\t1\n", "invalid UTF-8 at byte 22"));
    CHECK(refused("sohoa-channel\t1\nend\t0\nsyl\tthực\t10\n", "after the end"));
}

/* The learned table's path in the test model's directory. */
static const char *table_file(void)
{
    static char p[160];
    snprintf(p, sizeof p, "%s/channel.tsv", model_dir());
    return p;
}

/* A restorer on the test model with the learned table `table` (none if
 * NULL: the hand channel alone) and no dictionaries; NULL if it cannot be
 * opened. */
static sohoa_restorer *open_with_table(const char *table)
{
    if (table)
        fx_write(table_file(), table);
    else
        remove(table_file());
    sohoa_restorer *r = NULL;
    sohoa_err err;
    if (sohoa_restorer_open(model_dir(), table_path("nodict"), &r, &err) != SOHOA_OK)
        return NULL;
    return r;
}

/* The restorer loads models/channel.tsv; a damaged one stops it. */
TEST(restorer_loads_and_refuses_the_table)
{
    char p[160];
    snprintf(p, sizeof p, "%s/channel.tsv", model_dir());
    fx_write(p, "sohoa-channel\t1\nsyl\tthực\t10\n");
    sohoa_restorer *r = NULL;
    sohoa_err err;
    CHECK(sohoa_restorer_open(model_dir(), table_path("nodict"), &r, &err) == SOHOA_EFORMAT);
    CHECK(r == NULL);
    CHECK(strstr(err.msg, p) != NULL);
    r = open_with_table(TABLE);
    CHECK(r != NULL);
    CHECK(r->chan != NULL);
    sohoa_restorer_free(r);
    remove(p);
    CHECK(sohoa_restorer_open(model_dir(), table_path("nodict"), &r, &err) == SOHOA_OK);
    CHECK(r->chan == NULL);
    sohoa_restorer_free(r);
}

/* The index of the candidate of d spelling form among the first n, or -1. */
static long find_form(const rs_doc *d, size_t n, const char *form)
{
    for (size_t i = 0; i < n; i++)
        if (d->cand[i].form && strcmp(d->cand[i].form, form) == 0)
            return (long)i;
    return -1;
}

/* A zeroed document of mode (lossy or not) holding the candidates of the
 * word s (a valid syllable or not); free with free_cands. */
static void word_cands(rs_doc *d, sohoa_restorer *r, int mode, int lossy, const char *s,
                       int valid)
{
    memset(d, 0, sizeof *d);
    d->mode = mode;
    d->lossy = lossy;
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    rs_make_candidates(d, r, &o, s, strlen(s), s, strlen(s), valid, 0);
}

static void free_cands(rs_doc *d)
{
    rs_channel_memo_free(d);
    rs_doc_free(d);
}

/* The chan score the channel gives form for obs (garble mode), or NAN. */
static float chan_of(sohoa_restorer *r, const char *obs, const char *form, size_t *order)
{
    rs_doc d;
    memset(&d, 0, sizeof d);
    d.mode = RS_MODE_GARBLE;
    size_t n = rs_channel_candidates(&d, r, obs, strlen(obs), 1.6f);
    long i = find_form(&d, n, form);
    float v = i >= 0 ? d.cand[i].chan : NAN;
    if (i >= 0 && order)
        *order = (size_t)i;
    free_cands(&d);
    return v;
}

TEST(channel_uses_the_table)
{
    sohoa_restorer *r = open_with_table(NULL);
    CHECK(r != NULL);
    /* hand model, garble weight 2.1 per unit: k for h is a plain
     * substitution (cost 1.0 → -2.1), à marked: -0.3 more */
    CHECK(fabsf(chan_of(r, "nkà", "nhà", NULL) - (-2.4f)) < 0.01f);
    /* thy → thủ: y for u costs 0.4 → -0.84; thực needs one more letter */
    size_t at_thu = 99, at_thuc = 99;
    CHECK(fabsf(chan_of(r, "thy", "thủ", &at_thu) - (-0.84f)) < 0.01f);
    float hand_thuc = chan_of(r, "thy", "thực", &at_thuc);
    CHECK(!isnan(hand_thuc) && hand_thuc < -0.84f);
    /* nuyc → nước: y for o (bộ printed "by") costs 0.7 → -1.47, less than
     * a plain substitution */
    CHECK(fabsf(chan_of(r, "nuyc", "nước", NULL) - (-1.47f)) < 0.01f);
    /* thli, thll → thủ: u's two stems printed as li or ll cost 0.4 → -0.84,
     * as ii does */
    CHECK(fabsf(chan_of(r, "thli", "thủ", NULL) - (-0.84f)) < 0.01f);
    CHECK(fabsf(chan_of(r, "thll", "thủ", NULL) - (-0.84f)) < 0.01f);
    CHECK(fabsf(chan_of(r, "thii", "thủ", NULL) - (-0.63f)) < 0.01f);
    /* hi&n → hiện: & for a marked e (Đề printed P&) costs 0.6 → -1.26 */
    CHECK(fabsf(chan_of(r, "hi&n", "hiện", NULL) - (-1.26f)) < 0.01f);
    sohoa_restorer_free(r);

    r = open_with_table(TABLE);
    CHECK(r != NULL);
    /* learned: k for h costs 0.15 log10 */
    CHECK(fabsf(chan_of(r, "nkà", "nhà", NULL) - (-0.45f)) < 0.01f);
    /* the table's readings of thy come first, thực best */
    at_thu = at_thuc = 99;
    CHECK(chan_of(r, "thy", "thực", &at_thuc) == 0);
    CHECK(at_thuc == 0);
    /* thủ: table -1.0, the edit model's -0.84 is better and is kept */
    CHECK(fabsf(chan_of(r, "thy", "thủ", &at_thu) - (-0.84f)) < 0.01f);
    CHECK(at_thu == 1);
    sohoa_restorer_free(r);
    remove(table_file());
}

/* A second table for what the table knows of a pair: vy was read for vụ 4
 * times of 10 (log10(4/10) + 0.3 = -0.10); và was printed 200 times and
 * never read as vy, so vy for và is bounded by -log10(201) + 0.3 = -2.00;
 * nhà was printed only 3 times (below the minimum of 5 prints): no bound.
 * thu was read for thủ 8 times of 40: log10(8/40) + 0.3 = -0.40. */
static const char *TABLE2 = "sohoa-channel\t1\n"
                            "tok\tvy\tvụ\t4\n"
                            "tok\tthu\tthủ\t8\n"
                            "syl\tvụ\t10\n"
                            "syl\tvà\t200\n"
                            "syl\tnhà\t3\n"
                            "syl\tthủ\t40\n"
                            "end\t6\n";

TEST(table_score_reading_bound_or_nothing)
{
    sohoa_lm *lm = open_lm();
    fx_write(table_path("t2.tsv"), TABLE2);
    rs_chan_table *t = NULL;
    sohoa_err err;
    CHECK(rs_chan_table_load(table_path("t2.tsv"), lm, &t, &err) == SOHOA_OK);
    float s = 99;
    CHECK(rs_chan_table_score(t, "vy", 2, sohoa_lm_id(lm, "vụ", strlen("vụ")), &s) == 1);
    CHECK(fabsf(s - (-0.098f)) < 0.01f);
    s = 99;
    CHECK(rs_chan_table_score(t, "vy", 2, sohoa_lm_id(lm, "và", strlen("và")), &s) == 2);
    CHECK(fabsf(s - (-2.003f)) < 0.01f);
    s = 99;
    CHECK(rs_chan_table_score(t, "vy", 2, sohoa_lm_id(lm, "nhà", strlen("nhà")), &s) == 0);
    CHECK(s == 99);
    /* a core the table never saw: nothing known, whatever the syllable */
    CHECK(rs_chan_table_score(t, "vz", 2, sohoa_lm_id(lm, "và", strlen("và")), &s) == 0);
    CHECK(rs_chan_table_score(NULL, "vy", 2, sohoa_lm_id(lm, "và", strlen("và")), &s) == 0);
    rs_chan_table_free(t);
    sohoa_lm_close(lm);
}

TEST(garble_scores_by_the_table)
{
    sohoa_restorer *r = open_with_table(NULL);
    CHECK(r != NULL);
    uint16_t thu = sohoa_lm_id(r->lm, "thủ", strlen("thủ"));
    uint16_t va = sohoa_lm_id(r->lm, "và", strlen("và"));
    /* hand model: an unmarked core says nothing of the marks in garble */
    CHECK(rs_channel_same_skeleton(r, RS_MODE_GARBLE, "thu", 3, thu, "thủ") == 0);
    /* vy for và: y for a is a plain substitution, 1.0 → -2.1 */
    CHECK(fabsf(chan_of(r, "vy", "và", NULL) - (-2.1f)) < 0.01f);
    sohoa_restorer_free(r);

    r = open_with_table(TABLE2);
    CHECK(r != NULL);
    /* the table's reading of thu as thủ */
    CHECK(fabsf(rs_channel_same_skeleton(r, RS_MODE_GARBLE, "thu", 3, thu, "thủ") - (-0.4f)) <
          0.01f);
    /* clean text and stripped text keep the hand model */
    CHECK(rs_channel_same_skeleton(r, RS_MODE_CLEAN, "thu", 3, thu, "thủ") == -1.0f);
    CHECK(rs_channel_same_skeleton(r, RS_MODE_STRIPPED, "thu", 3, thu, "thủ") == 0);
    /* a core the table never saw keeps the hand model */
    CHECK(rs_channel_same_skeleton(r, RS_MODE_GARBLE, "va", 2, va, "và") == 0);
    /* vy was never read for và in 200 prints: the bound 1.5 × -2.00 = -3.0
     * is under the hand model's -2.1, and mixed with it at a share of 0.1
     * (other fonts misread what the table never saw):
     * log10(0.9 × 10^-3.0 + 0.1 × 10^-2.1) = log10(0.000900 + 0.000794)
     * = -2.77 */
    CHECK(fabsf(chan_of(r, "vy", "và", NULL) - (-2.77f)) < 0.02f);
    /* vy for vụ: the table's -0.10 beats the edit model's -0.84 */
    CHECK(fabsf(chan_of(r, "vy", "vụ", NULL) - (-0.098f)) < 0.01f);
    sohoa_restorer_free(r);
    remove(table_file());
}

/* The candidates of core s in mode (a zeroed document), and the chan score
 * of the printed string kept as it is (NAN when it is no candidate). */
static size_t cands_of(sohoa_restorer *r, int mode, const char *s, float *kept)
{
    rs_doc d;
    word_cands(&d, r, mode, 0, s, 1);
    long i = find_form(&d, d.ncand, s);
    *kept = i >= 0 ? d.cand[i].chan : NAN;
    size_t n = d.ncand;
    free_cands(&d);
    return n;
}

/* khéng is a well-formed syllable the model does not know. In clean text it
 * stays possible as printed at no channel cost; in garble an English OCR
 * rarely prints a Vietnamese syllable as it is: keeping it costs -1.0, and
 * -2.5 more as an unknown word. */
TEST(garble_keeps_an_unknown_syllable_at_a_cost)
{
    sohoa_restorer *r = open_with_table(NULL);
    CHECK(r != NULL);
    float kept;
    CHECK(cands_of(r, RS_MODE_CLEAN, "khéng", &kept) == 1);
    CHECK(kept == 0);
    CHECK(cands_of(r, RS_MODE_GARBLE, "khéng", &kept) >= 1);
    CHECK(fabsf(kept - (-3.5f)) < 0.01f);
    sohoa_restorer_free(r);
}

/* In garble, an edit candidate costs 0.8 more when the printed core is a
 * valid syllable whose skeleton the model knows (vu: vụ), than when it is
 * not (vy: valid, but no word of the model has its skeleton). Both are
 * one substitution from "va" (hand cost 1.0, -2.1 in log10 in garble). */
TEST(garble_edits_of_a_printed_syllable_cost_more)
{
    sohoa_restorer *r = open_with_table(NULL);
    CHECK(r != NULL);
    float from_vu = chan_of(r, "vu", "và", NULL), from_vy = chan_of(r, "vy", "và", NULL);
    CHECK(fabsf(from_vy - (-2.1f)) < 0.01f);
    CHECK(fabsf(from_vu - (-2.9f)) < 0.01f);
    sohoa_restorer_free(r);
}

/* Whether the candidates of the string s, no syllable (valid = 0), in a
 * zeroed document of mode (lossy or not) include the form want. */
static int offers(sohoa_restorer *r, int mode, int lossy, const char *s, const char *want)
{
    rs_doc d;
    word_cands(&d, r, mode, lossy, s, 0);
    int found = find_form(&d, d.ncand, want) >= 0;
    free_cands(&d);
    return found;
}

/* "thucc" is no syllable; one letter away is thuc, whose form thực the
 * model knows. Clean text, garble and text that lost glyphs may hold
 * misread letters: the channel offers thực. Text typed without marks has
 * none: the string is a foreign word, a name or its writer's typo, and
 * gets no channel candidate (it stays as printed). */
TEST(stripped_text_keeps_a_non_syllable_as_printed)
{
    sohoa_restorer *r = open_with_table(NULL);
    CHECK(r != NULL);
    CHECK(offers(r, RS_MODE_CLEAN, 0, "thucc", "thực"));
    CHECK(offers(r, RS_MODE_GARBLE, 0, "thucc", "thực"));
    CHECK(offers(r, RS_MODE_STRIPPED, 1, "thucc", "thực"));
    CHECK(!offers(r, RS_MODE_STRIPPED, 0, "thucc", "thực"));
    sohoa_restorer_free(r);
}
