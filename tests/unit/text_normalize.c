/* text_normalize.c — tests of normalisation (src/text/normalize.c,
 * lookalike.c, layout.c, casemap.c): NFC, look-alikes, punctuation, tone
 * placement, line maps and the OCR layout clean-up. */
#include "harness.h"
#include "sohoa/normalize.h"

#include <stdlib.h>

static void expect_norm(const char *in, unsigned flags, const char *want)
{
    sohoa_norm_result r;
    sohoa_err e;
    if (sohoa_normalize(in, strlen(in), flags, &r, &e) != SOHOA_OK) {
        harness_fail(__FILE__, __LINE__, "normalize failed: %s", e.msg);
        return;
    }
    if (strcmp(r.text, want) != 0 || r.len != strlen(want))
        harness_fail(__FILE__, __LINE__, "normalize(\"%s\"):\n got  \"%s\"\n want \"%s\"", in,
                     r.text, want);
    sohoa_norm_result_free(&r);
}

TEST(nfd_and_mixed_input_becomes_nfc)
{
    /* Việt in NFD: e + dot below + circumflex; Đồng with separate marks */
    expect_norm("Vie\xCC\xA3\xCC\x82t Nam, \xC4\x90o\xCC\x82\xCC\x80ng Tha\xCC\x81p\n", 0,
                "Việt Nam, Đồng Tháp\n");
}

TEST(look_alikes_are_unified)
{
    expect_norm("\xC3\x90\xE1\xBA\xA3ng", 0, "Đảng");          /* Ð (U+00D0) */
    expect_norm("\xC3\xB0i", 0, "đi");                          /* ð */
    /* Cyrillic о (U+043E) and Greek Ο (U+039F) inside Latin words */
    expect_norm("C\xD0\xBEng h\xD0\xBE\xC3\xA0 \xCE\x9FK", 0, "Cong hòa OK"); /* and the tone moves */
    /* a Russian word keeps its letters */
    expect_norm("Москва và Hà Nội", 0, "Москва và Hà Nội");
}

TEST(punctuation_and_spaces_are_plain)
{
    expect_norm("“Độc lập” – ‘Tự do’ — Hạnh phúc…", 0, "\"Độc lập\" - 'Tự do' - Hạnh phúc...");
    expect_norm("Số\xC2\xA0" "1\xE2\x80\xAF" "2", 0, "Số 1 2");       /* NBSP, narrow NBSP */
    expect_norm("Ng\xE2\x80\x8B" "ày\xEF\xBB\xBF", 0, "Ngày");         /* ZWSP, BOM */
    expect_norm("a\x01" "b\x7F" "c", 0, "abc");                          /* controls */
}

TEST(tone_placement_by_style_on_syllables_only)
{
    expect_norm("Hoà bình, thuỷ lợi, khoẻ mạnh; QUÝ, giữa, hoàn thành, HOÀ", 0,
                "Hòa bình, thủy lợi, khỏe mạnh; QUÝ, giữa, hoàn thành, HÒA");
    expect_norm("Hòa bình, thủy lợi, khỏe mạnh, quý", SOHOA_NORM_TONE_OLD,
                "Hoà bình, thuỷ lợi, khoẻ mạnh, quý");
    /* not syllables: left alone */
    expect_norm("hòaà Thủyx", 0, "hòaà Thủyx");
}

TEST(line_map_follows_input_lines)
{
    sohoa_norm_result r;
    sohoa_err e;
    const char *in = "một\r\nhai\rba\n\nbốn";
    CHECK_INT(sohoa_normalize(in, strlen(in), 0, &r, &e), SOHOA_OK);
    CHECK_STR(r.text, "một\nhai\nba\n\nbốn");
    CHECK_INT(r.nlines, 5);
    for (int i = 0; i < 5; i++)
        CHECK_INT(r.line_map[i], i + 1);
    sohoa_norm_result_free(&r);
    CHECK_INT(sohoa_normalize("", 0, 0, &r, &e), SOHOA_OK);
    CHECK_STR(r.text, "");
    CHECK_INT(r.nlines, 0);
    sohoa_norm_result_free(&r);
}

