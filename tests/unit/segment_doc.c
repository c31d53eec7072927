/* segment_doc.c — tests of sohoa_segment on small documents written for the
 * test: numbering (mangled numerals, letters, decimals, Markdown), kinds,
 * header fields, signature, cited documents, and "nothing dropped". */
#include "segment_fixture.h"

/* "I:purpose,requirements@3" style summary of a section list, depth-first. */
static void outline(const sohoa_section *s, size_t n, char *out, size_t cap)
{
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(out);
        snprintf(out + l, cap - l, "%s%d%s%s:", l ? " " : "", s[i].level, s[i].label ? "." : "",
                 s[i].label ? s[i].label : "");
        for (size_t k = 0; k < s[i].nkinds; k++) {
            l = strlen(out);
            snprintf(out + l, cap - l, "%s%s", k ? "," : "", s[i].kinds[k]);
        }
        l = strlen(out);
        snprintf(out + l, cap - l, "@%d", s[i].line);
        outline(s[i].children, s[i].nchildren, out, cap);
    }
}

static const char *tree(const sohoa_doc *d)
{
    static char buf[4096];
    buf[0] = '\0';
    outline(d->sections, d->nsections, buf, sizeof buf);
    return buf;
}

static const sohoa_section *find(const sohoa_section *s, size_t n, int line)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i].line == line)
            return &s[i];
        const sohoa_section *c = find(s[i].children, s[i].nchildren, line);
        if (c)
            return c;
    }
    return NULL;
}

TEST(no_structure_is_one_other_section_with_all_the_text)
{
    sohoa_doc *d = seg("Căn cứ vào tình hình thực tế,\nđơn vị báo cáo như sau.\n\nHết.");
    CHECK(d != NULL);
    CHECK_INT(d->nsections, 1);
    CHECK_INT(d->sections[0].level, 0);
    CHECK_INT(d->sections[0].nkinds, 1);
    CHECK_STR(d->sections[0].kinds[0], "other");
    CHECK_STR(d->sections[0].text, "Căn cứ vào tình hình thực tế,\nđơn vị báo cáo như sau.\n\nHết.");
    CHECK_STR(d->doc_type, "other");
    sohoa_doc_free(d);
}

TEST(mangled_roman_numerals_follow_the_sequence)
{
    /* I1. is II., M. is III.; a "2020." line wrapped from running text and a
     * "V." out of sequence in lower case are not headings. */
    const char *text = "KE HOACH\n"
                       "Thu nghiem\n"
                       "\n"
                       "I. MUC PiCH, YEU CAU\n"
                       "Noi dung muc I, ket thuc nam\n"
                       "2020. Tiep tuc.\n"
                       "I1. NQI DUNG THONG TIN, TUYEN TRUYEN:\n"
                       "1. Doi tuong\n"
                       "2. Noi dung\n"
                       "M. HINH THUC TUYEN TRUYEN\n"
                       "IV. KINH PHi THU'C HIEN\n"
                       "V. TO CHUC THU'C HIEN\n";
    sohoa_doc *d = seg(text);
    CHECK(d != NULL);
    CHECK_STR(tree(d), "1.I:purpose,requirements@4 1.II:content@7 2.1:audience@8 2.2:content@9 "
                       "1.III:forms@10 1.IV:budget@11 1.V:responsibilities@12");
    CHECK_STR(d->sections[1].heading, "NQI DUNG THONG TIN, TUYEN TRUYEN");
    CHECK_STR(d->sections[0].text, "Noi dung muc I, ket thuc nam\n2020. Tiep tuc.");
    sohoa_doc_free(d);
}

TEST(letters_follow_the_vietnamese_order_and_tolerate_ocr)
{
    /* a b c d đ e g: "¢)" is c, "@)" is đ, the second "¢)" is e; g after e. */
    const char *text = "I. NỘI DUNG\n"
                       "1. Tuyên truyền\n"
                       "a) Một\n"
                       "b) Hai\n"
                       "¢) Ba\n"
                       "d) Bốn\n"
                       "@) Năm\n"
                       "_ ¢) Sáu\n"
                       "g) Bảy\n"
                       "k) Không phải tiêu đề vì sai thứ tự\n";
    sohoa_doc *d = seg(text);
    CHECK(d != NULL);
    const sohoa_section *one = find(d->sections, d->nsections, 2);
    CHECK(one != NULL);
    CHECK_INT(one->nchildren, 7);
    const char *want[] = {"a", "b", "c", "d", "đ", "e", "g"};
    for (int i = 0; i < 7; i++) {
        CHECK_STR(one->children[i].label, want[i]);
        CHECK_INT(one->children[i].level, 3);
    }
    CHECK_STR(one->children[6].text, "k) Không phải tiêu đề vì sai thứ tự");
    sohoa_doc_free(d);
}

