/* restore_text.c — fuzzing the restorer (sohoa_restore_text) with the
 * shipped models/ and dictionaries/ of $SOHOA_DATA (default: the current
 * directory). The first byte holds the options (tone style, baseline,
 * ablations, tokens wanted, OCR confidences given); the rest is the text,
 * normalised first as the pipeline does.
 * Oracles: restoration succeeds on any normalised text; the output is valid
 * UTF-8 with exactly as many lines as the input; token lines fall inside
 * the text, confidences inside [0,1]; the statistics add up; the words
 * listed for review are those counted, each under the threshold. */
#include "fuzz.h"
#include "sohoa/normalize.h"
#include "sohoa/restore.h"
#include "sohoa/utf8.h"

static sohoa_restorer *restorer;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char models[1024], dicts[1024];
    snprintf(models, sizeof models, "%s/models", fuzz_data_dir());
    snprintf(dicts, sizeof dicts, "%s/dictionaries", fuzz_data_dir());
    sohoa_err err = {0};
    if (sohoa_restorer_open(models, dicts, &restorer, &err) != SOHOA_OK) {
        fprintf(stderr, "restore_text: %s\n", err.msg);
        abort();
    }
    return 0;
}

static size_t count_nl(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += s[i] == '\n';
    return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned flags = data[0];
    sohoa_norm_result nr;
    sohoa_err err = {0};
    if (sohoa_normalize((const char *)data + 1, size - 1, 0, &nr, &err) != SOHOA_OK)
        return 0;
    if (memchr(nr.text, '\0', nr.len)) {
        sohoa_norm_result_free(&nr);
        return 0;
    }
    sohoa_restore_opts o;
    sohoa_restore_opts_init(&o);
    o.tone_style = flags & 1;
    o.baseline = ((flags >> 1) & 3) % 3;
    o.disable = (flags >> 3) & 31;
    /* none, every token, or the words under low_conf */
    int want_tokens = (int)((flags >> 3) & 3) % 3;
    /* OCR confidences, one per whitespace token, from the text's own bytes */
    float conf[256];
    size_t nconf = 0;
    if (flags & 0x80)
        for (size_t i = 0; i < nr.len && nconf < 256; i++)
            if (nr.text[i] == ' ')
                conf[nconf++] = (float)((unsigned char)nr.text[i ? i - 1 : 0] % 101) / 100.0f;
    sohoa_restore_result r;
    memset(&r, 0, sizeof r);
    int rc = sohoa_restore_text(restorer, &o, nr.text, nr.len, nconf ? conf : NULL, nconf,
                                want_tokens, &r, &err);
    if (rc != SOHOA_OK)
        fprintf(stderr, "restore failed: %s\n", err.msg);
    FUZZ_ASSERT(rc == SOHOA_OK);
    FUZZ_ASSERT(r.text && r.text[r.len] == '\0');
    FUZZ_ASSERT(sohoa_utf8_invalid_at(r.text, r.len) == (size_t)-1);
    size_t in_nl = count_nl(nr.text, nr.len), out_nl = count_nl(r.text, r.len);
    if (in_nl != out_nl)
        fprintf(stderr, "lines: %zu in, %zu out\n", in_nl, out_nl);
    FUZZ_ASSERT(in_nl == out_nl);
    for (size_t i = 0; i < r.ntokens; i++) {
        FUZZ_ASSERT(r.tokens[i].line >= 1 && (size_t)r.tokens[i].line <= in_nl + 1);
        FUZZ_ASSERT(r.tokens[i].conf >= 0.0f && r.tokens[i].conf <= 1.0f);
        FUZZ_ASSERT(r.tokens[i].orig && r.tokens[i].restored);
    }
    if (want_tokens == SOHOA_TOKENS_LOW_CONF) {
        FUZZ_ASSERT(r.ntokens == r.stats.low_conf);
        for (size_t i = 0; i < r.ntokens; i++)
            FUZZ_ASSERT(r.tokens[i].conf < o.low_conf);
    }
    FUZZ_ASSERT(r.stats.changed <= r.stats.tokens && r.stats.low_conf <= r.stats.tokens);
    FUZZ_ASSERT(r.stats.mean_conf >= 0.0 && r.stats.mean_conf <= 1.0);
    sohoa_restore_result_free(&r);
    sohoa_norm_result_free(&nr);
    return 0;
}
