/* restore_rowmemo.c — the decoder's memo of score rows (row_memo.c):
 * interning of word lists, rows by (list, context), growth past many rows,
 * clearing, and the size limit. */
#include "harness.h"

#include "../../src/restore/restore_int.h"

TEST(rowmemo_interns_lists)
{
    rs_row_memo *m = rs_row_memo_new((size_t)1 << 24);
    const uint16_t a[] = {10, 11, 12}, b[] = {12, 11, 10}, c[] = {10, 11};
    CHECK_INT(rs_row_memo_list(m, a, 3), 1);
    CHECK_INT(rs_row_memo_list(m, b, 3), 2); /* same words, other order */
    CHECK_INT(rs_row_memo_list(m, c, 2), 3); /* a prefix is another list */
    uint16_t again[] = {10, 11, 12};
    CHECK_INT(rs_row_memo_list(m, again, 3), 1);
    CHECK_INT(rs_row_memo_list(m, c, 2), 3);
    rs_row_memo_free(m);
}

TEST(rowmemo_rows_by_list_and_context)
{
    rs_row_memo *m = rs_row_memo_new((size_t)1 << 24);
    const uint16_t w[] = {10, 11, 12}, v[] = {20, 21};
    uint32_t lw = rs_row_memo_list(m, w, 3), lv = rs_row_memo_list(m, v, 2);
    const uint16_t ctx[] = {5, 6, 7};
    float out[3] = {0, 0, 0};
    CHECK_INT(rs_row_memo_get(m, lw, ctx, 3, out), 0);
    const float row[] = {-1.5f, -2.25f, -3.0f};
    rs_row_memo_put(m, lw, ctx, 3, row);
    CHECK_INT(rs_row_memo_get(m, lw, ctx, 3, out), 1);
    CHECK(out[0] == -1.5f && out[1] == -2.25f && out[2] == -3.0f);
    /* the last two ids of the same context are another context */
    CHECK_INT(rs_row_memo_get(m, lw, ctx + 1, 2, out), 0);
    /* the first two ids as a context of two: another context too */
    CHECK_INT(rs_row_memo_get(m, lw, ctx, 2, out), 0);
    /* another list after the same context */
    CHECK_INT(rs_row_memo_get(m, lv, ctx, 3, out), 0);
    /* the empty context */
    const float row0[] = {-4.0f, -5.0f, -6.0f};
    rs_row_memo_put(m, lw, ctx, 0, row0);
    CHECK_INT(rs_row_memo_get(m, lw, ctx + 2, 0, out), 1);
    CHECK(out[0] == -4.0f && out[2] == -6.0f);
    /* a second put of the same key keeps the first row */
    const float other[] = {-9.0f, -9.0f, -9.0f};
    rs_row_memo_put(m, lw, ctx, 3, other);
    CHECK_INT(rs_row_memo_get(m, lw, ctx, 3, out), 1);
    CHECK(out[0] == -1.5f);
    /* a list id never given, and list 0, are not there */
    CHECK_INT(rs_row_memo_get(m, 99, ctx, 3, out), 0);
    CHECK_INT(rs_row_memo_get(m, 0, ctx, 3, out), 0);
    rs_row_memo_free(m);
}

/* 20,000 rows: the tables grow many times and every row stays findable
 * under its own key, including contexts that differ in one id only. */
TEST(rowmemo_keeps_many_rows)
{
    rs_row_memo *m = rs_row_memo_new((size_t)1 << 26);
    const uint16_t w[] = {1, 2};
    uint32_t l = rs_row_memo_list(m, w, 2);
    for (uint16_t a = 0; a < 100; a++)
        for (uint16_t b = 0; b < 200; b++) {
            uint16_t ctx[] = {a, b, 7};
            float row[] = {(float)a, (float)b};
            rs_row_memo_put(m, l, ctx, 3, row);
        }
    int bad = 0;
    for (uint16_t a = 0; a < 100; a++)
        for (uint16_t b = 0; b < 200; b++) {
            uint16_t ctx[] = {a, b, 7};
            float out[2];
            if (!rs_row_memo_get(m, l, ctx, 3, out) || out[0] != (float)a || out[1] != (float)b)
                bad++;
        }
    CHECK_INT(bad, 0);
    uint16_t absent[] = {100, 0, 7};
    float out[2];
    CHECK_INT(rs_row_memo_get(m, l, absent, 3, out), 0);
    rs_row_memo_free(m);
}

