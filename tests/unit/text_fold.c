/* text_fold.c — tests of folding to the ASCII skeleton (src/text/fold.c) and
 * of the letter tables every other text function relies on. */
#include "harness.h"
#include "sohoa/syllable.h"

#include <stdio.h>

static void expect_fold(const char *in, const char *want, const char *want_case)
{
    char out[256];
    size_t n = sohoa_fold(in, strlen(in), out, sizeof out);
    if (strcmp(out, want) != 0 || n != strlen(want))
        harness_fail(__FILE__, __LINE__, "fold(%s) = \"%s\", want \"%s\"", in, out, want);
    sohoa_fold_keep_case(in, strlen(in), out, sizeof out);
    if (strcmp(out, want_case) != 0)
        harness_fail(__FILE__, __LINE__, "fold_keep_case(%s) = \"%s\", want \"%s\"", in, out,
                     want_case);
}

TEST(every_vietnamese_letter_folds)
{
    expect_fold("aàáảãạăằắẳẵặâầấẩẫậ", "aaaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaa");
    expect_fold("AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", "aaaaaaaaaaaaaaaaaa", "AAAAAAAAAAAAAAAAAA");
    expect_fold("eèéẻẽẹêềếểễệ", "eeeeeeeeeeee", "eeeeeeeeeeee");
    expect_fold("EÈÉẺẼẸÊỀẾỂỄỆ", "eeeeeeeeeeee", "EEEEEEEEEEEE");
    expect_fold("iìíỉĩịIÌÍỈĨỊ", "iiiiiiiiiiii", "iiiiiiIIIIII");
    expect_fold("oòóỏõọôồốổỗộơờớởỡợ", "oooooooooooooooooo", "oooooooooooooooooo");
    expect_fold("OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", "oooooooooooooooooo", "OOOOOOOOOOOOOOOOOO");
    expect_fold("uùúủũụưừứửữự", "uuuuuuuuuuuu", "uuuuuuuuuuuu");
    expect_fold("UÙÚỦŨỤƯỪỨỬỮỰ", "uuuuuuuuuuuu", "UUUUUUUUUUUU");
    expect_fold("yỳýỷỹỵYỲÝỶỸỴ", "yyyyyyyyyyyy", "yyyyyyYYYYYY");
    expect_fold("đĐÐ", "ddd", "dDD"); /* U+00D0 eth, the look-alike */
    expect_fold("bcdghklmnpqrstvx", "bcdghklmnpqrstvx", "bcdghklmnpqrstvx");
}

TEST(phrases_fold_in_nfc_and_nfd)
{
    expect_fold("Đồng Tháp", "dong thap", "Dong Thap");
    expect_fold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "cong hoa xa hoi chu nghia viet nam",
                "CONG HOA XA HOI CHU NGHIA VIET NAM");
    /* NFD: Đ o + circumflex + grave n g */
    expect_fold("\xC4\x90o\xCC\x82\xCC\x80ng Tha\xCC\x81p", "dong thap", "Dong Thap");
    expect_fold("Số 86/KH-UBND", "so 86/kh-ubnd", "So 86/KH-UBND");
    expect_fold("Crème Brûlée, Ñandú, Łódź", "creme brulee, nandu, lodz",
                "Creme Brulee, Nandu, Lodz");
    expect_fold("Москва “x”", "Москва “x”", "Москва “x”"); /* not Latin: copied */
}

TEST(fold_is_never_longer_and_truncates_like_snprintf)
{
    char out[8];
    const char *s = "Nghiêng ngả";
    size_t n = sohoa_fold(s, strlen(s), out, sizeof out);
    CHECK_INT(n, strlen("nghieng nga"));
    CHECK_STR(out, "nghieng");
    CHECK(n <= strlen(s));
    /* bytes that are not UTF-8 are copied, never dropped silently */
    char o2[8];
    CHECK_INT(sohoa_fold("A\xFF" "B", 3, o2, sizeof o2), 3);
    CHECK(memcmp(o2, "a\xFF" "b", 4) == 0);
    CHECK_INT(sohoa_fold("abc", 3, NULL, 0), 3);
    /* ASCII that just fits, that does not, and ASCII going on into letters
     * with marks (the quick copy of an ASCII start hands over mid-word) */
    char o4[4];
    CHECK_INT(sohoa_fold("ABC", 3, o4, sizeof o4), 3);
    CHECK_STR(o4, "abc");
    CHECK_INT(sohoa_fold("ABCD", 4, o4, sizeof o4), 4);
    CHECK_STR(o4, "abc");
    expect_fold("HaNoi Đồng", "hanoi dong", "HaNoi Dong");
    expect_fold("Ab\xC4\x90" "c", "abdc", "AbDc");
    /* copied multi-byte characters are never cut in half */
    char o3[4];
    CHECK_INT(sohoa_fold("Москва", strlen("Москва"), o3, sizeof o3), strlen("Москва"));
    CHECK_STR(o3, "М");
}
