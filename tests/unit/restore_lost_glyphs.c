/* restore_lost_glyphs.c — text a PDF gave after its font lost the glyphs
 * of marked letters (lost_glyphs.c, tokens.c): fragments are recognised,
 * the model's words they may be cut from become candidates ("t nh" →
 * tình, "tr  ng" → trường, "  i u" → điều, "c" → có), only Vietnamese
 * syllables among them, the blanks the lost letters left beside a word
 * written as one space, a word lost whole between two words put back, a
 * glyph the extraction could not map (U+FFFD, private use) a lost letter;
 * text without such fragments, a letter the model
 * reads as printed (điểm c khoản) and a unit after a number are left
 * alone. */
#include "harness.h"
#include "restore_fixture.h"

#include <string.h>
#include "sohoa/lm.h"
#include "sohoa/restore.h"
#include "../../src/restore/restore_int.h"

static sohoa_restorer *R;

/* Every sentence written for these tests. "cđ" is a word of the model but
 * no Vietnamese syllable; "mở" is the only word m + one marked letter;
 * with "ước", "ược" is a skeleton of the model, and with i, u and kì so
 * are "i", "u" and "ki", so that a short text of fragments is not taken
 * for an English OCR's garble. */
static const char *CORPUS = "tình hình của phòng rất tốt .\n"
                            "tình hình của trường rất tốt .\n"
                            "phòng có máy tính .\n"
                            "trường có được máy tính .\n"
                            "theo điểm c khoản 2 của luật .\n"
                            "theo điểm c khoản 3 của luật .\n"
                            "theo điểm c khoản 4 của luật .\n"
                            "dài 5 m và mở cửa .\n"
                            "các điều kiện của luật .\n"
                            "khoa cđ của trường .\n"
                            "mong ước của trường .\n"
                            "tình hình của nhà rất tốt .\n"
                            "mục đích của luật .\n"
                            "tôi đã đi học .\n"
                            "nhà ở đó .\n"
                            "chữ i và chữ u của kì thi .\n";

static sohoa_restorer *restorer(void)
{
    char dir[64];
    if (!R)
        R = fx_restorer(dir, "sohoa-lostg", CORPUS, 3, NULL);
    return R;
}

static char *restore(const char *text)
{
    return fx_restore(restorer(), NULL, text);
}

/* 1 if the candidates of d from index from on include the word w. */
static int has_form(const rs_doc *d, size_t from, const char *w)
{
    for (size_t k = from; k < d->ncand; k++)
        if (d->cand[k].form && strcmp(d->cand[k].form, w) == 0)
            return 1;
    return 0;
}

TEST(fragments_are_consonants_without_a_vowel)
{
    CHECK_INT(rs_lost_fragment("nh", 2), 1);
    CHECK_INT(rs_lost_fragment("ph", 2), 1);
    CHECK_INT(rs_lost_fragment("t", 1), 1);
    CHECK_INT(rs_lost_fragment("Ch", 2), 1);
    CHECK_INT(rs_lost_fragment("\xC4\x91", 2), 1); /* đ */
    CHECK_INT(rs_lost_fragment("TP", 2), 0);       /* an acronym */
    CHECK_INT(rs_lost_fragment("KH", 2), 0);
    CHECK_INT(rs_lost_fragment("an", 2), 0);           /* a vowel */
    CHECK_INT(rs_lost_fragment("\xC6\xB0", 2), 0);     /* ư is a vowel */
    CHECK_INT(rs_lost_fragment("n2", 2), 0);
    CHECK_INT(rs_lost_fragment("", 0), 0);
}

TEST(join_forms_put_one_marked_letter_per_blank)
{
    CHECK(restorer() != NULL);
    const sohoa_lm *lm = restorer()->lm;
    rs_doc d;
    memset(&d, 0, sizeof d);
    /* t + one marked letter + nh: tình and tính (máy tính) */
    CHECK_INT(rs_lost_join_forms(&d, lm, "t", 1, "nh", 2, 1, 0), 2);
    CHECK(has_form(&d, 0, "t\xC3\xACnh")); /* tình */
    CHECK(has_form(&d, 0, "t\xC3\xADnh")); /* tính */
    /* tr + two: trường; with one, no word of the model */
    size_t at = d.ncand;
    CHECK_INT(rs_lost_join_forms(&d, lm, "tr", 2, "ng", 2, 2, 0), 1);
    CHECK(has_form(&d, at, "tr\xC6\xB0\xE1\xBB\x9Dng"));
    CHECK_INT(rs_lost_join_forms(&d, lm, "tr", 2, "ng", 2, 1, 0), 0);
    /* "  i u": one more letter lost before i: điều */
    at = d.ncand;
    CHECK_INT(rs_lost_join_forms(&d, lm, "i", 1, "u", 1, 1, 1), 1);
    CHECK(has_form(&d, at, "\xC4\x91i\xE1\xBB\x81u"));
    /* not without the letter before */
    CHECK_INT(rs_lost_join_forms(&d, lm, "i", 1, "u", 1, 1, 0), 0);
    rs_doc_free(&d);
}

