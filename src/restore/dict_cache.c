/* dict_cache.c — the dictionaries as the restorer holds them, saved in
 * models/dictionaries.bin (restore_int.h), so that a restorer starts
 * without parsing their 1.4 MB of text: the lexicon's syllable pairs and
 * the gazetteer were a tenth of the instructions of restoring 0.4 MB.
 * Owner: restore.
 *
 * File: a header (magic, version, size, the hashes of the LM's vocabulary
 * and of the dictionaries it was made from, the checksum of the body), then
 * the body: the lexicon (lexicon.c) and the gazetteer (places.c), each
 * written and read back by its own file. Made by `sohoa lm dict-cache`,
 * which `make` runs when the dictionaries or the model change. A cache
 * that does not match (other dictionaries, another vocabulary, another
 * version) is passed over and the text read, as without one; a damaged one
 * is an error naming it. */
#include "restore_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "sohoa/file.h"
#include "skel_ctx.h"

#define DC_MAGIC "SOHOADIC"
#define DC_VERSION 2 /* 2: the gazetteer's rare forms */
#define DC_CHECKSUM_SEED 0xa54ff53a5f1d36f1ULL
#define DC_MAX_BYTES ((size_t)256 << 20)

typedef struct dc_header {
    char magic[8];
    uint32_t version;
    uint32_t reserved;
    uint64_t file_size;
    uint64_t vocab_hash; /* rs_skc_vocab_hash of the LM */
    uint64_t dict_hash;  /* rs_dict_hash of the dictionaries */
    uint64_t checksum;   /* of the body */
} dc_header;

/* ---- reading ----------------------------------------------------------- */

static int damaged(sohoa_err *err, const char *path, const char *why)
{
    return sohoa_err_set(err, SOHOA_EFORMAT,
                         "%s: damaged dictionary cache (%s); delete it, or remake it with "
                         "`sohoa lm dict-cache`",
                         path, why);
}

int rs_dict_cache_load(const char *path, const char *dict_dir, const sohoa_lm *lm,
                       rs_lexicon **lex, rs_places **places, sohoa_err *err)
{
    *lex = NULL;
    *places = NULL;
    struct stat st;
    if (!dict_dir || stat(path, &st) != 0)
        return SOHOA_OK; /* no cache: the text is read */
    char *data;
    size_t len;
    int rc = sohoa_read_file(path, DC_MAX_BYTES, &data, &len, err);
    if (rc)
        return rc;
    dc_header h;
    const char *why = NULL;
    int stale = 0;
    if (len < sizeof h) {
        why = "shorter than its header";
    } else {
        memcpy(&h, data, sizeof h);
        if (memcmp(h.magic, DC_MAGIC, 8) != 0)
            why = "wrong magic number";
        else if (h.version != DC_VERSION)
            stale = 1; /* another version's: make remakes it */
        else if (h.file_size != len)
            why = h.file_size > len ? "truncated" : "trailing bytes";
        else if (rs_checksum(DC_CHECKSUM_SEED, (const unsigned char *)data + sizeof h,
                             len - sizeof h) != h.checksum)
            why = "checksum mismatch";
        else if (h.vocab_hash != rs_skc_vocab_hash(lm))
            stale = 1;
    }
    if (!why && !stale) {
        uint64_t dh;
        size_t files;
        rc = rs_dict_hash(dict_dir, &dh, &files, err);
        if (rc) {
            free(data);
            return rc;
        }
        stale = dh != h.dict_hash;
    }
    if (!why && !stale) {
        rs_blob b = {(const unsigned char *)data + sizeof h, len - sizeof h, 0, 0};
        *lex = rs_lexicon_restore(&b);
        *places = *lex ? rs_places_restore(&b, sohoa_lm_vocab_size(lm)) : NULL;
        if (!*places || b.bad || b.at != b.n) {
            rs_lexicon_free(*lex);
            rs_places_free(*places);
            *lex = NULL;
            *places = NULL;
            why = "its contents do not hold together";
        }
    }
    free(data);
    return why ? damaged(err, path, why) : SOHOA_OK;
}

/* ---- writing ----------------------------------------------------------- */

int sohoa_dict_cache_write(const char *models_dir, const char *dict_dir, const char *out,
                           size_t *files, sohoa_err *err)
{
    sohoa_buf path = SOHOA_BUF_INIT, lm_path = SOHOA_BUF_INIT, tmp = SOHOA_BUF_INIT;
    if (out)
        sohoa_buf_puts(&path, out);
    else
        sohoa_buf_printf(&path, "%s/%s", models_dir, RS_DICT_CACHE_NAME);
    sohoa_buf_printf(&lm_path, "%s/sohoa.lm", models_dir);
    sohoa_lm *lm = NULL;
    rs_lexicon *lex = NULL;
    rs_places *places = NULL;
    dc_header h;
    memset(&h, 0, sizeof h);
    size_t nfiles = 0;
    int rc = sohoa_lm_open(lm_path.data, &lm, err);
    if (rc == SOHOA_OK)
        rc = rs_dict_hash(dict_dir, &h.dict_hash, &nfiles, err);
    if (rc == SOHOA_OK)
        rc = rs_lexicon_load(dict_dir, lm, &lex, err);
    if (rc == SOHOA_OK)
        rc = rs_places_load(dict_dir, lm, &places, err);
    if (rc == SOHOA_OK) {
        memcpy(h.magic, DC_MAGIC, 8);
        h.version = DC_VERSION;
        h.vocab_hash = rs_skc_vocab_hash(lm);
        sohoa_buf b = SOHOA_BUF_INIT;
        sohoa_buf_append(&b, &h, sizeof h);
        rs_lexicon_save(lex, &b);
        rs_places_save(places, &b);
        h.file_size = b.len;
        h.checksum = rs_checksum(DC_CHECKSUM_SEED, (const unsigned char *)b.data + sizeof h,
                                 b.len - sizeof h);
        memcpy(b.data, &h, sizeof h);
        sohoa_buf_printf(&tmp, "%s.tmp", path.data);
        FILE *f = fopen(tmp.data, "wb");
        if (!f) {
            rc = sohoa_err_set(err, SOHOA_EIO, "%s: %s", tmp.data, strerror(errno));
        } else {
            int bad = fwrite(b.data, 1, b.len, f) != b.len || fflush(f) != 0;
            bad |= fclose(f) != 0;
            if (bad || rename(tmp.data, path.data) != 0) {
                rc = sohoa_err_set(err, SOHOA_EIO, "%s: cannot write the cache: %s", path.data,
                                   strerror(errno));
                remove(tmp.data);
            }
        }
        sohoa_buf_free(&b);
    }
    if (files)
        *files = nfiles;
    rs_lexicon_free(lex);
    rs_places_free(places);
    sohoa_lm_close(lm);
    sohoa_buf_free(&path);
    sohoa_buf_free(&lm_path);
    sohoa_buf_free(&tmp);
    return rc;
}
