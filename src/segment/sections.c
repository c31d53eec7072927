/* sections.c — cutting the body into a tree of sections at its headings.
 *
 * A heading is a line whose content (markup stripped) matches a rule
 * heading.RANK.SCHEME and whose label continues the sequence of its
 * siblings: I, II, III under the document; 1, 2 under I; a, b, c under 1.
 * The sequence is what lets mangled labels through ("I1." after I. is II.,
 * "M." after II. is III., "@)" after d) is đ)) and keeps numbered lines of
 * running text out (a "2020." that wraps to a line start is not heading 2).
 * Roman headings must be in capitals, as in every administrative document.
 *
 * A heading of rank r closes every open section of rank >= r; its level is
 * its depth in the tree (1 for the top). A heading broken over two lines
 * (a long first line without final punctuation, a shorter continuation
 * followed by a blank line or another heading) is joined. A section's text is its own lines, after its
 * heading up to the next heading; the lines before the first heading form a
 * level-0 section ("basis" if it opens with "Căn cứ", "Thực hiện" ...; else
 * "other"). So heading lines and section texts together cover the body, and
 * a body without headings is one section of kind "other". */
#include "seg.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 8
#define MAX_JOINED 250 /* bytes of a heading joined over two lines */
#define MIN_WRAPPED 45 /* a heading line shorter than this was not wrapped */

typedef struct cand {
    const seg_rule *rule;
    int rank;
    const char *scheme;
    size_t ls, le;   /* label span, folded */
    size_t ts, te;   /* text span, folded */
} cand;

typedef struct node {
    int rank, value, parent;
    const char *scheme;
    char *label, *heading;
    size_t line;           /* 0-based heading line */
    size_t from, to;       /* own text lines [from, to) */
} node;

typedef struct tree {
    node *v;
    size_t n;
    int stack[MAX_DEPTH];
    int depth;
} tree;

/* ---- labels ------------------------------------------------------------- */

static int roman_value(const char *s, size_t n)
{
    static const char *const r[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
                                    "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII",
                                    "XIX", "XX"};
    for (int i = 0; i < 20; i++)
        if (strlen(r[i]) == n && memcmp(r[i], s, n) == 0)
            return i + 1;
    return 0;
}

static const char *roman_label(int v)
{
    static const char *const r[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
                                    "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII",
                                    "XIX", "XX"};
    return v >= 1 && v <= 20 ? r[v - 1] : "?";
}

/* Vietnamese list order: a b c d đ e f g h i ... (f, j, w, z appear in some
 * documents, so they are kept; skipping one is allowed). */
static const char *const letters[] = {"a", "b", "c", "d", "đ", "e", "f", "g", "h", "i", "j",
                                      "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u",
                                      "v", "w", "x", "y", "z"};
#define NLETTERS (int)(sizeof letters / sizeof letters[0])
static const char folded_letters[] = "abcddefghijklmnopqrstuvwxyz"; /* letters[i] folded */

static int letter_value(const char *orig, size_t n)
{
    for (int i = 0; i < NLETTERS; i++)
        if (strlen(letters[i]) == n && memcmp(letters[i], orig, n) == 0)
            return i + 1;
    return 0;
}

/* ---- candidates ----------------------------------------------------------- */

static int parse_rank(const seg_rule *x, const char **scheme)
{
    const char *tail = seg_rule_tail(x, "heading");
    char *dot;
    long rank = strtol(tail, &dot, 10);
    *scheme = *dot == '.' ? dot + 1 : "arabic";
    return (int)rank;
}

/* The first heading rule from rule index *k on that matches line i; *k is
 * left just after it, so a caller can try the next reading of the line
 * ("1." is a mangled roman I. or an arabic 1.). */
static int next_cand(seg_ctx *ctx, const seg_text *t, size_t i, size_t *k, cand *c)
{
    size_t s, e;
    seg_line_content(ctx, t, i, &s, &e);
    if (s == e)
        return 0;
    const sohoa_rules *r = ctx->rules;
    for (; *k < r->n; (*k)++) {
        const seg_rule *x = &r->v[*k];
        seg_ov m;
        if (!seg_rule_in(x, "heading") || !seg_match(ctx, x, t->f + s, e - s, 0, 0, &m))
            continue;
        size_t a, b, ta, tb;
        if (!seg_group(x, &m, "label", &a, &b) || !seg_group(x, &m, "text", &ta, &tb))
            continue;
        (*k)++;
        c->rule = x;
        c->rank = parse_rank(x, &c->scheme);
        c->ls = s + a;
        c->le = s + b;
        c->ts = s + ta;
        c->te = s + tb;
        return 1;
    }
    return 0;
}

