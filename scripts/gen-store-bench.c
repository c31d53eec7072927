/* gen-store-bench.c — the store benchmark (run by bench/store.sh).
 *
 *   gen-store-bench CORPUS_DIR VOCAB DB [NDOCS]
 *
 * Generates NDOCS (default 20,000) already-processed documents — plans and
 * reports with 3 to 7 sections (about 5 on average, so about 100,000
 * sections), headings from the section taxonomy, titles and openers from
 * VOCAB's topics and places, bodies of 1 to 3 lines drawn from
 * CORPUS_DIR/legal.txt and news.txt — and times sohoa_store_put on them
 * (one commit per document, and batches of 100; the closing refresh of
 * term_stats included), and the same with schema 1's index of folded and
 * exact forms for comparison. Then, on the same data, it builds a peer
 * FTS5 index with SQLite's unicode61 remove_diacritics=2 tokenizer and
 * compares: index build time, latency of VOCAB's 50 queries typed without
 * diacritics (top 20 with snippets), and recall/precision against the
 * ground truth (the accented query matched exactly: --exact). Prints
 * Markdown.
 * Deterministic: a fixed-seed xorshift generator. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "sohoa/buf.h"
#include "sohoa/doc.h"
#include "sohoa/file.h"
#include "sohoa/store.h"
#include "sohoa/syllable.h"

static unsigned long long rng = 0x9E3779B97F4A7C15ULL;
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

typedef struct strv {
    char **v;
    size_t n, cap;
} strv;

static void push(strv *s, char *x)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 64;
        s->v = sohoa_xrealloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->n++] = x;
}

/* Lines of a corpus file between 60 and 600 bytes. */
static void load_lines(const char *path, strv *out)
{
    char *data;
    size_t len;
    sohoa_err e;
    if (sohoa_read_file(path, 0, &data, &len, &e) != SOHOA_OK) {
        fprintf(stderr, "%s\n", e.msg);
        exit(2);
    }
    for (char *p = data; *p;) {
        char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n >= 60 && n <= 600)
            push(out, sohoa_xstrndup(p, n));
        p += n + (nl != NULL);
    }
    free(data);
}

static strv topics, places, queries, lines;

static void load_vocab(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(2);
    }
    char buf[1024];
    strv *cur = NULL;
    while (fgets(buf, sizeof buf, f)) {
        buf[strcspn(buf, "\n")] = '\0';
        if (buf[0] == '#' || !buf[0])
            continue;
        if (strcmp(buf, "[topics]") == 0)
            cur = &topics;
        else if (strcmp(buf, "[places]") == 0)
            cur = &places;
        else if (strcmp(buf, "[queries]") == 0)
            cur = &queries;
        else if (cur)
            push(cur, sohoa_xstrdup(buf));
    }
    fclose(f);
}

typedef struct sec_kind {
    const char *heading, *k1, *k2;
} sec_kind;

static const sec_kind plan_secs[] = {
    {"MỤC ĐÍCH, YÊU CẦU", "purpose", "requirements"}, {"NỘI DUNG", "content", NULL},
    {"NHIỆM VỤ VÀ GIẢI PHÁP", "activities", NULL},   {"THỜI GIAN THỰC HIỆN", "timeline", NULL},
    {"KINH PHÍ THỰC HIỆN", "budget", NULL},         {"TỔ CHỨC THỰC HIỆN", "responsibilities", NULL},
    {"CĂN CỨ XÂY DỰNG KẾ HOẠCH", "basis", NULL},
};
static const sec_kind report_secs[] = {
    {"KẾT QUẢ ĐẠT ĐƯỢC", "results", NULL},           {"TỒN TẠI, HẠN CHẾ", "weaknesses", NULL},
    {"NGUYÊN NHÂN", "weaknesses", NULL},             {"ĐÁNH GIÁ CHUNG", "assessment", NULL},
    {"PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", "tasks", NULL},
    {"ĐỀ XUẤT, KIẾN NGHỊ", "recommendations", NULL}, {"CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", "leadership", NULL},
};
static const char *const roman[] = {"I", "II", "III", "IV", "V", "VI", "VII"};
static const char *const openers[] = {
    "Triển khai thực hiện công tác %s trên địa bàn tỉnh %s.",
    "Ủy ban nhân dân tỉnh %2$s chỉ đạo các sở, ngành thực hiện %1$s.",
    "Năm qua, công tác %s tại %s đạt nhiều kết quả.",
    "Tăng cường %s, phấn đấu hoàn thành chỉ tiêu của tỉnh %s.",
};

