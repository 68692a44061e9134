/* q4k_core.h - the core of libq4k's public API: status codes, operations,
 * CPU features, the registry of generated kernel variants, and Q4_K
 * dequantization (llama.cpp's block_q4_K, 144 bytes -> 256 floats) and
 * Q6_K dequantization (block_q6_K, 210 bytes -> 256 floats).
 * Include q4k.h for the whole API.
 *
 * The contract is ARCHITECTURE.md section 6. Every dequantization kernel is
 * bit-exact: each non-NaN output is exactly fl32(d*sc*q - dmin*m); NaN
 * stays NaN. */
#ifndef Q4K_CORE_H
#define Q4K_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "q4k_features.h" /* generated from gen/isas.lua: enum q4k_feature */

#ifdef __cplusplus
extern "C" {
#endif

enum { Q4K_BLOCK_VALUES = 256, Q4K_BLOCK_BYTES = 144 };

/* Status codes: 0 is success, every failure is negative. */
enum q4k_status {
    Q4K_OK = 0,
    Q4K_EINVAL = -1,      /* NULL pointer with work to do, or a bad argument */
    Q4K_EOVERFLOW = -2,   /* a size whose bytes do not fit in size_t */
    Q4K_EUNSUPPORTED = -3,/* variant not usable on this CPU */
    Q4K_ENOMEM = -4,      /* out of memory */
    Q4K_EIO = -5,         /* cannot open, read, map or write a file */
    Q4K_EFORMAT = -6,     /* malformed input file (GGUF, profile, ...) */
    Q4K_ENOTFOUND = -7,   /* no such variant, tensor or key */
    Q4K_ETYPE = -8,       /* tensor type that cannot be dequantized */
    Q4K_EVERSION = -9,    /* file version not supported */
    Q4K_EBUSY = -10       /* object still in use (pinned entries, ...) */
};

/* A short English description of a status; never NULL. */
const char *q4k_strerror(int status);

/* ---- Operations -------------------------------------------------------
 * Every kernel variant, dispatch bucket, profile line and measurement
 * belongs to one operation. Each operation has its own size measure for
 * dispatch (dequant: blocks). */
typedef enum q4k_op {
    Q4K_OP_DEQUANT = 0,      /* Q4_K blocks -> float32; size = blocks */
    Q4K_OP_MATVEC = 1,       /* Q4_K matrix x Q8_K vectors (q4k_matvec.h); size = weight blocks */
    Q4K_OP_QUANTIZE_Q8K = 2, /* float32 -> Q8_K activations (q4k_matvec.h); size = blocks */
    Q4K_OP_DEQUANT_Q6K = 3,  /* Q6_K blocks -> float32 (q4k_dequantize_q6k); size = blocks */
    Q4K_OP_MATVEC_Q6K = 4,   /* Q6_K matrix x Q8_K vectors (q4k_matvec_q6k.h); size = weight blocks */
    Q4K_OP_COUNT
} q4k_op;

/* "dequant", ...; NULL for an unknown op (or a value no op has: the
 * values need not be dense). */
const char *q4k_op_name(q4k_op op);
/* The op named name, or -1. */
int q4k_op_find(const char *name);

/* Dequantize n_blocks Q4_K blocks into n_blocks*256 floats through the
 * dispatch table (size bucket -> tuned variant). Pointers may be unaligned.
 * Returns 0 or a negative q4k_status. n_blocks == 0 is a no-op. */
int q4k_dequantize(const void *blocks, size_t n_blocks, float *out);

/* ---- Variants: the generated kernels ---------------------------------- */

/* The kernel signature of Q4K_OP_DEQUANT and Q4K_OP_DEQUANT_Q6K. */
typedef void (*q4k_kernel_fn)(const void *blocks, float *out, size_t n_blocks);
/* Q4K_OP_MATVEC (and Q4K_OP_MATVEC_Q6K, with Q6_K weight rows): y[v*ldy + r] = the canonical dot of weight row r (n_bpr
 * Q4_K blocks, rows contiguous) and activation vector v (n_bpr Q8_K blocks,
 * vectors contiguous), for r < n_rows, v < n_vecs (q4k_matvec.h). */
typedef void (*q4k_matvec_fn)(const void *w, size_t n_rows, size_t n_bpr, const void *xq, size_t n_vecs,
                              float *y, size_t ldy);
/* Q4K_OP_QUANTIZE_Q8K: n_blocks*256 finite floats -> n_blocks Q8_K blocks. */
typedef void (*q4k_quantize_fn)(const float *x, size_t n_blocks, void *out);

typedef struct q4k_variant {
    const char *name;     /* "q4k_dequant__neon_half_u2_p16_nt": operation, ISA and parameters */
    const char *isa;      /* "scalar", "neon", "avx2", "avx512", "avx512vnni", ... */
    q4k_kernel_fn fn;     /* the kernel, when op is Q4K_OP_DEQUANT or Q4K_OP_DEQUANT_Q6K (else NULL) */
    const char *method;   /* how the kernel works: "ref", "cvt", "half", "fmlal", "lut", "maddubs", ... */
    unsigned unroll;      /* dequant: blocks per main-loop iteration; matvec: rows per iteration */
    unsigned prefetch;    /* prefetch distance in blocks, 0 = none */
    int nontemporal;      /* 1 = streaming stores that bypass the caches */
    uint32_t features;    /* q4k_feature bits the CPU must have */
    unsigned complexity;  /* tie-break rank: lower is simpler (tuner prefers it) */
    q4k_op op;            /* the operation it computes */
    q4k_matvec_fn matvec; /* the kernel, when op is Q4K_OP_MATVEC or Q4K_OP_MATVEC_Q6K */
    q4k_quantize_fn quantize; /* the kernel, when op is Q4K_OP_QUANTIZE_Q8K */
    unsigned vecs;        /* matvec: activation vectors per iteration (sharing each weight unpack) */
    unsigned layout;      /* matvec, matvec_q6k: the weights it reads: 0 = rows as GGUF stores them,
                             n = packed by q4k_pack (q4k_pack_q6k) with rows interleaved by n
                             (q4k_matvec.h, q4k_matvec_q6k.h) */
} q4k_variant;

/* Variants usable on this CPU (features checked at run time). */
size_t q4k_variant_count(void);
const q4k_variant *q4k_variant_at(size_t i);
/* Every compiled variant, usable here or not. */
size_t q4k_variant_count_all(void);
const q4k_variant *q4k_variant_at_all(size_t i);
/* By name among all compiled variants; NULL when unknown. */
const q4k_variant *q4k_variant_find(const char *name);
/* 1 when this CPU has every feature v needs (after Q4K_CPU_DISABLE). */
int q4k_variant_usable(const q4k_variant *v);

/* q4k_feature bits of this CPU: cpuid/xgetbv on x86, HWCAP on Linux
 * aarch64, sysctl on macOS, minus the names listed in the environment
 * variable Q4K_CPU_DISABLE (comma or space separated, e.g.
 * "avx512f,avx2"): a way to test refusal and fallback on any host. */
uint32_t q4k_cpu_features(void);
/* The bits the hardware has, before Q4K_CPU_DISABLE. */
uint32_t q4k_cpu_features_detected(void);
/* The feature's name as q4k info prints it ("avx512f"); NULL if unknown. */
const char *q4k_feature_name(uint32_t bit);
/* Space-separated names of a feature set ("avx2 fma f16c"). */
void q4k_feature_names(uint32_t bits, char *out, size_t outlen);
/* The bit of a feature name, 0 when unknown. */
uint32_t q4k_feature_bit(const char *name);

/* Dequantize with one given variant. Q4K_EINVAL for a NULL variant or one
 * of another operation, Q4K_EUNSUPPORTED when the CPU lacks a feature it
 * needs. */
int q4k_dequantize_with(const q4k_variant *v, const void *blocks,
                        size_t n_blocks, float *out);

/* The variant q4k_dequantize uses for n_blocks (never NULL). */
const q4k_variant *q4k_dispatch_variant(size_t n_blocks);

/* ---- Q6_K dequantization ----------------------------------------------
 * llama.cpp's block_q6_K (Q4K_Q6K_BLOCK_BYTES = 210 bytes -> 256 floats,
 * layout in q4k_format.h), the other weight type of Q4_K_M files. Bit-exact
 * like Q4_K: each non-NaN output is exactly fl32(d * scale * q), which is
 * exact in fp32 (q4k_format.h); NaN stays NaN. */

/* Dequantize n_blocks Q6_K blocks into n_blocks*256 floats through the
 * dispatch table (operation Q4K_OP_DEQUANT_Q6K). Pointers may be unaligned.
 * Returns 0, Q4K_EINVAL (a NULL pointer with n_blocks > 0) or
 * Q4K_EOVERFLOW (the output's bytes do not fit in size_t). n_blocks == 0
 * is a no-op. */
int q4k_dequantize_q6k(const void *blocks, size_t n_blocks, float *out);

/* With one given variant of Q4K_OP_DEQUANT_Q6K: Q4K_EINVAL for a NULL
 * variant or one of another operation, Q4K_EUNSUPPORTED when the CPU lacks
 * a feature it needs; otherwise as q4k_dequantize_q6k. */
int q4k_dequantize_q6k_with(const q4k_variant *v, const void *blocks, size_t n_blocks, float *out);

/* ---- Weight types of the cache and bulk paths ---------------------------
 * The quantized block formats q4k dequantizes with tuned kernels: a tensor
 * given to the cache (q4k_cache.h) or the bulk path (q4k_bulk.h) names one.
 * 0 is Q4_K, so zero-initialized structs keep meaning Q4_K. */
typedef enum q4k_wtype {
    Q4K_WTYPE_Q4_K = 0, /* block_q4_K: Q4K_BLOCK_BYTES (144) bytes -> 256 floats, q4k_dequantize */
    Q4K_WTYPE_Q6_K = 1  /* block_q6_K: 210 bytes -> 256 floats, q4k_dequantize_q6k */
} q4k_wtype;

/* Bytes of one block of type t; 0 for an unknown type. */
size_t q4k_wtype_block_bytes(q4k_wtype t);
/* "q4_K", "q6_K" (ggml's spelling); NULL for an unknown type. */
const char *q4k_wtype_name(q4k_wtype t);
/* q4k_dequantize or q4k_dequantize_q6k by t; Q4K_EINVAL for an unknown type. */
int q4k_dequantize_wtype(q4k_wtype t, const void *blocks, size_t n_blocks, float *out);

#ifdef __cplusplus
}
#endif

#endif /* Q4K_CORE_H */
