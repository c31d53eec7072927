/* ocr_columns.c — tests of the two-column band decisions (src/ocr/columns.c:
 * finding rows that OCR read across two columns, putting re-read column
 * lines back into rows by baseline) and of the speck filter
 * (src/ocr/specks.c), on hand-made word boxes. */
#include "harness.h"
#include "../../src/ocr/ocr_internal.h"

#include <stdlib.h>
#include <string.h>

/* A word of line `line` from x to x + w, top y, height h. */
static ocr_pword word(int line, int x, int w, int y, int h)
{
    ocr_pword p;
    memset(&p, 0, sizeof p);
    p.line = line, p.x = x, p.w = w, p.y = y, p.h = h, p.conf = 0.9f;
    p.baseline = y + h;
    return p;
}

TEST(footer_rows_across_two_columns_form_a_band)
{
    /* 40 px text. "Nơi nhận: | TM. ỦY BAN", "- Sở ... (b/c); | KT. CHỦ TỊCH",
     * a left-only line ending at 700, "- Lưu: VT. | Lê Văn A"; the left
     * column ends by 900 at most, the right one starts at 1300. */
    ocr_pword w[] = {
        word(1, 356, 80, 1000, 40), word(1, 450, 120, 1000, 40), word(1, 1300, 80, 1000, 40),
        word(1, 1400, 60, 1000, 40),
        word(2, 356, 20, 1050, 40), word(2, 390, 400, 1050, 40), word(2, 800, 100, 1050, 40),
        word(2, 1350, 60, 1050, 40), word(2, 1420, 200, 1050, 40),
        word(3, 356, 344, 1100, 40),
        word(4, 356, 20, 1150, 40), word(4, 390, 100, 1150, 40), word(4, 1400, 200, 1150, 40),
    };
    ocr_band b;
    CHECK(ocr_find_column_band(w, 13, 0, &b));
    CHECK_INT(b.first, 0);
    CHECK_INT(b.last, 13);
    /* the channel left free by every row is 900..1300 */
    CHECK_INT(b.split, 1100);
    CHECK_INT(b.left, 356);
    CHECK_INT(b.right, 1620);
    CHECK_INT(b.top, 1000);
    CHECK_INT(b.bottom, 1190);
    CHECK_INT(b.height, 40);
}

TEST(justified_body_text_is_no_band)
{
    /* gaps of 30..60 px between 40 px words: one column */
    ocr_pword w[] = {
        word(1, 356, 300, 500, 40), word(1, 690, 400, 500, 40), word(1, 1150, 300, 500, 40),
        word(2, 356, 500, 560, 40), word(2, 886, 500, 560, 40), word(2, 1420, 400, 560, 40),
        word(3, 356, 200, 620, 40),
    };
    ocr_band b;
    CHECK(!ocr_find_column_band(w, 7, 0, &b));
    CHECK_INT(b.found, 0);
}

TEST(one_split_row_is_not_enough_and_a_line_across_ends_a_band)
{
    /* "Số: 12/BC | Hà Nội, ngày ..." then a centred title across the channel */
    ocr_pword w[] = {
        word(1, 400, 300, 300, 40), word(1, 1300, 600, 300, 40),
        word(2, 1000, 400, 400, 40),
        word(3, 400, 300, 500, 40), word(3, 1300, 600, 500, 40),
    };
    ocr_band b;
    CHECK(!ocr_find_column_band(w, 5, 0, &b));
    /* two split rows, a title across, two more split rows: two bands */
    ocr_pword v[] = {
        word(1, 400, 300, 100, 40), word(1, 1300, 600, 100, 40),
        word(2, 400, 300, 150, 40), word(2, 1300, 600, 150, 40),
        word(3, 1000, 400, 250, 40),
        word(4, 400, 300, 350, 40), word(4, 1300, 600, 350, 40),
        word(5, 400, 300, 400, 40), word(5, 1300, 600, 400, 40),
    };
    CHECK(ocr_find_column_band(v, 9, 0, &b));
    CHECK_INT(b.first, 0);
    CHECK_INT(b.last, 4);
    CHECK(ocr_find_column_band(v, 9, 4, &b));
    CHECK_INT(b.first, 5);
    CHECK_INT(b.last, 9);
    CHECK_INT(b.split, 1000);
}

