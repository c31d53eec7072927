/* restore_tokens.c — the token view (tokens.c) on a tiny model trained
 * here: a word that comes back gets the same candidates as its first
 * occurrence (worked out once per document) but its own case and its own
 * place in the candidate array; what depends on a token's position (a page
 * number alone on its line in garbled text) is still judged per token; and
 * the case helpers' ASCII path agrees with the letter classes; a list
 * label "d)" is read by the list's order (d after c, đ after d), and a label is a
 * letter, not a word, and in garble a symbol printed for it (¢) is the
 * letter the order wants; in stripped text a capitalised word no syllable
 * spells is kept as typed, and a capitalised word before it (not a title)
 * is favoured as typed; in garble a lone @ & ¢ 0 between words is a
 * word read first as ở, a lone ¥ one read first as ý, a hyphen between
 * two capitalised words is kept (Rịa-Vũng), and the case rules of garble leave acronyms no
 * syllable spells (KRI) and known names with a capital I (Iran) alone, and
 * capitalise one or two short all-caps words before a word (BO NOi vu),
 * not three, nor those ending a line; capitalisation is evidence inside a
 * sentence (after a word or a comma), not after a full stop; a quantity
 * or a unit beside a '/' is kept and the word on its other side is a word. */
#include "harness.h"
#include "restore_fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "sohoa/lm.h"
#include "sohoa/restore.h"
#include "../../src/restore/restore_int.h"

static sohoa_restorer *R;

/* cải 3 times, cái 2: the skeleton "cai" has two forms, cải first. */
static const char *CORPUS = "cải cách hành chính là nhiệm vụ .\n"
                            "đẩy mạnh cải cách .\n"
                            "cải cách thủ tục .\n"
                            "trên cái bàn có một cái bát .\n"
                            "là lá lạ .\n"
                            "điểm đ ) đ ) đ ) d ) .\n"
                            "ở iran .\n";

static sohoa_restorer *restorer(void)
{
    char dir[64];
    if (!R)
        R = fx_restorer(dir, "sohoa-tokens", CORPUS, 3, NULL);
    return R;
}

static void build(rs_doc *d, const char *text, int baseline, unsigned disable)
{
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    o.baseline = baseline;
    o.disable = disable;
    rs_doc_build(d, restorer(), &o, text, strlen(text), NULL, 0);
}

/* Build d from garbled text (judged so: mode garble) of ntok tokens. */
static void build_garble(rs_doc *d, const char *text, unsigned disable, size_t ntok)
{
    build(d, text, 0, disable);
    CHECK_INT(d->mode, RS_MODE_GARBLE);
    CHECK_INT(d->ntok, ntok);
}

/* 1 if tokens a and b of d have the same candidates, in the same order. */
static int same_cands(const rs_doc *d, size_t a, size_t b)
{
    const rs_tok *x = &d->tok[a], *y = &d->tok[b];
    if (x->ncand != y->ncand)
        return 0;
    for (size_t k = 0; k < x->ncand; k++) {
        const rs_cand *p = &d->cand[x->cand0 + k], *q = &d->cand[y->cand0 + k];
        if (p->id != q->id || p->chan != q->chan || (p->form == NULL) != (q->form == NULL) ||
            (p->form && strcmp(p->form, q->form) != 0))
            return 0;
    }
    return 1;
}

/* A token expected: its kind and its bytes in the text. */
typedef struct tok_want {
    int kind;
    const char *text;
} tok_want;

/* Check that the tokens of d from the one at byte off on are want[0..n),
 * and no more. */
static void check_tokens_from(const rs_doc *d, size_t off, const tok_want *want, size_t n)
{
    size_t i = 0;
    while (i < d->ntok && d->tok[i].off != off)
        i++;
    CHECK_INT(d->ntok, i + n);
    for (size_t k = 0; k < n; k++) {
        const rs_tok *t = &d->tok[i + k];
        CHECK_INT(t->kind, want[k].kind);
        CHECK_INT(t->len, strlen(want[k].text));
        CHECK(memcmp(d->text + t->off, want[k].text, t->len) == 0);
    }
}

