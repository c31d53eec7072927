/* restore_garble_marks.c — OCR noise marks in garble (garble_marks.c,
 * tokens.c, restore.c): a '.', apostrophe or '-' an English OCR printed
 * for the space between two words is dropped and written as a space; a
 * stray opening quote glued to a word is dropped; numbers, decimals,
 * codes, abbreviations, URLs, e-mail addresses, horns read as apostrophes
 * and hyphenated words the model knows keep their marks, and text that is
 * not garble keeps everything; a ¥ after letters is the mark of ỹ or ữ; a
 * capitalised word starting with a vowel, X or V inside a sentence (the
 * line before running on to it included) is written in lower case when
 * the model rarely sees it capitalised there. */
#include "harness.h"
#include "restore_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "sohoa/lm.h"
#include "sohoa/restore.h"
#include "../../src/restore/restore_int.h"

static sohoa_restorer *R;

/* cát-sê is a word of the model; cái bàn a frequent pair; ôxy is never
 * capitalised inside a sentence (6 times: log10 (0 + 0.5) / (6 + 1) =
 * -1.15), nor xã (5 times: -1.08), Anh always (4 times). */
static const char *CORPUS = "trên cái bàn có một cái bát .\n"
                            "cái bàn này là cái bàn của tôi .\n"
                            "tiền cát-sê của ca sĩ .\n"
                            "cát-sê cao .\n"
                            "cát và sê .\n"
                            "cuộc tấn công .\n"
                            "về việc này .\n"
                            "kỹ thuật của mỹ .\n"
                            "khí ôxy và ôxy của nước Anh .\n"
                            "bình ôxy và khí ôxy của nước Anh .\n"
                            "thiếu ôxy và ôxy của nước Anh .\n"
                            "của xã và xã của xã và xã và xã của nước Anh .\n";

static sohoa_restorer *restorer(void)
{
    char dir[64];
    if (!R)
        R = fx_restorer(dir, "sohoa-gmarks", CORPUS, 3, NULL);
    return R;
}

/* rs_garble_split on s: the cut, or -1 for no split. */
static long split_at(const char *s)
{
    size_t cut = 0, ml = 0;
    if (!rs_garble_split(restorer()->lm, s, strlen(s), &cut, &ml))
        return -1;
    return (long)cut * 10 + (long)ml; /* cut and mark length in one number */
}

TEST(split_marks_between_two_syllables)
{
    CHECK(restorer() != NULL);
    CHECK_INT(split_at("cudc.tan"), 41);             /* cuộc tấn: '.' at 4 */
    CHECK_INT(split_at("khi.cac"), 31);              /* khi các */
    CHECK_INT(split_at("hi\xC3\xA9n'co"), 51);       /* hién'co: é is 2 bytes */
    CHECK_INT(split_at("v\xC3\xA9\xE2\x80\x99vi"), 33); /* vé’vi: ’ is 3 bytes */
    CHECK_INT(split_at("chua-xac"), 41);             /* chưa xác */
    CHECK_INT(split_at("chuc-Sri"), 41);             /* a capital after '-' */
    CHECK_INT(split_at("Khi.cac"), 31);              /* a capital first */
}

TEST(split_leaves_numbers_codes_and_words_alone)
{
    CHECK(restorer() != NULL);
    const char *keep[] = {
        "3.5", "1,5", "86/KH-UBND", "QĐ-UBND", "QD-UBND", "a.b@c.vn", "www.x.vn",
        "TP.HCM", "PGS.TS", "v.v", "x.V\xC4\x83n", /* x.Văn: one letter */
        "Covid-19", "S-400",
        "polygon.com", "nhau.com",                  /* a domain */
        "kh\xC3\xA1\x63.Trong",                     /* khác.Trong: capital after '.' */
        "rang,cac",                                 /* a comma: left alone */
        "nha:cua",                                  /* a colon: left alone */
        "tru\xE2\x80\x99\xC3\xA9\x63",              /* tru’éc: a horn before a vowel */
        "thu'c",                                    /* thực: one letter after */
        "don't", "O'Keefe",                         /* one-letter runs */
        "c\xC3\xA1t-s\xC3\xAA", "cat-se", "cat-s\xC3\xA9", /* cát-sê, as the model knows it */
        "nghiengx.cai", "cudc.tanxxxxx",            /* 8 letters is no syllable */
        "cdc.trn",                                  /* no vowel */
        "a.b.c", "cai.ban.ban",                     /* more than one mark */
        "cai..ban", ".cai", "cai.",
    };
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
        if (split_at(keep[i]) != -1)
            harness_fail(__FILE__, __LINE__, "%s was split", keep[i]);
    }
}

