/* place_prior.c — a prior on the syllables of place names, from the
 * gazetteer (dictionaries/places-*.txt).
 *
 * The gazetteer decides a name it holds under its unit word (places.c).
 * Names it does not hold (villages, a name after another unit word than
 * its own, new or renamed units) are still made of the syllables place
 * names are made of: Điền far more often than Điển, Trà than Tra, Mát than
 * Mất (which no name holds). After a unit word (huyện, xã, thôn ...) and
 * before the ", ngày" of a document's date line ("Vân Điền, ngày 15 tháng
 * 01 năm 2024"), each capitalised word's candidates get
 *   weight × log10((n(form) + 1) / (Σ n(forms of its candidates) + k))
 * with n the number of gazetteer names holding the form and k the number
 * of candidates; words whose forms no name holds get nothing, and so does
 * a unit word followed by a word they make together (XÃ HỘI: xã hội).
 * Only in text without its marks or with unreliable ones (stripped,
 * garbled, lost glyphs): where the marks are printed and sound, "thôn Khe
 * Mát" is Khe as printed, however many names hold Khê.
 *
 * The counts and the gazetteer's unit words are read with the gazetteer
 * (places.c). Ownership: the bonus is added into the caller's array. */
#include "restore_int.h"

#include <math.h>
#include <string.h>
#include "sohoa/syllable.h"

#define MAX_NAME_WORDS 3

/* ---- a document -------------------------------------------------------- */

/* How many capitalised words follow from i in one context segment (at
 * most MAX_NAME_WORDS). */
static size_t name_run(const rs_doc *d, size_t i)
{
    size_t k = 0;
    while (k < MAX_NAME_WORDS && i + k < d->ntok) {
        const rs_tok *t = &d->tok[i + k];
        if (t->kind != RS_WORD || (t->upper != 1 && t->upper != 2) ||
            (k && d->tok[i + k - 1].ends_context))
            break;
        k++;
    }
    return k;
}

/* 1 if some candidate of token a and some of token b make a pair of a
 * lexicon word: "XÃ HỘI" is xã hội (society), not the commune Hội. */
static int lexicon_word(const rs_doc *d, const rs_lexicon *lex, size_t a, size_t b)
{
    const rs_tok *x = &d->tok[a], *y = &d->tok[b];
    for (size_t i = 0; lex && i < x->ncand; i++)
        for (size_t j = 0; j < y->ncand; j++)
            if (rs_lexicon_pair(lex, d->cand[x->cand0 + i].id, d->cand[y->cand0 + j].id))
                return 1;
    return 0;
}

/* 1 if the tokens from i are ", ngày" (a date line's place ends there). */
static int date_follows(const rs_doc *d, size_t i)
{
    if (i + 1 >= d->ntok || d->tok[i].kind != RS_PUNCT || d->text[d->tok[i].off] != ',' ||
        d->tok[i + 1].kind != RS_WORD)
        return 0;
    char sk[8];
    const rs_tok *t = &d->tok[i + 1];
    return sohoa_fold(d->text + t->off, t->len, sk, sizeof sk) == 4 && memcmp(sk, "ngay", 4) == 0;
}

/* Add the prior to the candidates of word t. */
static void word_prior(const rs_doc *d, const rs_places *p, const rs_tok *t, float weight,
                       float *bonus)
{
    uint32_t total = 0;
    for (size_t k = 0; k < t->ncand; k++)
        total += rs_places_names_with(p, d->cand[t->cand0 + k].id);
    if (total == 0 || t->ncand < 2)
        return;
    for (size_t k = 0; k < t->ncand; k++) {
        uint32_t c = rs_places_names_with(p, d->cand[t->cand0 + k].id);
        bonus[t->cand0 + k] +=
            weight * log10f((float)(c + 1) / (float)(total + (uint32_t)t->ncand));
    }
}

size_t rs_place_prior_bonus(const rs_doc *d, const rs_places *p, const rs_lexicon *lex,
                            float weight, float *bonus)
{
    /* text with its marks printed and sound says what the name is */
    if (!rs_places_size(p) || (d->mode == RS_MODE_CLEAN && !d->lossy))
        return 0;
    size_t runs = 0;
    /* from each capitalised word (few: the unit words before them are
     * folded only there) */
    for (size_t j = 0; j < d->ntok; j++) {
        const rs_tok *t = &d->tok[j];
        if (t->kind != RS_WORD || (t->upper != 1 && t->upper != 2))
            continue;
        size_t n = name_run(d, j);
        if (rs_places_unit_before(d, p, j)) {
            if (lexicon_word(d, lex, j - 1, j))
                n = 0;
        } else if (!date_follows(d, j + n)) {
            n = 0;
        }
        if (n == 0)
            continue;
        for (size_t k = 0; k < n; k++)
            word_prior(d, p, &d->tok[j + k], weight, bonus);
        runs++;
        j += n - 1;
    }
    return runs;
}
