/* text_hardening.c — regression tests for what fuzzing the text layer
 * found (fuzz/text_*.c; FUZZING.md). Each test names the harness and the
 * oracle that caught the bug; expectations are written by hand. */
#include "harness.h"
#include "sohoa/normalize.h"

#include <stdio.h>

/* The normalised text of s[0..n) in a static buffer ("(error)" on failure),
 * so that a failing CHECK leaks nothing. */
static const char *norm(const char *s, size_t n)
{
    static char out[256];
    sohoa_norm_result r;
    sohoa_err err = {0};
    if (sohoa_normalize(s, n, 0, &r, &err) != SOHOA_OK)
        return "(error)";
    snprintf(out, sizeof out, "%s", r.text);
    sohoa_norm_result_free(&r);
    return out;
}

/* fuzz/text_normalize (idempotence): a Greek capital alpha inside a Latin
 * word is a look-alike of A — but a zero-width space (U+200B) or a control
 * character between it and the Latin letters hid the word from the
 * look-alike pass, which deletes them in the same pass: "Α\u200Buy" came
 * out as Greek "Αuy", and only a second normalisation gave "Auy". */
TEST(lookalike_seen_across_deleted_characters)
{
    CHECK_STR(norm("\xCE\x91\xE2\x80\x8Buy ban", 11), "Auy ban"); /* Α U+200B uy ban */
    CHECK_STR(norm("\xCE\x91\x01uy ban", 9), "Auy ban");         /* Α U+0001 uy ban */
}

/* fuzz/text_normalize (idempotence): U+1FBE GREEK PROSGEGRAMMENI is not a
 * look-alike, but NFC turns it into U+03B9 Greek iota, which is one (of i)
 * inside a Latin word — and the look-alike pass ran before NFC only, so
 * "K\u1FBE" gave Greek "Kι" and a second normalisation "Ki". Now a second
 * character pass follows NFC. U+212A KELVIN SIGN becomes Latin K by NFC
 * alone (no second pass needed). */
TEST(lookalike_made_by_nfc)
{
    CHECK_STR(norm("K\xE1\xBE\xBE HOA", 8), "Ki HOA");          /* K U+1FBE HOA */
    CHECK_STR(norm("\xE2\x84\xAAi\xE1\xBE\xBEm", 8), "Kiim"); /* U+212A i U+1FBE m */
    CHECK_STR(norm("\xCE\xB1\xCE\xB9", 4), "\xCE\xB1\xCE\xB9"); /* Greek αι alone: kept */
}

/* fuzz/text_normalize (line count): an unterminated last line that trimming
 * leaves empty was counted in nlines but left no trace in the text: "a\n "
 * gave "a\n" with nlines 2, so a reader counting lines saw one line less
 * than the line map. Such a line is now dropped; a line that keeps text
 * after trimming, or an empty line that did end, still counts. */
TEST(blank_unterminated_last_line_is_dropped)
{
    sohoa_norm_result r;
    sohoa_err e = {0};
    CHECK_INT(sohoa_normalize("a\n ", 3, 0, &r, &e), SOHOA_OK);
    CHECK_STR(r.text, "a\n");
    CHECK_INT(r.nlines, 1);
    CHECK_INT(r.line_map[0], 1);
    sohoa_norm_result_free(&r);

    CHECK_INT(sohoa_normalize(" \t", 2, 0, &r, &e), SOHOA_OK); /* nothing but blanks */
    CHECK_STR(r.text, "");
    CHECK_INT(r.nlines, 0);
    sohoa_norm_result_free(&r);

    CHECK_INT(sohoa_normalize("a\r\n\t \r\n  ", 9, 0, &r, &e), SOHOA_OK);
    CHECK_STR(r.text, "a\n\n"); /* line 2 ended (kept, empty); line 3 did not */
    CHECK_INT(r.nlines, 2);
    CHECK_INT(r.line_map[1], 2);
    sohoa_norm_result_free(&r);

    CHECK_INT(sohoa_normalize("a\n b ", 5, 0, &r, &e), SOHOA_OK); /* text left: kept */
    CHECK_STR(r.text, "a\n b");
    CHECK_INT(r.nlines, 2);
    sohoa_norm_result_free(&r);

    CHECK_INT(sohoa_normalize("a\n ", 3, SOHOA_NORM_LAYOUT, &r, &e), SOHOA_OK);
    CHECK_INT(r.nlines, 1); /* layout: every line ends, blank last line gone */
    CHECK_STR(r.text, "a\n");
    sohoa_norm_result_free(&r);
}
