/* main.c — the sohoa command: a thin dispatcher over the subcommands in
 * cmd_*.c, which are thin fronts on the library (include/sohoa/). */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#define X(name) extern const sohoa_command sohoa_cmd_##name;
#define SOHOA_COMMANDS \
    X(normalize) X(restore) X(ocr) X(segment) X(process) X(ingest) X(search) \
    X(show) X(export) X(failures) X(merge) X(lm)
SOHOA_COMMANDS
#undef X
#define X(name) &sohoa_cmd_##name,
static const sohoa_command *const commands[] = {SOHOA_COMMANDS};
#undef X
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const sohoa_command *find(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i]->name, name) == 0)
            return commands[i];
    return NULL;
}

static void usage(FILE *f)
{
    fprintf(f,
            "sohoa %s — digitise Vietnamese administrative archives\n\n"
            "usage: sohoa COMMAND [OPTIONS] [ARGS]\n"
            "       sohoa help COMMAND | sohoa COMMAND --help | sohoa --version\n\n"
            "commands:\n",
            SOHOA_VERSION_STRING);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(f, "\nData (rules/, models/, dictionaries/) is read from %s\n"
               "(override with SOHOA_DATA). See sohoa(1).\n",
            cli_data_dir());
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        printf("sohoa %s\n", SOHOA_VERSION_STRING);
        return EXIT_OK;
    }
    if (strcmp(name, "help") == 0) {
        if (argc < 3) {
            usage(stdout);
            return EXIT_OK;
        }
        const sohoa_command *c = find(argv[2]);
        if (!c) {
            fprintf(stderr, "sohoa: no such command '%s'\n\n", argv[2]);
            usage(stderr);
            return EXIT_USAGE;
        }
        cli_print_help(c, stdout);
        return EXIT_OK;
    }
    const sohoa_command *c = find(name);
    if (!c) {
        fprintf(stderr, "sohoa: unknown command '%s'\n\n", name);
        usage(stderr);
        return EXIT_USAGE;
    }
    if (cli_wants_help(argc - 1, argv + 1)) {
        cli_print_help(c, stdout);
        return EXIT_OK;
    }
    return c->run(argc - 1, argv + 1);
}
