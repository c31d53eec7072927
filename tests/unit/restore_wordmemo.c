/* restore_wordmemo.c — the per-document memo of distinct strings
 * (word_memo.c): one entry per distinct byte string wherever it occurs,
 * entries that do not move as the table grows, and fresh entries whose
 * "not asked yet" facts say so. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/restore/word_memo.h"

TEST(same_bytes_same_entry_anywhere_in_the_text)
{
    /*                 0123456789012345678 */
    const char *text = "cai ban cai Cai ca";
    rs_word_memo *m = rs_word_memo_new(text);
    int fresh;
    rs_word_facts *a = rs_word_memo_get(m, 0, 3, &fresh); /* cai */
    CHECK_INT(fresh, 1);
    CHECK_INT(a->known_skel, -1);
    CHECK_INT(a->compound, -1);
    CHECK_INT(a->done, 0);
    a->lm_id = 42;
    rs_word_facts *b = rs_word_memo_get(m, 4, 3, &fresh); /* ban */
    CHECK_INT(fresh, 1);
    CHECK(b != a);
    rs_word_facts *c = rs_word_memo_get(m, 8, 3, &fresh); /* cai again */
    CHECK_INT(fresh, 0);
    CHECK(c == a);
    CHECK_INT(c->lm_id, 42);
    rs_word_facts *d = rs_word_memo_get(m, 12, 3, &fresh); /* Cai: other bytes */
    CHECK_INT(fresh, 1);
    CHECK(d != a);
    rs_word_facts *e = rs_word_memo_get(m, 16, 2, &fresh); /* ca: a prefix of cai */
    CHECK_INT(fresh, 1);
    CHECK(e != a);
    rs_word_facts *f = rs_word_memo_get(m, 0, 2, &fresh); /* ca at 0: the same as at 16 */
    CHECK_INT(fresh, 0);
    CHECK(f == e);
    CHECK_INT(rs_word_memo_size(m), 4);
    rs_word_memo_free(m);
}

TEST(entries_stay_put_while_the_table_grows)
{
    /* 5,000 distinct four-digit strings "0000 0001 ..." */
    enum { N = 5000 };
    char *text = malloc(N * 5 + 1);
    for (int i = 0; i < N; i++) {
        char num[16];
        snprintf(num, sizeof num, "%04d ", i);
        memcpy(text + 5 * i, num, 5);
    }
    text[N * 5] = '\0';
    rs_word_memo *m = rs_word_memo_new(text);
    rs_word_facts *first[N];
    int fresh;
    for (int i = 0; i < N; i++) {
        first[i] = rs_word_memo_get(m, (size_t)5 * i, 4, &fresh);
        if (!fresh)
            harness_fail(__FILE__, __LINE__, "string %d not fresh", i);
        first[i]->lm_id = (uint16_t)i;
    }
    CHECK_INT(rs_word_memo_size(m), N);
    for (int i = 0; i < N; i++) {
        rs_word_facts *again = rs_word_memo_get(m, (size_t)5 * i, 4, &fresh);
        CHECK_INT(fresh, 0);
        CHECK(again == first[i]);
        CHECK_INT(again->lm_id, i);
    }
    CHECK_INT(rs_word_memo_size(m), N);
    rs_word_memo_free(m);
    free(text);
}

TEST(empty_string_is_a_key_like_any_other)
{
    const char *text = "ab";
    rs_word_memo *m = rs_word_memo_new(text);
    int fresh;
    rs_word_facts *e = rs_word_memo_get(m, 0, 0, &fresh);
    CHECK_INT(fresh, 1);
    CHECK(rs_word_memo_get(m, 1, 0, &fresh) == e);
    CHECK_INT(fresh, 0);
    rs_word_memo_free(m);
    rs_word_memo_free(NULL);
}
