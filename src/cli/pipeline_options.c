/* pipeline_options.c — parsing the pipeline options of `sohoa process` and
 * `sohoa ingest`, and loading what they select (pipeline_options.h). */
#include "pipeline_options.h"
#include "sohoa/encoding.h"

/* *out = arg as a number >= min; 1 on success, -1 after a usage error. */
static int number(const sohoa_command *c, const char *name, const char *arg, double min,
                  double *out)
{
    return cli_parse_number(c, name, arg, min, out) == EXIT_OK ? 1 : -1;
}

int cli_pipeline_option(const sohoa_command *c, int opt, const char *arg,
                        sohoa_pipeline_opts *p)
{
    double v = 0;
    switch (opt) {
    case 'R': p->restore = 0; return 1;
    case 'e':
        if ((p->encoding = sohoa_encoding_parse(arg)) < 0) {
            cli_usage_error(c, "unknown encoding '%s'", arg);
            return -1;
        }
        return 1;
    case 't':
        if (number(c, "--time-limit", arg, 0, &v) < 0)
            return -1;
        p->time_limit = v;
        return 1;
    case 'P':
        if (number(c, "--max-pixels", arg, 1, &v) < 0)
            return -1;
        p->oopts.max_pixels = (long)v;
        return 1;
    case 'G':
        return cli_parse_int(c, "--max-pages", arg, 1, &p->oopts.max_pages) == EXIT_OK ? 1 : -1;
    case 'B':
        if (number(c, "--max-bytes", arg, 1, &v) < 0)
            return -1;
        p->max_text_bytes = (size_t)v;
        return 1;
    case CLI_PIPELINE_MODEL: p->models_dir = arg; return 1;
    case 'W':
        if (number(c, "--low-conf", arg, 0, &v) < 0)
            return -1;
        p->ropts.low_conf = v;
        return 1;
    default: return 0;
    }
}

int cli_pipeline_load(const sohoa_command *c, const sohoa_pipeline_opts *p,
                      sohoa_pipeline_shared *sh, sohoa_err *err)
{
    char rules[4096], models[4096], dicts[4096];
    cli_data_path("rules", rules, sizeof rules);
    if (p->models_dir)
        snprintf(models, sizeof models, "%s", p->models_dir);
    else
        cli_data_path("models", models, sizeof models);
    cli_data_path("dictionaries", dicts, sizeof dicts);
    int rc = sohoa_pipeline_shared_load(rules, p->restore ? models : NULL, dicts, sh, err);
    if (rc != SOHOA_OK)
        cli_error(c->name, "%s%s", err->msg, p->restore ? " (--no-restore skips the model)" : "");
    return rc;
}
