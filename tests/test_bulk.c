/* test_bulk.c - q4k_bulk_dequantize (runtime/q4k_bulk.h): a layer's
 * tensors in one call, bit-identical to ggml's dequantization for every
 * thread count, with unaligned pointers, empty items and ranges that cut
 * tensors anywhere; arguments checked before anything is written. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cache_fixture.h"
#include "q4k_bulk.h"

static fixture fx;

FIXTURE_GROUP_FUNCTIONS(fx)

static const unsigned thread_counts[] = {0, 1, 2, 3, 4, 7, 64, 1000};

/* Threads only start for Q4K_BULK_MIN_BLOCKS_PER_THREAD blocks each, so
 * the split tests need more blocks than the fixture has: the gaussian
 * blocks repeated, with their golden floats repeated alike. */
typedef struct tiled {
    uint8_t *blocks;
    float *golden;
    size_t n;
} tiled;

static tiled make_tiled(size_t n)
{
    tiled t = {malloc(n * Q4K_BLOCK_BYTES), malloc(n * Q4K_BLOCK_VALUES * sizeof(float)), n};
    assert_non_null(t.blocks);
    assert_non_null(t.golden);
    for (size_t i = 0; i < n; i++) {
        size_t k = (i * 7) % FIXTURE_BLOCKS; /* not just a plain repeat */
        memcpy(t.blocks + i * Q4K_BLOCK_BYTES, fixture_blocks(&fx, k), Q4K_BLOCK_BYTES);
        memcpy(t.golden + i * Q4K_BLOCK_VALUES, fx.golden + k * Q4K_BLOCK_VALUES,
               Q4K_BLOCK_VALUES * sizeof(float));
    }
    return t;
}

static void free_tiled(tiled *t)
{
    free(t->blocks);
    free(t->golden);
}

/* A llama-like layer (q k v o gate up down), large enough for up to 8
 * threads, so every thread count here really splits it. */
static void test_layer_matches_golden(void **state)
{
    (void)state;
    static const size_t sizes[7] = {1024, 256, 256, 1024, 2752, 2752, 2752}; /* 10816 blocks */
    size_t total = 0;
    for (int i = 0; i < 7; i++)
        total += sizes[i];
    tiled td = make_tiled(total);
    float *out = malloc(total * Q4K_BLOCK_VALUES * sizeof(float));
    assert_non_null(out);
    for (size_t t = 0; t < sizeof thread_counts / sizeof thread_counts[0]; t++) {
        memset(out, 0xff, total * Q4K_BLOCK_VALUES * sizeof(float));
        q4k_bulk_item items[7];
        size_t at = 0;
        for (int i = 0; i < 7; i++) {
            items[i] = (q4k_bulk_item){td.blocks + at * Q4K_BLOCK_BYTES, sizes[i], out + at * Q4K_BLOCK_VALUES, Q4K_WTYPE_Q4_K};
            at += sizes[i];
        }
        assert_int_equal(q4k_bulk_dequantize(items, 7, thread_counts[t]), Q4K_OK);
        assert_memory_equal(out, td.golden, total * Q4K_BLOCK_VALUES * sizeof(float));
    }
    free(out);
    free_tiled(&td);
}

/* Many items of all sizes, empty ones too: the thread ranges cut items at
 * every kind of place (inside, at the first and the last block). */
static void test_many_items_any_split(void **state)
{
    (void)state;
    enum { ITEMS = 150 };
    q4k_bulk_item items[ITEMS];
    size_t first[ITEMS], n[ITEMS], total = 0;
    for (size_t i = 0; i < ITEMS; i++) {
        n[i] = i % 10 == 3 ? 0 : (i * 37 + 5) % 97 + (i % 7 == 0 ? 500 : 0); /* 0..596 */
        first[i] = total;
        total += n[i];
    }
    assert_true(total >= 6 * Q4K_BULK_MIN_BLOCKS_PER_THREAD);
    tiled td = make_tiled(total);
    float *out = malloc(total * Q4K_BLOCK_VALUES * sizeof(float));
    assert_non_null(out);
    for (size_t t = 0; t < sizeof thread_counts / sizeof thread_counts[0]; t++) {
        memset(out, 0, total * Q4K_BLOCK_VALUES * sizeof(float));
        for (size_t i = 0; i < ITEMS; i++)
            items[i] = (q4k_bulk_item){n[i] ? td.blocks + first[i] * Q4K_BLOCK_BYTES : NULL, n[i],
                                       n[i] ? out + first[i] * Q4K_BLOCK_VALUES : NULL, Q4K_WTYPE_Q4_K};
        assert_int_equal(q4k_bulk_dequantize(items, ITEMS, thread_counts[t]), Q4K_OK);
        assert_memory_equal(out, td.golden, total * Q4K_BLOCK_VALUES * sizeof(float));
    }
    free(out);
    free_tiled(&td);
}

