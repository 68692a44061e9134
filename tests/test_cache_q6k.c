/* test_cache_q6k.c - Q6_K tensors through the cache, the whole-layer
 * acquire, warming and the bulk path: the Q6_K tensors of the real
 * tinyA-Q4_K_M.gguf (llama.cpp's own Q4_K_M mix) give exactly the floats of
 * q4k_dequantize_q6k on their bytes, beside Q4_K tensors in the same calls;
 * a key keeps its type; budget accounting is the same for both types. */
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "q4k.h"
#include "testutil.h"

static q4k_gguf *g;

static int setup(void **state)
{
    (void)state;
    char err[256];
    return q4k_gguf_open(tu_data_path("tinyA-Q4_K_M.gguf"), &g, err, sizeof err) == Q4K_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    q4k_gguf_close(g);
    return 0;
}

typedef struct tensor {
    const char *name;
    q4k_wtype type;
    const void *blocks;
    size_t n_blocks;
    float *want; /* the reference floats */
} tensor;

static tensor get(const char *name, q4k_wtype want_type)
{
    const q4k_gguf_tensor *t = q4k_gguf_find_tensor(g, name);
    assert_non_null(t);
    tensor x = {name, Q4K_WTYPE_Q4_K, NULL, 0, NULL};
    assert_int_equal(q4k_gguf_tensor_blocks(t, &x.type, &x.blocks, &x.n_blocks), Q4K_OK);
    assert_int_equal(x.type, want_type);
    assert_int_equal(x.n_blocks, t->n_elements / 256);
    x.want = malloc(x.n_blocks * 256 * sizeof(float));
    assert_non_null(x.want);
    if (want_type == Q4K_WTYPE_Q6_K)
        assert_int_equal(q4k_dequantize_q6k(x.blocks, x.n_blocks, x.want), Q4K_OK);
    else
        assert_int_equal(q4k_dequantize(x.blocks, x.n_blocks, x.want), Q4K_OK);
    return x;
}

static void same_floats(const float *got, const tensor *x)
{
    assert_non_null(got);
    assert_int_equal(memcmp(got, x->want, x->n_blocks * 256 * sizeof(float)), 0);
}

static void test_gguf_blocks(void **state)
{
    (void)state;
    const q4k_gguf_tensor *norm = q4k_gguf_find_tensor(g, "output_norm.weight");
    q4k_wtype ty;
    const void *b;
    size_t n;
    assert_int_equal(q4k_gguf_tensor_blocks(norm, &ty, &b, &n), Q4K_ETYPE);
    assert_int_equal(q4k_gguf_tensor_blocks(NULL, &ty, &b, &n), Q4K_EINVAL);
    assert_int_equal(q4k_wtype_block_bytes(Q4K_WTYPE_Q6_K), 210);
    assert_int_equal(q4k_wtype_block_bytes(Q4K_WTYPE_Q4_K), 144);
    assert_int_equal(q4k_wtype_block_bytes((q4k_wtype)7), 0);
    assert_string_equal(q4k_wtype_name(Q4K_WTYPE_Q6_K), "q6_K");
    /* the gguf reader's own Q6_K dequantization agrees */
    tensor x = get("blk.2.ffn_down.weight", Q4K_WTYPE_Q6_K);
    float *f = malloc(x.n_blocks * 256 * sizeof(float));
    assert_non_null(f);
    assert_int_equal(q4k_gguf_tensor_dequantize(q4k_gguf_find_tensor(g, x.name), f), Q4K_OK);
    same_floats(f, &x);
    free(f);
    free(x.want);
}

static void test_cache_acquire_q6k(void **state)
{
    (void)state;
    tensor q6 = get("blk.2.ffn_down.weight", Q4K_WTYPE_Q6_K);
    tensor q4 = get("blk.2.ffn_up.weight", Q4K_WTYPE_Q4_K);
    q4k_cache *c;
    assert_int_equal(q4k_cache_create(NULL, &c), Q4K_OK);
    const float *f;
    assert_int_equal(q4k_cache_acquire_type(c, q6.name, Q4K_WTYPE_Q6_K, q6.blocks, q6.n_blocks, &f), Q4K_OK);
    same_floats(f, &q6);
    /* the same key with another type: refused, nothing pinned */
    const float *bad = (const float *)1;
    assert_int_equal(q4k_cache_acquire(c, q6.name, q6.blocks, q6.n_blocks, &bad), Q4K_EINVAL);
    assert_null(bad);
    assert_int_equal(q4k_cache_acquire_type(c, q6.name, (q4k_wtype)9, q6.blocks, q6.n_blocks, &bad), Q4K_EINVAL);
    /* a hit gives the same floats */
    const float *f2;
    assert_int_equal(q4k_cache_acquire_type(c, q6.name, Q4K_WTYPE_Q6_K, q6.blocks, q6.n_blocks, &f2), Q4K_OK);
    assert_ptr_equal(f, f2);
    assert_int_equal(q4k_cache_acquire(c, q4.name, q4.blocks, q4.n_blocks, &f2), Q4K_OK);
    same_floats(f2, &q4);
    q4k_cache_stats st;
    assert_int_equal(q4k_cache_get_stats(c, &st), Q4K_OK);
    assert_int_equal(st.hits, 1);
    assert_int_equal(st.misses, 2);
    assert_int_equal(st.bytes_in_use, (q6.n_blocks + q4.n_blocks) * 256 * sizeof(float));
    assert_int_equal(q4k_cache_release(c, q6.name), Q4K_OK);
    assert_int_equal(q4k_cache_release(c, q6.name), Q4K_OK);
    assert_int_equal(q4k_cache_release(c, q4.name), Q4K_OK);
    assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
    free(q6.want);
    free(q4.want);
}