TEST(rowmemo_clear_forgets_everything)
{
    rs_row_memo *m = rs_row_memo_new((size_t)1 << 24);
    const uint16_t w[] = {3, 4}, v[] = {5};
    uint32_t l = rs_row_memo_list(m, w, 2);
    CHECK_INT(rs_row_memo_list(m, v, 1), 2);
    const uint16_t ctx[] = {1};
    const float row[] = {-1.0f, -2.0f};
    rs_row_memo_put(m, l, ctx, 1, row);
    rs_row_memo_clear(m);
    float out[2];
    CHECK_INT(rs_row_memo_get(m, l, ctx, 1, out), 0);
    /* ids start again from 1 */
    CHECK_INT(rs_row_memo_list(m, v, 1), 1);
    CHECK_INT(rs_row_memo_list(m, w, 2), 2);
    rs_row_memo_free(m);
}

/* With a limit of 256 KB, rows of 100 words (400 bytes each, 432 with
 * their table slots) pass it after about 610 rows; the next list call
 * empties the memo: the first row is gone. Its memory is kept: 500 rows
 * (216 KB, under the limit) stored again take no more bytes than it held. */
TEST(rowmemo_empties_itself_past_its_limit)
{
    const size_t limit = (size_t)256 << 10;
    rs_row_memo *m = rs_row_memo_new(limit);
    uint16_t w[100];
    float row[100];
    for (int i = 0; i < 100; i++) {
        w[i] = (uint16_t)i;
        row[i] = (float)-i;
    }
    uint32_t l = rs_row_memo_list(m, w, 100);
    uint16_t ctx[1];
    for (uint16_t c = 0; c < 1000; c++) {
        ctx[0] = c;
        rs_row_memo_put(m, l, ctx, 1, row);
    }
    size_t held = rs_row_memo_bytes(m);
    CHECK(held > limit);
    float out[100];
    ctx[0] = 0;
    CHECK_INT(rs_row_memo_get(m, l, ctx, 1, out), 1); /* no emptying outside list() */
    uint32_t gen = rs_row_memo_gen(m);
    l = rs_row_memo_list(m, w, 100);
    CHECK_INT(l, 1);
    CHECK_INT(rs_row_memo_gen(m), gen + 1);
    CHECK_INT(rs_row_memo_get(m, l, ctx, 1, out), 0);
    ctx[0] = 999;
    CHECK_INT(rs_row_memo_get(m, l, ctx, 1, out), 0);
    for (uint16_t c = 0; c < 500; c++) {
        ctx[0] = c;
        rs_row_memo_put(m, l, ctx, 1, row);
    }
    CHECK(rs_row_memo_bytes(m) == held);
    CHECK_INT(rs_row_memo_list(m, w, 100), 1); /* under the limit: not emptied again */
    ctx[0] = 0;
    CHECK_INT(rs_row_memo_get(m, l, ctx, 1, out), 1);
    CHECK(out[99] == -99.0f);
    rs_row_memo_free(m);
}

/* Many rows at once (rs_row_memo_get_rows): the rows held are copied to
 * their places, the others listed in order; 70 contexts cross the batch of
 * 64 the call works in. */
TEST(rowmemo_gets_many_rows_at_once)
{
    rs_row_memo *m = rs_row_memo_new((size_t)1 << 24);
    const uint16_t w[] = {1, 2, 3};
    uint32_t l = rs_row_memo_list(m, w, 3);
    rs_ctx ctx[70];
    for (int h = 0; h < 70; h++) {
        memset(&ctx[h], 0, sizeof ctx[h]);
        ctx[h].id[0] = 9;
        ctx[h].id[1] = (uint16_t)h;
        ctx[h].n = 2;
        if (h % 2 == 0) { /* the even contexts are held: row (h, -h, 0.5) */
            const float row[] = {(float)h, (float)-h, 0.5f};
            rs_row_memo_put(m, l, ctx[h].id, 2, row);
        }
    }
    float out[70 * 3];
    for (int k = 0; k < 70 * 3; k++)
        out[k] = 7.0f;
    size_t miss[70];
    CHECK_INT(rs_row_memo_get_rows(m, l, ctx, 70, out, miss), 35);
    for (int k = 0; k < 35; k++)
        CHECK_INT(miss[k], 2 * k + 1);
    CHECK(out[0] == 0.0f && out[1] == 0.0f && out[2] == 0.5f);
    CHECK(out[66 * 3] == 66.0f && out[66 * 3 + 1] == -66.0f && out[66 * 3 + 2] == 0.5f);
    CHECK(out[68 * 3] == 68.0f);
    /* a missing row's place is left as it was */
    CHECK(out[3] == 7.0f && out[69 * 3 + 2] == 7.0f);
    /* an unknown list: every context missing */
    CHECK_INT(rs_row_memo_get_rows(m, 5, ctx, 3, out, miss), 3);
    CHECK_INT(miss[2], 2);
    rs_row_memo_free(m);
}

