/* word_memo.h — a per-document memo of the distinct strings of a text
 * (word cores): words repeat heavily (the stripped news of the bench, 74,000
 * words, has about 3,200 distinct cores), so what the token builder learns
 * about a string (its classification, its candidates) is worked out once
 * per document and looked up for every later occurrence. Private to
 * src/restore (tokens.c). */
#ifndef SOHOA_RESTORE_WORD_MEMO_H
#define SOHOA_RESTORE_WORD_MEMO_H

#include <stddef.h>
#include <stdint.h>

/* What is known about one string. The memo zero-fills a new entry and
 * sets the "not asked yet" fields to -1; the rest is the caller's to fill
 * and read (tokens.c documents each use). */
typedef struct rs_word_facts {
    /* the classification of the string (tokens.c: classify) */
    uint8_t has_digit, has_alpha, inner_punct, marked, valid, in_vocab, odd_only;
    uint8_t upper;       /* sohoa_case_pattern */
    uint16_t lm_id;      /* LM id of the string's LM form */
    int8_t known_skel;   /* its skeleton has model forms: 1, 0, or -1 not asked */
    int8_t compound;     /* a compound of syllables: 1, 0, or -1 not asked */
    int8_t glued;        /* syllables run together (glued.c; in garble, garble_glued.c):
                          * how many, 0, or -1 not asked */
    uint8_t glued_len[4]; /* their lengths (RS_GLUED_MAX of restore_int.h) */
    /* the token the string makes wherever its position does not matter */
    uint8_t done;        /* 1 once the fields below are filled */
    uint8_t kind;        /* enum rs_kind */
    uint8_t tok_upper;   /* the token's case pattern */
    uint8_t made_cands;  /* candidates were made (cand0 and ncand are set) */
    char *fixed_out;     /* replacement text (owned by the document), or NULL */
    size_t cand0, ncand; /* its candidates, in the document's array */
} rs_word_facts;

typedef struct rs_word_memo rs_word_memo;

/* A memo of strings of text (which must outlive it). Free with
 * rs_word_memo_free. */
rs_word_memo *rs_word_memo_new(const char *text);
void rs_word_memo_free(rs_word_memo *m);

/* The facts of the string text[off..off+n): the same entry for every
 * occurrence of the same bytes; *fresh is 1 when the string is new (its
 * entry then needs filling). The pointer stays valid until the memo is
 * freed. */
rs_word_facts *rs_word_memo_get(rs_word_memo *m, size_t off, size_t n, int *fresh);

/* Distinct strings in the memo. */
size_t rs_word_memo_size(const rs_word_memo *m);

#endif
