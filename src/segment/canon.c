/* canon.c — fixed phrases read tolerantly: where the grammar position says
 * which phrase stands there (the issuer's head, a signer's role), a damaged
 * reading ("UY BAN NHAN DAN", "CHỈ{ TÍCH") takes the spelling given by the
 * rules canon.FIELD ("canon.role = CHỦ TỊCH") when its key (folded, lower
 * case, punctuation dropped) is the phrase's key or a small edit from it.
 * canon.* rules are spellings, not patterns. */
#include "seg.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sohoa/normalize.h"

#define KEY_CAP 96
#define RUN_WORDS 5

/* 1 if a and b are the same spelling, case and tone placement aside. */
static int same_spelling(const char *a, size_t an, const char *b)
{
    char *x = seg_new_style(a, an), *y = seg_new_style(b, strlen(b));
    char *lx = sohoa_to_lower(x, strlen(x)), *ly = sohoa_to_lower(y, strlen(y));
    int same = strcmp(lx, ly) == 0;
    free(x);
    free(y);
    free(lx);
    free(ly);
    return same;
}

const char *seg_canon(const sohoa_rules *r, const char *field, const char *s, size_t n,
                      int *same)
{
    char key[KEY_CAP], fam[64];
    *same = 0;
    seg_place_key(s, n, key, sizeof key);
    if (!key[0] || strlen(field) + 7 > sizeof fam)
        return NULL;
    memcpy(fam, "canon.", 6);
    strcpy(fam + 6, field);
    int max = seg_key_max_edits(key), bestd = max + 1, ties = 0;
    const char *best = NULL;
    for (size_t k = 0; k < r->n; k++) {
        if (!seg_rule_in(&r->v[k], fam))
            continue;
        const char *phrase = r->v[k].pattern;
        char pk[KEY_CAP];
        seg_place_key(phrase, strlen(phrase), pk, sizeof pk);
        int d = seg_key_distance(key, pk, max);
        if (d < bestd) {
            best = phrase;
            bestd = d;
            ties = 0;
        } else if (d == bestd && best && strcmp(best, phrase) != 0) {
            ties++;
        }
    }
    if (!best || bestd > max || (ties && bestd > 0))
        return NULL;
    *same = same_spelling(s, n, best);
    return best;
}

/* The word spans of folded f: starts and ends of runs of non-blanks. */
static size_t words_of(const char *f, size_t n, size_t *ws, size_t *we, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < cap;) {
        while (i < n && f[i] == ' ')
            i++;
        if (i == n)
            break;
        ws[k] = i;
        while (i < n && f[i] != ' ')
            i++;
        we[k++] = i;
    }
    return k;
}

/* The phrase of canon.FIELD the longest run of words from word i is (or
 * is near); *took the words it spans (0 if none), [*os, *oe) their original. */
static const char *run_at(const sohoa_rules *r, const char *field, const seg_text *vt,
                          const size_t *ws, const size_t *we, size_t nw, size_t i, size_t *took,
                          size_t *os, size_t *oe, int *same)
{
    *took = 0;
    for (size_t k = nw - i < RUN_WORDS ? nw - i : RUN_WORDS; k >= 1; k--) {
        seg_text_orig(vt, ws[i], we[i + k - 1], os, oe);
        const char *c = seg_canon(r, field, vt->o + *os, *oe - *os, same);
        if (c) {
            *took = k;
            return c;
        }
    }
    return NULL;
}

void seg_canon_value(const sohoa_rules *r, const char *field, const char *last, char **value)
{
    if (!*value)
        return;
    seg_text vt;
    seg_text_init(&vt, *value, strlen(*value));
    size_t ws[32], we[32];
    size_t nw = words_of(vt.f, vt.flen, ws, we, 32);
    sohoa_buf b = SOHOA_BUF_INIT;
    size_t done = 0, i = 0;
    int changed = 0;
    /* The grammar: a head phrase first, then (or else) a unit phrase; what
     * follows is a name ("SỞ THÔNG TIN ...", "HUYỆN PHÚC XÁ") and is left. */
    const char *fields[2] = {field, last};
    for (int f = 0; f < 2 && fields[f] && i < nw; f++) {
        size_t took, os, oe;
        int same;
        const char *c = run_at(r, fields[f], &vt, ws, we, nw, i, &took, &os, &oe, &same);
        if (!c)
            continue;
        i += took;
        if (same)
            continue;
        int lower = 0;
        for (size_t j = 0; j < vt.flen; j++)
            if (vt.fo_s[j] >= os && vt.fo_s[j] < oe)
                lower |= islower((unsigned char)vt.f[j]) != 0;
        char *form = lower ? sohoa_xstrdup(c) : seg_upper_words(c);
        sohoa_buf_append(&b, *value + done, os - done);
        sohoa_buf_puts(&b, form);
        free(form);
        done = oe;
        changed = 1;
    }
    if (changed) {
        sohoa_buf_puts(&b, *value + done);
        free(*value);
        *value = sohoa_buf_steal(&b);
    } else {
        sohoa_buf_free(&b);
    }
    seg_text_free(&vt);
}
