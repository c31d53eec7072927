/* cmd_search.c — `sohoa search`: search a database without typing
 * diacritics. A thin front on sohoa_store_search / sohoa_store_facets.
 * Owner: issue #7. */
#include "store_cli.h"
#include "table.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_search = {
    "search",
    "search a database without typing diacritics",
    "usage: sohoa search --db DB [filters] [--exact] [--documents] [--facets]\n"
    "                    [--limit N] [--format table|json|csv] QUERY...\n"
    "\n"
    "Finds sections (with their document) whose title, heading or text match\n"
    "QUERY, ignoring case and diacritics: 'dong thap' finds 'Đồng Tháp'.\n"
    "QUERY uses FTS5 syntax: words (all must occur), \"a phrase\", prefix*,\n"
    "OR, NOT, NEAR(a b, 5), column filters title: heading: body:. Words\n"
    "with punctuation go in double quotes: '\"86/KH-UBND\"'. Results are\n"
    "ranked by BM25, title and headings weighing more than the body.\n"
    "\n"
    "  --db DB            the database (opened read-only)\n"
    "  --type T           document type: ke_hoach, bao_cao, quyet_dinh ...\n"
    "  --section KIND     sections of this kind: budget, purpose, tasks ...\n"
    "  --issuer S         issuer contains S (case and diacritics ignored)\n"
    "  --place S          place contains S (case and diacritics ignored)\n"
    "  --year Y           documents of year Y\n"
    "  --from DATE        documents dated on or after DATE (YYYY[-MM[-DD]])\n"
    "  --to DATE          documents dated on or before DATE (YYYY[-MM[-DD]])\n"
    "  --cites NUMBER     documents citing NUMBER ('2077/QD-UBND' or '2077')\n"
    "  --exact            match diacritics exactly (case is still ignored)\n"
    "  --documents        one result per document: its best section\n"
    "  --facets           print counts per type, year, issuer and section\n"
    "                     kind for the query instead of the results\n"
    "  --limit N          at most N results (default 20)\n"
    "  --format F         table (default; fits 80 columns), json (one object\n"
    "                     per line) or csv\n"
    "\n"
    "Matches are marked [like this] in snippets. Exit status: 0 (also when\n"
    "nothing matches), 2 for a usage error, a query FTS5 cannot parse, or a\n"
    "missing or damaged database.\n",
    run,
};

enum { FMT_TABLE, FMT_JSON, FMT_CSV };

/* A line under a result row: indented by 6, cut to the 80th column. */
static void indented_line(const char *s)
{
    fputs("      ", stdout);
    table_cell(stdout, s, 74, 0);
    putchar('\n');
}

static void print_table(const sohoa_hit *h, size_t n)
{
    printf("%-5s %-11s %-15s %-10s  %-25s %6s\n", "DOC", "TYPE", "NUMBER", "DATE", "SECTION",
           "SCORE");
    for (size_t i = 0; i < n; i++) {
        char code[256], sec[512];
        printf("%5lld ", (long long)h[i].doc_id);
        table_cell(stdout, h[i].doc_type ? h[i].doc_type : "-", 11, TABLE_PAD);
        putchar(' ');
        table_cell(stdout, store_cli_code(h[i].number, h[i].symbol, code, sizeof code), 15,
                   TABLE_PAD);
        putchar(' ');
        table_cell(stdout, h[i].date ? h[i].date : "-", 10, TABLE_PAD);
        fputs("  ", stdout);
        snprintf(sec, sizeof sec, "%s: %s%s%s", h[i].kind ? h[i].kind : "other",
                 h[i].label ? h[i].label : "", h[i].label ? ". " : "",
                 h[i].heading ? h[i].heading : "");
        table_cell(stdout, sec, 25, TABLE_PAD);
        printf(" %6.2f\n", h[i].score);
        if (h[i].title && *h[i].title)
            indented_line(h[i].title);
        if (h[i].snippet && *h[i].snippet)
            indented_line(h[i].snippet);
        for (size_t p = 0; p < h[i].npaths; p++)
            indented_line(h[i].paths[p]);
    }
}

