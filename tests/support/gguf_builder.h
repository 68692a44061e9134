/* gguf_builder.h - writes GGUF files into memory, valid or deliberately
 * broken, for the GGUF reader's tests and the fuzzer's seed corpus.
 * Low-level appenders (gb_u32, gb_str, ...) write exactly what they are
 * told, so a test can put any count, length or type where the format has
 * one; gb_build_model() writes a complete valid file. */
#ifndef Q4K_TEST_GGUF_BUILDER_H
#define Q4K_TEST_GGUF_BUILDER_H

#include <stddef.h>
#include <stdint.h>

typedef struct gguf_builder {
    uint8_t *data;
    size_t len, cap;
    int oom;            /* set when an append failed; the buffer is then incomplete */
} gguf_builder;

void gb_init(gguf_builder *b);
void gb_free(gguf_builder *b);

void gb_bytes(gguf_builder *b, const void *p, size_t n);
void gb_u8(gguf_builder *b, uint8_t v);
void gb_u16(gguf_builder *b, uint16_t v);
void gb_u32(gguf_builder *b, uint32_t v);
void gb_u64(gguf_builder *b, uint64_t v);
void gb_f32(gguf_builder *b, float v);
/* GGUF string: u64 length then the bytes. */
void gb_str(gguf_builder *b, const char *s);
/* Zero bytes up to the next multiple of align (a power of two). */
void gb_pad(gguf_builder *b, size_t align);
/* Overwrite 8 bytes at off (little-endian). */
void gb_patch_u64(gguf_builder *b, size_t off, uint64_t v);
void gb_patch_u32(gguf_builder *b, size_t off, uint32_t v);

/* "GGUF", version, tensor count, kv count. */
void gb_header(gguf_builder *b, uint32_t version, uint64_t n_tensors, uint64_t n_kv);
void gb_kv_u32(gguf_builder *b, const char *key, uint32_t v);
void gb_kv_str(gguf_builder *b, const char *key, const char *v);
/* A tensor record: name, n_dims, ne[0..min(n_dims,4)-1], type, relative offset. */
void gb_tensor_info(gguf_builder *b, const char *name, uint32_t n_dims, const uint64_t *ne,
                    uint32_t type, uint64_t offset);

typedef struct gb_tensor {
    const char *name;
    uint32_t n_dims;
    uint64_t ne[4];
    uint32_t type;      /* ggml type: f32 (0), q4_K (12), q6_K (14), ... */
} gb_tensor;

/* A complete valid GGUF v3 file: general.architecture, general.alignment
 * (when alignment != 0; else the default 32 applies), a string array and a
 * u32 array, then the tensors packed back to back with padding, their data
 * filled with pseudo-random bytes from seed (f32 tensors get finite
 * values). Returns 0, or -1 for an unknown type or out of memory.
 * offsets (may be NULL) receives each tensor's absolute file offset. */
int gb_build_model(gguf_builder *b, const gb_tensor *t, size_t n, uint32_t alignment,
                   uint64_t seed, uint64_t *offsets);

#endif
