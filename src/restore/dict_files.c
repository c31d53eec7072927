/* dict_files.c — reading the dictionaries directory the way every lexicon
 * of the restorer needs it (lexicon.c, places.c): the *.txt files whose
 * name starts with a prefix, in name order (so "first entry wins" is
 * reproducible), each checked as UTF-8 and handed over line by line; and
 * the hash of them all, which names the dictionaries a cache was made
 * from (dict_cache.c). */
#include "restore_int.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include "sohoa/buf.h"
#include "sohoa/file.h"
#include "sohoa/utf8.h"

#define DICT_MAX_BYTES (64u << 20)

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of dir's *.txt files that start with prefix, sorted, into
 * *names (free each and the array); how many. A missing dir has none. */
static size_t dict_names(const char *dir, const char *prefix, char ***names)
{
    *names = NULL;
    DIR *dp = dir ? opendir(dir) : NULL;
    if (!dp)
        return 0;
    size_t pl = strlen(prefix), nn = 0;
    struct dirent *de;
    while ((de = readdir(dp))) {
        size_t l = strlen(de->d_name);
        if (l > pl + 4 && strncmp(de->d_name, prefix, pl) == 0 && de->d_name[0] != '.' &&
            strcmp(de->d_name + l - 4, ".txt") == 0) {
            *names = sohoa_xrealloc(*names, (nn + 1) * sizeof **names);
            (*names)[nn++] = sohoa_xstrdup(de->d_name);
        }
    }
    closedir(dp);
    if (nn)
        qsort(*names, nn, sizeof **names, by_name);
    return nn;
}

/* Call fn(path, name, ctx) on dir's *.txt files that start with prefix, in
 * name order, until one returns an error: that error, or SOHOA_OK. */
typedef int (*file_fn)(const char *path, const char *name, void *ctx, sohoa_err *err);
static int each_file(const char *dir, const char *prefix, file_fn fn, void *ctx, sohoa_err *err)
{
    char **names;
    size_t nn = dict_names(dir, prefix, &names);
    int rc = SOHOA_OK;
    for (size_t i = 0; i < nn; i++) {
        if (rc == SOHOA_OK) {
            sohoa_buf path = SOHOA_BUF_INIT;
            sohoa_buf_printf(&path, "%s/%s", dir, names[i]);
            rc = fn(path.data, names[i], ctx, err);
            sohoa_buf_free(&path);
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

typedef struct lines_of {
    sohoa_line_fn fn;
    void *ctx;
} lines_of;

static int read_lines(const char *path, const char *name, void *ctx, sohoa_err *err)
{
    (void)name;
    const lines_of *l = ctx;
    return sohoa_text_lines(path, DICT_MAX_BYTES, l->fn, l->ctx, err);
}

int rs_dict_read(const char *dir, const char *prefix, sohoa_line_fn fn, void *ctx,
                 sohoa_err *err)
{
    lines_of l = {fn, ctx};
    return each_file(dir, prefix, read_lines, &l, err);
}

typedef struct hashing {
    uint64_t h; /* each file's name, size and bytes, in order */
    size_t files;
} hashing;

static int hash_file(const char *path, const char *name, void *ctx, sohoa_err *err)
{
    hashing *hs = ctx;
    char *data;
    size_t len;
    int rc = sohoa_read_file(path, DICT_MAX_BYTES, &data, &len, err);
    if (rc)
        return rc;
    hs->h = rs_mix64(hs->h ^ rs_hash_str(name, strlen(name)));
    hs->h = rs_mix64(hs->h ^ (uint64_t)len);
    hs->h = rs_mix64(hs->h ^ rs_checksum(RS_DICT_HASH_SEED, (const unsigned char *)data, len));
    hs->files++;
    free(data);
    return SOHOA_OK;
}

int rs_dict_hash(const char *dir, uint64_t *hash, size_t *files, sohoa_err *err)
{
    hashing hs = {RS_DICT_HASH_SEED, 0};
    int rc = each_file(dir, "", hash_file, &hs, err);
    *hash = hs.h;
    *files = hs.files;
    return rc;
}
