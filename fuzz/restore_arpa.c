/* restore_arpa.c — fuzzing the ARPA reader (sohoa_lm_from_arpa): ARPA text
 * in, a binary model out, which must then load and answer queries.
 * Oracle: malformed ARPA is refused with an error naming the file; ARPA
 * that is accepted gives a model sohoa_lm_open accepts (we wrote it). */
#include "lm_seed.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    lm_seed_mode();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char arpa[512], out[512];
    snprintf(arpa, sizeof arpa, "%s", fuzz_write("fuzz.arpa", data, size));
    snprintf(out, sizeof out, "%s/fuzz-arpa.lm", fuzz_tmpdir());
    remove(out);
    sohoa_err err = {0};
    if (sohoa_lm_from_arpa(arpa, out, &err) != SOHOA_OK) {
        FUZZ_ASSERT(err.msg[0] != '\0');
        return 0;
    }
    sohoa_lm *lm = NULL;
    if (sohoa_lm_open(out, &lm, &err) != SOHOA_OK)
        fprintf(stderr, "a model written from ARPA does not load: %s\n", err.msg);
    FUZZ_ASSERT(lm != NULL);
    lm_exercise(lm);
    sohoa_lm_close(lm);
    return 0;
}
