/* restore_lexpairs.c — the lexicon's pair lookup (lexicon.c) at a size where
 * its table grows several times and its filter of absent pairs is in play:
 * every pair of a few thousand entries written here is found with its kind,
 * curated winning over general, and pairs that were never written (the same
 * words in the other order, or words never paired) are not. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "../../src/restore/restore_int.h"
#include "sohoa/lm.h"
#include "restore_fixture.h"

#define NWORDS 300
#define NPAIRS 4000

/* Word k of the made-up vocabulary: "x" then its number in letters a-j. */
static void word(int k, char *out)
{
    out[0] = 'x';
    out[1] = (char)('a' + k / 100);
    out[2] = (char)('a' + k / 10 % 10);
    out[3] = (char)('a' + k % 10);
    out[4] = '\0';
}

/* The pairs: a from a simple generator, b = a's partner; pair p is curated
 * when p is even, general when odd. */
static void pair_of(int p, int *a, int *b)
{
    unsigned x = (unsigned)p * 2654435761u + 12345u;
    *a = (int)(x % NWORDS);
    *b = (int)((x / NWORDS + 1 + (unsigned)p % 7) % NWORDS);
    if (*b == *a)
        *b = (*a + 1) % NWORDS;
}

TEST(lexicon_many_pairs_found_absent_ones_not)
{
    char dir[64];
    fx_tmpdir(dir, "sohoa-lexpairs");
    char d[128], f[160];
    snprintf(d, sizeof d, "%s/dict", dir);
    mkdir(d, 0755);
    static char corpus[NWORDS * 7 + 1]; /* a line "xabc .\n" a word */
    char w[8], v[8];
    for (int k = 0; k < NWORDS; k++) {
        word(k, w);
        memcpy(corpus + k * 7, w, 4);
        memcpy(corpus + k * 7 + 4, " .\n", 3);
    }
    CHECK_INT(fx_train(dir, corpus, 2), SOHOA_OK);
    snprintf(f, sizeof f, "%s/a-curated.txt", d);
    FILE *cu = fopen(f, "w");
    snprintf(f, sizeof f, "%s/b-general.txt", d);
    FILE *ge = fopen(f, "w");
    CHECK(cu != NULL && ge != NULL);
    fputs("#! general\n", ge);
    for (int i = 0; i < NPAIRS; i++) {
        int a, b;
        pair_of(i, &a, &b);
        word(a, w);
        word(b, v);
        fprintf(i % 2 == 0 ? cu : ge, "%s %s\n", w, v);
    }
    fclose(cu);
    fclose(ge);

    sohoa_lm *lm = fx_lm(dir);
    CHECK(lm != NULL);
    sohoa_err err;
    rs_lexicon *x = NULL;
    CHECK_INT(rs_lexicon_load(d, lm, &x, &err), SOHOA_OK);

    /* the expected kind of every (a, b), from the generator */
    static unsigned char want[NWORDS][NWORDS];
    memset(want, 0, sizeof want);
    for (int i = 0; i < NPAIRS; i++) {
        int a, b;
        pair_of(i, &a, &b);
        int kind = i % 2 == 0 ? RS_LEX_CURATED : RS_LEX_GENERAL;
        if (!want[a][b] || kind == RS_LEX_CURATED)
            want[a][b] = (unsigned char)kind;
    }
    uint16_t ids[NWORDS];
    for (int k = 0; k < NWORDS; k++) {
        word(k, w);
        ids[k] = sohoa_lm_id(lm, w, strlen(w));
        CHECK(ids[k] != SOHOA_LM_UNK);
    }
    size_t wrong = 0, present = 0;
    for (int a = 0; a < NWORDS; a++)
        for (int b = 0; b < NWORDS; b++) {
            present += want[a][b] != 0;
            if (rs_lexicon_pair(x, ids[a], ids[b]) != want[a][b])
                wrong++;
        }
    CHECK(present > NPAIRS / 2); /* most generated pairs are distinct */
    CHECK_INT((int)wrong, 0);
    /* the unknown word pairs with nothing */
    CHECK_INT(rs_lexicon_pair(x, SOHOA_LM_UNK, ids[0]), 0);
    rs_lexicon_free(x);
    sohoa_lm_close(lm);
}
