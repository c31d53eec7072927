/* tokens.c — the token view of a document for the restorer.
 * Owner: restore (issue #12).
 *
 * Each whitespace-separated word becomes its leading punctuation (one
 * fixed token per character), its core and its trailing punctuation. A core
 * is fixed (kept, or rewritten by the abbreviation lexicon) when it is a
 * number, a code or URL (inner punctuation: 86/KH-UBND, 18/11/2021), or an
 * all-caps abbreviation; otherwise it is a word to restore, whose
 * candidates come from candidates.c. Where context ends is marked by
 * context_breaks.c, what capitals say by case_evidence.c.
 *
 * Before candidates are made the document's mode is decided from its own
 * words (restore_int.h: stripped, clean, or foreign-OCR garble). */
#include "restore_int.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include "sohoa/buf.h"
#include "sohoa/syllable.h"
#include "sohoa/utf8.h"
#include "word_memo.h"

#define O_SYMBOL_OTHER -1.0f /* log10: another reading of a lone @ & ¢ 0 than ở, of ¥ than ý */
#define O_SYMBOL_KEEP -2.0f  /* log10: a lone @ & ¢ 0 or ¥ kept as printed */
#define MISREAD_KEEP -2.5f /* log10: keeping a misread word as printed (an unknown word) */
#define LOSSY_MIN 2        /* lossy_text: bare clusters (nh, ph) in a document ... */
#define LOSSY_SHARE 0.002  /* ... and their share of its words (0.5 % in a seed) */
#define LOST_KEEP -1.5f /* log10: a fragment of lossy text kept as printed (lost_alone) */
#define GHOST_MAX 2     /* letters of a word lost whole that is put back (lost_ghost) */

/* A new token of `kind` for text[off..off+n), of input line `line` and
 * whitespace-separated word `word`; everything else zero. */
static rs_tok *new_tok(rs_doc *d, int kind, size_t off, size_t n, int line, int word)
{
    if (d->ntok == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 1024;
        d->tok = sohoa_xrealloc(d->tok, d->cap * sizeof *d->tok);
    }
    rs_tok *t = &d->tok[d->ntok++];
    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->off = off;
    t->len = n;
    t->line = line;
    t->word = word;
    t->ocr_conf = -1;
    t->conf = 1;
    return t;
}

void rs_doc_free(rs_doc *d)
{
    rs_channel_memo_free(d);
    for (size_t i = 0; i < d->nowned; i++)
        free(d->owned[i]);
    free(d->owned);
    free(d->tok);
    free(d->cand);
    free(d->line_off);
    free(d->post);
    memset(d, 0, sizeof *d);
}

/* ---- classifying cores ------------------------------------------------- */

/* Characters an English OCR model leaves inside or after Vietnamese words
 * for horns and marks it cannot read: tru’éc, hu@ng, Sở&, tht?c, k¥. */
static int ocr_debris(uint32_t cp)
{
    return cp == 0x2019 || cp == 0x2018 || cp == '\'' || cp == '`' || cp == 0xB4 || cp == '@' ||
           cp == '&' || cp == '?' || cp == 0xA2 /* ¢ for ệ */ || cp == 0x20AC /* € for ề */ ||
           cp == 0xA5 /* ¥ for ỹ, ữ */;
}

/* Marks an English OCR model prints inside a Vietnamese word for a vowel's
 * horn, hat or hook: phu:ong (phương), glu:a (giữa), th()ng (thông),
 * Cé)ng (Cổng), N§i (Nội). Debris only inside a word of one syllable's
 * letters (classify); elsewhere they are the punctuation they look like. */
static int mark_misread(uint32_t cp)
{
    return cp == ':' || cp == ';' || cp == '(' || cp == ')' || cp == 0xA7 /* § */;
}

typedef struct core_info {
    int has_digit, has_alpha, inner_punct, marked, upper, valid, in_vocab;
    int odd_only; /* every inner punctuation character is OCR debris (’ @ & ?) */
    char lc[256];  /* LM form ("<num>" for digits) */
    size_t lcn;
    uint16_t lm_id; /* LM id of lc */
    char low[256]; /* plain lower case (digits kept) */
    size_t lown;
} core_info;

static void lower_plain(const char *s, size_t n, char *out, size_t cap, size_t *len)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(s + i, n - i, &cp);
        if (l == 0) {
            cp = 0xFFFD;
            l = 1;
        }
        char enc[4];
        size_t el = sohoa_utf8_encode((uint32_t)u_tolower((UChar32)cp), enc);
        if (o + el + 1 > cap)
            break;
        memcpy(out + o, enc, el);
        o += el;
        i += l;
    }
    out[o] = '\0';
    *len = o;
}

static void classify(const sohoa_restorer *r, const char *s, size_t n, core_info *ci)
{
    memset(ci, 0, sizeof *ci);
    ci->odd_only = 1;
    int misread = 0;
    size_t letters = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(s + i, n - i, &cp);
        if (l == 0)
            l = 1;
        if (u_isdigit((UChar32)cp))
            ci->has_digit = 1;
        else if (u_isalpha((UChar32)cp)) {
            ci->has_alpha = 1;
            letters++;
            if (cp >= 0x80)
                ci->marked = 1;
        } else {
            ci->inner_punct = 1;
            if (mark_misread(cp))
                misread = 1;
            else if (!ocr_debris(cp))
                ci->odd_only = 0;
        }
        i += l;
    }
    if (misread && (ci->has_digit || letters > 7 || letters < 2))
        ci->odd_only = 0; /* no word of one syllable: punctuation (chính;tạo) */
    ci->upper = sohoa_case_pattern(s, n);
    ci->lcn = sohoa_lm_form(s, n, ci->lc, sizeof ci->lc);
    lower_plain(s, n, ci->low, sizeof ci->low, &ci->lown);
    ci->valid = !ci->has_digit && !ci->inner_punct && sohoa_syl_valid(s, n);
    ci->lm_id = sohoa_lm_id(r->lm, ci->lc, ci->lcn);
    ci->in_vocab = ci->lm_id != SOHOA_LM_UNK;
}

/* The token builder's state: the document, its restorer and options, and
 * the memo of what each distinct core string is. */
typedef struct builder {
    rs_doc *d;
    const sohoa_restorer *r;
    const sohoa_restore_opts *o;
    rs_word_memo *memo;
    int32_t punct_id[128]; /* LM ids of ASCII punctuation, -1 until looked up */
    unsigned glued_budget; /* garble cores still to be searched for two words
                            * run together (rs_garble_glued_split) */
} builder;

/* The facts of the string text[off..off+n) (the document's text): its
 * classification, made on first sight and remembered. */
static rs_word_facts *facts_of(builder *b, size_t off, size_t n)
{
    int fresh;
    rs_word_facts *f = rs_word_memo_get(b->memo, off, n, &fresh);
    if (fresh) {
        core_info ci;
        classify(b->r, b->d->text + off, n, &ci);
        f->has_digit = (uint8_t)ci.has_digit;
        f->has_alpha = (uint8_t)ci.has_alpha;
        f->inner_punct = (uint8_t)ci.inner_punct;
        f->marked = (uint8_t)ci.marked;
        f->valid = (uint8_t)ci.valid;
        f->in_vocab = (uint8_t)ci.in_vocab;
        f->odd_only = (uint8_t)ci.odd_only;
        f->upper = (uint8_t)ci.upper;
        f->lm_id = ci.lm_id;
    }
    return f;
}

