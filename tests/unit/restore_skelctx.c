/* restore_skelctx.c — the skeleton-context model (src/restore/skel_ctx*.c):
 * the contexts counted from a tiny training text, the scores computed by
 * hand from those counts, the per-candidate bonus of a document, and the
 * file checks (corrupt, truncated, trained with another LM, missing). */
#include "harness.h"
#include "restore_fixture.h"
#include "serial_sum.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sohoa/lm.h"
#include "sohoa/restore.h"
#include "sohoa/skelctx.h"
#include "../../src/restore/restore_int.h"
#include "../../src/restore/skel_ctx.h"

/* Skeleton "ban" has three forms here: bàn (twice), bán, ban; every other
 * skeleton has one form, so only the four "ban" positions are counted. */
static const char *TRAIN =
    "tôi mua bàn gỗ .\n"
    "tôi mua bàn gỗ .\n"
    "tôi bán nhà .\n"
    "ủy ban nhân dân .\n";
static const char *OTHER = "một câu khác hẳn .\n";

static char dir[64];

static void path_of(char *p, size_t n, const char *name)
{
    snprintf(p, n, "%s/%s", dir, name);
}

static void write_file(const char *name, const char *text, size_t len)
{
    char p[256];
    path_of(p, sizeof p, name);
    fx_write_bytes(p, text, len);
}

/* sohoa.lm on TRAIN, other.lm on OTHER, sohoa.skc on TRAIN (min_count). */
static int setup(unsigned min_count)
{
    snprintf(dir, sizeof dir, "/tmp/sohoa-skc-XXXXXX");
    if (!mkdtemp(dir))
        return 0;
    write_file("train.txt", TRAIN, strlen(TRAIN));
    write_file("other.txt", OTHER, strlen(OTHER));
    char t[256], o[256], lmp[256], op[256], sk[256];
    path_of(t, sizeof t, "train.txt");
    path_of(o, sizeof o, "other.txt");
    path_of(lmp, sizeof lmp, "sohoa.lm");
    path_of(op, sizeof op, "other.lm");
    path_of(sk, sizeof sk, "sohoa.skc");
    sohoa_lm_train_opts lo;
    sohoa_lm_train_opts_init(&lo);
    lo.order = 3;
    lo.vocab_min = 1;
    sohoa_err err;
    const char *tp[1] = {t}, *opaths[1] = {o};
    if (sohoa_lm_train(tp, 1, &lo, lmp, NULL, &err) != SOHOA_OK ||
        sohoa_lm_train(opaths, 1, &lo, op, NULL, &err) != SOHOA_OK)
        return 0;
    sohoa_lm *lm;
    if (sohoa_lm_open(lmp, &lm, &err) != SOHOA_OK)
        return 0;
    sohoa_skelctx_train_opts so;
    sohoa_skelctx_train_opts_init(&so);
    so.min_count = min_count;
    int rc = sohoa_skelctx_train(tp, 1, lm, &so, sk, NULL, &err);
    sohoa_lm_close(lm);
    return rc == SOHOA_OK;
}

static void cleanup(void)
{
    const char *names[] = {"train.txt", "other.txt", "sohoa.lm", "other.lm", "sohoa.skc"};
    char p[256];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        path_of(p, sizeof p, names[i]);
        remove(p);
    }
    rmdir(dir);
}

static sohoa_lm *open_lm(const char *name)
{
    char p[256];
    path_of(p, sizeof p, name);
    sohoa_lm *lm = NULL;
    sohoa_err err;
    if (sohoa_lm_open(p, &lm, &err) != SOHOA_OK)
        return NULL;
    return lm;
}

static int stat_model(sohoa_skelctx_info *in, const char *lm_name, sohoa_err *err)
{
    sohoa_lm *lm = open_lm(lm_name);
    if (!lm)
        return -1;
    char p[256];
    path_of(p, sizeof p, "sohoa.skc");
    int rc = sohoa_skelctx_stat(p, lm, in, err);
    sohoa_lm_close(lm);
    return rc;
}

/* The window of three tokens (LM forms; "<s>"/"</s>" for the bounds). */
static void window(const char *const w[3], uint64_t win[3])
{
    for (int k = 0; k < 3; k++) {
        if (strcmp(w[k], "<s>") == 0)
            win[k] = rs_skc_bos();
        else if (strcmp(w[k], "</s>") == 0)
            win[k] = rs_skc_eos();
        else
            win[k] = rs_skc_tok_hash(w[k], strlen(w[k]), strcmp(w[k], ".") != 0);
    }
}

