/* store_fixture.h — hand-built documents for the store tests (no segmenter
 * involved): three short Vietnamese administrative documents whose words
 * the tests search for, and helpers to build sections and count rows.
 * Included by tests/unit/store_*.c only. */
#ifndef SOHOA_STORE_FIXTURE_H
#define SOHOA_STORE_FIXTURE_H

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "sohoa/buf.h"
#include "sohoa/doc.h"
#include "sohoa/file.h"
#include "sohoa/store.h"

static char fx_dir[256];

/* A fresh temporary directory per test binary; fx_path names a file in it. */
__attribute__((unused)) static const char *fx_path(const char *name)
{
    static char buf[4][512];
    static int k;
    if (!fx_dir[0])
        snprintf(fx_dir, sizeof fx_dir, "%s", harness_tmpdir("sohoa-store"));
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", fx_dir, name);
    return buf[k];
}

__attribute__((unused)) static void fx_rm(const char *path)
{
    char p[600];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

/* Fill a section; kinds is a NULL-terminated list. */
__attribute__((unused)) static void fx_section(sohoa_section *s, int level, const char *label, const char *heading,
                       const char *text, int line, ...)
{
    memset(s, 0, sizeof *s);
    s->level = level;
    s->label = label ? sohoa_xstrdup(label) : NULL;
    s->heading = heading ? sohoa_xstrdup(heading) : NULL;
    s->text = sohoa_xstrdup(text);
    s->line = line;
    va_list ap;
    va_start(ap, line);
    const char *k;
    while ((k = va_arg(ap, const char *)) != NULL) {
        s->kinds = sohoa_xrealloc(s->kinds, (s->nkinds + 1) * sizeof *s->kinds);
        s->kinds[s->nkinds++] = sohoa_xstrdup(k);
    }
    va_end(ap);
}

__attribute__((unused)) static sohoa_section *fx_add(sohoa_section **v, size_t *n)
{
    *v = sohoa_xrealloc(*v, (*n + 1) * sizeof **v);
    return &(*v)[(*n)++];
}

__attribute__((unused)) static sohoa_doc *fx_doc(const char *path, const char *seed, const char *type,
                         const char *number, const char *symbol, const char *issuer,
                         const char *place, const char *date, int year, const char *title)
{
    sohoa_doc *d = sohoa_doc_new();
    sohoa_doc_set(&d->path, path);
    sohoa_sha256_hex(seed, strlen(seed), d->sha256);
    sohoa_doc_set(&d->kind, "text");
    sohoa_doc_set(&d->doc_type, type);
    sohoa_doc_set(&d->number, number);
    sohoa_doc_set(&d->symbol, symbol);
    sohoa_doc_set(&d->issuer, issuer);
    sohoa_doc_set(&d->place, place);
    sohoa_doc_set(&d->date, date);
    d->year = year;
    sohoa_doc_set(&d->title, title);
    return d;
}

/* D1: a 2023 plan from Đồng Tháp citing 2077/QĐ-UBND-HC. Sections: I (purpose,
 * requirements) with child 1 (purpose), II (budget). Two words to review:
 * "tuyen" on line 1 (alternatives tuyến, tuyển) and "Dong" on line 20,
 * page 2 (none). */
__attribute__((unused)) static sohoa_doc *fx_d1(const char *path)
{
    sohoa_doc *d = fx_doc(path, "d1", "ke_hoach", "86", "KH-UBND",
                          "Ủy ban nhân dân tỉnh Đồng Tháp", "Đồng Tháp", "2023-03-15", 2023,
                          "Kế hoạch tuyên truyền cải cách hành chính năm 2023");
    sohoa_doc_set(&d->raw, "KE HOACH tuyen truyen");
    sohoa_doc_set(&d->text, "KẾ HOẠCH tuyên truyền");
    sohoa_section *s1 = fx_add(&d->sections, &d->nsections);
    fx_section(s1, 1, "I", "MỤC ĐÍCH, YÊU CẦU",
               "Nâng cao nhận thức của cán bộ, công chức về cải cách hành chính.", 10,
               "purpose", "requirements", (char *)NULL);
    fx_section(fx_add(&s1->children, &s1->nchildren), 2, "1", "Mục đích",
               "Đẩy mạnh công tác thông tin trên địa bàn tỉnh.", 12, "purpose", (char *)NULL);
    fx_section(fx_add(&d->sections, &d->nsections), 1, "II", "KINH PHÍ",
               "Kinh phí thực hiện từ nguồn ngân sách tỉnh Đồng Tháp năm 2023.", 20, "budget",
               (char *)NULL);
    d->refs = sohoa_xcalloc(1, sizeof *d->refs);
    d->nrefs = 1;
    d->refs[0].type = sohoa_xstrdup("quyet_dinh");
    d->refs[0].number = sohoa_xstrdup("2077/QĐ-UBND-HC");
    d->refs[0].date = sohoa_xstrdup("2022-12-01");
    d->recipients = sohoa_xcalloc(1, sizeof *d->recipients);
    d->recipients[0] = sohoa_xstrdup("Sở Nội vụ");
    d->nrecipients = 1;
    d->review = sohoa_xcalloc(2, sizeof *d->review);
    d->nreview = 2;
    d->review[0] = (sohoa_review_word){sohoa_xstrdup("tuyen"), sohoa_xstrdup("tuyên"), 0.375f,
                                       {sohoa_xstrdup("tuyến"), sohoa_xstrdup("tuyển"), NULL},
                                       1, 0};
    d->review[1] = (sohoa_review_word){sohoa_xstrdup("Dong"), sohoa_xstrdup("Đồng"), 0.25f,
                                       {NULL, NULL, NULL}, 20, 2};
    return d;
}

/* D2: a 2022 report from Cao Lãnh. Sections: I (results), II (weaknesses). */
__attribute__((unused)) static sohoa_doc *fx_d2(const char *path)
{
    sohoa_doc *d = fx_doc(path, "d2", "bao_cao", "12", "BC-UBND",
                          "Ủy ban nhân dân huyện Cao Lãnh", "Cao Lãnh", "2022-06-30", 2022,
                          "Báo cáo kết quả thực hiện công tác dân vận năm 2022");
    fx_section(fx_add(&d->sections, &d->nsections), 1, "I", "KẾT QUẢ ĐẠT ĐƯỢC",
               "Tổ chức 15 buổi đối thoại với nhân dân; làm mới đường giao thông nông thôn.", 8,
               "results", (char *)NULL);
    fx_section(fx_add(&d->sections, &d->nsections), 1, "II", "TỒN TẠI, HẠN CHẾ",
               "Công tác tuyên truyền còn hạn chế ở vùng sâu.", 15, "weaknesses", (char *)NULL);
    return d;
}

/* D3: a January 2023 plan from Hà Nội. Sections: I (budget), II (tasks). */
__attribute__((unused)) static sohoa_doc *fx_d3(const char *path)
{
    sohoa_doc *d = fx_doc(path, "d3", "ke_hoach", "5", "KH-UBND", "Ủy ban nhân dân thành phố Hà Nội",
                          "Hà Nội", "2023-01-10", 2023, "Kế hoạch phòng chống dịch bệnh");
    fx_section(fx_add(&d->sections, &d->nsections), 1, "I", "DỰ TOÁN",
               "Dự toán kinh phí do doanh nghiệp đóng góp.", 6, "budget", (char *)NULL);
    fx_section(fx_add(&d->sections, &d->nsections), 1, "II", "NHIỆM VỤ",
               "Đông đảo người dân tham gia phòng dịch.", 9, "tasks", (char *)NULL);
    return d;
}

/* Put d (then free it); returns the id or -1. */
__attribute__((unused)) static int64_t fx_put(sohoa_store *s, sohoa_doc *d)
{
    int64_t id = -1;
    sohoa_err e;
    if (sohoa_store_put(s, d, &id, &e) != SOHOA_OK) {
        fprintf(stderr, "put: %s\n", e.msg);
        id = -1;
    }
    sohoa_doc_free(d);
    return id;
}

/* A fresh store at name holding D1, D2, D3 (at a.txt, b.txt, c.txt). */
__attribute__((unused)) static sohoa_store *fx_store3(const char *name)
{
    const char *p = fx_path(name);
    fx_rm(p);
    sohoa_store *s = NULL;
    sohoa_err e;
    if (sohoa_store_open(p, SOHOA_STORE_CREATE, &s, &e) != SOHOA_OK) {
        fprintf(stderr, "open: %s\n", e.msg);
        return NULL;
    }
    if (fx_put(s, fx_d1("a.txt")) < 0 || fx_put(s, fx_d2("b.txt")) < 0 ||
        fx_put(s, fx_d3("c.txt")) < 0) {
        sohoa_store_close(s);
        return NULL;
    }
    return s;
}

/* A scalar from SQL on the file at path (own connection), or -1. */
__attribute__((unused)) static long long fx_count(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    long long v = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return v;
}

/* Search helper: the number of hits (or -1 on error, message in *e). */
__attribute__((unused)) static long fx_search(sohoa_store *s, const char *q, const sohoa_filter *f, int exact,
                      int documents, sohoa_hit **hits, sohoa_err *e)
{
    sohoa_search_opts o = {.query = q, .exact = exact, .documents = documents, .limit = 50};
    if (f)
        o.filter = *f;
    size_t n = 0;
    sohoa_hit *h = NULL;
    if (sohoa_store_search(s, &o, &h, &n, e) != SOHOA_OK)
        return -1;
    if (hits)
        *hits = h;
    else
        sohoa_hits_free(h, n);
    return (long)n;
}

#endif
