/* restore_decode.c — the restorer on a tiny model trained here from
 * sentences written for the test, so results do not depend on the shipped
 * model: stripped words get their marks back from context, case, numbers,
 * codes and line structure are kept, abbreviations come from the lexicon,
 * OCR garble goes through the channel, bad input is refused. */
#include "harness.h"
#include "restore_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "sohoa/clock.h"
#include "sohoa/lm.h"
#include "sohoa/restore.h"
#include "sohoa/syllable.h"

static sohoa_restorer *R;
static char dir[64];

/* Context decides between forms of one skeleton: "cai" is cải before
 * "cách hành chính" but cái before "bàn"; "ban" is ban in "ban hành", bàn
 * after "cái". */
static const char *CORPUS =
    "cải cách hành chính là nhiệm vụ trọng tâm của huyện .\n"
    "đẩy mạnh cải cách hành chính nhà nước .\n"
    "tuyên truyền cải cách hành chính năm 2023 .\n"
    "ủy ban nhân dân huyện ban hành kế hoạch cải cách hành chính .\n"
    "ủy ban nhân dân tỉnh ban hành kế hoạch số 86 .\n"
    "trên cái bàn có một cái bát .\n"
    "cái bàn của người dân .\n"
    "người dân và doanh nghiệp hài lòng .\n"
    "số hồ sơ trực tuyến là 150 .\n"
    "kết quả là số hồ sơ tăng .\n"
    "công tác tuyên truyền được đẩy mạnh .\n"
    "kế hoạch của ủy ban nhân dân tỉnh .\n"
    "nhà nước và người dân .\n"
    "hòa bình và thủy lợi .\n"
    "ban hành ngày 12 tháng 01 năm 2022 .\n";

static sohoa_restorer *restorer(void)
{
    if (!R)
        R = fx_restorer(dir, "sohoa-restore", CORPUS, 3,
                        "# test abbreviations\nUBND\tỦy ban nhân dân\nQĐ\tquyết định\nHĐND\n");
    return R;
}

/* Restore text with options; returns a malloc'd string ("" on error). */
static char *restore_opts(const char *in, const sohoa_restore_opts *o)
{
    return fx_restore(restorer(), o, in);
}

static char *restore(const char *in)
{
    return fx_restore(restorer(), NULL, in);
}

#define CHECK_RESTORE(in, want)                                                \
    do {                                                                       \
        char *got_ = restore(in);                                              \
        int ok_ = strcmp(got_, want) == 0;                                     \
        if (!ok_)                                                              \
            harness_fail(__FILE__, __LINE__, "restore(\"%s\"): got \"%s\", want \"%s\"", \
                         in, got_, want);                                      \
        free(got_);                                                            \
        if (!ok_)                                                              \
            return;                                                            \
    } while (0)

TEST(model_loads)
{
    CHECK(restorer() != NULL);
}

TEST(stripped_words_get_their_marks)
{
    CHECK_RESTORE("cai cach hanh chinh", "cải cách hành chính");
    CHECK_RESTORE("day manh cai cach hanh chinh nha nuoc", "đẩy mạnh cải cách hành chính nhà nước");
}

TEST(context_chooses_between_forms)
{
    CHECK_RESTORE("tren cai ban co mot cai bat", "trên cái bàn có một cái bát");
    CHECK_RESTORE("uy ban nhan dan huyen ban hanh ke hoach",
                  "ủy ban nhân dân huyện ban hành kế hoạch");
}

TEST(case_and_punctuation_are_kept)
{
    CHECK_RESTORE("Cai cach hanh chinh.", "Cải cách hành chính.");
    CHECK_RESTORE("CAI CACH HANH CHINH", "CẢI CÁCH HÀNH CHÍNH");
    CHECK_RESTORE("(cai cach) hanh chinh;", "(cải cách) hành chính;");
}

TEST(numbers_codes_urls_are_left_alone)
{
    CHECK_RESTORE("ke hoach so 86/KH-UBND ngay 12/01/2022",
                  "kế hoạch số 86/KH-UBND ngày 12/01/2022");
    CHECK_RESTORE("xem https://example.org/cai-cach va a@b.vn", "xem https://example.org/cai-cach và a@b.vn");
}

TEST(abbreviations_come_from_the_lexicon)
{
    CHECK_RESTORE("theo QD-TTg cua UBND va HDND", "theo QĐ-TTg của UBND và HĐND");
}