TEST(skelctx_counts_every_context_of_an_ambiguous_skeleton)
{
    CHECK(setup(1));
    sohoa_skelctx_info in;
    sohoa_err err;
    CHECK_INT(stat_model(&in, "sohoa.lm", &err), SOHOA_OK);
    /* one skeleton; left pairs (mua,ban) (toi,ban) (uy,ban); right pairs
     * (ban,go) (ban,nha) (ban,nhan); three distinct windows of three */
    CHECK_INT(in.contexts[0], 1);
    CHECK_INT(in.contexts[1], 3);
    CHECK_INT(in.contexts[2], 3);
    CHECK_INT(in.contexts[3], 3);
    /* the skeleton's own list: bàn 2, then bán 1 and ban 1 */
    sohoa_lm *lm = open_lm("sohoa.lm");
    rs_skelctx *m = NULL;
    char p[256];
    path_of(p, sizeof p, "sohoa.skc");
    CHECK(lm && rs_skc_open(p, lm, &m, &err) == SOHOA_OK);
    const char *w[3] = {"mua", "ban", "gỗ"};
    uint64_t win[3];
    window(w, win);
    rs_skc_list l;
    CHECK(rs_skc_find(m, rs_skc_key(RS_SKC_U, win), &l));
    CHECK_INT(l.n, 3);
    CHECK_INT(l.total, 4);
    CHECK_INT(l.pair[0], sohoa_lm_id(lm, "bàn", strlen("bàn")));
    CHECK_INT(l.pair[1], 2);
    CHECK(rs_skc_find(m, rs_skc_key(RS_SKC_W3, win), &l));
    CHECK_INT(l.n, 1);
    CHECK_INT(l.total, 2);
    /* the four keys of a window at once are the ones asked one by one,
     * each pattern's its own (the restorer asks them so) */
    uint64_t keys[RS_SKC_NPAT];
    rs_skc_keys(win, keys);
    for (int pat = 0; pat < RS_SKC_NPAT; pat++) {
        CHECK(keys[pat] == rs_skc_key(pat, win));
        CHECK(pat == 0 || keys[pat] != keys[pat - 1]);
    }
    rs_skc_close(m);
    sohoa_lm_close(lm);
    cleanup();
}

TEST(skelctx_min_count_prunes_contexts_seen_once)
{
    CHECK(setup(2));
    sohoa_skelctx_info in;
    sohoa_err err;
    CHECK_INT(stat_model(&in, "sohoa.lm", &err), SOHOA_OK);
    /* only the contexts of "tôi mua bàn gỗ ." (seen twice) stay, and the
     * skeleton's own list, which is never pruned */
    for (int p = 0; p < SOHOA_SKELCTX_PATTERNS; p++)
        CHECK_INT(in.contexts[p], 1);
    cleanup();
}

/* Scores computed by hand from the counts above (B = 1, add-half):
 * P_U(bàn) = 2.5/6; L2 = R2 = (2 + P_U)/3 = 0.805556; W3 = (2 + L2)/3
 * = 0.935185 → log10(0.935185 / 0.416667) = 0.351110.
 * P_U(bán) = 1.5/6; L2 = R2 = P_U/3; W3 = L2/3 → log10(1/9). */
TEST(skelctx_score_by_hand)
{
    CHECK(setup(1));
    sohoa_lm *lm = open_lm("sohoa.lm");
    rs_skelctx *m = NULL;
    sohoa_err err;
    char p[256];
    path_of(p, sizeof p, "sohoa.skc");
    CHECK(lm && rs_skc_open(p, lm, &m, &err) == SOHOA_OK);
    const char *w[3] = {"mua", "ban", "go"};
    uint64_t win[3];
    window(w, win);
    uint16_t ban_grave = sohoa_lm_id(lm, "bàn", strlen("bàn"));
    uint16_t ban_acute = sohoa_lm_id(lm, "bán", strlen("bán"));
    CHECK(fabsf(rs_skc_score(m, win, ban_grave) - 0.351110f) < 1e-4f);
    CHECK(fabsf(rs_skc_score(m, win, ban_acute) - log10f(1.0f / 9)) < 1e-4f);
    /* a window never seen: only the skeleton's own list, so no opinion */
    const char *w2[3] = {"xa", "ban", "xe"};
    window(w2, win);
    CHECK(fabsf(rs_skc_score(m, win, ban_grave)) < 1e-6f);
    /* a skeleton the model does not hold */
    const char *w3[3] = {"<s>", "gỗ", "."};
    window(w3, win);
    CHECK(rs_skc_score(m, win, sohoa_lm_id(lm, "gỗ", strlen("gỗ"))) == 0.0f);
    rs_skc_close(m);
    sohoa_lm_close(lm);
    cleanup();
}

