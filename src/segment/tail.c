/* tail.c — the end of a document: where the body stops, the recipients
 * ("Nơi nhận:" and its dash list) and the signature block (TM./KT. line,
 * role, name).
 *
 * Text exports of two-column layouts interleave the recipients (left) and
 * the signature (right) on the same lines ("- Sở Nội vụ tỉnh; CHỦ TỊCH"),
 * so recipients are cut at ';' and roles are looked for at line ends.
 * When the header names no issuer, "TM. ỦY BAN NHÂN DÂN" and the place give
 * it: "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒNG NGỰ". */
#include "seg.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TAIL_WINDOW 60 /* the tail is looked for in the last lines only */

static const seg_rule *match_line(seg_ctx *ctx, const seg_text *t, const char *family, size_t i,
                                  seg_ov *m)
{
    const sohoa_rules *r = ctx->rules;
    for (size_t k = 0; k < r->n; k++)
        if (seg_rule_in(&r->v[k], family) &&
            seg_match(ctx, &r->v[k], t->f + t->fs[i], t->fe[i] - t->fs[i], 0, 0, m))
            return &r->v[k];
    return NULL;
}

static char *group_copy(const seg_text *t, size_t i, const seg_rule *x, const seg_ov *m,
                        const char *g)
{
    size_t s, e;
    if (!seg_group(x, m, g, &s, &e) || e == s)
        return NULL;
    return seg_text_copy(t, t->fs[i] + s, t->fs[i] + e);
}

/* 1 if line i opens the tail: "Nơi nhận:", "TM./KT. ...", or a role alone. */
static int opens_tail(seg_ctx *ctx, const seg_text *t, size_t i)
{
    seg_ov m;
    if (match_line(ctx, t, "recipients.start", i, &m) || match_line(ctx, t, "signer.start", i, &m))
        return 1;
    size_t s, e;
    seg_line_content(ctx, t, i, &s, &e);
    const seg_rule *x = match_line(ctx, t, "signer.role", i, &m);
    return x && t->fs[i] + m.ov[0] <= s;
}

/* "thị xã Đông Hòa" for place "Đông Hòa": the place itself when it starts
 * with a unit, else the first "<unit> <place>" of the text; NULL if none. */
static char *unit_and_place(seg_ctx *ctx, const seg_text *t, const char *place)
{
    seg_text pt;
    seg_text_init(&pt, place, strlen(place));
    const seg_rule *unit = NULL;
    for (size_t k = 0; k < ctx->rules->n && !unit; k++)
        if (seg_rule_in(&ctx->rules->v[k], "issuer.unit"))
            unit = &ctx->rules->v[k];
    char *res = NULL;
    seg_ov m;
    if (unit && seg_match(ctx, unit, pt.f, pt.flen, 0, PCRE2_ANCHORED, &m)) {
        res = sohoa_xstrdup(place);
    } else if (unit) {
        size_t start = 0;
        while (!res && seg_match(ctx, unit, t->f, t->flen, start, 0, &m)) {
            size_t p = m.ov[1];
            while (p < t->flen && (t->f[p] == ' ' || t->f[p] == '\t'))
                p++;
            if (p + pt.flen <= t->flen && strncasecmp(t->f + p, pt.f, pt.flen) == 0 &&
                (p + pt.flen == t->flen || !isalnum((unsigned char)t->f[p + pt.flen])))
                res = seg_text_copy(t, m.ov[0], p + pt.flen);
            start = m.ov[1];
        }
    }
    seg_text_free(&pt);
    return res;
}

static void issuer_from_behalf(seg_ctx *ctx, const seg_text *t, sohoa_doc *d, const char *body)
{
    if (d->issuer || !body)
        return;
    char *where = d->place ? unit_and_place(ctx, t, d->place) : NULL;
    if (!where) {
        d->issuer = sohoa_xstrdup(body);
        return;
    }
    char *up = seg_upper_words(where);
    sohoa_buf b = SOHOA_BUF_INIT;
    sohoa_buf_printf(&b, "%s %s", body, up);
    d->issuer = sohoa_buf_steal(&b);
    free(up);
    free(where);
}

