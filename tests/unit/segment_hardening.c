/* segment_hardening.c — regression tests for what fuzzing the segmenter
 * found (fuzz/segment_*.c; FUZZING.md). Expectations are written by hand. */
#include "harness.h"
#include "sohoa/segment.h"

#include <stdio.h>
#include <string.h>

/* fuzz/segment_text (section lines inside the text): a document that is
 * all header and no body got one section of kind "other" whose line was
 * one past the last line of the text (3 for a 2-line text). */
TEST(bodyless_document_sections_point_into_the_text)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/rules", harness_srcdir());
    sohoa_rules *r = NULL;
    sohoa_err err = {0};
    CHECK(sohoa_rules_load(dir, &r, &err) == SOHOA_OK);
    sohoa_doc *d = sohoa_doc_new();
    sohoa_doc_set(&d->text, "ỦY BAN NHÂN DÂN HUYỆN A\nSố: 27/KH-UBND");
    int rc = sohoa_segment(r, d, &err);
    int bad_line = 0;
    for (size_t i = 0; i < d->nsections; i++)
        if (d->sections[i].line < 1 || d->sections[i].line > 2)
            bad_line = d->sections[i].line;
    sohoa_doc_free(d);
    sohoa_rules_free(r);
    CHECK_INT(rc, SOHOA_OK);
    CHECK_INT(bad_line, 0);
}
