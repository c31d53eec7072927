/* channel.c — the OCR channel: how likely a printed token is, given the
 * syllable that was meant.
 *
 * Two parts.
 *  1. Same skeleton (the marks only): stripped text says nothing about the
 *     marks; clean text is trusted (changing a printed mark costs 10^-3);
 *     foreign-OCR garble prints marks that only hint (é for ề or ế), so a
 *     disagreeing mark costs little.
 *  2. Edits of the skeleton, for garble and for tokens that are no syllable:
 *     a weighted edit distance between the printed string and every
 *     syllable skeleton of the model, with cheap costs for what an English
 *     OCR model does to Vietnamese print — a hand-written character model:
 *     digits read for letters (s6 → số, 1a → là, d6i → đội, b01 → bối, x3 →
 *     xã), Đ read as P (Pang → Đảng), marked vowels read as other letters
 *     (cia → của, thyc → thực, ndi → nội, chirc → chức, ngii → ngũ, nuéc →
 *     nước, nim → năm, Viin → Văn, xi → xã), stray quotes and symbols (tru’orng → trường, nhi€ém → nhiệm).
 *     Scores are log10: -1.5 per unit of edit cost (-2.1 in garble).
 *     With a learned table (models/channel.tsv, channel_table.c), the
 *     character costs it learned may lower the hand-written ones (an event
 *     it has not seen keeps its hand cost), and a printed core the table has
 *     seen also gets the syllables it was read for in training, scored by
 *     log10 P(printed | syllable) (thy → thực, dug → được, déi → dõi); its
 *     same-skeleton forms are scored by the table too, and a syllable the
 *     table saw printed often but never as that core is bounded by how
 *     often it was printed (vi is no reading of và).
 * Edit candidates are remembered per document by printed string (a memo),
 * since words repeat. */
#include "restore_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "sohoa/buf.h"
#include "sohoa/syllable.h"
#include "sohoa/utf8.h"

#define EDIT_WEIGHT 1.5f
/* The same in foreign-OCR garble, where the learned costs are used too.
 * Dev garble (with VALID_EDIT_PENALTY retuned alike): 1.5 95.99, 1.8
 * 96.09, 2.1 96.16, 2.5 96.12, 3.0 96.02; 2.1 with the penalty at 0.8
 * 96.20 (1.6: 96.07); OCR of training pages 97.40 -> 97.43. */
#define GARBLE_EDIT_WEIGHT 2.1f
#define MAX_SKELS 6
/* Forms taken of each edit skeleton: all of them (a skeleton has at most
 * 36). The model lists them in Kneser-Ney unigram order, which ranks the
 * second syllable of a fixed word low, so a cut at 8 lost readings like
 * đắn. Dev garble 96.39 -> 96.48 (12 forms: 96.45), CPU alike. */
#define FORMS_PER_SKEL 40
/* Weight of the learned table's bound on an edit candidate it never saw
 * obs read for. Dev garble (rendered dev lines + garbled docs 04/07, 9.5k
 * syllables): no bound 94.91, 1.0 95.36, 1.5 95.61, 2.0 95.64, 3.0 95.53. */
#define CAP_WEIGHT 1.5f
/* The bound is mixed with the hand-written score at this share: the table
 * learned the fonts of our rendered pages, and other fonts misread in
 * ways it never saw (the seeds' scans print dân as dén in one word in
 * seven; the table saw â printed as é 68 times in 44,000). Errors on seeds
 * 000, 003, 004 at a share of 0 / 0.02 / 0.05 / 0.1 / 0.2 / 0.5: 169 / 167
 * / 162 / 160 / 165 / 165; our rendered garble 45 at every share up to
 * 0.3; the English OCR of the medium scans 76 / 76 / 76 / 77 / 77 / 78;
 * stripped text untouched. */
#define HAND_SHARE 0.1f

/* Extra cost (log10) of an edit candidate in garble when the printed core
 * is itself a valid syllable whose skeleton the model knows (trong, qua,
 * vi, trén): an English OCR prints such words right far more often than
 * the edit costs alone say (trong → tương, qua → của, vi → và). Dev
 * garble at edit weight 1.5: 0 95.52, 0.3 95.72, 0.6 95.82, 1.0 95.94,
 * 1.25 95.99, 1.5 95.96, 2.0 95.85, 3.0 95.50; OCR of training pages
 * 97.32 / 97.41 (1.0) / 97.38 (1.5); at GARBLE_EDIT_WEIGHT 2.1: 0.8 96.20,
 * 1.25 96.16, 1.6 96.07. Learned table readings keep their own scores. */