/* d built from text by r (defaults) and its skeleton-context bonuses at
 * weight 2, in a new array. */
static float *doc_bonus(const sohoa_restorer *r, const char *text, rs_doc *d)
{
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    rs_doc_build(d, r, &o, text, strlen(text), NULL, 0);
    float *bonus = calloc(d->ncand ? d->ncand : 1, sizeof *bonus);
    rs_skc_doc_bonus(d, r->skc, 2.0f, bonus);
    return bonus;
}

TEST(skelctx_bonus_of_a_document)
{
    CHECK(setup(1));
    sohoa_err err;
    sohoa_restorer *r = NULL;
    CHECK(sohoa_restorer_open(dir, NULL, &r, &err) == SOHOA_OK);
    CHECK(r->skc != NULL);
    rs_doc d;
    float *bonus = doc_bonus(r, "toi mua ban go .", &d);
    int seen = 0;
    for (size_t i = 0; i < d.ntok; i++) {
        const rs_tok *t = &d.tok[i];
        for (size_t c = 0; c < t->ncand; c++) {
            const rs_cand *cd = &d.cand[t->cand0 + c];
            float b = bonus[t->cand0 + c];
            if (t->kind == RS_WORD && cd->form && strcmp(cd->form, "bàn") == 0) {
                CHECK(fabsf(b - 2.0f * 0.351110f) < 2e-4f);
                seen++;
            } else if (t->kind == RS_WORD && cd->form && strcmp(cd->form, "bán") == 0) {
                CHECK(fabsf(b - 2.0f * log10f(1.0f / 9)) < 2e-4f);
                seen++;
            } else if (t->ncand < 2) {
                CHECK(b == 0.0f); /* words with one reading are left alone */
            }
        }
    }
    CHECK_INT(seen, 2);
    free(bonus);
    rs_doc_free(&d);
    sohoa_restorer_free(r);
    cleanup();
}

/* A page number between two words is no part of the window: "ban" before
 * a page break gets the bonus of the window mua ban go (by hand above). */
TEST(skelctx_window_steps_over_a_page_number)
{
    CHECK(setup(1));
    sohoa_err err;
    sohoa_restorer *r = NULL;
    CHECK(sohoa_restorer_open(dir, NULL, &r, &err) == SOHOA_OK);
    rs_doc d;
    float *bonus = doc_bonus(r, "toi mua ban\n\f2\n\ngo .", &d);
    int seen = 0;
    for (size_t i = 0; i < d.ntok; i++) {
        const rs_tok *t = &d.tok[i];
        for (size_t c = 0; t->kind == RS_WORD && c < t->ncand; c++) {
            const rs_cand *cd = &d.cand[t->cand0 + c];
            if (cd->form && strcmp(cd->form, "bàn") == 0) {
                CHECK(fabsf(bonus[t->cand0 + c] - 2.0f * 0.351110f) < 2e-4f);
                seen++;
            }
        }
    }
    CHECK_INT(seen, 1);
    free(bonus);
    rs_doc_free(&d);
    sohoa_restorer_free(r);
    cleanup();
}

/* One memo of window scores for three documents (as for the blocks of one
 * text): the window of "ban" is computed the first time and not kept,
 * computed and kept the second time, and the third document's scores come
 * from that entry, checked against its own candidates; all three times
 * they are the same numbers; so are
 * the log10 P(form | window) given beside them (by hand above: W3 of bàn
 * 0.935185, of bán P_U / 9 = 0.25 / 9), and a word of one form gets none. */
