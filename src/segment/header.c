/* header.c — reading the header of a document: its type and title, number
 * and symbol, issuer, place and date, and the period it covers.
 *
 * The header is the top of the text up to the title block. The type line
 * ("KẾ HOẠCH", in capitals, rules type.*) is the landmark: the title follows
 * it (on the same line in Markdown exports, or on the next lines up to a
 * blank line or the first "Căn cứ ..."), the issuer precedes it. Without a
 * type line, a "V/v ..." subject line (rules subject.*) or the symbol
 * ("KH-UBND", rules symbol.*) gives the type. The issuer is what remains of
 * the capital lines above the type once the motto, number and place/date
 * are taken out; "UBND TỈNH X" above "SỞ NỘI VỤ" is the superior body and
 * is left out (rule header.superior). */
#include "seg.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_LINES 40  /* the header is looked for in the first lines only */
#define TITLE_LINES 4
#define ADDRESSEE_LINES 6 /* "Kính gửi" is looked for this far into the body */

/* First rule of `family` matching folded line content [s,e) (anchored if
 * asked); returns the rule and fills m with offsets relative to s. */
static const seg_rule *match_family(seg_ctx *ctx, const seg_text *t, const char *family,
                                    size_t s, size_t e, unsigned opts, seg_ov *m)
{
    const sohoa_rules *r = ctx->rules;
    for (size_t k = 0; k < r->n; k++)
        if (seg_rule_in(&r->v[k], family) && seg_match(ctx, &r->v[k], t->f + s, e - s, 0, opts, m))
            return &r->v[k];
    return NULL;
}

/* A line that is only an OCR-damaged type name ("KẾ HOẠCII", rules
 * typeline.*, anchored, up to trailing punctuation); its rule or NULL. */
static const seg_rule *damaged_type_line(seg_ctx *ctx, const seg_text *t, size_t s, size_t e,
                                         seg_ov *m)
{
    while (e > s && (ispunct((unsigned char)t->f[e - 1]) || t->f[e - 1] == ' '))
        e--;
    const seg_rule *x = match_family(ctx, t, "typeline", s, e, PCRE2_ANCHORED, m);
    return x && s + m->ov[1] == e ? x : NULL;
}

/* Fills the type code and the title span on the type line i: the type
 * words stand alone, or start the title on the same line (Markdown exports:
 * "## KẾ HOẠCH Tuyên truyền ..."), after a ':' or stray punctuation. */
static int type_line_found(const seg_text *t, const seg_rule *x, const char *family, size_t i,
                           size_t ts, size_t e, const char **code, size_t *title_s,
                           size_t *title_e)
{
    while (ts < e && t->f[ts] && strchr(" :*\t.;,", t->f[ts]))
        ts++;
    *code = seg_rule_tail(x, family);
    *title_s = ts;
    *title_e = e;
    return (int)i;
}

/* The type line: content starting with type words in capitals (or, when
 * no line has them, a line that is only a damaged type name). */
static int find_type_line(seg_ctx *ctx, const seg_text *t, size_t limit, const char **code,
                          size_t *title_s, size_t *title_e)
{
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < limit; i++) {
            size_t s, e;
            seg_line_content(ctx, t, i, &s, &e);
            seg_ov m;
            const seg_rule *x = pass == 0 ? match_family(ctx, t, "type", s, e, PCRE2_ANCHORED, &m)
                                          : damaged_type_line(ctx, t, s, e, &m);
            if (!x || (s + m.ov[1] < e && isalpha((unsigned char)t->f[s + m.ov[1]])))
                continue;
            size_t ts = s + m.ov[1];
            if (pass == 1)
                ts = e; /* the damaged type stands alone */
            return type_line_found(t, x, pass == 0 ? "type" : "typeline", i, ts, e, code,
                                   title_s, title_e);
        }
    return -1;
}

static int is_preamble(seg_ctx *ctx, const seg_text *t, size_t s, size_t e)
{
    seg_ov m;
    return match_family(ctx, t, "preamble", s, e, 0, &m) != NULL ||
           match_family(ctx, t, "heading", s, e, 0, &m) != NULL;
}

