/* cmd_restore.c — `sohoa restore`: restore diacritics and correct OCR errors.
 * Owner: issue #12. */
#include "cli.h"

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_restore = {
    "restore",
    "restore diacritics and correct OCR errors",
    "usage: sohoa restore [--model DIR] [--json] [FILE...]\n",
    run,
};

static int run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_not_yet(&sohoa_cmd_restore, "#12");
}