static int find_cand(seg_ctx *ctx, const seg_text *t, size_t i, cand *c)
{
    size_t k = 0;
    return next_cand(ctx, t, i, &k, c);
}

/* Headings start with a capital (or a digit or an opening quote). */
static int starts_like_heading(const seg_text *t, const cand *c)
{
    unsigned char ch = (unsigned char)t->f[c->ts];
    return isupper(ch) || isdigit(ch) || ch == '"' || ch == '(' || ch >= 0x80;
}

/* ---- the tree ----------------------------------------------------------- */

/* Depth the candidate would sit at, and its would-be parent (-1: top). */
static int parent_for(const tree *tr, int rank, int *depth)
{
    int d = tr->depth;
    while (d > 0 && tr->v[tr->stack[d - 1]].rank >= rank)
        d--;
    *depth = d;
    return d > 0 ? tr->stack[d - 1] : -1;
}

static int prev_value(const tree *tr, int parent, const char *scheme)
{
    for (size_t k = tr->n; k-- > 0;) {
        if (tr->v[k].parent == parent && strcmp(tr->v[k].scheme, scheme) == 0)
            return tr->v[k].value;
        if ((int)k == parent)
            break;
    }
    return 0;
}

/* Decide whether a candidate continues the sequence; fill value and label. */
static int accept(const seg_text *t, const tree *tr, const cand *c, int parent, int *value,
                  char label[16])
{
    int prev = prev_value(tr, parent, c->scheme);
    const char *lab = t->f + c->ls;
    size_t ln = c->le - c->ls;
    if (!starts_like_heading(t, c))
        return 0;
    if (strcmp(c->scheme, "roman") == 0) {
        if (!seg_upper_ratio_ok(t->f + c->ts, c->te - c->ts) || strspn(lab, "0123456789") >= ln)
            return 0; /* "1." is arabic, never a mangled I. */
        int v = roman_value(lab, ln);
        if (!(v > prev && v <= prev + 2)) {
            char fixed[8];
            size_t k;
            for (k = 0; k < ln && k < 7; k++)
                fixed[k] = strchr("1l|!", lab[k]) ? 'I' : lab[k];
            int mv = roman_value(fixed, k);
            v = (mv > prev && mv <= prev + 2) ? mv : prev + 1; /* the sequence implies it */
        }
        *value = v;
        snprintf(label, 16, "%s", roman_label(v));
        return 1;
    }
    if (strcmp(c->scheme, "letter") == 0) {
        size_t os, oe;
        seg_text_orig(t, c->ls, c->le, &os, &oe);
        int v = letter_value(t->o + os, oe - os);
        if (v == 0 && !isalpha((unsigned char)lab[0]))
            v = prev + 1; /* "@)", "¢)": OCR damage; the sequence implies it */
        else if (prev < NLETTERS && v != prev + 1 && lab[0] == folded_letters[prev])
            v = prev + 1; /* d) and đ) fold alike: "đ)" after c) is d), "d)" after d) is đ) */
        if (!(v > prev && v <= prev + 2) || v > NLETTERS)
            return 0;
        *value = v;
        snprintf(label, 16, "%s", letters[v - 1]);
        return 1;
    }
    if (strcmp(c->scheme, "decimal") == 0) {
        int major = atoi(lab), minor = atoi(strchr(lab, '.') + 1);
        if (parent < 0 || strcmp(tr->v[parent].scheme, "arabic") != 0 ||
            tr->v[parent].value != major || !(minor > prev && minor <= prev + 2))
            return 0;
        *value = minor;
        snprintf(label, 16, "%d.%d", major, minor);
        return 1;
    }
    int v = atoi(lab); /* arabic and any other counting scheme */
    if (!isdigit((unsigned char)lab[0]))
        v = prev == 0 ? 1 : 0; /* "i." / "l." for 1. where a list starts */
    if (!(v > prev && v <= prev + 2))
        return 0;
    *value = v;
    snprintf(label, 16, "%d", v);
    return 1;
}

/* Lines after a heading that continue it; returns how many (0 or 1). */
static size_t continuation(seg_ctx *ctx, const seg_text *t, size_t i, size_t end, const cand *c)
{
    char last = t->f[c->te - 1];
    if (last == '.' || last == ':' || last == ';' || i + 1 >= end || seg_line_blank(t, i + 1))
        return 0;
    size_t s, e;
    seg_line_content(ctx, t, i + 1, &s, &e);
    cand c2;
    if (s == e || strchr("-+", t->f[s]) || find_cand(ctx, t, i + 1, &c2))
        return 0;
    size_t first = c->te - c->ls; /* label and text of the heading line */
    if (first < MIN_WRAPPED || e - s >= first || first + (e - s) > MAX_JOINED)
        return 0; /* a short heading line was not wrapped; a long next line is text */
    if (strcmp(c->scheme, "roman") == 0 && !seg_upper_ratio_ok(t->f + s, e - s))
        return 0;
    if (i + 2 < end && !seg_line_blank(t, i + 2) && !find_cand(ctx, t, i + 2, &c2))
        return 0; /* a paragraph, not a broken heading */
    return 1;
}

