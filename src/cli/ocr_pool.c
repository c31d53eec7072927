/* ocr_pool.c — N forked worker processes doing work units for
 * `sohoa ocr -j N` (see ocr_pool.h). The parent sends each idle worker one
 * unit at a time on its command pipe and reads the result from its result
 * pipe; poll() tells which worker has finished. A worker waits idle while
 * no unit is ready (units may depend on running ones) and is let go when
 * the run is over.
 * Message to a worker: unit (8 bytes), input length (8), input bytes.
 * Message from a worker: unit (8), status (4), length (8), result bytes. */
#include "ocr_pool.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sohoa/buf.h"
#include "sohoa/file.h"

#define IDLE SIZE_MAX

typedef struct worker {
    pid_t pid;    /* -1: slot empty */
    int cmd;      /* parent writes units here */
    int res;      /* parent reads results here */
    size_t unit;  /* unit in progress, or IDLE */
} worker;

/* A unit taken from `next` that could not be sent yet (its worker had died). */
typedef struct held {
    int has;
    size_t unit;
    char *in;
    size_t len;
} held;

typedef struct pool {
    worker *w;
    int n;
    const ocr_pool_cb *cb;
    held pending;
} pool;

/* Read a length-prefixed message body: malloc'd, NUL-terminated; NULL on
 * end of file or error. */
static char *read_body(int fd, uint64_t n)
{
    if (n >= SIZE_MAX)
        return NULL;
    char *b = sohoa_xmalloc((size_t)n + 1);
    if (sohoa_read_all(fd, b, (size_t)n)) {
        free(b);
        return NULL;
    }
    b[n] = '\0';
    return b;
}

