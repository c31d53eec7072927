/* places.c — the gazetteer of dictionaries/places-*.txt used as a decision
 * for place names after their unit word: "UBND HUYEN DONG HOA" names a
 * district, and if exactly one district's name has the skeleton
 * "dong hoa", the restorer takes that name (Đông Hòa) and the unit word
 * (HUYỆN) with a strong bonus. Those choices come out of the first
 * decoding confident, so the per-document cache carries them to later
 * mentions of the name.
 *
 * Files: places-*.txt of the dictionaries directory, lines
 * NAME<TAB>UNIT[<TAB>WHERE] ('#' comments). Key: the skeleton of the unit
 * word(s) and of the name ("huyen dong hoa"); value: the name in lower-case
 * LM form, or AMBIGUOUS when two different names share the key. A name is
 * matched only when its words are capitalised (a name, not prose) and its
 * printed skeleton equals the key's; the longest name wins.
 *
 * Read with the same pass: how many names hold each syllable, and the
 * unit words, for the prior on names the gazetteer does not hold
 * (place_prior.c); and the names' syllables the language model does not
 * know (4 % of the names hold one: Mường Pồn, Xín Mần, Ia Pnôn), which
 * would otherwise never be a candidate: candidates.c offers them for
 * capitalised words of their skeleton (with the names' syllables it knows
 * but ranks too low to offer: Luông against Lương).
 *
 * One's own names (rs_places_add_names: the names.txt `sohoa lm adapt`
 * writes beside an adapted model) are matched the same way without a unit
 * word: a run of 2 to 4 capitalised words whose skeletons read as one of
 * them. Forms a match picked are never pruned (restore.c's `named`). */
#include "restore_int.h"

#include <stdlib.h>
#include <string.h>
#include "sohoa/buf.h"
#include "sohoa/syllable.h"
#include "sohoa/textfile.h"

#define PLACE_BONUS 2.0f   /* log10: a gazetteer match outweighs the LM */
/* log10: one's own names (rs_places_add_names) come with no unit word to
 * vouch for them, but from one's own documents, where a name's rarer
 * spelling is the one meant (Nà Luông, not the common Lương) */
#define OWN_NAME_BONUS 4.0f
#define MAX_NAME_WORDS 4
#define MAX_UNIT_WORDS 2

/* The value of a key two different names share: no decision. */
#define AMBIGUOUS ""

#define MAX_UNITS 32
#define UNIT_BYTES 32 /* a unit's skeleton and its NUL */

struct rs_places {
    rs_strmap map; /* "unit-skeleton name-skeleton" → LM form of "unit name" */
    rs_strmap rare; /* skeleton → the names' syllables of it no candidate
                       would spell (unknown to the LM, or under its form
                       cut-off), one space apart (made with a model only) */
    rs_strmap names; /* one's own names (rs_places_add_names): skeleton of
                        the name → its LM form, or AMBIGUOUS */
    uint32_t *names_with; /* by LM id: names holding the syllable (place_prior.c) */
    size_t nvocab;
    char unit[MAX_UNITS][UNIT_BYTES]; /* the unit words' skeletons ("huyen", "thi tran") */
    size_t nunit;
    /* each unit's first word's length, where its last one starts, and its
     * length */
    uint8_t first_len[MAX_UNITS], last_at[MAX_UNITS], last_len[MAX_UNITS];
};

const char *rs_places_find(const rs_places *p, const char *key, size_t n)
{
    return p ? rs_strmap_get(&p->map, key, n) : NULL;
}

/* The LM form of the word w[0..n) into f (128 bytes): its length, or 0
 * when it is not a plain syllable (a number, a hyphen). Remembered in memo
 * by spelling ("" for 0): the gazetteer repeats a few thousand syllables,
 * and finding one's LM form costs much more than a lookup. */
