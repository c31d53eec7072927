/* win_net_file.c — the window network's binary file: writing it (input
 * weights quantised to 8 bits), mapping it back with validation, and the
 * arithmetic that reads it (win_net.h), in GCC's vector types, so that
 * SSE2 does 16 hidden units at a time without -O3 or intrinsics.
 *
 * Layout (native little-endian, sections 8-byte aligned):
 *   header    magic "SOHOAWIN", version, the vocabulary size and
 *             fingerprint of the sohoa.lm it was trained with, hidden
 *             units, rows per offset, outputs, row slots, section offsets,
 *             the file size and a checksum of every byte after the header;
 *   slots     {uint64 token hash (0 = empty), uint32 row, uint32 0}, open
 *             addressing at load 0.5, linear probing;
 *   in        int8 [7][rows][hidden], one scale for all (in the header):
 *             the seven rows of a window are summed in integers;
 *   bias      float [hidden];
 *   out_of    uint16 per LM id: its output row, or 0xffff;
 *   out       float [outputs][hidden];
 *   out_bias  float [outputs].
 * The loader checks magic, version, size, section bounds, checksum,
 * vocabulary, every slot's row, every output index and every float, so a
 * truncated or corrupt file is an error naming the path and a file made
 * to pass the checksum still reads nothing outside itself. */
#include "win_net.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "lm_internal.h"
#include "skel_ctx.h"
#include "sohoa/buf.h"

#define WIN_MAGIC "SOHOAWIN"
#define WIN_VERSION 1u
#define WHAT "window network"

typedef struct win_header {
    char magic[8];
    uint32_t version, nwords;
    uint64_t vocab_hash, file_size, checksum;
    uint32_t hidden;
    float in_scale;
    uint64_t nrows, nout, nslots;
    uint64_t off_slots, off_in, off_bias, off_out_of, off_out, off_out_bias;
} win_header;

typedef struct win_slot {
    uint64_t key;
    uint32_t row, pad;
} win_slot;

struct rs_winnet {
    void *map;
    size_t size;
    unsigned hidden;
    uint64_t nrows, nout, nslots, nwords;
    const win_slot *slot;
    float in_scale;
    const float *bias, *out, *out_bias;
    const int8_t *in;
    const uint16_t *out_of;
};

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

/* x[0..n) as 8-bit values q with one scale (x ≈ scale · q). */
static float quantise8(const float *x, size_t n, int8_t *q)
{
    float mx = 0;
    for (size_t i = 0; i < n; i++)
        mx = fabsf(x[i]) > mx ? fabsf(x[i]) : mx;
    float scale = mx > 0 ? mx / 127.0f : 1.0f;
    for (size_t i = 0; i < n; i++)
        q[i] = (int8_t)lrintf(x[i] / scale);
    return scale;
}

static uint64_t section(sohoa_buf *b, const void *p, size_t n)
{
    pad8(b);
    uint64_t at = b->len;
    sohoa_buf_append(b, p, n);
    return at;
}

int rs_winnet_write(const char *path, const sohoa_lm *lm, const rs_winnet_weights *w,
                    sohoa_err *err)
{
    win_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, WIN_MAGIC, 8);
    h.version = WIN_VERSION;
    h.nwords = (uint32_t)sohoa_lm_vocab_size(lm);
    h.vocab_hash = rs_skc_vocab_hash(lm);
    h.hidden = w->hidden;
    h.nrows = w->nrows;
    h.nout = w->nout;
    size_t nkeys = w->nrows - RS_WIN_FIRST;
    h.nslots = 2 * nkeys + 2;
    win_slot *slots = sohoa_xcalloc(h.nslots, sizeof *slots);
    for (size_t k = 0; k < nkeys; k++) {
        uint64_t j = slot_of(w->key[k], h.nslots);
        while (slots[j].key)
            j = j + 1 == h.nslots ? 0 : j + 1;
        slots[j].key = w->key[k];
        slots[j].row = (uint32_t)(k + RS_WIN_FIRST);
    }
    size_t nin = (size_t)RS_WIN_POS * w->nrows * w->hidden;
    int8_t *in = sohoa_xmalloc(nin);
    h.in_scale = quantise8(w->in, nin, in);

    sohoa_buf b = SOHOA_BUF_INIT;
    sohoa_buf_append(&b, &h, sizeof h);
    h.off_slots = section(&b, slots, h.nslots * sizeof *slots);
    h.off_in = section(&b, in, nin);
    h.off_bias = section(&b, w->bias, w->hidden * sizeof *w->bias);
    h.off_out_of = section(&b, w->out_of, h.nwords * sizeof *w->out_of);
    h.off_out = section(&b, w->out, w->nout * w->hidden * sizeof *w->out);
    h.off_out_bias = section(&b, w->out_bias, w->nout * sizeof *w->out_bias);
    pad8(&b);
    free(slots);
    free(in);
    h.file_size = b.len;
    h.checksum = rs_checksum(RS_WIN_CHECKSUM_SEED, (const unsigned char *)b.data + sizeof h,
                             b.len - sizeof h);
    memcpy(b.data, &h, sizeof h);
    int rc = rs_write_model(path, WHAT, b.data, b.len, err);
    sohoa_buf_free(&b);
    return rc;
}

