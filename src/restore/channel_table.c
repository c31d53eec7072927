/* channel_table.c — the learned OCR channel table (models/channel.tsv,
 * written by scripts/make-channel.sh from clean text rendered, OCRed with
 * tesseract -l eng and aligned token by token).
 *
 * What it holds: for observed cores seen in training, the syllables they were
 * read for, each with a log10 channel score relative to a faithful reading;
 * and learned character edit costs (substitution, deletion, insertion, two
 * printed symbols for one letter) in the same log10 units, for cores the
 * table has not seen. The file is text, one record a line, and must end
 * with "end<TAB>N" counting the records, so a truncated file is refused. */
#include "restore_int.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "sohoa/buf.h"
#include "sohoa/file.h"
#include "sohoa/utf8.h"

#define TABLE_MAX_BYTES (64u << 20)
#define MIN_PAIR 2       /* token pairs seen fewer times are ignored */
#define MAX_COST 9.0f    /* costs are log10 ratios: anything above is damage */

typedef struct tok_ent {
    char *obs;
    size_t first, count; /* into t->read */
} tok_ent;

struct rs_chan_table {
    tok_ent *map; /* open addressing by obs */
    size_t cap, n;
    rs_chan_reading *read;
    size_t nread;
    rs_chan_costs costs;
    unsigned long *prints; /* by LM id: how often the syllable was printed */
    size_t vocab;
};

/* ---- parsing -------------------------------------------------------------- */

typedef struct raw_tok {
    char *obs;
    uint16_t id;
    unsigned long count;
} raw_tok;

typedef struct parser {
    const char *path;
    size_t lineno;
    sohoa_err *err;
} parser;

static int bad(const parser *p, const char *why)
{
    return sohoa_err_set(p->err, SOHOA_EFORMAT, "%s: line %zu: %s (rebuild it with make model)",
                         p->path, p->lineno, why);
}

/* Split line[0..n) at tabs into at most max fields (NUL-terminated in
 * place); returns the number of fields. */
static int split(char *line, char **f, int max)
{
    int k = 0;
    f[k++] = line;
    for (char *c = line; *c; c++)
        if (*c == '\t') {
            if (k == max)
                return max + 1;
            *c = '\0';
            f[k++] = c + 1;
        }
    return k;
}

static int parse_count(const char *s, unsigned long *out)
{
    if (!*s || *s < '0' || *s > '9')
        return 0;
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (*end || errno || v == 0 || v > 1000000000ul)
        return 0;
    *out = v;
    return 1;
}

static int parse_cost(const char *s, float *out)
{
    char *end;
    errno = 0;
    float v = strtof(s, &end);
    if (end == s || *end || errno || !(v >= 0 && v <= MAX_COST))
        return 0;
    *out = v;
    return 1;
}

/* A symbol field: exactly one printable ASCII byte (two for pairs). */
static int symbol_ok(const char *s, size_t want)
{
    if (strlen(s) != want)
        return 0;
    for (size_t i = 0; i < want; i++)
        if ((unsigned char)s[i] < 0x21 || (unsigned char)s[i] > 0x7e)
            return 0;
    return 1;
}

static int cost_record(parser *p, char **f, int nf, rs_chan_costs *c)
{
    float v;
    if (strcmp(f[0], "sub") == 0 && nf == 4 && symbol_ok(f[1], 1) && symbol_ok(f[2], 1) &&
        parse_cost(f[3], &v))
        c->sub[(unsigned char)f[1][0]][(unsigned char)f[2][0]] = v;
    else if (strcmp(f[0], "del") == 0 && nf == 3 && symbol_ok(f[1], 1) && parse_cost(f[2], &v))
        c->del[(unsigned char)f[1][0]] = v;
    else if (strcmp(f[0], "ins") == 0 && nf == 3 && symbol_ok(f[1], 1) && parse_cost(f[2], &v))
        c->ins[(unsigned char)f[1][0]] = v;
    else if (strcmp(f[0], "pair") == 0 && nf == 4 && symbol_ok(f[1], 2) && symbol_ok(f[2], 1) &&
             parse_cost(f[3], &v)) {
        if (c->npair == RS_CHAN_MAX_PAIRS)
            return bad(p, "too many pair records");
        c->pair[c->npair++] = (rs_chan_pair){f[1][0], f[1][1], f[2][0], v};
        c->pair_any[(unsigned char)f[1][0]][(unsigned char)f[1][1]] = 1;
    } else
        return bad(p, "not a record of the channel table");
    return SOHOA_OK;
}

/* ---- the observed-token map ---------------------------------------------- */

