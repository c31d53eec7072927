/* store_search.c — searching without diacritics: folding (đ→d included),
 * exact mode, phrases and prefixes, ranking, snippets, filters, facets, and
 * FTS5 syntax errors. Expectations come from reading store_fixture.h. */
#include "harness.h"
#include <sqlite3.h>
#include <stdlib.h>
#include "store_fixture.h"

static sohoa_store *S;

/* A fresh store with D1, D2, D3 for each test (closing the previous one). */
static sohoa_store *store(void)
{
    sohoa_store_close(S);
    S = fx_store3("search.db");
    return S;
}

__attribute__((destructor)) static void teardown(void) { sohoa_store_close(S); }

TEST(dong_thap_finds_dong_thap_with_diacritics)
{
    sohoa_hit *h = NULL;
    sohoa_err e;
    CHECK(store());
    /* Only D1's section II has "Đồng Tháp" in indexed text (issuer/place are
     * not indexed). */
    CHECK_INT(fx_search(S, "dong thap", NULL, 0, 0, &h, &e), 1);
    CHECK_STR(h[0].heading, "KINH PHÍ");
    CHECK_STR(h[0].kind, "budget");
    CHECK_STR(h[0].number, "86");
    CHECK_STR(h[0].symbol, "KH-UBND");
    CHECK_STR(h[0].date, "2023-03-15");
    CHECK_INT(h[0].npaths, 1);
    CHECK_STR(h[0].paths[0], "a.txt");
    CHECK(h[0].score > 0);
    CHECK(strstr(h[0].snippet, "[Đồng]") != NULL);
    CHECK(strstr(h[0].snippet, "[Tháp]") != NULL);
    sohoa_hits_free(h, 1);
}

TEST(tuyen_truyen_finds_tuyen_truyen)
{
    sohoa_err e;
    CHECK(store());
    /* D1's title has "tuyên truyền" (all three of its sections match), and
     * D2's section II says "Công tác tuyên truyền". */
    CHECK_INT(fx_search(S, "tuyen truyen", NULL, 0, 0, NULL, &e), 4);
    CHECK_INT(fx_search(S, "tuyen truyen", NULL, 0, 1, NULL, &e), 2);
    /* Upper case and diacritics in the query fold the same way. */
    CHECK_INT(fx_search(S, "TUYÊN TRUYỀN", NULL, 0, 0, NULL, &e), 4);
}

TEST(d_with_stroke_folds_to_d)
{
    sohoa_hit *h = NULL;
    sohoa_err e;
    CHECK(store());
    /* "đường giao thông" in D2 section I. */
    CHECK_INT(fx_search(S, "duong giao thong", NULL, 0, 0, &h, &e), 1);
    CHECK_STR(h[0].heading, "KẾT QUẢ ĐẠT ĐƯỢC");
    sohoa_hits_free(h, 1);
    CHECK_INT(fx_search(S, "ĐƯỜNG", NULL, 0, 0, NULL, &e), 1);
    /* "dong" folds Đồng (D1 II), đóng (D3 I) and Đông (D3 II). */
    CHECK_INT(fx_search(S, "dong", NULL, 0, 0, NULL, &e), 3);
}

TEST(exact_mode_keeps_diacritics_but_not_case)
{
    sohoa_hit *h = NULL;
    sohoa_err e;
    CHECK(store());
    CHECK_INT(fx_search(S, "đồng", NULL, 1, 0, &h, &e), 1);
    CHECK_STR(h[0].heading, "KINH PHÍ");
    sohoa_hits_free(h, 1);
    CHECK_INT(fx_search(S, "ĐÔNG", NULL, 1, 0, &h, &e), 1);
    CHECK_STR(h[0].heading, "NHIỆM VỤ");
    sohoa_hits_free(h, 1);
    CHECK_INT(fx_search(S, "dong", NULL, 1, 0, NULL, &e), 0);
    CHECK_INT(fx_search(S, "đóng góp", NULL, 1, 0, NULL, &e), 1);
}

