/* cmd_export.c — `sohoa export`: documents or sections as JSON lines or CSV,
 * for jq, spreadsheets and pandas. Reads each selected document back with
 * sohoa_store_get, so the JSON is the object of `sohoa process`.
 * Owner: issue #7. */
#include "store_cli.h"

#include <stdlib.h>
#include <string.h>

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_export = {
    "export",
    "export documents or sections as JSON lines or CSV",
    "usage: sohoa export --db DB [--format jsonl|csv] [--sections] [--text] [--raw]\n"
    "                    [filters] [QUERY...]\n"
    "\n"
    "Writes every document that passes the filters (and matches QUERY, if\n"
    "given; FTS5 syntax as in `sohoa search`) to standard output, in id order.\n"
    "\n"
    "  --db DB            the database (opened read-only)\n"
    "  --format F         jsonl (default: one document per line, the object of\n"
    "                     `sohoa process` with \"id\" and \"paths\") or csv (one row\n"
    "                     per document, with a header)\n"
    "  --sections         one row/object per section instead of per document\n"
    "  --text             include the restored text\n"
    "  --raw              include the raw text (JSON lines only)\n"
    "  --type T, --section KIND, --issuer S, --place S, --year Y, --from DATE,\n"
    "  --to DATE, --cites NUMBER, --exact\n"
    "                     filters, as in `sohoa search`; with --sections,\n"
    "                     --section KIND also keeps only the sections of KIND\n",
    run,
};

typedef struct export_opts {
    int csv, sections, text, raw;
    const char *kind; /* --section */
} export_opts;

static int has_kind(const sohoa_section *s, const char *kind)
{
    if (!kind)
        return 1;
    for (size_t i = 0; i < s->nkinds; i++)
        if (strcmp(s->kinds[i], kind) == 0)
            return 1;
    return 0;
}

static void section_row(const export_opts *x, const sohoa_doc *d, int64_t id, char **paths,
                        size_t np, const sohoa_section *s, int ordinal, int parent)
{
    char code[256];
    store_cli_code(d->number, d->symbol, code, sizeof code);
    if (x->csv) {
        printf("%lld,%d,", (long long)id, ordinal);
        store_cli_csv_int(stdout, parent, 1, ',');
        printf("%d,", s->level);
        store_cli_csv(stdout, s->label, ',');
        store_cli_csv(stdout, s->heading, ',');
        store_cli_csv(stdout, s->nkinds ? s->kinds[0] : "other", ',');
        store_cli_csv_list(stdout, s->kinds, s->nkinds, ',');
        store_cli_csv_int(stdout, s->line, 0, ',');
        store_cli_csv_int(stdout, s->page, 1, ',');
        store_cli_csv(stdout, d->doc_type, ',');
        store_cli_csv(stdout, code, ',');
        store_cli_csv(stdout, d->date, ',');
        store_cli_csv_int(stdout, d->year, 1, ',');
        store_cli_csv(stdout, d->title, ',');
        store_cli_csv_list(stdout, paths, np, x->text ? ',' : '\n');
        if (x->text)
            store_cli_csv(stdout, s->text, '\n');
        return;
    }
    json_t *o = json_object();
    json_object_set_new(o, "doc_id", json_integer(id));
    json_object_set_new(o, "ordinal", json_integer(ordinal));
    json_object_set_new(o, "parent_ordinal", parent ? json_integer(parent) : json_null());
    json_object_set_new(o, "level", json_integer(s->level));
    json_object_set_new(o, "label", sohoa_json_string_or_null(s->label));
    json_object_set_new(o, "heading", sohoa_json_string_or_null(s->heading));
    json_object_set_new(o, "kind", json_string(s->nkinds ? s->kinds[0] : "other"));
    json_object_set_new(o, "kinds", sohoa_json_string_array(s->kinds, s->nkinds));
    json_object_set_new(o, "line", json_integer(s->line));
    json_object_set_new(o, "page", s->page ? json_integer(s->page) : json_null());
    json_object_set_new(o, "doc_type", sohoa_json_string_or_null(d->doc_type));
    json_object_set_new(o, "number", *code ? json_string(code) : json_null());
    json_object_set_new(o, "date", sohoa_json_string_or_null(d->date));
    json_object_set_new(o, "year", d->year ? json_integer(d->year) : json_null());
    json_object_set_new(o, "title", sohoa_json_string_or_null(d->title));
    json_object_set_new(o, "paths", sohoa_json_string_array(paths, np));
    if (x->text)
        json_object_set_new(o, "text", sohoa_json_string_or_null(s->text));
    store_cli_print_json_line(o);
}

/* Sections in pre-order, numbered as the store numbers them. */
static void sections(const export_opts *x, const sohoa_doc *d, int64_t id, char **paths,
                     size_t np, const sohoa_section *s, size_t n, int parent, int *ordinal)
{
    for (size_t i = 0; i < n; i++) {
        int me = ++*ordinal;
        if (has_kind(&s[i], x->kind))
            section_row(x, d, id, paths, np, &s[i], me, parent);
        sections(x, d, id, paths, np, s[i].children, s[i].nchildren, me, ordinal);
    }
}

static size_t count_sections(const sohoa_section *s, size_t n)
{
    size_t k = n;
    for (size_t i = 0; i < n; i++)
        k += count_sections(s[i].children, s[i].nchildren);
    return k;
}

