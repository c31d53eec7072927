/* cmd_lm_adapt.c — `sohoa lm adapt`: a model directory that has learnt a
 * user's own clean documents. Owner: issue #12.
 *
 * The general model is trained on a corpus users do not have, so it cannot
 * be retrained outside the project; the domain model can. Its text is the
 * project's sample documents (the .txt files of the data directory's
 * corpus/), the entries of four lexicons (DOMAIN_LEXICONS, as
 * scripts/make-model.sh makes it) and now the user's files: the same
 * recipe, so an empty file gives back the shipped domain.lm byte for byte
 * (tests/e2e/lm_adapt.sh). The new directory gets that domain.lm and
 * symbolic links to every other model file of --model, so it costs a
 * megabyte, not sixty; `sohoa restore|process|ingest --model DIR` use it.
 * A word the general model's vocabulary lacks stays out of the domain model
 * too (the two share ids): adaptation teaches which known forms a user's
 * documents use (names such as Lò, Nà among them), not new syllables.
 *
 * Each file of the user's (or each .txt file under a directory given) is
 * decoded as `sohoa normalize` decodes it (legacy encodings detected, or
 * --encoding) and normalised, so that an export in TCVN3 teaches the same
 * as its Unicode copy; the result is trained on from a temporary file in
 * the new directory, removed after. */
#include "cli.h"
#include "own_names.h"

#include <errno.h>
#include <getopt.h>
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sohoa/batch.h"
#include "sohoa/encoding.h"
#include "sohoa/file.h"
#include "sohoa/lm.h"
#include "sohoa/normalize.h"
#include "sohoa/restore.h"
#include "sohoa/textfile.h"

extern const sohoa_command sohoa_cmd_lm;

/* The lexicons whose entries the domain model reads as short sentences
 * (scripts/make-model.sh's DOMAIN_LEXICONS, in its order). */
static const char *const DOMAIN_LEXICONS[] = {"abbreviations", "admin-terms", "agencies",
                                              "provinces"};
/* The model files the new directory links to (those present). */
static const char *const LINKED[] = {"sohoa.lm",  "sohoa.skc",   "sohoa.wide",
                                     "sohoa.win", "channel.tsv", "dictionaries.bin"};

/* One line of a lexicon, to the file ctx as make-model.sh takes it:
 * lines not starting with '#', up to the first tab, blank ones dropped. */
static void lexicon_line(void *ctx, const char *line, size_t n, size_t lineno)
{
    (void)lineno;
    if (n == 0 || line[0] == '#')
        return;
    const char *tab = memchr(line, '\t', n);
    size_t len = tab ? (size_t)(tab - line) : n;
    size_t k = 0;
    while (k < len && (line[k] == ' ' || line[k] == '\r' || line[k] == '\v' || line[k] == '\f'))
        k++;
    if (k == len)
        return;
    fwrite(line, 1, len, ctx);
    fputc('\n', ctx);
}

/* Write the lexicons' sentences into a new file in dir; its path in buf. */
static int write_lexicon_text(const char *dict_dir, const char *dir, char *buf, size_t n)
{
    snprintf(buf, n, "%s/.domain-lexicons.XXXXXX", dir);
    int fd = mkstemp(buf);
    if (fd < 0) {
        cli_error("lm", "%s: %s", dir, strerror(errno));
        return -1;
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        unlink(buf);
        cli_error("lm", "%s: %s", buf, strerror(errno));
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < sizeof DOMAIN_LEXICONS / sizeof *DOMAIN_LEXICONS && rc == 0; i++) {
        char path[PATH_MAX];
        sohoa_err err;
        snprintf(path, sizeof path, "%s/%s.txt", dict_dir, DOMAIN_LEXICONS[i]);
        if (sohoa_text_lines(path, 0, lexicon_line, f, &err) != SOHOA_OK) {
            cli_error("lm", "%s", err.msg);
            rc = -1;
        }
    }
    if (fclose(f) != 0 && rc == 0) {
        cli_error("lm", "%s: %s", buf, strerror(errno));
        rc = -1;
    }
    if (rc)
        unlink(buf);
    return rc;
}

