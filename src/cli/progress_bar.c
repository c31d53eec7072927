/* progress_bar.c — a progress bar's cells and time left (progress_bar.h).
 * Owner: cli. */
#include "progress_bar.h"

#include <stdio.h>

void bar_cells(char *out, double done, double total)
{
    int filled = total > 0 ? (int)(BAR_WIDTH * done / total) : BAR_WIDTH;
    for (int i = 0; i < BAR_WIDTH; i++)
        out[i] = i < filled ? '#' : '.';
    out[BAR_WIDTH] = '\0';
}

void bar_eta(char *out, size_t n, double elapsed, double done, double total)
{
    if (!(done > 0 && done < total)) {
        snprintf(out, n, "--");
        return;
    }
    long t = (long)(elapsed / done * (total - done) + 0.5);
    if (t >= 3600)
        snprintf(out, n, "%ldh%02ldm", t / 3600, t / 60 % 60);
    else
        snprintf(out, n, "%ldm%02lds", t / 60, t % 60);
}
