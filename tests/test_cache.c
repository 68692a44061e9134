/* test_cache.c - the tensor cache (runtime/q4k_cache.h): hits and misses,
 * the exact LRU eviction order, the budget, pinning, oversize and uncached
 * tensors, allocation failures at every allocation, warming, waiting for a
 * load in flight, destroy, whole-layer acquires, and the two policies on
 * a cyclic (decoder-like) walk. The multi-threaded stress test is
 * test_cache_stress.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

#include "cache_fixture.h"
#include "q4k_cache.h"

static fixture fx;

/* Tensor i of a test: blocks [i * n, (i + 1) * n) of the gaussian data. */
static void key_of(size_t i, char *key, size_t len)
{
    snprintf(key, len, "blk.%zu.weight", i);
}

static size_t tensor_bytes(size_t n_blocks)
{
    return n_blocks * Q4K_BLOCK_VALUES * sizeof(float);
}

/* Acquire tensor i (n blocks each) and check its floats against ggml's. */
static int acquire_checked(q4k_cache *c, size_t i, size_t n, const float **out)
{
    char key[64];
    key_of(i, key, sizeof key);
    const float *f = NULL;
    int rc = q4k_cache_acquire(c, key, fixture_blocks(&fx, i * n), n, &f);
    if (rc == Q4K_OK)
        assert_true(fixture_matches(&fx, i * n, n, f));
    else
        assert_null(f);
    if (out)
        *out = f;
    return rc;
}

static int release_key(q4k_cache *c, size_t i)
{
    char key[64];
    key_of(i, key, sizeof key);
    return q4k_cache_release(c, key);
}

/* Acquire and release at once: one use. */
static void use(q4k_cache *c, size_t i, size_t n)
{
    assert_int_equal(acquire_checked(c, i, n, NULL), Q4K_OK);
    assert_int_equal(release_key(c, i), Q4K_OK);
}

static int resident(q4k_cache *c, size_t i)
{
    char key[64];
    key_of(i, key, sizeof key);
    return q4k_cache_contains(c, key);
}

static q4k_cache *make_cache(size_t budget, q4k_cache_policy policy)
{
    q4k_cache_options o = {.budget_bytes = budget, .policy = policy};
    q4k_cache *c = NULL;
    assert_int_equal(q4k_cache_create(&o, &c), Q4K_OK);
    assert_non_null(c);
    return c;
}