/* A call asked again (the same list after the same contexts in the same
 * order) is answered whole once its missing rows were put in order, the
 * rows as they were put; asked in another order, the rows come in that
 * order; a call whose missing rows were not all put is still answered row
 * by row. */
TEST(rowmemo_answers_a_call_again)
{
    rs_row_memo *m = rs_row_memo_new((size_t)1 << 24);
    const uint16_t w[] = {4, 5};
    uint32_t l = rs_row_memo_list(m, w, 2);
    rs_ctx ctx[3];
    memset(ctx, 0, sizeof ctx);
    for (int h = 0; h < 3; h++) {
        ctx[h].id[0] = (uint16_t)(30 + h);
        ctx[h].n = 1;
    }
    const float r0[] = {-1.0f, -2.0f}, r1[] = {-3.0f, -4.0f}, r2[] = {-5.0f, -6.0f};
    rs_row_memo_put(m, l, ctx[1].id, 1, r1); /* one of three known */
    float out[6];
    size_t miss[3];
    CHECK_INT(rs_row_memo_get_rows(m, l, ctx, 3, out, miss), 2);
    CHECK_INT(miss[0], 0);
    CHECK_INT(miss[1], 2);
    rs_row_memo_put(m, l, ctx[0].id, 1, r0);
    rs_row_memo_put(m, l, ctx[2].id, 1, r2);
    for (int k = 0; k < 6; k++)
        out[k] = 9.0f;
    CHECK_INT(rs_row_memo_get_rows(m, l, ctx, 3, out, miss), 0);
    CHECK(out[0] == -1.0f && out[1] == -2.0f && out[2] == -3.0f && out[3] == -4.0f &&
          out[4] == -5.0f && out[5] == -6.0f);
    /* the same contexts the other way round */
    rs_ctx rev[3] = {ctx[2], ctx[1], ctx[0]};
    CHECK_INT(rs_row_memo_get_rows(m, l, rev, 3, out, miss), 0);
    CHECK(out[0] == -5.0f && out[1] == -6.0f && out[4] == -1.0f && out[5] == -2.0f);
    /* a call left half done: another list's row comes between */
    rs_ctx more[2] = {ctx[0], ctx[0]};
    more[1].id[0] = 40;
    CHECK_INT(rs_row_memo_get_rows(m, l, more, 2, out, miss), 1);
    const uint16_t v[] = {6};
    uint32_t lv = rs_row_memo_list(m, v, 1);
    const float rv[] = {-7.0f}, r40[] = {-8.0f, -9.0f};
    rs_row_memo_put(m, lv, more[1].id, 1, rv);
    rs_row_memo_put(m, l, more[1].id, 1, r40);
    CHECK_INT(rs_row_memo_get_rows(m, l, more, 2, out, miss), 0);
    CHECK(out[0] == -1.0f && out[1] == -2.0f && out[2] == -8.0f && out[3] == -9.0f);
    rs_row_memo_free(m);
}

/* The clear count names a list id's lifetime: it moves on each clear,
 * including the one a list call makes past the limit. */
TEST(rowmemo_counts_its_clears)
{
    rs_row_memo *m = rs_row_memo_new((size_t)64 << 10);
    CHECK_INT(rs_row_memo_gen(m), 0);
    const uint16_t w[] = {1};
    rs_row_memo_list(m, w, 1);
    CHECK_INT(rs_row_memo_gen(m), 0);
    rs_row_memo_clear(m);
    CHECK_INT(rs_row_memo_gen(m), 1);
    /* 20,000 one-word rows (over 80 KB of values alone) pass 64 KB */
    uint16_t ctx[1];
    const float v[] = {-1.0f};
    uint32_t l = rs_row_memo_list(m, w, 1);
    for (uint16_t c = 0; c < 20000; c++) {
        ctx[0] = c;
        rs_row_memo_put(m, l, ctx, 1, v);
    }
    CHECK_INT(rs_row_memo_list(m, w, 1), 1);
    CHECK_INT(rs_row_memo_gen(m), 2);
    rs_row_memo_free(m);
}