static void print_json(const sohoa_hit *h, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char code[256];
        json_t *o = json_object();
        json_object_set_new(o, "doc_id", json_integer(h[i].doc_id));
        json_object_set_new(o, "section_id", json_integer(h[i].section_id));
        json_object_set_new(o, "paths", sohoa_json_string_array(h[i].paths, h[i].npaths));
        json_object_set_new(o, "doc_type", sohoa_json_string_or_null(h[i].doc_type));
        json_object_set_new(o, "number", (h[i].number || h[i].symbol)
                                             ? json_string(store_cli_code(h[i].number, h[i].symbol, code, sizeof code))
                                             : json_null());
        json_object_set_new(o, "date", sohoa_json_string_or_null(h[i].date));
        json_object_set_new(o, "year", h[i].year ? json_integer(h[i].year) : json_null());
        json_object_set_new(o, "title", sohoa_json_string_or_null(h[i].title));
        json_object_set_new(o, "issuer", sohoa_json_string_or_null(h[i].issuer));
        json_object_set_new(o, "place", sohoa_json_string_or_null(h[i].place));
        json_object_set_new(o, "section_ordinal", json_integer(h[i].ordinal));
        json_object_set_new(o, "section_label", sohoa_json_string_or_null(h[i].label));
        json_object_set_new(o, "section_heading", sohoa_json_string_or_null(h[i].heading));
        json_object_set_new(o, "section_kind", sohoa_json_string_or_null(h[i].kind));
        json_object_set_new(o, "section_kinds", sohoa_json_string_array(h[i].kinds, h[i].nkinds));
        json_object_set_new(o, "line", json_integer(h[i].line));
        json_object_set_new(o, "page", h[i].page ? json_integer(h[i].page) : json_null());
        json_object_set_new(o, "snippet", sohoa_json_string_or_null(h[i].snippet));
        json_object_set_new(o, "score", json_real(h[i].score));
        store_cli_print_json_line(o);
    }
}

static void print_csv(const sohoa_hit *h, size_t n)
{
    puts("doc_id,section_id,score,doc_type,number,date,year,title,issuer,place,"
         "section_ordinal,section_label,section_heading,section_kind,section_kinds,line,page,"
         "paths,snippet");
    for (size_t i = 0; i < n; i++) {
        char code[256];
        printf("%lld,%lld,%.4f,", (long long)h[i].doc_id, (long long)h[i].section_id,
               h[i].score);
        store_cli_csv(stdout, h[i].doc_type, ',');
        store_cli_csv(stdout, store_cli_code(h[i].number, h[i].symbol, code, sizeof code), ',');
        store_cli_csv(stdout, h[i].date, ',');
        store_cli_csv_int(stdout, h[i].year, 1, ',');
        store_cli_csv(stdout, h[i].title, ',');
        store_cli_csv(stdout, h[i].issuer, ',');
        store_cli_csv(stdout, h[i].place, ',');
        store_cli_csv_int(stdout, h[i].ordinal, 0, ',');
        store_cli_csv(stdout, h[i].label, ',');
        store_cli_csv(stdout, h[i].heading, ',');
        store_cli_csv(stdout, h[i].kind, ',');
        store_cli_csv_list(stdout, h[i].kinds, h[i].nkinds, ',');
        store_cli_csv_int(stdout, h[i].line, 0, ',');
        store_cli_csv_int(stdout, h[i].page, 1, ',');
        store_cli_csv_list(stdout, h[i].paths, h[i].npaths, ',');
        store_cli_csv(stdout, h[i].snippet, '\n');
    }
}

