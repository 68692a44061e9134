/* test_cache_stress.c - many threads acquiring, releasing, warming and
 * acquiring whole layers at once over a small budget (ctest label
 * "threads"; also run under ThreadSanitizer).
 *
 * Every acquire checks the floats it gets against ggml's dequantization,
 * and keeps checking them while it holds them (a pinned tensor must not be
 * freed or rewritten). A counting dequantizer proves that no key is ever
 * loaded by two threads at once and that every load is accounted for. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#include "cache_fixture.h"
#include "q4k_cache.h"

enum {
    THREADS = 4,
    OPS = 1500,       /* per thread */
    KEYS = 24,
    STRIDE = 16,      /* blocks between tensors in the fixture */
    MAX_BLOCKS = 12
};

static fixture fx;

static struct {
    atomic_int inflight[KEYS];  /* loads of each key running now */
    atomic_int overlap;         /* times two loads of one key overlapped */
    atomic_long calls;
} probe;

static size_t blocks_of(size_t k)
{
    return 1 + (k * 5) % MAX_BLOCKS; /* 1..12 blocks, fixed per key */
}

static int counting_dequant(const void *blocks, size_t n_blocks, float *out)
{
    size_t k = (size_t)((const uint8_t *)blocks - fx.blocks) / (STRIDE * Q4K_BLOCK_BYTES);
    atomic_fetch_add(&probe.calls, 1);
    if (k < KEYS && atomic_fetch_add(&probe.inflight[k], 1) != 0)
        atomic_fetch_add(&probe.overlap, 1);
    int rc = q4k_dequantize(blocks, n_blocks, out);
    if (k < KEYS)
        atomic_fetch_sub(&probe.inflight[k], 1);
    return rc;
}

static void key_of(size_t k, char *key, size_t len)
{
    snprintf(key, len, "blk.%zu.ffn_up.weight", k);
}

static q4k_cache_tensor tensor_of(size_t k, char *key, size_t len)
{
    key_of(k, key, len);
    return (q4k_cache_tensor){key, fx.blocks + k * STRIDE * Q4K_BLOCK_BYTES, blocks_of(k), Q4K_WTYPE_Q4_K};
}

typedef struct worker {
    q4k_cache *c;
    uint64_t rng;
    long checks;
    long bad;
} worker;

static uint64_t next_rand(worker *w)
{
    w->rng ^= w->rng << 13;
    w->rng ^= w->rng >> 7;
    w->rng ^= w->rng << 17;
    return w->rng;
}

static void check(worker *w, size_t k, const float *f)
{
    w->checks++;
    if (!fixture_matches(&fx, k * STRIDE, blocks_of(k), f))
        w->bad++;
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    for (int op = 0; op < OPS; op++) {
        uint64_t r = next_rand(w);
        switch (r % 8) {
        case 0: { /* whole layer: three keys */
            char keys[3][64];
            q4k_cache_tensor t[3];
            size_t ks[3];
            for (int j = 0; j < 3; j++) {
                ks[j] = (r >> (8 + 8 * j)) % KEYS;
                t[j] = tensor_of(ks[j], keys[j], sizeof keys[j]);
            }
            const float *f[3];
            if (q4k_cache_acquire_many(w->c, t, 3, 2, f) != Q4K_OK) {
                w->bad++;
                break;
            }
            for (int j = 0; j < 3; j++)
                check(w, ks[j], f[j]);
            if (q4k_cache_release_many(w->c, t, 3) != Q4K_OK)
                w->bad++;
            break;
        }
        case 1: { /* warm a few */
            char keys[2][64];
            q4k_cache_tensor t[2];
            for (int j = 0; j < 2; j++)
                t[j] = tensor_of((r >> (8 + 8 * j)) % KEYS, keys[j], sizeof keys[j]);
            if (q4k_cache_warm(w->c, t, 2) != Q4K_OK)
                w->bad++;
            break;
        }
        default: { /* acquire, check, hold across a second acquire, check again */
            size_t k = (r >> 8) % KEYS, k2 = (r >> 24) % KEYS;
            char key[64], key2[64];
            q4k_cache_tensor t = tensor_of(k, key, sizeof key);
            q4k_cache_tensor t2 = tensor_of(k2, key2, sizeof key2);
            const float *f = NULL, *f2 = NULL;
            if (q4k_cache_acquire(w->c, t.key, t.blocks, t.n_blocks, &f) != Q4K_OK) {
                w->bad++;
                break;
            }
            check(w, k, f);
            if (q4k_cache_acquire(w->c, t2.key, t2.blocks, t2.n_blocks, &f2) != Q4K_OK) {
                w->bad++;
            } else {
                check(w, k2, f2);
                check(w, k, f); /* still intact while others load and evict */
                if (q4k_cache_release(w->c, t2.key) != Q4K_OK)
                    w->bad++;
            }
            if (q4k_cache_release(w->c, t.key) != Q4K_OK)
                w->bad++;
            break;
        }
        }
    }
    return NULL;
}

