/* cache_fixture.h - test data and hooks shared by test_cache.c,
 * test_cache_stress.c and test_bulk.c.
 *
 * Tensors are slices of the golden gaussian blocks (tests/data, produced by
 * llama.cpp) so every check compares against ggml's own dequantization:
 * tensor i is blocks [i * stride, i * stride + n) with its floats at the
 * same offset of q4k_gaussian.f32. */
#ifndef Q4K_CACHE_FIXTURE_H
#define Q4K_CACHE_FIXTURE_H

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "q4k.h"

enum { FIXTURE_BLOCKS = 4096 }; /* q4k_gaussian.bin */

typedef struct fixture {
    uint8_t *blocks;  /* FIXTURE_BLOCKS * 144 bytes */
    float *golden;    /* FIXTURE_BLOCKS * 256 floats */
} fixture;

static inline void *fixture_read(const char *name, size_t expect)
{
    const char *dir = getenv("Q4K_TESTDATA");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/data", name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s (set Q4K_TESTDATA)\n", path);
        return NULL;
    }
    void *p = malloc(expect + 1);
    size_t got = p ? fread(p, 1, expect + 1, f) : 0;
    fclose(f);
    if (got != expect) {
        fprintf(stderr, "%s: %zu bytes, expected %zu\n", path, got, expect);
        free(p);
        return NULL;
    }
    return p;
}

/* 0 on success. */
static inline int fixture_load(fixture *fx)
{
    fx->blocks = fixture_read("q4k_gaussian.bin", (size_t)FIXTURE_BLOCKS * Q4K_BLOCK_BYTES);
    fx->golden = fixture_read("q4k_gaussian.f32", (size_t)FIXTURE_BLOCKS * Q4K_BLOCK_VALUES * sizeof(float));
    return fx->blocks && fx->golden ? 0 : -1;
}

static inline void fixture_free(fixture *fx)
{
    free(fx->blocks);
    free(fx->golden);
    fx->blocks = NULL;
    fx->golden = NULL;
}

static inline const void *fixture_blocks(const fixture *fx, size_t first_block)
{
    return fx->blocks + first_block * Q4K_BLOCK_BYTES;
}

/* 1 when floats are bit-identical to the golden floats of those blocks
 * (the gaussian case has no NaN, so bits are the contract). */
static inline int fixture_matches(const fixture *fx, size_t first_block, size_t n_blocks, const float *floats)
{
    return floats && !memcmp(floats, fx->golden + first_block * Q4K_BLOCK_VALUES,
                             n_blocks * Q4K_BLOCK_VALUES * sizeof(float));
}

/* An allocator that counts, and fails the fail_at-th call (1-based; 0 =
 * never). live must be 0 once everything is freed: ASan finds leaks too,
 * but this also checks the cache's own hooks are balanced. */
typedef struct counting_alloc {
    atomic_long calls;
    atomic_long live;
    atomic_long failed;
    atomic_long fail_at;
} counting_alloc;

static inline void *counting_alloc_fn(size_t bytes, void *user)
{
    counting_alloc *a = user;
    long n = atomic_fetch_add(&a->calls, 1) + 1;
    long fail_at = atomic_load(&a->fail_at);
    if (fail_at && n == fail_at) {
        atomic_fetch_add(&a->failed, 1);
        return NULL;
    }
    void *p = malloc(bytes);
    if (p)
        atomic_fetch_add(&a->live, 1);
    return p;
}

static inline void counting_free_fn(void *p, void *user)
{
    counting_alloc *a = user;
    atomic_fetch_sub(&a->live, 1);
    free(p);
}

/* cmocka group setup/teardown for the tests that share one fixture `fx`. */
#define FIXTURE_GROUP_FUNCTIONS(fx)                                                                \
    static int setup(void **state)                                                                 \
    {                                                                                              \
        (void)state;                                                                               \
        return fixture_load(&(fx));                                                                \
    }                                                                                              \
    static int teardown(void **state)                                                              \
    {                                                                                              \
        (void)state;                                                                               \
        fixture_free(&(fx));                                                                       \
        return 0;                                                                                  \
    }

#endif /* Q4K_CACHE_FIXTURE_H */
