/* lm_seed.h — the seed inputs of the language-model harnesses: a tiny model
 * trained on a few sentences, as binary (.lm) and ARPA text. With
 * SOHOA_FUZZ_SEED_DIR set, a harness writes its seeds there and exits
 * (fuzz/run.sh does this before fuzzing); otherwise it fuzzes. */
#ifndef SOHOA_FUZZ_LM_SEED_H
#define SOHOA_FUZZ_LM_SEED_H

#include "fuzz.h"
#include "sohoa/lm.h"

static const char lm_seed_text[] =
    "Ủy ban nhân dân huyện ban hành kế hoạch cải cách hành chính năm 2024.\n"
    "Kế hoạch cải cách hành chính của huyện năm 2024 gồm các nội dung sau.\n"
    "Mục đích, yêu cầu của kế hoạch là nâng cao chất lượng phục vụ.\n"
    "Kinh phí thực hiện kế hoạch do ngân sách huyện bảo đảm.\n"
    "Ủy ban nhân dân xã tổ chức thực hiện kế hoạch này.\n"
    "Báo cáo kết quả thực hiện về Ủy ban nhân dân huyện trước ngày 15/12/2024.\n";

/* Write corpus to dir/seed.txt and train a tiny trigram on it into
 * dir/seed.lm (and arpa, unless NULL); the text stays for the caller. */
static inline void lm_seed_train(const char *dir, const char *corpus, const char *arpa)
{
    char text[512], lm[512];
    snprintf(text, sizeof text, "%s/seed.txt", dir);
    snprintf(lm, sizeof lm, "%s/seed.lm", dir);
    FILE *f = fopen(text, "w");
    if (!f || fputs(corpus, f) < 0 || fclose(f) != 0)
        abort();
    sohoa_lm_train_opts o;
    sohoa_lm_train_opts_init(&o);
    o.order = 3;
    o.vocab_min = 1;
    o.min_count[3] = 1;
    o.arpa_out = arpa;
    const char *paths[] = {text};
    sohoa_err err = {0};
    if (sohoa_lm_train(paths, 1, &o, lm, NULL, &err) != SOHOA_OK) {
        fprintf(stderr, "lm_seed: %s\n", err.msg);
        abort();
    }
}

/* Train the tiny model into dir/seed.lm and dir/seed.arpa. */
static inline void lm_seed_write(const char *dir)
{
    char text[512], arpa[512];
    snprintf(text, sizeof text, "%s/seed.txt", dir);
    snprintf(arpa, sizeof arpa, "%s/seed.arpa", dir);
    lm_seed_train(dir, lm_seed_text, arpa);
    remove(text);
}

static inline void lm_seed_mode(void)
{
    const char *dir = getenv("SOHOA_FUZZ_SEED_DIR");
    if (dir && *dir) {
        lm_seed_write(dir);
        exit(0);
    }
}

/* Query everything a loaded model answers, so that a bad offset that slipped
 * through validation shows up as a sanitizer report. */
static inline void lm_exercise(const sohoa_lm *lm)
{
    int order = sohoa_lm_order(lm);
    FUZZ_ASSERT(order >= 1 && order <= SOHOA_LM_MAX_ORDER);
    size_t V = sohoa_lm_vocab_size(lm);
    FUZZ_ASSERT(V >= 4 && V <= 65536);
    uint16_t ctx[SOHOA_LM_MAX_ORDER] = {SOHOA_LM_BOS, 0, 0, 0};
    for (size_t id = 0; id < V && id < 4096; id++) {
        const char *w = sohoa_lm_word(lm, (uint16_t)id);
        FUZZ_ASSERT(w != NULL);
        (void)sohoa_lm_id(lm, w, strlen(w));
        /* (no check of the value: a corrupt file with a fixed-up checksum
         * may hold any float; only memory safety is at stake here) */
        volatile float s = sohoa_lm_score(lm, ctx, order - 1, (uint16_t)id);
        (void)s;
        ctx[id % (SOHOA_LM_MAX_ORDER - 1) + 1] = (uint16_t)id;
    }
    size_t ns = sohoa_lm_skeleton_count(lm);
    for (size_t i = 0; i < ns && i < 4096; i++) {
        size_t len = 0;
        const char *sk = sohoa_lm_skeleton_at(lm, i, &len);
        FUZZ_ASSERT(sk != NULL);
        const uint16_t *ids = NULL;
        size_t nf = sohoa_lm_skeleton_forms(lm, sk, len, &ids);
        for (size_t k = 0; k < nf; k++)
            FUZZ_ASSERT(ids[k] < V);
    }
}

#endif
