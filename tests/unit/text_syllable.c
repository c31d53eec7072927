/* text_syllable.c — tests of the syllable model (src/text/syllable.c):
 * every tone on every rhyme parses, strips and re-places in both styles, in
 * all three cases; invalid tokens are rejected; parts, format and forms. */
#include "harness.h"
#include "sohoa/syllable.h"

#include <stdio.h>

/* The Vietnamese vowels in the six tones (level grave acute hook tilde dot),
 * written here by hand, independently of the library's tables. */
static const char *const LOW[12][6] = {
    {"a", "à", "á", "ả", "ã", "ạ"}, {"ă", "ằ", "ắ", "ẳ", "ẵ", "ặ"},
    {"â", "ầ", "ấ", "ẩ", "ẫ", "ậ"}, {"e", "è", "é", "ẻ", "ẽ", "ẹ"},
    {"ê", "ề", "ế", "ể", "ễ", "ệ"}, {"i", "ì", "í", "ỉ", "ĩ", "ị"},
    {"o", "ò", "ó", "ỏ", "õ", "ọ"}, {"ô", "ồ", "ố", "ổ", "ỗ", "ộ"},
    {"ơ", "ờ", "ớ", "ở", "ỡ", "ợ"}, {"u", "ù", "ú", "ủ", "ũ", "ụ"},
    {"ư", "ừ", "ứ", "ử", "ữ", "ự"}, {"y", "ỳ", "ý", "ỷ", "ỹ", "ỵ"},
};
static const char *const UP[12][6] = {
    {"A", "À", "Á", "Ả", "Ã", "Ạ"}, {"Ă", "Ằ", "Ắ", "Ẳ", "Ẵ", "Ặ"},
    {"Â", "Ầ", "Ấ", "Ẩ", "Ẫ", "Ậ"}, {"E", "È", "É", "Ẻ", "Ẽ", "Ẹ"},
    {"Ê", "Ề", "Ế", "Ể", "Ễ", "Ệ"}, {"I", "Ì", "Í", "Ỉ", "Ĩ", "Ị"},
    {"O", "Ò", "Ó", "Ỏ", "Õ", "Ọ"}, {"Ô", "Ồ", "Ố", "Ổ", "Ỗ", "Ộ"},
    {"Ơ", "Ờ", "Ớ", "Ở", "Ỡ", "Ợ"}, {"U", "Ù", "Ú", "Ủ", "Ũ", "Ụ"},
    {"Ư", "Ừ", "Ứ", "Ử", "Ữ", "Ự"}, {"Y", "Ỳ", "Ý", "Ỷ", "Ỹ", "Ỵ"},
};
static const char SKEL[] = "aaaeeiooouuy";

/* One syllable per rhyme (and the special onsets): toneless, then with the
 * acute tone in the new style and in the old style. */
