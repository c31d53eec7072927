/* ocr_numerals.c — tests of the repair of Roman-numeral heading labels
 * misread by OCR (src/ocr/numerals.c), on hand-made OCR output. */
#include "harness.h"
#include "../../src/ocr/ocr_internal.h"

#include <stdlib.h>
#include <string.h>

/* Build an engine result from lines of text (words split on spaces), all on
 * page 1 from OCR; run the repair; return the raw text (caller frees). */
static char *repair(const char *const *lines, int n)
{
    sohoa_ocr e;
    memset(&e, 0, sizeof e);
    sohoa_ocr_page_report rep;
    memset(&rep, 0, sizeof rep);
    rep.page = 1, rep.source = "ocr";
    e.reports = &rep, e.nreports = 1;
    e.lines = calloc((size_t)n, sizeof *e.lines);
    e.nlines = (size_t)n;
    ocr_out out;
    memset(&out, 0, sizeof out);
    out.words = calloc(256, sizeof *out.words);
    for (int i = 0; i < n; i++) {
        if (i)
            sohoa_buf_putc(&out.raw, '\n');
        sohoa_buf_puts(&out.raw, lines[i]);
        sohoa_ocr_line *l = &e.lines[i];
        l->line = i + 1, l->page = 1, l->first = out.nwords;
        char *copy = strdup(lines[i]), *save = NULL;
        for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
            out.words[out.nwords].text = strdup(w);
            out.words[out.nwords].page = 1;
            out.words[out.nwords++].line = i + 1;
            l->nwords++;
        }
        free(copy);
    }
    ocr_fix_heading_numerals(&e, &out);
    char *raw = strdup(out.raw.data);
    free(e.lines);
    ocr_out_free(&out);
    return raw;
}

TEST(misread_bold_numerals_follow_the_sequence)
{
    const char *in[] = {"I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "H. NỘI DUNG NHIỆM VỤ",
                        "nội dung", "I. KINH PHÍ THỰC HIỆN", "IV. TỔ CHỨC THỰC HIỆN"};
    char *raw = repair(in, 6);
    CHECK_STR(raw, "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nII. NỘI DUNG NHIỆM VỤ\nnội dung\n"
                   "III. KINH PHÍ THỰC HIỆN\nIV. TỔ CHỨC THỰC HIỆN");
    free(raw);
}

TEST(other_misreadings_of_three)
{
    const char *in[] = {"I. KẾT QUẢ", "II. ĐÁNH GIÁ", "HI. PHƯƠNG HƯỚNG", "IV. KIẾN NGHỊ"};
    char *raw = repair(in, 4);
    CHECK_STR(raw, "I. KẾT QUẢ\nII. ĐÁNH GIÁ\nIII. PHƯƠNG HƯỚNG\nIV. KIẾN NGHỊ");
    free(raw);
    const char *in2[] = {"l. KẾT QUẢ", "II. ĐÁNH GIÁ", "IH. PHƯƠNG HƯỚNG"};
    raw = repair(in2, 3);
    CHECK_STR(raw, "I. KẾT QUẢ\nII. ĐÁNH GIÁ\nIII. PHƯƠNG HƯỚNG");
    free(raw);
}

TEST(non_headings_are_left_alone)
{
    /* not followed by capitals; no period; a person's initial; a V out of place */
    const char *in[] = {"I. MỤC ĐÍCH", "H. Nguyễn Văn An", "H NỘI DUNG", "V. KINH PHÍ"};
    char *raw = repair(in, 4);
    CHECK_STR(raw, "I. MỤC ĐÍCH\nH. Nguyễn Văn An\nH NỘI DUNG\nV. KINH PHÍ");
    free(raw);
    /* a page that starts mid-sequence keeps its numerals */
    const char *in2[] = {"II. NỘI DUNG", "IV. TỔ CHỨC"};
    raw = repair(in2, 2);
    CHECK_STR(raw, "II. NỘI DUNG\nIV. TỔ CHỨC");
    free(raw);
}

TEST(a_page_that_starts_mid_document)
{
    /* The second page of a document as its own file: "HI." can only be III,
     * and the sequence goes on from there. */
    const char *in[] = {"nội dung trước", "HI. KINH PHÍ THỰC HIỆN", "lV. TỔ CHỨC THỰC HIỆN"};
    char *raw = repair(in, 3);
    CHECK_STR(raw, "nội dung trước\nIII. KINH PHÍ THỰC HIỆN\nIV. TỔ CHỨC THỰC HIỆN");
    free(raw);
    /* capital L for I opens the sequence; the bold II read as I follows it */
    const char *in2[] = {"L. MỤC ĐÍCH", "I. NỘI DUNG"};
    raw = repair(in2, 2);
    CHECK_STR(raw, "I. MỤC ĐÍCH\nII. NỘI DUNG");
    free(raw);
}
