/* tcvn3.c — the TCVN3 (ABC, TCVN 5712:1993 VN3) byte encoding of the .VnTime
 * fonts. The table is the published code chart: bytes 0xA1..0xFE hold the
 * vowel-quality letters and every lower-case toned vowel. Upper-case toned
 * letters have no codes of their own (documents took them from the .VnTimeH
 * font with the lower-case codes), so they decode as lower case and encode
 * to the lower-case code. Bytes the chart leaves empty read as Windows-1252. */
#include "codecs.h"
#include "letters.h"

#include "sohoa/utf8.h"

static const uint16_t TCVN3[96] = {
    /* A0 */ 0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110, /* . Ă Â Ê Ô Ơ Ư Đ */
    /* A8 */ 0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0, /* ă â ê ô ơ ư đ . */
    /* B0 */ 0, 0, 0, 0, 0, 0x00E0, 0x1EA3, 0x00E3, /* . . . . . à ả ã */
    /* B8 */ 0x00E1, 0x1EA1, 0, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0, /* á ạ . ằ ẳ ẵ ắ . */
    /* C0 */ 0, 0, 0, 0, 0, 0, 0x1EB7, 0x1EA7, /* . . . . . . ặ ầ */
    /* C8 */ 0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0, 0x1EBB, 0x1EBD, /* ẩ ẫ ấ ậ è . ẻ ẽ */
    /* D0 */ 0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC, /* é ẹ ề ể ễ ế ệ ì */
    /* D8 */ 0x1EC9, 0, 0, 0, 0x0129, 0x00ED, 0x1ECB, 0x00F2, /* ỉ . . . ĩ í ị ò */
    /* E0 */ 0, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7, /* . ỏ õ ó ọ ồ ổ ỗ */
    /* E8 */ 0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9, /* ố ộ ờ ở ỡ ớ ợ ù */
    /* F0 */ 0, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF, /* . ủ ũ ú ụ ừ ử ữ */
    /* F8 */ 0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0, /* ứ ự ỳ ỷ ỹ ý ỵ . */
};

void tcvn3_decode(const char *in, size_t n, sohoa_buf *out)
{
    const unsigned char *p = (const unsigned char *)in;
    sohoa_buf_reserve(out, n + n / 2);
    for (size_t i = 0; i < n; i++) {
        unsigned char b = p[i];
        if (b < 0x80)
            sohoa_buf_putc(out, (char)b);
        else if (b >= 0xA0 && TCVN3[b - 0xA0])
            sohoa_buf_put_cp(out, TCVN3[b - 0xA0]);
        else
            sohoa_buf_put_cp(out, cp1252_byte(b));
    }
}

/* The TCVN3 byte of cp, or 0. */
static int tcvn3_byte(uint32_t cp)
{
    for (int k = 0; k < 96; k++)
        if (TCVN3[k] == cp)
            return 0xA0 + k;
    return 0;
}

int tcvn3_encode(const char *utf8, size_t n, sohoa_buf *out, size_t *bad_at)
{
    size_t i = 0;
    while (i < n) {
        uint32_t base, cp;
        int tone, upper, letter;
        size_t len = vn_split_char(utf8 + i, n - i, &base, &tone, &upper, &letter);
        if (len == 0) {
            *bad_at = i;
            return SOHOA_EINVAL;
        }
        if (!letter && base < 0x80) {
            sohoa_buf_putc(out, (char)base);
            i += len;
            continue;
        }
        int b = 0;
        if (letter) {
            /* toned capitals share the lower-case codes (.VnTimeH) */
            cp = vn_compose(base, tone, upper && tone == 0);
            b = cp < 0x80 ? (int)cp : tcvn3_byte(cp);
        }
        if (!b) {
            *bad_at = i;
            return SOHOA_EINVAL;
        }
        sohoa_buf_putc(out, (char)b);
        i += len;
    }
    return SOHOA_OK;
}
