/* cli.c — help, error and usage printing shared by the subcommands, and
 * the one-thread pinning of Tesseract for the commands that OCR. */
#include "cli.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sohoa/buf.h"

int cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return 0;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return 1;
    }
    return 0;
}

void cli_print_help(const sohoa_command *c, FILE *f)
{
    fprintf(f, "sohoa %s — %s\n\n%s", c->name, c->summary, c->help);
}

void cli_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "sohoa %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int cli_usage_error(const sohoa_command *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "sohoa %s: ", c->name);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'sohoa %s --help'.\n", c->name);
    va_end(ap);
    return EXIT_USAGE;
}

int cli_not_yet(const sohoa_command *c, const char *issue)
{
    fprintf(stderr, "sohoa %s: not implemented yet (tracked in issue %s)\n", c->name, issue);
    return EXIT_USAGE;
}

int cli_parse_number(const sohoa_command *c, const char *opt, const char *s, double min,
                     double *out)
{
    char *end;
    *out = strtod(s, &end);
    if (end == s || *end || !(*out >= min) || *out > CLI_NUMBER_MAX)
        return cli_usage_error(c, "%s needs a number from %g to %g, not '%s'", opt, min,
                               CLI_NUMBER_MAX, s);
    return EXIT_OK;
}

int cli_parse_int(const sohoa_command *c, const char *opt, const char *s, int min, int *out)
{
    double v;
    int rc = cli_parse_number(c, opt, s, min, &v);
    if (rc != EXIT_OK)
        return rc;
    if (v > INT_MAX || v != (double)(long long)v)
        return cli_usage_error(c, "%s needs a whole number from %d to %d, not '%s'", opt, min,
                               INT_MAX, s);
    *out = (int)v;
    return EXIT_OK;
}

void cli_pin_openmp(int argc, char **argv)
{
    if (getenv("OMP_THREAD_LIMIT"))
        return;
    setenv("OMP_THREAD_LIMIT", "1", 1);
    char **args = sohoa_xcalloc((size_t)argc + 2, sizeof *args);
    args[0] = "sohoa";
    for (int i = 0; i < argc; i++)
        args[i + 1] = argv[i];
    execv("/proc/self/exe", args);
    free(args); /* exec failed: carry on with OpenMP's default */
}
