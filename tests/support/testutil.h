/* testutil.h - shared by the cmocka tests: test data, random bytes and an
 * independent Q4_K decoder (written from the format's prose, not from the
 * library's code, so the two cannot share a mistake). */
#ifndef Q4K_TESTUTIL_H
#define Q4K_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

/* Path of a file in the test data folder ($Q4K_TESTDATA). */
const char *tu_data_path(const char *name);
/* Whole file, malloc'd; aborts the test run with a message if unreadable. */
void *tu_read_file(const char *path, size_t *size);
/* Deterministic pseudo-random bytes (splitmix64). */
void tu_random_bytes(void *p, size_t n, uint64_t seed);
/* Independent decoder: one block of 144 bytes -> 256 floats. */
void tu_reference_block(const uint8_t *block, float out[256]);
/* 1 when a and b agree under the contract: same bits, or both NaN. */
int tu_same(float a, float b);
/* Index of the first value that breaks the contract, or -1. */
long tu_first_mismatch(const float *got, const float *want, size_t n);

#endif
