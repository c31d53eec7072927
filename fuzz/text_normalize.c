/* text_normalize.c — fuzzing the normaliser (sohoa_normalize, with and
 * without layout clean-up and in both tone styles) and the case mappings.
 * The first byte holds the flags; the rest is the text.
 * Oracles: invalid UTF-8 is refused with an error; otherwise the output is
 * valid UTF-8 of the stated length, with one line_map entry per output line
 * (nlines is the text's line count), each a line of the input, in order;
 * without layout clean-up the normaliser is idempotent. */
#include "fuzz.h"
#include "sohoa/normalize.h"
#include "sohoa/utf8.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    return 0;
}

static size_t count_lines(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += s[i] == '\n';
    return k + (n > 0 && s[n - 1] != '\n');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned flags = data[0] & (SOHOA_NORM_LAYOUT | SOHOA_NORM_TONE_OLD);
    const char *in = (const char *)data + 1;
    size_t n = size - 1;
    sohoa_norm_result r;
    sohoa_err err = {0};
    int valid = sohoa_utf8_invalid_at(in, n) == (size_t)-1;
    int rc = sohoa_normalize(in, n, flags, &r, &err);
    if (!valid) {
        FUZZ_ASSERT(rc == SOHOA_EINVAL && err.msg[0]);
        return 0;
    }
    FUZZ_ASSERT(rc == SOHOA_OK);
    FUZZ_ASSERT(r.text && r.text[r.len] == '\0');
    FUZZ_ASSERT(sohoa_utf8_invalid_at(r.text, r.len) == (size_t)-1);
    /* nlines is the number of lines in the text (an unterminated last line
     * of blanks, as in "a\n ", used to count without leaving a trace) */
    FUZZ_ASSERT(r.nlines == count_lines(r.text, r.len));
    size_t in_lines = 1; /* a line ends at \n, \r\n or a lone \r */
    for (size_t i = 0; i < n; i++)
        in_lines += in[i] == '\n' || (in[i] == '\r' && (i + 1 == n || in[i + 1] != '\n'));
    for (size_t i = 0; i < r.nlines; i++) {
        FUZZ_ASSERT(r.line_map[i] >= 1 && (size_t)r.line_map[i] <= in_lines);
        FUZZ_ASSERT(i == 0 || r.line_map[i] >= r.line_map[i - 1]);
    }
    if (!(flags & SOHOA_NORM_LAYOUT)) {
        sohoa_norm_result again;
        FUZZ_ASSERT(sohoa_normalize(r.text, r.len, flags, &again, &err) == SOHOA_OK);
        if (again.len != r.len || memcmp(again.text, r.text, r.len) != 0)
            fprintf(stderr, "not idempotent:\n  once:  %s\n  twice: %s\n", r.text, again.text);
        FUZZ_ASSERT(again.len == r.len && memcmp(again.text, r.text, r.len) == 0);
        sohoa_norm_result_free(&again);
    }
    char *lo = sohoa_to_lower(r.text, r.len), *up = sohoa_to_upper(r.text, r.len);
    FUZZ_ASSERT(lo && up);
    FUZZ_ASSERT(sohoa_utf8_invalid_at(lo, strlen(lo)) == (size_t)-1);
    FUZZ_ASSERT(sohoa_utf8_invalid_at(up, strlen(up)) == (size_t)-1);
    free(lo);
    free(up);
    sohoa_norm_result_free(&r);
    return 0;
}
