/* q4k.h - public API of libq4k: fast, autotuned dequantization of
 * llama.cpp's Q4_K blocks (ggml block_q4_K, 144 bytes -> 256 floats).
 *
 * The contract is ARCHITECTURE.md section 6. Every kernel is bit-exact:
 * each non-NaN output is exactly fl32(d*sc*q - dmin*m); NaN stays NaN. */
#ifndef Q4K_H
#define Q4K_H

#include <stddef.h>
#include <stdint.h>

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

/* Dequantize n_blocks Q4_K blocks into n_blocks*256 floats through the
 * dispatch table (size bucket -> tuned variant). Pointers may be unaligned.
 * Returns 0 or a negative q4k_status. n_blocks == 0 is a no-op. */
int q4k_dequantize(const void *blocks, size_t n_blocks, float *out);

/* A short English description of a status; never NULL. */
const char *q4k_strerror(int status);

/* ---- Variants: the generated kernels ---------------------------------- */

typedef void (*q4k_kernel_fn)(const void *blocks, float *out, size_t n_blocks);

/* CPU feature bits a variant requires (q4k_variant.features). */
enum q4k_feature {
    Q4K_FEAT_NEON = 1u << 0,
    Q4K_FEAT_AVX2 = 1u << 1,
    Q4K_FEAT_FMA = 1u << 2,
    Q4K_FEAT_F16C = 1u << 3,
    Q4K_FEAT_AVX512F = 1u << 4,
    Q4K_FEAT_AVX512BW = 1u << 5,
    Q4K_FEAT_AVX512VL = 1u << 6
};

typedef struct q4k_variant {
    const char *name;     /* "q4k_dequant__neon_u2_p8_nt": ISA and parameters */
    const char *isa;      /* "scalar", "neon", "avx2", "avx512" */
    q4k_kernel_fn fn;
    const char *method;   /* how 4-bit quants become floats: "ref", "cvt", "half", "lut" */
    unsigned unroll;      /* blocks per main-loop iteration */
    unsigned prefetch;    /* prefetch distance in blocks, 0 = none */
    int nontemporal;      /* 1 = streaming stores that bypass the caches */
    uint32_t features;    /* q4k_feature bits the CPU must have */
    unsigned complexity;  /* tie-break rank: lower is simpler (tuner prefers it) */
} q4k_variant;

/* Variants usable on this CPU (features checked at run time). */
size_t q4k_variant_count(void);
const q4k_variant *q4k_variant_at(size_t i);
/* Every compiled variant, usable here or not. */
size_t q4k_variant_count_all(void);
const q4k_variant *q4k_variant_at_all(size_t i);
/* By name among all compiled variants; NULL when unknown. */
const q4k_variant *q4k_variant_find(const char *name);
/* 1 when this CPU has every feature v needs. */
int q4k_variant_usable(const q4k_variant *v);
/* q4k_feature bits of this CPU (cpuid/xgetbv on x86; NEON on aarch64). */
uint32_t q4k_cpu_features(void);

/* Dequantize with one given variant. Q4K_EINVAL for a NULL variant,
 * Q4K_EUNSUPPORTED when the CPU lacks a feature it needs. */
int q4k_dequantize_with(const q4k_variant *v, const void *blocks,
                        size_t n_blocks, float *out);

/* ---- Dispatch --------------------------------------------------------- */

/* The variant q4k_dequantize uses for n_blocks (never NULL). */
const q4k_variant *q4k_dispatch_variant(size_t n_blocks);

#ifdef __cplusplus
}
#endif

#endif /* Q4K_H */
