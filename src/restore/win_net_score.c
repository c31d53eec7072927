/* win_net_score.c — the window network's per-candidate bonus of a
 * document (win_net.h): for every lower-case word with several candidates
 * left, the rows of the tokens around it inside its context segment (page
 * furniture stepped over, as the skeleton-context model does), the hidden
 * layer once, then a score per candidate.
 *
 * Capitalised words are left alone: the network reads skeletons without
 * case, and a capitalised word is often a name, which it has not learnt
 * (on the stripped administrative text it turned LÂM into LÀM and Sở into
 * Số; lower-case words only: 2 admin errors fewer, 6 news errors more).
 * A capital that only starts a sentence says nothing of a name, so those
 * words are read (Nhưng/Những: news 1602 -> 1599 errors). */
#include "win_net.h"

#include <stdlib.h>
#include "restore_int.h"
#include "skel_ctx.h"

/* The rows of the window of token i in the segment [from, to). */
static void window_rows(const rs_doc *d, const uint32_t *row, size_t i, size_t from, size_t to,
                        uint32_t w[RS_WIN_POS])
{
    w[RS_WIN_SIDE] = row[i];
    size_t a = i;
    for (int k = 1; k <= RS_WIN_SIDE; k++) {
        while (a > from && d->tok[a - 1].transparent)
            a--;
        w[RS_WIN_SIDE - k] = a > from ? row[--a] : RS_WIN_BOS;
    }
    size_t b = i + 1;
    for (int k = 1; k <= RS_WIN_SIDE; k++) {
        while (b < to && d->tok[b].transparent)
            b++;
        w[RS_WIN_SIDE + k] = b < to ? row[b++] : RS_WIN_EOS;
    }
}

/* The bonuses of word t whose hidden layer is h. */
static void word_bonus(const rs_doc *d, const rs_winnet *m, const rs_tok *t, const float *h,
                       float weight, float clamp, float *score, float *bonus)
{
    float best = -1e30f;
    for (uint32_t c = 0; c < t->ncand; c++) {
        const rs_cand *cd = &d->cand[t->cand0 + c];
        int ok = 0;
        score[c] = cd->form ? rs_winnet_score(m, h, cd->id, &ok) : 0;
        if (!ok)
            score[c] = -1e30f;
        else if (score[c] > best)
            best = score[c];
    }
    if (best == -1e30f)
        return; /* nothing the network knows: no opinion */
    for (uint32_t c = 0; c < t->ncand; c++) {
        float v = score[c] - best;
        bonus[t->cand0 + c] += weight * (v < -clamp ? -clamp : v);
    }
}

void rs_winnet_doc_bonus(const rs_doc *d, const rs_winnet *m, float weight, float clamp,
                         float *bonus)
{
    if (!m || d->ntok == 0)
        return;
    size_t maxc = 1, words = 0;
    for (size_t i = 0; i < d->ntok; i++)
        if (d->tok[i].kind == RS_WORD && d->tok[i].ncand >= 2) {
            words++;
            if (d->tok[i].ncand > maxc)
                maxc = d->tok[i].ncand;
        }
    if (!words)
        return;
    uint64_t *hash = sohoa_xmalloc(d->ntok * sizeof *hash);
    uint32_t *row = sohoa_xmalloc(d->ntok * sizeof *row);
    rs_skc_doc_hashes(d, hash);
    for (size_t i = 0; i < d->ntok; i++)
        row[i] = rs_winnet_row(m, hash[i]);
    free(hash);
    float *h = sohoa_xmalloc(rs_winnet_hidden_size(m) * sizeof *h);
    float *score = sohoa_xmalloc(maxc * sizeof *score);
    for (size_t from = 0, to; from < d->ntok; from = to) {
        to = from;
        while (to < d->ntok && !d->tok[to].ends_context)
            to++;
        if (to < d->ntok)
            to++; /* the segment [from, to) ends with the token that ends it */
        for (size_t i = from; i < to; i++) {
            const rs_tok *t = &d->tok[i];
            if (t->kind != RS_WORD || t->ncand < 2 ||
                (t->upper && !(t->upper == 1 && rs_sentence_start(d, t->off))))
                continue;
            uint32_t w[RS_WIN_POS];
            window_rows(d, row, i, from, to, w);
            rs_winnet_hidden(m, w, h);
            word_bonus(d, m, t, h, weight, clamp, score, bonus);
        }
    }
    free(score);
    free(h);
    free(row);
}