/* Budget and eviction the same as for Q4_K: a budget for one of the two
 * tensors evicts the Q6_K one for the Q4_K one and reloads it exactly. */
static void test_cache_budget_q6k(void **state)
{
    (void)state;
    tensor q6 = get("blk.3.ffn_down.weight", Q4K_WTYPE_Q6_K);
    tensor q4 = get("blk.3.ffn_gate.weight", Q4K_WTYPE_Q4_K);
    size_t bytes = q6.n_blocks * 256 * sizeof(float);
    assert_int_equal(bytes, q4.n_blocks * 256 * sizeof(float));
    q4k_cache_options o = {.budget_bytes = bytes + bytes / 2};
    q4k_cache *c;
    assert_int_equal(q4k_cache_create(&o, &c), Q4K_OK);
    for (int round = 0; round < 3; round++) {
        const float *f;
        assert_int_equal(q4k_cache_acquire_type(c, q6.name, Q4K_WTYPE_Q6_K, q6.blocks, q6.n_blocks, &f), Q4K_OK);
        same_floats(f, &q6);
        assert_int_equal(q4k_cache_release(c, q6.name), Q4K_OK);
        assert_int_equal(q4k_cache_acquire(c, q4.name, q4.blocks, q4.n_blocks, &f), Q4K_OK);
        same_floats(f, &q4);
        assert_int_equal(q4k_cache_release(c, q4.name), Q4K_OK);
    }
    q4k_cache_stats st;
    assert_int_equal(q4k_cache_get_stats(c, &st), Q4K_OK);
    assert_int_equal(st.misses, 6);
    assert_int_equal(st.evictions, 5);
    assert_true(st.bytes_in_use + st.bytes_pooled <= o.budget_bytes);
    assert_true(st.buffer_reuses >= 4); /* same size: the Q6_K and Q4_K tensors share buffers */
    assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
    free(q6.want);
    free(q4.want);
}

/* atomic: acquire_many and warming call the hook from several threads */
static atomic_int count_q6k;
static int count_q6k_dequant(const void *blocks, size_t n, float *out)
{
    atomic_fetch_add(&count_q6k, 1);
    return q4k_dequantize_q6k(blocks, n, out);
}

/* A whole layer (mixed types) through acquire_many on 1 and 3 threads, and
 * warming the next one; the Q6_K hook sees the Q6_K loads only. */
