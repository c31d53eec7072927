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
 * garbled): where the marks are printed and sound, "thôn Khe Mát" is Khe
 * as printed, however many names hold Khê.
 *
 * Ownership: rs_place_prior_load makes the prior, rs_place_prior_free
 * releases it; the bonus is added into the caller's array. */
#include "restore_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "sohoa/syllable.h"

#define MAX_UNITS 32
#define UNIT_BYTES 32
#define MAX_NAME_WORDS 3

/* Units of settlements below the commune, which the gazetteer (communes
 * and above) never names: their names are place names all the same. */
static const char *const VILLAGE_UNITS[] = {"thôn", "xóm", "ấp", "làng", "khu phố", "tổ dân phố"};

struct rs_place_prior {
    uint32_t *count; /* by LM id: gazetteer names holding the form */
    size_t nvocab;
    char unit[MAX_UNITS][UNIT_BYTES]; /* unit words' skeletons ("huyen", "thi tran") */
    size_t nunit;
};

/* The skeleton of s[0..n) into out (UNIT_BYTES): 1, or 0 if too long. */
static int skeleton_of(const char *s, size_t n, char out[UNIT_BYTES])
{
    size_t l = sohoa_fold(s, n, out, UNIT_BYTES);
    if (l >= UNIT_BYTES)
        return 0;
    out[l] = '\0';
    return 1;
}

static void add_unit(rs_place_prior *p, const char *s, size_t n)
{
    char sk[UNIT_BYTES];
    if (!skeleton_of(s, n, sk))
        return;
    for (size_t i = 0; i < p->nunit; i++)
        if (strcmp(p->unit[i], sk) == 0)
            return;
    if (p->nunit < MAX_UNITS)
        strcpy(p->unit[p->nunit++], sk);
}

typedef struct loader {
    rs_place_prior *p;
    const sohoa_lm *lm;
} loader;

/* NAME<TAB>UNIT[<TAB>WHERE]: each syllable of NAME counts once more. */
static void prior_line(void *ctx, const char *s, size_t n, size_t lineno)
{
    (void)lineno;
    loader *ld = ctx;
    const char *tab = n && s[0] != '#' ? memchr(s, '\t', n) : NULL;
    if (!tab)
        return;
    const char *u = tab + 1, *ue = memchr(u, '\t', (size_t)(s + n - u));
    add_unit(ld->p, u, ue ? (size_t)(ue - u) : (size_t)(s + n - u));
    for (const char *w = s; w < tab;) {
        while (w < tab && *w == ' ')
            w++;
        const char *e = w;
        while (e < tab && *e != ' ')
            e++;
        char f[128];
        size_t fl = e > w ? sohoa_lm_form(w, (size_t)(e - w), f, sizeof f) : 0;
        if (fl > 0 && fl < sizeof f) {
            uint16_t id = sohoa_lm_id(ld->lm, f, fl);
            if (id != SOHOA_LM_UNK && id < ld->p->nvocab)
                ld->p->count[id]++;
        }
        w = e;
    }
}

int rs_place_prior_load(const char *dir, const sohoa_lm *lm, rs_place_prior **out,
                        sohoa_err *err)
{
    *out = NULL;
    rs_place_prior *p = sohoa_xcalloc(1, sizeof *p);
    p->nvocab = sohoa_lm_vocab_size(lm);
    p->count = sohoa_xcalloc(p->nvocab ? p->nvocab : 1, sizeof *p->count);
    loader ld = {p, lm};
    int rc = rs_dict_read(dir, "places-", prior_line, &ld, err);
    if (rc) {
        rs_place_prior_free(p);
        return rc;
    }
    if (p->nunit == 0) { /* no gazetteer: no prior */
        rs_place_prior_free(p);
        return SOHOA_OK;
    }
    for (size_t i = 0; i < sizeof VILLAGE_UNITS / sizeof *VILLAGE_UNITS; i++)
        add_unit(p, VILLAGE_UNITS[i], strlen(VILLAGE_UNITS[i]));
    *out = p;
    return SOHOA_OK;
}