static tok_ent *slot(tok_ent *map, size_t cap, const char *obs, size_t n)
{
    size_t j = rs_hash_str(obs, n) & (cap - 1);
    while (map[j].obs && !(strncmp(map[j].obs, obs, n) == 0 && map[j].obs[n] == '\0'))
        j = (j + 1) & (cap - 1);
    return &map[j];
}

static int by_obs(const void *a, const void *b)
{
    return strcmp(((const raw_tok *)a)->obs, ((const raw_tok *)b)->obs);
}

static int by_score(const void *a, const void *b)
{
    float x = ((const rs_chan_reading *)a)->score, y = ((const rs_chan_reading *)b)->score;
    return x > y ? -1 : x < y;
}

/* Build the map from the token records: score = log10 P(obs | syllable),
 * relative to the share of faithful readings, at most 0. */
static void build_map(rs_chan_table *t, raw_tok *raw, size_t nraw, const unsigned long *syl,
                      float ref)
{
    size_t sorted = 1; /* make-channel.sh writes them in order: no sort then */
    while (sorted < nraw && by_obs(&raw[sorted - 1], &raw[sorted]) <= 0)
        sorted++;
    if (sorted < nraw)
        qsort(raw, nraw, sizeof *raw, by_obs);
    size_t nobs = 0;
    for (size_t i = 0; i < nraw; i++)
        nobs += i == 0 || strcmp(raw[i].obs, raw[i - 1].obs) != 0;
    t->cap = 16;
    while (t->cap < nobs * 2)
        t->cap *= 2;
    t->map = sohoa_xcalloc(t->cap, sizeof *t->map);
    t->read = sohoa_xmalloc((nraw ? nraw : 1) * sizeof *t->read);
    for (size_t i = 0; i < nraw;) {
        size_t j = i;
        size_t n = strlen(raw[i].obs);
        tok_ent *e = slot(t->map, t->cap, raw[i].obs, n);
        e->obs = raw[i].obs;
        raw[i].obs = NULL;
        e->first = t->nread;
        for (; j < nraw && (j == i || strcmp(raw[j].obs, e->obs) == 0); j++) {
            unsigned long total = syl[raw[j].id] > raw[j].count ? syl[raw[j].id] : raw[j].count;
            float s = log10f((float)raw[j].count / (float)total) - ref;
            t->read[t->nread++] = (rs_chan_reading){raw[j].id, s > 0 ? 0 : s,
                                                    (unsigned)raw[j].count};
        }
        e->count = t->nread - e->first;
        qsort(t->read + e->first, e->count, sizeof *t->read, by_score);
        t->n++;
        for (size_t k = i + 1; k < j; k++) {
            free(raw[k].obs);
            raw[k].obs = NULL;
        }
        i = j;
    }
}

/* ---- loading -------------------------------------------------------------- */

static void costs_init(rs_chan_costs *c)
{
    memset(c, 0, sizeof *c);
    for (int i = 0; i < 128; i++) {
        c->del[i] = c->ins[i] = -1;
        for (int j = 0; j < 128; j++)
            c->sub[i][j] = -1;
    }
}