static void print_facets(const sohoa_facet *f, size_t n, int fmt)
{
    if (fmt == FMT_TABLE)
        printf("%-8s %7s  %s\n", "FACET", "COUNT", "VALUE");
    else if (fmt == FMT_CSV)
        puts("facet,value,count");
    for (size_t i = 0; i < n; i++) {
        if (fmt == FMT_TABLE) {
            printf("%-8s %7lld  ", f[i].facet, (long long)f[i].count);
            table_cell(stdout, *f[i].value ? f[i].value : "(unknown)", 62, 0);
            putchar('\n');
        } else if (fmt == FMT_CSV) {
            store_cli_csv(stdout, f[i].facet, ',');
            store_cli_csv(stdout, f[i].value, ',');
            printf("%lld\n", (long long)f[i].count);
        } else {
            store_cli_print_json_line(json_pack("{s:s,s:s,s:I}", "facet", f[i].facet, "value",
                                                f[i].value, "count", (json_int_t)f[i].count));
        }
    }
}

static int parse_format(const char *s)
{
    return strcmp(s, "table") == 0 ? FMT_TABLE
           : strcmp(s, "json") == 0 ? FMT_JSON
           : strcmp(s, "csv") == 0  ? FMT_CSV
                                    : -1;
}

static int run(int argc, char **argv)
{
    static const struct option longopts[] = {
        STORE_CLI_FILTER_OPTIONS,
        {"documents", no_argument, NULL, OPT_DOCUMENTS},
        {"facets", no_argument, NULL, OPT_FACETS},
        {"limit", required_argument, NULL, OPT_LIMIT},
        {"format", required_argument, NULL, OPT_FORMAT},
        {NULL, 0, NULL, 0},
    };
    const sohoa_command *c = &sohoa_cmd_search;
    sohoa_search_opts o = {.limit = 20};
    const char *db = NULL;
    int fmt = FMT_TABLE, facets = 0, opt;
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        int r = store_cli_filter_option(c, opt, optarg, &o.filter, &db, &o.exact);
        if (r < 0)
            return EXIT_USAGE;
        if (r > 0)
            continue;
        switch (opt) {
        case OPT_DOCUMENTS: o.documents = 1; break;
        case OPT_FACETS: facets = 1; break;
        case OPT_LIMIT: {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 1 || v > 100000)
                return cli_usage_error(c, "--limit wants a number from 1 to 100000, not '%s'",
                                       optarg);
            o.limit = (size_t)v;
            break;
        }
        case OPT_FORMAT:
            if ((fmt = parse_format(optarg)) < 0)
                return cli_usage_error(c, "--format is table, json or csv, not '%s'", optarg);
            break;
        default:
            return cli_usage_error(c, "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (!db)
        return cli_usage_error(c, "--db DB is required");
    char *query = store_cli_join(argc, argv, optind);
    if (!query || !*query) {
        free(query);
        return cli_usage_error(c, "a QUERY is required");
    }
    o.query = query;
    sohoa_store *s = store_cli_open(c, db);
    if (!s) {
        free(query);
        return EXIT_USAGE;
    }
    int use_bold = fmt == FMT_TABLE && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
    o.mark_open = use_bold ? "\033[1m" : "[";
    o.mark_close = use_bold ? "\033[0m" : "]";
    sohoa_err e;
    int rc = EXIT_OK;
    if (facets) {
        sohoa_facet *f = NULL;
        size_t n = 0;
        if (sohoa_store_facets(s, &o, &f, &n, &e) == SOHOA_OK)
            print_facets(f, n, fmt);
        else
            rc = EXIT_USAGE;
        sohoa_facets_free(f, n);
    } else {
        sohoa_hit *h = NULL;
        size_t n = 0;
        if (sohoa_store_search(s, &o, &h, &n, &e) == SOHOA_OK) {
            if (fmt == FMT_TABLE)
                print_table(h, n);
            else if (fmt == FMT_JSON)
                print_json(h, n);
            else
                print_csv(h, n);
            if (n == 0 && fmt == FMT_TABLE)
                fprintf(stderr, "sohoa search: no matches for '%s'\n", query);
        } else {
            rc = EXIT_USAGE;
        }
        sohoa_hits_free(h, n);
    }
    if (rc != EXIT_OK)
        cli_error(c->name, "%s", e.msg);
    sohoa_store_close(s);
    free(query);
    return store_cli_flush(c, rc);
}
