/* store_rows.c — what a put writes and how the store guards itself:
 * re-put replaces, one document at two paths, the document read back,
 * failures recorded and cleared, shard merge idempotence, schema-version
 * refusal, damaged and foreign files, readers beside a writer. */
#include "harness.h"
#include "store_fixture.h"

static sohoa_store *open_new(const char *name)
{
    const char *p = fx_path(name);
    fx_rm(p);
    sohoa_store *s = NULL;
    sohoa_err e;
    if (sohoa_store_open(p, SOHOA_STORE_CREATE, &s, &e) != SOHOA_OK) {
        fprintf(stderr, "%s\n", e.msg);
        return NULL;
    }
    return s;
}

/* Run sql on the database at p, outside the store: SQLITE_OK or an error. */
static int exec_sql(const char *p, const char *sql)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open(p, &db);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_close(db);
    return rc;
}

TEST(reput_replaces_rows_and_keeps_the_id)
{
    sohoa_store *s = open_new("reput.db");
    sohoa_err e;
    CHECK(s);
    int64_t id1 = fx_put(s, fx_d1("a.txt"));
    CHECK(id1 > 0);
    sohoa_doc *d = fx_d1("a.txt");
    /* Same content hash, new segmentation: one section only. */
    for (size_t i = 0; i < d->nsections; i++)
        sohoa_section_free(&d->sections[i]);
    d->nsections = 0;
    fx_section(fx_add(&d->sections, &d->nsections), 1, "I", "NỘI DUNG",
               "Tổ chức hội nghị tập huấn nghiệp vụ.", 5, "content", (char *)NULL);
    int64_t id2 = fx_put(s, d);
    CHECK_INT(id2, id1);
    const char *p = fx_path("reput.db");
    CHECK_INT(fx_count(p, "SELECT count(*) FROM documents"), 1);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM sections"), 1);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM refs"), 1);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM recipients"), 1);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM paths"), 1);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM review_words"), 2); /* not 4 */
    /* The old text is gone from the index, the new one is in it. */
    CHECK_INT(fx_search(s, "dong thap", NULL, 0, 0, NULL, &e), 0);
    CHECK_INT(fx_search(s, "tap huan", NULL, 0, 0, NULL, &e), 1);
    CHECK_INT(fx_search(s, "tập huấn", NULL, 1, 0, NULL, &e), 1);
    /* The index agrees with its content table. */
    CHECK_INT(fx_count(p, "SELECT count(*) FROM sections_fts_docsize"), 1);
    sohoa_store_close(s);
}

TEST(same_content_at_two_paths_is_one_document)
{
    sohoa_store *s = open_new("paths.db");
    sohoa_err e;
    CHECK(s);
    int64_t a = fx_put(s, fx_d2("x/report.txt"));
    int64_t b = fx_put(s, fx_d2("y/copy-of-report.txt"));
    CHECK_INT(a, b);
    sohoa_doc *d = fx_d2(NULL);
    CHECK_INT(sohoa_store_has(s, d->sha256, "z/third.txt", &e), 1);
    CHECK_INT(sohoa_store_has(s, d->sha256, "z/third.txt", &e), 1); /* recorded once */
    sohoa_doc_free(d);
    CHECK_INT(sohoa_store_has(s, "0000000000000000000000000000000000000000000000000000000000000000",
                              "w.txt", &e),
              0);
    char **paths = NULL;
    size_t n = 0;
    CHECK_INT(sohoa_store_paths(s, a, &paths, &n, &e), SOHOA_OK);
    CHECK_INT(n, 3);
    int seen = 0;
    for (size_t i = 0; i < n; i++)
        seen |= (strcmp(paths[i], "x/report.txt") == 0) | (strcmp(paths[i], "y/copy-of-report.txt") == 0) << 1 |
                (strcmp(paths[i], "z/third.txt") == 0) << 2;
    sohoa_strv_free(paths, n);
    CHECK_INT(seen, 7);
    const char *p = fx_path("paths.db");
    CHECK_INT(fx_count(p, "SELECT count(*) FROM documents"), 1);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM sections"), 2);
    CHECK_INT(fx_count(p, "SELECT json_array_length(paths) FROM v_documents"), 3);
    sohoa_store_close(s);
}

