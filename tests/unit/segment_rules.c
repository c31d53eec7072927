/* segment_rules.c — tests of the rules loader (format, fragments, errors
 * with file:line), rule scans (money, percentages, agencies), dates to ISO
 * and the match limit (src/segment/rules.c, values.c, segment.c). */
#include "harness.h"
#include "sohoa/doc.h"
#include "sohoa/segment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static sohoa_rules *project_rules(void)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/rules", harness_srcdir());
    sohoa_rules *r = NULL;
    sohoa_err e;
    if (sohoa_rules_load(dir, &r, &e) != SOHOA_OK)
        printf("  cannot load %s: %s\n", dir, e.msg);
    return r;
}

/* A fresh directory holding one rules file with `text`; returns its path. */
static const char *rules_dir(const char *name, const char *text)
{
    static char dir[256];
    snprintf(dir, sizeof dir, "/tmp/sohoa-rules-XXXXXX");
    if (!mkdtemp(dir))
        return NULL;
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    return dir;
}

static void remove_dir(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unlink(path);
    rmdir(dir);
}

TEST(project_rules_load)
{
    sohoa_rules *r = project_rules();
    CHECK(r != NULL);
    sohoa_rules_free(r);
}

TEST(bad_rule_names_file_line_and_pcre2_offset)
{
    const char *dir = rules_dir("x.rules", "# comment\n\nkind.a = \\bgood\\b\n"
                                           "kind.b = fine\n    (?:continued)\n"
                                           "kind.c = \\bbroken(\n");
    sohoa_rules *r = (sohoa_rules *)1;
    sohoa_err e;
    CHECK_INT(sohoa_rules_load(dir, &r, &e), SOHOA_EFORMAT);
    CHECK(r == NULL);
    char want[400];
    /* line 6: the rule after a two-line rule; "\bbroken(" fails at its end (offset 9) */
    snprintf(want, sizeof want, "%s/x.rules:6: missing closing parenthesis at offset 9", dir);
    CHECK_STR(e.msg, want);
    remove_dir(dir, "x.rules");
}

/* ---- scans ---------------------------------------------------------------- */

typedef struct hits {
    char text[8][128];
    int n;
} hits;

typedef struct scan_ctx {
    const char *s;
    hits h;
} scan_ctx;

static int collect_span(const char *rule, size_t a, size_t b, void *ctx)
{
    (void)rule;
    scan_ctx *c = ctx;
    if (c->h.n < 8)
        snprintf(c->h.text[c->h.n++], sizeof c->h.text[0], "%.*s", (int)(b - a), c->s + a);
    return 0;
}

static scan_ctx scan(const sohoa_rules *r, const char *family, const char *s)
{
    scan_ctx c;
    memset(&c, 0, sizeof c);
    c.s = s;
    sohoa_err e;
    sohoa_rules_scan(r, family, s, strlen(s), collect_span, &c, &e);
    return c;
}

TEST(fragments_expand_inside_continued_rules)
{
    const char *dir = rules_dir("a.rules", "def.so = s[o06]\n"
                                           "ref = \\d+\n"
                                           "    \\h*{{so}}\n"
                                           "ref = {{def.so}}X\n");
    sohoa_rules *r;
    sohoa_err e;
    CHECK_INT(sohoa_rules_load(dir, &r, &e), SOHOA_OK);
    scan_ctx c = scan(r, "ref", "12 s6 and soX");
    CHECK_INT(c.h.n, 2);
    CHECK_STR(c.h.text[0], "12 s6");
    CHECK_STR(c.h.text[1], "soX");
    sohoa_rules_free(r);
    remove_dir(dir, "a.rules");
}