/* ---- loading ------------------------------------------------------------- */

static int in_bounds(uint64_t off, uint64_t count, uint64_t each, uint64_t size)
{
    return off % 8 == 0 && off <= size && (each == 0 || count <= (size - off) / each);
}

/* Why the header does not fit a file of size bytes, or NULL. */
static const char *check_header(const win_header *h, uint64_t size)
{
    if (memcmp(h->magic, WIN_MAGIC, 8) != 0)
        return "wrong magic number";
    if (h->version != WIN_VERSION)
        return "unsupported version";
    if (h->file_size != size)
        return h->file_size > size ? "truncated" : "trailing bytes after the model";
    if (h->hidden < RS_WIN_BLOCK || h->hidden > 1024 || h->hidden % RS_WIN_BLOCK ||
        !isfinite(h->in_scale) || h->nrows < RS_WIN_FIRST ||
        h->nrows > RS_WIN_NONE || h->nout >= RS_WIN_NONE || h->nslots == 0 ||
        h->nwords > RS_MAX_VOCAB)
        return "sizes out of range";
    uint64_t nin = RS_WIN_POS * h->nrows;
    if (!in_bounds(h->off_slots, h->nslots, sizeof(win_slot), size) ||
        !in_bounds(h->off_in, nin, h->hidden, size) ||
        !in_bounds(h->off_bias, h->hidden, sizeof(float), size) ||
        !in_bounds(h->off_out_of, h->nwords, sizeof(uint16_t), size) ||
        !in_bounds(h->off_out, h->nout, sizeof(float) * (uint64_t)h->hidden, size) ||
        !in_bounds(h->off_out_bias, h->nout, sizeof(float), size))
        return "section sizes out of bounds";
    return NULL;
}

static int all_finite(const float *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]))
            return 0;
    return 1;
}

/* Why the sections of m do not hold together, or NULL. */
static const char *check_body(const rs_winnet *m)
{
    for (uint64_t j = 0; j < m->nslots; j++)
        if (m->slot[j].key && (m->slot[j].row < RS_WIN_FIRST || m->slot[j].row >= m->nrows))
            return "a row out of range";
    for (uint64_t w = 0; w < m->nwords; w++)
        if (m->out_of[w] != RS_WIN_NONE && m->out_of[w] >= m->nout)
            return "an output out of range";
    if (!all_finite(m->bias, m->hidden) ||
        !all_finite(m->out, m->nout * m->hidden) || !all_finite(m->out_bias, m->nout))
        return "a weight that is not a number";
    return NULL;
}

int rs_winnet_open(const char *path, const sohoa_lm *lm, rs_winnet **out, sohoa_err *err)
{
    *out = NULL;
    void *map;
    size_t size;
    int rc = rs_map_model(path, WHAT, sizeof(win_header), &map, &size, err);
    if (rc)
        return rc;
    win_header h;
    memcpy(&h, map, sizeof h);
    const char *why = check_header(&h, size);
    if (!why && rs_checksum(RS_WIN_CHECKSUM_SEED, (const unsigned char *)map + sizeof h,
                            size - sizeof h) != h.checksum)
        why = "checksum mismatch";
    if (!why && (h.nwords != sohoa_lm_vocab_size(lm) || h.vocab_hash != rs_skc_vocab_hash(lm)))
        why = "trained with another sohoa.lm: its vocabulary differs";
    rs_winnet *m = NULL;
    if (!why) {
        const char *base = map;
        m = sohoa_xcalloc(1, sizeof *m);
        m->map = map;
        m->size = size;
        m->hidden = h.hidden;
        m->nrows = h.nrows;
        m->nout = h.nout;
        m->nslots = h.nslots;
        m->nwords = h.nwords;
        m->slot = (const win_slot *)(base + h.off_slots);
        m->in_scale = h.in_scale;
        m->in = (const int8_t *)(base + h.off_in);
        m->bias = (const float *)(base + h.off_bias);
        m->out_of = (const uint16_t *)(base + h.off_out_of);
        m->out = (const float *)(base + h.off_out);
        m->out_bias = (const float *)(base + h.off_out_bias);
        why = check_body(m);
    }
    if (why) {
        free(m);
        munmap(map, size);
        return rs_model_invalid(err, path, WHAT, why);
    }
    *out = m;
    return SOHOA_OK;
}

