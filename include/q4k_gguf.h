/* q4k_gguf.h - a validating reader for llama.cpp GGUF files (versions 2, 3).
 *
 * The file is mapped read-only (or taken from memory) and checked in full
 * when it is opened: every count, string length, value type, tensor shape,
 * byte size, offset and the alignment are bounded by the bytes actually
 * there, with overflow-checked arithmetic, before anything is used. A handle
 * that opened is therefore safe to walk without further checks, and it is
 * immutable: any number of threads may read it at once.
 *
 * Errors: every function that can fail returns 0 or a negative q4k_status
 * (q4k.h). The open functions also write a one-line message to err (when
 * err is not NULL and errlen > 0), e.g.
 *   "tensor 'blk.0.attn_q.weight': data [14176, 51040) past end of file (size 20000)".
 * Statuses: Q4K_EIO (cannot open/stat/map), Q4K_EFORMAT (malformed or
 * truncated file, big-endian file), Q4K_EVERSION (version not 2 or 3),
 * Q4K_ETYPE (unknown tensor type), Q4K_ENOMEM, Q4K_EINVAL (NULL arguments).
 *
 * Byte order: GGUF files are little-endian; the reader decodes them
 * byte-wise and recognises a byte-swapped (big-endian) file by its version
 * field, reporting it as Q4K_EFORMAT. */
#ifndef Q4K_GGUF_H
#define Q4K_GGUF_H

#include <stddef.h>
#include <stdint.h>

#include "q4k_core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct q4k_gguf q4k_gguf;

/* ggml tensor types (ggml.h enum ggml_type values; the file stores these). */
enum q4k_gguf_ggml_type {
    Q4K_GGML_F32 = 0, Q4K_GGML_F16 = 1, Q4K_GGML_Q4_0 = 2, Q4K_GGML_Q4_1 = 3,
    Q4K_GGML_Q5_0 = 6, Q4K_GGML_Q5_1 = 7, Q4K_GGML_Q8_0 = 8, Q4K_GGML_Q8_1 = 9,
    Q4K_GGML_Q2_K = 10, Q4K_GGML_Q3_K = 11, Q4K_GGML_Q4_K = 12, Q4K_GGML_Q5_K = 13,
    Q4K_GGML_Q6_K = 14, Q4K_GGML_Q8_K = 15, Q4K_GGML_IQ2_XXS = 16, Q4K_GGML_IQ2_XS = 17,
    Q4K_GGML_IQ3_XXS = 18, Q4K_GGML_IQ1_S = 19, Q4K_GGML_IQ4_NL = 20, Q4K_GGML_IQ3_S = 21,
    Q4K_GGML_IQ2_S = 22, Q4K_GGML_IQ4_XS = 23, Q4K_GGML_I8 = 24, Q4K_GGML_I16 = 25,
    Q4K_GGML_I32 = 26, Q4K_GGML_I64 = 27, Q4K_GGML_F64 = 28, Q4K_GGML_IQ1_M = 29,
    Q4K_GGML_BF16 = 30, Q4K_GGML_TQ1_0 = 34, Q4K_GGML_TQ2_0 = 35, Q4K_GGML_MXFP4 = 39
};

/* GGUF metadata value types (gguf_type). */
enum q4k_gguf_vtype {
    Q4K_GGUF_U8 = 0, Q4K_GGUF_I8 = 1, Q4K_GGUF_U16 = 2, Q4K_GGUF_I16 = 3,
    Q4K_GGUF_U32 = 4, Q4K_GGUF_I32 = 5, Q4K_GGUF_F32 = 6, Q4K_GGUF_BOOL = 7,
    Q4K_GGUF_STRING = 8, Q4K_GGUF_ARRAY = 9, Q4K_GGUF_U64 = 10, Q4K_GGUF_I64 = 11,
    Q4K_GGUF_F64 = 12
};