TEST(a_word_that_comes_back_gets_the_same_candidates_and_its_own_case)
{
    CHECK(restorer() != NULL);
    rs_doc d;
    /* tokens: cai Cai CAI cai . ban; without the capitalisation evidence,
     * which changes each token's channel scores by its case and place */
    build(&d, "cai Cai CAI cai. ban", 0, SOHOA_RESTORE_NO_CASE);
    CHECK_INT(d.ntok, 6);
    CHECK_INT(d.tok[0].kind, RS_WORD);
    CHECK(d.tok[0].ncand >= 2); /* cải, cái */
    CHECK_STR(d.cand[d.tok[0].cand0].form, "cải");
    CHECK_STR(d.cand[d.tok[0].cand0 + 1].form, "cái");
    int want_upper[4] = {0, 1, 2, 0};
    for (size_t i = 0; i < 4; i++) {
        CHECK_INT(d.tok[i].kind, RS_WORD);
        CHECK_INT(d.tok[i].upper, want_upper[i]);
        CHECK(same_cands(&d, 0, i));
    }
    CHECK_INT(d.tok[4].kind, RS_PUNCT);
    /* each token has a range of its own, one after the other */
    for (size_t i = 1; i < 4; i++)
        CHECK_INT(d.tok[i].cand0, d.tok[i - 1].cand0 + d.tok[i - 1].ncand);
    rs_doc_free(&d);
}

TEST(most_frequent_form_baseline_keeps_one_candidate_per_occurrence)
{
    rs_doc d;
    build(&d, "cai CAI cai", 2, 0);
    CHECK_INT(d.ntok, 3);
    for (size_t i = 0; i < 3; i++) {
        CHECK_INT(d.tok[i].ncand, 1);
        CHECK_INT(d.tok[i].cand0, i);
        CHECK_STR(d.cand[i].form, "cải");
    }
    CHECK_INT(d.tok[1].upper, 2);
    rs_doc_free(&d);
}

TEST(codes_and_abbreviations_repeat_as_fixed_tokens)
{
    rs_doc d;
    build(&d, "86/KH-UBND cai 86/KH-UBND", 0, 0);
    CHECK_INT(d.ntok, 3);
    CHECK_INT(d.tok[0].kind, RS_FIXED);
    CHECK_INT(d.tok[2].kind, RS_FIXED);
    CHECK_INT(d.tok[0].ncand, 0);
    CHECK_INT(d.tok[2].ncand, 0);
    CHECK_INT(d.tok[1].kind, RS_WORD);
    rs_doc_free(&d);
}

/* Outside garble a quantity beside a '/' is kept and the words beside it
 * are words (5%/năm, 10.000/ngày, 60km/giờ); ha after a '/' is the
 * hectare, kept; dates and codes stay one token. */
TEST(a_quantity_or_a_unit_beside_a_slash_leaves_the_word_a_word)
{
    rs_doc d;
    build(&d, "cai 5%/cai 10.000/cai 60km/cai cai/ha 18/11/2021 86/KH-UBND", 0, 0);
    static const tok_want want[] = {
        {RS_WORD, "cai"},  {RS_FIXED, "5%"},   {RS_PUNCT, "/"},          {RS_WORD, "cai"},
        {RS_FIXED, "10.000"}, {RS_PUNCT, "/"}, {RS_WORD, "cai"},          {RS_FIXED, "60km"},
        {RS_PUNCT, "/"},   {RS_WORD, "cai"},   {RS_WORD, "cai"},          {RS_PUNCT, "/"},
        {RS_FIXED, "ha"},  {RS_FIXED, "18/11/2021"}, {RS_FIXED, "86/KH-UBND"}};
    check_tokens_from(&d, 0, want, sizeof want / sizeof want[0]);
    rs_doc_free(&d);
}

/* Beside the marks a lost space leaves (a comma, an em dash), a foreign
 * word or a unit is kept and the word beside it is a word; a quantity may
 * stand beside a hyphen (a range); a code joined by a hyphen (Su-27) stays
 * one token: no lower-case word says it is words run together. */
TEST(a_foreign_word_or_a_unit_beside_a_lost_space_mark_leaves_the_word_a_word)
{
#define PLAIN "cai cach hanh chinh la nhiem vu, day manh cai cach thu tuc tren cai ban co mot cai bat. "
    const char *text = PLAIN PLAIN PLAIN "cai,Suzuki cai\xe2\x80\x94" "cach cai/m3 3,6-3,7%/cai Su-27 cai";
#undef PLAIN
    rs_doc d;
    build(&d, text, 0, 0);
    CHECK_INT(d.mode, RS_MODE_STRIPPED);
    static const tok_want want[] = {
        {RS_WORD, "cai"},  {RS_PUNCT, ","},      {RS_FIXED, "Suzuki"},
        {RS_WORD, "cai"},  {RS_PUNCT, "\xe2\x80\x94"}, {RS_WORD, "cach"},
        {RS_WORD, "cai"},  {RS_PUNCT, "/"},      {RS_FIXED, "m3"},
        {RS_FIXED, "3,6"}, {RS_PUNCT, "-"},      {RS_FIXED, "3,7%"},
        {RS_PUNCT, "/"},   {RS_WORD, "cai"},     {RS_FIXED, "Su-27"},
        {RS_WORD, "cai"}};
    check_tokens_from(&d, (size_t)(strstr(text, "cai,Suzuki") - text), want,
                      sizeof want / sizeof want[0]);
    rs_doc_free(&d);
}

