/* harness.c — runs every TEST registered in this binary, in order of
 * registration, and prints the tally (see harness.h). A test name given on
 * the command line runs only that test. */
#include "harness.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

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
