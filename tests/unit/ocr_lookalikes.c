/* ocr_lookalikes.c — tests of the repairs of readings that look alike on
 * the page: Roman numerals counted as stems on the image (src/ocr/stems.c),
 * small letters read as capitals of the same shape (src/ocr/casing.c) and
 * one-letter slash abbreviations (src/ocr/slash.c). Images are drawn here
 * from rectangles: black ink on white paper. */
#include "harness.h"
#include "../../src/ocr/ocr_internal.h"

#include <stdlib.h>
#include <string.h>

static PIX *paper(int w, int h)
{
    PIX *p = pixCreate(w, h, 8);
    pixSetAllArbitrary(p, 255);
    return p;
}

/* Ink the rectangle [x0, x1) x [y0, y1). */
static void ink(PIX *p, int x0, int y0, int x1, int y1)
{
    BOX *b = boxCreate(x0, y0, x1 - x0, y1 - y0);
    pixSetInRectArbitrary(p, b, 0);
    boxDestroy(&b);
}

/* A bold serif "I" of cap height 40 standing at x (stem 10 px wide, serifs
 * 4 px tall reaching 5 px beyond it), its top at y = 10. */
static void letter_i(PIX *p, int x)
{
    ink(p, x, 10, x + 10, 50);
    ink(p, x - 5, 10, x + 15, 14);
    ink(p, x - 5, 46, x + 15, 50);
}

/* "III." at x = 10: stems 22 px apart (the serifs of neighbours touch)
 * and a dot on the baseline. */
static PIX *roman_three(void)
{
    PIX *p = paper(120, 60);
    letter_i(p, 10);
    letter_i(p, 30);
    letter_i(p, 50);
    ink(p, 70, 41, 79, 50);
    return p;
}

static ocr_pword pword(const char *text, int x, int y, int w, int h, int line, int baseline)
{
    ocr_pword p;
    memset(&p, 0, sizeof p);
    p.text = strdup(text);
    p.x = x, p.y = y, p.w = w, p.h = h, p.line = line, p.baseline = baseline;
    p.conf = 0.9f;
    return p;
}

TEST(three_bold_serif_i_count_three_stems_even_with_touching_serifs)
{
    PIX *p = roman_three();
    /* the box Tesseract gives: from the first serif to the dot */
    int k = ocr_count_stems(p, 5, 10, 75, 40);
    pixDestroy(&p);
    CHECK_INT(k, 3);
}

TEST(an_h_with_its_crossbar_counts_no_stems)
{
    PIX *p = paper(80, 60);
    ink(p, 10, 10, 20, 50);
    ink(p, 40, 10, 50, 50);
    ink(p, 10, 27, 50, 33); /* the crossbar, mid-height */
    int k = ocr_count_stems(p, 10, 10, 40, 40);
    pixDestroy(&p);
    CHECK_INT(k, 0);
}

TEST(a_diagonal_stroke_does_not_stay_in_place_and_counts_no_stems)
{
    /* an "N": two stems and a stroke falling from the top left to the
     * bottom right between them */
    PIX *p = paper(100, 60);
    ink(p, 10, 10, 18, 50);
    ink(p, 60, 10, 68, 50);
    for (int y = 10; y < 50; y++)
        ink(p, 18 + (y - 10), y, 26 + (y - 10), y + 1);
    int k = ocr_count_stems(p, 10, 10, 58, 40);
    pixDestroy(&p);
    CHECK_INT(k, 0);
}

TEST(a_blank_or_tiny_box_counts_nothing)
{
    PIX *p = paper(80, 60);
    CHECK_INT(ocr_count_stems(p, 5, 5, 60, 40), 0); /* no ink, no contrast */
    CHECK_INT(ocr_count_stems(p, 5, 5, 8, 8), 0);   /* too small to measure */
    CHECK_INT(ocr_count_stems(p, 50, 40, 60, 40), 0); /* leaves the image */
    pixDestroy(&p);
}

TEST(readings_of_three_stems_become_iii_keeping_their_dot)
{
    PIX *p = roman_three();
    ocr_pword v[] = {
        pword("II.", 5, 10, 75, 40, 1, 50),
        pword("HI", 5, 10, 75, 40, 2, 50),
        pword("li.", 5, 10, 75, 40, 3, 50),
        pword("HH", 5, 10, 75, 40, 4, 50),
    };
    ocr_fix_stem_numerals(p, v, 4);
    pixDestroy(&p);
    CHECK_STR(v[0].text, "III.");
    CHECK_STR(v[1].text, "III");
    CHECK_STR(v[2].text, "III.");
    CHECK_STR(v[3].text, "III");
    for (int i = 0; i < 4; i++)
        free(v[i].text);
}

