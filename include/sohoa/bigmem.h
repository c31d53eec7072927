/* bigmem.h — checked allocation of big arrays (megabytes) on huge pages.
 *
 * Restoring a megabyte of text touches some 100 MB of fresh arrays (tokens,
 * candidates, per-candidate scores); with 4 KB pages each first touch is a
 * page fault, a tenth of the CPU time. An array of HUGE_MIN bytes or more
 * is placed on a 2 MB boundary and the kernel is asked (madvise, a hint
 * it may ignore) to back it with 2 MB pages: one fault per 2 MB. Smaller
 * arrays are plain malloc'd.
 *
 * Ownership: the caller owns the result and releases it with free().
 * Allocation failure aborts with a message, as sohoa_xmalloc. */
#ifndef SOHOA_BIGMEM_H
#define SOHOA_BIGMEM_H

#include <stddef.h>

void *sohoa_big_malloc(size_t n);
void *sohoa_big_calloc(size_t n, size_t size);
/* p (of old bytes, from these functions or NULL) grown or shrunk to n
 * bytes, its first min(old, n) bytes kept. */
void *sohoa_big_realloc(void *p, size_t old, size_t n);

#endif