TEST(alone_forms_are_vietnamese_syllables)
{
    CHECK(restorer() != NULL);
    const sohoa_lm *lm = restorer()->lm;
    rs_doc d;
    memset(&d, 0, sizeof d);
    /* c and one letter after: có; cđ is no syllable */
    rs_lost_sides after = {0, 0, 1};
    CHECK_INT(rs_lost_alone_forms(&d, lm, "c", 1, &after), 1);
    CHECK(has_form(&d, 0, "c\xC3\xB3"));
    CHECK(!has_form(&d, 0, "c\xC4\x91"));
    /* up to three letters before c: ước (two), được (three) */
    size_t at = d.ncand;
    rs_lost_sides before = {3, 0, 0};
    CHECK_INT(rs_lost_alone_forms(&d, lm, "c", 1, &before), 2);
    CHECK(has_form(&d, at, "\xC6\xB0\xE1\xBB\x9B" "c"));
    CHECK(has_form(&d, at, "\xC4\x91\xC6\xB0\xE1\xBB\xA3" "c"));
    /* only one: neither */
    rs_lost_sides one = {1, 0, 0};
    CHECK_INT(rs_lost_alone_forms(&d, lm, "c", 1, &one), 0);
    rs_doc_free(&d);
}

TEST(lossy_text_is_repaired)
{
    char *out = restore("t nh h nh c\xE1\xBB\xA7" "a ph ng r\xE1\xBA\xA5t t\xE1\xBB\x91t .\n");
    CHECK_STR(out, "t\xC3\xACnh h\xC3\xACnh c\xE1\xBB\xA7" "a ph\xC3\xB2ng r\xE1\xBA\xA5t "
                   "t\xE1\xBB\x91t .\n"); /* tình hình của phòng rất tốt . */
    free(out);
    /* two blanks, two letters; the blanks of letters got back beside a
     * word become one space, a wider gap is layout and stays */
    out = restore("tr  ng c   \xC6\xB0\xE1\xBB\xA3" "c m\xC3\xA1y t nh .         .\n");
    CHECK_STR(out, "tr\xC6\xB0\xE1\xBB\x9Dng c\xC3\xB3 \xC4\x91\xC6\xB0\xE1\xBB\xA3" "c "
                   "m\xC3\xA1y t\xC3\xADnh .         .\n"); /* trường có được máy tính . . */
    free(out);
    /* a heading in capitals: two capitals only are one word, in capitals */
    out = restore("t nh h nh c\xE1\xBB\xA7" "a ph ng\nI. M C  \xC3\x8D" "CH\n");
    CHECK_STR(out, "t\xC3\xACnh h\xC3\xACnh c\xE1\xBB\xA7" "a ph\xC3\xB2ng\n"
                   "I. M\xE1\xBB\xA4" "C \xC4\x90\xC3\x8D" "CH\n"); /* I. MỤC ĐÍCH */
    free(out);
    /* the blank that leads a line was its first letter, a capital after a
     * full stop; after a line that goes on, a small letter */
    out = restore("t nh h nh c\xE1\xBB\xA7" "a ph ng .\n i u ki n c\xE1\xBB\xA7" "a\n i u ki n .\n");
    CHECK_STR(out, "t\xC3\xACnh h\xC3\xACnh c\xE1\xBB\xA7" "a ph\xC3\xB2ng .\n"
                   "\xC4\x90i\xE1\xBB\x81u ki\xE1\xBB\x87n c\xE1\xBB\xA7" "a\n" /* Điều kiện của */
                   "\xC4\x91i\xE1\xBB\x81u ki\xE1\xBB\x87n .\n");             /* điều kiện . */
    free(out);
    /* the one blank before the full stop was the à of nhà: none is left */
    out = restore("t nh h nh c\xE1\xBB\xA7" "a nh .\n");
    CHECK_STR(out, "t\xC3\xACnh h\xC3\xACnh c\xE1\xBB\xA7" "a nh\xC3\xA0.\n");
    free(out);
}