/* Rewrite the all-caps segments of a code through the abbreviation
 * lexicon (QD-TTg → QĐ-TTg); NULL when nothing changes. */
static char *rewrite_code(rs_doc *d, const sohoa_restorer *r, const char *s, size_t n)
{
    sohoa_buf b = SOHOA_BUF_INIT;
    int changed = 0;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n) {
            uint32_t cp;
            size_t l = sohoa_utf8_decode(s + j, n - j, &cp);
            if (l == 0)
                l = 1;
            if (!u_isalpha((UChar32)cp))
                break;
            j += l;
        }
        if (j > i) {
            char f[64];
            size_t fl = sohoa_fold(s + i, j - i, f, sizeof f);
            const char *ab = (fl < sizeof f && sohoa_case_pattern(s + i, j - i) == 2)
                                 ? rs_lexicon_abbrev(r->lex, f, fl)
                                 : NULL;
            if (ab && (strlen(ab) != j - i || memcmp(ab, s + i, j - i) != 0)) {
                sohoa_buf_puts(&b, ab);
                changed = 1;
            } else {
                sohoa_buf_append(&b, s + i, j - i);
            }
            i = j;
        } else {
            uint32_t cp;
            size_t l = sohoa_utf8_decode(s + i, n - i, &cp);
            if (l == 0)
                l = 1;
            sohoa_buf_append(&b, s + i, l);
            i += l;
        }
    }
    char *out = changed ? rs_doc_own(d, b.data, b.len) : NULL;
    sohoa_buf_free(&b);
    return out;
}

/* ---- lines ------------------------------------------------------------- */

/* ---- building ------------------------------------------------------------ */

typedef struct word_span {
    size_t off, len;
    int line;
    size_t foff, flen;     /* the string doc_mode classified, if facts */
    rs_word_facts *facts;  /* its facts, or NULL */
} word_span;

static void punct_tok(builder *b, size_t off, size_t l, int line, int word)
{
    rs_doc *d = b->d;
    rs_tok *t = new_tok(d, RS_PUNCT, off, l, line, word);
    unsigned char c = (unsigned char)d->text[off];
    if (l == 1 && c < 0x80) {
        if (b->punct_id[c] < 0)
            b->punct_id[c] = sohoa_lm_id(b->r->lm, d->text + off, 1);
        t->fixed_id = (uint16_t)b->punct_id[c];
    } else {
        t->fixed_id = sohoa_lm_id(b->r->lm, d->text + off, l);
    }
}

/* 1 if the core at off is all the line holds but blanks (and punctuation
 * glued to it): a page number, not a word. */
static int alone_on_line(const rs_doc *d, size_t off, size_t n)
{
    for (size_t i = off; i > 0 && d->text[i - 1] != '\n'; i--)
        if (!rs_line_space(d->text[i - 1]))
            return 0;
    for (size_t i = off + n; i < d->n && d->text[i] != '\n'; i++)
        if (!rs_line_space(d->text[i]))
            return 0;
    return 1;
}

/* 1 if the word after text[at] (spaces skipped) is in capitals: two
 * letters or more, none in lower case (a heading: "NỘI DUNG"). */
static int caps_word_after(const rs_doc *d, size_t at)
{
    while (at < d->n && d->text[at] == ' ')
        at++;
    size_t letters = 0;
    while (at < d->n) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(d->text + at, d->n - at, &cp);
        if (l == 0 || !u_isalpha((UChar32)cp))
            break;
        if (!u_isupper((UChar32)cp))
            return 0;
        letters++;
        at += l;
    }
    return letters >= 2;
}

/* A heading's Roman numeral as an English OCR model prints it ("Il." for
 * II., "Iv." for IV., "lll." for III.; "il.", "ll." with no capital at all
 * when the heading in capitals follows): written into out, or 0 when
 * s[0..n) is not one. Only at the start of a line and before a full
 * stop. */
static int roman_numeral(const rs_doc *d, size_t off, size_t n, char *out)
{
    static const char *const ROMAN[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII",
                                        "IX", "X", "XI", "XII", "XIII", "XIV", "XV"};
    const char *s = d->text + off;
    if (n == 0 || n > 4 || off + n >= d->n || s[n] != '.')
        return 0;
    for (size_t i = off; i > 0 && d->text[i - 1] != '\n'; i--)
        if (d->text[i - 1] != ' ')
            return 0;
    int upper = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == 'I' || c == 'V' || c == 'X')
            upper = 1;
        out[i] = c == 'l' || c == '1' || c == 'i' ? 'I' : c == 'v' ? 'V' : c == 'x' ? 'X' : c;
        if (!strchr("IVX", out[i]))
            return 0;
    }
    out[n] = '\0';
    if (!upper && !caps_word_after(d, off + n + 1))
        return 0;
    for (size_t k = 0; k < sizeof ROMAN / sizeof ROMAN[0]; k++)
        if (strcmp(out, ROMAN[k]) == 0)
            return 1;
    return 0;
}

/* A Roman numeral inside a line as an English OCR model prints it: "Ill"
 * for III, "Il" for II (quý III, khóa II). An I, then only I, l or 1, one
 * of them misread: no Vietnamese syllable is spelt so. Written into out,
 * or 0 when s[0..n) is not one. */
static int inline_roman(const char *s, size_t n, char *out)
{
    if (n < 2 || n > 3 || s[0] != 'I')
        return 0;
    int misread = 0;
    for (size_t i = 1; i < n; i++) {
        if (s[i] == 'l' || s[i] == '1')
            misread = 1;
        else if (s[i] != 'I')
            return 0;
    }
    memset(out, 'I', n);
    out[n] = '\0';
    return misread;
}

/* Case of a mixed-case garbled core: an English model reads a capital
 * with a mark as a lower-case i (TiNH, CHi, PHi), so capitals with only
 * i or l in lower case are all caps; otherwise the first letter decides. */
static int garble_case(const char *s, size_t n)
{
    int upper = 0, other_lower = 0, first = -1;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(s + i, n - i, &cp);
        if (l == 0)
            l = 1;
        if (u_isalpha((UChar32)cp)) {
            int up = u_isupper((UChar32)cp);
            if (first < 0)
                first = up;
            upper += up;
            if (!up && cp != 'i' && cp != 'l')
                other_lower = 1;
        }
        i += l;
    }
    if (upper >= 2 && !other_lower)
        return 2;
    return first == 1 ? 1 : 0;
}

/* 1 if the letters s[0..n) may follow a number as a unit or a point's
 * letter (5 km, 20 ha, khoản 2a, 8h): in the legal corpus the tokens of
 * ASCII digits and lower-case letters are these (4cm, 50ml) and units
 * with their power (m2, m3, cm3, km2). */
static int number_suffix(const char *s, size_t n)
{
    static const char *const UNITS[] = {"km", "cm", "mm", "dm", "ha", "kg", "mg", "ml",
                                        "kw", "mw", "kwh", "gb", "mb", "tr"};
    if (n == 1)
        return strchr("abcdeghklmpstx", s[0]) != NULL;
    for (size_t i = 0; i < sizeof UNITS / sizeof *UNITS; i++)
        if (strlen(UNITS[i]) == n && memcmp(UNITS[i], s, n) == 0)
            return 1;
    return 0;
}

/* The end of the run of bytes in [lo, hi] of s[0..n) from i. */
static size_t byte_run(const char *s, size_t i, size_t n, char lo, char hi)
{
    while (i < n && s[i] >= lo && s[i] <= hi)
        i++;
    return i;
}

