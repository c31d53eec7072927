/* letters.h — internal to src/text: the Vietnamese letters as data.
 *
 * A Vietnamese letter is a base (lower case, vowel quality kept: a ă â e ê i
 * o ô ơ u ư y, or đ), a tone (enum sohoa_tone) and a case. The tables map
 * precomposed code points to that triple and back, and fold any Latin letter
 * to its ASCII skeleton. All tables are const; nothing here allocates. */
#ifndef SOHOA_TEXT_LETTERS_H
#define SOHOA_TEXT_LETTERS_H

#include <stdint.h>

struct vn_letter {
    uint16_t base;  /* lower-case base code point without tone; 0 = not a letter */
    uint8_t tone;   /* enum sohoa_tone */
    uint8_t upper;  /* 1 if the code point is upper case */
};

/* Generated from the Unicode canonical decompositions (letters_tab.c). Only
 * letters that carry a tone or a vowel-quality mark (and Đ đ) have entries. */
extern const struct vn_letter vn_letters_lat[0x1B0 - 0xC0 + 1];
extern const struct vn_letter vn_letters_ext[0x1EF9 - 0x1EA0 + 1];
/* ASCII skeleton letter (case kept) of U+0080..U+024F and U+1E00..U+1EFF;
 * '\0' where the code point is not a Latin letter with diacritics. */
extern const char vn_fold_lat[0x24F - 0x80 + 1];
extern const char vn_fold_ext[0x1EFF - 0x1E00 + 1];

/* Fill *l for cp if cp is a Vietnamese letter with a mark (table above) or a
 * plain ASCII vowel/consonant letter; returns 0 otherwise. */
static inline int vn_letter_of(uint32_t cp, struct vn_letter *l)
{
    if (cp < 0x80) {
        if (cp >= 'a' && cp <= 'z') {
            l->base = (uint16_t)cp, l->tone = 0, l->upper = 0;
            return 1;
        }
        if (cp >= 'A' && cp <= 'Z') {
            l->base = (uint16_t)(cp + 32), l->tone = 0, l->upper = 1;
            return 1;
        }
        return 0;
    }
    if (cp >= 0xC0 && cp <= 0x1B0)
        *l = vn_letters_lat[cp - 0xC0];
    else if (cp >= 0x1EA0 && cp <= 0x1EF9)
        *l = vn_letters_ext[cp - 0x1EA0];
    else
        return 0;
    return l->base != 0;
}

/* The precomposed code point of base (lower case, from the set above) with
 * tone, in upper case if upper; base itself (cased) if it takes no tones. */
uint32_t vn_compose(uint32_t base, int tone, int upper);

/* SOHOA_TONE_* of a combining tone mark (U+0300 U+0301 U+0303 U+0309 U+0323,
 * and the deprecated U+0340 U+0341), or 0 if cp is not one. */
int vn_tone_mark(uint32_t cp);

/* 1 if cp is a combining vowel-quality mark (U+0302 circumflex, U+0306
 * breve, U+031B horn). */
int vn_is_quality_mark(uint32_t cp);

/* base with quality mark applied (a+U+0302 = â ...), or 0 if it does not
 * apply to that base. */
uint32_t vn_apply_quality(uint32_t base, uint32_t mark);

/* 1 if base (lower case, toneless) is one of the 12 Vietnamese vowels. */
int vn_is_vowel(uint32_t base);

#endif
