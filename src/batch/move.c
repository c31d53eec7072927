/* move.c — inbox mode: moving processed files out of the inbox with an
 * atomic rename (never a copy, so a file is never half in two places). */
#include "internal.h"
#include "sohoa/buf.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int batch_move_into(const char *path, const char *dir, char **dest, sohoa_err *err)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    sohoa_buf to = SOHOA_BUF_INIT;
    int rc = SOHOA_OK;
    for (int i = 0; i < 10000; i++) {
        sohoa_buf_clear(&to);
        sohoa_buf_printf(&to, "%s/%s", dir, base);
        if (i)
            sohoa_buf_printf(&to, ".%d", i);
        struct stat st;
        if (lstat(to.data, &st) != 0)
            break;
    }
    if (rename(path, to.data) != 0) {
        rc = sohoa_err_set(err, SOHOA_EIO, "%s: cannot move to %s: %s%s", path, to.data,
                           strerror(errno),
                           errno == EXDEV ? " (the inbox and the folder must be on one file system)"
                                          : "");
    } else if (dest) {
        *dest = sohoa_buf_steal(&to);
    }
    sohoa_buf_free(&to);
    return rc;
}
