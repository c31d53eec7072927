/* restore_batch.c — the batched scorer (lm_batch.c): every word after every
 * context, as many at once as the decoder asks, answers exactly as the
 * one-at-a-time sohoa_lm_score of the same model, for contexts of every
 * length, seen and unseen, and for groups larger than one batch. */
#include "harness.h"
#include "restore_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sohoa/lm.h"
#include "../../src/restore/restore_int.h"

static const char CORPUS[] =
    "cải cách hành chính nhà nước\n"
    "cải cách hành chính là nhiệm vụ\n"
    "nhà nước cải cách thủ tục hành chính\n"
    "thủ tục hành chính nhà nước\n"
    "nhiệm vụ cải cách là nhiệm vụ của nhà nước\n";

static int train(int order, char *model, size_t n)
{
    char dir[64];
    fx_tmpdir(dir, "sohoa-batch");
    snprintf(model, n, "%s/sohoa.lm", dir);
    return fx_train(dir, CORPUS, order);
}

/* Every context of 0-3 ids over a few words (known, <s>, unknown), times
 * the whole vocabulary, in one call; mismatches with sohoa_lm_score. */
static int mismatches(const sohoa_lm *lm)
{
    const char *words[] = {"<s>", "cải", "cách", "hành", "chính", "nhà", "xyz"};
    uint16_t id[7];
    for (int i = 0; i < 7; i++)
        id[i] = sohoa_lm_id(lm, words[i], strlen(words[i]));
    size_t v = sohoa_lm_vocab_size(lm);
    uint16_t *all = malloc(v * sizeof *all);
    for (size_t w = 0; w < v; w++)
        all[w] = (uint16_t)w;
    size_t nctx = 1 + 7 + 49 + 343;
    rs_ctx *ctx = calloc(nctx, sizeof *ctx);
    size_t c = 0;
    ctx[c++].n = 0;
    for (int a = 0; a < 7; a++) {
        ctx[c].id[0] = id[a];
        ctx[c++].n = 1;
        for (int b = 0; b < 7; b++) {
            ctx[c].id[0] = id[a];
            ctx[c].id[1] = id[b];
            ctx[c++].n = 2;
            for (int d = 0; d < 7; d++) {
                ctx[c].id[0] = id[a];
                ctx[c].id[1] = id[b];
                ctx[c].id[2] = id[d];
                ctx[c++].n = 3;
            }
        }
    }
    float *out = malloc(nctx * v * sizeof *out);
    rs_lm_score_matrix(lm, ctx, nctx, all, v, out);
    int bad = 0;
    for (size_t h = 0; h < nctx; h++)
        for (size_t w = 0; w < v; w++)
            bad += out[h * v + w] != sohoa_lm_score(lm, ctx[h].id, ctx[h].n, all[w]);
    free(all);
    free(ctx);
    free(out);
    return bad;
}

TEST(batch_scores_as_the_model_order4)
{
    char m[128];
    CHECK_INT(train(4, m, sizeof m), SOHOA_OK);
    sohoa_lm *lm;
    sohoa_err err;
    CHECK_INT(sohoa_lm_open(m, &lm, &err), SOHOA_OK);
    CHECK(sohoa_lm_vocab_size(lm) > 10); /* the corpus has 14 words */
    CHECK_INT(mismatches(lm), 0);
    sohoa_lm_close(lm);
}

TEST(batch_scores_as_the_model_order3)
{
    char m[128];
    CHECK_INT(train(3, m, sizeof m), SOHOA_OK);
    sohoa_lm *lm;
    sohoa_err err;
    CHECK_INT(sohoa_lm_open(m, &lm, &err), SOHOA_OK);
    CHECK_INT(mismatches(lm), 0);
    sohoa_lm_close(lm);
}

/* Some hand-checkable facts of the same scores: a seen bigram scores above
 * an unseen one after the same word, and word ids past the vocabulary score
 * as <unk>; more words than one batch holds write nothing. */
TEST(batch_scores_facts)
{
    char m[128];
    CHECK_INT(train(4, m, sizeof m), SOHOA_OK);
    sohoa_lm *lm;
    sohoa_err err;
    CHECK_INT(sohoa_lm_open(m, &lm, &err), SOHOA_OK);
    rs_ctx c = {{0, 0, 0}, 1};
    c.id[0] = sohoa_lm_id(lm, "hành", strlen("hành"));
    uint16_t w[3] = {sohoa_lm_id(lm, "chính", strlen("chính")),
                     sohoa_lm_id(lm, "cải", strlen("cải")), 60000};
    float out[3];
    rs_lm_score_matrix(lm, &c, 1, w, 3, out);
    CHECK(out[0] > out[1]); /* "hành chính" 4 times, "hành cải" never */
    uint16_t unk = SOHOA_LM_UNK;
    float u;
    rs_lm_score_matrix(lm, &c, 1, &unk, 1, &u);
    CHECK(out[2] == u);
    static uint16_t many[RS_BATCH_MAX_WORDS + 1];
    static float big[RS_BATCH_MAX_WORDS + 1];
    big[0] = 7.0f;
    rs_lm_score_matrix(lm, &c, 1, many, RS_BATCH_MAX_WORDS + 1, big);
    CHECK(big[0] == 7.0f);
    sohoa_lm_close(lm);
}