static size_t word_form(rs_strmap *memo, const char *w, size_t n, char f[128])
{
    char key[128];
    if (n < sizeof key) {
        const char *had = rs_strmap_get(memo, w, n);
        if (had) {
            size_t l = strlen(had);
            memcpy(f, had, l + 1);
            return l;
        }
    }
    size_t fl = sohoa_lm_form(w, n, f, 128);
    if (fl == 0 || fl >= 128 || !sohoa_syl_valid(f, fl))
        fl = 0;
    if (n < sizeof key) {
        memcpy(key, w, n);
        key[n] = '\0';
        rs_strmap_put(memo, key, fl ? f : "", 0);
    }
    return fl;
}

/* The LM form of every word of s[0..n) joined by single spaces into out;
 * 0 if a word is not a plain syllable (a number, a hyphen). */
static size_t words_form(rs_strmap *memo, const char *s, size_t n, sohoa_buf *out)
{
    size_t words = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && s[i] == ' ')
            i++;
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        if (j == i)
            break;
        char f[128];
        size_t fl = word_form(memo, s + i, j - i, f);
        if (fl == 0)
            return 0;
        if (words)
            sohoa_buf_puts(out, " ");
        sohoa_buf_append(out, f, fl);
        words++;
        i = j;
    }
    return words;
}

/* The gazetteer being read, with its memo of word forms. */
typedef struct loader {
    rs_places *p;
    rs_strmap forms;
    const sohoa_lm *lm; /* for the syllable counts, or NULL */
    rs_strmap looked;   /* syllables already asked whether they are rare */
} loader;

/* Remember the skeleton of the unit word(s) u[0..n). */
static void add_unit(rs_places *p, const char *u, size_t n)
{
    char sk[UNIT_BYTES];
    size_t l = sohoa_fold(u, n, sk, sizeof sk);
    if (l >= sizeof sk)
        return;
    sk[l] = '\0';
    for (size_t i = 0; i < p->nunit; i++)
        if (strcmp(p->unit[i], sk) == 0)
            return;
    if (p->nunit == MAX_UNITS)
        return;
    strcpy(p->unit[p->nunit], sk);
    const char *sp = strchr(sk, ' ');
    p->first_len[p->nunit] = (uint8_t)(sp ? (size_t)(sp - sk) : l);
    sp = strrchr(sk, ' ');
    p->last_at[p->nunit] = (uint8_t)(sp ? (size_t)(sp + 1 - sk) : 0);
    p->last_len[p->nunit] = (uint8_t)(l - p->last_at[p->nunit]);
    p->nunit++;
}

/* The syllable f[0..n), which no candidate would spell, among the rare
 * forms of its skeleton. */
static void add_rare(rs_places *p, const char *f, size_t n)
{
    char sk[128], form[128];
    size_t kl = sohoa_fold(f, n, sk, sizeof sk);
    if (kl >= sizeof sk || n >= sizeof form)
        return;
    memcpy(form, f, n);
    form[n] = '\0';
    const char *had = rs_strmap_get(&p->rare, sk, kl);
    if (!had) {
        sk[kl] = '\0';
        rs_strmap_put(&p->rare, sk, form, 0);
        return;
    }
    for (const char *h = had; *h;) { /* already there? */
        const char *e = strchr(h, ' ');
        size_t l = e ? (size_t)(e - h) : strlen(h);
        if (l == n && memcmp(h, f, n) == 0)
            return;
        h += l + (e != NULL);
    }
    sohoa_buf b = SOHOA_BUF_INIT;
    sohoa_buf_printf(&b, "%s %s", had, form);
    sk[kl] = '\0';
    rs_strmap_put(&p->rare, sk, b.data, 1);
    sohoa_buf_free(&b);
}

/* Whether the known syllable f[0..n) (LM id) is ranked so far under the
 * first form of its skeleton that it is no candidate (RS_FORM_CUTOFF). */
