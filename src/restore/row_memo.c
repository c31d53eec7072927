/* row_memo.c — a memo of score rows: for a list of words (a token's
 * candidates) after a context of up to three ids, the row of one score per
 * word.
 *
 * The decoder scores every candidate of a token after every hypothesis in
 * its beam. The same (context, candidate list) comes back often: the cache
 * pass decodes the document a second time with nearly the same beam, the
 * confidences re-score the best path's contexts, and frequent phrases repeat
 * within a document. A row costs one hash probe here instead of a model
 * probe per word and order.
 *
 * Lists are interned first (one id per distinct list), so a row's key is two
 * integers.
 *
 * Rows and lists live in growable arenas; they take at most about
 * max_bytes: when interning a list finds them over that, the memo forgets
 * everything and starts again in the same memory (answers stay exact, only
 * speed is lost). */
#include "restore_int.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "sohoa/buf.h"

/* ---- big zeroed blocks --------------------------------------------------
 * The row table and the row values grow to tens of megabytes read at random
 * places: with 4 KB pages nearly every read also misses the TLB. Blocks of
 * BIG bytes or more are mapped on their own and asked for huge pages (a
 * hint the kernel may ignore). */
#define BIG ((size_t)2 << 20)

typedef struct block {
    void *p;
    size_t bytes;
    int mapped; /* 1: mmap'd, 0: calloc'd */
} block;

/* A zeroed block of bytes (> 0). */
static block block_new(size_t bytes)
{
    block b = {NULL, bytes, 0};
    if (bytes >= BIG) {
        void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p != MAP_FAILED) {
            madvise(p, bytes, MADV_HUGEPAGE);
            b.p = p;
            b.mapped = 1;
            return b;
        }
    }
    b.p = sohoa_xcalloc(1, bytes); /* aborts when memory is out */
    return b;
}

/* Grow a mapped block to bytes in place or by moving its pages (no copy,
 * the old contents kept, the new part zeroed): 1, or 0 if it could not. */
static int block_grow(block *b, size_t bytes)
{
    void *p = mremap(b->p, b->bytes, bytes, MREMAP_MAYMOVE);
    if (p == MAP_FAILED)
        return 0;
    madvise(p, bytes, MADV_HUGEPAGE);
    b->p = p;
    b->bytes = bytes;
    return 1;
}

static void block_free(block *b)
{
    if (b->mapped)
        munmap(b->p, b->bytes);
    else
        free(b->p);
    b->p = NULL;
    b->bytes = 0;
    b->mapped = 0;
}

typedef struct list_ref {
    uint32_t off; /* into ids */
    uint32_t n;
    uint64_t hash;
} list_ref;

typedef struct row_slot {
    uint64_t ctx;  /* context length << 48 | the ids packed */
    uint32_t list; /* 0 = empty slot */
    uint32_t off;  /* into vals */
} row_slot;

struct rs_row_memo {
    size_t max_bytes;
    uint16_t *ids; /* the interned lists, one after another */
    size_t nids, ids_cap;
    list_ref *lists; /* lists[id - 1] */
    size_t nlists, lists_cap;
    uint32_t *list_tab; /* open addressing: list id, 0 = empty */
    size_t list_slots;  /* power of two */
    block val_blk;      /* the rows' scores, one row after another */
    float *vals;
    size_t nvals, vals_cap;
    block row_blk;      /* open addressing: row_slot, list 0 = empty */
    row_slot *row_tab;
    size_t nrows, row_slots; /* power of two */
    uint32_t gen;            /* how many times the memo was cleared */
};

#define FIRST_SLOTS 1024u
#define FIRST_VALS 4096u

static void rows_reset(rs_row_memo *m)
{
    m->list_slots = FIRST_SLOTS;
    m->list_tab = sohoa_xcalloc(m->list_slots, sizeof *m->list_tab);
    m->row_slots = FIRST_SLOTS;
    m->row_blk = block_new(m->row_slots * sizeof *m->row_tab);
    m->row_tab = m->row_blk.p;
    m->vals_cap = FIRST_VALS;
    m->val_blk = block_new(m->vals_cap * sizeof *m->vals);
    m->vals = m->val_blk.p;
}

static void rows_release(rs_row_memo *m)
{
    free(m->ids);
    free(m->lists);
    free(m->list_tab);
    block_free(&m->val_blk);
    block_free(&m->row_blk);
    m->ids = NULL;
    m->lists = NULL;
    m->list_tab = NULL;
    m->vals = NULL;
    m->row_tab = NULL;
    m->nids = m->ids_cap = m->nlists = m->lists_cap = m->nvals = m->vals_cap = m->nrows = 0;
}

rs_row_memo *rs_row_memo_new(size_t max_bytes)
{
    rs_row_memo *m = sohoa_xcalloc(1, sizeof *m);
    m->max_bytes = max_bytes;
    rows_reset(m);
    return m;
}

