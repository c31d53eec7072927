/* win_net_score.c — where the window network is read (rs_winnet_use_for:
 * stripped text that is not administrative prose, and garble) and its
 * per-candidate bonus of a document (win_net.h): for every lower-case word
 * with several candidates left, the rows of the tokens around it inside
 * its context segment (page furniture stepped over, as the
 * skeleton-context model does), the hidden layer once, then a score per
 * candidate.
 *
 * Capitalised words are left alone: the network reads skeletons without
 * case, and a capitalised word is often a name, which it has not learnt
 * (on the stripped administrative text it turned LÂM into LÀM and Sở into
 * Số; lower-case words only: 2 admin errors fewer, 6 news errors more).
 * A capital that only starts a sentence says nothing of a name, so those
 * words are read (Nhưng/Những: news 1602 -> 1599 errors).
 *
 * The vote of the neighbours: an article about signatures says "chu ky"
 * a dozen times, and the first decoding read "chu kỳ" (cycle) throughout,
 * so the per-document cache learnt the error; the network, reading each
 * window, leans to "chữ ký" in most of them. The mean of its verdicts on
 * the same skeleton within `reach` tokens carries that to every
 * occurrence. Held-out news 1599 -> 1574 errors at vote 0.3, reach 300
 * (1574-1582 for votes 0.2-0.4 and reaches 150-500; 1650 at 0.4 over
 * 1000 tokens, where unrelated articles mix); admin unchanged. */
#include "win_net.h"

#include <stdlib.h>
#include <string.h>
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

/* The window network's weight and how far below a word's best candidate
 * its verdict is cut (log10), set on the held-out news with networks
 * trained outside the project (notes/window-network.md). The network
 * learnt general prose (law, news, encyclopaedia): in administrative text,
 * which the domain model explains, it cost words and gained none (stripped
 * admin 30 -> 32 errors at full weight, 31 at half, 30 without), so its
 * weight falls as the domain model's share of the text rises (domain part
 * 0..1, 1 from restore.c's DOMAIN_FULL on: nothing left); under
 * WIN_WEIGHT_OFF it is not consulted. In English-model OCR garble
 * (administrative text too) it helps whatever the share: garbled docs 1-4
 * 48 -> 46 errors, seeds 000/003/004 192 -> 181 (76 -> 70, 61 -> 59,
 * 55 -> 52) at 0.15; 0.1: 46 / 183, 0.2: 49 / 180, 0.3: 50 / 181, 0.5:
 * 64 / 206. Text with sound marks is left alone. */
#define WIN_WEIGHT 0.15f
#define WIN_CLAMP 3.0f
#define WIN_WEIGHT_OFF 0.01f
/* The vote of the neighbours (neighbour_votes below), relative to WIN_WEIGHT,
 * and its reach in tokens; it counts from two other words of the skeleton
 * on. Set on the held-out news: votes 0.2-0.4 over 150-500 tokens all gave
 * 1574-1582 errors against 1599 without. */
#define WIN_VOTE 2.0f
#define WIN_REACH 300
#define WIN_LEAST 2

void rs_winnet_use_for(int mode, float domain_part, rs_winnet_use *use)
{
    float w = mode == RS_MODE_GARBLE   ? WIN_WEIGHT
              : mode == RS_MODE_CLEAN ? 0
                                      : WIN_WEIGHT * (1 - domain_part);
    if (w < WIN_WEIGHT_OFF)
        w = 0;
    *use = (rs_winnet_use){w, WIN_CLAMP, WIN_VOTE * w, WIN_REACH, WIN_LEAST};
}

/* 1 when word t is one the network reads. */
static int readable(const rs_doc *d, const rs_tok *t)
{
    return t->kind == RS_WORD && t->ncand >= 2 &&
           (!t->upper || (t->upper == 1 && rs_sentence_start(d, t->off)));
}

/* The verdicts on word t whose hidden layer is h into verdict (indexed like
 * d->cand): each candidate's score less the best one's, clamped; 0 when the
 * network knows none of its candidates. */
static int word_verdicts(const rs_doc *d, const rs_winnet *m, const rs_tok *t, const float *h,
                         float clamp, float *score, float *verdict)
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
        return 0; /* nothing the network knows: no opinion */
    for (uint32_t c = 0; c < t->ncand; c++) {
        float v = score[c] - best;
        verdict[t->cand0 + c] = v < -clamp ? -clamp : v;
    }
    return 1;
}

/* A word with verdicts, for the vote: its token and its skeleton. */
typedef struct voter {
    uint64_t hash;
    size_t tok;
} voter;

static int by_skeleton(const void *a, const void *b)
{
    const voter *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return (x->tok > y->tok) - (x->tok < y->tok);
}

#define VOTE_FORMS 32 /* forms of one skeleton in a group's vote, at most */

