/* store_cli.h — what the analysts' commands (search, show, export) share:
 * the filter options, opening the database read-only, and output helpers
 * (CSV fields, JSON lines). Private to src/cli.
 * Ownership: store_cli_open's store and store_cli_join's string belong to
 * the caller (sohoa_store_close, free); store_cli_code returns its buf. */
#ifndef SOHOA_STORE_CLI_H
#define SOHOA_STORE_CLI_H

#include <getopt.h>
#include <stdio.h>
#include "cli.h"
#include "sohoa/json.h"
#include "sohoa/store.h"

/* Long-option codes of the filters (values above any short option). */
enum {
    OPT_DB = 256, OPT_TYPE, OPT_SECTION, OPT_ISSUER, OPT_PLACE, OPT_YEAR, OPT_FROM, OPT_TO,
    OPT_CITES, OPT_EXACT, OPT_DOCUMENTS, OPT_FACETS, OPT_LIMIT, OPT_FORMAT, OPT_SECTIONS,
    OPT_TEXT, OPT_RAW, OPT_QUERY, OPT_REVIEW
};

#define STORE_CLI_FILTER_OPTIONS                                                  \
    {"db", required_argument, NULL, OPT_DB},                                      \
    {"type", required_argument, NULL, OPT_TYPE},                                  \
    {"section", required_argument, NULL, OPT_SECTION},                            \
    {"issuer", required_argument, NULL, OPT_ISSUER},                              \
    {"place", required_argument, NULL, OPT_PLACE},                                \
    {"year", required_argument, NULL, OPT_YEAR},                                  \
    {"from", required_argument, NULL, OPT_FROM},                                  \
    {"to", required_argument, NULL, OPT_TO},                                      \
    {"cites", required_argument, NULL, OPT_CITES},                                \
    {"exact", no_argument, NULL, OPT_EXACT}

/* Apply one filter option to f (and --db to *db). Returns 1 if opt was a
 * filter option, 0 if not, -1 after printing a usage error. */
int store_cli_filter_option(const sohoa_command *c, int opt, const char *arg, sohoa_filter *f,
                            const char **db, int *exact);

/* Open db read-only; on failure print "sohoa CMD: message" and return NULL. */
sohoa_store *store_cli_open(const sohoa_command *c, const char *db);

/* The remaining arguments joined by spaces (malloc'd), or NULL if none. */
char *store_cli_join(int argc, char **argv, int from);

/* One CSV field (RFC 4180: quoted when it holds , " CR or LF), then sep. */
void store_cli_csv(FILE *f, const char *s, char sep);
/* An integer CSV field (empty when absent, i.e. 0 and absent0 set). */
void store_cli_csv_int(FILE *f, long long v, int absent0, char sep);
/* The n strings of v joined by ';' as one CSV field, then sep. */
void store_cli_csv_list(FILE *f, char *const *v, size_t n, char sep);

/* "86/KH-UBND" from number and symbol (either may be NULL); into buf. */
const char *store_cli_code(const char *number, const char *symbol, char *buf, size_t n);

/* Print o on stdout as one line of compact JSON (keys in insertion order)
 * and release it: the call takes the caller's reference, as jansson's *_new
 * functions do. Returns 0, or -1 if o is NULL or cannot be printed. */
int store_cli_print_json_line(json_t *o);

/* Print a stored document as one line of JSON: the object of `sohoa
 * process` (flags: SOHOA_JSON_*) with its "id" and "paths" added.
 * Returns 0, or -1 if it could not be serialised. */
int store_cli_print_doc_json(const sohoa_doc *d, int64_t id, char **paths, size_t np,
                             unsigned flags);

/* Print a write error (e.g. a full disk) and return EXIT_USAGE if stdout
 * failed, else return rc. */
int store_cli_flush(const sohoa_command *c, int rc);

#endif
