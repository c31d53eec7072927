/* letters.c — composing Vietnamese letters from base + tone + case, and the
 * combining marks (see letters.h). The rows below are the readable source of
 * truth; the generated lookup tables in letters_tab.c are tested against them. */
#include "letters.h"
#include "codecs.h"

#include "sohoa/syllable.h"
#include "sohoa/utf8.h"

#include <string.h>

/* Each row: the base in the six tones (level, grave, acute, hook, tilde,
 * dot), lower case then upper case. */
static const char *const ROWS[] = {
    "aàáảãạAÀÁẢÃẠ", "ăằắẳẵặĂẰẮẲẴẶ", "âầấẩẫậÂẦẤẨẪẬ",
    "eèéẻẽẹEÈÉẺẼẸ", "êềếểễệÊỀẾỂỄỆ", "iìíỉĩịIÌÍỈĨỊ",
    "oòóỏõọOÒÓỎÕỌ", "ôồốổỗộÔỒỐỔỖỘ", "ơờớởỡợƠỜỚỞỠỢ",
    "uùúủũụUÙÚỦŨỤ", "ưừứửữựƯỪỨỬỮỰ", "yỳýỷỹỵYỲÝỶỸỴ",
};

uint32_t vn_compose(uint32_t base, int tone, int upper)
{
    char first[4];
    size_t fl = sohoa_utf8_encode(base, first);
    if (tone < 0 || tone > 5)
        tone = 0;
    for (size_t r = 0; r < sizeof ROWS / sizeof ROWS[0]; r++) {
        const char *s = ROWS[r];
        if (memcmp(s, first, fl) != 0)
            continue;
        size_t n = strlen(s), off = 0;
        int want = tone + (upper ? 6 : 0);
        uint32_t cp = 0;
        for (int k = 0; k <= want; k++)
            off += sohoa_utf8_decode(s + off, n - off, &cp);
        return cp;
    }
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
    switch (b) {
    case 'a': case 0x103: case 0xE2: case 'e': case 0xEA: case 'i':
    case 'o': case 0xF4: case 0x1A1: case 'u': case 0x1B0: case 'y':
        return 1;
    default:
        return 0;
    }
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