static void test_cache_many_and_warm_q6k(void **state)
{
    (void)state;
    static const char *const names[] = {"blk.3.attn_k.weight", "blk.3.attn_q.weight", "blk.3.attn_v.weight",
                                        "blk.3.attn_output.weight", "blk.3.ffn_gate.weight", "blk.3.ffn_up.weight",
                                        "blk.3.ffn_down.weight", "output.weight"};
    enum { N = sizeof names / sizeof names[0] };
    tensor x[N];
    q4k_cache_tensor ct[N];
    int n_q6k = 0;
    for (int i = 0; i < N; i++) {
        const q4k_gguf_tensor *t = q4k_gguf_find_tensor(g, names[i]);
        assert_non_null(t);
        x[i] = get(names[i], t->type == Q4K_GGML_Q6_K ? Q4K_WTYPE_Q6_K : Q4K_WTYPE_Q4_K);
        ct[i] = (q4k_cache_tensor){x[i].name, x[i].blocks, x[i].n_blocks, x[i].type};
        n_q6k += x[i].type == Q4K_WTYPE_Q6_K;
    }
    assert_int_equal(n_q6k, 3); /* attn_v, ffn_down, output */
    for (unsigned threads = 1; threads <= 3; threads += 2) {
        atomic_store(&count_q6k, 0);
        q4k_cache_options o = {.dequant_q6k = count_q6k_dequant};
        q4k_cache *c;
        assert_int_equal(q4k_cache_create(&o, &c), Q4K_OK);
        const float *f[N];
        assert_int_equal(q4k_cache_acquire_many(c, ct, N, threads, f), Q4K_OK);
        for (int i = 0; i < N; i++)
            same_floats(f[i], &x[i]);
        assert_int_equal(q4k_cache_release_many(c, ct, N), Q4K_OK);
        assert_int_equal(atomic_load(&count_q6k), 3);
        assert_int_equal(q4k_cache_destroy(c), Q4K_OK);

        /* warming: the worker loads them, the acquires hit */
        atomic_store(&count_q6k, 0);
        assert_int_equal(q4k_cache_create(&o, &c), Q4K_OK);
        assert_int_equal(q4k_cache_warm(c, ct, N), Q4K_OK);
        assert_int_equal(q4k_cache_warm_wait(c), Q4K_OK);
        assert_int_equal(q4k_cache_acquire_many(c, ct, N, threads, f), Q4K_OK);
        for (int i = 0; i < N; i++)
            same_floats(f[i], &x[i]);
        q4k_cache_stats st;
        assert_int_equal(q4k_cache_get_stats(c, &st), Q4K_OK);
        assert_int_equal(st.hits, N);
        assert_int_equal(st.warm_loads, N);
        assert_int_equal(atomic_load(&count_q6k), 3);
        assert_int_equal(q4k_cache_release_many(c, ct, N), Q4K_OK);
        /* a warm of an unknown type: refused, nothing queued */
        q4k_cache_tensor bad = {"bad", x[0].blocks, x[0].n_blocks, (q4k_wtype)5};
        assert_int_equal(q4k_cache_warm(c, &bad, 1), Q4K_EINVAL);
        assert_int_equal(q4k_cache_destroy(c), Q4K_OK);
    }
    for (int i = 0; i < N; i++)
        free(x[i].want);
}

/* The bulk path: mixed items, threads 0..4, with items large enough (tiled
 * to pass Q4K_BULK_MIN_BLOCKS_PER_THREAD) that the split cuts Q6_K tensors
 * between threads. */
static void test_bulk_q6k(void **state)
{
    (void)state;
    tensor q6 = get("output.weight", Q4K_WTYPE_Q6_K);     /* 512 blocks */
    tensor q4 = get("blk.0.ffn_up.weight", Q4K_WTYPE_Q4_K); /* 768 blocks */
    enum { REP = 4 };
    size_t n6 = q6.n_blocks * REP, n4 = q4.n_blocks * REP;
    uint8_t *b6 = malloc(n6 * 210 + 1), *b4 = malloc(n4 * 144 + 1);
    float *w6 = malloc(n6 * 256 * sizeof(float)), *w4 = malloc(n4 * 256 * sizeof(float));
    float *o6 = malloc(n6 * 256 * sizeof(float) + 4), *o4 = malloc(n4 * 256 * sizeof(float));
    assert_true(b6 && b4 && w6 && w4 && o6 && o4);
    for (int r = 0; r < REP; r++) { /* the Q6_K blocks at an odd address: any alignment */
        memcpy(b6 + 1 + r * q6.n_blocks * 210, q6.blocks, q6.n_blocks * 210);
        memcpy(w6 + r * q6.n_blocks * 256, q6.want, q6.n_blocks * 256 * sizeof(float));
        memcpy(b4 + r * q4.n_blocks * 144, q4.blocks, q4.n_blocks * 144);
        memcpy(w4 + r * q4.n_blocks * 256, q4.want, q4.n_blocks * 256 * sizeof(float));
    }
    static const unsigned threads[] = {0, 1, 2, 3, 4};
    for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
        memset(o6, 0xff, n6 * 256 * sizeof(float) + 4);
        memset(o4, 0xff, n4 * 256 * sizeof(float));
        q4k_bulk_item items[3] = {{b4, n4, o4, Q4K_WTYPE_Q4_K},
                                  {b6 + 1, n6, o6 + 1, Q4K_WTYPE_Q6_K},
                                  {NULL, 0, NULL, Q4K_WTYPE_Q6_K}};
        assert_int_equal(q4k_bulk_dequantize(items, 3, threads[t]), Q4K_OK);
        assert_int_equal(memcmp(o6 + 1, w6, n6 * 256 * sizeof(float)), 0);
        assert_int_equal(memcmp(o4, w4, n4 * 256 * sizeof(float)), 0);
    }
    q4k_bulk_item bad = {b6, 1, o6, (q4k_wtype)3};
    assert_int_equal(q4k_bulk_dequantize(&bad, 1, 1), Q4K_EINVAL);
    free(b6), free(b4), free(w6), free(w4), free(o6), free(o4);
    free(q6.want);
    free(q4.want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gguf_blocks),
        cmocka_unit_test(test_cache_acquire_q6k),
        cmocka_unit_test(test_cache_budget_q6k),
        cmocka_unit_test(test_cache_many_and_warm_q6k),
        cmocka_unit_test(test_bulk_q6k),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
