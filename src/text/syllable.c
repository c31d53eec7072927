/* syllable.c — the Vietnamese syllable model (include/sohoa/syllable.h):
 * parse a token into onset + glide + nucleus + coda + tone, validate it,
 * place its tone mark by a convention, and generate every toned form of an
 * ASCII skeleton.
 *
 * A token is first read into "units" (one per letter: toneless lower-case
 * base, tone, case), accepting NFC and NFD alike. analyse() then splits the
 * units by the orthography: onset (longest match; "qu" and "gi" are onsets),
 * a vowel group looked up in the table of rhymes below, and a consonant coda
 * allowed by that rhyme. The rhyme table says on which letter the tone goes,
 * for both conventions; parse accepts either, format/retone write one. */
#include "sohoa/syllable.h"
#include "sohoa/utf8.h"
#include "letters.h"
#include "utf8_fast.h"

#include <string.h>

#define MAXU 12 /* longest token considered: "nghiêng" has 7 letters */

typedef struct unit {
    uint32_t cp;  /* lower-case base letter without tone */
    uint8_t tone; /* enum sohoa_tone */
    uint8_t up;   /* 1 if written upper case */
} unit;

/* Consonant codas, as bits of a rhyme's allowed set. */
enum {
    K_NONE = 1 << 0, K_C = 1 << 1, K_CH = 1 << 2, K_M = 1 << 3, K_N = 1 << 4,
    K_NG = 1 << 5, K_NH = 1 << 6, K_P = 1 << 7, K_T = 1 << 8, K_K = 1 << 9
};
#define K_STOP (K_C | K_CH | K_P | K_T | K_K)


/* A vowel group: glide letters, nucleus letters, then semivowel coda letters
 * (the rest of s). tone: index in s of the letter that takes the tone.
 * newold: without a consonant coda, the new style (hòa, thủy, khỏe) puts the
 * tone on the glide instead (index 0). */
typedef struct rhyme {
    const char *s;
    uint8_t glide, nuc;
    uint16_t codas;
    uint8_t tone, newold;
} rhyme;

#define ANY_A (K_NONE | K_C | K_CH | K_M | K_N | K_NG | K_NH | K_P | K_T)
#define ANY_O (K_NONE | K_C | K_M | K_N | K_NG | K_P | K_T)
static const rhyme RHYMES[] = {
    {"a", 0, 1, ANY_A, 0, 0},
    {"ai", 0, 1, K_NONE, 0, 0},
    {"ao", 0, 1, K_NONE, 0, 0},
    {"au", 0, 1, K_NONE, 0, 0},
    {"ay", 0, 1, K_NONE, 0, 0},
    {"ă", 0, 1, K_C | K_M | K_N | K_NG | K_P | K_T | K_K, 0, 0}, /* Đắk Lắk */
    {"â", 0, 1, K_C | K_M | K_N | K_NG | K_P | K_T, 0, 0},
    {"âu", 0, 1, K_NONE, 0, 0},
    {"ây", 0, 1, K_NONE, 0, 0},
    {"e", 0, 1, ANY_O, 0, 0},
    {"eo", 0, 1, K_NONE, 0, 0},
    {"ê", 0, 1, K_NONE | K_CH | K_M | K_N | K_NH | K_P | K_T, 0, 0},
    {"êu", 0, 1, K_NONE, 0, 0},
    {"i", 0, 1, K_NONE | K_CH | K_M | K_N | K_NH | K_P | K_T, 0, 0},
    {"ia", 0, 2, K_NONE, 0, 0},
    {"iu", 0, 1, K_NONE, 0, 0},
    {"iê", 0, 2, K_C | K_M | K_N | K_NG | K_P | K_T, 1, 0},
    {"iêu", 0, 2, K_NONE, 1, 0},
    {"o", 0, 1, ANY_O, 0, 0},
    {"oi", 0, 1, K_NONE, 0, 0},
    {"oo", 0, 2, K_C | K_NG, 1, 0}, /* xoong, moóc */
    {"ô", 0, 1, ANY_O, 0, 0},
    {"ôi", 0, 1, K_NONE, 0, 0},
    {"ơ", 0, 1, K_NONE | K_M | K_N | K_P | K_T, 0, 0},
    {"ơi", 0, 1, K_NONE, 0, 0},
    {"u", 0, 1, ANY_O, 0, 0},
    {"ua", 0, 2, K_NONE, 0, 0},
    {"ui", 0, 1, K_NONE, 0, 0},
    {"uô", 0, 2, K_C | K_M | K_N | K_NG | K_T, 1, 0},
    {"uôi", 0, 2, K_NONE, 1, 0},
    {"ư", 0, 1, K_NONE | K_C | K_M | K_NG | K_T, 0, 0},
    {"ưa", 0, 2, K_NONE, 0, 0},
    {"ưi", 0, 1, K_NONE, 0, 0},
    {"ưu", 0, 1, K_NONE, 0, 0},
    {"ươ", 0, 2, K_C | K_M | K_N | K_NG | K_P | K_T, 1, 0},
    {"ươi", 0, 2, K_NONE, 1, 0},
    {"ươu", 0, 2, K_NONE, 1, 0},
    {"y", 0, 1, K_NONE, 0, 0},
    {"yê", 0, 2, K_M | K_N | K_T, 1, 0},
    {"yêu", 0, 2, K_NONE, 1, 0},
    /* glide o */
    {"oa", 1, 1, ANY_A, 1, 1},
    {"oai", 1, 1, K_NONE, 1, 0},
    {"oay", 1, 1, K_NONE, 1, 0},
    {"oă", 1, 1, K_C | K_M | K_N | K_NG | K_T, 1, 0},
    {"oe", 1, 1, K_NONE | K_N | K_T, 1, 1},
    {"oeo", 1, 1, K_NONE, 1, 0},
    /* glide u */
    {"uâ", 1, 1, K_N | K_NG | K_T, 1, 0},
    {"uây", 1, 1, K_NONE, 1, 0},
    {"uê", 1, 1, K_NONE | K_CH | K_NH, 1, 0},
    {"uơ", 1, 1, K_NONE, 1, 0},
    {"uy", 1, 1, K_NONE | K_CH | K_NH | K_P | K_T, 1, 1},
    {"uya", 1, 2, K_NONE, 1, 0},
    {"uyê", 1, 2, K_N | K_T, 2, 0},
    {"uyu", 1, 1, K_NONE, 1, 0},
};


