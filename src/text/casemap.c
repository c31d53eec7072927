/* casemap.c — Vietnamese case mapping with ICU (sohoa_to_lower/upper in
 * include/sohoa/normalize.h), locale "vi". Invalid UTF-8 becomes U+FFFD.
 * And a word's case pattern (sohoa_case_pattern), which the restorer keeps
 * and `sohoa lm adapt` reads names by. */
#include "sohoa/normalize.h"
#include "sohoa/buf.h"

#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include <stdlib.h>
#include "sohoa/utf8.h"

typedef int32_t (*case_fn)(UChar *, int32_t, const UChar *, int32_t, const char *, UErrorCode *);

static char *map_case(const char *s, size_t n, case_fn fn)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t ul = 0;
    UChar *u = sohoa_xmalloc((n + 1) * sizeof *u);
    u_strFromUTF8WithSub(u, (int32_t)n + 1, &ul, s, (int32_t)n, 0xFFFD, NULL, &st);
    int32_t vcap = 2 * ul + 16; /* case mapping can grow (ß → SS) */
    UChar *v = sohoa_xmalloc((size_t)vcap * sizeof *v);
    st = U_ZERO_ERROR;
    int32_t vl = fn(v, vcap, u, ul, "vi", &st);
    if (U_FAILURE(st))
        vl = 0;
    int32_t need = 0;
    UErrorCode s2 = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &need, v, vl, &s2);
    char *out = sohoa_xmalloc((size_t)need + 1);
    st = U_ZERO_ERROR;
    u_strToUTF8(out, need + 1, &need, v, vl, &st);
    out[need] = '\0';
    free(u);
    free(v);
    return out;
}

char *sohoa_to_lower(const char *s, size_t n)
{
    return map_case(s, n, u_strToLower);
}

char *sohoa_to_upper(const char *s, size_t n)
{
    return map_case(s, n, u_strToUpper);
}

int sohoa_case_pattern(const char *s, size_t n)
{
    int letters = 0, uppers = 0, first_upper = -1;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { /* ASCII without ICU: the letters are A-Z a-z */
            if ((unsigned)((c | 32) - 'a') < 26) {
                int up = c < 'a';
                if (first_upper < 0)
                    first_upper = up;
                letters++;
                uppers += up;
            }
            i++;
            continue;
        }
        uint32_t cp;
        size_t l = sohoa_utf8_decode(s + i, n - i, &cp);
        if (l == 0)
            l = 1;
        if (u_isalpha((UChar32)cp)) {
            int up = u_isupper((UChar32)cp) || u_istitle((UChar32)cp);
            if (first_upper < 0)
                first_upper = up;
            letters++;
            uppers += up;
        }
        i += l;
    }
    if (letters >= 2 && uppers == letters)
        return 2;
    if (uppers > (first_upper == 1 ? 1 : 0))
        return 3; /* mixed: VPBank, iPhone */
    return first_upper == 1 ? 1 : 0;
}
