/* text_encoding.c — tests of decoding and encoding (src/text/encoding.c and
 * the codecs): round trips of every Vietnamese letter through each legacy
 * encoding, hand-checked byte strings from the published charts, detection,
 * byte-order marks, and errors with byte offsets. */
#include "harness.h"
#include "sohoa/encoding.h"

#include <stdlib.h>

/* Every Vietnamese letter in both cases, in a text we wrote. */
static const char ALL_LOWER[] =
    "aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ "
    "uùúủũụ ưừứửữự yỳýỷỹỵ đ bcdghklmnpqrstvx\n"
    "Cộng hòa xã hội chủ nghĩa Việt Nam - Độc lập, Tự do, Hạnh phúc. "
    "Quyết định số 12/2024 về việc khuyến khích người dân.\n";
static const char ALL_UPPER[] =
    "AÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ EÈÉẺẼẸ ÊỀẾỂỄỆ IÌÍỈĨỊ OÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ "
    "UÙÚỦŨỤ ƯỪỨỬỮỰ YỲÝỶỸỴ Đ BCDGHKLMNPQRSTVX\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM. Ủy ban nhân dân tỉnh Đồng Tháp.\n";
/* TCVN3 has no upper-case toned letters: its text holds the untoned capitals. */
static const char TCVN3_UPPER[] = "Ă Â Ê Ô Ơ Ư Đ ABCDEGHIKLMNOPQRSTUVXY Hà Nội, Đà Nẵng.\n";

static char *roundtrip(const char *text, int enc, int detect, int *detected)
{
    char *bytes = NULL, *back = NULL;
    size_t n = 0, m = 0;
    sohoa_err e;
    if (sohoa_encode(text, strlen(text), enc, &bytes, &n, &e) != SOHOA_OK) {
        harness_fail(__FILE__, __LINE__, "encode %s: %s", sohoa_encoding_name(enc), e.msg);
        return NULL;
    }
    int rc = sohoa_decode(bytes, n, detect ? SOHOA_ENC_AUTO : enc, 0, &back, &m, detected, &e);
    free(bytes);
    if (rc != SOHOA_OK) {
        harness_fail(__FILE__, __LINE__, "decode %s: %s", sohoa_encoding_name(enc), e.msg);
        return NULL;
    }
    return back;
}

static void expect_roundtrip(const char *text, int enc)
{
    int det = -1;
    char *back = roundtrip(text, enc, 0, &det);
    if (back && strcmp(back, text) != 0)
        harness_fail(__FILE__, __LINE__, "%s round trip:\n got  %s\n want %s",
                     sohoa_encoding_name(enc), back, text);
    free(back);
    back = roundtrip(text, enc, 1, &det);
    if (back && (det != enc || strcmp(back, text) != 0))
        harness_fail(__FILE__, __LINE__, "%s detected as %s", sohoa_encoding_name(enc),
                     sohoa_encoding_name(det));
    free(back);
}

TEST(every_letter_round_trips_through_each_encoding)
{
    static const int ENCS[] = {SOHOA_ENC_UTF8, SOHOA_ENC_UTF16, SOHOA_ENC_VNI,
                               SOHOA_ENC_VIQR, SOHOA_ENC_CP1258};
    for (size_t i = 0; i < sizeof ENCS / sizeof ENCS[0]; i++) {
        expect_roundtrip(ALL_LOWER, ENCS[i]);
        expect_roundtrip(ALL_UPPER, ENCS[i]);
    }
    expect_roundtrip(ALL_LOWER, SOHOA_ENC_TCVN3);
    expect_roundtrip(TCVN3_UPPER, SOHOA_ENC_TCVN3);
}

static void expect_decode(const char *bytes, int enc, const char *want, int want_det)
{
    char *out = NULL;
    size_t n;
    int det = -1;
    sohoa_err e;
    if (sohoa_decode(bytes, strlen(bytes), enc, 0, &out, &n, &det, &e) != SOHOA_OK) {
        harness_fail(__FILE__, __LINE__, "decode failed: %s", e.msg);
        return;
    }
    if (strcmp(out, want) != 0 || det != want_det)
        harness_fail(__FILE__, __LINE__, "decode: got \"%s\" (%s), want \"%s\" (%s)", out,
                     sohoa_encoding_name(det), want, sohoa_encoding_name(want_det));
    free(out);
}

