/* datadir.c — finding rules/, models/ and dictionaries/ at run time:
 * $SOHOA_DATA, else the tree the binary sits in (build/sohoa → ./), else the
 * installed PREFIX/share/sohoa. */
#include "cli.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef SOHOA_DATADIR
#define SOHOA_DATADIR "/usr/local/share/sohoa"
#endif

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

int cli_exe_dir(char *buf, size_t n)
{
    ssize_t len = readlink("/proc/self/exe", buf, n - 1);
    if (len <= 0)
        return 0;
    buf[len] = '\0';
    char *slash = strrchr(buf, '/');
    if (!slash)
        return 0;
    *slash = '\0';
    return 1;
}

const char *cli_data_dir(void)
{
    static char dir[PATH_MAX];
    if (dir[0])
        return dir;
    const char *env = getenv("SOHOA_DATA");
    if (env && *env) {
        snprintf(dir, sizeof dir, "%s", env);
        return dir;
    }
    char exe[PATH_MAX];
    if (cli_exe_dir(exe, sizeof exe)) { /* e.g. <tree>/build */
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0'; /* <tree> */
            char probe[PATH_MAX + 16];
            snprintf(probe, sizeof probe, "%s/rules", exe);
            if (is_dir(probe) && strlen(exe) < sizeof dir) {
                memcpy(dir, exe, strlen(exe) + 1);
                return dir;
            }
        }
    }
    snprintf(dir, sizeof dir, "%s", SOHOA_DATADIR);
    return dir;
}

char *cli_data_path(const char *sub, char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s", cli_data_dir(), sub);
    return buf;
}
