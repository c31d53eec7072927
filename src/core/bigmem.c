/* bigmem.c — big arrays on huge pages (include/sohoa/bigmem.h). */
#include "sohoa/bigmem.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "sohoa/buf.h"

#define HUGE_MIN ((size_t)2 << 20) /* one huge page */

void *sohoa_big_malloc(size_t n)
{
    void *p;
    if (n < HUGE_MIN || posix_memalign(&p, HUGE_MIN, n) != 0)
        return sohoa_xmalloc(n);
    madvise(p, n, MADV_HUGEPAGE);
    return p;
}

void *sohoa_big_realloc(void *p, size_t old, size_t n)
{
    if (n < HUGE_MIN)
        return sohoa_xrealloc(p, n);
    void *q = sohoa_big_malloc(n);
    if (p)
        memcpy(q, p, old < n ? old : n);
    free(p);
    return q;
}