TEST(chart_bytes_decode_by_hand)
{
    /* TCVN3 "Céng hoµ x· héi chñ nghÜa ViÖt Nam": é=ộ µ=à ·=ã ñ=ủ Ü=ĩ Ö=ệ */
    expect_decode("C\xE9ng ho\xB5 x\xB7 h\xE9i ch\xF1 ngh\xDC" "a Vi\xD6t Nam", SOHOA_ENC_AUTO,
                  "Cộng hoà xã hội chủ nghĩa Việt Nam", SOHOA_ENC_TCVN3);
    /* VNI "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam": ä=^+dot ø=grave õ=tilde
     * û=hook ó=ĩ */
    expect_decode("Co\xE4ng ho\xF8" "a xa\xF5 ho\xE4i chu\xFB ngh\xF3" "a Vie\xE4t Nam",
                  SOHOA_ENC_AUTO, "Cộng hòa xã hội chủ nghĩa Việt Nam", SOHOA_ENC_VNI);
    /* VNI capitals: Ñ=Đ, Ä=^+dot */
    expect_decode("\xD1O\xC4" "C LA\xC4P", SOHOA_ENC_VNI, "ĐỘC LẬP", SOHOA_ENC_VNI);
    /* VIQR */
    expect_decode("Co^.ng ho`a xa~ ho^.i chu? nghi~a Vie^.t Nam", SOHOA_ENC_AUTO,
                  "Cộng hòa xã hội chủ nghĩa Việt Nam", SOHOA_ENC_VIQR);
    /* CP1258: ô=F4 + dot below F2, à=E0, ơ=F5, đ=F0 */
    expect_decode("C\xF4\xF2ng ho\xF2" "a \xF0\xF5n v\xE0 Vi\xEA\xF2t", SOHOA_ENC_AUTO,
                  "Cộng họa đơn và Việt", SOHOA_ENC_CP1258);
}

TEST(vni_as_some_encoders_write_it)
{
    /* vietnamese-conversion writes ỷ as the ặ modifier alone (ë = 0xEB) */
    expect_decode("k\xEB lua\xE4t, k\xEB c\xF6\xF4ng", SOHOA_ENC_VNI, "kỷ luật, kỷ cương",
                  SOHOA_ENC_VNI);
    /* ... where it follows an a, it is still that modifier: ặ */
    expect_decode("ma\xEBt", SOHOA_ENC_VNI, "mặt", SOHOA_ENC_VNI);
    /* ... and ỹ as the byte of ì (0xEC): ỹ at the end of kỹ, Mỹ, quỹ, sỹ;
     * ì elsewhere, and inside a longer word (mình) */
    expect_decode("k\xEC thua\xE4t, M\xEC, QU\xCC, s\xEC", SOHOA_ENC_VNI,
                  "kỹ thuật, Mỹ, QUỸ, sỹ", SOHOA_ENC_VNI);
    expect_decode("v\xEC th\xEC m\xECnh, g\xEC", SOHOA_ENC_VNI, "vì thì mình, gì", SOHOA_ENC_VNI);
}

TEST(viqr_word_final_marks)
{
    /* the dot on a toned word is a full stop; before a comma it is the tone */
    expect_decode("Ha` No^.i. Ddi ha., ve^` nha`.", SOHOA_ENC_VIQR, "Hà Nội. Đi hạ, về nhà.",
                  SOHOA_ENC_VIQR);
    /* at the end of a line a bare word keeps its full stop */
    expect_decode("Anh ta.\nCo' ca'.", SOHOA_ENC_VIQR, "Anh ta.\nCó cá.", SOHOA_ENC_VIQR);
    /* a hook before a capitalised word is a tone, not a question mark; so
     * is a dot, unless it ends the line */
    expect_decode("Ca^`u thu? Liverpool, ddo+n vi. Tha`nh pho^'", SOHOA_ENC_VIQR,
                  "Cầu thủ Liverpool, đơn vị Thành phố", SOHOA_ENC_VIQR);
    /* a one-letter word before a dot is a list label; a dot before a
     * lower-case word is a tone */
    expect_decode("I. MU.C DDI'CH\nxa~, thi. tra^'n", SOHOA_ENC_VIQR,
                  "I. MỤC ĐÍCH\nxã, thị trấn", SOHOA_ENC_VIQR);
    /* the document's own usage decides: "cho" is bare elsewhere */
    expect_decode("cho ba.n, cho to^i. Cho Nam.", SOHOA_ENC_VIQR,
                  "cho bạn, cho tôi. Cho Nam.", SOHOA_ENC_VIQR);
    expect_decode("vu. vie^.c, vu. Hai", SOHOA_ENC_VIQR, "vụ việc, vụ Hai", SOHOA_ENC_VIQR);
    /* words run together: dd after a marked letter */
    expect_decode("dde^?ddu+a", SOHOA_ENC_VIQR, "đểđưa", SOHOA_ENC_VIQR);
    /* escapes and abbreviations */
    expect_decode("a\\. HDDND \\dd", SOHOA_ENC_VIQR, "a. HĐND dd", SOHOA_ENC_VIQR);
}

TEST(valid_utf8_is_never_redecoded)
{
    expect_decode("Cộng hòa xã hội", SOHOA_ENC_AUTO, "Cộng hòa xã hội", SOHOA_ENC_UTF8);
    expect_decode("Hello world. What's up? ok.", SOHOA_ENC_AUTO, "Hello world. What's up? ok.",
                  SOHOA_ENC_UTF8);
    /* one VIQR-looking word ("I'm" would read as Ím) is not enough */
    expect_decode("I'm here.", SOHOA_ENC_AUTO, "I'm here.", SOHOA_ENC_UTF8);
    /* NFD stays as it is (normalisation composes it later) */
    expect_decode("Vie\xCC\xA3\xCC\x82t", SOHOA_ENC_AUTO, "Vie\xCC\xA3\xCC\x82t", SOHOA_ENC_UTF8);
}