static void run_stress(q4k_cache_policy policy)
{
    memset(&probe, 0, sizeof probe);
    const size_t budget = 48 * Q4K_BLOCK_VALUES * sizeof(float); /* ~1/3 of all keys */
    counting_alloc a = {0};
    q4k_cache_options o = {.budget_bytes = budget, .policy = policy, .dequant = counting_dequant,
                           .alloc = counting_alloc_fn, .free = counting_free_fn, .alloc_user = &a};
    q4k_cache *c = NULL;
    assert_int_equal(q4k_cache_create(&o, &c), Q4K_OK);

    worker w[THREADS];
    pthread_t tid[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i] = (worker){.c = c, .rng = 0x9e3779b97f4a7c15u * (uint64_t)(i + 1) + (uint64_t)policy};
        assert_int_equal(pthread_create(&tid[i], NULL, worker_main, &w[i]), 0);
    }
    long checks = 0, bad = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(tid[i], NULL);
        checks += w[i].checks;
        bad += w[i].bad;
    }
    assert_int_equal(q4k_cache_warm_wait(c), Q4K_OK);

    q4k_cache_stats s;
    assert_int_equal(q4k_cache_get_stats(c, &s), Q4K_OK);
    print_message("%s: %ld checks, hits %llu, misses %llu (uncached %llu), evictions %llu, "
                  "waits %llu, warm loads %llu, hit rate %.2f\n",
                  q4k_cache_policy_name(policy), checks, (unsigned long long)s.hits,
                  (unsigned long long)s.misses, (unsigned long long)s.uncached,
                  (unsigned long long)s.evictions, (unsigned long long)s.waits,
                  (unsigned long long)s.warm_loads, s.hit_rate);
    assert_int_equal(bad, 0);
    assert_true(checks > THREADS * OPS);
    assert_int_equal(atomic_load(&probe.overlap), 0);          /* never two loads of a key at once */
    assert_int_equal((uint64_t)atomic_load(&probe.calls), s.dequantizations);
    assert_int_equal(s.dequantizations, s.misses + s.warm_loads); /* no failures here */
    assert_int_equal(s.failures, 0);
    /* One load per residency: a key is loaded again only after it left
     * (evicted, or uncached and released) or a warm was dropped. */
    assert_true(s.dequantizations <= KEYS + s.evictions + s.uncached);
    assert_true(s.hits > 0 && s.evictions > 0);
    assert_int_equal(s.pinned, 0);
    assert_int_equal(s.bytes_uncached, 0);
    assert_true(s.bytes_in_use <= budget);
    assert_true(s.peak_bytes >= s.bytes_in_use);
    assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
    assert_int_equal(atomic_load(&a.live), 0);
}

static void test_stress_lru(void **state)
{
    (void)state;
    run_stress(Q4K_CACHE_LRU);
}

static void test_stress_reuse(void **state)
{
    (void)state;
    run_stress(Q4K_CACHE_REUSE);
}

FIXTURE_GROUP_FUNCTIONS(fx)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stress_lru),
        cmocka_unit_test(test_stress_reuse),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