static char *section_text(const char *topic, const char *place)
{
    sohoa_buf b = SOHOA_BUF_INIT;
    if (rnd(2) == 0) {
        sohoa_buf_printf(&b, openers[rnd(4)], topic, place);
        sohoa_buf_putc(&b, ' ');
    }
    int n = 1 + (int)rnd(3);
    for (int i = 0; i < n; i++) {
        sohoa_buf_puts(&b, lines.v[rnd((unsigned)lines.n)]);
        sohoa_buf_putc(&b, i + 1 < n ? '\n' : '\0');
    }
    return sohoa_buf_steal(&b);
}

static sohoa_doc *make_doc(int i)
{
    sohoa_doc *d = sohoa_doc_new();
    char buf[512];
    int plan = rnd(5) < 3;
    const char *topic = topics.v[rnd((unsigned)topics.n)];
    const char *place = places.v[rnd((unsigned)places.n)];
    int year = 2015 + (int)rnd(11);
    snprintf(buf, sizeof buf, "archive/%d/%s-%05d.txt", year, plan ? "kh" : "bc", i);
    d->path = sohoa_xstrdup(buf);
    snprintf(buf, sizeof buf, "bench-doc-%d", i);
    sohoa_sha256_hex(buf, strlen(buf), d->sha256);
    d->kind = sohoa_xstrdup("text");
    d->doc_type = sohoa_xstrdup(plan ? "ke_hoach" : "bao_cao");
    snprintf(buf, sizeof buf, "%u", 1 + rnd(500));
    d->number = sohoa_xstrdup(buf);
    d->symbol = sohoa_xstrdup(plan ? "KH-UBND" : "BC-UBND");
    snprintf(buf, sizeof buf, "Ủy ban nhân dân tỉnh %s", place);
    d->issuer = sohoa_xstrdup(buf);
    d->place = sohoa_xstrdup(place);
    snprintf(buf, sizeof buf, "%d-%02u-%02u", year, 1 + rnd(12), 1 + rnd(28));
    d->date = sohoa_xstrdup(buf);
    d->year = year;
    snprintf(buf, sizeof buf, plan ? "Kế hoạch %s năm %d" : "Báo cáo kết quả %s năm %d", topic,
             year);
    d->title = sohoa_xstrdup(buf);
    d->signer = sohoa_xstrdup("Nguyễn Văn An");
    d->signer_role = sohoa_xstrdup("Phó Chủ tịch");
    const sec_kind *ks = plan ? plan_secs : report_secs;
    d->nsections = 3 + rnd(5);
    d->sections = sohoa_xcalloc(d->nsections, sizeof *d->sections);
    sohoa_buf text = SOHOA_BUF_INIT;
    sohoa_buf_printf(&text, "%s\n", d->title);
    for (size_t k = 0; k < d->nsections; k++) {
        sohoa_section *s = &d->sections[k];
        s->level = 1;
        s->label = sohoa_xstrdup(roman[k]);
        s->heading = sohoa_xstrdup(ks[k].heading);
        s->nkinds = ks[k].k2 ? 2 : 1;
        s->kinds = sohoa_xcalloc(2, sizeof *s->kinds);
        s->kinds[0] = sohoa_xstrdup(ks[k].k1);
        if (ks[k].k2)
            s->kinds[1] = sohoa_xstrdup(ks[k].k2);
        s->text = section_text(topic, place);
        s->line = 10 + 8 * (int)k;
        sohoa_buf_printf(&text, "%s. %s\n%s\n", s->label, s->heading, s->text);
    }
    if (rnd(3) == 0) {
        d->nrefs = 1;
        d->refs = sohoa_xcalloc(1, sizeof *d->refs);
        d->refs[0].type = sohoa_xstrdup("quyet_dinh");
        snprintf(buf, sizeof buf, "%u/QĐ-UBND", 100 + rnd(3000));
        d->refs[0].number = sohoa_xstrdup(buf);
    }
    d->raw = sohoa_xstrdup(sohoa_buf_cstr(&text)); /* text input: raw ≈ restored */
    d->text = sohoa_buf_steal(&text);
    d->restore.tokens = 500;
    d->restore.mean_conf = 0.97;
    return d;
}

