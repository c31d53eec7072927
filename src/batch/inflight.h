/* inflight.h — the journal of the files an ingest is processing,
 * "DB.inflight" beside the database (private to src/batch). Owner: batch.
 *
 * A crash inside a library (Tesseract, Leptonica, the restorer) ends the
 * whole ingest, and a nightly rerun would meet the same file and crash
 * again, night after night. So each worker notes a file when it starts on
 * it and when it is done, and a crash signal (SIGSEGV, SIGBUS, SIGILL,
 * SIGFPE, SIGABRT) notes the file the crashing thread was on before the
 * program dies as it would have. The next run records that file as failed
 * (stage "crash"), skipped until --retry-failed, and warns about the files
 * a run left in flight without a crash (killed: SIGKILL, the OOM killer),
 * which it tries again: nothing says which of them, if any, was the cause.
 *
 * The file is text, one record a line, fields separated by tabs, the path
 * last with backslash, tab and newline escaped (\\ \t \n):
 *   start  SHA  PATH    a worker began on the file
 *   end    SHA          ... and came back from it (stored or failed)
 *   crash  SHA  SIGNO   the program crashed on it with signal SIGNO
 * A torn last line (the process died writing it) and lines that are no
 * record are ignored. Written only under the database's lock, so by one
 * process at a time; a run that ends removes it. */
#ifndef SOHOA_BATCH_INFLIGHT_H
#define SOHOA_BATCH_INFLIGHT_H

#include <stddef.h>

#include "sohoa/error.h"

typedef struct batch_inflight batch_inflight;

/* A file an earlier run did not come back from: its content hash, path,
 * and the crash signal (0: no crash noted, the run was killed). */
typedef struct batch_suspect {
    char *sha, *path;
    int signo;
} batch_suspect;

/* The files the journal of db_path names that an earlier run did not come
 * back from, into *suspects (*n of them; free with batch_suspects_free).
 * No journal: none. SOHOA_OK, or SOHOA_EIO when it cannot be read. */
int batch_inflight_read(const char *db_path, batch_suspect **suspects, size_t *n,
                        sohoa_err *err);
/* Start a new journal for db_path (the old one is gone) and catch crash
 * signals. SOHOA_OK, or SOHOA_EIO (err names the file): *out is NULL then
 * and the run goes on without. */
int batch_inflight_open(const char *db_path, batch_inflight **out, sohoa_err *err);
void batch_suspects_free(batch_suspect *s, size_t n);

/* The calling worker thread begins on / is done with a file (j may be
 * NULL). A crash signal between the two notes the file. */
void batch_inflight_start(batch_inflight *j, const char *sha, const char *path);
void batch_inflight_end(batch_inflight *j, const char *sha);

/* The run is over with every worker back: the journal goes and the crash
 * signals are handled as before. */
void batch_inflight_close(batch_inflight *j);

#endif
