/* values.c — turning matched text into values: dates to ISO 8601, document
 * type phrases to codes.
 *
 * Digits in dates tolerate the usual OCR confusions (']' 'I' 'l' '|' for 1,
 * 'O' 'o' for 0), since the rules accept them. */
#include "seg.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A number from OCR'd digits; -1 if a character is not digit-like. */
static int ocr_number(const char *s, size_t n)
{
    int v = 0, digits = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c == ']' || c == 'I' || c == 'l' || c == '|')
            d = 1;
        else if (c == 'O' || c == 'o')
            d = 0;
        else if (c == ' ')
            continue;
        else
            return -1;
        v = v * 10 + d;
        if (++digits > 4)
            return -1;
    }
    return digits ? v : -1;
}

static int group_number(const char *subj, const seg_rule *r, const seg_ov *m, const char *g)
{
    size_t s, e;
    if (!seg_group(r, m, g, &s, &e) || s == e)
        return -1;
    return ocr_number(subj + s, e - s);
}

static int days_in(int m, int y)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

static int fill_date(int day, int month, int year, char iso[11], char partial[16])
{
    iso[0] = partial[0] = '\0';
    if (year < 1900 || year > 2199)
        return 0;
    if (month < 1 || month > 12)
        month = -1;
    char tmp[48];
    if (month > 0 && day >= 1 && day <= days_in(month, year)) {
        snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", year, month, day);
        memcpy(iso, tmp, 11);
    } else {
        if (month > 0)
            snprintf(tmp, sizeof tmp, "%02d/%04d", month, year);
        else
            snprintf(tmp, sizeof tmp, "%04d", year);
        memcpy(partial, tmp, strlen(tmp) + 1);
    }
    return year;
}

int seg_date_from_match(const char *subj, const seg_rule *r, const seg_ov *m, char iso[11],
                        char partial[16])
{
    return fill_date(group_number(subj, r, m, "day"), group_number(subj, r, m, "month"),
                     group_number(subj, r, m, "year"), iso, partial);
}

int seg_date_parse(seg_ctx *ctx, const char *s, size_t n, char iso[11], char partial[16])
{
    const sohoa_rules *r = ctx->rules;
    iso[0] = partial[0] = '\0';
    size_t best = (size_t)-1;
    int year = 0;
    for (size_t k = 0; k < r->n; k++) {
        const seg_rule *x = &r->v[k];
        seg_ov m;
        if (!seg_rule_in(x, "date") || !seg_match(ctx, x, s, n, 0, 0, &m) || m.ov[0] >= best)
            continue;
        best = m.ov[0];
        year = seg_date_from_match(s, x, &m, iso, partial);
    }
    return year;
}

const char *seg_type_code(seg_ctx *ctx, const char *s, size_t n)
{
    /* Type rules are written in capitals for header lines: match the phrase
     * upper-cased (it is folded ASCII), anchored, ending at a word end. */
    char *up = sohoa_xstrndup(s, n);
    for (size_t i = 0; i < n; i++)
        up[i] = (char)toupper((unsigned char)up[i]);
    const char *code = NULL;
    const sohoa_rules *r = ctx->rules;
    for (size_t k = 0; k < r->n && !code; k++) {
        const seg_rule *x = &r->v[k];
        seg_ov m;
        if (seg_rule_in(x, "type") && seg_match(ctx, x, up, n, 0, PCRE2_ANCHORED, &m) &&
            (m.ov[1] == n || !isalpha((unsigned char)up[m.ov[1]])))
            code = seg_rule_tail(x, "type");
    }
    free(up);
    return code;
}
