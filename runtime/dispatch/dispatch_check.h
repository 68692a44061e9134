/* dispatch_check.h - what makes a dispatch table acceptable, shared by the
 * run-time install (dispatch_state.c) and the build-time table generator
 * (tools/q4k_tablegen.c, through profile_table.c). Internal. */
#ifndef Q4K_DISPATCH_CHECK_H
#define Q4K_DISPATCH_CHECK_H

#include <stddef.h>

#include "q4k_dispatch.h"

/* Checks, in order, with the first problem in err:
 *   - at least one bucket; ops known; sizes positive and strictly ascending
 *     within each op; at most Q4K_DISPATCH_MAX_CANDIDATES, at least one
 *     candidate per bucket                                      Q4K_EINVAL
 *   - every candidate is a variant this q4k's generator knows (for some
 *     architecture) and computes the bucket's op          Q4K_ENOTFOUND / Q4K_EINVAL
 *   - every bucket has a candidate compiled into this library  Q4K_ENOTFOUND
 *   - need_usable: every bucket has a candidate usable on this CPU
 *                                                         Q4K_EUNSUPPORTED
 * Returns Q4K_OK when all hold. */
int dispatch_check(const q4k_dispatch_table *t, int need_usable, char *err, size_t errlen);

#endif
