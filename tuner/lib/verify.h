/* verify.h - checks a variant bit-exactly against the scalar baseline
 * (ARCHITECTURE.md section 3: every non-NaN value bit for bit, NaN by
 * class) on random, adversarial and, where the files are at hand, golden
 * blocks; at awkward sizes and unaligned addresses, with guard bytes. */
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

/* The scalar baseline against the golden files in dir: same return values.
 * Returns 0 with rep->values == 0 when dir holds no golden files. */
int q4k_verify_golden(const q4k_variant *v, const char *dir, q4k_verify_report *rep);

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
