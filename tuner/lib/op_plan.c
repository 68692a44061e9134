/* op_plan.c - the tuner's measurement plan per operation (op_plan.h).
 * To tune a new operation: write its fill/run/verify functions here (or in
 * a file of their own) and add one entry to plans[]. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchdata.h"
#include "op_plan.h"

/* ---- dequant: Q4_K blocks -> float32 ---------------------------------- */

enum { DEQUANT_OUT_BYTES = Q4K_BLOCK_VALUES * sizeof(float), TEMPLATE_BLOCKS = 4096 };

static const size_t dequant_sizes[] = {1,    2,    4,    8,    16,   32,    64,    128,  256,
                                       512,  1024, 2048, 4096, 8192, 16384, 32768, 65536};
static const size_t dequant_quick[] = {1, 16, 512, 8192};
static const size_t dequant_emulated[] = {1, 16, 256};

/* Realistic blocks (q4k_bench_blocks: normal d/dmin, random scales and
 * quants), TEMPLATE_BLOCKS distinct ones repeated over the input. */
static void dequant_fill(uint8_t *in, size_t bytes, uint64_t seed)
{
    size_t blocks = (bytes + Q4K_BLOCK_BYTES - 1) / Q4K_BLOCK_BYTES;
    size_t tpl_blocks = blocks < TEMPLATE_BLOCKS ? blocks : TEMPLATE_BLOCKS;
    uint8_t *tpl = q4k_bench_blocks(tpl_blocks, seed);
    const size_t tpl_bytes = tpl_blocks * Q4K_BLOCK_BYTES;
    if (!tpl) { /* still deterministic, only less realistic */
        memset(in, 0x11, bytes);
        return;
    }
    for (size_t off = 0; off < bytes; off += tpl_bytes)
        memcpy(in + off, tpl, bytes - off < tpl_bytes ? bytes - off : tpl_bytes);
    free(tpl);
}

static void dequant_run(q4k_kernel_fn fn, op_workload *w, unsigned long long iters)
{
    const size_t n = w->n;
    if (w->slots == 1) {
        float *out = (float *)(void *)w->out;
        for (unsigned long long i = 0; i < iters; i++)
            fn(w->in, out, n);
        return;
    }
    size_t slot = w->slot;
    for (unsigned long long i = 0; i < iters; i++) {
        fn(w->in + slot * n * Q4K_BLOCK_BYTES, (float *)(void *)(w->out + slot * n * DEQUANT_OUT_BYTES), n);
        if (++slot == w->slots)
            slot = 0;
    }
    w->slot = slot;
}

static int dequant_dispatched(const void *in, void *out, size_t n)
{
    return q4k_dequantize(in, n, out);
}

/* ---- the table -------------------------------------------------------- */

#define COUNT(a) (sizeof a / sizeof a[0])

static const op_plan plans[] = {
    {
        .op = Q4K_OP_DEQUANT,
        .name = "dequant",
        .unit = "block",
        .units = "blocks",
        .describe = "a size counts Q4_K blocks: 144 bytes in, 256 float32 (1 KiB) out per block",
        .in_bytes_per_unit = Q4K_BLOCK_BYTES,
        .out_bytes_per_unit = DEQUANT_OUT_BYTES,
        .sizes = dequant_sizes,
        .n_sizes = COUNT(dequant_sizes),
        .quick_sizes = dequant_quick,
        .n_quick_sizes = COUNT(dequant_quick),
        .emulated_sizes = dequant_emulated,
        .n_emulated_sizes = COUNT(dequant_emulated),
        .baseline = "q4k_dequant__scalar",
        .sentinel_size = 16,
        .fill_input = dequant_fill,
        .run = dequant_run,
        .run_dispatched = dequant_dispatched,
        .verify = q4k_verify_variant,
        .verify_golden = q4k_verify_golden,
    },
};

_Static_assert(COUNT(plans) == Q4K_OP_COUNT, "every q4k_op needs a measurement plan in plans[]");

size_t op_plan_count(void)
{
    return COUNT(plans);
}

const op_plan *op_plan_at(size_t i)
{
    return i < COUNT(plans) ? &plans[i] : NULL;
}

const op_plan *op_plan_get(q4k_op op)
{
    for (size_t i = 0; i < COUNT(plans); i++)
        if (plans[i].op == op)
            return &plans[i];
    return NULL;
}

const op_plan *op_plan_find(const char *name)
{
    for (size_t i = 0; name && i < COUNT(plans); i++)
        if (!strcmp(plans[i].name, name))
            return &plans[i];
    return NULL;
}

const char *op_plan_names(void)
{
    static char names[256];
    if (!names[0]) {
        size_t used = 0;
        for (size_t i = 0; i < COUNT(plans) && used < sizeof names; i++) {
            int n = snprintf(names + used, sizeof names - used, "%s%s", i ? ", " : "", plans[i].name);
            if (n < 0)
                break;
            used += (size_t)n;
        }
    }
    return names;
}

const op_plan *op_plan_parse(const char *name, char *err, size_t errlen)
{
    const op_plan *p = op_plan_find(name);
    if (!p)
        snprintf(err, errlen, "unknown operation '%s' (there is: %s)", name ? name : "", op_plan_names());
    return p;
}

const char *op_plan_short_name(const char *variant)
{
    if (strncmp(variant, "q4k_", 4))
        return variant;
    const char *sep = strstr(variant + 4, "__");
    return sep && sep[2] ? sep + 2 : variant;
}
