/* merge.c — merging shard databases into one, atomically
 * (include/sohoa/batch.h).
 *
 * The result is built in OUT.tmp: first what OUT already holds, then every
 * shard (the store keeps, per content hash, the row of the newer pipeline
 * version, so merging is idempotent), then the FTS index is rebuilt once.
 * Only a complete OUT.tmp is renamed over OUT, so OUT is always either the
 * old database or the new one. SQLite's WAL has no link to its database
 * file: a stale OUT-wal beside a renamed OUT would be replayed into it, so
 * OUT's WAL is checkpointed away first and a live one (another process has
 * OUT open) makes the merge refuse. */
#include "internal.h"
#include "sohoa/buf.h"
#include "sohoa/clock.h"
#include "sohoa/store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* 1 if path-SUFFIX exists and is not empty. */
static int side_file(const char *path, const char *suffix)
{
    sohoa_buf b = SOHOA_BUF_INIT;
    sohoa_buf_printf(&b, "%s%s", path, suffix);
    struct stat st;
    int r = stat(b.data, &st) == 0 && st.st_size > 0;
    sohoa_buf_free(&b);
    return r;
}

static void remove_with_sides(const char *path)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    sohoa_buf b = SOHOA_BUF_INIT;
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        sohoa_buf_clear(&b);
        sohoa_buf_printf(&b, "%s%s", path, suffix[i]);
        unlink(b.data);
    }
    sohoa_buf_free(&b);
}

/* Fold OUT's write-ahead log into OUT (closing the last connection
 * checkpoints it), and refuse if a WAL remains. */
static int settle_wal(const char *out, sohoa_err *err)
{
    if (!exists(out))
        return SOHOA_OK;
    if (side_file(out, "-wal")) {
        sohoa_store *s = NULL;
        int rc = sohoa_store_open(out, 0, &s, err);
        if (rc != SOHOA_OK)
            return rc;
        sohoa_store_close(s);
    }
    if (side_file(out, "-wal"))
        return sohoa_err_set(err, SOHOA_EBUSY,
                             "%s: another process has the database open (its -wal file is not "
                             "empty); close it and merge again",
                             out);
    return SOHOA_OK;
}

static int fsync_path(const char *path, int dir)
{
    int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int r = fsync(fd);
    close(fd);
    return r;
}

static void dir_of(const char *path, sohoa_buf *b)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        sohoa_buf_puts(b, ".");
    else if (slash == path)
        sohoa_buf_puts(b, "/");
    else
        sohoa_buf_append(b, path, (size_t)(slash - path));
}

/* Build tmp from out (if present) and the shards; rebuild the FTS index. */
static int build(const char *tmp, const char *out, const char *const *shards, size_t n,
                 sohoa_merge_summary *sum, sohoa_err *err)
{
    sohoa_store *s = NULL;
    int rc = sohoa_store_open(tmp, SOHOA_STORE_CREATE, &s, err);
    if (rc != SOHOA_OK)
        return rc;
    size_t added = 0, replaced = 0;
    if (exists(out))
        rc = sohoa_store_merge_from(s, out, &added, &replaced, err);
    for (size_t i = 0; i < n && rc == SOHOA_OK; i++) {
        added = replaced = 0;
        rc = sohoa_store_merge_from(s, shards[i], &added, &replaced, err);
        sum->added += added;
        sum->replaced += replaced;
        sum->shards++;
    }
    if (rc == SOHOA_OK)
        rc = sohoa_store_rebuild_fts(s, err);
    sohoa_store_close(s);
    if (rc == SOHOA_OK && side_file(tmp, "-wal"))
        rc = sohoa_err_set(err, SOHOA_EIO, "%s: the write-ahead log was not folded back on close", tmp);
    return rc;
}

static int merge_locked(const char *out, const char *tmp, const char *const *shards, size_t n,
                        sohoa_merge_summary *sum, sohoa_err *err)
{
    for (size_t i = 0; i < n; i++)
        if (!exists(shards[i]))
            return sohoa_err_set(err, SOHOA_EIO, "%s: no such shard database", shards[i]);
    remove_with_sides(tmp); /* left over by a merge that was killed */
    int rc = settle_wal(out, err);
    if (rc == SOHOA_OK)
        rc = build(tmp, out, shards, n, sum, err);
    if (rc == SOHOA_OK)
        rc = settle_wal(out, err); /* someone may have opened it meanwhile */
    if (rc == SOHOA_OK && fsync_path(tmp, 0) != 0)
        rc = sohoa_err_set(err, SOHOA_EIO, "%s: fsync: %s", tmp, strerror(errno));
    if (rc == SOHOA_OK && rename(tmp, out) != 0)
        rc = sohoa_err_set(err, SOHOA_EIO, "%s: cannot rename into place: %s", out, strerror(errno));
    if (rc != SOHOA_OK) {
        remove_with_sides(tmp);
        return rc;
    }
    sohoa_buf b = SOHOA_BUF_INIT;
    sohoa_buf_printf(&b, "%s-shm", out); /* stale index of a WAL that is gone */
    unlink(b.data);
    sohoa_buf_clear(&b);
    dir_of(out, &b);
    fsync_path(b.data, 1);
    sohoa_buf_free(&b);
    return SOHOA_OK;
}

int sohoa_batch_merge(const char *out_path, const char *const *shards, size_t n, int wait_lock,
                      sohoa_merge_summary *sum, sohoa_err *err)
{
    memset(sum, 0, sizeof *sum);
    double t0 = sohoa_now();
    int lock = -1;
    int rc = sohoa_db_lock(out_path, wait_lock, &lock, err);
    if (rc != SOHOA_OK)
        return rc;
    sohoa_buf tmp = SOHOA_BUF_INIT;
    sohoa_buf_printf(&tmp, "%s.tmp", out_path);
    rc = merge_locked(out_path, tmp.data, shards, n, sum, err);
    sohoa_buf_free(&tmp);
    sohoa_db_unlock(lock);
    sum->seconds = sohoa_now() - t0;
    return rc;
}
