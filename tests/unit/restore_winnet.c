/* restore_winnet.c — the window network (src/restore/win_net*.c) trained
 * on a tiny text where the context alone tells two forms apart: its shape
 * (rows, outputs), what it learnt (bàn after "mua", bán after "họ"), that
 * one text and one seed give the same file, the bonus of a document, and
 * the file checks. */
#include "harness.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "restore_fixture.h"
#include "sohoa/lm.h"
#include "sohoa/restore.h"
#include "sohoa/winnet.h"
#include "../../src/restore/restore_int.h"
#include "../../src/restore/skel_ctx.h"
#include "../../src/restore/win_net.h"

/* Skeleton "ban" has two forms: bàn (twice, after "mua") and bán (once,
 * after "họ"); every other skeleton has one form. Seven distinct tokens by
 * skeleton: tôi, mua, ban, gỗ, ".", họ, nhà. */
static const char *TRAIN =
    "tôi mua bàn gỗ .\n"
    "tôi mua bàn gỗ .\n"
    "họ bán nhà .\n";

static char dir[64];

static void path_of(char *p, size_t n, const char *name)
{
    snprintf(p, n, "%s/%s", dir, name);
}

/* DIR/sohoa.lm on TRAIN and the network DIR/NAME with seed. */
static int train_net(const char *name, unsigned seed)
{
    sohoa_lm *lm = fx_lm(dir);
    if (!lm)
        return -1;
    char t[256], w[256];
    path_of(t, sizeof t, "corpus.txt");
    path_of(w, sizeof w, name);
    sohoa_winnet_train_opts o;
    sohoa_winnet_train_opts_init(&o);
    o.hidden = 16;
    o.epochs = 60;
    o.rate = 0.1;
    o.min_count = 1;
    o.seed = seed;
    sohoa_err err;
    const char *tp[1] = {t};
    int rc = sohoa_winnet_train(tp, 1, lm, &o, w, NULL, &err);
    sohoa_lm_close(lm);
    return rc;
}

static int setup(void)
{
    fx_tmpdir(dir, "sohoa-winnet");
    return fx_train(dir, TRAIN, 3) == SOHOA_OK && train_net("sohoa.win", 1) == SOHOA_OK;
}

static void cleanup(void)
{
    const char *names[] = {"corpus.txt", "sohoa.lm", "sohoa.win", "again.win", "seed2.win",
                           "other.lm", "other.txt"};
    char p[256];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        path_of(p, sizeof p, names[i]);
        remove(p);
    }
    rmdir(dir);
}

static char *read_all(const char *name, size_t *len)
{
    char p[256];
    path_of(p, sizeof p, name);
    return fx_read_bytes(p, len);
}

/* The scores of bàn and bán in the window w (seven LM tokens; "<s>" and
 * "</s>" for the segment's bounds). */
static void scores(const rs_winnet *m, const sohoa_lm *lm, const char *const w[7], float *grave,
                   float *acute)
{
    uint32_t row[RS_WIN_POS];
    for (int k = 0; k < RS_WIN_POS; k++)
        row[k] = strcmp(w[k], "<s>") == 0    ? RS_WIN_BOS
                 : strcmp(w[k], "</s>") == 0 ? RS_WIN_EOS
                                             : rs_winnet_row(m, rs_skc_tok_hash(
                                                                    w[k], strlen(w[k]),
                                                                    strcmp(w[k], ".") != 0));
    float h[16];
    int ok1, ok2;
    rs_winnet_hidden(m, row, h);
    *grave = rs_winnet_score(m, h, sohoa_lm_id(lm, "bàn", strlen("bàn")), &ok1);
    *acute = rs_winnet_score(m, h, sohoa_lm_id(lm, "bán", strlen("bán")), &ok2);
    CHECK(ok1 && ok2);
}

TEST(winnet_shape_is_the_text_s_tokens_and_the_forms_of_ban)
{
    CHECK(setup());
    sohoa_lm *lm = fx_lm(dir);
    char p[256];
    path_of(p, sizeof p, "sohoa.win");
    sohoa_winnet_info in;
    sohoa_err err;
    CHECK_INT(sohoa_winnet_stat(p, lm, &in, &err), SOHOA_OK);
    CHECK_INT(in.hidden, 16);
    CHECK_INT(in.window, 3);
    CHECK_INT(in.rows, 7 + 3); /* the seven tokens, other, start, end */
    CHECK_INT(in.outputs, 2);  /* bàn and bán */
    sohoa_lm_close(lm);
    cleanup();
}

/* "mua ban" is bàn both times it is seen, "họ ban" bán: the network
 * learns it, past the prior (bàn twice as frequent), and a word of one
 * form gets no score. */
