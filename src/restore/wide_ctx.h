/* wide_ctx.h — the wide-context model, private to src/restore.
 *
 * Classic context-word disambiguation (naive Bayes): for a word whose
 * skeleton is a confusion set, each context word c (by its form: its LM id,
 * as a first decoding chose it) at distance gap..window inside the context
 * segment, counted once, votes
 *   log10 P(c | form) − log10 P(c | skeleton), clamped to ±0.5,
 * with P(c | form) = (n(form, c) + M · P(c | skeleton)) / (n(form) + M),
 * M = 4. Only pairs (skeleton, c) kept by training have a vote; the others
 * say nothing. Where the votes prefer another candidate than the one
 * chosen, the second (cache) decoding adds weight × the sum per candidate.
 * Measured on the dev split (models without the dev lines): contexts by
 * skeleton before the first decoding gained half as much (news) or nothing
 * (wiki); an unclamped sum or weights 0.2+ broke as much as they fixed.
 *
 * The file is a skeleton-context file (skel_ctx_file.c: same layout and
 * checks) holding three kinds of keys, with the terms of the vote computed
 * at training and quantised (RS_WIDE_Q steps per log10 unit), so that
 * decoding sums integers and takes no logarithm:
 *   the skeleton alone (RS_SKC_U): per form seen, (id, round(−a·Q)) with
 *     a = clamp(log10(M / (n(form) + M))), the term of a context word
 *     never seen with the form;
 *   pairs (RS_WIDE_PAIR): per form seen with the context word,
 *     (id, round((term − a)·Q) + RS_WIDE_ZERO), forms whose term is a left
 *     out; the vote of a form over the pairs found is then
 *     nfound·a + Σ (term − a);
 *   one parameters entry: (window, gap), (RS_WIDE_FORMAT, Q).
 * Files: wide_ctx_train.c (counting, pruning, the terms), wide_ctx_score.c
 * (loading, the votes and the per-candidate bonus of a document). */
#ifndef SOHOA_RESTORE_WIDE_CTX_H
#define SOHOA_RESTORE_WIDE_CTX_H

#include <stdint.h>
#include "skel_ctx.h"
#include "sohoa/widectx.h"

#define RS_WIDE_PAIR 1   /* key pattern of a (skeleton, context word) pair */
#define RS_WIDE_PARAMS 2 /* key pattern of the parameters entry */
#define RS_WIDE_FORMAT 2 /* the parameters entry's format number (1: counts) */
#define RS_WIDE_Q 30000  /* quantisation steps per log10 unit */
#define RS_WIDE_ZERO 32768 /* the stored value of a difference of 0 */
#define RS_WIDE_SMOOTH 4.0 /* M: pseudo-counts of the skeleton's context rate */
#define RS_WIDE_CLAMP 0.5  /* one context word moves a form by at most this (log10) */

/* The key of the confusion set of skeleton hash s (rs_skc_tok_hash). */
uint64_t rs_wide_skel_key(uint64_t s);
/* The key of the pair (skeleton hash s, context hash c). */
uint64_t rs_wide_pair_key(uint64_t s, uint64_t c);
/* The key of the parameters entry: one list of one pair (window, gap). */
uint64_t rs_wide_params_key(void);

/* The context hashes of position i among h[from..to) (token hashes, 0 for
 * punctuation): the distinct nonzero h[j] with gap <= |j - i| <= window,
 * other than h[i]. Writes at most 2·window to out; returns how many. */
size_t rs_wide_contexts(const uint64_t *h, size_t from, size_t to, size_t i, unsigned window,
                        unsigned gap, uint64_t *out);

/* The context hash of a word by its form: its LM id, unless that is UNK or
 * num_id (the LM id of <num>); then its skeleton hash s (which a caller
 * that knows the id is neither may leave 0). */
uint64_t rs_wide_ctx_hash(uint16_t id, uint16_t num_id, uint64_t s);

typedef struct rs_wide rs_wide;

/* Open and validate path against lm (rs_skc_open's checks plus the
 * parameters entry). Errors name the path. Close with rs_wide_close. */
int rs_wide_open(const char *path, const sohoa_lm *lm, rs_wide **out, sohoa_err *err);
void rs_wide_close(rs_wide *m);

struct rs_doc;
/* The vote of the contexts ctx[0..nctx) for LM id at skeleton hash s; 0
 * when s is no confusion set. */
float rs_wide_score(const rs_wide *m, uint64_t s, const uint64_t *ctx, size_t nctx, uint16_t id);
/* How the votes become bonuses (all log10). */
typedef struct rs_wide_use {
    float weight;   /* the bonus of a candidate is weight × its vote */
    float reach;    /* words whose chosen candidate leads every other by
                       more than this (posterior ratio) are not looked up */
    float min_gain; /* a word gets bonuses only when the vote of another
                       candidate c exceeds the chosen one's by more than
                       this, */
    float slack;    /* ... and by more than the chosen one's lead over c
                       in the first pass less this */
} rs_wide_use;

/* After a first decoding of d (tok[].chosen and the posteriors set): for
 * every word with two or more candidates within u's reach whose context
 * words (by the forms chosen) vote for another candidate than the chosen
 * one by enough to overturn it (u's min_gain and slack), add weight × the
 * vote to bonus[k] for each of its candidates k (bonus indexed like
 * d->cand). Words the first pass
 * was sure of are not looked up and words where the context agrees get no
 * bonus, so the cache pass (decoder.c) decodes again only around the words
 * the vote may overturn. */
void rs_wide_doc_bonus(const struct rs_doc *d, const rs_wide *m, const rs_wide_use *u,
                       float *bonus);

#endif
