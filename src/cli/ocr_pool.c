/* ocr_pool.c — N forked worker processes doing numbered work units for
 * `sohoa ocr -j N` (see ocr_pool.h). The parent sends each worker one unit
 * number at a time on its command pipe and reads the result from its result
 * pipe; poll() tells which worker has finished. Message from a worker:
 * unit (8 bytes), status (4), length (8), then the result bytes. */
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

#define IDLE SIZE_MAX

typedef struct worker {
    pid_t pid;
    int cmd;      /* parent writes unit numbers here */
    int res;      /* parent reads results here */
    size_t unit;  /* unit in progress, or IDLE */
} worker;

typedef struct pool {
    worker *w;
    int n;
    const ocr_pool_cb *cb;
    size_t next, nunits, ndone;
} pool;

static int write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t k = write(fd, c, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        c += k, n -= (size_t)k;
    }
    return 0;
}

/* Read exactly n bytes; 0 ok, -1 on end of file or error. */
static int read_all(int fd, void *p, size_t n)
{
    char *c = p;
    while (n) {
        ssize_t k = read(fd, c, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        c += k, n -= (size_t)k;
    }
    return 0;
}

/* The worker's life: units in, results out, until the parent closes. */
static void worker_loop(int cmd, int res, const ocr_pool_cb *cb)
{
    uint64_t unit;
    while (read_all(cmd, &unit, sizeof unit) == 0) {
        char *blob = NULL;
        size_t len = 0;
        int32_t failed = cb->work(cb->arg, (size_t)unit, &blob, &len) != 0;
        uint64_t n = len;
        int bad = write_all(res, &unit, sizeof unit) || write_all(res, &failed, sizeof failed) ||
                  write_all(res, &n, sizeof n) || write_all(res, blob ? blob : "", len);
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

/* Start worker k (its slot is free). Returns 0 or -1. */
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

/* Give worker k its next unit, or close its command pipe when none is left. */
static void feed(pool *p, int k)
{
    worker *w = &p->w[k];
    if (p->next < p->nunits) {
        uint64_t unit = p->next;
        if (write_all(w->cmd, &unit, sizeof unit) == 0) {
            w->unit = p->next++;
            return;
        }
    }
    close_fd(&w->cmd);
}

/* Worker k died (wait status `status`) during its unit: report it failed. */
static void fail_unit(pool *p, int k, int status)
{
    worker *w = &p->w[k];
    char msg[160];
    if (WIFSIGNALED(status))
        snprintf(msg, sizeof msg, "the worker process died (signal %d: %s) on this file",
                 WTERMSIG(status), strsignal(WTERMSIG(status)));
    else
        snprintf(msg, sizeof msg, "the worker process exited (status %d) on this file",
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    size_t unit = w->unit;
    w->unit = IDLE;
    p->ndone++;
    p->cb->done(p->cb->arg, unit, 1, sohoa_xstrdup(msg), strlen(msg));
}

/* Worker k's result pipe closed: reap it, report its unit, replace it. */
static void died(pool *p, int k)
{
    worker *w = &p->w[k];
    int status = 0;
    close_fd(&w->cmd);
    close_fd(&w->res);
    waitpid(w->pid, &status, 0);
    w->pid = -1;
    if (w->unit != IDLE)
        fail_unit(p, k, status);
    /* Carry on with a fresh worker in the same slot. */
    if (p->next < p->nunits && spawn(p, k) == 0)
        feed(p, k);
}

/* Worker k has something to say: a whole result, or its end. */
static void receive(pool *p, int k)
{
    worker *w = &p->w[k];
    uint64_t unit, n;
    int32_t failed;
    if (read_all(w->res, &unit, sizeof unit) || read_all(w->res, &failed, sizeof failed) ||
        read_all(w->res, &n, sizeof n) || unit != w->unit) {
        died(p, k);
        return;
    }
    char *blob = sohoa_xmalloc((size_t)n + 1);
    if (read_all(w->res, blob, (size_t)n)) {
        free(blob);
        died(p, k);
        return;
    }
    blob[n] = '\0';
    w->unit = IDLE;
    feed(p, k); /* next unit first: the worker works while we print */
    p->ndone++;
    p->cb->done(p->cb->arg, (size_t)unit, failed != 0, blob, (size_t)n);
}

/* Wait for any worker and handle what it sent. */
static void step(pool *p)
{
    struct pollfd *fds = sohoa_xcalloc((size_t)p->n, sizeof *fds);
    for (int k = 0; k < p->n; k++) {
        fds[k].fd = p->w[k].res;
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

int ocr_pool_run(int nworkers, size_t nunits, const ocr_pool_cb *cb)
{
    pool p = {sohoa_xcalloc((size_t)nworkers, sizeof *p.w), nworkers, cb, 0, nunits, 0};
    for (int k = 0; k < nworkers; k++)
        p.w[k] = (worker){-1, -1, -1, IDLE};
    void (*old_pipe)(int) = signal(SIGPIPE, SIG_IGN); /* a dead worker's pipe: EPIPE, not death */
    int started = 0;
    for (int k = 0; k < nworkers; k++)
        if (spawn(&p, k) == 0) {
            started++;
            feed(&p, k);
        }
    int rc = 0;
    if (started == 0) {
        rc = -1;
    } else {
        while (busy(&p))
            step(&p);
        /* No worker left and none could be started again. */
        static const char msg[] = "no worker process could be started for this file";
        for (; p.next < nunits; p.next++)
            cb->done(cb->arg, p.next, 1, sohoa_xstrdup(msg), sizeof msg - 1);
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
    return rc;
}