#define VALID_EDIT_PENALTY 0.8f

/* Hand-written score of a same-skeleton form: the marks only. */
static float same_skeleton_hand(int mode, const char *obs, size_t n, const char *form)
{
    size_t fl = strlen(form);
    if (fl == n && memcmp(obs, form, n) == 0)
        return 0;
    int marked = 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)obs[i] >= 0x80)
            marked = 1;
    switch (mode) {
    case RS_MODE_CLEAN:
        return marked ? -3.0f : -1.0f;
    case RS_MODE_GARBLE:
        return marked ? -0.3f : 0;
    default:
        return marked ? -2.0f : 0;
    }
}

/* In foreign-OCR garble, a printed core the learned table has seen is
 * scored by what the table saw: the reading's own score (dinh → định, đình),
 * or for a syllable printed often but never as obs, the table's bound on
 * it (vi was never read for và in 667 prints). Other text, and cores the
 * table has not seen, keep the hand-written score. */
float rs_channel_same_skeleton(const sohoa_restorer *r, int mode, const char *obs, size_t n,
                               uint16_t id, const char *form)
{
    float learned;
    if (mode == RS_MODE_GARBLE && r && r->chan &&
        rs_chan_table_score(r->chan, obs, n, id, &learned))
        return learned;
    return same_skeleton_hand(mode, obs, n, form);
}

/* ---- the character edit model ----------------------------------------- */

/* The printed string as single-byte symbols: folded letters, digits, and
 * E (€), C (¢), Y (¥), ' (quotes), ? (anything else). */
static size_t symbols(const char *s, size_t n, char *out, size_t cap)
{
    char f[256];
    size_t fl = sohoa_fold(s, n, f, sizeof f);
    if (fl >= sizeof f)
        return 0;
    size_t o = 0;
    for (size_t i = 0; i < fl && o + 1 < cap;) {
        unsigned char c = (unsigned char)f[i];
        if (c < 0x80) {
            out[o++] = (char)c;
            i++;
            continue;
        }
        uint32_t cp;
        size_t l = sohoa_utf8_decode(f + i, fl - i, &cp);
        if (l == 0)
            l = 1;
        if (cp == 0x20AC)
            out[o++] = 'E';
        else if (cp == 0xA2)
            out[o++] = 'C';
        else if (cp == 0xA5)
            out[o++] = 'Y';
        else if (cp == 0x2019 || cp == 0x2018 || cp == 0xB4 || cp == 0x60)
            out[o++] = '\'';
        else
            out[o++] = '?';
        i += l;
    }
    out[o] = '\0';
    return o;
}