TEST(skelctx_memo_serves_two_documents)
{
    CHECK(setup(1));
    sohoa_err err;
    sohoa_restorer *r = NULL;
    CHECK(sohoa_restorer_open(dir, NULL, &r, &err) == SOHOA_OK);
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    const char *text = "toi mua ban go .";
    rs_skc_memo *memo = rs_skc_memo_new();
    int seen = 0;
    static const size_t KEPT_AFTER[3] = {0, 1, 1}; /* the one window of two forms */
    for (int round = 0; round < 3; round++) {
        rs_doc d;
        rs_doc_build(&d, r, &o, text, strlen(text), NULL, 0);
        float *bonus = calloc(d.ncand ? d.ncand : 1, sizeof *bonus);
        float *logp = malloc((d.ncand ? d.ncand : 1) * sizeof *logp);
        for (size_t k = 0; k < d.ncand; k++)
            logp[k] = 7.0f; /* left alone where no word has two forms */
        uint64_t *hash = malloc((d.ntok ? d.ntok : 1) * sizeof *hash);
        rs_skc_doc_hashes(&d, hash);
        rs_skc_doc_bonus_memo(&d, r->skc, hash, 2.0f, bonus, logp, memo);
        free(hash);
        CHECK_INT(rs_skc_memo_entries(memo), KEPT_AFTER[round]);
        for (size_t i = 0; i < d.ntok; i++) {
            const rs_tok *t = &d.tok[i];
            for (size_t c = 0; t->kind == RS_WORD && c < t->ncand; c++) {
                const rs_cand *cd = &d.cand[t->cand0 + c];
                float b = bonus[t->cand0 + c], lp = logp[t->cand0 + c];
                if (cd->form && strcmp(cd->form, "bàn") == 0) {
                    CHECK(fabsf(b - 2.0f * 0.351110f) < 2e-4f);
                    CHECK(fabsf(lp - log10f(0.935185f)) < 1e-4f);
                    seen++;
                } else if (cd->form && strcmp(cd->form, "bán") == 0) {
                    CHECK(fabsf(b - 2.0f * log10f(1.0f / 9)) < 2e-4f);
                    CHECK(fabsf(lp - log10f(0.25f / 9)) < 1e-4f);
                    seen++;
                } else if (t->ncand < 2) {
                    CHECK(lp == 7.0f);
                }
            }
        }
        free(logp);
        free(bonus);
        rs_doc_free(&d);
    }
    CHECK_INT(seen, 6);
    rs_skc_memo_free(memo);
    sohoa_restorer_free(r);
    cleanup();
}

/* Rewrite sohoa.skc with byte at changed to v (or cut to len). */
static void damage(size_t at, int v, size_t cut)
{
    char p[256];
    path_of(p, sizeof p, "sohoa.skc");
    fx_damage(p, at, v, cut);
}

TEST(skelctx_file_of_version_1_single_chain_checksum_still_loads)
{
    CHECK(setup(1));
    sohoa_skelctx_info now, old;
    sohoa_err err;
    CHECK_INT(stat_model(&now, "sohoa.lm", &err), SOHOA_OK);
    char p[256];
    path_of(p, sizeof p, "sohoa.skc");
    write_serial_sum(p, RS_SKC_CHECKSUM_SEED, 32, 1);
    CHECK_INT(stat_model(&old, "sohoa.lm", &err), SOHOA_OK);
    CHECK(old.file_size == now.file_size && now.contexts[0] > 0 &&
          memcmp(old.contexts, now.contexts, sizeof now.contexts) == 0);
    /* its single chain is checked */
    damage(200, 0x40, (size_t)-1);
    CHECK_INT(stat_model(&old, "sohoa.lm", &err), SOHOA_EFORMAT);
    CHECK(strstr(err.msg, "checksum"));
    cleanup();
}

TEST(skelctx_corrupt_truncated_or_foreign_file_is_an_error_naming_it)
{
    CHECK(setup(1));
    sohoa_skelctx_info in;
    sohoa_err err;
    /* trained with another LM's vocabulary */
    CHECK_INT(stat_model(&in, "other.lm", &err), SOHOA_EFORMAT);
    CHECK(strstr(err.msg, "sohoa.skc") && strstr(err.msg, "vocabulary"));
    /* a flipped byte after the header */
    size_t len = 0;
    char skc[256];
    path_of(skc, sizeof skc, "sohoa.skc");
    free(fx_read_bytes(skc, &len));
    damage(len - 3, 0x40, (size_t)-1);
    CHECK_INT(stat_model(&in, "sohoa.lm", &err), SOHOA_EFORMAT);
    CHECK(strstr(err.msg, "sohoa.skc") && strstr(err.msg, "checksum"));
    /* truncated */
    damage((size_t)-1, 0, len - 8);
    CHECK_INT(stat_model(&in, "sohoa.lm", &err), SOHOA_EFORMAT);
    CHECK(strstr(err.msg, "sohoa.skc") && strstr(err.msg, "truncated"));
    /* not a model at all */
    write_file("sohoa.skc", "hello", 5);
    CHECK_INT(stat_model(&in, "sohoa.lm", &err), SOHOA_EFORMAT);
    CHECK(strstr(err.msg, "sohoa.skc"));
    /* in the models directory, a corrupt file stops the restorer */
    sohoa_restorer *r = NULL;
    CHECK(sohoa_restorer_open(dir, NULL, &r, &err) == SOHOA_EFORMAT);
    CHECK(r == NULL && strstr(err.msg, "sohoa.skc"));
    /* and a missing one turns the feature off */
    char p[256];
    path_of(p, sizeof p, "sohoa.skc");
    remove(p);
    CHECK(sohoa_restorer_open(dir, NULL, &r, &err) == SOHOA_OK);
    CHECK(r->skc == NULL);
    sohoa_restorer_free(r);
    cleanup();
}