TEST(one_output_line_per_input_line)
{
    /* a sentence wrapped over two lines keeps its two lines; blank lines
     * and trailing spaces stay where they were */
    CHECK_RESTORE("day manh cai cach\nhanh chinh nha nuoc\n\n  cai ban  \n",
                  "đẩy mạnh cải cách\nhành chính nhà nước\n\n  cái bàn  \n");
    CHECK_RESTORE("", "");
    CHECK_RESTORE("\n\n", "\n\n");
}

TEST(context_goes_on_across_a_page_break)
{
    /* "ban" alone would be ban (ủy ban, ban hành: 5 times, bàn twice); after
     * "cái" it is bàn, across a blank line and a page number (form feed,
     * "2") that are not context, and so is a capital after a sentence not
     * over; a capital after a full stop starts afresh */
    CHECK_RESTORE("tren cai\n\f2\n\nban", "trên cái\n\f2\n\nbàn");
    CHECK_RESTORE("tren cai\n\nban", "trên cái\n\nbàn");
    CHECK_RESTORE("tren cai\n\nBan", "trên cái\n\nBàn");
    CHECK_RESTORE("tren cai.\n\nBan", "trên cái.\n\nBan");
}

TEST(marked_text_is_trusted)
{
    /* clean text with marks stays as written, even where the model would
     * prefer another form */
    CHECK_RESTORE("cái cách hành chính của người dân", "cái cách hành chính của người dân");
}

TEST(ocr_garble_goes_through_the_channel)
{
    /* English-model OCR: digits for letters, wrong marks, stray letters */
    CHECK_RESTORE("ket qua 1a s6 h6 so tang", "kết quả là số hồ sơ tăng");
    CHECK_RESTORE("Tuyén truyén cai cach hanh chinh nha nuéc",
                  "Tuyên truyền cải cách hành chính nhà nước");
}

TEST(ocr_garble_classes)
{
    /* a heading's Roman numeral read with l for I; a page number alone on
     * its line stays a number */
    CHECK_RESTORE("Il. ket qua 1a s6 h6 so tang\n3", "II. kết quả là số hồ sơ tăng\n3");
    /* ¢ for ệ inside a word; a digit inside a word is a misread letter */
    CHECK_RESTORE("ngu6i dan va doanh nghi¢p hai long", "người dân và doanh nghiệp hài lòng");
    /* a marked capital read as lower-case i: the word is all caps */
    CHECK_RESTORE("ke hoach s6 86 cua TiNH", "kế hoạch số 86 của TỈNH");
    /* a short all-caps word between lower-case words is capitalised only */
    CHECK_RESTORE("ket qua 1a SO h6 so tang", "kết quả là Số hồ sơ tăng");
}

TEST(ocr_garble_symbols_for_letters)
{
    /* '$' for s: a word inside the sentence, the head of a line */
    CHECK_RESTORE("ket qua 1a $6 h6 so tang", "kết quả là số hồ sơ tăng");
    CHECK_RESTORE("$6 h6 so truc tuyén 1a 150", "Số hồ sơ trực tuyến là 150");
    /* '¢' for c before a word, and with a digit alone */
    CHECK_RESTORE("¢ong tac tuyén truyén dugc day manh", "công tác tuyên truyền được đẩy mạnh");
    CHECK_RESTORE("tren cai ban ¢6 m6t cai bat", "trên cái bàn có một cái bát");
    /* marks printed inside a word for a hat or a horn */
    CHECK_RESTORE("c()ng tac tuyén truyén dugc day manh", "công tác tuyên truyền được đẩy mạnh");
    CHECK_RESTORE("ngu:oi dan va doanh nghi¢p hai l6ng", "người dân và doanh nghiệp hài lòng");
    /* ... but not between two words: more letters than a syllable has */
    CHECK_RESTORE("k6t qua 1a tuyén;truyén", "kết quả là tuyén;truyén");
    /* two words the OCR ran together, near no syllable as one: two words */
    CHECK_RESTORE("c6ngtac tuyén truyén dugc day manh", "công tác tuyên truyền được đẩy mạnh");
    CHECK_RESTORE("k6t qua 1a s6 h6so tang", "kết quả là số hồ sơ tăng");
    /* ... and a number run into the words beside it */
    CHECK_RESTORE("k6 hoach s686 cua uy ban", "kế hoạch số 86 của ủy ban");
    CHECK_RESTORE("k6 hoach ban hanh ngay12thang 01 nam 2022",
                  "kế hoạch ban hành ngày 12 tháng 01 năm 2022");
    /* a year and a question mark stay */
    CHECK_RESTORE("k6t qua nam 2023? ¢", "kết quả năm 2023? ¢");
    /* a Roman numeral with no capital left, before a heading in capitals;
     * inside a line, "Ill" for III is a number */
    CHECK_RESTORE("il. KET QUA 1a s6 h6 so tang", "II. KẾT QUẢ là số hồ sơ tăng");
    CHECK_RESTORE("ket qua Ill 1a s6 h6 so tang", "kết quả III là số hồ sơ tăng");
}

