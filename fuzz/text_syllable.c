/* text_syllable.c — fuzzing the syllable model (include/sohoa/syllable.h):
 * parse, validate, fold, re-tone, strip the tone, format, generate forms.
 * Oracles from the header's contracts: fold never grows the text and is
 * idempotent on valid UTF-8, a truncated fold is a prefix of the full one with the same
 * returned length; valid == parse; a parsed syllable formatted back parses
 * to the same parts; re-toning works exactly on valid syllables; every
 * generated form is valid and folds back to its skeleton. */
#include "fuzz.h"
#include "sohoa/syllable.h"
#include "sohoa/utf8.h"

static int same_parts(const sohoa_syl *a, const sohoa_syl *b)
{
    return !strcmp(a->onset, b->onset) && !strcmp(a->glide, b->glide) &&
           !strcmp(a->nucleus, b->nucleus) && !strcmp(a->coda, b->coda) && a->tone == b->tone;
}

static void check_fold(const char *s, size_t n)
{
    char *full = malloc(n + 1), *again = malloc(n + 1), small[8];
    size_t len = sohoa_fold(s, n, full, n + 1);
    FUZZ_ASSERT(len <= n);
    FUZZ_ASSERT(full[len] == '\0'); /* (the input may hold NULs: no strlen) */
    /* idempotent on valid UTF-8 (invalid bytes are copied, and the bytes on
     * either side of a dropped mark may then form a character) */
    if (sohoa_utf8_invalid_at(s, n) == (size_t)-1) {
        size_t len2 = sohoa_fold(full, len, again, n + 1);
        FUZZ_ASSERT(len2 == len && memcmp(full, again, len) == 0);
    }
    size_t lens = sohoa_fold(s, n, small, sizeof small);
    FUZZ_ASSERT(lens == len);
    /* a prefix of the full fold (whole characters only, so maybe shorter
     * than cap - 1), NUL-terminated inside the buffer */
    const char *nul = memchr(small, '\0', sizeof small);
    FUZZ_ASSERT(nul != NULL && (size_t)(nul - small) <= len);
    FUZZ_ASSERT(memcmp(small, full, (size_t)(nul - small)) == 0);
    size_t lk = sohoa_fold_keep_case(s, n, again, n + 1);
    FUZZ_ASSERT(lk <= n && again[lk] == '\0');
    free(full);
    free(again);
}

typedef struct forms_ctx {
    const char *skel;
    size_t count;
} forms_ctx;

static int on_form(const char *form, size_t len, void *ctx)
{
    forms_ctx *c = ctx;
    char back[64];
    FUZZ_ASSERT(sohoa_syl_valid(form, len));
    sohoa_fold(form, len, back, sizeof back);
    FUZZ_ASSERT(strcmp(back, c->skel) == 0);
    return ++c->count > 500;
}

/* Generating forms is the slow check: only for the first few syllables. */
static int forms_budget;

static void check_syllable(const char *s, size_t n, int style)
{
    sohoa_syl p, q;
    int ok = sohoa_syl_parse(s, n, &p);
    FUZZ_ASSERT(ok == sohoa_syl_valid(s, n));
    char out[128];
    size_t r = sohoa_syl_retone(s, n, style, out, sizeof out);
    FUZZ_ASSERT((r != 0) == (ok != 0));
    if (ok) {
        FUZZ_ASSERT(r < sizeof out);
        FUZZ_ASSERT(sohoa_syl_parse(out, r, &q) && same_parts(&p, &q));
        size_t f = sohoa_syl_format(&p, style, out, sizeof out);
        FUZZ_ASSERT(f > 0 && f < sizeof out);
        FUZZ_ASSERT(sohoa_syl_parse(out, f, &q) && same_parts(&p, &q) && q.upper == p.upper);
        char skel[64];
        size_t k = sohoa_fold(s, n, skel, sizeof skel);
        if (k < sizeof skel && forms_budget > 0) {
            forms_budget--;
            forms_ctx c = {skel, 0};
            sohoa_syl_forms(skel, style, on_form, &c);
            FUZZ_ASSERT(c.count > 0); /* s itself is one of them */
        }
    }
    char *stripped = malloc(n + 16);
    int tone = sohoa_syl_strip_tone(s, n, stripped, n + 16);
    FUZZ_ASSERT(tone >= SOHOA_TONE_LEVEL && tone <= SOHOA_TONE_DOT);
    free(stripped);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    check_fold(s, size);
    forms_budget = 4;
    /* each whitespace-separated token as a syllable, in both tone styles */
    size_t i = 0;
    while (i < size) {
        while (i < size && (s[i] == ' ' || s[i] == '\n'))
            i++;
        size_t j = i;
        while (j < size && s[j] != ' ' && s[j] != '\n')
            j++;
        if (j > i && j - i <= 64) {
            check_syllable(s + i, j - i, SOHOA_TONE_NEW);
            check_syllable(s + i, j - i, SOHOA_TONE_OLD);
        }
        i = j;
    }
    return 0;
}
