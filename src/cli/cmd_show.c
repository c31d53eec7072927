/* cmd_show.c — `sohoa show`: show one document with its section outline.
 * Owner: issue #7. */
#include "cli.h"

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_show = {
    "show",
    "show one document with its section outline",
    "usage: sohoa show --db DB ID [--format json|text]\n",
    run,
};

static int run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_not_yet(&sohoa_cmd_show, "#7");
}