/* Garble: a word with a digit between letters or next to a marked letter
 * (ngu6n, M6t, 1én), or digits and lower-case letters that make no number
 * with a unit (1am for làm, 16i for lối, do1 for đội, t61 for tới; not
 * 5km, 2a, m2) is a misread word, not a number: keeping it as printed
 * costs an unknown word, not the likely <num>. */
static int misread_word(const rs_word_facts *ci, const char *s, size_t n)
{
    if (!ci->has_digit || !ci->has_alpha)
        return 0;
    if (ci->marked)
        return 1;
    for (size_t i = 1; i + 1 < n; i++)
        if (s[i] >= '0' && s[i] <= '9' && u_isalpha((UChar32)(unsigned char)s[i - 1]) &&
            u_isalpha((UChar32)(unsigned char)s[i + 1]))
            return 1;
    /* ASCII digits and lower-case letters, in two runs (digits first or
     * letters first) */
    size_t d = byte_run(s, 0, n, '0', '9'), l = byte_run(s, d, n, 'a', 'z');
    if (d > 0 && l == n && l > d) /* 1am, 16i */
        return !number_suffix(s + d, n - d);
    size_t a = byte_run(s, 0, n, 'a', 'z'), e = byte_run(s, a, n, '0', '9');
    if (a > 0 && e == n && e > a) /* do1, t61; not m2, km2 */
        return !((n - a == 1 && (s[n - 1] == '2' || s[n - 1] == '3') &&
                  (a == 1 ? s[0] == 'm' : number_suffix(s, a))));
    return 0;
}

/* Joiners of a compound: thôn/khu, pa-nô, tường...Trong; outside garble
 * also the marks a lost space leaves between two words (mưa,làm,
 * sách"Báo, thời:đề). In English-OCR garble those marks are misread
 * letters (phu:ong for phương; rs_garble_split decides there). */
static int joiner(uint32_t cp, int garble)
{
    if (cp == '/' || cp == '-' || cp == '.' || cp == 0x2026 || cp == 0x2013 || cp == 0x2014)
        return 1;
    return !garble && (cp == ',' || cp == ';' || cp == ':' || cp == '!' || cp == '?' ||
                       cp == '"' || cp == '(' || cp == ')' || cp == 0x201C || cp == 0x201D);
}

static int ascii_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* ha, the hectare: a unit that is also a syllable's skeleton (tạ/ha, 5ha).
 * The model, which reads "tạ/ha" as one token, has never seen it apart,
 * and took it for hà. */
static int hectare(const char *s, size_t n)
{
    return n == 2 && (s[0] == 'h' || s[0] == 'H') && (s[1] == 'a' || s[1] == 'A');
}

/* The end of a quantity starting at s[i] (a digit): digits, a '.' or ','
 * between two digits, a '%', then ASCII letters of a unit (10.000, 4,5%,
 * 10GB, 60km). Outside garble only: there digits are misread letters. */
static size_t quantity_end(const char *s, size_t n, size_t i)
{
    size_t j = i;
    while (j < n && (ascii_digit(s[j]) || ((s[j] == '.' || s[j] == ',') && j + 1 < n &&
                                           ascii_digit(s[j + 1]) && j > i)))
        j++;
    if (j < n && s[j] == '%')
        j++;
    size_t unit = j;
    int lower = 1;
    while (j < n && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'))) {
        lower &= s[j] >= 'a';
        j++;
    }
    /* lower-case letters that spell a syllable are a word a lost space ran
     * into the number (2021co, 62trieu, 08nam), not a unit (60km, 10GB);
     * but ha is the hectare */
    if (j - unit >= 2 && lower && !hectare(s + unit, j - unit) &&
        (j == n || !ascii_digit(s[j])) && rs_syllable_run(s + unit, j - unit))
        return unit;
    while (j > unit && j < n && ascii_digit(s[j])) /* 10m2, 5km2 */
        j++;
    return j;
}

/* Whether a run that is no word (a foreign word, a unit, a quantity) may
 * stand beside the joiner cp in a compound: beside a '/' (đồng/kg), and
 * outside garble beside the marks a lost space leaves (vậy,Suzuki,
 * định—người, mẫu:Statistics), not beside a hyphen or a full stop, which
 * join codes and abbreviations (SARS-CoV, v.v). A quantity may also stand
 * beside a hyphen (3,6-3,7%/năm). */
static int other_beside(uint32_t cp, int quantity)
{
    if (cp == 0)
        return 0;
    if (cp == '-' || cp == 0x2013)
        return quantity;
    return cp != '.';
}

/* 1 if s[0..n) is letter runs joined by joiners, every run a Vietnamese
 * syllable (syllable_run) or in capitals (TT/Thành), and at least one run
 * not in capitals (codes like KH-UBND stay whole). Beside a '/', a run of
 * other letters is a unit kept as printed (đồng/kg, km/giây), and outside
 * garble so is a quantity (5%/năm, 10.000/ngày, 60km/giờ); dates and codes
 * (18/11/2021, 86/KH-UBND) have no syllable run and stay whole. Outside
 * garble also:
 * - a foreign word, a unit or a quantity beside another mark a lost space
 *   leaves (vậy,Suzuki, đồng/m3, 3,6-3,7%/năm: other_beside), when some
 *   run is a lower-case word or the first is a list label;
 * - a list label before its item (1.Mục, b)Nâng, 5:Trách);
 * - a quantity with a lower-case word run into it (2021có). */
static int compound(const char *s, size_t n, int garble)
{
    int word_run = 0, other_run = 0, other_mark = 0, lower_word = 0, label = 0;
    int word_after_quantity = 0; /* the run before was a quantity run into this one */
    uint32_t before = 0; /* the joiner before the current run, 0 at the start */
    for (size_t i = 0; i < n;) {
        size_t j = i;
        int quantity = !garble && ascii_digit(s[i]);
        if (quantity)
            j = quantity_end(s, n, i);
        while (!quantity && j < n) {
            uint32_t cp;
            size_t l = sohoa_utf8_decode(s + j, n - j, &cp);
            if (l == 0 || !u_isalpha((UChar32)cp))
                break;
            j += l;
        }
        if (j == i)
            return 0;
        int unit = 0; /* letters then digits: m3, km2 */
        while (!garble && !quantity && j < n && ascii_digit(s[j])) {
            j++;
            unit = 1;
        }
        int letters = !quantity && !unit;
        int kase = letters ? sohoa_case_pattern(s + i, j - i) : -1;
        int caps = kase == 2;
        int word = letters && kase != 2 && kase != 3 && !(before == '/' && hectare(s + i, j - i)) &&
                   rs_syllable_run(s + i, j - i);
        size_t k = j;
        uint32_t after = 0;
        while (k < n) {
            uint32_t cp;
            size_t l = sohoa_utf8_decode(s + k, n - k, &cp);
            if (l == 0 || !joiner(cp, garble))
                break;
            if (k == j)
                after = cp;
            k += l;
        }
        /* a list label run into its item: 1.Mục, 5:Trách, II.Nội, b)Nâng,
         * b.Nâng; not an initial (L.A, N.V.D) */
        if (i == 0 &&
            (((quantity || rs_lm_roman(s, j - i)) && (after == '.' || after == ')' || after == ':')) ||
             (j - i == 1 && (after == ')' || (after == '.' && kase == 0)))))
            label = 1;
        int run_on = 0; /* a quantity, then a word with no space: 2021co */
        if (j < n && k == j) {
            if (!quantity || !(s[j] >= 'a' && s[j] <= 'z'))
                return 0; /* another character: not a compound */
            run_on = 1;
        }
        if (word_after_quantity && !(word && kase == 0))
            return 0;
        word_after_quantity = run_on;
        if (!caps && !word && !run_on) {
            if (before != '/' && after != '/') {
                if (garble || (!other_beside(before, quantity) && !other_beside(after, quantity) &&
                               !(label && i == 0)))
                    return 0;
                other_mark = 1;
            }
            other_run = 1;
        }
        word_run |= word;
        lower_word |= word && kase == 0;
        before = after;
        i = k;
    }
    /* beside those marks, a lower-case word or a list label is what says
     * the runs are Vietnamese words run together, not a code or a formula
     * (Su-27, O-1, (toluen)Ru(0)) */
    return word_run && !(other_run && !word_run) && !(other_mark && !lower_word && !label);
}

