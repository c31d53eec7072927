/* model_header.h — for the harnesses of binary model files (restore_lm,
 * restore_skelctx): the size of a model's header, found on a freshly
 * trained file as the offset from which its stored checksum covers the
 * rest, so that the harnesses follow format changes; the fix-up that
 * lets a mutated file past its size and checksum checks; and trying each
 * input both ways. Owner: restoration. */
#ifndef SOHOA_FUZZ_MODEL_HEADER_H
#define SOHOA_FUZZ_MODEL_HEADER_H

#include "fuzz.h"
#include "restore/lm_internal.h"

/* The header size of the model file at path whose checksum (seed) is
 * stored at checksum_at; aborts, naming the harness, when none fits. */
static inline size_t fuzz_model_header_size(const char *harness, const char *path, uint64_t seed,
                                            size_t checksum_at)
{
    FILE *f = fopen(path, "rb");
    static unsigned char b[1 << 20];
    size_t n = f ? fread(b, 1, sizeof b, f) : 0;
    if (f)
        fclose(f);
    uint64_t stored = 0;
    if (n > checksum_at + 8)
        memcpy(&stored, b + checksum_at, 8);
    for (size_t h = checksum_at + 8; h < 4096 && h < n; h += 8)
        if (rs_checksum(seed, b + h, n - h) == stored)
            return h;
    fprintf(stderr, "%s: no header size matches the checksum of %s; update fuzz/%s.c\n", harness,
            path, harness);
    abort();
}

/* Make the model b[0..n) (header of header_size bytes) pass the size and
 * checksum checks: the file size at size_at, the checksum at checksum_at. */
static inline void fuzz_model_fix_up(unsigned char *b, size_t n, size_t header_size,
                                     uint64_t seed, size_t size_at, size_t checksum_at)
{
    uint64_t size = n, sum = rs_checksum(seed, b + header_size, n - header_size);
    memcpy(b + size_at, &size, 8);
    memcpy(b + checksum_at, &sum, 8);
}

/* Try the input as it is (the checks up to the checksum), then, when it
 * is longer than a header, a copy fixed up by fix_up (the checks behind
 * the checksum, and whatever the model then answers). */
static inline void fuzz_model_try_twice(const uint8_t *data, size_t size, size_t header_size,
                                        void (*try_open)(const uint8_t *, size_t),
                                        void (*fix_up)(unsigned char *, size_t))
{
    try_open(data, size);
    if (size > header_size) {
        unsigned char *b = malloc(size);
        if (!b)
            abort();
        memcpy(b, data, size);
        fix_up(b, size);
        try_open(b, size);
        free(b);
    }
}

#endif
