/* lock.c — one writer per database across processes: an flock(2) on
 * "DB.lock" beside the database (include/sohoa/batch.h).
 *
 * The lock file is never removed (removing it would let a third process lock
 * a fresh inode while a second still holds the old one). flock locks vanish
 * with the process, so a killed ingest never leaves a stale lock. */
#include "sohoa/batch.h"
#include "sohoa/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

int sohoa_db_lock(const char *db_path, int wait, int *fd, sohoa_err *err)
{
    sohoa_buf p = SOHOA_BUF_INIT;
    sohoa_buf_printf(&p, "%s.lock", db_path);
    int f = open(p.data, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (f < 0) {
        int rc = sohoa_err_set(err, SOHOA_EIO, "%s: cannot create the lock file: %s", p.data,
                               strerror(errno));
        sohoa_buf_free(&p);
        return rc;
    }
    int r;
    while ((r = flock(f, wait ? LOCK_EX : LOCK_EX | LOCK_NB)) != 0 && errno == EINTR)
        ;
    if (r != 0) {
        int e = errno;
        close(f);
        int rc = e == EWOULDBLOCK
                     ? sohoa_err_set(err, SOHOA_EBUSY,
                                     "%s: another sohoa ingest or merge is writing this database "
                                     "(lock %s held); try again later or use --wait",
                                     db_path, p.data)
                     : sohoa_err_set(err, SOHOA_EIO, "%s: cannot lock: %s", p.data, strerror(e));
        sohoa_buf_free(&p);
        return rc;
    }
    sohoa_buf_free(&p);
    *fd = f;
    return SOHOA_OK;
}

void sohoa_db_unlock(int fd)
{
    if (fd >= 0) {
        flock(fd, LOCK_UN);
        close(fd);
    }
}
