/* restore_cache.c — the per-document cache (doc_cache.c) on a document
 * built by hand: a form decided confidently twice gets a bonus where its
 * skeleton comes back nearby, not more than a window away (a file may hold
 * many documents), a skeleton with disagreeing decisions gets none, and
 * names keep their evidence apart from other words; two-word names and
 * pairs of other words carry their readings as pairs. */
#include "harness.h"

#include <stdlib.h>
#include <strings.h>
#include <string.h>
#include "sohoa/buf.h"
#include "../../src/restore/restore_int.h"

/* A stripped document of n word tokens, each with candidates cải, cái
 * (in that order), all undecided (chosen cải, confidence 0.5). */
static void make_doc(rs_doc *d, size_t n)
{
    memset(d, 0, sizeof *d);
    d->mode = RS_MODE_STRIPPED;
    d->text = "";
    d->tok = calloc(n, sizeof *d->tok);
    d->cand = calloc(2 * n, sizeof *d->cand);
    d->ntok = d->cap = n;
    d->ncand = d->ccap = 2 * n;
    for (size_t i = 0; i < n; i++) {
        rs_tok *t = &d->tok[i];
        t->kind = RS_WORD;
        t->cand0 = 2 * i;
        t->ncand = 2;
        t->chosen = 0;
        t->conf = 0.5f;
        d->cand[2 * i] = (rs_cand){.form = "cải", .chan = 0, .id = 5};
        d->cand[2 * i + 1] = (rs_cand){.form = "cái", .chan = 0, .id = 6};
    }
}

static void decide(rs_doc *d, size_t i, int cand)
{
    d->tok[i].chosen = cand;
    d->tok[i].conf = 0.95f;
}

TEST(cache_favours_a_form_decided_nearby)
{
    rs_doc d;
    make_doc(&d, 3000);
    decide(&d, 0, 1); /* cái, twice, confidently */
    decide(&d, 1, 1);
    float *b = rs_cache_bonus(&d);
    CHECK(b[2 * 2 + 1] > 0);  /* token 2: cái favoured */
    CHECK(b[2 * 2] == 0);     /* cải not */
    CHECK(b[2 * 900 + 1] > 0); /* 900 tokens on: still within the window */
    CHECK(b[2 * 2500 + 1] == 0); /* 2,500 tokens on: another document */
    CHECK(b[2 * 2500] == 0);
    free(b);
    free(d.tok);
    free(d.cand);
}

TEST(cache_stays_out_of_disagreement)
{
    rs_doc d;
    make_doc(&d, 10);
    decide(&d, 0, 1); /* cái twice, cải twice: 50 % each */
    decide(&d, 1, 1);
    decide(&d, 2, 0);
    decide(&d, 3, 0);
    float *b = rs_cache_bonus(&d);
    for (size_t i = 0; i < d.ncand; i++)
        CHECK(b[i] == 0);
    free(b);
    free(d.tok);
    free(d.cand);
}

/* Capitalised words (names) and the others keep their evidence apart.
 * Tokens 0 and 1, in lower case, are decided cái (weight 1 each); tokens
 * 3 and 4, capitalised, cải (weight 2 each). Mixed, neither form would
 * hold 75 % (cải 4 of 6): apart, lower-case token 6 gets the bonus on cái,
 * capitalised token 5 on cải, and capitalised token 2, with only the
 * lower-case decisions before it and the names after, on cải as well. */
TEST(cache_keeps_names_apart_from_other_words)
{
    rs_doc d;
    make_doc(&d, 8);
    decide(&d, 0, 1);
    decide(&d, 1, 1);
    /* sure enough to count alone, not as a pair of words (this document
     * has no text: every capitalised token would start a sentence) */
    d.tok[0].conf = d.tok[1].conf = 0.85f;
    for (size_t i = 2; i <= 5; i++)
        d.tok[i].upper = 1;
    decide(&d, 3, 0);
    decide(&d, 4, 0);
    float *b = rs_cache_bonus(&d);
    CHECK(b[2 * 6 + 1] > 0 && b[2 * 6] == 0); /* lower case: cái */
    CHECK(b[2 * 5] > 0 && b[2 * 5 + 1] == 0); /* capitalised: cải */
    CHECK(b[2 * 2] > 0 && b[2 * 2 + 1] == 0);
    free(b);
    free(d.tok);
    free(d.cand);
}

