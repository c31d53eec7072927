/* shard.c — which shard a document belongs to, by its content hash
 * (include/sohoa/batch.h). Using the content, not the path, keeps the
 * assignment stable under renames, re-runs and newly added files, and sends
 * two copies of one document to the same shard. */
#include "sohoa/batch.h"

#include <errno.h>
#include <stdlib.h>

int sohoa_shard_parse(const char *s, int *index, int *count)
{
    char *end;
    errno = 0;
    long i = strtol(s, &end, 10);
    if (end == s || *end != '/' || errno)
        return -1;
    const char *t = end + 1;
    long n = strtol(t, &end, 10);
    if (end == t || *end != '\0' || errno || n < 1 || n > 1000000 || i < 0 || i >= n)
        return -1;
    *index = (int)i;
    *count = (int)n;
    return 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return 0;
}

int sohoa_shard_of(const char *sha256, int count)
{
    if (count <= 1)
        return 0;
    uint64_t v = 0;
    for (int i = 0; i < 16 && sha256[i]; i++)
        v = (v << 4) | (uint64_t)hexval(sha256[i]);
    return (int)(v % (uint64_t)count);
}
