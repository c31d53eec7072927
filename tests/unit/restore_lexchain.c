/* restore_lexchain.c — a syllable belongs to one lexicon word (decoder.c,
 * chained): "xa do dong chi ." with the lexicon words "đồ đồng" and
 * "đồng chí". A trigram model trained here (a hypothesis keeps two words,
 * so it knows whether its last step was along a pair) prefers do to đồ
 * after xã, a little (three sentences with do, two with đồ; every
 * follower distinct, so the two backoff weights are equal, and "do đồng",
 * "đồ đồng" are both unseen; without the lexicon do is chosen). With a
 * bonus for each pair, đồ đồng chí would earn two bonuses (1.0) against
 * one for do đồng chí (0.5) and win; with đồng given to one word, each
 * path earns one, and the model's do stands. */
#include "harness.h"
#include "restore_fixture.h"

#include <stdlib.h>
#include "sohoa/restore.h"

static const char *CORPUS = "xã do việc .\n"
                            "xã do người .\n"
                            "xã do ai .\n"
                            "xã đồ cũ .\n"
                            "xã đồ mới .\n"
                            "đồng chí .\n";

TEST(a_syllable_belongs_to_one_lexicon_word)
{
    char dir[64];
    /* the two words go in the fixture's dictionary file (every .txt of
     * it is the lexicon) */
    sohoa_restorer *r = fx_restorer(dir, "sohoa-lexchain", CORPUS, 3, "đồ đồng\nđồng chí\n");
    CHECK(r != NULL);
    char *got = fx_restore(r, NULL, "xa do dong chi .");
    CHECK_STR(got, "xã do đồng chí .");
    free(got);
    sohoa_restorer_free(r);
}
