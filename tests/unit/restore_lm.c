/* restore_lm.c — the language model: LM forms of tokens, modified
 * Kneser-Ney on a corpus small enough to compute by hand, normalisation,
 * ARPA round trip, the loader's refusal of damaged files, and the decoder's
 * memo of model answers. */
#include "harness.h"
#include "serial_sum.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sohoa/lm.h"
#include "../../src/restore/restore_int.h"

static char dir[64];

static const char *tmpdir(void)
{
    if (!dir[0])
        snprintf(dir, sizeof dir, "%s", harness_tmpdir("sohoa-lm"));
    return dir;
}

static void path(char *out, size_t n, const char *name)
{
    snprintf(out, n, "%s/%s", tmpdir(), name);
}

static void write_file(const char *p, const char *text)
{
    FILE *f = fopen(p, "w");
    fputs(text, f);
    fclose(f);
}

static int train(const char *corpus, int order, const char *out, const char *arpa)
{
    char cp[256];
    path(cp, sizeof cp, "corpus.txt");
    write_file(cp, corpus);
    const char *paths[1] = {cp};
    sohoa_lm_train_opts o;
    sohoa_lm_train_opts_init(&o);
    o.order = order;
    o.vocab_min = 1;
    o.min_count[3] = o.min_count[4] = 1;
    o.arpa_out = arpa;
    sohoa_err err;
    return sohoa_lm_train(paths, 1, &o, out, NULL, &err);
}

TEST(lm_form_lowers_retones_and_marks_numbers)
{
    char out[64];
    sohoa_lm_form("Hoà", strlen("Hoà"), out, sizeof out);
    CHECK_STR(out, "hòa");
    sohoa_lm_form("THỦY", strlen("THỦY"), out, sizeof out);
    CHECK_STR(out, "thủy");
    sohoa_lm_form("2021", 4, out, sizeof out);
    CHECK_STR(out, "<num>");
    sohoa_lm_form("s6", 2, out, sizeof out);
    CHECK_STR(out, "<num>");
}

/* The core of a word runs from its first letter or digit to its last:
 * ASCII punctuation around it (brackets, quotes, @, backquote, [ and {,
 * which sit beside the letters in ASCII) is not core, inner punctuation
 * is; a Vietnamese letter, or Đ, starts or ends it like an ASCII one. */
TEST(word_core_from_first_to_last_letter_or_digit)
{
    static const struct {
        const char *word, *core;
    } cases[] = {
        {"(86/KH-UBND),", "86/KH-UBND"},
        {"@Za`", "Za"},
        {"[a]{z}", "a]{z"},
        {"\xe2\x80\x9c\xc4\x90\xe1\xba\xa3ng\xe2\x80\x9d.", "\xc4\x90\xe1\xba\xa3ng"}, /* “Đảng”. */
        {"_9_", "9"},
        {"x\xe1\xbb\x9f", "x\xe1\xbb\x9f"},                                   /* xở */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const char *w = cases[k].word;
        size_t a, b;
        CHECK(rs_word_core(w, strlen(w), &a, &b));
        CHECK_INT((long)(b - a), (long)strlen(cases[k].core));
        CHECK(memcmp(w + a, cases[k].core, b - a) == 0);
    }
    size_t a, b;
    CHECK(!rs_word_core("-/.,", 4, &a, &b));
    CHECK_INT((long)a, 4);
    CHECK_INT((long)b, 4);
}

/* A token ends at ASCII white space, a no-break space or U+3000, not at
 * other bytes above 0x7F. */
TEST(token_end_stops_at_every_kind_of_space)
{
    const char *s = "ab\tc";
    CHECK_INT((long)rs_token_end(s, strlen(s), 0), 2);
    s = "\xc4\x91\xc3\xa2y\xc2\xa0x"; /* đây, NBSP, x */
    CHECK_INT((long)rs_token_end(s, strlen(s), 0), 5);
    s = "a\xe3\x80\x80" "b"; /* a, U+3000, b */
    CHECK_INT((long)rs_token_end(s, strlen(s), 0), 1);
    s = "\xe1\xbb\x9fnh";
    CHECK_INT((long)rs_token_end(s, strlen(s), 0), 5);
}