static const struct { const char *bare, *new_, *old; } SYL[] = {
    {"ca", "cá", "cá"}, {"bac", "bác", "bác"}, {"sach", "sách", "sách"},
    {"nam", "nám", "nám"}, {"ban", "bán", "bán"}, {"sang", "sáng", "sáng"},
    {"anh", "ánh", "ánh"}, {"đap", "đáp", "đáp"}, {"hat", "hát", "hát"},
    {"mai", "mái", "mái"}, {"cao", "cáo", "cáo"}, {"sau", "sáu", "sáu"},
    {"tay", "táy", "táy"}, {"ăn", "ắn", "ắn"}, {"băc", "bắc", "bắc"},
    {"đăk", "đắk", "đắk"}, {"lăm", "lắm", "lắm"}, {"năng", "nắng", "nắng"},
    {"găp", "gắp", "gắp"}, {"măt", "mắt", "mắt"}, {"tâm", "tấm", "tấm"},
    {"cân", "cấn", "cấn"}, {"tâng", "tấng", "tấng"}, {"lâp", "lấp", "lấp"},
    {"mât", "mất", "mất"}, {"bâc", "bấc", "bấc"}, {"câu", "cấu", "cấu"},
    {"mây", "mấy", "mấy"}, {"me", "mé", "mé"}, {"em", "ém", "ém"},
    {"xen", "xén", "xén"}, {"keng", "kéng", "kéng"}, {"ep", "ép", "ép"},
    {"xet", "xét", "xét"}, {"kec", "kéc", "kéc"}, {"keo", "kéo", "kéo"},
    {"kê", "kế", "kế"}, {"êch", "ếch", "ếch"}, {"têm", "tếm", "tếm"},
    {"bên", "bến", "bến"}, {"bênh", "bếnh", "bếnh"}, {"xêp", "xếp", "xếp"},
    {"hêt", "hết", "hết"}, {"kêu", "kếu", "kếu"}, {"ti", "tí", "tí"},
    {"thich", "thích", "thích"}, {"im", "ím", "ím"}, {"tin", "tín", "tín"},
    {"tinh", "tính", "tính"}, {"kip", "kíp", "kíp"}, {"it", "ít", "ít"},
    {"mia", "mía", "mía"}, {"chiu", "chíu", "chíu"}, {"tiêc", "tiếc", "tiếc"},
    {"kiêm", "kiếm", "kiếm"}, {"tiên", "tiến", "tiến"},
    {"tiêng", "tiếng", "tiếng"}, {"tiêp", "tiếp", "tiếp"},
    {"viêt", "viết", "viết"}, {"nhiêu", "nhiếu", "nhiếu"}, {"to", "tó", "tó"},
    {"hoc", "hóc", "hóc"}, {"om", "óm", "óm"}, {"con", "cón", "cón"},
    {"bong", "bóng", "bóng"}, {"hop", "hóp", "hóp"}, {"tot", "tót", "tót"},
    {"noi", "nói", "nói"}, {"xoong", "xoóng", "xoóng"}, {"mooc", "moóc", "moóc"},
    {"cô", "cố", "cố"}, {"ôc", "ốc", "ốc"}, {"tôm", "tốm", "tốm"},
    {"hôn", "hốn", "hốn"}, {"ông", "ống", "ống"}, {"hôp", "hốp", "hốp"},
    {"tôt", "tốt", "tốt"}, {"tôi", "tối", "tối"}, {"cơ", "cớ", "cớ"},
    {"cơm", "cớm", "cớm"}, {"sơn", "sớn", "sớn"}, {"lơp", "lớp", "lớp"},
    {"ơt", "ớt", "ớt"}, {"mơi", "mới", "mới"}, {"tu", "tú", "tú"},
    {"cuc", "cúc", "cúc"}, {"tum", "túm", "túm"}, {"bun", "bún", "bún"},
    {"cung", "cúng", "cúng"}, {"up", "úp", "úp"}, {"sut", "sút", "sút"},
    {"mua", "múa", "múa"}, {"tui", "túi", "túi"}, {"thuôc", "thuốc", "thuốc"},
    {"buôm", "buốm", "buốm"}, {"muôn", "muốn", "muốn"},
    {"muông", "muống", "muống"}, {"chuôt", "chuốt", "chuốt"},
    {"muôi", "muối", "muối"}, {"tư", "tứ", "tứ"}, {"mưc", "mức", "mức"},
    {"ưm", "ứm", "ứm"}, {"lưng", "lứng", "lứng"}, {"mưt", "mứt", "mứt"},
    {"mưa", "mứa", "mứa"}, {"gưi", "gứi", "gứi"}, {"cưu", "cứu", "cứu"},
    {"nươc", "nước", "nước"}, {"bươm", "bướm", "bướm"}, {"vươn", "vướn", "vướn"},
    {"trương", "trướng", "trướng"}, {"mươp", "mướp", "mướp"},
    {"vươt", "vướt", "vướt"}, {"ngươi", "ngưới", "ngưới"},
    {"rươu", "rướu", "rướu"}, {"ly", "lý", "lý"}, {"y", "ý", "ý"},
    {"yêm", "yếm", "yếm"}, {"yên", "yến", "yến"}, {"yêt", "yết", "yết"},
    {"yêu", "yếu", "yếu"},
    /* glide o: oa and oe move the tone by style when there is no coda */
    {"hoa", "hóa", "hoá"}, {"hoan", "hoán", "hoán"}, {"hoach", "hoách", "hoách"},
    {"hoang", "hoáng", "hoáng"}, {"hoanh", "hoánh", "hoánh"},
    {"hoat", "hoát", "hoát"}, {"ngoai", "ngoái", "ngoái"},
    {"xoay", "xoáy", "xoáy"}, {"hoăc", "hoắc", "hoắc"}, {"xoăn", "xoắn", "xoắn"},
    {"hoăng", "hoắng", "hoắng"}, {"ngoăt", "ngoắt", "ngoắt"},
    {"ngoăm", "ngoắm", "ngoắm"}, {"khoe", "khóe", "khoé"},
    {"hoen", "hoén", "hoén"}, {"khoet", "khoét", "khoét"},
    {"ngoeo", "ngoéo", "ngoéo"},
    /* glide u: uy moves by style; uê, uơ, uâ, uyê never */
    {"tuân", "tuấn", "tuấn"}, {"khuâng", "khuấng", "khuấng"},
    {"thuât", "thuất", "thuất"}, {"khuây", "khuấy", "khuấy"},
    {"huê", "huế", "huế"}, {"khuêch", "khuếch", "khuếch"},
    {"huênh", "huếnh", "huếnh"}, {"thuơ", "thuớ", "thuớ"},
    {"thuy", "thúy", "thuý"}, {"huych", "huých", "huých"},
    {"huynh", "huýnh", "huýnh"}, {"tuyp", "tuýp", "tuýp"},
    {"huyt", "huýt", "huýt"}, {"khuya", "khuýa", "khuýa"},
    {"khuyên", "khuyến", "khuyến"}, {"tuyêt", "tuyết", "tuyết"},
    {"khuyu", "khuýu", "khuýu"},
    /* qu and gi onsets: same in both styles */
    {"qua", "quá", "quá"}, {"quy", "quý", "quý"}, {"quyên", "quyến", "quyến"},
    {"quân", "quấn", "quấn"}, {"quôc", "quốc", "quốc"}, {"quê", "quế", "quế"}, {"quên", "quến", "quến"},
    {"quơ", "quớ", "quớ"}, {"quai", "quái", "quái"}, {"quay", "quáy", "quáy"},
    {"quen", "quén", "quén"}, {"qui", "quí", "quí"}, {"quyt", "quýt", "quýt"},
    {"quynh", "quýnh", "quýnh"}, {"gi", "gí", "gí"}, {"gin", "gín", "gín"},
    {"gia", "giá", "giá"}, {"giêng", "giếng", "giếng"}, {"giưa", "giứa", "giứa"},
    {"giương", "giướng", "giướng"}, {"giuôc", "giuốc", "giuốc"},
    {"gioi", "giói", "giói"}, {"nghiêng", "nghiếng", "nghiếng"},
    {"ghe", "ghé", "ghé"}, {"nghi", "nghí", "nghí"}, {"nghê", "nghế", "nghế"},
    {"đông", "đống", "đống"},
};
#define NSYL (sizeof SYL / sizeof SYL[0])

