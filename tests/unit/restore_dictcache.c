/* restore_dictcache.c — the dictionaries' cache (dict_cache.c): the lexicon
 * and the gazetteer saved and read back answer as the ones read from the
 * text; a body cut anywhere short is refused, never half read; the cache
 * file is read when it was made from the same dictionaries, passed over
 * when a dictionary changed, and refused, naming it, when damaged. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "../../src/restore/restore_int.h"
#include "sohoa/lm.h"
#include "restore_fixture.h"

static char dir[64];

static uint16_t id(const sohoa_lm *lm, const char *w)
{
    return sohoa_lm_id(lm, w, strlen(w));
}

/* The tiny model and dictionaries of these tests: DIR/sohoa.lm, DIR/dict. */
static sohoa_lm *setup(char d[128])
{
    fx_tmpdir(dir, "sohoa-dictcache");
    snprintf(d, 128, "%s/dict", dir);
    if (fx_train(dir,
                 "cải cách hành chính của huyện đông hòa .\nmáy tính của xã .\n"
                 "huyện đồng hòa .\n",
                 3) != SOHOA_OK)
        return NULL;
    mkdir(d, 0755);
    char f[160];
    snprintf(f, sizeof f, "%s/terms.txt", d);
    fx_write(f, "cải cách\nUBND\nQĐ\n");
    snprintf(f, sizeof f, "%s/words.txt", d);
    fx_write(f, "#! general\nhành chính\nmáy tính\n");
    snprintf(f, sizeof f, "%s/places-test.txt", d);
    fx_write(f, "Đông Hòa\thuyện\tPhú Yên\nĐồng Hòa\tphường\tKiến An\n");
    return fx_lm(dir);
}

/* What the tests ask of a lexicon and a gazetteer, the same either way. */
static void answers(const sohoa_lm *lm, const rs_lexicon *x, const rs_places *p)
{
    CHECK_INT(rs_lexicon_pair(x, id(lm, "cải"), id(lm, "cách")), RS_LEX_CURATED);
    CHECK_INT(rs_lexicon_pair(x, id(lm, "máy"), id(lm, "tính")), RS_LEX_GENERAL);
    CHECK_INT(rs_lexicon_pair(x, id(lm, "cách"), id(lm, "cải")), 0);
    CHECK_STR(rs_lexicon_abbrev(x, "qd", 2), "QĐ");
    CHECK_STR(rs_lexicon_abbrev(x, "ubnd", 4), "UBND");
    CHECK(rs_lexicon_abbrev(x, "tv", 2) == NULL);
    /* 5 pairs (cải cách, hành chính, máy tính, and the gazetteer's names
     * đông hòa, đồng hòa: the lexicon reads every file) and 2
     * abbreviations */
    CHECK_INT(rs_lexicon_size(x), 7);
    CHECK_STR(rs_places_find(p, "huyen dong hoa", 14), "huyện đông hòa");
    CHECK_STR(rs_places_find(p, "phuong dong hoa", 15), "phường đồng hòa");
    CHECK(rs_places_find(p, "xa dong hoa", 11) == NULL);
    /* "hòa" is in both names, "đông" in one */
    CHECK_INT(rs_places_names_with(p, id(lm, "hòa")), 2);
    CHECK_INT(rs_places_names_with(p, id(lm, "đông")), 1);
    CHECK_INT(rs_places_size(p), 2);
}