enum { Q4K_GGUF_MAX_DIMS = 4, Q4K_GGUF_DEFAULT_ALIGNMENT = 32 };

/* One tensor of the file (read-only; lives as long as the handle). */
typedef struct q4k_gguf_tensor {
    const char *name;      /* NUL-terminated, unique within the file */
    uint32_t type;         /* enum q4k_gguf_ggml_type */
    const char *type_name; /* "q4_K", "f32", ... (ggml's spelling) */
    uint32_t n_dims;       /* 1..4 */
    uint64_t ne[4];        /* ne[0] = contiguous row length; unused dims are 1 */
    uint64_t n_elements;   /* product of ne, <= INT64_MAX */
    uint64_t offset;       /* absolute byte offset in the file */
    uint64_t rel_offset;   /* offset from the start of the data section (as stored) */
    uint64_t nbytes;       /* bytes of tensor data; offset + nbytes <= file size */
    const void *data;      /* the bytes in the mapping (not necessarily aligned beyond 'alignment') */
    size_t index;          /* position in the file's tensor table */
} q4k_gguf_tensor;

/* One metadata key-value pair (read-only; lives as long as the handle). */
typedef struct q4k_gguf_kv {
    const char *key;       /* NUL-terminated, unique within the file */
    uint32_t type;         /* enum q4k_gguf_vtype */
    uint32_t elem_type;    /* ARRAY only: element type (never ARRAY) */
    uint64_t count;        /* ARRAY: elements; STRING: bytes (excluding the NUL); else 1 */
    union {
        uint64_t u;        /* U8, U16, U32, U64, BOOL (0 or 1) */
        int64_t i;         /* I8, I16, I32, I64 */
        double f;          /* F32 (exactly widened), F64 */
        const char *s;     /* STRING: NUL-terminated copy (may hold embedded NULs) */
    } v;
    const void *elems;     /* ARRAY: private; read with q4k_gguf_kv_elem_*() */
} q4k_gguf_kv;

/* ---- Opening -------------------------------------------------------------- */

/* Map the file at path read-only and validate it. On success *out owns the
 * mapping; release with q4k_gguf_close. (If another process truncates the
 * file while it is mapped, reads can fault: SIGBUS. Don't.) */
int q4k_gguf_open(const char *path, q4k_gguf **out, char *err, size_t errlen);
/* The same, but the whole file is read into memory that the handle owns
 * (anonymous, on a 2 MiB boundary, advised for huge pages on Linux)
 * instead of mapped. Costs the file's size in memory and one read, and
 * pays back on every pass of a kernel over the weights: file mappings use
 * the page cache's 4 KiB pages, and a weight stream through them pays a
 * TLB walk per 4 KiB (on virtual machines, a costly one). llama.cpp's
 * "no mmap" mode loads the same way. */
int q4k_gguf_load(const char *path, q4k_gguf **out, char *err, size_t errlen);
/* The same from memory; data must outlive the handle (nothing is copied). */
int q4k_gguf_open_memory(const void *data, size_t size, q4k_gguf **out,
                         char *err, size_t errlen);
/* Frees the handle and unmaps (or frees) the file's bytes. NULL is a no-op. */
void q4k_gguf_close(q4k_gguf *g);

/* ---- The file ------------------------------------------------------------- */

uint32_t q4k_gguf_version(const q4k_gguf *g);     /* 2 or 3 */
uint32_t q4k_gguf_alignment(const q4k_gguf *g);   /* general.alignment or 32 */
uint64_t q4k_gguf_data_offset(const q4k_gguf *g); /* start of the data section (past the
                                                    end in a file without tensors) */
uint64_t q4k_gguf_file_size(const q4k_gguf *g);

/* ---- Tensors -------------------------------------------------------------- */

size_t q4k_gguf_tensor_count(const q4k_gguf *g);
/* NULL when i is out of range. */
const q4k_gguf_tensor *q4k_gguf_tensor_at(const q4k_gguf *g, size_t i);
/* NULL when there is no tensor of that name (O(log n)). */
const q4k_gguf_tensor *q4k_gguf_find_tensor(const q4k_gguf *g, const char *name);

