/* refs.c — cited documents (rule ref) over the whole text, and agencies
 * (rule agency) named in the body. Both are matched on the folded text
 * across line breaks ("Quyết định số 468/QĐ-TTg\nngày 27/3/2021") and copied
 * from the original. A document cited twice is listed once, at its first
 * citation; so is an agency. */
#include "seg.h"

#include <stdlib.h>
#include <string.h>

/* Bounds on what one document lists (deduplication is linear): far above
 * any real document, they keep a pathological input linear. */
#define MAX_REFS 1000
#define MAX_AGENCIES 1000

static int same_ref(const sohoa_ref *r, const char *type, const char *number)
{
    return strcmp(r->number, number) == 0 &&
           ((!r->type && !type) || (r->type && type && strcmp(r->type, type) == 0));
}

static void add_ref(seg_ctx *ctx, const seg_text *t, const seg_rule *x, const seg_ov *m,
                    sohoa_doc *d)
{
    size_t s, e;
    if (d->nrefs >= MAX_REFS || !seg_group(x, m, "number", &s, &e) || e == s)
        return;
    char *number = seg_text_copy(t, s, e);
    char *w = number; /* "234 /KH-UBND" -> "234/KH-UBND" */
    for (char *p = number; *p; p++)
        if (*p != ' ')
            *w++ = *p;
    *w = '\0';
    const char *type = NULL;
    if (seg_group(x, m, "type", &s, &e)) {
        char *ty = seg_collapse(t->f + s, e - s);
        type = seg_type_code(ctx, ty, strlen(ty));
        free(ty);
    }
    number = seg_mend_code(type, number);
    for (size_t k = 0; k < d->nrefs; k++)
        if (same_ref(&d->refs[k], type, number)) {
            free(number);
            return;
        }
    char iso[11] = "", partial[16] = "";
    if (seg_group(x, m, "date", &s, &e) && e > s)
        seg_date_parse(ctx, t->f + s, e - s, iso, partial);
    SEG_GROW(d->refs, d->nrefs);
    sohoa_ref *r = &d->refs[d->nrefs++];
    r->type = type ? sohoa_xstrdup(type) : NULL;
    r->number = number;
    r->date = iso[0] ? sohoa_xstrdup(iso) : NULL;
}

typedef struct found {
    size_t s;
    const seg_rule *rule;
    seg_ov m;
} found;

static int cmp_found(const void *a, const void *b)
{
    const found *x = a, *y = b;
    return x->s < y->s ? -1 : x->s > y->s;
}

/* Every match of family over folded [from, to), in text order. */
static found *scan(seg_ctx *ctx, const seg_text *t, const char *family, size_t from, size_t to,
                   size_t *n)
{
    found *v = NULL;
    *n = 0;
    const sohoa_rules *r = ctx->rules;
    for (size_t k = 0; k < r->n; k++) {
        if (!seg_rule_in(&r->v[k], family))
            continue;
        size_t start = from;
        seg_ov m;
        while (start < to && seg_match(ctx, &r->v[k], t->f, to, start, 0, &m)) {
            SEG_GROW(v, *n);
            v[(*n)++] = (found){m.ov[0], &r->v[k], m};
            start = m.ov[1] > m.ov[0] ? m.ov[1] : m.ov[0] + 1;
        }
    }
    if (*n)
        qsort(v, *n, sizeof *v, cmp_found);
    return v;
}

void seg_refs(seg_ctx *ctx, const seg_text *t, sohoa_doc *d)
{
    size_t n;
    found *v = scan(ctx, t, "ref", 0, t->flen, &n);
    for (size_t i = 0; i < n; i++)
        add_ref(ctx, t, v[i].rule, &v[i].m, d);
    free(v);
}

void seg_agencies(seg_ctx *ctx, const seg_text *t, sohoa_doc *d, const seg_layout *lay)
{
    if (lay->body_start >= lay->body_end)
        return;
    size_t from = t->fs[lay->body_start], to = t->fe[lay->body_end - 1];
    size_t n;
    found *v = scan(ctx, t, "agency", from, to, &n);
    for (size_t i = 0; i < n && d->nagencies < MAX_AGENCIES; i++) {
        size_t s, e;
        if (!seg_group(v[i].rule, &v[i].m, "agency", &s, &e))
            continue;
        char *a = seg_text_copy(t, s, e);
        int dup = 0;
        for (size_t k = 0; k < d->nagencies && !dup; k++)
            dup = strcmp(d->agencies[k], a) == 0;
        if (dup)
            free(a);
        else
            seg_strv_push(&d->agencies, &d->nagencies, a);
    }
    free(v);
}
