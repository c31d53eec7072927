/* json.h — the small jansson builders every layer that writes JSON shares
 * (the document of `sohoa process`, the ingest summary, the CLI's JSON
 * lines), so that an absent value and a list of strings look the same
 * everywhere: an absent string is null, a list is an array of strings, and
 * a string that is not valid UTF-8 is kept with U+FFFD for its bad bytes.
 *
 * Ownership: each function returns a new reference that the caller owns:
 * pass it to a jansson *_new call (json_object_set_new, json_array_append_new)
 * or release it with json_decref(). */
#ifndef SOHOA_JSON_H
#define SOHOA_JSON_H

#include <jansson.h>
#include <stddef.h>

/* s as a JSON string; bytes of s that are not valid UTF-8 become U+FFFD
 * (jansson would refuse the whole string). s must not be NULL. */
json_t *sohoa_json_string(const char *s);

/* s as a JSON string (as sohoa_json_string), or null when s is NULL. */
json_t *sohoa_json_string_or_null(const char *s);

/* The n strings of v, in order, as a JSON array (empty when n is 0). */
json_t *sohoa_json_string_array(char *const *v, size_t n);

/* A restored word's alternatives alts[0..3) up to the first NULL, as a JSON
 * array (empty when alts[0] is NULL). */
json_t *sohoa_json_alternatives(char *const alts[3]);

/* A restored word's fields, set on the object o in this order:
 * "original", "restored", "confidence" (rounded to three decimals) and
 * "alternatives" (alts[0..3) up to the first NULL). The one shape of
 * `restore --json` tokens and of the document's words to review. */
void sohoa_json_set_word(json_t *o, const char *original, const char *restored, double conf,
                         char *const alts[3]);

#endif
