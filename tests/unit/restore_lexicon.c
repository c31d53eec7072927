/* restore_lexicon.c — the lexicon loader (lexicon.c) on files written
 * here and a tiny model trained here: a curated entry gives its adjacent
 * syllable pairs (RS_LEX_CURATED), a file marked "#! general" (a word list
 * such as Viet74K) gives RS_LEX_GENERAL pairs, and its single all-caps
 * words are not taken for abbreviations. */
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
    /* UBND (curated) is an abbreviation; TV of the word list is not */
    CHECK_STR(rs_lexicon_abbrev(x, "ubnd", 4), "UBND");
    CHECK(rs_lexicon_abbrev(x, "tv", 2) == NULL);
    rs_lexicon_free(x);
    sohoa_lm_close(lm);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK_INT(system(cmd), 0);
}
