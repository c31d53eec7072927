/* harness.h — the unit-test harness: TEST(name) { ... } registers a test;
 * CHECK(...) records a failure with file:line and returns from the test.
 * Each test binary prints one line per test and ends with
 * "RESULT <passed> <failed>", which tests/run.sh adds up. */
#ifndef SOHOA_HARNESS_H
#define SOHOA_HARNESS_H

#include <string.h>

typedef void (*harness_fn)(void);
void harness_register(const char *name, harness_fn fn);
void harness_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int harness_failed_now(void);
/* Directory of the source tree (for fixtures): $SOHOA_SRC or ".". */
const char *harness_srcdir(void);
/* A new empty directory $TMPDIR/PREFIX-XXXXXX (/tmp without TMPDIR), taken
 * away with all it holds when the test binary exits (by the process that
 * made it, not a forked child); the test binary stops if it cannot be made. */
const char *harness_tmpdir(const char *prefix);

#define TEST(name)                                                         \
    static void name(void);                                                \
    __attribute__((constructor)) static void name##_register(void)         \
    {                                                                      \
        harness_register(#name, name);                                     \
    }                                                                      \
    static void name(void)

#define CHECK(cond)                                                        \
    do {                                                                   \
        if (!(cond)) {                                                     \
            harness_fail(__FILE__, __LINE__, "%s", #cond);                 \
            return;                                                        \
        }                                                                  \
    } while (0)

#define CHECK_STR(got, want)                                               \
    do {                                                                   \
        const char *g_ = (got), *w_ = (want);                              \
        if (!g_ || !w_ || strcmp(g_, w_) != 0) {                           \
            harness_fail(__FILE__, __LINE__, "%s: got \"%s\", want \"%s\"", \
                         #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)");    \
            return;                                                        \
        }                                                                  \
    } while (0)

#define CHECK_INT(got, want)                                               \
    do {                                                                   \
        long long g_ = (long long)(got), w_ = (long long)(want);           \
        if (g_ != w_) {                                                    \
            harness_fail(__FILE__, __LINE__, "%s: got %lld, want %lld",    \
                         #got, g_, w_);                                    \
            return;                                                        \
        }                                                                  \
    } while (0)

#endif
