/* candidates.c — the readings a word core may have.
 *
 * First the words of the model with the same ASCII skeleton (sohoa_fold):
 * "cai" → cái, cài, cải, cãi, cại, cai, ... in the model's unigram order, each with a
 * channel score for how the printed marks agree (channel.c). The printed
 * form itself stays a candidate when it is a valid syllable the model does
 * not know. Then, in foreign-OCR garble, or when the core is no syllable at
 * all, the OCR channel's edit candidates (s6 → số, nuec → nước). The
 * baselines restrict this: most-frequent-form takes the skeleton's most frequent form
 * only; the trigram baseline takes skeleton forms only.
 *
 * Once the skeleton-context model has said how likely each form is in its
 * window, rs_prune_candidates drops the forms it finds far less likely than
 * the best, so the decoder asks the language model about fewer of them. */
#include "restore_int.h"

#include <stdlib.h>
#include <string.h>
#include "sohoa/syllable.h"

/* Forms of one skeleton taken as candidates. The model lists them by their
 * Kneser-Ney unigram probability, which counts the words a form follows,
 * not how often it occurs: the second syllable of a fixed word ranks low
 * (đắn of đúng đắn, 72 times in the corpus, is 17th of "dan", behind forms
 * seen 3 times; đặn of đều đặn 21st). A cut at 16 left them out ("đúng
 * dân"); a skeleton has at most 36 forms (3 vowel qualities x 6 tones x d/đ)
 * and few have more than 20. Dev news 1079 -> 1071 errors, CPU alike. */
#define MAX_FORMS 40
#define UNK_PENALTY -2.5f /* log10 */
/* log10 cost of keeping a printed string in garble: an English OCR prints
 * few Vietnamese syllables as they are */
#define GARBLE_KEEP -1.0f

static int has_cand(const rs_doc *d, size_t from, const char *form)
{
    for (size_t i = from; i < d->ncand; i++)
        if (d->cand[i].form && strcmp(d->cand[i].form, form) == 0)
            return 1;
    return 0;
}

/* The most frequent of a skeleton's forms: the one with the smallest id,
 * since a trained model numbers its words most frequent first (lm_train.c);
 * the list itself is in Kneser-Ney unigram order, which is not frequency
 * (dẫn before dân). */
static uint16_t most_frequent(const uint16_t *ids, size_t n)
{
    uint16_t best = ids[0];
    for (size_t i = 1; i < n; i++)
        if (ids[i] < best)
            best = ids[i];
    return best;
}

void rs_make_candidates(rs_doc *d, const sohoa_restorer *r, const sohoa_restore_opts *o,
                        const char *core, size_t n, const char *low, size_t lown, int valid,
                        int has_digit)
{
    size_t start = d->ncand;
    char lc[256];
    size_t lcn = sohoa_lm_form(low, lown, lc, sizeof lc);
    if (has_digit) {
        memcpy(lc, low, lown + 1);
        lcn = lown;
    }
    char skel[256];
    size_t sk = sohoa_fold(core, n, skel, sizeof skel);
    if (sk >= sizeof skel)
        return;
    const uint16_t *ids = NULL;
    size_t nf = has_digit ? 0 : sohoa_lm_skeleton_forms(r->lm, skel, sk, &ids);
    if (o->baseline == 2) {
        if (nf > 0) {
            uint16_t id = most_frequent(ids, nf);
            rs_doc_add_cand(d, id, 0, sohoa_lm_word(r->lm, id));
        }
        return;
    }
    if (nf > MAX_FORMS)
        nf = MAX_FORMS;
    float top = nf ? sohoa_lm_score(r->lm, NULL, 0, ids[0]) : 0;
    for (size_t i = 0; i < nf; i++) {
        const char *form = sohoa_lm_word(r->lm, ids[i]);
        /* forms far less likely than the skeleton's first one are left out,
         * unless printed as they are */
        if (i > 0 && sohoa_lm_score(r->lm, NULL, 0, ids[i]) < top - RS_FORM_CUTOFF &&
            strcmp(form, lc) != 0)
            continue;
        float ch = o->baseline ? 0 : rs_channel_same_skeleton(r, d->mode, lc, lcn, ids[i], form);
        rs_doc_add_cand(d, ids[i], ch, form);
    }
    if (o->baseline)
        return;
    if (valid && !has_cand(d, start, lc)) {
        /* a valid syllable the model has never seen: keep it possible, at
         * the cost of an unknown word when the model knows other forms */
        uint16_t id = sohoa_lm_id(r->lm, lc, lcn);
        float keep = 0;
        if (d->mode == RS_MODE_GARBLE)
            keep = GARBLE_KEEP + (id == SOHOA_LM_UNK ? UNK_PENALTY : 0);
        if (id != SOHOA_LM_UNK || nf == 0)
            rs_doc_add_cand(d, id, keep, rs_doc_own(d, lc, lcn));
    }
    int garble = d->mode == RS_MODE_GARBLE;
    /* text typed without marks has no misread letters: a string that is no
     * syllable there is a foreign word, a name or its writer's own typo,
     * kept as printed (OCR channel candidates turned "thank" into "thành"
     * and "mã hex" into "mà hệ": on the dev split 3 errors more with them,
     * on the held-out news 4) */
    int misread = garble || d->mode == RS_MODE_CLEAN || d->lossy;
    if (!(o->disable & SOHOA_RESTORE_NO_CHANNEL) && (garble || (misread && !valid && nf == 0))) {
        size_t before = d->ncand;
        rs_channel_candidates(d, r, low, lown, garble ? 1.6f : 1.0f);
        if (d->ncand > before && nf == 0 && !valid) {
            /* keeping the printed string stays possible, at a cost */
            uint16_t id = has_digit ? SOHOA_LM_NUM : sohoa_lm_id(r->lm, lc, lcn);
            /* <unk> stands for every unknown string at once: charge the
             * share of one of them */
            float cost = (garble ? GARBLE_KEEP : -0.5f) + (id == SOHOA_LM_UNK ? UNK_PENALTY : 0);
            rs_doc_add_cand(d, id, cost, NULL);
        }
    }
}