TEST(markdown_headings_and_decimal_numbering)
{
    const char *text = "## KẾ HOẠCH Thử nghiệm năm 2024\n"
                       "\n"
                       "### **I. MỤC ĐÍCH, YÊU CẦU**\n"
                       "#### 1. Mục đích\n"
                       "Văn bản.\n"
                       "##### 1.1. Mục tiêu chung\n"
                       "##### 1.2. Chỉ tiêu cụ thể\n"
                       "*a) Tỷ lệ hồ sơ*\n"
                       "## **II. KINH PHÍ**\n";
    sohoa_doc *d = seg(text);
    CHECK(d != NULL);
    CHECK_STR(d->doc_type, "ke_hoach");
    CHECK_STR(d->title, "Thử nghiệm năm 2024");
    CHECK_STR(d->period, "năm 2024");
    CHECK_STR(tree(d), "1.I:purpose,requirements@3 2.1:purpose@4 3.1.1:purpose@6 "
                       "3.1.2:purpose@7 4.a:other@8 1.II:budget@9");
    CHECK_STR(find(d->sections, d->nsections, 8)->heading, "Tỷ lệ hồ sơ");
    sohoa_doc_free(d);
}

TEST(heading_broken_over_two_lines_is_joined)
{
    const char *text = "I. NỘI DUNG\n"
                       "1. Các nội dung\n"
                       "a) Tuyên truyền về xây dựng và phát triển Chính quyền điện tử, Chính\n"
                       "quyền số\n"
                       "\n"
                       "- Lộ trình và các nhiệm vụ.\n"
                       "2. Đối tượng\n"
                       "Cán bộ, công chức, viên chức và người lao động trong các cơ quan.\n"
                       "3. Hình thức\n";
    sohoa_doc *d = seg(text);
    CHECK(d != NULL);
    const sohoa_section *e = find(d->sections, d->nsections, 3);
    CHECK(e != NULL);
    CHECK_STR(e->label, "a");
    CHECK_STR(e->heading,
              "Tuyên truyền về xây dựng và phát triển Chính quyền điện tử, Chính quyền số");
    CHECK_STR(e->text, "- Lộ trình và các nhiệm vụ.");
    /* a short heading followed by its text is not joined */
    const sohoa_section *two = find(d->sections, d->nsections, 7);
    CHECK(two != NULL);
    CHECK_STR(two->heading, "Đối tượng");
    CHECK_STR(two->text, "Cán bộ, công chức, viên chức và người lao động trong các cơ quan.");
    sohoa_doc_free(d);
}

TEST(kinds_list_every_concept_in_order)
{
    const char *text = "I. ĐỐI TƯỢNG, NỘI DUNG, HÌNH THỨC, THỜI GIAN TUYÊN TRUYỀN\n"
                       "II. NHIỆM VỤ VÀ GIẢI PHÁP\n"
                       "III. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ\n"
                       "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025\n"
                       "V. ƯU ĐIỂM, TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN\n"
                       "VI. ĐỀ XUẤT, KIẾN NGHỊ\n"
                       "VII. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO\n"
                       "VIII. PHỤ LỤC\n";
    sohoa_doc *d = seg(text);
    CHECK(d != NULL);
    CHECK_STR(tree(d), "1.I:audience,content,forms,timeline@1 1.II:activities@2 1.III:results@3 "
                       "1.IV:tasks@4 1.V:strengths,weaknesses@5 1.VI:recommendations@6 "
                       "1.VII:leadership@7 1.VIII:other@8");
    sohoa_doc_free(d);
}