static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static long total_sections;

/* Put ndocs generated documents into a new store at path, committing each
 * (batch 0) or every `batch` documents; returns the wall seconds spent in
 * puts, commits and the closing (which refreshes term_stats), and their
 * CPU seconds in *cpu. both_forms: schema 1's index instead (folded and
 * exact forms, tokenize='sohoa'), for comparison. */
static double insert(const char *path, int ndocs, int batch, int both_forms, double *cpu)
{
    sohoa_store *s;
    sohoa_err e;
    rng = 0x9E3779B97F4A7C15ULL; /* the same documents every time */
    if (sohoa_store_open(path, SOHOA_STORE_CREATE, &s, &e) != SOHOA_OK) {
        fprintf(stderr, "%s\n", e.msg);
        exit(2);
    }
    if (both_forms) { /* schema 1's index: every word folded and exact */
        sqlite3 *x;
        char *m = NULL;
        sqlite3_open(path, &x);
        sohoa_fts_register(x);
        if (sqlite3_exec(x, "DROP TABLE sections_vocab; DROP TABLE sections_fts;"
                            "CREATE VIRTUAL TABLE sections_fts USING fts5(title, heading, body,"
                            " content='fts_source', content_rowid='id', tokenize='sohoa');"
                            "CREATE VIRTUAL TABLE sections_vocab USING fts5vocab(sections_fts, 'row');"
                            "INSERT INTO sections_fts(sections_fts, rank)"
                            " VALUES('rank', 'sohoa_bm25(4.0, 2.0, 1.0)')",
                         NULL, NULL, &m) != SQLITE_OK) {
            fprintf(stderr, "%s\n", m);
            exit(2);
        }
        sqlite3_close(x);
    }
    double wall = 0;
    *cpu = 0;
    total_sections = 0;
    for (int i = 0; i < ndocs; i++) {
        sohoa_doc *d = make_doc(i);
        total_sections += (long)d->nsections;
        double t0 = now(), c0 = cpu_now();
        if ((batch && i % batch == 0 && sohoa_store_begin(s, &e) != SOHOA_OK) ||
            sohoa_store_put(s, d, NULL, &e) != SOHOA_OK ||
            (batch && (i % batch == batch - 1 || i == ndocs - 1) &&
             sohoa_store_commit(s, &e) != SOHOA_OK)) {
            fprintf(stderr, "%s\n", e.msg);
            exit(2);
        }
        wall += now() - t0;
        *cpu += cpu_now() - c0;
        sohoa_doc_free(d);
    }
    double t0 = now(), c0 = cpu_now();
    sohoa_store_close(s);
    wall += now() - t0;
    *cpu += cpu_now() - c0;
    return wall;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int cmp_i64(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

static double pct(double *v, size_t n, double p)
{
    qsort(v, n, sizeof *v, cmp_double);
    size_t i = (size_t)(p * (double)(n - 1) + 0.5);
    return v[i];
}

/* Sorted rowids matching q in table t; with exact, those whose words match
 * q's diacritics too (what --exact keeps). */
static long long *match_set(sqlite3 *db, const char *t, const char *q, int exact, size_t *n)
{
    char sql[512];
    if (exact)
        snprintf(sql, sizeof sql,
                 "SELECT f.rowid FROM %s f JOIN sections s ON s.id = f.rowid"
                 " JOIN documents d ON d.id = s.document WHERE %s MATCH ?1"
                 " AND sohoa_exact_match(?1, d.title, s.heading, s.text)",
                 t, t);
    else
        snprintf(sql, sizeof sql, "SELECT rowid FROM %s WHERE %s MATCH ?", t, t);
    sqlite3_stmt *st;
    *n = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s\n", sqlite3_errmsg(db));
        exit(2);
    }
    sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
    size_t cap = 1024;
    long long *v = sohoa_xmalloc(cap * sizeof *v);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (*n == cap)
            v = sohoa_xrealloc(v, (cap *= 2) * sizeof *v);
        v[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    qsort(v, *n, sizeof *v, cmp_i64);
    return v;
}

static size_t intersect(const long long *a, size_t na, const long long *b, size_t nb)
{
    size_t i = 0, j = 0, k = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j])
            k++, i++, j++;
        else if (a[i] < b[j])
            i++;
        else
            j++;
    }
    return k;
}

