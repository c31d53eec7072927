/* restore_lm.c — fuzzing the binary language-model loader (sohoa_lm_open)
 * and the queries of a loaded model. The model carries a checksum that a
 * mutated file almost never matches, so each input is tried twice: as it
 * is (the checks up to the checksum), and with its size and checksum fields
 * fixed up (the section and content checks behind it, then every query).
 * Oracle: the loader either refuses with an error naming the file, or the
 * model answers every query without a sanitizer report. */
#include "lm_seed.h"
#include "model_header.h"

/* The header of src/restore/lm_binary.c: file_size at 16, checksum at 24;
 * its size (the checksum covers what follows it) is found at start-up on a
 * freshly trained model, so that the harness follows format changes. */
enum { HDR_FILE_SIZE = 16, HDR_CHECKSUM = 24 };
static size_t HDR_SIZE;

static void fix_up(unsigned char *b, size_t n)
{
    fuzz_model_fix_up(b, n, HDR_SIZE, RS_LM_CHECKSUM_SEED, HDR_FILE_SIZE, HDR_CHECKSUM);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    lm_seed_mode();
    lm_seed_write(fuzz_tmpdir());
    char path[512];
    snprintf(path, sizeof path, "%s/seed.lm", fuzz_tmpdir());
    HDR_SIZE = fuzz_model_header_size("restore_lm", path, RS_LM_CHECKSUM_SEED, HDR_CHECKSUM);
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
    fuzz_model_try_twice(data, size, HDR_SIZE, try_open, fix_up);
    return 0;
}
