/* places.c — the gazetteer: the place names of Viet Nam by administrative
 * level, and the name nearest to an OCR-damaged one.
 *
 * The files are named by the rule `gazetteer` of rules/ (a glob relative to
 * the rules file: ../dictionaries/places-*.txt). One place a line:
 *
 *     NAME<TAB>UNIT<TAB>WHERE      Đông Hòa<TAB>thị xã<TAB>Phú Yên
 *
 * '#' starts a comment line; UNIT (tỉnh, thành phố, quận, huyện, thị xã,
 * xã, phường, thị trấn) gives the level; a line without one is at every
 * level; WHERE is not read. Names are compared by key: folded (no marks,
 * đ → d), lower case, single spaces. Entries are sorted by key, one per
 * distinct spelling, with the levels of every unit so named. */
#include "seg.h"

#include <ctype.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>

#include "sohoa/textfile.h"
#include "sohoa/syllable.h"
#include "sohoa/utf8.h"

#define PLACES_MAX_FILE (16u << 20)
#define KEY_MAX 96

struct seg_places {
    seg_place *v;
    size_t n;
};

static const struct {
    const char *key;
    unsigned levels;
} unit_levels[] = {
    {"tinh", SEG_LEVEL_PROVINCE},
    {"thanh pho", SEG_LEVEL_PROVINCE | SEG_LEVEL_DISTRICT},
    {"quan", SEG_LEVEL_DISTRICT},
    {"huyen", SEG_LEVEL_DISTRICT},
    {"thi xa", SEG_LEVEL_DISTRICT},
    {"xa", SEG_LEVEL_COMMUNE},
    {"phuong", SEG_LEVEL_COMMUNE},
    {"thi tran", SEG_LEVEL_COMMUNE},
};

static int bounded_distance(const char *a, size_t la, const char *b, size_t lb, int max);

size_t seg_place_key(const char *s, size_t n, char *out, size_t cap)
{
    char tmp[KEY_MAX * 2];
    size_t fl = sohoa_fold(s, n, tmp, sizeof tmp);
    if (fl >= sizeof tmp)
        fl = sizeof tmp - 1;
    size_t k = 0;
    int space = 0;
    for (size_t i = 0; i < fl && k + 1 < cap; i++) {
        unsigned char c = (unsigned char)tmp[i];
        if (isalnum(c)) {
            if (space && k)
                out[k++] = ' ';
            if (k + 1 < cap)
                out[k++] = (char)c;
            space = 0;
        } else if (c == ' ' || c == '\t' || c == '-' || c == '\n') {
            space = 1;
        } /* other punctuation is dropped */
    }
    out[k] = '\0';
    return k;
}

unsigned seg_unit_levels(const char *s, size_t n)
{
    char key[32];
    seg_place_key(s, n, key, sizeof key);
    for (size_t i = 0; i < sizeof unit_levels / sizeof unit_levels[0]; i++)
        if (strcmp(key, unit_levels[i].key) == 0)
            return unit_levels[i].levels;
    return 0;
}

char *seg_new_style(const char *s, size_t n)
{
    sohoa_buf b = SOHOA_BUF_INIT;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        char out[64];
        size_t l = sohoa_syl_retone(s + i, j - i, SOHOA_TONE_NEW, out, sizeof out);
        if (l && l < sizeof out)
            sohoa_buf_append(&b, out, l);
        else
            sohoa_buf_append(&b, s + i, j - i);
        if (j < n)
            sohoa_buf_putc(&b, ' ');
        i = j + 1;
    }
    return sohoa_buf_steal(&b);
}

/* The letters (a-z), digits and space a key holds, one bit each: an edit
 * changes at most two bits, a cheap bound before the edit distance. */
static uint32_t key_mask(const char *key)
{
    uint32_t m = 0;
    for (const char *p = key; *p; p++)
        m |= *p >= 'a' && *p <= 'z' ? 1u << (*p - 'a') : *p == ' ' ? 1u << 26 : 1u << 27;
    return m;
}

