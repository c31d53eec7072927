/* encoding.c — sohoa_decode / sohoa_encode (include/sohoa/encoding.h):
 * byte-order marks, UTF-8 validation (strict or lenient), UTF-16, and the
 * per-document detection of the legacy encodings. Detection decodes a
 * sample with each candidate and keeps the one whose words are most often
 * valid Vietnamese syllables; valid UTF-8 that is not plain ASCII is never
 * re-decoded, and plain ASCII is read as VIQR only when VIQR makes
 * syllables of it. */
#include "sohoa/encoding.h"
#include "sohoa/buf.h"
#include "sohoa/syllable.h"
#include "sohoa/utf8.h"
#include "codecs.h"
#include "nfc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const NAMES[] = {"auto", "utf-8", "utf-16", "tcvn3", "vni", "viqr", "cp1258"};

const char *sohoa_encoding_name(int enc)
{
    if (enc < 0 || enc >= (int)(sizeof NAMES / sizeof NAMES[0]))
        return "unknown";
    return NAMES[enc];
}

int sohoa_encoding_parse(const char *name)
{
    static const struct {
        const char *alias;
        int enc;
    } AL[] = {
        {"auto", SOHOA_ENC_AUTO},     {"utf-8", SOHOA_ENC_UTF8},     {"utf8", SOHOA_ENC_UTF8},
        {"utf-16", SOHOA_ENC_UTF16},  {"utf16", SOHOA_ENC_UTF16},    {"tcvn3", SOHOA_ENC_TCVN3},
        {"tcvn", SOHOA_ENC_TCVN3},    {"abc", SOHOA_ENC_TCVN3},      {"vn3", SOHOA_ENC_TCVN3},
        {"vni", SOHOA_ENC_VNI},       {"vni-windows", SOHOA_ENC_VNI}, {"viqr", SOHOA_ENC_VIQR},
        {"cp1258", SOHOA_ENC_CP1258}, {"windows-1258", SOHOA_ENC_CP1258},
        {"win1258", SOHOA_ENC_CP1258},
    };
    if (!name)
        return -1;
    for (size_t i = 0; i < sizeof AL / sizeof AL[0]; i++)
        if (strcasecmp(name, AL[i].alias) == 0)
            return AL[i].enc;
    return -1;
}

/* ---- UTF-8 and UTF-16 -------------------------------------------------- */

/* Append in[0..n) as UTF-8; invalid sequences become U+FFFD if lenient,
 * else SOHOA_EINVAL naming the byte offset (plus base, the bytes skipped
 * before in, such as a BOM). */
static int take_utf8(const char *in, size_t n, size_t base, int lenient, sohoa_buf *out,
                     sohoa_err *err)
{
    size_t bad = sohoa_utf8_invalid_at(in, n);
    if (bad == (size_t)-1) {
        sohoa_buf_append(out, in, n);
        return SOHOA_OK;
    }
    if (!lenient)
        return sohoa_err_set(err, SOHOA_EINVAL, "invalid UTF-8 at byte %zu", base + bad);
    sohoa_buf_reserve(out, n + 16);
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(in + i, n - i, &cp);
        if (l == 0) {
            sohoa_buf_put_cp(out, 0xFFFD);
            i++;
        } else {
            sohoa_buf_append(out, in + i, l);
            i += l;
        }
    }
    return SOHOA_OK;
}

static int take_utf16(const char *in, size_t n, int big_endian, int lenient, sohoa_buf *out,
                      sohoa_err *err)
{
    const unsigned char *p = (const unsigned char *)in;
    size_t i = 2; /* after the BOM */
    sohoa_buf_reserve(out, n + n / 2);
    while (i < n) {
        if (i + 1 >= n)
            goto bad;
        uint32_t u = big_endian ? (uint32_t)(p[i] << 8 | p[i + 1]) : (uint32_t)(p[i + 1] << 8 | p[i]);
        size_t at = i;
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (i + 1 >= n)
                goto bad_at;
            uint32_t w = big_endian ? (uint32_t)(p[i] << 8 | p[i + 1])
                                    : (uint32_t)(p[i + 1] << 8 | p[i]);
            if (w < 0xDC00 || w > 0xDFFF)
                goto bad_at;
            i += 2;
            u = 0x10000 + ((u - 0xD800) << 10) + (w - 0xDC00);
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            goto bad_at;
        }
        sohoa_buf_put_cp(out, u);
        continue;
    bad_at:
        if (!lenient)
            return sohoa_err_set(err, SOHOA_EINVAL, "invalid UTF-16 at byte %zu", at);
        sohoa_buf_put_cp(out, 0xFFFD);
        continue;
    bad:
        if (!lenient)
            return sohoa_err_set(err, SOHOA_EINVAL, "invalid UTF-16 at byte %zu (odd length)", i);
        sohoa_buf_put_cp(out, 0xFFFD);
        i = n;
    }
    return SOHOA_OK;
}

