/* segment_tolerant.c — tests of reading restored-but-damaged text: place
 * names mended against the gazetteer (src/segment/places.c, localities.c),
 * fixed phrases read through damage (canon.c), cited codes (refcode.c),
 * Roman headings in capitals, recipients without their dash and damaged
 * unit words. Every expectation below was written by reading the input. */
#include "segment_fixture.h"

#include <unistd.h>

static const char *issuer_of(sohoa_doc *d) { return d ? d->issuer : NULL; }

#define BODY "KẾ HOẠCH\nTuyên truyền năm 2022\nI. MỤC ĐÍCH\nNội dung.\n"

TEST(damaged_district_in_a_markless_issuer_snaps_to_the_gazetteer)
{
    /* Đông Hòa is a thị xã of Phú Yên: "PONG HOA" is one letter away and
     * no other district name is; the head and unit words get their marks. */
    sohoa_doc *d = seg("UY BAN NHAN DAN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                       "HUYEN PONG HOA Độc lập - Tự do - Hạnh phúc\n"
                       "Số: 12/KH-UBND Pong Hoa, ngày 12 tháng 01 năm 2022\n" BODY);
    CHECK(d != NULL);
    CHECK_STR(issuer_of(d), "ỦY BAN NHÂN DÂN HUYỆN ĐÔNG HÒA");
    CHECK_STR(d->place, "Đông Hòa");
    sohoa_doc_free(d);
}

TEST(invented_district_is_left_as_it_is)
{
    /* No district is within one edit of "pong hoe". */
    sohoa_doc *d = seg("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                       "HUYỆN PONG HÒE Độc lập - Tự do - Hạnh phúc\n"
                       "Số: 12/KH-UBND Pong Hòe, ngày 12 tháng 01 năm 2022\n" BODY);
    CHECK(d != NULL);
    CHECK_STR(issuer_of(d), "ỦY BAN NHÂN DÂN HUYỆN PONG HÒE");
    CHECK_STR(d->place, "Pong Hòe");
    sohoa_doc_free(d);
}

TEST(name_with_wrong_marks_takes_the_gazetteer_spelling)
{
    sohoa_doc *d = seg("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                       "THỊ XÃ ĐÔNG HOA Độc lập - Tự do - Hạnh phúc\n"
                       "Số: 12/KH-UBND Đông Hòa, ngày 12 tháng 01 năm 2022\n" BODY);
    CHECK(d != NULL);
    CHECK_STR(issuer_of(d), "ỦY BAN NHÂN DÂN THỊ XÃ ĐÔNG HÒA");
    sohoa_doc_free(d);
}

TEST(a_name_the_document_writes_three_times_is_trusted)
{
    /* "Pong Hoa" in the issuer, the date line and the body: the document's
     * own name, not damage. */
    sohoa_doc *d = seg("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                       "HUYỆN PONG HOA Độc lập - Tự do - Hạnh phúc\n"
                       "Số: 12/KH-UBND Pong Hoa, ngày 12 tháng 01 năm 2022\n" BODY
                       "Các xã của huyện Pong Hoa.\n");
    CHECK(d != NULL);
    CHECK_STR(issuer_of(d), "ỦY BAN NHÂN DÂN HUYỆN PONG HOA");
    sohoa_doc_free(d);
}

TEST(commune_level_damage_with_two_near_names_is_left_alone)
{
    /* "xã Pong Hoa": Long Hòa and Đông Hòa are both communes one edit away. */
    sohoa_doc *d = seg("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                       "XÃ PONG HOA Độc lập - Tự do - Hạnh phúc\n"
                       "Số: 12/KH-UBND Pong Hoa, ngày 12 tháng 01 năm 2022\n" BODY);
    CHECK(d != NULL);
    CHECK_STR(issuer_of(d), "ỦY BAN NHÂN DÂN XÃ PONG HOA");
    sohoa_doc_free(d);
}

#define TAIL                                                                   \
    "Nơi nhận: TM. ỦY BAN NHÂN DÂN\n"                                          \
    "- Sở Nội vụ tỉnh; CHỦ TỊCH\n"                                             \
    "- Lưu: VT.\n"

