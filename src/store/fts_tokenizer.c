/* fts_tokenizer.c — the FTS5 tokenizer "sohoa".
 *
 * It splits text into words: maximal runs of letters, digits and combining
 * marks (Unicode classes L, N, M); everything else separates. Invalid UTF-8
 * bytes separate too, so no input can stop indexing. Each word of a
 * document is indexed twice at the same position:
 *   its skeleton, through sohoa_fold (syllable.h): case and every
 *       diacritic folded, đ→d: "Đồng", "ĐỒNG" and "đóng" all give "dong";
 *   colocated (FTS5_TOKEN_COLOCATED), its exact form behind the byte 0x01:
 *       lower-cased (ICU), NFC, tone mark placed in the new style
 *       (hoà → hòa): "\x01đồng".
 * A query word is looked up by its skeleton — unless the text FTS5 hands
 * over starts with U+E000, the marker exact_query.c puts in front of every
 * term of an --exact query: then by its exact form. One index serves both
 * searches, and phrases work in both because the forms share positions.
 * Byte offsets given to FTS5 are those of the original text, so highlight()
 * and snippet() mark the words as written.
 *
 * This file reaches SQLite only through the fts5_api pointer it is given
 * (never a sqlite3_* symbol), so the same object serves the sohoa binary
 * and the loadable extension (fts_extension.c). */
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "fts_words.h"
#include "sohoa/store.h"
#include "sohoa/syllable.h"
#include "sohoa/utf8.h"

/* What a word becomes. */
enum { EMIT_FOLD = 1, EMIT_EXACT = 2, EMIT_BOTH = 3 };

#define EXACT_MARK "\xEE\x80\x80" /* U+E000, in queries */
#define EXACT_BYTE '\x01'           /* before exact terms, in the index */

/* A tokenizer instance has no state. */
/* The option "fold" (tokenize='sohoa fold') indexes the skeletons alone:
 * a smaller index, faster to build, without exact search (an exact query
 * matches nothing). The store does not use it; the benchmark measures it. */
typedef struct tok {
    int fold_only;
} tok;

typedef int (*token_cb)(void *, int, const char *, int, int, int);

static int tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
    (void)ctx;
    int fold_only = argc == 1 && strcmp(argv[0], "fold") == 0;
    if (argc != fold_only)
        return SQLITE_ERROR; /* no other options */
    tok *t = malloc(sizeof *t);
    if (!t)
        return SQLITE_NOMEM;
    t->fold_only = fold_only;
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t) { free(t); }

static int is_mark(uint32_t cp) { return (U_GET_GC_MASK(cp) & U_GC_M_MASK) != 0; }

/* 1 if the code point belongs to a word. */
static int is_word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    /* Vietnamese letters without an ICU call: Latin-1 letters, Latin
     * Extended-A and -B, combining diacritics, Latin Extended Additional */
    if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x300 && cp <= 0x36F) ||
        (cp >= 0x1E00 && cp <= 0x1EFF))
        return 1;
    return u_isalnum((UChar32)cp) || is_mark(cp);
}

/* NFC of s[0..n) into out (cap bytes); returns the length or 0 on failure. */
static size_t nfc(const char *s, size_t n, char *out, size_t cap)
{
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *norm = unorm2_getNFCInstance(&e);
    if (U_FAILURE(e) || n > 4096)
        return 0;
    UChar src[4096], dst[4096];
    int32_t ns = 0, nd = 0, nout = 0;
    u_strFromUTF8(src, 4096, &ns, s, (int32_t)n, &e);
    if (U_FAILURE(e))
        return 0;
    nd = unorm2_normalize(norm, src, ns, dst, 4096, &e);
    if (U_FAILURE(e))
        return 0;
    u_strToUTF8(out, (int32_t)cap, &nout, dst, nd, &e);
    if (U_FAILURE(e) || (size_t)nout >= cap)
        return 0;
    return (size_t)nout;
}

/* 1 if the tone mark of a word may sit elsewhere in the other style: the
 * word carries marks (its lower case differs from its skeleton) and the
 * skeleton has oa, oe or uy. */
static int needs_retone(const char *skel, size_t slen, const char *low, size_t len)
{
    if (slen == len && memcmp(skel, low, len) == 0)
        return 0; /* no marks at all */
    for (size_t i = 0; i + 1 < slen; i++)
        if ((skel[i] == 'o' && (skel[i + 1] == 'a' || skel[i + 1] == 'e')) ||
            (skel[i] == 'u' && skel[i + 1] == 'y'))
            return 1;
    return 0;
}

/* The exact-mode term of s[0..n) (whose skeleton is skel[0..slen)): lower
 * case, NFC, new-style tone placement. cap is at least 2n + 8 (lower-casing
 * never more than doubles a word). */