static void read_recipients(seg_ctx *ctx, const seg_text *t, size_t from, sohoa_doc *d)
{
    for (size_t i = from; i < t->nlines; i++) {
        seg_ov m;
        const seg_rule *x = match_line(ctx, t, "recipient.item", i, &m);
        char *item = x ? group_copy(t, i, x, &m, "item") : NULL;
        if (item)
            seg_strv_push(&d->recipients, &d->nrecipients, item);
    }
    seg_repair(ctx, t, d->recipients, d->nrecipients);
}

/* The last words of line i in capitals (2 to 4 of them, no lower-case
 * letter) that are, or are near, a role of canon.role; NULL if none. */
static const char *damaged_role(seg_ctx *ctx, const seg_text *t, size_t i)
{
    size_t s, e, starts[4];
    seg_line_content(ctx, t, i, &s, &e);
    int k = 0;
    size_t p = e;
    while (k < 4 && p > s) {
        while (p > s && t->f[p - 1] == ' ')
            p--;
        size_t q = p;
        while (q > s && t->f[q - 1] != ' ')
            q--;
        int lower = 0;
        for (size_t j = q; j < p; j++)
            lower |= islower((unsigned char)t->f[j]) != 0;
        if (lower || q == p)
            break;
        starts[k++] = q;
        p = q;
    }
    for (int w = k; w >= 2; w--) {
        size_t os, oe;
        seg_text_orig(t, starts[w - 1], e, &os, &oe);
        int same;
        const char *c = seg_canon(ctx->rules, "role", t->o + os, oe - os, &same);
        if (c)
            return c;
    }
    return NULL;
}

static void read_signer(seg_ctx *ctx, const seg_text *t, size_t from, sohoa_doc *d)
{
    char *behalf = NULL;
    int seen_role = 0;
    for (size_t i = from; i < t->nlines; i++) {
        seg_ov m;
        const seg_rule *x;
        if (!behalf && (x = match_line(ctx, t, "signer.behalf", i, &m)))
            behalf = group_copy(t, i, x, &m, "body");
        if ((x = match_line(ctx, t, "signer.role", i, &m))) {
            char *role = group_copy(t, i, x, &m, "role");
            if (role) {
                free(d->signer_role);
                d->signer_role = role;
                seen_role = 1;
                free(d->signer); /* a name comes after the last role */
                d->signer = NULL;
            }
            continue;
        }
        if (seen_role && (x = match_line(ctx, t, "signer.name", i, &m))) {
            free(d->signer);
            d->signer = group_copy(t, i, x, &m, "name");
        }
    }
    for (size_t i = from; i < t->nlines && !seen_role; i++) {
        const char *role = damaged_role(ctx, t, i); /* the last one wins */
        if (role)
            sohoa_doc_set(&d->signer_role, role);
    }
    issuer_from_behalf(ctx, t, d, behalf);
    free(behalf);
}

void seg_tail(seg_ctx *ctx, const seg_text *t, sohoa_doc *d, seg_layout *lay)
{
    size_t from = lay->body_start;
    if (t->nlines > TAIL_WINDOW && t->nlines - TAIL_WINDOW > from)
        from = t->nlines - TAIL_WINDOW;
    size_t end = t->nlines;
    for (size_t i = from; i < t->nlines; i++)
        if (opens_tail(ctx, t, i)) {
            end = i;
            break;
        }
    lay->body_end = end;
    if (end == t->nlines)
        return;
    size_t rec = end;
    seg_ov m;
    while (rec < t->nlines && !match_line(ctx, t, "recipients.start", rec, &m))
        rec++;
    if (rec < t->nlines)
        read_recipients(ctx, t, rec + 1, d);
    read_signer(ctx, t, end, d);
}