TEST(place_takes_the_name_the_document_mentions_when_a_letter_away)
{
    /* The date line reads "Cộng Hòa" (a commune name too), but the text is
     * about thị xã Đông Hòa, named twice (once damaged), never "Cộng Hòa"
     * after a unit word. The issuer comes from "TM. ỦY BAN NHÂN DÂN". */
    sohoa_doc *d = seg("Số: 86/KH-UBND Cộng Hòa, ngày 12 tháng 01 năm 2022\n"
                       "KẾ HOẠCH\n"
                       "Tuyên truyền của thị xã Pong Hoa\n"
                       "\n"
                       "Thực hiện Kế hoạch của thị xã Đông Hoa.\n"
                       "I. MỤC ĐÍCH\n"
                       "Nội dung.\n" TAIL);
    CHECK(d != NULL);
    CHECK_STR(d->place, "Đông Hòa");
    CHECK_STR(issuer_of(d), "ỦY BAN NHÂN DÂN THỊ XÃ ĐÔNG HÒA");
    CHECK_STR(d->title, "Tuyên truyền của thị xã Đông Hòa");
    sohoa_doc_free(d);
}

TEST(place_the_document_names_itself_is_kept)
{
    /* "xã Cộng Hòa" twice: the place is right as written. */
    sohoa_doc *d = seg("Số: 86/KH-UBND Cộng Hòa, ngày 12 tháng 01 năm 2022\n"
                       "KẾ HOẠCH\n"
                       "Tuyên truyền của xã Cộng Hòa\n"
                       "\n"
                       "Thực hiện Kế hoạch của thị xã Đông Hòa và xã Cộng Hòa.\n"
                       "I. MỤC ĐÍCH\n"
                       "Nội dung.\n" TAIL);
    CHECK(d != NULL);
    CHECK_STR(d->place, "Cộng Hòa");
    sohoa_doc_free(d);
}

static const sohoa_ref *ref_numbered(const sohoa_doc *d, const char *prefix)
{
    for (size_t i = 0; d && i < d->nrefs; i++)
        if (strncmp(d->refs[i].number, prefix, strlen(prefix)) == 0)
            return &d->refs[i];
    return NULL;
}

TEST(cited_codes_are_mended_where_the_type_implies_them)
{
    sohoa_doc *d = seg("KẾ HOẠCH\nTuyên truyền\n\n"
                       "Căn cứ Quyết định s6268 /OP-UBND ngày 16/02/2023 của UBND tỉnh;\n"
                       "Quyết định số 468/QĐ-TTqg ngày 27/3/2021 của Thủ tướng;\n"
                       "Chỉ thị số 05/CT-UBND ngày 01/02/2022;\n"
                       "Kế hoạch số 12/KH-STP ngày 03/04/2022 của Sở Tư pháp.\n"
                       "I. MỤC ĐÍCH\nNội dung.\n");
    CHECK(d != NULL);
    const sohoa_ref *r = ref_numbered(d, "268/");
    CHECK(r != NULL);
    CHECK_STR(r ? r->number : NULL, "268/QĐ-UBND");
    CHECK_STR(r ? r->type : NULL, "quyet_dinh");
    CHECK_STR(r ? r->date : NULL, "2023-02-16");
    r = ref_numbered(d, "468/");
    CHECK_STR(r ? r->number : NULL, "468/QĐ-TTg");
    r = ref_numbered(d, "05/");
    CHECK_STR(r ? r->number : NULL, "05/CT-UBND"); /* right as written */
    r = ref_numbered(d, "12/");
    CHECK_STR(r ? r->number : NULL, "12/KH-STP"); /* a code in capitals is kept */
    sohoa_doc_free(d);
}

TEST(damaged_role_at_a_line_end_takes_its_spelling)
{
    sohoa_doc *d = seg("KẾ HOẠCH\nTuyên truyền\n\nI. MỤC ĐÍCH\nNội dung.\n"
                       "Nơi nhận: TM. ỦY BAN NHÂN DÂN\n"
                       "- UBND huyện (b/c);\n"
                       "- TT Đảng ủy; KẾT: CHỈ{ TÍCH\n"
                       "- Lưu: VP.\n");
    CHECK(d != NULL);
    CHECK_STR(d->signer_role, "CHỦ TỊCH");
    sohoa_doc_free(d);
}

