/* specks.c — one-letter "words" that are specks: Tesseract reads a dust
 * speck beside a line as a letter ("x" at the end of "- Trưởng các ấp;"),
 * which the noise filter of engine.c keeps when Tesseract is sure of it.
 * Compared with the other words of its line, it is far too small. */
#include "ocr_internal.h"

#include <stdlib.h>
#include <string.h>

#include "sohoa/utf8.h"

/* Drop from v the one-letter words far smaller than the other words of
 * their line (under a third of their median height, narrower than it): a
 * speck that Tesseract took for a letter ("x" 8 px tall beside 40 px
 * words). Dashes and dots are left to is_noise_word. */
size_t ocr_drop_specks(ocr_pword *v, size_t nw)
{
    size_t out = 0;
    for (size_t a = 0; a < nw;) {
        size_t b = a + 1;
        while (b < nw && v[b].line == v[a].line)
            b++;
        int h[64];
        size_t n = 0;
        for (size_t i = a; i < b && n < 64; i++)
            h[n++] = v[i].h;
        for (size_t i = 1; i < n; i++)
            for (size_t j = i; j > 0 && h[j - 1] > h[j]; j--) {
                int t = h[j];
                h[j] = h[j - 1];
                h[j - 1] = t;
            }
        int med = h[n / 2];
        for (size_t i = a; i < b; i++) {
            ocr_pword *w = &v[i];
            size_t len = strlen(w->text);
            uint32_t cp;
            unsigned char c0 = (unsigned char)w->text[0];
            int letter = c0 >= 0x80 || (c0 >= '0' && c0 <= '9') || ((c0 | 32) >= 'a' && (c0 | 32) <= 'z');
            int one = len <= 4 && sohoa_utf8_decode(w->text, len, &cp) == len;
            if (b - a >= 3 && one && letter && w->h * 3 < med && w->w < med) {
                free(w->text);
                continue;
            }
            v[out++] = *w;
        }
        a = b;
    }
    return out;
}
