/* pipeline_options.h — what `sohoa process` and `sohoa ingest` share to set
 * up the one-file pipeline: its options (sohoa_pipeline_opts: --no-restore,
 * --encoding, --time-limit, --max-pixels, --max-pages, --max-bytes,
 * --low-conf, --model) and
 * loading the resources they select from the data directory. One parser and
 * one loader, so that both commands accept the same values and print the
 * same errors. Private to src/cli. */
#ifndef SOHOA_CLI_PIPELINE_OPTIONS_H
#define SOHOA_CLI_PIPELINE_OPTIONS_H

#include <getopt.h>
#include "cli.h"
#include "sohoa/pipeline.h"

/* The entries of a struct option table (the codes are the characters below
 * and CLI_PIPELINE_MODEL; a command must not use them for anything else). */
enum { CLI_PIPELINE_MODEL = 0x100 }; /* --model: no letter is free in ingest */
#define CLI_PIPELINE_OPTIONS                                   \
    {"no-restore", no_argument, NULL, 'R'},                    \
    {"encoding", required_argument, NULL, 'e'},                \
    {"time-limit", required_argument, NULL, 't'},              \
    {"max-pixels", required_argument, NULL, 'P'},              \
    {"max-pages", required_argument, NULL, 'G'},               \
    {"max-bytes", required_argument, NULL, 'B'},                \
    {"low-conf", required_argument, NULL, 'W'},                \
    {"model", required_argument, NULL, CLI_PIPELINE_MODEL}

/* Apply the option with code opt and argument arg to p. Returns 1 if opt is
 * one of CLI_PIPELINE_OPTIONS, 0 if it is not, -1 after printing a usage
 * error naming the option of command c. */
int cli_pipeline_option(const sohoa_command *c, int opt, const char *arg,
                        sohoa_pipeline_opts *p);

/* Load the rules, the restorer's model (from p->models_dir, --model, else
 * the data directory's; not at all if p->restore is 0: --no-restore) and
 * the dictionaries from the data directory into *sh
 * (release it with sohoa_pipeline_shared_free). On failure prints "sohoa
 * CMD: reason" (with a hint that --no-restore skips the model), leaves the
 * reason in err and returns a status other than SOHOA_OK. */
int cli_pipeline_load(const sohoa_command *c, const sohoa_pipeline_opts *p,
                      sohoa_pipeline_shared *sh, sohoa_err *err);

#endif
