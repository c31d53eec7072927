/* win_net_train.c — training the window network (win_net.h): every line of
 * the corpus (a sentence) is cut into LM tokens and each token hashed by
 * its skeleton, as the skeleton-context model does (skel_ctx_key.c); the
 * tokens seen min_count times get an input row; every word whose skeleton
 * has several forms in the LM is an example, its LM id the answer. Plain
 * stochastic gradient descent on the softmax over the skeleton's forms,
 * one thread, examples in an order drawn from the seed, so that one corpus
 * and one set of options always give the same file. */
#include "win_net.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "lm_internal.h"
#include "skel_ctx.h"
#include "sohoa/buf.h"
#include "sohoa/syllable.h"
#include "sohoa/textfile.h"

void sohoa_winnet_train_opts_init(sohoa_winnet_train_opts *o)
{
    o->hidden = 128;
    o->epochs = 5;
    o->rate = 0.03;
    o->min_count = 5;
    o->seed = 1;
}

#define LINE_END 0 /* in the token sequence: a line ends (no hash is 0) */

/* The corpus as one sequence of token hashes, lines apart by LINE_END, and
 * per token its LM id when it is an example (else RS_WIN_NONE). */
typedef struct corpus_toks {
    const sohoa_lm *lm;
    uint64_t *hash;
    uint16_t *id;
    size_t n, cap;
} corpus_toks;

static void push(corpus_toks *c, uint64_t h, uint16_t id)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 1 << 16;
        c->hash = sohoa_xrealloc(c->hash, c->cap * sizeof *c->hash);
        c->id = sohoa_xrealloc(c->id, c->cap * sizeof *c->id);
    }
    c->hash[c->n] = h;
    c->id[c->n] = id;
    c->n++;
}

static void on_token(const char *tok, size_t n, int word, int cap, void *ctx)
{
    (void)cap;
    corpus_toks *c = ctx;
    uint64_t h = rs_skc_tok_hash(tok, n, word);
    uint16_t id = RS_WIN_NONE;
    if (word && rs_skc_open_word(c->lm, tok, n))
        id = sohoa_lm_id(c->lm, tok, n);
    push(c, h == LINE_END ? 1 : h, id);
}