static q4k_cache_stats stats_of(q4k_cache *c)
{
    q4k_cache_stats s;
    assert_int_equal(q4k_cache_get_stats(c, &s), Q4K_OK);
    return s;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

FIXTURE_GROUP_FUNCTIONS(fx)

/* ---- basics --------------------------------------------------------- */

static void test_defaults_and_policy_names(void **state)
{
    (void)state;
    q4k_cache *c = NULL;
    assert_int_equal(q4k_cache_create(NULL, &c), Q4K_OK);
    q4k_cache_stats s = stats_of(c);
    assert_int_equal(s.budget_bytes, (size_t)512 << 20);
    assert_int_equal(s.policy, Q4K_CACHE_LRU);
    assert_int_equal(s.hits + s.misses + s.evictions + s.bytes_in_use + s.peak_bytes, 0);
    assert_true(s.hit_rate == 0.0);
    assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
    assert_int_equal(q4k_cache_destroy(NULL), Q4K_OK);

    q4k_cache_policy p = Q4K_CACHE_LRU;
    assert_int_equal(q4k_cache_policy_parse("reuse", &p), Q4K_OK);
    assert_int_equal(p, Q4K_CACHE_REUSE);
    assert_int_equal(q4k_cache_policy_parse("lru", &p), Q4K_OK);
    assert_int_equal(p, Q4K_CACHE_LRU);
    assert_int_equal(q4k_cache_policy_parse("mru", &p), Q4K_EINVAL);
    assert_string_equal(q4k_cache_policy_name(Q4K_CACHE_REUSE), "reuse");
    assert_string_equal(q4k_cache_policy_name((q4k_cache_policy)7), "?");
}

static void test_invalid_arguments(void **state)
{
    (void)state;
    q4k_cache *c = NULL;
    q4k_cache_options bad = {.alloc = counting_alloc_fn}; /* alloc without free */
    assert_int_equal(q4k_cache_create(&bad, &c), Q4K_EINVAL);
    assert_null(c);
    q4k_cache_options badpol = {.policy = (q4k_cache_policy)9};
    assert_int_equal(q4k_cache_create(&badpol, &c), Q4K_EINVAL);
    assert_int_equal(q4k_cache_create(NULL, NULL), Q4K_EINVAL);

    c = make_cache(1 << 20, Q4K_CACHE_LRU);
    const void *b = fixture_blocks(&fx, 0);
    const float *f = (const float *)&fx; /* must be reset to NULL on failure */
    assert_int_equal(q4k_cache_acquire(c, NULL, b, 1, &f), Q4K_EINVAL);
    assert_null(f);
    assert_int_equal(q4k_cache_acquire(c, "", b, 1, &f), Q4K_EINVAL);
    assert_int_equal(q4k_cache_acquire(c, "k", NULL, 1, &f), Q4K_EINVAL);
    assert_int_equal(q4k_cache_acquire(c, "k", b, 0, &f), Q4K_EINVAL);
    assert_int_equal(q4k_cache_acquire(c, "k", b, 1, NULL), Q4K_EINVAL);
    assert_int_equal(q4k_cache_acquire(NULL, "k", b, 1, &f), Q4K_EINVAL);
    assert_int_equal(q4k_cache_acquire(c, "k", b, SIZE_MAX / 1024 + 1, &f), Q4K_EOVERFLOW);
    assert_int_equal(q4k_cache_release(c, "k"), Q4K_ENOTFOUND);
    assert_int_equal(q4k_cache_release(c, NULL), Q4K_EINVAL);

    /* A known key with another size is a caller bug, reported. */
    assert_int_equal(q4k_cache_acquire(c, "k", b, 2, &f), Q4K_OK);
    const float *g = NULL;
    assert_int_equal(q4k_cache_acquire(c, "k", b, 3, &g), Q4K_EINVAL);
    assert_null(g);
    assert_int_equal(q4k_cache_release(c, "k"), Q4K_OK);
    assert_int_equal(q4k_cache_release(c, "k"), Q4K_ENOTFOUND); /* once only */

    q4k_cache_tensor t[2] = {{"a", b, 1, Q4K_WTYPE_Q4_K}, {"b", NULL, 1, Q4K_WTYPE_Q4_K}};
    assert_int_equal(q4k_cache_warm(c, t, 2), Q4K_EINVAL);
    assert_int_equal(q4k_cache_warm(c, NULL, 1), Q4K_EINVAL);
    assert_int_equal(q4k_cache_warm(c, NULL, 0), Q4K_OK);
    assert_int_equal(q4k_cache_warm_wait(c), Q4K_OK);
    q4k_cache_stats s = stats_of(c);
    assert_int_equal(s.warm_loads + s.warm_skipped + s.warm_dropped, 0); /* nothing queued */
    assert_int_equal(s.failures, 1);
    assert_int_equal(q4k_cache_get_stats(c, NULL), Q4K_EINVAL);
    assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
}

static void test_hits_misses_exact_stats(void **state)
{
    (void)state;
    const size_t n = 4; /* blocks per tensor: 4 KiB of floats */
    q4k_cache *c = make_cache(3 * tensor_bytes(n), Q4K_CACHE_LRU);
    const float *first = NULL, *again = NULL;
    assert_int_equal(acquire_checked(c, 0, n, &first), Q4K_OK);  /* miss */
    assert_int_equal(release_key(c, 0), Q4K_OK);
    assert_int_equal(acquire_checked(c, 0, n, &again), Q4K_OK);  /* hit */
    assert_ptr_equal(first, again);                            /* the same copy */
    assert_int_equal(release_key(c, 0), Q4K_OK);
    use(c, 1, n);                                              /* miss */
    use(c, 2, n);                                              /* miss */
    use(c, 1, n);                                              /* hit */
    use(c, 3, n);                                              /* miss, evicts 0 */
    q4k_cache_stats s = stats_of(c);
    assert_int_equal(s.hits, 2);
    assert_int_equal(s.misses, 4);
    assert_int_equal(s.evictions, 1);
    assert_int_equal(s.dequantizations, 4);
    assert_int_equal(s.entries, 3);
    assert_int_equal(s.pinned, 0);
    assert_int_equal(s.bytes_in_use, 3 * tensor_bytes(n));
    assert_int_equal(s.peak_bytes, 3 * tensor_bytes(n));
    assert_int_equal(s.uncached + s.oversize + s.failures + s.waits, 0);
    assert_true(s.hit_rate > 2.0 / 6 - 1e-12 && s.hit_rate < 2.0 / 6 + 1e-12);
    assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
}

/* ---- eviction -------------------------------------------------------- */

static void test_lru_eviction_order(void **state)
{
    (void)state;
    const size_t n = 1;
    q4k_cache *c = make_cache(3 * tensor_bytes(n), Q4K_CACHE_LRU);
    use(c, 0, n);
    use(c, 1, n);
    use(c, 2, n);
    use(c, 0, n);          /* recency, newest first: 0 2 1 */
    use(c, 3, n);          /* evicts 1 */
    assert_false(resident(c, 1));
    assert_true(resident(c, 0) && resident(c, 2) && resident(c, 3));
    use(c, 4, n);          /* 3 0 2 -> evicts 2 */
    assert_false(resident(c, 2));
    assert_true(resident(c, 0) && resident(c, 3) && resident(c, 4));
    use(c, 5, n);          /* 4 3 0 -> evicts 0 */
    assert_false(resident(c, 0));
    /* q4k_cache_contains is not a use: it did not reorder anything. */
    use(c, 6, n);          /* 5 4 3 -> evicts 3 */
    assert_false(resident(c, 3));

    /* A release counts as a use: held across other uses, 4 is newest. */
    const float *f;
    assert_int_equal(acquire_checked(c, 4, n, &f), Q4K_OK);
    use(c, 5, n);
    use(c, 6, n);
    assert_int_equal(release_key(c, 4), Q4K_OK); /* recency: 4 6 5 */
    use(c, 7, n);                               /* evicts 5, not 4 */
    assert_false(resident(c, 5));
    assert_true(resident(c, 4) && resident(c, 6) && resident(c, 7));
    assert_int_equal(stats_of(c).evictions, 5);
    assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
}

/* Random uses of tensors of different sizes: the resident bytes stay
 * within the budget and equal the sum of the resident tensors. */
static void test_budget_never_exceeded(void **state)
{
    (void)state;
    for (int policy = Q4K_CACHE_LRU; policy <= Q4K_CACHE_REUSE; policy++) {
        const size_t budget = 20 * tensor_bytes(1);
        q4k_cache *c = make_cache(budget, (q4k_cache_policy)policy);
        uint64_t rng = 12345;
        const size_t keys = 24;
        for (int step = 0; step < 600; step++) {
            rng = rng * 6364136223846793005u + 1442695040888963407u;
            size_t i = (rng >> 33) % keys;
            size_t n = 1 + i % 7; /* 1..7 blocks, fixed per key */
            char key[64];
            key_of(i, key, sizeof key);
            const float *f = NULL;
            assert_int_equal(q4k_cache_acquire(c, key, fixture_blocks(&fx, 8 * i), n, &f), Q4K_OK);
            assert_true(fixture_matches(&fx, 8 * i, n, f));
            assert_int_equal(q4k_cache_release(c, key), Q4K_OK);
            q4k_cache_stats s = stats_of(c);
            assert_true(s.bytes_in_use <= budget);
            size_t sum = 0;
            for (size_t k = 0; k < keys; k++)
                if (resident(c, k))
                    sum += tensor_bytes(1 + k % 7);
            assert_int_equal(sum, s.bytes_in_use);
            assert_int_equal(s.bytes_uncached, 0);
        }
        q4k_cache_stats s = stats_of(c);
        assert_true(s.evictions > 0);
        assert_true(s.peak_bytes <= budget);
        assert_int_equal(s.hits + s.misses, 600);
        assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
    }
}

static void test_pinned_entry_never_evicted(void **state)
{
    (void)state;
    for (int policy = Q4K_CACHE_LRU; policy <= Q4K_CACHE_REUSE; policy++) {
        const size_t n = 2;
        q4k_cache *c = make_cache(2 * tensor_bytes(n), (q4k_cache_policy)policy);
        const float *held = NULL;
        assert_int_equal(acquire_checked(c, 0, n, &held), Q4K_OK);
        for (size_t i = 1; i < 10; i++)
            use(c, i, n); /* only one slot turns over */
        assert_true(resident(c, 0));
        assert_true(fixture_matches(&fx, 0, n, held)); /* still intact */
        q4k_cache_stats s = stats_of(c);
        assert_int_equal(s.evictions, 8);
        assert_int_equal(s.pinned, 1);
        assert_int_equal(release_key(c, 0), Q4K_OK);
        use(c, 10, n);
        use(c, 11, n); /* now 0 can go */
        assert_false(resident(c, 0));
        assert_int_equal(stats_of(c).pinned, 0);
        assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
    }
}

/* Everything pinned: a new tensor is served uncached, never over budget. */
static void test_all_pinned_served_uncached(void **state)
{
    (void)state;
    const size_t n = 2;
    q4k_cache *c = make_cache(2 * tensor_bytes(n), Q4K_CACHE_LRU);
    const float *a, *b, *x, *y;
    assert_int_equal(acquire_checked(c, 0, n, &a), Q4K_OK);
    assert_int_equal(acquire_checked(c, 1, n, &b), Q4K_OK);
    assert_int_equal(acquire_checked(c, 2, n, &x), Q4K_OK);
    assert_int_equal(acquire_checked(c, 2, n, &y), Q4K_OK); /* shared while held */
    assert_ptr_equal(x, y);
    q4k_cache_stats s = stats_of(c);
    assert_int_equal(s.bytes_in_use, 2 * tensor_bytes(n));
    assert_int_equal(s.bytes_uncached, tensor_bytes(n));
    assert_int_equal(s.peak_bytes, 3 * tensor_bytes(n));
    assert_int_equal(s.uncached, 1);
    assert_int_equal(s.oversize, 0);
    assert_int_equal(s.misses, 3);
    assert_int_equal(s.hits, 1);
    assert_int_equal(s.evictions, 0);
    assert_false(resident(c, 2));
    assert_true(resident(c, 0) && resident(c, 1));
    assert_int_equal(q4k_cache_destroy(c), Q4K_EBUSY); /* held: refused */
    assert_int_equal(release_key(c, 2), Q4K_OK);
    assert_int_equal(stats_of(c).bytes_uncached, tensor_bytes(n)); /* one holder left */
    assert_int_equal(release_key(c, 2), Q4K_OK);
    assert_int_equal(stats_of(c).bytes_uncached, 0);
    assert_int_equal(release_key(c, 2), Q4K_ENOTFOUND);
    assert_int_equal(release_key(c, 0), Q4K_OK);
    assert_int_equal(release_key(c, 1), Q4K_OK);
    /* With room again, 2 is cached normally. */
    use(c, 2, n);
    assert_true(resident(c, 2));
    assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
}

static void test_oversize_uncached_and_freed(void **state)
{
    (void)state;
    counting_alloc a = {0};
    q4k_cache_options o = {.budget_bytes = tensor_bytes(4), .alloc = counting_alloc_fn,
                           .free = counting_free_fn, .alloc_user = &a};
    q4k_cache *c = NULL;
    assert_int_equal(q4k_cache_create(&o, &c), Q4K_OK);
    use(c, 100, 4); /* fills the budget */
    long live_before = atomic_load(&a.live);
    const float *f = NULL, *g = NULL;
    assert_int_equal(q4k_cache_acquire(c, "big", fixture_blocks(&fx, 64), 16, &f), Q4K_OK);
    assert_true(fixture_matches(&fx, 64, 16, f));
    assert_int_equal(q4k_cache_acquire(c, "big", fixture_blocks(&fx, 64), 16, &g), Q4K_OK);
    assert_ptr_equal(f, g);
    q4k_cache_stats s = stats_of(c);
    assert_int_equal(s.oversize, 1);
    assert_int_equal(s.uncached, 1);
    assert_int_equal(s.evictions, 0);       /* nothing evicted for it */
    assert_true(resident(c, 100));
    assert_int_equal(s.bytes_in_use, tensor_bytes(4));
    assert_int_equal(s.bytes_uncached, tensor_bytes(16));
    assert_int_equal(q4k_cache_release(c, "big"), Q4K_OK);
    assert_int_equal(q4k_cache_release(c, "big"), Q4K_OK);
    assert_int_equal(atomic_load(&a.live), live_before); /* its memory is back */
    assert_int_equal(stats_of(c).bytes_uncached, 0);
    assert_int_equal(q4k_cache_release(c, "big"), Q4K_ENOTFOUND);
    /* Acquired again: dequantized again (it was never cached). */
    assert_int_equal(q4k_cache_acquire(c, "big", fixture_blocks(&fx, 64), 16, &f), Q4K_OK);
    assert_true(fixture_matches(&fx, 64, 16, f));
    assert_int_equal(q4k_cache_release(c, "big"), Q4K_OK);
    s = stats_of(c);
    assert_int_equal(s.oversize, 2);
    assert_int_equal(s.misses, 3);
    assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
    assert_int_equal(atomic_load(&a.live), 0);
}

/* ---- allocation failures --------------------------------------------- */

/* One scenario touching every allocation the cache makes: entries, keys,
 * tensor buffers, hash-table growth (more than 64 keys), warm requests,
 * whole-layer acquires. Every call succeeds or says Q4K_ENOMEM. */
static void failure_scenario(q4k_cache *c, size_t n)
{
    for (size_t i = 0; i < 80; i++) {
        const float *f = NULL;
        int rc = acquire_checked(c, i % 70, n, &f);
        assert_true(rc == Q4K_OK || rc == Q4K_ENOMEM);
        if (rc == Q4K_OK)
            assert_int_equal(release_key(c, i % 70), Q4K_OK);
    }
    const float *big = NULL;
    int rc = q4k_cache_acquire(c, "big", fixture_blocks(&fx, 0), 8 * n, &big);
    assert_true(rc == Q4K_OK || rc == Q4K_ENOMEM);
    if (rc == Q4K_OK) {
        assert_true(fixture_matches(&fx, 0, 8 * n, big));
        assert_int_equal(q4k_cache_release(c, "big"), Q4K_OK);
    }
    q4k_cache_tensor t[4];
    char keys[4][64];
    for (size_t i = 0; i < 4; i++) {
        key_of(i, keys[i], sizeof keys[i]);
        t[i] = (q4k_cache_tensor){keys[i], fixture_blocks(&fx, i * n), n, Q4K_WTYPE_Q4_K};
    }
    rc = q4k_cache_warm(c, t, 4);
    assert_true(rc == Q4K_OK || rc == Q4K_ENOMEM);
    assert_int_equal(q4k_cache_warm_wait(c), Q4K_OK);
    const float *floats[4];
    rc = q4k_cache_acquire_many(c, t, 3, 2, floats);
    assert_true(rc == Q4K_OK || rc == Q4K_ENOMEM);
    if (rc == Q4K_OK) {
        for (size_t i = 0; i < 3; i++)
            assert_true(fixture_matches(&fx, i * n, n, floats[i]));
        assert_int_equal(q4k_cache_release_many(c, t, 3), Q4K_OK);
    } else {
        for (size_t i = 0; i < 3; i++)
            assert_null(floats[i]);
    }
}

static void test_allocation_failure_at_every_point(void **state)
{
    (void)state;
    const size_t n = 1;
    for (int policy = Q4K_CACHE_LRU; policy <= Q4K_CACHE_REUSE; policy++) {
        long runs_failed = 0, enomem_seen = 0;
        for (long k = 1;; k++) {
            counting_alloc a = {0};
            atomic_store(&a.fail_at, k);
            q4k_cache_options o = {.budget_bytes = 3 * tensor_bytes(n),
                                   .policy = (q4k_cache_policy)policy,
                                   .alloc = counting_alloc_fn, .free = counting_free_fn,
                                   .alloc_user = &a};
            q4k_cache *c = NULL;
            int rc = q4k_cache_create(&o, &c);
            if (rc != Q4K_OK) {
                assert_int_equal(rc, Q4K_ENOMEM);
                assert_null(c);
                assert_int_equal(atomic_load(&a.live), 0);
                continue;
            }
            failure_scenario(c, n);
            q4k_cache_stats s = stats_of(c);
            /* Consistent whatever failed: nothing held, exact accounting. */
            assert_int_equal(s.pinned, 0);
            assert_int_equal(s.bytes_uncached, 0);
            assert_true(s.bytes_in_use <= 3 * tensor_bytes(n));
            assert_int_equal(s.bytes_in_use, s.entries * tensor_bytes(n));
            enomem_seen += (long)s.failures;
            /* And still working. */
            atomic_store(&a.fail_at, 0);
            use(c, 99, n);
            assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
            assert_int_equal(atomic_load(&a.live), 0);
            if (atomic_load(&a.failed) == 0)
                break; /* k is past the last allocation: every point was tried */
            runs_failed++;
        }
        print_message("%s: failed each of %ld allocations in turn; %ld calls saw Q4K_ENOMEM\n",
                      q4k_cache_policy_name((q4k_cache_policy)policy), runs_failed, enomem_seen);
        /* the scenario allocates a lot (fewer since evicted tensor buffers
         * are reused instead of freed and allocated again: 80-95) */
        assert_true(runs_failed > 60);
        assert_true(enomem_seen > 50);  /* and the failures reached callers */
    }
}

/* ---- warming and waiting ------------------------------------------- */

/* A dequantizer that holds the load of one chosen tensor until told to go,
 * so tests can act while that load is in flight. */
static struct gate {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    const void *slow;
    int started;
    int go;
    atomic_int calls;
} gate = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, 0, 0, 0};

