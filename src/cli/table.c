/* table.c — table cells cut or padded to a width in display columns
 * (table.h). */
#include "table.h"
#include "sohoa/utf8.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

static int is_combining(uint32_t cp)
{
    return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
           (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff);
}

/* Columns of s[0..n) and the byte length that fits in width. */
static int fit(const char *s, size_t n, int width, size_t *bytes)
{
    int cols = 0;
    size_t i = 0;
    *bytes = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = sohoa_utf8_decode(s + i, n - i, &cp);
        if (k == 0)
            k = 1;
        int w = is_combining(cp) ? 0 : 1;
        if (cols + w > width)
            break;
        cols += w;
        i += k;
        *bytes = i;
    }
    return cols;
}

int table_text_width(const char *s)
{
    size_t bytes;
    return s ? fit(s, strlen(s), INT_MAX, &bytes) : 0;
}

void table_cell(FILE *f, const char *s, int width, unsigned flags)
{
    if (!s)
        s = "";
    size_t n = strlen(s), bytes;
    int cols = fit(s, n, (flags & TABLE_WHOLE) ? INT_MAX : width, &bytes);
    int cut = bytes < n;
    if (cut) /* leave room for the ellipsis */
        cols = fit(s, n, width - 1, &bytes);
    for (size_t i = 0; i < bytes; i++)
        fputc(s[i] == '\n' || s[i] == '\t' || s[i] == '\r' ? ' ' : s[i], f);
    if (cut) {
        fputs("…", f);
        cols++;
    }
    for (; (flags & TABLE_PAD) && cols < width; cols++)
        fputc(' ', f);
}