TEST(phrase_and_prefix_queries)
{
    sohoa_err e;
    CHECK(store());
    CHECK_INT(fx_search(S, "\"dong thap\"", NULL, 0, 0, NULL, &e), 1);
    CHECK_INT(fx_search(S, "\"thap dong\"", NULL, 0, 0, NULL, &e), 0);
    /* tuy* = the 4 "tuyên truyền" rows; no other word starts with "tuy". */
    CHECK_INT(fx_search(S, "tuy*", NULL, 0, 0, NULL, &e), 4);
    CHECK_INT(fx_search(S, "kinh OR nhiem", NULL, 0, 0, NULL, &e), 3);
    CHECK_INT(fx_search(S, "heading: kinh", NULL, 0, 0, NULL, &e), 1);
}

/* Hits are ranked first and read after (search.c): each hit must carry its
 * own section, document, paths and snippet, for a prefix query (read in
 * one pass over a rowid range) as for a plain one (read row by row). */
TEST(every_hit_carries_its_own_section)
{
    sohoa_err e;
    CHECK(store());
    const char *queries[] = {"tuy*", "tuyen"};
    for (int q = 0; q < 2; q++) {
        sohoa_hit *h = NULL;
        /* the title of D1 (its 3 sections) and D2 II's body */
        CHECK_INT(fx_search(S, queries[q], NULL, 0, 0, &h, &e), 4);
        int d2 = 0;
        for (int i = 0; i < 4; i++) {
            CHECK(h[i].snippet && strstr(h[i].snippet, "[tuyên]"));
            CHECK(h[i].npaths == 1 && h[i].doc_id > 0 && h[i].kind && h[i].title);
            for (int j = 0; j < i; j++)
                CHECK(h[j].section_id != h[i].section_id && h[j].score >= h[i].score);
            if (strcmp(h[i].paths[0], "b.txt") == 0) {
                d2++;
                CHECK_STR(h[i].heading, "TỒN TẠI, HẠN CHẾ");
                CHECK_STR(h[i].number, "12");
            } else {
                CHECK_STR(h[i].paths[0], "a.txt");
                CHECK_STR(h[i].number, "86");
            }
        }
        CHECK_INT(d2, 1);
        sohoa_hits_free(h, 4);
    }
}

/* Count the rows of t matching q on db (-1 on error). */
static long raw_count(sqlite3 *db, const char *q)
{
    sqlite3_stmt *st = NULL;
    long n = -1;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?", -1, &st, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int(st, 0);
    }
    sqlite3_finalize(st);
    return n;
}

/* tokenize='sohoa fold' (the benchmark's experiment) indexes skeletons only. */
TEST(the_fold_option_indexes_skeletons_only)
{
    sqlite3 *db = NULL;
    CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
    CHECK(sohoa_fts_register(db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='sohoa fold');"
                           "INSERT INTO t VALUES('Ủy ban tỉnh Đồng Tháp'), ('đóng cửa');",
                       NULL, NULL, NULL) == SQLITE_OK);
    CHECK_INT(raw_count(db, "dong"), 2);
    CHECK_INT(raw_count(db, "\"dong thap\""), 1);
    char *exact = sohoa_store_exact_query("đồng");
    CHECK_INT(raw_count(db, exact), 0); /* no exact forms in this index */
    free(exact);
    CHECK(sqlite3_exec(db, "CREATE VIRTUAL TABLE u USING fts5(x, tokenize='sohoa other')", NULL,
                       NULL, NULL) != SQLITE_OK);
    sqlite3_close(db);
}

TEST(heading_outranks_body)
{
    sohoa_hit *h = NULL;
    sohoa_err e;
    CHECK(store());
    /* "kinh phí" is D1 II's heading and in its body; only in D3 I's body. */
    CHECK_INT(fx_search(S, "kinh phi", NULL, 0, 0, &h, &e), 2);
    CHECK_STR(h[0].heading, "KINH PHÍ");
    CHECK_STR(h[1].heading, "DỰ TOÁN");
    CHECK(h[0].score > h[1].score);
    sohoa_hits_free(h, 2);
}

