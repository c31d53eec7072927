/* vni.c — the VNI-Windows byte encoding (VNI-Times fonts). A toned vowel is
 * an ASCII base letter followed by one modifier byte that carries the tone
 * and/or the vowel quality ("Coäng hoøa" = Cộng hòa); ơ ư đ, the toned i and
 * ỵ have bytes of their own. Facts from the published VNI code chart. Bytes
 * that are neither read as Windows-1252; a modifier that cannot apply to the
 * letter before it is kept as that Windows-1252 character.
 *
 * Some encoders (the npm package vietnamese-conversion, a common source of
 * VNI files made today) write ỷ as the byte of the ặ modifier (0xEB) and ỹ
 * as the byte of ì (0xEC). The first is read back without doubt: that
 * modifier, where it cannot apply to the letter before it, is ỷ. The second
 * is a true collision, decided by the letters before it: after k, m, s or qu
 * ỹ is the commoner word by far (../shared/corpus: kỹ 3195 times against kì
 * 260, Mỹ 4760 against mì 169, quỹ 1707 against quì 0, sỹ 146 against sì
 * 0), where the word ends with it; elsewhere (vì, thì, gì, mình) it is ì. */
#include "codecs.h"
#include "letters.h"

#include "sohoa/syllable.h"

enum { Q_NONE = 0, Q_CIRC, Q_BREVE };

/* Modifier bytes: lower-case form, upper-case form, quality, tone. */
static const struct {
    unsigned char lo, up;
    uint8_t quality, tone;
} MODS[] = {
    {0xF9, 0xD9, Q_NONE, SOHOA_TONE_ACUTE},  {0xF8, 0xD8, Q_NONE, SOHOA_TONE_GRAVE},
    {0xFB, 0xDB, Q_NONE, SOHOA_TONE_HOOK},   {0xF5, 0xD5, Q_NONE, SOHOA_TONE_TILDE},
    {0xEF, 0xCF, Q_NONE, SOHOA_TONE_DOT},
    {0xE2, 0xC2, Q_CIRC, SOHOA_TONE_LEVEL},  {0xE1, 0xC1, Q_CIRC, SOHOA_TONE_ACUTE},
    {0xE0, 0xC0, Q_CIRC, SOHOA_TONE_GRAVE},  {0xE5, 0xC5, Q_CIRC, SOHOA_TONE_HOOK},
    {0xE3, 0xC3, Q_CIRC, SOHOA_TONE_TILDE},  {0xE4, 0xC4, Q_CIRC, SOHOA_TONE_DOT},
    {0xEA, 0xCA, Q_BREVE, SOHOA_TONE_LEVEL}, {0xE9, 0xC9, Q_BREVE, SOHOA_TONE_ACUTE},
    {0xE8, 0xC8, Q_BREVE, SOHOA_TONE_GRAVE}, {0xFA, 0xDA, Q_BREVE, SOHOA_TONE_HOOK},
    {0xFC, 0xDC, Q_BREVE, SOHOA_TONE_TILDE}, {0xEB, 0xCB, Q_BREVE, SOHOA_TONE_DOT},
};

/* Letters with bytes of their own: lower-case byte, upper-case byte, base, tone. */
static const struct {
    unsigned char lo, up;
    uint16_t base;
    uint8_t tone;
} OWN[] = {
    {0xF4, 0xD4, 0x1A1, SOHOA_TONE_LEVEL}, /* ơ */
    {0xF6, 0xD6, 0x1B0, SOHOA_TONE_LEVEL}, /* ư */
    {0xF1, 0xD1, 0x111, SOHOA_TONE_LEVEL}, /* đ */
    {0xEC, 0xCC, 'i', SOHOA_TONE_GRAVE},   {0xED, 0xCD, 'i', SOHOA_TONE_ACUTE},
    {0xE6, 0xC6, 'i', SOHOA_TONE_HOOK},    {0xF3, 0xD3, 'i', SOHOA_TONE_TILDE},
    {0xF2, 0xD2, 'i', SOHOA_TONE_DOT},     {0xEE, 0xCE, 'y', SOHOA_TONE_DOT},
};

/* The modifier byte of ặ, read as ỷ where it cannot be that modifier. */
#define MOD_BREVE_DOT_LO 0xEB
#define MOD_BREVE_DOT_UP 0xCB
/* The byte of ì, read as ỹ after the onsets above. */
#define OWN_I_GRAVE_LO 0xEC
#define OWN_I_GRAVE_UP 0xCC

#define NMODS (sizeof MODS / sizeof MODS[0])
#define NOWN (sizeof OWN / sizeof OWN[0])

typedef struct pending {
    int have;
    uint32_t base;
    int tone, upper;
} pending;

static void flush(pending *p, sohoa_buf *out)
{
    if (p->have && p->base < 0x80 && !p->tone)
        sohoa_buf_putc(out, (char)(p->upper ? p->base - 32 : p->base));
    else if (p->have)
        sohoa_buf_put_cp(out, vn_compose(p->base, p->tone, p->upper));
    p->have = 0;
}

/* Apply modifier m to the pending letter; 0 if it does not apply. */
static int apply(pending *p, int m)
{
    if (!p->have || !vn_is_vowel(p->base) || p->tone)
        return 0;
    uint32_t b = p->base;
    if (MODS[m].quality == Q_CIRC)
        b = vn_apply_quality(b, 0x302);
    else if (MODS[m].quality == Q_BREVE)
        b = vn_apply_quality(b, 0x306);
    if (!b)
        return 0;
    p->base = b, p->tone = MODS[m].tone;
    return 1;
}

