/* cmd_failures.c — `sohoa failures`: list the files an ingest could not process.
 * Owner: issue #8. */
#include "cli.h"

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_failures = {
    "failures",
    "list the files an ingest could not process",
    "usage: sohoa failures --db DB [--format table|json]\n",
    run,
};

static int run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_not_yet(&sohoa_cmd_failures, "#8");
}
