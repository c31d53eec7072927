/* lm_memo.c — the memo of language-model answers for one restoration call.
 *
 * The decoder asks for the scores of a token's candidates after each
 * hypothesis of its beam; the cache pass decodes the document a second time
 * with nearly the same beam, the confidences re-score the best path, and
 * phrases repeat. The memo keeps those answers as rows (row_memo.c): a list
 * of words after a context, one mixed log10 score per word. Answers are
 * exact (the same floats as asking the models); memory is bounded by
 * ROW_BYTES. Single scores are rows of one-word lists. */
#include "restore_int.h"

#include <stdlib.h>
#include <string.h>
#include "sohoa/buf.h"

/* Rows (row_memo.c) of up to ROW_BYTES. Past it the memo starts again in
 * the same memory. Of distinct stripped text, 16 MB hold the rows of about
 * 0.5 MB (a fifth of its asks hit, mostly the cache pass's and the
 * confidences', a few positions back); a text that comes back within that
 * distance is answered whole (news x5 as fast as with 128 MB). At 128 MB
 * the table grew to 32 MB on 1.69 MB of distinct text, each doubling onto
 * fresh pages the kernel zeroes: peak RSS 240 -> 205 MB at 16 MB. */
#define ROW_BYTES ((size_t)16 << 20)

struct rs_lm_memo {
    rs_row_memo *rows;
};

rs_lm_memo *rs_lm_memo_new(void)
{
    rs_lm_memo *m = sohoa_xcalloc(1, sizeof(rs_lm_memo));
    m->rows = rs_row_memo_new(ROW_BYTES);
    return m;
}

void rs_lm_memo_free(rs_lm_memo *m)
{
    if (!m)
        return;
    rs_row_memo_free(m->rows);
    free(m);
}

rs_row_memo *rs_lm_memo_rows(rs_lm_memo *m)
{
    return m->rows;
}

/* One context of n ≤ 3 ids. */
static rs_ctx one_ctx(const uint16_t *ctx, int n)
{
    rs_ctx c;
    memset(&c, 0, sizeof c);
    if (n > SOHOA_LM_MAX_ORDER - 1) {
        ctx += n - (SOHOA_LM_MAX_ORDER - 1);
        n = SOHOA_LM_MAX_ORDER - 1;
    }
    memcpy(c.id, ctx, (size_t)n * sizeof *ctx);
    c.n = (uint8_t)n;
    return c;
}

void rs_memo_score_many(rs_lm_memo *m, const sohoa_lm *lm, int which, const uint16_t *ctx,
                        int n, const uint16_t *w, size_t nw, float *out)
{
    (void)m;
    (void)which;
    rs_ctx c = one_ctx(ctx, n);
    for (size_t i = 0; i < nw; i += RS_BATCH_MAX_WORDS) {
        size_t k = nw - i < RS_BATCH_MAX_WORDS ? nw - i : RS_BATCH_MAX_WORDS;
        rs_lm_score_matrix(lm, &c, 1, w + i, k, out + i);
    }
}

/* A single score is a row of a one-word list. */
int rs_memo_score_get(rs_lm_memo *m, const uint16_t *ctx, int n, uint16_t w, float *v)
{
    uint32_t list = rs_row_memo_list(m->rows, &w, 1);
    return rs_row_memo_get(m->rows, list, ctx, n, v);
}

void rs_memo_score_put(rs_lm_memo *m, const uint16_t *ctx, int n, uint16_t w, float v)
{
    uint32_t list = rs_row_memo_list(m->rows, &w, 1);
    rs_row_memo_put(m->rows, list, ctx, n, &v);
}
