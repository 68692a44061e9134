/* gguf_internal.h - private layout of a q4k_gguf handle, shared by the
 * runtime/gguf*.c files (not installed, not for callers). */
#ifndef Q4K_GGUF_INTERNAL_H
#define Q4K_GGUF_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "gguf_arena.h"
#include "q4k_format.h"
#include "q4k_gguf.h"

/* One element of a string array: a NUL-terminated copy and its length. */
typedef struct gguf_str_elem {
    const char *s;
    uint64_t len;
} gguf_str_elem;


struct q4k_gguf {
    const uint8_t *base;  /* the file's bytes */
    uint64_t size;
    void *map;            /* mmap'ed region to unmap, NULL for memory handles */
    size_t map_len;
    void *owned;          /* q4k_gguf_load's copy of the file, to free; else NULL */

    uint32_t version;
    uint32_t alignment;
    uint64_t data_offset;

    q4k_gguf_kv *kv;
    size_t n_kv;
    q4k_gguf_tensor *tensors;
    size_t n_tensors;

    /* indices sorted by key / tensor name, for binary search */
    size_t *kv_by_key;
    size_t *tensor_by_name;

    gguf_arena arena;     /* keys, names, strings, string arrays */
};

/* Parse and validate size bytes at base into g (whose base/size/map fields
 * are set). On failure g may hold partial state: free it with
 * gguf_release(). */
int gguf_parse(q4k_gguf *g, char *err, size_t errlen);
/* Free everything g owns except the mapping. */
void gguf_release(q4k_gguf *g);

/* Little-endian loads from possibly unaligned memory (host-independent). */
static inline uint16_t gguf_le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}
static inline uint32_t gguf_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static inline uint64_t gguf_le64(const uint8_t *p)
{
    return (uint64_t)gguf_le32(p) | ((uint64_t)gguf_le32(p + 4) << 32);
}

/* IEEE binary16 -> binary32, exact (q4k_format.h: one definition for the
 * whole library). */
static inline float gguf_fp16_to_fp32(uint16_t h)
{
    return q4k_fp16_to_fp32(h);
}

/* Bytes of one scalar GGUF value type; 0 for STRING, ARRAY and unknown. */
uint32_t gguf_vtype_size(uint32_t vtype);

#endif /* Q4K_GGUF_INTERNAL_H */