/* 1 if byte c of decoded text is a letter or part of one (any byte of a
 * multi-byte UTF-8 sequence counts: the decoded letters above ASCII). */
static int letter_byte(unsigned char c)
{
    return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80;
}

/* 1 if the word so far (out's tail, then the pending letter p) is k, m, s
 * or qu, in either case: the onsets after which the byte of ì is ỹ. */
static int y_tilde_onset(const sohoa_buf *out, const pending *p)
{
    if (!p->have || p->tone)
        return 0;
    const unsigned char *o = (const unsigned char *)out->data;
    size_t n = out->len;
    if (p->base == 'k' || p->base == 'm' || p->base == 's')
        return n == 0 || !letter_byte(o[n - 1]);
    if (p->base == 'u' && n > 0 && (o[n - 1] | 0x20) == 'q')
        return n == 1 || !letter_byte(o[n - 2]);
    return 0;
}

void vni_decode(const char *in, size_t n, sohoa_buf *out)
{
    const unsigned char *s = (const unsigned char *)in;
    pending p = {0, 0, 0, 0};
    sohoa_buf_reserve(out, n + n / 2);
    for (size_t i = 0; i < n; i++) {
        unsigned char b = s[i];
        if (b < 0x80) {
            flush(&p, out);
            if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') {
                p.have = 1, p.base = b | 0x20, p.tone = 0, p.upper = b < 'a';
            } else {
                sohoa_buf_putc(out, (char)b);
            }
            continue;
        }
        size_t m = 0;
        while (m < NMODS && MODS[m].lo != b && MODS[m].up != b)
            m++;
        if (m < NMODS && apply(&p, (int)m))
            continue;
        if (b == OWN_I_GRAVE_LO || b == OWN_I_GRAVE_UP) {
            /* ỹ ends its syllable (kỹ, quỹ): "mình" is m, ì, nh */
            int y = y_tilde_onset(out, &p) && (i + 1 == n || !letter_byte(s[i + 1]));
            flush(&p, out);
            if (y) {
                p.have = 1, p.base = 'y', p.tone = SOHOA_TONE_TILDE;
                p.upper = b == OWN_I_GRAVE_UP;
                continue;
            }
        }
        flush(&p, out);
        if (b == MOD_BREVE_DOT_LO || b == MOD_BREVE_DOT_UP) {
            p.have = 1, p.base = 'y', p.tone = SOHOA_TONE_HOOK;
            p.upper = b == MOD_BREVE_DOT_UP;
            continue;
        }
        size_t k = 0;
        while (k < NOWN && OWN[k].lo != b && OWN[k].up != b)
            k++;
        if (k < NOWN) {
            p.have = 1, p.base = OWN[k].base, p.tone = OWN[k].tone;
            p.upper = OWN[k].up == b;
        } else {
            sohoa_buf_put_cp(out, cp1252_byte(b));
        }
    }
    flush(&p, out);
}

/* Bytes for one Vietnamese letter; 0 if it has none. */
static int encode_letter(uint32_t base, int tone, int upper, sohoa_buf *out)
{
    for (size_t k = 0; k < NOWN; k++)
        if (OWN[k].base == base && OWN[k].tone == tone) {
            sohoa_buf_putc(out, (char)(upper ? OWN[k].up : OWN[k].lo));
            return 1;
        }
    int quality = Q_NONE;
    uint32_t ascii = base;
    switch (base) {
    case 0xE2: ascii = 'a', quality = Q_CIRC; break;  /* â */
    case 0xEA: ascii = 'e', quality = Q_CIRC; break;  /* ê */
    case 0xF4: ascii = 'o', quality = Q_CIRC; break;  /* ô */
    case 0x103: ascii = 'a', quality = Q_BREVE; break; /* ă */
    case 0x1A1: case 0x1B0: /* ơ ư: own byte, then the tone */
        encode_letter(base, SOHOA_TONE_LEVEL, upper, out);
        ascii = 0;
        break;
    default:
        if (base >= 0x80)
            return 0;
    }
    if (ascii)
        sohoa_buf_putc(out, (char)(upper ? ascii - 32 : ascii));
    if (quality == Q_NONE && tone == SOHOA_TONE_LEVEL)
        return 1;
    for (size_t m = 0; m < NMODS; m++)
        if (MODS[m].quality == quality && MODS[m].tone == tone) {
            sohoa_buf_putc(out, (char)(upper ? MODS[m].up : MODS[m].lo));
            return 1;
        }
    return 0;
}

int vni_encode(const char *utf8, size_t n, sohoa_buf *out, size_t *bad_at)
{
    size_t i = 0;
    while (i < n) {
        uint32_t base;
        int tone, upper, letter;
        size_t len = vn_split_char(utf8 + i, n - i, &base, &tone, &upper, &letter);
        if (len == 0 || (!letter && base >= 0x80) ||
            (letter && !encode_letter(base, tone, upper, out))) {
            *bad_at = i;
            return SOHOA_EINVAL;
        }
        if (!letter)
            sohoa_buf_putc(out, (char)base);
        i += len;
    }
    return SOHOA_OK;
}
