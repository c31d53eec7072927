/* batch_journal.c — fuzzing the ingest journal DB.inflight (src/batch/
 * inflight.c), which `sohoa ingest` reads back from disk after a run died
 * (a crash, a kill, a full disk) and so may meet torn or damaged.
 * First byte even: the rest is a journal, read with batch_inflight_read.
 * Oracles: reading a regular file succeeds; every suspect has a hash of 64
 * lowercase hex digits, a non-empty path, a signal 0..999; no two suspects
 * share a hash; there are no more suspects than "start" records.
 * First byte odd: the rest (up to a NUL) is a path; a journal is opened, the
 * file started under a fixed hash, and read back while open. Oracle: one
 * suspect, that hash, not crashed, its path byte for byte (the escapes of
 * tab, newline and backslash go both ways). */
#include "fuzz.h"
#include "batch/inflight.h"

static const char SHA[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

static void check_suspects(const batch_suspect *s, size_t n, size_t starts)
{
    FUZZ_ASSERT(n <= starts);
    for (size_t i = 0; i < n; i++) {
        FUZZ_ASSERT(s[i].sha && strlen(s[i].sha) == 64);
        for (size_t k = 0; k < 64; k++)
            FUZZ_ASSERT((s[i].sha[k] >= '0' && s[i].sha[k] <= '9') ||
                        (s[i].sha[k] >= 'a' && s[i].sha[k] <= 'f'));
        FUZZ_ASSERT(s[i].path && s[i].path[0]);
        FUZZ_ASSERT(s[i].signo >= 0 && s[i].signo <= 999);
        for (size_t j = 0; j < i; j++)
            FUZZ_ASSERT(strcmp(s[i].sha, s[j].sha) != 0);
    }
}

static size_t count_starts(const uint8_t *data, size_t size)
{
    size_t n = 0;
    for (size_t i = 0; i + 6 <= size; i++)
        if ((i == 0 || data[i - 1] == '\n') && memcmp(data + i, "start\t", 6) == 0)
            n++;
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    char db[512];
    snprintf(db, sizeof db, "%s/db", fuzz_tmpdir());
    batch_suspect *s = NULL;
    size_t n = 0;
    sohoa_err err = {0};
    if (data[0] % 2 == 0) {
        fuzz_write("db.inflight", data + 1, size - 1);
        FUZZ_ASSERT(batch_inflight_read(db, &s, &n, &err) == SOHOA_OK);
        check_suspects(s, n, count_starts(data + 1, size - 1));
        batch_suspects_free(s, n);
        return 0;
    }
    char *path = fuzz_cstr(data + 1, size - 1); /* up to its first NUL */
    batch_inflight *j = NULL;
    FUZZ_ASSERT(batch_inflight_open(db, &j, &err) == SOHOA_OK);
    batch_inflight_start(j, SHA, path);
    FUZZ_ASSERT(batch_inflight_read(db, &s, &n, &err) == SOHOA_OK);
    if (path[0]) {
        FUZZ_ASSERT(n == 1);
        FUZZ_ASSERT(strcmp(s[0].sha, SHA) == 0 && s[0].signo == 0);
        FUZZ_ASSERT(strcmp(s[0].path, path) == 0);
    } else { /* an empty path is no record */
        FUZZ_ASSERT(n == 0);
    }
    batch_suspects_free(s, n);
    batch_inflight_end(j, SHA);
    batch_inflight_close(j);
    free(path);
    return 0;
}
