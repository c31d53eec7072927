/* segment_repair.c — tests of the mending of header values by votes over
 * the document (src/segment/repair.c): a damaged word in a fixed context of
 * the title, an issuer locality a letter away from the place. */
#include "harness.h"
#include "sohoa/segment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sohoa_rules *rules(void)
{
    static sohoa_rules *r;
    if (!r) {
        char dir[1024];
        snprintf(dir, sizeof dir, "%s/rules", harness_srcdir());
        sohoa_err e;
        if (sohoa_rules_load(dir, &r, &e) != SOHOA_OK)
            printf("  cannot load %s: %s\n", dir, e.msg);
    }
    return r;
}

__attribute__((destructor)) static void free_rules(void)
{
    sohoa_rules_free(rules());
}

static sohoa_doc *seg(const char *text)
{
    sohoa_doc *d = sohoa_doc_new();
    d->text = strdup(text);
    sohoa_err e;
    if (!rules() || sohoa_segment(rules(), d, &e) != SOHOA_OK) {
        sohoa_doc_free(d);
        return NULL;
    }
    return d;
}

#define REPORT_HEAD                                                              \
    "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"                       \
    "THỊ TRẤN LÀ CÁCH Độc lập - Tự do - Hạnh phúc\n"                             \
    "Số: 65 /BC-UBND Lai Cách, ngày 15 tháng 6 năm 2023\n"                       \
    "BÁO CÁO\n"                                                                  \
    "Kết quả 6 tháng đầu nim 2023\n"                                             \
    "\n"

TEST(title_word_takes_the_form_the_document_uses_in_that_context)
{
    sohoa_doc *d = seg(REPORT_HEAD
                       "Thực hiện Kế hoạch năm 2023 của UBND thị trấn Lai Cách.\n"
                       "I. KẾT QUẢ\n"
                       "Trong năm 2023, thị trấn Lai Cách đã tuyên truyền.\n");
    CHECK(d != NULL);
    CHECK_STR(d->title, "Kết quả 6 tháng đầu năm 2023");
    CHECK_STR(d->period, "6 tháng đầu năm 2023");
    sohoa_doc_free(d);
}

TEST(title_word_is_kept_without_a_majority_elsewhere)
{
    /* "năm 2023" appears only once besides the title (in the date line):
     * no vote of two. */
    sohoa_doc *d = seg(REPORT_HEAD "I. KẾT QUẢ\nĐã tuyên truyền.\n");
    CHECK(d != NULL);
    CHECK_STR(d->title, "Kết quả 6 tháng đầu nim 2023");
    sohoa_doc_free(d);
}

TEST(issuer_locality_takes_the_spelling_of_the_place)
{
    sohoa_doc *d = seg(REPORT_HEAD
                       "Thực hiện Kế hoạch năm 2023 của UBND thị trấn Lai Cách.\n"
                       "I. KẾT QUẢ\n"
                       "Trong năm 2023, thị trấn Lai Cách đã tuyên truyền.\n");
    CHECK(d != NULL);
    CHECK_STR(d->place, "Lai Cách");
    CHECK_STR(d->issuer, "ỦY BAN NHÂN DÂN THỊ TRẤN LAI CÁCH");
    sohoa_doc_free(d);
}

TEST(issuer_far_from_the_place_is_left_alone)
{
    sohoa_doc *d = seg("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                       "HUYỆN KIM THỦY Độc lập - Tự do - Hạnh phúc\n"
                       "Số: 86/KH-UBND Tân An, ngày 12 tháng 01 năm 2022\n"
                       "KẾ HOẠCH\n"
                       "Tuyên truyền năm 2022\n"
                       "I. MỤC ĐÍCH\n"
                       "Tân An và Tân An.\n");
    CHECK(d != NULL);
    CHECK_STR(d->issuer, "ỦY BAN NHÂN DÂN HUYỆN KIM THỦY");
    sohoa_doc_free(d);
}

TEST(issuer_kept_when_the_text_favours_its_own_spelling)
{
    /* The place line is the damaged one here: "Lai Cácb" is seen once, the
     * issuer's "Lai Cách" twice in the body, so the issuer stays. */
    sohoa_doc *d = seg("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                       "THỊ TRẤN LAI CÁCH Độc lập - Tự do - Hạnh phúc\n"
                       "Số: 65 /BC-UBND Lai Cácb, ngày 15 tháng 6 năm 2023\n"
                       "BÁO CÁO\n"
                       "Kết quả năm 2023\n"
                       "I. KẾT QUẢ\n"
                       "thị trấn Lai Cách và thị trấn Lai Cách.\n");
    CHECK(d != NULL);
    CHECK_STR(d->issuer, "ỦY BAN NHÂN DÂN THỊ TRẤN LAI CÁCH");
    sohoa_doc_free(d);
}