static size_t exact_term(const char *s, size_t n, const char *skel, size_t slen, char *out,
                         size_t cap)
{
    char stackbuf[256];
    char *low = 2 * n + 8 <= sizeof stackbuf ? stackbuf : malloc(2 * n + 8);
    if (!low)
        return 0;
    size_t len = 0;
    int marks = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { /* ASCII: no ICU call */
            low[len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = sohoa_utf8_decode(s + i, n - i, &cp);
        if (k == 0)
            k = 1;
        marks |= is_mark(cp);
        len += sohoa_utf8_encode((uint32_t)u_tolower((UChar32)cp), low + len);
        i += k;
    }
    if (marks) {
        char tmp[4096];
        size_t m = nfc(low, len, tmp, sizeof tmp);
        if (m && m <= len) {
            memcpy(low, tmp, m);
            len = m;
        }
    }
    size_t r = 0;
    if (needs_retone(skel, slen, low, len))
        r = sohoa_syl_retone(low, len, SOHOA_TONE_NEW, out, cap);
    if (r == 0 || r >= cap) {
        r = len < cap ? len : cap - 1;
        memcpy(out, low, r);
    }
    if (low != stackbuf)
        free(low);
    return r;
}

/* Emit one word s[start..end) of text: its skeleton and/or its exact form. */
static int emit(int what, void *ctx, token_cb cb, const char *text, int start, int end)
{
    size_t n = (size_t)(end - start);
    char stackbuf[1024];
    size_t cap = 2 * n + 9; /* each of the two buffers */
    char *skel = 2 * cap <= sizeof stackbuf ? stackbuf : malloc(2 * cap);
    if (!skel)
        return SQLITE_NOMEM;
    char *ex = skel + cap;
    int rc = SQLITE_OK;
    size_t slen = sohoa_fold(text + start, n, skel, cap);
    if (slen >= cap)
        slen = cap - 1;
    /* A word whose skeleton is empty (combining marks alone) is no word in
     * either form: skipping it in both keeps their positions aligned. */
    if (slen && (what & EMIT_FOLD))
        rc = cb(ctx, 0, skel, (int)slen, start, end);
    if (slen && rc == SQLITE_OK && (what & EMIT_EXACT)) {
        ex[0] = EXACT_BYTE;
        size_t len = exact_term(text + start, n, skel, slen, ex + 1, cap - 1);
        if (len)
            rc = cb(ctx, what == EMIT_BOTH ? FTS5_TOKEN_COLOCATED : 0, ex, (int)len + 1, start,
                    end);
    }
    if (skel != stackbuf)
        free(skel);
    return rc;
}

static int tok_tokenize(Fts5Tokenizer *tk, void *ctx, int flags, const char *text, int ntext,
                        token_cb cb)
{
    int what = ((tok *)tk)->fold_only ? EMIT_FOLD : EMIT_BOTH;
    size_t n = ntext < 0 ? 0 : (size_t)ntext, i = 0;
    /* snippet() and highlight() tokenize only to count positions and skip
     * colocated tokens: the exact forms (ICU work) would be wasted. */
    if (flags & FTS5_TOKENIZE_AUX)
        what = EMIT_FOLD;
    if (flags & FTS5_TOKENIZE_QUERY) {
        what = EMIT_FOLD;
        if (n >= 3 && memcmp(text, EXACT_MARK, 3) == 0) {
            what = EMIT_EXACT;
            i = 3;
        }
    }
    int rc = SQLITE_OK;
    size_t start, end;
    while (rc == SQLITE_OK && fts_word_next(text, n, &i, &start, &end))
        rc = emit(what, ctx, cb, text, (int)start, (int)end);
    return rc;
}

/* --- the word rules for the rest of the store (fts_words.h) ----------- */

int fts_word_next(const char *text, size_t n, size_t *pos, size_t *start, size_t *end)
{
    size_t i = *pos;
    long s = -1;
    while (i < n) {
        uint32_t cp;
        size_t k;
        unsigned char c = (unsigned char)text[i];
        if (c < 0x80) {
            cp = c;
            k = 1;
        } else if ((k = sohoa_utf8_decode(text + i, n - i, &cp)) == 0) {
            k = 1;
            cp = ' ';
        }
        if (is_word_cp(cp)) {
            if (s < 0)
                s = (long)i;
        } else if (s >= 0) {
            break;
        }
        i += k;
    }
    *pos = i;
    if (s < 0)
        return 0;
    *start = (size_t)s;
    *end = i;
    return 1;
}

char *fts_skeleton(const char *w, size_t n)
{
    size_t cap = 2 * n + 9;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    size_t len = sohoa_fold(w, n, out, cap);
    out[len < cap ? len : cap - 1] = '\0';
    return out;
}

char *fts_exact_form(const char *w, size_t n)
{
    char *skel = fts_skeleton(w, n);
    size_t cap = 2 * n + 9;
    char *out = malloc(cap);
    if (!skel || !out) {
        free(skel);
        free(out);
        return NULL;
    }
    size_t len = exact_term(w, n, skel, strlen(skel), out, cap);
    out[len < cap ? len : cap - 1] = '\0';
    free(skel);
    return out;
}

/* --- the rank function sohoa_bm25 ---------------------------------------
 * BM25 (k1 = 1.2) with per-column weights, like FTS5's bm25() but without
 * document-length normalisation (b = 0): bm25() looks up every matching
 * row's length in the %_docsize table, which is most of the cost of
 * ranking a query that matches thousands of sections; sections are short
 * and the title/heading weights carry the signal length would. Returns
 * minus the score, so that ORDER BY rank puts the best first, as bm25()
 * does. The SQLite result routines come from the host (struct
 * sohoa_fts_host) so that the extension never calls a sqlite3_* symbol. */

#define RANK_K1 1.2

typedef struct rank_idf {
    int nphrase;
    double idf[];
} rank_idf;

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *n)
{
    (void)api;
    (void)fts;
    (*(sqlite3_int64 *)n)++;
    return SQLITE_OK;
}

