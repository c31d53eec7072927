/* skel_ctx_file.c — the skeleton-context model's binary file: writing it,
 * and mapping it back with validation.
 *
 * Layout (native little-endian, sections 8-byte aligned):
 *   header   magic "SOHOASKC", version, the vocabulary size and fingerprint
 *            of the sohoa.lm it was trained with, contexts per pattern,
 *            section offsets and sizes, the file size and a 64-bit checksum
 *            of every byte after the header;
 *   slots    {uint32 fingerprint (0 = empty), uint32 arena offset}, open
 *            addressing at load 0.8, slot by multiply-shift of the key's
 *            hash, linear probing; keys are not stored (a false hit needs a
 *            32-bit fingerprint collision inside one probe run);
 *   arena    uint16: per context its number of forms n, then n pairs
 *            (LM id, count), most frequent first.
 * The loader checks magic, version, size, section bounds, checksum and
 * vocabulary, so a truncated or corrupt file is an error naming the path;
 * a lookup checks the list it reads against the arena (rs_skc_find), so
 * even a file made to pass those checks cannot make it read outside. */
#include "skel_ctx.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "lm_internal.h"
#include "sohoa/buf.h"

#define SKC_MAGIC "SOHOASKC"
#define SKC_VERSION 2u
/* Version 1 differs only in its checksum: one chain (lm_internal.h) */
#define SKC_VERSION_SERIAL_SUM 1u

typedef struct skc_header {
    char magic[8];
    uint32_t version, nwords;
    uint64_t vocab_hash, file_size, checksum;
    uint64_t contexts[RS_SKC_NPAT];
    uint64_t off_slots, nslots, off_arena, narena;
} skc_header;

typedef struct skc_slot {
    uint32_t fp, off;
} skc_slot;

struct rs_skelctx {
    void *map;
    size_t size;
    const skc_slot *slot;
    uint64_t nslots;
    const uint16_t *arena;
    uint64_t narena;
    uint64_t contexts[RS_SKC_NPAT];
};

uint64_t rs_skc_vocab_hash(const sohoa_lm *lm)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL;
    size_t V = sohoa_lm_vocab_size(lm);
    for (size_t w = 0; w < V; w++) {
        const char *s = sohoa_lm_word(lm, (uint16_t)w);
        h = rs_mix64(h ^ rs_hash_str(s, strlen(s))) + w;
    }
    return h;
}

static uint32_t fp_of(uint64_t key)
{
    uint32_t fp = (uint32_t)key;
    return fp ? fp : 1;
}

static uint64_t slot_of(uint64_t key, uint64_t nslots)
{
    return rs_range(rs_mix64(key), nslots);
}

/* ---- writing ------------------------------------------------------------- */

static void pad8(sohoa_buf *b)
{
    while (b->len % 8)
        sohoa_buf_putc(b, 0);
}

int rs_skc_write(const char *path, const sohoa_lm *lm, const rs_skc_entry *ent, size_t nent,
                 const uint16_t *arena, size_t narena, sohoa_err *err)
{
    skc_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, SKC_MAGIC, 8);
    h.version = SKC_VERSION;
    h.nwords = (uint32_t)sohoa_lm_vocab_size(lm);
    h.vocab_hash = rs_skc_vocab_hash(lm);
    h.nslots = nent + nent / 4 + 2;
    skc_slot *slots = sohoa_xcalloc(h.nslots, sizeof *slots);
    uint16_t *out = sohoa_xmalloc((narena + nent + 1) * sizeof *out);
    size_t at = 0;
    for (size_t e = 0; e < nent; e++) {
        uint64_t j = slot_of(ent[e].key, h.nslots);
        while (slots[j].fp)
            j = j + 1 == h.nslots ? 0 : j + 1;
        slots[j].fp = fp_of(ent[e].key);
        slots[j].off = (uint32_t)at;
        out[at++] = (uint16_t)ent[e].n;
        memcpy(out + at, arena + ent[e].at, 2 * ent[e].n * sizeof *out);
        at += 2 * ent[e].n;
        h.contexts[ent[e].key >> 45]++;
    }
    h.narena = at;
    sohoa_buf b = SOHOA_BUF_INIT;
    sohoa_buf_append(&b, &h, sizeof h);
    pad8(&b);
    h.off_slots = b.len;
    sohoa_buf_append(&b, slots, h.nslots * sizeof *slots);
    pad8(&b);
    h.off_arena = b.len;
    sohoa_buf_append(&b, out, at * sizeof *out);
    pad8(&b);
    free(slots);
    free(out);
    h.file_size = b.len;
    h.checksum = rs_checksum(RS_SKC_CHECKSUM_SEED, (const unsigned char *)b.data + sizeof h,
                             b.len - sizeof h);
    memcpy(b.data, &h, sizeof h);
    int rc = rs_write_model(path, "skeleton-context model", b.data, b.len, err);
    sohoa_buf_free(&b);
    return rc;
}