/* Cost of printing p where the skeleton has letter s. */
static float sub_cost(char p, char s)
{
    if (p == s)
        return 0;
    switch (p) {
    case '6': return s == 'o' ? 0.2f : 1.0f;
    case '0': return s == 'o' ? 0.3f : 1.0f;
    case '1': return s == 'l' ? 0.3f : s == 'i' ? 0.4f : 1.0f;
    case '3': return s == 'a' ? 0.4f : s == 'e' ? 0.7f : 1.0f;
    case '5': return s == 's' ? 0.5f : 1.0f;
    case '8': return s == 'o' ? 0.6f : 1.0f;
    case '4': return s == 'a' ? 0.6f : 1.0f;
    case '9': return s == 'g' ? 0.7f : 1.0f;
    case 'E': return s == 'e' ? 0.2f : 1.0f;
    case '@': return s == 'o' ? 0.3f : s == 'a' ? 0.5f : 1.0f;
    case '&': return s == 'a' ? 0.4f : s == 'o' ? 0.6f : s == 'e' ? 0.6f : 1.0f;
    case 'g': return s == 'o' ? 0.6f : s == 'e' ? 0.6f : 1.0f;
    case 't': return s == 'u' ? 0.7f : 1.0f;
    case 'C': return s == 'e' ? 0.3f : s == 'c' ? 0.3f : 1.0f; /* ¢: nghi¢p, ¢4 cá */
    case 'Y': return s == 'y' ? 0.2f : s == 'u' ? 0.4f : 1.0f; /* ¥: kỹ, Mỹ, nữ */
    case 'p': return s == 'd' ? 0.4f : 1.0f;
    case 'b': return s == 'o' ? 0.5f : s == 'd' ? 0.6f : 1.0f;
    case 'd': return s == 'o' ? 0.5f : 1.0f;
    case 'i': return s == 'u' ? 0.4f : s == 'a' ? 0.4f : s == 'l' ? 0.6f : s == 'e' ? 0.7f : 1.0f;
    case 'u': return s == 'i' ? 0.6f : s == 'o' ? 0.7f : 1.0f;
    case 'y': return s == 'u' ? 0.4f : s == 'i' ? 0.5f : s == 'o' ? 0.7f : 1.0f; /* by: bộ */
    case 'l': return s == 'u' ? 0.5f : s == 'i' ? 0.5f : 1.0f;
    case 'a': return s == 'u' ? 0.6f : s == 'o' ? 0.6f : s == 'e' ? 0.7f : 1.0f;
    case 'e': return s == 'o' ? 0.5f : s == 'a' ? 0.7f : s == 'c' ? 0.7f : 1.0f;
    case 'o': return s == 'a' ? 0.7f : s == 'u' ? 0.7f : s == 'e' ? 0.7f : 1.0f;
    case 'c': return s == 'e' ? 0.6f : s == 'o' ? 0.7f : 1.0f;
    case 'f': return s == 't' ? 0.6f : 1.0f;
    case 'r': return s == 'u' ? 0.7f : 1.0f;
    case 'v': return s == 'u' ? 0.7f : s == 'y' ? 0.7f : 1.0f;
    case 'n': return s == 'u' ? 0.8f : s == 'h' ? 0.8f : 1.0f;
    case 'm': return s == 'n' ? 0.8f : 1.0f;
    default: return 1.0f;
    }
}

/* Cost of a printed symbol with nothing behind it in the skeleton. */
static float del_cost(char p)
{
    switch (p) {
    case '\'': return 0.2f;
    case '@': case '&': return 0.3f;
    case 'E': case 'C': case '?': return 0.4f;
    case ':': case ';': case '(': case ')': return 0.4f; /* phu:ong, th()ng */
    case 'Y': return 0.3f; /* the tilde and horn of ữ: ni¥ → nữ */
    case 'r': return 0.5f;
    case 'i': return 0.6f;
    default: return (p >= '0' && p <= '9') ? 0.8f : 1.0f;
    }
}

/* Cost of a skeleton letter that was not printed (lost glyph). */
static float ins_cost(char s)
{
    return (s == 'a' || s == 'o' || s == 'u' || s == 'e' || s == 'i') ? 0.8f : 1.0f;
}

/* Cost of two printed symbols standing for one skeleton letter (ư printed
 * as "tr", "ir", "tv"; ũ as "ii"; m as "rn"), or -1. */
static float pair_cost(char p1, char p2, char s)
{
    if (s == 'u') {
        if ((p1 == 't' && (p2 == 'r' || p2 == 'v' || p2 == 'f' || p2 == 't')) ||
            (p1 == 'i' && (p2 == 'r' || p2 == 'v' || p2 == 'i' || p2 == 'f')))
            return 0.3f; /* cif → cứ */
        if (p1 == 'i' && p2 == 't')
            return 0.4f; /* chit → chủ, ditt → dứt */
        if ((p1 == 'l' && (p2 == 'i' || p2 == 'l')) || (p1 == 'i' && p2 == 'l'))
            return 0.4f; /* ũ's two stems as ii, li, ll: ngli → ngũ */
    }
    if (s == 'a' && p1 == 'i' && p2 == 'i')
        return 0.3f; /* ă, â squeezed into two strokes: Viin → Văn */
    if (s == 'm' && p1 == 'r' && p2 == 'n')
        return 0.3f;
    if (s == 'o' && p1 == '6' && p2 == 'e')
        return 0.3f;
    if (s == 'o' && ((p1 == '0' && p2 == '6') || (p1 == '6' && p2 == '0')))
        return 0.3f;
    if (s == 'o' && p1 == 'e' && p2 == '6')
        return 0.3f;
    return -1;
}