TEST(recipient_without_its_dash_and_damaged_unit_words)
{
    /* "thì trin" is "thị trấn", which the text writes three times. */
    sohoa_doc *d = seg("KẾ HOẠCH\nTuyên truyền của thị trấn\n\n"
                       "I. MỤC ĐÍCH\nUBND thị trấn và các đoàn thể thị trấn.\n"
                       "Nơi nhận: TM. ỦY BAN NHÂN DÂN\n"
                       "- UBND huyện;\n"
                       "- TT Đảng ủy, TT HĐND thì trin; CHỦ TỊCH\n"
                       "UBND các xã, phường; NÓ—\n"
                       "- Lưu: VT.\n");
    CHECK(d != NULL);
    CHECK_INT(d ? d->nrecipients : 0, 4);
    if (d && d->nrecipients == 4) {
        CHECK_STR(d->recipients[1], "TT Đảng ủy, TT HĐND thị trấn");
        CHECK_STR(d->recipients[2], "UBND các xã, phường");
        CHECK_STR(d->recipients[3], "Lưu: VT");
    }
    sohoa_doc_free(d);
}

TEST(roman_heading_is_in_capitals)
{
    sohoa_doc *d = seg("KẾ HOẠCH\nTuyên truyền\n\n"
                       "I. MỤC Đích, YÊU CẦU\nNội dung.\n"
                       "II. KINH PHÍ THỰC HIỆN (dự kiến)\nNội dung.\n");
    CHECK(d != NULL);
    CHECK_INT(d ? d->nsections : 0, 2);
    if (d && d->nsections == 2) {
        CHECK_STR(d->sections[0].heading, "MỤC ĐÍCH, YÊU CẦU");
        CHECK_STR(d->sections[1].heading, "KINH PHÍ THỰC HIỆN (dự kiến)");
    }
    sohoa_doc_free(d);
}

/* A rules directory whose gazetteer is `places` (one file). */
static const char *gazetteer_dir(const char *places)
{
    static char dir[256];
    snprintf(dir, sizeof dir, "/tmp/sohoa-places-XXXXXX");
    if (!mkdtemp(dir))
        return NULL;
    char path[512];
    snprintf(path, sizeof path, "%s/g.rules", dir);
    FILE *f = fopen(path, "w");
    fputs("gazetteer = places-*.txt\nissuer.unit = (?i)\\bhuyen\\b\n", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/places-x.txt", dir);
    f = fopen(path, "w");
    fputs(places, f);
    fclose(f);
    return dir;
}

static void remove_gazetteer_dir(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/g.rules", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/places-x.txt", dir);
    unlink(path);
    rmdir(dir);
}

TEST(gazetteer_with_an_unknown_unit_names_file_and_line)
{
    const char *dir = gazetteer_dir("# places\nĐông Hòa\tthị xã\tPhú Yên\nAn Bình\tlàng\n");
    CHECK(dir != NULL);
    sohoa_rules *r = (sohoa_rules *)1;
    sohoa_err e;
    CHECK_INT(sohoa_rules_load(dir, &r, &e), SOHOA_EFORMAT);
    CHECK(r == NULL);
    CHECK(strstr(e.msg, "places-x.txt:3:") != NULL);
    CHECK(strstr(e.msg, "unknown unit 'làng'") != NULL);
    remove_gazetteer_dir(dir);
}

TEST(gazetteer_with_invalid_utf8_is_refused)
{
    const char *dir = gazetteer_dir("Đông Hòa\tthị xã\n\xff\xfe\n");
    CHECK(dir != NULL);
    sohoa_rules *r = NULL;
    sohoa_err e;
    CHECK_INT(sohoa_rules_load(dir, &r, &e), SOHOA_EFORMAT);
    CHECK(strstr(e.msg, "invalid UTF-8") != NULL);
    remove_gazetteer_dir(dir);
}

