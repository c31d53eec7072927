/* ocr_parts.h — the pages of one file OCRed by several workers of
 * `sohoa ocr -j N`: a worker packs the OCR of its page range (raw text and
 * words) into bytes for the parent, which appends the parts in page order
 * into one document, as if one engine had read the whole file.
 *
 * Ownership: ocr_part_pack returns a malloc'd blob (caller frees);
 * ocr_part_append copies what it needs into d. */
#ifndef SOHOA_CLI_OCR_PARTS_H
#define SOHOA_CLI_OCR_PARTS_H

#include <stddef.h>

#include "sohoa/doc.h"

/* d->raw, d->words, d->pages and d->kind as bytes; *len gets their number. */
char *ocr_part_pack(const sohoa_doc *d, size_t *len);

/* Append the part in blob[0..len) to d: its raw after a form-feed line
 * (none before the first part), its words with their lines shifted to
 * d->raw's; d->pages, d->kind and d->ocr_conf (mean over OCRed words) are
 * set. Returns 0, or -1 if the blob is malformed (d then unchanged). */
int ocr_part_append(sohoa_doc *d, const char *blob, size_t len);

#endif
