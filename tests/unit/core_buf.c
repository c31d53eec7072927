/* core_buf.c — tests of the byte buffer, errors and SHA-256 (src/core). */
#include "harness.h"
#include "sohoa/buf.h"
#include "sohoa/error.h"
#include "sohoa/file.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

TEST(buf_appends_and_formats)
{
    sohoa_buf b = SOHOA_BUF_INIT;
    CHECK_STR(sohoa_buf_cstr(&b), "");
    sohoa_buf_puts(&b, "Số ");
    sohoa_buf_printf(&b, "%d/%s", 86, "KH-UBND");
    CHECK_STR(sohoa_buf_cstr(&b), "Số 86/KH-UBND");
    CHECK_INT(b.len, 15); /* "ố" is 3 bytes: 1 + 3 + 1 + 10 */
    sohoa_buf_free(&b);
}

TEST(buf_grows_past_many_doublings)
{
    sohoa_buf b = SOHOA_BUF_INIT;
    for (int i = 0; i < 100000; i++)
        sohoa_buf_putc(&b, 'a' + i % 26);
    CHECK_INT(b.len, 100000);
    CHECK(b.data[26] == 'a' && b.data[99999] == 'a' + 99999 % 26);
    CHECK(b.data[b.len] == '\0');
    sohoa_buf_free(&b);
}

TEST(buf_encodes_code_points)
{
    sohoa_buf b = SOHOA_BUF_INIT;
    sohoa_buf_put_cp(&b, 0x0110); /* Đ */
    sohoa_buf_put_cp(&b, 0x1EA3); /* ả */
    sohoa_buf_put_cp(&b, 'n');
    sohoa_buf_put_cp(&b, 'g');
    CHECK_STR(sohoa_buf_cstr(&b), "Đảng");
    char *s = sohoa_buf_steal(&b);
    CHECK(b.data == NULL && b.len == 0);
    free(s);
}

TEST(err_prefix_names_the_file)
{
    sohoa_err e;
    CHECK_INT(sohoa_err_set(&e, SOHOA_EINVAL, "invalid UTF-8 at byte %d", 12), SOHOA_EINVAL);
    sohoa_err_prefix(&e, "a.txt");
    CHECK_STR(e.msg, "a.txt: invalid UTF-8 at byte 12");
}

TEST(sha256_of_abc_matches_fips_180_2)
{
    char hex[65];
    sohoa_sha256_hex("abc", 3, hex);
    CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(read_file_reports_missing_path)
{
    char *data = NULL;
    size_t len = 0;
    sohoa_err e;
    CHECK_INT(sohoa_read_file("/nonexistent/x.txt", 0, &data, &len, &e), SOHOA_EIO);
    CHECK(strstr(e.msg, "/nonexistent/x.txt") != NULL);
}

TEST(check_regular_names_what_the_path_is)
{
    sohoa_err e;
    CHECK_INT(sohoa_check_regular("/", &e), SOHOA_EINVAL);
    CHECK_STR(e.msg, "/: is a directory");
    CHECK_INT(sohoa_check_regular("/dev/null", &e), SOHOA_EINVAL);
    CHECK_STR(e.msg, "/dev/null: is a device, not a regular file");
    CHECK_INT(sohoa_check_regular("/nonexistent/x", &e), SOHOA_EIO);
    CHECK_STR(e.msg, "/nonexistent/x: No such file or directory");
}

TEST(read_file_refuses_a_fifo_without_blocking)
{
    char path[] = "/tmp/sohoa-fifo-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    unlink(path);
    CHECK(mkfifo(path, 0600) == 0);
    char *data = NULL;
    size_t len = 0;
    sohoa_err e;
    int rc = sohoa_read_file(path, 0, &data, &len, &e);
    unlink(path);
    CHECK_INT(rc, SOHOA_EINVAL);
    CHECK(strstr(e.msg, "is a named pipe (FIFO)") != NULL);
}
