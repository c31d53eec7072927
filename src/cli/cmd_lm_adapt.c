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
 * documents use (names such as Lò, Nà among them), not new syllables. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sohoa/lm.h"
#include "sohoa/restore.h"

extern const sohoa_command sohoa_cmd_lm;

/* The lexicons whose entries the domain model reads as short sentences
 * (scripts/make-model.sh's DOMAIN_LEXICONS, in its order). */
static const char *const DOMAIN_LEXICONS[] = {"abbreviations", "admin-terms", "agencies",
                                              "provinces"};
/* The model files the new directory links to (those present). */
static const char *const LINKED[] = {"sohoa.lm",  "sohoa.skc",   "sohoa.wide",
                                     "sohoa.win", "channel.tsv", "dictionaries.bin"};

/* Append the entries of lexicon path to f as make-model.sh takes them:
 * lines not starting with '#', up to the first tab, blank ones dropped. */
static int lexicon_lines(const char *path, FILE *f)
{
    FILE *in = fopen(path, "r");
    if (!in) {
        cli_error("lm", "%s: %s", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, in)) > 0) {
        if (line[0] == '#')
            continue;
        size_t len = strcspn(line, "\t\n");
        size_t k = 0;
        while (k < len && (line[k] == ' ' || line[k] == '\r' || line[k] == '\v' ||
                           line[k] == '\f'))
            k++;
        if (k == len)
            continue;
        fwrite(line, 1, len, f);
        fputc('\n', f);
    }
    int bad = ferror(in);
    free(line);
    fclose(in);
    if (bad) {
        cli_error("lm", "%s: read error", path);
        return -1;
    }
    return 0;
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
        snprintf(path, sizeof path, "%s/%s.txt", dict_dir, DOMAIN_LEXICONS[i]);
        rc = lexicon_lines(path, f);
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

int cli_lm_adapt(int argc, char **argv)
{
    static const struct option opts[] = {{"model", required_argument, 0, 'm'},
                                         {"dict", required_argument, 0, 'd'},
                                         {"out", required_argument, 0, 'o'},
                                         {0, 0, 0, 0}};
    char models_buf[PATH_MAX], dicts_buf[PATH_MAX], corpus_buf[PATH_MAX];
    const char *model_dir = NULL, *dict_dir = NULL, *out = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "m:d:o:", opts, NULL)) != -1) {
        switch (c) {
        case 'm': model_dir = optarg; break;
        case 'd': dict_dir = optarg; break;
        case 'o': out = optarg; break;
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
    /* the project's sample documents: the domain model's own text */
    const char *corpus = cli_data_path("corpus", corpus_buf, sizeof corpus_buf);
    char pattern[PATH_MAX + 8];
    snprintf(pattern, sizeof pattern, "%s/*.txt", corpus);
    glob_t g;
    if (glob(pattern, 0, NULL, &g) != 0) {
        cli_error("lm", "%s: the sample documents the domain model is made of are missing",
                  corpus);
        return EXIT_USAGE;
    }
    if (make_out_dir(out, out_real) != 0) {
        globfree(&g);
        return EXIT_USAGE;
    }
    if (strcmp(out_real, model_real) == 0) {
        globfree(&g);
        return cli_usage_error(&sohoa_cmd_lm,
                               "--out must be a directory of its own, not the model "
                               "directory %s (its domain.lm would be lost)",
                               model_dir);
    }
    sohoa_err err;
    sohoa_lm *lm = NULL;
    if (sohoa_lm_open(general, &lm, &err) != SOHOA_OK) {
        globfree(&g);
        cli_error("lm", "%s", err.msg);
        return EXIT_USAGE;
    }
    char lexicon[PATH_MAX + 32];
    int rc = EXIT_USAGE;
    if (write_lexicon_text(dict_dir, out_real, lexicon, sizeof lexicon) == 0) {
        /* sample documents, then the user's, then the lexicons: the order of
         * make-model.sh, with the user's files between */
        size_t nuser = (size_t)(argc - optind), n = 0;
        const char **paths = malloc((g.gl_pathc + nuser + 1) * sizeof *paths);
        if (!paths) {
            cli_error("lm", "out of memory");
        } else {
            for (size_t i = 0; i < g.gl_pathc; i++)
                paths[n++] = g.gl_pathv[i];
            for (size_t i = 0; i < nuser; i++)
                paths[n++] = argv[optind + (int)i];
            paths[n++] = lexicon;
            sohoa_lm_train_opts o;
            sohoa_lm_train_opts_init(&o);
            o.order = 3;
            o.min_count[3] = o.min_count[4] = 1;
            o.vocab_min = 1;
            o.vocab_from = lm;
            char domain[PATH_MAX + 16];
            snprintf(domain, sizeof domain, "%s/domain.lm", out_real);
            if (sohoa_lm_train(paths, n, &o, domain, NULL, &err) != SOHOA_OK)
                cli_error("lm", "%s", err.msg);
            else
                rc = EXIT_OK;
            free(paths);
        }
        unlink(lexicon);
    }
    sohoa_lm_close(lm);
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
                "sohoa lm: %s: a domain model of %zu sample documents, %d of yours and the "
                "lexicons of %s; the other models are links to %s. Use it with "
                "--model %s\n",
                out, g.gl_pathc, argc - optind, dict_dir, model_real, out);
    globfree(&g);
    return rc;
}