void rs_winnet_close(rs_winnet *m)
{
    if (!m)
        return;
    munmap(m->map, m->size);
    free(m);
}

unsigned rs_winnet_hidden_size(const rs_winnet *m)
{
    return m->hidden;
}

/* ---- reading ------------------------------------------------------------- */

uint32_t rs_winnet_row(const rs_winnet *m, uint64_t key)
{
    key = key ? key : 1; /* as the trainer has it */
    uint64_t j = slot_of(key, m->nslots);
    for (uint64_t probes = 0; probes < m->nslots; probes++) {
        const win_slot *s = &m->slot[j];
        if (s->key == 0)
            return RS_WIN_OTHER;
        if (s->key == key)
            return s->row;
        if (++j == m->nslots)
            j = 0;
    }
    return RS_WIN_OTHER;
}

typedef int8_t v16i8 __attribute__((vector_size(16)));
typedef int16_t v16i16 __attribute__((vector_size(32)));
typedef int32_t v16i32 __attribute__((vector_size(64)));
typedef float v16f __attribute__((vector_size(64)));
typedef float v4f __attribute__((vector_size(16)));

void rs_winnet_hidden(const rs_winnet *m, const uint32_t row[RS_WIN_POS], float *h)
{
    unsigned H = m->hidden;
    const int8_t *q[RS_WIN_POS];
    for (int p = 0; p < RS_WIN_POS; p++)
        q[p] = m->in + ((size_t)p * m->nrows + (row[p] < m->nrows ? row[p] : RS_WIN_OTHER)) * H;
    for (unsigned j0 = 0; j0 < H; j0 += RS_WIN_BLOCK) {
        v16i16 sum = {0}; /* 7 × 127 fits */
        for (int p = 0; p < RS_WIN_POS; p++) {
            v16i8 x;
            memcpy(&x, q[p] + j0, sizeof x);
            sum += __builtin_convertvector(x, v16i16);
        }
        v16f b, v;
        memcpy(&b, m->bias + j0, sizeof b);
        v = b + m->in_scale * __builtin_convertvector(sum, v16f);
        v16i32 positive = v > 0; /* all ones where v > 0 */
        v = (v16f)((v16i32)v & positive);
        memcpy(h + j0, &v, sizeof v);
    }
}

float rs_winnet_score(const rs_winnet *m, const float *h, uint16_t id, int *ok)
{
    uint16_t r = id < m->nwords ? m->out_of[id] : RS_WIN_NONE;
    *ok = r != RS_WIN_NONE;
    if (!*ok)
        return 0;
    const float *o = m->out + (size_t)r * m->hidden;
    v4f acc[4] = {{0}};
    for (unsigned j = 0; j < m->hidden; j += RS_WIN_BLOCK)
        for (int k = 0; k < 4; k++) {
            v4f a, b;
            memcpy(&a, o + j + 4 * k, sizeof a);
            memcpy(&b, h + j + 4 * k, sizeof b);
            acc[k] += a * b;
        }
    v4f t = acc[0] + acc[1] + acc[2] + acc[3];
    return (m->out_bias[r] + t[0] + t[1] + t[2] + t[3]) * 0.43429448190325182f;
}

int sohoa_winnet_stat(const char *path, const sohoa_lm *lm, sohoa_winnet_info *out,
                      sohoa_err *err)
{
    memset(out, 0, sizeof *out);
    rs_winnet *m;
    int rc = rs_winnet_open(path, lm, &m, err);
    if (rc)
        return rc;
    out->file_size = m->size;
    out->hidden = m->hidden;
    out->window = RS_WIN_SIDE;
    out->rows = (size_t)m->nrows;
    out->outputs = (size_t)m->nout;
    rs_winnet_close(m);
    return SOHOA_OK;
}
