/* benchdata.h - inputs and statistics shared by q4k bench and q4k measure. */
#ifndef Q4K_BENCHDATA_H
#define Q4K_BENCHDATA_H

#include <stddef.h>
#include <stdint.h>

/* splitmix64: the deterministic generator behind every synthetic input. */
uint64_t q4k_splitmix64(uint64_t *state);

/* n blocks that look like a real model's: normal fp16 d/dmin of typical
 * magnitude (no subnormal or NaN outputs, which some CPUs handle slowly),
 * random 6-bit scales and quants. malloc'd; NULL when out of memory. */
uint8_t *q4k_bench_blocks(size_t n, uint64_t seed);

/* n Q6_K blocks (210 bytes) likewise: normal fp16 d of typical magnitude,
 * random int8 scales and 6-bit quants. malloc'd; NULL when out of memory. */
uint8_t *q4k_bench_q6k_blocks(size_t n, uint64_t seed);

/* Median and median absolute deviation of x[0..n) (x is reordered). */
double q4k_median(double *x, size_t n);
double q4k_mad(const double *x, size_t n, double median);

#endif