/* A file whose content changed: the new content takes the path, and the
 * old document, left with no path, goes with all its rows; an old
 * document that keeps another path stays, without the taken one. */
TEST(a_changed_file_takes_its_path_from_the_old_content)
{
    sohoa_store *s = open_new("moved.db");
    sohoa_err e;
    CHECK(s);
    const char *p = fx_path("moved.db");
    int64_t old = fx_put(s, fx_d1("in/doc.txt"));
    int64_t new = fx_put(s, fx_d2("in/doc.txt")); /* same path, other content */
    CHECK(old > 0 && new > 0 && old != new);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM paths WHERE path = 'in/doc.txt'"), 1);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM documents"), 1);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM documents WHERE id = (SELECT document FROM"
                          " paths WHERE path = 'in/doc.txt')"), 1);
    /* fx_d1 has 3 sections, 1 ref, 1 recipient: none of its rows remain. */
    CHECK_INT(fx_count(p, "SELECT count(*) FROM sections"), 2); /* fx_d2's two */
    CHECK_INT(fx_count(p, "SELECT count(*) FROM refs WHERE document NOT IN (SELECT id FROM documents)")
                  + fx_count(p, "SELECT count(*) FROM recipients WHERE document NOT IN (SELECT id FROM documents)")
                  + fx_count(p, "SELECT count(*) FROM agencies WHERE document NOT IN (SELECT id FROM documents)")
                  + fx_count(p, "SELECT count(*) FROM document_texts WHERE document NOT IN (SELECT id FROM documents)"),
              0);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM sections_fts_docsize"), 2);
    CHECK_INT(fx_search(s, "dong thap", NULL, 0, 0, NULL, &e), 0); /* fx_d1's words */
    /* A document with a second path keeps it and loses only the taken one. */
    CHECK(fx_put(s, fx_d1("in/a.txt")) > 0);
    sohoa_doc *d = fx_d1(NULL);
    CHECK_INT(sohoa_store_has(s, d->sha256, "done/a.txt", &e), 1);
    CHECK(fx_put(s, fx_d2("in/a.txt")) == new);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM documents"), 2);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM paths p JOIN documents d ON d.id = p.document"
                          " WHERE d.sha256 = (SELECT sha256 FROM documents WHERE id <> (SELECT"
                          " document FROM paths WHERE path = 'in/doc.txt'))"), 1);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM paths WHERE path = 'in/a.txt'"), 1);
    /* Recording a path for stored content (sohoa_store_has) claims it too. */
    CHECK_INT(sohoa_store_has(s, d->sha256, "in/doc.txt", &e), 1);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM paths WHERE path = 'in/doc.txt'"), 1);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM paths WHERE document = (SELECT id FROM"
                          " documents WHERE sha256 = (SELECT sha256 FROM documents d JOIN paths p"
                          " ON p.document = d.id WHERE p.path = 'done/a.txt'))"), 2);
    sohoa_doc_free(d);
    sohoa_store_close(s);
}

