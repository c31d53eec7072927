/* huge_pages.c — asking the kernel for 2 MB pages under checked allocation
 * (huge_pages.h). Owner: core.
 *
 * The restorer's working memory is hundreds of megabytes touched once or
 * probed at random: with 4 KB pages each first touch of a page is a fault
 * (on a virtual machine, a costly one) and random probes miss the TLB.
 * Both kinds of block are marked with madvise(MADV_HUGEPAGE), a hint the
 * kernel may ignore:
 * - big blocks (SOHOA_HUGE_MIN or more), which buf.c places on a 2 MB
 *   boundary;
 * - glibc's main heap, where the small blocks live (a document's words, the
 *   memos' lists, the lexicon's strings). After each checked allocation, a
 *   heap that has grown since the last look is marked up to its new break.
 *   The heap is told to grow in steps of HEAP_STEP, so marks come seldom
 *   and cover whole 2 MB pages, and to keep up to HEAP_KEEP freed at its
 *   top rather than give it back and fault it in again.
 *   (glibc.malloc.hugetlb=1 in GLIBC_TUNABLES does the same from outside.)
 * Under a sanitizer or another allocator the heap does not move and only
 * big blocks are marked. */
#include "huge_pages.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE ((uintptr_t)4096)
#define HEAP_STEP ((size_t)8 << 20)
#define HEAP_KEEP ((size_t)64 << 20)
#define HEAP_MMAP ((size_t)32 << 20) /* glibc's own ceiling for its moving threshold */
#define HEAP_SPAN ((uintptr_t)1 << 40)  /* a block further below the break is not the heap's */

void *sohoa_huge_hint(void *p, size_t n)
{
    uintptr_t a = ((uintptr_t)p + PAGE - 1) & ~(PAGE - 1);
    uintptr_t b = ((uintptr_t)p + n) & ~(PAGE - 1);
    if (b > a)
        madvise((void *)a, b - a, MADV_HUGEPAGE);
    return p;
}

int sohoa_heap_span(uintptr_t marked, uintptr_t brk, uintptr_t p, uintptr_t *from, uintptr_t *to)
{
    uintptr_t start = marked;
    if (!start) {
        if (!p || p >= brk || brk - p > HEAP_SPAN)
            return 0;
        start = p;
    }
    if (brk <= start)
        return 0;
    *from = start & ~(PAGE - 1);
    *to = brk;
    return 1;
}

#if defined(__GLIBC__)
void sohoa_heap_hint(uintptr_t p)
{
    static uintptr_t marked; /* the heap is marked up to here; 0 before the first look */
    uintptr_t seen = __atomic_load_n(&marked, __ATOMIC_RELAXED);
    void *end = sbrk(0);
    if (end == (void *)-1)
        return;
    uintptr_t brk = (uintptr_t)end;
    if (brk == seen)
        return;
    uintptr_t a, b;
    int grown = sohoa_heap_span(seen, brk, p, &a, &b);
    if (!seen) {
        if (!grown)
            return; /* p is not the heap's: look again next time */
        /* setting the first two fixes glibc's mmap threshold at 128 KB */
        mallopt(M_TOP_PAD, (int)HEAP_STEP);
        mallopt(M_TRIM_THRESHOLD, (int)HEAP_KEEP);
        mallopt(M_MMAP_THRESHOLD, (int)HEAP_MMAP);
    }
    if (grown)
        madvise((void *)a, b - a, MADV_HUGEPAGE);
    __atomic_store_n(&marked, brk, __ATOMIC_RELAXED); /* a race marks twice: harmless */
}
#else
void sohoa_heap_hint(uintptr_t p) { (void)p; }
#endif