static void core_tok(builder *b, size_t off, size_t n, int line, int word,
                     rs_word_facts *f);

/* A token keeping the core text[off..off+n) (facts f) as printed. */
static rs_tok *kept_tok(builder *b, size_t off, size_t n, int line, int word,
                        const rs_word_facts *f)
{
    rs_tok *t = new_tok(b->d, RS_FIXED, off, n, line, word);
    t->upper = f->upper;
    t->fixed_id = f->lm_id;
    return t;
}

/* A compound's runs are words of their own (units beside '/' kept as
 * printed), its joiners punctuation. */
static void compound_toks(builder *b, size_t off, size_t n, int line, int word)
{
    rs_doc *d = b->d;
    const char *s = d->text + off;
    int garble = d->mode == RS_MODE_GARBLE;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(s + i, n - i, &cp);
        if (l == 0)
            l = 1;
        if (joiner(cp, garble)) {
            punct_tok(b, off + i, l, line, word);
            i += l;
            continue;
        }
        size_t j = i;
        if (!garble && ascii_digit(s[i])) /* 10.000 whole, as compound() read it */
            j = quantity_end(s, n, i);
        else
            while (j < n) {
                l = sohoa_utf8_decode(s + j, n - j, &cp);
                if (l == 0 || joiner(cp, garble))
                    break;
                j += l;
            }
        rs_word_facts *f = facts_of(b, off + i, j - i);
        int after_slash = i > 0 && s[i - 1] == '/';
        if (f->has_digit || (f->upper != 2 && !rs_syllable_run(s + i, j - i)) ||
            (after_slash && hectare(s + i, j - i)))
            kept_tok(b, off + i, j - i, line, word, f); /* a unit or a quantity: km, ha, 5% */
        else
            core_tok(b, off + i, j - i, line, word, f);
        i = j;
    }
}

/* 1 if s[0..n) is a ¢ and one or two digits in any order: a short word an
 * English OCR model printed with a symbol and digits only (¢4 cá, ¢6 có,
 * 1¢ lệ). */
static int cent_digits(const char *s, size_t n)
{
    const char *c = n >= 3 && n <= 4 ? memmem(s, n, "\xC2\xA2", 2) : NULL;
    if (!c)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s + i != c && s + i != c + 1 && !(s[i] >= '0' && s[i] <= '9'))
            return 0;
    return 1;
}

/* The token core s[0..n) (facts f) makes wherever its position does not
 * matter, worked out once per document into f: a fixed token (kept, or
 * rewritten) or a word with candidates, which are appended to the
 * document's array here. */
static void word_outcome(builder *b, rs_word_facts *f, const char *s, size_t n)
{
    rs_doc *d = b->d;
    const sohoa_restorer *r = b->r;
    int garble = d->mode == RS_MODE_GARBLE;
    f->done = 1;
    f->kind = RS_FIXED;
    f->tok_upper = f->upper;
    /* a Roman numeral (hạng II, quý III) is a number: kept, "<num>" to the
     * LM (lm_numeral.c) */
    if (!garble && rs_lm_roman(s, n))
        return;
    int cent = garble && cent_digits(s, n); /* read as a word, like a digit alone */
    if (f->inner_punct && !(garble && f->odd_only && (f->has_alpha || cent))) {
        f->fixed_out = rewrite_code(d, r, s, n);
        return;
    }
    if (f->upper == 3) {
        if (!garble)
            return; /* mixed case: a brand or foreign word */
        f->tok_upper = (uint8_t)garble_case(s, n);
    }
    /* garble: digits alone are words misread (13 → là, 16 → lộ) except a
     * count with a leading zero (06) and a page number alone on its line
     * (core_tok looks at the line) */
    if (garble && f->has_digit && !f->has_alpha && s[0] == '0')
        return;
    if (f->tok_upper == 2 && !f->has_digit) {
        char fb[64];
        size_t fl = sohoa_fold(s, n, fb, sizeof fb);
        const char *ab = fl < sizeof fb ? rs_lexicon_abbrev(r->lex, fb, fl) : NULL;
        if (ab) {
            if (strlen(ab) != n || memcmp(ab, s, n) != 0)
                f->fixed_out = rs_doc_own(d, ab, strlen(ab));
            return;
        }
    }
    if (f->has_digit && !(garble && f->has_alpha) && !(garble && n <= 2) && !cent)
        return;
    /* stripped text lost marks, not letters: a capitalised word or an
     * all-caps one that is no Vietnamese syllable is a foreign name or an
     * acronym (Myo, Daw, PLA, HR, VD), as it was typed */
    if (d->mode == RS_MODE_STRIPPED && !f->valid && !f->has_digit && !f->inner_punct &&
        (f->tok_upper == 1 || f->tok_upper == 2) && !rs_syllable_skeleton(r->lm, s, n))
        return;
    core_info ci;
    classify(r, s, n, &ci);
    size_t before = d->ncand;
    rs_make_candidates(d, r, b->o, s, n, ci.low, ci.lown, ci.valid, ci.has_digit);
    if ((f->tok_upper == 1 || f->tok_upper == 2) && b->o->baseline == 0 &&
        !(b->o->disable & SOHOA_RESTORE_NO_LEXICON) && !ci.has_digit)
        rs_rare_place_candidates(d, r, before, s, n, ci.low, ci.lown);
    if (garble && misread_word(f, s, n))
        for (size_t k = before; k < d->ncand; k++)
            if (!d->cand[k].form && d->cand[k].id == SOHOA_LM_NUM) {
                d->cand[k].id = SOHOA_LM_UNK;
                d->cand[k].chan += MISREAD_KEEP;
            }
    f->made_cands = 1;
    f->cand0 = before;
    f->ncand = d->ncand - before;
    if (f->ncand >= 1)
        f->kind = RS_WORD;
}

/* 1 if the garble core s[0..n) is read as no syllable: its skeleton is
 * none of the model's and the channel proposes nothing for it (asked as
 * candidates.c asks, whose answer the channel's memo keeps for the word's
 * own candidates). */
static int garble_unread(builder *b, const char *s, size_t n)
{
    rs_doc *d = b->d;
    char low[256], f[256];
    size_t lown;
    const uint16_t *ids;
    lower_plain(s, n, low, sizeof low, &lown);
    size_t fl = sohoa_fold(low, lown, f, sizeof f);
    if (fl >= sizeof f || sohoa_lm_skeleton_forms(b->r->lm, f, fl, &ids) > 0)
        return 0;
    size_t before = d->ncand;
    size_t k = rs_channel_candidates(d, b->r, low, lown, 1.6f);
    d->ncand = before;
    return k == 0;
}