TEST(document_reads_back_with_its_tree)
{
    sohoa_store *s = open_new("get.db");
    sohoa_err e;
    CHECK(s);
    sohoa_doc *in = fx_d1("plans/86.txt");
    in->nwords = 2;
    in->words = sohoa_xcalloc(2, sizeof *in->words);
    in->words[0] = (sohoa_word){sohoa_xstrdup("KE"), 0.5f, 1, 1, 10, 20, 30, 40};
    in->words[1] = (sohoa_word){sohoa_xstrdup("HOACH"), 0.25f, 1, 1, 50, 20, 60, 40};
    in->ocr_conf = 0.375;
    int64_t id = fx_put(s, in);
    CHECK(id > 0);
    sohoa_doc *d = NULL;
    CHECK_INT(sohoa_store_get(s, id, &d, &e), SOHOA_OK);
    CHECK_STR(d->path, "plans/86.txt");
    CHECK_STR(d->doc_type, "ke_hoach");
    CHECK_STR(d->place, "Đồng Tháp");
    CHECK_INT(d->year, 2023);
    CHECK_STR(d->raw, "KE HOACH tuyen truyen");
    CHECK_STR(d->text, "KẾ HOẠCH tuyên truyền");
    CHECK(d->ocr_conf > 0.37 && d->ocr_conf < 0.38);
    CHECK_INT(d->nwords, 2);
    CHECK_STR(d->words[1].text, "HOACH");
    CHECK(d->words[1].conf == 0.25f);
    CHECK_INT(d->words[1].x, 50);
    CHECK_INT(d->nsections, 2);
    CHECK_STR(d->sections[0].heading, "MỤC ĐÍCH, YÊU CẦU");
    CHECK_INT(d->sections[0].nkinds, 2);
    CHECK_STR(d->sections[0].kinds[1], "requirements");
    CHECK_INT(d->sections[0].nchildren, 1);
    CHECK_STR(d->sections[0].children[0].label, "1");
    CHECK_INT(d->sections[0].children[0].line, 12);
    CHECK_STR(d->sections[1].label, "II");
    CHECK_INT(d->nrefs, 1);
    CHECK_STR(d->refs[0].number, "2077/QĐ-UBND-HC");
    CHECK_STR(d->recipients[0], "Sở Nội vụ");
    CHECK_INT(d->nreview, 2);
    if (d->nreview == 2) {
        CHECK_STR(d->review[0].original, "tuyen");
        CHECK_STR(d->review[0].restored, "tuyên");
        CHECK(d->review[0].conf == 0.375f);
        CHECK_STR(d->review[0].alts[0], "tuyến");
        CHECK_STR(d->review[0].alts[1], "tuyển");
        CHECK(d->review[0].alts[2] == NULL);
        CHECK_INT(d->review[0].line, 1);
        CHECK_INT(d->review[0].page, 0);
        CHECK_STR(d->review[1].restored, "Đồng");
        CHECK(d->review[1].alts[0] == NULL);
        CHECK_INT(d->review[1].line, 20);
        CHECK_INT(d->review[1].page, 2);
    }
    const char *p = fx_path("get.db");
    CHECK_INT(fx_count(p, "SELECT count(*) FROM v_review WHERE alternatives = '[\"tuyến\",\"tuyển\"]'"
                          " AND page IS NULL AND ordinal = 1"),
              1);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM v_review WHERE alternatives = '[]' AND page = 2"),
              1);
    sohoa_doc_free(d);
    /* alternatives edited by hand into something else: the word stays */
    CHECK_INT(exec_sql(p, "UPDATE review_words SET alternatives = 'not json' WHERE ordinal = 1"),
              SQLITE_OK);
    CHECK_INT(sohoa_store_get(s, id, &d, &e), SOHOA_OK);
    CHECK_INT(d->nreview, 2);
    CHECK(d->nreview == 2 && d->review[0].alts[0] == NULL);
    sohoa_doc_free(d);
    CHECK_INT(sohoa_store_get(s, id + 100, &d, &e), SOHOA_EINVAL);
    CHECK(strstr(e.msg, "no document") != NULL);
    sohoa_store_close(s);
}

