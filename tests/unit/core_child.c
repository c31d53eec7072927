/* core_child.c — tests of the child-process runner with a deadline
 * (src/core/child.c): results, errors, a child that never ends, one that
 * dies, and an output larger than a pipe holds. */
#include "harness.h"
#include "sohoa/child.h"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

static int say_hello(void *ctx, sohoa_buf *out, sohoa_err *err)
{
    (void)err;
    sohoa_buf_printf(out, "xin chào %s", (const char *)ctx);
    return SOHOA_OK;
}

TEST(child_returns_its_output)
{
    sohoa_buf out = SOHOA_BUF_INIT;
    sohoa_buf_puts(&out, "> ");
    sohoa_err err = {0};
    CHECK_INT(sohoa_child_run(5, say_hello, "Hà Nội", &out, &err), SOHOA_OK);
    CHECK_STR(sohoa_buf_cstr(&out), "> xin chào Hà Nội"); /* appended to what was there */
    sohoa_buf_free(&out);
}

static int refuse(void *ctx, sohoa_buf *out, sohoa_err *err)
{
    (void)ctx;
    sohoa_buf_puts(out, "partial");
    return sohoa_err_set(err, SOHOA_EINVAL, "invalid UTF-8 at byte %d", 12);
}

TEST(child_error_comes_back_with_status_and_message)
{
    sohoa_buf out = SOHOA_BUF_INIT;
    sohoa_err err = {0};
    CHECK_INT(sohoa_child_run(0, refuse, NULL, &out, &err), SOHOA_EINVAL); /* 0: no deadline */
    CHECK_INT(err.code, SOHOA_EINVAL);
    CHECK_STR(err.msg, "invalid UTF-8 at byte 12");
    sohoa_buf_free(&out);
}

static int spin(void *ctx, sohoa_buf *out, sohoa_err *err)
{
    (void)ctx;
    (void)err;
    sohoa_buf_puts(out, "never sent");
    for (;;)
        pause();
    return SOHOA_OK;
}

TEST(child_past_the_deadline_is_stopped)
{
    sohoa_buf out = SOHOA_BUF_INIT;
    sohoa_err err = {0};
    CHECK_INT(sohoa_child_run(0.2, spin, NULL, &out, &err), SOHOA_ELIMIT);
    CHECK_STR(err.msg, "gave up after 0.2 seconds");
    CHECK_INT(out.len, 0);
    sohoa_buf_free(&out);
}

static int die(void *ctx, sohoa_buf *out, sohoa_err *err)
{
    (void)ctx;
    (void)out;
    (void)err;
    raise(SIGKILL);
    return SOHOA_OK;
}

TEST(child_that_dies_is_an_error_naming_the_signal)
{
    sohoa_buf out = SOHOA_BUF_INIT;
    sohoa_err err = {0};
    CHECK_INT(sohoa_child_run(5, die, NULL, &out, &err), SOHOA_EINTERNAL);
    CHECK(strstr(err.msg, "killed by signal 9") != NULL);
    sohoa_buf_free(&out);
}

/* 3 MB: many times what a pipe holds, so the parent must read while the
 * child writes. */
static int big(void *ctx, sohoa_buf *out, sohoa_err *err)
{
    (void)ctx;
    (void)err;
    for (int i = 0; i < 3 << 20; i++)
        sohoa_buf_putc(out, (char)('a' + i % 26));
    return SOHOA_OK;
}

TEST(child_output_larger_than_a_pipe_arrives_whole)
{
    sohoa_buf out = SOHOA_BUF_INIT;
    sohoa_err err = {0};
    CHECK_INT(sohoa_child_run(60, big, NULL, &out, &err), SOHOA_OK);
    CHECK_INT(out.len, 3 << 20);
    int same = 1;
    for (size_t i = 0; i < out.len && same; i++)
        same = out.data[i] == (char)('a' + i % 26);
    CHECK(same);
    CHECK(out.data[out.len] == '\0');
    sohoa_buf_free(&out);
}

static int touch_memory(void *ctx, sohoa_buf *out, sohoa_err *err)
{
    (void)out;
    (void)err;
    *(int *)ctx = 42;
    return SOHOA_OK;
}

TEST(child_changes_to_memory_stay_in_the_child)
{
    int v = 7;
    sohoa_buf out = SOHOA_BUF_INIT;
    CHECK_INT(sohoa_child_run(5, touch_memory, &v, &out, NULL), SOHOA_OK);
    CHECK_INT(v, 7);
    sohoa_buf_free(&out);
}