/* ggml's name for a type ("q4_K", "f32", ...), or NULL when unknown. */
const char *q4k_gguf_type_name(uint32_t type);
/* Values per block and bytes per block of a type; 0 and 0 when unknown. */
int q4k_gguf_type_layout(uint32_t type, uint32_t *block_values, uint32_t *block_bytes);

/* 1 when q4k_gguf_tensor_dequantize can convert this type:
 * Q4_K (q4k_dequantize), Q6_K (q4k_dequantize_q6k), F32, F16, BF16. */
int q4k_gguf_type_can_dequantize(uint32_t type);
/* Write t->n_elements floats (row-major, ne order) to out.
 * Q4K_ETYPE for other types, Q4K_EOVERFLOW when the output does not fit in
 * size_t bytes, Q4K_EINVAL for NULL. */
int q4k_gguf_tensor_dequantize(const q4k_gguf_tensor *t, float *out);
/* The Q4_K blocks of a Q4_K tensor, for the cache and bulk paths:
 * *n_blocks = n_elements / 256. Q4K_ETYPE for any other type. */
int q4k_gguf_tensor_q4k_blocks(const q4k_gguf_tensor *t, const void **blocks, size_t *n_blocks);
/* The blocks of a Q4_K or Q6_K tensor and their type (q4k_wtype, for
 * q4k_cache_tensor and q4k_bulk_item): *n_blocks = n_elements / 256.
 * Q4K_ETYPE for any other type. */
int q4k_gguf_tensor_blocks(const q4k_gguf_tensor *t, q4k_wtype *type, const void **blocks, size_t *n_blocks);

/* ---- Metadata ------------------------------------------------------------- */

size_t q4k_gguf_kv_count(const q4k_gguf *g);
const q4k_gguf_kv *q4k_gguf_kv_at(const q4k_gguf *g, size_t i);  /* NULL if out of range */
const q4k_gguf_kv *q4k_gguf_find_kv(const q4k_gguf *g, const char *key); /* NULL if absent */
/* "u8", "string", "array", ...; "?" when unknown. */
const char *q4k_gguf_vtype_name(uint32_t vtype);

/* Typed lookups by key: Q4K_ENOTFOUND when absent, Q4K_ETYPE when the value
 * has another type or does not fit (integers convert between widths and
 * signedness when the value fits; f64 accepts F32 and F64). */
int q4k_gguf_get_u32(const q4k_gguf *g, const char *key, uint32_t *out);
int q4k_gguf_get_u64(const q4k_gguf *g, const char *key, uint64_t *out);
int q4k_gguf_get_i64(const q4k_gguf *g, const char *key, int64_t *out);
int q4k_gguf_get_f64(const q4k_gguf *g, const char *key, double *out);
int q4k_gguf_get_bool(const q4k_gguf *g, const char *key, int *out);
int q4k_gguf_get_str(const q4k_gguf *g, const char *key, const char **out);

/* Element i of an ARRAY kv: Q4K_EINVAL when i >= count or kv is not an
 * array, Q4K_ETYPE when the element type does not convert (same rules as
 * above). Strings: NUL-terminated, *len (may be NULL) excludes the NUL. */
int q4k_gguf_kv_elem_u64(const q4k_gguf_kv *kv, uint64_t i, uint64_t *out);
int q4k_gguf_kv_elem_i64(const q4k_gguf_kv *kv, uint64_t i, int64_t *out);
int q4k_gguf_kv_elem_f64(const q4k_gguf_kv *kv, uint64_t i, double *out);
int q4k_gguf_kv_elem_str(const q4k_gguf_kv *kv, uint64_t i, const char **out, uint64_t *len);

#ifdef __cplusplus
}
#endif

#endif /* Q4K_GGUF_H */