TEST(saved_and_read_back_answers_alike)
{
    char d[128];
    sohoa_lm *lm = setup(d);
    CHECK(lm != NULL);
    if (!lm)
        return;
    sohoa_err err;
    rs_lexicon *x = NULL;
    rs_places *p = NULL;
    CHECK_INT(rs_lexicon_load(d, lm, &x, &err), SOHOA_OK);
    CHECK_INT(rs_places_load(d, lm, &p, &err), SOHOA_OK);
    answers(lm, x, p);
    sohoa_buf b = SOHOA_BUF_INIT;
    rs_lexicon_save(x, &b);
    rs_places_save(p, &b);
    rs_lexicon_free(x);
    rs_places_free(p);

    rs_blob in = {(const unsigned char *)b.data, b.len, 0, 0};
    x = rs_lexicon_restore(&in);
    p = x ? rs_places_restore(&in, sohoa_lm_vocab_size(lm)) : NULL;
    CHECK(x && p && !in.bad && in.at == b.len);
    if (x && p)
        answers(lm, x, p);
    rs_lexicon_free(x);
    rs_places_free(p);

    /* cut short anywhere: refused (under ASan, without reading past it) */
    int whole = 0;
    for (size_t n = 0; n < b.len; n++) {
        unsigned char *cut = malloc(n ? n : 1);
        memcpy(cut, b.data, n);
        rs_blob c = {cut, n, 0, 0};
        rs_lexicon *cx = rs_lexicon_restore(&c);
        rs_places *cp = cx ? rs_places_restore(&c, sohoa_lm_vocab_size(lm)) : NULL;
        whole += cx && cp && !c.bad && c.at == n;
        rs_lexicon_free(cx);
        rs_places_free(cp);
        free(cut);
    }
    CHECK_INT(whole, 0);
    /* a gazetteer for another vocabulary's size is refused */
    rs_blob again = {(const unsigned char *)b.data, b.len, 0, 0};
    x = rs_lexicon_restore(&again);
    CHECK(x != NULL);
    CHECK(rs_places_restore(&again, sohoa_lm_vocab_size(lm) + 1) == NULL);
    rs_lexicon_free(x);
    sohoa_buf_free(&b);
    sohoa_lm_close(lm);
}

TEST(the_file_is_read_passed_over_or_refused)
{
    char d[128];
    sohoa_lm *lm = setup(d);
    CHECK(lm != NULL);
    if (!lm)
        return;
    char cache[160];
    snprintf(cache, sizeof cache, "%s/dictionaries.bin", dir);
    sohoa_err err;
    rs_lexicon *x = NULL;
    rs_places *p = NULL;
    /* none yet: nothing read, no error */
    CHECK_INT(rs_dict_cache_load(cache, d, lm, &x, &p, &err), SOHOA_OK);
    CHECK(x == NULL && p == NULL);
    size_t files = 0;
    CHECK_INT(sohoa_dict_cache_write(dir, d, NULL, &files, &err), SOHOA_OK);
    CHECK_INT(files, 3);
    CHECK_INT(rs_dict_cache_load(cache, d, lm, &x, &p, &err), SOHOA_OK);
    CHECK(x && p);
    if (x && p)
        answers(lm, x, p);
    rs_lexicon_free(x);
    rs_places_free(p);

    /* a dictionary changed: the cache is not theirs, the text is to be read */
    char f[160];
    snprintf(f, sizeof f, "%s/terms.txt", d);
    fx_write(f, "cải cách\nUBND\nQĐ\nTTĐT\n");
    CHECK_INT(rs_dict_cache_load(cache, d, lm, &x, &p, &err), SOHOA_OK);
    CHECK(x == NULL && p == NULL);
    fx_write(f, "cải cách\nUBND\nQĐ\n");

    /* one byte of the body changed: refused, naming the file */
    FILE *fp = fopen(cache, "r+b");
    CHECK(fp != NULL);
    if (!fp)
        return;
    fseek(fp, 60, SEEK_SET);
    int c = fgetc(fp);
    fseek(fp, 60, SEEK_SET);
    fputc(c ^ 1, fp);
    fclose(fp);
    CHECK_INT(rs_dict_cache_load(cache, d, lm, &x, &p, &err), SOHOA_EFORMAT);
    CHECK(x == NULL && p == NULL);
    CHECK(strstr(err.msg, "dictionaries.bin") && strstr(err.msg, "checksum"));
    sohoa_lm_close(lm);
}