TEST(failures_are_recorded_counted_and_cleared)
{
    sohoa_store *s = open_new("fail.db");
    sohoa_err e;
    CHECK(s);
    CHECK_INT(sohoa_store_record_failure(s, "b.txt", NULL, "decode", "invalid UTF-8 at byte 3", &e),
              SOHOA_OK);
    CHECK_INT(sohoa_store_record_failure(s, "b.txt", NULL, "ocr", "image too small", &e), SOHOA_OK);
    CHECK_INT(sohoa_store_record_failure(s, "z.png", "ab", "ocr", "corrupt PNG", &e), SOHOA_OK);
    sohoa_failure *f = NULL;
    size_t n = 0;
    CHECK_INT(sohoa_store_failures(s, &f, &n, &e), SOHOA_OK);
    CHECK_INT(n, 2);
    CHECK_STR(f[0].path, "b.txt");
    CHECK_INT(f[0].attempts, 2);
    CHECK_STR(f[0].stage, "ocr");
    CHECK_STR(f[0].error, "image too small");
    CHECK(f[0].sha256 == NULL);
    CHECK_STR(f[1].sha256, "ab");
    CHECK_INT(strlen(f[1].last_at), 20); /* 2026-11-30T06:00:00Z */
    sohoa_failures_free(f, n);
    /* A later success at b.txt clears its failure; clear removes z.png's. */
    CHECK(fx_put(s, fx_d2("b.txt")) > 0);
    CHECK_INT(sohoa_store_clear_failure(s, "z.png", &e), SOHOA_OK);
    CHECK_INT(sohoa_store_failures(s, &f, &n, &e), SOHOA_OK);
    CHECK_INT(n, 0);
    sohoa_failures_free(f, n);
    sohoa_store_close(s);
}

/* Every row of the merged database as one string, for comparison. */
static long long rows_signature(const char *p)
{
    return fx_count(p, "SELECT (SELECT count(*) FROM documents) * 1000000 +"
                       " (SELECT count(*) FROM sections) * 10000 +"
                       " (SELECT count(*) FROM paths) * 100 + (SELECT count(*) FROM refs)"
                       " + (SELECT count(*) FROM failures) * 10");
}

TEST(merging_a_shard_twice_gives_the_same_rows)
{
    sohoa_store *shard = open_new("shard0.db");
    sohoa_err e;
    CHECK(shard);
    CHECK(fx_put(shard, fx_d1("s/a.txt")) > 0);
    CHECK(fx_put(shard, fx_d2("s/b.txt")) > 0);
    CHECK_INT(sohoa_store_record_failure(shard, "s/bad.png", NULL, "ocr", "corrupt", &e),
              SOHOA_OK);
    sohoa_store_close(shard);

    sohoa_store *m = open_new("merged.db");
    CHECK(m);
    CHECK(fx_put(m, fx_d2("m/b.txt")) > 0); /* already there under another path */
    CHECK(fx_put(m, fx_d3("m/c.txt")) > 0);
    size_t added = 9, replaced = 9;
    CHECK_INT(sohoa_store_merge_from(m, fx_path("shard0.db"), &added, &replaced, &e), SOHOA_OK);
    CHECK_INT(added, 1);
    CHECK_INT(replaced, 0);
    CHECK_INT(sohoa_store_rebuild_fts(m, &e), SOHOA_OK);
    const char *p = fx_path("merged.db");
    /* 3 documents, 3+2+2 sections, paths: a, b twice, c; 1 ref; 1 failure. */
    long long sig = rows_signature(p);
    CHECK_INT(sig, 3 * 1000000 + 7 * 10000 + 4 * 100 + 1 + 10);
    CHECK_INT(sohoa_store_merge_from(m, fx_path("shard0.db"), &added, &replaced, &e), SOHOA_OK);
    CHECK_INT(added, 0);
    CHECK_INT(replaced, 0);
    CHECK_INT(sohoa_store_rebuild_fts(m, &e), SOHOA_OK);
    CHECK_INT(rows_signature(p), sig);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM review_words r JOIN paths p"
                          " ON p.document = r.document WHERE p.path = 's/a.txt'"),
              2);
    /* The merged document is searchable after the rebuild. */
    CHECK_INT(fx_search(m, "dong thap", NULL, 0, 0, NULL, &e), 1);
    CHECK_INT(fx_search(m, "Đồng", NULL, 1, 0, NULL, &e), 1);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM sections_fts_docsize"), 7);
    sohoa_store_close(m);
}

