/* child.c — one piece of work in a forked child process under a deadline
 * (include/sohoa/child.h).
 *
 * The child writes one message to the pipe and leaves with _exit:
 *   header {status, err code, message length, output length}
 *   message bytes, output bytes
 * The parent reads exactly that much (poll, so it can stop at the
 * deadline), kills the child if it is late, and always reaps it. */
#include "sohoa/child.h"
#include "sohoa/file.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef struct reply {
    int32_t status, code;
    uint64_t msg_len, out_len;
} reply;

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ---- the child ------------------------------------------------------------ */

static void child_main(int fd, sohoa_child_fn fn, void *ctx)
{
    sohoa_buf out = SOHOA_BUF_INIT;
    sohoa_err e = {0};
    int rc = fn(ctx, &out, &e);
    reply h = {rc, e.code, rc != SOHOA_OK ? strlen(e.msg) : 0, out.len};
    int bad = sohoa_write_all(fd, &h, sizeof h) || sohoa_write_all(fd, e.msg, (size_t)h.msg_len) ||
              sohoa_write_all(fd, sohoa_buf_cstr(&out), out.len);
    _exit(bad ? 1 : 0);
}

/* ---- the parent ------------------------------------------------------------ */

enum { GOT = 0, LATE = 1, BROKEN = -1 };

/* Read exactly n bytes into dst before the deadline (<= 0: none). Returns
 * GOT, LATE, or BROKEN (end of file or a read error; errno is 0 at end of
 * file). */
static int read_exact(int fd, double deadline, void *dst, size_t n)
{
    char *c = dst;
    while (n) {
        int wait_ms = -1;
        if (deadline > 0) {
            double left = deadline - now_seconds();
            if (left <= 0)
                return LATE;
            wait_ms = left > 86400 ? 86400000 : (int)(left * 1000) + 1;
        }
        struct pollfd p = {fd, POLLIN, 0};
        int k = poll(&p, 1, wait_ms);
        if (k < 0 && errno != EINTR)
            return BROKEN;
        if (k <= 0)
            continue;
        ssize_t got = read(fd, c, n);
        if (got == 0) {
            errno = 0;
            return BROKEN;
        }
        if (got < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            return BROKEN;
        }
        c += got;
        n -= (size_t)got;
    }
    return GOT;
}

/* Read the child's reply into err and out. Returns GOT (then *status is
 * fn's), LATE or BROKEN. */
static int read_reply(int fd, double deadline, int *status, sohoa_buf *out, sohoa_err *err)
{
    reply h;
    int r = read_exact(fd, deadline, &h, sizeof h);
    if (r != GOT)
        return r;
    char msg[sizeof err->msg];
    if (h.msg_len >= sizeof msg || h.out_len > SIZE_MAX / 4) {
        errno = EPROTO;
        return BROKEN;
    }
    if ((r = read_exact(fd, deadline, msg, (size_t)h.msg_len)) != GOT)
        return r;
    msg[h.msg_len] = '\0';
    size_t n = (size_t)h.out_len;
    sohoa_buf_reserve(out, n);
    if ((r = read_exact(fd, deadline, out->data + out->len, n)) != GOT) {
        out->data[out->len] = '\0';
        return r;
    }
    out->len += n;
    out->data[out->len] = '\0';
    *status = h.status;
    if (h.status != SOHOA_OK)
        sohoa_err_set(err, h.code ? h.code : h.status, "%s", msg);
    return GOT;
}

/* What became of a child that sent no complete reply. */
static int explain(int how, int read_errno, int wait_status, double seconds, sohoa_err *err)
{
    if (how == LATE)
        return sohoa_err_set(err, SOHOA_ELIMIT, "gave up after %g seconds", seconds);
    if (WIFSIGNALED(wait_status))
        return sohoa_err_set(err, SOHOA_EINTERNAL, "the worker process was killed by signal %d (%s)",
                             WTERMSIG(wait_status), strsignal(WTERMSIG(wait_status)));
    if (read_errno)
        return sohoa_err_set(err, SOHOA_EINTERNAL, "cannot read the worker process's result: %s",
                             strerror(read_errno));
    return sohoa_err_set(err, SOHOA_EINTERNAL,
                         "the worker process ended (status %d) without a result",
                         WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1);
}

int sohoa_child_run(double seconds, sohoa_child_fn fn, void *ctx, sohoa_buf *out,
                    sohoa_err *err)
{
    int fd[2];
    if (pipe(fd) != 0)
        return sohoa_err_set(err, SOHOA_EINTERNAL, "cannot make a pipe: %s", strerror(errno));
    double deadline = seconds > 0 ? now_seconds() + seconds : 0;
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(fd[0]);
        close(fd[1]);
        return sohoa_err_set(err, SOHOA_EINTERNAL, "cannot start a process: %s", strerror(e));
    }
    if (pid == 0) {
        close(fd[0]);
        child_main(fd[1], fn, ctx); /* does not return */
    }
    close(fd[1]);
    int status = SOHOA_EINTERNAL;
    int how = read_reply(fd[0], deadline, &status, out, err);
    int read_errno = errno;
    close(fd[0]);
    if (how != GOT)
        kill(pid, SIGKILL);
    int ws = 0;
    while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
        ;
    return how == GOT ? status : explain(how, read_errno, ws, seconds, err);
}