TEST(stray_opening_quote)
{
    const char *s = "cai \xE2\x80\x98" "ban cai"; /* cai ‘ban cai */
    CHECK_INT(rs_garble_stray_quote(s, strlen(s), 4), 1);
    CHECK_INT(rs_garble_stray_quote(s, strlen(s), 0), 0); /* no quote there */
    /* closed later on the line: a real quote */
    const char *q = "cai \xE2\x80\x98" "ban cai\xE2\x80\x99, cai";
    CHECK_INT(rs_garble_stray_quote(q, strlen(q), 4), 0);
    /* a closing quote on the next line does not count */
    const char *nl = "cai \xE2\x80\x98" "ban cai\ncai\xE2\x80\x99";
    CHECK_INT(rs_garble_stray_quote(nl, strlen(nl), 4), 1);
    /* ’ inside a word (a horn: tru’éc) is no closing quote */
    const char *h = "cai \xE2\x80\x98" "ban tru\xE2\x80\x99\xC3\xA9" "c";
    CHECK_INT(rs_garble_stray_quote(h, strlen(h), 4), 1);
    /* a quote before a digit or a space is not glued to a word */
    const char *dgt = "\xE2\x80\x98" "5 cai";
    CHECK_INT(rs_garble_stray_quote(dgt, strlen(dgt), 0), 0);
    const char *end = "cai \xE2\x80\x98";
    CHECK_INT(rs_garble_stray_quote(end, strlen(end), 4), 0);
}

static char *restore(const char *text)
{
    return fx_restore(restorer(), NULL, text);
}

TEST(garble_tokens_leave_the_noise_out)
{
    CHECK(restorer() != NULL);
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    rs_doc d;
    /* garbled (s6, d6i ...); cai.ban is two words, ‘cai one */
    const char *text = "s6 d6i ngu6n 1a m6t cai.ban \xE2\x80\x98" "cai";
    rs_doc_build(&d, restorer(), &o, text, strlen(text), NULL, 0);
    CHECK_INT(d.mode, RS_MODE_GARBLE);
    /* s6 d6i ngu6n 1a m6t | cai ban | cai: no token for '.' or ‘ */
    CHECK_INT(d.ntok, 8);
    CHECK_INT(d.tok[5].off, 20);
    CHECK_INT(d.tok[5].len, 3);
    CHECK_INT(d.tok[6].off, 24);
    CHECK_INT(d.tok[6].len, 3);
    CHECK_INT(d.tok[5].word, d.tok[6].word);
    CHECK_INT(d.tok[7].off, 31); /* after the 3 bytes of ‘ */
    CHECK_INT(d.tok[7].kind, RS_WORD);
    rs_doc_free(&d);
}

TEST(garble_output_writes_a_space_for_the_dropped_mark)
{
    CHECK(restorer() != NULL);
    char *out = restore("s6 d6i ngu6n 1a m6t cai.ban \xE2\x80\x98" "cai ban\n"
                        "3.5 86/KH-UBND a.b@c.vn www.x.vn 1,5 cai-ban\n");
    CHECK(out != NULL);
    /* one line each still; the dropped '.' became a space, the ‘ nothing */
    char *nl = strchr(out, '\n');
    CHECK(nl != NULL);
    CHECK(strchr(nl + 1, '\n') != NULL && strchr(strchr(nl + 1, '\n') + 1, '\n') == NULL);
    CHECK(strstr(out, "cái bàn cái bàn\n") != NULL);
    CHECK(strstr(out, "\xE2\x80\x98") == NULL);
    /* numbers, codes, addresses as printed; cai-ban is two words */
    CHECK(strstr(out, "\n3.5 86/KH-UBND a.b@c.vn www.x.vn 1,5 cái bàn\n") != NULL);
    free(out);
}

TEST(text_that_is_not_garble_keeps_its_marks)
{
    CHECK(restorer() != NULL);
    /* stripped text: no digits in words, every word a skeleton the model knows */
    char *out = restore("cai.ban \xE2\x80\x98" "cai ban\n");
    CHECK(out != NULL);
    CHECK_STR(out, "cái.bàn \xE2\x80\x98" "cái bàn\n");
    free(out);
}

TEST(speck_words)
{
    const char *noise[] = {".", ",", ";", ":", "|", "~", "\xC2\xB0" /* ° */, "\xC2\xA9" /* © */,
                           "\xE2\x80\x94" /* — */, ". ", "..", ".,", "|.", "_", "*"};
    for (size_t i = 0; i < sizeof noise / sizeof noise[0]; i++) {
        size_t n = strlen(noise[i]);
        if (noise[i][n - 1] == ' ')
            n--; /* ". " is "." */
        if (!rs_garble_speck_word(noise[i], n, 0, n))
            harness_fail(__FILE__, __LINE__, "\"%s\" is no speck", noise[i]);
    }
    const char *text[] = {"-", "\xE2\x80\x93" /* – */, "/", "+", "(", ")", "\"", "\xE2\x80\x9C",
                          "...", "&", "@", "%", "a", "3", ".a", "=", ""};
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
        if (rs_garble_speck_word(text[i], strlen(text[i]), 0, strlen(text[i])))
            harness_fail(__FILE__, __LINE__, "\"%s\" is taken for a speck", text[i]);
    /* between two numbers a mark is a range or a time; beside a word it is
     * a speck */
    const char *range = "2021 \xE2\x80\x94 2025", *after = "cai \xE2\x80\x94 2025";
    CHECK_INT(rs_garble_speck_word(range, strlen(range), 5, 3), 0);
    CHECK_INT(rs_garble_speck_word(after, strlen(after), 4, 3), 1);
}

