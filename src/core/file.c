/* file.c — whole-file reads with a size limit, and SHA-256 (libcrypto). */
#include "sohoa/file.h"
#include "sohoa/buf.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int sohoa_read_file(const char *path, size_t max, char **data, size_t *len, sohoa_err *err)
{
    int is_stdin = strcmp(path, "-") == 0;
    /* Opening a FIFO blocks until a writer comes: look before opening. */
    if (!is_stdin) {
        int rc = sohoa_check_regular(path, err);
        if (rc != SOHOA_OK)
            return rc;
    }
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return sohoa_err_set(err, SOHOA_EIO, "%s: %s", path, strerror(errno));
    sohoa_buf b = SOHOA_BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (max && b.len + n > max) {
            if (!is_stdin)
                fclose(f);
            sohoa_buf_free(&b);
            return sohoa_err_set(err, SOHOA_ELIMIT, "%s: larger than the limit of %zu bytes",
                                 path, max);
        }
        sohoa_buf_append(&b, chunk, n);
    }
    int bad = ferror(f);
    int e = errno;
    if (!is_stdin)
        fclose(f);
    if (bad) {
        sohoa_buf_free(&b);
        return sohoa_err_set(err, SOHOA_EIO, "%s: read error: %s", path, strerror(e));
    }
    *len = b.len;
    *data = sohoa_buf_steal(&b);
    return SOHOA_OK;
}

int sohoa_check_regular(const char *path, sohoa_err *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return sohoa_err_set(err, SOHOA_EIO, "%s: %s", path, strerror(errno));
    if (S_ISREG(st.st_mode))
        return SOHOA_OK;
    const char *what = S_ISDIR(st.st_mode)    ? "is a directory"
                       : S_ISFIFO(st.st_mode) ? "is a named pipe (FIFO), not a regular file"
                       : S_ISSOCK(st.st_mode) ? "is a socket, not a regular file"
                       : (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
                           ? "is a device, not a regular file"
                           : "is not a regular file";
    return sohoa_err_set(err, SOHOA_EINVAL, "%s: %s", path, what);
}

static void hex(const unsigned char *md, char out[65])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        out[2 * i] = digits[md[i] >> 4];
        out[2 * i + 1] = digits[md[i] & 15];
    }
    out[64] = '\0';
}

void sohoa_sha256_hex(const void *p, size_t n, char out[65])
{
    unsigned char md[32];
    unsigned int mdlen = 0;
    EVP_Digest(p, n, md, &mdlen, EVP_sha256(), NULL);
    hex(md, out);
}

int sohoa_sha256_file(const char *path, char out[65], sohoa_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return sohoa_err_set(err, SOHOA_EIO, "%s: %s", path, strerror(errno));
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        EVP_DigestUpdate(ctx, chunk, n);
    int bad = ferror(f);
    fclose(f);
    unsigned char md[32];
    unsigned int mdlen = 0;
    EVP_DigestFinal_ex(ctx, md, &mdlen);
    EVP_MD_CTX_free(ctx);
    if (bad)
        return sohoa_err_set(err, SOHOA_EIO, "%s: read error", path);
    hex(md, out);
    return SOHOA_OK;
}

int sohoa_write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t k = write(fd, c, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        c += k;
        n -= (size_t)k;
    }
    return 0;
}

int sohoa_read_all(int fd, void *p, size_t n)
{
    char *c = p;
    while (n) {
        ssize_t k = read(fd, c, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        c += k;
        n -= (size_t)k;
    }
    return 0;
}