TEST(unknown_fragment_and_bad_lines_are_errors)
{
    sohoa_rules *r;
    sohoa_err e;
    const char *dir = rules_dir("b.rules", "ref = {{nothing}}\n");
    CHECK_INT(sohoa_rules_load(dir, &r, &e), SOHOA_EFORMAT);
    CHECK(strstr(e.msg, "b.rules:1: unknown fragment {{nothing}}") != NULL);
    remove_dir(dir, "b.rules");
    dir = rules_dir("c.rules", "\nthis line has no equals sign\n");
    CHECK_INT(sohoa_rules_load(dir, &r, &e), SOHOA_EFORMAT);
    CHECK(strstr(e.msg, "c.rules:2: expected 'name = pattern'") != NULL);
    remove_dir(dir, "c.rules");
    dir = rules_dir("d.rules", "Kind.X = a\n");
    CHECK_INT(sohoa_rules_load(dir, &r, &e), SOHOA_EFORMAT);
    CHECK(strstr(e.msg, "d.rules:1: bad rule name 'Kind.X'") != NULL);
    remove_dir(dir, "d.rules");
    dir = rules_dir("e.rules", "   indented = continuation of nothing\n");
    CHECK_INT(sohoa_rules_load(dir, &r, &e), SOHOA_EFORMAT);
    CHECK(strstr(e.msg, "e.rules:1: continuation line without a rule above it") != NULL);
    remove_dir(dir, "e.rules");
}

TEST(directory_without_rules_is_an_error)
{
    sohoa_rules *r;
    sohoa_err e;
    const char *dir = rules_dir("notes.txt", "kind.a = b\n");
    CHECK_INT(sohoa_rules_load(dir, &r, &e), SOHOA_EIO);
    CHECK(strstr(e.msg, "no *.rules files") != NULL);
    remove_dir(dir, "notes.txt");
    CHECK_INT(sohoa_rules_load("/nonexistent/rules", &r, &e), SOHOA_EIO);
    CHECK(strstr(e.msg, "/nonexistent/rules: cannot open the rules directory") != NULL);
}

TEST(pathological_rule_hits_the_match_limit_not_a_hang)
{
    const char *dir = rules_dir("slow.rules", "money = ^(a+)+$\n");
    sohoa_rules *r;
    sohoa_err e;
    CHECK_INT(sohoa_rules_load(dir, &r, &e), SOHOA_OK);
    char s[64];
    memset(s, 'a', 40);
    s[40] = 'b';
    s[41] = '\0';
    scan_ctx c;
    memset(&c, 0, sizeof c);
    c.s = s;
    CHECK_INT(sohoa_rules_scan(r, "money", s, strlen(s), collect_span, &c, &e), SOHOA_ELIMIT);
    CHECK(strstr(e.msg, "slow.rules:1: rule money") != NULL);
    sohoa_rules_free(r);
    remove_dir(dir, "slow.rules");
}

TEST(money_and_percentages)
{
    sohoa_rules *r = project_rules();
    CHECK(r != NULL);
    scan_ctx c = scan(r, "money", "Tổng kinh phí 500.000.000 đồng, trong đó 500 triệu đồng "
                                  "từ ngân sách và 1,5 tỷ đồng xã hội hóa; 07 thành viên.");
    CHECK_INT(c.h.n, 3);
    CHECK_STR(c.h.text[0], "500.000.000 đồng");
    CHECK_STR(c.h.text[1], "500 triệu đồng");
    CHECK_STR(c.h.text[2], "1,5 tỷ đồng");
    c = scan(r, "percent", "đạt 99,96% kế hoạch, tăng 5 % so với năm 2023");
    CHECK_INT(c.h.n, 2);
    CHECK_STR(c.h.text[0], "99,96%");
    CHECK_STR(c.h.text[1], "5 %");
    sohoa_rules_free(r);
}

