/* summary.c — the result of an ingest: building it, freeing it, and printing
 * it as JSON for nightly jobs (--json-summary; written whole by
 * sohoa_write_file_atomic, write_atomic.c), and the clock its durations are
 * measured with. */
#include "internal.h"
#include "sohoa/buf.h"
#include "sohoa/json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void batch_summary_add_failure(sohoa_batch_summary *s, const char *path, const char *stage,
                               const char *error)
{
    s->failures = sohoa_xrealloc(s->failures, (s->nfailures + 1) * sizeof *s->failures);
    sohoa_batch_failure *f = &s->failures[s->nfailures++];
    f->path = sohoa_xstrdup(path);
    f->stage = sohoa_xstrdup(stage ? stage : "unknown");
    f->error = sohoa_xstrdup(error ? error : "");
    s->failed++;
}

void batch_summary_add_warning(sohoa_batch_summary *s, const char *fmt, ...)
{
    sohoa_buf b = SOHOA_BUF_INIT;
    char tmp[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    sohoa_buf_puts(&b, tmp);
    s->warnings = sohoa_xrealloc(s->warnings, (s->nwarnings + 1) * sizeof *s->warnings);
    s->warnings[s->nwarnings++] = sohoa_buf_steal(&b);
}

void sohoa_batch_summary_free(sohoa_batch_summary *s)
{
    for (size_t i = 0; i < s->nfailures; i++) {
        free(s->failures[i].path);
        free(s->failures[i].stage);
        free(s->failures[i].error);
    }
    free(s->failures);
    for (size_t i = 0; i < s->nwarnings; i++)
        free(s->warnings[i]);
    free(s->warnings);
    memset(s, 0, sizeof *s);
}

static json_t *size_j(size_t n) { return json_integer((json_int_t)n); }

char *sohoa_batch_summary_json(const sohoa_batch_summary *s, const char *db, const char *shard,
                               int exit_status, const char *error)
{
    json_t *o = json_object();
    json_object_set_new(o, "db", sohoa_json_string_or_null(db));
    json_object_set_new(o, "shard", sohoa_json_string_or_null(shard));
    json_object_set_new(o, "exit_status", json_integer(exit_status));
    json_object_set_new(o, "error", sohoa_json_string_or_null(error));
    json_object_set_new(o, "interrupted", json_boolean(s->interrupted));
    json_object_set_new(o, "files", size_j(s->files));
    json_object_set_new(o, "other_shards", size_j(s->other_shard));
    json_object_set_new(o, "processed", size_j(s->processed));
    json_object_set_new(o, "unchanged", size_j(s->unchanged));
    json_object_set_new(o, "previously_failed", size_j(s->previously_failed));
    json_object_set_new(o, "duplicates", size_j(s->duplicates));
    json_object_set_new(o, "failed", size_j(s->failed));
    json_object_set_new(o, "moved", size_j(s->moved));
    json_object_set_new(o, "pages", json_integer(s->pages));
    json_object_set_new(o, "review_words", size_j(s->review_words));
    json_object_set_new(o, "seconds_scan", json_real(s->seconds_scan));
    json_object_set_new(o, "seconds_process", json_real(s->seconds_process));
    json_object_set_new(o, "seconds_total", json_real(s->seconds_total));
    double ppm = s->seconds_process > 0 ? s->pages * 60.0 / s->seconds_process : 0;
    json_object_set_new(o, "pages_per_minute", json_real(ppm));
    json_t *fa = json_array();
    for (size_t i = 0; i < s->nfailures; i++) {
        json_t *f = json_object();
        json_object_set_new(f, "path", sohoa_json_string(s->failures[i].path));
        json_object_set_new(f, "stage", json_string(s->failures[i].stage));
        json_object_set_new(f, "error", sohoa_json_string(s->failures[i].error));
        json_array_append_new(fa, f);
    }
    json_object_set_new(o, "failures", fa);
    json_object_set_new(o, "warnings", sohoa_json_string_array(s->warnings, s->nwarnings));
    char *txt = json_dumps(o, JSON_PRESERVE_ORDER | JSON_INDENT(2));
    json_decref(o);
    return txt;
}
