/* skel_ctx.h — the skeleton-context model, private to src/restore.
 *
 * For a word position, how its forms are distributed given the printed
 * skeletons (sohoa_fold) around it, on both sides: s[i-1..i], s[i..i+1],
 * s[i-1..i+1] and s[i-2..i+2], counted on training text stripped on the
 * fly. Unlike the left-to-right syllable LM, it sees the right context
 * directly and never depends on an earlier decision. The decoder adds, per
 * candidate, weight × (log10 P(form | window) − log10 P(form | skeleton)):
 * what the window says beyond the skeleton's own distribution.
 *
 * Files: skel_ctx_key.c (token hashes, context keys), skel_ctx_train.c
 * (counting, pruning), skel_ctx_file.c (the binary file: writing, mapping,
 * validation), skel_ctx_score.c (the estimate and the per-candidate bonus
 * of a document). */
#ifndef SOHOA_RESTORE_SKEL_CTX_H
#define SOHOA_RESTORE_SKEL_CTX_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "sohoa/error.h"
#include "sohoa/lm.h"
#include "sohoa/skelctx.h"

struct rs_doc;

/* The context patterns, by the window offsets they read (centre = 0). */
enum {
    RS_SKC_U,  /* s[i] alone: the skeleton's own distribution */
    RS_SKC_L2, /* s[i-1], s[i] */
    RS_SKC_R2, /* s[i], s[i+1] */
    RS_SKC_W3, /* s[i-1..i+1] */
    RS_SKC_NPAT
};

/* ---- keys (skel_ctx_key.c) ------------------------------------------------ */

/* The hash of one token for the windows: a word core (word = 1) by its
 * skeleton, "<num>" for every core holding a digit (as the LM has it); a
 * punctuation character (word = 0) by itself. s is the core as printed or
 * in LM form: both give the same hash. */
uint64_t rs_skc_tok_hash(const char *s, size_t n, int word);

/* 1 when the word s[0..n) has a skeleton with several forms in lm: a word
 * whose form the trainers count in context. */
int rs_skc_open_word(const sohoa_lm *lm, const char *s, size_t n);
/* The hashes standing for "before the start" and "after the end" of a
 * sentence or context segment. */
uint64_t rs_skc_bos(void);
uint64_t rs_skc_eos(void);
/* The window hashes (rs_skc_tok_hash) of every token of d into h[0..ntok)
 * (skel_ctx_score.c; the window network reads them too). */
void rs_skc_doc_hashes(const struct rs_doc *d, uint64_t *h);
/* The 48-bit key of pattern p over the window win[0..3) (win[1] is the
 * centre): the pattern in the top 3 bits, a hash of the skeletons it
 * reads below. */
uint64_t rs_skc_key(int p, const uint64_t win[3]);
/* The keys of every pattern over win at once, key[p] = rs_skc_key(p, win):
 * one call a window, each pattern's loop unrolled (four calls were 1.5 %
 * of a restoration's instructions). */
void rs_skc_keys(const uint64_t win[3], uint64_t key[RS_SKC_NPAT]);

/* ---- the loaded model (skel_ctx_file.c) ------------------------------------ */

/* A context's counts: n pairs (form id, count), most frequent first. The
 * pairs point into the model's mapping. */
typedef struct rs_skc_list {
    const uint16_t *pair; /* pair[2k] = LM id, pair[2k+1] = count */
    uint32_t n, total;
} rs_skc_list;

typedef struct rs_skelctx rs_skelctx;

/* Map and validate path (magic, version, sizes, checksum, every list inside
 * the file, ids below the vocabulary size) and check that it was trained
 * with lm's vocabulary. Errors name the path. Close with rs_skc_close. */
int rs_skc_open(const char *path, const sohoa_lm *lm, rs_skelctx **out, sohoa_err *err);
/* The same for a file of another model in this container (the
 * wide-context model): errors call it WHAT ("wide-context model"). */
int rs_skc_open_as(const char *path, const char *what, const sohoa_lm *lm, rs_skelctx **out,
                   sohoa_err *err);
void rs_skc_close(rs_skelctx *m);
/* The counts of key (rs_skc_key): 1 and *out, or 0 when not stored. */
int rs_skc_find(const rs_skelctx *m, uint64_t key, rs_skc_list *out);
/* Ask for the memory rs_skc_find(m, key) will read first (its slot), so
 * that finds of several keys wait for memory once. */
void rs_skc_prefetch(const rs_skelctx *m, uint64_t key);

/* A 64-bit fingerprint of lm's vocabulary (every word in id order). */
uint64_t rs_skc_vocab_hash(const sohoa_lm *lm);

/* One stored context while writing: its key and its pairs. */
typedef struct rs_skc_entry {
    uint64_t key;
    uint32_t at, n; /* pairs at arena[at .. at + 2n) */
} rs_skc_entry;

/* Write a model: entries[0..nent) with their pairs in arena (uint16),
 * for lm's vocabulary. */
int rs_skc_write(const char *path, const sohoa_lm *lm, const rs_skc_entry *ent, size_t nent,
                 const uint16_t *arena, size_t narena, sohoa_err *err);

/* ---- training (skel_ctx_train.c) ------------------------------------------ */


/* ---- scoring (skel_ctx_score.c) -------------------------------------------- */

/* log10 P(id | window) − log10 P(id | centre skeleton), the chain
 * s[i] → (s[i-1..i] + s[i..i+1]) / 2 → s[i-1..i+1], each level
 * interpolated with the one below it (Witten-Bell). 0 when the
 * model has nothing on the centre skeleton. */
float rs_skc_score(const rs_skelctx *m, const uint64_t win[3], uint16_t id);

/* Add weight × rs_skc_score to bonus[k] for every candidate k of every word
 * of d (bonus indexed like d->cand), windows taken inside each context
 * segment of d. */
void rs_skc_doc_bonus(const struct rs_doc *d, const rs_skelctx *m, float weight, float *bonus);

/* log10 P(form | window) where the model has no view of it: nothing on
 * the centre skeleton, or a candidate of another skeleton than the word's. */
#define RS_SKC_NO_VIEW 1.0f

/* The same with a memo of window scores that serves every block of one
 * text (windows and candidates that come back reuse their scores): make
 * it with rs_skc_memo_new, free it with rs_skc_memo_free. Its memory is
 * bounded (it starts again past about 64 MB). When logp is not NULL it
 * gets, indexed like d->cand, log10 P(form | window) of every candidate
 * of a word with two or more, or RS_SKC_NO_VIEW; the other entries are
 * left alone. */
typedef struct rs_skc_memo rs_skc_memo;
rs_skc_memo *rs_skc_memo_new(void);
void rs_skc_memo_free(rs_skc_memo *wm);
/* How many windows it holds: a window is kept the second time it is met. */
size_t rs_skc_memo_entries(const rs_skc_memo *wm);
/* hash: the tokens' window hashes (rs_skc_doc_hashes; the restorer makes
 * them once a block for this model and the window network). */
void rs_skc_doc_bonus_memo(const struct rs_doc *d, const rs_skelctx *m, const uint64_t *hash,
                           float weight, float *bonus, float *logp, rs_skc_memo *wm);

#endif
