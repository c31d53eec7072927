/* text_textfile.c — tests of reading a UTF-8 text file line by line
 * (src/text/textfile.c): line ends, numbering, and the files refused
 * before any line is handed over. */
#include "harness.h"
#include "sohoa/textfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct {
    char got[256]; /* the lines joined by '|' */
    size_t len;
    size_t last_lineno;
    int calls;
} collected;

static void collect(void *ctx, const char *line, size_t n, size_t lineno)
{
    collected *c = ctx;
    if (c->calls++)
        c->got[c->len++] = '|';
    memcpy(c->got + c->len, line, n);
    c->len += n;
    c->got[c->len] = '\0';
    c->last_lineno = lineno;
}

/* Write n bytes to a fresh temporary file; its path into path. */
static void write_tmp(char path[64], const char *bytes, size_t n)
{
    strcpy(path, "/tmp/sohoa-textfile-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, bytes, n) != (ssize_t)n)
        abort();
    close(fd);
}

TEST(lines_lose_their_line_ends_and_count_from_one)
{
    static const char text[] = "Hà Nội\r\n\nĐà Nẵng\nHuế";
    char path[64];
    write_tmp(path, text, sizeof text - 1);
    collected c = {0};
    sohoa_err e;
    CHECK_INT(sohoa_text_lines(path, 0, collect, &c, &e), SOHOA_OK);
    CHECK_STR(c.got, "Hà Nội||Đà Nẵng|Huế"); /* the empty second line is a line */
    CHECK_INT(c.calls, 4);
    CHECK_INT((int)c.last_lineno, 4);
    unlink(path);
}

TEST(bad_files_give_no_line_and_name_the_path)
{
    static const char bad_utf8[] = "ab\ncd\xC3(\n";
    static const char nul[] = "ab\ncd\0ef\n";
    char path[64];
    char want[128];
    collected c = {0};
    sohoa_err e;

    write_tmp(path, bad_utf8, sizeof bad_utf8 - 1);
    CHECK_INT(sohoa_text_lines(path, 0, collect, &c, &e), SOHOA_EFORMAT);
    snprintf(want, sizeof want, "%s: invalid UTF-8 at byte 5", path);
    CHECK_STR(e.msg, want);
    CHECK_INT(c.calls, 0);
    unlink(path);

    write_tmp(path, nul, sizeof nul - 1);
    CHECK_INT(sohoa_text_lines(path, 0, collect, &c, &e), SOHOA_EFORMAT);
    snprintf(want, sizeof want, "%s: a NUL byte at byte 5", path);
    CHECK_STR(e.msg, want);
    CHECK_INT(c.calls, 0);

    /* nine bytes against a limit of eight */
    CHECK_INT(sohoa_text_lines(path, 8, collect, &c, &e), SOHOA_ELIMIT);
    CHECK_INT(c.calls, 0);
    unlink(path);

    CHECK_INT(sohoa_text_lines("/nonexistent/sohoa-lines.txt", 0, collect, &c, &e), SOHOA_EIO);
    CHECK(strstr(e.msg, "/nonexistent/sohoa-lines.txt") != NULL);
}
