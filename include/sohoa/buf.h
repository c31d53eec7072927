/* buf.h — a growable byte buffer, always NUL-terminated.
 *
 * The one string builder of the project (in the spirit of Redis' sds, but a
 * plain struct): append bytes, formatted text or single code points; the
 * buffer owns its memory. Allocation failure aborts with a message: sohoa
 * treats OOM as fatal (like SQLite's default), so appends cannot fail.
 * Ownership: the caller owns the struct; sohoa_buf_free releases the bytes;
 * sohoa_buf_steal hands them to the caller (free() them). */
#ifndef SOHOA_BUF_H
#define SOHOA_BUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct sohoa_buf {
    char *data;  /* NUL-terminated; NULL until the first append */
    size_t len;  /* bytes used, excluding the NUL */
    size_t cap;
} sohoa_buf;

#define SOHOA_BUF_INIT {NULL, 0, 0}

void sohoa_buf_reserve(sohoa_buf *b, size_t extra);
void sohoa_buf_append(sohoa_buf *b, const void *p, size_t n);
void sohoa_buf_puts(sohoa_buf *b, const char *s);
void sohoa_buf_putc(sohoa_buf *b, char c);
void sohoa_buf_printf(sohoa_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sohoa_buf_put_cp(sohoa_buf *b, uint32_t cp); /* UTF-8 encode one code point */
void sohoa_buf_clear(sohoa_buf *b);               /* len = 0, keeps memory */
void sohoa_buf_free(sohoa_buf *b);
char *sohoa_buf_steal(sohoa_buf *b);              /* never NULL ("" if empty) */
const char *sohoa_buf_cstr(const sohoa_buf *b);   /* never NULL */

/* Checked allocation: abort with a message on failure. The caller owns the
 * result (free() it). A block of 2 MB or more starts on a 2 MB boundary
 * and is asked for huge pages (madvise): fewer page faults and TLB misses
 * for the restorer's big arrays and tables. */
void *sohoa_xmalloc(size_t n);
void *sohoa_xcalloc(size_t n, size_t size);
void *sohoa_xrealloc(void *p, size_t n);
char *sohoa_xstrdup(const char *s);
char *sohoa_xstrndup(const char *s, size_t n);

#endif