/* ---- two-word names ------------------------------------------------------
 * A document made from a text: every space-separated word a token (upper
 * from its first letter: 1, or 2 in capitals throughout), "van" with the
 * candidates vân, văn, "dien" with điền, điện, any other word itself
 * alone; all undecided (first candidate, confidence 0.5). */
static void text_doc(rs_doc *d, const char *text)
{
    memset(d, 0, sizeof *d);
    d->mode = RS_MODE_STRIPPED;
    d->text = text;
    d->n = strlen(text);
    d->tok = calloc(d->n + 1, sizeof *d->tok);
    d->cand = calloc(2 * d->n + 2, sizeof *d->cand);
    for (size_t i = 0; i < d->n;) {
        while (text[i] == ' ' || text[i] == '.')
            i++;
        size_t a = i;
        while (i < d->n && text[i] != ' ' && text[i] != '.')
            i++;
        if (i == a)
            break;
        rs_tok *t = &d->tok[d->ntok++];
        t->kind = RS_WORD;
        t->off = a;
        t->len = i - a;
        t->upper = text[a] >= 'A' && text[a] <= 'Z' ? (text[a + 1] >= 'A' && text[a + 1] <= 'Z' ? 2 : 1) : 0;
        t->cand0 = d->ncand;
        t->conf = 0.5f;
        if (strncasecmp(text + a, "van", 3) == 0 && t->len == 3) {
            d->cand[d->ncand++] = (rs_cand){.form = "vân", .chan = 0, .id = 10};
            d->cand[d->ncand++] = (rs_cand){.form = "văn", .chan = 0, .id = 11};
        } else if (strncasecmp(text + a, "dien", 4) == 0 && t->len == 4) {
            d->cand[d->ncand++] = (rs_cand){.form = "điền", .chan = 0, .id = 20};
            d->cand[d->ncand++] = (rs_cand){.form = "điện", .chan = 0, .id = 21};
        } else {
            d->cand[d->ncand++] = (rs_cand){.form = strndup(text + a, t->len), .chan = 0, .id = 30};
        }
        t->ncand = d->ncand - t->cand0;
    }
    d->cap = d->ntok;
    d->ccap = d->ncand;
}

static void text_doc_free(rs_doc *d)
{
    for (size_t i = 0; i < d->ntok; i++)
        if (d->tok[i].ncand == 1)
            free((char *)d->cand[d->tok[i].cand0].form);
    free(d->tok);
    free(d->cand);
}

/* Check that bonus b favours vân at token i of d and điền at i + 1, and
 * neither other candidate. */
static void check_van_dien(const rs_doc *d, const float *b, size_t i)
{
    const rs_tok *v = &d->tok[i], *e = &d->tok[i + 1];
    CHECK(b[v->cand0] > 0 && b[v->cand0 + 1] == 0);
    CHECK(b[e->cand0] > 0 && b[e->cand0 + 1] == 0);
}

/* The decisions of the texts below: "Van Dien" at tokens 1-2 and 4-5
 * decided vân điền, "Van" of "Van phong" at 7 and 10 decided văn. */
static void decide_names(rs_doc *d)
{
    decide(d, 1, 0);
    decide(d, 2, 0);
    decide(d, 4, 0);
    decide(d, 5, 0);
    decide(d, 7, 1);
    decide(d, 10, 1);
}

/* Tokens: 0 huyen 1 Van 2 Dien 3 va 4 Van 5 Dien 6 va 7 Van 8 phong 9 va
 * 10 Van 11 phong 12 va 13 Van 14 Dien. "Van" alone is split: vân twice
 * (in the name), văn twice (Văn phòng), so its own evidence decides
 * nothing; the name "Van Dien", decided vân điền twice, carries over to
 * tokens 13-14. */
