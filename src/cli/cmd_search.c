/* cmd_search.c — `sohoa search`: search a database without typing diacritics.
 * Owner: issue #7. */
#include "cli.h"

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_search = {
    "search",
    "search a database without typing diacritics",
    "usage: sohoa search --db DB [filters] [--limit N] [--format table|json|csv] QUERY\n",
    run,
};

static int run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_not_yet(&sohoa_cmd_search, "#7");
}