/* The tokens of a word whose '$' was read as S: the original is the text
 * as given, and the word counts as changed. */
TEST(garble_original_keeps_the_symbol)
{
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    sohoa_restore_result res;
    sohoa_err err;
    const char *in = "ket qua 1a $6 h6 so tang";
    CHECK_INT(sohoa_restore_text(restorer(), &o, in, strlen(in), NULL, 0, 1, &res, &err), SOHOA_OK);
    CHECK_INT(res.ntokens, 7);
    CHECK_STR(res.tokens[3].orig, "$6");
    CHECK_STR(res.tokens[3].restored, "số");
    CHECK_INT(res.stats.changed, 7);
    sohoa_restore_result_free(&res);
}

TEST(compound_words_are_restored_run_by_run)
{
    /* syllables joined by / - ... are words each; codes stay whole */
    CHECK_RESTORE("nguoi dan/doanh nghiep", "người dân/doanh nghiệp");
    CHECK_RESTORE("ket qua...ho so", "kết quả...hồ sơ");
    CHECK_RESTORE("so 86/KH-UBND", "số 86/KH-UBND");
    /* a run whose vowels need their marks to be a syllable (nhiem) */
    CHECK_RESTORE("cong tac/nhiem vu", "công tác/nhiệm vụ");
    /* beside '/', a run that is no syllable is a unit kept as printed */
    CHECK_RESTORE("so ho so/km", "số hồ sơ/km");
    /* but not beside '.' or '-': addresses and codes stay whole */
    CHECK_RESTORE("xem www.dan.vn", "xem www.dan.vn");
    CHECK_RESTORE("ho so ban-ABc", "hồ sơ ban-ABc");
    /* words a lost space joined at a comma, a colon or a quote, the mark
     * kept where it was; numbers and times stay whole */
    CHECK_RESTORE("cai cach hanh chinh,nha nuoc", "cải cách hành chính,nhà nước");
    CHECK_RESTORE("ket qua:ho so", "kết quả:hồ sơ");
    CHECK_RESTORE("cong tac\"tuyen truyen\" nam 2023", "công tác\"tuyên truyền\" năm 2023");
    CHECK_RESTORE("so 1,5 va 8:30", "số 1,5 và 8:30");
}

TEST(tone_style_old)
{
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    o.tone_style = SOHOA_TONE_OLD;
    char *s = restore_opts("hoa binh va thuy loi", &o);
    CHECK_STR(s, "hoà bình và thuỷ lợi");
    free(s);
}

TEST(baseline_mfs_takes_the_most_frequent_form)
{
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    o.baseline = 2;
    /* counted by hand in CORPUS: cải 4 times, cái 3; ban 5, bàn 2 */
    char *s = restore_opts("cai ban", &o);
    CHECK_STR(s, "cải ban");
    free(s);
}

TEST(tokens_have_confidences_and_alternatives)
{
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    sohoa_restore_result res;
    sohoa_err err;
    const char *in = "cai cach\nso 86";
    CHECK_INT(sohoa_restore_text(restorer(), &o, in, strlen(in), NULL, 0, 1, &res, &err), SOHOA_OK);
    CHECK_INT(res.ntokens, 4);
    CHECK_STR(res.tokens[0].orig, "cai");
    CHECK_STR(res.tokens[0].restored, "cải");
    CHECK(res.tokens[0].alts[0] != NULL); /* cái */
    CHECK(res.tokens[0].conf > 0 && res.tokens[0].conf <= 1);
    CHECK_INT(res.tokens[2].line, 2);
    CHECK_STR(res.tokens[3].restored, "86");
    CHECK(res.tokens[3].conf == 1.0f);
    CHECK_INT(res.stats.tokens, 4);
    sohoa_restore_result_free(&res);
}