/* Title lines after line i (or from its rest); returns the next line. */
static size_t read_title(seg_ctx *ctx, const seg_text *t, size_t i, size_t ts, size_t te,
                         sohoa_doc *d)
{
    sohoa_buf b = SOHOA_BUF_INIT;
    size_t nlines = 0, j = i + 1;
    if (ts < te) {
        char *part = seg_text_copy(t, ts, te);
        sohoa_buf_puts(&b, part);
        free(part);
        nlines = 1;
    } else {
        while (j < t->nlines && j < i + 4 && seg_line_blank(t, j))
            j++;
    }
    for (; j < t->nlines && nlines < TITLE_LINES; j++) {
        if (seg_line_blank(t, j))
            break;
        size_t s, e;
        seg_line_content(ctx, t, j, &s, &e);
        seg_ov m;
        if (t->f[s] == '(' || is_preamble(ctx, t, s, e) || seg_line_is(ctx, t, "addressee.start", j) ||
            match_family(ctx, t, "header.place_date", s, e, 0, &m) ||
            match_family(ctx, t, "header.number", s, e, 0, &m) ||
            match_family(ctx, t, "header.motto", s, e, 0, &m))
            break; /* the body, or a header line after a "V/v" subject */
        char *part = seg_text_copy(t, s, e);
        if (b.len)
            sohoa_buf_putc(&b, ' ');
        sohoa_buf_puts(&b, part);
        free(part);
        nlines++;
    }
    if (b.len)
        d->title = sohoa_buf_steal(&b);
    else
        sohoa_buf_free(&b);
    return j;
}

static void read_number(seg_ctx *ctx, const seg_text *t, size_t end, sohoa_doc *d)
{
    for (size_t i = 0; i < end; i++) {
        seg_ov m;
        const seg_rule *x = match_family(ctx, t, "header.number", t->fs[i], t->fe[i], 0, &m);
        if (!x)
            continue;
        size_t s, e, base = t->fs[i];
        if (seg_group(x, &m, "number", &s, &e) && e > s)
            d->number = seg_text_copy(t, base + s, base + e);
        if (seg_group(x, &m, "symbol", &s, &e) && e > s) {
            char *sym = seg_text_copy(t, base + s, base + e);
            char *w = sym; /* "BC - UBND" -> "BC-UBND" */
            for (char *p = sym; *p; p++)
                if (*p != ' ')
                    *w++ = *p;
            *w = '\0';
            d->symbol = sym;
        }
        return;
    }
}

static void read_place_date(seg_ctx *ctx, const seg_text *t, size_t end, sohoa_doc *d)
{
    for (size_t i = 0; i < end; i++) {
        seg_ov m;
        const seg_rule *x = match_family(ctx, t, "header.place_date", t->fs[i], t->fe[i], 0, &m);
        if (!x)
            continue;
        size_t s, e, base = t->fs[i];
        if (seg_group(x, &m, "place", &s, &e) && e > s)
            d->place = seg_text_copy(t, base + s, base + e);
        char iso[11], partial[16];
        d->year = seg_date_from_match(t->f + base, x, &m, iso, partial);
        if (iso[0])
            d->date = sohoa_xstrdup(iso);
        else if (partial[0])
            d->date_partial = sohoa_xstrdup(partial);
        return;
    }
}

/* Blank out (in a copy of the folded line) what matches family. */
static void mask_family(seg_ctx *ctx, const char *family, char *line, size_t n)
{
    const sohoa_rules *r = ctx->rules;
    for (size_t k = 0; k < r->n; k++) {
        if (!seg_rule_in(&r->v[k], family))
            continue;
        size_t start = 0;
        seg_ov m;
        while (start < n && seg_match(ctx, &r->v[k], line, n, start, 0, &m)) {
            memset(line + m.ov[0], ' ', m.ov[1] - m.ov[0]);
            start = m.ov[1] > m.ov[0] ? m.ov[1] : m.ov[0] + 1;
        }
    }
}

static void read_issuer(seg_ctx *ctx, const seg_text *t, size_t end, sohoa_doc *d)
{
    char *parts[8];
    size_t nparts = 0;
    for (size_t i = 0; i < end && nparts < 8; i++) {
        size_t a = t->fs[i], n = t->fe[i] - a;
        char *line = sohoa_xstrndup(t->f + a, n);
        mask_family(ctx, "header.motto", line, n);
        mask_family(ctx, "header.number", line, n);
        mask_family(ctx, "header.place_date", line, n);
        seg_ov m;
        const seg_rule *x = NULL;
        for (size_t k = 0; k < ctx->rules->n && !x; k++)
            if (seg_rule_in(&ctx->rules->v[k], "header.issuer") &&
                seg_match(ctx, &ctx->rules->v[k], line, n, 0, 0, &m))
                x = &ctx->rules->v[k];
        size_t s, e;
        if (x && seg_group(x, &m, "issuer", &s, &e) && e > s)
            parts[nparts++] = seg_text_copy(t, a + s, a + e);
        free(line);
    }
    size_t first = 0;
    if (nparts >= 2) {
        seg_text pt;
        seg_text_init(&pt, parts[0], strlen(parts[0]));
        seg_ov m;
        if (match_family(ctx, &pt, "header.superior", 0, pt.flen, 0, &m))
            first = 1; /* "UBND TỈNH X" above "SỞ NỘI VỤ" */
        seg_text_free(&pt);
    }
    sohoa_buf b = SOHOA_BUF_INIT;
    for (size_t k = 0; k < nparts; k++) {
        if (k >= first) {
            if (b.len)
                sohoa_buf_putc(&b, ' ');
            sohoa_buf_puts(&b, parts[k]);
        }
        free(parts[k]);
    }
    if (b.len)
        d->issuer = sohoa_buf_steal(&b);
    else
        sohoa_buf_free(&b);
}

