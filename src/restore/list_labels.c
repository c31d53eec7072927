/* list_labels.c — the labels of a list's points ("a) ", "d) ", "đ) ") at
 * the start of lines: letters in the list's order, not words
 * (rs_list_labels, run by the token view, tokens.c, once a document's
 * tokens are built). */
#include "restore_int.h"

#include <string.h>

/* The letters that label the points of a list, in order: a) b) c) d) đ) e)
 * g) ... (the Vietnamese alphabet without the marked vowels, f, j, w, z). */
static const char *const LABELS[] = {"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
                                     "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"};
#define NLABELS (sizeof LABELS / sizeof LABELS[0])
#define LABEL_PENALTY 10.0f /* log10: a label letter out of its list's order */

/* The place in LABELS of the lower-case letter s[0..n), or -1. */
static int label_index(const char *s, size_t n)
{
    char low[4];
    if (n == 1 && (unsigned)((s[0] | 32) - 'a') < 26) {
        low[0] = (char)(s[0] | 32);
        low[1] = '\0';
    } else if (n == 2 && (unsigned char)s[0] == 0xC4 &&
               ((unsigned char)s[1] == 0x91 || (unsigned char)s[1] == 0x90)) {
        memcpy(low, "đ", 3); /* đ or Đ */
    } else {
        return -1;
    }
    for (size_t i = 0; i < NLABELS; i++)
        if (strcmp(low, LABELS[i]) == 0)
            return (int)i;
    return -1;
}

/* The first core token of line l if it is a one-letter label followed at
 * once by ')' ("d) Hợp đồng"), else NULL; *next is moved past line l.
 * With symbols (garble), a punctuation token may be the label ("¢)"). */
static rs_tok *line_label(rs_doc *d, size_t *next, int symbols)
{
    size_t i = *next;
    int line = d->tok[i].line;
    while (*next < d->ntok && d->tok[*next].line == line)
        (*next)++;
    rs_tok *t = &d->tok[i];
    if ((t->kind == RS_PUNCT && !symbols) || i + 1 >= *next)
        return NULL;
    const rs_tok *p = &d->tok[i + 1];
    if (p->kind != RS_PUNCT || p->off != t->off + t->len || d->text[p->off] != ')')
        return NULL;
    /* (in garble, specks before the label made no token: "_ ¢)") */
    for (size_t k = d->line_off[line]; k < t->off && !symbols; k++)
        if (d->text[k] != ' ' && d->text[k] != '\t')
            return NULL;
    return t;
}

/* Whether candidate c of token t spells label letter LABELS[at]. */
static int spells_label(const rs_doc *d, const rs_tok *t, const rs_cand *c, int at)
{
    if (c->form)
        return strcmp(c->form, LABELS[at]) == 0;
    return label_index(d->text + t->off, t->len) == at;
}

/* Rule out the candidates of label t that do not spell one of the labels
 * a and b (the same index for one). Nothing changes if none does. */
static void keep_labels(rs_doc *d, const rs_tok *t, int a, int b)
{
    int any = 0;
    for (size_t k = 0; k < t->ncand; k++) {
        const rs_cand *c = &d->cand[t->cand0 + k];
        any |= spells_label(d, t, c, a) || spells_label(d, t, c, b);
    }
    for (size_t k = 0; any && k < t->ncand; k++) {
        rs_cand *c = &d->cand[t->cand0 + k];
        if (!spells_label(d, t, c, a) && !spells_label(d, t, c, b))
            c->chan -= LABEL_PENALTY;
    }
}

/* Garble: 1 if the label token t is a symbol an English OCR model prints
 * for a label letter: ¢ for c or e, @ or & for đ, € for e. */
static int symbol_label(const rs_doc *d, const rs_tok *t)
{
    const char *s = d->text + t->off;
    return d->mode == RS_MODE_GARBLE && t->kind == RS_PUNCT &&
           ((t->len == 1 && (s[0] == '@' || s[0] == '&')) ||
            (t->len == 2 && memcmp(s, "\xC2\xA2", 2) == 0) ||   /* ¢ */
            (t->len == 3 && memcmp(s, "\xE2\x82\xAC", 3) == 0)); /* € */
}

/* A list point's label "x)" at the start of a line is a letter of LABELS,
 * not a word (b) is no "có", e) no "ê"). Stripped text prints both d) and
 * đ) as "d)", which only the list's order tells apart: after c) comes d),
 * after d) comes đ); a list starts again at a). In garble a symbol printed
 * for the label (symbol_label) is the letter the order wants. */
void rs_list_labels(rs_doc *d, const sohoa_lm *lm)
{
    const int D = 3, DD = 4; /* d and đ in LABELS */
    int prev = -1;            /* LABELS index of the last label seen */
    for (size_t i = 0; i < d->ntok;) {
        rs_tok *t = line_label(d, &i, d->mode == RS_MODE_GARBLE);
        if (!t)
            continue;
        if (symbol_label(d, t)) {
            if (prev < 0 || prev + 1 >= (int)NLABELS) {
                prev = -1;
                continue;
            }
            prev++;
            t->kind = RS_FIXED;
            t->fixed_out = rs_doc_own(d, LABELS[prev], strlen(LABELS[prev]));
            t->fixed_id = sohoa_lm_id(lm, LABELS[prev], strlen(LABELS[prev]));
            continue;
        }
        int at = label_index(d->text + t->off, t->len);
        if (at < 0)
            continue;
        int want = at == 0 ? 0 : prev >= 0 && prev + 1 < (int)NLABELS ? prev + 1 : -1;
        int dd = at == D || at == DD; /* the one skeleton of two labels */
        if (dd && (want == D || want == DD))
            at = want;
        if (t->kind == RS_WORD && t->ncand >= 2)
            keep_labels(d, t, dd && at != want ? D : at, dd && at != want ? DD : at);
        prev = at;
    }
}
