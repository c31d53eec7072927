/* utf8_fast.h — internal to src/text: an inlined UTF-8 decoder for the hot
 * loops (folding, normalisation). Same contract as sohoa_utf8_decode. */
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

#endif
