/* queue.c — the bounded worker → writer hand-over of an ingest (queue.h). */
#include "queue.h"
#include "sohoa/buf.h"

#include <stdlib.h>

void batch_queue_init(batch_queue *q, size_t cap, int workers)
{
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->not_empty, NULL);
    pthread_cond_init(&q->not_full, NULL);
    q->cap = cap ? cap : 1;
    q->ring = sohoa_xcalloc(q->cap, sizeof *q->ring);
    q->head = q->len = 0;
    q->active = workers;
}

void batch_queue_destroy(batch_queue *q)
{
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->not_empty);
    pthread_cond_destroy(&q->not_full);
    free(q->ring);
    q->ring = NULL;
}

void batch_queue_push(batch_queue *q, const batch_result *r)
{
    pthread_mutex_lock(&q->mu);
    while (q->len == q->cap)
        pthread_cond_wait(&q->not_full, &q->mu);
    q->ring[(q->head + q->len) % q->cap] = *r;
    q->len++;
    pthread_cond_signal(&q->not_empty);
    pthread_mutex_unlock(&q->mu);
}

void batch_queue_worker_done(batch_queue *q)
{
    pthread_mutex_lock(&q->mu);
    q->active--;
    pthread_cond_broadcast(&q->not_empty);
    pthread_mutex_unlock(&q->mu);
}

int batch_queue_pop(batch_queue *q, batch_result *r)
{
    pthread_mutex_lock(&q->mu);
    while (q->len == 0 && q->active > 0)
        pthread_cond_wait(&q->not_empty, &q->mu);
    int got = q->len > 0;
    if (got) {
        *r = q->ring[q->head];
        q->head = (q->head + 1) % q->cap;
        q->len--;
        pthread_cond_signal(&q->not_full);
    }
    pthread_mutex_unlock(&q->mu);
    return got;
}
