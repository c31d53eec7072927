/* batch_fixture.h — what the batch layer's unit tests share: a fresh
 * temporary folder, files written into it, and its removal. Header-only:
 * each test binary includes it once.
 * Ownership: fixture_tmpdir() returns a malloc'd path; fixture_remove()
 * removes the folder and frees it. */
#ifndef SOHOA_BATCH_FIXTURE_H
#define SOHOA_BATCH_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

/* A new empty folder under $TMPDIR (or /tmp), taken away when the test
 * binary exits (harness_tmpdir); the caller frees the string. */
static inline char *fixture_tmpdir(void)
{
    return strdup(harness_tmpdir("sohoa-batch"));
}

/* dir/name holding the n bytes; its path goes to path (size size).
 * Returns path, or NULL if the file cannot be written. */
static inline char *fixture_write(const char *dir, const char *name, const void *bytes, size_t n,
                                  char *path, size_t size)
{
    snprintf(path, size, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return NULL;
    size_t w = fwrite(bytes, 1, n, f);
    return fclose(f) == 0 && w == n ? path : NULL;
}

/* Remove dir (from fixture_tmpdir) and everything under it, then free the
 * path. */
static inline void fixture_remove(char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    free(dir);
}

#endif
