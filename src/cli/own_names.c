/* own_names.c — gathering the names of one's own documents (own_names.h).
 *
 * A word is part of a name when its first letter is a capital and the
 * rest are small (Title case by sohoa_case_pattern: Pấng, not PẤNG, whose
 * run would be any stretch of a heading); punctuation at a word's end
 * closes the run after it, at its start opens a new one. A run of 2 to 4 words is a name, and
 * so is every tail of it of two words or more ("Bà Giàng Thị Mua" at the
 * start of a sentence also gives "Giàng Thị Mua" and "Thị Mua"); a longer
 * run is a title in capitals, not a name. Owner: issue #12. */
#include "own_names.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sohoa/normalize.h"

#define MAX_RUN 4
#define MERGE_AT ((size_t)1 << 16) /* names held before equal ones are merged */

static int by_name(const void *a, const void *b)
{
    return strcmp(((const own_name *)a)->name, ((const own_name *)b)->name);
}

/* Sort the names and merge the equal ones, adding up their counts. */
static void merge(own_names *o)
{
    if (o->n < 2)
        return;
    qsort(o->e, o->n, sizeof *o->e, by_name);
    size_t m = 1;
    for (size_t i = 1; i < o->n; i++) {
        if (strcmp(o->e[m - 1].name, o->e[i].name) == 0) {
            o->e[m - 1].count += o->e[i].count;
            free(o->e[i].name);
        } else {
            o->e[m++] = o->e[i];
        }
    }
    o->n = m;
}

static void add(own_names *o, const char *s, size_t n)
{
    /* a long text repeats its names: when the array is full, equal names
     * are merged; it grows when that leaves it more than half full, so
     * that merging stays rare */
    if (o->n == o->cap) {
        if (o->cap >= MERGE_AT)
            merge(o);
        if (2 * o->n > o->cap || o->cap == 0) {
            size_t cap = o->cap ? 2 * o->cap : 64;
            own_name *e = realloc(o->e, cap * sizeof *e);
            if (!e)
                return; /* out of memory: a name fewer */
            o->e = e;
            o->cap = cap;
        }
    }
    char *c = malloc(n + 1);
    if (!c)
        return;
    memcpy(c, s, n);
    c[n] = '\0';
    o->e[o->n++] = (own_name){c, 1};
}

static int is_punct(unsigned char c)
{
    return c < 0x80 && c > ' ' && !((c | 32) >= 'a' && (c | 32) <= 'z') && !(c >= '0' && c <= '9');
}

/* The run of words start[0..k) (each word's bytes at start[i], len[i]). */
static void add_run(own_names *o, const char *const *start, const size_t *len, size_t k)
{
    if (k < 2 || k > MAX_RUN)
        return;
    char buf[256];
    for (size_t from = 0; from + 2 <= k; from++) { /* the run and its tails */
        size_t b = 0;
        for (size_t i = from; i < k; i++) {
            if (b + len[i] + 1 >= sizeof buf)
                return;
            if (i > from)
                buf[b++] = ' ';
            memcpy(buf + b, start[i], len[i]);
            b += len[i];
        }
        add(o, buf, b);
    }
}

void own_names_scan(own_names *o, const char *text, size_t len)
{
    const char *start[MAX_RUN + 1];
    size_t wl[MAX_RUN + 1], k = 0;
    int too_long = 0;
    for (size_t i = 0; i <= len;) {
        /* the next whitespace word, or the end of a line */
        while (i < len && (text[i] == ' ' || text[i] == '\t'))
            i++;
        if (i >= len || text[i] == '\n') {
            if (!too_long)
                add_run(o, start, wl, k);
            k = 0;
            too_long = 0;
            i++;
            continue;
        }
        size_t j = i;
        while (j < len && text[j] != ' ' && text[j] != '\t' && text[j] != '\n')
            j++;
        size_t a = i, b = j;
        int opens = 0, closes = 0;
        while (a < b && is_punct((unsigned char)text[a]))
            a++, opens = 1;
        while (b > a && is_punct((unsigned char)text[b - 1]))
            b--, closes = 1;
        int name = b > a && sohoa_case_pattern(text + a, b - a) == 1;
        if (opens || !name) { /* the run so far ends before this word */
            if (!too_long)
                add_run(o, start, wl, k);
            k = 0;
            too_long = 0;
        }
        if (name) {
            if (k == MAX_RUN)
                too_long = 1;
            else {
                start[k] = text + a;
                wl[k++] = b - a;
            }
        }
        if (closes && name) {
            if (!too_long)
                add_run(o, start, wl, k);
            k = 0;
            too_long = 0;
        }
        i = j;
    }
}

int own_names_write(own_names *o, const char *path)
{
    merge(o);
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
        errno = ENAMETOOLONG;
        return -1;
    }
    FILE *f = fopen(tmp, "w");
    if (!f)
        return -1;
    fputs("# names of one's own documents (sohoa lm adapt): NAME<TAB>times seen\n", f);
    for (size_t i = 0; i < o->n; i++)
        fprintf(f, "%s\t%zu\n", o->e[i].name, o->e[i].count);
    if (fclose(f) != 0 || rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        errno = e;
        return -1;
    }
    return 0;
}

void own_names_free(own_names *o)
{
    for (size_t i = 0; i < o->n; i++)
        free(o->e[i].name);
    free(o->e);
    memset(o, 0, sizeof *o);
}
