/* restore.c — the public restorer (include/sohoa/restore.h): loading the
 * models, lexicons and gazetteer, running the stages (tokens → candidates →
 * gazetteer bonus → decoding → cache → second decoding) and writing the
 * restored text with one output line per input line, case and punctuation
 * kept — except, in foreign-OCR garble, the marks the tokenizer took for
 * OCR noise (garble_marks.c) and capitals the OCR read for marked vowels.
 * A deadline (sohoa_restore_opts.deadline) is looked at between the stages
 * of each block and by the decoder; past it the call returns nothing. */
#include "restore_int.h"
#include "sohoa/clock.h"
#include "skel_ctx.h"
#include "wide_ctx.h"
#include "win_net.h"

#include <stdlib.h>
#include <string.h>
#include "sohoa/buf.h"
#include "sohoa/syllable.h"
#include "sohoa/utf8.h"

void sohoa_restore_opts_init(sohoa_restore_opts *o)
{
    memset(o, 0, sizeof *o);
    o->tone_style = SOHOA_TONE_NEW;
    o->low_conf = 0.5;
}

static int path_exists(const char *p)
{
    FILE *f = fopen(p, "rb");
    if (f)
        fclose(f);
    return f != NULL;
}

/* The skeletons whose forms are Vietnamese syllables: the edit channel's
 * search space. */
static void syllable_skeletons(sohoa_restorer *r)
{
    size_t ns = sohoa_lm_skeleton_count(r->lm);
    r->syl_skel = sohoa_xmalloc((ns ? ns : 1) * sizeof *r->syl_skel);
    for (size_t i = 0; i < ns; i++) {
        size_t len;
        const char *s = sohoa_lm_skeleton_at(r->lm, i, &len);
        const uint16_t *ids;
        size_t nf = sohoa_lm_skeleton_forms(r->lm, s, len, &ids);
        for (size_t f = 0; f < nf; f++) {
            const char *w = sohoa_lm_word(r->lm, ids[f]);
            if (sohoa_syl_valid(w, strlen(w))) {
                r->syl_skel[r->nsyl_skel++] = i;
                break;
            }
        }
    }
}

int sohoa_restorer_open(const char *models_dir, const char *dict_dir, sohoa_restorer **out,
                        sohoa_err *err)
{
    *out = NULL;
    sohoa_restorer *r = sohoa_xcalloc(1, sizeof *r);
    sohoa_buf p = SOHOA_BUF_INIT;
    sohoa_buf_printf(&p, "%s/sohoa.lm", models_dir);
    int rc = sohoa_lm_open(p.data, &r->lm, err);
    if (rc == SOHOA_OK) {
        sohoa_buf_clear(&p);
        sohoa_buf_printf(&p, "%s/domain.lm", models_dir);
        if (path_exists(p.data)) {
            rc = sohoa_lm_open(p.data, &r->dom, err);
            if (rc == SOHOA_OK &&
                sohoa_lm_vocab_size(r->dom) != sohoa_lm_vocab_size(r->lm))
                rc = sohoa_err_set(err, SOHOA_EFORMAT,
                                   "%s: its vocabulary differs from sohoa.lm's (train it with "
                                   "--vocab-from)",
                                   p.data);
        }
    }
    if (rc == SOHOA_OK) {
        /* the learned OCR channel; without it the hand-written one */
        sohoa_buf_clear(&p);
        sohoa_buf_printf(&p, "%s/channel.tsv", models_dir);
        rc = rs_chan_table_load(p.data, r->lm, &r->chan, err);
    }
    if (rc == SOHOA_OK) {
        /* optional: without it the feature is off */
        sohoa_buf_clear(&p);
        sohoa_buf_printf(&p, "%s/sohoa.skc", models_dir);
        if (path_exists(p.data))
            rc = rs_skc_open(p.data, r->lm, &r->skc, err);
    }
    if (rc == SOHOA_OK) {
        sohoa_buf_clear(&p);
        sohoa_buf_printf(&p, "%s/sohoa.wide", models_dir);
        if (path_exists(p.data))
            rc = rs_wide_open(p.data, r->lm, &r->wide, err);
    }
    if (rc == SOHOA_OK) {
        sohoa_buf_clear(&p);
        sohoa_buf_printf(&p, "%s/sohoa.win", models_dir);
        if (path_exists(p.data))
            rc = rs_winnet_open(p.data, r->lm, &r->win, err);
    }
    if (rc == SOHOA_OK) { /* the lexicon and the gazetteer, from the cache when it fits */
        sohoa_buf_clear(&p);
        sohoa_buf_printf(&p, "%s/%s", models_dir, RS_DICT_CACHE_NAME);
        rc = rs_dict_cache_load(p.data, dict_dir, r->lm, &r->lex, &r->places, err);
    }
    if (rc == SOHOA_OK && !r->lex)
        rc = rs_lexicon_load(dict_dir, r->lm, &r->lex, err);
    if (rc == SOHOA_OK && !r->places)
        rc = rs_places_load(dict_dir, r->lm, &r->places, err);
    if (rc == SOHOA_OK) { /* one's own names (sohoa lm adapt), beside the model */
        sohoa_buf_clear(&p);
        sohoa_buf_printf(&p, "%s/%s", models_dir, SOHOA_NAMES_FILE);
        if (path_exists(p.data))
            rc = rs_places_add_names(r->places, p.data, r->lm, err);
    }
    sohoa_buf_free(&p);
    if (rc != SOHOA_OK) {
        sohoa_restorer_free(r);
        return rc;
    }
    syllable_skeletons(r);
    *out = r;
    return SOHOA_OK;
}