TEST(letter_with_a_damaged_subject_line_and_addressees)
{
    /* "V|v" is "V/v"; "Kinh giri:" is "Kính gửi:", its dash list are
     * recipients ahead of "Nơi nhận"; the body starts after the block.
     * "Như trên" (as above) points back at them: no recipient of its own. */
    sohoa_doc *d = seg("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                       "HUYỆN KIM SƠN Độc lập - Tự do - Hạnh phúc\n"
                       "Số: 215/UBND-VP Kim Sơn, ngày 05 tháng 3 năm 2023\n"
                       "V|v triển khai tuyên truyền cải cách hành chính\n"
                       "\n"
                       "Kinh giri:\n"
                       "- Các phòng, ban chuyên môn thuộc huyện;\n"
                       "- UBND các xã, thị trấn.\n"
                       "\n"
                       "Thực hiện Kế hoạch số 12/KH-UBND ngày 16/01/2023 của UBND tỉnh.\n"
                       "\n"
                       "Nơi nhận: TM. ỦY BAN NHÂN DÂN\n"
                       "- Như trên; KT. CHỦ TỊCH\n"
                       "- Lưu: VT. PHÓ CHỦ TỊCH\n");
    CHECK(d != NULL);
    CHECK_STR(d ? d->doc_type : NULL, "cong_van");
    CHECK_STR(d ? d->title : NULL, "triển khai tuyên truyền cải cách hành chính");
    CHECK_INT(d ? d->nrecipients : 0, 3);
    if (d && d->nrecipients == 3) {
        CHECK_STR(d->recipients[0], "Các phòng, ban chuyên môn thuộc huyện");
        CHECK_STR(d->recipients[1], "UBND các xã, thị trấn");
        CHECK_STR(d->recipients[2], "Lưu: VT");
    }
    CHECK_STR(d ? d->signer_role : NULL, "PHÓ CHỦ TỊCH");
    CHECK_INT(d ? d->nsections : 0, 1);
    if (d && d->nsections == 1)
        CHECK_INT((long)d->sections[0].line, 10); /* "Thực hiện ..." */
    sohoa_doc_free(d);
}

TEST(addressee_on_the_start_line)
{
    sohoa_doc *d = seg("V/v báo cáo kết quả\n"
                       "Kính gửi: Sở Nội vụ tỉnh Thanh Giang.\n"
                       "\n"
                       "Ủy ban nhân dân huyện báo cáo như sau.\n");
    CHECK(d != NULL);
    CHECK_INT(d ? d->nrecipients : 0, 1);
    if (d && d->nrecipients == 1)
        CHECK_STR(d->recipients[0], "Sở Nội vụ tỉnh Thanh Giang");
    CHECK_STR(d ? d->title : NULL, "báo cáo kết quả");
    sohoa_doc_free(d);
}

TEST(issuer_head_is_mended_only_at_its_start)
{
    /* "THÔNG" is one letter from "PHÒNG" but stands in the name of the
     * department, after its head "SỞ": left alone. */
    sohoa_doc *d = seg("UBND TỈNH HẢI LÂM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                       "SỞ THÔNG TIN VÀ TRUYỀN THÔNG Độc lập - Tự do - Hạnh phúc\n"
                       "Số: 75/KH-STTTT Hải Lâm, ngày 06 tháng 3 năm 2024\n" BODY);
    CHECK(d != NULL);
    CHECK_STR(issuer_of(d), "SỞ THÔNG TIN VÀ TRUYỀN THÔNG");
    sohoa_doc_free(d);
}

TEST(issuer_locality_folding_like_the_place_takes_its_spelling)
{
    /* Đông Trà is a commune in the gazetteer, not a district: the issuer's
     * "ĐÔNG TRA" takes the spelling of the place, a gazetteer name. */
    sohoa_doc *d = seg("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                       "HUYỆN ĐÔNG TRA Độc lập - Tự do - Hạnh phúc\n"
                       "Số: 246/BC-UBND Đông Trà, ngày 25 tháng 9 năm 2024\n" BODY);
    CHECK(d != NULL);
    CHECK_STR(issuer_of(d), "ỦY BAN NHÂN DÂN HUYỆN ĐÔNG TRÀ");
    sohoa_doc_free(d);
}
