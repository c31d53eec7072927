/* widectx.h — training the wide-context model of the restorer
 * (models/sohoa.wide): for every skeleton with several frequent forms (a
 * confusion set such as nhưng/những, loài/loại), how often each form occurs
 * with each context word (by its form) within a few words either side,
 * beyond what the n-gram and the skeleton-context model see. Only pairs
 * with real evidence are kept (seen often enough, and a log-likelihood
 * ratio showing the context word shifts the skeleton's form distribution).
 * The restorer loads it beside sohoa.lm (restore.h) and, after a first
 * decoding, adds a naive-Bayes verdict of the context words (as decoded) per
 * candidate; see src/restore/wide_ctx.h for the model itself.
 *
 * Ownership: nothing returned is owned by the caller. */
#ifndef SOHOA_WIDECTX_H
#define SOHOA_WIDECTX_H

#include <stddef.h>
#include <stdio.h>
#include "sohoa/error.h"
#include "sohoa/lm.h"

typedef struct sohoa_widectx_train_opts {
    unsigned window;    /* context words within this distance, 2..30 (default 8) */
    unsigned gap;       /* ... and at least this distance, 1..window (default 1) */
    unsigned min_form;  /* a skeleton is a confusion set when two of its forms
                           are seen at least this often (default 10) */
    unsigned min_count; /* keep a (skeleton, context word) pair seen at least
                           this often (default 5) */
    double min_llr;     /* ... whose log-likelihood ratio statistic G2 against
                           the skeleton's own distribution is at least this
                           (default 10) */
} sohoa_widectx_train_opts;

void sohoa_widectx_train_opts_init(sohoa_widectx_train_opts *o);

/* Count every line of paths[0..npaths) (one sentence per line, stripped of
 * marks on the fly for the skeletons) and write the model to out_path; it
 * can only be used with lm (same vocabulary). progress (may be NULL)
 * receives one-line status messages. */
int sohoa_widectx_train(const char *const *paths, size_t npaths, const sohoa_lm *lm,
                        const sohoa_widectx_train_opts *o, const char *out_path,
                        FILE *progress, sohoa_err *err);

/* What a model file holds, once validated against lm. */
typedef struct sohoa_widectx_info {
    size_t file_size;
    size_t skeletons;  /* confusion sets */
    size_t pairs;      /* (skeleton, context word) pairs kept */
    unsigned window, gap;
} sohoa_widectx_info;

int sohoa_widectx_stat(const char *path, const sohoa_lm *lm, sohoa_widectx_info *out,
                       sohoa_err *err);

#endif
