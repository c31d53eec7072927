/* ctx_events.c — the (context, form) events of the context-model trainers:
 * appended, sorted, and grouped by context with a count per form
 * (ctx_events.h). */
#include "ctx_events.h"

#include <stdlib.h>
#include "sohoa/buf.h"

void rs_events_add(rs_events *e, uint64_t key, uint16_t id)
{
    if (e->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : (size_t)1 << 22;
        e->ev = sohoa_xrealloc(e->ev, e->cap * sizeof *e->ev);
    }
    e->ev[e->n++] = key << 16 | id;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

void rs_events_each(rs_events *e, rs_context_fn fn, void *ctx)
{
    qsort(e->ev, e->n, sizeof *e->ev, cmp_u64);
    rs_form_count *f = NULL;
    size_t fcap = 0;
    for (size_t i = 0; i < e->n;) {
        uint64_t key = e->ev[i] >> 16;
        size_t nf = 0;
        uint64_t total = 0;
        while (i < e->n && e->ev[i] >> 16 == key) {
            uint16_t id = (uint16_t)e->ev[i];
            uint32_t c = 0;
            for (; i < e->n && e->ev[i] == (key << 16 | id); i++)
                c++;
            if (nf == fcap) {
                fcap = fcap ? fcap * 2 : 64;
                f = sohoa_xrealloc(f, fcap * sizeof *f);
            }
            f[nf++] = (rs_form_count){id, c};
            total += c;
        }
        fn(key, f, nf, total, ctx);
    }
    free(f);
}

void rs_events_free(rs_events *e)
{
    free(e->ev);
    e->ev = NULL;
    e->n = e->cap = 0;
}
