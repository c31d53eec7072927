/* utf8_fast.h — internal to src/text: an inlined UTF-8 decoder for the hot
 * loops (folding, normalisation, syllables), and an inlined encoder. Same
 * contracts as sohoa_utf8_decode and sohoa_utf8_encode. */
#ifndef SOHOA_TEXT_UTF8_FAST_H
#define SOHOA_TEXT_UTF8_FAST_H

#include <stddef.h>
#include <stdint.h>

#include "sohoa/utf8.h"

static inline size_t utf8_next(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    if (n >= 1 && p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    if (n >= 2 && p[0] >= 0xC2 && p[0] < 0xE0 && (p[1] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
        return 2;
    }
    if (n >= 3 && p[0] >= 0xE1 && p[0] < 0xED && (p[1] & 0xC0) == 0x80 &&
        (p[2] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        return 3;
    }
    return sohoa_utf8_decode(s, n, cp);
}

/* Encode cp into out (room for 4 bytes): the same bytes as
 * sohoa_utf8_encode, inlined up to three-byte characters. */
static inline size_t utf8_put(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000 && (cp < 0xD800 || cp > 0xDFFF)) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    return sohoa_utf8_encode(cp, out);
}

#endif
