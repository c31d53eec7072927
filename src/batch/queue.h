/* queue.h — the bounded hand-over between pipeline workers and the single
 * writer of an ingest (private to src/batch).
 *
 * Workers push finished results (a document, or a failure); the writer pops
 * them. Push blocks while the queue is full, which bounds the documents held
 * in memory; pop blocks while it is empty and some worker is still active,
 * and returns 0 once every worker has finished and the queue is drained.
 * Ownership: a result's doc and strings pass to whoever pops it. */
#ifndef SOHOA_BATCH_QUEUE_H
#define SOHOA_BATCH_QUEUE_H

#include <pthread.h>
#include <stddef.h>
#include "sohoa/doc.h"

typedef struct batch_result {
    size_t item;        /* index of the input item */
    sohoa_doc *doc;     /* NULL on failure */
    const char *stage;  /* static stage name on failure */
    char *error;        /* malloc'd message on failure */
} batch_result;

typedef struct batch_queue {
    pthread_mutex_t mu;
    pthread_cond_t not_empty, not_full;
    batch_result *ring;
    size_t cap, head, len;
    int active;         /* workers still running */
} batch_queue;

void batch_queue_init(batch_queue *q, size_t cap, int workers);
void batch_queue_destroy(batch_queue *q);
void batch_queue_push(batch_queue *q, const batch_result *r);
/* A worker says it is done (it will push nothing more). */
void batch_queue_worker_done(batch_queue *q);
/* 1 with *r filled, or 0 when all workers are done and nothing is left. */
int batch_queue_pop(batch_queue *q, batch_result *r);

#endif
