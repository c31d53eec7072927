/* ocr_parts.c — packing a page range's OCR for the parent and joining the
 * parts of one file (see ocr_parts.h). Layout of a part, native byte order
 * (parent and worker are the same program on the same machine):
 *   int32 pages, int32 is_pdf, uint64 raw length, raw bytes, uint64 nwords,
 *   then per word: float conf, int32 page, line, x, y, w, h,
 *   uint64 text length, text bytes. */
#include "ocr_parts.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sohoa/buf.h"

static void put(sohoa_buf *b, const void *p, size_t n)
{
    sohoa_buf_append(b, p, n);
}

static void put_str(sohoa_buf *b, const char *s)
{
    uint64_t n = s ? strlen(s) : 0;
    put(b, &n, sizeof n);
    if (n)
        put(b, s, (size_t)n);
}

char *ocr_part_pack(const sohoa_doc *d, size_t *len)
{
    sohoa_buf b = SOHOA_BUF_INIT;
    int32_t pages = d->pages, is_pdf = d->kind && strcmp(d->kind, "pdf") == 0;
    put(&b, &pages, sizeof pages);
    put(&b, &is_pdf, sizeof is_pdf);
    put_str(&b, d->raw);
    uint64_t n = d->nwords;
    put(&b, &n, sizeof n);
    for (size_t i = 0; i < d->nwords; i++) {
        const sohoa_word *w = &d->words[i];
        int32_t v[6] = {w->page, w->line, w->x, w->y, w->w, w->h};
        put(&b, &w->conf, sizeof w->conf);
        put(&b, v, sizeof v);
        put_str(&b, w->text);
    }
    *len = b.len;
    return sohoa_buf_steal(&b);
}

/* A reader over the blob that refuses to run past its end. */
typedef struct reader {
    const char *p, *end;
} reader;

static int get(reader *r, void *out, size_t n)
{
    if ((size_t)(r->end - r->p) < n)
        return -1;
    memcpy(out, r->p, n);
    r->p += n;
    return 0;
}

static char *get_str(reader *r)
{
    uint64_t n;
    if (get(r, &n, sizeof n) || (uint64_t)(r->end - r->p) < n)
        return NULL;
    char *s = sohoa_xstrndup(r->p, (size_t)n);
    r->p += n;
    return s;
}

static int count_lines(const char *s)
{
    int n = 1;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* Read the words of a part; NULL (and *n = 0) when malformed. */
static sohoa_word *get_words(reader *r, size_t *n)
{
    uint64_t count;
    *n = 0;
    if (get(r, &count, sizeof count) || count > (uint64_t)(r->end - r->p))
        return NULL;
    sohoa_word *w = sohoa_xcalloc(count ? (size_t)count : 1, sizeof *w);
    for (size_t i = 0; i < count; i++) {
        int32_t v[6];
        if (get(r, &w[i].conf, sizeof w[i].conf) || get(r, v, sizeof v) ||
            !(w[i].text = get_str(r))) {
            for (size_t j = 0; j < i; j++)
                free(w[j].text);
            free(w);
            return NULL;
        }
        w[i].page = v[0], w[i].line = v[1], w[i].x = v[2], w[i].y = v[3], w[i].w = v[4], w[i].h = v[5];
    }
    *n = (size_t)count;
    return w;
}

static void mean_conf(sohoa_doc *d)
{
    double sum = 0;
    size_t n = 0;
    for (size_t i = 0; i < d->nwords; i++)
        if (d->words[i].conf >= 0)
            sum += d->words[i].conf, n++;
    d->ocr_conf = n ? sum / (double)n : -1;
}

int ocr_part_append(sohoa_doc *d, const char *blob, size_t len)
{
    reader r = {blob, blob + len};
    int32_t pages, is_pdf;
    if (get(&r, &pages, sizeof pages) || get(&r, &is_pdf, sizeof is_pdf))
        return -1;
    char *raw = get_str(&r);
    size_t nw;
    sohoa_word *w = raw ? get_words(&r, &nw) : NULL;
    if (!w) {
        free(raw);
        return -1;
    }
    /* Lines of d->raw before this part: its own, then the form-feed line. */
    int shift = 0;
    sohoa_buf b = SOHOA_BUF_INIT;
    if (d->raw) {
        shift = count_lines(d->raw) + 1;
        sohoa_buf_puts(&b, d->raw);
        sohoa_buf_puts(&b, "\n\f\n");
    }
    sohoa_buf_puts(&b, raw);
    free(raw);
    free(d->raw);
    d->raw = sohoa_buf_steal(&b);
    d->words = sohoa_xrealloc(d->words, (d->nwords + nw + 1) * sizeof *d->words);
    for (size_t i = 0; i < nw; i++) {
        w[i].line += shift;
        d->words[d->nwords++] = w[i];
    }
    free(w);
    d->pages = pages;
    sohoa_doc_set(&d->kind, is_pdf ? "pdf" : "image");
    mean_conf(d);
    return 0;
}
