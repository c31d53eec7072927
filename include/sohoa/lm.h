/* lm.h — the syllable n-gram language model: training (modified Kneser-Ney),
 * the compact binary format (mmap'd, validated), ARPA in and out, and
 * queries. Used by the restorer (restore.h) and by `sohoa lm`.
 *
 * Tokens are lower-case NFC syllables with the tone mark placed new style
 * (hòa); numbers (and Roman numerals: "hạng II") become "<num>", each
 * punctuation character is a token of its own, a corpus line is one sentence
 * (<s> ... </s>). Word ids are 16-bit, so at most 65,536 words (the most frequent are kept, the rest are <unk>);
 * orders 1 to 4.
 *
 * Ownership: sohoa_lm owns its file mapping (sohoa_lm_close releases it).
 * A loaded model is read-only and may be shared by threads. */
#ifndef SOHOA_LM_H
#define SOHOA_LM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "sohoa/error.h"

#define SOHOA_LM_MAX_ORDER 4

enum { SOHOA_LM_UNK = 0, SOHOA_LM_BOS = 1, SOHOA_LM_EOS = 2, SOHOA_LM_NUM = 3 };

typedef struct sohoa_lm sohoa_lm;

typedef struct sohoa_lm_train_opts {
    int order;            /* 1..4 (default 4) */
    unsigned min_count[SOHOA_LM_MAX_ORDER + 1]; /* keep n-grams of order k seen
                                                  at least min_count[k] times
                                                  (default 1,1,1,1,2) */
    unsigned vocab_min;   /* words seen fewer times are <unk> (default 2) */
    const sohoa_lm *vocab_from; /* reuse this model's vocabulary (ids align),
                                   for a domain model; NULL = build one */
    const char *arpa_out; /* also write ARPA text here (NULL = no) */
} sohoa_lm_train_opts;

void sohoa_lm_train_opts_init(sohoa_lm_train_opts *o);

/* Train on the text files paths[0..npaths) and write the binary model to
 * out_path. progress (may be NULL) receives one-line status messages. */
int sohoa_lm_train(const char *const *paths, size_t npaths, const sohoa_lm_train_opts *o,
                   const char *out_path, FILE *progress, sohoa_err *err);

/* Read an ARPA file (orders ≤ 4, ≤ 65,536 words) and write it as a binary
 * model. (The binary model keeps hashed keys only, so ARPA text is written
 * at training time: sohoa_lm_train_opts.arpa_out.) */
int sohoa_lm_from_arpa(const char *arpa_path, const char *out_path, sohoa_err *err);

/* Map and validate a binary model (magic, version, sizes, checksum). A
 * missing, truncated or corrupt file gives SOHOA_EIO / SOHOA_EFORMAT with
 * the path in the message. */
int sohoa_lm_open(const char *path, sohoa_lm **out, sohoa_err *err);
void sohoa_lm_close(sohoa_lm *lm);

int sohoa_lm_order(const sohoa_lm *lm);
size_t sohoa_lm_vocab_size(const sohoa_lm *lm);
size_t sohoa_lm_count(const sohoa_lm *lm, int order); /* n-grams of that order */
size_t sohoa_lm_file_size(const sohoa_lm *lm);

/* Id of a token already in LM form (see above), or SOHOA_LM_UNK. */
uint16_t sohoa_lm_id(const sohoa_lm *lm, const char *tok, size_t n);
/* The word of an id (NUL-terminated, owned by the model). */
const char *sohoa_lm_word(const sohoa_lm *lm, uint16_t id);

/* log10 P(w | ctx[0..n)), ctx oldest first; only the last order-1 are used. */
float sohoa_lm_score(const sohoa_lm *lm, const uint16_t *ctx, int n, uint16_t w);

/* log10 P(the word is written capitalised | w) — or lower case when
 * capitalised is 0 — inside a sentence (after another word of the same
 * line), from the training text: names ("Lâm") score near 0 capitalised,
 * common words ("làm") far below. 0 when the model has no statistics. */
float sohoa_lm_case_score(const sohoa_lm *lm, uint16_t id, int capitalised);

/* sohoa_lm_score for m words w[0..m) after the same context, into out[]:
 * the context's backoff weights are looked up once. */
void sohoa_lm_score_many(const sohoa_lm *lm, const uint16_t *ctx, int n, const uint16_t *w,
                         size_t m, float *out);

/* The words whose ASCII skeleton (sohoa_fold) is skel[0..n), most frequent
 * first. Returns their count and points *ids into the model (owned by it). */
size_t sohoa_lm_skeleton_forms(const sohoa_lm *lm, const char *skel, size_t n,
                               const uint16_t **ids);
/* Visit every skeleton of the index (for approximate matching). */
size_t sohoa_lm_skeleton_count(const sohoa_lm *lm);
const char *sohoa_lm_skeleton_at(const sohoa_lm *lm, size_t i, size_t *len);

/* The LM form of a raw token core (letters/digits, no surrounding
 * punctuation): lower case, tone placed new style, "<num>" if it holds a
 * digit or is an upper-case Roman numeral (I, II, III, IV, VII ... XXI; not
 * V, VI, X, XI, which are also capitalised syllables). Writes at most cap bytes (NUL-terminated); returns the length. */
size_t sohoa_lm_form(const char *s, size_t n, char *out, size_t cap);

/* Perplexity of the model on a text file (lines as sentences); also the
 * number of tokens scored and the share of <unk>. */
int sohoa_lm_eval(const sohoa_lm *lm, const char *path, double *ppl, size_t *ntokens,
                  double *oov_rate, sohoa_err *err);

#endif
