/* winnet.h — training the window network of the restorer (models/sohoa.win):
 * a small neural network that reads the printed skeletons of the three
 * tokens on each side of a word, and the word's own, and scores the forms
 * of its skeleton. Trained on clean text stripped on the fly. The restorer
 * loads it beside sohoa.lm (restore.h) and adds its verdict to each
 * candidate's score; see src/restore/win_net.h for the model itself.
 *
 * Ownership: nothing returned is owned by the caller. */
#ifndef SOHOA_WINNET_H
#define SOHOA_WINNET_H

#include <stddef.h>
#include <stdio.h>
#include "sohoa/error.h"
#include "sohoa/lm.h"

typedef struct sohoa_winnet_train_opts {
    unsigned hidden;    /* hidden units (default 128; 16..1024, a multiple of 16) */
    unsigned epochs;    /* passes over the training words (default 5) */
    double rate;        /* learning rate at the start, falling linearly (0.03) */
    unsigned min_count; /* a token gets its own input row when seen this often
                           (default 5); rarer ones share one */
    unsigned seed;      /* initial weights and the order of examples (1) */
} sohoa_winnet_train_opts;

void sohoa_winnet_train_opts_init(sohoa_winnet_train_opts *o);

/* Train on every line of paths[0..npaths) (one sentence per line), at each
 * word whose skeleton has several forms in lm, and write the network to
 * out_path; it can only be used with lm (same vocabulary). One thread,
 * deterministic for given options. progress (may be NULL) receives
 * one-line status messages. */
int sohoa_winnet_train(const char *const *paths, size_t npaths, const sohoa_lm *lm,
                       const sohoa_winnet_train_opts *o, const char *out_path, FILE *progress,
                       sohoa_err *err);

/* What a network file holds, once validated against lm. */
typedef struct sohoa_winnet_info {
    size_t file_size;
    unsigned hidden, window; /* hidden units; tokens read on each side */
    size_t rows;             /* input rows per position (tokens with a row + 3) */
    size_t outputs;          /* forms it scores */
} sohoa_winnet_info;

int sohoa_winnet_stat(const char *path, const sohoa_lm *lm, sohoa_winnet_info *out,
                      sohoa_err *err);

#endif