void sohoa_restorer_free(sohoa_restorer *r)
{
    if (!r)
        return;
    sohoa_lm_close(r->lm);
    sohoa_lm_close(r->dom);
    rs_lexicon_free(r->lex);
    rs_places_free(r->places);
    rs_chan_table_free(r->chan);
    rs_skc_close(r->skc);
    rs_wide_close(r->wide);
    rs_winnet_close(r->win);
    free(r->syl_skel);
    free(r);
}

/* ---- output -------------------------------------------------------------- */

/* Garble: an English OCR model reads a word's first letter, a vowel with
 * a mark (ô, ủ, á), as a capital: "tạo Oxy", "mà Ong"; and an x or a v,
 * whose capitals have their shapes ("cấp X4." for xã, "phối hợp Véi" for
 * với). Inside a sentence (after a lower-case word of the same line, or
 * at the start of a line the sentence runs on to) a capitalised word
 * whose first letter is a vowel, X or V is written in lower case when the
 * decoded word is rarely capitalised there (log10 P(capitalised) below
 * OCR_CAPITAL_MAX in the training text): ôxy, ông, ủng, xã, với, but Ấn,
 * Anh, Xuân, Văn. Dev garble 96.20 -> 96.31 (-0.5 and -1.5 alike); OCR
 * of training pages 97.43 -> 97.49. X: seeds 000, 003, 004 202 -> 199
 * errors; V and the run-on line start (session 38): 145 -> 142 -> 139,
 * rendered and medium-scan garble unchanged. C, K, S (whose capitals have
 * their shapes too) cost more than they gave: the training text rarely
 * capitalises kế or cổng, administrative text does (Kế hoạch này, Cổng
 * thông tin): rendered garble 50 -> 68 errors. */
#define OCR_CAPITAL_MAX -1.0f

static int ocr_capital(const sohoa_restorer *r, const rs_doc *d, size_t i)
{
    const rs_tok *t = &d->tok[i];
    if (d->mode != RS_MODE_GARBLE || t->kind != RS_WORD || t->upper != 1 || i == 0)
        return 0;
    const rs_tok *p = &d->tok[i - 1];
    /* after a lower-case word or number of the same line, or a word ending
     * the line before with the sentence going on (no mark, no heading: no
     * context break) */
    int inside = p->kind != RS_PUNCT && p->upper == 0 && p->word != t->word &&
                 (p->line == t->line ||
                  (p->line + 1 == t->line && p->kind == RS_WORD && !p->ends_context));
    if (!inside || !strchr("AEIOUYXV", d->text[t->off]))
        return 0;
    uint16_t id = d->cand[t->cand0 + (size_t)t->chosen].id;
    return id != SOHOA_LM_UNK && sohoa_lm_case_score(r->lm, id, 1) < OCR_CAPITAL_MAX;
}

/* The output text of core token t, in case upper (NULL: keep the printed
 * core). */
static const char *render(const rs_doc *d, const rs_tok *t, int upper, rs_render_memo *rm)
{
    if (t->kind == RS_FIXED)
        return t->fixed_out;
    if (t->kind != RS_WORD)
        return NULL;
    const char *form = d->cand[t->cand0 + (size_t)t->chosen].form;
    if (!form)
        return NULL;
    size_t m;
    const char *out = rs_render_memo_get(rm, form, upper, &m);
    if (!out || (m == t->len && memcmp(out, d->text + t->off, m) == 0))
        return NULL;
    return out;
}

