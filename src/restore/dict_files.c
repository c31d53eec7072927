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

int rs_dict_read(const char *dir, const char *prefix, sohoa_line_fn fn, void *ctx,
                 sohoa_err *err)
{
    char **names;
    size_t nn = dict_names(dir, prefix, &names);
    int rc = SOHOA_OK;
    for (size_t i = 0; i < nn; i++) {
        if (rc == SOHOA_OK) {
            sohoa_buf path = SOHOA_BUF_INIT;
            sohoa_buf_printf(&path, "%s/%s", dir, names[i]);
            rc = sohoa_text_lines(path.data, DICT_MAX_BYTES, fn, ctx, err);
            sohoa_buf_free(&path);
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int rs_dict_hash(const char *dir, uint64_t *hash, size_t *files, sohoa_err *err)
{
    char **names;
    size_t nn = dict_names(dir, "", &names);
    uint64_t h = RS_DICT_HASH_SEED; /* each file's name, size and bytes, in order */
    int rc = SOHOA_OK;
    for (size_t i = 0; i < nn; i++) {
        if (rc == SOHOA_OK) {
            sohoa_buf path = SOHOA_BUF_INIT;
            sohoa_buf_printf(&path, "%s/%s", dir, names[i]);
            char *data;
            size_t len;
            rc = sohoa_read_file(path.data, DICT_MAX_BYTES, &data, &len, err);
            if (rc == SOHOA_OK) {
                h = rs_mix64(h ^ rs_hash_str(names[i], strlen(names[i])));
                h = rs_mix64(h ^ (uint64_t)len);
                h = rs_mix64(h ^ rs_checksum(RS_DICT_HASH_SEED, (const unsigned char *)data, len));
                free(data);
            }
            sohoa_buf_free(&path);
        }
        free(names[i]);
    }
    free(names);
    *hash = h;
    *files = nn;
    return rc;
}
