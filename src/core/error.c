/* error.c — filling sohoa_err values (see include/sohoa/error.h). */
#include "sohoa/error.h"

#include <stdio.h>
#include <string.h>

int sohoa_err_set(sohoa_err *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        err->code = code;
    }
    return code;
}

int sohoa_err_prefix(sohoa_err *err, const char *prefix)
{
    if (!err)
        return SOHOA_EINTERNAL;
    char tmp[sizeof err->msg];
    int n = snprintf(tmp, sizeof tmp, "%s: ", prefix);
    if (n > 0 && (size_t)n < sizeof tmp)
        snprintf(tmp + n, sizeof tmp - (size_t)n, "%.*s", (int)(sizeof tmp - (size_t)n - 1), err->msg);
    memcpy(err->msg, tmp, sizeof tmp);
    return err->code;
}

void sohoa_err_clear(sohoa_err *err)
{
    if (err) {
        err->code = SOHOA_OK;
        err->msg[0] = '\0';
    }
}

const char *sohoa_strstatus(int code)
{
    switch (code) {
    case SOHOA_OK: return "ok";
    case SOHOA_EIO: return "i/o error";
    case SOHOA_EINVAL: return "invalid input";
    case SOHOA_ENOMEM: return "out of memory";
    case SOHOA_EFORMAT: return "damaged data file";
    case SOHOA_ELIMIT: return "limit exceeded";
    case SOHOA_EUNSUPPORTED: return "unsupported";
    case SOHOA_EBUSY: return "busy";
    default: return "internal error";
    }
}
