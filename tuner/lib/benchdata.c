/* benchdata.c - benchmark inputs and robust statistics. */
#include <stdlib.h>

#include "benchdata.h"
#include "q4k.h"

uint64_t q4k_splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

uint8_t *q4k_bench_blocks(size_t n, uint64_t seed)
{
    uint8_t *x = malloc(n ? n * Q4K_BLOCK_BYTES : 1);
    if (!x)
        return NULL;
    for (size_t b = 0; b < n; b++) {
        uint8_t *p = x + b * Q4K_BLOCK_BYTES;
        for (int i = 0; i < Q4K_BLOCK_BYTES; i += 8) {
            uint64_t r = q4k_splitmix64(&seed);
            for (int k = 0; k < 8 && i + k < Q4K_BLOCK_BYTES; k++)
                p[i + k] = (uint8_t)(r >> (8 * k));
        }
        /* d, dmin in [2^-10, 2^-6): fp16 exponent 5..8, random mantissa */
        uint16_t d = (uint16_t)(((5 + (p[0] & 3)) << 10) | ((p[1] << 2) & 0x3ff));
        uint16_t dmin = (uint16_t)(((5 + (p[2] & 3)) << 10) | ((p[3] << 2) & 0x3ff));
        p[0] = (uint8_t)d, p[1] = (uint8_t)(d >> 8), p[2] = (uint8_t)dmin, p[3] = (uint8_t)(dmin >> 8);
    }
    return x;
}

uint8_t *q4k_bench_q6k_blocks(size_t n, uint64_t seed)
{
    uint8_t *x = malloc(n ? n * Q4K_Q6K_BLOCK_BYTES : 1);
    if (!x)
        return NULL;
    for (size_t b = 0; b < n; b++) {
        uint8_t *p = x + b * Q4K_Q6K_BLOCK_BYTES;
        for (int i = 0; i < Q4K_Q6K_BLOCK_BYTES; i += 8) {
            uint64_t r = q4k_splitmix64(&seed);
            for (int k = 0; k < 8 && i + k < Q4K_Q6K_BLOCK_BYTES; k++)
                p[i + k] = (uint8_t)(r >> (8 * k));
        }
        /* d in [2^-14, 2^-10) (llama.cpp's d is about max|x| / (128*32)):
         * fp16 exponent 1..4, random mantissa; never subnormal, inf or NaN */
        uint8_t *d = p + Q6K_OFF_D;
        uint16_t h = (uint16_t)(((1 + (d[0] & 3)) << 10) | ((d[1] << 2) & 0x3ff));
        d[0] = (uint8_t)h, d[1] = (uint8_t)(h >> 8);
    }
    return x;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double q4k_median(double *x, size_t n)
{
    if (n == 0)
        return 0;
    qsort(x, n, sizeof *x, cmp_double);
    return n % 2 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
}

double q4k_mad(const double *x, size_t n, double median)
{
    if (n == 0)
        return 0;
    double *dev = malloc(n * sizeof *dev);
    if (!dev)
        return 0;
    for (size_t i = 0; i < n; i++)
        dev[i] = x[i] > median ? x[i] - median : median - x[i];
    double m = q4k_median(dev, n);
    free(dev);
    return m;
}
