/* word_memo.c — the per-document memo of distinct strings (word_memo.h):
 * an open-addressing table (linear probing, power-of-two size, at most half
 * full) from a string of the text to its entry. Entries live in blocks that
 * never move, so a pointer to one stays valid while more are added; keys
 * are offsets into the text, not copies. */
#include "word_memo.h"

#include <stdlib.h>
#include <string.h>
#include "lm_internal.h"
#include "sohoa/buf.h"

#define BLOCK_BITS 10
#define BLOCK ((size_t)1 << BLOCK_BITS)

typedef struct entry {
    rs_word_facts f; /* first: the pointer handed out */
    size_t off;
    uint32_t len;
    uint32_t hash; /* low half of the string's hash, to skip most compares */
} entry;

typedef struct slot {
    uint32_t hash;
    uint32_t idx; /* entry index + 1; 0 = empty */
} slot;

struct rs_word_memo {
    const char *text;
    slot *slots;
    size_t mask;   /* slots - 1 */
    entry **block; /* blocks of BLOCK entries */
    size_t nblock, cblock;
    size_t n;      /* entries */
};

rs_word_memo *rs_word_memo_new(const char *text)
{
    rs_word_memo *m = sohoa_xcalloc(1, sizeof *m);
    m->text = text;
    m->mask = 1023;
    m->slots = sohoa_xcalloc(m->mask + 1, sizeof *m->slots);
    return m;
}

void rs_word_memo_free(rs_word_memo *m)
{
    if (!m)
        return;
    for (size_t b = 0; b < m->nblock; b++)
        free(m->block[b]);
    free(m->block);
    free(m->slots);
    free(m);
}

size_t rs_word_memo_size(const rs_word_memo *m)
{
    return m ? m->n : 0;
}

static entry *entry_at(const rs_word_memo *m, size_t i)
{
    return &m->block[i >> BLOCK_BITS][i & (BLOCK - 1)];
}

static void grow(rs_word_memo *m)
{
    size_t cap = (m->mask + 1) * 2;
    slot *s = sohoa_xcalloc(cap, sizeof *s);
    for (size_t i = 0; i <= m->mask; i++) {
        if (!m->slots[i].idx)
            continue;
        const entry *e = entry_at(m, m->slots[i].idx - 1);
        size_t j = rs_mix64(e->hash) & (cap - 1);
        while (s[j].idx)
            j = (j + 1) & (cap - 1);
        s[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = s;
    m->mask = cap - 1;
}

static entry *new_entry(rs_word_memo *m)
{
    if ((m->n & (BLOCK - 1)) == 0) {
        if (m->nblock == m->cblock) {
            m->cblock = m->cblock ? m->cblock * 2 : 16;
            m->block = sohoa_xrealloc(m->block, m->cblock * sizeof *m->block);
        }
        m->block[m->nblock++] = sohoa_xmalloc(BLOCK * sizeof(entry));
    }
    entry *e = entry_at(m, m->n++);
    memset(e, 0, sizeof *e);
    e->f.known_skel = -1;
    e->f.compound = -1;
    e->f.glued = -1;
    return e;
}

rs_word_facts *rs_word_memo_get(rs_word_memo *m, size_t off, size_t n, int *fresh)
{
    const char *s = m->text + off;
    uint32_t h = (uint32_t)rs_hash_str(s, n);
    for (size_t j = rs_mix64(h) & m->mask;; j = (j + 1) & m->mask) {
        slot *sl = &m->slots[j];
        if (!sl->idx)
            break;
        if (sl->hash != h)
            continue;
        entry *e = entry_at(m, sl->idx - 1);
        if (e->len == n && memcmp(m->text + e->off, s, n) == 0) {
            *fresh = 0;
            return &e->f;
        }
    }
    if ((m->n + 1) * 2 > m->mask + 1)
        grow(m);
    entry *e = new_entry(m);
    e->off = off;
    e->len = (uint32_t)n;
    e->hash = h;
    size_t j = rs_mix64(h) & m->mask;
    while (m->slots[j].idx)
        j = (j + 1) & m->mask;
    m->slots[j] = (slot){h, (uint32_t)m->n};
    *fresh = 1;
    return &e->f;
}