TEST(words_lost_whole_are_put_back)
{
    /* four blanks between tôi and đi: a space, two lost letters, a space;
     * neither word can have lost them (tôiX, XXđi are no words): đã */
    char *out = restore("t nh h nh c\xE1\xBB\xA7" "a ph ng , t\xC3\xB4i    \xC4\x91i h\xE1\xBB\x8D" "c .\n");
    CHECK_STR(out, "t\xC3\xACnh h\xC3\xACnh c\xE1\xBB\xA7" "a ph\xC3\xB2ng , t\xC3\xB4i "
                   "\xC4\x91\xC3\xA3 \xC4\x91i h\xE1\xBB\x8D" "c .\n"); /* ... tôi đã đi học . */
    free(out);
    /* before a full stop: a space and the word, no space after it */
    out = restore("t nh h nh c\xE1\xBB\xA7" "a ph ng , nh\xC3\xA0 \xE1\xBB\x9F   .\n");
    CHECK_STR(out, "t\xC3\xACnh h\xC3\xACnh c\xE1\xBB\xA7" "a ph\xC3\xB2ng , nh\xC3\xA0 "
                   "\xE1\xBB\x9F \xC4\x91\xC3\xB3.\n"); /* ... nhà ở đó. */
    free(out);
    /* before capitals only the gap may be layout: left alone */
    out = restore("t nh h nh c\xE1\xBB\xA7" "a ph ng , t\xC3\xB4i    H\xE1\xBB\x8C" "C .\n");
    CHECK_STR(out, "t\xC3\xACnh h\xC3\xACnh c\xE1\xBB\xA7" "a ph\xC3\xB2ng , t\xC3\xB4i    "
                   "H\xE1\xBB\x8C" "C .\n");
    free(out);
}

/* rs_lost_marks_blanked on s: the copy, or "(none)". */
static char *blanked(const char *s)
{
    size_t len = 0;
    char *out = rs_lost_marks_blanked(s, strlen(s), &len);
    if (!out)
        return strdup("(none)");
    if (strlen(out) != len) {
        free(out);
        return strdup("(wrong length)");
    }
    return out;
}

TEST(unmapped_glyphs_are_lost_letters)
{
    char *out = blanked("t\xEF\xBF\xBDnh");        /* t U+FFFD nh */
    CHECK_STR(out, "t nh");
    free(out);
    out = blanked("tr\xEF\xBF\xBD\xEF\xBF\xBDng"); /* two of them: two blanks */
    CHECK_STR(out, "tr  ng");
    free(out);
    out = blanked("a \xEE\x80\x81" "b");              /* private use U+E001 before b */
    CHECK_STR(out, "a  b");
    free(out);
    out = blanked("x\xEF\x80\xA0y");                  /* private use U+F020, lead byte 0xEF */
    CHECK_STR(out, "x y");
    free(out);
    out = blanked("a \xEF\xBF\xBD b");               /* touching no letter: kept */
    CHECK_STR(out, "(none)");
    free(out);
    out = blanked("t\xC3\xACnh");                     /* nothing to do */
    CHECK_STR(out, "(none)");
    free(out);
    /* through the restorer: t�nh h�nh của ph�ng */
    out = restore("t\xEF\xBF\xBDnh h\xEF\xBF\xBDnh c\xE1\xBB\xA7" "a ph\xEF\xBF\xBDng .\n");
    CHECK_STR(out, "t\xC3\xACnh h\xC3\xACnh c\xE1\xBB\xA7" "a ph\xC3\xB2ng .\n");
    free(out);
}

TEST(what_is_no_loss_is_left_alone)
{
    /* no fragment but c: not lossy text, c stays */
    char *out = restore("theo \xC4\x91i\xE1\xBB\x83m c kho\xE1\xBA\xA3n 2 c\xE1\xBB\xA7" "a lu\xE1\xBA\xAD" "t .\n");
    CHECK_STR(out, "theo \xC4\x91i\xE1\xBB\x83m c kho\xE1\xBA\xA3n 2 c\xE1\xBB\xA7" "a "
                   "lu\xE1\xBA\xAD" "t .\n");
    free(out);
    /* lossy text: c after điểm is what the model reads (điểm c khoản, 3
     * times; điểm có never), the unit m after 5 is not cut from mở */
    out = restore("t nh h nh c\xE1\xBB\xA7" "a ph ng theo \xC4\x91i\xE1\xBB\x83m c "
                  "kho\xE1\xBA\xA3n 2 d\xC3\xA0i 5 m .\n");
    CHECK_STR(out, "t\xC3\xACnh h\xC3\xACnh c\xE1\xBB\xA7" "a ph\xC3\xB2ng theo "
                   "\xC4\x91i\xE1\xBB\x83m c kho\xE1\xBA\xA3n 2 d\xC3\xA0i 5 m .\n");
    free(out);
}

TEST(cleanup)
{
    sohoa_restorer_free(R);
    R = NULL;
}