TEST(agencies_are_named_and_split_at_keywords)
{
    sohoa_rules *r = project_rules();
    CHECK(r != NULL);
    scan_ctx c = scan(r, "agency", "Cơ quan chủ trì: Phòng Nội vụ, Phòng Văn hóa và Thông tin; "
                                   "phối hợp với Trung tâm Văn hóa - Thể thao và Truyền thanh, "
                                   "Sở Tài chính và Ủy ban nhân dân các xã.");
    CHECK(c.h.n >= 4);
    CHECK_STR(c.h.text[0], "Phòng Nội vụ");
    CHECK_STR(c.h.text[1], "Phòng Văn hóa và Thông tin");
    CHECK_STR(c.h.text[2], "Trung tâm Văn hóa - Thể thao và Truyền thanh");
    CHECK_STR(c.h.text[3], "Sở Tài chính");
    /* an enumeration keeps its commas; a unit may follow a line break (double
     * spacing); proper names run on; an acronym name; the Fatherland Front */
    c = scan(r, "agency", "của UBND \n\nhuyện Thạch Thành; Trung tâm Văn hóa, Thông tin, Thể thao "
                          "và Du lịch huyện; Đài Phát thanh và Truyền hình Thanh Giang xây dựng; "
                          "Văn phòng HĐND&UBND Thành phố; Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh.");
    CHECK_INT(c.h.n, 5);
    CHECK_STR(c.h.text[0], "UBND \n\nhuyện Thạch Thành");
    CHECK_STR(c.h.text[1], "Trung tâm Văn hóa, Thông tin, Thể thao và Du lịch huyện");
    CHECK_STR(c.h.text[2], "Đài Phát thanh và Truyền hình Thanh Giang");
    CHECK_STR(c.h.text[3], "Văn phòng HĐND&UBND Thành phố");
    CHECK_STR(c.h.text[4], "Ủy ban Mặt trận Tổ quốc Việt Nam");
    sohoa_rules_free(r);
}

/* ---- dates ---------------------------------------------------------------- */

TEST(dates_to_iso)
{
    sohoa_rules *r = project_rules();
    CHECK(r != NULL);
    char iso[11], part[16];
    const char *s = "Đông Hòa, ngày 12 tháng 01 năm 2022";
    CHECK_INT(sohoa_parse_date(r, s, strlen(s), iso, part), 1);
    CHECK_STR(iso, "2022-01-12");
    s = "Chương trình số 08-CTr/TU ngày 18/11/2021 của Thị ủy";
    CHECK_INT(sohoa_parse_date(r, s, strlen(s), iso, part), 1);
    CHECK_STR(iso, "2021-11-18");
    s = "ngay ]2 thang 01 nam 2022"; /* OCR: ']' for 1, no diacritics */
    CHECK_INT(sohoa_parse_date(r, s, strlen(s), iso, part), 1);
    CHECK_STR(iso, "2022-01-12");
    s = "ngày 15/7/2021";
    CHECK_INT(sohoa_parse_date(r, s, strlen(s), iso, part), 1);
    CHECK_STR(iso, "2021-07-15");
    s = "ngày 30/02/2023"; /* no 30 February: what is known */
    CHECK_INT(sohoa_parse_date(r, s, strlen(s), iso, part), 2);
    CHECK_STR(part, "02/2023");
    s = "ngày 29/02/2024"; /* leap year */
    CHECK_INT(sohoa_parse_date(r, s, strlen(s), iso, part), 1);
    CHECK_STR(iso, "2024-02-29");
    s = "không có ngày tháng";
    CHECK_INT(sohoa_parse_date(r, s, strlen(s), iso, part), 0);
    sohoa_rules_free(r);
}

TEST(code_tables)
{
    const char *const *k = sohoa_section_kinds();
    int n = 0, other = 0;
    for (; k[n]; n++)
        other |= strcmp(k[n], "other") == 0;
    CHECK_INT(n, 18);
    CHECK(other);
    const char *const *t = sohoa_doc_types();
    CHECK_STR(t[0], "ke_hoach");
    CHECK_STR(t[1], "bao_cao");
}

TEST(segmentation_survives_a_rule_that_hits_the_match_limit)
{
    /* sohoa_rules_scan reports the limit; sohoa_segment carries on without
     * that rule's match (best effort on any text). */
    const char *dir = rules_dir("slow.rules", "heading.1.roman = ^(a+)+$\n");
    sohoa_rules *r;
    sohoa_err e;
    CHECK_INT(sohoa_rules_load(dir, &r, &e), SOHOA_OK);
    sohoa_doc *d = sohoa_doc_new();
    char text[64];
    memset(text, 'a', 40);
    strcpy(text + 40, "b\nmore\n");
    d->text = strdup(text);
    CHECK_INT(sohoa_segment(r, d, &e), SOHOA_OK);
    CHECK_INT(d->nsections, 1);
    CHECK_STR(d->sections[0].kinds[0], "other");
    sohoa_doc_free(d);
    sohoa_rules_free(r);
    remove_dir(dir, "slow.rules");
}