void rs_row_memo_free(rs_row_memo *m)
{
    if (!m)
        return;
    rows_release(m);
    free(m);
}

size_t rs_row_memo_bytes(const rs_row_memo *m)
{
    return m->ids_cap * sizeof *m->ids + m->lists_cap * sizeof *m->lists +
           m->list_slots * sizeof *m->list_tab + m->vals_cap * sizeof *m->vals +
           m->row_slots * sizeof *m->row_tab;
}

uint32_t rs_row_memo_gen(const rs_row_memo *m)
{
    return m->gen;
}

static uint64_t list_hash(const uint16_t *w, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
    for (size_t i = 0; i < n; i++)
        h = (h ^ w[i]) * 0x100000001b3ULL;
    return rs_mix64(h);
}

static void grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return;
    size_t c = *cap ? *cap : 1024;
    while (c < need)
        c *= 2;
    *p = sohoa_xrealloc(*p, c * elem);
    *cap = c;
}

static void list_rehash(rs_row_memo *m)
{
    free(m->list_tab);
    m->list_slots *= 2;
    m->list_tab = sohoa_xcalloc(m->list_slots, sizeof *m->list_tab);
    size_t mask = m->list_slots - 1;
    for (size_t id = 1; id <= m->nlists; id++) {
        size_t j = m->lists[id - 1].hash & mask;
        while (m->list_tab[j])
            j = (j + 1) & mask;
        m->list_tab[j] = (uint32_t)id;
    }
}

/* Bytes the lists and rows take, their tables counted at a load of 1/2. */
static size_t used_bytes(const rs_row_memo *m)
{
    return m->nids * sizeof *m->ids + m->nlists * (sizeof *m->lists + 2 * sizeof *m->list_tab) +
           m->nvals * sizeof *m->vals + m->nrows * 2 * sizeof *m->row_tab;
}

/* The memory is kept: its pages are touched already, where fresh ones
 * would be zeroed by the kernel again. */
void rs_row_memo_clear(rs_row_memo *m)
{
    memset(m->list_tab, 0, m->list_slots * sizeof *m->list_tab);
    memset(m->row_tab, 0, m->row_slots * sizeof *m->row_tab);
    m->nids = m->nlists = m->nvals = m->nrows = 0;
    m->gen++;
}

uint32_t rs_row_memo_list(rs_row_memo *m, const uint16_t *w, size_t n)
{
    if (used_bytes(m) > m->max_bytes)
        rs_row_memo_clear(m);
    uint64_t h = list_hash(w, n);
    size_t mask = m->list_slots - 1;
    size_t j = h & mask;
    for (; m->list_tab[j]; j = (j + 1) & mask) {
        const list_ref *l = &m->lists[m->list_tab[j] - 1];
        if (l->hash == h && l->n == n && memcmp(m->ids + l->off, w, n * sizeof *w) == 0)
            return m->list_tab[j];
    }
    grow((void **)&m->ids, &m->ids_cap, m->nids + n, sizeof *m->ids);
    grow((void **)&m->lists, &m->lists_cap, m->nlists + 1, sizeof *m->lists);
    memcpy(m->ids + m->nids, w, n * sizeof *w);
    m->lists[m->nlists] = (list_ref){(uint32_t)m->nids, (uint32_t)n, h};
    m->nids += n;
    uint32_t id = (uint32_t)++m->nlists;
    m->list_tab[j] = id;
    if (m->nlists * 2 > m->list_slots)
        list_rehash(m);
    return id;
}

static uint64_t ctx_key(const uint16_t *ctx, int nctx)
{
    uint64_t k = (uint64_t)nctx << 48;
    for (int i = 0; i < nctx; i++)
        k |= (uint64_t)ctx[i] << (16 * (nctx - 1 - i));
    return k;
}

static size_t row_home(uint64_t ctx, uint32_t list, size_t mask)
{
    return rs_mix64(ctx ^ ((uint64_t)list * 0x9e3779b97f4a7c15ULL)) & mask;
}

int rs_row_memo_get(const rs_row_memo *m, uint32_t list, const uint16_t *ctx, int nctx,
                    float *out)
{
    if (list == 0 || list > m->nlists || nctx < 0 || nctx > 3)
        return 0;
    uint64_t k = ctx_key(ctx, nctx);
    size_t mask = m->row_slots - 1;
    for (size_t j = row_home(k, list, mask); m->row_tab[j].list; j = (j + 1) & mask) {
        const row_slot *s = &m->row_tab[j];
        if (s->ctx == k && s->list == list) {
            memcpy(out, m->vals + s->off, m->lists[list - 1].n * sizeof *out);
            return 1;
        }
    }
    return 0;
}

/* Copy n floats (rows are short: a libc call per row cost more than the
 * copy; fixed-size memcpy compiles to plain moves). */
static inline void copy_row(float *dst, const float *src, size_t n)
{
    for (; n >= 4; n -= 4, dst += 4, src += 4)
        memcpy(dst, src, 4 * sizeof *dst);
    for (; n > 0; n--)
        memcpy(dst++, src++, sizeof *dst);
}

