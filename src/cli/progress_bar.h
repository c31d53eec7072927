/* progress_bar.h — the pieces of the progress bars the CLI draws on a
 * terminal (`sohoa ingest`, `sohoa restore`): the bar's cells and the time
 * left. Private to src/cli. */
#ifndef SOHOA_CLI_PROGRESS_BAR_H
#define SOHOA_CLI_PROGRESS_BAR_H

#include <stddef.h>

#define BAR_WIDTH 24 /* cells */

/* BAR_WIDTH cells, '#' for the share done of total and '.' for the rest
 * (all '#' when total is 0), NUL-terminated: out holds BAR_WIDTH + 1. */
void bar_cells(char *out, double done, double total);

/* The time left at the pace so far ("3m05s", "1h02m"), after elapsed
 * seconds with done of total finished; "--" before the first and after
 * the last. */
void bar_eta(char *out, size_t n, double elapsed, double done, double total);

#endif