TEST(header_fields_of_a_plan)
{
    const char *text = "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                       "HUYỆN KIM THỦY Độc lập - Tự do - Hạnh phúc\n"
                       "Số: 86/KH-UBND Kim Thủy, ngày 12 tháng 01 năm 2022\n"
                       "KẾ HOẠCH\n"
                       "Tuyên truyền cải cách hành chính\n"
                       "giai đoạn 2021 - 2025\n"
                       "Căn cứ Quyết định số 2077/QĐ-UBND-HC ngày 19 tháng 10 năm 2021 của UBND tỉnh;\n"
                       "I. MỤC ĐÍCH\n"
                       "Nội dung.\n";
    sohoa_doc *d = seg(text);
    CHECK(d != NULL);
    CHECK_STR(d->doc_type, "ke_hoach");
    CHECK_STR(d->number, "86");
    CHECK_STR(d->symbol, "KH-UBND");
    CHECK_STR(d->issuer, "ỦY BAN NHÂN DÂN HUYỆN KIM THỦY");
    CHECK_STR(d->place, "Kim Thủy");
    CHECK_STR(d->date, "2022-01-12");
    CHECK_INT(d->year, 2022);
    CHECK_STR(d->title, "Tuyên truyền cải cách hành chính giai đoạn 2021 - 2025");
    CHECK_STR(d->period, "giai đoạn 2021 - 2025");
    CHECK_STR(tree(d), "0:basis@7 1.I:purpose@8");
    sohoa_doc_free(d);
}

TEST(undated_draft_gives_a_partial_date)
{
    sohoa_doc *d = seg("Số:      /BC-UBND\nLai Cách, ngày     tháng 6 năm 2023\nBÁO CÁO\nKết quả 6 tháng đầu năm 2023\n");
    CHECK(d != NULL);
    CHECK(d->number == NULL);
    CHECK_STR(d->symbol, "BC-UBND");
    CHECK(d->date == NULL);
    CHECK_STR(d->date_partial, "06/2023");
    CHECK_INT(d->year, 2023);
    CHECK_STR(d->doc_type, "bao_cao");
    CHECK_STR(d->period, "6 tháng đầu năm 2023");
    sohoa_doc_free(d);
}

TEST(official_letter_type_and_subject_from_vv)
{
    const char *text = "UBND TỈNH THANH GIANG\n"
                       "SỞ NỘI VỤ\n"
                       "Số: 1127/SNV-CCHC\n"
                       "V/v báo cáo công tác cải cách hành chính\n"
                       "Thanh Giang, ngày 29 tháng 5 năm 2023\n"
                       "Kính gửi: Ủy ban nhân dân các huyện.\n";
    sohoa_doc *d = seg(text);
    CHECK(d != NULL);
    CHECK_STR(d->doc_type, "cong_van");
    CHECK_STR(d->title, "báo cáo công tác cải cách hành chính");
    CHECK_STR(d->issuer, "SỞ NỘI VỤ"); /* the superior "UBND TỈNH ..." is left out */
    CHECK_STR(d->date, "2023-05-29");
    sohoa_doc_free(d);
}

TEST(references_across_lines_deduplicated_with_types)
{
    const char *text = "Thực hiện Chương trình hành động sb 08-CTr/TU ngay 18/11/2021 cua Thi ủy; "
                       "Quyét dinh s6 468/QD-TTg\n"
                       "ngay 27/3/2021; Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010; "
                       "Kế hoạch số 23a/KH-UBND; lại Chương trình hành động số 08-CTr/TU.\n";
    sohoa_doc *d = seg(text);
    CHECK(d != NULL);
    CHECK_INT(d->nrefs, 4);
    CHECK_STR(d->refs[0].type, "chuong_trinh");
    CHECK_STR(d->refs[0].number, "08-CTr/TU");
    CHECK_STR(d->refs[0].date, "2021-11-18");
    CHECK_STR(d->refs[1].type, "quyet_dinh");
    CHECK_STR(d->refs[1].number, "468/QĐ-TTg"); /* a Quyết định's code is QĐ, OCR or not */
    CHECK_STR(d->refs[1].date, "2021-03-27");
    CHECK_STR(d->refs[2].type, "nghi_dinh");
    CHECK_STR(d->refs[2].number, "63/2010/NĐ-CP");
    CHECK_STR(d->refs[2].date, "2010-06-08");
    CHECK_STR(d->refs[3].number, "23a/KH-UBND");
    CHECK(d->refs[3].date == NULL);
    sohoa_doc_free(d);
}

