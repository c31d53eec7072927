/* nfc.h — internal to src/text: Unicode NFC composition of UTF-8 via ICU. */
#ifndef SOHOA_TEXT_NFC_H
#define SOHOA_TEXT_NFC_H

#include <stddef.h>
#include "sohoa/buf.h"

/* Append the NFC form of s[0..n) (valid UTF-8) to out. Text that is already
 * NFC (always the case for ASCII) is copied without a round trip through
 * UTF-16. */
void sohoa_norm_nfc_into(const char *s, size_t n, sohoa_buf *out);

#endif
