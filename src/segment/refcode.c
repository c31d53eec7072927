/* refcode.c — mending the code part of a cited document's number
 * ("468/QĐ-TTqg", "268/OP-UBND", "08-DA/HU") that OCR and restoration
 * damaged.
 *
 * The grammar position makes the code unambiguous: after "Quyết định số
 * 268/" comes the type's own code, QĐ; after it, the code of the issuing
 * body (UBND, TTg, CP ...). So
 *   - the first letter segment takes its type's code when it folds to it
 *     (DA → ĐA) or is one OCR confusion away (OP → QĐ: O/Q and P/D are
 *     look-alikes, each half an edit) — at most one edit in all;
 *   - a later segment that cannot be a code as written (a lower-case letter
 *     where the body codes have none, or a digit) takes the one body code
 *     at most one edit away (TTqg → TTg, U8ND → UBND).
 * The tables below are facts: the codes of Decree 30/2020/NĐ-CP. */
#include "seg.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *type, *code;
} type_codes[] = {
    {"quyet_dinh", "QĐ"}, {"nghi_dinh", "NĐ"},   {"de_an", "ĐA"},       {"ke_hoach", "KH"},
    {"nghi_quyet", "NQ"}, {"chi_thi", "CT"},      {"bao_cao", "BC"},     {"thong_bao", "TB"},
    {"huong_dan", "HD"},  {"to_trinh", "TTr"},    {"chuong_trinh", "CTr"}, {"thong_tu", "TT"},
    {"bien_ban", "BB"},   {"quy_dinh", "QĐ"},
};

/* Codes of issuing bodies that follow the type code. */
static const char *const body_codes[] = {
    "TTg", "CP", "UBND", "HĐND", "TU", "HU", "ĐU", "TW", "QH", "UBTVQH", "VPCP", "BNV", "BTC",
    "BCĐ", "BCH", "BTV", "BTTTT", "BKHĐT", "BTP", "BYT", "BGDĐT", "BNNPTNT", "BTNMT", "BXD",
    "BCA", "BQP", "BLĐTBXH", "BVHTTDL", "BCT", "BGTVT", "NHNN", "MTTQ", "SNV", "STC", "STTTT",
    "SKHĐT", "VP", "TCCB", "NV", "TTHC", "CCHC", "BTGTU", "BDVTU", "BTCTU", "UBKTTU", NULL};

/* The letter s[i] (UTF-8) as one ASCII byte for comparing: Đ/đ → D/d. */
static size_t next_unit(const char *s, size_t i, char *c)
{
    unsigned char b = (unsigned char)s[i];
    if (b == 0xC4 && ((unsigned char)s[i + 1] == 0x90 || (unsigned char)s[i + 1] == 0x91)) {
        *c = (unsigned char)s[i + 1] == 0x90 ? 'D' : 'd';
        return 2;
    }
    *c = (char)b;
    return 1;
}

/* s[0..n) as comparable bytes (Đ → D); returns the count (at most cap-1). */
static size_t units(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap;)
        i += next_unit(s, i, &out[k++]);
    out[k] = '\0';
    return k;
}

/* 1 if a and b are OCR look-alikes (a different letter, same shape). */
static int lookalike(char a, char b)
{
    static const char *const sets[] = {"OQ0D", "PD", "B8", "Il1|", "S5", "G6", "Z2", "gq"};
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++)
        if (strchr(sets[i], a) && strchr(sets[i], b))
            return 1;
    return 0;
}

/* Edit distance in half edits: a look-alike substitution costs 1, any
 * other edit 2. Short codes only (< 16 bytes). */
static int half_edits(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la >= 16 || lb >= 16)
        return 99;
    int row[17];
    for (size_t j = 0; j <= lb; j++)
        row[j] = 2 * (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = 2 * (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int sub = a[i - 1] == b[j - 1] ? 0 : lookalike(a[i - 1], b[j - 1]) ? 1 : 2;
            int up = row[j], best = diag + sub;
            if (up + 2 < best)
                best = up + 2;
            if (row[j - 1] + 2 < best)
                best = row[j - 1] + 2;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

static const char *type_code(const char *type)
{
    for (size_t k = 0; type && k < sizeof type_codes / sizeof type_codes[0]; k++)
        if (strcmp(type, type_codes[k].type) == 0)
            return type_codes[k].code;
    return NULL;
}

/* The type's code for segment seg (ASCII-ised), or NULL to keep it. */
static const char *mend_type_segment(const char *code, const char *seg, size_t n)
{
    char a[16], b[16];
    if (n >= sizeof a)
        return NULL;
    units(seg, n, a, sizeof a);
    units(code, strlen(code), b, sizeof b);
    for (size_t k = 0; k < sizeof type_codes / sizeof type_codes[0]; k++)
        if (strlen(type_codes[k].code) == n && strncmp(seg, type_codes[k].code, n) == 0)
            return NULL; /* right, or another type's code as written (CT, TT) */
    return half_edits(a, b) <= 2 ? code : NULL;
}

/* The one body code a segment that cannot be a code as written is near. */
static const char *mend_body_segment(const char *seg, size_t n)
{
    int odd = 0;
    for (size_t i = 0; i < n; i++)
        odd |= isdigit((unsigned char)seg[i]) || islower((unsigned char)seg[i]);
    char a[16];
    if (!odd || n < 3 || n >= sizeof a)
        return NULL;
    units(seg, n, a, sizeof a);
    const char *found = NULL;
    for (size_t k = 0; body_codes[k]; k++) {
        char b[16];
        units(body_codes[k], strlen(body_codes[k]), b, sizeof b);
        if (strcmp(a, b) == 0 && strlen(body_codes[k]) == n &&
            strncmp(seg, body_codes[k], n) == 0)
            return NULL; /* a code as written (TTg) */
        if (half_edits(a, b) <= 2) {
            if (found)
                return NULL; /* two codes as near: leave it */
            found = body_codes[k];
        }
    }
    return found;
}

char *seg_mend_code(const char *type, char *number)
{
    const char *code = type_code(type);
    sohoa_buf b = SOHOA_BUF_INIT;
    size_t i = 0, n = strlen(number);
    int letters_seen = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && number[j] != '/' && number[j] != '-')
            j++;
        int alpha = j > i && !isdigit((unsigned char)number[i]);
        const char *rep = NULL;
        if (alpha && !letters_seen && code)
            rep = mend_type_segment(code, number + i, j - i);
        else if (alpha && letters_seen)
            rep = mend_body_segment(number + i, j - i);
        letters_seen |= alpha;
        if (rep)
            sohoa_buf_puts(&b, rep);
        else
            sohoa_buf_append(&b, number + i, j - i);
        if (j < n)
            sohoa_buf_putc(&b, number[j]);
        i = j + 1;
    }
    free(number);
    return sohoa_buf_steal(&b);
}
