/* huge_pages.h — asking the kernel for 2 MB pages under checked allocation
 * (src/core/huge_pages.c; used by buf.c). Owner: core. Internal. */
#ifndef SOHOA_CORE_HUGE_PAGES_H
#define SOHOA_CORE_HUGE_PAGES_H

#include <stddef.h>
#include <stdint.h>

/* Blocks of this size or more are placed on a 2 MB boundary by buf.c. */
#define SOHOA_HUGE_MIN ((size_t)2 << 20)

/* Mark the whole pages of p[0..n) for huge pages; returns p. */
void *sohoa_huge_hint(void *p, size_t n);

/* After an allocation that returned the block at address p: if the heap
 * has grown since the last look, mark its new part for huge pages (glibc;
 * elsewhere nothing). */
void sohoa_heap_hint(uintptr_t p);

/* What sohoa_heap_hint marks, given the break it marked up to last
 * (0 before the first look), the break now and the block p just
 * allocated: 1 and [*from, *to) in whole pages, or 0 for nothing
 * (the heap has not grown, or shrank; at the first look, p is not the
 * heap's). */
int sohoa_heap_span(uintptr_t marked, uintptr_t brk, uintptr_t p, uintptr_t *from, uintptr_t *to);

#endif