/* ---- detection --------------------------------------------------------- */

typedef struct score {
    size_t words;  /* words holding a letter */
    size_t valid;  /* of which valid syllables */
    size_t marked; /* words with a non-ASCII letter */
    size_t marked_valid;
} score;

static int word_byte(unsigned char c)
{
    return c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static score score_text(const char *s, size_t n)
{
    score sc = {0, 0, 0, 0};
    size_t i = 0;
    while (i < n) {
        while (i < n && !word_byte((unsigned char)s[i]))
            i++;
        size_t start = i;
        int high = 0;
        while (i < n && word_byte((unsigned char)s[i]))
            high |= (unsigned char)s[i++] >= 0x80;
        if (i == start)
            break;
        int ok = sohoa_syl_valid(s + start, i - start);
        sc.words++;
        sc.valid += ok;
        sc.marked += high;
        sc.marked_valid += high && ok;
    }
    return sc;
}

/* Decode with one legacy codec (no failure except ICU missing). */
static int decode_with(int enc, const char *in, size_t n, sohoa_buf *out, sohoa_err *err)
{
    switch (enc) {
    case SOHOA_ENC_TCVN3: tcvn3_decode(in, n, out); return SOHOA_OK;
    case SOHOA_ENC_VNI: vni_decode(in, n, out); return SOHOA_OK;
    case SOHOA_ENC_VIQR: viqr_decode(in, n, out); return SOHOA_OK;
    case SOHOA_ENC_CP1258: return cp1258_decode(in, n, out, err);
    default: return sohoa_err_set(err, SOHOA_EINTERNAL, "no decoder for encoding %d", enc);
    }
}

#define SAMPLE (64 * 1024)

/* The legacy encoding under which in[] reads most as Vietnamese, or -1 if
 * none reads as Vietnamese at all. */
static int detect_legacy(const char *in, size_t n, int ascii_only)
{
    static const int CAND[] = {SOHOA_ENC_TCVN3, SOHOA_ENC_VNI, SOHOA_ENC_CP1258, SOHOA_ENC_VIQR};
    size_t m = n < SAMPLE ? n : SAMPLE;
    int best = -1;
    long best_score = 0;
    for (size_t c = 0; c < sizeof CAND / sizeof CAND[0]; c++) {
        if (ascii_only && CAND[c] != SOHOA_ENC_VIQR)
            continue;
        sohoa_buf b = SOHOA_BUF_INIT;
        if (decode_with(CAND[c], in, m, &b, NULL) != SOHOA_OK) {
            sohoa_buf_free(&b);
            continue;
        }
        score sc = score_text(sohoa_buf_cstr(&b), b.len);
        sohoa_buf_free(&b);
        /* the words the decoding marked must be syllables: half of them, or
         * 30% once there are three (lists of letters, names and foreign
         * words dilute real documents; random bytes stay far below) */
        if (!((sc.marked_valid >= 1 && sc.marked_valid * 2 >= sc.marked) ||
              (sc.marked_valid >= 3 && sc.marked_valid * 10 >= sc.marked * 3)))
            continue;
        /* plain ASCII is read as VIQR on two marked syllables at least, so
         * that an English "I'm" does not become "Ím" */
        if (ascii_only && sc.marked_valid < 2)
            continue;
        long s = (long)sc.valid * 2 - (long)(sc.words - sc.valid);
        if (best < 0 || s > best_score)
            best = CAND[c], best_score = s;
    }
    return best;
}

static int has_high_byte(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 1;
    return 0;
}

static int decode_auto(const char *in, size_t n, int lenient, sohoa_buf *out, int *used,
                       sohoa_err *err)
{
    size_t bad = sohoa_utf8_invalid_at(in, n);
    if (bad == (size_t)-1) {
        if (has_high_byte(in, n) || detect_legacy(in, n, 1) != SOHOA_ENC_VIQR) {
            *used = SOHOA_ENC_UTF8;
            sohoa_buf_append(out, in, n);
            return SOHOA_OK;
        }
        *used = SOHOA_ENC_VIQR;
        viqr_decode(in, n, out);
        return SOHOA_OK;
    }
    int enc = detect_legacy(in, n, 0);
    if (enc < 0) {
        *used = SOHOA_ENC_UTF8;
        return take_utf8(in, n, 0, lenient, out, err);
    }
    *used = enc;
    return decode_with(enc, in, n, out, err);
}

int sohoa_decode(const char *in, size_t n, int enc, unsigned flags, char **out,
                 size_t *outlen, int *detected, sohoa_err *err)
{
    sohoa_buf b = SOHOA_BUF_INIT;
    int lenient = (flags & SOHOA_DECODE_LENIENT) != 0;
    int used = enc, rc;
    const unsigned char *p = (const unsigned char *)in;
    *out = NULL;
    if (outlen)
        *outlen = 0;

    int utf8_bom = n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF;
    int utf16_bom = n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF));
    if ((enc == SOHOA_ENC_AUTO || enc == SOHOA_ENC_UTF8) && utf8_bom) {
        used = SOHOA_ENC_UTF8;
        rc = take_utf8(in + 3, n - 3, 3, lenient, &b, err);
    } else if ((enc == SOHOA_ENC_AUTO || enc == SOHOA_ENC_UTF16) && utf16_bom) {
        used = SOHOA_ENC_UTF16;
        rc = take_utf16(in, n, p[0] == 0xFE, lenient, &b, err);
    } else if (enc == SOHOA_ENC_UTF16) {
        rc = sohoa_err_set(err, SOHOA_EINVAL, "UTF-16 input needs a byte-order mark");
    } else if (enc == SOHOA_ENC_AUTO) {
        rc = decode_auto(in, n, lenient, &b, &used, err);
    } else if (enc == SOHOA_ENC_UTF8) {
        rc = take_utf8(in, n, 0, lenient, &b, err);
    } else if (enc > SOHOA_ENC_UTF16 && enc <= SOHOA_ENC_CP1258) {
        rc = decode_with(enc, in, n, &b, err);
    } else {
        rc = sohoa_err_set(err, SOHOA_EINVAL, "unknown encoding %d", enc);
    }
    if (rc != SOHOA_OK) {
        sohoa_buf_free(&b);
        return rc;
    }
    if (detected)
        *detected = used;
    if (outlen)
        *outlen = b.len;
    *out = sohoa_buf_steal(&b);
    return SOHOA_OK;
}