/* A list label run into its item (1.Cải, b)Cải) or a number run into a
 * word (2021cải) leaves the word a word; initials (L.A), a unit after a
 * number (60km) and a code (ST25) stay one token. */
TEST(a_list_label_or_a_number_run_into_a_word_leaves_the_word_a_word)
{
#define PLAIN "cai cach hanh chinh la nhiem vu, day manh cai cach thu tuc tren cai ban co mot cai bat. "
    const char *text = PLAIN PLAIN PLAIN PLAIN "1.Cai cach b)Cai L.A cai 2021cai 60km ST25 cai";
#undef PLAIN
    rs_doc d;
    build(&d, text, 0, 0);
    CHECK_INT(d.mode, RS_MODE_STRIPPED);
    static const tok_want want[] = {
        {RS_FIXED, "1"},  {RS_PUNCT, "."},     {RS_WORD, "Cai"},  {RS_WORD, "cach"},
        {RS_FIXED, "b"},  {RS_PUNCT, ")"},     {RS_WORD, "Cai"},  {RS_FIXED, "L.A"},
        {RS_WORD, "cai"}, {RS_FIXED, "2021"},  {RS_WORD, "cai"},  {RS_FIXED, "60km"},
        {RS_FIXED, "ST25"}, {RS_WORD, "cai"}};
    check_tokens_from(&d, (size_t)(strstr(text, "1.Cai") - text), want,
                      sizeof want / sizeof want[0]);
    rs_doc_free(&d);
}

/* In stripped text a lower-case word no skeleton of the model spells but
 * that splits into likely syllables is those syllables, one token each with
 * nothing between them (a lost space: caicach for cải cách); a capitalised
 * one is left whole (mostly a foreign name) unless a capital inside says
 * where a word starts (CaiCach). */
TEST(words_a_lost_space_ran_together_are_read_as_their_syllables)
{
    /* enough known words that four unknown ones leave the text stripped
     * (doc_mode: under 6 % of them) */
#define PLAIN "cai cach hanh chinh la nhiem vu, day manh cai cach thu tuc tren cai ban co mot cai bat. "
    const char *text = PLAIN PLAIN PLAIN PLAIN "la caicach hanhchinh la Caicach CaiCach";
#undef PLAIN
    rs_doc d;
    /* without the capitalisation evidence, which gives a sentence's first
     * word channel scores of its own */
    build(&d, text, 0, SOHOA_RESTORE_NO_CASE);
    CHECK_INT(d.mode, RS_MODE_STRIPPED);
    size_t at = (size_t)(strstr(text, "caicach") - text), i = 0;
    while (i < d.ntok && d.tok[i].off != at)
        i++;
    CHECK(i + 6 <= d.ntok);
    if (i + 6 > d.ntok) {
        rs_doc_free(&d);
        return;
    }
    static const char *want[] = {"cai", "cach", "hanh", "chinh", "la", "Caicach"};
    for (size_t k = 0; k < 6; k++) {
        const rs_tok *t = &d.tok[i + k];
        CHECK_INT(t->len, strlen(want[k]));
        CHECK(memcmp(d.text + t->off, want[k], t->len) == 0);
        CHECK_INT(t->kind, k < 5 ? RS_WORD : RS_FIXED);
    }
    /* the halves of caicach are one whitespace word, side by side, with
     * the candidates cai and cach have */
    CHECK_INT(d.tok[i].word, d.tok[i + 1].word);
    CHECK_INT(d.tok[i + 1].off, at + 3);
    CHECK(same_cands(&d, 0, i));
    CHECK(same_cands(&d, 1, i + 1));
    /* CaiCach: two words, the second capitalised */
    CHECK_INT(d.ntok, i + 8);
    if (d.ntok == i + 8) {
        CHECK_INT(d.tok[i + 6].kind, RS_WORD);
        CHECK_INT(d.tok[i + 6].len, 3);
        CHECK_INT(d.tok[i + 7].kind, RS_WORD);
        CHECK_INT(d.tok[i + 7].len, 4);
        CHECK_INT(d.tok[i + 7].upper, 1);
    }
    rs_doc_free(&d);
}

TEST(a_page_number_alone_on_its_line_is_judged_per_token)
{
    /* garbled text (digits inside words: s6, d6i, ngu6n, 1a, m6t), where a
     * number in a sentence is a misread word but a number alone on its
     * line is a page number */
    rs_doc d;
    /* tokens: s6 d6i ngu6n 1a m6t 13 cai | 13 | cai 13 ban */
    build_garble(&d, "s6 d6i ngu6n 1a m6t 13 cai\n13\ncai 13 ban", SOHOA_RESTORE_NO_CASE, 11);
    const rs_tok *in_line = &d.tok[5], *alone = &d.tok[7], *again = &d.tok[9];
    CHECK_INT(in_line->len, 2);
    CHECK_INT(alone->len, 2);
    CHECK_INT(alone->kind, RS_FIXED);
    CHECK_INT(alone->ncand, 0);
    CHECK_INT(in_line->kind, RS_WORD); /* read as a word (là, lá ...) */
    CHECK_INT(again->kind, RS_WORD);
    CHECK(same_cands(&d, 5, 9));
    rs_doc_free(&d);
}

