/* textfile.c — a UTF-8 text file handed over line by line
 * (include/sohoa/textfile.h). The whole file is checked before the first
 * line goes out, so a caller never acts on half of a bad file. */
#include "sohoa/textfile.h"

#include <stdlib.h>
#include <string.h>
#include "sohoa/file.h"
#include "sohoa/utf8.h"

int sohoa_text_lines(const char *path, size_t max, sohoa_line_fn fn, void *ctx,
                     sohoa_err *err)
{
    char *data;
    size_t len;
    int rc = sohoa_read_file(path, max, &data, &len, err);
    if (rc)
        return rc;
    size_t bad = sohoa_utf8_invalid_at(data, len);
    const char *nul = memchr(data, '\0', len);
    if (bad != (size_t)-1 || nul) {
        rc = bad != (size_t)-1
                 ? sohoa_err_set(err, SOHOA_EFORMAT, "%s: invalid UTF-8 at byte %zu", path, bad)
                 : sohoa_err_set(err, SOHOA_EFORMAT, "%s: a NUL byte at byte %zu", path,
                                 (size_t)(nul - data));
        free(data);
        return rc;
    }
    size_t lineno = 0;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(data + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - data) : len;
        size_t n = end - i;
        while (n && data[i + n - 1] == '\r')
            n--;
        fn(ctx, data + i, n, ++lineno);
        i = end + 1;
    }
    free(data);
    return SOHOA_OK;
}