/* Replace the acute vowel of s by the same vowel in tone t; with upper 1 or
 * 2 also upper-case the first or every letter. */
static void make_form(const char *s, int t, int upper, char *out, size_t cap)
{
    size_t o = 0;
    int first = 1;
    while (*s) {
        const char *piece = NULL;
        size_t adv = 1;
        for (int r = 0; r < 12 && !piece; r++)
            for (int k = 0; k < 6 && !piece; k++) {
                size_t l = strlen(LOW[r][k]);
                if (strncmp(s, LOW[r][k], l) == 0) {
                    int want = k == 2 ? t : k;
                    int up = upper == 2 || (upper == 1 && first);
                    piece = up ? UP[r][want] : LOW[r][want];
                    adv = l;
                }
            }
        char one[3] = {0};
        if (!piece) {
            int up = upper == 2 || (upper == 1 && first);
            if (strncmp(s, "đ", 2) == 0) {
                piece = up ? "Đ" : "đ", adv = 2;
            } else {
                one[0] = up ? (char)(*s - 32) : *s;
                piece = one;
            }
        }
        size_t pl = strlen(piece);
        if (o + pl < cap) {
            memcpy(out + o, piece, pl);
            o += pl;
        }
        s += adv;
        first = 0;
    }
    out[o] = '\0';
}

