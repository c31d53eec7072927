/* core_alloc.c — tests of checked allocation's big blocks (src/core/buf.c):
 * a block of 2 MB or more starts on a 2 MB boundary; calloc'd, it is
 * zero; growing keeps the contents, across the 2 MB line both ways; every
 * result is released with free() (the sanitizer build checks that). */
#include "harness.h"
#include "sohoa/buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
