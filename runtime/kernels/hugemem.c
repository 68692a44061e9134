/* hugemem.c - see hugemem.h. */
#include <stdlib.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "hugemem.h"

void *q4k_huge_alloc(size_t bytes)
{
    enum { HUGE_PAGE = 2u << 20 };
    void *p = NULL;
    if (bytes < HUGE_PAGE)
        return posix_memalign(&p, 64, bytes ? bytes : 64) == 0 ? p : NULL;
    if (posix_memalign(&p, HUGE_PAGE, bytes) != 0)
        return NULL;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    madvise(p, bytes & ~(size_t)(HUGE_PAGE - 1), MADV_HUGEPAGE);
#endif
    return p;
}
