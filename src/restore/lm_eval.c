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

/* One line is one sentence: scored from <s> to </s> when it has tokens. */
static void on_line(void *ctx, const char *line, size_t n, size_t lineno)
{
    (void)lineno;
    eval_state *s = ctx;
    size_t before = s->ntok;
    s->ctx[0] = SOHOA_LM_BOS;
    s->nctx = 1;
    rs_lm_tokens(line, n, on_token, s);
    if (s->ntok > before)
        score(s, SOHOA_LM_EOS);
}

int sohoa_lm_eval(const sohoa_lm *lm, const char *path, double *ppl, size_t *ntokens,
                  double *oov_rate, sohoa_err *err)
{
    eval_state s;
    memset(&s, 0, sizeof s);
    s.lm = lm;
    int rc = sohoa_text_lines(path, 0, on_line, &s, err);
    if (rc)
        return rc;
    *ntokens = s.ntok;
    *ppl = s.ntok ? pow(10.0, -s.logsum / (double)s.ntok) : 0;
    *oov_rate = s.ntok ? (double)s.nunk / (double)s.ntok : 0;
    return SOHOA_OK;
}
