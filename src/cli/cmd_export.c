/* cmd_export.c — `sohoa export`: export documents or sections as JSON lines or CSV.
 * Owner: issue #7. */
#include "cli.h"

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_export = {
    "export",
    "export documents or sections as JSON lines or CSV",
    "usage: sohoa export --db DB --format jsonl|csv [filters]\n",
    run,
};

static int run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_not_yet(&sohoa_cmd_export, "#7");
}