TEST(column_lines_pair_into_rows_by_baseline)
{
    /* left pitch 50 (small type), right pitch 61: half the smaller pitch
     * is 25, so right lines 2 and 3 still join left lines 2 and 3 (13 and
     * 24 px apart) and the name after the signature gap stands alone
     * (480 is 30 px from the left line at 450). */
    ocr_band_line l[] = {
        {1, 100, 0, -1}, {2, 150, 0, -1}, {3, 200, 0, -1}, {4, 250, 0, -1},
        {5, 300, 0, -1}, {6, 350, 0, -1}, {7, 400, 0, -1}, {8, 450, 0, -1},
        {11, 102, 1, -1}, {12, 163, 1, -1}, {13, 224, 1, -1}, {14, 480, 1, -1},
    };
    ocr_band_rows(l, 12, 40);
    int want_line[] = {1, 11, 2, 12, 3, 13, 4, 5, 6, 7, 8, 14};
    int want_row[] = {0, 0, 1, 1, 2, 2, 3, 4, 5, 6, 7, 8};
    for (int i = 0; i < 12; i++) {
        CHECK_INT(l[i].line, want_line[i]);
        CHECK_INT(l[i].row, want_row[i]);
    }
}

TEST(a_right_line_just_above_its_left_partner_still_follows_it)
{
    ocr_band_line l[] = {{1, 100, 0, -1}, {2, 150, 0, -1}, {3, 200, 0, -1},
                         {11, 95, 1, -1}, {12, 146, 1, -1}};
    ocr_band_rows(l, 5, 40);
    int want_line[] = {1, 11, 2, 12, 3};
    int want_row[] = {0, 0, 1, 1, 2};
    for (int i = 0; i < 5; i++) {
        CHECK_INT(l[i].line, want_line[i]);
        CHECK_INT(l[i].row, want_row[i]);
    }
    /* one line of each column per row: two left lines never share one */
    ocr_band_line m[] = {{1, 100, 0, -1}, {2, 110, 0, -1}};
    ocr_band_rows(m, 2, 40);
    CHECK_INT(m[0].row, 0);
    CHECK_INT(m[1].row, 1);
}

TEST(a_speck_read_as_a_letter_is_dropped)
{
    /* "- Trưởng các ấp; x": the x is 8 px tall beside 31..42 px words */
    const char *text[] = {"-", "Trưởng", "các", "ấp;", "x", "Phạm"};
    ocr_pword w[6] = {
        word(1, 356, 10, 890, 3), word(1, 380, 140, 860, 42), word(1, 533, 62, 869, 31),
        word(1, 610, 53, 867, 42), word(1, 1741, 17, 893, 8), word(2, 1555, 129, 894, 45),
    };
    for (int i = 0; i < 6; i++)
        w[i].text = strdup(text[i]);
    size_t n = ocr_drop_specks(w, 6);
    CHECK_INT(n, 5);
    CHECK_STR(w[0].text, "-"); /* a dash is not a letter: kept */
    CHECK_STR(w[3].text, "ấp;");
    CHECK_STR(w[4].text, "Phạm");
    for (size_t i = 0; i < n; i++)
        free(w[i].text);
    /* a real lower-case x is half as tall as its line's words: kept */
    const char *t2[] = {"xã", "x", "Khê"};
    ocr_pword v[3] = {word(1, 100, 50, 500, 40), word(1, 160, 20, 520, 20), word(1, 200, 80, 500, 42)};
    for (int i = 0; i < 3; i++)
        v[i].text = strdup(t2[i]);
    CHECK_INT(ocr_drop_specks(v, 3), 3);
    for (int i = 0; i < 3; i++)
        free(v[i].text);
}
