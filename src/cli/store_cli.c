/* store_cli.c — filter options, read-only opening and output helpers shared
 * by `sohoa search`, `show` and `export` (see store_cli.h). */
#include "store_cli.h"
#include "sohoa/buf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* YYYY, YYYY-MM or YYYY-MM-DD. */
static int valid_date(const char *s)
{
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10)
        return 0;
    for (size_t i = 0; i < n; i++) {
        int dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return 0;
    }
    return 1;
}

int store_cli_filter_option(const sohoa_command *c, int opt, const char *arg, sohoa_filter *f,
                            const char **db, int *exact)
{
    switch (opt) {
    case OPT_DB: *db = arg; return 1;
    case OPT_TYPE: f->doc_type = arg; return 1;
    case OPT_SECTION: f->section_kind = arg; return 1;
    case OPT_ISSUER: f->issuer = arg; return 1;
    case OPT_PLACE: f->place = arg; return 1;
    case OPT_CITES: f->cites = arg; return 1;
    case OPT_EXACT: *exact = 1; return 1;
    case OPT_YEAR: {
        char *end;
        errno = 0;
        long y = strtol(arg, &end, 10);
        if (errno || *end || y < 1 || y > 9999) {
            cli_usage_error(c, "--year wants a year such as 2023, not '%s'", arg);
            return -1;
        }
        f->year = (int)y;
        return 1;
    }
    case OPT_FROM:
    case OPT_TO:
        if (!valid_date(arg)) {
            cli_usage_error(c, "--%s wants a date YYYY, YYYY-MM or YYYY-MM-DD, not '%s'",
                            opt == OPT_FROM ? "from" : "to", arg);
            return -1;
        }
        if (opt == OPT_FROM)
            f->from = arg;
        else
            f->to = arg;
        return 1;
    default: return 0;
    }
}

sohoa_store *store_cli_open(const sohoa_command *c, const char *db)
{
    sohoa_store *s = NULL;
    sohoa_err e;
    if (sohoa_store_open(db, SOHOA_STORE_READONLY, &s, &e) != SOHOA_OK) {
        cli_error(c->name, "%s", e.msg);
        return NULL;
    }
    return s;
}

char *store_cli_join(int argc, char **argv, int from)
{
    if (from >= argc)
        return NULL;
    sohoa_buf b = SOHOA_BUF_INIT;
    for (int i = from; i < argc; i++) {
        if (i > from)
            sohoa_buf_putc(&b, ' ');
        sohoa_buf_puts(&b, argv[i]);
    }
    return sohoa_buf_steal(&b);
}

void store_cli_csv(FILE *f, const char *s, char sep)
{
    if (s && strpbrk(s, ",\"\r\n")) {
        fputc('"', f);
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                fputc('"', f);
            fputc(*p, f);
        }
        fputc('"', f);
    } else if (s) {
        fputs(s, f);
    }
    fputc(sep, f);
}

void store_cli_csv_int(FILE *f, long long v, int absent0, char sep)
{
    if (!(absent0 && v == 0))
        fprintf(f, "%lld", v);
    fputc(sep, f);
}

void store_cli_csv_list(FILE *f, char *const *v, size_t n, char sep)
{
    sohoa_buf b = SOHOA_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            sohoa_buf_putc(&b, ';');
        sohoa_buf_puts(&b, v[i]);
    }
    store_cli_csv(f, sohoa_buf_cstr(&b), sep);
    sohoa_buf_free(&b);
}

const char *store_cli_code(const char *number, const char *symbol, char *buf, size_t n)
{
    if (number && symbol)
        snprintf(buf, n, "%s/%s", number, symbol);
    else
        snprintf(buf, n, "%s", number ? number : symbol ? symbol : "");
    return buf;
}

int store_cli_flush(const sohoa_command *c, int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error(c->name, "cannot write the output: %s", strerror(errno));
        return EXIT_USAGE;
    }
    return rc;
}

int store_cli_print_json_line(json_t *o)
{
    char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6)) : NULL;
    json_decref(o);
    if (!s)
        return -1;
    puts(s);
    free(s);
    return 0;
}

int store_cli_print_doc_json(const sohoa_doc *d, int64_t id, char **paths, size_t np,
                             unsigned flags)
{
    json_t *o = sohoa_doc_to_json_object(d, flags);
    json_object_set_new(o, "id", json_integer(id));
    json_object_set_new(o, "paths", sohoa_json_string_array(paths, np));
    return store_cli_print_json_line(o);
}
