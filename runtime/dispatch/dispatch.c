/* dispatch.c - the dispatcher's public face (q4k_dispatch.h): the hot
 * path (operation, size) -> variant, and the table in force. The rule is
 * in dispatch_rule.c, the state in dispatch_state.c, start-up and the
 * environment in dispatch_env.c. */
#include <string.h>

#include "dispatch_env.h"
#include "dispatch_state.h"

/* An operation with no bucket (of that layout) in the table in force runs
 * its scalar reference, which every build has. */
static const q4k_variant *scalar_of(q4k_op op, unsigned layout)
{
    for (size_t i = 0; i < q4k_variant_count_all(); i++) {
        const q4k_variant *v = q4k_variant_at_all(i);
        if (v->op == op && v->layout == layout && !strcmp(v->isa, "scalar"))
            return v;
    }
    return NULL;
}

const q4k_variant *q4k_dispatch_select_for(q4k_op op, size_t size, unsigned vecs, unsigned threads,
                                           unsigned layout)
{
    const q4k_variant *f = dispatch_env_forced();
    if (f && f->op == op && f->layout == layout)
        return f;
    const q4k_variant *v = dispatch_state_pick(op, size, vecs, threads, layout);
    return v ? v : scalar_of(op, layout);
}

const q4k_variant *q4k_dispatch_select(q4k_op op, size_t size)
{
    return q4k_dispatch_select_for(op, size, 1, 1, 0);
}

const q4k_variant *q4k_dispatch_variant(size_t n_blocks)
{
    return q4k_dispatch_select(Q4K_OP_DEQUANT, n_blocks);
}

const q4k_variant *q4k_dispatch_forced(void)
{
    return dispatch_env_forced();
}

int q4k_dispatch_install(const q4k_dispatch_table *t, char *err, size_t errlen)
{
    dispatch_env_init();
    return dispatch_state_install(t, err, errlen);
}

const q4k_dispatch_table *q4k_dispatch_current(void)
{
    dispatch_env_init();
    return dispatch_state_table();
}

void q4k_dispatch_reset(void)
{
    dispatch_env_init();
    dispatch_state_install_builtin();
}
