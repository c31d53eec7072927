/* bigmem.h — checked allocation of big arrays (megabytes) on huge pages.
 *
 * Restoring a megabyte of text touches tens of megabytes of fresh token
 * and candidate arrays; with 4 KB pages each first touch is a page
 * fault. An array of 2 MB or more is placed on a 2 MB boundary and the
 * kernel is asked (madvise, a hint it may ignore) to back it with 2 MB
 * pages: one fault per 2 MB. Smaller arrays are plain malloc'd. (The LM
 * row memo keeps its own mapped blocks, row_memo.c: they grow by moving
 * pages without a copy, which malloc'd memory cannot; moved onto these
 * functions it ran 2 % slower.)
 *
 * Ownership: the caller owns the result and releases it with free().
 * Allocation failure aborts with a message, as sohoa_xmalloc. */
#ifndef SOHOA_BIGMEM_H
#define SOHOA_BIGMEM_H

#include <stddef.h>

void *sohoa_big_malloc(size_t n);
/* p (of old bytes, from these functions or NULL) grown or shrunk to n
 * bytes, its first min(old, n) bytes kept. */
void *sohoa_big_realloc(void *p, size_t old, size_t n);

#endif