/* SOHOA_TOKENS_LOW_CONF lists exactly the words under the threshold, in
 * order, as many as stats.low_conf counts; numbers are never listed. */
TEST(low_confidence_words_are_listed_for_review)
{
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    sohoa_restore_result all, low;
    sohoa_err err;
    const char *in = "cai ban\nso 86 cai";
    CHECK_INT(sohoa_restore_text(restorer(), &o, in, strlen(in), NULL, 0, SOHOA_TOKENS_ALL, &all,
                                 &err),
              SOHOA_OK);
    CHECK_INT(all.ntokens, 5);
    /* every word (not the number) under a threshold above 1 */
    o.low_conf = 1.01;
    CHECK_INT(sohoa_restore_text(restorer(), &o, in, strlen(in), NULL, 0, SOHOA_TOKENS_LOW_CONF,
                                 &low, &err),
              SOHOA_OK);
    CHECK_INT(low.ntokens, 4);
    CHECK_INT(low.stats.low_conf, 4);
    CHECK_STR(low.tokens[0].orig, "cai");
    CHECK_STR(low.tokens[2].orig, "so");
    CHECK_INT(low.tokens[2].line, 2);
    CHECK_STR(low.tokens[3].orig, "cai");
    CHECK_INT(low.tokens[3].line, 2);
    sohoa_restore_result_free(&low);
    /* a threshold between the confidences splits them: the words under it */
    float lo = 2, hi = -1;
    for (size_t i = 0; i < all.ntokens; i++)
        if (strcmp(all.tokens[i].orig, "86") != 0) {
            lo = all.tokens[i].conf < lo ? all.tokens[i].conf : lo;
            hi = all.tokens[i].conf > hi ? all.tokens[i].conf : hi;
        }
    CHECK(lo < hi); /* "cai" and "ban" are ambiguous here, "so" less so */
    o.low_conf = (lo + hi) / 2;
    CHECK_INT(sohoa_restore_text(restorer(), &o, in, strlen(in), NULL, 0, SOHOA_TOKENS_LOW_CONF,
                                 &low, &err),
              SOHOA_OK);
    size_t k = 0;
    for (size_t i = 0; i < all.ntokens; i++)
        if (all.tokens[i].conf < o.low_conf && strcmp(all.tokens[i].orig, "86") != 0) {
            CHECK(k < low.ntokens);
            if (k < low.ntokens) {
                CHECK_STR(low.tokens[k].orig, all.tokens[i].orig);
                CHECK_STR(low.tokens[k].restored, all.tokens[i].restored);
                CHECK_INT(low.tokens[k].line, all.tokens[i].line);
            }
            k++;
        }
    CHECK(k >= 1 && k < 4);
    CHECK_INT(low.ntokens, k);
    CHECK_INT(low.stats.low_conf, k);
    sohoa_restore_result_free(&low);
    /* none under 0 */
    o.low_conf = 0;
    CHECK_INT(sohoa_restore_text(restorer(), &o, in, strlen(in), NULL, 0, SOHOA_TOKENS_LOW_CONF,
                                 &low, &err),
              SOHOA_OK);
    CHECK_INT(low.ntokens, 0);
    sohoa_restore_result_free(&low);
    sohoa_restore_result_free(&all);
}

/* sohoa_restore_doc hands the unsure words to the document. */
TEST(restore_doc_fills_the_words_to_review)
{
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    o.low_conf = 1.01;
    sohoa_doc *d = sohoa_doc_new();
    sohoa_doc_set(&d->text, "cai ban\n\nso 86");
    sohoa_err err;
    CHECK_INT(sohoa_restore_doc(restorer(), &o, d, &err), SOHOA_OK);
    CHECK_INT(d->nreview, 3);
    CHECK_INT(d->restore.low_conf, 3);
    if (d->nreview == 3) {
        CHECK_STR(d->review[1].original, "ban");
        CHECK_INT(d->review[1].line, 1);
        CHECK_STR(d->review[2].original, "so");
        CHECK_INT(d->review[2].line, 3);
        CHECK_INT(d->review[2].page, 0);
    }
    /* again: the old list is replaced, not added to */
    o.low_conf = 0;
    CHECK_INT(sohoa_restore_doc(restorer(), &o, d, &err), SOHOA_OK);
    CHECK_INT(d->nreview, 0);
    sohoa_doc_free(d);
}

