/* clock.h — the one clock every deadline and duration is measured on:
 * monotonic seconds (CLOCK_MONOTONIC), unaffected by changes of the wall
 * clock. A deadline is sohoa_now() + seconds. */
#ifndef SOHOA_CLOCK_H
#define SOHOA_CLOCK_H

/* Seconds since an arbitrary fixed point; only differences mean anything. */
double sohoa_now(void);

/* 1 if deadline (a sohoa_now() value; 0 = none) has passed, else 0. */
int sohoa_past(double deadline);

#endif
