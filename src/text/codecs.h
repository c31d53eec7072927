/* codecs.h — internal to src/text: the byte codecs behind sohoa_decode and
 * sohoa_encode (include/sohoa/encoding.h), one file each.
 *
 * Decoders append UTF-8 to a sohoa_buf and cannot fail: every legacy byte
 * means something (bytes a table leaves unmapped read as Windows-1252).
 * Encoders take NFC UTF-8 and return SOHOA_OK, or SOHOA_EINVAL with the
 * byte offset of the first character they cannot represent in *bad_at. */
#ifndef SOHOA_TEXT_CODECS_H
#define SOHOA_TEXT_CODECS_H

#include <stddef.h>
#include <stdint.h>

#include "sohoa/buf.h"
#include "sohoa/error.h"

void tcvn3_decode(const char *in, size_t n, sohoa_buf *out);
int tcvn3_encode(const char *utf8, size_t n, sohoa_buf *out, size_t *bad_at);

void vni_decode(const char *in, size_t n, sohoa_buf *out);
int vni_encode(const char *utf8, size_t n, sohoa_buf *out, size_t *bad_at);

void viqr_decode(const char *in, size_t n, sohoa_buf *out);
int viqr_encode(const char *utf8, size_t n, sohoa_buf *out, size_t *bad_at);

/* Windows-1258 through ICU's converter, then NFC. These can fail only if ICU
 * cannot open its converter (SOHOA_EUNSUPPORTED). */
int cp1258_decode(const char *in, size_t n, sohoa_buf *out, sohoa_err *err);
int cp1258_encode(const char *utf8, size_t n, sohoa_buf *out, size_t *bad_at,
                  sohoa_err *err);

/* The Unicode meaning of byte b (0x80..0xFF) in Windows-1252, used for the
 * bytes a legacy table leaves unmapped. */
uint32_t cp1252_byte(unsigned char b);

/* One NFC character of utf8 split into Vietnamese parts: base (lower case,
 * quality marks kept; see letters.h), tone and case. Returns the byte length
 * consumed (0 at end or on invalid UTF-8); *is_letter is 0 when the
 * character is not a Latin letter (then base holds its code point). */
size_t vn_split_char(const char *s, size_t n, uint32_t *base, int *tone, int *upper,
                     int *is_letter);

#endif
