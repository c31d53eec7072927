/* textlayer.c — is a PDF text layer genuine Vietnamese? A layer made by a
 * word processor reads as valid syllables with diacritics; a layer from a
 * foreign-language OCR, a legacy font encoding (TCVN3, VNI) or a broken
 * ToUnicode map does not. We count word tokens (letters only, after
 * trimming punctuation) and require most to be valid syllables and a fair
 * share to carry Vietnamese marks. */
#include "ocr_internal.h"

#include <string.h>

#include "sohoa/syllable.h"

#define MIN_TOKENS 8          /* fewer words: too little to judge (treated as no layer) */
#define MIN_VALID_SHARE 0.85  /* share of word tokens that are valid syllables */
#define MIN_MARKED_SHARE 0.25 /* share of word tokens with a non-ASCII letter */

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* ASCII punctuation that may cling to a word. */
static int is_punct(unsigned char c)
{
    return c < 128 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
}

int ocr_text_is_vietnamese(const char *text)
{
    size_t words = 0, valid = 0, marked = 0;
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        while (*p && is_space(*p))
            p++;
        const unsigned char *b = p;
        while (*p && !is_space(*p))
            p++;
        const unsigned char *e = p;
        while (b < e && is_punct(*b))
            b++;
        while (e > b && is_punct(e[-1]))
            e--;
        if (e == b)
            continue;
        int digit = 0, nonascii = 0;
        for (const unsigned char *q = b; q < e; q++) {
            if (*q >= '0' && *q <= '9')
                digit = 1;
            if (*q >= 128)
                nonascii = 1;
        }
        if (digit)
            continue; /* numbers and codes say nothing about the language */
        words++;
        if (sohoa_syl_valid((const char *)b, (size_t)(e - b)))
            valid++;
        if (nonascii)
            marked++;
    }
    if (words < MIN_TOKENS)
        return 0;
    return valid >= MIN_VALID_SHARE * words && marked >= MIN_MARKED_SHARE * words;
}