/* ASCII skeleton of a lower-case form, by the hand rows above. */
static void skeleton(const char *s, char *out)
{
    size_t o = 0;
    while (*s) {
        int done = 0;
        for (int r = 0; r < 12 && !done; r++)
            for (int k = 0; k < 6 && !done; k++) {
                size_t l = strlen(LOW[r][k]);
                if (strncmp(s, LOW[r][k], l) == 0)
                    out[o++] = SKEL[r], s += l, done = 1;
            }
        if (!done && strncmp(s, "đ", 2) == 0)
            out[o++] = 'd', s += 2, done = 1;
        if (!done)
            out[o++] = *s++;
    }
    out[o] = '\0';
}

static int has_stop_coda(const char *bare)
{
    size_t n = strlen(bare);
    char last = bare[n - 1];
    return last == 'c' || last == 'p' || last == 't' || last == 'k' ||
           (n >= 2 && bare[n - 2] == 'c' && last == 'h');
}

struct find { const char *want; int found; };
static int find_form(const char *form, size_t len, void *ctx)
{
    struct find *f = ctx;
    if (strlen(f->want) == len && memcmp(form, f->want, len) == 0)
        f->found = 1;
    return 0;
}

TEST(every_tone_on_every_rhyme_round_trips)
{
    char nw[64], old[64], got[64], bare[64], sk[64];
    for (size_t i = 0; i < NSYL; i++) {
        for (int upper = 0; upper < 3; upper++) {
            make_form(SYL[i].bare, 0, upper, bare, sizeof bare);
            for (int t = 0; t < 6; t++) {
                make_form(SYL[i].new_, t, upper, nw, sizeof nw);
                make_form(SYL[i].old, t, upper, old, sizeof old);
                int ok = !has_stop_coda(SYL[i].bare) || t == SOHOA_TONE_ACUTE ||
                         t == SOHOA_TONE_DOT;
                if (!ok) {
                    if (sohoa_syl_valid(nw, strlen(nw)))
                        harness_fail(__FILE__, __LINE__, "%s valid (stop coda)", nw);
                    continue;
                }
                sohoa_syl p;
                if (!sohoa_syl_parse(nw, strlen(nw), &p) ||
                    !sohoa_syl_parse(old, strlen(old), NULL)) {
                    harness_fail(__FILE__, __LINE__, "%s / %s do not parse", nw, old);
                    continue;
                }
                CHECK_INT(p.tone, t);
                CHECK_INT(p.upper, (upper == 2 && strlen(SYL[i].bare) == 1) ? 1 : upper);
                CHECK(sohoa_syl_retone(old, strlen(old), SOHOA_TONE_NEW, got, sizeof got) > 0);
                CHECK_STR(got, nw);
                CHECK(sohoa_syl_retone(nw, strlen(nw), SOHOA_TONE_OLD, got, sizeof got) > 0);
                CHECK_STR(got, old);
                CHECK_INT(sohoa_syl_strip_tone(nw, strlen(nw), got, sizeof got), t);
                CHECK_STR(got, bare);
                CHECK(sohoa_syl_format(&p, SOHOA_TONE_OLD, got, sizeof got) > 0);
                CHECK_STR(got, old);
                if (upper == 0) {
                    struct find f = {nw, 0};
                    skeleton(nw, sk);
                    sohoa_syl_forms(sk, SOHOA_TONE_NEW, find_form, &f);
                    if (!f.found)
                        harness_fail(__FILE__, __LINE__, "forms(%s) lacks %s", sk, nw);
                    f.want = old, f.found = 0;
                    sohoa_syl_forms(sk, SOHOA_TONE_OLD, find_form, &f);
                    if (!f.found)
                        harness_fail(__FILE__, __LINE__, "forms(%s, old) lacks %s", sk, old);
                    char fold[64];
                    sohoa_fold(nw, strlen(nw), fold, sizeof fold);
                    CHECK_STR(fold, sk);
                }
            }
        }
    }
}