static void alternatives(const rs_doc *d, const rs_tok *t, const sohoa_restore_opts *o,
                         sohoa_rtoken *rt)
{
    int used[3] = {-1, -1, -1};
    for (int a = 0; a < 3; a++) {
        int best = -1;
        for (size_t k = 0; k < t->ncand; k++) {
            if ((int)k == t->chosen || (int)k == used[0] || (int)k == used[1])
                continue;
            if (best < 0 || rs_post(d, t->cand0 + k) > rs_post(d, t->cand0 + (size_t)best))
                best = (int)k;
        }
        if (best < 0)
            break;
        used[a] = best;
        const char *form = d->cand[t->cand0 + (size_t)best].form;
        if (!form) {
            rt->alts[a] = sohoa_xstrndup(d->text + t->off, t->len);
            continue;
        }
        char cased[256], re[256];
        size_t n = rs_apply_case(form, t->upper, cased, sizeof cased);
        size_t m = n < sizeof cased ? sohoa_syl_retone(cased, n, o->tone_style, re, sizeof re) : 0;
        rt->alts[a] = sohoa_xstrdup(m && m < sizeof re ? re : cased);
    }
}

static int blank_byte(char c)
{
    return c == ' ' || c == '\t';
}

/* Write text[from..to), the bytes between two tokens, to b. Only
 * separators lie between tokens, except where the tokenizer left out OCR
 * noise (garble_marks.c): those bytes are dropped, a gap inside one
 * whitespace word (same_word) becomes a space (cudc.tan → cuộc tấn), and
 * the spaces around a dropped speck word collapse ("a . b" → "a b", no
 * space left before a line end). */
static void write_gap(const rs_doc *d, size_t from, size_t to, int same_word, sohoa_buf *b)
{
    size_t start = b->len;
    int dropped = 0;
    for (size_t i = from; i < to;) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(d->text + i, to - i, &cp);
        if (l == 0)
            l = 1;
        if (!rs_is_space(cp)) {
            dropped = 1;
        } else if (dropped && blank_byte(d->text[i]) && b->len > 0 &&
                   (blank_byte(b->data[b->len - 1]) || b->data[b->len - 1] == '\n')) {
            /* a blank after a blank: one is enough */
        } else {
            if (dropped && d->text[i] == '\n')
                while (b->len > start && blank_byte(b->data[b->len - 1]))
                    b->len--;
            sohoa_buf_append(b, d->text + i, l);
        }
        i += l;
    }
    if (dropped && to == d->n)
        while (b->len > start && blank_byte(b->data[b->len - 1]))
            b->len--;
    if (b->len == start && same_word)
        sohoa_buf_puts(b, " ");
    if (b->data)
        b->data[b->len] = '\0';
}

/* 1 if some byte of text[from..to) is no separator (a dropped mark). */
static int gap_dropped(const rs_doc *d, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)d->text[i];
        if (!(c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'))
            return 1; /* or a non-ASCII space: write_gap sorts it out */
    }
    return 0;
}

/* How many letters word token t of a lossy document got back at its start
 * (at_end 0) or end (rs_lost_got_back). */
static long lost_at(const rs_doc *d, const rs_tok *t, int at_end)
{
    if (t->kind != RS_WORD)
        return 0;
    const char *form = d->cand[t->cand0 + (size_t)t->chosen].form;
    return form ? rs_lost_got_back(form, d->text + t->off, t->len, at_end) : 0;
}

/* 1 if t is a mark that may follow the word before it without a space:
 * punctuation but an opening ( [ { “ ‘. */
static int may_close(const rs_doc *d, const rs_tok *t)
{
    const char *s = d->text + t->off;
    if (t->kind != RS_PUNCT)
        return 0;
    if (t->len == 1)
        return strchr("([{", s[0]) == NULL;
    return !(t->len == 3 && memcmp(s, "\xE2\x80", 2) == 0 &&
             ((unsigned char)s[2] == 0x9C || (unsigned char)s[2] == 0x98));
}

