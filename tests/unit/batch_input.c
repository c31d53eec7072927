/* batch_input.c — tests of input collection (folders, globs, lists) and of
 * shard selection (src/batch/collect.c, shard.c). */
#include "harness.h"
#include "batch_fixture.h"
#include "sohoa/batch.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* A fresh temporary folder holding:
 *   a.txt  b.pdf  .hidden  sub/c.txt  sub/deep/d.txt  z.txt */
static char *make_tree(void)
{
    char *d = fixture_tmpdir();
    if (!d)
        return NULL;
    char p[512];
    const char *files[] = {"a.txt", "b.pdf", ".hidden", "sub/c.txt", "sub/deep/d.txt", "z.txt"};
    snprintf(p, sizeof p, "%s/sub", d);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/sub/deep", d);
    mkdir(p, 0755);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        fixture_write(d, files[i], "x\n", 2, p, sizeof p);
    return d;
}

/* The i-th collected path relative to root. */
static const char *rel(const sohoa_files *f, size_t i, const char *root)
{
    return f->paths[i] + strlen(root) + 1;
}

/* What sohoa_collect takes from a fresh make_tree() with options o: the
 * paths relative to the tree, joined by spaces, or "(error)". */
static const char *collected(const sohoa_collect_opts *o)
{
    static char out[512];
    char *root = make_tree();
    sohoa_files f = {0};
    const char *paths[] = {root};
    snprintf(out, sizeof out, "(error)");
    if (root && sohoa_collect(o, paths, 1, &f, NULL) == SOHOA_OK) {
        out[0] = '\0';
        for (size_t i = 0; i < f.n; i++)
            snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", i ? " " : "",
                     rel(&f, i, root));
    }
    sohoa_files_free(&f);
    if (root)
        fixture_remove(root);
    return out;
}

TEST(collect_walks_one_level_in_name_order_without_hidden)
{
    sohoa_collect_opts o = {0};
    CHECK_STR(collected(&o), "a.txt b.pdf z.txt");
}

TEST(collect_recursive_with_include_and_exclude)
{
    const char *inc[] = {"*.txt"}, *exc[] = {"z*"};
    sohoa_collect_opts o = {1, inc, 1, exc, 1};
    CHECK_STR(collected(&o), "a.txt sub/c.txt sub/deep/d.txt");
}

TEST(collect_keeps_missing_paths_for_the_report)
{
    sohoa_collect_opts o = {0};
    sohoa_files f = {0};
    const char *paths[] = {"/nonexistent/sohoa/file.txt"};
    CHECK_INT(sohoa_collect(&o, paths, 1, &f, NULL), SOHOA_OK);
    CHECK_INT(f.n, 1);
    CHECK_STR(f.paths[0], "/nonexistent/sohoa/file.txt");
    sohoa_files_free(&f);
}

TEST(collect_list_skips_blank_lines_and_comments)
{
    char *root = make_tree();
    CHECK(root);
    char list[600];
    snprintf(list, sizeof list, "%s/list", root);
    FILE *l = fopen(list, "w");
    CHECK(l);
    fprintf(l, "# inputs\n%s/z.txt\n\n%s/sub\r\n", root, root);
    fclose(l);
    sohoa_collect_opts o = {0};
    sohoa_files f = {0};
    CHECK_INT(sohoa_collect_list(&o, list, &f, NULL), SOHOA_OK);
    CHECK_INT(f.n, 2);
    CHECK_STR(rel(&f, 0, root), "z.txt");
    CHECK_STR(rel(&f, 1, root), "sub/c.txt");
    sohoa_files_free(&f);
    sohoa_err e = {0};
    CHECK_INT(sohoa_collect_list(&o, "/nonexistent/list", &f, &e), SOHOA_EIO);
    CHECK(strstr(e.msg, "/nonexistent/list") != NULL);
    fixture_remove(root);
}

TEST(shard_parse_accepts_i_of_n_only)
{
    int i = -1, n = -1;
    CHECK_INT(sohoa_shard_parse("0/3", &i, &n), 0);
    CHECK_INT(i, 0);
    CHECK_INT(n, 3);
    CHECK_INT(sohoa_shard_parse("2/3", &i, &n), 0);
    CHECK_INT(i, 2);
    CHECK_INT(sohoa_shard_parse("3/3", &i, &n), -1);
    CHECK_INT(sohoa_shard_parse("-1/3", &i, &n), -1);
    CHECK_INT(sohoa_shard_parse("1/0", &i, &n), -1);
    CHECK_INT(sohoa_shard_parse("1", &i, &n), -1);
    CHECK_INT(sohoa_shard_parse("1/3x", &i, &n), -1);
    CHECK_INT(sohoa_shard_parse("/3", &i, &n), -1);
}

TEST(shard_of_is_the_first_64_bits_modulo_n)
{
    /* 0x...05 = 5: 5 mod 3 = 2; 2^64-1 mod 3 = 0 (2^64 = 1 mod 3);
     * 2^64-1 mod 7 = 1 (2^64 = 2 mod 7); digits after the 16th are ignored. */
    const char *five = "0000000000000005ffffffffffffffffffffffffffffffffffffffffffffffff";
    const char *ones = "ffffffffffffffff0000000000000000000000000000000000000000000000000";
    CHECK_INT(sohoa_shard_of(five, 3), 2);
    CHECK_INT(sohoa_shard_of(ones, 3), 0);
    CHECK_INT(sohoa_shard_of(ones, 7), 1);
    CHECK_INT(sohoa_shard_of(five, 1), 0);
    CHECK_INT(sohoa_shard_of("000000000000000a", 4), 2);
}
