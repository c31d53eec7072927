/* restore_numeral.c — Roman numerals as number-like LM tokens
 * (src/restore/lm_numeral.c): which cores count, their LM form, the
 * tokens of a training line, the skeleton-context hash, and a restoration
 * that needs "hạng II" read as "hạng <num>". */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "restore_fixture.h"
#include "sohoa/lm.h"
#include "sohoa/restore.h"
#include "../../src/restore/lm_internal.h"
#include "../../src/restore/skel_ctx.h"

TEST(roman_numerals_that_count)
{
    CHECK(rs_lm_roman("I", 1));
    CHECK(rs_lm_roman("II", 2));
    CHECK(rs_lm_roman("III", 3));
    CHECK(rs_lm_roman("IV", 2));
    CHECK(rs_lm_roman("VII", 3));
    CHECK(rs_lm_roman("VIII", 4));
    CHECK(rs_lm_roman("IX", 2));
    CHECK(rs_lm_roman("XIV", 3));
    CHECK(rs_lm_roman("XVIII", 5));
    CHECK(rs_lm_roman("IIx", 2)); /* only the first n bytes are read */
}

TEST(roman_numerals_that_do_not)
{
    /* capitalised syllables and letters: vì, xì, vệ, xã */
    CHECK(!rs_lm_roman("VI", 2));
    CHECK(!rs_lm_roman("XI", 2));
    CHECK(!rs_lm_roman("V", 1));
    CHECK(!rs_lm_roman("X", 1));
    /* lower or mixed case, not a numeral, empty */
    CHECK(!rs_lm_roman("i", 1));
    CHECK(!rs_lm_roman("ii", 2));
    CHECK(!rs_lm_roman("Ii", 2));
    CHECK(!rs_lm_roman("IIII", 4));
    CHECK(!rs_lm_roman("IVX", 3));
    CHECK(!rs_lm_roman("", 0));
    CHECK(!rs_lm_roman("Q", 1));
    CHECK(!rs_lm_roman("VIIII", 5));
}

TEST(roman_numeral_lm_form_is_num)
{
    char f[32];
    CHECK_INT((int)sohoa_lm_form("III", 3, f, sizeof f), 5);
    CHECK_STR(f, "<num>");
    CHECK_INT((int)sohoa_lm_form("ii", 2, f, sizeof f), 2);
    CHECK_STR(f, "ii");
    CHECK_INT((int)sohoa_lm_form("VI", 2, f, sizeof f), 2);
    CHECK_STR(f, "vi");
    /* no room for "<num>": nothing written */
    CHECK_INT((int)sohoa_lm_form("IV", 2, f, 4), 0);
}

typedef struct toks {
    char t[16][16];
    int n;
} toks;

static void on_tok(const char *tok, size_t n, int word, int cap, void *ctx)
{
    (void)word;
    (void)cap;
    toks *k = ctx;
    if (k->n < 16 && n < 16) {
        memcpy(k->t[k->n], tok, n);
        k->t[k->n][n] = '\0';
    }
    k->n++;
}

TEST(roman_numerals_in_a_training_line)
{
    const char *line = "hạng II, quý IV (Chương VI).";
    toks k = {.n = 0};
    rs_lm_tokens(line, strlen(line), on_tok, &k);
    CHECK_INT(k.n, 10);
    CHECK_STR(k.t[0], "hạng");
    CHECK_STR(k.t[1], "<num>");
    CHECK_STR(k.t[2], ",");
    CHECK_STR(k.t[3], "quý");
    CHECK_STR(k.t[4], "<num>");
    CHECK_STR(k.t[5], "(");
    CHECK_STR(k.t[6], "chương");
    CHECK_STR(k.t[7], "vi");
    CHECK_STR(k.t[8], ")");
    CHECK_STR(k.t[9], ".");
}

TEST(roman_numeral_skelctx_hash_is_num)
{
    uint64_t num = rs_skc_tok_hash("<num>", 5, 1);
    CHECK(rs_skc_tok_hash("II", 2, 1) == num);
    CHECK(rs_skc_tok_hash("12", 2, 1) == num);
    CHECK(rs_skc_tok_hash("ii", 2, 1) != num);
    CHECK(rs_skc_tok_hash("VI", 2, 1) != num);
}

/* "hạng" comes only before numbers, "hàng" starts lines (before "hóa"):
 * at a line start, "hang" alone is "hàng", but before a number it is
 * "hạng" — and a Roman numeral is a number, a lower-case "ii" is not. */
static const char *CORPUS = "xếp hạng 1 .\n"
                            "xếp hạng 2 .\n"
                            "xếp hạng 3 .\n"
                            "xếp hạng 4 .\n"
                            "xếp hạng 5 .\n"
                            "hàng hóa tốt .\n"
                            "hàng hóa rẻ .\n"
                            "hàng hóa mới .\n";

static char *restored(sohoa_restorer *r, const char *in)
{
    return fx_restore(r, NULL, in);
}

TEST(roman_numeral_gives_number_context)
{
    char dir[64];
    sohoa_restorer *r = fx_restorer(dir, "sohoa-numeral", CORPUS, 3, NULL);
    CHECK(r != NULL);
    if (!r)
        return;
    char *a = restored(r, "hang 7 .");
    char *b = restored(r, "hang II .");
    /* "ii" is no syllable of this tiny model, so the text reads as garble,
     * where a lone " ." would be dropped as a speck: the stop is attached */
    char *c = restored(r, "hang ii.");
    char *d = restored(r, "hang hoa .");
    CHECK_STR(a, "hạng 7 .");
    CHECK_STR(b, "hạng II .");
    CHECK_STR(c, "hàng ii.");
    CHECK_STR(d, "hàng hóa .");
    free(a);
    free(b);
    free(c);
    free(d);
    sohoa_restorer_free(r);
}
