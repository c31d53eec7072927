/* cmd_merge.c — `sohoa merge`: merge shard databases into one, atomically
 * and idempotently (a thin front on sohoa_batch_merge). */
#include "cli.h"
#include "sohoa/batch.h"

#include <getopt.h>
#include <string.h>

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_merge = {
    "merge",
    "merge shard databases into one",
    "usage: sohoa merge --db OUT [--wait] [--quiet] SHARD.db...\n"
    "\n"
    "Merges the shard databases written by `sohoa ingest --shard I/N` (or any\n"
    "sohoa databases) into OUT, together with what OUT already holds. The same\n"
    "document (content hash) in several inputs is stored once, keeping the row\n"
    "of the newest pipeline version; paths are united. The full-text index is\n"
    "rebuilt once at the end. OUT is replaced atomically (OUT.tmp, then a\n"
    "rename): it is either the old database or the complete new one. Merging\n"
    "the same shards again changes nothing. A shard of another schema version\n"
    "is refused.\n"
    "\n"
    "  --db OUT      the merged database (created if missing)\n"
    "  --wait        wait while an ingest or merge holds OUT (else exit 2)\n"
    "  -q, --quiet   no report\n"
    "\n"
    "Exit status: 0 merged, 2 usage or any error (OUT untouched).\n",
    run,
};

static int run(int argc, char **argv)
{
    static const struct option longopts[] = {{"db", required_argument, NULL, 'd'},
                                             {"wait", no_argument, NULL, 'w'},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {NULL, 0, NULL, 0}};
    const char *out = NULL;
    int wait = 0, quiet = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "q", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': out = optarg; break;
        case 'w': wait = 1; break;
        case 'q': quiet = 1; break;
        default: return cli_usage_error(&sohoa_cmd_merge, "unknown option");
        }
    }
    if (!out)
        return cli_usage_error(&sohoa_cmd_merge, "--db OUT is required");
    if (optind >= argc)
        return cli_usage_error(&sohoa_cmd_merge, "no SHARD.db given");
    sohoa_merge_summary sum;
    sohoa_err err = {0};
    if (sohoa_batch_merge(out, (const char *const *)argv + optind, (size_t)(argc - optind), wait,
                          &sum, &err) != SOHOA_OK) {
        cli_error("merge", "%s (%s left untouched)", err.msg, out);
        return EXIT_USAGE;
    }
    if (!quiet)
        fprintf(stderr, "sohoa merge: %zu shard%s into %s: %zu document%s added, %zu replaced by a newer pipeline version, %.1f s\n",
                sum.shards, sum.shards == 1 ? "" : "s", out, sum.added, sum.added == 1 ? "" : "s",
                sum.replaced, sum.seconds);
    return EXIT_OK;
}
