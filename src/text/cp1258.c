/* cp1258.c — Windows-1258 through ICU's "windows-1258" converter. Its tone
 * marks are combining characters (and a few toned letters are precomposed),
 * so decoded text is composed to NFC with ICU's normaliser; the encoder
 * writes each toned vowel as base letter + combining tone mark, the way
 * Windows itself produced these files. */
#include "codecs.h"
#include "letters.h"

#include <unicode/ucnv.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include <stdlib.h>

static UConverter *open_cp1258(sohoa_err *err)
{
    UErrorCode st = U_ZERO_ERROR;
    UConverter *c = ucnv_open("windows-1258", &st);
    if (U_FAILURE(st)) {
        sohoa_err_set(err, SOHOA_EUNSUPPORTED, "ICU has no windows-1258 converter (%s)",
                      u_errorName(st));
        return NULL;
    }
    return c;
}

int cp1258_decode(const char *in, size_t n, sohoa_buf *out, sohoa_err *err)
{
    UConverter *c = open_cp1258(err);
    if (!c)
        return SOHOA_EUNSUPPORTED;
    UErrorCode st = U_ZERO_ERROR;
    /* every byte is one UTF-16 unit in a single-byte charset */
    UChar *u = sohoa_xmalloc((n + 1) * sizeof *u);
    int32_t ul = ucnv_toUChars(c, u, (int32_t)n + 1, in, (int32_t)n, &st);
    ucnv_close(c);
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    int32_t vcap = (int32_t)(2 * n + 16); /* NFC never more than doubles */
    UChar *v = sohoa_xmalloc((size_t)vcap * sizeof *v);
    int32_t vl = U_SUCCESS(st) ? unorm2_normalize(nfc, u, ul, v, vcap, &st) : 0;
    if (U_SUCCESS(st)) {
        int32_t need = 0;
        UErrorCode s2 = U_ZERO_ERROR;
        u_strToUTF8(NULL, 0, &need, v, vl, &s2);
        sohoa_buf_reserve(out, (size_t)need + 1);
        st = U_ZERO_ERROR;
        u_strToUTF8(out->data + out->len, (int32_t)(out->cap - out->len), &need, v, vl, &st);
        if (U_SUCCESS(st)) {
            out->len += (size_t)need;
            out->data[out->len] = '\0';
        }
    }
    free(u);
    free(v);
    if (U_FAILURE(st))
        return sohoa_err_set(err, SOHOA_EINTERNAL, "windows-1258 decoding failed (%s)",
                             u_errorName(st));
    return SOHOA_OK;
}

/* Encode the UTF-16 units u[0..n) with the converter; 0 if unmappable. */
static int put_units(UConverter *c, const UChar *u, int32_t n, sohoa_buf *out)
{
    char b[16];
    UErrorCode st = U_ZERO_ERROR;
    ucnv_setFromUCallBack(c, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
    int32_t l = ucnv_fromUChars(c, b, sizeof b, u, n, &st);
    if (U_FAILURE(st))
        return 0;
    sohoa_buf_append(out, b, (size_t)l);
    return 1;
}

static const UChar TONE_MARKS[6] = {0, 0x300, 0x301, 0x309, 0x303, 0x323};

int cp1258_encode(const char *utf8, size_t n, sohoa_buf *out, size_t *bad_at,
                  sohoa_err *err)
{
    UConverter *c = open_cp1258(err);
    if (!c)
        return SOHOA_EUNSUPPORTED;
    size_t i = 0;
    int rc = SOHOA_OK;
    while (i < n) {
        uint32_t base;
        int tone, upper, letter;
        size_t len = vn_split_char(utf8 + i, n - i, &base, &tone, &upper, &letter);
        UChar u[3];
        int32_t ul = 0;
        if (len == 0) {
            rc = SOHOA_EINVAL;
        } else if (letter) {
            u[ul++] = (UChar)vn_compose(base, 0, upper);
            if (tone)
                u[ul++] = TONE_MARKS[tone];
        } else {
            U16_APPEND_UNSAFE(u, ul, base);
        }
        if (rc != SOHOA_OK || !put_units(c, u, ul, out)) {
            *bad_at = i;
            rc = SOHOA_EINVAL;
            break;
        }
        i += len;
    }
    ucnv_close(c);
    return rc;
}
