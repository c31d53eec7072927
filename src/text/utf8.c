/* utf8.c — UTF-8 decode, encode and validation without ICU (include/sohoa/utf8.h).
 * Strict RFC 3629: overlong forms, surrogates and code points above
 * U+10FFFF are invalid. These run on every token, so they avoid branches
 * where they can and never allocate. */
#include "sohoa/utf8.h"

#include <string.h>

#include "utf8_fast.h"

size_t sohoa_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t c, min;
    size_t len;

    *cp = 0xFFFD;
    if (n == 0)
        return 0;
    c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c < 0xC2)
        return 0; /* continuation byte or overlong 2-byte lead */
    if (c < 0xE0) {
        len = 2, c &= 0x1F, min = 0x80;
    } else if (c < 0xF0) {
        len = 3, c &= 0x0F, min = 0x800;
    } else if (c < 0xF5) {
        len = 4, c &= 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (p[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

size_t sohoa_utf8_encode(uint32_t cp, char *out)
{
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        cp = 0xFFFD; /* surrogates and what lies beyond Unicode are not characters */
    if (cp < 0x10000)
        return utf8_put(cp, out);
    unsigned char *o = (unsigned char *)out;
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* 1 if the 8 bytes at p are all ASCII. */
static int ascii8(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return (w & 0x8080808080808080ULL) == 0;
}

size_t sohoa_utf8_invalid_at(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    uint32_t cp;

    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) {
            while (i + 8 <= n && ascii8(p + i))
                i += 8;
            while (i < n && p[i] < 0x80)
                i++;
            continue;
        }
        /* the common cases inline: 2-byte, and 3-byte without the overlong
         * (E0) and surrogate (ED) lead bytes */
        if (c >= 0xC2 && c < 0xE0 && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
            i += 2;
            continue;
        }
        if (c >= 0xE1 && c < 0xF0 && c != 0xED && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
            (p[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        size_t len = sohoa_utf8_decode(s + i, n - i, &cp);
        if (len == 0)
            return i;
        i += len;
    }
    return (size_t)-1;
}
