/* cmd_merge.c — `sohoa merge`: merge shard databases into one.
 * Owner: issue #11. */
#include "cli.h"

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_merge = {
    "merge",
    "merge shard databases into one",
    "usage: sohoa merge --db OUT SHARD.db...\n",
    run,
};

static int run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_not_yet(&sohoa_cmd_merge, "#11");
}
