/* restore_domain.c — the domain model's share of a document
 * (domain_share.c): high for text in the domain model's genre, near zero
 * for text the domain model has never seen the like of, zero without a
 * domain model. Tiny models trained here from sentences written for the
 * test. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sohoa/lm.h"
#include "sohoa/restore.h"
#include "../../src/restore/restore_int.h"

static char dir[64];

static void write_file(const char *p, const char *text)
{
    FILE *f = fopen(p, "w");
    fputs(text, f);
    fclose(f);
}

/* general text: sport and weather, and a little administration */
static const char *GENERAL =
    "đội bóng thắng trận đấu tối qua .\n"
    "cầu thủ ghi bàn thắng đẹp .\n"
    "trời mưa to ở thành phố .\n"
    "đội bóng thua trận đấu hôm nay .\n"
    "cầu thủ bị thương trong trận đấu .\n"
    "ủy ban nhân dân huyện ban hành kế hoạch .\n";
/* domain text: administration only */
static const char *DOMAIN =
    "ủy ban nhân dân huyện ban hành kế hoạch cải cách hành chính .\n"
    "kế hoạch cải cách hành chính của ủy ban nhân dân tỉnh .\n";

static sohoa_restorer *open_models(int with_domain)
{
    snprintf(dir, sizeof dir, "/tmp/sohoa-domain-XXXXXX");
    if (!mkdtemp(dir))
        abort();
    char g[256], d[256], gm[256], dm[256];
    snprintf(g, sizeof g, "%s/general.txt", dir);
    snprintf(d, sizeof d, "%s/domain.txt", dir);
    snprintf(gm, sizeof gm, "%s/sohoa.lm", dir);
    snprintf(dm, sizeof dm, "%s/domain.lm", dir);
    write_file(g, GENERAL);
    write_file(d, DOMAIN);
    /* the general model knows every word of both texts */
    const char *paths[2] = {g, d};
    sohoa_lm_train_opts o;
    sohoa_lm_train_opts_init(&o);
    o.order = 3;
    o.vocab_min = 1;
    sohoa_err err;
    if (sohoa_lm_train(paths, 2, &o, gm, NULL, &err) != SOHOA_OK)
        return NULL;
    if (with_domain) {
        sohoa_lm *lm;
        if (sohoa_lm_open(gm, &lm, &err) != SOHOA_OK)
            return NULL;
        o.vocab_from = lm;
        int rc = sohoa_lm_train(paths + 1, 1, &o, dm, NULL, &err);
        sohoa_lm_close(lm);
        if (rc != SOHOA_OK)
            return NULL;
    }
    sohoa_restorer *r = NULL;
    if (sohoa_restorer_open(dir, NULL, &r, &err) != SOHOA_OK)
        return NULL;
    return r;
}

static void cleanup(void)
{
    char p[256];
    const char *names[] = {"general.txt", "domain.txt", "sohoa.lm", "domain.lm"};
    for (size_t i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        remove(p);
    }
    rmdir(dir);
}

static float share_of(const sohoa_restorer *r, const char *text)
{
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    rs_doc d;
    rs_doc_build(&d, r, &o, text, strlen(text), NULL, 0);
    float s = rs_domain_share(&d, r);
    rs_doc_free(&d);
    return s;
}

TEST(domain_share_follows_the_genre)
{
    sohoa_restorer *r = open_models(1);
    CHECK(r != NULL);
    if (!r)
        return;
    /* stripped administrative text: every word is in the domain text */
    float admin = share_of(r, "ke hoach cai cach hanh chinh cua uy ban nhan dan tinh");
    /* stripped sport: no word of it is in the domain text */
    float sport = share_of(r, "cau thu ghi ban thang trong tran dau toi qua");
    CHECK(admin > 0.5f && admin <= 1.0f);
    CHECK(sport >= 0.0f && sport < 0.05f);
    sohoa_restorer_free(r);
    cleanup();
}

TEST(no_domain_model_no_share)
{
    sohoa_restorer *r = open_models(0);
    CHECK(r != NULL);
    if (!r)
        return;
    CHECK(share_of(r, "ke hoach cai cach hanh chinh") == 0.0f);
    sohoa_restorer_free(r);
    cleanup();
}
