/* serial_sum.h — for the tests of model files: read and write a whole
 * file, find a model's header size from its checksum, and rewrite a model
 * as the version before the
 * four-lane checksum (src/restore/lm_internal.h), to check such files are
 * still read. Owner: restoration. */
#ifndef SOHOA_TEST_SERIAL_SUM_H
#define SOHOA_TEST_SERIAL_SUM_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/restore/lm_internal.h"

/* The bytes of the file at p (malloc'd; *n their count); aborts when it
 * cannot be read. */
static inline unsigned char *read_model(const char *p, size_t *n)
{
    FILE *f = fopen(p, "rb");
    if (!f || fseek(f, 0, SEEK_END) != 0)
        abort();
    *n = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc(*n ? *n : 1);
    if (!b || fread(b, 1, *n, f) != *n)
        abort();
    fclose(f);
    return b;
}

/* Write b[0..n) to the file at p, replacing it. */
static inline void write_model(const char *p, const unsigned char *b, size_t n)
{
    FILE *f = fopen(p, "wb");
    if (!f || fwrite(b, 1, n, f) != n || fclose(f) != 0)
        abort();
}

/* The header size of the model b[0..n) whose checksum (seed, over all
 * that follows the header) is stored at at: the offset from which the
 * checksum matches. */
static inline size_t model_header_size(const unsigned char *b, size_t n, uint64_t seed, size_t at)
{
    uint64_t stored;
    memcpy(&stored, b + at, 8);
    size_t h = 40;
    while (h < 1024 && rs_checksum(seed, b + h, n - h) != stored)
        h += 8;
    if (h >= 1024)
        abort();
    return h;
}

/* Rewrite the model at p as version `version` with the single-chain
 * checksum of the files written before the lanes (sohoa.lm 4, sohoa.skc
 * 1): the version at offset 8, the checksum at `at`; the header's size is
 * the one whose body matches the stored checksum. */
static inline void write_serial_sum(const char *p, uint64_t seed, size_t at, uint32_t version)
{
    size_t n;
    unsigned char *b = read_model(p, &n);
    size_t h = model_header_size(b, n, seed, at);
    uint64_t serial = rs_checksum_lanes(seed, b + h, n - h, 1);
    memcpy(b + 8, &version, 4);
    memcpy(b + at, &serial, 8);
    write_model(p, b, n);
    free(b);
}

#endif
