/* garble_glued.c — two words an English OCR model ran together, in garble
 * (tokens.c splits them; restore.c writes a space between).
 *
 * The OCR of a scan loses the space between two short words where the
 * print sets them close: "do1ngli" for đội ngũ, "d0imdi" for đổi mới,
 * "nd1bo" for nội bộ, "congvu" for công vụ (seed 000's scan has five).
 * Kept as one word, such a core is near no syllable, and stays as printed.
 * It is read as two words when
 *  - it is near no syllable at all: the channel proposes none for it
 *    (the caller asks, tokens.c);
 *  - some cut leaves two pieces of 2 to 7 characters, each with a vowel
 *    (or a digit an English model prints for one), each near a skeleton
 *    (PIECE_MAX) and both together within PAIR_MAX;
 *  - the likeliest reading of the two, by the language model (glued.c's
 *    reading: the unigram of the first form, the bigram of the second,
 *    their most frequent forms), less the edits at the channel's weight,
 *    is likely enough: READING_MIN a piece, as glued.c asks of words a
 *    lost space ran together in stripped text.
 * "dutge" (được) has two pieces near syllables (dứt, ghế) that read
 * unlikely together; it stays whole.
 *
 * Owner: restore. */
#include "restore_int.h"

#include <string.h>
#include <unicode/uchar.h>
#include "sohoa/utf8.h"

#define PIECE_MAX 1.0f     /* edit cost of a piece to its skeleton */
#define PAIR_MAX 1.2f      /* of both pieces */
#define PIECE_CHARS_MIN 2
#define PIECE_CHARS_MAX 7  /* the longest syllable (nghiêng) */
#define EDIT_WEIGHT 2.1f   /* log10 per unit of edit cost (GARBLE_EDIT_WEIGHT) */
#define READING_MIN -3.0f  /* log10 a piece (glued.c's GLUED_PER_PIECE) */

/* 1 if code point cp may stand for a vowel in garble: a vowel letter, a
 * marked letter, or a digit an English model prints for one (0 o, 6 ô,
 * 1 i, 3 a, 8 ơ). */
static int vowelish(uint32_t cp)
{
    if (cp >= 0x80)
        return u_isalpha((UChar32)cp);
    return strchr("aeiouyAEIOUY01368", (int)cp) != NULL && cp != 0;
}

/* Characters, and whether one is vowelish, of s[0..n); 0 when s holds
 * anything but letters and digits, or two ASCII capitals (an acronym, a
 * code: CBCCVC, TTBCXB). */
static size_t chars_of(const char *s, size_t n, int *vowel)
{
    size_t chars = 0;
    int capitals = 0;
    *vowel = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(s + i, n - i, &cp);
        if (l == 0 || !(u_isalpha((UChar32)cp) || (cp >= '0' && cp <= '9')))
            return 0;
        capitals += cp >= 'A' && cp <= 'Z';
        *vowel |= vowelish(cp);
        chars++;
        i += l;
    }
    return capitals >= 2 ? 0 : chars;
}

int rs_garble_glued_shape(const char *s, size_t n)
{
    int vowel;
    size_t chars = chars_of(s, n, &vowel);
    return chars >= 2 * PIECE_CHARS_MIN && chars <= 2 * PIECE_CHARS_MAX && vowel;
}

int rs_garble_glued_split(const sohoa_restorer *r, const char *s, size_t n, uint8_t *len,
                          unsigned *budget)
{
    int vowel;
    size_t chars = chars_of(s, n, &vowel);
    if (!rs_garble_glued_shape(s, n) || *budget == 0)
        return 0;
    --*budget;
    float best = -1e30f;
    size_t best_cut = 0;
    size_t cut = 0, left = 0;
    while (cut < n) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(s + cut, n - cut, &cp);
        cut += l ? l : 1;
        left++;
        size_t right = chars - left;
        if (left < PIECE_CHARS_MIN || left > PIECE_CHARS_MAX || right < PIECE_CHARS_MIN ||
            right > PIECE_CHARS_MAX)
            continue;
        int vl, vr;
        chars_of(s, cut, &vl);
        chars_of(s + cut, n - cut, &vr);
        if (!vl || !vr)
            continue;
        float cl, cr;
        const uint16_t *forms[2];
        size_t nforms[2];
        nforms[0] = rs_channel_nearest(r, s, cut, PIECE_MAX, &cl, &forms[0]);
        if (nforms[0] == 0)
            continue;
        nforms[1] = rs_channel_nearest(r, s + cut, n - cut, PIECE_MAX, &cr, &forms[1]);
        if (nforms[1] == 0 || cl + cr > PAIR_MAX)
            continue;
        float reading = rs_glued_reading(r->lm, forms, nforms, 2);
        if (reading < 2 * READING_MIN)
            continue;
        float v = reading - EDIT_WEIGHT * (cl + cr);
        if (v > best) {
            best = v;
            best_cut = cut;
        }
    }
    if (best_cut == 0)
        return 0;
    len[0] = (uint8_t)best_cut;
    len[1] = (uint8_t)(n - best_cut);
    return 2;
}