TEST(a_newer_pipeline_version_replaces_on_merge)
{
    sohoa_store *shard = open_new("shard1.db");
    sohoa_err e;
    CHECK(shard);
    sohoa_store_set_pipeline_version(shard, "0.10.0");
    sohoa_doc *d = fx_d3("s/c.txt");
    sohoa_doc_set(&d->title, "Kế hoạch phòng chống dịch bệnh năm 2024");
    CHECK(fx_put(shard, d) > 0);
    sohoa_store_close(shard);
    sohoa_store *m = open_new("merged1.db");
    CHECK(m);
    sohoa_store_set_pipeline_version(m, "0.9.0");
    CHECK(fx_put(m, fx_d3("m/c.txt")) > 0);
    size_t added = 0, replaced = 0;
    CHECK_INT(sohoa_store_merge_from(m, fx_path("shard1.db"), &added, &replaced, &e), SOHOA_OK);
    CHECK_INT(added, 0);
    CHECK_INT(replaced, 1);
    CHECK_INT(sohoa_store_rebuild_fts(m, &e), SOHOA_OK);
    CHECK_INT(fx_search(m, "2024", NULL, 0, 0, NULL, &e), 2);
    CHECK_INT(fx_count(fx_path("merged1.db"), "SELECT count(*) FROM sections"), 2);
    sohoa_store_close(m);
}

static void set_user_version(const char *p, int v)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v);
    exec_sql(p, sql);
}

/* A database of schema version 2 (before review_words): readers refuse it,
 * the first writer adds the table, empty for the documents already there,
 * and stores the words of the next put. */
TEST(a_schema_2_database_migrates_to_3)
{
    sohoa_store *s = open_new("v2.db");
    sohoa_err e;
    CHECK(s);
    CHECK(fx_put(s, fx_d2("b.txt")) > 0);
    sohoa_store_close(s);
    const char *p = fx_path("v2.db");
    CHECK_INT(exec_sql(p, "BEGIN; DROP VIEW v_review; DROP TABLE review_words;"
                          " PRAGMA user_version = 2; COMMIT;"),
              SQLITE_OK);
    s = NULL;
    CHECK_INT(sohoa_store_open(p, SOHOA_STORE_READONLY, &s, &e), SOHOA_EFORMAT);
    CHECK(strstr(e.msg, "schema version 2 is older") != NULL);
    CHECK_INT(sohoa_store_open(p, SOHOA_STORE_CREATE, &s, &e), SOHOA_OK);
    CHECK_INT(fx_count(p, "PRAGMA user_version"), 3);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM v_review"), 0);
    CHECK(fx_put(s, fx_d1("a.txt")) > 0);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM v_review"), 2);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM documents"), 2);
    sohoa_store_close(s);
}

TEST(a_newer_schema_version_is_refused)
{
    sohoa_store *s = open_new("future.db");
    sohoa_err e;
    CHECK(s);
    sohoa_store_close(s);
    set_user_version(fx_path("future.db"), 99);
    s = NULL;
    CHECK_INT(sohoa_store_open(fx_path("future.db"), SOHOA_STORE_CREATE, &s, &e), SOHOA_EFORMAT);
    CHECK(s == NULL);
    CHECK(strstr(e.msg, "future.db") != NULL);
    CHECK(strstr(e.msg, "schema version 99") != NULL);
    CHECK_INT(sohoa_store_open(fx_path("future.db"), SOHOA_STORE_READONLY, &s, &e), SOHOA_EFORMAT);
    /* A merge refuses such a shard too. */
    sohoa_store *m = open_new("merged2.db");
    CHECK(m);
    CHECK_INT(sohoa_store_merge_from(m, fx_path("future.db"), NULL, NULL, &e), SOHOA_EFORMAT);
    sohoa_store_close(m);
}