/* ---- learned costs where the table has them ------------------------------ */

/* The table's costs are log10; edit costs are in units of
 * GARBLE_EDIT_WEIGHT (the table is used in garble only). A
 * learned cost only lowers the hand-written one. Dev set, garbled docs:
 * hand 96.28; learned costs replacing the hand ones 92.20 (96.32 at half
 * weight); with the token readings, 96.41 replacing at half weight against
 * 96.50 lowering only. The hand costs were tuned with the decoder. */
static float learned(float lc_cost, float hand)
{
    if (lc_cost < 0)
        return hand;
    float l = lc_cost / GARBLE_EDIT_WEIGHT;
    return hand >= 0 && hand < l ? hand : l;
}

static float sub_c(const rs_chan_costs *lc, char p, char s)
{
    if (p == s)
        return 0;
    float h = sub_cost(p, s);
    if (!lc || (unsigned char)p >= 128 || (unsigned char)s >= 128)
        return h;
    return learned(lc->sub[(unsigned char)p][(unsigned char)s], h);
}

static float del_c(const rs_chan_costs *lc, char p)
{
    float h = del_cost(p);
    return lc && (unsigned char)p < 128 ? learned(lc->del[(unsigned char)p], h) : h;
}

static float ins_c(const rs_chan_costs *lc, char s)
{
    float h = ins_cost(s);
    return lc && (unsigned char)s < 128 ? learned(lc->ins[(unsigned char)s], h) : h;
}

/* -1 when neither model has the pair */
static float pair_c(const rs_chan_costs *lc, char p1, char p2, char s)
{
    float h = pair_cost(p1, p2, s);
    if (lc && (unsigned char)p1 < 128 && (unsigned char)p2 < 128 &&
        lc->pair_any[(unsigned char)p1][(unsigned char)p2])
        for (size_t i = 0; i < lc->npair; i++)
            if (lc->pair[i].p1 == p1 && lc->pair[i].p2 == p2 && lc->pair[i].s == s)
                return learned(lc->pair[i].cost, h);
    return h;
}

/* Weighted edit distance, abandoned above max (returns max + 1). lc: the
 * learned costs, or NULL for the hand-written ones. */
static float edit(const rs_chan_costs *lc, const char *p, size_t pn, const char *s, size_t sn,
                  float max)
{
    float d[64][64]; /* d[i][j]: p[0..i) against s[0..j) */
    if (pn >= 63 || sn >= 63)
        return max + 1;
    d[0][0] = 0;
    for (size_t j = 1; j <= sn; j++)
        d[0][j] = d[0][j - 1] + ins_c(lc, s[j - 1]);
    for (size_t i = 1; i <= pn; i++) {
        d[i][0] = d[i - 1][0] + del_c(lc, p[i - 1]);
        float best = d[i][0];
        for (size_t j = 1; j <= sn; j++) {
            float v = d[i - 1][j - 1] + sub_c(lc, p[i - 1], s[j - 1]);
            float a = d[i - 1][j] + del_c(lc, p[i - 1]);
            float b = d[i][j - 1] + ins_c(lc, s[j - 1]);
            if (a < v)
                v = a;
            if (b < v)
                v = b;
            if (i >= 2) {
                float pc = pair_c(lc, p[i - 2], p[i - 1], s[j - 1]);
                if (pc >= 0 && d[i - 2][j - 1] + pc < v)
                    v = d[i - 2][j - 1] + pc;
            }
            d[i][j] = v;
            if (v < best)
                best = v;
        }
        if (best > max + 1.0f) /* a pair step may still bring it back once */
            return max + 1;
    }
    return d[pn][sn];
}

/* ---- the memo ----------------------------------------------------------- */

typedef struct memo_ent {
    char *obs;
    size_t first, count; /* into memo.cand */
} memo_ent;

typedef struct memo {
    memo_ent *t;
    size_t cap, n;
    rs_cand *cand;
    size_t ncand, ccap;
} memo;

void rs_channel_memo_free(rs_doc *d)
{
    memo *m = d->memo;
    if (!m)
        return;
    for (size_t i = 0; i < m->cap; i++)
        free(m->t[i].obs);
    free(m->t);
    free(m->cand);
    free(m);
    d->memo = NULL;
}