TEST(invalid_utf8_is_refused_with_its_offset)
{
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    sohoa_restore_result res;
    sohoa_err err;
    const char in[] = "cai \xC3\x28 cach";
    CHECK_INT(sohoa_restore_text(restorer(), &o, in, strlen(in), NULL, 0, 0, &res, &err),
              SOHOA_EINVAL);
    CHECK(strstr(err.msg, "byte 4") != NULL);
}

TEST(a_distant_deadline_changes_nothing)
{
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    o.deadline = sohoa_now() + 3600;
    char *s = restore_opts("tuyen truyen cai cach hanh chinh", &o);
    CHECK_STR(s, "tuyên truyền cải cách hành chính");
    free(s);
}

TEST(a_passed_deadline_stops_with_nothing_returned)
{
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    o.deadline = 1e-9; /* long gone */
    for (int baseline = 0; baseline <= 2; baseline++) {
        o.baseline = baseline;
        sohoa_restore_result res;
        sohoa_err err = {0};
        const char *in = "cai cach\nso 86";
        CHECK_INT(sohoa_restore_text(restorer(), &o, in, strlen(in), NULL, 0, 1, &res, &err),
                  SOHOA_ELIMIT);
        CHECK(res.text == NULL);
        CHECK_INT(res.ntokens, 0);
        CHECK(strstr(err.msg, "deadline") != NULL);
    }
}

/* What the progress callback was told, call by call. */
typedef struct told {
    size_t done[64], total[64];
    int n;
} told;

static void tell(size_t done, size_t total, void *ctx)
{
    told *t = ctx;
    if (t->n < 64) {
        t->done[t->n] = done;
        t->total[t->n] = total;
    }
    t->n++;
}

TEST(progress_is_told_once_for_a_short_text)
{
    told t = {0};
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    o.progress = tell;
    o.progress_ctx = &t;
    const char *in = "cai cach hanh chinh\nnha nuoc\n"; /* 29 bytes */
    char *s = restore_opts(in, &o);
    CHECK_STR(s, "cải cách hành chính\nnhà nước\n");
    free(s);
    CHECK_INT(t.n, 1);
    CHECK_INT(t.done[0], 29);
    CHECK_INT(t.total[0], 29);
}

/* A text of 2.5 MB is restored in blocks of about a megabyte, each cut
 * after a line end: the callback hears of each, in order, the last at the
 * text's end, and the text comes out whole (the same line throughout, so
 * the memos make it quick). */
TEST(progress_is_told_after_each_block_of_a_long_text)
{
    const char line[] = "day manh cai cach hanh chinh nha nuoc .\n"; /* 40 bytes */
    const char want[] = "đẩy mạnh cải cách hành chính nhà nước .\n";
    size_t lines = 62500, len = lines * (sizeof line - 1); /* 2.5 MB */
    char *in = malloc(len + 1);
    for (size_t i = 0; i < lines; i++)
        memcpy(in + i * (sizeof line - 1), line, sizeof line - 1);
    in[len] = '\0';
    told t = {0};
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    o.progress = tell;
    o.progress_ctx = &t;
    char *s = restore_opts(in, &o);
    CHECK_INT(strlen(s), lines * (sizeof want - 1));
    CHECK(strncmp(s, want, sizeof want - 1) == 0);
    CHECK(strcmp(s + strlen(s) - (sizeof want - 1), want) == 0);
    free(s);
    free(in);
    /* the first block ends at the last line end within 1 MiB (26,214 lines
     * of 40 bytes); the 1.45 MB left are less than a block and a half, so
     * they make the second and last */
    CHECK_INT(t.n, 2);
    CHECK_INT(t.done[0], 26214 * 40);
    CHECK_INT(t.done[1], len);
    CHECK_INT(t.total[0], len);
    CHECK_INT(t.total[1], len);
}

TEST(missing_model_names_the_path)
{
    sohoa_restorer *r = NULL;
    sohoa_err err;
    CHECK(sohoa_restorer_open("/nonexistent-sohoa-models", NULL, &r, &err) != SOHOA_OK);
    CHECK(strstr(err.msg, "/nonexistent-sohoa-models/sohoa.lm") != NULL);
    CHECK(r == NULL);
}

TEST(zz_cleanup)
{
    sohoa_restorer_free(R);
    R = NULL;
}