/* out/name -> target, replacing what out/name was (through a temporary
 * name, so a reader never sees it missing). */
static int link_model(const char *target, const char *out, const char *name)
{
    char path[PATH_MAX + 32], tmp[PATH_MAX + 40];
    snprintf(path, sizeof path, "%s/%s", out, name);
    snprintf(tmp, sizeof tmp, "%s/.%s.tmp", out, name);
    unlink(tmp);
    if (symlink(target, tmp) != 0 || rename(tmp, path) != 0) {
        cli_error("lm", "%s: %s", path, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}

static int is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* The directory out, made if missing; its real path in real. */
static int make_out_dir(const char *out, char *real)
{
    if (mkdir(out, 0777) != 0 && errno != EEXIST) {
        cli_error("lm", "%s: %s", out, strerror(errno));
        return -1;
    }
    struct stat st;
    if (stat(out, &st) != 0 || !S_ISDIR(st.st_mode)) {
        cli_error("lm", "%s: not a directory", out);
        return -1;
    }
    if (!realpath(out, real)) {
        cli_error("lm", "%s: %s", out, strerror(errno));
        return -1;
    }
    return 0;
}


#define ADAPT_MAX_BYTES ((size_t)256 << 20) /* per file of the user's */

/* The user's files into out: each argument, or the .txt files under it if
 * it is a directory (walked as ingest walks one: in name order, hidden
 * entries skipped). */
static int collect(char **args, int n, sohoa_files *out)
{
    static const char *const txt[] = {"*.txt"};
    sohoa_collect_opts co = {1, txt, 1, NULL, 0};
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (stat(args[i], &st) != 0 || !S_ISDIR(st.st_mode)) {
            sohoa_files_add(out, args[i]); /* a missing file is reported when read */
            continue;
        }
        size_t from = out->n;
        sohoa_err err;
        const char *dir = args[i];
        if (sohoa_collect(&co, &dir, 1, out, &err) != SOHOA_OK) {
            cli_error("lm", "%s", err.msg);
            return -1;
        }
        if (out->n == from) {
            cli_error("lm", "%s: no .txt file in this directory", args[i]);
            return -1;
        }
    }
    return 0;
}

/* path decoded (enc, or detected) and normalised into a new file in dir,
 * whose path goes to tmp; the encoding used to *used. */
static int decoded_copy(const char *path, int enc, const char *dir, char *tmp, size_t n,
                        int *used, own_names *names)
{
    char *data, *text;
    size_t len, tlen;
    sohoa_err err;
    int rc = sohoa_read_file(path, ADAPT_MAX_BYTES, &data, &len, &err);
    if (rc == SOHOA_ELIMIT) {
        cli_error("lm", "%s: larger than %zu MiB", path, ADAPT_MAX_BYTES >> 20);
        return -1;
    }
    if (rc != SOHOA_OK) {
        cli_error("lm", "%s", err.msg);
        return -1;
    }
    *used = enc;
    rc = sohoa_decode(data, len, enc, 0, &text, &tlen, used, &err);
    free(data);
    if (rc != SOHOA_OK) {
        cli_error("lm", "%s: %s", path, err.msg);
        return -1;
    }
    sohoa_norm_result res;
    rc = sohoa_normalize(text, tlen, SOHOA_NORM_VALID_UTF8, &res, &err);
    free(text);
    if (rc != SOHOA_OK) {
        cli_error("lm", "%s: %s", path, err.msg);
        return -1;
    }
    snprintf(tmp, n, "%s/.yours.XXXXXX", dir);
    int fd = mkstemp(tmp);
    FILE *f = fd < 0 ? NULL : fdopen(fd, "w");
    int ok = f && fwrite(res.text, 1, res.len, f) == res.len;
    if (f && fclose(f) != 0)
        ok = 0;
    else if (!f && fd >= 0)
        close(fd);
    if (ok)
        own_names_scan(names, res.text, res.len);
    sohoa_norm_result_free(&res);
    if (!ok) {
        cli_error("lm", "%s: %s", dir, strerror(errno));
        if (fd >= 0)
            unlink(tmp);
        return -1;
    }
    return 0;
}

/* The new directory's domain model, trained on the sample documents
 * (corpus), the user's files (already decoded copies) and the lexicons'
 * sentences, in make-model.sh's order with the user's between. */
static int train_domain(const glob_t *corpus, char **yours, size_t nyours, const char *lexicon,
                        const sohoa_lm *lm, const char *out_real)
{
    const char **paths = malloc((corpus->gl_pathc + nyours + 1) * sizeof *paths);
    if (!paths) {
        cli_error("lm", "out of memory");
        return -1;
    }
    size_t n = 0;
    for (size_t i = 0; i < corpus->gl_pathc; i++)
        paths[n++] = corpus->gl_pathv[i];
    for (size_t i = 0; i < nyours; i++)
        paths[n++] = yours[i];
    paths[n++] = lexicon;
    sohoa_lm_train_opts o;
    sohoa_lm_train_opts_init(&o);
    o.order = 3;
    o.min_count[3] = o.min_count[4] = 1;
    o.vocab_min = 1;
    o.vocab_from = lm;
    char domain[PATH_MAX + 16];
    snprintf(domain, sizeof domain, "%s/domain.lm", out_real);
    sohoa_err err;
    int rc = sohoa_lm_train(paths, n, &o, domain, NULL, &err);
    free(paths);
    if (rc != SOHOA_OK) {
        cli_error("lm", "%s", err.msg);
        return -1;
    }
    return 0;
}

int cli_lm_adapt(int argc, char **argv)
{
    static const struct option opts[] = {{"model", required_argument, 0, 'm'},
                                         {"dict", required_argument, 0, 'd'},
                                         {"out", required_argument, 0, 'o'},
                                         {"encoding", required_argument, 0, 'e'},
                                         {0, 0, 0, 0}};
    char models_buf[PATH_MAX], dicts_buf[PATH_MAX], corpus_buf[PATH_MAX];
    const char *model_dir = NULL, *dict_dir = NULL, *out = NULL;
    int enc = SOHOA_ENC_AUTO;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "m:d:o:e:", opts, NULL)) != -1) {
        switch (c) {
        case 'm': model_dir = optarg; break;
        case 'd': dict_dir = optarg; break;
        case 'o': out = optarg; break;
        case 'e':
            if ((enc = sohoa_encoding_parse(optarg)) < 0)
                return cli_usage_error(&sohoa_cmd_lm, "unknown encoding '%s'", optarg);
            break;
        default: return cli_usage_error(&sohoa_cmd_lm, "bad option");
        }
    }
    if (!out)
        return cli_usage_error(&sohoa_cmd_lm, "adapt needs --out DIR (a new model directory)");
    if (optind >= argc)
        return cli_usage_error(&sohoa_cmd_lm, "adapt needs at least one TEXT file of yours");
    if (!model_dir)
        model_dir = cli_data_path("models", models_buf, sizeof models_buf);
    if (!dict_dir)
        dict_dir = cli_data_path("dictionaries", dicts_buf, sizeof dicts_buf);
    char model_real[PATH_MAX], out_real[PATH_MAX], general[PATH_MAX + 16];
    if (!realpath(model_dir, model_real)) {
        cli_error("lm", "%s: %s", model_dir, strerror(errno));
        return EXIT_USAGE;
    }
    snprintf(general, sizeof general, "%s/sohoa.lm", model_real);
    if (!is_file(general)) {
        cli_error("lm", "%s: no general model (sohoa.lm) there", model_dir);
        return EXIT_USAGE;
    }
    sohoa_files yours = {0};
    if (collect(argv + optind, argc - optind, &yours) != 0) {
        sohoa_files_free(&yours);
        return EXIT_USAGE;
    }
    /* the project's sample documents: the domain model's own text */
    const char *corpus = cli_data_path("corpus", corpus_buf, sizeof corpus_buf);
    char pattern[PATH_MAX + 8];
    snprintf(pattern, sizeof pattern, "%s/*.txt", corpus);
    glob_t g;
    if (glob(pattern, 0, NULL, &g) != 0) {
        sohoa_files_free(&yours);
        cli_error("lm", "%s: the sample documents the domain model is made of are missing",
                  corpus);
        return EXIT_USAGE;
    }
    int rc = EXIT_USAGE;
    sohoa_lm *lm = NULL;
    sohoa_err err;
    char **copies = calloc(yours.n, sizeof *copies);
    size_t ncopies = 0, legacy = 0;
    own_names names = {0};
    char lexicon[PATH_MAX + 32] = "";
    if (!copies) {
        cli_error("lm", "out of memory");
        goto done;
    }
    if (make_out_dir(out, out_real) != 0)
        goto done;
    if (strcmp(out_real, model_real) == 0) {
        rc = cli_usage_error(&sohoa_cmd_lm,
                             "--out must be a directory of its own, not the model "
                             "directory %s (its domain.lm would be lost)",
                             model_dir);
        goto done;
    }
    if (sohoa_lm_open(general, &lm, &err) != SOHOA_OK) {
        cli_error("lm", "%s", err.msg);
        goto done;
    }
    for (size_t i = 0; i < yours.n; i++) {
        char tmp[PATH_MAX + 32];
        int used;
        if (decoded_copy(yours.paths[i], enc, out_real, tmp, sizeof tmp, &used, &names) != 0)
            goto done;
        char *copy = strdup(tmp);
        if (!copy) {
            unlink(tmp);
            cli_error("lm", "out of memory");
            goto done;
        }
        copies[ncopies++] = copy;
        if (used != SOHOA_ENC_UTF8) {
            legacy++;
            fprintf(stderr, "sohoa lm: %s: read as %s\n", yours.paths[i],
                    sohoa_encoding_name(used));
        }
    }
    if (write_lexicon_text(dict_dir, out_real, lexicon, sizeof lexicon) != 0) {
        lexicon[0] = '\0';
        goto done;
    }
    if (train_domain(&g, copies, ncopies, lexicon, lm, out_real) != 0)
        goto done;
    char names_path[PATH_MAX + 32];
    snprintf(names_path, sizeof names_path, "%s/%s", out_real, SOHOA_NAMES_FILE);
    if (own_names_write(&names, names_path) != 0) {
        cli_error("lm", "%s: %s", names_path, strerror(errno));
        goto done;
    }
    rc = EXIT_OK;
    for (size_t i = 0; rc == EXIT_OK && i < sizeof LINKED / sizeof *LINKED; i++) {
        char target[PATH_MAX + 32];
        snprintf(target, sizeof target, "%s/%s", model_real, LINKED[i]);
        if (is_file(target) && link_model(target, out_real, LINKED[i]) != 0)
            rc = EXIT_USAGE;
    }
    /* the directory must serve a restorer as it is */
    if (rc == EXIT_OK) {
        sohoa_restorer *r = NULL;
        if (sohoa_restorer_open(out_real, dict_dir, &r, &err) != SOHOA_OK) {
            cli_error("lm", "%s", err.msg);
            rc = EXIT_USAGE;
        }
        sohoa_restorer_free(r);
    }
    if (rc == EXIT_OK)
        fprintf(stderr,
                "sohoa lm: %s: a domain model of %zu sample documents, %zu of yours "
                "(%zu in a legacy encoding) and the lexicons of %s; %s, the names of "
                "yours; the other models are links to %s. Use it with --model %s\n",
                out, g.gl_pathc, yours.n, legacy, dict_dir, SOHOA_NAMES_FILE, model_real, out);
done:
    own_names_free(&names);
    for (size_t i = 0; i < ncopies; i++) {
        unlink(copies[i]);
        free(copies[i]);
    }
    free(copies);
    if (lexicon[0])
        unlink(lexicon);
    sohoa_lm_close(lm);
    globfree(&g);
    sohoa_files_free(&yours);
    return rc;
}
