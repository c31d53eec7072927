/* encoding.h — decoding the byte encodings Vietnamese archives hold into
 * UTF-8: UTF-8 (BOM or not), UTF-16 with BOM, TCVN3 (ABC), VNI-Windows,
 * VIQR, Windows-1258 (via ICU), and Unicode with combining marks.
 *
 * Detection is per document (on its first 64 KiB): each candidate decoding
 * is scored by how many of its words become valid Vietnamese syllables, and
 * it must turn at least half (or, from three on, 30%) of the words it gives
 * marks into syllables. Valid UTF-8 with any non-ASCII byte is never
 * re-decoded; pure ASCII is read as VIQR only when VIQR makes syllables of
 * it. Bytes that are not UTF-8 and read as no legacy encoding are an error.
 * TCVN3 has no toned capitals: they decode as lower case, and the encoder
 * writes them with the lower-case codes (as the .VnTimeH fonts did).
 * VIQR's word-final "." "?" "'" are tones or punctuation by context (see
 * src/text/viqr.c); our encoder escapes literal ones (RFC 1456), so its
 * output decodes exactly.
 * Ownership: *out is malloc'd and owned by the caller. Thread-safe. */
#ifndef SOHOA_ENCODING_H
#define SOHOA_ENCODING_H

#include <stddef.h>
#include "sohoa/error.h"

enum sohoa_encoding {
    SOHOA_ENC_AUTO = 0,
    SOHOA_ENC_UTF8,
    SOHOA_ENC_UTF16,   /* with BOM, either byte order */
    SOHOA_ENC_TCVN3,
    SOHOA_ENC_VNI,
    SOHOA_ENC_VIQR,
    SOHOA_ENC_CP1258
};

/* "utf-8", "utf-16", "tcvn3", "vni", "viqr", "cp1258", "auto". Static. */
const char *sohoa_encoding_name(int enc);
/* Parse a user-given name (case-insensitive; aliases such as "abc",
 * "windows-1258", "utf8"). Returns -1 if unknown. */
int sohoa_encoding_parse(const char *name);

enum { SOHOA_DECODE_LENIENT = 1 }; /* invalid bytes become U+FFFD, not an error */

/* Decode in[0..n) into NUL-terminated valid UTF-8 (legacy encodings come
 * out composed; UTF-8 input is returned as it is, NFD included, for
 * sohoa_normalize to compose). A UTF-8 BOM is dropped; UTF-16 needs a BOM.
 * enc = SOHOA_ENC_AUTO detects. *detected (if non-NULL) receives the encoding
 * used. Invalid input: SOHOA_EINVAL with the byte offset in the message,
 * unless SOHOA_DECODE_LENIENT. */
int sohoa_decode(const char *in, size_t n, int enc, unsigned flags,
                 char **out, size_t *outlen, int *detected, sohoa_err *err);

/* Encode UTF-8 text (composed to NFC first) into enc (UTF-16 is written
 * little-endian with a BOM). Characters the encoding cannot represent:
 * SOHOA_EINVAL naming the code point and its byte offset in the NFC text. */
int sohoa_encode(const char *utf8, size_t n, int enc, char **out, size_t *outlen,
                 sohoa_err *err);

#endif
