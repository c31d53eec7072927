/* table.h — cells of the plain-text tables the CLI prints for a terminal
 * (`sohoa search`, its facets, `sohoa failures`). Widths count display
 * columns, not bytes: a letter takes one column whatever its UTF-8 length
 * and a combining mark none, so that Vietnamese text lines up. Private to
 * src/cli. */
#ifndef SOHOA_CLI_TABLE_H
#define SOHOA_CLI_TABLE_H

#include <stdio.h>

enum {
    TABLE_PAD = 1,   /* pad with spaces to the full width */
    TABLE_WHOLE = 2, /* print a longer text whole instead of cutting it */
};

/* Print s (NULL prints as "") in a cell width columns wide: a longer text is
 * cut, "…" marking the cut, unless TABLE_WHOLE; with TABLE_PAD a shorter one
 * is padded with spaces. Newlines, tabs and carriage returns print as
 * spaces. */
void table_cell(FILE *f, const char *s, int width, unsigned flags);

/* The display columns s takes (0 for NULL). */
int table_text_width(const char *s);

#endif
