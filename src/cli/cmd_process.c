/* cmd_process.c — `sohoa process`: run the whole chain on files and print JSON.
 * Owner: issue #6. */
#include "cli.h"

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_process = {
    "process",
    "run the whole chain on files and print JSON",
    "usage: sohoa process [--format json|text] FILE...\n",
    run,
};

static int run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_not_yet(&sohoa_cmd_process, "#6");
}
