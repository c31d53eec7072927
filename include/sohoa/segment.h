/* segment.h — cutting a document into metadata and sections with PCRE2
 * grammars loaded from rules/NAME.rules (data, not code).
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

/* Load every *.rules file of directory `rules_dir` (format: rules/NAME.rules
 * and src/segment/rules.c: "name = PCRE2 pattern" lines, '#' comments,
 * continuation lines starting with a blank, {{fragment}} expansion). A bad
 * rule gives SOHOA_EFORMAT with "FILE:LINE: PCRE2's message at offset N";
 * on error *out is NULL. */
int sohoa_rules_load(const char *rules_dir, sohoa_rules **out, sohoa_err *err);
void sohoa_rules_free(sohoa_rules *r);

/* Segment d->text (restored text; falls back to d->raw): fills the metadata,
 * refs, recipients, agencies and sections of d (clearing earlier ones). */
int sohoa_segment(const sohoa_rules *rules, sohoa_doc *d, sohoa_err *err);

/* Every match of the rules of `family` ("money", "percent", "date", "ref",
 * "agency", ...) in the UTF-8 text s[0..n), matched on its folded form, in
 * text order: fn(rule_name, start, end, ctx) gets each match's byte span in
 * s; a non-zero return stops the scan. Returns SOHOA_OK or the error of a
 * rule that failed to match (e.g. SOHOA_ELIMIT). */
int sohoa_rules_scan(const sohoa_rules *r, const char *family, const char *s, size_t n,
                     int (*fn)(const char *rule, size_t start, size_t end, void *ctx),
                     void *ctx, sohoa_err *err);

/* The first date (rules date.*) in s[0..n): writes ISO "YYYY-MM-DD" into iso
 * and returns 1; or, when day or month is missing or invalid, writes what
 * is known ("01/2024", "2024") into partial and returns 2; 0 if none. */
int sohoa_parse_date(const sohoa_rules *r, const char *s, size_t n, char iso[11],
                     char partial[16]);

/* The section-kind code names of the taxonomy, NULL-terminated. Static. */
const char *const *sohoa_section_kinds(void);
/* The document-type codes ("ke_hoach", ...), NULL-terminated. Static. */
const char *const *sohoa_doc_types(void);

#endif
