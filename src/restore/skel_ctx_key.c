/* skel_ctx_key.c — the keys of the skeleton-context model: one hash per
 * token (its skeleton, "<num>" for numbers and Roman numerals, punctuation as itself), and
 * the 48-bit key of a context pattern over a window of tokens. Training
 * and decoding both go through here, so they agree on what a context is. */
#include "skel_ctx.h"

#include "lm_internal.h"
#include <string.h>
#include "sohoa/syllable.h"

#define TAG_WORD 0x57u
#define TAG_PUNCT 0x50u
#define KEY_BITS 45

static uint64_t tagged(const char *s, size_t n, unsigned tag)
{
    return rs_mix64(rs_hash_str(s, n) ^ tag);
}

static int has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return 1;
    return 0;
}

uint64_t rs_skc_tok_hash(const char *s, size_t n, int word)
{
    if (!word)
        return tagged(s, n, TAG_PUNCT);
    if (has_digit(s, n) || (n == 5 && memcmp(s, "<num>", 5) == 0) || rs_lm_roman(s, n))
        return tagged("<num>", 5, TAG_WORD);
    char f[256];
    size_t m = sohoa_fold(s, n, f, sizeof f);
    if (m >= sizeof f)
        return tagged(s, n, TAG_WORD);
    return tagged(f, m, TAG_WORD);
}

uint64_t rs_skc_bos(void)
{
    return tagged("<s>", 3, TAG_PUNCT);
}

uint64_t rs_skc_eos(void)
{
    return tagged("</s>", 4, TAG_PUNCT);
}

static inline uint64_t key_of(int p, const uint64_t win[3])
{
    static const int lo[RS_SKC_NPAT] = {1, 0, 1, 0}, hi[RS_SKC_NPAT] = {1, 1, 2, 2};
    uint64_t h = 0x243f6a8885a308d3ULL * (uint64_t)(p + 1);
    for (int i = lo[p]; i <= hi[p]; i++)
        h = rs_mix64(h ^ win[i]) + (uint64_t)i;
    return ((uint64_t)p << KEY_BITS) | (rs_mix64(h) & (((uint64_t)1 << KEY_BITS) - 1));
}

uint64_t rs_skc_key(int p, const uint64_t win[3])
{
    return key_of(p, win);
}

void rs_skc_keys(const uint64_t win[3], uint64_t key[RS_SKC_NPAT])
{
    key[RS_SKC_U] = key_of(RS_SKC_U, win);
    key[RS_SKC_L2] = key_of(RS_SKC_L2, win);
    key[RS_SKC_R2] = key_of(RS_SKC_R2, win);
    key[RS_SKC_W3] = key_of(RS_SKC_W3, win);
}

int rs_skc_open_word(const sohoa_lm *lm, const char *s, size_t n)
{
    char f[256];
    const uint16_t *ids;
    size_t m = sohoa_fold(s, n, f, sizeof f);
    return m < sizeof f && sohoa_lm_skeleton_forms(lm, f, m, &ids) > 1;
}