TEST(signature_recipients_and_issuer_from_tm)
{
    const char *text = "Thành phố Hồng Ngự, ngày 12 tháng 01 năm 2024\n"
                       "KẾ HOẠCH\n"
                       "Thử nghiệm\n"
                       "\n"
                       "I. TỔ CHỨC THỰC HIỆN\n"
                       "Phòng Nội vụ theo dõi.\n"
                       "Nơi nhận: TM. ỦY BAN NHÂN DÂN\n"
                       "- Sở Nội vụ; KT. CHỦ TỊCH\n"
                       "- UBND các xã, phường; PHÓ CHỦ TỊCH\n"
                       "- Lưu: VT.\n"
                       "\n"
                       "Nguyễn Văn An\n";
    sohoa_doc *d = seg(text);
    CHECK(d != NULL);
    CHECK_INT(d->nrecipients, 3);
    CHECK_STR(d->recipients[0], "Sở Nội vụ");
    CHECK_STR(d->recipients[1], "UBND các xã, phường");
    CHECK_STR(d->recipients[2], "Lưu: VT");
    CHECK_STR(d->signer_role, "PHÓ CHỦ TỊCH");
    CHECK_STR(d->signer, "Nguyễn Văn An");
    CHECK_STR(d->issuer, "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒNG NGỰ");
    /* the body stops at "Nơi nhận" */
    CHECK_INT(d->nsections, 1);
    CHECK_STR(d->sections[0].text, "Phòng Nội vụ theo dõi.");
    CHECK_INT(d->nagencies, 1);
    CHECK_STR(d->agencies[0], "Phòng Nội vụ");
    sohoa_doc_free(d);
}

/* Nothing dropped: heading lines plus section texts rebuild the body. */
static void collect(const sohoa_section *s, size_t n, const char *lines[], int nlines, int *seen)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i].level > 0 && s[i].line >= 1 && s[i].line <= nlines)
            seen[s[i].line - 1] = 1;
        for (int k = 0; k < nlines; k++)
            if (lines[k][0] && strstr(s[i].text, lines[k]))
                seen[k] = 1;
        collect(s[i].children, s[i].nchildren, lines, nlines, seen);
    }
}

TEST(section_texts_cover_the_whole_body)
{
    const char *lines[] = {"KẾ HOẠCH", "Thử nghiệm phủ kín", "", "Thực hiện chỉ đạo của tỉnh.",
                           "I. MỤC ĐÍCH", "Đoạn một.", "1. Mục đích cụ thể", "Đoạn hai.",
                           "a) Ý thứ nhất", "Đoạn ba.", "II. KINH PHÍ", "Đoạn bốn.",
                           "Trên đây là Kế hoạch./."};
    int n = (int)(sizeof lines / sizeof lines[0]);
    char text[1024] = "";
    for (int i = 0; i < n; i++) {
        strcat(text, lines[i]);
        strcat(text, "\n");
    }
    sohoa_doc *d = seg(text);
    CHECK(d != NULL);
    int seen[16] = {0};
    collect(d->sections, d->nsections, lines, n, seen);
    for (int k = 3; k < n; k++) /* lines 1-3 are the header (type, title, blank) */
        if (lines[k][0] && !seen[k]) {
            printf("  line %d not covered: %s\n", k + 1, lines[k]);
            CHECK(seen[k]);
        }
    CHECK_STR(tree(d), "0:basis@4 1.I:purpose@5 2.1:purpose@7 3.a:other@9 1.II:budget@11");
    CHECK_STR(d->sections[2].text, "Đoạn bốn.\nTrên đây là Kế hoạch./.");
    sohoa_doc_free(d);
}

TEST(segment_twice_replaces_earlier_results)
{
    sohoa_doc *d = seg("KẾ HOẠCH\nA\nI. MỤC ĐÍCH\nx\n");
    CHECK(d != NULL);
    free(d->text);
    d->text = strdup("BÁO CÁO\nB\n");
    sohoa_err e;
    CHECK_INT(sohoa_segment(rules(), d, &e), SOHOA_OK);
    CHECK_STR(d->doc_type, "bao_cao");
    CHECK_INT(d->nsections, 1);
    CHECK_STR(d->sections[0].kinds[0], "other");
    sohoa_doc_free(d);
}

TEST(digit_one_read_as_a_letter_starts_a_list)
{
    /* "i. Mục đích" (restoration turned 1 into i) is 1 where a list starts;
     * a later "l. ..." is not (the list expects 3). */
    sohoa_doc *d = seg("I. MỤC ĐÍCH, YÊU CẦU\ni. Mục đích\nx\n2. Yêu cầu\nl. Không phải\n");
    CHECK(d != NULL);
    CHECK_STR(tree(d), "1.I:purpose,requirements@1 2.1:purpose@2 2.2:requirements@4");
    CHECK_STR(d->sections[0].children[1].text, "l. Không phải");
    sohoa_doc_free(d);
}