TEST(byte_order_marks)
{
    expect_decode("\xEF\xBB\xBFSố 1", SOHOA_ENC_AUTO, "Số 1", SOHOA_ENC_UTF8);
    char *out;
    size_t n;
    int det;
    sohoa_err e;
    /* "Đà" in UTF-16 LE and BE with BOM: Đ=U+0110 à=U+00E0 */
    CHECK_INT(sohoa_decode("\xFF\xFE\x10\x01\xE0\x00", 6, SOHOA_ENC_AUTO, 0, &out, &n, &det, &e), 0);
    CHECK_STR(out, "Đà");
    CHECK_INT(det, SOHOA_ENC_UTF16);
    free(out);
    CHECK_INT(sohoa_decode("\xFE\xFF\x01\x10\x00\xE0", 6, SOHOA_ENC_AUTO, 0, &out, &n, &det, &e), 0);
    CHECK_STR(out, "Đà");
    free(out);
    /* a lone low surrogate at byte 4 */
    CHECK_INT(sohoa_decode("\xFF\xFE" "a\x00\x00\xDC", 6, SOHOA_ENC_AUTO, 0, &out, &n, &det, &e),
              SOHOA_EINVAL);
    CHECK_STR(e.msg, "invalid UTF-16 at byte 4");
}

TEST(invalid_bytes_give_the_offset_or_replacement)
{
    char *out = (char *)1;
    size_t n;
    int det;
    sohoa_err e;
    /* "Số " then 0xFF 0xFE: no legacy encoding makes Vietnamese of this */
    const char *bad = "S\xE1\xBB\x91 \xFF\xFE\x01";
    CHECK_INT(sohoa_decode(bad, strlen(bad), SOHOA_ENC_AUTO, 0, &out, &n, &det, &e), SOHOA_EINVAL);
    CHECK_STR(e.msg, "invalid UTF-8 at byte 5");
    CHECK(out == NULL);
    CHECK_INT(sohoa_decode(bad, strlen(bad), SOHOA_ENC_UTF8, SOHOA_DECODE_LENIENT, &out, &n, &det, &e), 0);
    CHECK_STR(out, "Số \xEF\xBF\xBD\xEF\xBF\xBD\x01");
    free(out);
    /* forced UTF-8 on TCVN3 bytes: the first é (0xE9) is at byte 1 */
    CHECK_INT(sohoa_decode("C\xE9ng", 4, SOHOA_ENC_UTF8, 0, &out, &n, &det, &e), SOHOA_EINVAL);
    CHECK_STR(e.msg, "invalid UTF-8 at byte 1");
    /* after a UTF-8 BOM the offset still counts the BOM */
    CHECK_INT(sohoa_decode("\xEF\xBB\xBF" "ab\xC3", 6, SOHOA_ENC_AUTO, 0, &out, &n, &det, &e), SOHOA_EINVAL);
    CHECK_STR(e.msg, "invalid UTF-8 at byte 5");
}

TEST(unencodable_characters_are_reported)
{
    char *out;
    size_t n;
    sohoa_err e;
    CHECK_INT(sohoa_encode("ab → c", strlen("ab → c"), SOHOA_ENC_TCVN3, &out, &n, &e), SOHOA_EINVAL);
    CHECK_STR(e.msg, "U+2192 at byte 3 (of the NFC text) has no code in tcvn3");
    CHECK_INT(sohoa_encode("Ё", strlen("Ё"), SOHOA_ENC_VNI, &out, &n, &e), SOHOA_EINVAL);
    CHECK_INT(sohoa_encode("Ё", strlen("Ё"), SOHOA_ENC_CP1258, &out, &n, &e), SOHOA_EINVAL);
    CHECK_INT(sohoa_encode("\xFF", 1, SOHOA_ENC_VIQR, &out, &n, &e), SOHOA_EINVAL);
    CHECK_STR(e.msg, "invalid UTF-8 at byte 0");
}

TEST(encoding_names)
{
    CHECK_INT(sohoa_encoding_parse("ABC"), SOHOA_ENC_TCVN3);
    CHECK_INT(sohoa_encoding_parse("windows-1258"), SOHOA_ENC_CP1258);
    CHECK_INT(sohoa_encoding_parse("UTF8"), SOHOA_ENC_UTF8);
    CHECK_INT(sohoa_encoding_parse("vni"), SOHOA_ENC_VNI);
    CHECK_INT(sohoa_encoding_parse("latin9"), -1);
    CHECK_STR(sohoa_encoding_name(SOHOA_ENC_VIQR), "viqr");
    CHECK_STR(sohoa_encoding_name(99), "unknown");
}