static void core_tok(builder *b, size_t off, size_t n, int line, int word, rs_word_facts *f);

/* The tokens of the pieces f->glued_len of the core at off (words run
 * together), written side by side, or with a space before each piece but
 * the first when spaced (garble: garble_glued.c). */
static void pieces_tok(builder *b, size_t off, const rs_word_facts *f, int line, int word,
                       int spaced)
{
    uint8_t len[RS_GLUED_MAX];
    int k = f->glued;
    memcpy(len, f->glued_len, sizeof len); /* f may move as the memo grows */
    for (int p = 0, at = 0; p < k; at += len[p++]) {
        size_t first = b->d->ntok;
        core_tok(b, off + (size_t)at, len[p], line, word, NULL);
        if (spaced && p > 0 && b->d->ntok > first)
            b->d->tok[first].space_before = 1;
    }
}

/* A token for the core text[off..off+n); f: its facts if the caller has
 * them, else NULL. */
static void core_tok(builder *b, size_t off, size_t n, int line, int word, rs_word_facts *f)
{
    rs_doc *d = b->d;
    const char *s = d->text + off;
    if (!f)
        f = facts_of(b, off, n);
    size_t cut, ml;
    if (d->mode == RS_MODE_GARBLE && b->o->baseline == 0 && f->inner_punct && !f->has_digit &&
        rs_garble_split(b->r->lm, s, n, &cut, &ml)) {
        /* two words: the mark between them is left out (written as a
         * space, restore.c), but for a hyphen between two capitalised
         * words, which joins a compound name (Bà Rịa-Vũng Tàu, printed
         * "Ria-Viing") */
        core_tok(b, off, cut, line, word, NULL);
        if (s[cut] == '-' && sohoa_case_pattern(s, cut) == 1 && sohoa_case_pattern(s + cut + ml, n - cut - ml) == 1)
            punct_tok(b, off + cut, ml, line, word);
        core_tok(b, off + cut + ml, n - cut - ml, line, word, NULL);
        return;
    }
    int garble = d->mode == RS_MODE_GARBLE;
    /* a compound: words joined by marks, or (outside garble, where digits
     * are misread letters) a number with a word run into it */
    if (b->o->baseline == 0 &&
        (garble ? f->inner_punct && !f->has_digit : f->inner_punct || (f->has_digit && f->has_alpha))) {
        if (f->compound < 0)
            f->compound = (int8_t)compound(s, n, garble);
        if (f->compound) {
            compound_toks(b, off, n, line, word);
            return;
        }
    }
    /* (a word the model knows, or whose skeleton it knows, as doc_mode may
     * have found, is no run-together word: not asked again) */
    if (d->mode == RS_MODE_STRIPPED && !d->lossy && b->o->baseline == 0 && !f->has_digit &&
        !f->inner_punct && !f->marked && !f->in_vocab && f->known_skel != 1) {
        if (f->glued < 0)
            f->glued = (int8_t)rs_glued_split(b->r->lm, s, n, f->glued_len);
        _Static_assert(sizeof f->glued_len == RS_GLUED_MAX, "word_memo.h: glued_len");
        if (f->glued > 0) { /* words a lost space ran together: one token each */
            pieces_tok(b, off, f, line, word, 0);
            return;
        }
    }
    /* garble: two words the OCR ran together (do1ngli), one token each */
    if (d->mode == RS_MODE_GARBLE && b->o->baseline == 0 && f->has_alpha && !f->inner_punct &&
        !f->valid && f->upper != 2) {
        if (f->glued < 0)
            f->glued = !(b->o->disable & SOHOA_RESTORE_NO_CHANNEL) &&
                               rs_garble_glued_shape(s, n) && garble_unread(b, s, n)
                           ? (int8_t)rs_garble_glued_split(b->r, s, n, f->glued_len,
                                                           &b->glued_budget)
                           : 0;
        if (f->glued >= 2) {
            pieces_tok(b, off, f, line, word, 1);
            return;
        }
    }
    rs_tok *t = kept_tok(b, off, n, line, word, f);
    char roman[8];
    if (garble && (roman_numeral(d, off, n, roman) || inline_roman(s, n, roman))) {
        t->upper = 2;
        t->fixed_id = SOHOA_LM_NUM; /* a number to the LM, as rs_lm_roman reads one */
        if (strlen(roman) != n || memcmp(roman, s, n) != 0)
            t->fixed_out = rs_doc_own(d, roman, strlen(roman));
        return;
    }
    /* garble: a page number alone on its line is kept */
    if (garble && f->has_digit && !f->has_alpha && !f->inner_punct && alone_on_line(d, off, n))
        return;
    size_t at = d->ncand;
    if (!f->done) {
        word_outcome(b, f, s, n);
    } else if (f->made_cands) {
        /* the candidates of the string's first token, copied */
        rs_doc_reserve_cands(d, f->ncand);
        const rs_cand *from = d->cand + f->cand0;
        rs_cand *to = d->cand + d->ncand;
        for (size_t k = 0; k < f->ncand; k++)
            to[k] = from[k];
        d->ncand += f->ncand;
    }
    t->upper = f->tok_upper;
    t->fixed_out = f->fixed_out;
    t->kind = f->kind;
    if (f->made_cands) {
        t->cand0 = at;
        t->ncand = f->ncand;
    }
}

/* 1 if s[0..n) may be what lost glyphs left of a Vietnamese word: a
 * fragment (rs_lost_fragment) without f j w z. */
static int lost_remains(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strchr("fjwzFJWZ", s[i]))
            return 0;
    return rs_lost_fragment(s, n);
}

/* Decide the document mode from its letter-only words. */
static int doc_mode(builder *b, word_span *w, size_t nw)
{
    const char *text = b->d->text;
    size_t letters = 0, marked = 0, badw = 0;
    for (size_t i = 0; i < nw; i++) {
        const char *s = text + w[i].off;
        size_t n = w[i].len;
        /* strip surrounding punctuation */
        while (n && (unsigned char)s[0] < 0x80 && !rs_is_alnum((unsigned char)s[0])) {
            s++;
            n--;
        }
        while (n && (unsigned char)s[n - 1] < 0x80 && !rs_is_alnum((unsigned char)s[n - 1]))
            n--;
        if (n == 0)
            continue;
        rs_word_facts *ci = facts_of(b, (size_t)(s - text), n);
        w[i].facts = ci;
        w[i].foff = (size_t)(s - text);
        w[i].flen = n;
        if (ci->has_digit && ci->has_alpha && !ci->inner_punct) {
            badw++; /* s6, d6i, 1a: digits inside words */
            letters++;
            continue;
        }
        if (!ci->has_alpha || ci->has_digit || ci->upper == 2)
            continue;
        letters++;
        if (ci->marked)
            marked++;
        /* consonants without a vowel (nh, ph, tnh) are what lost glyphs
         * leave of a word, not an English OCR's misreading; letters
         * Vietnamese has not (qqz) are */
        if (!ci->in_vocab && !ci->inner_punct && !lost_remains(s, n)) {
            if (ci->known_skel < 0) {
                char f[256];
                const uint16_t *ids;
                size_t fl = sohoa_fold(s, n, f, sizeof f);
                ci->known_skel =
                    fl < sizeof f && sohoa_lm_skeleton_forms(b->r->lm, f, fl, &ids) > 0;
            }
            if (!ci->known_skel)
                badw++;
        }
    }
    if (letters == 0)
        return RS_MODE_STRIPPED;
    if (badw * 100 > letters * 6)
        return RS_MODE_GARBLE;
    if (marked * 100 > letters * 15)
        return RS_MODE_CLEAN;
    return RS_MODE_STRIPPED;
}

