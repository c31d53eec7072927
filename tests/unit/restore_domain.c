/* restore_domain.c — the domain model's share of a document
 * (domain_share.c): high for text in the domain model's genre, near zero
 * for text the domain model has never seen the like of, zero without a
 * domain model. Tiny models trained here from sentences written for the
 * test. */
#include "harness.h"
#include "restore_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sohoa/lm.h"
#include "sohoa/restore.h"
#include "../../src/restore/restore_int.h"

static char dir[64];

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
    sohoa_restorer *r = fx_two_models(dir, "sohoa-domain", GENERAL, DOMAIN, 1);
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
    fx_two_models_remove(dir);
}

TEST(no_domain_model_no_share)
{
    sohoa_restorer *r = fx_two_models(dir, "sohoa-domain", GENERAL, DOMAIN, 0);
    CHECK(r != NULL);
    if (!r)
        return;
    CHECK(share_of(r, "ke hoach cai cach hanh chinh") == 0.0f);
    sohoa_restorer_free(r);
    fx_two_models_remove(dir);
}
