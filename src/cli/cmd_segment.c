/* cmd_segment.c — `sohoa segment`: cut clean text into metadata and sections.
 * A thin front on sohoa_rules_load + sohoa_segment (include/sohoa/segment.h):
 * reads each FILE (or stdin), checks it is UTF-8, normalises it
 * (sohoa_normalize: NFC, look-alikes, tone placement), segments it and prints one
 * JSON object per input (sohoa_doc_to_json) or a readable outline.
 * Owner: issue #6. */
#include "cli.h"

#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "sohoa/buf.h"
#include "sohoa/doc.h"
#include "sohoa/file.h"
#include "sohoa/normalize.h"
#include "sohoa/segment.h"
#include "sohoa/utf8.h"

#define DEFAULT_MAX_BYTES (64u << 20)

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_segment = {
    "segment",
    "cut clean text into metadata and sections",
    "usage: sohoa segment [--format json|text] [--pretty] [--rules DIR] [--max-bytes N]\n"
    "                     [FILE...]\n"
    "\n"
    "Read clean UTF-8 text (already decoded and restored) from each FILE, or\n"
    "from standard input when none is given or FILE is '-', and print its\n"
    "metadata (type, number, symbol, issuer, place, date, title, signer,\n"
    "period), cited documents, recipients and section tree: one JSON object\n"
    "per input, one per line.\n"
    "\n"
    "  --format json|text  JSON objects (default) or a readable outline\n"
    "  --pretty            indent the JSON\n"
    "  --rules DIR         read the grammars from DIR (default: the data\n"
    "                      directory's rules/; see SOHOA_DATA)\n"
    "  --max-bytes N       refuse an input larger than N bytes (default 64 MiB)\n"
    "\n"
    "Exit status: 0 all inputs segmented, 1 some inputs failed (each reported\n"
    "on one line), 2 usage error or unreadable rules.\n",
    run,
};

static void print_sections(const sohoa_section *s, size_t n, int indent)
{
    for (size_t i = 0; i < n; i++) {
        printf("%*s", indent * 2, "");
        if (s[i].label)
            printf("%s. ", s[i].label);
        printf("%s [", s[i].heading ? s[i].heading : "(no heading)");
        for (size_t k = 0; k < s[i].nkinds; k++)
            printf("%s%s", k ? ", " : "", s[i].kinds[k]);
        printf("] line %d\n", s[i].line);
        print_sections(s[i].children, s[i].nchildren, indent + 1);
    }
}

static void field(const char *name, const char *v)
{
    if (v)
        printf("%-12s %s\n", name, v);
}

static void print_outline(const sohoa_doc *d)
{
    printf("== %s\n", d->path ? d->path : "-");
    field("type:", d->doc_type);
    field("number:", d->number);
    field("symbol:", d->symbol);
    field("issuer:", d->issuer);
    field("place:", d->place);
    field("date:", d->date ? d->date : d->date_partial);
    field("title:", d->title);
    field("period:", d->period);
    field("signer:", d->signer);
    field("role:", d->signer_role);
    printf("sections:\n");
    print_sections(d->sections, d->nsections, 1);
    if (d->nrefs)
        printf("references:\n");
    for (size_t i = 0; i < d->nrefs; i++)
        printf("  %s %s %s\n", d->refs[i].type ? d->refs[i].type : "?", d->refs[i].number,
               d->refs[i].date ? d->refs[i].date : "");
    if (d->nrecipients)
        printf("recipients:\n");
    for (size_t i = 0; i < d->nrecipients; i++)
        printf("  - %s\n", d->recipients[i]);
    printf("\n");
}

