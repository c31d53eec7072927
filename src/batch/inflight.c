/* inflight.c — the journal of the files an ingest is processing
 * (inflight.h). Owner: batch.
 *
 * Records are appended with one write(2) each, without fsync: they must
 * outlive the process (a crash, a kill), which the page cache does.
 *
 * The crash handler runs on the thread that crashed and may only make
 * async-signal-safe calls: it writes the record from thread-local copies
 * (the journal's descriptor, the file's hash) with write(2), puts back the
 * handler that was there before (the default, or a sanitizer's), and lets
 * the signal have its way: a fault is taken again when the handler
 * returns, a raised signal is raised again. So that a stack overflow is
 * recorded too, each thread that notes a file runs the handler on a stack
 * of its own (sigaltstack), unless it has one already (a sanitizer's). */
#include "inflight.h"
#include "sohoa/buf.h"
#include "sohoa/file.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A journal bigger than this is not read (a run of a million files writes
 * about 150 MB). */
#define JOURNAL_MAX ((size_t)1 << 30)

struct batch_inflight {
    char *path;
    int fd;
    pthread_mutex_t mu;
};

/* ---- crash signals ------------------------------------------------------------ */

static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
#define NCRASH (sizeof crash_signals / sizeof crash_signals[0])
static struct sigaction before[NCRASH]; /* the handlers put back */
static int journals_open;               /* handlers are ours while > 0 */
static pthread_mutex_t handlers_mu = PTHREAD_MUTEX_INITIALIZER;

/* What this thread is on: the journal to note a crash in, the file's hash. */
static _Thread_local int tl_fd = -1;
static _Thread_local char tl_sha[65];

/* The handler's own stack, per thread: room for it and the frame the
 * kernel pushes (a few kilobytes with the wide vector registers). Given
 * back when the thread ends. */
#define ALT_STACK ((size_t)64 << 10)
static _Thread_local int tl_alt_checked;
static pthread_key_t alt_key;
static int alt_key_ok; /* alt_key was made: a stack can be given back */
static pthread_once_t alt_once = PTHREAD_ONCE_INIT;

static void alt_stack_free(void *p)
{
    stack_t off;
    memset(&off, 0, sizeof off);
    off.ss_flags = SS_DISABLE;
    sigaltstack(&off, NULL);
    free(p);
}

static void alt_key_make(void)
{
    alt_key_ok = pthread_key_create(&alt_key, alt_stack_free) == 0;
}

/* An alternate signal stack for this thread if it has none (once per
 * thread; without one, or without memory, a stack overflow goes
 * unrecorded as before). */
static void alt_stack_ensure(void)
{
    if (tl_alt_checked)
        return;
    tl_alt_checked = 1;
    stack_t cur;
    if (sigaltstack(NULL, &cur) != 0 || !(cur.ss_flags & SS_DISABLE))
        return;
    pthread_once(&alt_once, alt_key_make);
    void *p = alt_key_ok ? malloc(ALT_STACK) : NULL;
    if (!p)
        return;
    stack_t ss;
    memset(&ss, 0, sizeof ss);
    ss.ss_sp = p;
    ss.ss_size = ALT_STACK;
    if (sigaltstack(&ss, NULL) != 0 || pthread_setspecific(alt_key, p) != 0)
        alt_stack_free(p);
}

static void on_crash(int sig, siginfo_t *info, void *uctx)
{
    (void)uctx;
    if (tl_fd >= 0 && tl_sha[0]) {
        char line[96], digits[12];
        size_t n = 0;
        int k = 0;
        memcpy(line, "crash\t", 6);
        n = 6;
        memcpy(line + n, tl_sha, 64);
        n += 64;
        line[n++] = '\t';
        for (int s = sig; k == 0 || s > 0; s /= 10)
            digits[k++] = (char)('0' + s % 10);
        while (k)
            line[n++] = digits[--k];
        line[n++] = '\n';
        ssize_t w = write(tl_fd, line, n);
        (void)w;
        tl_sha[0] = '\0';
    }
    for (size_t i = 0; i < NCRASH; i++)
        if (crash_signals[i] == sig)
            sigaction(sig, &before[i], NULL);
    if (info->si_code <= 0) /* sent (abort, kill): again, to the handler before */
        raise(sig);
    /* a fault: returning runs the instruction again, under the handler before */
}

