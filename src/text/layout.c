/* layout.c — OCR layout clean-up (layout.h): running headers, footers and
 * page numbers repeated across pages, words hyphenated at line ends, and
 * runs of blank lines. Lines are never merged, so headings and paragraph
 * breaks keep their own lines. */
#include "layout.h"

#include "sohoa/buf.h"
#include "sohoa/syllable.h"

#include <stdlib.h>
#include <string.h>

static int is_blank(const nline *l)
{
    for (size_t i = 0; i < l->len; i++)
        if (l->s[i] != ' ' && l->s[i] != '\t')
            return 0;
    return 1;
}

/* The comparison key of a line: folded, digits as '#', spaces squeezed. */
static char *line_key(const nline *l)
{
    char *f = sohoa_xmalloc(l->len + 1);
    size_t fl = sohoa_fold(l->s, l->len, f, l->len + 1);
    char *k = sohoa_xmalloc(fl + 1);
    size_t o = 0;
    for (size_t i = 0; i < fl; i++) {
        char c = f[i];
        if (c >= '0' && c <= '9')
            c = '#';
        if (c == '\t')
            c = ' ';
        if (c == ' ' && (o == 0 || k[o - 1] == ' '))
            continue;
        if (c == '#' && o > 0 && k[o - 1] == '#')
            continue;
        k[o++] = c;
    }
    while (o > 0 && k[o - 1] == ' ')
        o--;
    k[o] = '\0';
    free(f);
    return k;
}

typedef struct cand {
    size_t idx;
    char *key;
} cand;

static int cmp_key(const void *a, const void *b)
{
    int c = strcmp(((const cand *)a)->key, ((const cand *)b)->key);
    if (c)
        return c;
    return ((const cand *)a)->idx < ((const cand *)b)->idx ? -1 : 1;
}

void layout_drop_running(nline *L, size_t n)
{
    int pages = n ? L[n - 1].page + 1 : 0;
    if (pages < 2)
        return;
    cand *C = sohoa_xmalloc(4 * (size_t)pages * sizeof *C);
    size_t nc = 0;
    size_t start = 0;
    while (start < n) {
        size_t end = start;
        while (end < n && L[end].page == L[start].page)
            end++;
        /* first two and last two non-empty lines of the page */
        size_t got = 0, first = nc;
        for (size_t i = start; i < end && got < 2; i++)
            if (!is_blank(&L[i]))
                C[nc++] = (cand){i, NULL}, got++;
        size_t got2 = 0;
        for (size_t i = end; i > start && got2 < 2; i--) {
            size_t k = i - 1;
            if (is_blank(&L[k]))
                continue;
            int dup = 0;
            for (size_t c = first; c < first + got; c++)
                dup |= C[c].idx == k;
            if (!dup)
                C[nc++] = (cand){k, NULL};
            got2++;
        }
        start = end;
    }
    for (size_t c = 0; c < nc; c++)
        C[c].key = line_key(&L[C[c].idx]);
    qsort(C, nc, sizeof *C, cmp_key);
    for (size_t a = 0; a < nc;) {
        size_t b = a;
        int npages = 0, last = -1;
        while (b < nc && strcmp(C[b].key, C[a].key) == 0) {
            if (L[C[b].idx].page != last)
                npages++, last = L[C[b].idx].page;
            b++;
        }
        if (C[a].key[0] && npages >= 2 && 2 * npages >= pages)
            for (size_t k = a; k < b; k++)
                L[C[k].idx].drop = 1;
        a = b;
    }
    for (size_t c = 0; c < nc; c++)
        free(C[c].key);
    free(C);
}

static int is_word_byte(unsigned char c)
{
    return c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* 1 if the UTF-8 at s starts with a lower-case letter. */
static int starts_lower(const char *s, size_t n)
{
    char f[8], k[8];
    size_t l = 1;
    while (l < n && ((unsigned char)s[l] & 0xC0) == 0x80)
        l++;
    if (!is_word_byte((unsigned char)s[0]))
        return 0;
    sohoa_fold(s, l, f, sizeof f);
    sohoa_fold_keep_case(s, l, k, sizeof k);
    return f[0] >= 'a' && f[0] <= 'z' && strcmp(f, k) == 0;
}

static void set_text(nline *l, char *own, size_t len)
{
    free(l->own);
    l->own = own;
    l->s = own;
    l->len = len;
}

void layout_join_hyphens(nline *L, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (L[i].drop)
            continue;
        size_t e = L[i].len;
        while (e > 0 && (L[i].s[e - 1] == ' ' || L[i].s[e - 1] == '\t'))
            e--;
        if (e < 2 || L[i].s[e - 1] != '-' || !is_word_byte((unsigned char)L[i].s[e - 2]))
            continue;
        size_t a0 = e - 1; /* start of fragment A */
        while (a0 > 0 && is_word_byte((unsigned char)L[i].s[a0 - 1]))
            a0--;
        size_t j = i + 1;
        while (j < n && (L[j].drop || is_blank(&L[j])))
            j++;
        if (j >= n)
            continue;
        size_t b0 = 0;
        while (b0 < L[j].len && (L[j].s[b0] == ' ' || L[j].s[b0] == '\t'))
            b0++;
        if (b0 >= L[j].len || !starts_lower(L[j].s + b0, L[j].len - b0))
            continue;
        size_t b1 = b0;
        while (b1 < L[j].len && is_word_byte((unsigned char)L[j].s[b1]))
            b1++;
        const char *A = L[i].s + a0, *B = L[j].s + b0;
        size_t al = e - 1 - a0, bl = b1 - b0;
        char joined[256];
        if (al + bl >= sizeof joined)
            continue;
        memcpy(joined, A, al);
        memcpy(joined + al, B, bl);
        int va = sohoa_syl_valid(A, al), vb = sohoa_syl_valid(B, bl);
        if (!sohoa_syl_valid(joined, al + bl) && (va || vb))
            continue;
        /* line i: text before the hyphen + B; line j: the rest */
        size_t nl = e - 1 + bl;
        char *ni = sohoa_xmalloc(nl + 1);
        memcpy(ni, L[i].s, e - 1);
        memcpy(ni + e - 1, B, bl);
        size_t r0 = b1;
        while (r0 < L[j].len && (L[j].s[r0] == ' ' || L[j].s[r0] == '\t'))
            r0++;
        size_t rl = L[j].len - r0;
        char *nj = sohoa_xmalloc(rl + 1);
        memcpy(nj, L[j].s + r0, rl);
        set_text(&L[i], ni, nl);
        set_text(&L[j], nj, rl);
        if (rl == 0)
            L[j].drop = 1;
    }
}

void layout_squeeze_blank(nline *L, size_t n)
{
    int prev_blank = 1; /* drops blank lines at the start too */
    for (size_t i = 0; i < n; i++) {
        if (L[i].drop)
            continue;
        int b = is_blank(&L[i]);
        if (b && prev_blank)
            L[i].drop = 1;
        prev_blank = b;
    }
}
