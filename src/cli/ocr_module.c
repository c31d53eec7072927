/* ocr_module.c — the OCR stage (include/sohoa/ocr.h) for the sohoa
 * executable, loaded on first use.
 *
 * Tesseract, Leptonica, poppler and cairo bring about a hundred shared
 * libraries, and loading and relocating them cost every start of the
 * program about 60 ms of CPU (a two-core virtual machine; 84 ms for a
 * program that only links them, 22 ms without them). Most commands
 * (restore, segment, search, show) never OCR. So src/ocr/ is built as a
 * module, sohoa_ocr.so, and the sohoa_ocr_* functions of the executable
 * are the ones here: the first that needs the engine opens the module
 * (dlopen) and each passes its call on to the module's function of the
 * same name. The module finds the rest of sohoa (text, core) in the
 * executable, which exports its symbols (-rdynamic).
 *
 * Where the module is: $SOHOA_OCR_MODULE, else sohoa_ocr.so beside the
 * executable (the build tree), else SOHOA_LIBDIR (the installed
 * PREFIX/lib/sohoa). One missing or broken gives every OCR call an error
 * naming the path and the reason; nothing else is affected.
 *
 * The options and the step names (src/ocr/ocr_opts.c) need no library and
 * are linked in directly. Unit tests link src/ocr/ itself, not this file.
 * Owner: issue #13. */
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "sohoa/ocr.h"

#ifndef SOHOA_LIBDIR
#define SOHOA_LIBDIR "/usr/local/lib/sohoa"
#endif
#define MODULE_NAME "sohoa_ocr.so"

/* The module's functions the executable calls (cmd_ocr.c, batch/); the
 * rest of ocr.h is used only inside the module. */
#define OCR_MODULE_FUNCTIONS(X)                                                                  \
    X(new, int, (const sohoa_ocr_opts *, sohoa_ocr **, sohoa_err *))                             \
    X(free, void, (sohoa_ocr *))                                                                 \
    X(file, int, (sohoa_ocr *, const char *, sohoa_doc *, sohoa_err *))                          \
    X(file_pages, int, (sohoa_ocr *, const char *, int, int, sohoa_doc *, sohoa_err *))          \
    X(count_pages, int, (const char *, const sohoa_ocr_opts *, int *, sohoa_err *))              \
    X(to_json, char *, (const sohoa_ocr *, const sohoa_doc *))                                   \
    X(to_hocr, char *, (const sohoa_ocr *, const sohoa_doc *))

static struct {
#define FIELD(name, ret, args) ret(*name) args;
    OCR_MODULE_FUNCTIONS(FIELD)
#undef FIELD
} fn;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded;
static char why[1024 + PATH_MAX]; /* when not loaded: the path and the reason */

/* The module's path into buf: see the comment at the top. */
static const char *module_path(char *buf, size_t n)
{
    const char *env = getenv("SOHOA_OCR_MODULE");
    if (env && *env)
        return env;
    char exe[PATH_MAX];
    if (cli_exe_dir(exe, sizeof exe)) {
        snprintf(buf, n, "%s/%s", exe, MODULE_NAME);
        if (access(buf, F_OK) == 0)
            return buf;
    }
    snprintf(buf, n, "%s/%s", SOHOA_LIBDIR, MODULE_NAME);
    return buf;
}

static void load(void)
{
    char buf[PATH_MAX + 32];
    const char *path = module_path(buf, sizeof buf);
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        /* dlerror names the path */
        snprintf(why, sizeof why, "cannot load the OCR module: %s", e ? e : path);
        return;
    }
    /* A module that lacks a function is not loaded at all. */
#define RESOLVE(name, ret, args)                                                                 \
    *(void **)&fn.name = dlsym(h, "sohoa_ocr_" #name);                                           \
    if (!fn.name) {                                                                              \
        snprintf(why, sizeof why, "the OCR module %s lacks sohoa_ocr_%s", path, #name);         \
        memset(&fn, 0, sizeof fn);                                                               \
        dlclose(h);                                                                              \
        return;                                                                                  \
    }
    OCR_MODULE_FUNCTIONS(RESOLVE)
#undef RESOLVE
    loaded = 1; /* never closed: engines and their threads live until exit */
}

/* 1 once the module is loaded, else 0 with err (if given) saying why. */
static int module(sohoa_err *err)
{
    pthread_once(&once, load);
    if (!loaded && err)
        sohoa_err_set(err, SOHOA_EUNSUPPORTED, "%s", why);
    return loaded;
}

/* The error of a call about the file at path without the module. */
static int unloaded(sohoa_err *err, const char *path)
{
    return err ? sohoa_err_prefix(err, path) : SOHOA_EUNSUPPORTED;
}

int sohoa_ocr_new(const sohoa_ocr_opts *o, sohoa_ocr **out, sohoa_err *err)
{
    *out = NULL;
    return module(err) ? fn.new(o, out, err) : SOHOA_EUNSUPPORTED;
}

int sohoa_ocr_count_pages(const char *path, const sohoa_ocr_opts *o, int *npages,
                          sohoa_err *err)
{
    return module(err) ? fn.count_pages(path, o, npages, err) : unloaded(err, path);
}

int sohoa_ocr_file(sohoa_ocr *e, const char *path, sohoa_doc *d, sohoa_err *err)
{
    return module(err) ? fn.file(e, path, d, err) : unloaded(err, path);
}

int sohoa_ocr_file_pages(sohoa_ocr *e, const char *path, int first, int count,
                         sohoa_doc *d, sohoa_err *err)
{
    return module(err) ? fn.file_pages(e, path, first, count, d, err) : unloaded(err, path);
}

/* The rest take an engine, which only a loaded module makes. */
void sohoa_ocr_free(sohoa_ocr *e)
{
    if (e && loaded)
        fn.free(e);
}

char *sohoa_ocr_to_json(const sohoa_ocr *e, const sohoa_doc *d)
{
    return e && loaded ? fn.to_json(e, d) : NULL;
}

char *sohoa_ocr_to_hocr(const sohoa_ocr *e, const sohoa_doc *d)
{
    return e && loaded ? fn.to_hocr(e, d) : NULL;
}
