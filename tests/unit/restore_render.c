/* restore_render.c — the output spellings of word forms (render_memo.c):
 * case pattern and tone style applied, the same text for a form asked
 * again, the printed core kept for a form too long to case. */
#include "harness.h"

#include "../../src/restore/restore_int.h"
#include <stdio.h>
#include "sohoa/syllable.h"

TEST(render_cases_and_retones)
{
    rs_render_memo *m = rs_render_memo_new(SOHOA_TONE_NEW);
    size_t n = 0;
    const char *hoa = "hoà"; /* old style in, new style out */
    const char *s = rs_render_memo_get(m, hoa, 0, &n);
    CHECK(s && strcmp(s, "hòa") == 0 && n == strlen("hòa"));
    s = rs_render_memo_get(m, hoa, 1, &n);
    CHECK(s && strcmp(s, "Hòa") == 0);
    s = rs_render_memo_get(m, hoa, 2, &n);
    CHECK(s && strcmp(s, "HÒA") == 0 && n == strlen("HÒA"));
    /* asked again: the same spelling */
    s = rs_render_memo_get(m, hoa, 1, &n);
    CHECK(s && strcmp(s, "Hòa") == 0);
    /* not a syllable: cased, tones left alone */
    s = rs_render_memo_get(m, "abc1", 2, &n);
    CHECK(s && strcmp(s, "ABC1") == 0 && n == 4);
    rs_render_memo_free(m);

    m = rs_render_memo_new(SOHOA_TONE_OLD);
    s = rs_render_memo_get(m, "thủy", 1, &n);
    CHECK(s && strcmp(s, "Thuỷ") == 0);
    rs_render_memo_free(m);
}

/* A cased form of 256 bytes or more does not fit: NULL, the printed core
 * stays; a thousand distinct forms all keep their own spelling. */
TEST(render_long_and_many_forms)
{
    rs_render_memo *m = rs_render_memo_new(SOHOA_TONE_NEW);
    char long_form[300];
    memset(long_form, 'a', 299);
    long_form[299] = '\0';
    size_t n = 0;
    CHECK(rs_render_memo_get(m, long_form, 0, &n) == NULL);
    CHECK(rs_render_memo_get(m, long_form, 0, &n) == NULL);
    static char forms[1000][16];
    for (int i = 0; i < 1000; i++)
        snprintf(forms[i], sizeof forms[i], "x%d", i);
    int bad = 0;
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 1000; i++) {
            char want[16];
            snprintf(want, sizeof want, "X%d", i);
            const char *s = rs_render_memo_get(m, forms[i], 1, &n);
            bad += !s || strcmp(s, want) != 0 || n != strlen(want);
        }
    CHECK_INT(bad, 0);
    rs_render_memo_free(m);
}
