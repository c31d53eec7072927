/* write_atomic.c — writing a file whole or not at all, for the JSON summary
 * nightly jobs read (--json-summary): the text goes to a temporary file
 * beside the target, is synced, then renamed over it, so that a reader never
 * sees half a file. */
#include "sohoa/batch.h"
#include "sohoa/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int sohoa_write_file_atomic(const char *path, const char *text, sohoa_err *err)
{
    sohoa_buf tmp = SOHOA_BUF_INIT;
    sohoa_buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());
    int rc = SOHOA_OK;
    int fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        rc = sohoa_err_set(err, SOHOA_EIO, "%s: %s", tmp.data, strerror(errno));
        goto out;
    }
    size_t len = strlen(text), off = 0;
    while (off < len) {
        ssize_t w = write(fd, text + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            rc = sohoa_err_set(err, SOHOA_EIO, "%s: write error: %s", tmp.data, strerror(errno));
            break;
        }
        off += (size_t)w;
    }
    if (rc == SOHOA_OK && (write(fd, "\n", 1) != 1 || fsync(fd) != 0))
        rc = sohoa_err_set(err, SOHOA_EIO, "%s: write error: %s", tmp.data, strerror(errno));
    close(fd);
    if (rc == SOHOA_OK && rename(tmp.data, path) != 0)
        rc = sohoa_err_set(err, SOHOA_EIO, "%s: cannot rename into place: %s", path, strerror(errno));
    if (rc != SOHOA_OK)
        unlink(tmp.data);
out:
    sohoa_buf_free(&tmp);
    return rc;
}
