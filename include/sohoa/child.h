/* child.h — one piece of work run in a forked child process under a
 * deadline, for work that cannot be interrupted part way (restoring a long
 * text): past the deadline the child is killed and the caller goes on.
 * Used by `sohoa restore --time-limit` and by the pipeline's restore stage
 * (process, ingest).
 *
 * The child runs fn on a copy of the caller's memory and sends back fn's
 * status, its sohoa_err and the bytes it appended to its output buffer,
 * length-prefixed through a pipe: the parent knows when it has everything
 * without waiting for end of file (another thread's child may hold a copy
 * of the pipe). Nothing else fn changes reaches the parent. The child never
 * flushes stdio buffers and leaves with _exit.
 *
 * Threads: the child has only the forking thread. fn must not take a lock
 * another thread may hold at the fork (stdio streams, a database);
 * malloc, read-only shared data and the caller's own objects are fine. If
 * fn still blocks, the deadline ends it.
 *
 * Ownership: out is the caller's buffer; nothing else is allocated. */
#ifndef SOHOA_CHILD_H
#define SOHOA_CHILD_H

#include "sohoa/buf.h"
#include "sohoa/error.h"

/* The work: append the result to out, return a status (filling err on
 * failure). Runs in the child. */
typedef int (*sohoa_child_fn)(void *ctx, sohoa_buf *out, sohoa_err *err);

/* Run fn(ctx, ...) in a child process and wait at most `seconds` (> 0; 0 or
 * less: no deadline) for its result. Returns:
 *   fn's status, with err and out as fn left them in the child (out is
 *     appended to);
 *   SOHOA_ELIMIT  the deadline came first: the child was killed, err says
 *                 "gave up after S seconds";
 *   SOHOA_EINTERNAL the child died without a result (a signal, a crash),
 *                 or no pipe or process could be made: err says which.
 * Messages do not name a file; callers prefix them (sohoa_err_prefix). */
int sohoa_child_run(double seconds, sohoa_child_fn fn, void *ctx, sohoa_buf *out,
                    sohoa_err *err);

#endif
