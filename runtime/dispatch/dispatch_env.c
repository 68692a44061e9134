/* dispatch_env.c - the dispatcher's start-up and profile files.
 *
 * Start-up order, once per process, on the first dispatch call: the
 * compiled-in table, then Q4K_PROFILE (a profile file loaded at run time),
 * then Q4K_VARIANT (one variant forced for experiments). A bad environment
 * value is refused loudly on stderr and the table in force stays.
 *
 * Layering: this file reads files and the environment and hands tables to
 * dispatch_state.c; the profile module (runtime/profile/) only turns text
 * into a checked table and never calls back into the dispatcher. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "dispatch_env.h"
#include "dispatch_state.h"
#include "profile_table.h"

static _Atomic(const q4k_variant *) forced;
static pthread_once_t env_once = PTHREAD_ONCE_INIT;

/* Parse, check against this CPU, install. */
static int load_profile(const char *path, char *err, size_t errlen)
{
    q4k_profile *p = malloc(sizeof *p);
    profile_table *t = malloc(sizeof *t);
    int rc = Q4K_ENOMEM;
    if (!p || !t) {
        if (err && errlen)
            snprintf(err, errlen, "%s: out of memory", path ? path : "(null)");
        goto out;
    }
    rc = q4k_profile_read(path, p, err, errlen);
    if (rc == Q4K_OK)
        rc = profile_table_from(p, path, 1, t, err, errlen);
    if (rc == Q4K_OK) {
        char msg[256] = "";
        rc = dispatch_state_install(&t->table, msg, sizeof msg);
        if (rc && err && errlen)
            snprintf(err, errlen, "%s: %s", path, msg[0] ? msg : q4k_strerror(rc));
    }
out:
    free(t);
    free(p);
    return rc;
}

static void init_once(void)
{
    dispatch_state_install_builtin();
    const char *profile = getenv("Q4K_PROFILE");
    if (profile && *profile) {
        char err[512];
        if (load_profile(profile, err, sizeof err) != Q4K_OK)
            fprintf(stderr, "q4k: Q4K_PROFILE=%s refused: %s; the %s table stays in force\n", profile, err,
                    dispatch_state_table()->source);
    }
    const char *name = getenv("Q4K_VARIANT");
    if (name && *name) {
        const q4k_variant *v = q4k_variant_find(name);
        if (!v)
            fprintf(stderr, "q4k: Q4K_VARIANT=%s refused: no such variant (see 'q4k list --all')\n", name);
        else if (!q4k_variant_usable(v))
            fprintf(stderr, "q4k: Q4K_VARIANT=%s refused: this CPU lacks features it needs "
                            "(see 'q4k list')\n", name);
        else
            atomic_store(&forced, v);
    }
}

void dispatch_env_init(void)
{
    pthread_once(&env_once, init_once);
}

const q4k_variant *dispatch_env_forced(void)
{
    dispatch_env_init();
    return atomic_load_explicit(&forced, memory_order_relaxed);
}

int q4k_profile_load(const char *path, char *err, size_t errlen)
{
    dispatch_env_init();
    return load_profile(path, err, errlen);
}
