/* cmd_failures.c — `sohoa failures`: list the files an ingest could not
 * process (path, stage, error, attempts, last time), as a table or JSON. */
#include "cli.h"
#include "table.h"
#include "sohoa/json.h"
#include "sohoa/store.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_failures = {
    "failures",
    "list the files an ingest could not process",
    "usage: sohoa failures --db DB [--format table|json]\n"
    "\n"
    "Lists the files recorded as failed by `sohoa ingest` in DB: path, stage\n"
    "(read, decode, ocr, normalize, restore, segment, limit, store), attempts,\n"
    "the time of the last attempt (UTC) and the error. `sohoa ingest\n"
    "--retry-failed --db DB` retries them; a success removes the record.\n"
    "\n"
    "  --db DB              the database (required)\n"
    "  --format table|json  a table (default) or a JSON array of objects\n"
    "\n"
    "Exit status: 0 listed (even if empty), 2 usage or unreadable database.\n",
    run,
};

static void print_table(const sohoa_failure *f, size_t n)
{
    if (n == 0) {
        fprintf(stderr, "no recorded failures\n");
        return;
    }
    /* The path column is as wide as the longest path, at most 60 columns;
     * a longer path is printed whole and pushes its row to the right. */
    int w = 4;
    for (size_t i = 0; i < n; i++) {
        int pw = table_text_width(f[i].path);
        if (pw > w)
            w = pw > 60 ? 60 : pw;
    }
    table_cell(stdout, "PATH", w, TABLE_PAD);
    printf("  %-9s  %8s  %-20s  %s\n", "STAGE", "ATTEMPTS", "LAST", "ERROR");
    for (size_t i = 0; i < n; i++) {
        table_cell(stdout, f[i].path, w, TABLE_PAD | TABLE_WHOLE);
        printf("  %-9s  %8d  %-20s  %s\n", f[i].stage ? f[i].stage : "", f[i].attempts,
               f[i].last_at ? f[i].last_at : "", f[i].error ? f[i].error : "");
    }
}

static void print_json(const sohoa_failure *f, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "path", sohoa_json_string_or_null(f[i].path));
        json_object_set_new(o, "sha256", sohoa_json_string_or_null(f[i].sha256));
        json_object_set_new(o, "stage", sohoa_json_string_or_null(f[i].stage));
        json_object_set_new(o, "error", sohoa_json_string_or_null(f[i].error));
        json_object_set_new(o, "attempts", json_integer(f[i].attempts));
        json_object_set_new(o, "last_at", sohoa_json_string_or_null(f[i].last_at));
        json_array_append_new(a, o);
    }
    char *s = json_dumps(a, JSON_PRESERVE_ORDER | JSON_INDENT(2));
    puts(s);
    free(s);
    json_decref(a);
}

static int run(int argc, char **argv)
{
    static const struct option longopts[] = {{"db", required_argument, NULL, 'd'},
                                             {"format", required_argument, NULL, 'f'},
                                             {NULL, 0, NULL, 0}};
    const char *db = NULL;
    int json = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == 'd') {
            db = optarg;
        } else if (c == 'f') {
            if (strcmp(optarg, "table") && strcmp(optarg, "json"))
                return cli_usage_error(&sohoa_cmd_failures, "--format must be table or json, not '%s'", optarg);
            json = strcmp(optarg, "json") == 0;
        } else {
            return cli_usage_error(&sohoa_cmd_failures, "unknown option");
        }
    }
    if (!db)
        return cli_usage_error(&sohoa_cmd_failures, "--db DB is required");
    if (optind < argc)
        return cli_usage_error(&sohoa_cmd_failures, "unexpected argument '%s'", argv[optind]);
    sohoa_err err = {0};
    sohoa_store *s = NULL;
    sohoa_failure *f = NULL;
    size_t n = 0;
    if (sohoa_store_open(db, SOHOA_STORE_READONLY, &s, &err) != SOHOA_OK ||
        sohoa_store_failures(s, &f, &n, &err) != SOHOA_OK) {
        cli_error("failures", "%s", err.msg);
        sohoa_store_close(s);
        return EXIT_USAGE;
    }
    if (json)
        print_json(f, n);
    else
        print_table(f, n);
    sohoa_failures_free(f, n);
    sohoa_store_close(s);
    return EXIT_OK;
}
