/* segment.c — sohoa_segment: one pass of the stage over a document, and the
 * stage's public helpers (rule scans, date parsing, the code tables).
 *
 * Order: header (type, title, number, issuer, place, date, period; where the
 * body starts), tail (recipients and signature; where the body ends),
 * sections of the body, cited documents, agencies. Everything is matched on
 * the folded text and copied from the original (see seg.h). */
#include "seg.h"

#include <stdlib.h>
#include <string.h>

static const char *const kinds[] = {
    "basis", "purpose", "requirements", "audience", "content", "forms",
    "timeline", "activities", "budget", "responsibilities", "leadership",
    "results", "assessment", "strengths", "weaknesses", "tasks",
    "recommendations", "other", NULL};

static const char *const types[] = {
    "ke_hoach", "bao_cao", "quyet_dinh", "chi_thi", "cong_van", "to_trinh",
    "thong_bao", "nghi_quyet", "huong_dan", "chuong_trinh", "de_an", "bien_ban",
    "other", NULL};

const char *const *sohoa_section_kinds(void) { return kinds; }

static int known_type(const char *code)
{
    for (size_t i = 0; types[i]; i++)
        if (strcmp(types[i], code) == 0)
            return 1;
    return 0;
}
const char *const *sohoa_doc_types(void) { return types; }

int sohoa_segment(const sohoa_rules *rules, sohoa_doc *d, sohoa_err *err)
{
    const char *src = d->text ? d->text : d->raw ? d->raw : "";
    sohoa_doc_clear_segments(d);
    if (strlen(src) >= SEG_MAX_TEXT)
        return sohoa_err_set(err, SOHOA_ELIMIT, "%s: text too large to segment (%zu bytes)",
                             d->path ? d->path : "document", strlen(src));
    seg_text t;
    seg_text_init(&t, src, strlen(src));
    /* Any text segments: a rule that hits the match limit on some line just
     * does not match there (sohoa_rules_scan, by contrast, reports it). */
    seg_ctx ctx = {rules, SOHOA_OK, err, 1};
    seg_layout lay = {0, t.nlines};
    seg_header(&ctx, &t, d, &lay);
    seg_mend_place(&ctx, &t, d);
    seg_tail(&ctx, &t, d, &lay);
    seg_issuer_place(&ctx, &t, d);
    seg_canon_value(rules, "issuer", "unit", &d->issuer);
    seg_mend_localities(&ctx, &t, d);
    if (lay.body_end < lay.body_start)
        lay.body_end = lay.body_start;
    seg_sections(&ctx, &t, d, &lay);
    seg_refs(&ctx, &t, d);
    seg_agencies(&ctx, &t, d, &lay);
    seg_text_free(&t);
    if (ctx.status) {
        sohoa_doc_clear_segments(d);
        if (d->path)
            sohoa_err_prefix(err, d->path);
        return ctx.status;
    }
    if (!d->doc_type || !known_type(d->doc_type))
        sohoa_doc_set(&d->doc_type, "other"); /* "THÔNG TƯ" is cited, not one of ours */
    return SOHOA_OK;
}

int sohoa_rules_scan(const sohoa_rules *r, const char *family, const char *s, size_t n,
                     int (*fn)(const char *rule, size_t start, size_t end, void *ctx),
                     void *ctx, sohoa_err *err)
{
    if (n >= SEG_MAX_TEXT)
        return sohoa_err_set(err, SOHOA_ELIMIT, "text too large to scan (%zu bytes)", n);
    seg_text t;
    seg_text_init(&t, s, n);
    seg_ctx c = {r, SOHOA_OK, err, 0};
    typedef struct { size_t s, e; const char *name; } hit;
    hit *v = NULL;
    size_t nv = 0;
    for (size_t k = 0; k < r->n; k++) {
        if (!seg_rule_in(&r->v[k], family))
            continue;
        size_t start = 0;
        seg_ov m;
        while (start < t.flen && seg_match(&c, &r->v[k], t.f, t.flen, start, 0, &m)) {
            SEG_GROW(v, nv);
            size_t os, oe;
            seg_text_orig(&t, m.ov[0], m.ov[1], &os, &oe);
            v[nv++] = (hit){os, oe, r->v[k].name};
            start = m.ov[1] > m.ov[0] ? m.ov[1] : m.ov[0] + 1;
        }
    }
    /* text order (insertion sort: scans are small) */
    for (size_t i = 1; i < nv; i++)
        for (size_t j = i; j > 0 && v[j].s < v[j - 1].s; j--) {
            hit tmp = v[j];
            v[j] = v[j - 1];
            v[j - 1] = tmp;
        }
    for (size_t i = 0; i < nv && !c.status; i++)
        if (fn(v[i].name, v[i].s, v[i].e, ctx))
            break;
    free(v);
    seg_text_free(&t);
    return c.status;
}

int sohoa_parse_date(const sohoa_rules *r, const char *s, size_t n, char iso[11],
                     char partial[16])
{
    iso[0] = partial[0] = '\0';
    if (n >= SEG_MAX_TEXT)
        return 0;
    seg_text t;
    seg_text_init(&t, s, n);
    seg_ctx c = {r, SOHOA_OK, NULL, 1};
    seg_date_parse(&c, t.f, t.flen, iso, partial);
    seg_text_free(&t);
    return iso[0] ? 1 : partial[0] ? 2 : 0;
}
