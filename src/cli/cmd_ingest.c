/* cmd_ingest.c — `sohoa ingest`: process files into a database, incrementally.
 * Owner: issue #8. */
#include "cli.h"

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_ingest = {
    "ingest",
    "process files into a database, incrementally",
    "usage: sohoa ingest --db DB [-j N] [--recursive] PATH...\n",
    run,
};

static int run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_not_yet(&sohoa_cmd_ingest, "#8");
}
