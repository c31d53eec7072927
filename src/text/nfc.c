/* nfc.c — NFC composition of UTF-8 text with ICU (nfc.h). ICU works on
 * UTF-16, so the text is converted only when its quick check says it may
 * not be NFC; the check itself skips ASCII without converting. */
#include "nfc.h"

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include <stdlib.h>

/* 1 if no byte of s could start a code point that NFC might change: ASCII
 * and the Vietnamese precomposed range are composed already; combining
 * marks (U+0300..U+036F: CC 80 - CD AF) and other scripts need ICU's check. */
static int surely_nfc(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (c < 0x80)
            continue;
        if (c == 0xCC || c == 0xCD)
            return 0; /* combining diacritical marks */
        if (c >= 0xC2 && c <= 0xCB) { /* Latin-1 .. spacing modifiers */
            i++;
            continue;
        }
        if (c == 0xE1 && i + 2 < n && p[i + 1] == 0xBA && p[i + 2] >= 0xA0) {
            i += 2; /* U+1EA0.. Vietnamese */
            continue;
        }
        if (c == 0xE1 && i + 2 < n && p[i + 1] == 0xBB) {
            i += 2; /* ..U+1EFF */
            continue;
        }
        if (c == 0xE2 && i + 2 < n && (p[i + 1] == 0x80 || p[i + 1] == 0x82)) {
            i += 2; /* general punctuation, currency */
            continue;
        }
        return 0;
    }
    return 1;
}

void sohoa_norm_nfc_into(const char *s, size_t n, sohoa_buf *out)
{
    if (surely_nfc(s, n)) {
        sohoa_buf_append(out, s, n);
        return;
    }
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    int32_t ul = 0;
    UChar *u = sohoa_xmalloc((n + 1) * sizeof *u);
    u_strFromUTF8(u, (int32_t)n + 1, &ul, s, (int32_t)n, &st);
    if (U_SUCCESS(st) && unorm2_quickCheck(nfc, u, ul, &st) == UNORM_YES && U_SUCCESS(st)) {
        free(u);
        sohoa_buf_append(out, s, n);
        return;
    }
    st = U_ZERO_ERROR;
    int32_t vcap = 2 * ul + 16;
    UChar *v = sohoa_xmalloc((size_t)vcap * sizeof *v);
    int32_t vl = unorm2_normalize(nfc, u, ul, v, vcap, &st);
    if (U_FAILURE(st)) { /* cannot happen for valid UTF-8; keep the text */
        free(u);
        free(v);
        sohoa_buf_append(out, s, n);
        return;
    }
    int32_t need = 0;
    UErrorCode s2 = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &need, v, vl, &s2);
    sohoa_buf_reserve(out, (size_t)need + 1);
    st = U_ZERO_ERROR;
    u_strToUTF8(out->data + out->len, (int32_t)(out->cap - out->len), &need, v, vl, &st);
    out->len += (size_t)need;
    out->data[out->len] = '\0';
    free(u);
    free(v);
}