/* Median of 5 timings (wall; CPU in *cpu) of the peer's top-20 query with
 * snippets, joined to sections and documents like ours. */
static double peer_query_ms(sqlite3 *db, const char *q, double *cpu)
{
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db,
                       "SELECT f.rowid, s.document, d.title, snippet(bench_u61, -1, '[', ']', '…', 16)"
                       " FROM bench_u61 f JOIN sections s ON s.id = f.rowid"
                       " JOIN documents d ON d.id = s.document"
                       " WHERE bench_u61 MATCH ? ORDER BY rank LIMIT 20",
                       -1, &st, NULL);
    double t[5], c[5];
    for (int r = 0; r < 5; r++) {
        double t0 = now(), c0 = cpu_now();
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
        while (sqlite3_step(st) == SQLITE_ROW)
            ;
        t[r] = (now() - t0) * 1000;
        c[r] = (cpu_now() - c0) * 1000;
    }
    sqlite3_finalize(st);
    *cpu = pct(c, 5, 0.5);
    return pct(t, 5, 0.5);
}

/* The same, for the search as it was before the two-phase search (one
 * statement: FTS5's ORDER BY rank, joins and snippets in the walk), on
 * our index: the "before" column. */
static double before_query_ms(sqlite3 *db, const char *q, double *cpu)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(
            db,
            "SELECT f.rowid, s.document, f.rank, s.ordinal, s.level, s.label, s.heading, s.kind,"
            " s.kinds, s.line, s.page, d.doc_type, d.number, d.symbol, d.date, d.year, d.title,"
            " d.issuer, d.place, snippet(sections_fts, -1, '[', ']', '…', 16)"
            " FROM sections_fts f JOIN sections s ON s.id = f.rowid"
            " JOIN documents d ON d.id = s.document"
            " WHERE f.sections_fts MATCH ? ORDER BY f.rank LIMIT 20",
            -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s\n", sqlite3_errmsg(db));
        exit(2);
    }
    double t[5], c[5];
    for (int r = 0; r < 5; r++) {
        double t0 = now(), c0 = cpu_now();
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
        while (sqlite3_step(st) == SQLITE_ROW)
            ;
        t[r] = (now() - t0) * 1000;
        c[r] = (cpu_now() - c0) * 1000;
    }
    sqlite3_finalize(st);
    *cpu = pct(c, 5, 0.5);
    return pct(t, 5, 0.5);
}

static double ours_query_ms(sohoa_store *s, const char *q, int exact, double *cpu)
{
    double t[5], c[5];
    for (int r = 0; r < 5; r++) {
        sohoa_search_opts o = {.query = q, .limit = 20, .exact = exact};
        sohoa_hit *h = NULL;
        size_t n = 0;
        sohoa_err e;
        double t0 = now(), c0 = cpu_now();
        if (sohoa_store_search(s, &o, &h, &n, &e) != SOHOA_OK) {
            fprintf(stderr, "%s\n", e.msg);
            exit(2);
        }
        t[r] = (now() - t0) * 1000;
        c[r] = (cpu_now() - c0) * 1000;
        sohoa_hits_free(h, n);
    }
    *cpu = pct(c, 5, 0.5);
    return pct(t, 5, 0.5);
}

