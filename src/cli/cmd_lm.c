/* cmd_lm.c — `sohoa lm`: train, inspect and evaluate the syllable language
 * model (a thin front on include/sohoa/lm.h). Owner: issue #12. */
#include "cli.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sohoa/lm.h"
#include "sohoa/restore.h"
#include "sohoa/skelctx.h"
#include "sohoa/widectx.h"
#include "sohoa/winnet.h"

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_lm = {
    "lm",
    "train, inspect and evaluate the language model",
    "usage: sohoa lm train [--order N] [--prune K] [--vocab-min N] [--vocab-from MODEL]\n"
    "                      [--arpa FILE] --out MODEL CORPUS...\n"
    "       sohoa lm info MODEL\n"
    "       sohoa lm eval MODEL TEXT...\n"
    "       sohoa lm from-arpa ARPA MODEL\n"
    "       sohoa lm skelctx --lm MODEL [--min-count K] [--max-forms N] --out FILE CORPUS...\n"
    "       sohoa lm skelctx-info --lm MODEL FILE\n"
    "       sohoa lm wide --lm MODEL [--window N] [--gap N] [--min-form K]\n"
    "                     [--min-count K] [--min-llr X] --out FILE CORPUS...\n"
    "       sohoa lm wide-info --lm MODEL FILE\n"
    "       sohoa lm winnet --lm MODEL [--hidden N] [--epochs N] [--rate X]\n"
    "                       [--min-count K] [--seed N] --out FILE CORPUS...\n"
    "       sohoa lm winnet-info --lm MODEL FILE\n"
    "       sohoa lm dict-cache [--model DIR] [--dict DIR] [--out FILE]\n"
    "       sohoa lm adapt [--model DIR] [--dict DIR] [--encoding E] --out DIR\n"
    "                      TEXT|DIR...\n"
    "\n"
    "train      count syllable n-grams of the corpus files (one sentence or\n"
    "           paragraph per line) and estimate an interpolated modified\n"
    "           Kneser-Ney model; write the compact binary MODEL.\n"
    "  --order N         n-gram order, 1..4 (default 4)\n"
    "  --prune K         drop 3- and 4-grams seen fewer than K times (1 keeps\n"
    "                    everything)\n"
    "  --prune3 K, --prune4 K  the same for one order (defaults 1 and 2)\n"
    "  --vocab-min N     words seen fewer than N times become <unk> (default 2)\n"
    "  --vocab-from M    reuse model M's vocabulary (for a domain model whose ids\n"
    "                    match the general model's)\n"
    "  --arpa FILE       also write the model as ARPA text\n"
    "  --out MODEL       the binary model to write (required)\n"
    "info       print the order, vocabulary size and n-gram counts of MODEL\n"
    "eval       print the perplexity of MODEL on each TEXT\n"
    "from-arpa  convert an ARPA model (order <= 4, <= 65,532 words) to binary\n"
    "skelctx    count, for every word whose skeleton has several forms in MODEL,\n"
    "           its form given the skeletons around it (one on each side), on\n"
    "           the corpus files stripped on the fly; write the skeleton-context\n"
    "           model FILE (models/sohoa.skc), usable with MODEL only.\n"
    "  --lm MODEL        the general model (its vocabulary gives the form ids)\n"
    "  --min-count K     keep a context seen at least K times (default 2)\n"
    "  --max-forms N     keep at most N forms per context (default 8)\n"
    "  --out FILE        the model to write (required)\n"
    "skelctx-info  validate FILE against MODEL; print its size and contexts\n"
    "wide       for every skeleton with two forms seen --min-form times (default\n"
    "           10), count its forms with each context word (by its form) at\n"
    "           distance --gap..--window (defaults 1..8); keep the pairs seen\n"
    "           --min-count times (default 5) whose G2 against the skeleton's\n"
    "           own distribution is at least --min-llr (default 10); write the\n"
    "           wide-context model FILE (models/sohoa.wide), usable with MODEL only\n"
    "wide-info  validate FILE against MODEL; print its size, window and counts\n"
    "winnet     train the window network (models/sohoa.win), usable with MODEL\n"
    "           only: for every word whose skeleton has several forms, a score\n"
    "           for each form given the skeletons of the three tokens on each\n"
    "           side, learnt on the corpus files stripped on the fly (one\n"
    "           thread; the same corpus and options give the same file)\n"
    "  --hidden N        hidden units, a multiple of 16 in 16..1024 (default 128)\n"
    "  --epochs N        passes over the corpus, 1..100 (default 5)\n"
    "  --rate X          learning rate at the start, in (0, 1] (default 0.03)\n"
    "  --min-count K     a token seen fewer than K times shares one input row\n"
    "                    with the others (default 5)\n"
    "  --seed N          initial weights and order of the examples (default 1)\n"
    "winnet-info  validate FILE against MODEL; print its size and shape\n"
    "dict-cache read the dictionaries (--dict, default the data directory's\n"
    "           dictionaries/) for the language model of --model (default\n"
    "           models/) and save them in binary, in --out (default\n"
    "           DIR/dictionaries.bin). A restorer reads that cache instead of\n"
    "           the text while the dictionaries and the model's vocabulary stay\n"
    "           as they were (it is passed over otherwise); `make` remakes it.\n"
    "adapt      make the model directory --out DIR for your own documents: its\n"
    "           domain model learns the TEXT files (clean text of your genre, a\n"
    "           paragraph or line of a document per line: born-digital plans and\n"
    "           reports; the .txt files under a DIR) besides the sample documents\n"
    "           and the lexicons it is made of; the other models are symbolic\n"
    "           links to those of --model (default the data directory's models/).\n"
    "           Each file is decoded as normalize decodes it (UTF-8 or a legacy\n"
    "           encoding, detected; --encoding E to say which). Use DIR with\n"
    "           restore, process or ingest --model DIR. The names of your files\n"
    "           (runs of 2 to 4 words in Title case: Lò Văn Pấng, Nà Luông) go to\n"
    "           DIR/names.txt, and the restorer spells a run of capitalised words\n"
    "           that reads as one of them as you do, even with a syllable the\n"
    "           models never saw; other words the general model does not know\n"
    "           are not learnt (the models share one vocabulary).\n",
    run,
};

