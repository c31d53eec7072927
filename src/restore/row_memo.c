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
 * Whole calls are remembered too: a decoding step asks for one list after
 * the contexts of its beam, and where text repeats (a phrase, a paragraph
 * pasted twice) the same step comes back with the same contexts in the same
 * order. Such a call is answered by one probe and one contiguous copy
 * instead of a probe and a fetch per context (call_memo below). Rows and lists live in growable arenas; the memo holds at most
 * about max_bytes: when interning a list finds it over that, it forgets
 * everything and starts again (answers stay exact, only speed is lost). */
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

/* The call memo: (list, contexts in order) → all their rows, one block.
 * A call whose rows were all there is remembered at once; one with rows
 * missing is held as pending until rs_row_memo_put has brought each
 * missing row, in order (as the decoder does right after), and dropped if
 * anything else comes first. A block in the arena: list, nc and the
 * offset + 1 of the block found after it last time (0 none) (uint32 each,
 * 16 bytes with room), nc context keys, nc × width floats. */
#define CALL_MAX 64 /* calls of more contexts are not remembered whole */

typedef struct call_slot {
    uint64_t hash;
    uint32_t at; /* block offset + 1 in the arena, 0 = empty slot */
    uint32_t pad;
} call_slot;

typedef struct call_memo {
    unsigned char *arena;
    size_t len, cap;
    call_slot *tab;
    size_t n, slots; /* power of two, at most half full */
    size_t guess;    /* the block after the last one found or added */
    size_t prev;     /* that block's offset + 1, 0 none */
    /* the pending call */
    int pending;
    uint64_t hash;
    uint32_t list;
    size_t nc, width;
    uint64_t key[CALL_MAX];
    float *vals;          /* nc × width */
    size_t vals_cap;
    size_t miss[CALL_MAX];
    size_t nmiss, next;   /* rows still missing: miss[next .. nmiss) */
} call_memo;

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
    call_memo *calls; /* filled by rs_row_memo_get_rows: a cache, so it
                         changes behind the const of a get */
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
    m->calls = sohoa_xcalloc(1, sizeof *m->calls);
    m->calls->slots = FIRST_SLOTS;
    m->calls->tab = sohoa_xcalloc(m->calls->slots, sizeof *m->calls->tab);
}

static void rows_release(rs_row_memo *m)
{
    free(m->ids);
    free(m->lists);
    free(m->list_tab);
    block_free(&m->val_blk);
    block_free(&m->row_blk);
    if (m->calls) {
        free(m->calls->arena);
        free(m->calls->tab);
        free(m->calls->vals);
        free(m->calls);
        m->calls = NULL;
    }
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
           m->row_slots * sizeof *m->row_tab + m->calls->cap +
           m->calls->slots * sizeof *m->calls->tab + m->calls->vals_cap * sizeof(float);
}

