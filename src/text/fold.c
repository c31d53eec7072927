/* fold.c — folding text to its ASCII skeleton (sohoa_fold, sohoa_fold_keep_case
 * in include/sohoa/syllable.h). Table-driven over UTF-8: no ICU, no
 * allocation, one pass; NFC and NFD input fold the same (combining marks
 * U+0300..U+036F are dropped). The search tokenizer and the restorer call
 * this per token. */
#include "sohoa/syllable.h"
#include "sohoa/utf8.h"
#include "utf8_fast.h"
#include "letters.h"

/* Skeleton letter of a multi-byte code point: an ASCII letter, 1 to drop it
 * (combining mark), 0 to copy it unchanged. */
static int fold_cp(uint32_t cp)
{
    if (cp <= 0x24F)
        return vn_fold_lat[cp - 0x80];
    if (cp >= 0x300 && cp <= 0x36F)
        return 1;
    if (cp >= 0x1E00 && cp <= 0x1EFF)
        return vn_fold_ext[cp - 0x1E00];
    return 0;
}

static size_t fold(const char *s, size_t n, char *out, size_t cap, int lower)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, o = 0, w = 0; /* o: length needed; w: bytes written */

    /* Its ASCII start, when all of it fits, copied in one go (the whole of
     * most words of stripped text): what the loop below would write. */
    if (n < cap) {
        while (i < n && p[i] < 0x80) {
            out[i] = (char)(lower && p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]);
            i++;
        }
        o = w = i;
    }

#define PUT(ch)                                                                \
    do {                                                                       \
        if (w == o && o + 1 < cap)                                             \
            out[w++] = (char)(ch);                                             \
        o++;                                                                   \
    } while (0)

    while (i < n) {
        unsigned c = p[i];
        if (c < 0x80) {
            PUT(lower && c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        uint32_t cp;
        size_t len = utf8_next(s + i, n - i, &cp);
        if (len == 0) { /* not UTF-8: copy the byte */
            PUT(c);
            i++;
            continue;
        }
        int f = fold_cp(cp);
        if (f == 1) {
            /* dropped combining mark */
        } else if (f) {
            PUT(lower && f >= 'A' && f <= 'Z' ? f + 32 : f);
        } else {
            if (w == o && o + len < cap) /* whole characters only */
                for (size_t k = 0; k < len; k++)
                    out[w++] = (char)p[i + k];
            o += len;
        }
        i += len;
    }
#undef PUT
    if (cap > 0)
        out[w] = '\0';
    return o;
}

size_t sohoa_fold(const char *s, size_t n, char *out, size_t cap)
{
    return fold(s, n, out, cap, 1);
}

size_t sohoa_fold_keep_case(const char *s, size_t n, char *out, size_t cap)
{
    return fold(s, n, out, cap, 0);
}