static memo_ent *memo_slot(memo *m, const char *obs, size_t n)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 256;
        memo_ent *t = sohoa_xcalloc(cap, sizeof *t);
        for (size_t i = 0; i < m->cap; i++)
            if (m->t[i].obs) {
                const char *o = m->t[i].obs;
                size_t j = rs_hash_str(o, strlen(o)) & (cap - 1);
                while (t[j].obs)
                    j = (j + 1) & (cap - 1);
                t[j] = m->t[i];
            }
        free(m->t);
        m->t = t;
        m->cap = cap;
    }
    size_t j = rs_hash_str(obs, n) & (m->cap - 1);
    while (m->t[j].obs) {
        if (strncmp(m->t[j].obs, obs, n) == 0 && m->t[j].obs[n] == '\0')
            return &m->t[j];
        j = (j + 1) & (m->cap - 1);
    }
    return &m->t[j];
}

static void memo_add(memo *m, rs_cand c)
{
    if (m->ncand == m->ccap) {
        m->ccap = m->ccap ? m->ccap * 2 : 256;
        m->cand = sohoa_xrealloc(m->cand, m->ccap * sizeof *m->cand);
    }
    m->cand[m->ncand++] = c;
}

/* ---- candidates ---------------------------------------------------------- */

/* 1 if obs[0..n) is a valid syllable whose skeleton has forms in the model. */
static int printed_syllable(const sohoa_restorer *r, const char *obs, size_t n)
{
    char sk[64];
    const uint16_t *ids;
    if (!sohoa_syl_valid(obs, n))
        return 0;
    size_t skn = sohoa_fold(obs, n, sk, sizeof sk);
    return skn < sizeof sk && sohoa_lm_skeleton_forms(r->lm, sk, skn, &ids) > 0;
}

typedef struct hit {
    size_t skel;
    float cost;
} hit;

static void search(const sohoa_restorer *r, const rs_chan_costs *lc, const char *sym, size_t sn,
                   float max_cost, hit *best, int *nbest)
{
    *nbest = 0;
    for (size_t k = 0; k < r->nsyl_skel; k++) {
        size_t len;
        const char *s = sohoa_lm_skeleton_at(r->lm, r->syl_skel[k], &len);
        if (len + 2 < sn || len > sn + 2)
            continue;
        if (len == sn && memcmp(s, sym, sn) == 0)
            continue; /* the skeleton itself: candidates.c has its forms */
        float limit = *nbest == MAX_SKELS ? best[MAX_SKELS - 1].cost : max_cost;
        float c = edit(lc, sym, sn, s, len, limit);
        if (c > limit || (*nbest == MAX_SKELS && c >= limit))
            continue;
        int i = *nbest < MAX_SKELS ? (*nbest)++ : MAX_SKELS - 1;
        while (i > 0 && best[i - 1].cost > c) {
            best[i] = best[i - 1];
            i--;
        }
        best[i] = (hit){r->syl_skel[k], c};
    }
}

/* Add c to the memo unless a candidate of the same form is already there
 * for this entry (from index first): then keep the better score. */
static void memo_add_best(memo *m, size_t first, rs_cand c)
{
    for (size_t i = first; i < m->ncand; i++)
        if (m->cand[i].id == c.id) {
            if (c.chan > m->cand[i].chan)
                m->cand[i].chan = c.chan;
            return;
        }
    memo_add(m, c);
}

/* The syllables the table saw obs read for, except those of obs's own
 * skeleton (candidates.c gives those). */
static void table_candidates(memo *m, size_t first, const sohoa_restorer *r, const char *obs,
                             size_t n, float penalty)
{
    const rs_chan_reading *rd;
    size_t nr = rs_chan_table_readings(r->chan, obs, n, &rd);
    if (nr == 0)
        return;
    char skel[64];
    size_t sk = sohoa_fold(obs, n, skel, sizeof skel);
    if (sk >= sizeof skel)
        return;
    for (size_t i = 0; i < nr; i++) {
        const char *form = sohoa_lm_word(r->lm, rd[i].id);
        char fs[64];
        size_t fl = sohoa_fold(form, strlen(form), fs, sizeof fs);
        if (fl == sk && memcmp(fs, skel, sk) == 0)
            continue;
        memo_add_best(m, first, (rs_cand){form, rd[i].score - penalty, rd[i].id, 0});
    }
}

