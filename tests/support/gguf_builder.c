/* gguf_builder.c - in-memory GGUF writer for tests (see gguf_builder.h). */
#include <stdlib.h>
#include <string.h>

#include "gguf_builder.h"

void gb_init(gguf_builder *b)
{
    memset(b, 0, sizeof *b);
}

void gb_free(gguf_builder *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

void gb_bytes(gguf_builder *b, const void *p, size_t n)
{
    if (b->oom)
        return;
    if (n > b->cap - b->len) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap - b->len < n)
            cap *= 2;
        uint8_t *d = realloc(b->data, cap);
        if (!d) {
            b->oom = 1;
            return;
        }
        b->data = d;
        b->cap = cap;
    }
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
}

static void put_le(uint8_t *p, uint64_t v, int n)
{
    for (int i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

void gb_u8(gguf_builder *b, uint8_t v) { gb_bytes(b, &v, 1); }

void gb_u16(gguf_builder *b, uint16_t v)
{
    uint8_t p[2];
    put_le(p, v, 2);
    gb_bytes(b, p, 2);
}

void gb_u32(gguf_builder *b, uint32_t v)
{
    uint8_t p[4];
    put_le(p, v, 4);
    gb_bytes(b, p, 4);
}

void gb_u64(gguf_builder *b, uint64_t v)
{
    uint8_t p[8];
    put_le(p, v, 8);
    gb_bytes(b, p, 8);
}

void gb_f32(gguf_builder *b, float v)
{
    uint32_t bits;
    memcpy(&bits, &v, 4);
    gb_u32(b, bits);
}

void gb_str(gguf_builder *b, const char *s)
{
    size_t n = strlen(s);
    gb_u64(b, n);
    gb_bytes(b, s, n);
}

void gb_pad(gguf_builder *b, size_t align)
{
    static const uint8_t zero[64];
    while (b->len % align && !b->oom) {
        size_t n = align - b->len % align;
        gb_bytes(b, zero, n < sizeof zero ? n : sizeof zero);
    }
}

void gb_patch_u64(gguf_builder *b, size_t off, uint64_t v)
{
    if (!b->oom && off + 8 <= b->len)
        put_le(b->data + off, v, 8);
}

void gb_patch_u32(gguf_builder *b, size_t off, uint32_t v)
{
    if (!b->oom && off + 4 <= b->len)
        put_le(b->data + off, v, 4);
}

void gb_header(gguf_builder *b, uint32_t version, uint64_t n_tensors, uint64_t n_kv)
{
    gb_bytes(b, "GGUF", 4);
    gb_u32(b, version);
    gb_u64(b, n_tensors);
    gb_u64(b, n_kv);
}

void gb_kv_u32(gguf_builder *b, const char *key, uint32_t v)
{
    gb_str(b, key);
    gb_u32(b, 4); /* u32 */
    gb_u32(b, v);
}

void gb_kv_str(gguf_builder *b, const char *key, const char *v)
{
    gb_str(b, key);
    gb_u32(b, 8); /* string */
    gb_str(b, v);
}

void gb_tensor_info(gguf_builder *b, const char *name, uint32_t n_dims, const uint64_t *ne,
                    uint32_t type, uint64_t offset)
{
    gb_str(b, name);
    gb_u32(b, n_dims);
    for (uint32_t d = 0; d < n_dims && d < 4; d++) /* a bad n_dims still writes at most 4 */
        gb_u64(b, ne[d]);
    gb_u32(b, type);
    gb_u64(b, offset);
}

/* Bytes of a tensor of the few types the builder writes data for. */
static int tensor_bytes(const gb_tensor *t, uint64_t *out)
{
    uint64_t n = 1;
    for (uint32_t d = 0; d < t->n_dims; d++)
        n *= t->ne[d];
    switch (t->type) {
    case 0: *out = n * 4; return 0;               /* f32 */
    case 1: case 30: *out = n * 2; return 0;      /* f16, bf16 */
    case 12: *out = n / 256 * 144; return 0;      /* q4_K */
    case 14: *out = n / 256 * 210; return 0;      /* q6_K */
    case 8: *out = n / 32 * 34; return 0;         /* q8_0 */
    default: return -1;
    }
}

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

int gb_build_model(gguf_builder *b, const gb_tensor *t, size_t n, uint32_t alignment,
                   uint64_t seed, uint64_t *offsets)
{
    uint64_t align = alignment ? alignment : 32;
    uint64_t rel[64];
    if (n > 64)
        return -1;
    uint64_t at = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t nb;
        if (tensor_bytes(&t[i], &nb))
            return -1;
        rel[i] = at;
        at = (at + nb + align - 1) / align * align;
    }
    gb_header(b, 3, n, alignment ? 4 : 3);
    gb_kv_str(b, "general.architecture", "llama");
    if (alignment)
        gb_kv_u32(b, "general.alignment", alignment);
    gb_str(b, "tokenizer.ggml.tokens"); /* array of strings */
    gb_u32(b, 9);
    gb_u32(b, 8);
    gb_u64(b, 3);
    gb_str(b, "<s>");
    gb_str(b, "");
    gb_str(b, "hello");
    gb_str(b, "llama.rope.dims"); /* array of u32 */
    gb_u32(b, 9);
    gb_u32(b, 4);
    gb_u64(b, 2);
    gb_u32(b, 64);
    gb_u32(b, 128);
    for (size_t i = 0; i < n; i++)
        gb_tensor_info(b, t[i].name, t[i].n_dims, t[i].ne, t[i].type, rel[i]);
    gb_pad(b, align);
    size_t data_start = b->len;
    for (size_t i = 0; i < n; i++) {
        uint64_t nb = 0; /* tensor_bytes fails only on shapes the caller never passes */
        tensor_bytes(&t[i], &nb);
        while (b->len - data_start < rel[i] && !b->oom)
            gb_u8(b, 0);
        if (offsets)
            offsets[i] = b->len;
        for (uint64_t k = 0; k < nb && !b->oom;) {
            if (t[i].type == 0) { /* finite floats in [-1, 1) */
                gb_f32(b, (float)((double)(splitmix64(&seed) >> 11) * 0x1p-52 - 1.0));
                k += 4;
            } else {
                gb_u8(b, (uint8_t)splitmix64(&seed));
                k++;
            }
        }
    }
    gb_pad(b, align); /* ggml reads the last tensor's padding too */
    return b->oom ? -1 : 0;
}