/* Order 1 on "a a b": counts a=2 b=1 </s>=1 (total 4); too few counts for
 * the discount formula, so D1 = 0.5, D2 = 1; the discounted mass 1+0.5+0.5
 * = 2 gives gamma = 0.5, spread over the 5 predictable words (<unk> </s>
 * <num> a b): p(a) = (2-1)/4 + 0.1 = 0.35, p(b) = 0.5/4 + 0.1 = 0.225,
 * p(<unk>) = 0.1. */
TEST(kn_unigrams_by_hand)
{
    char m[256];
    path(m, sizeof m, "uni.lm");
    CHECK_INT(train("a a b\n", 1, m, NULL), SOHOA_OK);
    sohoa_lm *lm;
    sohoa_err err;
    CHECK_INT(sohoa_lm_open(m, &lm, &err), SOHOA_OK);
    CHECK_INT(sohoa_lm_vocab_size(lm), 6);
    uint16_t a = sohoa_lm_id(lm, "a", 1), b = sohoa_lm_id(lm, "b", 1);
    CHECK(a != SOHOA_LM_UNK && b != SOHOA_LM_UNK);
    CHECK(fabs(sohoa_lm_score(lm, NULL, 0, a) - log10(0.35)) < 1e-4);
    CHECK(fabs(sohoa_lm_score(lm, NULL, 0, b) - log10(0.225)) < 1e-4);
    CHECK(fabs(sohoa_lm_score(lm, NULL, 0, SOHOA_LM_EOS) - log10(0.225)) < 1e-4);
    CHECK(fabs(sohoa_lm_score(lm, NULL, 0, SOHOA_LM_UNK) - log10(0.1)) < 1e-4);
    sohoa_lm_close(lm);
}

static const char *CORPUS = "cải cách hành chính là nhiệm vụ trọng tâm\n"
                            "đẩy mạnh cải cách hành chính nhà nước\n"
                            "tuyên truyền cải cách thủ tục hành chính\n"
                            "cái cách làm hay của huyện\n"
                            "nhà nước ban hành chính sách mới\n";

/* Every context's distribution sums to one over the vocabulary. */
TEST(kn_distributions_sum_to_one)
{
    char m[256];
    path(m, sizeof m, "tri.lm");
    CHECK_INT(train(CORPUS, 3, m, NULL), SOHOA_OK);
    sohoa_lm *lm;
    sohoa_err err;
    CHECK_INT(sohoa_lm_open(m, &lm, &err), SOHOA_OK);
    const char *ctxs[][2] = {{"cải", "cách"}, {"hành", "chính"}, {"<s>", "nhà"}, {"xyz", "cách"}};
    for (size_t c = 0; c < sizeof ctxs / sizeof ctxs[0]; c++) {
        uint16_t ctx[2] = {sohoa_lm_id(lm, ctxs[c][0], strlen(ctxs[c][0])),
                           sohoa_lm_id(lm, ctxs[c][1], strlen(ctxs[c][1]))};
        double sum = 0;
        for (size_t w = 0; w < sohoa_lm_vocab_size(lm); w++)
            if (w != SOHOA_LM_BOS)
                sum += pow(10.0, sohoa_lm_score(lm, ctx, 2, (uint16_t)w));
        CHECK(fabs(sum - 1.0) < 0.01);
    }
    /* seen continuations beat unseen ones */
    uint16_t ctx[2] = {sohoa_lm_id(lm, "cải", strlen("cải")), sohoa_lm_id(lm, "cách", strlen("cách"))};
    CHECK(sohoa_lm_score(lm, ctx, 2, sohoa_lm_id(lm, "hành", strlen("hành"))) >
          sohoa_lm_score(lm, ctx, 2, sohoa_lm_id(lm, "làm", strlen("làm"))));
    sohoa_lm_close(lm);
}