static void gate_reset(const void *slow)
{
    pthread_mutex_lock(&gate.lock);
    gate.slow = slow;
    gate.started = 0;
    gate.go = 0;
    atomic_store(&gate.calls, 0);
    pthread_mutex_unlock(&gate.lock);
}

static int gated_dequant(const void *blocks, size_t n_blocks, float *out)
{
    atomic_fetch_add(&gate.calls, 1);
    pthread_mutex_lock(&gate.lock);
    if (blocks == gate.slow) {
        gate.started++;
        pthread_cond_broadcast(&gate.cond);
        while (!gate.go)
            pthread_cond_wait(&gate.cond, &gate.lock);
    }
    pthread_mutex_unlock(&gate.lock);
    return q4k_dequantize(blocks, n_blocks, out);
}

static void gate_wait_started(int count)
{
    pthread_mutex_lock(&gate.lock);
    while (gate.started < count)
        pthread_cond_wait(&gate.cond, &gate.lock);
    pthread_mutex_unlock(&gate.lock);
}

static int gate_started(void)
{
    pthread_mutex_lock(&gate.lock);
    int s = gate.started;
    pthread_mutex_unlock(&gate.lock);
    return s;
}

static void gate_open(void)
{
    pthread_mutex_lock(&gate.lock);
    gate.go = 1;
    pthread_cond_broadcast(&gate.cond);
    pthread_mutex_unlock(&gate.lock);
}

