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
 * checks) holding three kinds of keys: the skeleton alone (RS_SKC_U, its
 * forms and counts), pairs (RS_WIDE_PAIR) and one parameters entry.
 * Files: wide_ctx_train.c (counting, pruning), wide_ctx_score.c (loading,
 * the votes and the per-candidate bonus of a document). */
#ifndef SOHOA_RESTORE_WIDE_CTX_H
#define SOHOA_RESTORE_WIDE_CTX_H

#include <stdint.h>
#include "skel_ctx.h"
#include "sohoa/widectx.h"

#define RS_WIDE_PAIR 1   /* key pattern of a (skeleton, context word) pair */
#define RS_WIDE_PARAMS 2 /* key pattern of the parameters entry */

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

/* The context hash of a word by its form: LM id (not UNK, not <num>), else
 * its skeleton hash s. */
uint64_t rs_wide_ctx_hash(uint16_t id, uint64_t s);

typedef struct rs_wide rs_wide;

/* Open and validate path against lm (rs_skc_open's checks plus the
 * parameters entry). Errors name the path. Close with rs_wide_close. */
int rs_wide_open(const char *path, const sohoa_lm *lm, rs_wide **out, sohoa_err *err);
void rs_wide_close(rs_wide *m);

struct rs_doc;
/* The vote of the contexts ctx[0..nctx) for LM id at skeleton hash s; 0
 * when s is no confusion set. */
float rs_wide_score(const rs_wide *m, uint64_t s, const uint64_t *ctx, size_t nctx, uint16_t id);
/* After a first decoding of d (tok[].chosen set): for every word with two
 * or more candidates whose context words (by the forms chosen) vote for
 * another candidate than the chosen one, add weight × the vote to bonus[k]
 * for each of its candidates k (bonus indexed like d->cand). */
void rs_wide_doc_bonus(const struct rs_doc *d, const rs_wide *m, float weight, float *bonus);

#endif