size_t rs_prune_candidates(rs_doc *d, const float *logp, float below, float *with,
                           uint8_t *keep)
{
    /* compacted in place, token by token: only when each token's range
     * follows the one before (ghost words' candidates may come later) */
    for (size_t i = 0, end = 0; i < d->ntok; i++) {
        if (d->tok[i].ncand && d->tok[i].cand0 < end)
            return 0;
        if (d->tok[i].ncand)
            end = d->tok[i].cand0 + d->tok[i].ncand;
    }
    size_t w = 0;
    for (size_t i = 0; i < d->ntok; i++) {
        rs_tok *t = &d->tok[i];
        size_t c0 = t->cand0, nc = t->ncand;
        float best = -1e30f;
        int viewed = t->kind == RS_WORD && nc >= 2 && !t->ghost;
        for (size_t c = 0; c < nc && viewed; c++) {
            if (logp[c0 + c] > 0)
                viewed = 0;
            else if (logp[c0 + c] > best)
                best = logp[c0 + c];
        }
        t->cand0 = w;
        for (size_t c = 0; c < nc; c++) {
            /* (a form the token view favours stays: chan > 0; and a name's
             * form the gazetteer or one's names matched: keep) */
            if (viewed && logp[c0 + c] < best - below && d->cand[c0 + c].chan <= 0 &&
                !(keep && keep[c0 + c]))
                continue;
            d->cand[w] = d->cand[c0 + c];
            with[w] = with[c0 + c];
            if (keep)
                keep[w] = keep[c0 + c];
            w++;
        }
        t->ncand = w - t->cand0;
    }
    size_t gone = d->ncand - w;
    d->ncand = w;
    return gone;
}

void rs_rare_place_candidates(rs_doc *d, const sohoa_restorer *r, size_t start, const char *core,
                              size_t n, const char *lc, size_t lcn)
{
    char skel[256];
    size_t sk = sohoa_fold(core, n, skel, sizeof skel);
    const char *v = sk < sizeof skel ? rs_places_rare_forms(r->places, skel, sk) : NULL;
    while (v && *v) {
        const char *e = strchr(v, ' ');
        size_t l = e ? (size_t)(e - v) : strlen(v);
        char f[128];
        if (l < sizeof f) {
            memcpy(f, v, l);
            f[l] = '\0';
        }
        if (l < sizeof f && !has_cand(d, start, f)) {
            char *form = rs_doc_own(d, v, l);
            uint16_t id = sohoa_lm_id(r->lm, form, l);
            rs_doc_add_cand(d, id,
                            RS_RARE_PLACE_COST +
                                rs_channel_same_skeleton(r, d->mode, lc, lcn, id, form),
                            form);
            d->cand[d->ncand - 1].rare = 1;
        }
        v += l + (e != NULL);
    }
}