static int under_cutoff(const sohoa_lm *lm, const char *f, size_t n, uint16_t id)
{
    char sk[128];
    size_t kl = sohoa_fold(f, n, sk, sizeof sk);
    const uint16_t *ids = NULL;
    if (kl >= sizeof sk || sohoa_lm_skeleton_forms(lm, sk, kl, &ids) == 0)
        return 0;
    return sohoa_lm_score(lm, NULL, 0, id) < sohoa_lm_score(lm, NULL, 0, ids[0]) - RS_FORM_CUTOFF;
}

/* For each syllable of the name forms s[0..n) (LM forms, one space
 * apart): one more name holds it, if count and the model knows it; a rare
 * form if the model does not, or ranks it under its form cut-off. */
static void name_syllables(loader *ld, const char *s, size_t n, int count)
{
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        uint16_t id = sohoa_lm_id(ld->lm, s + i, j - i);
        if (id != SOHOA_LM_UNK && id < ld->p->nvocab && count)
            ld->p->names_with[id]++;
        /* a name list repeats its syllables: each is looked at once */
        if (j > i && j - i < 128 && !rs_strmap_get(&ld->looked, s + i, j - i)) {
            char k[128];
            memcpy(k, s + i, j - i);
            k[j - i] = '\0';
            rs_strmap_put(&ld->looked, k, "", 0);
            if (id == SOHOA_LM_UNK || under_cutoff(ld->lm, s + i, j - i, id))
                add_rare(ld->p, s + i, j - i);
        }
        i = j + 1;
    }
}

/* key (the skeleton of form[0..n), LM forms of a name, or "unit name") →
 * form in m; AMBIGUOUS when another form has the same key. */
static void put_name(rs_strmap *m, const char *form, size_t n)
{
    char *key = sohoa_xmalloc(n + 1);
    size_t kl = sohoa_fold(form, n, key, n + 1);
    if (kl <= n) {
        const char *had = rs_strmap_get(m, key, kl);
        key[kl] = '\0';
        if (!had)
            rs_strmap_put(m, key, form, 0);
        else if (*had && strcmp(had, form) != 0)
            rs_strmap_put(m, key, AMBIGUOUS, 1);
    }
    free(key);
}

static void add_line(loader *ld, const char *s, size_t n)
{
    rs_places *p = ld->p;
    const char *t1 = memchr(s, '\t', n);
    if (!t1)
        return;
    const char *u = t1 + 1;
    const char *t2 = memchr(u, '\t', (size_t)(s + n - u));
    size_t ul = t2 ? (size_t)(t2 - u) : (size_t)(s + n - u);
    sohoa_buf form = SOHOA_BUF_INIT;
    size_t uw = words_form(&ld->forms, u, ul, &form);
    sohoa_buf_puts(&form, " ");
    size_t name_at = form.len;
    size_t nw = words_form(&ld->forms, s, (size_t)(t1 - s), &form);
    if (uw && uw <= MAX_UNIT_WORDS)
        add_unit(p, u, ul);
    if (nw && ld->lm)
        name_syllables(ld, form.data + name_at, form.len - name_at, 1);
    if (uw && uw <= MAX_UNIT_WORDS && nw && nw <= MAX_NAME_WORDS)
        put_name(&p->map, form.data, form.len);
    sohoa_buf_free(&form);
}

static void place_line(void *ctx, const char *s, size_t n, size_t lineno)
{
    (void)lineno;
    if (n && s[0] != '#')
        add_line(ctx, s, n);
}

/* One line of a names file: NAME[<TAB>anything]. */
static void name_line(void *ctx, const char *s, size_t n, size_t lineno)
{
    (void)lineno;
    loader *ld = ctx;
    if (n == 0 || s[0] == '#')
        return;
    const char *tab = memchr(s, '\t', n);
    size_t nl = tab ? (size_t)(tab - s) : n;
    sohoa_buf form = SOHOA_BUF_INIT;
    size_t nw = words_form(&ld->forms, s, nl, &form);
    if (nw >= 2 && nw <= MAX_NAME_WORDS) {
        if (ld->lm)
            name_syllables(ld, form.data, form.len, 0);
        put_name(&ld->p->names, form.data, form.len);
    }
    sohoa_buf_free(&form);
}