/* The blanks text[from..to) between tokens p and t of a lossy document
 * hold one per letter p got back at its end and t at its start: how many
 * bytes of the gap to write once those are taken out (at least one blank
 * between two words, but none before punctuation that may close on the
 * word: the blanks say it did), or -1 when none was taken (or the gap is
 * not only blanks) and the gap stays as printed. "c   ược" → "có được".
 * When the gap ends a line (or p is NULL: t starts the text), its blanks
 * after the line break lead t's line and are all t's: " i u" → "Điều". */
static long lost_gap(const rs_doc *d, const rs_tok *p, const rs_tok *t, size_t from, size_t to)
{
    if (!d->lossy)
        return -1;
    size_t lead = from; /* where the blanks before t start */
    for (size_t i = from; i < to; i++)
        if (d->text[i] == '\n')
            lead = i + 1;
    for (size_t i = lead; i < to; i++)
        if (d->text[i] != ' ')
            return -1;
    if (!p || lead > from) {
        long k = lost_at(d, t, 0), keep = (long)(to - lead) - k;
        return k == 0 ? -1 : (long)(lead - from) + (keep > 0 ? keep : 0);
    }
    long k = lost_at(d, p, 1) + lost_at(d, t, 0);
    if (k == 0)
        return -1;
    long left = (long)(to - from) - k;
    long least = may_close(d, t) ? 0 : 1;
    return left > least ? left : least;
}

/* Append the restored text of d to b, and its tokens (lines counted from
 * line_base) and statistics to out. */
static void write_output(const sohoa_restorer *r, const rs_doc *d,
                         const sohoa_restore_opts *o, int want_tokens,
                         int line_base, sohoa_buf *b, size_t *cap, double *confsum,
                         sohoa_restore_result *out)
{
    /* written from the text as given: where a word is kept as printed, a
     * symbol the tokens read as a letter ($ for S) stays */
    rs_doc as_given = *d;
    as_given.text = d->input;
    d = &as_given;
    sohoa_buf_reserve(b, d->n + 16);
    rs_render_memo *rm = rs_render_memo_new(o->tone_style);
    size_t pos = 0, end = 0; /* copied up to pos; the last token ends at end */
    long left;               /* bytes left of a lossy gap (lost_gap) */
    for (size_t i = 0; i < d->ntok; i++) {
        const rs_tok *t = &d->tok[i];
        if (t->off > end && gap_dropped(d, end, t->off)) {
            sohoa_buf_append(b, d->text + pos, end - pos);
            write_gap(d, end, t->off, i > 0 && d->tok[i - 1].word == t->word, b);
            pos = t->off;
        } else if (t->off > end &&
                   (left = lost_gap(d, i ? &d->tok[i - 1] : NULL, t, end, t->off)) >= 0) {
            sohoa_buf_append(b, d->text + pos, end - pos);
            sohoa_buf_append(b, d->text + end, (size_t)left);
            pos = t->off;
        }
        if (t->space_before) { /* a word an OCR ran into the one before */
            sohoa_buf_append(b, d->text + pos, t->off - pos);
            sohoa_buf_puts(b, " ");
            pos = t->off;
        }
        end = t->off + t->len;
        if (t->kind == RS_PUNCT)
            continue;
        int upper = o->baseline == 0 && ocr_capital(r, d, i) ? 0 : t->upper;
        const char *rep = render(d, t, upper, rm);
        int low = t->kind == RS_WORD && t->conf < o->low_conf;
        out->stats.tokens++;
        out->stats.low_conf += (size_t)low;
        *confsum += t->kind == RS_WORD ? t->conf : 1;
        if (rep) {
            out->stats.changed++;
            sohoa_buf_append(b, d->text + pos, t->off - pos);
            sohoa_buf_puts(b, rep);
            pos = t->off + t->len;
        }
        if (want_tokens == SOHOA_TOKENS_ALL || (want_tokens == SOHOA_TOKENS_LOW_CONF && low)) {
            if (out->ntokens == *cap) {
                *cap = *cap ? *cap * 2 : 256;
                out->tokens = sohoa_xrealloc(out->tokens, *cap * sizeof *out->tokens);
            }
            sohoa_rtoken *rt = &out->tokens[out->ntokens++];
            memset(rt, 0, sizeof *rt);
            rt->orig = sohoa_xstrndup(d->text + t->off, t->len);
            rt->restored = rep ? sohoa_xstrdup(rep) : sohoa_xstrdup(rt->orig);
            rt->conf = t->kind == RS_WORD ? t->conf : 1.0f;
            rt->line = line_base + t->line + 1;
            if (t->kind == RS_WORD)
                alternatives(d, t, o, rt);
        }
    }
    if (d->n > end && gap_dropped(d, end, d->n)) {
        sohoa_buf_append(b, d->text + pos, end - pos);
        write_gap(d, end, d->n, 0, b);
        pos = d->n;
    }
    sohoa_buf_append(b, d->text + pos, d->n - pos);
    rs_render_memo_free(rm);
}

