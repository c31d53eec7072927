/* cmd_show.c — `sohoa show`: one document with its section outline, as
 * text or as the JSON of `sohoa process` plus its id and paths.
 * Owner: issue #7. */
#include "review_text.h"
#include "store_cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_show = {
    "show",
    "show one document with its section outline",
    "usage: sohoa show --db DB [--format text|json] [--review] [--text] [--raw] ID\n"
    "\n"
    "ID is a document id (as printed by search) or a sha256 or a unique\n"
    "prefix of one (6+ hex digits).\n"
    "\n"
    "  --db DB        the database (opened read-only)\n"
    "  --format F     text (default: metadata and section outline) or json\n"
    "                 (the object of `sohoa process`, with \"id\" and \"paths\";\n"
    "                 its \"review\" lists the words to check)\n"
    "  --review       also list the words the restorer was unsure of (text\n"
    "                 format): line, page, as read, as restored, confidence and\n"
    "                 the alternatives, in text order\n"
    "  --text         also print the restored text\n"
    "  --raw          also print the raw text (before restoration)\n",
    run,
};

static void field(const char *name, const char *v)
{
    if (v && *v)
        printf("%-12s %s\n", name, v);
}

static void outline(const sohoa_section *s, size_t n, int depth)
{
    for (size_t i = 0; i < n; i++) {
        printf("%*s", 2 + 2 * depth, "");
        if (s[i].label)
            printf("%s. ", s[i].label);
        printf("%s  [", s[i].heading ? s[i].heading : "(no heading)");
        for (size_t k = 0; k < s[i].nkinds; k++)
            printf("%s%s", k ? ", " : "", s[i].kinds[k]);
        printf("]  line %d", s[i].line);
        if (s[i].page)
            printf(", page %d", s[i].page);
        putchar('\n');
        outline(s[i].children, s[i].nchildren, depth + 1);
    }
}

static void print_text(const sohoa_doc *d, int64_t id, char **paths, size_t np, int text,
                       int raw, int review)
{
    char buf[512];
    printf("document %lld  sha256 %s\n", (long long)id, d->sha256);
    for (size_t i = 0; i < np; i++)
        field(i ? "" : "path", paths[i]);
    field("type", d->doc_type);
    field("number", store_cli_code(d->number, d->symbol, buf, sizeof buf));
    field("date", d->date ? d->date : d->date_partial);
    field("issuer", d->issuer);
    field("place", d->place);
    field("title", d->title);
    if (d->signer) {
        snprintf(buf, sizeof buf, "%s%s%s%s", d->signer, d->signer_role ? " (" : "",
                 d->signer_role ? d->signer_role : "", d->signer_role ? ")" : "");
        field("signer", buf);
    }
    field("period", d->period);
    snprintf(buf, sizeof buf, "%s, %d page%s", d->kind ? d->kind : "?", d->pages,
             d->pages == 1 ? "" : "s");
    if (d->ocr_conf >= 0)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), ", OCR confidence %.2f",
                 d->ocr_conf);
    field("source", buf);
    if (d->restore.tokens) {
        snprintf(buf, sizeof buf, "%zu tokens, %zu changed, %zu flagged, mean confidence %.2f",
                 d->restore.tokens, d->restore.changed, d->restore.low_conf, d->restore.mean_conf);
        field("restored", buf);
    }
    for (size_t i = 0; i < d->nrefs; i++) {
        snprintf(buf, sizeof buf, "%s %s%s%s%s", d->refs[i].type ? d->refs[i].type : "?",
                 d->refs[i].number ? d->refs[i].number : "", d->refs[i].date ? " (" : "",
                 d->refs[i].date ? d->refs[i].date : "", d->refs[i].date ? ")" : "");
        field(i ? "" : "cites", buf);
    }
    for (size_t i = 0; i < d->nrecipients; i++)
        field(i ? "" : "recipients", d->recipients[i]);
    for (size_t i = 0; i < d->nagencies; i++)
        field(i ? "" : "agencies", d->agencies[i]);
    printf("sections\n");
    outline(d->sections, d->nsections, 0);
    if (review)
        cli_print_review(stdout, d);
    if (text && d->text)
        printf("text\n%s%s", d->text, d->text[0] && d->text[strlen(d->text) - 1] == '\n' ? "" : "\n");
    if (raw && d->raw)
        printf("raw\n%s%s", d->raw, d->raw[0] && d->raw[strlen(d->raw) - 1] == '\n' ? "" : "\n");
}

static int print_json(const sohoa_doc *d, int64_t id, char **paths, size_t np, int text, int raw)
{
    return store_cli_print_doc_json(d, id, paths, np,
                                    (text ? SOHOA_JSON_TEXT : 0) | (raw ? SOHOA_JSON_RAW : 0));
}

static int run(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, OPT_DB},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"text", no_argument, NULL, OPT_TEXT},
        {"raw", no_argument, NULL, OPT_RAW},
        {"review", no_argument, NULL, OPT_REVIEW},
        {NULL, 0, NULL, 0},
    };
    const sohoa_command *c = &sohoa_cmd_show;
    const char *db = NULL;
    int json = 0, text = 0, raw = 0, review = 0, opt;
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (opt) {
        case OPT_DB: db = optarg; break;
        case OPT_TEXT: text = 1; break;
        case OPT_RAW: raw = 1; break;
        case OPT_REVIEW: review = 1; break;
        case OPT_FORMAT:
            if (strcmp(optarg, "json") == 0)
                json = 1;
            else if (strcmp(optarg, "text") == 0)
                json = 0;
            else
                return cli_usage_error(c, "--format is text or json, not '%s'", optarg);
            break;
        default:
            return cli_usage_error(c, "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (!db)
        return cli_usage_error(c, "--db DB is required");
    if (optind != argc - 1)
        return cli_usage_error(c, "exactly one document ID is required");
    sohoa_store *s = store_cli_open(c, db);
    if (!s)
        return EXIT_USAGE;
    sohoa_err e;
    int64_t id = 0;
    sohoa_doc *d = NULL;
    char **paths = NULL;
    size_t np = 0;
    int rc = sohoa_store_lookup(s, argv[optind], &id, &e);
    if (!rc)
        rc = sohoa_store_get(s, id, &d, &e);
    if (!rc)
        rc = sohoa_store_paths(s, id, &paths, &np, &e);
    if (rc) {
        cli_error(c->name, "%s", e.msg);
    } else if (json) {
        if (print_json(d, id, paths, np, text, raw) != 0) {
            cli_error(c->name, "%s: document %lld cannot be written as JSON", db, (long long)id);
            rc = 1;
        }
    } else {
        print_text(d, id, paths, np, text, raw, review);
    }
    sohoa_strv_free(paths, np);
    sohoa_doc_free(d);
    sohoa_store_close(s);
    return store_cli_flush(c, rc ? EXIT_USAGE : EXIT_OK);
}