/* Blocks at an odd address and floats off every vector alignment. */
static void test_unaligned_pointers(void **state)
{
    (void)state;
    const size_t nb = 2 * Q4K_BULK_MIN_BLOCKS_PER_THREAD + 300; /* splits in 2 */
    tiled td = make_tiled(nb);
    uint8_t *raw = malloc(nb * Q4K_BLOCK_BYTES + 1);
    float *outbuf = malloc((nb * Q4K_BLOCK_VALUES + 1) * sizeof(float));
    assert_non_null(raw);
    assert_non_null(outbuf);
    memcpy(raw + 1, td.blocks, nb * Q4K_BLOCK_BYTES);
    float *out = outbuf + 1; /* 4 bytes past malloc's alignment */
    q4k_bulk_item items[2] = {{raw + 1, 100, out, Q4K_WTYPE_Q4_K},
                              {raw + 1 + 100 * Q4K_BLOCK_BYTES, nb - 100, out + 100 * Q4K_BLOCK_VALUES, Q4K_WTYPE_Q4_K}};
    for (unsigned threads = 1; threads <= 3; threads++) {
        memset(outbuf, 0, (nb * Q4K_BLOCK_VALUES + 1) * sizeof(float));
        assert_int_equal(q4k_bulk_dequantize(items, 2, threads), Q4K_OK);
        assert_memory_equal(out, td.golden, nb * Q4K_BLOCK_VALUES * sizeof(float));
    }
    free(raw);
    free(outbuf);
    free_tiled(&td);
}

/* The same values as q4k_dequantize on special inputs too (NaN and inf in
 * d/dmin, random bytes). NaN sign and payload are free (ARCHITECTURE.md
 * section 3) and the split may pick other variants: NaN matches NaN. */
static int same_values(const float *a, const float *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != a[i] ? b[i] == b[i] : memcmp(&a[i], &b[i], sizeof a[i]) != 0)
            return 0;
    return 1;
}

static void test_same_values_as_single_calls(void **state)
{
    (void)state;
    const size_t nb = 4096;
    uint8_t *blocks = fixture_read("q4k_randbytes.bin", nb * Q4K_BLOCK_BYTES);
    assert_non_null(blocks);
    float *a = malloc(nb * Q4K_BLOCK_VALUES * sizeof(float));
    float *b = malloc(nb * Q4K_BLOCK_VALUES * sizeof(float));
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(q4k_dequantize(blocks, 1000, a), Q4K_OK);
    assert_int_equal(q4k_dequantize(blocks + 1000 * Q4K_BLOCK_BYTES, nb - 1000, a + 1000 * Q4K_BLOCK_VALUES), Q4K_OK);
    q4k_bulk_item items[2] = {{blocks, 1000, b, Q4K_WTYPE_Q4_K},
                              {blocks + 1000 * Q4K_BLOCK_BYTES, nb - 1000, b + 1000 * Q4K_BLOCK_VALUES, Q4K_WTYPE_Q4_K}};
    assert_int_equal(q4k_bulk_dequantize(items, 2, 2), Q4K_OK);
    assert_true(same_values(a, b, nb * Q4K_BLOCK_VALUES));
    free(blocks);
    free(a);
    free(b);
}

static void test_invalid_arguments_write_nothing(void **state)
{
    (void)state;
    float out[2 * Q4K_BLOCK_VALUES];
    memset(out, 0x5a, sizeof out);
    float sentinel;
    memset(&sentinel, 0x5a, sizeof sentinel);
    q4k_bulk_item items[2] = {{fixture_blocks(&fx, 0), 1, out, Q4K_WTYPE_Q4_K},
                              {fixture_blocks(&fx, 1), 1, NULL, Q4K_WTYPE_Q4_K}};
    assert_int_equal(q4k_bulk_dequantize(items, 2, 2), Q4K_EINVAL);
    assert_memory_equal(&out[0], &sentinel, sizeof sentinel); /* item 0 untouched */
    items[1] = (q4k_bulk_item){NULL, 1, out + Q4K_BLOCK_VALUES, Q4K_WTYPE_Q4_K};
    assert_int_equal(q4k_bulk_dequantize(items, 2, 1), Q4K_EINVAL);
    assert_memory_equal(&out[0], &sentinel, sizeof sentinel);
    items[1] = (q4k_bulk_item){fixture_blocks(&fx, 1), SIZE_MAX / 1024 + 1, out + Q4K_BLOCK_VALUES, Q4K_WTYPE_Q4_K};
    assert_int_equal(q4k_bulk_dequantize(items, 2, 1), Q4K_EOVERFLOW);
    /* The sum of the sizes overflows though each one fits. */
    static q4k_bulk_item many[1030];
    for (size_t i = 0; i < 1030; i++)
        many[i] = (q4k_bulk_item){fixture_blocks(&fx, 0), SIZE_MAX / 1024, out, Q4K_WTYPE_Q4_K};
    assert_int_equal(q4k_bulk_dequantize(many, 1030, 2), Q4K_EOVERFLOW);
    assert_memory_equal(&out[0], &sentinel, sizeof sentinel);
    assert_int_equal(q4k_bulk_dequantize(NULL, 1, 1), Q4K_EINVAL);
    assert_int_equal(q4k_bulk_dequantize(NULL, 0, 1), Q4K_OK);
    items[0].n_blocks = 0; /* nothing to do */
    assert_int_equal(q4k_bulk_dequantize(items, 1, 4), Q4K_OK);
    assert_memory_equal(&out[0], &sentinel, sizeof sentinel);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layer_matches_golden),
        cmocka_unit_test(test_many_items_any_split),
        cmocka_unit_test(test_unaligned_pointers),
        cmocka_unit_test(test_same_values_as_single_calls),
        cmocka_unit_test(test_invalid_arguments_write_nothing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
