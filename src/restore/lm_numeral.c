/* lm_numeral.c — Roman numerals as number-like LM tokens.
 *
 * "hạng I", "giai đoạn II", "quý III", "Chương IV": a Roman numeral plays
 * the part of a number, but as the word "i" or "ii" the language model sees
 * it rarely and cannot tell "hạng I" from "hàng I" ("hạng 1" it has seen
 * often). So the upper-case numerals of ROMAN are read as "<num>", in
 * training and in restoration alike (sohoa_lm_form). Numerals that are also
 * capitalised syllables or common letters (V vệ, VI vì, X xã, XI xì, L C D M)
 * are left out: "VI PHAM" is a heading in capitals, not a number. */
#include "lm_internal.h"

#include <string.h>

static const char *const ROMAN[] = {
    "I",   "II",  "III",  "IV",  "VII", "VIII", "IX",  "XII",  "XIII",
    "XIV", "XV",  "XVI",  "XVII", "XVIII", "XIX", "XX", "XXI",
};

int rs_lm_roman(const char *s, size_t n)
{
    if (n == 0 || n > 5 || (s[0] != 'I' && s[0] != 'V' && s[0] != 'X'))
        return 0; /* every numeral of ROMAN starts with I, V or X */
    for (size_t k = 0; k < sizeof ROMAN / sizeof ROMAN[0]; k++)
        if (strlen(ROMAN[k]) == n && memcmp(ROMAN[k], s, n) == 0)
            return 1;
    return 0;
}
