/* doc_arrays.c — the growing arrays of a document being restored: the
 * candidates, the strings it owns, the posteriors. Owner: restore
 * (issue #12). Tokens are added by their builder (tokens.c), which also
 * frees the whole (rs_doc_free). */
#include "restore_int.h"

#include <stdlib.h>
#include <string.h>
#include "sohoa/buf.h"

char *rs_doc_own(rs_doc *d, const char *s, size_t n)
{
    if (d->nowned == d->ocap) {
        d->ocap = d->ocap ? d->ocap * 2 : 64;
        d->owned = sohoa_xrealloc(d->owned, d->ocap * sizeof *d->owned);
    }
    char *p = sohoa_xstrndup(s, n);
    d->owned[d->nowned++] = p;
    return p;
}

/* Room for n more candidates. */
void rs_doc_reserve_cands(rs_doc *d, size_t n)
{
    if (d->ncand + n > d->ccap) {
        while (d->ncand + n > d->ccap)
            d->ccap = d->ccap ? d->ccap * 2 : 1024;
        d->cand = sohoa_xrealloc(d->cand, d->ccap * sizeof *d->cand);
    }
}

void rs_doc_add_cand(rs_doc *d, uint16_t id, float chan, const char *form)
{
    rs_doc_reserve_cands(d, 1);
    d->cand[d->ncand++] = (rs_cand){form, chan, id, 0};
}

float *rs_doc_posts(rs_doc *d)
{
    if (!d->post)
        d->post = sohoa_xcalloc(d->ncand ? d->ncand : 1, sizeof *d->post);
    return d->post;
}
