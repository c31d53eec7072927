/* utf8.h — small, fast UTF-8 primitives (no ICU), used on hot paths.
 * Pure functions; no state. */
#ifndef SOHOA_UTF8_H
#define SOHOA_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode one code point at s[0..n). Returns its byte length (1..4) and sets
 * *cp; returns 0 for an invalid or truncated sequence (then *cp = U+FFFD). */
size_t sohoa_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Encode cp into out (at least 4 bytes). Returns the byte length. */
size_t sohoa_utf8_encode(uint32_t cp, char *out);

/* Byte offset of the first invalid sequence in s[0..n), or (size_t)-1 if the
 * whole buffer is valid UTF-8 (overlongs, surrogates and > U+10FFFF are
 * invalid). */
size_t sohoa_utf8_invalid_at(const char *s, size_t n);

#endif
