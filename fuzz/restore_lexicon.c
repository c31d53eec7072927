/* restore_lexicon.c — fuzzing the lexicon loader of the restorer
 * (rs_lexicon_load, src/restore/lexicon.c): the input is a dictionaries/
 * file, read with the shipped language model of $SOHOA_DATA/models.
 * Oracles: invalid UTF-8 is refused with an error naming the file and the
 * first bad byte, a NUL byte likewise with its offset; otherwise the
 * lexicon loads, holds no more entries than the file has words, every
 * all-caps one-word entry (an abbreviation; not after a line "#! general",
 * a word list's) is found by its fold and every abbreviation found folds
 * like its key, and every pair of adjacent known syllables of a longer
 * entry is a pair. */
#include "fuzz.h"
#include "restore/restore_int.h"
#include "sohoa/lm.h"
#include "sohoa/syllable.h"
#include "sohoa/utf8.h"

#include <sys/stat.h>

static sohoa_lm *lm;
static char dir[512], file[600];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/models/sohoa.lm", fuzz_data_dir());
    sohoa_err err = {0};
    if (sohoa_lm_open(path, &lm, &err) != SOHOA_OK) {
        fprintf(stderr, "restore_lexicon: %s\n", err.msg);
        abort();
    }
    snprintf(dir, sizeof dir, "%s/dictionaries", fuzz_tmpdir());
    if (mkdir(dir, 0700) != 0)
        abort();
    snprintf(file, sizeof file, "%s/terms.txt", dir);
    return 0;
}

/* The words of an entry s[0..n) separated by spaces: check each adjacent
 * pair of syllables the model knows. */
static void check_pairs(const rs_lexicon *x, const char *s, size_t n)
{
    uint16_t prev = SOHOA_LM_UNK;
    for (size_t i = 0; i < n;) {
        while (i < n && s[i] == ' ')
            i++;
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        if (j > i) {
            char form[128];
            size_t fl = sohoa_lm_form(s + i, j - i, form, sizeof form);
            uint16_t id = sohoa_lm_id(lm, form, fl);
            if (prev != SOHOA_LM_UNK && id != SOHOA_LM_UNK)
                FUZZ_ASSERT(rs_lexicon_pair(x, prev, id));
            prev = id;
        }
        i = j;
    }
}

/* One entry s[0..n) (trimmed, comment and TAB part removed); general:
 * after a line "#! general", where single words are no abbreviations. */
static void check_entry(const rs_lexicon *x, const char *s, size_t n, int general)
{
    if (memchr(s, ' ', n)) {
        check_pairs(x, s, n);
        return;
    }
    if (general)
        return;
    char key[128], got[128];
    size_t kl = sohoa_fold(s, n, key, sizeof key);
    if (kl >= sizeof key || n >= 128)
        return; /* too long to be an abbreviation: ignored by the loader */
    const char *v = rs_lexicon_abbrev(x, key, kl);
    if (rs_case_of(s, n) == 2)
        FUZZ_ASSERT(v != NULL);
    if (v) { /* the first entry of that fold wins: it folds the same */
        size_t gl = sohoa_fold(v, strlen(v), got, sizeof got);
        FUZZ_ASSERT(gl == kl && memcmp(got, key, kl) == 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_write("dictionaries/terms.txt", data, size);
    const char *s = (const char *)data;
    size_t bad = sohoa_utf8_invalid_at(s, size);
    rs_lexicon *x = NULL;
    sohoa_err err = {0};
    int rc = rs_lexicon_load(dir, lm, &x, &err);
    if (bad != (size_t)-1) {
        char want[64];
        snprintf(want, sizeof want, "invalid UTF-8 at byte %zu", bad);
        FUZZ_ASSERT(rc == SOHOA_EFORMAT && x == NULL);
        FUZZ_ASSERT(strstr(err.msg, file) && strstr(err.msg, want));
        return 0;
    }
    const char *nul = memchr(s, '\0', size);
    if (nul) { /* data files refuse a NUL byte with its offset (textfile.c) */
        char want[64];
        snprintf(want, sizeof want, "a NUL byte at byte %zu", (size_t)(nul - s));
        FUZZ_ASSERT(rc == SOHOA_EFORMAT && x == NULL);
        FUZZ_ASSERT(strstr(err.msg, file) && strstr(err.msg, want));
        return 0;
    }
    FUZZ_ASSERT(rc == SOHOA_OK && x != NULL);
    size_t words = 0;
    for (size_t i = 0; i < size; i++)
        words += s[i] != ' ' && s[i] != '\n' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\n');
    FUZZ_ASSERT(rs_lexicon_size(x) <= words);
    int general = 0;
    for (size_t i = 0; i < size;) { /* the loader's reading of each line */
        const char *nl = memchr(s + i, '\n', size - i);
        size_t end = nl ? (size_t)(nl - s) : size;
        const char *e = s + i;
        size_t n = end - i;
        const char *tab = memchr(e, '\t', n);
        if (tab)
            n = (size_t)(tab - e);
        while (n && (e[n - 1] == ' ' || e[n - 1] == '\r'))
            n--;
        while (n && *e == ' ')
            e++, n--;
        if (n >= 10 && memcmp(e, "#! general", 10) == 0)
            general = 1;
        else if (n && e[0] != '#')
            check_entry(x, e, n, general);
        i = end + 1;
    }
    rs_lexicon_free(x);
    return 0;
}
