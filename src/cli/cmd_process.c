/* cmd_process.c — `sohoa process`: run the whole chain (decode or OCR,
 * normalise, restore, segment) on files and print one JSON object per input
 * (issue #6 shape) or a short readable outline. A thin front on
 * sohoa_pipeline_* (include/sohoa/pipeline.h). */
#include "cli.h"
#include "pipeline_options.h"
#include "review_text.h"
#include "sohoa/buf.h"
#include "sohoa/pipeline.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_process = {
    "process",
    "run the whole chain on files and print JSON",
    "usage: sohoa process [--format json|text] [--no-restore] [--model DIR] [--encoding E]\n"
    "                     [FILE...]\n"
    "\n"
    "Runs every FILE through the whole pipeline: images and PDFs (recognised by\n"
    "content) are OCRed, other files are decoded as text (encoding detected),\n"
    "then normalised, restored and segmented. Prints one JSON object per file,\n"
    "one per line, in the order given; a file that fails gives one error line on\n"
    "stderr naming it and the stage, and the others are still processed.\n"
    "With no FILE, or FILE \"-\", reads text from standard input.\n"
    "\n"
    "  --format json|text   JSON objects (default) or a readable outline (with\n"
    "                       the words to review, if any)\n"
    "  --pretty             indent the JSON\n"
    "  --no-restore         skip diacritic restoration / OCR correction\n"
    "  --encoding E         force the text encoding: utf-8, utf-16, tcvn3, vni,\n"
    "                       viqr, cp1258 (default: detect)\n"
    "  --lenient            invalid bytes become U+FFFD instead of an error\n"
    "  --lang L             Tesseract languages for scans (default vie)\n"
    "  --time-limit S       give up on a file after S seconds (default 600; 0: no\n"
    "                       limit), stopping OCR and restoration part way\n"
    "  --max-pixels N       refuse pages with more pixels, before decoding\n"
    "                       (default 150000000)\n"
    "  --max-pages N        refuse scans and PDFs with more pages (default 2000)\n"
    "  --max-bytes N        refuse text files larger than N bytes (default 64 MiB)\n"
    "  --low-conf X         list restored words under confidence X for review\n"
    "                       (default 0.5; 0: none)\n"
    "  --model DIR          the restorer's models (default the data directory's\n"
    "                       models/; `sohoa lm adapt` makes one for your documents)\n"
    "\n"
    "Exit status: 0 all files processed, 1 some failed, 2 usage or fatal error.\n",
    run,
};

typedef struct process_args {
    int text_format, pretty;
    sohoa_pipeline_opts popts;
} process_args;

static int parse(int argc, char **argv, process_args *a)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'}, {"pretty", no_argument, NULL, 'p'},
        {"lenient", no_argument, NULL, 'l'},      {"lang", required_argument, NULL, 'L'},
        CLI_PIPELINE_OPTIONS,                     {NULL, 0, NULL, 0}};
    int c, known;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:e:", longopts, NULL)) != -1) {
        if ((known = cli_pipeline_option(&sohoa_cmd_process, c, optarg, &a->popts)) < 0)
            return EXIT_USAGE;
        if (known)
            continue;
        switch (c) {
        case 'f':
            if (strcmp(optarg, "json") && strcmp(optarg, "text"))
                return cli_usage_error(&sohoa_cmd_process, "--format must be json or text, not '%s'", optarg);
            a->text_format = strcmp(optarg, "text") == 0;
            break;
        case 'p': a->pretty = 1; break;
        case 'l': a->popts.lenient = 1; break;
        case 'L': a->popts.oopts.lang = optarg; break;
        default:
            return cli_usage_error(&sohoa_cmd_process, "unknown option");
        }
    }
    return EXIT_OK;
}

static void print_section(const sohoa_section *s, int depth)
{
    printf("%*s", 2 * depth, "");
    if (s->label)
        printf("%s. ", s->label);
    printf("%s [", s->heading ? s->heading : "(no heading)");
    for (size_t i = 0; i < s->nkinds; i++)
        printf("%s%s", i ? ", " : "", s->kinds[i]);
    printf("] line %d\n", s->line);
    for (size_t i = 0; i < s->nchildren; i++)
        print_section(&s->children[i], depth + 1);
}

static void print_outline(const sohoa_doc *d)
{
    printf("== %s (%s, %d page%s%s%s)\n", d->path, d->kind ? d->kind : "?", d->pages,
           d->pages == 1 ? "" : "s", d->encoding ? ", " : "", d->encoding ? d->encoding : "");
    const char *names[] = {"type", "number", "symbol", "issuer", "place", "date", "title", "signer"};
    const char *vals[] = {d->doc_type, d->number, d->symbol, d->issuer,
                          d->place, d->date ? d->date : d->date_partial, d->title, d->signer};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (vals[i])
            printf("%-7s %s\n", names[i], vals[i]);
    for (size_t i = 0; i < d->nsections; i++)
        print_section(&d->sections[i], 0);
    if (d->nreview)
        cli_print_review(stdout, d);
}

static int run(int argc, char **argv)
{
    cli_pin_openmp(argc, argv); /* a scan is OCRed by one engine */
    process_args a;
    memset(&a, 0, sizeof a);
    sohoa_pipeline_opts_init(&a.popts);
    int rc = parse(argc, argv, &a);
    if (rc != EXIT_OK)
        return rc;
    sohoa_err err = {0};
    sohoa_pipeline_shared sh;
    if (cli_pipeline_load(&sohoa_cmd_process, &a.popts, &sh, &err) != SOHOA_OK)
        return EXIT_USAGE;
    sohoa_pipeline *p = NULL;
    if (sohoa_pipeline_new(&a.popts, sh.rules, sh.restorer, &p, &err) != SOHOA_OK) {
        cli_error("process", "%s", err.msg);
        sohoa_pipeline_shared_free(&sh);
        return EXIT_USAGE;
    }
    int status = EXIT_OK;
    char *stdin_only[] = {"-"};
    char **files = optind < argc ? argv + optind : stdin_only;
    int nfiles = optind < argc ? argc - optind : 1;
    for (int i = 0; i < nfiles; i++) {
        sohoa_doc *d = NULL;
        if (sohoa_pipeline_run(p, files[i], &d, &err) != SOHOA_OK) {
            cli_error("process", "%s", err.msg);
            status = EXIT_SOME_FAILED;
            continue;
        }
        if (a.text_format) {
            print_outline(d);
        } else {
            char *js = sohoa_doc_to_json(d, SOHOA_JSON_TEXT | (a.pretty ? SOHOA_JSON_PRETTY : 0));
            puts(js);
            free(js);
        }
        fflush(stdout);
        sohoa_doc_free(d);
    }
    sohoa_pipeline_free(p);
    sohoa_pipeline_shared_free(&sh);
    return status;
}