void rs_place_prior_free(rs_place_prior *p)
{
    if (!p)
        return;
    free(p->count);
    free(p);
}

/* ---- a document -------------------------------------------------------- */

/* The skeletons of the word tokens i..i+n (n ≥ 1) joined by a space into
 * out: 1, or 0 if a token is no word or the text is too long. */
static int skeletons(const rs_doc *d, size_t i, size_t n, char out[UNIT_BYTES])
{
    size_t len = 0;
    for (size_t k = 0; k < n; k++) {
        if (i + k >= d->ntok || d->tok[i + k].kind != RS_WORD)
            return 0;
        const rs_tok *t = &d->tok[i + k];
        char sk[UNIT_BYTES];
        if (!skeleton_of(d->text + t->off, t->len, sk) || len + strlen(sk) + 2 > UNIT_BYTES)
            return 0;
        if (k)
            out[len++] = ' ';
        strcpy(out + len, sk);
        len += strlen(sk);
    }
    return 1;
}

/* How many tokens from i spell a unit word (1 or 2), or 0. */
static size_t unit_at(const rs_doc *d, const rs_place_prior *p, size_t i)
{
    for (size_t n = 2; n >= 1; n--) {
        char sk[UNIT_BYTES];
        if (i + n > d->ntok || (n == 2 && d->tok[i].ends_context) || !skeletons(d, i, n, sk))
            continue;
        for (size_t u = 0; u < p->nunit; u++)
            if (strcmp(p->unit[u], sk) == 0)
                return n;
    }
    return 0;
}

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
    char sk[UNIT_BYTES];
    return i + 1 < d->ntok && d->tok[i].kind == RS_PUNCT && d->text[d->tok[i].off] == ',' &&
           skeletons(d, i + 1, 1, sk) && strcmp(sk, "ngay") == 0;
}

/* Add the prior to the candidates of word t. */
static void word_prior(const rs_doc *d, const rs_place_prior *p, const rs_tok *t, float weight,
                       float *bonus)
{
    uint32_t total = 0;
    for (size_t k = 0; k < t->ncand; k++) {
        uint16_t id = d->cand[t->cand0 + k].id;
        total += id < p->nvocab ? p->count[id] : 0;
    }
    if (total == 0 || t->ncand < 2)
        return;
    for (size_t k = 0; k < t->ncand; k++) {
        uint16_t id = d->cand[t->cand0 + k].id;
        uint32_t c = id < p->nvocab ? p->count[id] : 0;
        bonus[t->cand0 + k] +=
            weight * log10f((float)(c + 1) / (float)(total + (uint32_t)t->ncand));
    }
}

size_t rs_place_prior_bonus(const rs_doc *d, const rs_place_prior *p, const rs_lexicon *lex,
                            float weight, float *bonus)
{
    /* text with its marks printed and sound says what the name is */
    if (!p || d->mode == RS_MODE_CLEAN)
        return 0;
    size_t runs = 0;
    for (size_t i = 0; i < d->ntok; i++) {
        if (d->tok[i].kind != RS_WORD)
            continue;
        size_t from = i, n = 0, u = unit_at(d, p, i);
        if (u && !d->tok[i + u - 1].ends_context) {
            from = i + u;
            n = name_run(d, from);
            if (n && lexicon_word(d, lex, from - 1, from))
                n = 0;
        } else if (d->tok[i].upper == 1 || d->tok[i].upper == 2) {
            n = name_run(d, i);
            if (!date_follows(d, i + n))
                n = 0;
        }
        if (n == 0)
            continue;
        for (size_t k = 0; k < n; k++)
            word_prior(d, p, &d->tok[from + k], weight, bonus);
        runs++;
        i = from + n - 1;
    }
    return runs;
}