/* ---- reading a token into units -------------------------------------- */

/* Read s[0..n) into units; 0 if it holds anything but letters and
 * Vietnamese combining marks, a second tone, or more than MAXU letters. */
static int read_units(const char *s, size_t n, unit *u, int *count)
{
    int k = 0, toned = 0;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = utf8_next(s + i, n - i, &cp);
        if (len == 0)
            return 0;
        i += len;
        struct vn_letter l;
        int t;
        if (vn_letter_of(cp, &l)) {
            if (k == MAXU)
                return 0;
            u[k].cp = l.base, u[k].tone = l.tone, u[k].up = l.upper;
            if (l.tone && toned++)
                return 0;
            k++;
        } else if ((t = vn_tone_mark(cp)) != 0) {
            if (k == 0 || u[k - 1].tone || toned++)
                return 0;
            u[k - 1].tone = (uint8_t)t;
        } else if (vn_is_quality_mark(cp)) {
            uint32_t b = k ? vn_apply_quality(u[k - 1].cp, cp) : 0;
            if (!b)
                return 0;
            u[k - 1].cp = b;
        } else {
            return 0;
        }
    }
    *count = k;
    return k > 0;
}

/* Letters in a UTF-8 string (each rhyme letter is one code point). */
static int nletters(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The lower-case toneless letters of a token as one UTF-8 string, with the
 * byte offset of each unit, so that onsets, rhymes and codas are matched
 * with string compares. */
typedef struct spelled {
    char s[MAXU * 3 + 4];
    int off[MAXU + 1];
} spelled;

static void spell(const unit *u, int n, spelled *w)
{
    int o = 0;
    for (int k = 0; k < n; k++) {
        w->off[k] = o;
        o += (int)utf8_put(u[k].cp, w->s + o);
    }
    w->off[n] = o;
    w->s[o] = '\0';
}

/* The rhyme spelled by prefix ("" or a one-letter "i" / "u" not written in
 * the token) followed by w->s[from..to). With want_glide >= 0, only rhymes
 * with that glide length. */
/* 1 if the NUL-terminated r spells p[0..pl) followed by q[0..ql) (letters:
 * no NUL bytes). */
static int spells(const char *r, const char *p, size_t pl, const char *q, size_t ql)
{
    for (size_t i = 0; i < pl; i++, r++)
        if (*r != p[i])
            return 0;
    for (size_t i = 0; i < ql; i++, r++)
        if (*r != q[i])
            return 0;
    return *r == '\0';
}

static const rhyme *find_rhyme(const char *prefix, const spelled *w, int from, int to,
                               int want_glide)
{
    size_t pl = strlen(prefix), l = (size_t)(to - from);
    const char *seg = w->s + from;
    char first = pl ? prefix[0] : l ? seg[0] : '\0';
    for (size_t r = 0; r < sizeof RHYMES / sizeof RHYMES[0]; r++) {
        if (RHYMES[r].s[0] != first || (want_glide >= 0 && RHYMES[r].glide != want_glide))
            continue;
        if (spells(RHYMES[r].s, prefix, pl, seg, l))
            return &RHYMES[r];
    }
    return NULL;
}

/* ---- analysis ---------------------------------------------------------- */

typedef struct ana {
    int onset_len;      /* units of the onset */
    int v_start, v_len; /* units of the written vowel group */
    const rhyme *rh;
    int skip;           /* letters of rh->s not written in the vowel group:
                           1 for the i of gi (gìn, giếng), -1 when the u of
                           qu is part of rh->s (quý, quyết) */
    int coda_bit;       /* K_* of the consonant coda */
    int tone_new, tone_old; /* unit index that takes the tone */
} ana;

static int is_front(uint32_t cp) /* e ê i y */
{
    return cp == 'e' || cp == 0xEA || cp == 'i' || cp == 'y';
}

/* Letters of the onset that starts u[0..n), the longest that matches, or
 * 0. The onsets: b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th
 * tr v x (q only in qu). */
static int match_onset(const unit *u, int n)
{
    uint32_t b = n > 1 ? u[1].cp : 0;
    switch (n > 0 ? u[0].cp : 0) {
    case 'n':
        if (b == 'g')
            return n > 2 && u[2].cp == 'h' ? 3 : 2;
        return b == 'h' ? 2 : 1;
    case 'c': case 'k': case 'p':
        return b == 'h' ? 2 : 1;
    case 'g':
        return b == 'h' || b == 'i' ? 2 : 1;
    case 't':
        return b == 'h' || b == 'r' ? 2 : 1;
    case 'q':
        return b == 'u' ? 2 : 0;
    case 'b': case 'd': case 0x111: case 'h': case 'l': case 'm': case 'r': case 's':
    case 'v': case 'x':
        return 1;
    default:
        return 0;
    }
}

/* K_* bit of the consonant coda spelled by t (c ch m n ng nh p t k), K_NONE
 * if empty, 0 if none. */
static int match_coda(const char *t)
{
    switch (t[0]) {
    case '\0':
        return K_NONE;
    case 'c':
        return !t[1] ? K_C : t[1] == 'h' && !t[2] ? K_CH : 0;
    case 'n':
        return !t[1] ? K_N : t[1] == 'g' && !t[2] ? K_NG : t[1] == 'h' && !t[2] ? K_NH : 0;
    case 'm':
        return t[1] ? 0 : K_M;
    case 'p':
        return t[1] ? 0 : K_P;
    case 't':
        return t[1] ? 0 : K_T;
    case 'k':
        return t[1] ? 0 : K_K;
    default:
        return 0;
    }
}

/* Index in the rhyme string of the tone letter, by style (0 new, 1 old). */
static int rhyme_tone(const rhyme *r, int coda_bit, int style)
{
    if (r->newold && coda_bit == K_NONE && style == SOHOA_TONE_NEW)
        return 0;
    return r->tone;
}

/* Split units into onset, vowel group and coda by Vietnamese orthography,
 * ignoring tones. Returns 1 if they spell a syllable. */
static int analyse(const unit *u, int n, ana *a)
{
    memset(a, 0, sizeof *a);
    spelled w;
    spell(u, n, &w);
    int on = match_onset(u, n);
    int v = on;
    while (v < n && vn_is_vowel(u[v].cp))
        v++;
    int coda = match_coda(w.s + w.off[v]);
    if (!coda)
        return 0;
    a->onset_len = on, a->v_start = on, a->v_len = v - on, a->coda_bit = coda;

    const unit *g = u + on;
    int gl = v - on;
    const rhyme *r = NULL;
    if (on == 2 && u[0].cp == 'g' && u[1].cp == 'i') {
        if (gl == 0) {
            r = find_rhyme("i", &w, w.off[on], w.off[v], 0);
            a->skip = 1;
        } else if (g[0].cp == 0xEA) { /* giê = gi + iê */
            r = find_rhyme("i", &w, w.off[on], w.off[v], 0);
            a->skip = 1;
        } else if (g[0].cp != 'i' && g[0].cp != 'y') {
            r = find_rhyme("", &w, w.off[on], w.off[v], 0);
        }
    } else if (on == 2 && u[0].cp == 'q') {
        if (gl == 0)
            return 0;
        r = find_rhyme("u", &w, w.off[on], w.off[v], 1);
        if (r && (r->codas & coda))
            a->skip = -1;
        else if (g[0].cp != 'u' && g[0].cp != 0x1B0 && g[0].cp != 'o')
            r = find_rhyme("", &w, w.off[on], w.off[v], 0); /* quên = qu + ê + n */
        else
            r = NULL;
    } else {
        if (gl == 0)
            return 0;
        r = find_rhyme("", &w, w.off[on], w.off[v], -1);
        if (r) {
            uint32_t f = g[0].cp;
            /* spelling rules of the onset before the vowel */
            if (on == 2 && u[1].cp == 'h' && u[0].cp == 'g' && !is_front(f))
                return 0; /* gh only before e ê i */
            if (on == 3 && !is_front(f))
                return 0; /* ngh likewise */
            if (is_front(f) && ((on == 1 && (u[0].cp == 'c' || u[0].cp == 'g')) ||
                                (on == 2 && u[0].cp == 'n' && u[1].cp == 'g')))
                return 0; /* c g ng never before e ê i y */
            if ((on == 2 && u[1].cp == 'h' && u[0].cp == 'g' && f == 'y') ||
                (on == 3 && f == 'y'))
                return 0;
            if (r->s[0] == 'i' && r->nuc == 2 && r->s[1] != 'a' && on == 0)
                return 0; /* iê needs an onset (yên, not iên) */
            if (r->s[0] == 'y' && r->nuc == 2 && on != 0)
                return 0; /* yê takes no onset (tiên, not tyên) */
        }
    }
    if (!r || !(r->codas & coda))
        return 0;
    a->rh = r;
    /* unit index of the tone letter: rhyme index shifted by what is not
     * written in the group */
    int base = on - (a->skip != 0); /* unit index of rhyme letter 0 */
    for (int style = 0; style < 2; style++) {
        int idx = rhyme_tone(r, coda, style);
        if (a->skip == -1 && idx == 0)
            idx = r->tone; /* the u of qu never takes the tone: quý */
        int t = base + idx;
        if (style == SOHOA_TONE_NEW)
            a->tone_new = t;
        else
            a->tone_old = t;
    }
    return 1;
}

/* The case of the units: 0 lower, 1 first upper, 2 all upper; -1 mixed. */
static int case_of(const unit *u, int n)
{
    int ups = 0;
    for (int k = 0; k < n; k++)
        ups += u[k].up;
    if (ups == 0)
        return 0;
    if (ups == 1 && u[0].up)
        return 1;
    if (ups == n)
        return 2;
    return -1;
}

static int toned_unit(const unit *u, int n)
{
    for (int k = 0; k < n; k++)
        if (u[k].tone)
            return k;
    return -1;
}

/* Parse units; fills *a and returns the tone, or -1 if not a syllable. */
static int parse_units(const unit *u, int n, ana *a)
{
    if (!analyse(u, n, a))
        return -1;
    int t = toned_unit(u, n);
    int tone = t < 0 ? SOHOA_TONE_LEVEL : u[t].tone;
    if (t >= 0 && t != a->tone_new && t != a->tone_old)
        return -1;
    if ((a->coda_bit & K_STOP) && tone != SOHOA_TONE_ACUTE && tone != SOHOA_TONE_DOT)
        return -1;
    return tone;
}

/* ---- writing ----------------------------------------------------------- */

/* An output buffer filled as snprintf does, but never with half a
 * character: once a character does not fit, writing stops (len still counts). */
typedef struct sink {
    char *out;
    size_t cap, len, written;
    int full;
} sink;

static void put_bytes(sink *k, const char *b, size_t l)
{
    if (!k->full && k->written + l < k->cap) {
        memcpy(k->out + k->written, b, l);
        k->written += l;
    } else {
        k->full = 1;
    }
    k->len += l;
}

static void put_cp(sink *k, uint32_t cp)
{
    char b[4];
    put_bytes(k, b, utf8_put(cp, b));
}

static size_t sink_end(sink *k)
{
    if (k->cap > 0)
        k->out[k->written] = '\0';
    return k->len;
}

/* Write units with tone at unit index tone_at, in case mode upper. */
static size_t write_units(const unit *u, int n, int tone, int tone_at, int upper,
                          char *out, size_t cap)
{
    sink k = {out, cap, 0, 0, 0};
    for (int i = 0; i < n; i++) {
        int up = upper == 2 || (upper == 1 && i == 0);
        put_cp(&k, vn_compose(u[i].cp, i == tone_at ? tone : 0, up));
    }
    return sink_end(&k);
}

/* Copy units u[from..to) as lower-case UTF-8 into dst (size cap). */
static void units_str(const unit *u, int from, int to, char *dst, size_t cap)
{
    size_t o = 0;
    for (int k = from; k < to; k++) {
        char b[4];
        size_t l = utf8_put(u[k].cp, b);
        if (o + l >= cap)
            break;
        memcpy(dst + o, b, l);
        o += l;
    }
    dst[o] = '\0';
}

/* Copy letters [from, from+count) of the UTF-8 string s into dst. */
static void letters_str(const char *s, int from, int count, char *dst, size_t cap)
{
    size_t o = 0;
    int k = 0;
    for (const char *p = s; *p; k++) {
        size_t l = 1;
        while ((p[l] & 0xC0) == 0x80)
            l++;
        if (k >= from && k < from + count && o + l < cap) {
            memcpy(dst + o, p, l);
            o += l;
        }
        p += l;
    }
    dst[o] = '\0';
}

static void fill_parts(const unit *u, int n, const ana *a, int tone, int upper,
                       sohoa_syl *out)
{
    const rhyme *r = a->rh;
    int rl = nletters(r->s);
    units_str(u, 0, a->onset_len, out->onset, sizeof out->onset);
    if (a->skip == -1) { /* qu: the u belongs to the onset */
        out->glide[0] = '\0';
        letters_str(r->s, 1, r->nuc, out->nucleus, sizeof out->nucleus);
    } else {
        letters_str(r->s, 0, r->glide, out->glide, sizeof out->glide);
        letters_str(r->s, r->glide, r->nuc, out->nucleus, sizeof out->nucleus);
    }
    /* coda: semivowel letters of the rhyme, then the consonant coda */
    char semi[8], cons[8];
    letters_str(r->s, r->glide + r->nuc, rl, semi, sizeof semi);
    units_str(u, a->v_start + a->v_len, n, cons, sizeof cons);
    size_t sl = strlen(semi), cl = strlen(cons);
    if (sl + cl >= sizeof out->coda) /* cannot happen: codas are short */
        sl = cl = 0;
    memcpy(out->coda, semi, sl);
    memcpy(out->coda + sl, cons, cl);
    out->coda[sl + cl] = '\0';
    out->tone = tone;
    out->upper = upper;
}

/* ---- public API -------------------------------------------------------- */

int sohoa_syl_parse(const char *s, size_t n, sohoa_syl *out)
{
    unit u[MAXU];
    int k;
    ana a;
    if (!read_units(s, n, u, &k))
        return 0;
    int upper = case_of(u, k);
    if (upper < 0)
        return 0;
    int tone = parse_units(u, k, &a);
    if (tone < 0)
        return 0;
    if (out)
        fill_parts(u, k, &a, tone, upper, out);
    return 1;
}

int sohoa_syl_valid(const char *s, size_t n)
{
    return sohoa_syl_parse(s, n, NULL);
}

size_t sohoa_syl_retone(const char *s, size_t n, int style, char *out, size_t cap)
{
    unit u[MAXU];
    int k;
    ana a;
    if (!read_units(s, n, u, &k))
        return 0;
    int upper = case_of(u, k);
    int tone = upper < 0 ? -1 : parse_units(u, k, &a);
    if (tone < 0)
        return 0;
    int at = style == SOHOA_TONE_OLD ? a.tone_old : a.tone_new;
    return write_units(u, k, tone, at, upper, out, cap);
}

/* Append the letters of UTF-8 string s to units; 0 if one is not a letter. */
static int push_letters(unit *u, int *k, const char *s)
{
    size_t len = strlen(s), i = 0;
    while (i < len) {
        uint32_t cp;
        struct vn_letter l;
        size_t step = sohoa_utf8_decode(s + i, len - i, &cp);
        if (step == 0 || *k == MAXU || !vn_letter_of(cp, &l))
            return 0;
        u[*k].cp = l.base, u[*k].tone = 0, u[*k].up = 0;
        (*k)++;
        i += step;
    }
    return 1;
}

size_t sohoa_syl_format(const sohoa_syl *p, int style, char *out, size_t cap)
{
    unit u[MAXU];
    int k = 0;
    ana a;
    const char *nuc = p->nucleus;
    if (strcmp(p->onset, "gi") == 0 && nuc[0] == 'i')
        nuc++; /* the i of gi is the i of the nucleus: gìn, giếng */
    if (!push_letters(u, &k, p->onset) || !push_letters(u, &k, p->glide) ||
        !push_letters(u, &k, nuc) || !push_letters(u, &k, p->coda) ||
        !analyse(u, k, &a)) {
        if (cap > 0)
            out[0] = '\0';
        return 0;
    }
    int at = style == SOHOA_TONE_OLD ? a.tone_old : a.tone_new;
    return write_units(u, k, p->tone, at, p->upper, out, cap);
}

/* Variants of a skeleton letter: the Vietnamese letters that fold to it. */
static const uint32_t *variants(char c, int *nv)
{
    static const uint32_t A[] = {'a', 0x103, 0xE2}, E[] = {'e', 0xEA},
                          O[] = {'o', 0xF4, 0x1A1}, U[] = {'u', 0x1B0},
                          D[] = {'d', 0x111};
    switch (c) {
    case 'a': *nv = 3; return A;
    case 'e': *nv = 2; return E;
    case 'o': *nv = 3; return O;
    case 'u': *nv = 2; return U;
    case 'd': *nv = 2; return D;
    default: *nv = 1; return NULL;
    }
}

size_t sohoa_syl_forms(const char *skeleton, int style,
                       int (*fn)(const char *form, size_t len, void *ctx), void *ctx)
{
    size_t n = strlen(skeleton), count = 0;
    if (n == 0 || n > MAXU)
        return 0;
    int nv[MAXU], pick[MAXU];
    const uint32_t *vs[MAXU];
    for (size_t i = 0; i < n; i++) {
        if (skeleton[i] < 'a' || skeleton[i] > 'z')
            return 0;
        vs[i] = variants(skeleton[i], &nv[i]);
        pick[i] = 0;
    }
    for (;;) {
        unit u[MAXU];
        ana a;
        for (size_t i = 0; i < n; i++) {
            u[i].cp = vs[i] ? vs[i][pick[i]] : (uint32_t)skeleton[i];
            u[i].tone = 0, u[i].up = 0;
        }
        if (analyse(u, (int)n, &a)) {
            int at = style == SOHOA_TONE_OLD ? a.tone_old : a.tone_new;
            for (int t = 0; t < 6; t++) {
                if ((a.coda_bit & K_STOP) && t != SOHOA_TONE_ACUTE && t != SOHOA_TONE_DOT)
                    continue;
                char buf[64];
                size_t len = write_units(u, (int)n, t, at, 0, buf, sizeof buf);
                count++;
                if (fn && fn(buf, len, ctx))
                    return count;
            }
        }
        /* next combination (odometer) */
        size_t i = 0;
        while (i < n && ++pick[i] >= nv[i])
            pick[i++] = 0;
        if (i == n)
            break;
    }
    return count;
}

int sohoa_syl_strip_tone(const char *s, size_t n, char *out, size_t cap)
{
    int tone = SOHOA_TONE_LEVEL;
    size_t i = 0;
    sink k = {out, cap, 0, 0, 0};
    while (i < n) {
        uint32_t cp;
        size_t len = sohoa_utf8_decode(s + i, n - i, &cp);
        if (len == 0) { /* not UTF-8: copy the byte */
            put_bytes(&k, s + i, 1);
            i++;
            continue;
        }
        i += len;
        struct vn_letter l;
        int t;
        if (vn_letter_of(cp, &l)) {
            uint32_t base = l.base, mark;
            if (l.tone && !tone)
                tone = l.tone;
            /* fold following combining marks into this letter */
            for (;;) {
                size_t ml = sohoa_utf8_decode(s + i, n - i, &mark);
                if (ml == 0)
                    break;
                if ((t = vn_tone_mark(mark)) != 0) {
                    if (!tone)
                        tone = t;
                } else if (vn_is_quality_mark(mark) && vn_apply_quality(base, mark)) {
                    base = vn_apply_quality(base, mark);
                } else {
                    break;
                }
                i += ml;
            }
            put_cp(&k, vn_compose(base, 0, l.upper));
        } else if ((t = vn_tone_mark(cp)) != 0) {
            if (!tone)
                tone = t; /* a stray tone mark: dropped */
        } else {
            put_cp(&k, cp);
        }
    }
    sink_end(&k);
    return tone;
}
