/* segment_rules.c — fuzzing the rule-file loader (sohoa_rules_load) and
 * what the loaded rules then do to a document. The first byte picks the
 * setting: 0 — the input is the only file of the rules directory; k — the
 * input replaces the k-th file of the project's rules/ (in name order), the
 * other files staying as they are. The rest is the file's text.
 * Oracles: a refused file gives an error naming a file of the directory
 * (file:line for syntax and PCRE2 errors); accepted rules segment a sample
 * document without failing or hanging (PCRE2 runs under a match limit). */
#include "fuzz.h"
#include "sohoa/doc.h"
#include "sohoa/file.h"
#include "sohoa/segment.h"

#include <dirent.h>

#define MAX_FILES 32
static char *names[MAX_FILES], *texts[MAX_FILES];
static size_t lens[MAX_FILES], nfiles;
static char *sample; /* a sample document: corpus/01-*.txt, or a few lines */

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char dir[1024], path[2048];
    snprintf(dir, sizeof dir, "%s/rules", fuzz_data_dir());
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) && nfiles < MAX_FILES) {
        size_t l = strlen(e->d_name);
        if (l > 6 && !strcmp(e->d_name + l - 6, ".rules"))
            names[nfiles++] = strdup(e->d_name);
    }
    if (d)
        closedir(d);
    qsort(names, nfiles, sizeof *names, by_name);
    for (size_t i = 0; i < nfiles; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (sohoa_read_file(path, 0, &texts[i], &lens[i], NULL) != SOHOA_OK)
            abort();
    }
    size_t n;
    snprintf(path, sizeof path, "%s/corpus/01-ke-hoach-tuyen-truyen-cchc.txt", fuzz_data_dir());
    if (sohoa_read_file(path, 16384, &sample, &n, NULL) != SOHOA_OK)
        sample = strdup("ỦY BAN NHÂN DÂN\nSố: 12/KH-UBND\nKẾ HOẠCH\nI. MỤC ĐÍCH, YÊU CẦU\n"
                        "1. Mục đích\nNội dung.\nII. KINH PHÍ\nCăn cứ Quyết định số 2077/QĐ-UBND.\n");
    /* With SOHOA_FUZZ_SEED_DIR: write one seed per setting and stop. */
    const char *seeds = getenv("SOHOA_FUZZ_SEED_DIR");
    if (seeds && *seeds) {
        for (size_t i = 0; i <= nfiles; i++) {
            snprintf(path, sizeof path, "%s/seed-%zu", seeds, i);
            FILE *f = fopen(path, "wb");
            fputc((int)i, f);
            if (i)
                fwrite(texts[i - 1], 1, lens[i - 1], f);
            else
                fputs("heading.1.roman = ^(?<label>[IVX]+)\\.\\h+(?<text>\\S.*)$\n", f);
            fclose(f);
        }
        exit(0);
    }
    return 0;
}

static void write_dir(const char *dir, size_t replace, const uint8_t *data, size_t size)
{
    char path[1024];
    for (size_t i = 0; i < nfiles; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *f = fopen(path, "wb");
        if (!f)
            abort();
        if (replace == 0 || replace == i + 1)
            fwrite(data, 1, size, f);
        else
            fwrite(texts[i], 1, lens[i], f);
        fclose(f);
        if (replace == 0) /* the input alone: one file */
            break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || nfiles == 0)
        return 0;
    size_t setting = data[0] % (nfiles + 1);
    char dir[512];
    snprintf(dir, sizeof dir, "%s/rules-%zu", fuzz_tmpdir(), setting);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", dir, dir);
    if (system(cmd) != 0)
        abort();
    write_dir(dir, setting, data + 1, size - 1);
    sohoa_rules *r = NULL;
    sohoa_err err = {0};
    if (sohoa_rules_load(dir, &r, &err) != SOHOA_OK) {
        FUZZ_ASSERT(strstr(err.msg, ".rules") != NULL || strstr(err.msg, dir) != NULL);
        return 0;
    }
    sohoa_doc *d = sohoa_doc_new();
    d->text = strdup(sample);
    int rc = sohoa_segment(r, d, &err);
    if (rc != SOHOA_OK)
        fprintf(stderr, "segment with fuzzed rules failed: %s\n", err.msg);
    /* (a rule that hits PCRE2's match limit may be reported as an error;
     * what must never happen is a crash or a hang) */
    sohoa_doc_free(d);
    sohoa_rules_free(r);
    return 0;
}
