/* store_exact_rank.c — tests of --exact's ranking (src/store/search.c):
 * the folded candidates are ranked and re-checked in rank order only until
 * the limit is reached, so the best candidates that fail the exact check
 * must be skipped, not counted, and the hits must come in the order and
 * with the scores of the folded ranking. The documents are built so that
 * the folded word "dong" ranks đóng and đông above most of the đồng rows. */
#include "harness.h"
#include "store_fixture.h"

/* One document of one or two sections (heading, body); year 2020 + n. */
static sohoa_doc *doc(int n, const char *title, const char *h1, const char *b1, const char *h2,
                      const char *b2)
{
    char path[32], seed[32], date[16];
    snprintf(path, sizeof path, "%c.txt", 'a' + n);
    snprintf(seed, sizeof seed, "rank-%d", n);
    snprintf(date, sizeof date, "%d-01-01", 2020 + n);
    sohoa_doc *d = fx_doc(path, seed, "bao_cao", NULL, NULL, NULL, NULL, date, 2020 + n, title);
    fx_section(fx_add(&d->sections, &d->nsections), 1, "I", h1, b1, 5, "other", (char *)NULL);
    if (h2)
        fx_section(fx_add(&d->sections, &d->nsections), 1, "II", h2, b2, 9, "other",
                   (char *)NULL);
    return d;
}

static sohoa_store *S;

/* Weighted counts of "dong" (title 4, heading 2, body 1) per section:
 *   A  đóng: 4 + 2 + 3 = 9   (folded only)
 *   C  Đồng: 4 + 1 = 5
 *   E2 Đồng: 2 + 1 = 3
 *   B  đông: 2               (folded only)
 *   E1 Đồng: 2
 *   D  Đồng: 1
 * so "đồng" exact ranks C, E2, E1, D (E1 and B tie, but B is not exact). */
static int store(void)
{
    if (S)
        return 1;
    const char *p = fx_path("rank.db");
    fx_rm(p);
    sohoa_err e;
    if (sohoa_store_open(p, SOHOA_STORE_CREATE, &S, &e) != SOHOA_OK)
        return 0;
    return fx_put(S, doc(0, "Kế hoạch đóng góp", "ĐÓNG GÓP", "đóng góp, đóng quỹ, đóng thuế", NULL,
                         NULL)) > 0 &&
           fx_put(S, doc(1, "Báo cáo năm", "KẾT QUẢ", "người dân đông vui, đông đảo", NULL,
                         NULL)) > 0 &&
           fx_put(S, doc(2, "Kế hoạch Đồng Tháp", "NỘI DUNG", "tỉnh Đồng Tháp", NULL, NULL)) > 0 &&
           fx_put(S, doc(3, "Báo cáo quý", "NỘI DUNG", "xã Đồng Hòa", NULL, NULL)) > 0 &&
           fx_put(S, doc(4, "Báo cáo tháng", "TÌNH HÌNH", "Đồng Nai, Đồng Xoài", "ĐỒNG BẰNG",
                         "vùng đồng bằng")) > 0;
}

/* The hits' "title/heading" pairs, joined by " | ". */
static const char *hits_str(const sohoa_hit *h, size_t n)
{
    static char buf[1024];
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s/%s", i ? " | " : "",
                 h[i].title, h[i].heading);
    return buf;
}

static size_t search(const char *q, int exact, int documents, size_t limit, int year,
                     sohoa_hit **h)
{
    sohoa_search_opts o = {.query = q, .exact = exact, .documents = documents, .limit = limit};
    o.filter.year = year;
    size_t n = 0;
    sohoa_err e;
    if (sohoa_store_search(S, &o, h, &n, &e) != SOHOA_OK) {
        fprintf(stderr, "search %s: %s\n", q, e.msg);
        *h = NULL;
        return (size_t)-1;
    }
    return n;
}

TEST(folded_ranking_puts_the_non_exact_rows_first)
{
    sohoa_hit *h;
    CHECK(store());
    CHECK_INT(search("dong", 0, 0, 2, 0, &h), 2);
    CHECK_STR(hits_str(h, 2), "Kế hoạch đóng góp/ĐÓNG GÓP | Kế hoạch Đồng Tháp/NỘI DUNG");
    sohoa_hits_free(h, 2);
}

TEST(exact_skips_better_candidates_that_fail_the_check)
{
    sohoa_hit *h;
    CHECK(store());
    CHECK_INT(search("đồng", 1, 0, 1, 0, &h), 1);
    CHECK_STR(hits_str(h, 1), "Kế hoạch Đồng Tháp/NỘI DUNG");
    sohoa_hits_free(h, 1);
    CHECK_INT(search("đồng", 1, 0, 3, 0, &h), 3);
    CHECK_STR(hits_str(h, 3), "Kế hoạch Đồng Tháp/NỘI DUNG | Báo cáo tháng/ĐỒNG BẰNG | "
                              "Báo cáo tháng/TÌNH HÌNH");
    sohoa_hits_free(h, 3);
}

TEST(exact_with_a_large_limit_gives_every_match_in_rank_order)
{
    sohoa_hit *h;
    CHECK(store());
    CHECK_INT(search("đồng", 1, 0, 50, 0, &h), 4);
    CHECK_STR(hits_str(h, 4), "Kế hoạch Đồng Tháp/NỘI DUNG | Báo cáo tháng/ĐỒNG BẰNG | "
                              "Báo cáo tháng/TÌNH HÌNH | Báo cáo quý/NỘI DUNG");
    for (int i = 0; i < 3; i++)
        CHECK(h[i].score > h[i + 1].score);
    sohoa_hits_free(h, 4);
    CHECK_INT(search("đóng", 1, 0, 50, 0, &h), 1);
    CHECK_STR(hits_str(h, 1), "Kế hoạch đóng góp/ĐÓNG GÓP");
    sohoa_hits_free(h, 1);
}

TEST(exact_scores_are_the_folded_scores)
{
    sohoa_hit *f, *x;
    CHECK(store());
    CHECK_INT(search("dong", 0, 0, 50, 0, &f), 6);
    CHECK_INT(search("đồng", 1, 0, 50, 0, &x), 4);
    /* C is the folded second, E2 the third */
    CHECK(f[1].section_id == x[0].section_id && f[1].score == x[0].score);
    CHECK(f[2].section_id == x[1].section_id && f[2].score == x[1].score);
    sohoa_hits_free(f, 6);
    sohoa_hits_free(x, 4);
}

TEST(exact_documents_keeps_each_documents_best_section)
{
    sohoa_hit *h;
    CHECK(store());
    CHECK_INT(search("đồng", 1, 1, 3, 0, &h), 3);
    CHECK_STR(hits_str(h, 3), "Kế hoạch Đồng Tháp/NỘI DUNG | Báo cáo tháng/ĐỒNG BẰNG | "
                              "Báo cáo quý/NỘI DUNG");
    sohoa_hits_free(h, 3);
}

TEST(exact_applies_filters_before_the_limit)
{
    sohoa_hit *h;
    CHECK(store());
    CHECK_INT(search("đồng", 1, 0, 1, 2023, &h), 1); /* D's year */
    CHECK_STR(hits_str(h, 1), "Báo cáo quý/NỘI DUNG");
    sohoa_hits_free(h, 1);
    CHECK_INT(search("đồng", 1, 0, 5, 2021, &h), 0); /* B's year: đông only */
    sohoa_hits_free(h, 0);
}

TEST(zz_close)
{
    sohoa_store_close(S);
    S = NULL;
}