static double exec_timed(sqlite3 *db, const char *sql)
{
    double t0 = now();
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "%s: %s\n", sql, msg);
        exit(2);
    }
    return now() - t0;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: gen-store-bench CORPUS_DIR VOCAB DB [NDOCS]\n");
        return 2;
    }
    int ndocs = argc > 4 ? atoi(argv[4]) : 20000;
    char path[4096];
    snprintf(path, sizeof path, "%s/legal.txt", argv[1]);
    load_lines(path, &lines);
    snprintf(path, sizeof path, "%s/news.txt", argv[1]);
    load_lines(path, &lines);
    load_vocab(argv[2]);
    const char *dbpath = argv[3];
    remove(dbpath);

    /* 1. insert: one transaction per document, then batches of 100, then
     * batches of 100 into schema 1's index (folded and exact forms) */
    double put_cpu = 0, put_s = insert(dbpath, ndocs, 0, 0, &put_cpu);
    double batch_cpu = 0, batch_s, both_cpu = 0, both_s;
    {
        char other[4200];
        snprintf(other, sizeof other, "%s.batched", dbpath);
        remove(other);
        batch_s = insert(other, ndocs, 100, 0, &batch_cpu);
        remove(other);
        both_s = insert(other, ndocs, 100, 1, &both_cpu);
        remove(other);
    }
    long sections = total_sections;
    struct stat st;
    stat(dbpath, &st);
    double bytes = (double)st.st_size;

    /* 2. latency on the index as the puts left it (FTS5 merges segments
     * as it goes; nothing rebuilt yet) */
    double *li = sohoa_xcalloc(queries.n, sizeof *li), *ci = sohoa_xcalloc(queries.n, sizeof *ci);
    double *lbi = sohoa_xcalloc(queries.n, sizeof *lbi);
    double *cbi = sohoa_xcalloc(queries.n, sizeof *cbi);
    {
        sohoa_store *r0;
        sohoa_err e0;
        sqlite3 *db0;
        if (sohoa_store_open(dbpath, SOHOA_STORE_READONLY, &r0, &e0) != SOHOA_OK) {
            fprintf(stderr, "%s\n", e0.msg);
            return 2;
        }
        sqlite3_open_v2(dbpath, &db0, SQLITE_OPEN_READONLY, NULL);
        sohoa_fts_register(db0);
        for (size_t i = 0; i < queries.n; i++) {
            char un[512];
            sohoa_fold(queries.v[i], strlen(queries.v[i]), un, sizeof un);
            lbi[i] = before_query_ms(db0, un, &cbi[i]);
            li[i] = ours_query_ms(r0, un, 0, &ci[i]);
        }
        sqlite3_close(db0);
        sohoa_store_close(r0);
    }

    /* 3. the peer index, and index build times (rebuilding ours too, so
     * that both are compared as single-segment indexes) */
    sqlite3 *db;
    sqlite3_open(dbpath, &db);
    sohoa_fts_register(db);
    exec_timed(db, "CREATE VIRTUAL TABLE bench_u61 USING fts5(title, heading, body,"
                   " content='fts_source', content_rowid='id',"
                   " tokenize='unicode61 remove_diacritics 2');"
                   "INSERT INTO bench_u61(bench_u61, rank) VALUES('rank', 'bm25(4.0, 2.0, 1.0)')");
    double u61_build = exec_timed(db, "INSERT INTO bench_u61(bench_u61) VALUES('rebuild')");
    double ours_build = exec_timed(db, "INSERT INTO sections_fts(sections_fts) VALUES('rebuild')");
    long long fts_bytes[3] = {0, 0, 0}, text_bytes = 0, stats_bytes = 0;
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, "SELECT name, sum(pgsize) FROM dbstat GROUP BY name", -1, &q,
                           NULL) == SQLITE_OK) {
        while (sqlite3_step(q) == SQLITE_ROW) {
            const char *n = (const char *)sqlite3_column_text(q, 0);
            long long b = sqlite3_column_int64(q, 1);
            if (strncmp(n, "sections_fts_", 13) == 0)
                fts_bytes[0] += b;
            else if (strncmp(n, "bench_u61_", 10) == 0)
                fts_bytes[2] += b;
            else if (strncmp(n, "term_stats", 10) == 0 || strncmp(n, "sqlite_autoindex_term", 21) == 0)
                stats_bytes += b;
            else
                text_bytes += b;
        }
    }
    sqlite3_finalize(q);

    /* 4. queries: latency, recall, precision */
    sohoa_store *r;
    sohoa_err e;
    if (sohoa_store_open(dbpath, SOHOA_STORE_READONLY, &r, &e) != SOHOA_OK) {
        fprintf(stderr, "%s\n", e.msg);
        return 2;
    }
    size_t nq = queries.n;
    double *lo = sohoa_xcalloc(nq, sizeof *lo), *lp = sohoa_xcalloc(nq, sizeof *lp);
    double *co = sohoa_xcalloc(nq, sizeof *co), *cp = sohoa_xcalloc(nq, sizeof *cp);
    double *lb = sohoa_xcalloc(nq, sizeof *lb), *cb = sohoa_xcalloc(nq, sizeof *cb);
    double *le = sohoa_xcalloc(nq, sizeof *le), *ce = sohoa_xcalloc(nq, sizeof *ce);
    size_t rel_total = 0, hit[2] = {0, 0}, found[2] = {0, 0}, short_q[2] = {0, 0};
    sohoa_buf rows = SOHOA_BUF_INIT;
    for (size_t i = 0; i < nq; i++) {
        const char *acc = queries.v[i];
        char un[512];
        sohoa_fold(acc, strlen(acc), un, sizeof un);
        lb[i] = before_query_ms(db, un, &cb[i]);
        lo[i] = ours_query_ms(r, un, 0, &co[i]);
        le[i] = ours_query_ms(r, acc, 1, &ce[i]);
        lp[i] = peer_query_ms(db, un, &cp[i]);
        size_t nt, na, nb;
        long long *truth = match_set(db, "sections_fts", acc, 1, &nt);
        long long *a = match_set(db, "sections_fts", un, 0, &na);
        long long *b = match_set(db, "bench_u61", un, 0, &nb);
        size_t ha = intersect(truth, nt, a, na), hb = intersect(truth, nt, b, nb);
        rel_total += nt;
        hit[0] += ha;
        hit[1] += hb;
        found[0] += na;
        found[1] += nb;
        short_q[0] += ha < nt;
        short_q[1] += hb < nt;
        sohoa_buf_printf(&rows, "| `%s` | `%s` | %zu | %zu (%.0f%%) | %zu (%.0f%%) | %.2f | %.2f | %.2f | %.1f |\n",
                         un, acc, nt, ha, nt ? 100.0 * ha / nt : 100.0, hb,
                         nt ? 100.0 * hb / nt : 100.0, cb[i], co[i], cp[i], ce[i]);
        free(truth);
        free(a);
        free(b);
    }
    sohoa_store_close(r);
    sqlite3_close(db);

    printf("Data: %d documents, %ld sections (%.1f per document), bodies drawn from "
           "../shared/corpus legal.txt + news.txt; %zu queries.\n\n",
           ndocs, sections, (double)sections / ndocs, nq);
    printf("Both indexes rebuilt ('rebuild': one segment each) for the side-by-side:\n\n");
    printf("| measure | sohoa tokenizer | unicode61 remove_diacritics=2 | ratio |\n");
    printf("|---|---:|---:|---:|\n");
    double p50o = pct(lo, nq, 0.5), p95o = pct(lo, nq, 0.95);
    double p50p = pct(lp, nq, 0.5), p95p = pct(lp, nq, 0.95);
    printf("| query latency p50, top 20 + snippets (ms, wall) | %.2f | %.2f | %.2f× |\n", p50o,
           p50p, p50o / p50p);
    printf("| query latency p95 (ms, wall) | %.2f | %.2f | %.2f× |\n", p95o, p95p, p95o / p95p);
    double c50o = pct(co, nq, 0.5), c95o = pct(co, nq, 0.95);
    double c50p = pct(cp, nq, 0.5), c95p = pct(cp, nq, 0.95);
    printf("| query latency p50 (ms of CPU) | %.2f | %.2f | %.2f× |\n", c50o, c50p, c50o / c50p);
    printf("| query latency p95 (ms of CPU) | %.2f | %.2f | %.2f× |\n", c95o, c95p, c95o / c95p);
    printf("| recall of unaccented queries | %.4f | %.4f | %.2f× |\n",
           (double)hit[0] / (double)rel_total, (double)hit[1] / (double)rel_total,
           hit[1] ? (double)hit[0] / (double)hit[1] : 0.0);
    printf("| precision of unaccented queries | %.4f | %.4f | |\n",
           found[0] ? (double)hit[0] / (double)found[0] : 1.0,
           found[1] ? (double)hit[1] / (double)found[1] : 1.0);
    printf("| queries missing some relevant sections | %zu / %zu | %zu / %zu | |\n", short_q[0],
           nq, short_q[1], nq);
    printf("| index build, %ld sections (s) | %.2f | %.2f | %.2f× |\n", sections, ours_build,
           u61_build, ours_build / u61_build);
    printf("| index size (MB) | %.1f | %.1f | %.2f× |\n", fts_bytes[0] / 1e6, fts_bytes[2] / 1e6,
           fts_bytes[2] ? (double)fts_bytes[0] / (double)fts_bytes[2] : 0.0);
    printf("\n| store measure | value | target |\n|---|---:|---:|\n");
    printf("| insert rate, batches of 100 (documents/CPU-s) | **%.0f** | ≥ 2,000 |\n",
           ndocs / batch_cpu);
    printf("| insert rate, batches of 100 (documents/s, wall) | %.0f | ≥ 2,000 |\n",
           ndocs / batch_s);
    printf("| insert rate, one commit per document (documents/CPU-s) | %.0f | |\n",
           ndocs / put_cpu);
    printf("| insert rate, one commit per document (documents/s, wall) | %.0f | |\n",
           ndocs / put_s);
    printf("| for comparison, schema 1's index (folded + exact forms), batches of 100"
           " (documents/CPU-s / documents/s wall) | %.0f / %.0f | |\n",
           ndocs / both_cpu, ndocs / both_s);
    printf("| query latency p50, top 20, index as ingested: sohoa_store_search (ms of CPU / wall)"
           " | **%.2f** / %.2f | ≤ 5 |\n",
           pct(ci, nq, 0.5), pct(li, nq, 0.5));
    printf("| query latency p95, index as ingested: sohoa_store_search (ms of CPU / wall) |"
           " %.2f / %.2f | |\n",
           pct(ci, nq, 0.95), pct(li, nq, 0.95));
    printf("| query latency p50, top 20, index rebuilt: sohoa_store_search (ms of CPU / wall)"
           " | **%.2f** / %.2f | ≤ 5 |\n",
           c50o, p50o);
    printf("| for comparison, one statement as before: FTS5 ORDER BY rank, IDF by walking posting"
           " lists, FTS5 snippet(); p50, index as ingested (ms of CPU / wall) | %.2f / %.2f | |\n",
           pct(cbi, nq, 0.5), pct(lbi, nq, 0.5));
    printf("| the same, index rebuilt (ms of CPU / wall) | %.2f / %.2f | |\n", pct(cb, nq, 0.5),
           pct(lb, nq, 0.5));
    printf("| --exact, the 50 queries as meant (accented), p50 / p95, index rebuilt (ms of CPU)"
           " | %.1f / %.1f | |\n",
           pct(ce, nq, 0.5), pct(ce, nq, 0.95));
    printf("| bytes per document (whole database file) | %.0f | |\n", bytes / ndocs);
    printf("| of which the FTS index, folded forms (bytes/document) | %.0f | |\n",
           fts_bytes[0] / (double)ndocs);
    printf("| of which term_stats, each indexed word's document count (bytes/document) | %.0f | |\n",
           stats_bytes / (double)ndocs);
    printf("| of which tables: raw + restored text, sections, metadata (bytes/document) | %.0f | |\n",
           text_bytes / (double)ndocs);
    printf("\nPer query (ground truth: the accented query matched exactly, case ignored):\n\n");
    printf("| typed | meant | relevant sections | sohoa finds | unicode61 finds | sohoa ms CPU, one statement (before) | sohoa ms CPU | unicode61 ms CPU | sohoa --exact meant, ms CPU |\n");
    printf("|---|---|---:|---:|---:|---:|---:|---:|---:|\n%s", sohoa_buf_cstr(&rows));
    sohoa_buf_free(&rows);
    return 0;
}