/* Back to the state of a new memo: the memory goes back too. */
void rs_row_memo_clear(rs_row_memo *m)
{
    rows_release(m);
    rows_reset(m);
    m->gen++;
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

uint32_t rs_row_memo_list(rs_row_memo *m, const uint16_t *w, size_t n)
{
    if (rs_row_memo_bytes(m) > m->max_bytes)
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

/* ---- whole calls ---------------------------------------------------------- */

static uint64_t call_hash(uint32_t list, const uint64_t *key, size_t nc)
{
    uint64_t h = (uint64_t)list * 0x9e3779b97f4a7c15ULL ^ nc;
    for (size_t k = 0; k < nc; k++)
        h = (h ^ key[k]) * 0xbf58476d1ce4e5b9ULL;
    return rs_mix64(h);
}

#define HEAD 16     /* bytes of a block's head */
#define HEAD_NEXT 8 /* where in it the successor's offset + 1 is */

/* Bytes of the block of a call of nc contexts and lists of width words. */
static size_t block_bytes(size_t nc, size_t width)
{
    return HEAD + nc * sizeof(uint64_t) + nc * width * sizeof(float);
}

/* 1 if the block at b is the call (list, key[0..nc)). */
static int call_is(const unsigned char *b, uint32_t list, const uint64_t *key, size_t nc)
{
    uint32_t head[2];
    memcpy(head, b, sizeof head);
    return head[0] == list && head[1] == nc && memcmp(b + HEAD, key, nc * sizeof *key) == 0;
}

/* The block at offset `at` (bytes long) was found or added: the block
 * before it learns it as its successor. */
static void call_seen(call_memo *c, size_t at, size_t bytes)
{
    if (c->prev && c->prev - 1 != at) {
        uint32_t next = (uint32_t)(at + 1);
        memcpy(c->arena + c->prev - 1 + HEAD_NEXT, &next, sizeof next);
    }
    c->prev = at + 1;
    c->guess = at + bytes;
}

/* The block of the call (list, key[0..nc)), or NULL. Repeated text asks
 * its calls in the order they were asked before, so the block that came
 * after the last one found last time is tried first, then the one after
 * it in the arena: a run of them is read in order, without the table. */
static const unsigned char *call_find(call_memo *c, uint32_t list, const uint64_t *key,
                                      size_t nc, size_t width, uint64_t *hash)
{
    const unsigned char *b = NULL;
    *hash = 0;
    uint32_t next = 0;
    if (c->prev)
        memcpy(&next, c->arena + c->prev - 1 + HEAD_NEXT, sizeof next);
    if (next && call_is(c->arena + next - 1, list, key, nc))
        b = c->arena + next - 1;
    else if (c->guess + block_bytes(nc, width) <= c->len &&
             call_is(c->arena + c->guess, list, key, nc))
        b = c->arena + c->guess;
    if (!b) {
        *hash = call_hash(list, key, nc);
        size_t mask = c->slots - 1;
        for (size_t j = *hash & mask; c->tab[j].at; j = (j + 1) & mask)
            if (c->tab[j].hash == *hash && call_is(c->arena + c->tab[j].at - 1, list, key, nc)) {
                b = c->arena + c->tab[j].at - 1;
                break;
            }
    }
    if (b)
        call_seen(c, (size_t)(b - c->arena), block_bytes(nc, width));
    return b;
}

static void call_rehash(call_memo *c)
{
    size_t slots = c->slots * 2, mask = slots - 1;
    call_slot *t = sohoa_xcalloc(slots, sizeof *t);
    for (size_t i = 0; i < c->slots; i++) {
        if (!c->tab[i].at)
            continue;
        size_t j = c->tab[i].hash & mask;
        while (t[j].at)
            j = (j + 1) & mask;
        t[j] = c->tab[i];
    }
    free(c->tab);
    c->tab = t;
    c->slots = slots;
}

/* Remember the call (list, key[0..nc)) with its rows vals[0 .. nc × width). */
static void call_add(call_memo *c, uint64_t hash, uint32_t list, const uint64_t *key,
                     size_t nc, const float *vals, size_t width)
{
    size_t bytes = block_bytes(nc, width);
    if (c->len + bytes > c->cap) {
        size_t cap = c->cap ? c->cap : 4096;
        while (cap < c->len + bytes)
            cap *= 2;
        c->arena = sohoa_xrealloc(c->arena, cap);
        c->cap = cap;
    }
    unsigned char *b = c->arena + c->len;
    uint32_t head[4] = {list, (uint32_t)nc, 0, 0};
    memcpy(b, head, sizeof head);
    memcpy(b + HEAD, key, nc * sizeof *key);
    memcpy(b + HEAD + nc * sizeof *key, vals, nc * width * sizeof *vals);
    size_t mask = c->slots - 1, j = hash & mask;
    while (c->tab[j].at)
        j = (j + 1) & mask;
    c->tab[j] = (call_slot){hash, (uint32_t)(c->len + 1), 0};
    c->len += bytes;
    call_seen(c, c->len - bytes, bytes);
    if (++c->n * 2 > c->slots)
        call_rehash(c);
}

/* Hold the call as pending: the rows found (in out) are kept, the missing
 * ones (miss[0..nm)) are waited for. */
static void call_hold(call_memo *c, uint64_t hash, uint32_t list, const uint64_t *key, size_t nc,
                      size_t width, const float *out, const size_t *miss, size_t nm)
{
    if (nc * width > c->vals_cap) {
        c->vals_cap = nc * width;
        c->vals = sohoa_xrealloc(c->vals, c->vals_cap * sizeof *c->vals);
    }
    memcpy(c->vals, out, nc * width * sizeof *out);
    memcpy(c->key, key, nc * sizeof *key);
    memcpy(c->miss, miss, nm * sizeof *miss);
    c->pending = 1;
    c->hash = hash;
    c->list = list;
    c->nc = nc;
    c->width = width;
    c->nmiss = nm;
    c->next = 0;
}

/* A row just put: the next one the pending call waits for, or the end of
 * the wait. */
static void call_row(call_memo *c, uint32_t list, uint64_t key, const float *v)
{
    if (!c->pending)
        return;
    size_t h = c->miss[c->next];
    if (list != c->list || key != c->key[h]) {
        c->pending = 0;
        return;
    }
    memcpy(c->vals + h * c->width, v, c->width * sizeof *v);
    if (++c->next == c->nmiss) {
        c->pending = 0;
        call_add(c, c->hash, c->list, c->key, c->nc, c->vals, c->width);
    }
}

/* ---- rows ---------------------------------------------------------------- */

/* The rows of a call, context by context (see rs_row_memo_get_rows). */
static size_t get_each(const rs_row_memo *m, uint32_t list, const rs_ctx *ctx, size_t nc,
                       float *out, size_t *miss);

size_t rs_row_memo_get_rows(const rs_row_memo *m, uint32_t list, const rs_ctx *ctx, size_t nc,
                            float *out, size_t *miss)
{
    call_memo *c = m->calls;
    c->pending = 0;
    if (list == 0 || list > m->nlists || nc > CALL_MAX || nc == 0)
        return get_each(m, list, ctx, nc, out, miss);
    uint64_t key[CALL_MAX];
    for (size_t h = 0; h < nc; h++)
        key[h] = ctx[h].n <= 3 ? ctx_key(ctx[h].id, ctx[h].n) : 0;
    size_t width = m->lists[list - 1].n;
    uint64_t hash;
    const unsigned char *b = call_find(c, list, key, nc, width, &hash);
    if (b) {
        copy_row(out, (const float *)(b + HEAD + nc * sizeof *key), nc * width);
        return 0;
    }
    if (!hash)
        hash = call_hash(list, key, nc);
    size_t nm = get_each(m, list, ctx, nc, out, miss);
    if (nm == 0)
        call_add(c, hash, list, key, nc, out, width);
    else
        call_hold(c, hash, list, key, nc, width, out, miss, nm);
    return nm;
}

static size_t get_each(const rs_row_memo *m, uint32_t list, const rs_ctx *ctx, size_t nc,
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
    if (list == 0 || list > m->nlists || nctx < 0 || nctx > 3) {
        m->calls->pending = 0;
        return;
    }
    uint64_t k = ctx_key(ctx, nctx);
    call_row(m->calls, list, k, v);
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
    if (++m->nrows * 4 > m->row_slots * 3) /* load 3/4 at most */
        row_rehash(m);
}
