/* pipeline_options.c — parsing the pipeline options of `sohoa process` and
 * `sohoa ingest` (pipeline_options.h). */
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
        if (number(c, "--max-pages", arg, 1, &v) < 0)
            return -1;
        p->oopts.max_pages = (int)v;
        return 1;
    case 'B':
        if (number(c, "--max-bytes", arg, 1, &v) < 0)
            return -1;
        p->max_text_bytes = (size_t)v;
        return 1;
    default: return 0;
    }
}