static word_span *split_words(rs_doc *d, size_t *nw)
{
    size_t cap = 256, m = 0;
    word_span *w = sohoa_xmalloc(cap * sizeof *w);
    const char *s = d->text;
    size_t n = d->n;
    int line = 0;
    size_t i = 0;
    while (i < n) {
        if (s[i] == '\n') {
            line++;
            i++;
            continue;
        }
        uint32_t cp;
        size_t l = sohoa_utf8_decode(s + i, n - i, &cp);
        if (l == 0)
            l = 1;
        if (rs_is_space(cp)) {
            i += l;
            continue;
        }
        size_t start = i;
        i = rs_token_end(s, n, i); /* stops at '\n' too */
        if (m == cap)
            w = sohoa_xrealloc(w, (cap *= 2) * sizeof *w);
        w[m++] = (word_span){start, i - start, line, 0, 0, NULL};
    }
    *nw = m;
    return w;
}

/* Garble: how an English OCR model prints a one-letter word standing
 * alone, its reading and the plain letter of that reading, or NULL:
 * ở as "@", "&", "¢" or "0" with a space on each side (a word between
 * words on one line); ý as "¥" (ý kiến, ý nghĩa), at a line's start too.
 * In the OCR of the seed scans every lone ¥ was ý (7 of 7). */
static const char *lone_symbol(const rs_doc *d, size_t off, size_t n, const char **plain)
{
    const char *s = d->text + off;
    int before = off == 0 || d->text[off - 1] == ' ' || d->text[off - 1] == '\n';
    int after = off + n == d->n || d->text[off + n] == ' ' || d->text[off + n] == '\n';
    if (n == 2 && memcmp(s, "\xC2\xA5", 2) == 0 && before && after) { /* ¥ */
        *plain = "y";
        return "ý";
    }
    int o = (n == 1 && (s[0] == '@' || s[0] == '&' || s[0] == '0')) ||
            (n == 2 && memcmp(s, "\xC2\xA2", 2) == 0); /* ¢ */
    if (o && off > 0 && d->text[off - 1] == ' ' && off + n < d->n && d->text[off + n] == ' ') {
        *plain = "o";
        return "ở";
    }
    return NULL;
}

/* The word token of a lone symbol standing for a word (lone_symbol): its
 * reading, the other readings of its plain letter (a lesser cost), and
 * the symbol kept as printed (the least likely). */
static void symbol_tok(builder *b, size_t off, size_t n, int line, int word, const char *reading,
                       const char *plain)
{
    rs_doc *d = b->d;
    const sohoa_lm *lm = b->r->lm;
    rs_tok *t = new_tok(d, RS_WORD, off, n, line, word);
    t->cand0 = d->ncand;
    rs_doc_add_cand(d, sohoa_lm_id(lm, reading, strlen(reading)), 0.0f, reading);
    size_t from = d->ncand;
    rs_make_candidates(d, b->r, b->o, plain, 1, plain, 1, 1, 0);
    size_t kept = from;
    for (size_t k = from; k < d->ncand; k++) {
        rs_cand c = d->cand[k];
        if (!c.form)
            c.form = plain; /* "keep" would print the symbol */
        if (strcmp(c.form, reading) == 0)
            continue; /* already first */
        c.chan += O_SYMBOL_OTHER;
        d->cand[kept++] = c;
    }
    d->ncand = kept;
    uint16_t keep = d->text[off] == '0' ? SOHOA_LM_NUM : sohoa_lm_id(lm, d->text + off, n);
    rs_doc_add_cand(d, keep, O_SYMBOL_KEEP, NULL);
    t->ncand = d->ncand - t->cand0;
}

static void emit_word(builder *bd, const word_span *w, int wi)
{
    rs_doc *d = bd->d;
    const char *s = d->text + w->off;
    size_t n = w->len, a, b;
    const char *plain, *reading;
    if (d->mode == RS_MODE_GARBLE && bd->o->baseline == 0 &&
        (reading = lone_symbol(d, w->off, n, &plain)) != NULL) {
        symbol_tok(bd, w->off, n, w->line, wi, reading, plain);
        return;
    }
    int found = rs_word_core(s, n, &a, &b);
    if (!found && d->mode == RS_MODE_GARBLE && bd->o->baseline == 0 && rs_garble_speck_word(d->text, d->n, w->off, n))
        return; /* specks: no token, left out of the output (restore.c) */
    while (found && d->mode == RS_MODE_GARBLE && b < n) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(s + b, n - b, &cp);
        if (l == 0 || !ocr_debris(cp))
            break;
        b += l; /* cơ’ Sở& tt? : the debris belongs to the word */
    }
    int garble = d->mode == RS_MODE_GARBLE && bd->o->baseline == 0;
    /* garble: a ¢ glued before a word is its c (¢4 cá, ¢c6 có, ¢dng công) */
    if (garble && found && a >= 2 && memcmp(s + a - 2, "\xC2\xA2", 2) == 0)
        a -= 2;
    for (size_t i = 0; i < a;) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(s + i, a - i, &cp);
        if (l == 0)
            l = 1;
        /* garble: a stray opening quote before the word is left out */
        if (!(garble && found && i + l == a && rs_garble_stray_quote(d->text, d->n, w->off + i)))
            punct_tok(bd, w->off + i, l, w->line, wi);
        i += l;
    }
    if (found)
        core_tok(bd, w->off + a, b - a, w->line, wi,
                 w->facts && w->foff == w->off + a && w->flen == b - a ? w->facts : NULL);
    for (size_t i = b; i < n;) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(s + i, n - i, &cp);
        if (l == 0)
            l = 1;
        punct_tok(bd, w->off + i, l, w->line, wi);
        i += l;
    }
}

/* ---- text whose marked letters a PDF lost (lost_glyphs.c) ---------------- */

/* The core of w as [*a, *e) of the text; 0 if it has none. */
static int span_core(const rs_doc *d, const word_span *w, size_t *a, size_t *e)
{
    if (!rs_word_core(d->text + w->off, w->len, a, e))
        return 0;
    *a += w->off;
    *e += w->off;
    return 1;
}

/* The fragments lost glyphs leave most: a syllable's first or last
 * consonants without its vowel (tr, ph: trường, phòng; nh, ng: hình,
 * không). Units (km, kg) and the like are none of them. */
static int cluster(const char *s, size_t n)
{
    static const char *const CLUSTERS[] = {"ch", "gh", "kh", "ng", "ngh", "nh", "ph", "th", "tr"};
    if (n < 2 || n > 3) /* every word of a text comes here */
        return 0;
    for (size_t k = 0; k < sizeof CLUSTERS / sizeof CLUSTERS[0]; k++)
        if (strlen(CLUSTERS[k]) == n && memcmp(CLUSTERS[k], s, n) == 0)
            return 1;
    return 0;
}

