/* test_cache_pool.c - the cache's buffer recycling (runtime/cache/
 * cache_pool.c): evicted tensor buffers are reused by later loads of the
 * same size instead of freed and allocated again; resident + pooled bytes
 * and the allocator's live tensor memory stay within the budget; mixed
 * sizes, more sizes than the pool has classes, uncached tensors and
 * warming all hand every byte back (the counting allocator, and ASan, see
 * no leak); the default allocator's large buffers are 2 MiB-aligned on
 * Linux. Every float read back is checked against ggml's. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#include "cache_fixture.h"
#include "q4k_cache.h"

static fixture fx;

FIXTURE_GROUP_FUNCTIONS(fx)

static size_t tensor_bytes(size_t n_blocks)
{
    return n_blocks * Q4K_BLOCK_VALUES * sizeof(float);
}

/* An allocator that knows the live bytes of tensor-sized allocations
 * (multiples of 1 KiB; the tests keep the hash table below that). */
typedef struct bytes_alloc {
    pthread_mutex_t lock;
    size_t live_bytes, peak_bytes;
    long live, calls;
} bytes_alloc;

typedef struct header {
    size_t bytes;
    size_t pad; /* keeps the payload 16-byte aligned */
} header;

static void *bytes_alloc_fn(size_t bytes, void *user)
{
    bytes_alloc *a = user;
    header *h = malloc(sizeof *h + bytes);
    if (!h)
        return NULL;
    h->bytes = bytes;
    pthread_mutex_lock(&a->lock);
    a->calls++;
    a->live++;
    if (bytes % 1024 == 0) {
        a->live_bytes += bytes;
        if (a->live_bytes > a->peak_bytes)
            a->peak_bytes = a->live_bytes;
    }
    pthread_mutex_unlock(&a->lock);
    return h + 1;
}

static void bytes_free_fn(void *p, void *user)
{
    bytes_alloc *a = user;
    header *h = (header *)p - 1;
    pthread_mutex_lock(&a->lock);
    a->live--;
    if (h->bytes % 1024 == 0)
        a->live_bytes -= h->bytes;
    pthread_mutex_unlock(&a->lock);
    free(h);
}

static q4k_cache *make_counted(size_t budget, q4k_cache_policy policy, bytes_alloc *a)
{
    memset(a, 0, sizeof *a);
    pthread_mutex_init(&a->lock, NULL);
    q4k_cache_options o = {.budget_bytes = budget, .policy = policy, .alloc = bytes_alloc_fn,
                           .free = bytes_free_fn, .alloc_user = a};
    q4k_cache *c = NULL;
    assert_int_equal(q4k_cache_create(&o, &c), Q4K_OK);
    return c;
}

static q4k_cache_stats stats_of(q4k_cache *c)
{
    q4k_cache_stats s;
    assert_int_equal(q4k_cache_get_stats(c, &s), Q4K_OK);
    return s;
}

/* Tensor `key` = n blocks from block `first`; acquire, check, release. */
static const float *use(q4k_cache *c, size_t key, size_t first, size_t n)
{
    char name[64];
    snprintf(name, sizeof name, "t%zu", key);
    const float *f = NULL;
    assert_int_equal(q4k_cache_acquire(c, name, fixture_blocks(&fx, first), n, &f), Q4K_OK);
    assert_true(fixture_matches(&fx, first, n, f));
    assert_int_equal(q4k_cache_release(c, name), Q4K_OK);
    return f;
}

static void check_budget(q4k_cache *c, bytes_alloc *a, size_t budget)
{
    q4k_cache_stats s = stats_of(c);
    assert_true(s.bytes_in_use + s.bytes_pooled <= budget);
    pthread_mutex_lock(&a->lock);
    size_t live = a->live_bytes;
    pthread_mutex_unlock(&a->lock);
    if (s.bytes_uncached == 0)
        assert_true(live <= budget);
}

static void finish(q4k_cache *c, bytes_alloc *a)
{
    assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
    assert_int_equal(a->live, 0);
    assert_int_equal(a->live_bytes, 0);
    pthread_mutex_destroy(&a->lock);
}

/* A cyclic walk over twice the budget misses every time (LRU): after the
 * first fill every load reuses an evicted buffer, nothing is allocated. */
