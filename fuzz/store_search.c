/* store_search.c — fuzzing search-query handling on a real store: the
 * FTS5 query, the filters and the options of sohoa_store_search, facets and
 * select, and the document lookup key. The input is split at newlines:
 * query, doc_type, section_kind, issuer, place, from, to, cites, lookup key;
 * the last byte holds exact / documents / the limit.
 * Oracles: every call returns OK or SOHOA_EINVAL with a message; never more
 * hits than the limit; hits name stored documents; --documents gives one
 * hit per document; select's ids are sorted and stored. */
#include "fuzz.h"
#include "sohoa/buf.h"
#include "sohoa/store.h"

static sohoa_store *store;
static int64_t ids[2];

static void put(const char *sha, const char *type, const char *date, int year,
                const char *issuer, const char *heading, const char *kind, const char *text)
{
    sohoa_doc *d = sohoa_doc_new();
    snprintf(d->sha256, sizeof d->sha256, "%s", sha);
    sohoa_doc_set(&d->path, type);
    sohoa_doc_set(&d->kind, "text");
    d->pages = 1;
    sohoa_doc_set(&d->raw, text);
    sohoa_doc_set(&d->text, text);
    sohoa_doc_set(&d->doc_type, type);
    sohoa_doc_set(&d->date, date);
    d->year = year;
    sohoa_doc_set(&d->issuer, issuer);
    sohoa_doc_set(&d->place, "Đồng Tháp");
    sohoa_doc_set(&d->title, heading);
    d->nrefs = 1;
    d->refs = sohoa_xcalloc(1, sizeof *d->refs);
    sohoa_doc_set(&d->refs[0].number, "2077/QĐ-UBND");
    sohoa_doc_set(&d->refs[0].type, "quyet_dinh");
    d->nsections = 2;
    d->sections = sohoa_xcalloc(2, sizeof *d->sections);
    for (int i = 0; i < 2; i++) {
        sohoa_section *s = &d->sections[i];
        s->level = 1;
        sohoa_doc_set(&s->label, i ? "II" : "I");
        sohoa_doc_set(&s->heading, i ? "KINH PHÍ THỰC HIỆN" : heading);
        s->nkinds = 1;
        s->kinds = sohoa_xcalloc(1, sizeof *s->kinds);
        sohoa_doc_set(&s->kinds[0], i ? "budget" : kind);
        sohoa_doc_set(&s->text, text);
        s->line = 1 + 3 * i;
    }
    sohoa_err err = {0};
    static int k;
    if (sohoa_store_put(store, d, &ids[k++], &err) != SOHOA_OK) {
        fprintf(stderr, "store_search: %s\n", err.msg);
        abort();
    }
    sohoa_doc_free(d);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char path[512];
    snprintf(path, sizeof path, "%s/search.db", fuzz_tmpdir());
    sohoa_err err = {0};
    if (sohoa_store_open(path, SOHOA_STORE_CREATE, &store, &err) != SOHOA_OK) {
        fprintf(stderr, "store_search: %s\n", err.msg);
        abort();
    }
    put("1111111111111111111111111111111111111111111111111111111111111111", "ke_hoach",
        "2023-05-12", 2023, "Ủy ban nhân dân huyện Lấp Vò", "MỤC ĐÍCH, YÊU CẦU", "purpose",
        "Kế hoạch cải cách hành chính năm 2023 của huyện Lấp Vò, tỉnh Đồng Tháp.");
    put("2222222222222222222222222222222222222222222222222222222222222222", "bao_cao",
        "2024-01-03", 2024, "Sở Nội vụ", "KẾT QUẢ THỰC HIỆN", "results",
        "Báo cáo kết quả chuyển đổi số; kinh phí 150 triệu đồng; hoà, thuỷ, khoẻ.");
    return 0;
}

static int known(int64_t id)
{
    return id == ids[0] || id == ids[1];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || memchr(data, '\0', size))
        return 0;
    unsigned flags = data[size - 1];
    char *buf = fuzz_cstr(data, size - 1);
    char *field[9] = {0};
    char *p = buf;
    for (int i = 0; i < 9 && p; i++) {
        field[i] = p;
        p = strchr(p, '\n');
        if (p)
            *p++ = '\0';
    }
    sohoa_search_opts o;
    memset(&o, 0, sizeof o);
    o.query = field[0];
    o.filter.doc_type = field[1];
    o.filter.section_kind = field[2];
    o.filter.issuer = field[3];
    o.filter.place = field[4];
    o.filter.from = field[5];
    o.filter.to = field[6];
    o.filter.cites = field[7];
    o.filter.year = (flags & 8) ? 2023 : 0;
    o.exact = flags & 1;
    o.documents = (flags >> 1) & 1;
    o.limit = (flags >> 4) & 3;
    sohoa_err err = {0};
    sohoa_hit *hits = NULL;
    size_t n = 0;
    int rc = sohoa_store_search(store, &o, &hits, &n, &err);
    FUZZ_ASSERT(rc == SOHOA_OK || (rc == SOHOA_EINVAL && err.msg[0]));
    if (rc == SOHOA_OK) {
        FUZZ_ASSERT(n <= (o.limit ? o.limit : 20));
        for (size_t i = 0; i < n; i++) {
            FUZZ_ASSERT(known(hits[i].doc_id));
            for (size_t j = 0; o.documents && j < i; j++)
                FUZZ_ASSERT(hits[j].doc_id != hits[i].doc_id);
        }
        sohoa_hits_free(hits, n);
    }
    sohoa_facet *f = NULL;
    rc = sohoa_store_facets(store, &o, &f, &n, &err);
    FUZZ_ASSERT(rc == SOHOA_OK || (rc == SOHOA_EINVAL && err.msg[0]));
    if (rc == SOHOA_OK)
        sohoa_facets_free(f, n);
    int64_t *sel = NULL;
    rc = sohoa_store_select(store, &o.filter, o.query, o.exact, &sel, &n, &err);
    FUZZ_ASSERT(rc == SOHOA_OK || (rc == SOHOA_EINVAL && err.msg[0]));
    if (rc == SOHOA_OK) {
        for (size_t i = 0; i < n; i++)
            FUZZ_ASSERT(known(sel[i]) && (i == 0 || sel[i] > sel[i - 1]));
        free(sel);
    }
    if (field[8]) {
        int64_t id = 0;
        rc = sohoa_store_lookup(store, field[8], &id, &err);
        FUZZ_ASSERT(rc == SOHOA_EINVAL || (rc == SOHOA_OK && known(id)));
    }
    free(buf);
    return 0;
}