/* ---- encoding ---------------------------------------------------------- */

int sohoa_encode(const char *utf8, size_t n, int enc, char **out, size_t *outlen,
                 sohoa_err *err)
{
    sohoa_buf b = SOHOA_BUF_INIT;
    size_t bad_at = 0;
    int rc;
    *out = NULL;
    size_t inv = sohoa_utf8_invalid_at(utf8, n);
    if (inv != (size_t)-1)
        return sohoa_err_set(err, SOHOA_EINVAL, "invalid UTF-8 at byte %zu", inv);
    /* the encoders read NFC letters */
    sohoa_norm_nfc_into(utf8, n, &b);
    char *nfc = sohoa_buf_steal(&b);
    size_t nn = strlen(nfc);
    switch (enc) {
    case SOHOA_ENC_UTF8: sohoa_buf_append(&b, nfc, nn); rc = SOHOA_OK; break;
    case SOHOA_ENC_UTF16:
        rc = SOHOA_OK;
        sohoa_buf_append(&b, "\xFF\xFE", 2);
        for (size_t i = 0; i < nn;) {
            uint32_t cp;
            i += sohoa_utf8_decode(nfc + i, nn - i, &cp);
            uint16_t units[2];
            int k = 0;
            if (cp >= 0x10000) {
                units[k++] = (uint16_t)(0xD800 + ((cp - 0x10000) >> 10));
                units[k++] = (uint16_t)(0xDC00 + ((cp - 0x10000) & 0x3FF));
            } else {
                units[k++] = (uint16_t)cp;
            }
            for (int j = 0; j < k; j++) {
                sohoa_buf_putc(&b, (char)(units[j] & 0xFF));
                sohoa_buf_putc(&b, (char)(units[j] >> 8));
            }
        }
        break;
    case SOHOA_ENC_TCVN3: rc = tcvn3_encode(nfc, nn, &b, &bad_at); break;
    case SOHOA_ENC_VNI: rc = vni_encode(nfc, nn, &b, &bad_at); break;
    case SOHOA_ENC_VIQR: rc = viqr_encode(nfc, nn, &b, &bad_at); break;
    case SOHOA_ENC_CP1258: rc = cp1258_encode(nfc, nn, &b, &bad_at, err); break;
    default: rc = sohoa_err_set(err, SOHOA_EINVAL, "cannot encode to %s", sohoa_encoding_name(enc));
    }
    if (rc == SOHOA_EINVAL && enc >= SOHOA_ENC_TCVN3) {
        uint32_t cp;
        sohoa_utf8_decode(nfc + bad_at, nn - bad_at, &cp);
        sohoa_err_set(err, SOHOA_EINVAL, "U+%04X at byte %zu (of the NFC text) has no code in %s",
                      (unsigned)cp, bad_at, sohoa_encoding_name(enc));
    }
    free(nfc);
    if (rc != SOHOA_OK) {
        sohoa_buf_free(&b);
        return rc;
    }
    if (outlen)
        *outlen = b.len;
    *out = sohoa_buf_steal(&b);
    return SOHOA_OK;
}
