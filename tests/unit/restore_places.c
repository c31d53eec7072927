/* restore_places.c — the gazetteer (places.c): a small places-*.txt
 * written here, its keys (unit + name skeleton → one name, or ambiguous),
 * and the bonus it gives on a document built by hand: "UBND HUYEN DONG
 * HOA" gets HUYỆN ĐÔNG HÒA, an invented place and a name in lower case
 * get nothing. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/restore/restore_int.h"

static char dir[64];

static rs_places *load(void)
{
    /* a new directory, taken away when the test binary exits */
    const char *tmp = harness_tmpdir("sohoa-places");
    if (strlen(tmp) >= sizeof dir)
        return NULL;
    strcpy(dir, tmp);
    char path[128];
    snprintf(path, sizeof path, "%s/places-test.txt", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        return NULL;
    fputs("# a comment\n"
          "Đông Hòa\thuyện\tPhú Yên\n"
          "Phú Yên\ttỉnh\n"
          "An Ninh Đông\txã\tTuy An, Phú Yên\n"
          "Đồng Hòa\tphường\tKiến An, Hải Phòng\n"
          "Đông Hòa\tphường\tDĩ An, Bình Dương\n"
          "Sông Cầu\tthị xã\tPhú Yên\n"
          "Bà Rịa - Vũng Tàu\ttỉnh\n",
          f);
    fclose(f);
    /* a file that is not a gazetteer: ignored */
    snprintf(path, sizeof path, "%s/other.txt", dir);
    f = fopen(path, "w");
    if (f) {
        fputs("Văn Điển\thuyện\n", f);
        fclose(f);
    }
    rs_places *p = NULL;
    sohoa_err err;
    if (rs_places_load(dir, NULL, &p, &err) != SOHOA_OK)
        return NULL;
    return p;
}

static void unload(rs_places *p)
{
    rs_places_free(p);
}

static const char *find(const rs_places *p, const char *key)
{
    return rs_places_find(p, key, strlen(key));
}

TEST(places_keys_are_unit_and_name_skeletons)
{
    rs_places *p = load();
    CHECK(p != NULL);
    CHECK_STR(find(p, "huyen dong hoa"), "huyện đông hòa");
    CHECK_STR(find(p, "tinh phu yen"), "tỉnh phú yên");
    CHECK_STR(find(p, "xa an ninh dong"), "xã an ninh đông");
    CHECK_STR(find(p, "thi xa song cau"), "thị xã sông cầu");
    /* two wards whose names fold alike: ambiguous, "" */
    CHECK_STR(find(p, "phuong dong hoa"), "");
    /* an unknown place, a name under another unit, a file not places-* */
    CHECK(find(p, "huyen van dien") == NULL);
    CHECK(find(p, "xa dong hoa") == NULL);
    /* a name with a hyphen is not a run of syllables: left out */
    CHECK(find(p, "tinh ba ria - vung tau") == NULL);
    CHECK_INT((long)rs_places_size(p), 5);
    unload(p);
}

/* A document of whitespace words, each an all-caps (or as written) word
 * token with the candidates given, "|"-separated, e.g. "huyện|huyền". */
static void make_doc(rs_doc *d, const char *text, const char *const *cands, size_t nw)
{
    memset(d, 0, sizeof *d);
    d->mode = RS_MODE_STRIPPED;
    d->text = text;
    d->n = strlen(text);
    d->tok = calloc(nw, sizeof *d->tok);
    d->cand = calloc(nw * 4, sizeof *d->cand);
    size_t off = 0;
    for (size_t i = 0; i < nw; i++) {
        rs_tok *t = &d->tok[i];
        while (text[off] == ' ')
            off++;
        size_t e = off;
        while (text[e] && text[e] != ' ')
            e++;
        t->kind = cands[i] ? RS_WORD : RS_FIXED;
        t->off = off;
        t->len = e - off;
        t->word = (int)i;
        t->upper = sohoa_case_pattern(text + off, e - off);
        t->cand0 = d->ncand;
        for (const char *c = cands[i]; c && *c;) {
            const char *bar = strchr(c, '|');
            size_t l = bar ? (size_t)(bar - c) : strlen(c);
            char *form = strndup(c, l);
            d->cand[d->ncand++] = (rs_cand){.form = form, .chan = 0, .id = SOHOA_LM_UNK};
            t->ncand++;
            c = bar ? bar + 1 : c + l;
        }
        off = e;
    }
    d->ntok = nw;
}

