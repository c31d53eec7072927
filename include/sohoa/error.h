/* error.h — status codes and the error value every sohoa call fills.
 *
 * Library code never prints and never exits: a function that can fail returns
 * an int status (SOHOA_OK on success) and, when given a non-NULL sohoa_err,
 * writes one sentence a user can act on ("corpus/a.txt: invalid UTF-8 at byte
 * 1234"). The CLI prints that sentence on one line and picks the exit status.
 * Ownership: sohoa_err is a plain value owned by the caller; nothing to free. */
#ifndef SOHOA_ERROR_H
#define SOHOA_ERROR_H

#include <stdarg.h>

enum sohoa_status {
    SOHOA_OK = 0,
    SOHOA_EIO,          /* a file could not be read or written */
    SOHOA_EINVAL,       /* the input is malformed (bad UTF-8, corrupt image...) */
    SOHOA_ENOMEM,       /* out of memory */
    SOHOA_EFORMAT,      /* a data file (model, rules, database) is damaged */
    SOHOA_ELIMIT,       /* a configured resource limit was exceeded */
    SOHOA_EUNSUPPORTED, /* a feature or format we do not handle */
    SOHOA_EBUSY,        /* a lock is held by another process */
    SOHOA_EINTERNAL     /* a bug: an invariant did not hold */
};

typedef struct sohoa_err {
    int code;
    char msg[1024];
} sohoa_err;

/* Set err (if non-NULL) to code and a printf-formatted message; returns code,
 * so that callers can write `return sohoa_err_set(err, SOHOA_EIO, ...)`. */
int sohoa_err_set(sohoa_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prefix an existing message with "prefix: " (e.g. a file name). Returns code. */
int sohoa_err_prefix(sohoa_err *err, const char *prefix);

void sohoa_err_clear(sohoa_err *err);

/* A short name for a status code ("io", "invalid input", ...). Static storage. */
const char *sohoa_strstatus(int code);

#endif