/* The channel score of keeping token i of d as printed; 1 in *unk if it
 * is kept as an unknown word (not as a number). NAN if it cannot be. */
static float keep_cost(const rs_doc *d, size_t i, int *unk)
{
    const rs_tok *t = &d->tok[i];
    for (size_t k = 0; k < t->ncand; k++) {
        const rs_cand *c = &d->cand[t->cand0 + k];
        if (!c->form) {
            *unk = c->id == SOHOA_LM_UNK;
            return c->chan;
        }
    }
    return NAN;
}

TEST(garble_digits_and_letters_that_make_no_number_are_a_misread_word)
{
    /* garbled text: 1am (làm), ca1 (cái) are misread words, kept only at
     * an unknown word's cost; 5km, m2 and 2a are a number and its unit,
     * a unit's power and a point's label: fixed, or kept as numbers
     * without that cost */
    rs_doc d;
    build_garble(&d, "s6 d6i ngu6n 1a m6t 1am ca1 5km m2 2a cai", SOHOA_RESTORE_NO_CASE, 11);
    int unk = -1;
    for (size_t i = 5; i <= 6; i++) {
        CHECK_INT(d.tok[i].kind, RS_WORD);
        CHECK(keep_cost(&d, i, &unk) <= -2.5f);
        CHECK_INT(unk, 1);
    }
    for (size_t i = 7; i <= 9; i++) {
        if (d.tok[i].kind != RS_WORD)
            continue; /* kept as printed: fine */
        CHECK(keep_cost(&d, i, &unk) > -2.5f); /* garble's cost of keeping, -1 */
        CHECK_INT(unk, 0);
    }
    rs_doc_free(&d);
}

TEST(stripped_a_capitalised_word_before_a_foreign_name_stays_as_typed)
{
    /* a model where Nông (a name) is far likelier than nong (a word) */
    char dir[64];
    sohoa_restorer *r = fx_two_models(dir, "sohoa-foreign",
                                      "bà con nông dân trồng lúa .\n"
                                      "ông Nông Văn Dền trồng lúa .\n"
                                      "bà Nông Thị Xuân trồng lúa .\n"
                                      "cái nong phơi lúa .\n"
                                      "ba người con .\n",
                                      "", 0);
    CHECK(r != NULL);
    /* stripped text (two words of 47 no syllable spells): "Nong" before
     * Poy, a foreign name, is part of it and stays as typed; before a
     * Vietnamese word it is Nông; a title before a foreign name is read
     * as the model likes it (bà over ba) */
    char *s = fx_restore(r, NULL,
                         "ba con nong dan trong lua\n"
                         "Nong Poy trong lua\n"
                         "ba Nong Thi Xuan trong lua\n"
                         "ba con nong dan trong lua\n"
                         "ba con nong dan trong lua\n"
                         "Ba Poy trong lua\n"
                         "ba con nong dan trong lua\n"
                         "ba con nong dan trong lua\n");
    CHECK_STR(s, "bà con nông dân trồng lúa\n"
                 "Nong Poy trồng lúa\n"
                 "bà Nông Thị Xuân trồng lúa\n"
                 "bà con nông dân trồng lúa\n"
                 "bà con nông dân trồng lúa\n"
                 "Bà Poy trồng lúa\n"
                 "bà con nông dân trồng lúa\n"
                 "bà con nông dân trồng lúa\n");
    free(s);
    sohoa_restorer_free(r);
    fx_two_models_remove(dir);
}