static void expect_retone(const char *in, int style, const char *want)
{
    char out[64];
    size_t n = sohoa_syl_retone(in, strlen(in), style, out, sizeof out);
    if (n == 0 || strcmp(out, want) != 0)
        harness_fail(__FILE__, __LINE__, "retone(%s, %d): got \"%s\", want \"%s\"", in,
                     style, n ? out : "(invalid)", want);
}

TEST(tone_placement_of_the_brief)
{
    expect_retone("hoà", SOHOA_TONE_NEW, "hòa");
    expect_retone("thuỷ", SOHOA_TONE_NEW, "thủy");
    expect_retone("khoẻ", SOHOA_TONE_NEW, "khỏe");
    expect_retone("hòa", SOHOA_TONE_OLD, "hoà");
    expect_retone("thủy", SOHOA_TONE_OLD, "thuỷ");
    expect_retone("khỏe", SOHOA_TONE_OLD, "khoẻ");
    static const char *const same[] = {"hoàn", "thuận", "khuyến", "quý", "quá",
                                       "giữa", "gìn", "người", "tiếng", "muốn",
                                       "truyền", "Quỳnh", "GIỮA", "hoạch"};
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        expect_retone(same[i], SOHOA_TONE_NEW, same[i]);
        expect_retone(same[i], SOHOA_TONE_OLD, same[i]);
    }
    expect_retone("HOÀ", SOHOA_TONE_NEW, "HÒA");
    expect_retone("Thuỷ", SOHOA_TONE_NEW, "Thủy");
}

