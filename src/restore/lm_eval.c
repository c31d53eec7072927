/* lm_eval.c — perplexity of a model on a text file: each line one sentence
 * (<s> ... </s>), tokens as in training (lm_tokens.c), every token
 * including </s> scored; <unk> tokens are scored too and counted apart. */
#include "lm_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "sohoa/file.h"
#include "sohoa/utf8.h"

typedef struct eval_state {
    const sohoa_lm *lm;
    uint16_t ctx[SOHOA_LM_MAX_ORDER];
    int nctx;
    double logsum;
    size_t ntok, nunk;
} eval_state;

static void score(eval_state *s, uint16_t w)
{
    s->logsum += sohoa_lm_score(s->lm, s->ctx, s->nctx, w);
    s->ntok++;
    if (w == SOHOA_LM_UNK)
        s->nunk++;
    if (s->nctx == SOHOA_LM_MAX_ORDER - 1) {
        memmove(s->ctx, s->ctx + 1, (SOHOA_LM_MAX_ORDER - 2) * sizeof *s->ctx);
        s->nctx--;
    }
    s->ctx[s->nctx++] = w;
}

static void on_token(const char *tok, size_t n, int word, int cap, void *ctx)
{
    (void)word;
    (void)cap;
    eval_state *s = ctx;
    score(s, sohoa_lm_id(s->lm, tok, n));
}

int sohoa_lm_eval(const sohoa_lm *lm, const char *path, double *ppl, size_t *ntokens,
                  double *oov_rate, sohoa_err *err)
{
    char *data;
    size_t len;
    int rc = sohoa_read_file(path, 0, &data, &len, err);
    if (rc)
        return rc;
    size_t bad = sohoa_utf8_invalid_at(data, len);
    if (bad != (size_t)-1) {
        free(data);
        return sohoa_err_set(err, SOHOA_EINVAL, "%s: invalid UTF-8 at byte %zu", path, bad);
    }
    eval_state s;
    memset(&s, 0, sizeof s);
    s.lm = lm;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(data + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - data) : len;
        size_t before = s.ntok;
        s.ctx[0] = SOHOA_LM_BOS;
        s.nctx = 1;
        rs_lm_tokens(data + i, end - i, on_token, &s);
        if (s.ntok > before)
            score(&s, SOHOA_LM_EOS);
        i = end + 1;
    }
    free(data);
    *ntokens = s.ntok;
    *ppl = s.ntok ? pow(10.0, -s.logsum / (double)s.ntok) : 0;
    *oov_rate = s.ntok ? (double)s.nunk / (double)s.ntok : 0;
    return SOHOA_OK;
}
