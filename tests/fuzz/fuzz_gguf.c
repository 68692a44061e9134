/* fuzz_gguf.c - libFuzzer target for the GGUF reader.
 *
 * Opens the input from memory, and when it opens, walks everything the
 * reader hands out (every key-value and array element, every tensor) and
 * dequantizes the small tensors, checking the promises q4k_gguf.h makes:
 * a handle that opened is safe to use without further checks. Any broken
 * promise traps, so libFuzzer reports it like a crash; ASan and UBSan catch
 * the reads and arithmetic that go wrong on the way. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "q4k_gguf.h"

#define CHECK(cond) \
    do { \
        if (!(cond)) \
            __builtin_trap(); \
    } while (0)

enum { MAX_ELEMS_WALKED = 1 << 16, MAX_DEQUANT_VALUES = 1 << 18 };

static volatile uint64_t sink; /* keeps the walks from being optimised away */

static void walk_kv(const q4k_gguf *g, const q4k_gguf_kv *kv)
{
    CHECK(kv->key && kv->key[0]);
    CHECK(q4k_gguf_find_kv(g, kv->key) == kv);
    if (kv->type == Q4K_GGUF_STRING) {
        CHECK(kv->v.s[kv->count] == '\0');
        sink += kv->count ? (uint8_t)kv->v.s[kv->count - 1] : 0;
        return;
    }
    if (kv->type != Q4K_GGUF_ARRAY)
        return;
    CHECK(kv->elem_type != Q4K_GGUF_ARRAY);
    uint64_t n = kv->count < MAX_ELEMS_WALKED ? kv->count : MAX_ELEMS_WALKED;
    for (uint64_t i = 0; i < n; i++) {
        uint64_t u;
        int64_t s;
        double f;
        const char *str;
        uint64_t len;
        if (q4k_gguf_kv_elem_u64(kv, i, &u) == Q4K_OK)
            sink += u;
        if (q4k_gguf_kv_elem_i64(kv, i, &s) == Q4K_OK)
            sink += (uint64_t)s;
        if (q4k_gguf_kv_elem_f64(kv, i, &f) == Q4K_OK)
            sink += f == f;
        if (q4k_gguf_kv_elem_str(kv, i, &str, &len) == Q4K_OK) {
            CHECK(str[len] == '\0');
            sink += len;
        }
    }
    /* one past the end is refused, never read */
    uint64_t u;
    CHECK(q4k_gguf_kv_elem_u64(kv, kv->count, &u) == Q4K_EINVAL);
}

static void walk_tensor(const q4k_gguf *g, const q4k_gguf_tensor *t, const uint8_t *base, size_t size)
{
    CHECK(t->name && t->name[0]);
    CHECK(q4k_gguf_find_tensor(g, t->name) == t);
    CHECK(t->type_name != NULL);
    CHECK(t->n_dims >= 1 && t->n_dims <= 4);
    uint64_t n = 1;
    for (int d = 0; d < 4; d++) {
        CHECK(t->ne[d] >= 1);
        n *= t->ne[d];
    }
    CHECK(n == t->n_elements);
    CHECK(t->offset <= size && t->nbytes <= size - t->offset);
    CHECK((const uint8_t *)t->data == base + t->offset);
    CHECK(t->offset % q4k_gguf_alignment(g) == 0);
    const uint8_t *p = t->data;
    sink += p[0] + p[t->nbytes - 1];

    if (!q4k_gguf_type_can_dequantize(t->type) || t->n_elements > MAX_DEQUANT_VALUES)
        return;
    float *out = malloc((size_t)t->n_elements * sizeof *out);
    if (!out)
        return;
    CHECK(q4k_gguf_tensor_dequantize(t, out) == Q4K_OK);
    uint32_t bits;
    memcpy(&bits, &out[t->n_elements - 1], sizeof bits);
    sink += bits;
    free(out);
    const void *blocks;
    size_t nb;
    if (q4k_gguf_tensor_q4k_blocks(t, &blocks, &nb) == Q4K_OK)
        CHECK(blocks == t->data && nb * 144 == t->nbytes);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    q4k_gguf *g = NULL;
    char err[256];
    err[0] = '\0';
    int rc = q4k_gguf_open_memory(data, size, &g, err, sizeof err);
    if (rc != Q4K_OK) {
        CHECK(rc < 0 && g == NULL);
        CHECK(err[0] != '\0' && memchr(err, '\0', sizeof err) != NULL);
        return 0;
    }
    CHECK(q4k_gguf_version(g) == 2 || q4k_gguf_version(g) == 3);
    for (size_t i = 0; i < q4k_gguf_kv_count(g); i++)
        walk_kv(g, q4k_gguf_kv_at(g, i));
    for (size_t i = 0; i < q4k_gguf_tensor_count(g); i++)
        walk_tensor(g, q4k_gguf_tensor_at(g, i), data, size);
    CHECK(q4k_gguf_tensor_at(g, q4k_gguf_tensor_count(g)) == NULL);
    q4k_gguf_close(g);
    return 0;
}
