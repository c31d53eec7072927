/* review_text.h — the words to review of a document as readable lines, for
 * `sohoa show --review` and `sohoa process --format text`. */
#ifndef SOHOA_CLI_REVIEW_TEXT_H
#define SOHOA_CLI_REVIEW_TEXT_H

#include <stdio.h>
#include "sohoa/doc.h"

/* "review" and then one line per word, in text order:
 *   line 126, page 2  thang -> thăng  0.31  (thoảng, thẳng, tháng)
 * or "  (none)". */
void cli_print_review(FILE *f, const sohoa_doc *d);

#endif
