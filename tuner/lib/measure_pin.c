/* measure_pin.c - keep the measuring thread on one core (measure.h).
 *
 * Linux: sched_setaffinity to the CPU the thread is on now, so the
 * scheduler cannot migrate it mid-sample (cold caches, another core's
 * clock). macOS has no affinity API; QoS user-interactive keeps the thread
 * on the P-cores of Apple silicon. To tune the E-cores instead, one would
 * run the measurement at QOS_CLASS_BACKGROUND (E-cores only) and key it as
 * another core type. The thread series' pools get the CPUs the process had
 * before the pinning (measure_pool_create). */
#include <stdio.h>
#include <string.h>

#if defined(__linux__)
#include <sched.h>
#elif defined(__APPLE__)
#include <pthread.h>
#include <sys/qos.h>
#endif

#include "measure.h"

#if defined(__linux__)
static cpu_set_t unpinned; /* the thread's CPUs before measure_pin_thread */
static int have_unpinned;
#endif

void measure_pin_thread(char *desc, size_t desclen)
{
#if defined(__linux__)
    int cpu = sched_getcpu();
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof unpinned, &unpinned) == 0)
        have_unpinned = 1;
    CPU_ZERO(&set);
    if (cpu >= 0) {
        CPU_SET(cpu, &set);
        if (sched_setaffinity(0, sizeof set, &set) == 0) {
            snprintf(desc, desclen, "cpu %d (sched_setaffinity)", cpu);
            return;
        }
    }
    snprintf(desc, desclen, "no (sched_setaffinity failed)");
#elif defined(__APPLE__)
    if (pthread_set_qos_class_self_np(QOS_CLASS_USER_INTERACTIVE, 0) == 0)
        snprintf(desc, desclen, "QoS user-interactive (P-cores)");
    else
        snprintf(desc, desclen, "no (QoS request refused)");
#else
    snprintf(desc, desclen, "no (not supported on this OS)");
#endif
}

int measure_pool_create(unsigned n_threads, q4k_pool **pool)
{
#if defined(__linux__)
    cpu_set_t pinned;
    int widened = have_unpinned && sched_getaffinity(0, sizeof pinned, &pinned) == 0 &&
                  sched_setaffinity(0, sizeof unpinned, &unpinned) == 0;
    int rc = q4k_pool_create(n_threads, pool);
    if (widened)
        sched_setaffinity(0, sizeof pinned, &pinned);
    return rc;
#else
    return q4k_pool_create(n_threads, pool);
#endif
}