/* A Roman heading is in capitals: a word restoration left in lower case
 * ("I. MỤC Đích, YÊU CẦU") is put in capitals when at least three words in
 * four, and two or more, are (words in parentheses are left alone). */
static char *capitals_heading(char *h)
{
    seg_text ht;
    seg_text_init(&ht, h, strlen(h));
    size_t caps = 0, words = 0;
    for (size_t i = 0; i < ht.flen;) {
        if (!isalpha((unsigned char)ht.f[i])) {
            i++;
            continue;
        }
        size_t j = i, up = 0;
        while (j < ht.flen && isalpha((unsigned char)ht.f[j]))
            up += isupper((unsigned char)ht.f[j++]) != 0;
        words++;
        caps += up == j - i;
        i = j;
    }
    if (caps < 2 || caps == words || caps * 4 < words * 3) {
        seg_text_free(&ht);
        return h;
    }
    sohoa_buf b = SOHOA_BUF_INIT;
    size_t done = 0;
    int paren = 0;
    for (size_t i = 0; i < ht.flen;) {
        char ch = ht.f[i];
        paren += ch == '(' ? 1 : ch == ')' && paren ? -1 : 0;
        if (!isalpha((unsigned char)ch)) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < ht.flen && isalpha((unsigned char)ht.f[j]))
            j++;
        size_t os, oe;
        seg_text_orig(&ht, i, j, &os, &oe);
        if (!paren && islower((unsigned char)ht.f[j - 1])) {
            char *w = sohoa_xstrndup(h + os, oe - os);
            char *up = seg_upper_words(w);
            sohoa_buf_append(&b, h + done, os - done);
            sohoa_buf_puts(&b, up);
            done = oe;
            free(w);
            free(up);
        }
        i = j;
    }
    sohoa_buf_puts(&b, h + done);
    seg_text_free(&ht);
    free(h);
    return sohoa_buf_steal(&b);
}

static char *heading_text(seg_ctx *ctx, const seg_text *t, const cand *c, size_t i, size_t join)
{
    char *h = seg_text_copy(t, c->ts, c->te);
    if (join) {
        size_t s, e;
        seg_line_content(ctx, t, i + 1, &s, &e);
        char *more = seg_text_copy(t, s, e);
        sohoa_buf b = SOHOA_BUF_INIT;
        sohoa_buf_printf(&b, "%s %s", h, more);
        free(h);
        free(more);
        h = sohoa_buf_steal(&b);
    }
    size_t n = strlen(h);
    while (n && (h[n - 1] == ':' || h[n - 1] == ' '))
        h[--n] = '\0';
    return strcmp(c->scheme, "roman") == 0 ? capitals_heading(h) : h;
}

static void build_tree(seg_ctx *ctx, const seg_text *t, size_t bs, size_t be, tree *tr)
{
    for (size_t i = bs; i < be; i++) {
        if (seg_line_blank(t, i))
            continue; /* cheap: most lines of a large input are not headings */
        cand c;
        size_t k = 0;
        int depth = 0, value = 0, parent = -1, ok = 0;
        char label[16];
        while (!ok && next_cand(ctx, t, i, &k, &c)) {
            parent = parent_for(tr, c.rank, &depth);
            ok = depth < MAX_DEPTH && accept(t, tr, &c, parent, &value, label);
        }
        if (!ok)
            continue;
        size_t join = continuation(ctx, t, i, be, &c);
        if (tr->n)
            tr->v[tr->n - 1].to = i;
        SEG_GROW(tr->v, tr->n);
        node *nd = &tr->v[tr->n];
        *nd = (node){.rank = c.rank, .value = value, .parent = parent, .scheme = c.scheme,
                     .label = sohoa_xstrdup(label), .heading = heading_text(ctx, t, &c, i, join),
                     .line = i, .from = i + 1 + join, .to = be};
        tr->depth = depth;
        tr->stack[tr->depth++] = (int)tr->n;
        tr->n++;
        i += join;
    }
}

/* ---- output ------------------------------------------------------------- */

static int line_empty(const seg_text *t, size_t i)
{
    for (size_t k = t->ls[i]; k < t->le[i]; k++)
        if (t->o[k] != ' ' && t->o[k] != '\t')
            return 0;
    return 1;
}