static void on_line(void *ctx, const char *line, size_t n, size_t lineno)
{
    (void)lineno;
    corpus_toks *c = ctx;
    rs_lm_tokens(line, n, on_token, c);
    push(c, LINE_END, RS_WIN_NONE);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* The tokens seen min_count times, by hash ascending, into *keys. */
static size_t choose_rows(const corpus_toks *c, unsigned min_count, uint64_t **keys)
{
    uint64_t *all = sohoa_xmalloc((c->n ? c->n : 1) * sizeof *all);
    size_t m = 0;
    for (size_t i = 0; i < c->n; i++)
        if (c->hash[i] != LINE_END)
            all[m++] = c->hash[i];
    qsort(all, m, sizeof *all, cmp_u64);
    size_t k = 0;
    for (size_t i = 0; i < m;) {
        size_t j = i;
        while (j < m && all[j] == all[i])
            j++;
        if (j - i >= min_count && k + RS_WIN_FIRST < RS_WIN_NONE)
            all[k++] = all[i];
        i = j;
    }
    *keys = all;
    return k;
}

static uint32_t row_of(const uint64_t *keys, size_t n, uint64_t h)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (keys[mid] < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && keys[lo] == h ? (uint32_t)(lo + RS_WIN_FIRST) : RS_WIN_OTHER;
}

/* The output side: a row per LM id whose skeleton has several forms, and
 * per row the skeleton's forms (its softmax group) as output rows. */
typedef struct outputs {
    uint16_t *out_of;   /* per LM id */
    size_t nout;
    uint32_t *group_of; /* per output row: where its group starts in member */
    uint32_t *member;   /* groups: a count, then that many output rows */
    size_t nmember;
    unsigned largest;
} outputs;

static void make_outputs(const sohoa_lm *lm, outputs *o)
{
    size_t V = sohoa_lm_vocab_size(lm);
    o->out_of = sohoa_xmalloc(RS_MAX_VOCAB * sizeof *o->out_of);
    for (size_t i = 0; i < RS_MAX_VOCAB; i++)
        o->out_of[i] = RS_WIN_NONE;
    o->group_of = sohoa_xmalloc(V * sizeof *o->group_of);
    o->member = sohoa_xmalloc(2 * V * sizeof *o->member);
    o->nout = o->nmember = 0;
    o->largest = 0;
    for (size_t w = 0; w < V; w++) {
        if (o->out_of[w] != RS_WIN_NONE)
            continue;
        const char *s = sohoa_lm_word(lm, (uint16_t)w);
        char f[256];
        size_t m = sohoa_fold(s, strlen(s), f, sizeof f);
        const uint16_t *ids;
        size_t nf = m < sizeof f ? sohoa_lm_skeleton_forms(lm, f, m, &ids) : 0;
        if (nf < 2 || o->nout + nf >= RS_WIN_NONE)
            continue;
        size_t at = o->nmember++;
        unsigned size = 0;
        for (size_t k = 0; k < nf; k++) {
            if (o->out_of[ids[k]] != RS_WIN_NONE)
                continue;
            o->out_of[ids[k]] = (uint16_t)o->nout;
            o->group_of[o->nout] = (uint32_t)at;
            o->member[o->nmember++] = (uint32_t)o->nout++;
            size++;
        }
        o->member[at] = size;
        if (size > o->largest)
            o->largest = size;
    }
}

static void free_outputs(outputs *o)
{
    free(o->out_of);
    free(o->group_of);
    free(o->member);
}

/* xorshift64*: the trainer's only randomness, from the seed. */
static uint64_t next_rand(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545F4914F6CDD1DULL;
}

static float uniform(uint64_t *s, float half)
{
    return ((float)(next_rand(s) >> 40) / 16777216.0f * 2.0f - 1.0f) * half;
}

/* The rows of the window around token i of the sequence: past a line's
 * edge, the start or end row for the rest of that side. */
static void window_rows(const uint32_t *row, const uint64_t *hash, size_t i, uint32_t *w)
{
    w[RS_WIN_SIDE] = row[i];
    int stop = 0;
    for (int k = 1; k <= RS_WIN_SIDE; k++) {
        stop = stop || hash[i - (size_t)k] == LINE_END;
        w[RS_WIN_SIDE - k] = stop ? RS_WIN_BOS : row[i - (size_t)k];
    }
    stop = 0;
    for (int k = 1; k <= RS_WIN_SIDE; k++) {
        stop = stop || hash[i + (size_t)k] == LINE_END;
        w[RS_WIN_SIDE + k] = stop ? RS_WIN_EOS : row[i + (size_t)k];
    }
}

typedef struct net {
    unsigned H;
    size_t nrows;
    float *in, *bias, *out, *out_bias;
} net;

/* One step of gradient descent on example i (answer output row gold). */
static void step(net *nt, const outputs *o, const uint32_t *w, uint32_t gold, float lr,
                 float *a, float *gh, float *z)
{
    unsigned H = nt->H;
    memcpy(a, nt->bias, H * sizeof *a);
    for (int p = 0; p < RS_WIN_POS; p++) {
        const float *t = nt->in + ((size_t)p * nt->nrows + w[p]) * H;
        for (unsigned j = 0; j < H; j++)
            a[j] += t[j];
    }
    for (unsigned j = 0; j < H; j++)
        a[j] = a[j] > 0 ? a[j] : 0; /* a is h from here */
    const uint32_t *g = o->member + o->group_of[gold];
    unsigned n = g[0];
    float mx = -INFINITY;
    for (unsigned q = 0; q < n; q++) {
        const float *v = nt->out + (size_t)g[1 + q] * H;
        float s = nt->out_bias[g[1 + q]];
        for (unsigned j = 0; j < H; j++)
            s += v[j] * a[j];
        z[q] = s;
        if (s > mx)
            mx = s;
    }
    float sum = 0;
    for (unsigned q = 0; q < n; q++)
        sum += z[q] = expf(z[q] - mx);
    memset(gh, 0, H * sizeof *gh);
    for (unsigned q = 0; q < n; q++) {
        uint32_t r = g[1 + q];
        float d = z[q] / sum - (r == gold);
        float *v = nt->out + (size_t)r * H;
        for (unsigned j = 0; j < H; j++) {
            gh[j] += d * v[j];
            v[j] -= lr * d * a[j];
        }
        nt->out_bias[r] -= lr * d;
    }
    for (unsigned j = 0; j < H; j++) {
        if (a[j] <= 0)
            gh[j] = 0;
        nt->bias[j] -= lr * gh[j];
    }
    for (int p = 0; p < RS_WIN_POS; p++) {
        float *t = nt->in + ((size_t)p * nt->nrows + w[p]) * H;
        for (unsigned j = 0; j < H; j++)
            t[j] -= lr * gh[j];
    }
}

/* c_f less the log of the form's share of its skeleton in the examples
 * (add-half): the decoder's bonus is P(form | window) over that share. */
static void fold_prior(net *nt, const outputs *o, const corpus_toks *c)
{
    double *n = sohoa_xcalloc(o->nout ? o->nout : 1, sizeof *n);
    for (size_t i = 0; i < c->n; i++)
        if (c->id[i] != RS_WIN_NONE && o->out_of[c->id[i]] != RS_WIN_NONE)
            n[o->out_of[c->id[i]]]++;
    for (size_t r = 0; r < o->nout; r++) {
        const uint32_t *g = o->member + o->group_of[r];
        double total = 0;
        for (unsigned q = 0; q < g[0]; q++)
            total += n[g[1 + q]] + 0.5;
        nt->out_bias[r] -= (float)log((n[r] + 0.5) / total);
    }
    free(n);
}

int sohoa_winnet_train(const char *const *paths, size_t npaths, const sohoa_lm *lm,
                       const sohoa_winnet_train_opts *o, const char *out_path, FILE *progress,
                       sohoa_err *err)
{
    if (o->hidden < RS_WIN_BLOCK || o->hidden > 1024 || o->hidden % RS_WIN_BLOCK || o->epochs < 1 ||
        o->epochs > 100 || !(o->rate > 0 && o->rate <= 1) || o->min_count < 1)
        return sohoa_err_set(err, SOHOA_EINVAL,
                             "window network: hidden must be 16..1024 and a multiple of 16, "
                             "epochs 1..100, rate in (0, 1], min-count at least 1");
    corpus_toks c;
    memset(&c, 0, sizeof c);
    c.lm = lm;
    push(&c, LINE_END, RS_WIN_NONE);
    int rc = SOHOA_OK;
    for (size_t i = 0; i < npaths && rc == SOHOA_OK; i++)
        rc = sohoa_text_lines(paths[i], 0, on_line, &c, err);
    outputs out;
    make_outputs(lm, &out);
    /* the examples: words of several forms the network has an output for */
    size_t nex = 0;
    uint32_t *ex = NULL;
    if (rc == SOHOA_OK) {
        ex = sohoa_xmalloc((c.n ? c.n : 1) * sizeof *ex);
        for (size_t i = 0; i < c.n; i++)
            if (c.id[i] != RS_WIN_NONE && out.out_of[c.id[i]] != RS_WIN_NONE)
                ex[nex++] = (uint32_t)i;
        if (nex == 0)
            rc = sohoa_err_set(err, SOHOA_EINVAL,
                               "the training text holds no word with several forms");
        else if (c.n > UINT32_MAX)
            rc = sohoa_err_set(err, SOHOA_ELIMIT, "window network: over 4 G tokens of text");
    }
    uint64_t *keys = NULL;
    uint32_t *row = NULL;
    net nt;
    memset(&nt, 0, sizeof nt);
    if (rc == SOHOA_OK) {
        size_t nkeys = choose_rows(&c, o->min_count, &keys);
        row = sohoa_xmalloc(c.n * sizeof *row);
        for (size_t i = 0; i < c.n; i++)
            row[i] = c.hash[i] == LINE_END ? RS_WIN_OTHER : row_of(keys, nkeys, c.hash[i]);
        nt.H = o->hidden;
        nt.nrows = nkeys + RS_WIN_FIRST;
        nt.in = sohoa_xmalloc((size_t)RS_WIN_POS * nt.nrows * nt.H * sizeof *nt.in);
        nt.bias = sohoa_xcalloc(nt.H, sizeof *nt.bias);
        nt.out = sohoa_xcalloc(out.nout * nt.H, sizeof *nt.out);
        nt.out_bias = sohoa_xcalloc(out.nout, sizeof *nt.out_bias);
        uint64_t rnd = 0x9E3779B97F4A7C15ULL ^ o->seed;
        for (size_t k = 0; k < (size_t)RS_WIN_POS * nt.nrows * nt.H; k++)
            nt.in[k] = uniform(&rnd, 0.1f);
        for (size_t i = nex; i > 1; i--) { /* Fisher-Yates */
            size_t j = (size_t)(next_rand(&rnd) % i);
            uint32_t t = ex[i - 1];
            ex[i - 1] = ex[j];
            ex[j] = t;
        }
        if (progress)
            fprintf(progress,
                    "winnet train: %zu tokens, %zu examples, %zu input rows, %zu outputs\n",
                    c.n, nex, nt.nrows, out.nout);
        float *a = sohoa_xmalloc(2 * nt.H * sizeof *a), *z = sohoa_xmalloc(out.largest * sizeof *z);
        double total = (double)nex * o->epochs, done = 0;
        for (unsigned e = 0; e < o->epochs; e++) {
            for (size_t k = 0; k < nex; k++, done++) {
                float lr = (float)(o->rate * (1.0 - done / total));
                if (lr < o->rate * 0.02)
                    lr = (float)(o->rate * 0.02);
                uint32_t w[RS_WIN_POS];
                window_rows(row, c.hash, ex[k], w);
                step(&nt, &out, w, out.out_of[c.id[ex[k]]], lr, a, a + nt.H, z);
            }
            if (progress)
                fprintf(progress, "winnet train: epoch %u of %u done\n", e + 1, o->epochs);
        }
        free(a);
        free(z);
        fold_prior(&nt, &out, &c);
        rs_winnet_weights wt = {nt.H,   nt.nrows,    keys,    nt.in,      nt.bias,
                                out.nout, out.out_of, nt.out, nt.out_bias};
        rc = rs_winnet_write(out_path, lm, &wt, err);
    }
    free(nt.in);
    free(nt.bias);
    free(nt.out);
    free(nt.out_bias);
    free(keys);
    free(row);
    free(ex);
    free_outputs(&out);
    free(c.hash);
    free(c.id);
    return rc;
}
