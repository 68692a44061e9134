/* timer.c - monotonic clock. Linux: CLOCK_MONOTONIC_RAW (no NTP slewing);
 * macOS: CLOCK_UPTIME_RAW, which is mach_absolute_time scaled to ns (Apple
 * silicon's counter ticks at 24 MHz: ~42 ns a tick, so samples must span
 * many ticks - the measurement engine scales its iterations for that). */
#include <time.h>

#include "timer.h"

#if defined(__APPLE__)
#define Q4K_CLOCK CLOCK_UPTIME_RAW
#elif defined(CLOCK_MONOTONIC_RAW)
#define Q4K_CLOCK CLOCK_MONOTONIC_RAW
#else
#define Q4K_CLOCK CLOCK_MONOTONIC
#endif

uint64_t q4k_now_ns(void)
{
    struct timespec ts;
    clock_gettime(Q4K_CLOCK, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t q4k_timer_resolution_ns(void)
{
    struct timespec ts;
    if (clock_getres(Q4K_CLOCK, &ts) != 0)
        return 1;
    uint64_t ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    return ns ? ns : 1;
}