/* Read, check and segment one input; prints it. Returns 0 or 1 (failed). */
static int segment_one(const sohoa_rules *rules, const char *path, size_t max_bytes, int text,
                       int pretty)
{
    sohoa_err err;
    sohoa_err_clear(&err);
    char *data = NULL;
    size_t len = 0;
    if (sohoa_read_file(path, max_bytes, &data, &len, &err)) {
        cli_error("segment", "%s", err.msg);
        return 1;
    }
    size_t bad = sohoa_utf8_invalid_at(data, len);
    const char *nul = memchr(data, '\0', len);
    if (bad == (size_t)-1 && nul) {
        cli_error("segment", "%s: a NUL byte at offset %zu: not a text file", path,
                  (size_t)(nul - data));
        free(data);
        return 1;
    }
    if (bad != (size_t)-1) {
        cli_error("segment", "%s: not UTF-8 text (invalid byte at offset %zu); decode it first "
                             "with 'sohoa normalize'", path, bad);
        free(data);
        return 1;
    }
    sohoa_doc *d = sohoa_doc_new();
    d->path = sohoa_xstrdup(path);
    d->kind = sohoa_xstrdup("text");
    sohoa_sha256_hex(data, len, d->sha256);
    size_t bom = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    /* NFC, look-alikes, tone placement; lines stay one for one (no layout
     * clean-up), so section lines are lines of the file. */
    sohoa_norm_result nr;
    int failed = 0;
    if (sohoa_normalize(data + bom, len - bom, 0, &nr, &err)) {
        cli_error("segment", "%s: %s", path, err.msg);
        failed = 1;
    } else {
        d->text = sohoa_xstrdup(nr.text);
        sohoa_norm_result_free(&nr);
    }
    free(data);
    if (failed) {
    } else if (sohoa_segment(rules, d, &err)) {
        cli_error("segment", "%s", err.msg);
        failed = 1;
    } else if (text) {
        print_outline(d);
    } else {
        char *js = sohoa_doc_to_json(d, SOHOA_JSON_TEXT | (pretty ? SOHOA_JSON_PRETTY : 0));
        puts(js);
        free(js);
    }
    sohoa_doc_free(d);
    fflush(stdout);
    return failed;
}

static int run(int argc, char **argv)
{
    static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
                                         {"rules", required_argument, NULL, 'r'},
                                         {"pretty", no_argument, NULL, 'p'},
                                         {"max-bytes", required_argument, NULL, 'B'},
                                         {NULL, 0, NULL, 0}};
    int text = 0, pretty = 0, c, rc;
    size_t max_bytes = DEFAULT_MAX_BYTES;
    double v;
    const char *rules_dir = NULL;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "f:r:p", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "json") == 0)
                text = 0;
            else if (strcmp(optarg, "text") == 0)
                text = 1;
            else
                return cli_usage_error(&sohoa_cmd_segment, "unknown format '%s' (json or text)",
                                       optarg);
            break;
        case 'r': rules_dir = optarg; break;
        case 'p': pretty = 1; break;
        case 'B':
            if ((rc = cli_parse_number(&sohoa_cmd_segment, "--max-bytes", optarg, 1, &v)) != EXIT_OK)
                return rc;
            max_bytes = (size_t)v;
            break;
        default:
            return cli_usage_error(&sohoa_cmd_segment, "unknown or incomplete option '%s'",
                                   argv[optind - 1]);
        }
    }
    char buf[PATH_MAX];
    if (!rules_dir)
        rules_dir = cli_data_path("rules", buf, sizeof buf);
    sohoa_rules *rules;
    sohoa_err err;
    sohoa_err_clear(&err);
    if (sohoa_rules_load(rules_dir, &rules, &err)) {
        cli_error("segment", "%s", err.msg);
        return EXIT_USAGE;
    }
    int failed = 0;
    if (optind >= argc)
        failed += segment_one(rules, "-", max_bytes, text, pretty);
    for (int i = optind; i < argc; i++)
        failed += segment_one(rules, argv[i], max_bytes, text, pretty);
    sohoa_rules_free(rules);
    return failed ? EXIT_SOME_FAILED : EXIT_OK;
}