TEST(invalid_tokens_are_rejected)
{
    static const char *const bad[] = {
        "xyz", "hoàà", "hòà", "2024", "UBND", "HĐND", "", "a1", "hello", "and",
        "hoc",   /* a stop coda needs the acute or dot tone */
        "hòc", "gìa", /* tone misplaced */
        "ghá", "ce", "ngi", "kh", "q", "qu", "tyên", "iên", "NHÂn", "nHân",
        "ưô", "hoă", "xã-hội", "Đ", "thuở!", "aaaaaaaaaaaaaaaaaaaa",
        "ma\xCC\x81\xCC\x80", /* two combining tones */
        "\xFF", "ñam", "wa", "fa", "hó\xCC\x81",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (sohoa_syl_valid(bad[i], strlen(bad[i])))
            harness_fail(__FILE__, __LINE__, "\"%s\" accepted", bad[i]);
    char out[16] = "untouched";
    CHECK_INT(sohoa_syl_retone("UBND", 4, SOHOA_TONE_NEW, out, sizeof out), 0);
    CHECK_STR(out, "untouched");
}

TEST(all_caps_and_capitalised_syllables_parse)
{
    sohoa_syl p;
    CHECK(sohoa_syl_parse("NHÂN", strlen("NHÂN"), &p));
    CHECK_INT(p.upper, 2);
    CHECK_STR(p.onset, "nh");
    CHECK_STR(p.nucleus, "â");
    CHECK_STR(p.coda, "n");
    CHECK(sohoa_syl_parse("Nhân", strlen("Nhân"), &p));
    CHECK_INT(p.upper, 1);
    CHECK(sohoa_syl_parse("ĐỒNG", strlen("ĐỒNG"), &p));
    CHECK_INT(p.upper, 2);
    CHECK_STR(p.onset, "đ");
    CHECK_INT(p.tone, SOHOA_TONE_GRAVE);
}

TEST(nfd_input_parses_like_nfc)
{
    sohoa_syl p;
    /* người: n g u+horn o+horn+grave i */
    const char *nfd = "ngu\xCC\x9Bo\xCC\x9B\xCC\x80i";
    CHECK(sohoa_syl_parse(nfd, strlen(nfd), &p));
    CHECK_STR(p.nucleus, "ươ");
    CHECK_INT(p.tone, SOHOA_TONE_GRAVE);
    char out[32];
    CHECK(sohoa_syl_retone(nfd, strlen(nfd), SOHOA_TONE_NEW, out, sizeof out) > 0);
    CHECK_STR(out, "người");
    /* ậ in NFD is a + dot below + circumflex (canonical order) */
    const char *nfd2 = "Ta\xCC\xA3\xCC\x82p";
    CHECK(sohoa_syl_parse(nfd2, strlen(nfd2), &p));
    CHECK_INT(p.tone, SOHOA_TONE_DOT);
    CHECK_STR(p.nucleus, "â");
    CHECK(sohoa_syl_retone(nfd2, strlen(nfd2), SOHOA_TONE_NEW, out, sizeof out) > 0);
    CHECK_STR(out, "Tập");
}

static void expect_parts(const char *s, const char *on, const char *gl, const char *nu,
                         const char *co, int tone)
{
    sohoa_syl p;
    if (!sohoa_syl_parse(s, strlen(s), &p)) {
        harness_fail(__FILE__, __LINE__, "%s does not parse", s);
        return;
    }
    if (strcmp(p.onset, on) || strcmp(p.glide, gl) || strcmp(p.nucleus, nu) ||
        strcmp(p.coda, co) || p.tone != tone)
        harness_fail(__FILE__, __LINE__, "%s: got %s|%s|%s|%s|%d, want %s|%s|%s|%s|%d", s,
                     p.onset, p.glide, p.nucleus, p.coda, p.tone, on, gl, nu, co, tone);
}

TEST(parts_of_syllables)
{
    expect_parts("người", "ng", "", "ươ", "i", SOHOA_TONE_GRAVE);
    expect_parts("hoàn", "h", "o", "a", "n", SOHOA_TONE_GRAVE);
    expect_parts("quý", "qu", "", "y", "", SOHOA_TONE_ACUTE);
    expect_parts("quyết", "qu", "", "yê", "t", SOHOA_TONE_ACUTE);
    expect_parts("giữa", "gi", "", "ưa", "", SOHOA_TONE_TILDE);
    expect_parts("gìn", "gi", "", "i", "n", SOHOA_TONE_GRAVE);
    expect_parts("giếng", "gi", "", "iê", "ng", SOHOA_TONE_ACUTE);
    expect_parts("khuyến", "kh", "u", "yê", "n", SOHOA_TONE_ACUTE);
    expect_parts("nghiêng", "ngh", "", "iê", "ng", SOHOA_TONE_LEVEL);
    expect_parts("ảnh", "", "", "a", "nh", SOHOA_TONE_HOOK);
    expect_parts("khuỷu", "kh", "u", "y", "u", SOHOA_TONE_HOOK);
    expect_parts("ngoặc", "ng", "o", "ă", "c", SOHOA_TONE_DOT);
}

TEST(format_composes_parts_in_each_style_and_case)
{
    sohoa_syl p = {"h", "o", "a", "", SOHOA_TONE_GRAVE, 0};
    char out[32];
    CHECK_INT(sohoa_syl_format(&p, SOHOA_TONE_NEW, out, sizeof out), strlen("hòa"));
    CHECK_STR(out, "hòa");
    CHECK(sohoa_syl_format(&p, SOHOA_TONE_OLD, out, sizeof out) > 0);
    CHECK_STR(out, "hoà");
    p.upper = 2;
    CHECK(sohoa_syl_format(&p, SOHOA_TONE_NEW, out, sizeof out) > 0);
    CHECK_STR(out, "HÒA");
    sohoa_syl g = {"gi", "", "i", "n", SOHOA_TONE_GRAVE, 1};
    CHECK(sohoa_syl_format(&g, SOHOA_TONE_NEW, out, sizeof out) > 0);
    CHECK_STR(out, "Gìn");
    /* truncation reports the needed length, as snprintf does */
    CHECK_INT(sohoa_syl_format(&g, SOHOA_TONE_NEW, out, 3), strlen("Gìn"));
    CHECK_STR(out, "G");
    sohoa_syl bad = {"x", "", "z", "", 0, 0};
    CHECK_INT(sohoa_syl_format(&bad, SOHOA_TONE_NEW, out, sizeof out), 0);
}

struct collect { char all[2048]; int n; };
static int collect(const char *form, size_t len, void *ctx)
{
    struct collect *c = ctx;
    strncat(c->all, form, len);
    strcat(c->all, " ");
    c->n++;
    return 0;
}
static int stop_at_first(const char *form, size_t len, void *ctx)
{
    (void)form, (void)len, (void)ctx;
    return 1;
}

TEST(forms_of_a_skeleton)
{
    struct collect c = {"", 0};
    CHECK_INT(sohoa_syl_forms("hoa", SOHOA_TONE_NEW, collect, &c), 6);
    CHECK_STR(c.all, "hoa hòa hóa hỏa hõa họa ");
    memset(&c, 0, sizeof c);
    CHECK_INT(sohoa_syl_forms("hoa", SOHOA_TONE_OLD, collect, &c), 6);
    CHECK_STR(c.all, "hoa hoà hoá hoả hoã hoạ ");
    memset(&c, 0, sizeof c);
    /* stop coda: only acute and dot; o and ô take c, ơ does not */
    CHECK_INT(sohoa_syl_forms("hoc", SOHOA_TONE_NEW, collect, &c), 4);
    CHECK(strstr(c.all, "hóc ") && strstr(c.all, "học ") && strstr(c.all, "hốc ") &&
          strstr(c.all, "hộc "));
    memset(&c, 0, sizeof c);
    CHECK_INT(sohoa_syl_forms("gi", SOHOA_TONE_NEW, collect, &c), 6);
    CHECK(strstr(c.all, "gì ") != NULL);
    memset(&c, 0, sizeof c);
    /* d/đ × (ươ or uô) × 6 tones */
    CHECK_INT(sohoa_syl_forms("duong", SOHOA_TONE_NEW, collect, &c), 24);
    CHECK(strstr(c.all, "đường ") && strstr(c.all, "dương ") && strstr(c.all, "đuống "));
    CHECK_INT(sohoa_syl_forms("xyz", SOHOA_TONE_NEW, collect, &c), 0);
    CHECK_INT(sohoa_syl_forms("Hoa", SOHOA_TONE_NEW, collect, &c), 0);
    CHECK_INT(sohoa_syl_forms("", SOHOA_TONE_NEW, collect, &c), 0);
    CHECK_INT(sohoa_syl_forms("hoa", SOHOA_TONE_NEW, stop_at_first, NULL), 1);
}

TEST(strip_tone_keeps_vowel_quality_and_case)
{
    char out[64];
    CHECK_INT(sohoa_syl_strip_tone("Người", strlen("Người"), out, sizeof out), SOHOA_TONE_GRAVE);
    CHECK_STR(out, "Ngươi");
    CHECK_INT(sohoa_syl_strip_tone("2024", 4, out, sizeof out), SOHOA_TONE_LEVEL);
    CHECK_STR(out, "2024");
    CHECK_INT(sohoa_syl_strip_tone("ĐỘC-LẬP", strlen("ĐỘC-LẬP"), out, sizeof out), SOHOA_TONE_DOT);
    CHECK_STR(out, "ĐÔC-LÂP");
    const char *nfd = "Vie\xCC\xA3\xCC\x82t";
    CHECK_INT(sohoa_syl_strip_tone(nfd, strlen(nfd), out, sizeof out), SOHOA_TONE_DOT);
    CHECK_STR(out, "Viêt");
}

TEST(every_onset_is_read_and_the_longest_wins)
{
    expect_parts("ba", "b", "", "a", "", SOHOA_TONE_LEVEL);
    expect_parts("cá", "c", "", "a", "", SOHOA_TONE_ACUTE);
    expect_parts("chợ", "ch", "", "ơ", "", SOHOA_TONE_DOT);
    expect_parts("da", "d", "", "a", "", SOHOA_TONE_LEVEL);
    expect_parts("đi", "đ", "", "i", "", SOHOA_TONE_LEVEL);
    expect_parts("gà", "g", "", "a", "", SOHOA_TONE_GRAVE);
    expect_parts("ghế", "gh", "", "ê", "", SOHOA_TONE_ACUTE);
    expect_parts("gia", "gi", "", "a", "", SOHOA_TONE_LEVEL);
    expect_parts("hè", "h", "", "e", "", SOHOA_TONE_GRAVE);
    expect_parts("kê", "k", "", "ê", "", SOHOA_TONE_LEVEL);
    expect_parts("khó", "kh", "", "o", "", SOHOA_TONE_ACUTE);
    expect_parts("lá", "l", "", "a", "", SOHOA_TONE_ACUTE);
    expect_parts("mẹ", "m", "", "e", "", SOHOA_TONE_DOT);
    expect_parts("nó", "n", "", "o", "", SOHOA_TONE_ACUTE);
    expect_parts("ngủ", "ng", "", "u", "", SOHOA_TONE_HOOK);
    expect_parts("nghỉ", "ngh", "", "i", "", SOHOA_TONE_HOOK);
    expect_parts("nhà", "nh", "", "a", "", SOHOA_TONE_GRAVE);
    expect_parts("pin", "p", "", "i", "n", SOHOA_TONE_LEVEL);
    expect_parts("phở", "ph", "", "ơ", "", SOHOA_TONE_HOOK);
    expect_parts("quê", "qu", "", "ê", "", SOHOA_TONE_LEVEL);
    expect_parts("rổ", "r", "", "ô", "", SOHOA_TONE_HOOK);
    expect_parts("sư", "s", "", "ư", "", SOHOA_TONE_LEVEL);
    expect_parts("tủ", "t", "", "u", "", SOHOA_TONE_HOOK);
    expect_parts("thư", "th", "", "ư", "", SOHOA_TONE_LEVEL);
    expect_parts("trà", "tr", "", "a", "", SOHOA_TONE_GRAVE);
    expect_parts("về", "v", "", "ê", "", SOHOA_TONE_GRAVE);
    expect_parts("xe", "x", "", "e", "", SOHOA_TONE_LEVEL);
    expect_parts("ăn", "", "", "ă", "n", SOHOA_TONE_LEVEL);
    expect_parts("ĐI", "đ", "", "i", "", SOHOA_TONE_LEVEL); /* capitals: the same parts */
    /* spelling rules of the onsets: q only as qu, gh and ngh only before
     * e ê i, c g ng never before them */
    const char *bad[] = {"qa", "gha", "ngha", "ngi", "ce", "ge", "fa", "wa", "za", "jo"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (sohoa_syl_valid(bad[i], strlen(bad[i])))
            harness_fail(__FILE__, __LINE__, "%s parsed as a syllable", bad[i]);
}
