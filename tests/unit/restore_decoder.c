/* restore_decoder.c — the beam decoder (decoder.c) on documents built by
 * the tokenizer from a tiny model trained here: context decides, every
 * word's posteriors are a distribution with the chosen candidate's as its
 * confidence, and the cache pass changes a word only inside the window
 * around a bonus that falls on a candidate the first pass did not choose;
 * a word far from it keeps its choice and posteriors, and a bonus on a
 * chosen candidate only makes it surer. */
#include "harness.h"
#include "restore_fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "../../src/restore/restore_int.h"
#include "sohoa/clock.h"

static sohoa_restorer *R;
static char dir[64];

/* "cai" is cải before "cách" but cái before "bàn" / "bát". */
static const char *CORPUS = "cải cách hành chính là nhiệm vụ trọng tâm của huyện .\n"
                            "đẩy mạnh cải cách hành chính nhà nước .\n"
                            "tuyên truyền cải cách hành chính năm 2023 .\n"
                            "trên cái bàn có một cái bát .\n"
                            "cái bàn của người dân .\n"
                            "một cái bát và một cái bàn .\n";

static sohoa_restorer *restorer(void)
{
    if (!R)
        R = fx_restorer(dir, "sohoa-decoder", CORPUS, 3, "# none\n");
    return R;
}

/* Word tokens 0..: tren cai ban co mot cai bat . cai cach hanh chinh ... */
static const char *TEXT = "tren cai ban co mot cai bat . cai cach hanh chinh la nhiem vu";

static void build(rs_doc *d)
{
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    rs_doc_build(d, restorer(), &o, TEXT, strlen(TEXT), NULL, 0);
}

static void opts(rs_decode_opts *o)
{
    memset(o, 0, sizeof *o);
    o->beam = 16;
    o->max_order = 3;
    o->lex_bonus = 0.3f;
}

/* The index of the token that is the n-th (0-based) occurrence of word w. */
static size_t tok_of(const rs_doc *d, const char *w, int n)
{
    for (size_t i = 0; i < d->ntok; i++)
        if (d->tok[i].len == strlen(w) && memcmp(d->text + d->tok[i].off, w, d->tok[i].len) == 0 &&
            n-- == 0)
            return i;
    return (size_t)-1;
}

/* The candidate index of form f in token i, or -1. */
static int cand_of(const rs_doc *d, size_t i, const char *f)
{
    const rs_tok *t = &d->tok[i];
    for (size_t k = 0; k < t->ncand; k++)
        if (d->cand[t->cand0 + k].form && strcmp(d->cand[t->cand0 + k].form, f) == 0)
            return (int)k;
    return -1;
}

static const char *chosen(const rs_doc *d, size_t i)
{
    const rs_tok *t = &d->tok[i];
    return d->cand[t->cand0 + (size_t)t->chosen].form;
}

TEST(context_decides_in_the_first_pass)
{
    CHECK(restorer() != NULL);
    rs_doc d;
    build(&d);
    rs_decode_opts o;
    opts(&o);
    rs_decode(&d, R, &o);
    CHECK_STR(chosen(&d, tok_of(&d, "cai", 0)), "cái"); /* cái bàn */
    CHECK_STR(chosen(&d, tok_of(&d, "cai", 1)), "cái"); /* cái bát */
    CHECK_STR(chosen(&d, tok_of(&d, "cai", 2)), "cải"); /* cải cách */
    CHECK_STR(chosen(&d, tok_of(&d, "ban", 0)), "bàn");
    rs_doc_free(&d);
}

TEST(decoding_stops_at_a_passed_deadline_and_says_so)
{
    rs_doc d;
    build(&d);
    rs_decode_opts o;
    opts(&o);
    o.deadline = sohoa_now() + 3600; /* far off: decodes as without one */
    CHECK_INT(rs_decode(&d, R, &o), 0);
    CHECK_STR(chosen(&d, tok_of(&d, "cai", 2)), "cải");
    o.deadline = 1e-9; /* long gone */
    CHECK_INT(rs_decode(&d, R, &o), 1);
    float *bonus = calloc(d.ncand, sizeof *bonus);
    int ca = cand_of(&d, tok_of(&d, "cai", 0), "cải");
    CHECK(ca >= 0);
    bonus[d.tok[tok_of(&d, "cai", 0)].cand0 + (size_t)ca] = 5; /* a window to decode */
    o.cache_bonus = bonus;
    CHECK_INT(rs_decode(&d, R, &o), 1); /* the cache pass stops too */
    free(bonus);
    rs_doc_free(&d);
}

TEST(posteriors_are_a_distribution_led_by_the_choice)
{
    rs_doc d;
    build(&d);
    rs_decode_opts o;
    opts(&o);
    rs_decode(&d, R, &o);
    for (size_t i = 0; i < d.ntok; i++) {
        const rs_tok *t = &d.tok[i];
        if (t->kind != RS_WORD)
            continue;
        float sum = 0, best = 0;
        for (size_t k = 0; k < t->ncand; k++) {
            float p = rs_post(&d, t->cand0 + k);
            CHECK(p >= 0 && p <= 1.0001f);
            sum += p;
            if (p > best)
                best = p;
        }
        CHECK(fabsf(sum - 1) < 1e-3f);
        CHECK(t->conf == rs_post(&d, t->cand0 + (size_t)t->chosen));
        CHECK(t->conf == best);
    }
    rs_doc_free(&d);
}

TEST(cache_pass_changes_only_the_window_of_a_bonus)
{
    rs_doc d;
    build(&d);
    rs_decode_opts o;
    opts(&o);
    rs_decode(&d, R, &o);
    size_t a = tok_of(&d, "cai", 0), far = tok_of(&d, "cai", 2), h = tok_of(&d, "hanh", 0);
    CHECK(a != (size_t)-1 && far != (size_t)-1 && h != (size_t)-1);
    CHECK(far - a > 6); /* beyond the window (3) and its fixed tail (3) */
    int ca = cand_of(&d, a, "cải");
    CHECK(ca >= 0);
    float far_post[256];
    const rs_tok *tf = &d.tok[far];
    for (size_t k = 0; k < tf->ncand && k < 256; k++)
        far_post[k] = rs_post(&d, tf->cand0 + k);
    float h_conf = d.tok[h].conf;
    float *bonus = calloc(d.ncand, sizeof *bonus);
    bonus[d.tok[a].cand0 + (size_t)ca] = 5; /* overwhelming: cải wins there */
    bonus[d.tok[h].cand0 + (size_t)d.tok[h].chosen] = 0.3f; /* on the choice */
    o.cache_bonus = bonus;
    rs_decode(&d, R, &o);
    CHECK_STR(chosen(&d, a), "cải");
    CHECK_STR(chosen(&d, far), "cải"); /* untouched */
    for (size_t k = 0; k < tf->ncand && k < 256; k++)
        CHECK(rs_post(&d, tf->cand0 + k) == far_post[k]);
    CHECK_STR(chosen(&d, h), "hành");
    CHECK(d.tok[h].conf >= h_conf); /* surer, never less sure */
    free(bonus);
    rs_doc_free(&d);
}

TEST(zz_cleanup)
{
    sohoa_restorer_free(R);
    R = NULL;
}
