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