static q4k_cache *make_gated_cache(size_t budget, counting_alloc *a)
{
    q4k_cache_options o = {.budget_bytes = budget, .dequant = gated_dequant};
    if (a) {
        o.alloc = counting_alloc_fn;
        o.free = counting_free_fn;
        o.alloc_user = a;
    }
    q4k_cache *c = NULL;
    assert_int_equal(q4k_cache_create(&o, &c), Q4K_OK);
    return c;
}

typedef struct acquirer {
    q4k_cache *c;
    size_t i, n;
    const float *f;
    int rc;
    atomic_int done;
} acquirer;

static void *acquire_thread(void *arg)
{
    acquirer *a = arg;
    char key[64];
    key_of(a->i, key, sizeof key);
    a->rc = q4k_cache_acquire(a->c, key, fixture_blocks(&fx, a->i * a->n), a->n, &a->f);
    atomic_store(&a->done, 1);
    return NULL;
}

static void test_warm_then_hits(void **state)
{
    (void)state;
    const size_t n = 2;
    q4k_cache *c = make_cache(8 * tensor_bytes(n), Q4K_CACHE_LRU);
    q4k_cache_tensor t[4];
    char keys[4][64];
    for (size_t i = 0; i < 4; i++) {
        key_of(i, keys[i], sizeof keys[i]);
        t[i] = (q4k_cache_tensor){keys[i], fixture_blocks(&fx, i * n), n, Q4K_WTYPE_Q4_K};
    }
    assert_int_equal(q4k_cache_warm(c, t, 4), Q4K_OK);
    assert_int_equal(q4k_cache_warm(c, t, 2), Q4K_OK); /* repeats are skipped */
    assert_int_equal(q4k_cache_warm_wait(c), Q4K_OK);
    q4k_cache_stats s = stats_of(c);
    assert_int_equal(s.warm_loads, 4);
    assert_int_equal(s.warm_skipped, 2);
    assert_int_equal(s.entries, 4);
    for (size_t i = 0; i < 4; i++)
        use(c, i, n);
    s = stats_of(c);
    assert_int_equal(s.hits, 4);
    assert_int_equal(s.misses, 0);
    assert_int_equal(s.dequantizations, 4);
    assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
}

