/* letters.c — composing Vietnamese letters from base + tone + case, and the
 * combining marks (see letters.h). The tone table below and the generated
 * lookup tables in letters_tab.c are both checked by tests/unit/text_*.c
 * against rows of letters written there by hand. */
#include "letters.h"
#include "codecs.h"

#include "sohoa/syllable.h"
#include "sohoa/utf8.h"

#include <string.h>

/* Each row: a vowel in the six tones (level, grave, acute, hook, tilde,
 * dot), lower case then upper case (the Unicode code chart). */
static const uint16_t TONED[12][2][6] = {
    {{0x0061, 0x00E0, 0x00E1, 0x1EA3, 0x00E3, 0x1EA1}, {0x0041, 0x00C0, 0x00C1, 0x1EA2, 0x00C3, 0x1EA0}}, /* aàáảãạ AÀÁẢÃẠ */
    {{0x0103, 0x1EB1, 0x1EAF, 0x1EB3, 0x1EB5, 0x1EB7}, {0x0102, 0x1EB0, 0x1EAE, 0x1EB2, 0x1EB4, 0x1EB6}}, /* ăằắẳẵặ ĂẰẮẲẴẶ */
    {{0x00E2, 0x1EA7, 0x1EA5, 0x1EA9, 0x1EAB, 0x1EAD}, {0x00C2, 0x1EA6, 0x1EA4, 0x1EA8, 0x1EAA, 0x1EAC}}, /* âầấẩẫậ ÂẦẤẨẪẬ */
    {{0x0065, 0x00E8, 0x00E9, 0x1EBB, 0x1EBD, 0x1EB9}, {0x0045, 0x00C8, 0x00C9, 0x1EBA, 0x1EBC, 0x1EB8}}, /* eèéẻẽẹ EÈÉẺẼẸ */
    {{0x00EA, 0x1EC1, 0x1EBF, 0x1EC3, 0x1EC5, 0x1EC7}, {0x00CA, 0x1EC0, 0x1EBE, 0x1EC2, 0x1EC4, 0x1EC6}}, /* êềếểễệ ÊỀẾỂỄỆ */
    {{0x0069, 0x00EC, 0x00ED, 0x1EC9, 0x0129, 0x1ECB}, {0x0049, 0x00CC, 0x00CD, 0x1EC8, 0x0128, 0x1ECA}}, /* iìíỉĩị IÌÍỈĨỊ */
    {{0x006F, 0x00F2, 0x00F3, 0x1ECF, 0x00F5, 0x1ECD}, {0x004F, 0x00D2, 0x00D3, 0x1ECE, 0x00D5, 0x1ECC}}, /* oòóỏõọ OÒÓỎÕỌ */
    {{0x00F4, 0x1ED3, 0x1ED1, 0x1ED5, 0x1ED7, 0x1ED9}, {0x00D4, 0x1ED2, 0x1ED0, 0x1ED4, 0x1ED6, 0x1ED8}}, /* ôồốổỗộ ÔỒỐỔỖỘ */
    {{0x01A1, 0x1EDD, 0x1EDB, 0x1EDF, 0x1EE1, 0x1EE3}, {0x01A0, 0x1EDC, 0x1EDA, 0x1EDE, 0x1EE0, 0x1EE2}}, /* ơờớởỡợ ƠỜỚỞỠỢ */
    {{0x0075, 0x00F9, 0x00FA, 0x1EE7, 0x0169, 0x1EE5}, {0x0055, 0x00D9, 0x00DA, 0x1EE6, 0x0168, 0x1EE4}}, /* uùúủũụ UÙÚỦŨỤ */
    {{0x01B0, 0x1EEB, 0x1EE9, 0x1EED, 0x1EEF, 0x1EF1}, {0x01AF, 0x1EEA, 0x1EE8, 0x1EEC, 0x1EEE, 0x1EF0}}, /* ưừứửữự ƯỪỨỬỮỰ */
    {{0x0079, 0x1EF3, 0x00FD, 0x1EF7, 0x1EF9, 0x1EF5}, {0x0059, 0x1EF2, 0x00DD, 0x1EF6, 0x1EF8, 0x1EF4}}, /* yỳýỷỹỵ YỲÝỶỸỴ */
};

/* Row of TONED for a lower-case toneless vowel, or -1. */
static int vowel_row(uint32_t base)
{
    switch (base) {
    case 'a': return 0;   case 0x103: return 1; case 0xE2: return 2;
    case 'e': return 3;   case 0xEA: return 4;  case 'i': return 5;
    case 'o': return 6;   case 0xF4: return 7;  case 0x1A1: return 8;
    case 'u': return 9;   case 0x1B0: return 10; case 'y': return 11;
    default: return -1;
    }
}

uint32_t vn_compose(uint32_t base, int tone, int upper)
{
    int r = vowel_row(base);
    if (r >= 0)
        return TONED[r][upper ? 1 : 0][tone >= 0 && tone <= 5 ? tone : 0];
    if (base == 0x111)
        return upper ? 0x110 : 0x111;
    if (upper && base >= 'a' && base <= 'z')
        return base - 32;
    return base;
}

int vn_tone_mark(uint32_t cp)
{
    switch (cp) {
    case 0x300: case 0x340: return SOHOA_TONE_GRAVE;
    case 0x301: case 0x341: return SOHOA_TONE_ACUTE;
    case 0x309: return SOHOA_TONE_HOOK;
    case 0x303: return SOHOA_TONE_TILDE;
    case 0x323: return SOHOA_TONE_DOT;
    default: return 0;
    }
}

int vn_is_quality_mark(uint32_t cp)
{
    return cp == 0x302 || cp == 0x306 || cp == 0x31B;
}

uint32_t vn_apply_quality(uint32_t base, uint32_t mark)
{
    switch (mark) {
    case 0x302:
        return base == 'a' ? 0xE2 : base == 'e' ? 0xEA : base == 'o' ? 0xF4 : 0;
    case 0x306:
        return base == 'a' ? 0x103 : 0;
    case 0x31B:
        return base == 'o' ? 0x1A1 : base == 'u' ? 0x1B0 : 0;
    default:
        return 0;
    }
}

int vn_is_vowel(uint32_t b)
{
    return vowel_row(b) >= 0;
}

size_t vn_split_char(const char *s, size_t n, uint32_t *base, int *tone, int *upper,
                     int *is_letter)
{
    uint32_t cp;
    size_t len = sohoa_utf8_decode(s, n, &cp);
    struct vn_letter l;
    if (len == 0)
        return 0;
    if (vn_letter_of(cp, &l)) {
        *base = l.base, *tone = l.tone, *upper = l.upper, *is_letter = 1;
    } else {
        *base = cp, *tone = 0, *upper = 0, *is_letter = 0;
    }
    return len;
}