/* ---- restoring ------------------------------------------------------------- */

/* Documents are restored in blocks of about BLOCK bytes, cut after a line
 * end (or, inside one huge line, after a space), so that memory stays
 * bounded: a block's tokens and candidates take about 50 bytes per input
 * byte. Each block is decoded (and cached) on its own. */
#define BLOCK ((size_t)1 << 20)

static size_t block_end(const char *s, size_t n)
{
    if (n <= BLOCK + BLOCK / 2)
        return n;
    for (size_t i = BLOCK; i > BLOCK / 2; i--)
        if (s[i - 1] == '\n')
            return i;
    for (size_t i = BLOCK; i > BLOCK / 2; i--)
        if (s[i - 1] == ' ')
            return i;
    /* no space in half a megabyte: cut before a UTF-8 lead byte */
    size_t i = BLOCK;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* Weight of the domain model for a document fully in its genre; a
 * document's weight scales with the share of its words the domain model
 * explains (rs_domain_share), full from DOMAIN_FULL on: news or
 * encyclopaedic text (share under 5 %, a weight under DOMAIN_OFF) is
 * decoded with the general model alone, administrative text (70-90 %)
 * with the full weight. The domain model's scores cost a fifth of the
 * decoding; at weights under 0.025 they changed nothing measurable on the
 * dev split (24 documents made to fall there, dev news or encyclopaedic
 * text with one administrative document, clean and garbled: 5052 errors
 * with them, 5037 without), so the cut is there rather than at 0.005. */
#define DOMAIN_WEIGHT 0.1f
#define DOMAIN_FULL 0.2f
#define DOMAIN_OFF 0.025f /* below this weight the domain model is not consulted */

/* How far the domain model's share of a text (-1: not known) goes towards
 * DOMAIN_FULL, in [0, 1]. */
static float domain_part(float share)
{
    return share < 0 ? 0 : share < DOMAIN_FULL ? share / DOMAIN_FULL : 1;
}
/* The share of its weight the domain model keeps after a context it has
 * seen only the last word of (a trigram model, two words wanted): on the
 * dev split 0.5 gave 1957 errors against 1970 at 1 and 1951 at 0.25; on
 * the bench's stripped administrative text 49, 51 and 52 errors. */
#define DOMAIN_SHORT 0.5f
/* Weight of the place-name syllable prior (place_prior.c): 1, a log10
 * probability like the LM's. On the bench's stripped administrative text
 * 45 errors without it, 44 at 0.5, 37 at 1, 38 at 1.5 and 2 (fictional
 * names after their unit words: huyện Vân Điền, Đông Trà); on the dev
 * split no change at any weight (its names are the gazetteer's own). */
#define PLACE_PRIOR 1.0f
/* Weight of the skeleton-context score (skel_ctx.h), tuned on held-out
 * corpus text (0.1-0.3 alike; 0.5 hurts news and encyclopaedic text). */
#define SKC_WEIGHT 0.2f
/* Forms of a word in stripped text whose log10 P(form | window) by the
 * skeleton-context model falls more than this under the best form's are
 * not decoded (rs_prune_candidates): less than half of the candidates
 * stay. On a dev split (every 50th line of the corpus held out of a model
 * trained for it: news, legal, encyclopaedic text), 2.5 and 3 gave 1970
 * errors against 1966 without pruning, 2 gave 1990 and 1.5 2026. */
#define SKC_PRUNE 2.5f
/* What stays after that is pruned again by the coarse pass (coarse_pass.c):
 * candidates whose best bigram path falls more than COARSE_PRUNE (log10)
 * under their word's best are not decoded either. It weighs the two
 * syllables of a word together, which the window model cannot. On
 * held-out news the candidates left fall from 178 K to 119 K (470 K before
 * any pruning). Cut to that count alone (at 1.5), the window model drops
 * 262 more true forms; in a simulation of this pass with summed paths,
 * it dropped 51 more (notes/restore-session30.md). Bench inputs (errors
 * admin / news / garble / seeds 000-004) and CPU user on the speed input,
 * best of 3:
 * without it 35 / 1729 / 49 / 192, 1.01 s; at 3.0 35 / 1725, 0.92 s; at
 * 2.5 35 / 1721, 0.90 s (1.587 G instructions on its first 0.40 MB);
 * at 2.25 the same errors, 1.543 G; at 2.0 36 / 1720, 0.84 s, 1.495 G;
 * at 1.5 40 / 1735, 0.79 s (garble and seeds never move: the pass is for
 * stripped text). With the domain terms of a61e2ba, admin 29 at 2.5 and
 * 2.25, 30 at 2.0 (news 1721, 1720). 2.0 is kept: as many errors in all
 * as 2.25 (one admin error more, one news error fewer), 3 % fewer
 * instructions and about 6 % less CPU (median of 6 interleaved runs on the
 * speed input), for a speed target that is not met while the admin one
 * has room. */
#define COARSE_PRUNE 2.0f
/* The wide-context model's use (wide_ctx.h), tuned on the dev split: its
 * weight; the lead (log10 posterior ratio) beyond which a first-pass choice
 * is not put to its vote; the least gain of the vote, and how far short of
 * the first pass's lead it may fall, that earn a second decoding. Reach
 * 1.0, gain 0.02 and slack 0.4 keep the dev gain of voting on every word
 * (news 1 error fewer, wiki 7 more, legal 1 fewer) with a seventeenth of
 * the lookups and an eleventh of the words decoded again (news x5). */
static const rs_wide_use WIDE_USE = {0.15f, 1.0f, 0.02f, 0.4f};
/* Bonus (log10) for a path step along an adjacent syllable pair of a
 * lexicon entry; tuned with the case and cache weights on held-out corpus
 * text (0.3 → 0.5: fewer errors in encyclopaedic and administrative text,
 * news alike). */
#define LEX_BONUS 0.5f

static void decode_opts(const sohoa_restorer *r, const sohoa_restore_opts *o, rs_decode_opts *dop)
{
    memset(dop, 0, sizeof *dop);
    dop->beam = o->baseline == 1 ? 32 : 16;
    dop->max_order = o->baseline == 1 ? 3 : sohoa_lm_order(r->lm);
    dop->use_domain = o->baseline == 0 && !(o->disable & SOHOA_RESTORE_NO_DOMAIN);
    dop->domain_weight = DOMAIN_WEIGHT;
    dop->domain_short = DOMAIN_SHORT;
    dop->use_lexicon = o->baseline == 0 && !(o->disable & SOHOA_RESTORE_NO_LEXICON);
    dop->lex_bonus = LEX_BONUS;
}

/* The window hashes of d's tokens (rs_skc_doc_hashes) in *hash, made on
 * first use: the skeleton-context model and the window network read the
 * same ones, and pruning candidates leaves the tokens as they are. */
static const uint64_t *doc_hashes(const rs_doc *d, uint64_t **hash)
{
    if (!*hash) {
        *hash = sohoa_xmalloc((d->ntok ? d->ntok : 1) * sizeof **hash);
        rs_skc_doc_hashes(d, *hash);
    }
    return *hash;
}

/* What every block of one text shares: memos and the domain model's share. */
typedef struct text_state {
    rs_lm_memo *memo;
    rs_lex_cache *lexc;   /* goes with memo */
    rs_skc_memo *skm;     /* the skeleton-context scores, made on first use */
    float share;          /* the domain model's share of the text, -1 until known */
} text_state;

/* Choose the words of block d. Returns 1 if o->deadline passed part way
 * (d is then fit only to be freed), else 0. */
static int decode_block(const sohoa_restorer *r, const sohoa_restore_opts *o, rs_doc *d,
                        text_state *ts)
{
    rs_decode_opts dop;
    decode_opts(r, o, &dop);
    dop.deadline = o->deadline;
    /* one domain share for the whole text (the memo holds mixed scores),
     * from its first block; the window network's weight reads it too */
    if (ts->share < 0 && r->dom && o->baseline == 0 &&
        (dop.use_domain || (r->win && !(o->disable & SOHOA_RESTORE_NO_WINNET))))
        ts->share = rs_domain_share(d, r);
    if (dop.use_domain && r->dom) {
        dop.domain_weight = DOMAIN_WEIGHT * domain_part(ts->share);
        if (dop.domain_weight < DOMAIN_OFF)
            dop.use_domain = 0;
    }
    dop.memo = ts->memo;
    dop.lex_cache = ts->lexc;
    /* per-candidate bonuses that hold whatever the decoding: gazetteer
     * names and the skeleton-context model */
    float *places = NULL;
    uint8_t *named = NULL; /* candidates a gazetteer or own name matched: never pruned */
    uint64_t *hash = NULL; /* the tokens' window hashes, made once for both context models */
    if (dop.use_lexicon && rs_places_size(r->places)) {
        places = sohoa_xcalloc(d->ncand ? d->ncand : 1, sizeof *places);
        named = sohoa_xcalloc(d->ncand ? d->ncand : 1, 1);
        if (rs_places_bonus(d, r->places, places, named))
            dop.place_bonus = places;
        if (rs_place_prior_bonus(d, r->places, r->lex, PLACE_PRIOR, places))
            dop.place_bonus = places;
    }
    if (o->baseline == 0 && r->skc && !(o->disable & SOHOA_RESTORE_NO_SKELCTX)) {
        if (!places)
            places = sohoa_xcalloc(d->ncand ? d->ncand : 1, sizeof *places);
        if (!ts->skm)
            ts->skm = rs_skc_memo_new();
        /* in stripped text, the forms the model finds far less likely in
         * their window than the best are dropped (logp is set for every
         * word of two candidates or more, the only ones
         * rs_prune_candidates reads) */
        float *logp = d->mode == RS_MODE_STRIPPED && !d->lossy
                          ? sohoa_xmalloc((d->ncand ? d->ncand : 1) * sizeof *logp)
                          : NULL;
        rs_skc_doc_bonus_memo(d, r->skc, doc_hashes(d, &hash), SKC_WEIGHT, places, logp,
                              ts->skm);
        if (logp) {
            rs_prune_candidates(d, logp, SKC_PRUNE, places, named);
            rs_coarse_gaps(d, r->lm, places, logp);
            rs_prune_candidates(d, logp, COARSE_PRUNE, places, named);
        }
        free(logp);
        dop.place_bonus = places;
    }
    /* the window network, on the candidates the pruning left */
    rs_winnet_use use;
    rs_winnet_use_for(d->mode, domain_part(ts->share), &use);
    if (o->baseline == 0 && r->win && use.weight > 0 && !(o->disable & SOHOA_RESTORE_NO_WINNET)) {
        if (!places)
            places = sohoa_xcalloc(d->ncand ? d->ncand : 1, sizeof *places);
        rs_winnet_doc_bonus(d, r->win, doc_hashes(d, &hash), &use, places);
        dop.place_bonus = places;
    }
    free(hash);
    int stopped = rs_decode(d, r, &dop); /* it looks at the deadline first */
    /* the second decoding: the per-document cache's bonuses and the
     * wide-context vote, each switched off on its own */
    int cache = o->baseline == 0 && !(o->disable & SOHOA_RESTORE_NO_CACHE);
    int wide = o->baseline == 0 && r->wide && !(o->disable & SOHOA_RESTORE_NO_WIDE);
    if (!stopped && (cache || wide)) {
        float *bonus = cache ? rs_cache_bonus(d)
                             : sohoa_xcalloc(d->ncand ? d->ncand : 1, sizeof *bonus);
        if (wide)
            rs_wide_doc_bonus(d, r->wide, &WIDE_USE, bonus);
        dop.cache_bonus = bonus;
        stopped = rs_decode(d, r, &dop);
        free(bonus);
    }
    free(places);
    free(named);
    return stopped;
}

int sohoa_restore_text(const sohoa_restorer *r, const sohoa_restore_opts *o, const char *text,
                       size_t n, const float *tok_conf, size_t ntok_conf, int want_tokens,
                       sohoa_restore_result *out, sohoa_err *err)
{
    memset(out, 0, sizeof *out);
    size_t bad = sohoa_utf8_invalid_at(text, n);
    if (bad != (size_t)-1)
        return sohoa_err_set(err, SOHOA_EINVAL, "invalid UTF-8 at byte %zu", bad);
    if (memchr(text, '\0', n))
        return sohoa_err_set(err, SOHOA_EINVAL, "NUL byte at byte %zu",
                             (size_t)((const char *)memchr(text, '\0', n) - text));
    /* glyphs an extraction could not map are lost letters (lost_glyphs.c);
     * not with OCR confidences, which count the words as printed */
    size_t blen = 0;
    char *blanked = !tok_conf && o->baseline == 0 ? rs_lost_marks_blanked(text, n, &blen) : NULL;
    if (blanked) {
        text = blanked;
        n = blen;
    }
    sohoa_buf b = SOHOA_BUF_INIT;
    size_t cap = 0, words = 0;
    double confsum = 0;
    int line_base = 0, stopped = 0;
    /* one memo for every block: the decode options do not change */
    text_state ts = {NULL, NULL, NULL, -1};
    if (o->baseline != 2) {
        ts.memo = rs_lm_memo_new();
        ts.lexc = rs_lex_cache_new(); /* goes with memo */
    }
    for (size_t at = 0; at < n || (n == 0 && at == 0);) {
        size_t len = block_end(text + at, n - at);
        rs_doc d;
        const float *tc = tok_conf && words < ntok_conf ? tok_conf + words : NULL;
        rs_doc_build(&d, r, o, text + at, len, tc, tc ? ntok_conf - words : 0);
        if (sohoa_past(o->deadline) || (o->baseline != 2 && decode_block(r, o, &d, &ts))) {
            rs_doc_free(&d);
            stopped = 1;
            break;
        }
        write_output(r, &d, o, want_tokens, line_base, &b, &cap, &confsum, out);
        words += d.nwords;
        line_base += (int)d.nlines - 1;
        rs_doc_free(&d);
        at += len;
        if (o->progress)
            o->progress(at, n, o->progress_ctx);
        if (n == 0)
            break;
    }
    rs_lm_memo_free(ts.memo);
    rs_lex_cache_free(ts.lexc);
    rs_skc_memo_free(ts.skm);
    free(blanked);
    if (stopped) { /* nothing of a text cut short is returned */
        sohoa_buf_free(&b);
        sohoa_restore_result_free(out);
        return sohoa_err_set(err, SOHOA_ELIMIT, "restoration stopped at its deadline");
    }
    out->stats.mean_conf = out->stats.tokens ? confsum / (double)out->stats.tokens : 1.0;
    out->len = b.len;
    out->text = sohoa_buf_steal(&b);
    return SOHOA_OK;
}

void sohoa_restore_result_free(sohoa_restore_result *res)
{
    if (!res)
        return;
    free(res->text);
    for (size_t i = 0; i < res->ntokens; i++) {
        free(res->tokens[i].orig);
        free(res->tokens[i].restored);
        for (int a = 0; a < 3; a++)
            free(res->tokens[i].alts[a]);
    }
    free(res->tokens);
    memset(res, 0, sizeof *res);
}

/* Whitespace words of s, to see whether OCR words line up with them. */
static size_t count_words(const char *s)
{
    size_t n = 0;
    int in = 0;
    for (; *s; s++) {
        int sp = *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f';
        if (!sp && !in)
            n++;
        in = !sp;
    }
    return n;
}

int sohoa_restore_doc(const sohoa_restorer *r, const sohoa_restore_opts *o, sohoa_doc *d,
                      sohoa_err *err)
{
    const char *in = d->text ? d->text : d->raw;
    if (!in)
        in = "";
    float *conf = NULL;
    size_t nconf = 0;
    if (d->words && d->nwords && d->nwords == count_words(in)) {
        conf = sohoa_xmalloc(d->nwords * sizeof *conf);
        for (size_t i = 0; i < d->nwords; i++)
            conf[i] = d->words[i].conf;
        nconf = d->nwords;
    }
    sohoa_restore_result res;
    int rc = sohoa_restore_text(r, o, in, strlen(in), conf, nconf, SOHOA_TOKENS_LOW_CONF, &res,
                                err);
    free(conf);
    if (rc)
        return rc;
    free(d->text);
    d->text = res.text;
    res.text = NULL;
    d->restore = res.stats;
    /* the unsure words change hands: their strings move, not copied */
    sohoa_doc_clear_review(d);
    d->review = res.ntokens ? sohoa_xcalloc(res.ntokens, sizeof *d->review) : NULL;
    for (size_t i = 0; i < res.ntokens; i++) {
        sohoa_rtoken *t = &res.tokens[i];
        sohoa_review_word *w = &d->review[i];
        w->original = t->orig;
        w->restored = t->restored;
        w->conf = t->conf;
        memcpy(w->alts, t->alts, sizeof w->alts);
        w->line = t->line;
        memset(t, 0, sizeof *t);
    }
    d->nreview = res.ntokens;
    sohoa_restore_result_free(&res);
    return SOHOA_OK;
}
