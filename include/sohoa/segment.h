/* segment.h — cutting a document into metadata and sections with PCRE2
 * grammars loaded from rules/*.rules (data, not code).
 *
 * Headings are matched on folded text (no diacritics, any case) so residual
 * OCR damage does not hide them; mangled numerals are accepted where the
 * sequence implies them. Nothing is dropped: the section texts together
 * cover the whole body; a document without structure yields one section of
 * kind "other".
 * Ownership: sohoa_rules is immutable once loaded and may be shared by
 * threads; free with sohoa_rules_free. */
#ifndef SOHOA_SEGMENT_H
#define SOHOA_SEGMENT_H

#include "sohoa/doc.h"
#include "sohoa/error.h"

typedef struct sohoa_rules sohoa_rules;

/* Load every *.rules file of directory `rules_dir`. A bad rule gives
 * SOHOA_EFORMAT with "file:line: PCRE2's message". */
int sohoa_rules_load(const char *rules_dir, sohoa_rules **out, sohoa_err *err);
void sohoa_rules_free(sohoa_rules *r);

/* Segment d->text (restored text; falls back to d->raw): fills the metadata,
 * refs, recipients, agencies and sections of d (clearing earlier ones). */
int sohoa_segment(const sohoa_rules *rules, sohoa_doc *d, sohoa_err *err);

/* The section-kind code names of the taxonomy, NULL-terminated. Static. */
const char *const *sohoa_section_kinds(void);
/* The document-type codes ("ke_hoach", ...), NULL-terminated. Static. */
const char *const *sohoa_doc_types(void);

#endif
