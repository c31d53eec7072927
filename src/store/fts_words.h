/* fts_words.h — the tokenizer's word rules, for the code that re-reads text
 * the way the "sohoa" tokenizer does (query_parse.c, query_match.c,
 * snippet.c). Implemented in fts_tokenizer.c. Private to src/store. */
#ifndef SOHOA_STORE_FTS_WORDS_H
#define SOHOA_STORE_FTS_WORDS_H

#include <stddef.h>

/* The next word of text[0..n) at or after *pos: a maximal run of letters,
 * digits and combining marks (invalid UTF-8 separates). Returns 1 with
 * [*start, *end) set and *pos moved past it, 0 when there is none. */
int fts_word_next(const char *text, size_t n, size_t *pos, size_t *start, size_t *end);

/* The exact form of the word w[0..n) without the index's marker byte:
 * lower case, NFC, tone mark placed in the new style. Returns a malloc'd
 * string (caller frees). */
char *fts_exact_form(const char *w, size_t n);

/* The skeleton of w[0..n) (sohoa_fold), malloc'd (caller frees). */
char *fts_skeleton(const char *w, size_t n);

#endif