static double idf_of(sqlite3_int64 nrow, sqlite3_int64 hits)
{
    if (hits > nrow)
        hits = nrow;
    double idf = log((double)(nrow - hits) + 0.5) - log((double)hits + 0.5);
    return idf > 1e-6 ? idf : 1e-6;
}

/* The IDF of every phrase of the query, computed once per query: from the
 * counts in docs ("n0 n1 ...", one per phrase, -1 = unknown; NULL = none),
 * else by walking the phrase's posting list. */
static rank_idf *rank_idf_of(const Fts5ExtensionApi *api, Fts5Context *fts, const char *docs,
                             int *rc)
{
    rank_idf *d = api->xGetAuxdata(fts, 0);
    if (d)
        return d;
    int np = api->xPhraseCount(fts);
    d = malloc(sizeof *d + (size_t)(np > 0 ? np : 1) * sizeof(double));
    if (!d) {
        *rc = SQLITE_NOMEM;
        return NULL;
    }
    d->nphrase = np;
    sqlite3_int64 nrow = 0;
    *rc = api->xRowCount(fts, &nrow);
    const char *p = docs;
    for (int i = 0; *rc == SQLITE_OK && i < np; i++) {
        char *end = NULL;
        long long known = p ? strtoll(p, &end, 10) : -1;
        if (p && end == p)
            known = -1, p = NULL; /* fewer counts than phrases */
        else if (p)
            p = end;
        sqlite3_int64 hits = known;
        if (known < 0) {
            hits = 0;
            *rc = api->xQueryPhrase(fts, i, &hits, count_row);
        }
        d->idf[i] = idf_of(nrow, hits);
    }
    if (*rc == SQLITE_OK)
        *rc = api->xSetAuxdata(fts, d, free);
    else
        free(d);
    return *rc == SQLITE_OK ? d : NULL;
}

static void rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                    int nval, sqlite3_value **val)
{
    const sohoa_fts_host *host = api->xUserData(fts);
    int rc = SQLITE_OK;
    const char *docs = nval > 3 && host->value_text ? (const char *)host->value_text(val[3]) : NULL;
    rank_idf *d = rank_idf_of(api, fts, docs, &rc);
    if (rc != SQLITE_OK) {
        host->result_error_code(ctx, rc);
        return;
    }
    double w[3] = {1.0, 1.0, 1.0}; /* the column weights */
    for (int i = 0; i < nval && i < 3; i++)
        w[i] = host->value_double(val[i]);
    double wtf[64] = {0}; /* weighted term frequency per phrase */
    int np = d->nphrase < 64 ? d->nphrase : 64;
    /* Each phrase's own position list, walked in place: cheaper than
     * xInstCount, which merges every phrase's instances into one sorted
     * array for each row. */
    for (int p = 0; p < np; p++) {
        Fts5PhraseIter it;
        int col = -1, off = -1;
        if (api->xPhraseFirst(fts, p, &it, &col, &off) != SQLITE_OK)
            continue;
        for (; col >= 0; api->xPhraseNext(fts, &it, &col, &off))
            wtf[p] += col < 3 ? w[col] : 1.0;
    }
    double score = 0;
    for (int p = 0; p < np; p++)
        if (wtf[p] > 0)
            score += d->idf[p] * wtf[p] * (RANK_K1 + 1) / (wtf[p] + RANK_K1);
    host->result_double(ctx, -score);
}

int sohoa_fts_install(struct fts5_api *api, const sohoa_fts_host *host)
{
    fts5_tokenizer impl = {tok_create, tok_delete, tok_tokenize};
    int rc = api->xCreateTokenizer(api, "sohoa", NULL, &impl, NULL);
    if (rc == SQLITE_OK)
        rc = api->xCreateFunction(api, "sohoa_bm25", (void *)host, rank_fn, NULL);
    return rc;
}
