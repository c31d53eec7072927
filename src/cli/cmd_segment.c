/* cmd_segment.c — `sohoa segment`: cut clean text into metadata and sections.
 * Owner: issue #6. */
#include "cli.h"

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_segment = {
    "segment",
    "cut clean text into metadata and sections",
    "usage: sohoa segment [--format json|text] [FILE...]\n",
    run,
};

static int run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_not_yet(&sohoa_cmd_segment, "#6");
}
