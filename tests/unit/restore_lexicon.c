/* restore_lexicon.c — the lexicon loader (lexicon.c) on files written
 * here and a tiny model trained here: a curated entry gives its adjacent
 * syllable pairs (RS_LEX_CURATED), a file marked "#! general" (a word list
 * such as Viet74K) gives RS_LEX_GENERAL pairs, and its single all-caps
 * words are not taken for abbreviations; rs_lexicon_marks answers for a
 * whole candidate list. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "../../src/restore/restore_int.h"
#include "sohoa/lm.h"
#include "restore_fixture.h"

static char dir[64];

static uint16_t id(const sohoa_lm *lm, const char *w)
{
    return sohoa_lm_id(lm, w, strlen(w));
}

TEST(lexicon_curated_and_general_pairs)
{
    fx_tmpdir(dir, "sohoa-lexicon");
    char d[128], f[160];
    snprintf(d, sizeof d, "%s/dict", dir);
    CHECK_INT(fx_train(dir,
                       "cải cách hành chính của tỉnh .\nhành chính nhà nước .\n"
                       "ti vi và máy tính .\n",
                       3),
              SOHOA_OK);
    mkdir(d, 0755);
    snprintf(f, sizeof f, "%s/terms.txt", d);
    fx_write(f, "# curated\ncải cách\nUBND\n");
    snprintf(f, sizeof f, "%s/words.txt", d);
    fx_write(f, "# a word list\n#! general\nhành chính\nmáy tính\nTV\n");
    sohoa_lm *lm = fx_lm(dir);
    CHECK(lm != NULL);
    sohoa_err err;
    rs_lexicon *x = NULL;
    CHECK_INT(rs_lexicon_load(d, lm, &x, &err), SOHOA_OK);
    CHECK_INT(rs_lexicon_pair(x, id(lm, "cải"), id(lm, "cách")), RS_LEX_CURATED);
    CHECK_INT(rs_lexicon_pair(x, id(lm, "hành"), id(lm, "chính")), RS_LEX_GENERAL);
    CHECK_INT(rs_lexicon_pair(x, id(lm, "máy"), id(lm, "tính")), RS_LEX_GENERAL);
    /* order matters, and words that are no entry give nothing */
    CHECK_INT(rs_lexicon_pair(x, id(lm, "cách"), id(lm, "cải")), 0);
    CHECK_INT(rs_lexicon_pair(x, id(lm, "chính"), id(lm, "của")), 0);
    /* a whole candidate list at once: bit c for candidate c, general pairs
     * only when asked for, lists past 64 candidates in further words */
    uint16_t hanh = id(lm, "hành"), chinh = id(lm, "chính"), cach = id(lm, "cách");
    uint16_t list[70];
    for (int c = 0; c < 70; c++)
        list[c] = id(lm, "của");
    list[0] = chinh;
    list[3] = chinh;
    list[5] = cach;
    list[66] = chinh;
    uint64_t bits[2] = {7, 7};
    rs_lexicon_marks(x, hanh, list, 70, 1, bits);
    CHECK(bits[0] == ((1u << 0) | (1u << 3)));
    CHECK(bits[1] == (1u << 2));
    rs_lexicon_marks(x, hanh, list, 70, 0, bits);
    CHECK(bits[0] == 0 && bits[1] == 0);
    uint16_t after_cai[3] = {cach, chinh, cach};
    rs_lexicon_marks(x, id(lm, "cải"), after_cai, 3, 0, bits);
    CHECK(bits[0] == ((1u << 0) | (1u << 2)));
    /* UBND (curated) is an abbreviation; TV of the word list is not */
    CHECK_STR(rs_lexicon_abbrev(x, "ubnd", 4), "UBND");
    CHECK(rs_lexicon_abbrev(x, "tv", 2) == NULL);
    rs_lexicon_free(x);
    sohoa_lm_close(lm);
}
