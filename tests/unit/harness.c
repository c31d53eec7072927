/* harness.c — runs every TEST registered in this binary, in order of
 * registration, and prints the tally (see harness.h). A test name given on
 * the command line runs only that test. */
#include "harness.h"

#define _XOPEN_SOURCE 700 /* nftw */
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define MAX_TESTS 1024
static struct { const char *name; harness_fn fn; } tests[MAX_TESTS];
static int ntests;
static int failed_now;

void harness_register(const char *name, harness_fn fn)
{
    if (ntests == MAX_TESTS) {
        fprintf(stderr, "harness: too many tests\n");
        exit(2);
    }
    tests[ntests].name = name;
    tests[ntests].fn = fn;
    ntests++;
}

void harness_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("  %s:%d: ", file, line);
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    failed_now = 1;
}

int harness_failed_now(void) { return failed_now; }

const char *harness_srcdir(void)
{
    const char *s = getenv("SOHOA_SRC");
    return s && *s ? s : ".";
}

#define MAX_TMPDIRS 256
static char *tmpdirs[MAX_TMPDIRS];
static int ntmpdirs;
static pid_t tmpdir_owner;

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

static void remove_tmpdirs(void)
{
    if (getpid() != tmpdir_owner)
        return;
    for (int i = 0; i < ntmpdirs; i++) {
        nftw(tmpdirs[i], remove_one, 16, FTW_DEPTH | FTW_PHYS);
        free(tmpdirs[i]);
    }
    ntmpdirs = 0;
}

const char *harness_tmpdir(const char *prefix)
{
    const char *t = getenv("TMPDIR");
    size_t n = strlen(t && *t ? t : "/tmp") + strlen(prefix) + 9;
    char *d = malloc(n);
    if (!d || ntmpdirs == MAX_TMPDIRS)
        abort();
    snprintf(d, n, "%s/%s-XXXXXX", t && *t ? t : "/tmp", prefix);
    if (!mkdtemp(d))
        abort();
    if (ntmpdirs == 0 && !tmpdir_owner) {
        tmpdir_owner = getpid();
        atexit(remove_tmpdirs);
    }
    tmpdirs[ntmpdirs++] = d;
    return d;
}

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;
    for (int i = 0; i < ntests; i++) {
        if (argc > 1 && strcmp(argv[1], tests[i].name) != 0)
            continue;
        failed_now = 0;
        tests[i].fn();
        printf("%s %s\n", failed_now ? "FAIL" : "ok  ", tests[i].name);
        fflush(stdout);
        if (failed_now)
            failed++;
        else
            passed++;
    }
    printf("RESULT %d %d\n", passed, failed);
    fflush(stdout);
    return failed ? 1 : 0;
}
