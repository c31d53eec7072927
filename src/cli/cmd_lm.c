/* cmd_lm.c — `sohoa lm`: train, inspect and evaluate the language model.
 * Owner: issue #12. */
#include "cli.h"

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_lm = {
    "lm",
    "train, inspect and evaluate the language model",
    "usage: sohoa lm train|info|eval [options]\n",
    run,
};

static int run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_not_yet(&sohoa_cmd_lm, "#12");
}
