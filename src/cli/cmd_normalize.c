/* cmd_normalize.c — `sohoa normalize`: decode legacy encodings and normalise Vietnamese text.
 * Owner: issue #3. */
#include "cli.h"

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_normalize = {
    "normalize",
    "decode legacy encodings and normalise Vietnamese text",
    "usage: sohoa normalize [--encoding E] [--tone-style new|old] [--lenient] [FILE...]\n",
    run,
};

static int run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_not_yet(&sohoa_cmd_normalize, "#3");
}