/* Warmed but not yet used tensors are kept over used ones. */
static void test_warmed_entries_evicted_last(void **state)
{
    (void)state;
    const size_t n = 1;
    for (int policy = Q4K_CACHE_LRU; policy <= Q4K_CACHE_REUSE; policy++) {
        q4k_cache *c = make_cache(4 * tensor_bytes(n), (q4k_cache_policy)policy);
        use(c, 0, n);
        use(c, 1, n);
        q4k_cache_tensor t[2];
        char keys[2][64];
        for (size_t i = 0; i < 2; i++) {
            key_of(10 + i, keys[i], sizeof keys[i]);
            t[i] = (q4k_cache_tensor){keys[i], fixture_blocks(&fx, (10 + i) * n), n, Q4K_WTYPE_Q4_K};
        }
        assert_int_equal(q4k_cache_warm(c, t, 2), Q4K_OK);
        assert_int_equal(q4k_cache_warm_wait(c), Q4K_OK);
        use(c, 2, n);
        use(c, 3, n); /* two evictions: 0 and 1 go, the warmed 10 and 11 stay */
        assert_true(resident(c, 10) && resident(c, 11));
        assert_false(resident(c, 0) || resident(c, 1));
        assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
    }
}

/* A warm never evicts another warmed tensor that is still unused: it is
 * dropped instead. */
static void test_warm_does_not_evict_warm(void **state)
{
    (void)state;
    const size_t n = 1;
    q4k_cache *c = make_cache(2 * tensor_bytes(n), Q4K_CACHE_LRU);
    q4k_cache_tensor t[3];
    char keys[3][64];
    for (size_t i = 0; i < 3; i++) {
        key_of(i, keys[i], sizeof keys[i]);
        t[i] = (q4k_cache_tensor){keys[i], fixture_blocks(&fx, i * n), n, Q4K_WTYPE_Q4_K};
    }
    assert_int_equal(q4k_cache_warm(c, t, 3), Q4K_OK);
    assert_int_equal(q4k_cache_warm_wait(c), Q4K_OK);
    q4k_cache_stats s = stats_of(c);
    assert_int_equal(s.warm_loads, 2);
    assert_int_equal(s.warm_dropped, 1);
    assert_true(resident(c, 0) && resident(c, 1));
    assert_false(resident(c, 2));
    /* An acquire may evict one when nothing else is left (oldest first). */
    use(c, 2, n);
    s = stats_of(c);
    assert_int_equal(s.evictions, 1);
    assert_int_equal(s.warm_wasted, 1);
    assert_false(resident(c, 0));
    assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
}

