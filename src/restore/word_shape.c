/* word_shape.c — what a printed word looks like: a form written in a
 * case pattern (sohoa_case_pattern, the text layer's, tells the pattern),
 * whether its letters can be a Vietnamese syllable or spell a skeleton the
 * model knows. Owner: restore (issue #12). */
#include "restore_int.h"

#include <string.h>
#include <unicode/uchar.h>
#include "sohoa/syllable.h"
#include "sohoa/utf8.h"

size_t rs_apply_case(const char *s, int upper, char *out, size_t cap)
{
    size_t n = strlen(s), o = 0;
    int first = 1;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(s + i, n - i, &cp);
        if (l == 0) {
            cp = (unsigned char)s[i];
            l = 1;
        }
        /* only the letters to capitalise need ICU; "first" matters only
         * while one is still wanted */
        int want = upper == 2 || (upper == 1 && first);
        if (want && cp < 0x80) {
            if ((unsigned)((cp | 32) - 'a') < 26) {
                if (cp >= 'a')
                    cp -= 32;
                first = 0;
            }
        } else if (want && u_isalpha((UChar32)cp)) {
            cp = (uint32_t)u_toupper((UChar32)cp);
            first = 0;
        }
        char enc[4];
        size_t el = sohoa_utf8_encode(cp, enc);
        if (o + el < cap) {
            memcpy(out + o, enc, el);
        }
        o += el;
        i += l;
    }
    if (cap)
        out[o < cap ? o : cap - 1] = '\0';
    return o;
}

static int stop_at_first(const char *form, size_t len, void *ctx)
{
    (void)form, (void)len, (void)ctx;
    return 1;
}

/* 1 if the letter run s[0..n) can be a Vietnamese syllable: valid as
 * printed, or printed without its marks (tiet, Duong: the skeleton of some
 * valid syllable). */
int rs_syllable_run(const char *s, size_t n)
{
    if (sohoa_syl_valid(s, n))
        return 1;
    char fb[32];
    size_t fl = sohoa_fold(s, n, fb, sizeof fb);
    return fl < sizeof fb && sohoa_syl_forms(fb, 0, stop_at_first, NULL) > 0;
}

/* Whether some Vietnamese syllable or some word of the model lm has the
 * skeleton of s[0..n) (Nguyen: nguyễn, Kito: kitô; not Myo, PLA). */
int rs_syllable_skeleton(const sohoa_lm *lm, const char *s, size_t n)
{
    char f[64];
    const uint16_t *ids;
    size_t fl = sohoa_fold(s, n, f, sizeof f);
    return fl >= sizeof f || sohoa_syl_forms(f, SOHOA_TONE_NEW, stop_at_first, NULL) > 0 ||
           sohoa_lm_skeleton_forms(lm, f, fl, &ids) > 0;
}