TEST(filters_narrow_results)
{
    sohoa_err e;
    sohoa_hit *h = NULL;
    CHECK(store());
    sohoa_filter f = {.doc_type = "bao_cao"};
    CHECK_INT(fx_search(S, "tuyen truyen", &f, 0, 0, NULL, &e), 1);
    f = (sohoa_filter){.year = 2023};
    CHECK_INT(fx_search(S, "kinh phi", &f, 0, 0, NULL, &e), 2);
    f = (sohoa_filter){.place = "dong thap"};
    CHECK_INT(fx_search(S, "kinh phi", &f, 0, 0, NULL, &e), 1);
    f = (sohoa_filter){.issuer = "CAO LANH"};
    CHECK_INT(fx_search(S, "tuyen truyen", &f, 0, 0, NULL, &e), 1);
    f = (sohoa_filter){.from = "2023-02", .to = "2023"};
    CHECK_INT(fx_search(S, "kinh phi", &f, 0, 0, &h, &e), 1);
    CHECK_STR(h[0].date, "2023-03-15");
    sohoa_hits_free(h, 1);
    f = (sohoa_filter){.to = "2023-01-10"};
    CHECK_INT(fx_search(S, "kinh phi", &f, 0, 0, &h, &e), 1);
    CHECK_STR(h[0].date, "2023-01-10");
    sohoa_hits_free(h, 1);
    f = (sohoa_filter){.cites = "2077/QD-UBND-HC"};
    CHECK_INT(fx_search(S, "kinh phi", &f, 0, 0, NULL, &e), 1);
    f = (sohoa_filter){.cites = "2077"};
    CHECK_INT(fx_search(S, "kinh phi", &f, 0, 0, NULL, &e), 1);
    f = (sohoa_filter){.cites = "207"};
    CHECK_INT(fx_search(S, "kinh phi", &f, 0, 0, NULL, &e), 0);
    /* Section I of D1 (purpose, requirements) and its child 1 (purpose). */
    f = (sohoa_filter){.section_kind = "purpose"};
    CHECK_INT(fx_search(S, "tuyen truyen", &f, 0, 0, NULL, &e), 2);
    f = (sohoa_filter){.section_kind = "requirements"};
    CHECK_INT(fx_search(S, "tuyen truyen", &f, 0, 0, NULL, &e), 1);
}

static long facet_count(const sohoa_facet *f, size_t n, const char *facet, const char *value)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(f[i].facet, facet) == 0 && strcmp(f[i].value, value) == 0)
            return (long)f[i].count;
    return 0;
}

TEST(facets_count_documents_and_section_kinds)
{
    sohoa_err e;
    sohoa_facet *f = NULL;
    size_t n = 0;
    CHECK(store());
    sohoa_search_opts o = {.query = "tuyen truyen"};
    CHECK_INT(sohoa_store_facets(S, &o, &f, &n, &e), SOHOA_OK);
    CHECK_INT(facet_count(f, n, "type", "ke_hoach"), 1);
    CHECK_INT(facet_count(f, n, "type", "bao_cao"), 1);
    CHECK_INT(facet_count(f, n, "year", "2023"), 1);
    CHECK_INT(facet_count(f, n, "year", "2022"), 1);
    CHECK_INT(facet_count(f, n, "issuer", "Ủy ban nhân dân huyện Cao Lãnh"), 1);
    CHECK_INT(facet_count(f, n, "section", "purpose"), 2);
    CHECK_INT(facet_count(f, n, "section", "requirements"), 1);
    CHECK_INT(facet_count(f, n, "section", "budget"), 1);
    CHECK_INT(facet_count(f, n, "section", "weaknesses"), 1);
    CHECK_INT(facet_count(f, n, "section", "tasks"), 0);
    /* type 2 + year 2 + issuer 2 + section 4 */
    CHECK_INT(n, 10);
    sohoa_facets_free(f, n);
}