static void catch_crashes(void)
{
    pthread_mutex_lock(&handlers_mu);
    if (journals_open++ == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = on_crash;
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigemptyset(&sa.sa_mask);
        for (size_t i = 0; i < NCRASH; i++)
            sigaction(crash_signals[i], &sa, &before[i]);
    }
    pthread_mutex_unlock(&handlers_mu);
}

static void release_crashes(void)
{
    pthread_mutex_lock(&handlers_mu);
    if (--journals_open == 0)
        for (size_t i = 0; i < NCRASH; i++)
            sigaction(crash_signals[i], &before[i], NULL);
    pthread_mutex_unlock(&handlers_mu);
}

/* ---- records --------------------------------------------------------------- */

static void put_escaped(sohoa_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '\\')
            sohoa_buf_append(b, "\\\\", 2);
        else if (*s == '\t')
            sohoa_buf_append(b, "\\t", 2);
        else if (*s == '\n')
            sohoa_buf_append(b, "\\n", 2);
        else
            sohoa_buf_append(b, s, 1);
    }
}

/* s[0..n) unescaped, or NULL when an escape is broken. */
static char *unescaped(const char *s, size_t n)
{
    char *out = sohoa_xmalloc(n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\') {
            *o++ = s[i];
            continue;
        }
        if (++i == n || (s[i] != '\\' && s[i] != 't' && s[i] != 'n')) {
            free(out);
            return NULL;
        }
        *o++ = s[i] == 't' ? '\t' : s[i] == 'n' ? '\n' : '\\';
    }
    *o = '\0';
    return out;
}

static int is_sha(const char *s, size_t n)
{
    if (n != 64)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

/* One record read back, in file order (seq). */
typedef struct record {
    enum { R_START, R_END, R_CRASH } kind;
    char sha[65];
    char *path;   /* start */
    int signo;    /* crash */
    size_t seq;
} record;

/* Parse line[0..n) into *r: 1, or 0 when it is no record. */
static int parse_line(const char *line, size_t n, size_t seq, record *r)
{
    const char *f[3];
    size_t len[3];
    int nf = 0;
    for (size_t i = 0, at = 0; i <= n && nf < 3; i++)
        if (i == n || (line[i] == '\t' && nf < 2)) {
            f[nf] = line + at;
            len[nf++] = i - at;
            at = i + 1;
        }
    memset(r, 0, sizeof *r);
    r->seq = seq;
    if (nf < 2 || !is_sha(f[1], len[1]) || memchr(line, '\0', n)) /* no path holds a NUL */
        return 0;
    memcpy(r->sha, f[1], 64);
    if (nf == 3 && len[0] == 5 && memcmp(f[0], "start", 5) == 0) {
        r->kind = R_START;
        return len[2] > 0 && (r->path = unescaped(f[2], len[2])) != NULL;
    }
    if (nf == 2 && len[0] == 3 && memcmp(f[0], "end", 3) == 0) {
        r->kind = R_END;
        return 1;
    }
    if (nf == 3 && len[0] == 5 && memcmp(f[0], "crash", 5) == 0 && len[2] >= 1 && len[2] <= 3) {
        r->kind = R_CRASH;
        for (size_t i = 0; i < len[2]; i++) {
            if (f[2][i] < '0' || f[2][i] > '9')
                return 0;
            r->signo = r->signo * 10 + (f[2][i] - '0');
        }
        return r->signo > 0;
    }
    return 0;
}

static int cmp_record(const void *a, const void *b)
{
    const record *x = a, *y = b;
    int c = strcmp(x->sha, y->sha);
    return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* The files of the journal text data[0..len) a run started on and did not
 * come back from, with the crash signal noted for them (0 for none). */
static batch_suspect *suspects_of(const char *data, size_t len, size_t *n)
{
    size_t cap = 64, nr = 0;
    record *r = sohoa_xmalloc(cap * sizeof *r);
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(data + i, '\n', len - i);
        if (!nl) /* torn: the writer died in the middle of it */
            break;
        size_t end = (size_t)(nl - data);
        if (nr == cap)
            r = sohoa_xrealloc(r, (cap *= 2) * sizeof *r);
        if (parse_line(data + i, end - i, nr, &r[nr]))
            nr++;
        i = end + 1;
    }
    qsort(r, nr, sizeof *r, cmp_record);
    batch_suspect *s = sohoa_xcalloc(nr + 1, sizeof *s);
    *n = 0;
    for (size_t i = 0; i < nr;) {
        size_t j = i;
        int open = 0, signo = 0;
        const char *path = NULL;
        for (; j < nr && strcmp(r[j].sha, r[i].sha) == 0; j++) {
            if (r[j].kind == R_START) {
                open = 1;
                signo = 0;
                path = r[j].path;
            } else if (r[j].kind == R_END) {
                open = 0;
            } else if (open) {
                signo = r[j].signo;
            }
        }
        if (open) {
            s[*n] = (batch_suspect){sohoa_xstrdup(r[i].sha), sohoa_xstrdup(path), signo};
            (*n)++;
        }
        i = j;
    }
    for (size_t i = 0; i < nr; i++)
        free(r[i].path);
    free(r);
    return s;
}

void batch_suspects_free(batch_suspect *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(s[i].sha);
        free(s[i].path);
    }
    free(s);
}