TEST(case_of_ascii_letters_and_others)
{
    CHECK_INT(sohoa_case_pattern("ab", 2), 0);
    CHECK_INT(sohoa_case_pattern("Ab", 2), 1);
    CHECK_INT(sohoa_case_pattern("AB", 2), 2);
    CHECK_INT(sohoa_case_pattern("aB", 2), 3);
    CHECK_INT(sohoa_case_pattern("A", 1), 1); /* one capital letter: capitalised */
    CHECK_INT(sohoa_case_pattern("VPBank", 6), 3);
    CHECK_INT(sohoa_case_pattern("ĐÀ", strlen("ĐÀ")), 2);
    CHECK_INT(sohoa_case_pattern("Đà", strlen("Đà")), 1);
    CHECK_INT(sohoa_case_pattern("đÀ", strlen("đÀ")), 3);
    CHECK_INT(sohoa_case_pattern("\xC7\x85" "a", 3), 1); /* U+01C5 Dž, title case */
    CHECK_INT(sohoa_case_pattern("86", 2), 0);
    /* every ASCII character but the 52 letters is no letter */
    for (int c = 1; c < 128; c++) {
        char s[4] = {'A', (char)c, 'B', 0};
        int letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        int want = !letter ? 2 : c <= 'Z' ? 2 : 3;
        if (sohoa_case_pattern(s, 3) != want)
            harness_fail(__FILE__, __LINE__, "sohoa_case_pattern(A%cB) = %d, want %d", c,
                         sohoa_case_pattern(s, 3), want);
        char t[3] = {(char)c, 'b', 0};
        want = !letter ? 0 : c <= 'Z' ? 1 : 0;
        if (sohoa_case_pattern(t, 2) != want)
            harness_fail(__FILE__, __LINE__, "sohoa_case_pattern(%cb) = %d, want %d", c,
                         sohoa_case_pattern(t, 2), want);
    }
}

TEST(apply_case_capitalises_letters_only)
{
    char out[64];
    CHECK_INT(rs_apply_case("hòa", 1, out, sizeof out), strlen("Hòa"));
    CHECK_STR(out, "Hòa");
    rs_apply_case("hòa bình", 2, out, sizeof out);
    CHECK_STR(out, "HÒA BÌNH");
    rs_apply_case("đà nẵng", 1, out, sizeof out);
    CHECK_STR(out, "Đà nẵng");
    rs_apply_case("ở", 1, out, sizeof out);
    CHECK_STR(out, "Ở");
    rs_apply_case("1a-b", 1, out, sizeof out); /* the first letter, after a digit */
    CHECK_STR(out, "1A-b");
    rs_apply_case("x-y", 2, out, sizeof out);
    CHECK_STR(out, "X-Y");
    rs_apply_case("cải", 0, out, sizeof out);
    CHECK_STR(out, "cải");
    /* a byte that is not UTF-8 is read as the Latin-1 letter it would be */
    rs_apply_case("a\xFF", 0, out, sizeof out);
    CHECK_STR(out, "a\xC3\xBF");
    /* every ASCII character: letters a-z go up, nothing else changes */
    for (int c = 1; c < 128; c++) {
        char s[2] = {(char)c, 0};
        rs_apply_case(s, 2, out, sizeof out);
        char want = c >= 'a' && c <= 'z' ? (char)(c - 32) : (char)c;
        if (out[0] != want || out[1] != '\0')
            harness_fail(__FILE__, __LINE__, "rs_apply_case(%d) = %d, want %d", c,
                         (unsigned char)out[0], (unsigned char)want);
    }
    /* truncation reports the length needed */
    CHECK_INT(rs_apply_case("hòa", 1, out, 3), strlen("Hòa"));
}

/* The restored text of in (malloc'd), "" on error. */
static char *restored(const char *in)
{
    return fx_restore(restorer(), NULL, in);
}

TEST(list_labels_follow_the_order_of_the_list)
{
    CHECK(restorer() != NULL);
    /* the model knows "đ" three times as often as "d": only the list's
     * order says the first "d)" is d) (after c) and the second đ) */
    char *s = restored("a) cai cach\nb) cai cach\nc) cai cach\nd) cai cach\nd) cai cach\n"
                       "e) cai cach\n");
    CHECK_STR(s, "a) cải cách\nb) cải cách\nc) cải cách\nd) cải cách\nđ) cải cách\n"
                 "e) cải cách\n");
    free(s);
    /* in OCR garble (the unknown "viec" makes it so) a label is a letter
     * too, not a word the channel reads into it (b → có) */
    s = restored("a) viec\nb) viec\nc) viec\nd) viec\nd) viec\ne) viec\n");
    CHECK_STR(s, "a) viec\nb) viec\nc) viec\nd) viec\nđ) viec\ne) viec\n");
    free(s);
    /* in garble a symbol printed for a label is the letter the list's
     * order wants: ¢ for c and e, @ for đ, after a speck too ("_ ¢)");
     * with no list before it, it is kept */
    s = restored("¢) viec\na) viec\nb) viec\n¢) viec\nd) viec\n@) viec\n_ ¢) viec\n");
    CHECK_STR(s, "¢) viec\na) viec\nb) viec\nc) viec\nd) viec\nđ) viec\ne) viec\n");
    free(s);
    /* a list starts again at a); indented labels count too */
    s = restored("a) viec\nb) viec\nc) viec\n  d) viec\na) viec\nb) viec\nc) viec\nd) viec\n");
    CHECK_STR(s, "a) viec\nb) viec\nc) viec\n  d) viec\na) viec\nb) viec\nc) viec\nd) viec\n");
    free(s);
    /* not a label: a letter inside a line, or not followed by ')' */
    rs_doc d;
    build(&d, "c) viec\nx d) viec\nd. cai", 0, 0);
    for (size_t i = 0; i < d.ntok; i++) {
        const rs_tok *t = &d.tok[i];
        if (t->kind != RS_WORD || t->len != 1 || d.text[t->off] != 'd')
            continue;
        for (size_t k = 0; k < t->ncand; k++)
            CHECK(d.cand[t->cand0 + k].chan > -5); /* no candidate ruled out */
    }
    rs_doc_free(&d);
}

