/* normalize.h — Unicode and layout normalisation of decoded text (ICU).
 *
 * NFC; look-alike code points unified (Ð U+00D0 → Đ U+0110, Cyrillic/Greek
 * letters inside Latin words, typographic quotes, dashes, ellipsis, NBSP,
 * zero-width characters); tone-mark placement by one convention on valid
 * syllables only. With SOHOA_NORM_LAYOUT also OCR layout clean-up: words
 * hyphenated across line ends joined, running headers/footers and page
 * numbers dropped; paragraphs and headings keep their own lines.
 *
 * Every output line maps back to a 1-based input line (line_map), so that
 * later stages can report positions in the input file. Input lines end at
 * \n, \r\n or \r; output lines end at \n (the last one only if the input's
 * did, or always with SOHOA_NORM_LAYOUT) and lose trailing spaces and tabs.
 * An unterminated last input line that is nothing but spaces and tabs gives
 * no output line, so nlines is always the number of lines in text (its \n
 * count, plus one if it does not end with \n). With SOHOA_NORM_LAYOUT a
 * form feed separates pages and is dropped; without it, it is kept as is.
 * Ownership: out->text and out->line_map are owned by the caller
 * (sohoa_norm_result_free). Thread-safe. */
#ifndef SOHOA_NORMALIZE_H
#define SOHOA_NORMALIZE_H

#include <stddef.h>
#include "sohoa/error.h"

enum {
    SOHOA_NORM_LAYOUT = 1,    /* OCR layout clean-up (joins, running headers) */
    SOHOA_NORM_TONE_OLD = 2,  /* place tones old style (hoà); default new (hòa) */
    SOHOA_NORM_VALID_UTF8 = 4 /* the caller vouches the input is valid UTF-8
                                 (e.g. it comes from sohoa_decode): skip the
                                 check; invalid bytes are then copied as they
                                 are, never read out of bounds */
};

typedef struct sohoa_norm_result {
    char *text;        /* NFC UTF-8, lines separated by '\n' */
    size_t len;
    int *line_map;     /* line_map[i] = 1-based input line of output line i+1 */
    size_t nlines;
} sohoa_norm_result;

/* Normalise in[0..n) (UTF-8, e.g. from sohoa_decode). Invalid UTF-8:
 * SOHOA_EINVAL "invalid UTF-8 at byte N" and *out zeroed. */
int sohoa_normalize(const char *in, size_t n, unsigned flags,
                    sohoa_norm_result *out, sohoa_err *err);
void sohoa_norm_result_free(sohoa_norm_result *r);

/* Vietnamese-correct case mapping of UTF-8 text (ICU, locale "vi").
 * Returns a malloc'd NUL-terminated string owned by the caller (never NULL);
 * invalid UTF-8 sequences become U+FFFD. */
char *sohoa_to_lower(const char *s, size_t n);
char *sohoa_to_upper(const char *s, size_t n);

/* Case pattern of the word s[0..n) (its letters; ASCII without ICU): 0
 * lower, 1 first upper (Title case: Pấng, A), 2 all upper (at least two
 * letters), 3 mixed (VPBank, iPhone). A byte that is no UTF-8 counts as
 * one character, no letter. */
int sohoa_case_pattern(const char *s, size_t n);

#endif
