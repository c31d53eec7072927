/* encode.c — a small front on sohoa_encode (include/sohoa/encoding.h) that
 * tests/data/make-fixtures.sh builds to write the legacy-encoding samples in
 * corpus/legacy/: `encode ENCODING FILE` writes FILE (UTF-8) in ENCODING
 * (tcvn3, vni, viqr, cp1258 ...) to stdout. Not part of the sohoa binary. */
#include <stdio.h>
#include <stdlib.h>
#include "sohoa/encoding.h"
#include "sohoa/file.h"

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: encode ENCODING FILE\n");
        return 2;
    }
    int enc = sohoa_encoding_parse(argv[1]);
    if (enc <= 0) {
        fprintf(stderr, "encode: unknown encoding '%s'\n", argv[1]);
        return 2;
    }
    sohoa_err err = {0};
    char *text = NULL, *out = NULL;
    size_t n = 0, outlen = 0;
    if (sohoa_read_file(argv[2], 0, &text, &n, &err) != SOHOA_OK ||
        sohoa_encode(text, n, enc, &out, &outlen, &err) != SOHOA_OK) {
        fprintf(stderr, "encode: %s: %s\n", argv[2], err.msg);
        free(text);
        return 1;
    }
    int rc = fwrite(out, 1, outlen, stdout) == outlen ? 0 : 1;
    free(text);
    free(out);
    return rc;
}
