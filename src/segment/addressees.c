/* addressees.c — the "Kính gửi:" block of a letter (công văn, tờ trình):
 * the bodies it is addressed to, read into the recipients ahead of the
 * "Nơi nhận" list.
 *
 *     Kính gửi: Ủy ban nhân dân huyện.          one addressee on the line
 *     Kính gửi:                                 or a dash list below it
 *         - Sở Nội vụ;
 *         - Sở Tài chính.
 *
 * The start is rule addressee.start (OCR-tolerant: "Kinh giri:"), the
 * items rule recipient.item, or the rest of the start line up to ';' or a
 * final '.'. The block ends at a blank line after an item or at a line that
 * is not one; the body starts after it. */
#include "seg.h"

#include <stdlib.h>
#include <string.h>

#define BLOCK_LINES 30

static const seg_rule *match_line(seg_ctx *ctx, const seg_text *t, const char *family, size_t i,
                                  seg_ov *m)
{
    for (size_t k = 0; k < ctx->rules->n; k++)
        if (seg_rule_in(&ctx->rules->v[k], family) &&
            seg_match(ctx, &ctx->rules->v[k], t->f + t->fs[i], t->fe[i] - t->fs[i], 0, 0, m))
            return &ctx->rules->v[k];
    return NULL;
}

/* The rest of start line i after [.., e) as one addressee, or NULL. */
static char *rest_of_line(const seg_text *t, size_t i, size_t e)
{
    size_t a = t->fs[i] + e, b = t->fe[i];
    while (a < b && (t->f[a] == ' ' || t->f[a] == ':' || t->f[a] == '-'))
        a++;
    while (b > a && (t->f[b - 1] == ' ' || t->f[b - 1] == ';' || t->f[b - 1] == '.' ||
                     t->f[b - 1] == '*' || t->f[b - 1] == '_'))
        b--;
    return b > a ? seg_text_copy(t, a, b) : NULL;
}

int seg_line_is(seg_ctx *ctx, const seg_text *t, const char *family, size_t i)
{
    seg_ov m;
    return match_line(ctx, t, family, i, &m) != NULL;
}

size_t seg_addressees(seg_ctx *ctx, const seg_text *t, size_t from, size_t to, sohoa_doc *d)
{
    for (size_t i = from; i < to && i < t->nlines; i++) {
        seg_ov m;
        if (!match_line(ctx, t, "addressee.start", i, &m))
            continue;
        char *one = rest_of_line(t, i, m.ov[1]);
        if (one)
            seg_strv_push(&d->recipients, &d->nrecipients, one);
        size_t j = i + 1, last = i + 1;
        for (; j < t->nlines && j < i + BLOCK_LINES; j++) {
            if (seg_line_blank(t, j)) {
                if (one || last > i + 1)
                    break; /* a blank line after an item ends the block */
                continue;
            }
            const seg_rule *x = match_line(ctx, t, "recipient.item", j, &m);
            size_t s, e;
            if (!x || !seg_group(x, &m, "item", &s, &e) || e == s)
                break;
            seg_strv_push(&d->recipients, &d->nrecipients,
                          seg_text_copy(t, t->fs[j] + s, t->fs[j] + e));
            last = j + 1;
        }
        return last;
    }
    return from;
}