/* A queued warm of a tensor the caller acquires first is dropped. */
static void test_acquire_cancels_queued_warm(void **state)
{
    (void)state;
    const size_t n = 2;
    gate_reset(fixture_blocks(&fx, 0));
    q4k_cache *c = make_gated_cache(8 * tensor_bytes(n), NULL);
    q4k_cache_tensor t[2];
    char keys[2][64];
    for (size_t i = 0; i < 2; i++) {
        key_of(i, keys[i], sizeof keys[i]);
        t[i] = (q4k_cache_tensor){keys[i], fixture_blocks(&fx, i * n), n, Q4K_WTYPE_Q4_K};
    }
    assert_int_equal(q4k_cache_warm(c, t, 2), Q4K_OK);
    gate_wait_started(1);       /* the worker holds tensor 0; 1 is queued */
    use(c, 1, n);               /* the caller gets there first: a miss */
    gate_open();
    assert_int_equal(q4k_cache_warm_wait(c), Q4K_OK);
    q4k_cache_stats s = stats_of(c);
    assert_int_equal(s.warm_loads, 1);
    assert_int_equal(s.warm_skipped, 1);
    assert_int_equal(s.misses, 1);
    assert_int_equal(s.dequantizations, 2); /* nobody loaded tensor 1 twice */
    assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
}

/* An acquire of a key the worker is loading waits for that load. */
static void test_acquire_waits_for_warm_in_flight(void **state)
{
    (void)state;
    const size_t n = 2;
    gate_reset(fixture_blocks(&fx, 0));
    q4k_cache *c = make_gated_cache(8 * tensor_bytes(n), NULL);
    char key[64];
    key_of(0, key, sizeof key);
    q4k_cache_tensor t = {key, fixture_blocks(&fx, 0), n, Q4K_WTYPE_Q4_K};
    assert_int_equal(q4k_cache_warm(c, &t, 1), Q4K_OK);
    gate_wait_started(1);

    acquirer a = {.c = c, .i = 0, .n = n};
    pthread_t tid;
    assert_int_equal(pthread_create(&tid, NULL, acquire_thread, &a), 0);
    sleep_ms(100);
    assert_int_equal(atomic_load(&a.done), 0); /* waiting, not loading twice */
    assert_int_equal(gate_started(), 1);
    gate_open();
    pthread_join(tid, NULL);
    assert_int_equal(a.rc, Q4K_OK);
    assert_true(fixture_matches(&fx, 0, n, a.f));
    assert_int_equal(atomic_load(&gate.calls), 1);
    q4k_cache_stats s = stats_of(c);
    assert_int_equal(s.dequantizations, 1);
    assert_int_equal(s.warm_loads, 1);
    assert_int_equal(s.hits, 1);
    assert_int_equal(s.waits, 1);
    assert_int_equal(s.misses, 0);
    assert_int_equal(release_key(c, 0), Q4K_OK);
    assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
}

/* Two threads missing on one key: one loads, the other waits. */
static void test_concurrent_miss_loads_once(void **state)
{
    (void)state;
    const size_t n = 2;
    for (int oversize = 0; oversize <= 1; oversize++) {
        gate_reset(fixture_blocks(&fx, 3 * n));
        q4k_cache *c = make_gated_cache(oversize ? tensor_bytes(1) : 8 * tensor_bytes(n), NULL);
        acquirer a = {.c = c, .i = 3, .n = n}, b = {.c = c, .i = 3, .n = n};
        pthread_t ta, tb;
        assert_int_equal(pthread_create(&ta, NULL, acquire_thread, &a), 0);
        gate_wait_started(1);
        assert_int_equal(pthread_create(&tb, NULL, acquire_thread, &b), 0);
        sleep_ms(100);
        assert_int_equal(atomic_load(&b.done), 0);
        assert_int_equal(gate_started(), 1);
        gate_open();
        pthread_join(ta, NULL);
        pthread_join(tb, NULL);
        assert_int_equal(a.rc, Q4K_OK);
        assert_int_equal(b.rc, Q4K_OK);
        assert_ptr_equal(a.f, b.f);
        assert_true(fixture_matches(&fx, 3 * n, n, a.f));
        q4k_cache_stats s = stats_of(c);
        assert_int_equal(s.dequantizations, 1);
        assert_int_equal(s.misses, 1);
        assert_int_equal(s.hits, 1);
        assert_int_equal(s.waits, 1);
        assert_int_equal(s.oversize, (uint64_t)oversize);
        assert_int_equal(release_key(c, 3), Q4K_OK);
        assert_int_equal(release_key(c, 3), Q4K_OK);
        assert_int_equal(stats_of(c).bytes_uncached, 0);
        assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
    }
}

typedef struct opener {
    counting_alloc *a;
    long live_target;
} opener;

/* Opens the gate once destroy has dropped the queued requests (their
 * memory is back), so the test does not depend on timing. */
static void *open_after_drop(void *arg)
{
    opener *o = arg;
    while (atomic_load(&o->a->live) > o->live_target)
        sleep_ms(1);
    gate_open();
    return NULL;
}

