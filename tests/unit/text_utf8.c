/* text_utf8.c — tests of the UTF-8 primitives (src/text/utf8.c). */
#include "harness.h"
#include "sohoa/utf8.h"

TEST(decode_each_length)
{
    uint32_t cp;
    CHECK_INT(sohoa_utf8_decode("A", 1, &cp), 1);
    CHECK_INT(cp, 0x41);
    CHECK_INT(sohoa_utf8_decode("\xC4\x90", 2, &cp), 2); /* Đ */
    CHECK_INT(cp, 0x110);
    CHECK_INT(sohoa_utf8_decode("\xE1\xBB\x87", 3, &cp), 3); /* ệ */
    CHECK_INT(cp, 0x1EC7);
    CHECK_INT(sohoa_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4); /* U+1F600 */
    CHECK_INT(cp, 0x1F600);
}

TEST(decode_rejects_malformed)
{
    uint32_t cp;
    CHECK_INT(sohoa_utf8_decode("\xC0\x80", 2, &cp), 0);         /* overlong NUL */
    CHECK_INT(cp, 0xFFFD);
    CHECK_INT(sohoa_utf8_decode("\xE0\x80\x80", 3, &cp), 0);     /* overlong */
    CHECK_INT(sohoa_utf8_decode("\xED\xA0\x80", 3, &cp), 0);     /* surrogate */
    CHECK_INT(sohoa_utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0); /* > U+10FFFF */
    CHECK_INT(sohoa_utf8_decode("\xE1\xBB", 2, &cp), 0);         /* truncated */
    CHECK_INT(sohoa_utf8_decode("\x80", 1, &cp), 0);             /* lone continuation */
    CHECK_INT(sohoa_utf8_decode("\xE1\x41\x87", 3, &cp), 0);     /* bad continuation */
    CHECK_INT(sohoa_utf8_decode("", 0, &cp), 0);
}

TEST(encode_round_trips_boundaries)
{
    static const uint32_t cps[] = {0, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFD, 0x10000, 0x10FFFF};
    static const size_t lens[] = {1, 1, 2, 2, 3, 3, 4, 4};
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char b[4];
        uint32_t back;
        CHECK_INT(sohoa_utf8_encode(cps[i], b), lens[i]);
        CHECK_INT(sohoa_utf8_decode(b, lens[i], &back), lens[i]);
        CHECK_INT(back, cps[i]);
    }
}

TEST(invalid_at_gives_the_byte_offset)
{
    CHECK(sohoa_utf8_invalid_at("Cộng hòa xã hội", strlen("Cộng hòa xã hội")) == (size_t)-1);
    /* "Số " is 4 bytes, then a lone 0xFF */
    CHECK_INT(sohoa_utf8_invalid_at("S\xE1\xBB\x91 \xFF ok", 8), 5);
    /* a long ASCII run before the error exercises the 8-byte fast path */
    CHECK_INT(sohoa_utf8_invalid_at("abcdefghijklmnopqrstuvwxyz\xC3", 27), 26);
    CHECK(sohoa_utf8_invalid_at("", 0) == (size_t)-1);
}
