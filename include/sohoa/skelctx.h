/* skelctx.h — training the skeleton-context model of the restorer
 * (models/sohoa.skc): for each word position, the distribution of its forms
 * given the printed skeletons around it (one on each side), counted on
 * clean text stripped on the fly. The restorer loads it beside sohoa.lm
 * (restore.h) and adds its verdict to each candidate's score; see
 * src/restore/skel_ctx.h for the model itself.
 *
 * Ownership: nothing returned is owned by the caller. */
#ifndef SOHOA_SKELCTX_H
#define SOHOA_SKELCTX_H

#include <stddef.h>
#include <stdio.h>
#include "sohoa/error.h"
#include "sohoa/lm.h"

typedef struct sohoa_skelctx_train_opts {
    unsigned min_count; /* keep a context (other than the skeleton alone)
                           seen at least this often (default 2) */
    unsigned max_forms; /* keep at most this many forms per context (default 8) */
} sohoa_skelctx_train_opts;

void sohoa_skelctx_train_opts_init(sohoa_skelctx_train_opts *o);

/* Count the windows of every line of paths[0..npaths) (one sentence per
 * line) around the words whose skeleton has several forms in lm, and write
 * the model to out_path; it can only be used with lm (same vocabulary).
 * progress (may be NULL) receives one-line status messages. */
int sohoa_skelctx_train(const char *const *paths, size_t npaths, const sohoa_lm *lm,
                        const sohoa_skelctx_train_opts *o, const char *out_path,
                        FILE *progress, sohoa_err *err);

/* What a model file holds, once validated against lm: its size in bytes
 * and its contexts per pattern (skeleton alone, s[i-1..i], s[i..i+1],
 * s[i-1..i+1]). */
#define SOHOA_SKELCTX_PATTERNS 4
typedef struct sohoa_skelctx_info {
    size_t file_size;
    size_t contexts[SOHOA_SKELCTX_PATTERNS];
} sohoa_skelctx_info;

int sohoa_skelctx_stat(const char *path, const sohoa_lm *lm, sohoa_skelctx_info *out,
                       sohoa_err *err);

#endif
