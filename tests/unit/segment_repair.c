/* segment_repair.c — tests of the mending of header values by votes over
 * the document (src/segment/repair.c): a damaged word in a fixed context of
 * the title, an issuer locality a letter away from the place. */
#include "segment_fixture.h"

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


#define PLAN(motto_line, type_line)                                              \
    "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" motto_line "\n"        \
    "Số: 08/KH-UBND Đông Hòa, ngày 12 tháng 01 năm 2022\n" type_line "\n"        \
    "Tuyên truyền cải cách hành chính\n"                                         \
    "Căn cứ Luật Tổ chức chính quyền địa phương.\n"                              \
    "I. MỤC ĐÍCH\n"                                                              \
    "Nội dung.\n"

TEST(issuer_beside_a_damaged_motto)
{
    /* "Độe" for "Độc", "Tư đo" for "Tự do", "~" for a dash, "phúe". */
    sohoa_doc *d = seg(PLAN("THỊ XÃ ĐÔNG HÒA Độe lập — Tư đo ~ Hạnh phúe", "KẾ HOẠCH"));
    CHECK(d != NULL);
    CHECK_STR(d->issuer, "ỦY BAN NHÂN DÂN THỊ XÃ ĐÔNG HÒA");
    CHECK_STR(d->title, "Tuyên truyền cải cách hành chính");
    sohoa_doc_free(d);
}

TEST(issuer_before_what_is_left_of_an_unreadable_motto)
{
    sohoa_doc *d = seg(PLAN("THỊ XÃ ĐÔNG HÒA Đôc lp Tư", "KẾ HOẠCH"));
    CHECK(d != NULL);
    CHECK_STR(d->issuer, "ỦY BAN NHÂN DÂN THỊ XÃ ĐÔNG HÒA");
    sohoa_doc_free(d);
}

TEST(damaged_type_line_still_gives_type_and_title)
{
    sohoa_doc *d = seg(PLAN("THỊ XÃ ĐÔNG HÒA Độc lập - Tự do - Hạnh phúc", "KẾ HOẠCII"));
    CHECK(d != NULL);
    CHECK_STR(d->doc_type, "ke_hoach");
    CHECK_STR(d->title, "Tuyên truyền cải cách hành chính");
    CHECK_STR(d->issuer, "ỦY BAN NHÂN DÂN THỊ XÃ ĐÔNG HÒA");
    sohoa_doc_free(d);
    d = seg(PLAN("THỊ XÃ ĐÔNG HÒA Độc lập - Tự do - Hạnh phúc", "BÁO CÁ0"));
    CHECK(d != NULL);
    CHECK_STR(d->doc_type, "bao_cao");
    CHECK_STR(d->title, "Tuyên truyền cải cách hành chính");
    sohoa_doc_free(d);
}

TEST(stray_punctuation_after_the_type_is_not_the_title)
{
    sohoa_doc *d = seg(PLAN("THỊ XÃ ĐÔNG HÒA Độc lập - Tự do - Hạnh phúc", "KẾ HOẠCH."));
    CHECK(d != NULL);
    CHECK_STR(d->doc_type, "ke_hoach");
    CHECK_STR(d->title, "Tuyên truyền cải cách hành chính");
    sohoa_doc_free(d);
}

TEST(cited_codes_spelt_with_d_bar_get_it_back)
{
    sohoa_doc *d = seg("BÁO CÁO\nKết quả\n"
                       "Thực hiện Đề án số 08-DA/HU ngày 05/01/2021 của Huyện ủy, "
                       "Quyết định số 12/QD-UBND ngày 02/03/2021 và Kế hoạch số 3/KH-DA ngày 04/05/2021.\n");
    CHECK(d != NULL);
    CHECK_INT((long)d->nrefs, 3);
    if (d->nrefs == 3) {
        CHECK_STR(d->refs[0].number, "08-ĐA/HU");
        CHECK_STR(d->refs[1].number, "12/QĐ-UBND");
        CHECK_STR(d->refs[2].number, "3/KH-DA"); /* a plan's code is KH: left alone */
    }
    sohoa_doc_free(d);
}
