/* garble_marks.c — punctuation an English OCR model prints where the page
 * has none, in Vietnamese garble (tokens.c drops it before decoding):
 *
 *  - a mark standing for the space between two words: "cudc.tan" (cuộc
 *    tấn), "hién'co" (hiện cơ), "chua-xac" (chưa xác). Marks that belong
 *    to the text stay: numbers and decimals (3.5, 1,5), codes (86/KH-UBND,
 *    QĐ-UBND, S-400), abbreviations (TP.HCM, v.v), URLs and e-mail
 *    addresses, apostrophes inside a syllable where the OCR put a horn
 *    (tru’éc for trước), hyphenated words the model knows (cát-sê);
 *  - an opening quote ‘ glued to a word that no closing quote follows on
 *    its line ("‘dung" for dụng);
 *  - a whitespace word of one or two specks read as marks (". | ; , ° ©"
 *    between or after words), unless it stands between two numbers
 *    ("2021 — 2025", "8 : 30" are kept); hyphens and dashes that
 *    list or join, '/', '+', brackets, quotes and ellipses stay.
 *
 * On the OCR of pages rendered from training text, a '.' or apostrophe
 * between two such runs was noise 14 and 27 times out of 14 and 27; a '-'
 * 17 times out of 29, the rest hyphenated loanwords (vắc-xin); a lone ‘
 * 19 times out of 19; a lone '.' 92 times out of 96, a lone '|' ';' ','
 * ':' '~' '©' '°' '*' every time (123), an em dash 30 times out of 33,
 * where a lone '-' was noise 48 times out of 390. A comma between words was noise 1 time in 3 and a
 * full stop or colon after a word before a lower-case one 17 in 973 and
 * 13 in 172: those are left alone. */
#include "restore_int.h"

#include <stdio.h>
#include <string.h>
#include <unicode/uchar.h>
#include "sohoa/syllable.h"
#include "sohoa/utf8.h"

#define RUN_MIN 2 /* letters of a run that may be a syllable: 2..7 (nghiêng) */
#define RUN_MAX 7

/* The letters of s[0..n) if it is a run that may be a (garbled) syllable:
 * RUN_MIN..RUN_MAX letters, a vowel among them, lower case or capitalised
 * (cap allows the capital); else 0. */
static size_t syllable_like(const char *s, size_t n, int cap)
{
    size_t letters = 0;
    int vowel = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(s + i, n - i, &cp);
        if (l == 0 || !u_isalpha((UChar32)cp))
            return 0;
        if (u_isupper((UChar32)cp) && !(cap && i == 0))
            return 0;
        char f[8];
        size_t fl = sohoa_fold(s + i, l, f, sizeof f);
        if (fl == 1 && strchr("aeiouy", f[0]))
            vowel = 1;
        letters++;
        i += l;
    }
    return vowel && letters >= RUN_MIN && letters <= RUN_MAX ? letters : 0;
}

/* 1 if the run s[0..n) starts with a consonant letter. */
static int consonant_first(const char *s, size_t n)
{
    char f[8];
    uint32_t cp;
    size_t l = sohoa_utf8_decode(s, n, &cp);
    if (l == 0)
        return 0;
    size_t fl = sohoa_fold(s, l, f, sizeof f);
    return fl == 1 && f[0] >= 'a' && f[0] <= 'z' && !strchr("aeiouy", f[0]);
}

/* Top-level domains that end a host name rather than a word. */
static int domain_suffix(const char *s, size_t n)
{
    static const char *const TLD[] = {"com", "net", "org", "gov", "edu", "info", "biz"};
    for (size_t i = 0; i < sizeof TLD / sizeof TLD[0]; i++)
        if (strlen(TLD[i]) == n && memcmp(TLD[i], s, n) == 0)
            return 1;
    return 0;
}

#define WHOLE_FORMS 8 /* forms of each run tried */

/* 1 if lm knows a hyphenated word whose runs have the skeletons of
 * s[0..at) and s[at+ml..n) (cát-sê, mô-đun: one word, not two). */