/* 1 if the document's text lost glyphs: at least LOSSY_MIN words and
 * LOSSY_SHARE of all are bare clusters (cluster), so that its fragments
 * are read as words cut short. */
static int lossy_text(const rs_doc *d, const word_span *w, size_t nw)
{
    size_t frags = 0;
    for (size_t i = 0; i < nw; i++) {
        size_t a, e;
        if (span_core(d, &w[i], &a, &e) && cluster(d->text + a, e - a))
            frags++;
    }
    return frags >= LOSSY_MIN && (double)frags >= LOSSY_SHARE * (double)nw;
}

/* Punctuation tokens for text[from..to). */
static void punct_run(builder *b, size_t from, size_t to, int line, int word)
{
    for (size_t i = from; i < to;) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(b->d->text + i, to - i, &cp);
        if (l == 0)
            l = 1;
        punct_tok(b, i, l, line, word);
        i += l;
    }
}

/* 1 if s[0..n) is one letter (gi i: giới, nhi u: nhiều). */
static int one_letter(const char *s, size_t n)
{
    uint32_t cp;
    size_t l = sohoa_utf8_decode(s, n, &cp);
    return l == n && u_isalpha((UChar32)cp);
}

/* How many blanks (' ') end text[0..at). */
static size_t blanks_before(const rs_doc *d, size_t at)
{
    size_t k = 0;
    while (at > k && d->text[at - k - 1] == ' ')
        k++;
    return k;
}

/* How many blanks start text[at..). */
static size_t blanks_after(const rs_doc *d, size_t at)
{
    size_t k = 0;
    while (at + k < d->n && d->text[at + k] == ' ')
        k++;
    return k;
}

/* w[0] and w[1] on one line, 1..RS_LOST_MAX blanks apart, the first's core
 * reaching its end and the second's starting at its start, one core a
 * fragment or a single letter: if the model spells them as one word with
 * one lost letter per blank between them ("t nh" → tình, "tr  ng" →
 * trường; extra blanks before the first: letters lost there too), the
 * tokens of that word (its candidates those words) and of the punctuation
 * around it; returns 1, else 0 (nothing made). */
static int lost_join(builder *b, const word_span *w, int wi)
{
    rs_doc *d = b->d;
    size_t a0, e0, a1, e1, gap = blanks_after(d, w[0].off + w[0].len);
    if (w[1].line != w[0].line || gap < 1 || gap > RS_LOST_MAX ||
        w[1].off != w[0].off + w[0].len + gap || !span_core(d, &w[0], &a0, &e0) ||
        !span_core(d, &w[1], &a1, &e1) || e0 != w[0].off + w[0].len || a1 != w[1].off)
        return 0;
    const char *s0 = d->text + a0, *s1 = d->text + a1;
    size_t n0 = e0 - a0, n1 = e1 - a1;
    if (!rs_lost_fragment(s0, n0) && !rs_lost_fragment(s1, n1) && !one_letter(s0, n0) &&
        !one_letter(s1, n1))
        return 0;
    /* a capital starts a word ("thu N" is two), unless both are capitals
     * only (a heading: "M C" → MỤC, "T  NG" → TƯỢNG) */
    int c0 = sohoa_case_pattern(s0, n0), c1 = sohoa_case_pattern(s1, n1);
    int caps = (c0 == 2 || (c0 == 1 && one_letter(s0, n0))) &&
               (c1 == 2 || (c1 == 1 && one_letter(s1, n1)));
    if (c1 != 0 && !caps)
        return 0;
    /* blanks before the first beyond one (all of them at the line's start)
     * are letters it lost at its start: "  i u" → điều */
    size_t nb = a0 == w[0].off ? blanks_before(d, a0) : 0;
    int edge = nb > 0 && (a0 - nb == 0 || d->text[a0 - nb - 1] == '\n');
    int before = (int)nb - !edge;
    size_t from = d->ncand;
    if (rs_lost_join_forms(d, b->r->lm, s0, n0, s1, n1, (int)gap, before > 0 ? before : 0) == 0)
        return 0;
    /* the candidates are made: the leading punctuation's tokens take none */
    punct_run(b, w[0].off, a0, w[0].line, wi);
    rs_tok *t = new_tok(d, RS_WORD, a0, e1 - a0, w[0].line, wi);
    t->upper = caps ? 2 : c0;
    if (before > 0 && c0 == 0 && rs_sentence_start(d, a0))
        t->upper = 1; /* " i u 166" → Điều 166: its capital was lost */
    t->cand0 = from;
    t->ncand = d->ncand - from;
    punct_run(b, e1, w[1].off + w[1].len, w[1].line, wi + 1);
    return 1;
}

/* Where and how many letters lost glyphs may have cut from the word w
 * (core text[a..e)) of the document's lossy text: a fragment anywhere, at
 * least one letter; any word at a side where more blanks than one (or
 * any blank and the line's edge) show lost letters, one per extra blank.
 * After a number a fragment may be a unit (5 m, 20 kg): only its extra
 * blanks count ("2 v  chồng": vợ chồng). Returns 1 if anything may be
 * lost. */
static int lost_sides(const rs_doc *d, const word_span *w, const word_span *prev, size_t a,
                      size_t e, rs_lost_sides *at)
{
    memset(at, 0, sizeof *at);
    int unit = prev && prev->facts && prev->facts->has_digit; /* 5 m, 20 kg */

    size_t nb = a == w->off ? blanks_before(d, a) : 0;
    size_t na = e == w->off + w->len ? blanks_after(d, e) : 0;
    int edge_b = nb > 0 && (a - nb == 0 || d->text[a - nb - 1] == '\n');
    int edge_a = na > 0 && (e + na == d->n || d->text[e + na] == '\n');
    int before = (int)nb - !edge_b, after = (int)na - !edge_a;
    if (!unit && rs_lost_fragment(d->text + a, e - a)) {
        before = before > 1 ? before : 1;
        after = after > 1 ? after : 1;
        at->inside = 1;
    }
    at->before = before > RS_LOST_MAX ? RS_LOST_MAX : before < 0 ? 0 : before;
    at->after = after > RS_LOST_MAX ? RS_LOST_MAX : after < 0 ? 0 : after;
    return at->before > 0 || at->inside > 0 || at->after > 0;
}

/* After emit_word made the tokens of w: where lost glyphs may have cut its
 * core (lost_sides), the model's words it may be cut from are added to the
 * core token's candidates, beside what it had ("c" stays a candidate,
 * LOST_KEEP less likely for a fragment: điểm c khoản 2). A lower-case
 * word that starts a sentence and may have lost its first letter lost a
 * capital. */
static void lost_alone(builder *b, const word_span *w, const word_span *prev, size_t first)
{
    rs_doc *d = b->d;
    size_t a, e;
    rs_lost_sides at;
    if (!span_core(d, w, &a, &e) || !lost_sides(d, w, prev, a, e, &at))
        return;
    rs_tok *t = NULL;
    for (size_t k = first; k < d->ntok; k++)
        if (d->tok[k].off == a && d->tok[k].kind != RS_PUNCT)
            t = &d->tok[k];
    if (!t || (t->kind == RS_WORD && t->cand0 + t->ncand != d->ncand))
        return; /* not the last candidates: cannot grow in place */
    int was_word = t->kind == RS_WORD;
    size_t from = d->ncand;
    if (!was_word) {
        if (t->kind != RS_FIXED || t->fixed_out)
            return;
        rs_doc_add_cand(d, t->fixed_id, 0.0f, NULL); /* as printed */
    }
    size_t kept_from = was_word ? t->cand0 : from, kept_to = d->ncand;
    if (rs_lost_alone_forms(d, b->r->lm, d->text + a, e - a, &at) == 0) {
        d->ncand = from;
        return;
    }
    if (at.inside) /* a fragment is no word as printed */
        for (size_t k = kept_from; k < kept_to; k++)
            d->cand[k].chan += LOST_KEEP;
    if (!was_word) {
        t->kind = RS_WORD;
        t->cand0 = from;
    }
    t->ncand = d->ncand - t->cand0;
    if (at.before && t->upper == 0 && rs_sentence_start(d, a))
        t->upper = 1;
}