static void free_doc(rs_doc *d)
{
    for (size_t k = 0; k < d->ncand; k++)
        free((char *)d->cand[k].form);
    free(d->cand);
    free(d->tok);
}

TEST(places_bonus_goes_to_the_gazetteer_spelling)
{
    rs_places *p = load();
    CHECK(p != NULL);
    const char *c[] = {NULL, "huyền|huyện", "đồng|đông", "hoa|hòa"};
    rs_doc d;
    make_doc(&d, "UBND HUYEN DONG HOA", c, 4);
    float *b = calloc(d.ncand, sizeof *b);
    CHECK_INT((long)rs_places_bonus(&d, p, b, NULL), 1);
    CHECK(b[1] > 0 && b[0] == 0); /* huyện, not huyền */
    CHECK(b[3] > 0 && b[2] == 0); /* đông, not đồng */
    CHECK(b[5] > 0 && b[4] == 0); /* hòa, not hoa */
    free(b);
    free_doc(&d);
    unload(p);
}

TEST(places_leave_invented_and_uncapitalised_names_alone)
{
    rs_places *p = load();
    CHECK(p != NULL);
    const char *c[] = {"huyền|huyện", "văn|vân", "điển|điền"};
    rs_doc d;
    make_doc(&d, "HUYEN VAN DIEN", c, 3); /* not in the gazetteer */
    float *b = calloc(d.ncand, sizeof *b);
    CHECK_INT((long)rs_places_bonus(&d, p, b, NULL), 0);
    for (size_t k = 0; k < d.ncand; k++)
        CHECK(b[k] == 0);
    free(b);
    free_doc(&d);

    const char *c2[] = {"huyền|huyện", "đồng|đông", "hoa|hòa"};
    make_doc(&d, "huyen dong hoa", c2, 3); /* prose, not a name */
    b = calloc(d.ncand, sizeof *b);
    CHECK_INT((long)rs_places_bonus(&d, p, b, NULL), 0);
    free(b);
    free_doc(&d);

    const char *c3[] = {"phương|phường", "đồng|đông", "hoa|hòa"};
    make_doc(&d, "Phuong Dong Hoa", c3, 3); /* two wards fold alike */
    b = calloc(d.ncand, sizeof *b);
    CHECK_INT((long)rs_places_bonus(&d, p, b, NULL), 0);
    free(b);
    free_doc(&d);
    unload(p);
}

TEST(places_match_across_a_line_break_but_not_a_context_break)
{
    rs_places *p = load();
    CHECK(p != NULL);
    const char *c[] = {"huyền|huyện", "đồng|đông", "hoa|hòa"};
    rs_doc d;
    /* "huyen" ends line 0, "Dong Hoa" starts line 1 (hard-wrapped prose) */
    make_doc(&d, "huyen Dong Hoa", c, 3);
    d.tok[1].line = d.tok[2].line = 1;
    float *b = calloc(d.ncand, sizeof *b);
    CHECK_INT((long)rs_places_bonus(&d, p, b, NULL), 1);
    CHECK(b[1] > 0 && b[3] > 0 && b[5] > 0); /* huyện Đông Hòa */
    free(b);
    /* the same with the context ended after "huyen": no name follows it */
    d.tok[0].ends_context = 1;
    b = calloc(d.ncand, sizeof *b);
    CHECK_INT((long)rs_places_bonus(&d, p, b, NULL), 0);
    free(b);
    free_doc(&d);
    unload(p);
}

TEST(places_two_word_unit_and_longest_name)
{
    rs_places *p = load();
    CHECK(p != NULL);
    const char *c[] = {"thì|thị", "xa|xã", "song|sông", "cầu|câu", "an|ân"};
    rs_doc d;
    make_doc(&d, "THI XA SONG CAU AN", c, 5);
    float *b = calloc(d.ncand, sizeof *b);
    CHECK_INT((long)rs_places_bonus(&d, p, b, NULL), 1);
    CHECK(b[1] > 0 && b[3] > 0 && b[5] > 0 && b[6] > 0);
    CHECK(b[8] == 0 && b[9] == 0); /* AN is not part of the name */
    free(b);
    free_doc(&d);
    unload(p);
}
