/* restore_mix.c — the decoder's domain mixture (decoder.c, rs_lm_mix):
 * for every word of a tiny vocabulary after several contexts, and for
 * weights from 0.005 to most of the mass on the domain model, the mixed
 * score is log10((1 - lam) 10^g + lam 10^d) of the two models' own scores
 * (sohoa_lm_score), worked out here in double, to within 2e-5 (the
 * decoder reads it from a table). lam is the domain weight after a context
 * whose last two words the domain text holds (or the sentence start), and
 * a quarter of it (domain_short 0.25) after one it does not. The two models are
 * trained here on sentences written for the test, so the scores of a word
 * differ between them by anything from nothing to several units both
 * ways (words one model has never seen after a context). */
#include "harness.h"

#include <math.h>
#include <stdio.h>
#include <unistd.h>
#include "restore_fixture.h"
#include "../../src/restore/restore_int.h"

static const char *GENERAL =
    "đội bóng thắng trận đấu tối qua .\n"
    "cầu thủ ghi bàn thắng đẹp .\n"
    "trời mưa to ở thành phố .\n"
    "ủy ban nhân dân huyện ban hành kế hoạch .\n";
static const char *DOMAIN =
    "ủy ban nhân dân huyện ban hành kế hoạch cải cách hành chính .\n"
    "kế hoạch cải cách hành chính của ủy ban nhân dân tỉnh .\n";


/* The ids of the words of s (space-separated, each in the vocabulary)
 * into ids; how many. */
static int ids_of(const sohoa_lm *lm, const char *s, uint16_t *ids, int cap)
{
    int n = 0;
    while (*s && n < cap) {
        const char *e = strchr(s, ' ');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        ids[n++] = sohoa_lm_id(lm, s, len);
        s += len + (e != NULL);
    }
    return n;
}

TEST(domain_mixture_matches_the_formula)
{
    char dir[64];
    sohoa_restorer *r = fx_two_models(dir, "sohoa-mix", GENERAL, DOMAIN, 1);
    CHECK(r != NULL);
    CHECK(r->dom != NULL);
    /* contexts: a shared one, one of each text only, the sentence start;
     * whether DOMAIN holds their last two words ("ban nhân", "cải cách",
     * "kế hoạch" yes; "thủ ghi", "trận đấu" no; the start of a sentence
     * is one word, known to every model) */
    const char *ctxs[] = {"ủy ban nhân", "cải cách", "cầu thủ ghi", "kế hoạch", "trận đấu"};
    const int in_domain[] = {1, 1, 0, 1, 0, 1};
    const float lams[] = {0.005f, 0.0126f, 0.1f, 0.5f, 0.9f};
    size_t nv = sohoa_lm_vocab_size(r->lm);
    int far_g = 0, far_d = 0; /* pairs where one model's score is well above */
    for (size_t li = 0; li < sizeof lams / sizeof *lams; li++) {
        rs_decode_opts o;
        memset(&o, 0, sizeof o);
        o.max_order = 3;
        o.use_domain = 1;
        o.domain_weight = lams[li];
        o.domain_short = 0.25f;
        o.memo = rs_lm_memo_new();
        for (size_t ci = 0; ci <= sizeof ctxs / sizeof *ctxs; ci++) {
            uint16_t ctx[3];
            int n;
            if (ci == sizeof ctxs / sizeof *ctxs) {
                ctx[0] = SOHOA_LM_BOS;
                n = 1;
            } else {
                n = ids_of(r->lm, ctxs[ci], ctx, 3);
            }
            for (size_t w = 0; w < nv; w++) {
                double g = sohoa_lm_score(r->lm, ctx, n, (uint16_t)w);
                double d = sohoa_lm_score(r->dom, ctx, n, (uint16_t)w);
                double lam = in_domain[ci] ? lams[li] : lams[li] * 0.25f;
                double want = log10((1 - lam) * pow(10, g) + lam * pow(10, d));
                float got = rs_lm_mix(r, &o, ctx, n, (uint16_t)w);
                far_g += g > d + 1;
                far_d += d > g + 0.5;
                if (!(fabs(got - want) < 2e-5))
                    fprintf(stderr, "lam %g ctx %s word %zu: got %.7f want %.7f\n",
                            lams[li], ci < 5 ? ctxs[ci] : "<s>", w, got, want);
                CHECK(fabs(got - want) < 2e-5);
            }
        }
        rs_lm_memo_free(o.memo);
    }
    /* both ways of the table were read, far from the diagonal */
    CHECK(far_g > 0);
    CHECK(far_d > 0);
    sohoa_restorer_free(r);
    fx_two_models_remove(dir);
}
