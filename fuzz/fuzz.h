/* fuzz.h — what the libFuzzer harnesses share: the entry points, writing an
 * input to a private temporary file or directory, finding the data
 * directory (rules/, models/), and the oracle helpers (ASSERT aborts, so
 * that libFuzzer keeps the input as a crasher).
 * Header-only; every harness includes it once. No state outside the
 * per-process temporary directory made by fuzz_tmpdir(). */
#ifndef SOHOA_FUZZ_H
#define SOHOA_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* An oracle failed: say which, and abort so libFuzzer saves the input. */
#define FUZZ_ASSERT(cond)                                                          \
    do {                                                                           \
        if (!(cond)) {                                                             \
            fprintf(stderr, "%s:%d: oracle failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                               \
        }                                                                          \
    } while (0)

/* The data directory: $SOHOA_DATA, else the current directory. */
static inline const char *fuzz_data_dir(void)
{
    const char *d = getenv("SOHOA_DATA");
    return d && *d ? d : ".";
}

/* A directory of our own under $TMPDIR (made once, removed at exit). */
static char fuzz_tmp_[256];
static void fuzz_rm_tmp_(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_tmp_);
    if (system(cmd) != 0) {
        /* nothing to do: a leftover temporary directory is harmless */
    }
}
static inline const char *fuzz_tmpdir(void)
{
    if (!fuzz_tmp_[0]) {
        const char *t = getenv("TMPDIR");
        snprintf(fuzz_tmp_, sizeof fuzz_tmp_, "%s/sohoa-fuzz-XXXXXX", t && *t ? t : "/tmp");
        if (!mkdtemp(fuzz_tmp_))
            abort();
        atexit(fuzz_rm_tmp_);
    }
    return fuzz_tmp_;
}

/* Write data to fuzz_tmpdir()/name; returns the path (static buffer). */
static inline const char *fuzz_write(const char *name, const uint8_t *data, size_t size)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", fuzz_tmpdir(), name);
    FILE *f = fopen(path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
        abort();
    return path;
}

/* A NUL-terminated copy of the input (caller frees). */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

#endif
