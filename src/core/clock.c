/* clock.c — monotonic seconds for deadlines and durations
 * (include/sohoa/clock.h). */
#include "sohoa/clock.h"

#include <time.h>

double sohoa_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int sohoa_past(double deadline)
{
    return deadline > 0 && sohoa_now() > deadline;
}