static int parse(parser *p, char *text, size_t len, const sohoa_lm *lm, rs_chan_table *t)
{
    size_t vocab = sohoa_lm_vocab_size(lm);
    unsigned long *syl = sohoa_xcalloc(vocab + 1, sizeof *syl);
    raw_tok *raw = NULL;
    size_t nraw = 0, rcap = 0, records = 0;
    int rc = SOHOA_OK, ended = 0;
    size_t bad_at = sohoa_utf8_invalid_at(text, len);
    if (bad_at != (size_t)-1) {
        rc = sohoa_err_set(p->err, SOHOA_EFORMAT, "%s: invalid UTF-8 at byte %zu", p->path, bad_at);
        goto out;
    }
    char *line = text;
    while (rc == SOHOA_OK && line < text + len) {
        char *nl = memchr(line, '\n', (size_t)(text + len - line));
        if (!nl) {
            p->lineno++;
            rc = bad(p, "the file is truncated (no line break)");
            break;
        }
        *nl = '\0';
        p->lineno++;
        char *f[5];
        int nf = split(line, f, 4);
        line = nl + 1;
        if (ended) {
            rc = bad(p, "text after the end record");
        } else if (p->lineno == 1) {
            if (nf != 2 || strcmp(f[0], "sohoa-channel") != 0 || strcmp(f[1], "1") != 0)
                rc = bad(p, "not a sohoa channel table (want \"sohoa-channel<TAB>1\")");
        } else if (strcmp(f[0], "end") == 0) {
            unsigned long n = 0;
            if (nf != 2 || !(strcmp(f[1], "0") == 0 || parse_count(f[1], &n)) || n != records)
                rc = bad(p, "the record count does not match (truncated?)");
            ended = 1;
        } else if (strcmp(f[0], "tok") == 0 || strcmp(f[0], "syl") == 0) {
            unsigned long cnt;
            int is_tok = f[0][0] == 't';
            if (nf != (is_tok ? 4 : 3) || !parse_count(f[nf - 1], &cnt) || !*f[1] ||
                (is_tok && !*f[2])) {
                rc = bad(p, "a tok or syl record needs its strings and a count");
                break;
            }
            char form[256];
            const char *syl_s = is_tok ? f[2] : f[1];
            /* written as the model's words (make-channel.sh): a word of the
             * vocabulary is its own LM form, and finding the form of each
             * of 14 K records was half of loading the table */
            uint16_t id = sohoa_lm_id(lm, syl_s, strlen(syl_s));
            if (id == SOHOA_LM_UNK) {
                size_t fl = sohoa_lm_form(syl_s, strlen(syl_s), form, sizeof form);
                id = fl < sizeof form ? sohoa_lm_id(lm, form, fl) : SOHOA_LM_UNK;
            }
            if (id != SOHOA_LM_UNK && id <= vocab) {
                if (!is_tok)
                    syl[id] += cnt;
                else if (cnt >= MIN_PAIR) {
                    if (nraw == rcap) {
                        rcap = rcap ? rcap * 2 : 1024;
                        raw = sohoa_xrealloc(raw, rcap * sizeof *raw);
                    }
                    raw[nraw++] = (raw_tok){sohoa_xstrdup(f[1]), id, cnt};
                }
            }
            records++;
        } else {
            rc = cost_record(p, f, nf, &t->costs);
            records++;
        }
    }
    if (rc == SOHOA_OK && !ended)
        rc = bad(p, "no end record (truncated?)");
    if (rc == SOHOA_OK) {
        build_map(t, raw, nraw, syl, RS_CHAN_REF);
        t->prints = syl;
        t->vocab = vocab;
        syl = NULL;
    }
out:
    for (size_t i = 0; i < nraw; i++)
        free(raw[i].obs);
    free(raw);
    free(syl);
    return rc;
}

int rs_chan_table_load(const char *path, const sohoa_lm *lm, rs_chan_table **out,
                       sohoa_err *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno == ENOENT ? SOHOA_OK
                               : sohoa_err_set(err, SOHOA_EIO, "%s: %s", path, strerror(errno));
    fclose(f);
    char *text;
    size_t len;
    int rc = sohoa_read_file(path, TABLE_MAX_BYTES, &text, &len, err);
    if (rc != SOHOA_OK)
        return rc;
    rs_chan_table *t = sohoa_xcalloc(1, sizeof *t);
    costs_init(&t->costs);
    parser p = {path, 0, err};
    rc = parse(&p, text, len, lm, t);
    free(text);
    if (rc != SOHOA_OK) {
        rs_chan_table_free(t);
        return rc;
    }
    *out = t;
    return SOHOA_OK;
}

void rs_chan_table_free(rs_chan_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->cap; i++)
        free(t->map[i].obs);
    free(t->map);
    free(t->read);
    free(t->prints);
    free(t);
}

size_t rs_chan_table_readings(const rs_chan_table *t, const char *obs, size_t n,
                              const rs_chan_reading **out)
{
    *out = NULL;
    if (!t || !t->cap)
        return 0;
    const tok_ent *e = slot(t->map, t->cap, obs, n);
    if (!e->obs)
        return 0;
    *out = t->read + e->first;
    return e->count;
}

int rs_chan_table_score(const rs_chan_table *t, const char *obs, size_t n, uint16_t id,
                        float *score)
{
    const rs_chan_reading *rd;
    size_t nr = rs_chan_table_readings(t, obs, n, &rd);
    if (nr == 0)
        return 0;
    for (size_t i = 0; i < nr; i++)
        if (rd[i].id == id) {
            *score = rd[i].score;
            return 1;
        }
    unsigned long printed = id <= t->vocab ? t->prints[id] : 0;
    if (printed < RS_CHAN_MIN_PRINTS)
        return 0;
    /* never read as obs (a pair seen once is not in the table): at most
     * about one in printed + 1 */
    float s = -log10f((float)printed + 1.0f) - RS_CHAN_REF;
    *score = s > 0 ? 0 : s;
    return 2;
}

const rs_chan_costs *rs_chan_table_costs(const rs_chan_table *t)
{
    return t ? &t->costs : NULL;
}

size_t rs_chan_table_size(const rs_chan_table *t)
{
    return t ? t->n : 0;
}
