/* store_batch.c — batches (sohoa_store_begin .. commit): their sections are
 * indexed at the commit, in one go, and a re-put, a path taken by another
 * document or a rollback inside the batch leave the index exactly matching
 * the tables (FTS5's integrity-check). Expectations from store_fixture.h. */
#include "harness.h"
#include "store_fixture.h"

/* FTS5's own check that the index holds exactly the rows of fts_source. */
static int fts_ok(const char *path)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open(path, &db);
    if (rc == SQLITE_OK)
        rc = sohoa_fts_register(db);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "INSERT INTO sections_fts(sections_fts) VALUES('integrity-check')",
                          NULL, NULL, NULL);
    sqlite3_close(db);
    return rc == SQLITE_OK;
}

TEST(a_batch_indexes_its_sections_at_commit)
{
    const char *p = fx_path("batch.db");
    fx_rm(p);
    sohoa_store *s = NULL;
    sohoa_err e;
    CHECK_INT(sohoa_store_open(p, SOHOA_STORE_CREATE, &s, &e), SOHOA_OK);
    CHECK_INT(sohoa_store_begin(s, &e), SOHOA_OK);
    CHECK_INT(fx_put(s, fx_d1("a.txt")), 1);
    CHECK_INT(fx_put(s, fx_d2("b.txt")), 2);
    CHECK_INT(fx_put(s, fx_d1("a.txt")), 1);  /* re-put: its queued sections are replaced */
    CHECK_INT(fx_put(s, fx_d3("b.txt")), 3);  /* b.txt changed: D2 loses its only path */
    CHECK_INT(fx_search(s, "dong", NULL, 0, 0, NULL, &e), 0); /* not indexed yet */
    CHECK_INT(sohoa_store_commit(s, &e), SOHOA_OK);
    CHECK(fts_ok(p));
    CHECK_INT(fx_count(p, "SELECT count(*) FROM documents"), 2);
    /* D1 II Đồng, D3 I đóng, D3 II Đông */
    CHECK_INT(fx_search(s, "dong", NULL, 0, 0, NULL, &e), 3);
    /* D1's title is in its three sections; D2 II went with D2 */
    CHECK_INT(fx_search(s, "tuyen truyen", NULL, 0, 0, NULL, &e), 3);
    CHECK_INT(fx_search(s, "dan van", NULL, 0, 0, NULL, &e), 0);
    /* the re-put of an indexed document inside a later batch */
    CHECK_INT(sohoa_store_begin(s, &e), SOHOA_OK);
    CHECK_INT(fx_put(s, fx_d3("b.txt")), 3);
    CHECK_INT(sohoa_store_commit(s, &e), SOHOA_OK);
    CHECK(fts_ok(p));
    CHECK_INT(fx_search(s, "dong", NULL, 0, 0, NULL, &e), 3);
    sohoa_store_close(s);
}

TEST(a_rolled_back_batch_leaves_nothing_queued)
{
    const char *p = fx_path("rollback.db");
    fx_rm(p);
    sohoa_store *s = NULL;
    sohoa_err e;
    CHECK_INT(sohoa_store_open(p, SOHOA_STORE_CREATE, &s, &e), SOHOA_OK);
    CHECK_INT(sohoa_store_begin(s, &e), SOHOA_OK);
    CHECK(fx_put(s, fx_d1("a.txt")) > 0);
    sohoa_store_rollback(s);
    CHECK_INT(sohoa_store_begin(s, &e), SOHOA_OK);
    CHECK(fx_put(s, fx_d3("c.txt")) > 0);
    CHECK_INT(sohoa_store_commit(s, &e), SOHOA_OK);
    CHECK(fts_ok(p));
    CHECK_INT(fx_count(p, "SELECT count(*) FROM documents"), 1);
    CHECK_INT(fx_search(s, "dong", NULL, 0, 0, NULL, &e), 2); /* D3 I and II only */
    CHECK_INT(fx_search(s, "tuyen", NULL, 0, 0, NULL, &e), 0);
    sohoa_store_close(s);
}