TEST(winnet_tells_the_forms_apart_by_their_context)
{
    CHECK(setup());
    sohoa_lm *lm = fx_lm(dir);
    rs_winnet *m = NULL;
    sohoa_err err;
    char p[256];
    path_of(p, sizeof p, "sohoa.win");
    CHECK(lm && rs_winnet_open(p, lm, &m, &err) == SOHOA_OK);
    const char *after_mua[7] = {"<s>", "tôi", "mua", "ban", "go", ".", "</s>"};
    const char *ho_ban[7] = {"<s>", "<s>", "ho", "ban", "nha", ".", "</s>"};
    float g, a;
    scores(m, lm, after_mua, &g, &a);
    CHECK(g > a + 0.5f);
    scores(m, lm, ho_ban, &g, &a);
    CHECK(a > g + 0.5f);
    float h[16];
    uint32_t row[RS_WIN_POS] = {RS_WIN_BOS, RS_WIN_BOS, RS_WIN_BOS, RS_WIN_OTHER,
                                RS_WIN_EOS, RS_WIN_EOS, RS_WIN_EOS};
    rs_winnet_hidden(m, row, h);
    int ok = 1;
    CHECK(rs_winnet_score(m, h, sohoa_lm_id(lm, "gỗ", strlen("gỗ")), &ok) == 0 && !ok);
    /* an unknown token's row is the shared one */
    CHECK_INT(rs_winnet_row(m, rs_skc_tok_hash("xe", 2, 1)), RS_WIN_OTHER);
    rs_winnet_close(m);
    sohoa_lm_close(lm);
    cleanup();
}

TEST(winnet_one_text_and_seed_give_one_file)
{
    CHECK(setup());
    CHECK_INT(train_net("again.win", 1), SOHOA_OK);
    CHECK_INT(train_net("seed2.win", 2), SOHOA_OK);
    size_t n1, n2, n3;
    char *a = read_all("sohoa.win", &n1), *b = read_all("again.win", &n2),
         *c = read_all("seed2.win", &n3);
    CHECK(a && b && c && n1 == n2 && n1 == n3);
    CHECK(memcmp(a, b, n1) == 0);
    CHECK(memcmp(a, c, n1) != 0); /* the seed is used */
    free(a);
    free(b);
    free(c);
    cleanup();
}

/* Each word on its own: weight 2, clamp 0.25, no vote. */
static const rs_winnet_use ALONE = {2.0f, 0.25f, 0, 300, 2};

/* The network's bonuses of d's candidates with use, added to bonus (the
 * tokens' window hashes made here, as the restorer makes them). */
static void add_bonus(const rs_doc *d, const rs_winnet *m, const rs_winnet_use *use,
                      float *bonus)
{
    uint64_t *hash = malloc((d->ntok ? d->ntok : 1) * sizeof *hash);
    rs_skc_doc_hashes(d, hash);
    rs_winnet_doc_bonus(d, m, hash, use, bonus);
    free(hash);
}

/* d built from text by r (defaults) and the network's bonuses with use,
 * in a new array. */
static float *doc_bonus(const sohoa_restorer *r, const char *text, const rs_winnet_use *use,
                        rs_doc *d)
{
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    rs_doc_build(d, r, &o, text, strlen(text), NULL, 0);
    float *bonus = calloc(d->ncand ? d->ncand : 1, sizeof *bonus);
    add_bonus(d, r->win, use, bonus);
    return bonus;
}

/* The bonus of "toi mua ban go .": bàn, the network's choice, gets 0 (the
 * best candidate's score is the reference), bán less, no lower than
 * weight × clamp; words of one reading get nothing, nor does "Ban". */
