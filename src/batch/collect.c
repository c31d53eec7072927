/* collect.c — turning the user's PATH arguments or a list file into the
 * list of input files of a batch (include/sohoa/batch.h).
 *
 * Folders are walked in name order (so runs are reproducible), hidden
 * entries are skipped, symlinks to folders are not followed (no cycles),
 * include/exclude globs (fnmatch) apply to base names. A path that cannot
 * be examined is kept, so that the ingest reports it as a failed file. */
#include "sohoa/batch.h"
#include "sohoa/buf.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void sohoa_files_add(sohoa_files *f, const char *path)
{
    if (f->n == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 64;
        f->paths = sohoa_xrealloc(f->paths, f->cap * sizeof *f->paths);
    }
    f->paths[f->n++] = sohoa_xstrdup(path);
}

void sohoa_files_free(sohoa_files *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->paths[i]);
    free(f->paths);
    memset(f, 0, sizeof *f);
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static int any_match(const char *const *globs, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (fnmatch(globs[i], name, 0) == 0)
            return 1;
    return 0;
}

static int wanted(const sohoa_collect_opts *o, const char *path)
{
    const char *b = base_name(path);
    if (o->ninclude && !any_match(o->include, o->ninclude, b))
        return 0;
    return !any_match(o->exclude, o->nexclude, b);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in folder dir (without "." entries), sorted; *n of them. */
static int list_dir(const char *dir, char ***names, size_t *n, sohoa_err *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return sohoa_err_set(err, SOHOA_EIO, "%s: cannot open folder: %s", dir, strerror(errno));
    sohoa_files f = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            sohoa_files_add(&f, e->d_name);
    closedir(d);
    if (f.n)
        qsort(f.paths, f.n, sizeof *f.paths, by_name);
    *names = f.paths;
    *n = f.n;
    return SOHOA_OK;
}

static int walk(const sohoa_collect_opts *o, const char *dir, int depth, sohoa_files *out,
                sohoa_err *err)
{
    char **names = NULL;
    size_t n = 0;
    int rc = list_dir(dir, &names, &n, err);
    if (rc != SOHOA_OK)
        return rc;
    sohoa_buf path = SOHOA_BUF_INIT;
    for (size_t i = 0; i < n && rc == SOHOA_OK; i++) {
        sohoa_buf_clear(&path);
        size_t dl = strlen(dir);
        sohoa_buf_printf(&path, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", names[i]);
        struct stat st, lst;
        const char *p = sohoa_buf_cstr(&path);
        if (lstat(p, &lst) != 0 || stat(p, &st) != 0) {
            if (wanted(o, p))
                sohoa_files_add(out, p); /* dangling or vanished: reported later */
        } else if (S_ISDIR(st.st_mode)) {
            if (o->recursive && !S_ISLNK(lst.st_mode))
                rc = walk(o, p, depth + 1, out, err);
        } else if (S_ISREG(st.st_mode) && wanted(o, p)) {
            sohoa_files_add(out, p);
        }
    }
    sohoa_buf_free(&path);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

int sohoa_collect(const sohoa_collect_opts *o, const char *const *paths, size_t n,
                  sohoa_files *out, sohoa_err *err)
{
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            int rc = walk(o, paths[i], 0, out, err);
            if (rc != SOHOA_OK)
                return rc;
        } else if (wanted(o, paths[i])) {
            sohoa_files_add(out, paths[i]);
        }
    }
    return SOHOA_OK;
}

int sohoa_collect_list(const sohoa_collect_opts *o, const char *list_path, sohoa_files *out,
                       sohoa_err *err)
{
    int is_stdin = strcmp(list_path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(list_path, "r");
    if (!f)
        return sohoa_err_set(err, SOHOA_EIO, "%s: %s", list_path, strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int rc = SOHOA_OK;
    while (rc == SOHOA_OK && (len = getline(&line, &cap, f)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        const char *one[1] = {line};
        rc = sohoa_collect(o, one, 1, out, err);
    }
    if (rc == SOHOA_OK && ferror(f))
        rc = sohoa_err_set(err, SOHOA_EIO, "%s: read error", is_stdin ? "standard input" : list_path);
    free(line);
    if (!is_stdin)
        fclose(f);
    return rc;
}