/* Original lines [from, to) joined by '\n', without empty lines at the ends. */
static char *lines_text(const seg_text *t, size_t from, size_t to)
{
    while (from < to && line_empty(t, from))
        from++;
    while (to > from && line_empty(t, to - 1))
        to--;
    sohoa_buf b = SOHOA_BUF_INIT;
    for (size_t i = from; i < to; i++) {
        if (i > from)
            sohoa_buf_putc(&b, '\n');
        sohoa_buf_append(&b, t->o + t->ls[i], t->le[i] - t->ls[i]);
    }
    return sohoa_buf_steal(&b);
}

static int page_of_line(const sohoa_doc *d, size_t line1)
{
    for (size_t k = 0; k < d->nwords; k++)
        if (d->words[k].line == (int)line1)
            return d->words[k].page;
    return 0;
}

static int descends(const tree *tr, size_t j, int k)
{
    int p = tr->v[j].parent;
    while (p > k)
        p = tr->v[p].parent;
    return p == k;
}

static void fill_section(seg_ctx *ctx, const seg_text *t, const sohoa_doc *d, tree *tr, int k,
                         sohoa_section *out)
{
    node *nd = &tr->v[k];
    memset(out, 0, sizeof *out);
    out->label = nd->label;
    out->heading = nd->heading;
    nd->label = nd->heading = NULL;
    out->kinds = seg_kinds(ctx, out->heading, &out->nkinds);
    out->line = (int)nd->line + 1;
    out->page = page_of_line(d, nd->line + 1);
    out->text = lines_text(t, nd->from, nd->to);
    /* k's subtree is the run of nodes after it that descend from it */
    size_t end = (size_t)k + 1, nch = 0;
    for (; end < tr->n && descends(tr, end, k); end++)
        nch += tr->v[end].parent == k;
    if (nch)
        out->children = sohoa_xcalloc(nch, sizeof *out->children);
    for (size_t j = (size_t)k + 1; j < end; j++)
        if (tr->v[j].parent == k)
            fill_section(ctx, t, d, tr, (int)j, &out->children[out->nchildren++]);
    int depth = 1;
    for (int p = nd->parent; p >= 0; p = tr->v[p].parent)
        depth++;
    out->level = depth;
}

static void add_section(sohoa_doc *d, sohoa_section *s)
{
    SEG_GROW(d->sections, d->nsections);
    d->sections[d->nsections++] = *s;
}

/* The level-0 section of lines [from, to); kind basis/other. */
static void add_preamble(seg_ctx *ctx, const seg_text *t, sohoa_doc *d, size_t from, size_t to,
                         int structured)
{
    size_t first = from;
    while (first < to && seg_line_blank(t, first))
        first++;
    if (first == to && structured)
        return;
    sohoa_section s;
    memset(&s, 0, sizeof s);
    const char *kind = "other";
    if (structured && first < to) {
        size_t a, b;
        seg_line_content(ctx, t, first, &a, &b);
        for (size_t k = 0; k < ctx->rules->n; k++) {
            seg_ov m;
            if (seg_rule_in(&ctx->rules->v[k], "preamble") &&
                seg_match(ctx, &ctx->rules->v[k], t->f + a, b - a, 0, 0, &m)) {
                kind = seg_rule_tail(&ctx->rules->v[k], "preamble");
                break;
            }
        }
    }
    seg_strv_push(&s.kinds, &s.nkinds, sohoa_xstrdup(kind));
    /* its first non-blank line; an empty body (all header) points at the
     * text's last line, never past it */
    size_t at = first < to ? first : from;
    if (at >= t->nlines)
        at = t->nlines ? t->nlines - 1 : 0;
    s.line = (int)at + 1;
    s.page = page_of_line(d, (size_t)s.line);
    s.text = lines_text(t, from, to);
    add_section(d, &s);
}

void seg_sections(seg_ctx *ctx, const seg_text *t, sohoa_doc *d, const seg_layout *lay)
{
    tree tr = {0};
    build_tree(ctx, t, lay->body_start, lay->body_end, &tr);
    if (tr.n == 0) {
        add_preamble(ctx, t, d, lay->body_start, lay->body_end, 0);
    } else {
        add_preamble(ctx, t, d, lay->body_start, tr.v[0].line, 1);
        for (size_t k = 0; k < tr.n; k++)
            if (tr.v[k].parent < 0) {
                sohoa_section s;
                fill_section(ctx, t, d, &tr, (int)k, &s);
                add_section(d, &s);
            }
    }
    for (size_t k = 0; k < tr.n; k++) {
        free(tr.v[k].label);
        free(tr.v[k].heading);
    }
    free(tr.v);
}
