/* cmd_normalize.c — `sohoa normalize`: decode legacy encodings and normalise
 * Vietnamese text (a thin front on include/sohoa/encoding.h and
 * include/sohoa/normalize.h). Owner: issue #3. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sohoa/encoding.h"
#include "sohoa/file.h"
#include "sohoa/normalize.h"

static int run(int argc, char **argv);

const sohoa_command sohoa_cmd_normalize = {
    "normalize",
    "decode legacy encodings and normalise Vietnamese text",
    "usage: sohoa normalize [--encoding E] [--tone-style new|old] [--lenient]\n"
    "                       [--layout] [--detect] [--to E] [--max-bytes N]\n"
    "                       [FILE...]\n"
    "\n"
    "Decode each FILE (or stdin) into UTF-8 and write it normalised: NFC,\n"
    "look-alike letters unified (Ð → Đ, Cyrillic/Greek letters inside Latin\n"
    "words), typographic quotes, dashes, ellipsis, no-break and zero-width\n"
    "spaces made plain, and tone marks placed by one convention on valid\n"
    "syllables. The encoding is detected per file unless --encoding is given;\n"
    "valid UTF-8 Vietnamese is never re-decoded.\n"
    "\n"
    "  --encoding E      auto (default), utf-8, utf-16 (with BOM), tcvn3 (abc),\n"
    "                    vni, viqr, cp1258 (windows-1258)\n"
    "  --tone-style S    new (hòa, thủy, khỏe; default) or old (hoà, thuỷ, khoẻ)\n"
    "  --lenient         replace invalid bytes with U+FFFD instead of failing\n"
    "  --layout          OCR layout clean-up: join words hyphenated at line ends,\n"
    "                    drop running headers, footers and page numbers repeated\n"
    "                    across pages (pages separated by form feeds)\n"
    "  --detect          print \"FILE: ENCODING\" for each file instead of the text\n"
    "  --to E            write the normalised text in encoding E (utf-8, utf-16,\n"
    "                    tcvn3, vni, viqr, cp1258) instead of UTF-8; a character\n"
    "                    E cannot represent fails the file (TCVN3 writes toned\n"
    "                    capitals with the lower-case codes, as .VnTimeH did)\n"
    "  --max-bytes N     refuse a file (or stdin) larger than N bytes with an\n"
    "                    error naming it (default 67108864, 64 MiB; the time\n"
    "                    normalisation takes grows with the size, so this also\n"
    "                    bounds the time per file)\n"
    "\n"
    "Exit status: 0 ok, 1 some files failed (each named with the byte offset of\n"
    "the error), 2 usage error.\n",
    run,
};

typedef struct opts {
    int enc, to;
    unsigned decode_flags, norm_flags;
    int detect;
    size_t max_bytes;
} opts;

#define DEFAULT_MAX_BYTES ((size_t)64 << 20)

static int normalize_one(const opts *o, const char *path)
{
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    char *data, *text;
    size_t len, tlen;
    int used = o->enc;
    sohoa_err err;
    int rc = sohoa_read_file(path, o->max_bytes, &data, &len, &err);
    if (rc == SOHOA_ELIMIT) {
        cli_error("normalize", "%s: larger than the --max-bytes limit of %zu bytes", name,
                  o->max_bytes);
        return 1;
    }
    if (rc != SOHOA_OK) {
        cli_error("normalize", "%s", err.msg);
        return 1;
    }
    rc = sohoa_decode(data, len, o->enc, o->decode_flags, &text, &tlen, &used, &err);
    free(data);
    if (rc != SOHOA_OK) {
        cli_error("normalize", "%s: %s", name, err.msg);
        return 1;
    }
    if (o->detect) {
        printf("%s: %s\n", name, sohoa_encoding_name(used));
        free(text);
        return 0;
    }
    sohoa_norm_result res;
    /* sohoa_decode returns valid UTF-8 (or fails) */
    rc = sohoa_normalize(text, tlen, o->norm_flags | SOHOA_NORM_VALID_UTF8, &res, &err);
    free(text);
    if (rc != SOHOA_OK) {
        cli_error("normalize", "%s: %s", name, err.msg);
        return 1;
    }
    if (o->to != SOHOA_ENC_UTF8) {
        char *bytes;
        size_t blen;
        rc = sohoa_encode(res.text, res.len, o->to, &bytes, &blen, &err);
        sohoa_norm_result_free(&res);
        if (rc != SOHOA_OK) {
            cli_error("normalize", "%s: %s", name, err.msg);
            return 1;
        }
        fwrite(bytes, 1, blen, stdout);
        free(bytes);
        return 0;
    }
    fwrite(res.text, 1, res.len, stdout);
    sohoa_norm_result_free(&res);
    return 0;
}

static int run(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"encoding", required_argument, 0, 'e'}, {"tone-style", required_argument, 0, 't'},
        {"lenient", no_argument, 0, 'l'},        {"layout", no_argument, 0, 'L'},
        {"detect", no_argument, 0, 'd'},         {"to", required_argument, 0, 'T'},
        {"max-bytes", required_argument, 0, 'B'}, {0, 0, 0, 0}};
    opts o = {SOHOA_ENC_AUTO, SOHOA_ENC_UTF8, 0, 0, 0, DEFAULT_MAX_BYTES};
    int c, rc;
    double v;
    optind = 1;
    while ((c = getopt_long(argc, argv, "e:t:", longopts, NULL)) != -1) {
        switch (c) {
        case 'e':
            o.enc = sohoa_encoding_parse(optarg);
            if (o.enc < 0)
                return cli_usage_error(&sohoa_cmd_normalize, "unknown encoding '%s'", optarg);
            break;
        case 't':
            if (strcmp(optarg, "old") == 0)
                o.norm_flags |= SOHOA_NORM_TONE_OLD;
            else if (strcmp(optarg, "new") != 0)
                return cli_usage_error(&sohoa_cmd_normalize,
                                       "--tone-style must be new or old, not '%s'", optarg);
            break;
        case 'l':
            o.decode_flags |= SOHOA_DECODE_LENIENT;
            break;
        case 'L':
            o.norm_flags |= SOHOA_NORM_LAYOUT;
            break;
        case 'd':
            o.detect = 1;
            break;
        case 'T':
            o.to = sohoa_encoding_parse(optarg);
            if (o.to <= SOHOA_ENC_AUTO)
                return cli_usage_error(&sohoa_cmd_normalize, "unknown output encoding '%s'",
                                       optarg);
            break;
        case 'B':
            if ((rc = cli_parse_number(&sohoa_cmd_normalize, "--max-bytes", optarg, 1, &v)) !=
                EXIT_OK)
                return rc;
            o.max_bytes = v < 1e18 ? (size_t)v : (size_t)1e18; /* no overflow */
            break;
        default:
            return cli_usage_error(&sohoa_cmd_normalize, "invalid option");
        }
    }
    int failed = 0;
    if (optind >= argc)
        failed |= normalize_one(&o, "-");
    for (int i = optind; i < argc; i++)
        failed |= normalize_one(&o, argv[i]);
    fflush(stdout);
    return failed ? EXIT_SOME_FAILED : EXIT_OK;
}
