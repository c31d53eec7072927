/* restore_garble_letters.c — letters an English OCR model prints as
 * symbols (garble_letters.c): a '$' at the start of a word is read as S,
 * a capital where one stands (the line's head, after a list dash or a
 * sentence's end, before a capital), else a small letter; money ($50,
 * $1.5, US$) and a '$' inside a word are left alone; every offset holds. */
#include "harness.h"

#include <stdlib.h>
#include <string.h>
#include "../../src/restore/restore_int.h"

/* The copy rs_garble_letters makes of in, or "(none)". */
static char *read_letters(const char *in)
{
    char *got = rs_garble_letters(in, strlen(in));
    return got ? got : strdup("(none)");
}

#define CHECK_LETTERS(in, want)                                                       \
    do {                                                                              \
        char *got_ = read_letters(in);                                                \
        CHECK_STR(got_, want);                                                        \
        free(got_);                                                                   \
    } while (0)

TEST(dollar_for_s)
{
    CHECK_LETTERS("$6: 38/KH-UBND Van Dién", "S6: 38/KH-UBND Van Dién");
    CHECK_LETTERS("tai li¢u, to roi, $b tay;", "tai li¢u, to roi, sb tay;");
    CHECK_LETTERS("co $6 luong thu tuc", "co s6 luong thu tuc");
    CHECK_LETTERS("- $0 N6i vu tinh;", "- S0 N6i vu tinh;");
    CHECK_LETTERS("xong.  $6 luong", "xong.  S6 luong");
    CHECK_LETTERS("cac $O NGANH", "cac SO NGANH");
    CHECK_LETTERS("dong\n  $6 luong\n", "dong\n  S6 luong\n");
    CHECK_LETTERS("“$6 luong”", "“s6 luong”");
}

TEST(money_and_symbols_inside_words_stay)
{
    CHECK_LETTERS("gia $50 moi", "(none)");
    CHECK_LETTERS("gia $1.5 moi", "(none)");
    CHECK_LETTERS("gia 5 US$ moi", "(none)");
    CHECK_LETTERS("a$b", "(none)");
    CHECK_LETTERS("$ 6", "(none)");
    CHECK_LETTERS("ket thuc $", "(none)");
    CHECK_LETTERS("$$6", "(none)");
    CHECK_LETTERS("", "(none)");
}

TEST(the_copy_keeps_every_offset)
{
    const char *in = "S\xC3\xB4 $6 v\xC3\xA0 $b\n$0 x";
    char *got = rs_garble_letters(in, strlen(in));
    CHECK(got != NULL);
    if (!got)
        return;
    CHECK_INT(strlen(got), strlen(in));
    for (size_t i = 0; i < strlen(in); i++)
        if (in[i] != '$')
            CHECK(got[i] == in[i]);
    free(got);
}