TEST(winnet_bonus_of_a_document)
{
    CHECK(setup());
    sohoa_err err;
    sohoa_restorer *r = NULL;
    CHECK(sohoa_restorer_open(dir, NULL, &r, &err) == SOHOA_OK);
    CHECK(r->win != NULL);
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    rs_doc d;
    float *bonus = doc_bonus(r, "toi mua ban go .", &ALONE, &d);
    int seen = 0;
    for (size_t i = 0; i < d.ntok; i++) {
        const rs_tok *t = &d.tok[i];
        for (size_t c = 0; c < t->ncand; c++) {
            const rs_cand *cd = &d.cand[t->cand0 + c];
            float b = bonus[t->cand0 + c];
            if (t->ncand < 2) {
                CHECK(b == 0.0f);
            } else if (cd->form && strcmp(cd->form, "bàn") == 0) {
                CHECK(b == 0.0f);
                seen++;
            } else if (cd->form && strcmp(cd->form, "bán") == 0) {
                CHECK(fabsf(b + 2.0f * 0.25f) < 1e-6f); /* clamped: it is far behind */
                seen++;
            }
        }
    }
    CHECK_INT(seen, 2);
    free(bonus);
    rs_doc_free(&d);
    /* a capitalised word (often a name, which the network has not learnt)
     * is left alone */
    bonus = doc_bonus(r, "toi mua Ban go .", &ALONE, &d);
    for (size_t k = 0; k < d.ncand; k++)
        CHECK(bonus[k] == 0.0f);
    free(bonus);
    rs_doc_free(&d);
    /* but a capital that only starts a sentence is no name: "Ban" after a
     * full stop is read, and bán clamped as above */
    bonus = doc_bonus(r, "toi mua ban go . Ban go .", &ALONE, &d);
    int capital_read = 0;
    for (size_t i = 0; i < d.ntok; i++)
        for (size_t c = 0; d.tok[i].upper == 1 && c < d.tok[i].ncand; c++)
            capital_read += bonus[d.tok[i].cand0 + c] != 0.0f;
    CHECK_INT(capital_read, 1);
    free(bonus);
    rs_doc_free(&d);
    /* switched off, the restorer gives what it gives without the file */
    sohoa_restore_opts off;
    sohoa_restore_opts_init(&off);
    off.disable = SOHOA_RESTORE_NO_WINNET;
    char *with_off = fx_restore(r, &off, "ho ban nha .\n");
    CHECK(with_off != NULL);
    sohoa_restorer_free(r);
    char p[256];
    path_of(p, sizeof p, "sohoa.win");
    remove(p);
    CHECK(sohoa_restorer_open(dir, NULL, &r, &err) == SOHOA_OK);
    char *without = fx_restore(r, &o, "ho ban nha .\n");
    CHECK(without && with_off && strcmp(with_off, without) == 0);
    free(with_off);
    free(without);
    sohoa_restorer_free(r);
    cleanup();
}

/* The verdicts (bonus / weight) on bàn and bán of each "ban" of d, in text
 * order, and their token indices; how many. */
static int ban_verdicts(const rs_doc *d, const float *bonus, float weight, float v[][2],
                        size_t *at)
{
    int n = 0;
    for (size_t i = 0; i < d->ntok && n < 3; i++) {
        const rs_tok *t = &d->tok[i];
        if (t->kind != RS_WORD || t->ncand < 2)
            continue;
        for (size_t c = 0; c < t->ncand; c++) {
            const char *f = d->cand[t->cand0 + c].form;
            if (f && strcmp(f, "bàn") == 0)
                v[n][0] = bonus[t->cand0 + c] / weight;
            if (f && strcmp(f, "bán") == 0)
                v[n][1] = bonus[t->cand0 + c] / weight;
        }
        at[n++] = i;
    }
    return n;
}

/* Three "ban", four tokens apart then five: with a reach of 5 tokens only
 * the middle one has two others near (the first and the last are nine
 * apart), and its bonus gains vote × (the mean of their verdicts on each
 * form less the best such mean); the other two keep their own. The middle
 * one follows "họ" (bán), the others "mua" (bàn): the vote leans to bàn. */
TEST(winnet_neighbours_vote_on_a_repeated_skeleton)
{
    CHECK(setup());
    sohoa_err err;
    sohoa_restorer *r = NULL;
    CHECK(sohoa_restorer_open(dir, NULL, &r, &err) == SOHOA_OK);
    const char *text = "toi mua ban go . ho ban nha . toi mua ban go .";
    rs_doc d;
    float *alone = doc_bonus(r, text, &ALONE, &d);
    float *voted = calloc(d.ncand, sizeof *voted);
    const rs_winnet_use VOTE = {2.0f, 0.25f, 1.0f, 5, 2};
    add_bonus(&d, r->win, &VOTE, voted);
    float a[3][2], b[3][2];
    size_t at[3];
    CHECK_INT(ban_verdicts(&d, alone, 1.0f, a, at), 3);
    CHECK(at[1] - at[0] == 4 && at[2] - at[1] == 5);
    CHECK_INT(ban_verdicts(&d, voted, 1.0f, b, at), 3);
    for (int k = 0; k < 2; k++) {
        CHECK(b[0][k] == a[0][k]);
        CHECK(b[2][k] == a[2][k]);
    }
    /* own verdicts are bonus / weight; the others' mean, per form */
    float mean[2], best;
    for (int k = 0; k < 2; k++)
        mean[k] = (a[0][k] + a[2][k]) / 2 / 2.0f;
    best = mean[0] > mean[1] ? mean[0] : mean[1];
    for (int k = 0; k < 2; k++)
        CHECK(fabsf(b[1][k] - (a[1][k] + 1.0f * (mean[k] - best))) < 1e-5f);
    /* the vote is not a zero: the neighbours read bàn */
    CHECK(mean[0] > mean[1]);
    free(alone);
    free(voted);
    rs_doc_free(&d);
    sohoa_restorer_free(r);
    cleanup();
}

/* Where the network is read: stripped text at full weight when the domain
 * model explains none of it, half at half, none in administrative prose;
 * garble at full weight whatever the share; text with sound marks never.
 * The vote goes with the weight. */
