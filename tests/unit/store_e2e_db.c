/* store_e2e_db.c — writes the database tests/e2e/store.sh searches (until
 * `sohoa ingest` can make one from text files, and still afterwards, since
 * it needs no segmenter): D1, D2, D3 of store_fixture.h, D1 at two paths,
 * and one recorded failure. Run alone it writes to a temporary file and
 * checks what it wrote; tests/e2e/store.sh runs it with
 * SOHOA_STORE_E2E_DB=path. */
#include "harness.h"
#include "store_fixture.h"

TEST(writes_the_e2e_database)
{
    const char *env = getenv("SOHOA_STORE_E2E_DB");
    const char *p = env && *env ? env : fx_path("e2e.db");
    fx_rm(p);
    sohoa_store *s = NULL;
    sohoa_err e;
    CHECK_INT(sohoa_store_open(p, SOHOA_STORE_CREATE, &s, &e), SOHOA_OK);
    CHECK_INT(fx_put(s, fx_d1("plans/86-KH-UBND.txt")), 1);
    CHECK_INT(fx_put(s, fx_d2("reports/12-BC-UBND.txt")), 2);
    CHECK_INT(fx_put(s, fx_d3("plans/5-KH-UBND.txt")), 3);
    CHECK_INT(fx_put(s, fx_d1("copies/86.txt")), 1);
    CHECK_INT(sohoa_store_record_failure(s, "scans/broken.png", NULL, "ocr",
                                         "scans/broken.png: not a PNG image", &e),
              SOHOA_OK);
    sohoa_store_close(s);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM v_documents"), 3);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM v_paths"), 4);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM v_sections"), 7);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM v_failures"), 1);
}
