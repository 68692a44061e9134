/* registry.c - the variants compiled in (generated/q4k_registry.c), the
 * subset this CPU can run, and the operations' names (generated too). */
#include <pthread.h>
#include <string.h>

#include "kernel_tables.h"
#include "q4k_variants.h"

const char *q4k_op_name(q4k_op op)
{
    return (unsigned)op < Q4K_OP_COUNT ? q4k_op_names[op] : NULL;
}

int q4k_op_find(const char *name)
{
    for (int i = 0; name && i < Q4K_OP_COUNT; i++)
        if (q4k_op_names[i] && !strcmp(q4k_op_names[i], name)) /* values without an op: NULL */
            return i;
    return -1;
}

static const q4k_variant *usable[Q4K_VARIANT_COUNT_MAX];
static size_t n_usable;
static pthread_once_t usable_once = PTHREAD_ONCE_INIT;

int q4k_variant_usable(const q4k_variant *v)
{
    return v && (v->features & ~q4k_cpu_features()) == 0;
}

static void find_usable(void)
{
    for (size_t i = 0; i < q4k_registry_count; i++)
        if (q4k_variant_usable(&q4k_registry[i]))
            usable[n_usable++] = &q4k_registry[i];
}

size_t q4k_variant_count(void)
{
    pthread_once(&usable_once, find_usable);
    return n_usable;
}

const q4k_variant *q4k_variant_at(size_t i)
{
    return i < q4k_variant_count() ? usable[i] : NULL;
}

size_t q4k_variant_count_all(void) { return q4k_registry_count; }

const q4k_variant *q4k_variant_at_all(size_t i)
{
    return i < q4k_registry_count ? &q4k_registry[i] : NULL;
}

const q4k_variant *q4k_variant_find(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < q4k_registry_count; i++)
        if (!strcmp(q4k_registry[i].name, name))
            return &q4k_registry[i];
    return NULL;
}
