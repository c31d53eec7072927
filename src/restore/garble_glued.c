/* garble_glued.c — two words an English OCR model ran together, in garble
 * (tokens.c splits them; restore.c writes a space between).
 *
 * The OCR of a scan loses the space between two short words where the
 * print sets them close: "do1ngli" for đội ngũ, "d0imdi" for đổi mới,
 * "nd1bo" for nội bộ, "congvu" for công vụ (seed 000's scan has five);
 * and a number into the words beside it: "s6268" for số 268, "thang02nim"
 * for tháng 02 năm (seed 004's).
 * Kept as one word, such a core is near no syllable, and stays as printed.
 * It is read as two words when
 *  - it is near no syllable at all: the channel proposes none for it
 *    (the caller asks, tokens.c);
 *  - some cut leaves two pieces of 2 to 7 characters, each with a vowel
 *    (or a digit an English model prints for one), each near a skeleton
 *    (PIECE_MAX) and both together within PAIR_MAX, or one of them a
 *    number of two digits or more (the model's <num>); failing that, a
 *    number between two such words;
 *  - the likeliest reading of the pieces by the language model (glued.c's
 *    reading: the unigram of the first form, the bigram of the next,
 *    their most frequent forms) is likely enough: READING_MIN a piece, as
 *    glued.c asks of words a lost space ran together in stripped text.
 * Of the cuts that pass, the one whose reading less its edits (at the
 * channel's weight) is best is taken; of numbers between two words, the
 * first that passes.
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

/* A number run into a word (s6268 số 268, nam2024 năm 2024): two digits
 * or more, read as the model's <num>. */
static const uint16_t NUMBER = SOHOA_LM_NUM;

/* 1 if s[0..n) may be a piece: a number, or a word of a vowel (or a digit
 * printed for one) near a skeleton; its edit cost and the forms to read. */
static int piece(const sohoa_restorer *r, const char *s, size_t n, float *cost,
                 const uint16_t **forms, size_t *nforms)
{
    size_t digits = 0;
    while (digits < n && s[digits] >= '0' && s[digits] <= '9')
        digits++;
    if (digits == n) {
        *cost = 0;
        *forms = &NUMBER;
        *nforms = 1;
        return 1;
    }
    int vowel;
    chars_of(s, n, &vowel);
    if (!vowel)
        return 0;
    *nforms = rs_channel_nearest(r, s, n, PIECE_MAX, cost, forms);
    return *nforms > 0;
}

/* Three pieces: a number of two digits or more run into the words on
 * both its sides (thang02nim: tháng 02 năm). Only a digit run that two
 * words flank is tried: a digit next to letters is as often a letter
 * (s6, 1a), and every cut of three pieces would cost a search each. */
static int number_inside(const sohoa_restorer *r, const char *s, size_t n, uint8_t *len)
{
    for (size_t a = 1; a + 2 < n; a++) {
        if (!(s[a] >= '0' && s[a] <= '9') || (s[a - 1] >= '0' && s[a - 1] <= '9'))
            continue; /* not the start of a digit run */
        size_t e = a;
        while (e < n && s[e] >= '0' && s[e] <= '9')
            e++;
        int vowel;
        size_t left = chars_of(s, a, &vowel), right = chars_of(s + e, n - e, &vowel);
        if (e - a < 2 || e == n || left < PIECE_CHARS_MIN || right < PIECE_CHARS_MIN ||
            left > PIECE_CHARS_MAX || right > PIECE_CHARS_MAX)
            continue;
        float cost[3] = {0, 0, 0};
        const uint16_t *forms[3] = {NULL, &NUMBER, NULL};
        size_t nforms[3] = {0, 1, 0};
        if (!piece(r, s, a, &cost[0], &forms[0], &nforms[0]) || forms[0] == &NUMBER ||
            !piece(r, s + e, n - e, &cost[2], &forms[2], &nforms[2]) || forms[2] == &NUMBER ||
            cost[0] + cost[2] > PAIR_MAX)
            continue;
        if (rs_glued_reading(r->lm, forms, nforms, 3) < 3 * READING_MIN)
            continue;
        len[0] = (uint8_t)a;
        len[1] = (uint8_t)(e - a);
        len[2] = (uint8_t)(n - e);
        return 3;
    }
    return 0;
}

/* The characters of s[0..n) if it has the shape rs_garble_glued_shape
 * asks for, else 0. */
static size_t glued_chars(const char *s, size_t n)
{
    int vowel;
    size_t chars = chars_of(s, n, &vowel);
    return chars >= 2 * PIECE_CHARS_MIN && chars <= 2 * PIECE_CHARS_MAX && vowel ? chars : 0;
}

int rs_garble_glued_shape(const char *s, size_t n)
{
    return glued_chars(s, n) > 0;
}

int rs_garble_glued_split(const sohoa_restorer *r, const char *s, size_t n, uint8_t *len,
                          unsigned *budget)
{
    size_t chars = glued_chars(s, n);
    if (chars == 0 || *budget == 0)
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
        float cost[2];
        const uint16_t *forms[2];
        size_t nforms[2];
        if (!piece(r, s, cut, &cost[0], &forms[0], &nforms[0]) ||
            !piece(r, s + cut, n - cut, &cost[1], &forms[1], &nforms[1]) ||
            (forms[0] == &NUMBER && forms[1] == &NUMBER) || cost[0] + cost[1] > PAIR_MAX)
            continue;
        float cl = cost[0], cr = cost[1];
        float reading = rs_glued_reading(r->lm, forms, nforms, 2);
        if (reading < 2 * READING_MIN)
            continue;
        float v = reading - EDIT_WEIGHT * (cl + cr);
        if (v > best) {
            best = v;
            best_cut = cut;
        }
    }
    if (best_cut > 0) {
        len[0] = (uint8_t)best_cut;
        len[1] = (uint8_t)(n - best_cut);
        return 2;
    }
    return number_inside(r, s, n, len);
}