static void read_period(seg_ctx *ctx, sohoa_doc *d)
{
    if (!d->title)
        return;
    seg_text tt;
    seg_text_init(&tt, d->title, strlen(d->title));
    size_t best_s = (size_t)-1, best_e = 0;
    const sohoa_rules *r = ctx->rules;
    for (size_t k = 0; k < r->n; k++) {
        seg_ov m;
        if (!seg_rule_in(&r->v[k], "period") || !seg_match(ctx, &r->v[k], tt.f, tt.flen, 0, 0, &m))
            continue;
        if (m.ov[0] < best_s || (m.ov[0] == best_s && m.ov[1] > best_e)) {
            best_s = m.ov[0];
            best_e = m.ov[1];
        }
    }
    if (best_s != (size_t)-1)
        d->period = seg_text_copy(&tt, best_s, best_e);
    seg_text_free(&tt);
}

static void type_from_symbol(seg_ctx *ctx, sohoa_doc *d)
{
    if (d->doc_type || !d->symbol)
        return;
    seg_text st;
    seg_text_init(&st, d->symbol, strlen(d->symbol));
    seg_ov m;
    const seg_rule *x = match_family(ctx, &st, "symbol", 0, st.flen, 0, &m);
    if (x)
        d->doc_type = sohoa_xstrdup(seg_rule_tail(x, "symbol"));
    seg_text_free(&st);
}

/* Without a type line: a subject line ("V/v ...") gives type and title. */
static int read_subject(seg_ctx *ctx, const seg_text *t, size_t limit, sohoa_doc *d,
                        size_t *next)
{
    for (size_t i = 0; i < limit; i++) {
        size_t s, e;
        seg_line_content(ctx, t, i, &s, &e);
        seg_ov m;
        const seg_rule *x = match_family(ctx, t, "subject", s, e, 0, &m);
        size_t gs, ge;
        if (!x || !seg_group(x, &m, "title", &gs, &ge))
            continue;
        d->doc_type = sohoa_xstrdup(seg_rule_tail(x, "subject"));
        *next = read_title(ctx, t, i, s + gs, s + ge, d);
        return (int)i;
    }
    return -1;
}

/* The last line of the top block that header rules recognise. */
static size_t header_end_without_type(seg_ctx *ctx, const seg_text *t, size_t limit)
{
    size_t end = 0;
    for (size_t i = 0; i < limit; i++) {
        seg_ov m;
        if (match_family(ctx, t, "header.number", t->fs[i], t->fe[i], 0, &m) ||
            match_family(ctx, t, "header.place_date", t->fs[i], t->fe[i], 0, &m) ||
            match_family(ctx, t, "header.motto", t->fs[i], t->fe[i], 0, &m))
            end = i + 1;
    }
    return end;
}

void seg_header(seg_ctx *ctx, const seg_text *t, sohoa_doc *d, seg_layout *lay)
{
    size_t limit = t->nlines < HEADER_LINES ? t->nlines : HEADER_LINES;
    const char *code = NULL;
    size_t ts = 0, te = 0, body = 0, issuer_end;
    int tl = find_type_line(ctx, t, limit, &code, &ts, &te);
    if (tl >= 0) {
        d->doc_type = sohoa_xstrdup(code);
        body = read_title(ctx, t, (size_t)tl, ts, te, d);
        issuer_end = (size_t)tl;
    } else {
        int sl = read_subject(ctx, t, limit, d, &body);
        size_t hend = header_end_without_type(ctx, t, limit);
        if (sl < 0)
            body = hend;
        else if (hend > body)
            body = hend;
        issuer_end = sl >= 0 ? (size_t)sl : body;
    }
    read_number(ctx, t, body, d);
    read_place_date(ctx, t, body, d);
    read_issuer(ctx, t, issuer_end, d);
    type_from_symbol(ctx, d);
    seg_repair(ctx, t, &d->title, 1);
    read_period(ctx, d);
    /* "Kính gửi:" right after the title or the header, before the body */
    size_t from = tl >= 0 ? (size_t)tl : 0;
    lay->body_start = seg_addressees(ctx, t, from, body + ADDRESSEE_LINES, d);
    if (lay->body_start < body)
        lay->body_start = body;
}