TEST(cache_carries_a_two_word_name)
{
    rs_doc d;
    text_doc(&d, "huyen Van Dien va Van Dien va Van phong va Van phong va Van Dien");
    CHECK(d.ntok == 15);
    decide_names(&d);
    float *b = rs_cache_bonus(&d);
    check_van_dien(&d, b, 13);
    free(b);
    text_doc_free(&d);
}

/* The same, the last "Van Dien" starting a sentence: a capital there says
 * nothing of a name, so no bonus (the single word's evidence is split).
 * A heading in capitals (upper 2) still counts as a name where it starts. */
TEST(cache_two_word_names_not_from_a_sentence_start)
{
    static const struct {
        const char *text;
        int bonus; /* 1: vân favoured at token 13; 0: neither candidate */
    } cases[] = {
        {"huyen Van Dien va Van Dien va Van phong va Van phong va. Van Dien", 0},
        {"huyen Van Dien va Van Dien va Van phong va Van phong va. VAN DIEN", 1},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        rs_doc d;
        text_doc(&d, cases[k].text);
        CHECK(d.ntok == 15);
        decide_names(&d);
        float *b = rs_cache_bonus(&d);
        const rs_tok *v = &d.tok[13];
        CHECK((b[v->cand0] > 0) == cases[k].bonus && b[v->cand0 + 1] == 0);
        free(b);
        text_doc_free(&d);
    }
}

/* ---- pairs of other words --------------------------------------------------
 * Tokens: 0 van 1 dien 2 va 3 van 4 phong 5 va 6 van 7 phong 8 va 9 dien
 * 10 thoai 11 va 12 dien 13 thoai 14 va 15 van 16 dien. Alone, each word
 * is split (van: vân once, văn twice; dien: điền once, điện twice), so
 * neither gets a bonus of its own; the pair "van dien", read vân điền at
 * 0-1 with posteriors of at least 0.9, carries that reading to 15-16. */
static const char *const WORD_PAIRS =
    "van dien va van phong va van phong va dien thoai va dien thoai va van dien";

static void decide_words(rs_doc *d, float first_pair_conf)
{
    decide(d, 0, 0); /* vân điền */
    decide(d, 1, 0);
    d->tok[0].conf = d->tok[1].conf = first_pair_conf;
    decide(d, 3, 1); /* văn phòng, twice */
    decide(d, 6, 1);
    decide(d, 9, 1); /* điện thoại, twice */
    decide(d, 12, 1);
}

TEST(cache_carries_a_pair_of_words)
{
    rs_doc d;
    text_doc(&d, WORD_PAIRS);
    CHECK(d.ntok == 17);
    decide_words(&d, 0.95f);
    float *b = rs_cache_bonus(&d);
    check_van_dien(&d, b, 15);
    free(b);
    text_doc_free(&d);
}

/* Posteriors of 0.85 count for each word alone (which stays split) but
 * are too unsure for the pair: no bonus at 15-16. */
TEST(cache_pairs_of_words_need_sure_choices)
{
    rs_doc d;
    text_doc(&d, WORD_PAIRS);
    decide_words(&d, 0.85f);
    float *b = rs_cache_bonus(&d);
    for (size_t k = 0; k < 2; k++) {
        const rs_tok *t = &d.tok[15 + k];
        CHECK(b[t->cand0] == 0 && b[t->cand0 + 1] == 0);
    }
    free(b);
    text_doc_free(&d);
}

/* Two sure readings of the pair that disagree in one word (vân điền at
 * 0-1, vân điện at 15-16 of a longer text) carry neither word to a third
 * occurrence at 18-19: its first word holds vân in both, but a pair is
 * one reading. (Alone, van stays split, vân twice, văn twice; dien leans
 * to điện, three of four.) And a name's pair ("Van Dien", decided vân
 * điền) says nothing of the lower-case words. */