static void test_destroy_with_pending_warms(void **state)
{
    (void)state;
    const size_t n = 2, count = 8;
    counting_alloc a = {0};
    gate_reset(fixture_blocks(&fx, 0));
    q4k_cache *c = make_gated_cache(16 * tensor_bytes(n), &a);
    q4k_cache_tensor t[8];
    char keys[8][64];
    for (size_t i = 0; i < count; i++) {
        key_of(i, keys[i], sizeof keys[i]);
        t[i] = (q4k_cache_tensor){keys[i], fixture_blocks(&fx, i * n), n, Q4K_WTYPE_Q4_K};
    }
    assert_int_equal(q4k_cache_warm(c, t, count), Q4K_OK);
    gate_wait_started(1); /* the worker holds tensor 0; 7 are queued */
    opener o = {&a, atomic_load(&a.live) - (long)(count - 1)};
    pthread_t tid;
    assert_int_equal(pthread_create(&tid, NULL, open_after_drop, &o), 0);
    assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
    pthread_join(tid, NULL);
    assert_int_equal(atomic_load(&gate.calls), 1); /* the queued 7 never ran */
    assert_int_equal(atomic_load(&a.live), 0);
}

static void test_destroy_refuses_while_pinned(void **state)
{
    (void)state;
    q4k_cache *c = make_cache(1 << 20, Q4K_CACHE_REUSE);
    const float *f;
    assert_int_equal(acquire_checked(c, 0, 1, &f), Q4K_OK);
    assert_int_equal(q4k_cache_destroy(c), Q4K_EBUSY);
    assert_true(fixture_matches(&fx, 0, 1, f)); /* untouched */
    assert_int_equal(release_key(c, 0), Q4K_OK);
    assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
}

/* ---- whole layers ------------------------------------------------- */

static void test_acquire_many(void **state)
{
    (void)state;
    static const size_t sizes[7] = {4, 4, 4, 4, 12, 12, 12}; /* q k v o gate up down */
    static const char *names[7] = {"attn_q", "attn_k", "attn_v", "attn_output",
                                   "ffn_gate", "ffn_up", "ffn_down"};
    char keys[7][64];
    q4k_cache_tensor t[7];
    size_t first[7], at = 0;
    for (size_t i = 0; i < 7; i++) {
        snprintf(keys[i], sizeof keys[i], "blk.0.%s.weight", names[i]);
        first[i] = at;
        t[i] = (q4k_cache_tensor){keys[i], fixture_blocks(&fx, at), sizes[i], Q4K_WTYPE_Q4_K};
        at += sizes[i];
    }
    for (unsigned threads = 0; threads <= 3; threads++) {
        q4k_cache *c = make_cache(1 << 20, Q4K_CACHE_LRU);
        const float *f[7];
        assert_int_equal(q4k_cache_acquire_many(c, t, 7, threads, f), Q4K_OK);
        for (size_t i = 0; i < 7; i++)
            assert_true(fixture_matches(&fx, first[i], sizes[i], f[i]));
        assert_int_equal(stats_of(c).pinned, 7);
        assert_int_equal(q4k_cache_release_many(c, t, 7), Q4K_OK);
        assert_int_equal(q4k_cache_acquire_many(c, t, 7, threads, f), Q4K_OK);
        assert_int_equal(q4k_cache_release_many(c, t, 7), Q4K_OK);
        q4k_cache_stats s = stats_of(c);
        assert_int_equal(s.misses, 7);
        assert_int_equal(s.hits, 7);
        assert_int_equal(s.pinned, 0);

        /* All or nothing: one bad tensor, nothing stays acquired. */
        q4k_cache_tensor bad[7];
        memcpy(bad, t, sizeof bad);
        bad[5].n_blocks = 3; /* the key is known with 12 blocks */
        assert_int_equal(q4k_cache_acquire_many(c, bad, 7, threads, f), Q4K_EINVAL);
        for (size_t i = 0; i < 7; i++)
            assert_null(f[i]);
        assert_int_equal(stats_of(c).pinned, 0);
        assert_int_equal(q4k_cache_release_many(c, t, 1), Q4K_ENOTFOUND);
        assert_int_equal(q4k_cache_acquire_many(c, NULL, 1, threads, f), Q4K_EINVAL);
        assert_int_equal(q4k_cache_acquire_many(c, NULL, 0, threads, NULL), Q4K_OK);
        assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
    }
}

/* ---- policies on a decoder's cyclic walk --------------------------- */

/* passes over `count` tensors of n blocks in order; the hit rate of the
 * passes from `from` on. */
static double cyclic_hit_rate(q4k_cache_policy policy, size_t count, size_t budget_tensors,
                              int passes, int from)
{
    const size_t n = 2;
    q4k_cache *c = make_cache(budget_tensors * tensor_bytes(n), policy);
    uint64_t hits0 = 0, misses0 = 0;
    for (int p = 0; p < passes; p++) {
        if (p == from) {
            q4k_cache_stats s = stats_of(c);
            hits0 = s.hits;
            misses0 = s.misses;
        }
        for (size_t i = 0; i < count; i++)
            use(c, i, n);
    }
    q4k_cache_stats s = stats_of(c);
    assert_true(s.bytes_in_use <= budget_tensors * tensor_bytes(n));
    assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
    return (double)(s.hits - hits0) / (double)(s.hits - hits0 + s.misses - misses0);
}

static void test_cyclic_walk_lru_vs_reuse(void **state)
{
    (void)state;
    /* 32 tensors, room for 16: the optimum keeps 15 and streams the rest
     * through the 16th slot, 15/32 = 47% per pass. */
    double lru = cyclic_hit_rate(Q4K_CACHE_LRU, 32, 16, 12, 2);
    double reuse = cyclic_hit_rate(Q4K_CACHE_REUSE, 32, 16, 12, 2);
    print_message("cyclic 2x budget: lru %.3f, reuse %.3f (budget/size 0.500)\n", lru, reuse);
    assert_true(lru == 0.0);
    assert_true(reuse >= 0.45 && reuse <= 0.5 + 1e-9);
    /* 3x the budget: optimum ~ 1/3. */
    reuse = cyclic_hit_rate(Q4K_CACHE_REUSE, 48, 16, 12, 2);
    assert_true(reuse >= 0.30 && reuse <= 1.0 / 3 + 1e-9);
    assert_true(cyclic_hit_rate(Q4K_CACHE_LRU, 48, 16, 12, 2) == 0.0);
    /* When it all fits both keep everything after the first pass. */
    assert_true(cyclic_hit_rate(Q4K_CACHE_LRU, 12, 16, 5, 1) == 1.0);
    assert_true(cyclic_hit_rate(Q4K_CACHE_REUSE, 12, 16, 5, 1) == 1.0);
}

