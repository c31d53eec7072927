/* glued.c — words run together where a space was lost (issue #12).
 * Owner: restore.
 *
 * Text extracted from PDFs or typed in haste loses spaces: "muađồ",
 * "hiệntại", "củaTrường". Stripped of their marks ("muado", "hientai",
 * "cuaTruong") no skeleton of the model spells them, so they were kept as
 * printed, unrestored. A word of ASCII letters whose skeleton the model
 * does not know, in lower case or with a capital inside (KhanhVan,
 * MauvaTuy), is read as 2 to RS_GLUED_MAX syllables when its
 * letters split into skeletons the model knows (two letters or more each,
 * a capital only at the start of a piece) and the best reading of some
 * split is likely enough: its forms' bigram log10 probability, the first
 * form's unigram included, GLUED_PER_PIECE or more a piece. The likeliest
 * split is taken; the decoder restores its pieces in context, and they are
 * written back side by side ("muađồ"), as printed.
 *
 * The threshold and the lower-case rule were set on the training corpus,
 * not on evaluation text: every sixth line of ../shared/corpus, stripped
 * and restored, where the printed word tells a glued Vietnamese one
 * (marked letters) from a foreign one (none). Of capitalised words that
 * split, most are foreign names (Balanchine, Benton, Belgrade), but not
 * of those with a capital inside: 5 Vietnamese and 1 other split at -3.0
 * (SoDo), the other 24 foreign (McQueen, CityBus) under -3.2; of
 * lower-case ones, at -3.0 a piece 85 Vietnamese and 8 others split
 * (aide, tobacco, labia; some of the 8 are Vietnamese printed without
 * marks), 47 Vietnamese stay whole; at -3.25, 101 and 15; at -2.75, 64
 * and 5 (notes/restore-session32.md). */
#include "restore_int.h"

#include <string.h>

#define GLUED_MAX RS_GLUED_MAX /* pieces */
#define GLUED_MIN_PIECE 2     /* letters */
#define GLUED_MAX_PIECE 7     /* letters: the longest syllable (nghiêng) */
#define GLUED_MAX_LEN (GLUED_MAX * GLUED_MAX_PIECE)
/* Forms of a piece read: its most frequent ones. This bounds the work on
 * a word (splits x pieces x forms^2 LM questions) whatever the text. */
#define GLUED_FORMS 8
#define GLUED_PER_PIECE -3.0f /* least mean log10 a piece of the best reading */

typedef struct split_state {
    const sohoa_lm *lm;
    const char *low; /* the word in lower case */
    const char *s;   /* as printed */
    size_t n;
    size_t cut[GLUED_MAX + 1]; /* piece k is low[cut[k] .. cut[k + 1]) */
    const uint16_t *ids[GLUED_MAX]; /* the model's forms of piece k */
    size_t nids[GLUED_MAX];
    int k;                     /* pieces so far */
    float best;                /* best total so far */
    int best_k;
    size_t best_cut[GLUED_MAX + 1];
} split_state;

static int ascii_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

/* The GLUED_FORMS most frequent of the n forms ids (a trained model
 * numbers its words most frequent first) into top; how many. */
static size_t most_frequent(const uint16_t *ids, size_t n, uint16_t *top)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = k < GLUED_FORMS ? k++ : GLUED_FORMS;
        if (j == GLUED_FORMS) {
            if (ids[i] >= top[GLUED_FORMS - 1])
                continue;
            j = GLUED_FORMS - 1;
        }
        while (j > 0 && top[j - 1] > ids[i]) {
            top[j] = top[j - 1];
            j--;
        }
        top[j] = ids[i];
    }
    return k;
}

float rs_glued_reading(const sohoa_lm *lm, const uint16_t *const *forms, const size_t *nforms,
                       int k)
{
    float prev_score[GLUED_FORMS], score[GLUED_FORMS];
    uint16_t prev_id[GLUED_FORMS];
    size_t nprev = 0;
    for (int p = 0; p < k; p++) {
        uint16_t ids[GLUED_FORMS];
        size_t nf = most_frequent(forms[p], nforms[p], ids);
        for (size_t f = 0; f < nf; f++) {
            if (p == 0) {
                score[f] = sohoa_lm_score(lm, NULL, 0, ids[f]);
                continue;
            }
            float b = -1e30f;
            for (size_t q = 0; q < nprev; q++) {
                float v = prev_score[q] + sohoa_lm_score(lm, &prev_id[q], 1, ids[f]);
                if (v > b)
                    b = v;
            }
            score[f] = b;
        }
        for (size_t f = 0; f < nf; f++) {
            prev_score[f] = score[f];
            prev_id[f] = ids[f];
        }
        nprev = nf;
    }
    float b = -1e30f;
    for (size_t q = 0; q < nprev; q++)
        if (prev_score[q] > b)
            b = prev_score[q];
    return b;
}

/* Try every split of low[at ..] into pieces the model knows. */
static void search(split_state *st, size_t at)
{
    if (at == st->n) {
        if (st->k < 2)
            return;
        float v = rs_glued_reading(st->lm, st->ids, st->nids, st->k);
        if (v > st->best) {
            st->best = v;
            st->best_k = st->k;
            memcpy(st->best_cut, st->cut, sizeof st->cut);
        }
        return;
    }
    if (st->k == GLUED_MAX)
        return;
    for (size_t end = at + 1; end <= st->n; end++) {
        if (end - 1 > at && ascii_upper(st->s[end - 1]))
            break; /* a capital inside a piece: only at its start */
        if (end - at > GLUED_MAX_PIECE)
            break;
        if (end - at < GLUED_MIN_PIECE || st->n - end == 1)
            continue; /* a piece too short, or a rest too short */
        if (st->k == 0 && end == st->n)
            break; /* the whole word: not a split */
        size_t nf = sohoa_lm_skeleton_forms(st->lm, st->low + at, end - at, &st->ids[st->k]);
        if (!nf)
            continue;
        st->nids[st->k] = nf;
        st->cut[st->k] = at;
        st->cut[++st->k] = end;
        search(st, end);
        st->k--;
    }
}

int rs_glued_split(const sohoa_lm *lm, const char *s, size_t n, uint8_t *len)
{
    if (n < 2 * GLUED_MIN_PIECE || n > GLUED_MAX_LEN)
        return 0;
    char low[GLUED_MAX_LEN + 1];
    int inner_capital = 0;
    for (size_t i = 0; i < n; i++) {
        inner_capital |= i > 0 && ascii_upper(s[i]);
        char c = s[i];
        if (ascii_upper(c))
            c = (char)(c - 'A' + 'a');
        else if (c < 'a' || c > 'z')
            return 0;
        if (ascii_upper(s[i]) && i + 1 < n && ascii_upper(s[i + 1]))
            return 0; /* two capitals together: an acronym, a code */
        low[i] = c;
    }
    low[n] = '\0';
    if (ascii_upper(s[0]) && !inner_capital)
        return 0; /* capitalised: mostly foreign names (Balanchine, Benton) */
    const uint16_t *ids;
    if (sohoa_lm_skeleton_forms(lm, low, n, &ids))
        return 0; /* a word the model knows */
    split_state st = {.lm = lm, .low = low, .s = s, .n = n, .best = -1e30f};
    search(&st, 0);
    if (st.best_k < 2 || st.best < GLUED_PER_PIECE * (float)st.best_k)
        return 0;
    for (int p = 0; p < st.best_k; p++)
        len[p] = (uint8_t)(st.best_cut[p + 1] - st.best_cut[p]);
    return st.best_k;
}