static char *journal_path(const char *db_path)
{
    sohoa_buf p = SOHOA_BUF_INIT;
    sohoa_buf_printf(&p, "%s.inflight", db_path);
    return sohoa_buf_steal(&p);
}

int batch_inflight_read(const char *db_path, batch_suspect **suspects, size_t *n,
                        sohoa_err *err)
{
    *suspects = NULL;
    *n = 0;
    char *path = journal_path(db_path), *data = NULL;
    size_t len = 0;
    sohoa_err e = {0};
    int rc = SOHOA_OK;
    if (access(path, F_OK) == 0 && sohoa_read_file(path, JOURNAL_MAX, &data, &len, &e) != SOHOA_OK)
        rc = sohoa_err_set(err, SOHOA_EIO, "%s", e.msg);
    else
        *suspects = data ? suspects_of(data, len, n) : sohoa_xcalloc(1, sizeof **suspects);
    free(data);
    free(path);
    return rc;
}

/* ---- the journal of this run ------------------------------------------------------ */

int batch_inflight_open(const char *db_path, batch_inflight **out, sohoa_err *err)
{
    *out = NULL;
    char *path = journal_path(db_path);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
        int rc = sohoa_err_set(err, SOHOA_EIO, "%s: %s", path, strerror(errno));
        free(path);
        return rc;
    }
    batch_inflight *j = sohoa_xcalloc(1, sizeof *j);
    j->path = path;
    j->fd = fd;
    pthread_mutex_init(&j->mu, NULL);
    catch_crashes();
    *out = j;
    return SOHOA_OK;
}

static void append(batch_inflight *j, const sohoa_buf *b)
{
    pthread_mutex_lock(&j->mu);
    size_t off = 0;
    while (off < b->len) {
        ssize_t w = write(j->fd, b->data + off, b->len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break; /* a full disk: the record is lost, the run goes on */
        off += (size_t)w;
    }
    pthread_mutex_unlock(&j->mu);
}

void batch_inflight_start(batch_inflight *j, const char *sha, const char *path)
{
    if (!j)
        return;
    sohoa_buf b = SOHOA_BUF_INIT;
    sohoa_buf_printf(&b, "start\t%s\t", sha);
    put_escaped(&b, path);
    sohoa_buf_append(&b, "\n", 1);
    append(j, &b);
    sohoa_buf_free(&b);
    alt_stack_ensure();
    tl_fd = j->fd;
    snprintf(tl_sha, sizeof tl_sha, "%s", sha);
}

void batch_inflight_end(batch_inflight *j, const char *sha)
{
    if (!j)
        return;
    tl_sha[0] = '\0';
    sohoa_buf b = SOHOA_BUF_INIT;
    sohoa_buf_printf(&b, "end\t%s\n", sha);
    append(j, &b);
    sohoa_buf_free(&b);
}

void batch_inflight_close(batch_inflight *j)
{
    if (!j)
        return;
    release_crashes();
    close(j->fd);
    unlink(j->path);
    pthread_mutex_destroy(&j->mu);
    free(j->path);
    free(j);
}