TEST(stripped_text_keeps_capitalised_words_no_syllable_spells)
{
    rs_doc d;
    /* stripped (no marks, every lower-case word known): Myo, PLA and Hadi
     * are foreign (no Vietnamese syllable has their letters), Cai and CACH
     * are Vietnamese words capitalised */
    build(&d, "cai cach thu tuc cai cach cai ban co mot cai bat cai cach cai ban la la la cai "
              "cai cach thu tuc cai cach cai ban co mot cai bat cai cach cai ban la la la cai "
              "Myo PLA Hadi Cai CACH",
          0, 0);
    CHECK_INT(d.mode, RS_MODE_STRIPPED);
    CHECK_INT(d.ntok, 45);
    for (size_t i = 40; i < 43; i++) {
        CHECK_INT(d.tok[i].kind, RS_FIXED);
        CHECK(d.tok[i].fixed_out == NULL); /* kept as printed */
    }
    CHECK_INT(d.tok[43].kind, RS_WORD);
    CHECK_INT(d.tok[44].kind, RS_WORD);
    rs_doc_free(&d);
}

/* In stripped text "cai X cai", X is a punctuation token. */
static void check_stripped_punct(const char *text)
{
    rs_doc d;
    build(&d, text, 0, 0);
    CHECK_INT(d.mode, RS_MODE_STRIPPED);
    CHECK_INT(d.ntok, 3);
    CHECK_INT(d.tok[1].kind, RS_PUNCT);
    rs_doc_free(&d);
}

/* Token i of d is a word read from a lone symbol: its reading first and
 * likeliest, other readings of its letter after it (not the reading
 * again), and the symbol kept as printed once, at least 3 candidates. */
static void check_symbol_word(const rs_doc *d, size_t i, const char *reading)
{
    const rs_tok *t = &d->tok[i];
    CHECK_INT(t->kind, RS_WORD);
    CHECK(t->ncand >= 3);
    CHECK_STR(d->cand[t->cand0].form, reading);
    int keep = 0;
    for (size_t k = 1; k < t->ncand; k++) {
        const rs_cand *c = &d->cand[t->cand0 + k];
        CHECK(c->chan < d->cand[t->cand0].chan);
        CHECK(!c->form || strcmp(c->form, reading) != 0);
        keep += c->form == NULL;
    }
    CHECK_INT(keep, 1);
}

TEST(garble_reads_a_lone_symbol_between_words_as_o_with_a_horn)
{
    rs_doc d;
    /* garbled (s6, d6i ...): "@" and "¢" with a space each side stand for
     * ở; "@" glued to a word, or at the start of a line, is not a word */
    /* tokens: s6 d6i ngu6n 1a m6t cai @ cai ¢ ban cai@ ban | @ cai (the
     * @ of cai@ is the word's debris, one token with it) */
    build_garble(&d, "s6 d6i ngu6n 1a m6t cai @ cai ¢ ban cai@ ban\n@ cai", 0, 14);
    check_symbol_word(&d, 6, "ở");
    check_symbol_word(&d, 8, "ở");
    CHECK_INT(d.tok[10].len, 4);          /* cai@: the @ is the word's debris */
    CHECK_INT(d.tok[12].kind, RS_PUNCT); /* @ at the start of a line */
    rs_doc_free(&d);
    check_stripped_punct("cai @ cai"); /* stripped text: punctuation */
}

TEST(garble_reads_a_lone_yen_sign_as_y_with_an_acute)
{
    rs_doc d;
    /* garbled: a "¥" standing alone is ý (ý kiến, ý nghĩa), at either end
     * of a line too; glued to a word it is that word's (nữ printed ni¥) */
    /* tokens: s6 d6i ngu6n 1a m6t ¥ kien cai ¥ | ¥ nghia cai¥ */
    build_garble(&d, "s6 d6i ngu6n 1a m6t ¥ kien cai ¥\n¥ nghia cai¥", 0, 12);
    check_symbol_word(&d, 5, "ý");
    check_symbol_word(&d, 8, "ý");
    check_symbol_word(&d, 9, "ý");
    CHECK_INT(d.tok[11].len, 5); /* cai¥: one token */
    rs_doc_free(&d);
    check_stripped_punct("cai ¥ cai"); /* stripped text: punctuation */
}

