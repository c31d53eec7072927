/* text_decode.c — fuzzing the legacy-encoding decoders and their detection
 * (sohoa_decode, include/sohoa/encoding.h). The first byte picks the
 * encoding (auto, UTF-8, UTF-16, TCVN3, VNI, VIQR, CP1258) and whether to be
 * lenient; the rest is the file's bytes.
 * Oracles: a success is NUL-terminated valid UTF-8 of the stated length and
 * names a concrete encoding; a failure fills the error; lenient decoding of
 * a named single-byte encoding never fails; text that an encoder accepts
 * decodes again without error. */
#include "fuzz.h"
#include "sohoa/encoding.h"
#include "sohoa/utf8.h"

/* With SOHOA_FUZZ_SEED_DIR: write a sample sentence in every legacy
 * encoding (as auto-detected and as named input) and stop. */
static void write_seeds(const char *dir)
{
    static const char sample[] =
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nKế hoạch cải cách hành chính năm 2024 của "
        "Ủy ban nhân dân huyện; kinh phí thực hiện do ngân sách bảo đảm.\n";
    static const int encs[] = {SOHOA_ENC_UTF8, SOHOA_ENC_TCVN3, SOHOA_ENC_VNI, SOHOA_ENC_VIQR,
                               SOHOA_ENC_CP1258};
    for (size_t i = 0; i < sizeof encs / sizeof encs[0]; i++) {
        char *bytes = NULL;
        size_t n = 0;
        sohoa_err err = {0};
        if (encs[i] == SOHOA_ENC_UTF8) {
            bytes = strdup(sample);
            n = strlen(sample);
        } else if (sohoa_encode(sample, strlen(sample), encs[i], &bytes, &n, &err) != SOHOA_OK) {
            /* TCVN3 has no upper-case toned letters: the lower-case line */
            const char *low = strchr(sample, '\n') + 1;
            if (sohoa_encode(low, strlen(low), encs[i], &bytes, &n, &err) != SOHOA_OK)
                continue;
        }
        for (int named = 0; named < 2; named++) {
            char path[1024];
            snprintf(path, sizeof path, "%s/%s-%s", dir, sohoa_encoding_name(encs[i]),
                     named ? "named" : "auto");
            FILE *f = fopen(path, "wb");
            fputc(named ? encs[i] : SOHOA_ENC_AUTO, f);
            fwrite(bytes, 1, n, f);
            fclose(f);
        }
        free(bytes);
    }
    exit(0);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *dir = getenv("SOHOA_FUZZ_SEED_DIR");
    if (dir && *dir)
        write_seeds(dir);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int enc = data[0] % 7;            /* SOHOA_ENC_AUTO .. SOHOA_ENC_CP1258 */
    unsigned flags = (data[0] & 0x80) ? SOHOA_DECODE_LENIENT : 0;
    const char *in = (const char *)data + 1;
    size_t n = size - 1;
    char *out = NULL;
    size_t outlen = 0;
    int detected = -1;
    sohoa_err err = {0};
    int rc = sohoa_decode(in, n, enc, flags, &out, &outlen, &detected, &err);
    if (rc != SOHOA_OK) {
        FUZZ_ASSERT(err.code != SOHOA_OK && err.msg[0] != '\0');
        FUZZ_ASSERT(!(flags && (enc == SOHOA_ENC_TCVN3 || enc == SOHOA_ENC_VNI ||
                                enc == SOHOA_ENC_VIQR)));
        return 0;
    }
    FUZZ_ASSERT(out != NULL && out[outlen] == '\0');
    FUZZ_ASSERT(sohoa_utf8_invalid_at(out, outlen) == (size_t)-1);
    FUZZ_ASSERT(detected >= SOHOA_ENC_UTF8 && detected <= SOHOA_ENC_CP1258);
    FUZZ_ASSERT(enc == SOHOA_ENC_AUTO || detected == enc);
    FUZZ_ASSERT(sohoa_encoding_name(detected) != NULL);

    /* Whatever an encoder accepts must decode again. */
    static const int legacy[] = {SOHOA_ENC_TCVN3, SOHOA_ENC_VNI, SOHOA_ENC_VIQR, SOHOA_ENC_CP1258};
    int to = legacy[(data[0] >> 3) % 4];
    char *bytes = NULL, *back = NULL;
    size_t blen = 0, backlen = 0;
    if (sohoa_encode(out, outlen, to, &bytes, &blen, &err) == SOHOA_OK) {
        int rc2 = sohoa_decode(bytes, blen, to, 0, &back, &backlen, NULL, &err);
        if (rc2 != SOHOA_OK)
            fprintf(stderr, "re-decoding %s failed: %s\n", sohoa_encoding_name(to), err.msg);
        FUZZ_ASSERT(rc2 == SOHOA_OK);
        free(back);
        free(bytes);
    }
    free(out);
    return 0;
}
