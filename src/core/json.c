/* json.c — jansson builders shared by every layer that writes JSON
 * (include/sohoa/json.h). Strings that are not valid UTF-8 (a file name in
 * a legacy encoding, say) are kept with U+FFFD for each bad byte rather
 * than dropped: jansson refuses them outright. */
#include "sohoa/json.h"

#include <stdlib.h>
#include <string.h>

/* Length of the well-formed UTF-8 sequence at s[0..n), or 0 if none starts
 * there (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return c ? 1 : 0;
    size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 0 || len > n)
        return 0;
    unsigned lo = 0x80, hi = 0xBF; /* the allowed range of the second byte */
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return len;
}

/* s with each byte that starts no well-formed sequence replaced by U+FFFD. */
static json_t *string_lossy(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(3 * n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t k = utf8_seq((const unsigned char *)s + i, n - i);
        if (k) {
            memcpy(out + o, s + i, k);
            o += k;
            i += k;
        } else {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        }
    }
    json_t *j = json_stringn(out, o);
    free(out);
    return j;
}

json_t *sohoa_json_string(const char *s)
{
    json_t *j = json_string(s);
    return j ? j : string_lossy(s);
}

json_t *sohoa_json_string_or_null(const char *s)
{
    return s ? sohoa_json_string(s) : json_null();
}

json_t *sohoa_json_string_array(char *const *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, sohoa_json_string(v[i]));
    return a;
}

json_t *sohoa_json_alternatives(char *const alts[3])
{
    size_t n = 0;
    while (n < 3 && alts[n])
        n++;
    return sohoa_json_string_array(alts, n);
}

void sohoa_json_set_word(json_t *o, const char *original, const char *restored, double conf,
                         char *const alts[3])
{
    json_object_set_new(o, "original", sohoa_json_string_or_null(original));
    json_object_set_new(o, "restored", sohoa_json_string_or_null(restored));
    json_object_set_new(o, "confidence", json_real((double)(long)(conf * 1000 + 0.5) / 1000));
    json_object_set_new(o, "alternatives", sohoa_json_alternatives(alts));
}
