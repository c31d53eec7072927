/* model_file.c — what the restorer's binary model files (sohoa.lm,
 * sohoa.skc, sohoa.win) share: on loading, the file is opened, checked to
 * be a regular file at least as long as its header, and mapped read-only
 * (each format then checks its own header, sections and checksum:
 * rs_checksum, lm_internal.h); on writing, the bytes go to PATH.tmp, which
 * is renamed over PATH only once whole, so a failed write never leaves a
 * truncated model where the restorer looks. */
#include "lm_internal.h"
#include "sohoa/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int rs_model_invalid(sohoa_err *err, const char *path, const char *what, const char *why)
{
    return sohoa_err_set(err, SOHOA_EFORMAT, "%s: not a valid sohoa %s (%s)", path, what, why);
}

int rs_map_model(const char *path, const char *what, size_t header_size, void **map,
                 size_t *size, sohoa_err *err)
{
    *map = NULL;
    *size = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return sohoa_err_set(err, SOHOA_EIO, "%s: cannot open the %s: %s", path, what,
                             strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return sohoa_err_set(err, SOHOA_EIO, "%s: not a regular file", path);
    }
    size_t n = (size_t)st.st_size;
    if (n < header_size) {
        close(fd);
        return rs_model_invalid(err, path, what, "truncated: shorter than its header");
    }
    /* every page is read for the checksum anyway: mapped in one call, not
     * one fault at a time */
    void *m = mmap(NULL, n, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED)
        return sohoa_err_set(err, SOHOA_EIO, "%s: cannot map: %s", path, strerror(errno));
    *map = m;
    *size = n;
    return SOHOA_OK;
}

int rs_write_model(const char *path, const char *what, const void *data, size_t n,
                   sohoa_err *err)
{
    sohoa_buf tmp = SOHOA_BUF_INIT;
    sohoa_buf_printf(&tmp, "%s.tmp", path);
    FILE *f = fopen(tmp.data, "wb");
    int bad = !f;
    if (f) {
        bad |= fwrite(data, 1, n, f) != n;
        bad |= fclose(f) != 0;
    }
    if (bad || rename(tmp.data, path) != 0) {
        int e = errno;
        remove(tmp.data);
        sohoa_buf_free(&tmp);
        return sohoa_err_set(err, SOHOA_EIO, "%s: cannot write the %s: %s", path, what,
                             strerror(e));
    }
    sohoa_buf_free(&tmp);
    return SOHOA_OK;
}