TEST(digits_words_and_right_readings_are_left_alone)
{
    PIX *p = roman_three();
    ocr_pword v[] = {
        pword("1.", 5, 10, 75, 40, 1, 50),    /* a digit: a list number */
        pword("III.", 5, 10, 75, 40, 2, 50),  /* already right */
        pword("Hà", 5, 10, 75, 40, 3, 50),    /* not made of I-like letters */
        pword("I", 5, 10, 75, 40, 4, 50),     /* a lone I without a dot */
    };
    ocr_fix_stem_numerals(p, v, 4);
    pixDestroy(&p);
    CHECK_STR(v[0].text, "1.");
    CHECK_STR(v[1].text, "III.");
    CHECK_STR(v[2].text, "Hà");
    CHECK_STR(v[3].text, "I");
    for (int i = 0; i < 4; i++)
        free(v[i].text);
}

TEST(an_h_read_as_h_stays_h)
{
    PIX *p = paper(80, 60);
    ink(p, 10, 10, 20, 50);
    ink(p, 40, 10, 50, 50);
    ink(p, 10, 27, 50, 33);
    ocr_pword v[] = {pword("H.", 10, 10, 40, 40, 1, 50)};
    ocr_fix_stem_numerals(p, v, 1);
    pixDestroy(&p);
    CHECK_STR(v[0].text, "H.");
    free(v[0].text);
}

/* A line of five words on baseline 100 whose tops stand 40 px above it
 * (capitals, ascenders, marks); word 0 is the one under test, drawn as a
 * first glyph `first` px tall, a blank column, then a 28 px small letter. */
static void casing_line(const char *text, int first, char **out)
{
    PIX *p = paper(700, 140);
    ink(p, 10, 100 - first, 30, 100);
    ink(p, 36, 72, 56, 100);
    ocr_pword v[] = {
        pword(text, 10, 100 - (first > 28 ? first : 28), 46, first > 28 ? first : 28, 1, 100),
        pword("hồ", 100, 60, 60, 40, 1, 100),
        pword("Bình", 200, 60, 90, 40, 1, 100),
        pword("dưới", 300, 61, 90, 39, 1, 100),
        pword("là", 400, 60, 40, 40, 1, 100),
    };
    ocr_fix_small_capitals(p, v, 5);
    pixDestroy(&p);
    *out = v[0].text;
    for (int i = 1; i < 5; i++)
        free(v[i].text);
}

TEST(a_capital_as_short_as_small_letters_is_lower_case)
{
    char *t;
    casing_line("Sơ", 28, &t); /* 28 of 40: x-height */
    CHECK_STR(t, "sơ");
    free(t);
    casing_line("Cao,", 29, &t);
    CHECK_STR(t, "cao,");
    free(t);
}

TEST(a_capital_of_capital_height_stays)
{
    char *t;
    casing_line("Sơn", 38, &t); /* 38 of 40: a capital */
    CHECK_STR(t, "Sơn");
    free(t);
}

TEST(words_with_marks_or_other_capitals_are_not_measured)
{
    char *t;
    casing_line("Số", 28, &t); /* the mark rises: not a word of small letters */
    CHECK_STR(t, "Số");
    free(t);
    casing_line("Ba", 28, &t); /* B has no small letter of its shape */
    CHECK_STR(t, "Ba");
    free(t);
}

TEST(slash_abbreviations_get_their_c_back_and_one_case)
{
    char a[] = "(b/C);", b[] = "(b/\xe2\x82\xac);", c[] = "(b/\xc2\xa9)", d[] = "(B/\xe2\x82\xac)",
         e[] = "k/S.";
    CHECK_INT(ocr_fix_slash_abbrev(a), 1);
    CHECK_STR(a, "(b/c);");
    CHECK_INT(ocr_fix_slash_abbrev(b), 1);
    CHECK_STR(b, "(b/c);");
    CHECK_INT(ocr_fix_slash_abbrev(c), 1);
    CHECK_STR(c, "(b/c)");
    CHECK_INT(ocr_fix_slash_abbrev(d), 1);
    CHECK_STR(d, "(B/C)");
    CHECK_INT(ocr_fix_slash_abbrev(e), 1);
    CHECK_STR(e, "k/s.");
}

TEST(other_slashed_words_are_left_as_read)
{
    const char *keep[] = {"V/v", "(b/c);", "K/T", "(b/C", "a/b/c", "1/C", "b/Ch", "3318/VP-KSTT",
                          "(h/d)", NULL};
    for (int i = 0; keep[i]; i++) {
        char w[32];
        strcpy(w, keep[i]);
        CHECK_INT(ocr_fix_slash_abbrev(w), 0);
        CHECK_STR(w, keep[i]);
    }
}

/* A word of two capitals 32 px tall standing on baseline 100 at x = 20..80
 * (each 26 px wide), and whatever mark the test draws after it. */
static PIX *word_on_line(ocr_pword *w)
{
    PIX *p = paper(200, 140);
    ink(p, 20, 68, 46, 100);
    ink(p, 54, 68, 80, 100);
    *w = pword("TT", 20, 68, 60, 32, 1, 100);
    return p;
}