TEST(skeleton_index_groups_forms)
{
    char m[256];
    path(m, sizeof m, "tri.lm");
    CHECK_INT(train(CORPUS, 3, m, NULL), SOHOA_OK);
    sohoa_lm *lm;
    sohoa_err err;
    CHECK_INT(sohoa_lm_open(m, &lm, &err), SOHOA_OK);
    const uint16_t *ids;
    size_t n = sohoa_lm_skeleton_forms(lm, "cai", 3, &ids);
    CHECK_INT(n, 2); /* cải (3 times) before cái (once) */
    CHECK_STR(sohoa_lm_word(lm, ids[0]), "cải");
    CHECK_STR(sohoa_lm_word(lm, ids[1]), "cái");
    n = sohoa_lm_skeleton_forms(lm, "nha", 3, &ids);
    CHECK_INT(n, 1);
    CHECK_STR(sohoa_lm_word(lm, ids[0]), "nhà");
    CHECK_INT(sohoa_lm_skeleton_forms(lm, "qqq", 3, &ids), 0);
    sohoa_lm_close(lm);
}

TEST(arpa_round_trip_keeps_scores)
{
    char m[256], a[256], m2[256];
    path(m, sizeof m, "rt.lm");
    path(a, sizeof a, "rt.arpa");
    path(m2, sizeof m2, "rt2.lm");
    CHECK_INT(train(CORPUS, 3, m, a), SOHOA_OK);
    sohoa_err err;
    CHECK_INT(sohoa_lm_from_arpa(a, m2, &err), SOHOA_OK);
    sohoa_lm *x, *y;
    CHECK_INT(sohoa_lm_open(m, &x, &err), SOHOA_OK);
    CHECK_INT(sohoa_lm_open(m2, &y, &err), SOHOA_OK);
    CHECK_INT(sohoa_lm_vocab_size(x), sohoa_lm_vocab_size(y));
    CHECK_INT(sohoa_lm_count(x, 3), sohoa_lm_count(y, 3));
    const char *w[] = {"cải", "cách", "hành", "chính", "nhà", "nước", "mới"};
    for (int i = 0; i < 7; i++)
        for (int j = 0; j < 7; j++)
            for (int k = 0; k < 7; k++) {
                uint16_t cx[2] = {sohoa_lm_id(x, w[i], strlen(w[i])), sohoa_lm_id(x, w[j], strlen(w[j]))};
                uint16_t cy[2] = {sohoa_lm_id(y, w[i], strlen(w[i])), sohoa_lm_id(y, w[j], strlen(w[j]))};
                float sx = sohoa_lm_score(x, cx, 2, sohoa_lm_id(x, w[k], strlen(w[k])));
                float sy = sohoa_lm_score(y, cy, 2, sohoa_lm_id(y, w[k], strlen(w[k])));
                CHECK(fabs(sx - sy) < 0.002);
            }
    sohoa_lm_close(x);
    sohoa_lm_close(y);
}

static void copy_damaged(const char *from, const char *to, long at, int truncate)
{
    size_t n;
    unsigned char *buf = read_model(from, &n);
    if (at >= 0)
        buf[(size_t)at < n ? (size_t)at : n - 1] ^= 0x5A;
    write_model(to, buf, truncate ? n / 2 : n);
    free(buf);
}

TEST(damaged_models_are_refused_with_the_path)
{
    char m[256], bad[256];
    path(m, sizeof m, "ok.lm");
    path(bad, sizeof bad, "bad.lm");
    CHECK_INT(train(CORPUS, 3, m, NULL), SOHOA_OK);
    sohoa_lm *lm = NULL;
    sohoa_err err;

    copy_damaged(m, bad, -1, 1);
    CHECK_INT(sohoa_lm_open(bad, &lm, &err), SOHOA_EFORMAT);
    CHECK(strstr(err.msg, bad) && strstr(err.msg, "truncated"));

    copy_damaged(m, bad, 600, 0);
    CHECK_INT(sohoa_lm_open(bad, &lm, &err), SOHOA_EFORMAT);
    CHECK(strstr(err.msg, bad) && strstr(err.msg, "checksum"));

    copy_damaged(m, bad, 0, 0);
    CHECK_INT(sohoa_lm_open(bad, &lm, &err), SOHOA_EFORMAT);
    CHECK(strstr(err.msg, "magic"));

    write_file(bad, "");
    CHECK_INT(sohoa_lm_open(bad, &lm, &err), SOHOA_EFORMAT);

    path(bad, sizeof bad, "missing.lm");
    CHECK_INT(sohoa_lm_open(bad, &lm, &err), SOHOA_EIO);
    CHECK(strstr(err.msg, "missing.lm"));
    CHECK(lm == NULL);
}