/* ---- rows ---------------------------------------------------------------- */

/* Each context's slot is asked for before any is read, then each row found
 * before any is copied: the waits on memory overlap. (A memo of whole
 * calls, a step's list after its contexts in order, answered repeated text
 * in one probe, but on text that does not repeat it cost 60 MB and a tenth
 * of the CPU for nothing, and on news x5 it no longer saved any.) */
size_t rs_row_memo_get_rows(const rs_row_memo *m, uint32_t list, const rs_ctx *ctx, size_t nc,
                            float *out, size_t *miss)
{
    size_t nm = 0;
    if (list == 0 || list > m->nlists) {
        for (size_t h = 0; h < nc; h++)
            miss[nm++] = h;
        return nm;
    }
    size_t width = m->lists[list - 1].n, mask = m->row_slots - 1;
    enum { GROUP = 64 };
    uint64_t key[GROUP];
    size_t at[GROUP];
    for (size_t h0 = 0; h0 < nc; h0 += GROUP) {
        size_t g = nc - h0 < GROUP ? nc - h0 : GROUP;
        for (size_t k = 0; k < g; k++) { /* every slot asked for first */
            const rs_ctx *c = &ctx[h0 + k];
            key[k] = c->n <= 3 ? ctx_key(c->id, c->n) : 0;
            at[k] = row_home(key[k], list, mask);
            __builtin_prefetch(&m->row_tab[at[k]]);
        }
        for (size_t k = 0; k < g; k++) { /* then the rows found, asked for */
            const row_slot *s = NULL;
            if (ctx[h0 + k].n <= 3)
                for (size_t j = at[k]; m->row_tab[j].list; j = (j + 1) & mask)
                    if (m->row_tab[j].ctx == key[k] && m->row_tab[j].list == list) {
                        s = &m->row_tab[j];
                        break;
                    }
            at[k] = s ? s->off : (size_t)-1;
            if (s)
                __builtin_prefetch(m->vals + s->off);
        }
        for (size_t k = 0; k < g; k++) {
            if (at[k] != (size_t)-1)
                copy_row(out + (h0 + k) * width, m->vals + at[k], width);
            else
                miss[nm++] = h0 + k;
        }
    }
    return nm;
}

static void row_rehash(rs_row_memo *m)
{
    block old = m->row_blk;
    const row_slot *o = old.p;
    size_t nold = m->row_slots;
    m->row_slots *= 2;
    m->row_blk = block_new(m->row_slots * sizeof *m->row_tab);
    m->row_tab = m->row_blk.p;
    size_t mask = m->row_slots - 1;
    for (size_t i = 0; i < nold; i++) {
        if (!o[i].list)
            continue;
        size_t j = row_home(o[i].ctx, o[i].list, mask);
        while (m->row_tab[j].list)
            j = (j + 1) & mask;
        m->row_tab[j] = o[i];
    }
    block_free(&old);
}

/* Room for n more scores in vals. */
static void vals_need(rs_row_memo *m, size_t n)
{
    if (m->nvals + n <= m->vals_cap)
        return;
    size_t cap = m->vals_cap;
    while (cap < m->nvals + n)
        cap *= 2;
    if (m->val_blk.mapped && block_grow(&m->val_blk, cap * sizeof *m->vals)) {
        m->vals = m->val_blk.p;
        m->vals_cap = cap;
        return;
    }
    block b = block_new(cap * sizeof *m->vals);
    memcpy(b.p, m->vals, m->nvals * sizeof *m->vals);
    block_free(&m->val_blk);
    m->val_blk = b;
    m->vals = b.p;
    m->vals_cap = cap;
}

void rs_row_memo_put(rs_row_memo *m, uint32_t list, const uint16_t *ctx, int nctx,
                     const float *v)
{
    if (list == 0 || list > m->nlists || nctx < 0 || nctx > 3)
        return;
    uint64_t k = ctx_key(ctx, nctx);
    size_t mask = m->row_slots - 1;
    size_t j = row_home(k, list, mask);
    for (; m->row_tab[j].list; j = (j + 1) & mask)
        if (m->row_tab[j].ctx == k && m->row_tab[j].list == list)
            return; /* already there: rows are answers, they do not change */
    size_t n = m->lists[list - 1].n;
    vals_need(m, n);
    memcpy(m->vals + m->nvals, v, n * sizeof *v);
    m->row_tab[j] = (row_slot){k, list, (uint32_t)m->nvals};
    m->nvals += n;
    /* load 1/2 at most: on text that does not repeat nine asks in ten
     * miss, and a miss reads on to an empty slot (about 8 slots at a load
     * of 3/4, 2.5 at 1/2; 4-5 % less CPU on 1.69 MB of distinct text) */
    if (++m->nrows * 2 > m->row_slots)
        row_rehash(m);
}