TEST(d_and_dd_fold_alike_and_follow_the_sequence)
{
    /* A restorer may write "đ)" for d) and "d)" for đ): the sequence decides. */
    sohoa_doc *d = seg("I. NỘI DUNG\n1. Các mặt\na) Một\nb) Hai\nc) Ba\nđ) Bốn\nd) Năm\ne) Sáu\n");
    CHECK(d != NULL);
    const sohoa_section *one = find(d->sections, d->nsections, 2);
    CHECK(one != NULL);
    CHECK_INT(one->nchildren, 6);
    CHECK_STR(one->children[3].label, "d");
    CHECK_STR(one->children[4].label, "đ");
    CHECK_STR(one->children[5].label, "e");
    sohoa_doc_free(d);
}

TEST(decomposed_text_matches_and_keeps_its_marks)
{
    /* NFD: "KẾ HOẠCH" and "MỤC ĐÍCH" written with combining marks. */
    sohoa_doc *d = seg("KE\xcc\x82\xcc\x81 HOA\xcc\xa3" "CH\nThu\xcc\x9b\xcc\x89 nghie\xcc\xa3\xcc\x82m\n"
                       "I. MU\xcc\xa3" "C \xc4\x90I\xcc\x81" "CH\nx\n");
    CHECK(d != NULL);
    CHECK_STR(d->doc_type, "ke_hoach");
    CHECK_INT(d->nsections, 1);
    CHECK_STR(d->sections[0].kinds[0], "purpose");
    CHECK_STR(d->sections[0].heading, "MU\xcc\xa3" "C \xc4\x90I\xcc\x81" "CH");
    sohoa_doc_free(d);
}

TEST(articles_of_a_decision_are_top_level_sections)
{
    const char *text = "ỦY BAN NHÂN DÂN\nTỈNH THANH GIANG\nSố: 268/QĐ-UBND\n"
                       "QUYẾT ĐỊNH\nBan hành Kế hoạch cải cách hành chính năm 2023\n"
                       "Căn cứ Luật Tổ chức chính quyền địa phương;\n"
                       "QUYẾT ĐỊNH:\n"
                       "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính.\n"
                       "Điều 2. Quyết định có hiệu lực kể từ ngày ký.\n"
                       "Điều 3. Chánh Văn phòng và Thủ trưởng các cơ quan chịu trách nhiệm thi hành.\n";
    sohoa_doc *d = seg(text);
    CHECK(d != NULL);
    CHECK_STR(d->doc_type, "quyet_dinh");
    CHECK_STR(d->number, "268");
    CHECK_STR(d->symbol, "QĐ-UBND");
    CHECK_STR(d->title, "Ban hành Kế hoạch cải cách hành chính năm 2023");
    CHECK_STR(tree(d), "0:basis@6 1.1:other@8 1.2:other@9 1.3:other@10");
    CHECK_STR(d->sections[0].text, "Căn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:");
    sohoa_doc_free(d);
}

TEST(invalid_utf8_in_the_library_input_is_survived)
{
    /* The CLI rejects invalid UTF-8; a library caller may not. Bytes 0xFF and
     * a truncated sequence must neither crash nor hide the structure. */
    sohoa_doc *d = seg("KẾ HOẠCH\n\xff\xfe Thử\n\nI. MỤC ĐÍCH \xe1\xba\n1. Mục đích\nx\xc3\n");
    CHECK(d != NULL);
    CHECK_STR(d->doc_type, "ke_hoach");
    CHECK_STR(tree(d), "1.I:purpose@4 2.1:purpose@5");
    CHECK_STR(d->sections[0].children[0].text, "x\xc3");
    sohoa_doc_free(d);
}

TEST(own_type_is_one_of_the_document_types)
{
    /* "THÔNG TƯ" is a type we cite (refs say thong_tu) but not one of the
     * document types of DESIGN.md: the document is "other". */
    sohoa_doc *d = seg("THÔNG TƯ\nHướng dẫn một số điều\nĐiều 1. Phạm vi điều chỉnh\n");
    CHECK(d != NULL);
    CHECK_STR(d->doc_type, "other");
    CHECK_STR(d->title, "Hướng dẫn một số điều");
    sohoa_doc_free(d);
}