size_t rs_channel_nearest(const sohoa_restorer *r, const char *obs, size_t n, float max_cost,
                          float *cost, const uint16_t **ids)
{
    char sym[64], f[64];
    *ids = NULL;
    *cost = max_cost + 1;
    size_t fl = sohoa_fold(obs, n, f, sizeof f);
    size_t nf = fl < sizeof f ? sohoa_lm_skeleton_forms(r->lm, f, fl, ids) : 0;
    if (nf > 0) {
        *cost = 0;
        return nf;
    }
    size_t sn = symbols(obs, n, sym, sizeof sym);
    if (sn == 0 || sn > 10)
        return 0;
    hit best[MAX_SKELS];
    int nbest = 0;
    search(r, rs_chan_table_costs(r->chan), sym, sn, max_cost, best, &nbest);
    if (nbest == 0 || best[0].cost > max_cost)
        return 0;
    size_t len;
    const char *skel = sohoa_lm_skeleton_at(r->lm, best[0].skel, &len);
    *cost = best[0].cost;
    return sohoa_lm_skeleton_forms(r->lm, skel, len, ids);
}

size_t rs_channel_candidates(rs_doc *d, const sohoa_restorer *r, const char *obs, size_t n,
                             float max_cost)
{
    if (!d->memo)
        d->memo = sohoa_xcalloc(1, sizeof(memo));
    memo *m = d->memo;
    memo_ent *e = memo_slot(m, obs, n);
    if (!e->obs) {
        e->obs = sohoa_xstrndup(obs, n);
        e->first = m->ncand;
        m->n++;
        /* the table learned English-OCR garble: other text keeps the hand model */
        int garble = d->mode == RS_MODE_GARBLE;
        char sym[64];
        size_t sn = symbols(obs, n, sym, sizeof sym);
        hit best[MAX_SKELS];
        int nbest = 0;
        if (sn > 0 && sn <= 10)
            search(r, garble ? rs_chan_table_costs(r->chan) : NULL, sym, sn, max_cost, best,
                   &nbest);
        int marked = 0;
        for (size_t i = 0; i < n; i++)
            marked |= (unsigned char)obs[i] >= 0x80;
        float penalty = marked ? 0.3f : 0;
        /* a printed valid syllable is more often right than an edit away */
        float epen = garble && printed_syllable(r, obs, n) ? VALID_EDIT_PENALTY : 0;
        float weight = garble ? GARBLE_EDIT_WEIGHT : EDIT_WEIGHT;
        if (garble)
            table_candidates(m, e->first, r, obs, n, penalty);
        for (int b = 0; b < nbest; b++) {
            const uint16_t *ids;
            size_t len;
            const char *s = sohoa_lm_skeleton_at(r->lm, best[b].skel, &len);
            size_t nf = sohoa_lm_skeleton_forms(r->lm, s, len, &ids);
            if (nf > FORMS_PER_SKEL)
                nf = FORMS_PER_SKEL;
            for (size_t f = 0; f < nf; f++) {
                float ch = -weight * best[b].cost - penalty - epen, bound;
                /* a syllable the table saw printed often but never as obs:
                 * no likelier than its bound (trong is no misreading of
                 * tương, nor vi of và), mixed with the hand score at
                 * HAND_SHARE */
                if (garble && rs_chan_table_score(r->chan, obs, n, ids[f], &bound) == 2 &&
                    CAP_WEIGHT * bound < ch) {
                    float capped = log10f((1 - HAND_SHARE) * powf(10, CAP_WEIGHT * bound) +
                                          HAND_SHARE * powf(10, ch));
                    if (capped < ch)
                        ch = capped;
                }
                memo_add_best(m, e->first,
                              (rs_cand){sohoa_lm_word(r->lm, ids[f]), ch, ids[f], 0});
            }
        }
        e->count = m->ncand - e->first;
    }
    for (size_t i = 0; i < e->count; i++) {
        const rs_cand *c = &m->cand[e->first + i];
        rs_doc_add_cand(d, c->id, c->chan, c->form);
    }
    return e->count;
}
