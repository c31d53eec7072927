/* render_memo.c — the output spelling of word forms, worked out once per
 * (form, case pattern) of a document.
 *
 * Writing the restored text re-cases and re-tones the chosen form of every
 * word (rs_apply_case, sohoa_syl_retone: UTF-8 decoding and syllable
 * analysis per token), though a document has only a few thousand distinct
 * forms. A form pointer stays valid, with the same string, for as long as
 * its document (vocabulary strings or strings the document owns), so the
 * memo is keyed by the pointer and the case pattern and lives as long as
 * the document's output is written. The answers are the same bytes the
 * direct computation gives. */
#include "restore_int.h"

#include <stdlib.h>
#include <string.h>
#include "sohoa/buf.h"
#include "sohoa/syllable.h"

typedef struct rm_slot {
    const char *form; /* NULL = empty slot */
    int upper;
    uint32_t off; /* into text */
    int32_t len;  /* -1: keep the printed core (the cased form is too long) */
} rm_slot;

struct rs_render_memo {
    int tone_style;
    rm_slot *slot;
    size_t nslots, n; /* power of two; used */
    sohoa_buf text;   /* the spellings, each NUL-terminated */
};

rs_render_memo *rs_render_memo_new(int tone_style)
{
    rs_render_memo *m = sohoa_xcalloc(1, sizeof *m);
    m->tone_style = tone_style;
    m->nslots = 1024;
    m->slot = sohoa_xcalloc(m->nslots, sizeof *m->slot);
    return m;
}

void rs_render_memo_free(rs_render_memo *m)
{
    if (!m)
        return;
    free(m->slot);
    sohoa_buf_free(&m->text);
    free(m);
}

static size_t home(const char *form, int upper, size_t mask)
{
    return rs_mix64((uint64_t)(uintptr_t)form ^ ((uint64_t)upper << 60)) & mask;
}

static void rehash(rs_render_memo *m)
{
    rm_slot *old = m->slot;
    size_t nold = m->nslots;
    m->nslots *= 2;
    m->slot = sohoa_xcalloc(m->nslots, sizeof *m->slot);
    for (size_t i = 0; i < nold; i++) {
        if (!old[i].form)
            continue;
        size_t j = home(old[i].form, old[i].upper, m->nslots - 1);
        while (m->slot[j].form)
            j = (j + 1) & (m->nslots - 1);
        m->slot[j] = old[i];
    }
    free(old);
}

/* The spelling of form in case pattern upper, as the restorer writes it:
 * cased (rs_apply_case), then in the tone style (kept as cased when
 * re-toning fails or does not fit). -1 when the cased form does not fit
 * 256 bytes (the printed core is kept then). */
static int32_t spell(const rs_render_memo *m, const char *form, int upper, char *buf, size_t cap)
{
    char cased[256];
    size_t n = rs_apply_case(form, upper, cased, sizeof cased);
    if (n >= sizeof cased)
        return -1;
    size_t k = sohoa_syl_retone(cased, n, m->tone_style, buf, cap);
    if (k == 0 || k >= cap) {
        memcpy(buf, cased, n + 1);
        k = n;
    }
    return (int32_t)k;
}

const char *rs_render_memo_get(rs_render_memo *m, const char *form, int upper, size_t *len)
{
    size_t mask = m->nslots - 1, j = home(form, upper, mask);
    for (; m->slot[j].form; j = (j + 1) & mask)
        if (m->slot[j].form == form && m->slot[j].upper == upper) {
            const rm_slot *s = &m->slot[j];
            if (s->len < 0)
                return NULL;
            *len = (size_t)s->len;
            return m->text.data + s->off;
        }
    char buf[512];
    int32_t k = spell(m, form, upper, buf, sizeof buf);
    size_t off = m->text.len;
    m->slot[j] = (rm_slot){form, upper, (uint32_t)off, k};
    const char *out = NULL;
    if (k >= 0) {
        sohoa_buf_append(&m->text, buf, (size_t)k + 1); /* with its NUL */
        out = m->text.data + off;
        *len = (size_t)k;
    }
    if (++m->n * 2 > m->nslots)
        rehash(m);
    return out;
}