/* The vote over the words v[0..n) of one skeleton, in text order. */
static void group_vote(const rs_doc *d, const voter *v, size_t n, const float *verdict,
                       const rs_winnet_use *use, float *bonus)
{
    uint16_t id[VOTE_FORMS];
    size_t nid = 0;
    for (size_t a = 0; a < n; a++) { /* the forms the group's words hold */
        const rs_tok *t = &d->tok[v[a].tok];
        for (uint32_t c = 0; c < t->ncand; c++) {
            uint16_t x = d->cand[t->cand0 + c].id;
            size_t k = 0;
            while (k < nid && id[k] != x)
                k++;
            if (k == nid && nid < VOTE_FORMS)
                id[nid++] = x;
        }
    }
    /* sum[a][k]: the verdicts of words 0..a-1 on form k (pruned: clamped) */
    float *sum = sohoa_xcalloc((n + 1) * nid, sizeof *sum);
    for (size_t a = 0; a < n; a++) {
        const rs_tok *t = &d->tok[v[a].tok];
        for (size_t k = 0; k < nid; k++) {
            float x = -use->clamp;
            for (uint32_t c = 0; c < t->ncand; c++)
                if (d->cand[t->cand0 + c].id == id[k])
                    x = verdict[t->cand0 + c];
            sum[(a + 1) * nid + k] = sum[a * nid + k] + x;
        }
    }
    for (size_t a = 0, lo = 0, hi = 0; a < n; a++) {
        while (v[a].tok - v[lo].tok > use->reach)
            lo++;
        while (hi < n && v[hi].tok - v[a].tok <= use->reach)
            hi++;
        size_t others = hi - lo - 1;
        if (others < use->least)
            continue;
        const rs_tok *t = &d->tok[v[a].tok];
        float mean[VOTE_FORMS], best = -1e30f;
        for (size_t k = 0; k < nid; k++) {
            float own = sum[(a + 1) * nid + k] - sum[a * nid + k];
            mean[k] = (sum[hi * nid + k] - sum[lo * nid + k] - own) / (float)others;
        }
        for (uint32_t c = 0; c < t->ncand; c++)
            for (size_t k = 0; k < nid; k++)
                if (d->cand[t->cand0 + c].id == id[k] && mean[k] > best)
                    best = mean[k];
        for (uint32_t c = 0; c < t->ncand; c++)
            for (size_t k = 0; k < nid; k++)
                if (d->cand[t->cand0 + c].id == id[k])
                    bonus[t->cand0 + c] += use->vote * (mean[k] - best);
    }
    free(sum);
}

/* The votes of every skeleton's words: voters sorted by skeleton, then
 * each run of one skeleton in text order. */
static void neighbour_votes(const rs_doc *d, voter *v, size_t n, const float *verdict,
                            const rs_winnet_use *use, float *bonus)
{
    qsort(v, n, sizeof *v, by_skeleton);
    for (size_t a = 0, b; a < n; a = b) {
        for (b = a + 1; b < n && v[b].hash == v[a].hash;)
            b++;
        if (b - a > use->least)
            group_vote(d, v + a, b - a, verdict, use, bonus);
    }
}

void rs_winnet_doc_bonus(const rs_doc *d, const rs_winnet *m, const uint64_t *hash,
                         const rs_winnet_use *use, float *bonus)
{
    if (!m || d->ntok == 0)
        return;
    size_t maxc = 1, words = 0; /* words of several candidates: as many voters at most */
    for (size_t i = 0; i < d->ntok; i++)
        if (d->tok[i].kind == RS_WORD && d->tok[i].ncand >= 2) {
            words++;
            if (d->tok[i].ncand > maxc)
                maxc = d->tok[i].ncand;
        }
    if (!words)
        return;
    uint32_t *row = sohoa_xmalloc(d->ntok * sizeof *row);
    for (size_t i = 0; i < d->ntok; i++)
        row[i] = rs_winnet_row(m, hash[i]);
    float *h = sohoa_xmalloc(rs_winnet_hidden_size(m) * sizeof *h);
    float *score = sohoa_xmalloc(maxc * sizeof *score);
    float *verdict = sohoa_xmalloc(d->ncand * sizeof *verdict);
    voter *v = sohoa_xmalloc(words * sizeof *v);
    size_t nv = 0;
    for (size_t from = 0, to; from < d->ntok; from = to) {
        to = from;
        while (to < d->ntok && !d->tok[to].ends_context)
            to++;
        if (to < d->ntok)
            to++; /* the segment [from, to) ends with the token that ends it */
        for (size_t i = from; i < to; i++) {
            const rs_tok *t = &d->tok[i];
            if (!readable(d, t))
                continue;
            uint32_t w[RS_WIN_POS];
            window_rows(d, row, i, from, to, w);
            rs_winnet_hidden(m, w, h);
            if (!word_verdicts(d, m, t, h, use->clamp, score, verdict))
                continue;
            for (uint32_t c = 0; c < t->ncand; c++)
                bonus[t->cand0 + c] += use->weight * verdict[t->cand0 + c];
            v[nv++] = (voter){hash[i], i};
        }
    }
    if (use->vote > 0)
        neighbour_votes(d, v, nv, verdict, use, bonus);
    free(v);
    free(verdict);
    free(score);
    free(h);
    free(row);
}