static int known_whole(const sohoa_lm *lm, const char *s, size_t n, size_t at, size_t ml)
{
    char fa[32], fb[32];
    size_t la = sohoa_fold(s, at, fa, sizeof fa), lb = sohoa_fold(s + at + ml, n - at - ml, fb, sizeof fb);
    if (la >= sizeof fa || lb >= sizeof fb)
        return 0;
    const uint16_t *ia, *ib;
    size_t na = sohoa_lm_skeleton_forms(lm, fa, la, &ia), nb = sohoa_lm_skeleton_forms(lm, fb, lb, &ib);
    for (size_t i = 0; i < na && i < WHOLE_FORMS; i++)
        for (size_t j = 0; j < nb && j < WHOLE_FORMS; j++) {
            char w[128];
            int m = snprintf(w, sizeof w, "%s-%s", sohoa_lm_word(lm, ia[i]), sohoa_lm_word(lm, ib[j]));
            if (m > 0 && (size_t)m < sizeof w && sohoa_lm_id(lm, w, (size_t)m) != SOHOA_LM_UNK)
                return 1;
        }
    return 0;
}

int rs_garble_split(const sohoa_lm *lm, const char *s, size_t n, size_t *cut, size_t *mlen)
{
    /* the one non-letter */
    size_t at = n, ml = 0;
    uint32_t mark = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(s + i, n - i, &cp);
        if (l == 0)
            return 0;
        if (!u_isalpha((UChar32)cp)) {
            if (at < n)
                return 0;
            at = i;
            ml = l;
            mark = cp;
        }
        i += l;
    }
    if (at == n || at == 0 || at + ml == n)
        return 0;
    const char *right = s + at + ml;
    size_t rn = n - at - ml;
    int apostrophe = mark == '\'' || mark == 0x2019 || mark == 0x2018;
    if (!(mark == '.' || mark == '-' || apostrophe))
        return 0;
    /* the right run may be capitalised only after a hyphen (chtrc-Sri) */
    if (!syllable_like(s, at, 1) || !syllable_like(right, rn, mark == '-'))
        return 0;
    if (mark == '.' && domain_suffix(right, rn))
        return 0;
    /* an apostrophe before a vowel is a horn: tru’éc, bu’éc */
    if (apostrophe && !consonant_first(right, rn))
        return 0;
    if (mark == '-' && known_whole(lm, s, n, at, ml))
        return 0;
    *cut = at;
    *mlen = ml;
    return 1;
}

int rs_garble_stray_quote(const char *s, size_t n, size_t at)
{
    static const char OPEN[] = "\xE2\x80\x98", CLOSE[] = "\xE2\x80\x99"; /* ‘ ’ */
    if (at + 3 >= n || memcmp(s + at, OPEN, 3) != 0)
        return 0;
    uint32_t cp;
    if (sohoa_utf8_decode(s + at + 3, n - at - 3, &cp) == 0 || !u_isalpha((UChar32)cp))
        return 0;
    /* a closing quote ending a word further on the line makes it a quote */
    for (size_t i = at + 3; i + 3 <= n && s[i] != '\n'; i++) {
        if (memcmp(s + i, CLOSE, 3) != 0)
            continue;
        size_t j = i + 3;
        while (j < n && strchr(".,;:!?)\"", s[j]) && s[j] != '\0')
            j++;
        if (j == n || s[j] == ' ' || s[j] == '\n' || s[j] == '\t' || s[j] == '\r')
            return 0;
    }
    return 1;
}

/* 1 if cp is a mark an English OCR prints for a speck when it stands
 * alone. */
static int speck_mark(uint32_t cp)
{
    return cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == '|' || cp == '~' ||
           cp == '*' || cp == '_' || cp == '\'' || cp == 0xB0 /* ° */ || cp == 0xA9 /* © */ ||
           cp == 0xAB /* « */ || cp == 0xBB /* » */ || cp == 0x2018 || cp == 0x2019 ||
           cp == 0x2014 /* — */;
}

/* 1 if text[off..off+n) stands between two numbers on its line: a range or
 * a time ("2021 — 2025", "8 : 30"), not a speck. */
static int between_numbers(const char *text, size_t len, size_t off, size_t n)
{
    size_t i = off, j = off + n;
    while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t'))
        i--;
    while (j < len && (text[j] == ' ' || text[j] == '\t'))
        j++;
    return i > 0 && j < len && text[i - 1] >= '0' && text[i - 1] <= '9' && text[j] >= '0' &&
           text[j] <= '9';
}

int rs_garble_speck_word(const char *text, size_t len, size_t off, size_t n)
{
    const char *s = text + off;
    size_t marks = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(s + i, n - i, &cp);
        if (l == 0 || !speck_mark(cp))
            return 0;
        marks++;
        i += l;
    }
    return marks >= 1 && marks <= 2 && !between_numbers(text, len, off, n);
}