static void test_evicted_buffers_are_reused(void **state)
{
    (void)state;
    for (int policy = Q4K_CACHE_LRU; policy <= Q4K_CACHE_REUSE; policy++) {
        const size_t n = 4, keys = 8, budget = 4 * tensor_bytes(n);
        bytes_alloc a;
        q4k_cache *c = make_counted(budget, (q4k_cache_policy)policy, &a);
        const float *first[8] = {0};
        for (size_t pass = 0; pass < 5; pass++)
            for (size_t k = 0; k < keys; k++) {
                const float *f = use(c, k, k * n, n);
                if (pass == 0)
                    first[k] = f;
                check_budget(c, &a, budget);
            }
        q4k_cache_stats s = stats_of(c);
        assert_int_equal(s.buffer_allocs, 4); /* the first fill only */
        assert_int_equal(s.buffer_reuses, s.misses - 4);
        assert_int_equal(s.buffer_allocs + s.buffer_reuses, s.dequantizations);
        assert_true(s.misses >= 5 * keys / 2);
        assert_int_equal(s.bytes_pooled, 0); /* the budget is all resident */
        /* the reused memory is the same 4 buffers */
        for (size_t k = 4; k < keys; k++) {
            int seen = 0;
            for (size_t j = 0; j < 4; j++)
                seen |= first[k] == first[j];
            assert_true(seen);
        }
        assert_true(a.peak_bytes <= budget);
        finish(c, &a);
    }
}

/* Random uses of 20 sizes (more than the pool's classes) and an oversize
 * tensor: resident + pooled <= budget after every call, the allocator's
 * live tensor bytes too, and everything comes back at destroy. */
static void test_mixed_sizes_stay_in_budget(void **state)
{
    (void)state;
    for (int policy = Q4K_CACHE_LRU; policy <= Q4K_CACHE_REUSE; policy++) {
        const size_t budget = 40 * tensor_bytes(1);
        bytes_alloc a;
        q4k_cache *c = make_counted(budget, (q4k_cache_policy)policy, &a);
        uint64_t rng = 99;
        for (int step = 0; step < 2000; step++) {
            rng = rng * 6364136223846793005u + 1442695040888963407u;
            size_t k = (rng >> 33) % 40;
            size_t n = 1 + k % 20; /* 20 sizes, fixed per key */
            use(c, k, 8 * k, n);
            check_budget(c, &a, budget);
            if (step % 500 == 250) { /* now and then an oversize one, uncached */
                use(c, 1000, 0, 48);
                check_budget(c, &a, budget);
            }
        }
        q4k_cache_stats s = stats_of(c);
        print_message("%s: %llu loads, %llu into reused buffers\n", q4k_cache_policy_name((q4k_cache_policy)policy),
                      (unsigned long long)s.dequantizations, (unsigned long long)s.buffer_reuses);
        assert_true(s.buffer_reuses > 0); /* exact sizes only: few of 20 random sizes match */
        assert_true(s.oversize == 4);
        assert_int_equal(s.buffer_allocs + s.buffer_reuses, s.dequantizations);
        assert_true(a.peak_bytes <= budget + tensor_bytes(48)); /* the oversize one on top */
        finish(c, &a);
    }
}

/* An uncached tensor's buffer goes back to the allocator when the budget
 * has no room for it beside the resident tensors (it never pushes other
 * pooled buffers out). */
static void test_uncached_buffers(void **state)
{
    (void)state;
    const size_t n = 2, budget = 4 * tensor_bytes(n);
    bytes_alloc a;
    q4k_cache *c = make_counted(budget, Q4K_CACHE_LRU, &a);
    use(c, 9, 40, n); /* a resident, unpinned tensor... */
    use(c, 8, 44, n);
    use(c, 9, 40, n);
    const float *p0, *p1, *x;
    assert_int_equal(q4k_cache_acquire(c, "a", fixture_blocks(&fx, 0), n, &p0), Q4K_OK);
    assert_int_equal(q4k_cache_acquire(c, "b", fixture_blocks(&fx, 2), n, &p1), Q4K_OK);
    /* 9 and 8 are evicted for x (2n): their n-sized buffers do not fit it */
    assert_int_equal(q4k_cache_acquire(c, "x", fixture_blocks(&fx, 8), 2 * n, &x), Q4K_OK);
    assert_true(fixture_matches(&fx, 8, 2 * n, x));
    q4k_cache_stats s = stats_of(c);
    assert_int_equal(s.uncached, 0);
    assert_int_equal(s.evictions, 2);
    check_budget(c, &a, budget);
    /* everything pinned now: y is uncached */
    const float *y;
    assert_int_equal(q4k_cache_acquire(c, "y", fixture_blocks(&fx, 16), n, &y), Q4K_OK);
    assert_true(fixture_matches(&fx, 16, n, y));
    assert_int_equal(stats_of(c).uncached, 1);
    size_t live = a.live_bytes;
    assert_int_equal(q4k_cache_release(c, "y"), Q4K_OK); /* no room: freed at once */
    assert_int_equal(a.live_bytes, live - tensor_bytes(n));
    assert_int_equal(stats_of(c).bytes_pooled, 0);
    assert_int_equal(q4k_cache_release(c, "x"), Q4K_OK);
    assert_int_equal(q4k_cache_release(c, "b"), Q4K_OK);
    assert_int_equal(q4k_cache_release(c, "a"), Q4K_OK);
    check_budget(c, &a, budget);
    finish(c, &a);
}

