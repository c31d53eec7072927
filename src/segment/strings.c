/* strings.c — the segmenter's small string helpers: spaces collapsed, a
 * string pushed on a vector, whether folded text is mostly capitals, and
 * Vietnamese words written in capitals. Owner: segment. */
#include "seg.h"

#include <ctype.h>
#include <string.h>

#include "sohoa/syllable.h"

char *seg_collapse(const char *s, size_t n)
{
    sohoa_buf b = SOHOA_BUF_INIT;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = 1;
            continue;
        }
        if (space && b.len)
            sohoa_buf_putc(&b, ' ');
        space = 0;
        sohoa_buf_putc(&b, c);
    }
    return sohoa_buf_steal(&b);
}

void seg_strv_push(char ***v, size_t *n, char *s)
{
    SEG_GROW(*v, *n);
    (*v)[(*n)++] = s;
}

int seg_upper_ratio_ok(const char *f, size_t n)
{
    size_t up = 0, letters = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)f[i];
        if (isalpha(c)) {
            letters++;
            if (isupper(c))
                up++;
        }
    }
    return letters >= 2 && up * 10 >= letters * 7;
}

/* Vietnamese capitals, syllable by syllable (place names are syllables). */
char *seg_upper_words(const char *s)
{
    sohoa_buf b = SOHOA_BUF_INIT;
    const char *p = s;
    while (*p) {
        size_t n = strcspn(p, " ");
        sohoa_syl syl;
        char out[64];
        if (n && sohoa_syl_parse(p, n, &syl)) {
            syl.upper = 2;
            size_t l = sohoa_syl_format(&syl, SOHOA_TONE_NEW, out, sizeof out);
            sohoa_buf_append(&b, out, l < sizeof out ? l : sizeof out - 1);
        } else {
            for (size_t k = 0; k < n; k++)
                sohoa_buf_putc(&b, (char)toupper((unsigned char)p[k]));
        }
        p += n;
        if (*p == ' ') {
            sohoa_buf_putc(&b, ' ');
            p++;
        }
    }
    return sohoa_buf_steal(&b);
}