int rs_places_add_names(rs_places *p, const char *path, const sohoa_lm *lm, sohoa_err *err)
{
    loader ld = {p, {0}, lm, {0}};
    int rc = sohoa_text_lines(path, (size_t)64 << 20, name_line, &ld, err);
    rs_strmap_free(&ld.forms);
    rs_strmap_free(&ld.looked);
    return rc;
}

/* Units of settlements below the commune, which the gazetteer (communes
 * and above) never names: their names are place names all the same. */
static const char *const VILLAGE_UNITS[] = {"thôn", "xóm", "ấp", "làng", "khu phố", "tổ dân phố"};

int rs_places_load(const char *dir, const sohoa_lm *lm, rs_places **out, sohoa_err *err)
{
    rs_places *p = sohoa_xcalloc(1, sizeof *p);
    for (size_t i = 0; i < sizeof VILLAGE_UNITS / sizeof *VILLAGE_UNITS; i++)
        add_unit(p, VILLAGE_UNITS[i], strlen(VILLAGE_UNITS[i]));
    p->nvocab = lm ? sohoa_lm_vocab_size(lm) : 0;
    p->names_with = sohoa_xcalloc(p->nvocab ? p->nvocab : 1, sizeof *p->names_with);
    loader ld = {p, {0}, lm, {0}};
    int rc = rs_dict_read(dir, "places-", place_line, &ld, err);
    rs_strmap_free(&ld.forms);
    rs_strmap_free(&ld.looked);
    if (rc) {
        rs_places_free(p);
        p = NULL;
    }
    *out = p;
    return rc;
}

/* In a cache: the map, the syllables' name counts, the unit words. */
void rs_places_save(const rs_places *p, sohoa_buf *out)
{
    rs_strmap_save(&p->map, out);
    rs_blob_put_u64(out, p->nvocab);
    for (size_t i = 0; i < p->nvocab; i++)
        rs_blob_put_u32(out, p->names_with[i]);
    rs_blob_put_u32(out, (uint32_t)p->nunit);
    for (size_t i = 0; i < p->nunit; i++)
        rs_blob_put_str(out, p->unit[i]);
    rs_strmap_save(&p->rare, out);
}

rs_places *rs_places_restore(rs_blob *in, size_t nvocab)
{
    rs_places *p = sohoa_xcalloc(1, sizeof *p);
    int ok = rs_strmap_restore(&p->map, in) && rs_blob_u64(in) == nvocab;
    p->nvocab = ok ? nvocab : 0;
    p->names_with = sohoa_xcalloc(p->nvocab ? p->nvocab : 1, sizeof *p->names_with);
    for (size_t i = 0; ok && i < nvocab; i++)
        p->names_with[i] = rs_blob_u32(in);
    uint32_t nu = ok ? rs_blob_u32(in) : 0;
    ok = ok && !in->bad && nu <= MAX_UNITS;
    for (uint32_t i = 0; ok && i < nu; i++) {
        const char *u = rs_blob_str(in);
        ok = u && strlen(u) < UNIT_BYTES;
        if (ok)
            add_unit(p, u, strlen(u)); /* a skeleton already: folds to itself */
    }
    ok = ok && rs_strmap_restore(&p->rare, in);
    if (!ok) {
        rs_places_free(p);
        return NULL;
    }
    return p;
}

size_t rs_places_size(const rs_places *p)
{
    return p ? p->map.n + p->names.n : 0;
}

void rs_places_free(rs_places *p)
{
    if (!p)
        return;
    rs_strmap_free(&p->map);
    rs_strmap_free(&p->rare);
    rs_strmap_free(&p->names);
    free(p->names_with);
    free(p);
}

const char *rs_places_rare_forms(const rs_places *p, const char *skel, size_t n)
{
    return p && p->rare.n ? rs_strmap_get(&p->rare, skel, n) : NULL;
}

uint32_t rs_places_names_with(const rs_places *p, uint16_t id)
{
    return p && id < p->nvocab ? p->names_with[id] : 0;
}

