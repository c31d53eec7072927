/* buf.c — the growable byte buffer and checked allocation (include/sohoa/buf.h).
 * Invariant: data == NULL iff cap == 0; otherwise data[len] == '\0'. */
#include "sohoa/buf.h"
#include "huge_pages.h"

#include <malloc.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t n)
{
    fprintf(stderr, "sohoa: out of memory (allocating %zu bytes)\n", n);
    abort();
}

static void *huge_alloc(size_t n)
{
    void *p;
    if (posix_memalign(&p, SOHOA_HUGE_MIN, n) != 0)
        oom(n);
    return sohoa_huge_hint(p, n);
}

void *sohoa_xmalloc(size_t n)
{
    if (n >= SOHOA_HUGE_MIN)
        return huge_alloc(n);
    void *p = malloc(n ? n : 1);
    if (!p)
        oom(n);
    sohoa_heap_hint((uintptr_t)p);
    return p;
}

void *sohoa_xcalloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        oom(SIZE_MAX);
    if (n * size >= SOHOA_HUGE_MIN)
        return memset(huge_alloc(n * size), 0, n * size);
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom(n * size);
    sohoa_heap_hint((uintptr_t)p);
    return p;
}

/* A block that grows past SOHOA_HUGE_MIN moves to a 2 MB boundary once; a big
 * block grows in place or is moved by realloc (for glibc, pages remapped,
 * not copied), its pages marked again. */
void *sohoa_xrealloc(void *p, size_t n)
{
    if (n >= SOHOA_HUGE_MIN && (!p || malloc_usable_size(p) < SOHOA_HUGE_MIN)) {
        void *q = huge_alloc(n);
        if (p) {
            size_t old = malloc_usable_size(p);
            memcpy(q, p, old < n ? old : n);
            free(p);
        }
        return q;
    }
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom(n);
    if (n >= SOHOA_HUGE_MIN)
        return sohoa_huge_hint(q, n);
    sohoa_heap_hint((uintptr_t)q);
    return q;
}

char *sohoa_xstrdup(const char *s)
{
    return sohoa_xstrndup(s, strlen(s));
}

char *sohoa_xstrndup(const char *s, size_t n)
{
    char *p = sohoa_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void sohoa_buf_reserve(sohoa_buf *b, size_t extra)
{
    if (b->cap && b->len + extra < b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap <= b->len + extra) {
        if (cap > SIZE_MAX / 2)
            oom(b->len + extra);
        cap *= 2;
    }
    b->data = sohoa_xrealloc(b->data, cap);
    b->cap = cap;
    b->data[b->len] = '\0';
}

void sohoa_buf_append(sohoa_buf *b, const void *p, size_t n)
{
    sohoa_buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void sohoa_buf_puts(sohoa_buf *b, const char *s) { sohoa_buf_append(b, s, strlen(s)); }

void sohoa_buf_putc(sohoa_buf *b, char c) { sohoa_buf_append(b, &c, 1); }

void sohoa_buf_printf(sohoa_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    sohoa_buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void sohoa_buf_put_cp(sohoa_buf *b, uint32_t cp)
{
    char o[4];
    size_t n;
    if (cp < 0x80) {
        o[0] = (char)cp; n = 1;
    } else if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 0x3F)); n = 2;
    } else if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12)); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
    } else {
        o[0] = (char)(0xF0 | (cp >> 18)); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
    }
    sohoa_buf_append(b, o, n);
}

void sohoa_buf_clear(sohoa_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void sohoa_buf_free(sohoa_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *sohoa_buf_steal(sohoa_buf *b)
{
    char *p = b->data ? b->data : sohoa_xstrdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

const char *sohoa_buf_cstr(const sohoa_buf *b) { return b->data ? b->data : ""; }
