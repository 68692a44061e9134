/* verify.h - checks a variant bit-exactly against its op's scalar baseline
 * (every non-NaN value bit for bit, NaN by class; Q8_K bytes byte for
 * byte) on random, adversarial and, where the files are at hand, golden
 * data; at awkward sizes and shapes and unaligned addresses, with guard
 * bytes. One pair of functions per operation (the op plans point at them):
 *   dequant       q4k_verify_variant, q4k_verify_golden (verify.c)
 *   matvec        q4k_verify_matvec, q4k_verify_matvec_golden (verify_ops.c)
 *   quantize_q8k  q4k_verify_quantize_q8k, q4k_verify_quantize_q8k_golden
 *   dequant_q6k   q4k_verify_dequant_q6k, q4k_verify_dequant_q6k_golden (verify_q6k.c)
 *   matvec_q6k    q4k_verify_matvec_q6k, q4k_verify_matvec_q6k_golden (verify_ops.c) */
#ifndef Q4K_VERIFY_H
#define Q4K_VERIFY_H

#include <stddef.h>
#include <stdint.h>

#include "q4k.h"

typedef struct q4k_verify_report {
    size_t values;        /* values compared */
    size_t mismatches;    /* values that broke the contract */
    char first[256];      /* the first mismatch, readable; "" if none */
} q4k_verify_report;

/* 0 when v passes everything, 1 when it does not (report says where), a
 * negative status when the check itself could not run (out of memory).
 * golden_dir: a folder with q4k_<case>.bin/.f32 pairs, or NULL. */
int q4k_verify_variant(const q4k_variant *v, const char *golden_dir, q4k_verify_report *rep);

/* Adds a golden check's report g (its status st) to rep: counts summed,
 * rep->first kept unless empty. Returns st. Shared by every op's verify. */
int q4k_verify_merge(q4k_verify_report *rep, const q4k_verify_report *g, int st);

/* The scalar baseline against the golden files in dir: same return values.
 * Returns 0 with rep->values == 0 when dir holds no golden files. */
int q4k_verify_golden(const q4k_variant *v, const char *dir, q4k_verify_report *rep);

/* matvec: v against q4k_matvec__scalar, bit for bit (NaN by class), on
 * random and adversarial weights (fp16 specials in d and dmin, every scale
 * and quant at its maximum, all-zero and all-one bytes) and activations
 * (+-127 everywhere: the int32 extremes of the contract; d8 zero,
 * subnormal, infinite, NaN), many shapes (rows 1..67 and 301, 1..16 blocks
 * a row, 1..9 vectors, an output stride wider than the rows), unaligned
 * pointers, guard bytes around every output, 1 and 3 threads; with
 * golden_dir also on every golden weight file read as rows of 16 blocks
 * against ggml's Q8_K vector (dot_x.q8k), and q4k_verify_matvec_golden. */
int q4k_verify_matvec(const q4k_variant *v, const char *golden_dir, q4k_verify_report *rep);

/* matvec against ggml: rows of 16 blocks of q4k_<case>.bin times dot_x.q8k
 * for the cases gaussian, outliers and large, within a tolerance (ggml sums
 * in another order) of ggml's vec_dot (dot_<case>.ggml.f32) and of the
 * float64 value (dot_<case>.deq_q8.f64): 1e-5 of the case's largest |y|.
 * rep->values counts the rows; 0 when dir holds none of the files. */
int q4k_verify_matvec_golden(const q4k_variant *v, const char *dir, q4k_verify_report *rep);

/* matvec_q6k: the same checks as q4k_verify_matvec, with Q6_K weights
 * (against q4k_matvec_q6k__scalar): fp16 specials in d, the int32 extremes
 * (every scale -128 or 127, every quant 0 or 63, against +-127 activations),
 * all-zero and all-one bytes; golden: q6k_<case>.bin rows of 16 blocks. */
int q4k_verify_matvec_q6k(const q4k_variant *v, const char *golden_dir, q4k_verify_report *rep);

/* matvec_q6k against ggml: rows of 16 blocks of q6k_<case>.bin times
 * dot_x.q8k for gaussian, outliers, randbytes and special_d, within 1e-5 of
 * the case's largest finite |y| of ggml's vec_dot (dot_q6k_<case>.ggml.f32)
 * and of the float64 value (dot_q6k_<case>.deq_q8.f64); rows where those
 * are not finite (d is inf or NaN) must be ggml's value, NaN by class. */
int q4k_verify_matvec_q6k_golden(const q4k_variant *v, const char *dir, q4k_verify_report *rep);

/* quantize_q8k: v against q4k_quantize_q8k__scalar, byte for byte, on
 * random and adversarial finite blocks (zeros of both signs, ties for the
 * largest magnitude, exact halves, tiny and huge magnitudes, lone spikes),
 * sizes 0..33 blocks, unaligned pointers, guard bytes; with golden_dir
 * also q4k_verify_quantize_q8k_golden. */
int q4k_verify_quantize_q8k(const q4k_variant *v, const char *golden_dir, q4k_verify_report *rep);

/* quantize_q8k against ggml: dot_x.f32 must give dot_x.q8k byte for byte.
 * rep->values counts the bytes; 0 when dir lacks the files. */
int q4k_verify_quantize_q8k_golden(const q4k_variant *v, const char *dir, q4k_verify_report *rep);

/* dequant_q6k: v against q4k_dequant_q6k__scalar, bit for bit (NaN by
 * class), on random and adversarial blocks (special fp16 d: zeros,
 * subnormals, the largest finite, infinities, NaNs; every byte value in
 * each of the 16 scale bytes; the extremes of the product), sizes 0..64
 * blocks, unaligned input and output, guard bytes; with golden_dir also
 * q4k_verify_dequant_q6k_golden. */
int q4k_verify_dequant_q6k(const q4k_variant *v, const char *golden_dir, q4k_verify_report *rep);

/* dequant_q6k against llama.cpp: q6k_<case>.bin -> q6k_<case>.f32 for the
 * cases gaussian, outliers, randbytes and special_d. rep->values == 0 when
 * dir holds none of them. */
int q4k_verify_dequant_q6k_golden(const q4k_variant *v, const char *dir, q4k_verify_report *rep);

/* The folder of golden vectors to use: $Q4K_TESTDATA, else the source
 * tree's tests/data if it exists, else NULL. */
const char *q4k_default_golden_dir(void);

/* 1 when a and b agree under the contract: equal bits, or both NaN. */
static inline int q4k_same_value(uint32_t a, uint32_t b)
{
    const int a_nan = (a & 0x7f800000u) == 0x7f800000u && (a & 0x7fffffu);
    const int b_nan = (b & 0x7f800000u) == 0x7f800000u && (b & 0x7fffffu);
    return a_nan ? b_nan : a == b;
}

#endif