/* ---- matching a document --------------------------------------------------- */

/* Candidate of token t whose form is f[0..n), or -1. */
static long cand_with(const rs_doc *d, const rs_tok *t, const char *f, size_t n)
{
    for (size_t k = 0; k < t->ncand; k++) {
        const char *x = d->cand[t->cand0 + k].form;
        if (x && strlen(x) == n && memcmp(x, f, n) == 0)
            return (long)k;
    }
    return -1;
}

/* Give the bonus to the candidates of tokens from..from+nw spelling the
 * words of val; nothing if one of them has no such candidate (a token
 * already printed in that form needs none). Returns 1 if it matched. */
static int mark(const rs_doc *d, size_t from, size_t nw, const char *val, float gain,
                float *bonus, uint8_t *matched)
{
    long pick[MAX_UNIT_WORDS + MAX_NAME_WORDS];
    const char *s = val;
    for (size_t w = 0; w < nw; w++) {
        const char *e = strchr(s, ' ');
        size_t l = e ? (size_t)(e - s) : strlen(s);
        const rs_tok *t = &d->tok[from + w];
        char lc[128];
        size_t pl = sohoa_lm_form(d->text + t->off, t->len, lc, sizeof lc);
        pick[w] = cand_with(d, t, s, l);
        if (pick[w] < 0 && !(pl == l && memcmp(lc, s, l) == 0))
            return 0;
        s = e ? e + 1 : s + l;
    }
    for (size_t w = 0; w < nw; w++) {
        if (pick[w] < 0)
            continue;
        size_t k = d->tok[from + w].cand0 + (size_t)pick[w];
        /* a rare form paid to be a candidate at all: in a name the
         * gazetteer (or one's list) holds it is as sure as the rest */
        bonus[k] += gain - (d->cand[k].rare ? RS_RARE_PLACE_COST : 0);
        if (matched)
            matched[k] = 1;
    }
    return 1;
}

/* Tokens from i on that can be part of one name: words, adjacent, in one
 * context segment (a line break inside it is no boundary: "huyện" may end
 * a line and its name start the next). Returns how many (at most max). */
static size_t run_of_words(const rs_doc *d, size_t i, size_t max)
{
    size_t k = 0;
    while (k < max && i + k < d->ntok) {
        const rs_tok *t = &d->tok[i + k];
        if (t->kind != RS_WORD)
            break;
        if (k && d->tok[i + k - 1].ends_context)
            break;
        k++;
    }
    return k;
}

/* The skeletons of tokens i..i+n joined by spaces into b. */
static void skeletons(const rs_doc *d, size_t i, size_t n, sohoa_buf *b)
{
    sohoa_buf_clear(b);
    for (size_t k = 0; k < n; k++) {
        const rs_tok *t = &d->tok[i + k];
        char f[128];
        size_t l = sohoa_fold(d->text + t->off, t->len, f, sizeof f);
        if (l >= sizeof f)
            l = 0;
        if (k)
            sohoa_buf_puts(b, " ");
        sohoa_buf_append(b, f, l);
    }
}

/* Whether token t's skeleton is the first (or, with last, the last) word
 * of a unit's ("thi tran": thi, tran): a quick no before the skeletons of
 * several tokens are made and looked up, for the many capitalised words
 * that follow no unit word (the gazetteer and its prior were 5 % of the
 * instructions of a restoration, most of it folding those again and
 * again). */
static int unit_word(const rs_doc *d, const rs_places *p, const rs_tok *t, int last)
{
    char f[UNIT_BYTES];
    size_t n = sohoa_fold(d->text + t->off, t->len, f, sizeof f);
    if (n >= sizeof f)
        return 0; /* longer than any unit */
    for (size_t u = 0; u < p->nunit; u++) {
        const char *w = p->unit[u] + (last ? p->last_at[u] : 0);
        if ((last ? p->last_len[u] : p->first_len[u]) == n && memcmp(w, f, n) == 0)
            return 1;
    }
    return 0;
}