static int train(int argc, char **argv)
{
    static const struct option opts[] = {
        {"order", required_argument, 0, 'n'}, {"prune", required_argument, 0, 'p'},
        {"prune3", required_argument, 0, '3'}, {"prune4", required_argument, 0, '4'},
        {"vocab-min", required_argument, 0, 'v'}, {"vocab-from", required_argument, 0, 'f'},
        {"arpa", required_argument, 0, 'a'},   {"out", required_argument, 0, 'o'},
        {0, 0, 0, 0}};
    sohoa_lm_train_opts o;
    sohoa_lm_train_opts_init(&o);
    const char *out = NULL, *from = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "n:p:v:f:a:o:3:4:", opts, NULL)) != -1) {
        switch (c) {
        case 'n':
            o.order = atoi(optarg);
            if (o.order < 1 || o.order > SOHOA_LM_MAX_ORDER)
                return cli_usage_error(&sohoa_cmd_lm, "--order must be 1..4");
            break;
        case 'p': {
            int k = atoi(optarg);
            if (k < 1)
                return cli_usage_error(&sohoa_cmd_lm, "--prune must be at least 1");
            o.min_count[3] = o.min_count[4] = (unsigned)k;
            break;
        }
        case '3':
        case '4': {
            int k = atoi(optarg);
            if (k < 1)
                return cli_usage_error(&sohoa_cmd_lm, "--prune%c must be at least 1", c);
            o.min_count[c - '0'] = (unsigned)k;
            break;
        }
        case 'v':
            o.vocab_min = (unsigned)atoi(optarg);
            break;
        case 'f':
            from = optarg;
            break;
        case 'a':
            o.arpa_out = optarg;
            break;
        case 'o':
            out = optarg;
            break;
        default:
            return cli_usage_error(&sohoa_cmd_lm, "bad option");
        }
    }
    if (!out)
        return cli_usage_error(&sohoa_cmd_lm, "train needs --out MODEL");
    if (optind >= argc)
        return cli_usage_error(&sohoa_cmd_lm, "train needs at least one CORPUS file");
    sohoa_err err;
    sohoa_lm *base = NULL;
    if (from) {
        if (sohoa_lm_open(from, &base, &err) != SOHOA_OK) {
            cli_error("lm", "%s", err.msg);
            return EXIT_USAGE;
        }
        o.vocab_from = base;
    }
    int rc = sohoa_lm_train((const char *const *)argv + optind, (size_t)(argc - optind), &o, out,
                            stderr, &err);
    sohoa_lm_close(base);
    if (rc != SOHOA_OK) {
        cli_error("lm", "%s", err.msg);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

static int info(int argc, char **argv)
{
    if (argc != 2)
        return cli_usage_error(&sohoa_cmd_lm, "info needs exactly one MODEL");
    sohoa_lm *lm;
    sohoa_err err;
    if (sohoa_lm_open(argv[1], &lm, &err) != SOHOA_OK) {
        cli_error("lm", "%s", err.msg);
        return EXIT_USAGE;
    }
    printf("model: %s\nsize: %zu bytes\norder: %d\nvocabulary: %zu\n", argv[1],
           sohoa_lm_file_size(lm), sohoa_lm_order(lm), sohoa_lm_vocab_size(lm));
    for (int k = 1; k <= sohoa_lm_order(lm); k++)
        printf("%d-grams: %zu\n", k, sohoa_lm_count(lm, k));
    printf("skeletons: %zu\n", sohoa_lm_skeleton_count(lm));
    sohoa_lm_close(lm);
    return EXIT_OK;
}

static int eval(int argc, char **argv)
{
    if (argc < 3)
        return cli_usage_error(&sohoa_cmd_lm, "eval needs MODEL and at least one TEXT");
    sohoa_lm *lm;
    sohoa_err err;
    if (sohoa_lm_open(argv[1], &lm, &err) != SOHOA_OK) {
        cli_error("lm", "%s", err.msg);
        return EXIT_USAGE;
    }
    int status = EXIT_OK;
    for (int i = 2; i < argc; i++) {
        double ppl, oov;
        size_t n;
        if (sohoa_lm_eval(lm, argv[i], &ppl, &n, &oov, &err) != SOHOA_OK) {
            cli_error("lm", "%s", err.msg);
            status = EXIT_SOME_FAILED;
            continue;
        }
        printf("%s\tperplexity=%.2f\ttokens=%zu\tunk=%.4f\n", argv[i], ppl, n, oov);
    }
    sohoa_lm_close(lm);
    return status;
}

static int from_arpa(int argc, char **argv)
{
    if (argc != 3)
        return cli_usage_error(&sohoa_cmd_lm, "from-arpa needs ARPA and MODEL");
    sohoa_err err;
    if (sohoa_lm_from_arpa(argv[1], argv[2], &err) != SOHOA_OK) {
        cli_error("lm", "%s", err.msg);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* Open the --lm model named for a skelctx subcommand. */
static int open_lm(const char *path, sohoa_lm **lm)
{
    sohoa_err err;
    if (!path)
        return cli_usage_error(&sohoa_cmd_lm, "this subcommand needs --lm MODEL");
    if (sohoa_lm_open(path, lm, &err) != SOHOA_OK) {
        cli_error("lm", "%s", err.msg);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* A trainer of a model that goes with a language model (skelctx, wide). */
typedef int (*lm_trainer)(const char *const *paths, size_t n, const sohoa_lm *lm,
                          const void *opts, const char *out, sohoa_err *err);

static int train_skelctx(const char *const *paths, size_t n, const sohoa_lm *lm,
                         const void *opts, const char *out, sohoa_err *err)
{
    return sohoa_skelctx_train(paths, n, lm, opts, out, stderr, err);
}

static int train_wide(const char *const *paths, size_t n, const sohoa_lm *lm, const void *opts,
                      const char *out, sohoa_err *err)
{
    return sohoa_widectx_train(paths, n, lm, opts, out, stderr, err);
}

/* The end of the subcommand `what` once its options are read: --out and the
 * CORPUS files (argv from optind) checked, the model at lm_path opened,
 * train run with opts; the exit status. */
static int train_with_lm(const char *what, int argc, char **argv, const char *lm_path,
                         const char *out, lm_trainer train, const void *opts)
{
    if (!out)
        return cli_usage_error(&sohoa_cmd_lm, "%s needs --out FILE", what);
    if (optind >= argc)
        return cli_usage_error(&sohoa_cmd_lm, "%s needs at least one CORPUS file", what);
    sohoa_lm *lm = NULL;
    int st = open_lm(lm_path, &lm);
    if (st != EXIT_OK)
        return st;
    sohoa_err err;
    int rc = train((const char *const *)argv + optind, (size_t)(argc - optind), lm, opts, out,
                   &err);
    sohoa_lm_close(lm);
    if (rc != SOHOA_OK) {
        cli_error("lm", "%s", err.msg);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

static int skelctx(int argc, char **argv)
{
    static const struct option opts[] = {{"lm", required_argument, 0, 'l'},
                                         {"min-count", required_argument, 0, 'm'},
                                         {"max-forms", required_argument, 0, 'f'},
                                         {"out", required_argument, 0, 'o'},
                                         {0, 0, 0, 0}};
    sohoa_skelctx_train_opts o;
    sohoa_skelctx_train_opts_init(&o);
    const char *lm_path = NULL, *out = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "l:m:f:o:", opts, NULL)) != -1) {
        int k = c == 'm' || c == 'f' ? atoi(optarg) : 0;
        switch (c) {
        case 'l': lm_path = optarg; break;
        case 'o': out = optarg; break;
        case 'm':
        case 'f':
            if (k < 1 || k > 65535)
                return cli_usage_error(&sohoa_cmd_lm, "--%s must be 1..65535",
                                       c == 'm' ? "min-count" : "max-forms");
            if (c == 'm')
                o.min_count = (unsigned)k;
            else
                o.max_forms = (unsigned)k;
            break;
        default:
            return cli_usage_error(&sohoa_cmd_lm, "bad option");
        }
    }
    return train_with_lm("skelctx", argc, argv, lm_path, out, train_skelctx, &o);
}

/* The arguments of an *-info subcommand (`--lm MODEL FILE`): the model
 * opened into *lm (the caller closes it) and FILE into *file; EXIT_OK or the
 * exit status of the usage error, already reported. */
static int info_args(int argc, char **argv, const char *what, sohoa_lm **lm, const char **file)
{
    static const struct option opts[] = {{"lm", required_argument, 0, 'l'}, {0, 0, 0, 0}};
    const char *lm_path = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "l:", opts, NULL)) != -1) {
        if (c != 'l')
            return cli_usage_error(&sohoa_cmd_lm, "bad option");
        lm_path = optarg;
    }
    if (optind + 1 != argc)
        return cli_usage_error(&sohoa_cmd_lm, "%s needs exactly one FILE", what);
    *file = argv[optind];
    return open_lm(lm_path, lm);
}

/* Validate FILE against the LM of an `lm *-info` subcommand and print what
 * it holds; SOHOA_OK or the error, in err. */
typedef int (*model_info_fn)(const char *file, const sohoa_lm *lm, sohoa_err *err);

/* `lm NAME-info --lm MODEL FILE`: the arguments, then info on the model
 * FILE; a file that does not validate is a usage error naming it. */
static int model_info(int argc, char **argv, const char *name, model_info_fn info)
{
    sohoa_lm *lm = NULL;
    const char *file = NULL;
    int st = info_args(argc, argv, name, &lm, &file);
    if (st != EXIT_OK)
        return st;
    sohoa_err err;
    int rc = info(file, lm, &err);
    sohoa_lm_close(lm);
    if (rc != SOHOA_OK) {
        cli_error("lm", "%s", err.msg);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

static int print_skelctx(const char *file, const sohoa_lm *lm, sohoa_err *err)
{
    sohoa_skelctx_info in;
    int rc = sohoa_skelctx_stat(file, lm, &in, err);
    if (rc != SOHOA_OK)
        return rc;
    printf("model: %s\nsize: %zu bytes\n", file, in.file_size);
    static const char *const NAMES[SOHOA_SKELCTX_PATTERNS] = {"s[i]", "s[i-1..i]", "s[i..i+1]",
                                                              "s[i-1..i+1]"};
    for (int p = 0; p < SOHOA_SKELCTX_PATTERNS; p++)
        printf("contexts %s: %zu\n", NAMES[p], in.contexts[p]);
    return SOHOA_OK;
}

/* One numeric option of a trainer into its options o; 0 when out of range. */
typedef int (*option_fn)(int c, const char *arg, void *o);

/* The options of a trainer that goes with a language model (wide, winnet):
 * --lm into *lm_path, --out into *out, every other option through set into
 * o; EXIT_OK or the exit status of the usage error, already reported. */
static int trainer_options(int argc, char **argv, const char *what, const char *shortopts,
                           const struct option *longopts, option_fn set, void *o,
                           const char **lm_path, const char **out)
{
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        if (c == 'l')
            *lm_path = optarg;
        else if (c == 'o')
            *out = optarg;
        else if (c == '?' || c == ':')
            return cli_usage_error(&sohoa_cmd_lm, "bad option");
        else if (!set(c, optarg, o))
            return cli_usage_error(&sohoa_cmd_lm, "bad value '%s' for a %s option", optarg,
                                   what);
    }
    return EXIT_OK;
}

/* One numeric option of `lm wide` into opts; 0 when out of range. */
static int wide_option(int c, const char *arg, void *opts)
{
    sohoa_widectx_train_opts *o = opts;
    char *end;
    double v = strtod(arg, &end);
    if (end == arg || *end || !(v >= 0) || v > 1e9)
        return 0;
    switch (c) {
    case 'w': o->window = (unsigned)v; return v >= 2 && v <= 30;
    case 'g': o->gap = (unsigned)v; return v >= 1 && v <= 30;
    case 'F': o->min_form = (unsigned)v; return v >= 1;
    case 'm': o->min_count = (unsigned)v; return v >= 1;
    case 'L': o->min_llr = v; return 1;
    }
    return 0;
}

static int wide(int argc, char **argv)
{
    static const struct option opts[] = {
        {"lm", required_argument, 0, 'l'},       {"window", required_argument, 0, 'w'},
        {"gap", required_argument, 0, 'g'},      {"min-form", required_argument, 0, 'F'},
        {"min-count", required_argument, 0, 'm'}, {"min-llr", required_argument, 0, 'L'},
        {"out", required_argument, 0, 'o'},      {0, 0, 0, 0}};
    sohoa_widectx_train_opts o;
    sohoa_widectx_train_opts_init(&o);
    const char *lm_path = NULL, *out = NULL;
    int st = trainer_options(argc, argv, "wide", "l:w:g:F:m:L:o:", opts, wide_option, &o,
                             &lm_path, &out);
    if (st != EXIT_OK)
        return st;
    if (o.gap > o.window)
        return cli_usage_error(&sohoa_cmd_lm, "--gap must not exceed --window");
    return train_with_lm("wide", argc, argv, lm_path, out, train_wide, &o);
}

static int print_wide(const char *file, const sohoa_lm *lm, sohoa_err *err)
{
    sohoa_widectx_info in;
    int rc = sohoa_widectx_stat(file, lm, &in, err);
    if (rc != SOHOA_OK)
        return rc;
    printf("model: %s\nsize: %zu bytes\nwindow: %u..%u\nconfusion sets: %zu\npairs: %zu\n",
           file, in.file_size, in.gap, in.window, in.skeletons, in.pairs);
    return SOHOA_OK;
}

static int train_winnet(const char *const *paths, size_t n, const sohoa_lm *lm,
                        const void *opts, const char *out, sohoa_err *err)
{
    return sohoa_winnet_train(paths, n, lm, opts, out, stderr, err);
}

/* One numeric option of `lm winnet` into opts; 0 when out of range. */
static int winnet_option(int c, const char *arg, void *opts)
{
    sohoa_winnet_train_opts *o = opts;
    char *end;
    double v = strtod(arg, &end);
    if (end == arg || *end || !(v >= 0) || v > 4e9)
        return 0;
    switch (c) {
    case 'H': o->hidden = (unsigned)v; return v >= 16 && v <= 1024 && o->hidden % 16 == 0;
    case 'e': o->epochs = (unsigned)v; return v >= 1 && v <= 100;
    case 'r': o->rate = v; return v > 0 && v <= 1;
    case 'm': o->min_count = (unsigned)v; return v >= 1;
    case 's': o->seed = (unsigned)v; return v == (unsigned)v;
    }
    return 0;
}

static int winnet(int argc, char **argv)
{
    static const struct option opts[] = {
        {"lm", required_argument, 0, 'l'},        {"hidden", required_argument, 0, 'H'},
        {"epochs", required_argument, 0, 'e'},    {"rate", required_argument, 0, 'r'},
        {"min-count", required_argument, 0, 'm'}, {"seed", required_argument, 0, 's'},
        {"out", required_argument, 0, 'o'},       {0, 0, 0, 0}};
    sohoa_winnet_train_opts o;
    sohoa_winnet_train_opts_init(&o);
    const char *lm_path = NULL, *out = NULL;
    int st = trainer_options(argc, argv, "winnet", "l:H:e:r:m:s:o:", opts, winnet_option, &o,
                             &lm_path, &out);
    if (st != EXIT_OK)
        return st;
    return train_with_lm("winnet", argc, argv, lm_path, out, train_winnet, &o);
}

static int print_winnet(const char *file, const sohoa_lm *lm, sohoa_err *err)
{
    sohoa_winnet_info in;
    int rc = sohoa_winnet_stat(file, lm, &in, err);
    if (rc != SOHOA_OK)
        return rc;
    printf("model: %s\nsize: %zu bytes\nwindow: %u tokens each side\nhidden units: %u\n"
           "input rows per offset: %zu\nforms scored: %zu\n",
           file, in.file_size, in.window, in.hidden, in.rows, in.outputs);
    return SOHOA_OK;
}

static int dict_cache(int argc, char **argv)
{
    static const struct option opts[] = {{"model", required_argument, 0, 'm'},
                                         {"dict", required_argument, 0, 'd'},
                                         {"out", required_argument, 0, 'o'},
                                         {0, 0, 0, 0}};
    char models[PATH_MAX], dicts[PATH_MAX];
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
    if (optind != argc)
        return cli_usage_error(&sohoa_cmd_lm, "dict-cache takes no FILE (see --out)");
    if (!model_dir)
        model_dir = cli_data_path("models", models, sizeof models);
    if (!dict_dir)
        dict_dir = cli_data_path("dictionaries", dicts, sizeof dicts);
    sohoa_err err;
    size_t files = 0;
    if (sohoa_dict_cache_write(model_dir, dict_dir, out, &files, &err) != SOHOA_OK) {
        cli_error("lm", "%s", err.msg);
        return EXIT_SOME_FAILED;
    }
    fprintf(stderr, "sohoa lm: %zu dictionary files of %s saved in %s%s%s\n", files, dict_dir,
            out ? out : model_dir, out ? "" : "/", out ? "" : "dictionaries.bin");
    return EXIT_OK;
}

static int run(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error(&sohoa_cmd_lm,
                               "missing subcommand (train, info, eval, from-arpa, skelctx, "
                               "skelctx-info, wide, wide-info, winnet, winnet-info, dict-cache, "
                               "adapt)");
    const char *sub = argv[1];
    if (strcmp(sub, "train") == 0)
        return train(argc - 1, argv + 1);
    if (strcmp(sub, "info") == 0)
        return info(argc - 1, argv + 1);
    if (strcmp(sub, "eval") == 0)
        return eval(argc - 1, argv + 1);
    if (strcmp(sub, "from-arpa") == 0)
        return from_arpa(argc - 1, argv + 1);
    if (strcmp(sub, "skelctx") == 0)
        return skelctx(argc - 1, argv + 1);
    if (strcmp(sub, "skelctx-info") == 0)
        return model_info(argc - 1, argv + 1, "skelctx-info", print_skelctx);
    if (strcmp(sub, "wide") == 0)
        return wide(argc - 1, argv + 1);
    if (strcmp(sub, "wide-info") == 0)
        return model_info(argc - 1, argv + 1, "wide-info", print_wide);
    if (strcmp(sub, "winnet") == 0)
        return winnet(argc - 1, argv + 1);
    if (strcmp(sub, "winnet-info") == 0)
        return model_info(argc - 1, argv + 1, "winnet-info", print_winnet);
    if (strcmp(sub, "dict-cache") == 0)
        return dict_cache(argc - 1, argv + 1);
    if (strcmp(sub, "adapt") == 0)
        return cli_lm_adapt(argc - 1, argv + 1);
    return cli_usage_error(&sohoa_cmd_lm, "unknown subcommand '%s'", sub);
}
