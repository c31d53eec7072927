/* restore.h — restoring diacritics and correcting OCR errors.
 *
 * A noisy-channel decoder: for each token, candidate syllables (same
 * skeleton, plus what the OCR channel makes likely: s6→số, Pang→Đảng),
 * scored by a syllable n-gram language model (modified Kneser-Ney, compact
 * mmap'd binary), lexicons and OCR confidences; best path by beam search,
 * with context carried across single line breaks. Numbers, dates, codes,
 * URLs, abbreviations and foreign words are left alone. Exactly one output
 * line per input line.
 *
 * Ownership: sohoa_restorer owns its model mapping; free with
 * sohoa_restorer_free. A restorer is read-only once loaded and may be shared
 * by threads; per-call state lives in the call. */
#ifndef SOHOA_RESTORE_H
#define SOHOA_RESTORE_H

#include <stddef.h>
#include "sohoa/buf.h"
#include "sohoa/doc.h"
#include "sohoa/error.h"

typedef struct sohoa_restorer sohoa_restorer;

/* Load the model files from directory `models_dir` (models/ of the data
 * directory) and the lexicons from `dict_dir` (may be NULL). A missing,
 * truncated or corrupt model gives SOHOA_EFORMAT naming the path. A
 * SOHOA_NAMES_FILE beside the models (made by `sohoa lm adapt`) is a list
 * of one's own names, NAME[<TAB>...] a line: a run of capitalised words
 * spelling one of them without marks is given its spelling. */
#define SOHOA_NAMES_FILE "names.txt"
int sohoa_restorer_open(const char *models_dir, const char *dict_dir,
                        sohoa_restorer **out, sohoa_err *err);
void sohoa_restorer_free(sohoa_restorer *r);

/* Read the dictionaries of dict_dir for the language model of models_dir
 * and save them, as the restorer holds them, in the cache `out`
 * (models_dir/dictionaries.bin when NULL), written whole or not at all.
 * A restorer opened on models_dir reads the cache instead of the text
 * while dict_dir's files and the model's vocabulary stay the same; the
 * count of dictionary files read goes to *files when not NULL. */
int sohoa_dict_cache_write(const char *models_dir, const char *dict_dir, const char *out,
                           size_t *files, sohoa_err *err);

typedef struct sohoa_restore_opts {
    int tone_style;          /* SOHOA_TONE_NEW / SOHOA_TONE_OLD */
    int baseline;            /* 0 = full decoder; 1 = plain per-line trigram;
                                2 = most frequent form per skeleton */
    unsigned disable;        /* ablation bits, SOHOA_RESTORE_NO_* */
    double low_conf;         /* tokens below this confidence are flagged (0.5) */
    double deadline;         /* sohoa_now() (sohoa/clock.h) past which a call
                                stops with SOHOA_ELIMIT and returns nothing;
                                0 = none. Checked between stages and every few
                                thousand words, so it is overshot by a fraction
                                of a second at most. */
    /* Called on the restoring thread after each block of about a megabyte
     * that a text is restored in, the last call at its end: `done` of
     * `total` bytes are restored (of the text as the restorer reads it:
     * unmapped glyphs blanked, a little shorter than given). For a progress
     * display; NULL = none. */
    void (*progress)(size_t done, size_t total, void *ctx);
    void *progress_ctx;      /* handed to progress */
} sohoa_restore_opts;

enum {
    SOHOA_RESTORE_NO_CONTEXT = 1,   /* decode each line alone */
    SOHOA_RESTORE_NO_CACHE = 2,     /* no per-document cache */
    SOHOA_RESTORE_NO_LEXICON = 4,
    SOHOA_RESTORE_NO_DOMAIN = 8,
    SOHOA_RESTORE_NO_CHANNEL = 16,
    SOHOA_RESTORE_NO_CASE = 32,     /* no capitalisation evidence (names) */
    SOHOA_RESTORE_NO_SKELCTX = 64,  /* no skeleton-context model (models/sohoa.skc) */
    SOHOA_RESTORE_NO_WIDE = 128,    /* no wide-context model (models/sohoa.wide) */
    SOHOA_RESTORE_NO_WINNET = 256   /* no window network (models/sohoa.win) */
};

void sohoa_restore_opts_init(sohoa_restore_opts *o);

/* One token of the output, for --json and review. */
typedef struct sohoa_rtoken {
    char *orig;        /* as in the input */
    char *restored;    /* as in the output */
    float conf;        /* in [0,1] */
    char *alts[3];     /* best alternatives, NULL-padded */
    int line;          /* 1-based input line */
} sohoa_rtoken;

typedef struct sohoa_restore_result {
    char *text;              /* NFC UTF-8, same number of lines as the input */
    size_t len;
    sohoa_rtoken *tokens;    /* as requested (want_tokens), in order */
    size_t ntokens;
    sohoa_restore_stats stats;
} sohoa_restore_result;

/* Which tokens sohoa_restore_text lists in out->tokens. */
enum {
    SOHOA_TOKENS_NONE = 0,
    SOHOA_TOKENS_ALL = 1,      /* every token but punctuation */
    SOHOA_TOKENS_LOW_CONF = 2  /* the words under o->low_conf (stats.low_conf of them) */
};

/* Restore text[0..n) (valid UTF-8, normalised). tok_conf, if non-NULL, gives
 * an OCR confidence in [0,1] for each whitespace-separated token of the input
 * in order (ntok_conf of them): low-confidence words are freer to change.
 * want_tokens is a SOHOA_TOKENS_* value. */
int sohoa_restore_text(const sohoa_restorer *r, const sohoa_restore_opts *o,
                       const char *text, size_t n,
                       const float *tok_conf, size_t ntok_conf,
                       int want_tokens, sohoa_restore_result *out, sohoa_err *err);
void sohoa_restore_result_free(sohoa_restore_result *res);

/* Restore d->text in place (or d->raw if d->text is NULL), using the OCR word
 * confidences of d->words when present; fills d->restore, and d->review
 * with the words under o->low_conf (their lines those of d->text; pages
 * left 0). */
int sohoa_restore_doc(const sohoa_restorer *r, const sohoa_restore_opts *o,
                      sohoa_doc *d, sohoa_err *err);

#endif
