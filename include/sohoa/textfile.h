/* textfile.h — reading a UTF-8 text file line by line: the one way the
 * stages read their data files (training text, dictionaries, the
 * gazetteer), so they agree on limits and on what a bad file is.
 * No state; nothing is kept after the call. */
#ifndef SOHOA_TEXTFILE_H
#define SOHOA_TEXTFILE_H

#include <stddef.h>
#include "sohoa/error.h"

/* Called with each line (without its '\n' and any '\r' before it; not
 * NUL-terminated, valid only during the call) and its number from 1. */
typedef void (*sohoa_line_fn)(void *ctx, const char *line, size_t n, size_t lineno);

/* Each line of the file at path, in order, to fn. A file larger than max
 * bytes (0: no limit) is refused with SOHOA_ELIMIT; invalid UTF-8
 * (SOHOA_EFORMAT, with the byte offset), a NUL byte (SOHOA_EFORMAT, with
 * its offset) or an unreadable file is refused before any line is given.
 * err names the path. */
int sohoa_text_lines(const char *path, size_t max, sohoa_line_fn fn, void *ctx,
                     sohoa_err *err);

#endif
