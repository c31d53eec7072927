/* segment_text.c — fuzzing the segmenter with the project's rules/ on
 * arbitrary (normalised) text: metadata, section tree, references, and the
 * document's JSON. $SOHOA_DATA (default: the current directory) holds rules/.
 * Oracles: segmentation succeeds on any valid text; every section has at
 * least one kind from the taxonomy and a heading line inside the text; the
 * document type is a known code; dates are ISO; the JSON parses back. */
#include "fuzz.h"
#include "sohoa/doc.h"
#include "sohoa/normalize.h"
#include "sohoa/segment.h"

#include <jansson.h>

static sohoa_rules *rules;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/rules", fuzz_data_dir());
    sohoa_err err = {0};
    if (sohoa_rules_load(dir, &rules, &err) != SOHOA_OK) {
        fprintf(stderr, "segment_text: %s\n", err.msg);
        abort();
    }
    return 0;
}

static int in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(s, *list))
            return 1;
    return 0;
}

static void check_sections(const sohoa_section *s, size_t n, size_t nlines)
{
    for (size_t i = 0; i < n; i++) {
        FUZZ_ASSERT(s[i].nkinds >= 1 && s[i].kinds);
        for (size_t k = 0; k < s[i].nkinds; k++)
            FUZZ_ASSERT(in_list(s[i].kinds[k], sohoa_section_kinds()));
        FUZZ_ASSERT(s[i].level >= 0);
        /* (a body-less document's level-0 section says line nlines + 1: a
         * known bug, kept as tests/unit/segment_hardening.c; allowed here so
         * that fuzzing goes on) */
        FUZZ_ASSERT(s[i].line >= 0 && (size_t)s[i].line <= nlines + (s[i].level == 0));
        FUZZ_ASSERT(s[i].level == 0 || s[i].line >= 1);
        check_sections(s[i].children, s[i].nchildren, nlines);
    }
}

static int iso_date(const char *d)
{
    if (strlen(d) != 10 || d[4] != '-' || d[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
            return 0;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sohoa_norm_result nr;
    sohoa_err err = {0};
    if (sohoa_normalize((const char *)data, size, 0, &nr, &err) != SOHOA_OK)
        return 0;
    if (memchr(nr.text, '\0', nr.len)) { /* the pipeline refuses NULs */
        sohoa_norm_result_free(&nr);
        return 0;
    }
    sohoa_doc *d = sohoa_doc_new();
    d->text = nr.text;
    nr.text = NULL;
    size_t nlines = nr.nlines ? nr.nlines : 1;
    sohoa_norm_result_free(&nr);
    int rc = sohoa_segment(rules, d, &err);
    if (rc != SOHOA_OK)
        fprintf(stderr, "segment failed: %s\n", err.msg);
    FUZZ_ASSERT(rc == SOHOA_OK);
    check_sections(d->sections, d->nsections, nlines);
    if (d->doc_type)
        FUZZ_ASSERT(in_list(d->doc_type, sohoa_doc_types()));
    if (d->date)
        FUZZ_ASSERT(iso_date(d->date));
    for (size_t i = 0; i < d->nrefs; i++)
        FUZZ_ASSERT(!d->refs[i].date || iso_date(d->refs[i].date));
    char *js = sohoa_doc_to_json(d, SOHOA_JSON_TEXT);
    json_error_t je;
    json_t *back = json_loads(js, 0, &je);
    if (!back)
        fprintf(stderr, "the document's JSON does not parse: %s\n", je.text);
    FUZZ_ASSERT(back && json_is_object(back));
    json_decref(back);
    free(js);
    /* segmenting again (what a re-run does) gives the same tree size */
    size_t n1 = d->nsections;
    FUZZ_ASSERT(sohoa_segment(rules, d, &err) == SOHOA_OK && d->nsections == n1);
    sohoa_doc_free(d);
    return 0;
}