/* 1 if s[0..n) holds a lower-case letter. */
static int has_lower(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = sohoa_utf8_decode(s + i, n - i, &cp);
        if (l == 0)
            return 0;
        if (u_islower((UChar32)cp))
            return 1;
        i += l;
    }
    return 0;
}

/* Between w[0] and w[1] of one line, a run of g blanks that neither can
 * have lost letters into is a word lost whole, a space either side: g - 2
 * letters (1..GHOST_MAX; "tôi    đi": tôi đã đi; "ở", "ý"), or g - 1
 * before a mark that closes on it ("cạnh   ,": cạnh đó,). A token for it
 * (ghost) whose core is those blanks and whose candidates are the model's
 * syllables of that many marked letters. w[0] ends a word joined across
 * blanks if joined (lost_join: its letters are all placed). Only after a
 * word in lower case and not before one in capitals only (such a gap
 * beside capitals may be a signature block's layout). */
static void lost_ghost(builder *b, const word_span *w, int wi, int joined)
{
    rs_doc *d = b->d;
    size_t end0 = w[0].off + w[0].len, g = blanks_after(d, end0), a0, e0, a1 = 0, e1 = 0;
    if (w[1].line != w[0].line || w[1].off != end0 + g || !span_core(d, &w[0], &a0, &e0))
        return;
    int closing = strchr(",.;:!?)", d->text[w[1].off]) != NULL;
    size_t lost = closing ? g - 1 : g - 2;
    if (g < 2 || lost < 1 || lost > GHOST_MAX)
        return;
    if (!closing && (!span_core(d, &w[1], &a1, &e1) || a1 != w[1].off))
        return;
    const char *s0 = d->text + a0, *s1 = d->text + a1;
    size_t n0 = e0 - a0, n1 = e1 - a1;
    if (!has_lower(s0, n0) || (!joined && rs_lost_fragment(s0, n0)) ||
        (w[0].facts && w[0].facts->has_digit) ||
        (!closing && (sohoa_case_pattern(s1, n1) >= 2 || rs_lost_fragment(s1, n1))))
        return;
    /* a neighbour that may have lost letters into the gap takes them */
    size_t from = d->ncand, took = 0;
    rs_lost_sides after = {0, 0, (int)g - 1}, before = {(int)g - 1, 0, 0};
    if (e0 == end0 && !joined)
        took += rs_lost_alone_forms(d, b->r->lm, s0, n0, &after);
    if (!closing)
        took += rs_lost_alone_forms(d, b->r->lm, s1, n1, &before);
    d->ncand = from;
    if (took || rs_lost_ghost_forms(d, b->r->lm, (int)lost) == 0)
        return;
    rs_tok *t = new_tok(d, RS_WORD, end0 + 1, lost, w[0].line, wi);
    t->ghost = 1;
    t->cand0 = from;
    t->ncand = d->ncand - from;
    t->upper = rs_sentence_start(d, end0 + 1);
}

static void index_lines(rs_doc *d)
{
    size_t lines = 1;
    for (size_t i = 0; i < d->n; i++)
        lines += d->text[i] == '\n';
    d->nlines = lines;
    d->line_off = sohoa_xmalloc((lines + 1) * sizeof *d->line_off);
    size_t k = 0;
    d->line_off[k++] = 0;
    for (size_t i = 0; i < d->n; i++)
        if (d->text[i] == '\n')
            d->line_off[k++] = i + 1;
    d->line_off[k] = d->n + 1;
}

/* Room for the tokens and candidates a text of d->n bytes is likely to
 * make (stripped news: 0.24 tokens and 1.4 candidates a byte; garble up to
 * 6 candidates a byte grows the array as needed). Grown by doubling from
 * small, a block's arrays were copied at every step past the heap's
 * mapping threshold, and each copy touched fresh pages (a third of the
 * page faults of a 1.7 MB restoration); reserved at once, only the pages
 * used are touched. */
static void reserve(rs_doc *d)
{
    d->cap = d->n / 3 + 1024;
    d->tok = sohoa_xmalloc(d->cap * sizeof *d->tok);
    d->ccap = 2 * d->n + 1024;
    d->cand = sohoa_xmalloc(d->ccap * sizeof *d->cand);
}

void rs_doc_build(rs_doc *d, const sohoa_restorer *r, const sohoa_restore_opts *o,
                  const char *text, size_t n, const float *tok_conf, size_t ntok_conf)
{
    memset(d, 0, sizeof *d);
    d->text = d->input = text;
    d->n = n;
    reserve(d);
    index_lines(d);
    size_t nw;
    word_span *w = split_words(d, &nw);
    d->nwords = nw;
    builder b = {d, r, o, rs_word_memo_new(text), {0}, RS_GARBLE_GLUED_BUDGET};
    for (size_t c = 0; c < 128; c++)
        b.punct_id[c] = -1;
    d->mode = doc_mode(&b, w, nw);
    char *read = d->mode == RS_MODE_GARBLE && o->baseline == 0 ? rs_garble_letters(text, n) : NULL;
    if (read) { /* the words are made from the copy: what doc_mode learnt is of the text */
        d->text = rs_doc_own(d, read, n);
        free(read);
        rs_word_memo_free(b.memo);
        b.memo = rs_word_memo_new(d->text);
        for (size_t i = 0; i < nw; i++)
            w[i].facts = NULL;
    }
    int lossy = o->baseline == 0 && d->mode != RS_MODE_GARBLE && lossy_text(d, w, nw);
    d->lossy = lossy;
    for (size_t i = 0; i < nw; i++) {
        size_t first = d->ntok, used = 1;
        if (lossy && i + 1 < nw && lost_join(&b, &w[i], (int)i)) {
            used = 2;
        } else {
            emit_word(&b, &w[i], (int)i);
            if (lossy)
                lost_alone(&b, &w[i], i ? &w[i - 1] : NULL, first);
        }
        if (tok_conf && i < ntok_conf)
            for (size_t t = first; t < d->ntok; t++)
                d->tok[t].ocr_conf = tok_conf[i];
        i += used - 1;
        if (lossy && i + 1 < nw)
            lost_ghost(&b, &w[i], (int)i, used == 2); /* its OCR confidence unknown */
    }
    free(w);
    rs_word_memo_free(b.memo);
    rs_context_breaks(d, o);
    if (o->baseline == 0)
        rs_list_labels(d, r->lm);
    if (d->mode == RS_MODE_GARBLE && o->baseline == 0)
        rs_garble_case_context(d, r);
    if (d->mode == RS_MODE_STRIPPED && o->baseline == 0)
        rs_foreign_neighbours(d, r);
    if (o->baseline == 0 && !(o->disable & SOHOA_RESTORE_NO_CASE))
        rs_case_evidence(d, r);
}