TEST(cache_pairs_of_words_disagreeing_or_named)
{
    rs_doc d;
    text_doc(&d, "van dien va van phong va van phong va dien thoai va dien thoai va van dien "
                 "va van dien");
    CHECK(d.ntok == 20);
    decide_words(&d, 0.95f);
    decide(&d, 15, 0);
    decide(&d, 16, 1);
    float *b = rs_cache_bonus(&d);
    CHECK(b[d.tok[18].cand0] == 0 && b[d.tok[18].cand0 + 1] == 0);
    CHECK(b[d.tok[19].cand0] == 0 && b[d.tok[19].cand0 + 1] > 0); /* điện, alone */
    free(b);
    text_doc_free(&d);

    text_doc(&d, "ong Van Dien va van phong va van phong va dien thoai va dien thoai va van dien");
    CHECK(d.ntok == 18);
    decide(&d, 1, 0); /* the name Vân Điền */
    decide(&d, 2, 0);
    decide(&d, 4, 1);
    decide(&d, 7, 1);
    decide(&d, 10, 1);
    decide(&d, 13, 1);
    b = rs_cache_bonus(&d);
    /* văn and điện, decided twice each in lower case, get their own
     * bonus; the name's vân điền none */
    CHECK(b[d.tok[16].cand0] == 0 && b[d.tok[16].cand0 + 1] > 0);
    CHECK(b[d.tok[17].cand0] == 0 && b[d.tok[17].cand0 + 1] > 0);
    free(b);
    text_doc_free(&d);
}

/* A long document, so that the pairs' table is compacted on the way (it
 * keeps about the window's pairs): filler words f0, f1, ... each followed
 * by "van" read văn, every pair sure. From token 3000 on (so that the pair
 * "van dien" is not among the table's first, and moves when it is
 * compacted), every 3000 tokens: "van dien" read văn điện three times at
 * the start, vân điền once 1500 tokens on, and undecided 400 tokens later.
 * By then the văn điện readings have left the window, so vân điền holds
 * the pair alone and its vân carries over (van alone leans to văn
 * throughout), however often the table was renumbered between a reading's
 * coming and its going. */
TEST(cache_pairs_of_words_survive_a_long_document)
{
    sohoa_buf b = SOHOA_BUF_INIT;
    size_t n = 0, other[32], decided[32], open[32], na = 0, nd = 0, no = 0;
    for (size_t f = 0; n < 24000; f++) {
        size_t at = n % 3000;
        size_t *list = NULL; /* where a "van dien" goes here, if one does */
        if (n >= 3000 && at < 30 && at % 10 < 2)
            list = other;
        else if (n >= 3000 && at >= 1500 && at < 1502)
            list = decided;
        else if (n >= 3000 && at >= 1900 && at < 1902)
            list = open;
        if (list) {
            size_t *len = list == other ? &na : list == decided ? &nd : &no;
            list[(*len)++] = n;
            sohoa_buf_puts(&b, "van dien ");
            n += 2;
        }
        sohoa_buf_printf(&b, "f%zu van ", f);
        n += 2;
    }
    rs_doc d;
    text_doc(&d, b.data);
    CHECK(d.ntok == n);
    for (size_t i = 0; i < d.ntok; i++) {
        d.tok[i].conf = 0.95f;
        if (d.tok[i].ncand == 2)
            d.tok[i].chosen = 1; /* văn, điện */
    }
    for (size_t k = 0; k < nd; k++)
        d.tok[decided[k]].chosen = d.tok[decided[k] + 1].chosen = 0; /* vân điền */
    for (size_t k = 0; k < no; k++)
        d.tok[open[k]].conf = d.tok[open[k] + 1].conf = 0.5f;
    float *bonus = rs_cache_bonus(&d);
    CHECK(na == 21 && nd == 7 && no == 7);
    for (size_t k = 0; k < no; k++)
        CHECK(bonus[d.tok[open[k]].cand0] > 0); /* vân, from the pair alone */
    CHECK(bonus[d.tok[open[0] - 1].cand0] == 0); /* a van after a filler: văn only */
    free(bonus);
    text_doc_free(&d);
    sohoa_buf_free(&b);
}
