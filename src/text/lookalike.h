/* lookalike.h — internal to src/text: the character pass of normalisation. */
#ifndef SOHOA_TEXT_LOOKALIKE_H
#define SOHOA_TEXT_LOOKALIKE_H

#include <stddef.h>
#include "sohoa/buf.h"

/* Append s[0..n) (valid UTF-8) to out with look-alike code points unified:
 * Ð/ð (U+00D0/U+00F0) and Ɖ become Đ/đ; Cyrillic and Greek letters that
 * look Latin become Latin inside words that hold a Latin letter; typographic
 * quotes become ' and ", dashes and minus become -, the ellipsis becomes
 * "...", no-break and other spaces become a space, zero-width characters,
 * the soft hyphen (except at a line end, where it becomes -) and control
 * characters other than \t \n \r \f are dropped. When nothing changes,
 * nothing is appended and *changed is 0 (use s as it is). Returns 1 if the
 * result is surely NFC already (no combining marks or other scripts seen),
 * 0 if it should go through sohoa_norm_nfc_into. */
int sohoa_norm_chars(const char *s, size_t n, sohoa_buf *out, int *changed);

#endif