static void document_row(const export_opts *x, const sohoa_doc *d, int64_t id, char **paths,
                         size_t np)
{
    if (!x->csv) {
        unsigned flags = (x->text ? SOHOA_JSON_TEXT : 0) | (x->raw ? SOHOA_JSON_RAW : 0);
        store_cli_print_doc_json(d, id, paths, np, flags);
        return;
    }
    char code[256];
    printf("%lld,%s,", (long long)id, d->sha256);
    store_cli_csv(stdout, d->doc_type, ',');
    store_cli_csv(stdout, store_cli_code(d->number, d->symbol, code, sizeof code), ',');
    store_cli_csv(stdout, d->date, ',');
    store_cli_csv_int(stdout, d->year, 1, ',');
    store_cli_csv(stdout, d->issuer, ',');
    store_cli_csv(stdout, d->place, ',');
    store_cli_csv(stdout, d->title, ',');
    store_cli_csv(stdout, d->signer, ',');
    store_cli_csv(stdout, d->signer_role, ',');
    store_cli_csv(stdout, d->period, ',');
    store_cli_csv(stdout, d->kind, ',');
    printf("%d,", d->pages);
    if (d->ocr_conf >= 0)
        printf("%.4f", d->ocr_conf);
    printf(",%zu,", count_sections(d->sections, d->nsections));
    store_cli_csv_list(stdout, paths, np, x->text ? ',' : '\n');
    if (x->text)
        store_cli_csv(stdout, d->text, '\n');
}

static void header(const export_opts *x)
{
    if (!x->csv)
        return;
    if (x->sections)
        printf("doc_id,ordinal,parent_ordinal,level,label,heading,kind,kinds,line,page,"
               "doc_type,number,date,year,title,paths%s\n",
               x->text ? ",text" : "");
    else
        printf("id,sha256,doc_type,number,date,year,issuer,place,title,signer,signer_role,"
               "period,kind,pages,ocr_conf,sections,paths%s\n",
               x->text ? ",text" : "");
}

static int export_all(const sohoa_command *c, sohoa_store *s, const export_opts *x,
                      const int64_t *ids, size_t n)
{
    header(x);
    for (size_t i = 0; i < n; i++) {
        sohoa_err e;
        sohoa_doc *d = NULL;
        char **paths = NULL;
        size_t np = 0;
        if (sohoa_store_get(s, ids[i], &d, &e) != SOHOA_OK ||
            sohoa_store_paths(s, ids[i], &paths, &np, &e) != SOHOA_OK) {
            cli_error(c->name, "%s", e.msg);
            sohoa_doc_free(d);
            return EXIT_USAGE;
        }
        if (x->sections) {
            int ordinal = 0;
            sections(x, d, ids[i], paths, np, d->sections, d->nsections, 0, &ordinal);
        } else {
            document_row(x, d, ids[i], paths, np);
        }
        sohoa_strv_free(paths, np);
        sohoa_doc_free(d);
        if (ferror(stdout))
            break;
    }
    return EXIT_OK;
}

static int run(int argc, char **argv)
{
    static const struct option longopts[] = {
        STORE_CLI_FILTER_OPTIONS,
        {"format", required_argument, NULL, OPT_FORMAT},
        {"sections", no_argument, NULL, OPT_SECTIONS},
        {"text", no_argument, NULL, OPT_TEXT},
        {"raw", no_argument, NULL, OPT_RAW},
        {NULL, 0, NULL, 0},
    };
    const sohoa_command *c = &sohoa_cmd_export;
    sohoa_filter f = {0};
    export_opts x = {0};
    const char *db = NULL;
    int exact = 0, opt;
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        int r = store_cli_filter_option(c, opt, optarg, &f, &db, &exact);
        if (r < 0)
            return EXIT_USAGE;
        if (r > 0)
            continue;
        switch (opt) {
        case OPT_SECTIONS: x.sections = 1; break;
        case OPT_TEXT: x.text = 1; break;
        case OPT_RAW: x.raw = 1; break;
        case OPT_FORMAT:
            if (strcmp(optarg, "csv") == 0)
                x.csv = 1;
            else if (strcmp(optarg, "jsonl") == 0 || strcmp(optarg, "json") == 0)
                x.csv = 0;
            else
                return cli_usage_error(c, "--format is jsonl or csv, not '%s'", optarg);
            break;
        default:
            return cli_usage_error(c, "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (!db)
        return cli_usage_error(c, "--db DB is required");
    if (x.raw && x.csv)
        return cli_usage_error(c, "--raw is for --format jsonl only");
    x.kind = f.section_kind;
    char *query = store_cli_join(argc, argv, optind);
    sohoa_store *s = store_cli_open(c, db);
    if (!s) {
        free(query);
        return EXIT_USAGE;
    }
    sohoa_err e;
    int64_t *ids = NULL;
    size_t n = 0;
    int rc;
    if (sohoa_store_select(s, &f, query, exact, &ids, &n, &e) != SOHOA_OK) {
        cli_error(c->name, "%s", e.msg);
        rc = EXIT_USAGE;
    } else {
        rc = export_all(c, s, &x, ids, n);
    }
    free(ids);
    free(query);
    sohoa_store_close(s);
    return store_cli_flush(c, rc);
}
