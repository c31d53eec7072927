/* store_near.c — NEAR groups holding a phrase without words (a string of
 * punctuation, or bytes that are no word) in --exact's re-check
 * (src/store/query_match.c): FTS5 drops such a phrase from the group, so
 * the re-check must too, or --exact loses every row FTS5 found. Found by
 * fuzz/store_fts. Expectations come from reading store_fixture.h. */
#include "harness.h"
#include "store_fixture.h"

static sohoa_store *S;

__attribute__((destructor)) static void teardown(void) { sohoa_store_close(S); }

/* "tuyên truyền" is in D1's title (a column of its 3 section rows) and in
 * D2 II's body: 4 rows. */
TEST(near_ignores_a_phrase_without_words)
{
    sohoa_err e;
    S = fx_store3("near.db");
    CHECK(S);
    CHECK_INT(fx_search(S, "NEAR(tuyen \"...\" truyen, 1)", NULL, 0, 0, NULL, &e), 4);
    CHECK_INT(fx_search(S, "NEAR(tuyên \"...\" truyền, 1)", NULL, 1, 0, NULL, &e), 4);
    CHECK_INT(fx_search(S, "NEAR(\"--\" tuyên truyền, 0)", NULL, 1, 0, NULL, &e), 4);
    /* the distance still counts between the phrases with words: D1's title
     * has 3 words between tuyên and hành */
    CHECK_INT(fx_search(S, "NEAR(tuyên \"!\" hành, 2)", NULL, 1, 0, NULL, &e), 0);
    CHECK_INT(fx_search(S, "NEAR(tuyên \"!\" hành, 3)", NULL, 1, 0, NULL, &e), 3);
    /* a group of empty phrases alone matches nothing, folded or exact */
    CHECK_INT(fx_search(S, "NEAR(\"!\" \"?\", 3)", NULL, 0, 0, NULL, &e), 0);
    CHECK_INT(fx_search(S, "NEAR(\"!\" \"?\", 3)", NULL, 1, 0, NULL, &e), 0);
}
