/* dispatch_env.h - the dispatcher's start-up (dispatch_env.c). Internal. */
#ifndef Q4K_DISPATCH_ENV_H
#define Q4K_DISPATCH_ENV_H

#include "q4k_core.h"

/* Once per process: install the compiled-in table, then Q4K_PROFILE, then
 * read Q4K_VARIANT. Every public dispatch function calls this first. */
void dispatch_env_init(void);
/* The variant Q4K_VARIANT forces, or NULL. */
const q4k_variant *dispatch_env_forced(void);

#endif
