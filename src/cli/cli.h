/* cli.h — what the subcommands share: the command table entry, help and
 * error printing, and finding the data directory (rules/, models/,
 * dictionaries/). Private to src/cli; library code never includes it.
 *
 * Exit statuses, for every command: 0 success, 1 some inputs failed (each
 * reported on its own line), 2 usage or fatal error. */
#ifndef SOHOA_CLI_H
#define SOHOA_CLI_H

#include <stdio.h>
#include "sohoa/error.h"

#define SOHOA_VERSION_STRING "0.1.0"

enum { EXIT_OK = 0, EXIT_SOME_FAILED = 1, EXIT_USAGE = 2 };

typedef struct sohoa_command {
    const char *name;
    const char *summary; /* one line for `sohoa --help` */
    const char *help;    /* full text for `sohoa help NAME` and `NAME --help` */
    int (*run)(int argc, char **argv); /* argv[0] is the command name */
} sohoa_command;

/* 1 if argv holds -h or --help (before any "--"). */
int cli_wants_help(int argc, char **argv);
/* Print the command's help to f. */
void cli_print_help(const sohoa_command *c, FILE *f);
/* Print "sohoa CMD: message" to stderr (one line). */
void cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print a usage error and the hint to run --help; returns EXIT_USAGE. */
int cli_usage_error(const sohoa_command *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Parse the value s of option opt as a number from min to CLI_NUMBER_MAX
 * into *out (NaN and infinities refused; the bound keeps any conversion to
 * long or size_t defined). Returns EXIT_OK, or a usage error naming the
 * option (EXIT_USAGE). */
#define CLI_NUMBER_MAX 1e15
int cli_parse_number(const sohoa_command *c, const char *opt, const char *s, double min,
                     double *out);
/* The same for a whole number from min to INT_MAX (job counts, pages). */
int cli_parse_int(const sohoa_command *c, const char *opt, const char *s, int min, int *out);
/* Tesseract's OpenMP threads: one engine per core is faster than one engine
 * spreading over all cores (about 4x per page on two cores), and OpenMP
 * reads its limit only at start-up, so a command that may OCR calls this
 * first: it sets OMP_THREAD_LIMIT=1 and starts the command again (once; an
 * OMP_THREAD_LIMIT already set is left as the user set it). argv is the
 * command's, argv[0] its name. Returns only if nothing had to change or
 * the exec failed. */
void cli_pin_openmp(int argc, char **argv);
/* `sohoa lm adapt ARGS` (cmd_lm_adapt.c); argv[0] is "adapt". */
int cli_lm_adapt(int argc, char **argv);
/* The stub body of a command that does not exist yet: says so, returns 2. */
int cli_not_yet(const sohoa_command *c, const char *issue);

/* The data directory: $SOHOA_DATA if set; else the source tree the binary was
 * built in (the directory above the build directory, if it holds rules/); else
 * PREFIX/share/sohoa. Returns a static string; never NULL. */
const char *cli_data_dir(void);
/* The directory of the running binary into buf (size n): 1, or 0 when it
 * cannot be read. */
int cli_exe_dir(char *buf, size_t n);
/* cli_data_dir()/sub into buf (size n); returns buf. */
char *cli_data_path(const char *sub, char *buf, size_t n);

#endif