/* Warming loads into recycled buffers too; with a helper thread acquiring
 * at the same time (ThreadSanitizer runs this). */
typedef struct walker {
    q4k_cache *c;
    size_t base;
} walker;

static void *walk_thread(void *arg)
{
    walker *w = arg;
    for (size_t pass = 0; pass < 6; pass++)
        for (size_t k = 0; k < 6; k++)
            use(w->c, w->base + k, (w->base + k) * 3, 3);
    return NULL;
}

static void test_warming_and_threads_reuse(void **state)
{
    (void)state;
    const size_t n = 3, budget = 8 * tensor_bytes(n);
    bytes_alloc a;
    q4k_cache *c = make_counted(budget, Q4K_CACHE_LRU, &a);
    walker w = {c, 100};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, walk_thread, &w), 0);
    char names[6][16];
    q4k_cache_tensor ts[6];
    for (size_t k = 0; k < 6; k++) {
        snprintf(names[k], sizeof names[k], "t%zu", k);
        ts[k] = (q4k_cache_tensor){names[k], fixture_blocks(&fx, k * n), n, Q4K_WTYPE_Q4_K};
    }
    for (size_t pass = 0; pass < 6; pass++)
        for (size_t k = 0; k < 6; k++) {
            assert_int_equal(q4k_cache_warm(c, &ts[(k + 1) % 6], 1), Q4K_OK);
            use(c, k, k * n, n);
            check_budget(c, &a, budget);
        }
    pthread_join(t, NULL);
    assert_int_equal(q4k_cache_warm_wait(c), Q4K_OK);
    q4k_cache_stats s = stats_of(c);
    assert_true(s.buffer_reuses > 0);
    assert_int_equal(s.buffer_allocs + s.buffer_reuses, s.dequantizations);
    assert_true(a.peak_bytes <= budget);
    finish(c, &a);
}

/* The default allocator: large buffers on a 2 MiB boundary (Linux), and
 * reused across evictions. */
static void test_default_allocator_large_buffers(void **state)
{
    (void)state;
    const size_t n = 2048; /* 2 MiB of floats */
    q4k_cache_options o = {.budget_bytes = tensor_bytes(n)};
    q4k_cache *c = NULL;
    assert_int_equal(q4k_cache_create(&o, &c), Q4K_OK);
    const float *f0 = use(c, 0, 0, n);
    const float *f1 = use(c, 1, 2048, n); /* evicts 0, reuses its buffer */
    assert_ptr_equal(f0, f1);
#if defined(__linux__)
    assert_int_equal((uintptr_t)f0 % (2u << 20), 0);
#endif
    q4k_cache_stats s = stats_of(c);
    assert_int_equal(s.buffer_allocs, 1);
    assert_int_equal(s.buffer_reuses, 1);
    assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
}

/* The default allocator on Linux: a load that finds no pooled buffer of
 * its size builds one from the pages of pooled buffers of other sizes
 * (moved, not copied or faulted anew) and splits a larger one, so a walk
 * whose tensor sizes do not pair up still allocates nothing after the
 * first fill. Every float is checked against ggml's after each move. */
static void test_default_allocator_moves_pages_between_sizes(void **state)
{
    (void)state;
    q4k_cache_options o = {.budget_bytes = tensor_bytes(4096)}; /* 4 MiB */
    q4k_cache *c = NULL;
    assert_int_equal(q4k_cache_create(&o, &c), Q4K_OK);
    for (int round = 0; round < 3; round++) {
        use(c, 0, 0, 2048);    /* 2 MiB */
        use(c, 1, 2048, 2048); /* 2 MiB: the budget is full */
        use(c, 2, 0, 4096);    /* 4 MiB: evicts both; built from their pages */
        use(c, 3, 1024, 1536); /* 1.5 MiB: evicts 2; splits its region */
        use(c, 4, 512, 3072);  /* 3 MiB: evicts 3; joins its pages and the rest of 2's */
    }
    q4k_cache_stats s = stats_of(c);
    assert_int_equal(s.dequantizations, 15);
    assert_true(s.bytes_in_use + s.bytes_pooled <= o.budget_bytes);
#if defined(__linux__)
    assert_int_equal(s.buffer_allocs, 2); /* the first fill only */
    assert_int_equal(s.buffer_reuses, 13);
#endif
    assert_int_equal(s.buffer_allocs + s.buffer_reuses, s.dequantizations);
    assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_evicted_buffers_are_reused),
        cmocka_unit_test(test_mixed_sizes_stay_in_budget),
        cmocka_unit_test(test_uncached_buffers),
        cmocka_unit_test(test_warming_and_threads_reuse),
        cmocka_unit_test(test_default_allocator_large_buffers),
        cmocka_unit_test(test_default_allocator_moves_pages_between_sizes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
