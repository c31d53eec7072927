/* win_net.h — the window network, private to src/restore.
 *
 * For a word position, a score for each form of its skeleton given the
 * printed tokens around it: the skeletons (rs_skc_tok_hash: punctuation as
 * itself, numbers as <num>) at offsets -3..+3, the word's own included.
 * Each offset p has a table of rows, one per token seen often enough in
 * training (row 0: any other token; rows 1 and 2: before the start and past
 * the end of the context segment). The hidden layer is
 *   h = max(0, b + sum_p T_p[row of the token at offset p])
 * (a one-hot input times a weight matrix is a row of it: no multiplication
 * for the input layer), and a form f scores z_f = c_f + o_f · h. The scores
 * of a skeleton's forms, softmaxed, give P(form | window).
 *
 * The decoder adds, per candidate, weight × (log10 P(form | window) −
 * log10 P(form | skeleton)), the second counted on the training text: what
 * the window says beyond the skeleton's own distribution. Both terms are
 * per form, so c_f holds the prior's share and the normalisation, the same
 * for every candidate of a word, is left out (a constant per word changes
 * no decision).
 *
 * Measured (notes/window-network.md): 95 % of the ambiguous words of the
 * held-out news right on its own (most frequent form 69 %); as a bonus on
 * the decoder's candidates, about 50-80 fewer errors of 1675 there.
 *
 * Files: win_net_train.c (the examples and the training), win_net_file.c
 * (the binary file: writing, mapping, validation), win_net_score.c (the
 * per-candidate bonus of a document).
 *
 * Ownership: a network from rs_winnet_open is the caller's, freed with
 * rs_winnet_close (the restorer holds one for its life); it is read-only
 * once open, so threads may share it. The bonus arrays are the caller's. */
#ifndef SOHOA_RESTORE_WIN_NET_H
#define SOHOA_RESTORE_WIN_NET_H

#include <stddef.h>
#include <stdint.h>
#include "sohoa/error.h"
#include "sohoa/lm.h"
#include "sohoa/winnet.h"

struct rs_doc;

#define RS_WIN_SIDE 3                    /* tokens read on each side */
#define RS_WIN_POS (2 * RS_WIN_SIDE + 1) /* offsets -3..+3 */
#define RS_WIN_OTHER 0                   /* the row of a token without its own */
#define RS_WIN_BOS 1                     /* before the segment's start */
#define RS_WIN_EOS 2                     /* past its end */
#define RS_WIN_FIRST 3                   /* the first token's own row */
#define RS_WIN_NONE 0xffffu              /* an LM id the network does not score */
#define RS_WIN_BLOCK 16                  /* hidden units come in blocks of 16 */

/* A network as the trainer hands it to the writer (float weights). */
typedef struct rs_winnet_weights {
    unsigned hidden;
    size_t nrows;          /* rows per offset, RS_WIN_FIRST + tokens */
    const uint64_t *key;   /* key[r - RS_WIN_FIRST]: the token hash of row r */
    const float *in;       /* [RS_WIN_POS][nrows][hidden] */
    const float *bias;     /* [hidden] */
    size_t nout;
    const uint16_t *out_of; /* per LM id, its output row or RS_WIN_NONE */
    const float *out;      /* [nout][hidden] */
    const float *out_bias; /* [nout]: c_f, the prior's share included */
} rs_winnet_weights;

/* Write w (quantised: win_net_file.c) to path, for lm. */
int rs_winnet_write(const char *path, const sohoa_lm *lm, const rs_winnet_weights *w,
                    sohoa_err *err);

typedef struct rs_winnet rs_winnet;

/* Map and validate path (magic, version, sizes, checksum, the rows' keys and
 * the output map) against lm. Errors name the path. */
int rs_winnet_open(const char *path, const sohoa_lm *lm, rs_winnet **out, sohoa_err *err);
void rs_winnet_close(rs_winnet *m);

/* The row of token hash key (rs_skc_tok_hash), RS_WIN_OTHER if none. */
uint32_t rs_winnet_row(const rs_winnet *m, uint64_t key);

/* The hidden layer for the rows of offsets -3..+3 into h (m's hidden units). */
void rs_winnet_hidden(const rs_winnet *m, const uint32_t row[RS_WIN_POS], float *h);
/* The score of LM id given hidden layer h, in log10 units; 0 and *ok = 0 when
 * the network does not score id. */
float rs_winnet_score(const rs_winnet *m, const float *h, uint16_t id, int *ok);
unsigned rs_winnet_hidden_size(const rs_winnet *m);

/* How the decoder uses the network (restore.c sets it). */
typedef struct rs_winnet_use {
    float weight; /* of a word's own verdict */
    float clamp;  /* a verdict is cut this far (log10) below the word's best */
    float vote;   /* of the mean verdict of the same skeleton nearby */
    unsigned reach;  /* "nearby": at most this many tokens away */
    unsigned least;  /* the vote counts from this many such words on */
} rs_winnet_use;

/* The use for a text of mode (enum rs_mode) whose domain part (the domain
 * model's share over restore.c's DOMAIN_FULL, capped at 1) is given:
 * weight 0 means the network is not consulted (text with sound marks,
 * administrative prose). */
void rs_winnet_use_for(int mode, float domain_part, rs_winnet_use *use);

/* Add to bonus[k] of every candidate k of every word of d with several
 * candidates left (lower case, or capitalised only as a sentence's first
 * word): weight × the network's verdict on it, less the best candidate's,
 * clamped; then, where `least` other words of the same skeleton stand
 * within `reach` tokens, vote × the mean of their verdicts on the same form
 * (a form pruned from one counts as clamped), less the best such mean: a
 * topic word the text repeats is read the same way throughout. */
/* hash: the tokens' window hashes (rs_skc_doc_hashes). */
void rs_winnet_doc_bonus(const struct rs_doc *d, const rs_winnet *m, const uint64_t *hash,
                         const rs_winnet_use *use, float *bonus);

#endif