/* A copy of the model at from in to, with every empty slot of its order-k
 * n-gram table (k >= 2), or with k = 0 of its vocabulary's hash, filled,
 * and the checksum made right again: a file no writer makes, on which a
 * lookup of an absent key would never meet an empty slot. */
static void copy_full_table(const char *from, const char *to, int k)
{
    sohoa_lm *lm = NULL;
    sohoa_err err;
    if (sohoa_lm_open(from, &lm, &err) != SOHOA_OK)
        abort();
    const char *base = lm->map;
    size_t n = lm->size, at, slots, stride;
    if (k >= 2) {
        at = (size_t)((const char *)lm->tab[k] - base);
        slots = lm->tab_slots[k];
        stride = sizeof(rs_entry);
    } else {
        at = (size_t)((const char *)lm->vhash - base);
        slots = lm->vhash_mask + 1;
        stride = 4;
    }
    unsigned char *b = malloc(n);
    memcpy(b, base, n);
    sohoa_lm_close(lm);
    size_t h = model_header_size(b, n, RS_LM_CHECKSUM_SEED, 24);
    size_t filled = 0;
    for (size_t i = 0; i < slots; i++) {
        uint32_t v;
        memcpy(&v, b + at + i * stride, 4);
        if (v == 0) {
            v = k >= 2 ? 0x9E3779B9u : 1u; /* any fingerprint; word 0 */
            memcpy(b + at + i * stride, &v, 4);
            filled++;
        }
    }
    if (filled == 0)
        abort();
    uint64_t sum = rs_checksum(RS_LM_CHECKSUM_SEED, b + h, n - h);
    memcpy(b + 24, &sum, 8);
    write_model(to, b, n);
    free(b);
}

TEST(a_model_with_a_full_hash_table_is_refused)
{
    char m[256], bad[256];
    path(m, sizeof m, "ok-full.lm");
    path(bad, sizeof bad, "full.lm");
    CHECK_INT(train(CORPUS, 3, m, NULL), SOHOA_OK);
    int tables[] = {2, 3, 0};
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
        copy_full_table(m, bad, tables[i]);
        sohoa_lm *lm = NULL;
        sohoa_err err;
        CHECK_INT(sohoa_lm_open(bad, &lm, &err), SOHOA_EFORMAT);
        CHECK(lm == NULL && strstr(err.msg, bad) && strstr(err.msg, "full hash table"));
        sohoa_lm_close(lm);
    }
}

/* The checksum is the same however the body is cut into ranges (the loader
 * sums the n-gram tables apart, from offsets that are no multiple of the
 * lanes), and one changed word, wherever it is, changes it. */
TEST(lane_checksum_is_one_value_over_any_cut_and_sees_each_word)
{
    unsigned char b[8 * 23 + 5];
    for (size_t i = 0; i < sizeof b; i++)
        b[i] = (unsigned char)(i * 37 + 11);
    size_t words = sizeof b - sizeof b % 8;
    uint64_t whole = rs_checksum(7, b, sizeof b);
    rs_sum s;
    rs_sum_init(&s, 7, RS_SUM_LANES);
    rs_sum_words(&s, b, 0, 8);       /* one word: lane 0 */
    rs_sum_words(&s, b, 8, 48);      /* lanes 1, 2, 3, 0, 1 */
    rs_sum_words(&s, b, 48, 56);
    rs_sum_words(&s, b, 56, words);
    CHECK(rs_sum_end(&s, 7, b + words, sizeof b - words) == whole);
    CHECK(rs_checksum_lanes(7, b, sizeof b, 1) != whole);
    for (size_t w = 0; w < sizeof b; w += 8) {
        b[w] ^= 1;
        CHECK(rs_checksum(7, b, sizeof b) != whole);
        b[w] ^= 1;
    }
    b[sizeof b - 1] ^= 0x80; /* a byte after the last whole word */
    CHECK(rs_checksum(7, b, sizeof b) != whole);
}

