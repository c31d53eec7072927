/* strmap.c — a string-to-string hash table (open addressing, linear
 * probing, power-of-two capacity, at most half full), the one the
 * restorer's lexicons share: abbreviations (lexicon.c) and gazetteer keys
 * (places.c). Keys and values are copied in; the table owns them. */
#include "restore_int.h"

#include <stdlib.h>
#include <string.h>
#include "sohoa/buf.h"

static size_t find_slot(const rs_strmap *m, const char *key, size_t n)
{
    size_t j = rs_hash_str(key, n) & (m->cap - 1);
    while (m->key[j] && !(strncmp(m->key[j], key, n) == 0 && m->key[j][n] == '\0'))
        j = (j + 1) & (m->cap - 1);
    return j;
}

static void grow(rs_strmap *m)
{
    size_t old = m->cap;
    char **k = m->key, **v = m->val;
    m->cap = old ? old * 2 : 256;
    m->key = sohoa_xcalloc(m->cap, sizeof *m->key);
    m->val = sohoa_xcalloc(m->cap, sizeof *m->val);
    for (size_t i = 0; i < old; i++)
        if (k[i]) {
            size_t j = find_slot(m, k[i], strlen(k[i]));
            m->key[j] = k[i];
            m->val[j] = v[i];
        }
    free(k);
    free(v);
}

const char *rs_strmap_get(const rs_strmap *m, const char *key, size_t n)
{
    if (!m || !m->cap)
        return NULL;
    size_t j = find_slot(m, key, n);
    return m->key[j] ? m->val[j] : NULL;
}

int rs_strmap_put(rs_strmap *m, const char *key, const char *val, int replace)
{
    if ((m->n + 1) * 2 > m->cap)
        grow(m);
    size_t j = find_slot(m, key, strlen(key));
    if (m->key[j]) {
        if (replace) {
            free(m->val[j]);
            m->val[j] = sohoa_xstrdup(val);
        }
        return 0;
    }
    m->key[j] = sohoa_xstrdup(key);
    m->val[j] = sohoa_xstrdup(val);
    m->n++;
    return 1;
}

void rs_strmap_free(rs_strmap *m)
{
    for (size_t i = 0; i < m->cap; i++) {
        free(m->key[i]);
        free(m->val[i]);
    }
    free(m->key);
    free(m->val);
    memset(m, 0, sizeof *m);
}

void rs_strmap_save(const rs_strmap *m, sohoa_buf *out)
{
    rs_blob_put_u64(out, m->n);
    for (size_t i = 0; i < m->cap; i++)
        if (m->key[i]) {
            rs_blob_put_str(out, m->key[i]);
            rs_blob_put_str(out, m->val[i]);
        }
}

int rs_strmap_restore(rs_strmap *m, rs_blob *in)
{
    uint64_t n = rs_blob_u64(in);
    if (in->bad || n > (in->n - in->at) / 2) /* an entry takes two bytes at least */
        return 0;
    size_t cap = 256;
    while (cap < 2 * (n + 1))
        cap *= 2;
    m->cap = cap;
    m->key = sohoa_xcalloc(cap, sizeof *m->key);
    m->val = sohoa_xcalloc(cap, sizeof *m->val);
    for (uint64_t i = 0; i < n; i++) {
        const char *k = rs_blob_str(in), *v = rs_blob_str(in);
        if (!k || !v || !rs_strmap_put(m, k, v, 0))
            return 0; /* cut short, or a key twice */
    }
    return 1;
}