TEST(garble_output_leaves_out_speck_words)
{
    CHECK(restorer() != NULL);
    /* garbled; a lone '.' between words, '|' at a line end, '.' alone on
     * a line and at the start of one; '-' and '/' between words stay */
    char *out = restore("s6 d6i ngu6n 1a m6t cai . ban |\n"
                        ".\n"
                        ". cai ban - cai / ban\n");
    CHECK(out != NULL);
    CHECK(strstr(out, " cái bàn\n\ncái bàn - cái / bàn\n") != NULL);
    free(out);
    /* a lone mark between two numbers is a range or a time, not a speck */
    out = restore("s6 d6i ngu6n 1a m6t giai doan 2021 \xE2\x80\x94 2025, tu 8 : 30\n");
    CHECK(out != NULL);
    CHECK(strstr(out, " 2021 \xE2\x80\x94 2025, ") != NULL);
    CHECK(strstr(out, " 8 : 30\n") != NULL);
    free(out);
    /* the same words in stripped text keep their marks */
    out = restore("cai . ban |\n.\n");
    CHECK(out != NULL);
    CHECK_STR(out, "cái . bàn |\n.\n");
    free(out);
}

TEST(yen_sign_is_a_mark_of_the_word)
{
    CHECK(restorer() != NULL);
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    rs_doc d;
    const char *text = "s6 d6i ngu6n 1a m6t k\xC2\xA5 thuat"; /* k¥ thuat */
    rs_doc_build(&d, restorer(), &o, text, strlen(text), NULL, 0);
    CHECK_INT(d.mode, RS_MODE_GARBLE);
    CHECK_INT(d.ntok, 7); /* the ¥ is no token of its own */
    const rs_tok *t = &d.tok[5];
    CHECK_INT(t->off, 20);
    CHECK_INT(t->len, 3);
    CHECK_INT(t->kind, RS_WORD);
    int found = 0;
    for (size_t k = 0; k < t->ncand; k++)
        found |= d.cand[t->cand0 + k].form && strcmp(d.cand[t->cand0 + k].form, "kỹ") == 0;
    CHECK(found);
    rs_doc_free(&d);
    char *out = restore(text);
    CHECK(out != NULL);
    CHECK(strstr(out, " kỹ thuật") != NULL);
    free(out);
}

TEST(garble_capital_vowel_inside_a_sentence)
{
    CHECK(restorer() != NULL);
    /* Oxy after "khi" is ôxy read with a capital; Anh stays a name; Oxy
     * at the start of a line or after a comma keeps its capital */
    char *out = restore("s6 d6i ngu6n 1a m6t khi Oxy cua nuoc Anh\n"
                        "Oxy cua nuoc Anh, Oxy\n");
    CHECK(out != NULL);
    CHECK(strstr(out, " khí ôxy của nước Anh\nÔxy của nước Anh, Ôxy\n") != NULL);
    free(out);
    /* X looks the same in both cases: Xa after a word is xã */
    out = restore("s6 d6i ngu6n 1a m6t cua Xa cua nuoc Anh\n");
    CHECK(out != NULL);
    CHECK(strstr(out, " của xã của nước Anh\n") != NULL);
    free(out);
    /* V too: Va after a word is và; and at the start of a line the
     * sentence runs on to, but not after a heading (1. Của xã) */
    out = restore("s6 d6i ngu6n 1a m6t cua xa Va xa cua nuoc Anh\n");
    CHECK(out != NULL);
    CHECK(strstr(out, " của xã và xã của nước Anh\n") != NULL);
    free(out);
    out = restore("s6 d6i ngu6n 1a m6t khi\nOxy cua nuoc Anh\n1. Cua xa\nOxy cua nuoc Anh\n");
    CHECK(out != NULL);
    CHECK(strstr(out, " khí\nôxy của nước Anh\n1. Của xã\nÔxy của nước Anh\n") != NULL);
    free(out);
    /* the same in clean text: case as printed */
    out = restore("khí Ôxy của nước Anh\n");
    CHECK(out != NULL);
    CHECK_STR(out, "khí Ôxy của nước Anh\n");
    free(out);
}