TEST(fts_syntax_error_is_a_clear_error)
{
    sohoa_err e;
    CHECK(store());
    CHECK_INT(fx_search(S, "86/KH-UBND", NULL, 0, 0, NULL, &e), -1);
    CHECK_INT(e.code, SOHOA_EINVAL);
    CHECK(strstr(e.msg, "86/KH-UBND") != NULL);
    CHECK_INT(fx_search(S, "\"unterminated", NULL, 0, 0, NULL, &e), -1);
    CHECK_INT(e.code, SOHOA_EINVAL);
    CHECK_INT(fx_search(S, "nosuchcolumn: x", NULL, 1, 0, NULL, &e), -1);
    CHECK_INT(e.code, SOHOA_EINVAL);
    /* Quoted, the document code is a phrase: 86 kh ubnd — not in any text. */
    CHECK_INT(fx_search(S, "\"86/KH-UBND\"", NULL, 0, 0, NULL, &e), 0);
}

TEST(select_for_export_applies_filters)
{
    sohoa_err e;
    int64_t *ids = NULL;
    size_t n = 0;
    CHECK(store());
    sohoa_filter f = {.doc_type = "ke_hoach"};
    CHECK_INT(sohoa_store_select(S, &f, NULL, 0, &ids, &n, &e), SOHOA_OK);
    CHECK_INT(n, 2);
    CHECK(ids[0] < ids[1]);
    free(ids);
    f = (sohoa_filter){.section_kind = "weaknesses"};
    CHECK_INT(sohoa_store_select(S, &f, NULL, 0, &ids, &n, &e), SOHOA_OK);
    CHECK_INT(n, 1);
    free(ids);
    CHECK_INT(sohoa_store_select(S, NULL, "dong", 0, &ids, &n, &e), SOHOA_OK);
    CHECK_INT(n, 2); /* D1 and D3 */
    free(ids);
}

TEST(exact_mode_keeps_fts5_syntax)
{
    sohoa_err e;
    CHECK(store());
    CHECK_INT(fx_search(S, "\"Đồng Tháp\"", NULL, 1, 0, NULL, &e), 1);
    CHECK_INT(fx_search(S, "\"Đồng Thạp\"", NULL, 1, 0, NULL, &e), 0);
    CHECK_INT(fx_search(S, "heading: kinh", NULL, 1, 0, NULL, &e), 1);
    CHECK_INT(fx_search(S, "{heading title}: KINH", NULL, 1, 0, NULL, &e), 1);
    CHECK_INT(fx_search(S, "NEAR(đồng tháp, 2)", NULL, 1, 0, NULL, &e), 1);
    CHECK_INT(fx_search(S, "đồng OR đông", NULL, 1, 0, NULL, &e), 2);
    CHECK_INT(fx_search(S, "đồng NOT đông", NULL, 1, 0, NULL, &e), 1);
    CHECK_INT(fx_search(S, "đóng AND góp", NULL, 1, 0, NULL, &e), 1);
    CHECK_INT(fx_search(S, "đón*", NULL, 1, 0, NULL, &e), 1); /* đóng */
    CHECK_INT(fx_search(S, "don*", NULL, 1, 0, NULL, &e), 0);
    CHECK_INT(fx_search(S, "don*", NULL, 0, 0, NULL, &e), 3); /* Đồng, đóng, Đông */
}

TEST(exact_mode_ignores_tone_mark_placement)
{
    sohoa_err e;
    CHECK(store());
    sohoa_doc *d = fx_doc("d4.txt", "d4", "thong_bao", "7", "TB-UBND", NULL, NULL, NULL, 0,
                          "Thông báo");
    fx_section(fx_add(&d->sections, &d->nsections), 0, NULL, NULL,
               "Giữ vững hoà bình, phòng chống thuỷ triều.", 3, "other", (char *)NULL);
    CHECK(fx_put(S, d) > 0);
    CHECK_INT(fx_search(S, "hòa bình", NULL, 1, 0, NULL, &e), 1);
    CHECK_INT(fx_search(S, "hoà", NULL, 1, 0, NULL, &e), 1);
    CHECK_INT(fx_search(S, "thủy", NULL, 1, 0, NULL, &e), 1);
    CHECK_INT(fx_search(S, "hóa", NULL, 1, 0, NULL, &e), 0);
}