static int popcount(uint32_t x)
{
    int n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

static void add_place(seg_places *p, const char *name, size_t n, unsigned levels)
{
    SEG_GROW(p->v, p->n);
    seg_place *e = &p->v[p->n++];
    e->form = sohoa_xstrndup(name, n); /* tone placement is evened out where compared */
    char key[KEY_MAX];
    seg_place_key(e->form, strlen(e->form), key, sizeof key);
    e->key = sohoa_xstrdup(key);
    e->klen = strlen(key);
    e->mask = key_mask(key);
    e->levels = levels;
}

static size_t trim(const char **s, size_t n)
{
    while (n && (**s == ' ' || **s == '\r')) {
        (*s)++;
        n--;
    }
    while (n && ((*s)[n - 1] == ' ' || (*s)[n - 1] == '\r'))
        n--;
    return n;
}

/* One line of a gazetteer file: "name[\tunit[\t...]]"; blank lines and
 * '#' comments skipped. The first bad line stops the file (ld->rc). */
typedef struct {
    seg_places *p;
    const char *path;
    sohoa_err *err;
    int rc;
} place_loader;

static void place_line(void *ctx, const char *line, size_t len, size_t lineno)
{
    place_loader *ld = ctx;
    if (ld->rc != SOHOA_OK)
        return;
    const char *s = line;
    const char *tab = memchr(s, '\t', len);
    size_t nn = trim(&s, tab ? (size_t)(tab - s) : len);
    if (!nn || s[0] == '#')
        return;
    unsigned levels = SEG_LEVEL_ANY;
    if (tab) {
        const char *u = tab + 1;
        const char *tab2 = memchr(u, '\t', (size_t)(line + len - u));
        size_t un = trim(&u, tab2 ? (size_t)(tab2 - u) : (size_t)(line + len - u));
        if (un) {
            levels = seg_unit_levels(u, un);
            if (!levels) {
                ld->rc = sohoa_err_set(ld->err, SOHOA_EFORMAT, "%s:%zu: unknown unit '%.*s'",
                                       ld->path, lineno, (int)(un > 40 ? 40 : un), u);
                return;
            }
        }
    }
    if (nn >= KEY_MAX) {
        ld->rc = sohoa_err_set(ld->err, SOHOA_EFORMAT, "%s:%zu: place name too long", ld->path,
                               lineno);
        return;
    }
    add_place(ld->p, s, nn, levels);
}

static int cmp_place(const void *a, const void *b)
{
    const seg_place *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : strcmp(x->form, y->form);
}

/* Sort by key and merge entries of the same spelling (their levels OR'ed). */
static void sort_merge(seg_places *p)
{
    if (!p->n)
        return;
    qsort(p->v, p->n, sizeof *p->v, cmp_place);
    size_t w = 0;
    for (size_t i = 1; i < p->n; i++) {
        if (strcmp(p->v[i].form, p->v[w].form) == 0) {
            p->v[w].levels |= p->v[i].levels;
            free(p->v[i].form);
            free(p->v[i].key);
        } else {
            p->v[++w] = p->v[i];
        }
    }
    p->n = w + 1;
}

static int load_file(seg_places *p, const char *path, sohoa_err *err)
{
    place_loader ld = {p, path, err, SOHOA_OK};
    int rc = sohoa_text_lines(path, PLACES_MAX_FILE, place_line, &ld, err);
    return rc ? rc : ld.rc;
}

int seg_places_load(seg_places **out, const char *rules_file, const char *pattern,
                    sohoa_err *err)
{
    if (!*out)
        *out = sohoa_xcalloc(1, sizeof **out);
    sohoa_buf g = SOHOA_BUF_INIT;
    if (pattern[0] != '/') { /* relative to the rules file's directory */
        const char *slash = strrchr(rules_file, '/');
        if (slash)
            sohoa_buf_append(&g, rules_file, (size_t)(slash - rules_file) + 1);
    }
    sohoa_buf_puts(&g, pattern);
    glob_t gl;
    int grc = glob(g.data, 0, NULL, &gl);
    sohoa_buf_free(&g);
    int rc = SOHOA_OK;
    if (grc == 0)
        for (size_t i = 0; i < gl.gl_pathc && rc == SOHOA_OK; i++)
            rc = load_file(*out, gl.gl_pathv[i], err);
    if (grc == 0 || grc == GLOB_NOMATCH)
        globfree(&gl);
    sort_merge(*out);
    return rc;
}

void seg_places_free(seg_places *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i].form);
        free(p->v[i].key);
    }
    free(p->v);
    free(p);
}

size_t seg_places_count(const seg_places *p)
{
    return p ? p->n : 0;
}

int seg_key_max_edits(const char *key)
{
    size_t letters = 0;
    for (const char *p = key; *p; p++)
        letters += *p != ' ';
    return letters < 5 ? 0 : letters < 10 ? 1 : 2;
}

int seg_key_distance(const char *a, const char *b, int max)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la >= KEY_MAX || lb >= KEY_MAX)
        return max + 1;
    return bounded_distance(a, la, b, lb, max);
}

/* Levenshtein distance of a and b, or max + 1 once it must exceed max. */
static int bounded_distance(const char *a, size_t la, const char *b, size_t lb, int max)
{
    if ((la > lb ? la - lb : lb - la) > (size_t)max)
        return max + 1;
    int row[KEY_MAX + 1];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0], low;
        row[0] = (int)i;
        low = row[0];
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
            if (best < low)
                low = best;
        }
        if (low > max)
            return max + 1;
    }
    return row[lb];
}

size_t seg_places_exact(const seg_places *p, const char *key, unsigned levels,
                        const seg_place **first)
{
    *first = NULL;
    if (!p || !p->n)
        return 0;
    size_t lo = 0, hi = p->n;
    while (lo < hi) { /* the first entry whose key is >= key */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(p->v[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t n = 0;
    for (size_t i = lo; i < p->n && strcmp(p->v[i].key, key) == 0; i++)
        if (p->v[i].levels & levels) {
            if (!n)
                *first = &p->v[i];
            n++;
        }
    return n;
}

const seg_place *seg_places_nearest(const seg_places *p, const char *key, unsigned levels,
                                    int max, int *dist)
{
    *dist = -1;
    if (!p || max <= 0)
        return NULL;
    size_t lk = strlen(key);
    if (lk >= KEY_MAX)
        return NULL;
    const seg_place *best = NULL;
    int bestd = max + 1, ties = 0;
    uint32_t qm = key_mask(key);
    for (size_t i = 0; i < p->n; i++) {
        const seg_place *e = &p->v[i];
        if (!(e->levels & levels) || popcount(qm ^ e->mask) > 2 * max ||
            (e->klen > lk ? e->klen - lk : lk - e->klen) > (size_t)max)
            continue;
        int d = bounded_distance(key, lk, e->key, e->klen, bestd < max ? bestd : max);
        if (d > max || d == 0)
            continue;
        if (d < bestd) {
            best = e;
            bestd = d;
            ties = 0;
        } else if (d == bestd && strcmp(e->form, best->form) != 0) {
            ties++;
        }
    }
    if (!best)
        return NULL;
    *dist = bestd;
    return ties ? NULL : best; /* two names as near: the damage is ambiguous */
}
