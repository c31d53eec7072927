/* ctx_events.h — the events the context-model trainers count (skeleton
 * context, skel_ctx_train.c; wide context, wide_ctx_train.c): one (context
 * key, form id) pair per occurrence, appended while the corpus is read,
 * then sorted and read back context by context with each form's count.
 * Internal to src/restore. */
#ifndef SOHOA_RESTORE_CTX_EVENTS_H
#define SOHOA_RESTORE_CTX_EVENTS_H

#include <stddef.h>
#include <stdint.h>

/* One form of a context and how often it was seen there. */
typedef struct rs_form_count {
    uint16_t id;
    uint32_t count;
} rs_form_count;

typedef struct rs_events {
    uint64_t *ev; /* key << 16 | id; owned */
    size_t n, cap;
} rs_events;

/* Append one event; key has at most 48 bits. */
void rs_events_add(rs_events *e, uint64_t key, uint16_t id);

/* Called once per context, keys ascending: its forms by id ascending with
 * their counts (f is scratch the callee may reorder), and their sum. */
typedef void (*rs_context_fn)(uint64_t key, rs_form_count *f, size_t nf, uint64_t total,
                              void *ctx);

/* Sort the events and hand every context to fn. */
void rs_events_each(rs_events *e, rs_context_fn fn, void *ctx);

void rs_events_free(rs_events *e);

#endif
