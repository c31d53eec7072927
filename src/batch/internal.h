/* internal.h — helpers shared by the files of src/batch (private). */
#ifndef SOHOA_BATCH_INTERNAL_H
#define SOHOA_BATCH_INTERNAL_H

#include "sohoa/batch.h"

/* Append a failure / a warning (copies of the strings) to the summary. */
void batch_summary_add_failure(sohoa_batch_summary *s, const char *path, const char *stage,
                               const char *error);
void batch_summary_add_warning(sohoa_batch_summary *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Inbox mode: rename path into folder dir, keeping its base name (".1",
 * ".2"... appended if taken). Never copies: a move across file systems is an
 * error. *dest (if non-NULL) receives the new path (malloc'd, caller frees)
 * on success. Returns SOHOA_OK or a status with err naming both paths. */
int batch_move_into(const char *path, const char *dir, char **dest, sohoa_err *err);

#endif