TEST(invalid_utf8_is_an_error_with_offset)
{
    sohoa_norm_result r;
    sohoa_err e;
    CHECK_INT(sohoa_normalize("ab\xE1\xBB", 4, 0, &r, &e), SOHOA_EINVAL);
    CHECK_STR(e.msg, "invalid UTF-8 at byte 2");
    CHECK(r.text == NULL);
}

TEST(layout_drops_running_headers_and_page_numbers)
{
    sohoa_norm_result r;
    sohoa_err e;
    const char *in =
        "BÁO CÁO TỔNG KẾT NĂM 2024\n"        /* line 1: title, page 1 only */
        "Nội dung trang một.\n"               /* 2 */
        "- 1 -\n"                             /* 3: page number */
        "\fUBND TỈNH ĐỒNG THÁP\n"             /* 4: running header */
        "Nội dung trang hai.\n"               /* 5 */
        "- 2 -\n"                             /* 6 */
        "\fUBND TỈNH ĐỒNG THÁP\n"             /* 7 */
        "I. KẾT QUẢ\n"                        /* 8: heading keeps its line */
        "Nội dung trang ba.\n"                /* 9 */
        "- 3 -\n";                            /* 10 */
    CHECK_INT(sohoa_normalize(in, strlen(in), SOHOA_NORM_LAYOUT, &r, &e), SOHOA_OK);
    CHECK_STR(r.text, "BÁO CÁO TỔNG KẾT NĂM 2024\nNội dung trang một.\nNội dung trang hai.\n"
                      "I. KẾT QUẢ\nNội dung trang ba.\n");
    CHECK_INT(r.nlines, 5);
    CHECK_INT(r.line_map[0], 1);
    CHECK_INT(r.line_map[1], 2);
    CHECK_INT(r.line_map[2], 5);
    CHECK_INT(r.line_map[3], 8);
    CHECK_INT(r.line_map[4], 9);
    sohoa_norm_result_free(&r);
}

TEST(layout_joins_hyphenated_words)
{
    sohoa_norm_result r;
    sohoa_err e;
    /* nghi- + ệp is nghiệp; infor- + mation is no syllable either way;
     * kinh tế- + xã hội is a compound and keeps its hyphen */
    const char *in = "phát triển nông nghi-\nệp bền vững, infor-\nmation\n"
                     "kinh tế-\nxã hội\nMác-\nLênin\n";
    CHECK_INT(sohoa_normalize(in, strlen(in), SOHOA_NORM_LAYOUT, &r, &e), SOHOA_OK);
    CHECK_STR(r.text, "phát triển nông nghiệp\nbền vững, information\nkinh tế-\nxã hội\nMác-\nLênin\n");
    CHECK_INT(r.nlines, 6);
    CHECK_INT(r.line_map[0], 1);
    CHECK_INT(r.line_map[1], 2);
    CHECK_INT(r.line_map[2], 4);
    sohoa_norm_result_free(&r);
    /* without --layout nothing is joined or dropped */
    expect_norm("nông nghi-\nệp\n", 0, "nông nghi-\nệp\n");
}

TEST(vietnamese_case_mapping)
{
    char *s = sohoa_to_upper("đồng tháp, quý", strlen("đồng tháp, quý"));
    CHECK_STR(s, "ĐỒNG THÁP, QUÝ");
    free(s);
    s = sohoa_to_lower("NGHĨA VIỆT NAM Ư", strlen("NGHĨA VIỆT NAM Ư"));
    CHECK_STR(s, "nghĩa việt nam ư");
    free(s);
    s = sohoa_to_lower("", 0);
    CHECK_STR(s, "");
    free(s);
}
