/* ocr_pool.h — `sohoa ocr -j N`: work units done by N forked worker
 * processes. Processes rather than threads: two Tesseract engines as
 * threads of one process cost measurably more CPU per page than two
 * processes (allocator and cache contention), and a crash in a decoder or
 * in Tesseract then takes down one worker, not the run.
 *
 * Each worker is forked from the caller after it has loaded what the
 * workers share read-only (the Tesseract engine, the restoration model):
 * their pages are shared copy-on-write, so a worker starts at once. A
 * worker takes one unit at a time from the parent (so a slow unit never
 * holds up the others), does it with the `work` callback and sends back the
 * result bytes; the parent hands each result to `done` as it arrives. A
 * worker that dies mid-unit has that unit reported failed ("worker process
 * died ...") and is replaced.
 *
 * Ownership: `work` returns a malloc'd blob that the pool frees after
 * sending; `done` receives a malloc'd blob it owns. */
#ifndef SOHOA_CLI_OCR_POOL_H
#define SOHOA_CLI_OCR_POOL_H

#include <stddef.h>

typedef struct ocr_pool_cb {
    /* In a worker process: do unit i. Returns 0 (blob = the result) or 1
     * (blob = one-line error message). */
    int (*work)(void *arg, size_t unit, char **blob, size_t *len);
    /* In the parent, in completion order. */
    void (*done)(void *arg, size_t unit, int failed, char *blob, size_t len);
    void *arg;
} ocr_pool_cb;

/* Run units 0..nunits-1 on nworkers processes (>= 1) and return when every
 * unit is done. Returns 0, or -1 if no worker could be started (nothing was
 * done; errno is set). The caller should fflush its streams first. */
int ocr_pool_run(int nworkers, size_t nunits, const ocr_pool_cb *cb);

#endif
