/* wide_ctx_key.c — the keys of the wide-context model (a confusion set,
 * a (skeleton, context word) pair, the parameters entry) and the context
 * words of a position. Training and decoding both go through here, so
 * they agree on what a context is. */
#include "wide_ctx.h"

#include "lm_internal.h"

#define KEY_BITS 45
#define KEY_MASK (((uint64_t)1 << KEY_BITS) - 1)

static uint64_t make_key(uint64_t pattern, uint64_t h)
{
    return pattern << KEY_BITS | (rs_mix64(h) & KEY_MASK);
}

uint64_t rs_wide_skel_key(uint64_t s)
{
    return make_key(RS_SKC_U, s ^ 0x5157494445ULL);
}

uint64_t rs_wide_pair_key(uint64_t s, uint64_t c)
{
    return make_key(RS_WIDE_PAIR, rs_mix64(s ^ 0x7061697273ULL) + c);
}

uint64_t rs_wide_params_key(void)
{
    return make_key(RS_WIDE_PARAMS, 0x706172616d73ULL);
}

static void add_unique(uint64_t c, uint64_t centre, uint64_t *out, size_t *n)
{
    if (c == 0 || c == centre)
        return;
    for (size_t k = 0; k < *n; k++)
        if (out[k] == c)
            return;
    out[(*n)++] = c;
}

size_t rs_wide_contexts(const uint64_t *h, size_t from, size_t to, size_t i, unsigned window,
                        unsigned gap, uint64_t *out)
{
    size_t n = 0;
    for (size_t d = gap; d <= window; d++) {
        if (i >= from + d)
            add_unique(h[i - d], h[i], out, &n);
        if (i + d < to)
            add_unique(h[i + d], h[i], out, &n);
    }
    return n;
}

uint64_t rs_wide_ctx_hash(uint16_t id, uint16_t num_id, uint64_t s)
{
    if (id == SOHOA_LM_UNK || id == num_id)
        return s;
    return rs_mix64(0x666f726dULL + id);
}
