/* restore_lm.c — fuzzing the binary language-model loader (sohoa_lm_open)
 * and the queries of a loaded model. The model carries a checksum that a
 * mutated file almost never matches, so each input is tried twice: as it
 * is (the checks up to the checksum), and with its size and checksum fields
 * fixed up (the section and content checks behind it, then every query).
 * Oracle: the loader either refuses with an error naming the file, or the
 * model answers every query without a sanitizer report. */
#include "lm_seed.h"
#include "restore/lm_internal.h"

/* The header of src/restore/lm_binary.c: file_size at 16, checksum at 24;
 * its size (the checksum covers what follows it) is found at start-up on a
 * freshly trained model, so that the harness follows format changes. */
enum { HDR_FILE_SIZE = 16, HDR_CHECKSUM = 24 };
static size_t HDR_SIZE;

static void fix_up(unsigned char *b, size_t n)
{
    uint64_t size = n, sum = rs_checksum(RS_LM_CHECKSUM_SEED, b + HDR_SIZE, n - HDR_SIZE);
    memcpy(b + HDR_FILE_SIZE, &size, 8);
    memcpy(b + HDR_CHECKSUM, &sum, 8);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    lm_seed_mode();
    lm_seed_write(fuzz_tmpdir());
    char path[512];
    snprintf(path, sizeof path, "%s/seed.lm", fuzz_tmpdir());
    FILE *f = fopen(path, "rb");
    static unsigned char b[1 << 20];
    size_t n = f ? fread(b, 1, sizeof b, f) : 0;
    if (f)
        fclose(f);
    uint64_t stored = 0;
    if (n > HDR_CHECKSUM + 8)
        memcpy(&stored, b + HDR_CHECKSUM, 8);
    for (size_t h = 32; h < 4096 && h < n && !HDR_SIZE; h += 8)
        if (rs_checksum(RS_LM_CHECKSUM_SEED, b + h, n - h) == stored)
            HDR_SIZE = h;
    if (!HDR_SIZE) {
        fprintf(stderr, "restore_lm: no header size matches the checksum; update fuzz/restore_lm.c\n");
        abort();
    }
    return 0;
}

static void try_open(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write("fuzz.lm", data, size);
    sohoa_lm *lm = NULL;
    sohoa_err err = {0};
    if (sohoa_lm_open(path, &lm, &err) != SOHOA_OK) {
        FUZZ_ASSERT(lm == NULL && strstr(err.msg, "fuzz.lm") != NULL);
        return;
    }
    lm_exercise(lm);
    sohoa_lm_close(lm);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    try_open(data, size);
    if (size > HDR_SIZE) {
        unsigned char *b = malloc(size);
        memcpy(b, data, size);
        fix_up(b, size);
        try_open(b, size);
        free(b);
    }
    return 0;
}