TEST(winnet_use_by_mode_and_domain)
{
    rs_winnet_use u;
    rs_winnet_use_for(RS_MODE_STRIPPED, 0, &u);
    float full = u.weight;
    CHECK(full > 0 && u.vote == 2 * full && u.clamp > 0 && u.reach > 0);
    rs_winnet_use_for(RS_MODE_STRIPPED, 0.5f, &u);
    CHECK(fabsf(u.weight - full / 2) < 1e-6f && fabsf(u.vote - full) < 1e-6f);
    rs_winnet_use_for(RS_MODE_STRIPPED, 1, &u);
    CHECK(u.weight == 0 && u.vote == 0);
    rs_winnet_use_for(RS_MODE_STRIPPED, 0.99f, &u); /* under the cut: off */
    CHECK(u.weight == 0);
    rs_winnet_use_for(RS_MODE_GARBLE, 1, &u);
    CHECK(u.weight == full);
    rs_winnet_use_for(RS_MODE_CLEAN, 0, &u);
    CHECK(u.weight == 0);
}

TEST(winnet_corrupt_truncated_or_foreign_file_is_an_error_naming_it)
{
    CHECK(setup());
    sohoa_winnet_info in;
    sohoa_err err;
    char p[256], other[256];
    path_of(p, sizeof p, "sohoa.win");
    /* a model of another vocabulary */
    path_of(other, sizeof other, "other.txt");
    fx_write(other, "một câu khác hẳn .\n");
    sohoa_lm_train_opts lo;
    sohoa_lm_train_opts_init(&lo);
    lo.vocab_min = 1;
    const char *op[1] = {other};
    char olm[256];
    path_of(olm, sizeof olm, "other.lm");
    CHECK_INT(sohoa_lm_train(op, 1, &lo, olm, NULL, &err), SOHOA_OK);
    sohoa_lm *lm2 = NULL;
    CHECK_INT(sohoa_lm_open(olm, &lm2, &err), SOHOA_OK);
    CHECK_INT(sohoa_winnet_stat(p, lm2, &in, &err), SOHOA_EFORMAT);
    CHECK(strstr(err.msg, "sohoa.win") && strstr(err.msg, "vocabulary"));
    sohoa_lm_close(lm2);
    sohoa_lm *lm = fx_lm(dir);
    size_t len;
    char *good = fx_read_bytes(p, &len);
    CHECK(good != NULL);
    /* a flipped byte after the header */
    fx_damage(p, len - 3, 0x40, (size_t)-1);
    CHECK_INT(sohoa_winnet_stat(p, lm, &in, &err), SOHOA_EFORMAT);
    CHECK(strstr(err.msg, "sohoa.win") && strstr(err.msg, "checksum"));
    /* truncated */
    fx_write_bytes(p, good, len);
    fx_damage(p, (size_t)-1, 0, len - 8);
    CHECK_INT(sohoa_winnet_stat(p, lm, &in, &err), SOHOA_EFORMAT);
    CHECK(strstr(err.msg, "sohoa.win") && strstr(err.msg, "truncated"));
    /* not a model at all */
    fx_write_bytes(p, "hello", 5);
    CHECK_INT(sohoa_winnet_stat(p, lm, &in, &err), SOHOA_EFORMAT);
    CHECK(strstr(err.msg, "sohoa.win"));
    sohoa_lm_close(lm);
    /* in the models directory, a corrupt file stops the restorer */
    sohoa_restorer *r = NULL;
    CHECK(sohoa_restorer_open(dir, NULL, &r, &err) == SOHOA_EFORMAT);
    CHECK(r == NULL && strstr(err.msg, "sohoa.win"));
    free(good);
    cleanup();
}

TEST(winnet_bad_options_are_refused)
{
    fx_tmpdir(dir, "sohoa-winnet");
    CHECK_INT(fx_train(dir, TRAIN, 3), SOHOA_OK);
    sohoa_lm *lm = fx_lm(dir);
    char t[256], w[256];
    path_of(t, sizeof t, "corpus.txt");
    path_of(w, sizeof w, "sohoa.win");
    const char *tp[1] = {t};
    sohoa_err err;
    sohoa_winnet_train_opts o;
    sohoa_winnet_train_opts_init(&o);
    o.hidden = 24; /* not a multiple of 16 */
    CHECK_INT(sohoa_winnet_train(tp, 1, lm, &o, w, NULL, &err), SOHOA_EINVAL);
    sohoa_winnet_train_opts_init(&o);
    o.rate = 0;
    CHECK_INT(sohoa_winnet_train(tp, 1, lm, &o, w, NULL, &err), SOHOA_EINVAL);
    CHECK(access(w, F_OK) != 0); /* nothing written */
    sohoa_lm_close(lm);
    cleanup();
}