TEST(a_model_of_version_4_single_chain_checksum_still_loads)
{
    char m[256], old[256];
    path(m, sizeof m, "v5.lm");
    path(old, sizeof old, "v4.lm");
    CHECK_INT(train(CORPUS, 3, m, NULL), SOHOA_OK);
    copy_damaged(m, old, -1, 0);
    write_serial_sum(old, RS_LM_CHECKSUM_SEED, 24, 4);
    sohoa_lm *a = NULL, *b = NULL;
    sohoa_err err;
    CHECK_INT(sohoa_lm_open(m, &a, &err), SOHOA_OK);
    CHECK_INT(sohoa_lm_open(old, &b, &err), SOHOA_OK);
    if (a && b) {
        uint16_t w[3] = {sohoa_lm_id(a, "cải", strlen("cải")),
                         sohoa_lm_id(a, "cách", strlen("cách")),
                         sohoa_lm_id(a, "hành", strlen("hành"))};
        CHECK(w[0] != SOHOA_LM_UNK && w[1] != SOHOA_LM_UNK && w[2] != SOHOA_LM_UNK);
        CHECK(sohoa_lm_score(a, w, 2, w[2]) == sohoa_lm_score(b, w, 2, w[2]));
    }
    sohoa_lm_close(a);
    sohoa_lm_close(b);
    /* its single chain is checked, not skipped */
    char bad[256];
    path(bad, sizeof bad, "v4-damaged.lm");
    copy_damaged(old, bad, 600, 0);
    CHECK_INT(sohoa_lm_open(bad, &a, &err), SOHOA_EFORMAT);
    CHECK(strstr(err.msg, "checksum"));
    /* a version this build does not know (3, the one before 4) is refused */
    copy_damaged(m, old, -1, 0);
    write_serial_sum(old, RS_LM_CHECKSUM_SEED, 24, 3);
    CHECK_INT(sohoa_lm_open(old, &b, &err), SOHOA_EFORMAT);
    CHECK(strstr(err.msg, "version"));
}

TEST(arpa_errors_name_file_and_line)
{
    char a[256], m[256];
    path(a, sizeof a, "bad.arpa");
    path(m, sizeof m, "bad-arpa.lm");
    write_file(a, "\\data\\\nngram 1=2\n\n\\1-grams:\n-0.5\tx\n");
    sohoa_err err;
    CHECK_INT(sohoa_lm_from_arpa(a, m, &err), SOHOA_EFORMAT);
    CHECK(strstr(err.msg, "bad.arpa:5") && strstr(err.msg, "fewer 1-grams"));
    write_file(a, "hello\n");
    CHECK_INT(sohoa_lm_from_arpa(a, m, &err), SOHOA_EFORMAT);
}

TEST(eval_reports_perplexity)
{
    char m[256], t[256];
    path(m, sizeof m, "ev.lm");
    path(t, sizeof t, "ev.txt");
    CHECK_INT(train(CORPUS, 3, m, NULL), SOHOA_OK);
    sohoa_lm *lm;
    sohoa_err err;
    CHECK_INT(sohoa_lm_open(m, &lm, &err), SOHOA_OK);
    write_file(t, "cải cách hành chính\nzzz qqq\n");
    double ppl, oov;
    size_t n;
    CHECK_INT(sohoa_lm_eval(lm, t, &ppl, &n, &oov, &err), SOHOA_OK);
    CHECK_INT(n, 8);            /* 4 + </s>, 2 + </s> */
    CHECK(fabs(oov - 2.0 / 8) < 1e-9);
    CHECK(ppl > 1.0);
    sohoa_lm_close(lm);
}

/* The decoder's memo answers exactly what the model answers, for contexts
 * of every length (seen, unseen and absent ones), first time and repeated,
 * and its score slots give back what was put. */
