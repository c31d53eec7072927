/* kinds.c — which section kinds a heading names (rules kind.*).
 *
 * The heading is folded to lower case, apostrophes dropped (OCR writes
 * "THU'C" for "THỰC") and other punctuation turned to spaces, so rules are
 * plain word sequences. Every match of every kind rule is collected; where
 * matches overlap, the longer one wins ("nhiem vu va giai phap" is
 * activities, not tasks); the kinds are listed in order of first mention,
 * each once. No match gives ["other"]; so does a heading of more than ten
 * words in running case (the first line of a numbered paragraph). */
#include "seg.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sohoa/syllable.h"
#include "sohoa/utf8.h"

#define ITEM_WORDS 10
#define KIND_BYTES 1000 /* a heading names its concepts in its first words */

typedef struct hit {
    size_t s, e;
    const char *kind;
} hit;

static int cmp_hit(const void *a, const void *b)
{
    const hit *x = a, *y = b;
    if (x->s != y->s)
        return x->s < y->s ? -1 : 1;
    size_t lx = x->e - x->s, ly = y->e - y->s;
    return lx > ly ? -1 : lx < ly ? 1 : 0;
}

/* Lower-case skeleton with punctuation as single spaces. */
static char *kind_key(const char *heading)
{
    size_t n = strlen(heading);
    if (n > KIND_BYTES) { /* cut at a character boundary */
        n = KIND_BYTES;
        while (n > 0 && ((unsigned char)heading[n] & 0xC0) == 0x80)
            n--;
    }
    char *f = sohoa_xmalloc(n + 1);
    sohoa_fold(heading, n, f, n + 1);
    sohoa_buf b = SOHOA_BUF_INIT;
    sohoa_buf_putc(&b, ' ');
    size_t fl = strlen(f);
    for (size_t i = 0; i < fl;) {
        unsigned char c = (unsigned char)f[i];
        uint32_t cp;
        size_t l = c < 0x80 ? 1 : sohoa_utf8_decode(f + i, fl - i, &cp);
        if (c == '\'' || c == '`') {
            /* dropped: OCR's apostrophe for a horn ("THU'C") */
        } else if (isalnum(c) || (c >= 0x80 && l > 0)) {
            sohoa_buf_append(&b, f + i, l);
        } else if (b.data[b.len - 1] != ' ') {
            sohoa_buf_putc(&b, ' '); /* punctuation, or an invalid byte */
        }
        i += l ? l : 1;
    }
    sohoa_buf_putc(&b, ' ');
    free(f);
    return sohoa_buf_steal(&b);
}

/* A long heading in running case is the first line of a numbered item of
 * text, not a heading naming a concept: it names no kind. */
static int is_item(const char *heading)
{
    size_t words = 0, up = 0, letters = 0;
    for (const char *p = heading; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == ' ' && p[1] && p[1] != ' ')
            words++;
        if (isalpha(c)) {
            letters++;
            up += isupper(c) != 0;
        }
    }
    return words + 1 > ITEM_WORDS && up * 2 < letters;
}

char **seg_kinds(seg_ctx *ctx, const char *heading, size_t *n)
{
    char **out = NULL;
    *n = 0;
    if (heading && is_item(heading))
        heading = NULL;
    char *key = heading ? kind_key(heading) : sohoa_xstrdup("");
    size_t klen = strlen(key);
    hit *hits = NULL;
    size_t nh = 0;
    const sohoa_rules *r = ctx->rules;
    for (size_t k = 0; k < r->n; k++) {
        const seg_rule *x = &r->v[k];
        if (!seg_rule_in(x, "kind"))
            continue;
        size_t start = 0;
        seg_ov m;
        while (start < klen && seg_match(ctx, x, key, klen, start, 0, &m)) {
            if (m.ov[1] > m.ov[0]) {
                SEG_GROW(hits, nh);
                hits[nh++] = (hit){m.ov[0], m.ov[1], seg_rule_tail(x, "kind")};
            }
            start = m.ov[1] > m.ov[0] ? m.ov[1] : m.ov[0] + 1;
        }
    }
    if (nh)
        qsort(hits, nh, sizeof *hits, cmp_hit);
    size_t covered = 0;
    for (size_t i = 0; i < nh; i++) {
        if (hits[i].s < covered)
            continue; /* inside a longer, earlier match */
        covered = hits[i].e;
        int dup = 0;
        for (size_t j = 0; j < *n; j++)
            dup |= strcmp(out[j], hits[i].kind) == 0;
        if (!dup && hits[i].kind[0])
            seg_strv_push(&out, n, sohoa_xstrdup(hits[i].kind));
    }
    free(hits);
    free(key);
    if (*n == 0)
        seg_strv_push(&out, n, sohoa_xstrdup("other"));
    return out;
}
