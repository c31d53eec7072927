/* syllable.h — the Vietnamese syllable: the one model every stage shares.
 *
 * A syllable is onset + (glide) + nucleus + (coda) + tone. This module parses
 * a token into those parts, validates it, folds it to its ASCII skeleton
 * (đ→d, every mark dropped, lower case), generates every toned form of a
 * skeleton, and places the tone mark by a convention:
 *   SOHOA_TONE_NEW (default, as in state documents): hòa, thủy, khỏe
 *   SOHOA_TONE_OLD:                                   hoà, thuỷ, khoẻ
 * (quý, giữa, quá are the same in both.)
 * The restorer's candidates, the search tokenizer's folding and the
 * segmenter's tolerant heading match all come from here.
 *
 * All strings are UTF-8. Input may be NFC or NFD; output is NFC.
 * Thread-safe: no mutable global state (tables are const).
 *
 * Conventions (decided here, relied on by the tests):
 * - "qu" and "gi" are onsets: quý = qu + y, giữa = gi + ưa. When gi stands
 *   before no vowel or before ê, its i is also the nucleus: gìn = gi + i + n,
 *   giếng = gi + iê + ng.
 * - Case: all lower, first letter upper, or all upper (NHÂN parses with
 *   upper = 2). Mixed case (NHÂn) is not a syllable. A one-letter upper-case
 *   token has upper = 1.
 * - Syllables with a stop coda (c ch p t) take only the acute or dot tone:
 *   "hoc" is not a syllable, "học" is.
 * - Spelling rules of c/k, g/gh, ng/ngh are enforced (ghá, ce, ngi are not
 *   syllables), except that k may stand before any vowel and ă may take the
 *   coda k, for the place names of the Central Highlands (Kon Tum, Đắk Lắk).
 * - Output functions behave like snprintf (return the length needed) but
 *   never write half a character when truncating. */
#ifndef SOHOA_SYLLABLE_H
#define SOHOA_SYLLABLE_H

#include <stddef.h>
#include <stdint.h>

enum sohoa_tone {
    SOHOA_TONE_LEVEL = 0, /* ngang: a */
    SOHOA_TONE_GRAVE,     /* huyền: à */
    SOHOA_TONE_ACUTE,     /* sắc:   á */
    SOHOA_TONE_HOOK,      /* hỏi:   ả */
    SOHOA_TONE_TILDE,     /* ngã:   ã */
    SOHOA_TONE_DOT        /* nặng:  ạ */
};

enum sohoa_tone_style { SOHOA_TONE_NEW = 0, SOHOA_TONE_OLD = 1 };

/* Parts of a parsed syllable, lower-cased, without the tone mark (vowel
 * quality marks kept: â ă ê ô ơ ư, and đ). */
typedef struct sohoa_syl {
    char onset[8];    /* "", "b", "ch", "ngh", "gi", "qu", "đ" ... */
    char glide[4];    /* "", "o", "u" (as in hoa, thuy; quy has onset qu, no glide) */
    char nucleus[12]; /* "a", "ươ", "iê", "uô", "ia", "yê" ... */
    char coda[4];     /* "", "c", "ch", "m", "n", "ng", "nh", "p", "t", "k", "i", "y", "o", "u" */
    int tone;         /* enum sohoa_tone */
    int upper;        /* 0 all lower, 1 first letter upper, 2 all upper */
} sohoa_syl;

/* Parse s[0..n) as one Vietnamese syllable. Returns 1 and fills *out (if
 * non-NULL) when valid; 0 when not a syllable (including foreign words,
 * numbers, and misplaced or double tone marks). */
int sohoa_syl_parse(const char *s, size_t n, sohoa_syl *out);

/* 1 if s[0..n) is a valid Vietnamese syllable (any case, either tone style). */
int sohoa_syl_valid(const char *s, size_t n);

/* Fold s[0..n) to its ASCII skeleton: every Vietnamese letter loses its marks,
 * đ/Đ becomes d, everything is lower-cased; other characters: ASCII is
 * lower-cased, other Latin letters with diacritics lose them, anything else
 * is copied unchanged. Writes a NUL-terminated string into out (cap bytes) and
 * returns its length; if cap is too small the output is truncated and the
 * needed length (excluding NUL) is returned, as snprintf does.
 * The output is never longer than the input. */
size_t sohoa_fold(const char *s, size_t n, char *out, size_t cap);

/* Fold keeping case (for display-preserving matching). Same contract. */
size_t sohoa_fold_keep_case(const char *s, size_t n, char *out, size_t cap);

/* Every valid lower-case toned syllable whose skeleton is `skeleton` (ASCII,
 * lower case), in NFC with tone placement `style`. Calls fn(form, len, ctx)
 * for each; stops early if fn returns non-zero. Returns the number of forms
 * generated. */
size_t sohoa_syl_forms(const char *skeleton, int style,
                       int (*fn)(const char *form, size_t len, void *ctx), void *ctx);

/* Re-place the tone mark of a valid syllable by `style`, keeping its case.
 * Writes NFC into out; returns the length, or 0 (out untouched) if s is not a
 * valid syllable — callers then keep the token as it was. */
size_t sohoa_syl_retone(const char *s, size_t n, int style, char *out, size_t cap);

/* Compose a syllable from parts (inverse of parse) in `style`, applying
 * p->upper. Returns the length written (NFC), snprintf-like; 0 (and "" in
 * out) if the parts do not make a valid syllable. */
size_t sohoa_syl_format(const sohoa_syl *p, int style, char *out, size_t cap);

/* The tone of s[0..n) (SOHOA_TONE_*), and the string without its tone mark
 * (vowel qualities and case kept, NFC) in out (NUL-terminated, truncated to
 * cap). Works on any token, syllable or not; with several tone marks the
 * first one is returned and all are removed. */
int sohoa_syl_strip_tone(const char *s, size_t n, char *out, size_t cap);

#endif