TEST(exact_query_marks_terms_and_keeps_syntax)
{
#define M "\xEE\x80\x80" /* U+E000 */
    struct { const char *in, *want; } cases[] = {
        {"đồng tháp", M "đồng " M "tháp"},
        {"\"Đồng Tháp\" OR Huế", "\"" M "Đồng Tháp\" OR " M "Huế"},
        {"title: kinh NOT phí", "title: " M "kinh NOT " M "phí"},
        {"{title heading} : kinh*", "{title heading} : " M "kinh*"},
        {"NEAR(đồng tháp, 5)", "NEAR(" M "đồng " M "tháp, 5)"},
        {"\"a \"\"b\"\" c\"", "\"" M "a \"\"b\"\" c\""},
        {"^đầu + tư", "^" M "đầu + " M "tư"},
        {"near and", M "near " M "and"}, /* lower case: words, not operators */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = sohoa_store_exact_query(cases[i].in);
        int same = strcmp(got, cases[i].want) == 0;
        if (!same)
            fprintf(stderr, "exact query of [%s]: [%s]\n", cases[i].in, got);
        free(got);
        CHECK(same);
    }
#undef M
}

TEST(odd_text_is_indexed_without_harm)
{
    sohoa_err e;
    CHECK(store());
    sohoa_doc *d = fx_doc("odd.txt", "odd", "other", NULL, NULL, NULL, NULL, NULL, 0, NULL);
    /* invalid UTF-8 between words, "Dồng" written with combining marks
     * (D, horn, o, circumflex, grave, ng), a 5,000-letter word */
    sohoa_buf b = SOHOA_BUF_INIT;
    sohoa_buf_puts(&b, "tr\xff\xfeuoc D\xcc\x9bo\xcc\x82\xcc\x80ng qu\xc3\xa1n ");
    for (int i = 0; i < 5000; i++)
        sohoa_buf_putc(&b, 'x');
    sohoa_buf_puts(&b, " cuối mười \xcc\x90\xcc\x90 hai"); /* a "word" of marks alone */
    fx_section(fx_add(&d->sections, &d->nsections), 0, NULL, NULL, sohoa_buf_cstr(&b), 1,
               "other", (char *)NULL);
    sohoa_buf_free(&b);
    CHECK(fx_put(S, d) > 0);
    CHECK_INT(fx_search(S, "uoc", NULL, 0, 0, NULL, &e), 1);  /* the bytes separated words */
    CHECK_INT(fx_search(S, "cuoi", NULL, 0, 0, NULL, &e), 1); /* after the long word */
    CHECK_INT(fx_search(S, "xxxx*", NULL, 0, 0, NULL, &e), 1);
    CHECK_INT(fx_search(S, "quán", NULL, 1, 0, NULL, &e), 1);
    CHECK_INT(fx_search(S, "dong", NULL, 0, 0, NULL, &e), 4); /* 3 of the fixture + this */
    /* marks alone are no word, in either form: the phrase skips them */
    CHECK_INT(fx_search(S, "\"muoi hai\"", NULL, 0, 0, NULL, &e), 1);
    CHECK_INT(fx_search(S, "\"mười hai\"", NULL, 1, 0, NULL, &e), 1);
    CHECK_INT(fx_search(S, "\"mười \xcc\x90\xcc\x90 hai\"", NULL, 1, 0, NULL, &e), 1);
    CHECK_INT(fx_search(S, "\"muoi \xcc\x90\xcc\x90 hai\"", NULL, 0, 0, NULL, &e), 1);
}