/* A hot set used all the time, with a one-off scan of new tensors in
 * between: REUSE keeps the hot set, LRU lets the scan flush it. */
static void test_scan_resistance(void **state)
{
    (void)state;
    const size_t n = 1;
    uint64_t hot_hits[2] = {0, 0};
    for (int policy = Q4K_CACHE_LRU; policy <= Q4K_CACHE_REUSE; policy++) {
        q4k_cache *c = make_cache(6 * tensor_bytes(n), (q4k_cache_policy)policy);
        size_t scan = 100;
        for (int round = 0; round < 20; round++) {
            for (size_t h = 0; h < 4; h++) {
                uint64_t before = stats_of(c).hits;
                use(c, h, n);
                hot_hits[policy] += stats_of(c).hits - before;
            }
            for (int k = 0; k < 8; k++)
                use(c, scan++, n); /* each seen once */
        }
        assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
    }
    print_message("hot-set hits out of 80: lru %llu, reuse %llu\n",
                  (unsigned long long)hot_hits[0], (unsigned long long)hot_hits[1]);
    assert_int_equal(hot_hits[Q4K_CACHE_LRU], 0);
    assert_true(hot_hits[Q4K_CACHE_REUSE] >= 72); /* all after 2 rounds of learning */
}

/* The decoder pattern with warming: layer l held while layer l+1 warms.
 * Both policies hit (the warm ran ahead) but REUSE dequantizes less. */
static void test_layer_walk_with_warming(void **state)
{
    (void)state;
    const size_t n = 2, layers = 8, per_layer = 4, passes = 6;
    uint64_t loads[2];
    for (int policy = Q4K_CACHE_LRU; policy <= Q4K_CACHE_REUSE; policy++) {
        q4k_cache *c = make_cache(16 * tensor_bytes(n), (q4k_cache_policy)policy);
        q4k_cache_tensor t[8][4];
        char keys[8][4][64];
        for (size_t l = 0; l < layers; l++)
            for (size_t j = 0; j < per_layer; j++) {
                size_t i = l * per_layer + j;
                key_of(i, keys[l][j], sizeof keys[l][j]);
                t[l][j] = (q4k_cache_tensor){keys[l][j], fixture_blocks(&fx, i * n), n, Q4K_WTYPE_Q4_K};
            }
        uint64_t loads_before = 0;
        for (size_t p = 0; p < passes; p++) {
            if (p == 2)
                loads_before = stats_of(c).dequantizations;
            for (size_t l = 0; l < layers; l++) {
                const float *f[4];
                assert_int_equal(q4k_cache_acquire_many(c, t[l], per_layer, 2, f), Q4K_OK);
                /* the next layer warms while this one is in use */
                assert_int_equal(q4k_cache_warm(c, t[(l + 1) % layers], per_layer), Q4K_OK);
                for (size_t j = 0; j < per_layer; j++)
                    assert_true(fixture_matches(&fx, (l * per_layer + j) * n, n, f[j]));
                assert_int_equal(q4k_cache_release_many(c, t[l], per_layer), Q4K_OK);
            }
        }
        assert_int_equal(q4k_cache_warm_wait(c), Q4K_OK);
        q4k_cache_stats s = stats_of(c);
        loads[policy] = s.dequantizations - loads_before;
        assert_true(s.bytes_in_use <= 16 * tensor_bytes(n));
        assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
    }
    print_message("layer walk, dequantizations in 4 passes: lru %llu, reuse %llu (of 128)\n",
                  (unsigned long long)loads[0], (unsigned long long)loads[1]);
    assert_true(loads[Q4K_CACHE_LRU] >= 4 * 32 - 4); /* LRU reloads everything */
    assert_true(loads[Q4K_CACHE_REUSE] <= loads[Q4K_CACHE_LRU] * 85 / 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_and_policy_names),
        cmocka_unit_test(test_invalid_arguments),
        cmocka_unit_test(test_hits_misses_exact_stats),
        cmocka_unit_test(test_lru_eviction_order),
        cmocka_unit_test(test_budget_never_exceeded),
        cmocka_unit_test(test_pinned_entry_never_evicted),
        cmocka_unit_test(test_all_pinned_served_uncached),
        cmocka_unit_test(test_oversize_uncached_and_freed),
        cmocka_unit_test(test_allocation_failure_at_every_point),
        cmocka_unit_test(test_warm_then_hits),
        cmocka_unit_test(test_warmed_entries_evicted_last),
        cmocka_unit_test(test_warm_does_not_evict_warm),
        cmocka_unit_test(test_acquire_cancels_queued_warm),
        cmocka_unit_test(test_acquire_waits_for_warm_in_flight),
        cmocka_unit_test(test_concurrent_miss_loads_once),
        cmocka_unit_test(test_destroy_with_pending_warms),
        cmocka_unit_test(test_destroy_refuses_while_pinned),
        cmocka_unit_test(test_acquire_many),
        cmocka_unit_test(test_cyclic_walk_lru_vs_reuse),
        cmocka_unit_test(test_scan_resistance),
        cmocka_unit_test(test_layer_walk_with_warming),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
