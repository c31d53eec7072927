/* doc.c — creating and releasing the document value (include/sohoa/doc.h). */
#include "sohoa/doc.h"
#include "sohoa/buf.h"

#include <stdlib.h>
#include <string.h>

sohoa_doc *sohoa_doc_new(void)
{
    sohoa_doc *d = sohoa_xcalloc(1, sizeof *d);
    d->ocr_conf = -1;
    d->pages = 1;
    return d;
}

void sohoa_doc_set(char **field, const char *s)
{
    free(*field);
    *field = s ? sohoa_xstrdup(s) : NULL;
}

void sohoa_section_free(sohoa_section *s)
{
    free(s->label);
    free(s->heading);
    for (size_t i = 0; i < s->nkinds; i++)
        free(s->kinds[i]);
    free(s->kinds);
    free(s->text);
    for (size_t i = 0; i < s->nchildren; i++)
        sohoa_section_free(&s->children[i]);
    free(s->children);
    memset(s, 0, sizeof *s);
}

static void free_strv(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void sohoa_doc_clear_segments(sohoa_doc *d)
{
    char **fields[] = {&d->doc_type, &d->number, &d->symbol, &d->issuer, &d->place,
                       &d->date, &d->date_partial, &d->title, &d->signer,
                       &d->signer_role, &d->period};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        free(*fields[i]);
        *fields[i] = NULL;
    }
    d->year = 0;
    for (size_t i = 0; i < d->nrefs; i++) {
        free(d->refs[i].type);
        free(d->refs[i].number);
        free(d->refs[i].date);
    }
    free(d->refs);
    d->refs = NULL;
    d->nrefs = 0;
    free_strv(d->recipients, d->nrecipients);
    d->recipients = NULL;
    d->nrecipients = 0;
    free_strv(d->agencies, d->nagencies);
    d->agencies = NULL;
    d->nagencies = 0;
    for (size_t i = 0; i < d->nsections; i++)
        sohoa_section_free(&d->sections[i]);
    free(d->sections);
    d->sections = NULL;
    d->nsections = 0;
}

void sohoa_doc_clear_review(sohoa_doc *d)
{
    for (size_t i = 0; i < d->nreview; i++) {
        sohoa_review_word *w = &d->review[i];
        free(w->original);
        free(w->restored);
        for (int a = 0; a < 3; a++)
            free(w->alts[a]);
    }
    free(d->review);
    d->review = NULL;
    d->nreview = 0;
}

void sohoa_doc_free(sohoa_doc *d)
{
    if (!d)
        return;
    sohoa_doc_clear_segments(d);
    sohoa_doc_clear_review(d);
    free(d->path);
    free(d->kind);
    free(d->encoding);
    free(d->raw);
    for (size_t i = 0; i < d->nwords; i++)
        free(d->words[i].text);
    free(d->words);
    free(d->text);
    free(d);
}
