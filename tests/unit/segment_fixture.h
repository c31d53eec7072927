/* segment_fixture.h — what the segmenter's unit tests share: the real rules/
 * of the source tree, loaded once per test binary (and freed at exit), and
 * seg(), which segments a text written in the test. Header-only: each test
 * binary includes it once. */
#ifndef SOHOA_SEGMENT_FIXTURE_H
#define SOHOA_SEGMENT_FIXTURE_H

#include "harness.h"
#include "sohoa/segment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sohoa_rules *rules(void)
{
    static sohoa_rules *r;
    if (!r) {
        char dir[1024];
        snprintf(dir, sizeof dir, "%s/rules", harness_srcdir());
        sohoa_err e;
        if (sohoa_rules_load(dir, &r, &e) != SOHOA_OK)
            printf("  cannot load %s: %s\n", dir, e.msg);
    }
    return r;
}

__attribute__((destructor)) static void free_rules(void)
{
    sohoa_rules_free(rules());
}

static sohoa_doc *seg(const char *text)
{
    sohoa_doc *d = sohoa_doc_new();
    d->text = strdup(text);
    sohoa_err e;
    if (!rules() || sohoa_segment(rules(), d, &e) != SOHOA_OK) {
        sohoa_doc_free(d);
        return NULL;
    }
    return d;
}

#endif