TEST(a_dot_left_on_the_baseline_is_a_full_stop)
{
    ocr_pword w;
    PIX *p = word_on_line(&w);
    ink(p, 84, 95, 89, 100); /* 5 x 5, bottom on the baseline */
    CHECK_INT(ocr_stop_after(p, &w, 150), '.');
    /* inside Tesseract's box too (it often spans the mark it left out) */
    w.w = 70;
    CHECK_INT(ocr_stop_after(p, &w, 150), '.');
    ocr_restore_stops(p, &w, 1);
    pixDestroy(&p);
    CHECK_STR(w.text, "TT.");
    free(w.text);
}

TEST(a_mark_hanging_below_the_baseline_is_a_comma)
{
    ocr_pword w;
    PIX *p = word_on_line(&w);
    ink(p, 84, 96, 89, 108); /* 5 wide, from 4 above to 8 below the baseline */
    char c = ocr_stop_after(p, &w, 150);
    pixDestroy(&p);
    free(w.text);
    CHECK_INT(c, ',');
}

TEST(no_mark_a_speck_a_dash_or_a_letter_is_no_stop)
{
    ocr_pword w;
    PIX *p = word_on_line(&w);
    CHECK_INT(ocr_stop_after(p, &w, 150), 0); /* clean paper */
    ink(p, 86, 98, 88, 100);                  /* a 2 x 2 speck */
    CHECK_INT(ocr_stop_after(p, &w, 150), 0);
    pixDestroy(&p);
    free(w.text);

    p = word_on_line(&w);
    ink(p, 84, 86, 100, 90); /* a dash at mid x-height */
    CHECK_INT(ocr_stop_after(p, &w, 150), 0);
    pixDestroy(&p);
    free(w.text);

    p = word_on_line(&w);
    ink(p, 84, 78, 98, 100); /* a small letter's body */
    CHECK_INT(ocr_stop_after(p, &w, 150), 0);
    /* a word that already ends with its mark is not looked at */
    free(w.text);
    w.text = strdup("TT;");
    ocr_restore_stops(p, &w, 1);
    pixDestroy(&p);
    CHECK_STR(w.text, "TT;");
    free(w.text);
}

TEST(a_mark_under_the_next_word_belongs_to_it)
{
    ocr_pword w;
    PIX *p = word_on_line(&w);
    ink(p, 96, 95, 101, 100); /* past the next word's left edge (95) */
    CHECK_INT(ocr_stop_after(p, &w, 95), 0);
    pixDestroy(&p);
    free(w.text);
}

TEST(a_list_label_c_read_as_a_symbol_is_c)
{
    char a[] = "\xe2\x82\xac)", b[] = "\xc2\xa9)", c[] = "c)", d[] = "\xe2\x82\xac", e[] = "\xc2\xa9).";
    CHECK_INT(ocr_fix_c_label(a), 1);
    CHECK_STR(a, "c)");
    CHECK_INT(ocr_fix_c_label(b), 1);
    CHECK_STR(b, "c)");
    CHECK_INT(ocr_fix_c_label(c), 0); /* already right */
    CHECK_INT(ocr_fix_c_label(d), 0); /* no bracket: not a label */
    CHECK_INT(ocr_fix_c_label(e), 0);
    /* only as the first word of a line */
    ocr_pword v[] = {pword("\xe2\x82\xac)", 0, 0, 10, 10, 1, 10), pword("\xc2\xa9)", 20, 0, 10, 10, 1, 10),
                     pword("(b/C);", 40, 0, 10, 10, 1, 10)};
    ocr_fix_slash_words(v, 3);
    CHECK_STR(v[0].text, "c)");
    CHECK_STR(v[1].text, "\xc2\xa9)");
    CHECK_STR(v[2].text, "(b/c);");
    for (int i = 0; i < 3; i++)
        free(v[i].text);
}

TEST(a_list_dash_with_a_tilde_is_a_dash_at_the_start_of_a_line_only)
{
    char a[] = "~-", b[] = "-~", c[] = "-", d[] = "~2030;";
    CHECK_INT(ocr_fix_list_dash(a), 1);
    CHECK_STR(a, "-");
    CHECK_INT(ocr_fix_list_dash(b), 1);
    CHECK_STR(b, "-");
    CHECK_INT(ocr_fix_list_dash(c), 0);
    CHECK_INT(ocr_fix_list_dash(d), 0);
    ocr_pword v[] = {pword("~-", 0, 0, 10, 10, 1, 10), pword("~-", 20, 0, 10, 10, 1, 10)};
    ocr_fix_slash_words(v, 2);
    CHECK_STR(v[0].text, "-");
    CHECK_STR(v[1].text, "~-");
    free(v[0].text);
    free(v[1].text);
}
