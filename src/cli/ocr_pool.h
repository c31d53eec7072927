/* ocr_pool.h — `sohoa ocr -j N`: work units done by N forked worker
 * processes. Processes rather than threads: two Tesseract engines as
 * threads of one process cost measurably more CPU per page than two
 * processes (allocator and cache contention), and a crash in a decoder or
 * in Tesseract then takes down one worker, not the run.
 *
 * Each worker is forked from the caller after it has loaded what the
 * workers share read-only (the Tesseract engine, the restoration model):
 * their pages are shared copy-on-write, so a worker starts at once. The
 * caller hands out units one at a time (`next`), each with its input bytes,
 * so a slow unit never holds up the others and a unit may be made from the
 * results of earlier ones (the pages of one file, joined and restored in a
 * worker once they are all OCRed). A worker does a unit with `work` and
 * sends back the result bytes; the parent hands each result to `done` as it
 * arrives, after giving that worker its next unit, so the workers never wait
 * for the parent's printing. A worker that dies mid-unit has that unit
 * reported failed by the pool ("the worker process died ...") and is
 * replaced.
 *
 * Ownership: `next` gives a malloc'd input (or NULL) that the pool frees
 * once sent; `work` returns a malloc'd blob that the pool frees after
 * sending; `done` receives a malloc'd blob it owns. */
#ifndef SOHOA_CLI_OCR_POOL_H
#define SOHOA_CLI_OCR_POOL_H

#include <stddef.h>

/* How a unit ended, as `done` hears it. */
enum {
    OCR_POOL_OK = 0,     /* blob = the result */
    OCR_POOL_FAILED = 1, /* blob = work's one-line error message */
    OCR_POOL_LOST = 2    /* blob = the pool's message: the worker died, or none could start */
};

typedef struct ocr_pool_cb {
    /* In the parent: the next unit to do. Returns 1 with *unit (any number
     * the caller chooses) and its input in[0..inlen), or 0 when no unit is
     * ready now. A unit may become ready in `done`; when no unit is running
     * and none is ready, the run is over. */
    int (*next)(void *arg, size_t *unit, char **in, size_t *inlen);
    /* In a worker process (or the caller, see ocr_pool_run_here): do the
     * unit. Returns 0 (blob = the result) or 1 (blob = one-line error). */
    int (*work)(void *arg, size_t unit, const char *in, size_t inlen, char **blob, size_t *len);
    /* In the parent, in completion order; status is OCR_POOL_*. */
    void (*done)(void *arg, size_t unit, int status, char *blob, size_t len);
    void *arg;
} ocr_pool_cb;

/* Run every unit `next` gives on nworkers processes (>= 1) and return when
 * none is left. Returns 0, or -1 if no worker could be started (no unit was
 * taken; errno is set). The caller should fflush its streams first. */
int ocr_pool_run(int nworkers, const ocr_pool_cb *cb);

/* The same units done one after the other in this process. */
void ocr_pool_run_here(const ocr_pool_cb *cb);

#endif
