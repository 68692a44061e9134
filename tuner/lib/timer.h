/* timer.h - monotonic time in nanoseconds for the benchmarks and the tuner. */
#ifndef Q4K_TIMER_H
#define Q4K_TIMER_H

#include <stdint.h>

/* Monotonic, not subject to NTP slewing where the OS offers that. */
uint64_t q4k_now_ns(void);
/* The clock's resolution in ns as the OS reports it (>= 1). */
uint64_t q4k_timer_resolution_ns(void);

#endif
