/* blob.c — a cache body's values (restore_int.h: rs_blob): read in the
 * order written, each read checked against the end, and written by
 * appending to a buffer. The dictionaries' cache (dict_cache.c) and what it
 * holds (lexicon.c, places.c, strmap.c) are saved and read back with
 * them. Owner: restore (issue #12). */
#include "restore_int.h"

#include <string.h>
#include "sohoa/buf.h"

static const unsigned char *take(rs_blob *b, size_t n)
{
    if (b->bad || n > b->n - b->at) {
        b->bad = 1;
        return NULL;
    }
    const unsigned char *p = b->p + b->at;
    b->at += n;
    return p;
}

/* The next n bytes into v, which stays zero past the end. */
static void take_into(rs_blob *b, void *v, size_t n)
{
    const unsigned char *p = take(b, n);
    if (p)
        memcpy(v, p, n);
}

uint8_t rs_blob_u8(rs_blob *b)
{
    uint8_t v = 0;
    take_into(b, &v, sizeof v);
    return v;
}

uint32_t rs_blob_u32(rs_blob *b)
{
    uint32_t v = 0;
    take_into(b, &v, sizeof v);
    return v;
}

uint64_t rs_blob_u64(rs_blob *b)
{
    uint64_t v = 0;
    take_into(b, &v, sizeof v);
    return v;
}

const char *rs_blob_str(rs_blob *b)
{
    if (b->bad)
        return NULL;
    const unsigned char *nul = memchr(b->p + b->at, '\0', b->n - b->at);
    if (!nul) {
        b->bad = 1;
        return NULL;
    }
    const char *s = (const char *)(b->p + b->at);
    b->at = (size_t)(nul - b->p) + 1;
    return s;
}

void rs_blob_put_u8(sohoa_buf *b, uint8_t v)
{
    sohoa_buf_append(b, &v, sizeof v);
}

void rs_blob_put_u32(sohoa_buf *b, uint32_t v)
{
    sohoa_buf_append(b, &v, sizeof v);
}

void rs_blob_put_u64(sohoa_buf *b, uint64_t v)
{
    sohoa_buf_append(b, &v, sizeof v);
}

void rs_blob_put_str(sohoa_buf *b, const char *s)
{
    sohoa_buf_append(b, s, strlen(s) + 1);
}
