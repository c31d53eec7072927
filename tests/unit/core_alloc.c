/* core_alloc.c — tests of checked allocation's big blocks (src/core/buf.c):
 * a block of 2 MB or more starts on a 2 MB boundary; calloc'd, it is
 * zero; growing keeps the contents, across the 2 MB line both ways; every
 * result is released with free() (the sanitizer build checks that). And of
 * the heap's huge-page marks (src/core/huge_pages.c): what part of a grown
 * heap is marked, and that the kernel sees the mark. */
#include "harness.h"
#include "sohoa/buf.h"
#include "../../src/core/huge_pages.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MB ((size_t)1 << 20)

TEST(a_big_block_starts_on_a_huge_page)
{
    unsigned char *p = sohoa_xmalloc(3 * MB);
    CHECK((uintptr_t)p % (2 * MB) == 0);
    memset(p, 0xAB, 3 * MB); /* all of it is ours */
    CHECK(p[3 * MB - 1] == 0xAB);
    free(p);
    uint64_t *z = sohoa_xcalloc(MB / 2, sizeof *z); /* 4 MB */
    CHECK((uintptr_t)z % (2 * MB) == 0);
    CHECK(z[0] == 0 && z[MB / 4] == 0 && z[MB / 2 - 1] == 0);
    free(z);
    unsigned char *small = sohoa_xmalloc(100); /* a small one is plain */
    small[99] = 1;
    CHECK(small[99] == 1);
    free(small);
}

TEST(xrealloc_keeps_the_contents_across_the_huge_page_line)
{
    size_t n = 1000; /* small: malloc'd */
    uint32_t *a = sohoa_xrealloc(NULL, n * sizeof *a);
    for (size_t i = 0; i < n; i++)
        a[i] = (uint32_t)i * 7u;
    size_t m = 3 * MB / sizeof *a; /* big: moved onto a huge page */
    a = sohoa_xrealloc(a, m * sizeof *a);
    CHECK((uintptr_t)a % (2 * MB) == 0);
    int kept = 1;
    for (size_t i = 0; i < n; i++)
        kept &= a[i] == (uint32_t)i * 7u;
    CHECK(kept);
    a[m - 1] = 42;
    size_t g = 2 * m; /* bigger still: grown by realloc */
    a = sohoa_xrealloc(a, g * sizeof *a);
    CHECK(a[m - 1] == 42 && a[n - 1] == (uint32_t)(n - 1) * 7u);
    a = sohoa_xrealloc(a, 10 * sizeof *a); /* back under */
    CHECK(a[9] == 63);
    free(a);
}

TEST(heap_span_is_what_the_heap_grew_by)
{
    uintptr_t a = 0, b = 0;
    /* first look: from the page of the block just allocated to the break */
    CHECK(sohoa_heap_span(0, 0x10000000u, 0x0FF01234u, &a, &b) == 1);
    CHECK(a == 0x0FF01000u && b == 0x10000000u);
    /* later: from the last mark */
    CHECK(sohoa_heap_span(0x10000000u, 0x10800000u, 0x7F0000001000u, &a, &b) == 1);
    CHECK(a == 0x10000000u && b == 0x10800000u);
    /* not grown, or trimmed below the mark: nothing */
    CHECK(sohoa_heap_span(0x10800000u, 0x10800000u, 0x10000010u, &a, &b) == 0);
    CHECK(sohoa_heap_span(0x10800000u, 0x10400000u, 0x10000010u, &a, &b) == 0);
    /* first look at a block that is not the heap's (mapped above the break,
     * or from another allocator far below it): nothing */
    CHECK(sohoa_heap_span(0, 0x10000000u, 0x7F0000001000u, &a, &b) == 0);
    CHECK(sohoa_heap_span(0, (uintptr_t)1 << 46, 0x1000u, &a, &b) == 0);
    CHECK(sohoa_heap_span(0, 0x10000000u, 0, &a, &b) == 0);
}

/* The VmFlags of the mapping that holds address at, from /proc/self/smaps
 * ("" when not found). */
static void vm_flags(uintptr_t at, char *out, size_t cap)
{
    out[0] = '\0';
    FILE *f = fopen("/proc/self/smaps", "r");
    if (!f)
        return;
    char line[512];
    int inside = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '-') < strchr(line, ' '))
            inside = at >= lo && at < hi;
        else if (inside && strncmp(line, "VmFlags:", 8) == 0) {
            size_t n = strlen(line + 8) < cap - 1 ? strlen(line + 8) : cap - 1;
            memcpy(out, line + 8, n);
            out[n] = '\0';
            break;
        }
    }
    fclose(f);
}

#if defined(__GLIBC__)
TEST(a_grown_heap_is_marked_for_huge_pages)
{
    /* grow the break by hand (the sanitizer's allocator does not use it),
     * as malloc would, then look */
    char *old = sbrk(0);
    CHECK(old != (char *)-1);
    CHECK(sbrk((intptr_t)(6 << 20)) == old);
    old[0] = 1;
    sohoa_heap_hint((uintptr_t)old + 64);
    char flags[256];
    vm_flags((uintptr_t)old + 4096, flags, sizeof flags);
    if (access("/sys/kernel/mm/transparent_hugepage/enabled", F_OK) == 0)
        CHECK(strstr(flags, " hg") != NULL); /* VM_HUGEPAGE */
    else
        CHECK(flags[0] != '\0'); /* no huge pages here: the mapping is still there */
    CHECK(sbrk(-(intptr_t)(6 << 20)) != (void *)-1);
}
#endif