TEST(garble_keeps_a_hyphen_between_two_capitalised_words)
{
    rs_doc d;
    /* garbled: a hyphen between two syllable-like runs is noise for the
     * space between two words (chua-xac: chưa xác), but between two
     * capitalised runs it joins a compound name (Bà Rịa-Vũng Tàu) */
    /* tokens: s6 d6i ngu6n 1a m6t tinh Ba Ria - Viing Tau cai chua xac */
    build_garble(&d, "s6 d6i ngu6n 1a m6t tinh Ba Ria-Viing Tau cai chua-xac", 0, 14);
    CHECK_INT(d.tok[7].len, 3); /* Ria */
    CHECK_INT(d.tok[8].kind, RS_PUNCT);
    CHECK_INT(d.tok[8].len, 1); /* the hyphen, kept */
    CHECK_INT(d.tok[9].len, 5); /* Viing */
    CHECK_INT(d.tok[12].len, 4); /* chua */
    CHECK_INT(d.tok[13].len, 3); /* xac: no token for the hyphen between */
    CHECK_INT(d.tok[13].off, d.tok[12].off + 5);
    rs_doc_free(&d);
}

TEST(garble_case_rules_spare_acronyms_and_known_names)
{
    rs_doc d;
    /* tokens: s6 d6i ngu6n 1a m6t | cai KRI cai BO cai Iy cai Iran cai */
    build_garble(&d, "s6 d6i ngu6n 1a m6t cai KRI cai BO cai Iy cai Iran cai",
                 SOHOA_RESTORE_NO_CASE, 14);
    CHECK_INT(d.tok[6].upper, 2);  /* KRI: no syllable is spelt k-r-i */
    CHECK_INT(d.tok[8].kind, RS_WORD);
    CHECK_INT(d.tok[8].upper, 1);  /* BO: bộ with its mark read as a capital */
    CHECK_INT(d.tok[10].kind, RS_WORD);
    CHECK_INT(d.tok[10].upper, 0); /* Iy: the l of lý */
    CHECK_INT(d.tok[12].kind, RS_WORD);
    CHECK_INT(d.tok[12].upper, 1); /* Iran: a word of the model, no l-syllable */
    rs_doc_free(&d);
}

TEST(garble_case_rules_take_short_caps_by_twos)
{
    rs_doc d;
    /* s6 d6i ngu6n 1a m6t cai BO NOi cai | SO cai | BO NOi BO cai | BO NO */
    build_garble(&d, "s6 d6i ngu6n 1a m6t cai BO NOi cai\nSO cai\nBO NOi BO cai\nBO NO",
                 SOHOA_RESTORE_NO_CASE, 17);
    for (size_t i = 6; i <= 16; i++)
        if (i != 8 && i != 10 && i != 14 && d.tok[i].kind != RS_WORD)
            harness_fail(__FILE__, __LINE__, "token %zu is no word", i);
    CHECK_INT(d.tok[6].upper, 1);  /* BO NOi between words: Bộ Nội */
    CHECK_INT(d.tok[7].upper, 1);
    CHECK_INT(d.tok[9].upper, 1);  /* SO at the start of a line, a word after: Sở */
    CHECK_INT(d.tok[11].upper, 2); /* three in a row: capitals as printed */
    CHECK_INT(d.tok[12].upper, 2);
    CHECK_INT(d.tok[13].upper, 2);
    CHECK_INT(d.tok[15].upper, 2); /* no word after them on the line */
    CHECK_INT(d.tok[16].upper, 2);
    rs_doc_free(&d);
}

/* Check that the n tokens of d spell want[] and end the context (and are
 * transparent, when transparent is not NULL) as given. */
static void check_breaks(const rs_doc *d, size_t n, const char *const *want, const int *ends,
                         const int *transparent, int line)
{
    if (d->ntok != n) {
        harness_fail(__FILE__, line, "%zu tokens, want %zu", d->ntok, n);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const rs_tok *t = &d->tok[i];
        if (t->len != strlen(want[i]) || memcmp(d->text + t->off, want[i], t->len) != 0)
            harness_fail(__FILE__, line, "token %zu is not \"%s\"", i, want[i]);
        if (t->ends_context != ends[i])
            harness_fail(__FILE__, line, "token %zu (%s): ends_context %d, want %d", i, want[i],
                         t->ends_context, ends[i]);
        if (transparent && t->transparent != transparent[i])
            harness_fail(__FILE__, line, "token %zu (%s): transparent %d, want %d", i, want[i],
                         t->transparent, transparent[i]);
    }
}