TEST(damaged_foreign_and_missing_files_are_refused)
{
    sohoa_store *s = NULL;
    sohoa_err e;
    const char *junk = fx_path("junk.db");
    FILE *f = fopen(junk, "wb");
    CHECK(f);
    for (int i = 0; i < 8192; i++)
        fputc((i * 7919) & 0xff, f);
    fclose(f);
    CHECK_INT(sohoa_store_open(junk, SOHOA_STORE_READONLY, &s, &e), SOHOA_EFORMAT);
    CHECK(strstr(e.msg, "junk.db") != NULL);
    CHECK_INT(sohoa_store_open(junk, SOHOA_STORE_CREATE, &s, &e), SOHOA_EFORMAT);
    /* A real SQLite file of another program. */
    const char *other = fx_path("other.db");
    fx_rm(other);
    sqlite3 *db = NULL;
    sqlite3_open(other, &db);
    sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
    sqlite3_close(db);
    CHECK_INT(sohoa_store_open(other, SOHOA_STORE_CREATE, &s, &e), SOHOA_EFORMAT);
    CHECK(strstr(e.msg, "not a sohoa database") != NULL);
    /* A good database truncated to its first pages. */
    sohoa_store *g = fx_store3("cut.db");
    CHECK(g);
    sohoa_store_close(g);
    CHECK(truncate(fx_path("cut.db"), 4096 * 3) == 0);
    int rc = sohoa_store_open(fx_path("cut.db"), SOHOA_STORE_READONLY, &s, &e);
    if (rc == SOHOA_OK) { /* the header survived: damage shows on first read */
        CHECK_INT(fx_search(s, "dong thap", NULL, 0, 0, NULL, &e), -1);
        CHECK(strstr(e.msg, "cut.db") != NULL);
        sohoa_store_close(s);
    } else {
        CHECK(strstr(e.msg, "cut.db") != NULL);
    }
    CHECK_INT(sohoa_store_open(fx_path("missing.db"), SOHOA_STORE_READONLY, &s, &e), SOHOA_EIO);
    CHECK(strstr(e.msg, "missing.db") != NULL);
}

TEST(a_reader_runs_beside_the_writer)
{
    sohoa_store *w = open_new("wal.db");
    sohoa_err e;
    CHECK(w);
    CHECK(fx_put(w, fx_d1("a.txt")) > 0);
    CHECK_INT(fx_count(fx_path("wal.db"), "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
    sohoa_store *r = NULL;
    CHECK_INT(sohoa_store_open(fx_path("wal.db"), SOHOA_STORE_READONLY, &r, &e), SOHOA_OK);
    CHECK_INT(fx_search(r, "dong thap", NULL, 0, 0, NULL, &e), 1);
    CHECK(fx_put(w, fx_d2("b.txt")) > 0); /* the writer commits while the reader is open */
    CHECK_INT(fx_search(r, "tuyen truyen", NULL, 0, 1, NULL, &e), 2);
    sohoa_doc *d = fx_d3("c.txt");
    CHECK_INT(sohoa_store_put(r, d, NULL, &e), SOHOA_EINVAL); /* readers never write */
    sohoa_doc_free(d);
    sohoa_store_close(r);
    sohoa_store_close(w);
}

TEST(a_batch_commits_together_or_not_at_all)
{
    sohoa_store *s = open_new("batch.db");
    sohoa_err e;
    CHECK(s);
    const char *p = fx_path("batch.db");
    CHECK_INT(sohoa_store_begin(s, &e), SOHOA_OK);
    CHECK(fx_put(s, fx_d1("a.txt")) > 0);
    CHECK(fx_put(s, fx_d2("b.txt")) > 0);
    sohoa_doc *bad = fx_d3("c.txt");
    bad->sha256[0] = '\0';
    CHECK_INT(sohoa_store_put(s, bad, NULL, &e), SOHOA_EINVAL); /* refused, batch goes on */
    sohoa_doc_free(bad);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM documents"), 0); /* not visible yet */
    CHECK_INT(sohoa_store_commit(s, &e), SOHOA_OK);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM documents"), 2);
    CHECK_INT(fx_search(s, "tuyen truyen", NULL, 0, 1, NULL, &e), 2);
    CHECK_INT(sohoa_store_begin(s, &e), SOHOA_OK);
    CHECK(fx_put(s, fx_d3("c.txt")) > 0);
    sohoa_store_rollback(s);
    CHECK_INT(fx_count(p, "SELECT count(*) FROM documents"), 2);
    CHECK_INT(sohoa_store_commit(s, &e), SOHOA_EINTERNAL); /* no batch open */
    sohoa_store_close(s);
}