/* The loaded model's filters (lm_internal.h) never hide an n-gram: every
 * n-gram of the ARPA file written with the model is found, with its
 * probability, and pairs of words the corpus never has side by side are
 * not. */
TEST(loaded_model_finds_every_ngram_of_its_arpa)
{
    char m[256], a[256];
    path(m, sizeof m, "filter.lm");
    path(a, sizeof a, "filter.arpa");
    CHECK_INT(train(CORPUS, 4, m, a), SOHOA_OK);
    sohoa_err err;
    rs_est e;
    CHECK_INT(rs_arpa_read(a, &e, &err), SOHOA_OK);
    sohoa_lm *lm;
    CHECK_INT(sohoa_lm_open(m, &lm, &err), SOHOA_OK);
    CHECK(lm->filter[2] != NULL && lm->filter[4] != NULL);
    size_t found = 0, total = 0;
    for (int k = 2; k <= 4; k++)
        for (size_t i = 0; i < e.n[k]; i++) {
            /* the ARPA's ids are the binary model's (same vocabulary order) */
            const rs_entry *x = rs_lm_find(lm, k, e.key[k][i]);
            total++;
            found += x && fabsf(-(float)x->prob / RS_QSCALE - e.prob[k][i]) < 0.001f;
        }
    CHECK(total > 20);
    CHECK_INT(found, total);
    /* "nước cải" (nhà nước / cải cách) and "chính cách" never occur */
    uint16_t p1[2] = {sohoa_lm_id(lm, "nước", strlen("nước")), sohoa_lm_id(lm, "cải", strlen("cải"))};
    uint16_t p2[2] = {sohoa_lm_id(lm, "chính", strlen("chính")), sohoa_lm_id(lm, "cách", strlen("cách"))};
    CHECK(rs_lm_find(lm, 2, rs_pack(p1, 2)) == NULL);
    CHECK(rs_lm_find(lm, 2, rs_pack(p2, 2)) == NULL);
    sohoa_lm_close(lm);
    rs_est_free(&e);
}

TEST(memo_answers_as_the_model)
{
    char m[256];
    path(m, sizeof m, "four.lm");
    CHECK_INT(train(CORPUS, 4, m, NULL), SOHOA_OK);
    sohoa_lm *lm;
    sohoa_err err;
    CHECK_INT(sohoa_lm_open(m, &lm, &err), SOHOA_OK);
    rs_lm_memo *memo = rs_lm_memo_new();
    const char *words[] = {"<s>", "cải", "cách", "hành", "chính", "nhà", "xyz"};
    uint16_t ctx[3], all[64];
    size_t v = sohoa_lm_vocab_size(lm) < 64 ? sohoa_lm_vocab_size(lm) : 64;
    for (size_t w = 0; w < v; w++)
        all[w] = (uint16_t)w;
    int bad = 0;
    for (int round = 0; round < 2; round++)
        for (size_t a = 0; a < 7; a++)
            for (size_t b = 0; b < 7; b++)
                for (size_t c = 1; c < 7; c++) {
                    ctx[0] = sohoa_lm_id(lm, words[a], strlen(words[a]));
                    ctx[1] = sohoa_lm_id(lm, words[b], strlen(words[b]));
                    ctx[2] = sohoa_lm_id(lm, words[c], strlen(words[c]));
                    for (int n = 0; n <= 3; n++) {
                        float got[64];
                        rs_memo_score_many(memo, lm, 0, ctx + 3 - n, n, all, v, got);
                        for (size_t w = 0; w < v; w++)
                            bad += got[w] != sohoa_lm_score(lm, ctx + 3 - n, n, all[w]);
                    }
                }
    CHECK_INT(bad, 0);
    float s = 0;
    CHECK_INT(rs_memo_score_get(memo, ctx, 2, 5, &s), 0);
    rs_memo_score_put(memo, ctx, 2, 5, -1.25f);
    CHECK_INT(rs_memo_score_get(memo, ctx, 2, 5, &s), 1);
    CHECK(s == -1.25f);
    CHECK_INT(rs_memo_score_get(memo, ctx, 1, 5, &s), 0); /* another context length */
    rs_lm_memo_free(memo);
    sohoa_lm_close(lm);
}