int rs_places_unit_before(const rs_doc *d, const rs_places *p, size_t j)
{
    if (j == 0 || d->tok[j - 1].kind != RS_WORD || d->tok[j - 1].ends_context ||
        !unit_word(d, p, &d->tok[j - 1], 1))
        return 0;
    int found = 0;
    sohoa_buf b = SOHOA_BUF_INIT;
    for (size_t n = 1; !found && n <= MAX_UNIT_WORDS + 1 && n <= j; n++) {
        const rs_tok *t = &d->tok[j - n];
        if (t->kind != RS_WORD || t->ends_context)
            break; /* no word, or the context starts after it */
        skeletons(d, j - n, n, &b);
        for (size_t u = 0; !found && u < p->nunit; u++)
            found = b.len && strcmp(p->unit[u], b.data) == 0;
    }
    sohoa_buf_free(&b);
    return found;
}

/* The longest gazetteer match of unit words + name starting at token i:
 * its total number of tokens, or 0. */
static size_t match_at(const rs_doc *d, const rs_places *p, size_t i, float *bonus,
                       uint8_t *matched, sohoa_buf *b)
{
    size_t run = run_of_words(d, i, MAX_UNIT_WORDS + MAX_NAME_WORDS);
    int first = -1; /* whether token i can start a unit: not asked yet */
    for (size_t uw = 1; uw <= MAX_UNIT_WORDS; uw++) {
        /* the name's words must be capitalised: how many in a row are */
        size_t named = 0;
        while (uw + named < run && (d->tok[i + uw + named].upper == 1 ||
                                    d->tok[i + uw + named].upper == 2))
            named++;
        if (named && first < 0)
            first = unit_word(d, p, &d->tok[i], 0);
        if (!first)
            return 0; /* every key starts with a unit word */
        for (size_t nw = named < MAX_NAME_WORDS ? named : MAX_NAME_WORDS; nw >= 1; nw--) {
            skeletons(d, i, uw + nw, b);
            const char *v = rs_places_find(p, b->data, b->len);
            if (!v)
                continue;
            if (!*v) /* AMBIGUOUS */
                break; /* the longest name is not certain: leave it to the LM */
            return mark(d, i, uw + nw, v, PLACE_BONUS, bonus, matched) ? uw + nw : 0;
        }
    }
    return 0;
}

/* The longest of one's own names (rs_places_add_names) starting at token
 * i, all its words capitalised: its number of tokens, or 0. */
static size_t name_at(const rs_doc *d, const rs_places *p, size_t i, float *bonus,
                      uint8_t *matched, sohoa_buf *b)
{
    if (!p->names.n)
        return 0;
    size_t run = run_of_words(d, i, MAX_NAME_WORDS), named = 0;
    while (named < run && (d->tok[i + named].upper == 1 || d->tok[i + named].upper == 2))
        named++;
    for (size_t nw = named; nw >= 2; nw--) {
        skeletons(d, i, nw, b);
        const char *v = rs_strmap_get(&p->names, b->data, b->len);
        if (!v)
            continue;
        if (!*v)
            return 0; /* two of one's names fold alike: leave it to the LM */
        return mark(d, i, nw, v, OWN_NAME_BONUS, bonus, matched) ? nw : 0;
    }
    return 0;
}

size_t rs_places_bonus(const rs_doc *d, const rs_places *p, float *bonus, uint8_t *matched)
{
    if (!p || (!p->map.n && !p->names.n))
        return 0;
    sohoa_buf b = SOHOA_BUF_INIT;
    size_t found = 0;
    for (size_t i = 0; i < d->ntok; i++) {
        if (d->tok[i].kind != RS_WORD)
            continue;
        size_t m = p->map.n ? match_at(d, p, i, bonus, matched, &b) : 0;
        if (!m)
            m = name_at(d, p, i, bonus, matched, &b);
        if (m) {
            found++;
            i += m - 1;
        }
    }
    sohoa_buf_free(&b);
    return found;
}
