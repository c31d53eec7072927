/* file.h — reading whole files with a size limit, whole reads and writes
 * on a descriptor (pipes), and content hashes (SHA-256 through OpenSSL's
 * libcrypto).
 * Ownership: *data is malloc'd, NUL-terminated, owned by the caller. */
#ifndef SOHOA_FILE_H
#define SOHOA_FILE_H

#include <stddef.h>
#include "sohoa/error.h"

/* Read the file at path ("-" = stdin) into *data. Files larger than max
 * bytes (0 = no limit) give SOHOA_ELIMIT. Errors name the path. */
int sohoa_read_file(const char *path, size_t max, char **data, size_t *len,
                    sohoa_err *err);

/* SOHOA_OK if path names a regular file (following symlinks); otherwise
 * SOHOA_EINVAL ("is a directory", "is a named pipe", ...) or SOHOA_EIO (no
 * such file, symlink loop) with the path in the message. Reading a FIFO or a
 * device could block forever, so callers check before they read. */
int sohoa_check_regular(const char *path, sohoa_err *err);

/* Write all n bytes of p to fd, going on after short writes and EINTR:
 * 0, or -1 (errno says why). */
int sohoa_write_all(int fd, const void *p, size_t n);

/* Read exactly n bytes from fd into p, going on after short reads and
 * EINTR: 0, or -1 at end of file or on an error. */
int sohoa_read_all(int fd, void *p, size_t n);

/* SHA-256 of a buffer / of a file, as 64 lower-case hex digits + NUL. */
void sohoa_sha256_hex(const void *p, size_t n, char out[65]);
int sohoa_sha256_file(const char *path, char out[65], sohoa_err *err);

#endif
