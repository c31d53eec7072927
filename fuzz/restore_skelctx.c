/* restore_skelctx.c — fuzzing the loaders of the skeleton-context and
 * wide-context models (rs_skc_open, rs_wide_open: sohoa.skc and sohoa.wide
 * share one container) and the lookups of a loaded model. As for the
 * language model (restore_lm.c), each input is tried as it is (the checks
 * up to the checksum) and with its size and checksum fixed up (the slot
 * and list checks behind it, then the lookups), each time as both models.
 * Oracle: the loader refuses with an error naming the file, or every
 * lookup answers without a sanitizer report or a hang (reading every pair
 * of every list it returns: a list is checked against the arena where it
 * is read; its ids are whatever the file says, only ever compared). Seeds: tiny models trained by the harness on a few
 * sentences whose words share skeletons (ban, bán, bàn ...). */
#include "lm_seed.h"
#include "sohoa/skelctx.h"
#include "sohoa/widectx.h"
#include "model_header.h"
#include "restore/skel_ctx.h"
#include "restore/wide_ctx.h"

static const char seed_text[] =
    "Ủy ban nhân dân huyện bán đấu giá bàn ghế cho các xã.\n"
    "Ban chỉ đạo cải cách hành chính họp bàn kế hoạch năm nay.\n"
    "Các xã nằm ven sông bán cá cho cả huyện năm nay.\n"
    "Ban quản lý chợ cho thuê bàn bán cá và bán cả rau.\n"
    "Kế hoạch cải cách hành chính của huyện năm nay có cả ban chỉ đạo.\n"
    "Người dân nằm chờ ban quản lý bán vé cho các xã.\n";

/* The container's header (src/restore/skel_ctx_file.c): file_size at 24,
 * checksum at 32; its size is found at start-up on the trained seed. */
enum { HDR_FILE_SIZE = 24, HDR_CHECKSUM = 32 };
static size_t HDR_SIZE;
static sohoa_lm *LM;

static void train_all(const char *dir, const char *out_dir)
{
    char text[512], lm[512], skc[512], wide[512];
    snprintf(text, sizeof text, "%s/seed.txt", dir);
    snprintf(lm, sizeof lm, "%s/seed.lm", dir);
    snprintf(skc, sizeof skc, "%s/seed.skc", out_dir);
    snprintf(wide, sizeof wide, "%s/seed.wide", out_dir);
    lm_seed_train(dir, seed_text, NULL);
    const char *paths[] = {text};
    sohoa_err err = {0};
    if (sohoa_lm_open(lm, &LM, &err) != SOHOA_OK)
        goto fail;
    sohoa_skelctx_train_opts so;
    sohoa_skelctx_train_opts_init(&so);
    so.min_count = 1;
    if (sohoa_skelctx_train(paths, 1, LM, &so, skc, NULL, &err) != SOHOA_OK)
        goto fail;
    sohoa_widectx_train_opts wo;
    sohoa_widectx_train_opts_init(&wo);
    wo.min_form = 1;
    wo.min_count = 1;
    wo.min_llr = 0;
    if (sohoa_widectx_train(paths, 1, LM, &wo, wide, NULL, &err) != SOHOA_OK)
        goto fail;
    return;
fail:
    fprintf(stderr, "restore_skelctx: seed models: %s\n", err.msg);
    abort();
}

static void fix_up(unsigned char *b, size_t n)
{
    fuzz_model_fix_up(b, n, HDR_SIZE, RS_SKC_CHECKSUM_SEED, HDR_FILE_SIZE, HDR_CHECKSUM);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *seed_dir = getenv("SOHOA_FUZZ_SEED_DIR");
    train_all(fuzz_tmpdir(), seed_dir && *seed_dir ? seed_dir : fuzz_tmpdir());
    if (seed_dir && *seed_dir)
        exit(0);
    char path[512];
    snprintf(path, sizeof path, "%s/seed.skc", fuzz_tmpdir());
    HDR_SIZE = fuzz_model_header_size("restore_skelctx", path, RS_SKC_CHECKSUM_SEED, HDR_CHECKSUM);
    return 0;
}

/* Every pattern's key around every pair of vocabulary words, and each
 * word's score there. */
static void exercise_skc(const rs_skelctx *m)
{
    size_t V = sohoa_lm_vocab_size(LM);
    for (size_t a = 0; a < V && a < 64; a++) {
        const char *w = sohoa_lm_word(LM, (uint16_t)a);
        const char *v = sohoa_lm_word(LM, (uint16_t)((a * 7 + 3) % V));
        uint64_t win[3] = {rs_skc_bos(), rs_skc_tok_hash(w, strlen(w), 1),
                           rs_skc_tok_hash(v, strlen(v), 1)};
        for (int p = 0; p < RS_SKC_NPAT; p++) {
            rs_skc_list l;
            volatile uint32_t sum = 0;
            if (rs_skc_find(m, rs_skc_key(p, win), &l))
                for (uint32_t k = 0; k < 2 * l.n; k++)
                    sum += l.pair[k];
        }
        volatile float s = rs_skc_score(m, win, (uint16_t)a);
        (void)s;
    }
}

static void exercise_wide(const rs_wide *m)
{
    size_t V = sohoa_lm_vocab_size(LM);
    uint64_t ctx[8];
    for (size_t a = 0; a < V && a < 64; a++) {
        const char *w = sohoa_lm_word(LM, (uint16_t)a);
        for (size_t k = 0; k < 8; k++)
            ctx[k] = rs_wide_ctx_hash((uint16_t)((a + k * 5) % V), SOHOA_LM_UNK, 0);
        volatile float s = rs_wide_score(m, rs_skc_tok_hash(w, strlen(w), 1), ctx, 8, (uint16_t)a);
        (void)s;
    }
}

static void try_open(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write("fuzz.skc", data, size);
    sohoa_err err = {0};
    rs_skelctx *m = NULL;
    if (rs_skc_open(path, LM, &m, &err) != SOHOA_OK) {
        FUZZ_ASSERT(m == NULL && strstr(err.msg, "fuzz.skc") != NULL);
    } else {
        exercise_skc(m);
        rs_skc_close(m);
    }
    rs_wide *w = NULL;
    if (rs_wide_open(path, LM, &w, &err) != SOHOA_OK) {
        FUZZ_ASSERT(w == NULL && strstr(err.msg, "fuzz.skc") != NULL);
    } else {
        exercise_wide(w);
        rs_wide_close(w);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_model_try_twice(data, size, HDR_SIZE, try_open, fix_up);
    return 0;
}