/* The worker's life: units in, results out, until the parent closes. */
static void worker_loop(int cmd, int res, const ocr_pool_cb *cb)
{
    uint64_t unit, n;
    while (sohoa_read_all(cmd, &unit, sizeof unit) == 0 && sohoa_read_all(cmd, &n, sizeof n) == 0) {
        char *in = read_body(cmd, n);
        if (!in)
            break;
        char *blob = NULL;
        size_t len = 0;
        int32_t status = cb->work(cb->arg, (size_t)unit, in, (size_t)n, &blob, &len) != 0
                             ? OCR_POOL_FAILED : OCR_POOL_OK;
        free(in);
        uint64_t m = len;
        int bad = sohoa_write_all(res, &unit, sizeof unit) || sohoa_write_all(res, &status, sizeof status) ||
                  sohoa_write_all(res, &m, sizeof m) || sohoa_write_all(res, blob ? blob : "", len);
        free(blob);
        if (bad)
            break;
    }
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

/* Start worker k (its slot is empty). Returns 0 or -1. */
static int spawn(pool *p, int k)
{
    int cmd[2], res[2];
    if (pipe(cmd) != 0)
        return -1;
    if (pipe(res) != 0) {
        close(cmd[0]), close(cmd[1]);
        return -1;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(cmd[0]), close(cmd[1]), close(res[0]), close(res[1]);
        return -1;
    }
    if (pid == 0) {
        /* Keep only our own two ends: another worker's command pipe held
         * open here would never let that worker see its end. */
        signal(SIGPIPE, SIG_DFL);
        for (int j = 0; j < p->n; j++)
            if (j != k) {
                close_fd(&p->w[j].cmd);
                close_fd(&p->w[j].res);
            }
        close(cmd[1]), close(res[0]);
        worker_loop(cmd[0], res[1], p->cb);
        _exit(0);
    }
    close(cmd[0]), close(res[1]);
    p->w[k] = (worker){pid, cmd[1], res[0], IDLE};
    return 0;
}

/* The next unit: the one held back, else a new one from the caller. */
static int take(pool *p, size_t *unit, char **in, size_t *len)
{
    if (p->pending.has) {
        *unit = p->pending.unit, *in = p->pending.in, *len = p->pending.len;
        p->pending.has = 0;
        return 1;
    }
    *in = NULL, *len = 0;
    return p->cb->next(p->cb->arg, unit, in, len);
}

static void hold(pool *p, size_t unit, char *in, size_t len)
{
    p->pending = (held){1, unit, in, len};
}

static int have_work(pool *p)
{
    size_t unit, len;
    char *in;
    if (!take(p, &unit, &in, &len))
        return 0;
    hold(p, unit, in, len);
    return 1;
}

/* Report unit lost with the pool's own message. */
static void lose(pool *p, size_t unit, const char *msg)
{
    p->cb->done(p->cb->arg, unit, OCR_POOL_LOST, sohoa_xstrdup(msg), strlen(msg));
}

/* Worker k's pipes closed or broke: reap it, report its unit, empty its slot. */
static void died(pool *p, int k)
{
    worker *w = &p->w[k];
    int status = 0;
    close_fd(&w->cmd);
    close_fd(&w->res);
    waitpid(w->pid, &status, 0);
    w->pid = -1;
    if (w->unit == IDLE)
        return;
    size_t unit = w->unit;
    w->unit = IDLE;
    char msg[160];
    if (WIFSIGNALED(status))
        snprintf(msg, sizeof msg, "the worker process died (signal %d: %s) on this file",
                 WTERMSIG(status), strsignal(WTERMSIG(status)));
    else
        snprintf(msg, sizeof msg, "the worker process exited (status %d) on this file",
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    lose(p, unit, msg);
}

/* Give idle worker k its next unit. Returns 1 if it got one; 0 if none is
 * ready, or if the worker turned out dead (it is then reaped, the unit
 * held for the next worker). */
static int feed(pool *p, int k)
{
    worker *w = &p->w[k];
    size_t unit, len;
    char *in;
    if (!take(p, &unit, &in, &len))
        return 0;
    uint64_t u = unit, n = len;
    if (sohoa_write_all(w->cmd, &u, sizeof u) || sohoa_write_all(w->cmd, &n, sizeof n) ||
        sohoa_write_all(w->cmd, in ? in : "", len)) {
        hold(p, unit, in, len);
        died(p, k);
        return 0;
    }
    free(in);
    w->unit = unit;
    return 1;
}

/* Every idle worker gets a unit if one is ready; an empty slot gets a new
 * worker when there is a unit for it. */
static void feed_idle(pool *p)
{
    for (int k = 0; k < p->n; k++) {
        worker *w = &p->w[k];
        for (int tries = 0; tries < 2; tries++) {
            if (w->pid < 0 && (!have_work(p) || spawn(p, k) != 0))
                break;
            if (w->unit != IDLE || feed(p, k) || w->pid >= 0)
                break; /* busy, or nothing to do; else it was dead: once more */
        }
    }
}

/* Worker k has something to say: a whole result, or its end. */
static void receive(pool *p, int k)
{
    worker *w = &p->w[k];
    uint64_t unit, n;
    int32_t status;
    char *blob = NULL;
    if (sohoa_read_all(w->res, &unit, sizeof unit) || sohoa_read_all(w->res, &status, sizeof status) ||
        sohoa_read_all(w->res, &n, sizeof n) || unit != w->unit || !(blob = read_body(w->res, n))) {
        died(p, k);
        return;
    }
    w->unit = IDLE;
    feed(p, k); /* its next unit first: the worker works while we print */
    p->cb->done(p->cb->arg, (size_t)unit, status == OCR_POOL_OK ? OCR_POOL_OK : OCR_POOL_FAILED,
                blob, (size_t)n);
}

/* Wait for any worker and handle what it sent. */
static void step(pool *p)
{
    struct pollfd *fds = sohoa_xcalloc((size_t)p->n, sizeof *fds);
    for (int k = 0; k < p->n; k++) {
        fds[k].fd = p->w[k].res; /* -1 for an empty slot: poll skips it */
        fds[k].events = POLLIN;
    }
    int r = poll(fds, (nfds_t)p->n, -1);
    if (r > 0)
        for (int k = 0; k < p->n; k++)
            if (fds[k].revents && p->w[k].res >= 0)
                receive(p, k);
    free(fds);
}

static int busy(const pool *p)
{
    for (int k = 0; k < p->n; k++)
        if (p->w[k].unit != IDLE)
            return 1;
    return 0;
}

int ocr_pool_run(int nworkers, const ocr_pool_cb *cb)
{
    pool p = {sohoa_xcalloc((size_t)nworkers, sizeof *p.w), nworkers, cb, {0, 0, NULL, 0}};
    for (int k = 0; k < nworkers; k++)
        p.w[k] = (worker){-1, -1, -1, IDLE};
    void (*old_pipe)(int) = signal(SIGPIPE, SIG_IGN); /* a dead worker's pipe: EPIPE, not death */
    int started = 0, spawn_errno = 0;
    for (int k = 0; k < nworkers; k++) {
        if (spawn(&p, k) == 0)
            started++;
        else
            spawn_errno = errno;
    }
    if (started > 0) {
        for (;;) {
            feed_idle(&p);
            if (!busy(&p))
                break;
            step(&p);
        }
        /* Units left with no worker alive to do them. */
        size_t unit, len;
        char *in;
        while (take(&p, &unit, &in, &len)) {
            free(in);
            lose(&p, unit, "no worker process could be started for this file");
        }
    }
    /* Every unit is done: let the workers go. */
    for (int k = 0; k < nworkers; k++) {
        close_fd(&p.w[k].cmd);
        close_fd(&p.w[k].res);
        if (p.w[k].pid > 0)
            waitpid(p.w[k].pid, NULL, 0);
    }
    signal(SIGPIPE, old_pipe);
    free(p.w);
    if (started == 0) {
        errno = spawn_errno;
        return -1;
    }
    return 0;
}

void ocr_pool_run_here(const ocr_pool_cb *cb)
{
    size_t unit, len;
    char *in = NULL;
    while ((len = 0, in = NULL, cb->next(cb->arg, &unit, &in, &len))) {
        char *blob = NULL;
        size_t n = 0;
        int failed = cb->work(cb->arg, unit, in ? in : "", len, &blob, &n) != 0;
        free(in);
        cb->done(cb->arg, unit, failed ? OCR_POOL_FAILED : OCR_POOL_OK, blob ? blob : sohoa_xstrdup(""), n);
    }
}