TEST(a_blank_line_before_a_lower_case_line_does_not_end_context)
{
    rs_doc d;
    /* line 0 "cai cach" | blank | "hanh chinh." (lower case: the sentence
     * goes on) | blank | blank | "Cai" (a capital after a full stop: a new
     * one) | blank | "a) cai" (a list label: a heading, were the next line
     * not in lower case) | "cai" (the item goes on) | blank | "- cai" */
    build(&d, "cai cach\n\nhanh chinh.\n\n\nCai\n\na) cai\ncai\n\n- cai", 0, 0);
    const char *want[12] = {"cai", "cach", "hanh", "chinh", ".", "Cai", "a", ")", "cai", "cai", "-", "cai"};
    int ends[12] = {0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 1};
    check_breaks(&d, 12, want, ends, NULL, __LINE__);
    rs_doc_free(&d);
}

TEST(a_page_number_alone_on_its_line_is_transparent)
{
    rs_doc d;
    /* "cai cach" | form feed and page number "2" | blank | "hanh chinh" |
     * "12 cai" (no number alone) | blank | "cai." | "7" | "Cai": the sentence
     * runs across the page number, which is transparent (no context); the
     * context ends before a page number and a capital after a full stop
     * ("cai." before "7"), and the page number's own line runs into the
     * next as any line does */
    build(&d, "cai cach\n\f2\n\nhanh chinh\n12 cai\n\ncai.\n7\nCai", 0, 0);
    const char *want[11] = {"cai", "cach", "2", "hanh", "chinh", "12", "cai", "cai", ".", "7", "Cai"};
    int ends[11] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1};
    int transparent[11] = {0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0};
    check_breaks(&d, 11, want, ends, transparent, __LINE__);
    rs_doc_free(&d);
}

TEST(a_capital_after_a_blank_line_goes_on_a_sentence_not_over)
{
    rs_doc d;
    /* "cua huyen" (no full stop) | blank | "Thach Thanh nam." (a name goes
     * on the sentence) | blank | "Yeu cau" (a capital after a full stop: a
     * new one) | blank | "I. MUC" (a heading) */
    build(&d, "cua huyen\n\nThach Thanh nam.\n\nYeu cau\n\nI. MUC", 0, 0);
    const char *want[11] = {"cua", "huyen", "Thach", "Thanh", "nam", ".", "Yeu", "cau", "I", ".", "MUC"};
    int ends[11] = {0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1};
    check_breaks(&d, 11, want, ends, NULL, __LINE__);
    rs_doc_free(&d);
}

TEST(a_numbered_item_wrapped_in_lower_case_goes_on)
{
    rs_doc d;
    /* "1. Phoi hop voi bao" | "chi trien khai" (its sentence goes on in
     * lower case: no heading) | "2. Muc dich" (a heading: the next line
     * starts with a capital) | "Nang cao" */
    build(&d, "1. Phoi hop voi bao\nchi trien khai\n2. Muc dich\nNang cao", 0, 0);
    const char *want[15] = {"1",    ".", "Phoi", "hop",  "voi",  "bao",  "chi", "trien",
                            "khai", "2", ".",    "Muc",  "dich", "Nang", "cao"};
    int ends[15] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1};
    check_breaks(&d, 15, want, ends, NULL, __LINE__);
    rs_doc_free(&d);
}

/* 1 if token i has the same candidates with the same channel scores in
 * the documents x and y. */
static int same_scores(const rs_doc *x, const rs_doc *y, size_t i)
{
    const rs_tok *a = &x->tok[i], *b = &y->tok[i];
    if (a->ncand != b->ncand)
        return 0;
    for (size_t k = 0; k < a->ncand; k++)
        if (x->cand[a->cand0 + k].chan != y->cand[b->cand0 + k].chan)
            return 0;
    return 1;
}

/* Capitalisation is evidence inside a sentence: after a word, and after a
 * comma; not after a full stop, where a sentence may start. Tokens: ban
 * hanh , Cai ban . Cai ban; with the evidence the channel scores of Cai
 * (3) after the comma move, those of Cai (6) after the full stop do not. */
TEST(capitals_after_a_comma_are_evidence_after_a_full_stop_not)
{
    CHECK(restorer() != NULL);
    rs_doc with, without;
    const char *text = "ban hanh, Cai ban. Cai ban";
    build(&with, text, 0, 0);
    build(&without, text, 0, SOHOA_RESTORE_NO_CASE);
    CHECK_INT(with.ntok, 8);
    CHECK_INT(with.tok[2].kind, RS_PUNCT);
    CHECK_INT(with.tok[3].upper, 1);
    CHECK_INT(with.tok[6].upper, 1);
    CHECK(!same_scores(&with, &without, 3));
    CHECK(same_scores(&with, &without, 6));
    rs_doc_free(&with);
    rs_doc_free(&without);
}