/* ---- loading ------------------------------------------------------------- */

static int in_bounds(uint64_t off, uint64_t len, uint64_t size)
{
    return off <= size && len <= size - off && off % 8 == 0;
}

/* Why the header does not fit a file of size bytes, or NULL. */
static const char *check_header(const skc_header *h, uint64_t size)
{
    if (memcmp(h->magic, SKC_MAGIC, 8) != 0)
        return "wrong magic number";
    if (h->version != SKC_VERSION && h->version != SKC_VERSION_SERIAL_SUM)
        return "unsupported version";
    if (h->file_size != size)
        return h->file_size > size ? "truncated" : "trailing bytes after the model";
    if (h->nslots == 0 || h->nslots > size / sizeof(skc_slot) ||
        !in_bounds(h->off_slots, h->nslots * sizeof(skc_slot), size) ||
        h->narena > size / 2 || !in_bounds(h->off_arena, h->narena * 2, size))
        return "section sizes out of bounds";
    return NULL;
}

int rs_skc_open_as(const char *path, const char *what, const sohoa_lm *lm, rs_skelctx **out,
                   sohoa_err *err)
{
    *out = NULL;
    void *map;
    size_t size;
    int rc = rs_map_model(path, what, sizeof(skc_header), &map, &size, err);
    if (rc)
        return rc;
    skc_header h;
    memcpy(&h, map, sizeof h);
    const char *why = check_header(&h, size);
    if (!why && rs_checksum_lanes(RS_SKC_CHECKSUM_SEED, (const unsigned char *)map + sizeof h,
                                  size - sizeof h,
                                  h.version == SKC_VERSION_SERIAL_SUM ? 1 : RS_SUM_LANES) !=
                    h.checksum)
        why = "checksum mismatch";
    if (!why && (h.nwords != sohoa_lm_vocab_size(lm) || h.vocab_hash != rs_skc_vocab_hash(lm)))
        why = "trained with another sohoa.lm: its vocabulary differs";
    rs_skelctx *m = NULL;
    if (!why) {
        m = sohoa_xcalloc(1, sizeof *m);
        m->map = map;
        m->size = size;
        m->slot = (const skc_slot *)((const char *)map + h.off_slots);
        m->nslots = h.nslots;
        m->arena = (const uint16_t *)((const char *)map + h.off_arena);
        m->narena = h.narena;
        memcpy(m->contexts, h.contexts, sizeof m->contexts);
    }
    if (why) {
        free(m);
        munmap(map, size);
        return rs_model_invalid(err, path, what, why);
    }
    *out = m;
    return SOHOA_OK;
}

int rs_skc_open(const char *path, const sohoa_lm *lm, rs_skelctx **out, sohoa_err *err)
{
    return rs_skc_open_as(path, "skeleton-context model", lm, out, err);
}

void rs_skc_close(rs_skelctx *m)
{
    if (!m)
        return;
    munmap(m->map, m->size);
    free(m);
}

void rs_skc_prefetch(const rs_skelctx *m, uint64_t key)
{
    __builtin_prefetch(&m->slot[slot_of(key, m->nslots)]);
}

/* A list is checked where it is read, not walked at load (that walk was
 * 4 % of the instructions of restoring 0.4 MB): one that would run past
 * the arena reads as absent, and a probe stops after every slot, so a file
 * made to pass the checksum with bad lists reads nothing outside itself.
 * Its ids are only compared with candidates' ids, never used as indices. */
int rs_skc_find(const rs_skelctx *m, uint64_t key, rs_skc_list *out)
{
    uint32_t fp = fp_of(key);
    uint64_t j = slot_of(key, m->nslots);
    for (uint64_t probes = 0; probes < m->nslots; probes++) {
        const skc_slot *s = &m->slot[j];
        if (s->fp == 0)
            return 0;
        if (s->fp == fp) {
            if (s->off >= m->narena || 2 * (uint64_t)m->arena[s->off] > m->narena - s->off - 1)
                return 0;
            const uint16_t *p = m->arena + s->off;
            out->n = p[0];
            out->pair = p + 1;
            uint32_t t = 0;
            for (uint32_t k = 0; k < out->n; k++)
                t += out->pair[2 * k + 1];
            out->total = t;
            return 1;
        }
        if (++j == m->nslots)
            j = 0;
    }
    return 0;
}


int sohoa_skelctx_stat(const char *path, const sohoa_lm *lm, sohoa_skelctx_info *out,
                       sohoa_err *err)
{
    memset(out, 0, sizeof *out);
    rs_skelctx *m;
    int rc = rs_skc_open(path, lm, &m, err);
    if (rc)
        return rc;
    out->file_size = m->size;
    for (int p = 0; p < RS_SKC_NPAT; p++)
        out->contexts[p] = (size_t)m->contexts[p];
    rs_skc_close(m);
    return SOHOA_OK;
}
